"""Load and check a data folder: the one entry point the CLI and the plugin share."""
from __future__ import annotations

from pathlib import Path

from . import checks, collector, reportcache
from .digests import Digests
from .loader import load
from .problems import Report
from .repository import Repository


def validate(data_dir: str | Path, display_root: Path | None = None,
             cache: Path | None = None, workers: int = 0,
             digests: Digests | None = None) -> tuple[Repository, Report]:
    """`cache`: a folder for the parse cache (parsecache.py); None parses every file.
    `workers`: processes reading files and checking records (0: one per core; 1: this one
    alone; never forked beside other threads: `parallel.can_fork`). `digests`: the files' digests
    (digests.py: by default those kept in `cache`), kept there again."""
    report = Report()
    digests = digests if digests is not None else Digests(cache)
    with collector.paused():
        repo = load(Path(data_dir), report, display_root, workers=workers, cache=cache, digests=digests)
        checks.check(repo, report, cache, workers)
    digests.write()
    return repo, report


def report_of(data_dir: str | Path, display_root: Path | None = None, cache: Path | None = None,
              keep: list | None = None) -> Report:
    """The report alone (`thidua validate`): with a `cache` folder, the last run's report when
    nothing it read has changed (reportcache.py), without loading a record. `keep`: a list the
    records loaded are put in rather than freed here, for a process about to end without freeing
    them (half a second at national scale)."""
    keep = keep if keep is not None else []
    if cache is None:
        repo, report = validate(data_dir, display_root)
        keep.append(repo)
        return report
    data_dir = Path(data_dir)
    stamp = reportcache.code_stamp()  # the code as it is now, imported at the start of the process
    digests = Digests(cache)
    key, stats = reportcache.inputs(data_dir, display_root if display_root is not None else data_dir.parent, digests)
    kept = reportcache.read(cache, key, stamp)
    if kept is not None:
        digests.write()
        return Report(kept)
    repo, report = validate(data_dir, display_root, cache, digests=digests)
    keep.append(repo)
    # kept only if nothing changed while validating (the data, or the code: a checkout meanwhile)
    if reportcache.settled(data_dir) == stats and reportcache.code_stamp() == stamp:
        reportcache.write(cache, key, stamp, report.problems)
    return report

"""Load and check a data folder: the one entry point the CLI and the plugin share."""
from __future__ import annotations

import gc
from pathlib import Path

from . import checks
from .loader import load
from .problems import Report
from .repository import Repository


def validate(data_dir: str | Path, display_root: Path | None = None,
             cache: Path | None = None) -> tuple[Repository, Report]:
    """`cache`: a folder for the parse cache (parsecache.py); None parses every file."""
    report = Report()
    # Loading and checking make millions of objects and almost no cycles: the collector would
    # rescan them again and again for nothing (minutes at national scale). Off meanwhile.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        repo = load(Path(data_dir), report, display_root, cache=cache)
        checks.check(repo, report, cache)
    finally:
        if gc_was_on:
            gc.enable()
    return repo, report

"""Load and check a data folder: the one entry point the CLI and the plugin share."""
from __future__ import annotations

from pathlib import Path

from . import checks
from .loader import load
from .problems import Report
from .repository import Repository


def validate(data_dir: str | Path, display_root: Path | None = None,
             cache: Path | None = None) -> tuple[Repository, Report]:
    """`cache`: a folder for the parse cache (parsecache.py); None parses every file."""
    report = Report()
    repo = load(Path(data_dir), report, display_root, cache=cache)
    checks.check(repo, report)
    return repo, report

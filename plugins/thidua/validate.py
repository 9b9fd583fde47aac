"""Load and check a data folder: the one entry point the CLI and the plugin share."""
from __future__ import annotations

from pathlib import Path

from . import checks
from .loader import load
from .problems import Report
from .repository import Repository


def validate(data_dir: str | Path, display_root: Path | None = None) -> tuple[Repository, Report]:
    report = Report()
    repo = load(Path(data_dir), report, display_root)
    checks.check(repo, report)
    return repo, report

"""Load and check a data folder: the one entry point the CLI and the plugin share."""
from __future__ import annotations

from pathlib import Path

from . import rules
from .loader import load
from .repository import Repository
from .problems import Report


def validate(data_dir: str | Path, display_root: Path | None = None) -> tuple[Repository, Report]:
    report = Report()
    repo = load(Path(data_dir), report, display_root)
    rules.check(repo, report)
    return repo, report

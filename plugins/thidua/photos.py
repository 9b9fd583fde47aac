"""Which photo files may be published: one test that the validator reports and the page builder obeys."""
from __future__ import annotations

import re
from pathlib import Path

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"}  # no SVG: it can carry scripts
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # "http:", "data:", "C:" ...


def photo_path_problem(root: Path, file: str) -> tuple[str, str] | None:
    """(message, expected) when `file` is not a safe path to an image inside `root`, else None."""
    expected = "a relative path inside the data folder, e.g. media/xa-minh-tien-1.jpg"
    if not file.strip():
        return "the photo has no file", expected
    if "\\" in file:
        return "photo paths use / between folders", expected
    if file.startswith(("/", "~")) or SCHEME_RE.match(file):
        return "a photo path must be relative to the data folder", expected
    if ".." in Path(file).parts:
        return "the photo path leaves the data folder", expected
    root = Path(root).resolve()
    try:
        resolved = (root / file).resolve()
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL character
        return "the photo path cannot be resolved (a symbolic link loop?)", expected
    if not resolved.is_relative_to(root):
        return "the photo path leaves the data folder (through a symbolic link)", expected
    if not resolved.is_file():
        return "the photo file does not exist", f"a file at {Path(root).name}/{file}"
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        return "the photo is not in an image format the site shows", \
            "one of: " + ", ".join(sorted(IMAGE_SUFFIXES)) + " (SVG can carry scripts)"
    return None


def resolve_photo(root: Path, file: str) -> Path | None:
    """The image file `file` names inside `root` (links followed), or None for any path the
    validator rejects: pages never rely on validation having run."""
    if photo_path_problem(root, file) is not None:
        return None
    return (Path(root).resolve() / file).resolve()

"""The last validation's report, given again when nothing validation reads has changed.

`thidua validate` reads every record and runs every check, tens of seconds at national scale; yet
it often sees the data exactly as its last run did (a hook before each commit, CI validating and
then building, an office running it again). The report is keyed by everything validation reads:
every entry under the data folder (names and kinds; a file's bytes, a link's target), where the
folder is and where problems are named from, and the code of the whole package. The same key
gives the kept report without loading a record; any other key validates in full, and the new
report is kept. Keyed by content, not by times: a stale report is never given.
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from . import parsecache, sealed
from .problems import Problem

log = logging.getLogger("mkdocs.plugins.thidua")

MAGIC = b"thidua-report-cache\n"
NAME = "report.pickle"
_PACKAGE = Path(__file__).resolve().parent


def code_stamp() -> bytes:
    """Every module of the package (the checks read the model, the graph, the texts...) and what
    the parse cache's stamp covers (Python's and PyYAML's versions)."""
    digest = hashlib.sha256(parsecache.code_stamp())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def inputs(data_dir: Path, shown: Path) -> bytes:
    """The key: a digest of what validating `data_dir`, naming files from `shown`, reads."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(os.fsencode(f"{data_dir}\0{data_dir.resolve()}\0{shown}\0"))
    _walk(data_dir, b".", digest)
    return digest.digest()


def _walk(folder: Path, rel: bytes, digest) -> None:
    """Each entry under `folder` in name order; links are not followed (nor are they by the
    loader), a FIFO or socket is never opened."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        digest.update(b"?" + rel + os.fsencode(f"\0{exc.errno}\0"))
        return
    for entry in entries:
        name = rel + b"/" + os.fsencode(entry.name)
        try:
            if entry.is_symlink():
                digest.update(b"L" + name + b"\0" + os.fsencode(os.readlink(entry.path)) + b"\0")
            elif entry.is_dir(follow_symlinks=False):
                digest.update(b"D" + name + b"\0")
                _walk(Path(entry.path), name, digest)
            elif entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as handle:
                    content = hashlib.file_digest(handle, "blake2b").digest()
                digest.update(b"F" + name + b"\0" + content)
            else:
                digest.update(b"O" + name + b"\0")
        except OSError as exc:  # unreadable: validation reports it, and says so again next time
            digest.update(b"?" + name + os.fsencode(f"\0{exc.errno}\0"))


def read(folder: Path, key: bytes) -> list[Problem] | None:
    """The problems of the last run if it had the key `key`; None if there is no such run."""
    file = folder / NAME
    if not file.exists():
        return None
    try:
        kept = sealed.read(file, MAGIC, code_stamp())
    except sealed.Stale:
        return None
    except Exception as exc:  # noqa: BLE001 - any damage at all: do not trust it
        log.info(f"thidua: the report cache {file} is not used ({exc})")
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], list)):
        return None
    return kept[1]


def write(folder: Path, key: bytes, problems: list[Problem]) -> None:
    try:
        sealed.write(folder / NAME, MAGIC, code_stamp(), (key, problems))
    except OSError as exc:  # a read-only checkout still validates, only not faster next time
        log.warning(f"thidua: the report cache could not be written ({exc})")

"""A content-addressed cache of parsed records, so a rebuild parses only the files that changed.

An entry is keyed by a hash of the file's bytes, its kind and its name (problems and records
name their file), and holds what reading that file gave: the record (or None) and its problems.
The whole cache is one sealed pickle under `.cache/thidua/` (outside `site/`; sealed.py): a
cache written by other code, truncated or otherwise damaged is reported and ignored, and every
file is parsed again.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import sys
from pathlib import Path

import yaml

from . import sealed

log = logging.getLogger("mkdocs.plugins.thidua")

MAGIC = b"thidua-parse-cache\n"
NAME = "records.pickle"
_PACKAGE = Path(__file__).resolve().parent


# Every module a parsed record or its problems depend on (the reader, the model and what they
# import), and the Python and PyYAML versions: a change to any of them makes the cache stale.
SHAPING = ("loader.py", "parsecache.py", "sealed.py", "schema.py", "model.py", "kinds.py", "dates.py", "text.py",
           "problems.py", "repository.py")


def code_stamp() -> bytes:
    digest = hashlib.sha256(f"{sys.version}\0{yaml.__version__}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for name in SHAPING:
        digest.update(name.encode() + b"\0" + (_PACKAGE / name).read_bytes())
    return digest.digest()


def key(kind: str, rel: str, path: Path, raw: bytes) -> bytes:
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"\0{kind}\0{rel}\0{path}".encode())
    return digest.digest()


class ParseCache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None
        self.entries: dict[bytes, tuple] = {}
        self.hits = self.misses = 0
        self.fell_back = ""  # why the cache on disk was not used, if it was not

    @property
    def file(self) -> Path | None:
        return self.folder / NAME if self.folder is not None else None

    def read(self) -> None:
        """Load the cache from disk; anything wrong with it means starting empty."""
        if self.file is None or not self.file.exists():
            return
        try:
            entries = sealed.read(self.file, MAGIC, code_stamp())
            if not isinstance(entries, dict):
                raise ValueError("unexpected content")
            self.entries = entries
        except Exception as exc:  # noqa: BLE001 - any damage at all: do not trust it
            self.fell_back = str(exc)
            self.entries = {}
            log.info(f"thidua: the parse cache {self.file} is not used ({exc}); every file is parsed again")

    def write(self, entries: dict[bytes, tuple]) -> None:
        """Replace the cache with `entries` (those of this load: entries of deleted or edited
        files go). Written to a temporary file and renamed, so a killed build leaves the old one."""
        if self.file is None:
            return
        try:
            sealed.write(self.file, MAGIC, code_stamp(), entries)
        except OSError as exc:  # a read-only checkout still builds, only not faster next time
            log.warning(f"thidua: the parse cache could not be written ({exc})")

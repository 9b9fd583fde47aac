"""One pickle under `.cache/thidua/`, sealed: headed by a magic line, a stamp of the code (and
settings) that made it and a checksum of the payload. Each part of the parse cache, the check
memo, the report cache and the pages manifest (`mkdocs_plugin/incremental.py`) is one of these.
A file of other code, truncated or otherwise damaged is refused, never trusted; the caller then
starts over.

Such a file is only ever read from the project's own `.cache/`, written by this module; like any
build cache it is as trusted as the working copy holding it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from . import collector


class Stale(ValueError):
    """The file was written by other code (or under other settings): expected, not damage."""


def read(file: Path, magic: bytes, stamp: bytes) -> object:
    """The object sealed in `file`. Raises OSError if it cannot be read, Stale if its stamp is not
    `stamp`, ValueError if it is damaged."""
    blob = file.read_bytes()
    head = len(magic)
    if blob[:head] != magic:
        raise ValueError(f"not a {magic.decode().strip()} file")
    if blob[head:head + 32] != stamp:
        raise Stale("written by other code")
    payload = memoryview(blob)[head + 64:]
    if hashlib.sha256(payload).digest() != blob[head + 32:head + 64]:
        raise ValueError("its checksum does not match (damaged or truncated)")
    with collector.paused():  # millions of small objects
        return pickle.loads(payload)


class _Hashed:
    """A file that hashes what is written to it."""

    def __init__(self, out) -> None:
        self.out, self.hash = out, hashlib.sha256()

    def write(self, data) -> int:
        self.hash.update(data)
        return self.out.write(data)


def write(file: Path, magic: bytes, stamp: bytes, value: object) -> None:
    """Seal `value` in `file`: written to a temporary file, then renamed, so a killed build leaves
    the old one. Raises OSError (a read-only checkout: the caller warns and goes on).

    Pickled straight into the file, hashed as it goes, and the checksum put in its place after:
    the payload is never held whole (a national build's manifest, 0.2 GB, was held twice over at
    the end of the build)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{file.stem}-", dir=file.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(magic + stamp + bytes(32))
            hashed = _Hashed(out)
            pickle.dump(value, hashed, protocol=pickle.HIGHEST_PROTOCOL)
            out.seek(len(magic) + len(stamp))
            out.write(hashed.hash.digest())
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

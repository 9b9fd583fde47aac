"""A content-addressed cache of parsed records, so a rebuild parses only the files that changed.

An entry is keyed by a hash of the file's bytes, its kind and its name (problems and records
name their file), and holds what reading that file gave: the record (or None) and its problems.
The entries are spread by key over `SHARDS` sealed pickles under `.cache/thidua/records/`
(outside `site/`; sealed.py), by the file's name, and only the parts whose entries changed are
written again: after a one-file edit at national scale, one part of 11 MB instead of 340 MB. A part written by other code,
truncated or otherwise damaged is reported and ignored, and the files it held are parsed again.

A part holds its entries as one or more pickled chunks: the processes that parse a first load
each pickle their own entries by part (`pickled_parts`), beside one another, and a part is
written as the chunks they sent, rather than pickled again whole by one process.
"""
from __future__ import annotations

import hashlib
import io
import logging
import pickle
import sys
import typing
from pathlib import Path

import yaml

from . import collector, parts, sealed

log = logging.getLogger("mkdocs.plugins.thidua")

MAGIC = b"thidua-parse-cache\n"
FOLDER = "records"  # in the cache folder: the parts, 00.pickle to 1f.pickle
SHARDS = parts.SHARDS
FORMER = "records.pickle"  # the single file of earlier versions: removed when the parts are written
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


def content_digest(raw: bytes) -> bytes:
    """A file's bytes as keys take them; `file_digest` makes the same of an open file."""
    return hashlib.blake2b(raw).digest()


def file_digest(handle: io.BufferedReader) -> bytes:
    """`content_digest` of what `handle` holds, read in chunks (reportcache.py digests every file)."""
    return hashlib.file_digest(handle, "blake2b").digest()


def key_of(kind: str, rel: str, path: Path, digest: bytes) -> bytes:
    """The key of a file's parse, from its bytes' `content_digest`, its kind and its name. Its
    first byte, which picks the part the entry is kept in (`shard`), is a hash of the name alone:
    an edit writes again the one part that holds the file (two, 11 MB each at national scale,
    while the new parse fell in another part than the old one)."""
    name = f"\0{kind}\0{rel}\0{path}".encode()
    hashed = hashlib.blake2b(digest, digest_size=20)
    hashed.update(name)
    return hashlib.blake2b(name, digest_size=1).digest() + hashed.digest()[1:]


def shard(key: bytes) -> int:
    """The part an entry is kept in: by a hash of its file's name, so the parts are of like size."""
    return key[0] % SHARDS


class ParseCache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None
        self.entries: dict[bytes, tuple] = {}
        self.read_keys: dict[int, set[bytes]] = {}  # part -> the keys it held when read (intact parts only)
        self.fell_back = ""  # why a part on disk was not used, if one was not

    def part(self, index: int) -> Path:
        assert self.folder is not None
        return parts.path(self.folder / FOLDER, index)

    def read(self) -> None:
        """Load the parts on disk; a part with anything wrong with it is left out (its files are
        parsed again)."""
        if self.folder is None:
            return
        intact, refused = parts.read(self.folder / FOLDER, MAGIC, code_stamp(), shard, _entries_of)
        for index, entries in intact.items():
            self.entries.update(entries)
            self.read_keys[index] = set(entries)
        if refused:
            index, exc = next(iter(refused.items()))
            self.fell_back = f"{len(refused)} of {SHARDS} parts: {self.part(index).name}: {exc}"
            log.info(f"thidua: the parse cache {self.folder / FOLDER} is not used in part ({self.fell_back}); "
                     f"the files those parts held are parsed again")

    def write(self, entries: dict[bytes, tuple]) -> None:
        """Keep exactly `entries` (those of this load: entries of deleted or edited files go),
        writing only the parts whose keys changed."""
        by_part = parts.split(entries, shard)
        self.write_chunks({index: [_dumps(part)] for index, part in by_part.items()
                           if part and self.read_keys.get(index) != part.keys()},  # else the same parses
                          keep={index for index, part in by_part.items() if part})

    def write_chunks(self, chunks: dict[int, list[bytes]], keep: set[int] | None = None) -> None:
        """Write each part of `chunks` as the pickled chunks given for it, and remove the parts
        neither written nor in `keep` (None: keep nothing else). A part's bytes depend on how many
        processes sent it chunks, not its entries."""
        if self.folder is None:
            return
        parts.write(self.folder / FOLDER, MAGIC, code_stamp(), {index: tuple(c) for index, c in chunks.items()},
                    keep, self.folder / FORMER, "parse cache")


def pickled_parts(entries: dict[bytes, tuple]) -> dict[int, bytes]:
    """`entries` pickled by the part they belong in: a chunk of each (`ParseCache.write_chunks`)."""
    return {index: _dumps(part) for index, part in parts.split(entries, shard).items()}


def unpickled(chunks: typing.Iterable[bytes]) -> dict[bytes, tuple]:
    """The entries `chunks` hold (`pickled_parts`), as one dict."""
    entries: dict[bytes, tuple] = {}
    with collector.paused():  # millions of small objects
        for chunk in chunks:
            part = pickle.loads(chunk)
            if not isinstance(part, dict):
                raise ValueError("unexpected content")
            entries.update(part)
    return entries


def read_part(file: Path, stamp: bytes) -> dict[bytes, tuple]:
    """The entries one part on disk holds (sealed.read's errors if it is not intact)."""
    return _entries_of(sealed.read(file, MAGIC, stamp))


def _entries_of(chunks: object) -> dict[bytes, tuple]:
    """The entries of a part's sealed value: its pickled chunks (`write_chunks`)."""
    if not isinstance(chunks, tuple) or not all(isinstance(chunk, bytes) for chunk in chunks):
        raise ValueError("unexpected content")
    return unpickled(chunks)


def _dumps(entries: dict[bytes, tuple]) -> bytes:
    return pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)

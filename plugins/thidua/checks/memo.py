"""Problems of checks that read one record only, kept beside the parse cache: a rerun reuses
them for every file whose bytes did not change, so with the parse cache warm only the checks
across records run in full.

An entry is keyed by the check's name and the parse cache's key of the record's file (a hash
of its bytes, kind and name: `parsecache.key`), and holds the problems the check filed for
that record (or what it worked out from that record alone: prerequisites' name keys). The file is headed by a stamp of the code (checks/, and what the parse cache's
stamp covers) and of the severities the settings give: other code or other severities and every
entry is computed again. The entries are kept in `SHARDS` parts under `.cache/thidua/checks/`
(parts.py), each in the part of its file's parse (from the file's name): after a one-file edit only
the part holding that file's entries is written again (0.03 s at national scale rather than 0.46 s
for the whole memo).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

import markdown

from .. import parsecache, parts, sealed
from ..repository import Repository

log = logging.getLogger("mkdocs.plugins.thidua")

MAGIC = b"thidua-check-cache\n"
FOLDER = "checks"  # in the cache folder: the parts, 00.pickle to 1f.pickle
FORMER = "checks.pickle"  # the single file of earlier versions: removed when the parts are written
SHARDS = parts.SHARDS
_PACKAGE = Path(__file__).resolve().parent.parent


def code_stamp(severity: Mapping[str, str]) -> bytes:
    """The code a check's problems depend on: every module of the package (the checks read others,
    as story-markup reads markup.py), what the parse cache's stamp covers, and the Markdown parser
    story-markup reads bodies with; and the severities the settings give."""
    digest = hashlib.sha256(parsecache.code_stamp() + f"\0markdown {markdown.__version__}\0".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(repr(sorted(severity.items())).encode())
    return digest.digest()


class CheckMemo:
    """The per-record problems of the last run (read from `folder`) and of this one."""

    def __init__(self, folder: Path, severity: Mapping[str, str], repo: Repository):
        self.folder = Path(folder)
        self.stamp = code_stamp(severity)
        # by part: the entries of each part read whole (a part refused or not on disk is empty here,
        # and is written again or removed: `parts.write` never writes an empty part)
        self.old: list[dict[tuple[str, bytes], tuple]] = [{} for _ in range(SHARDS)]
        self.new: dict[tuple[str, bytes], tuple] = {}
        # this run's entries again, in the order they came (`added_since`), as slices of lists where a
        # walk of `new` from its start for each task took seconds once a national run had them all:
        # the keys found in the last run's memo (the parent has their problems already), and the
        # entries worked out anew
        self.hits: list[tuple[str, bytes]] = []
        self.puts: list[tuple[tuple[str, bytes], tuple]] = []
        self.repo = repo  # its digests: each record's file key, when loaded through the parse cache
        self._read()

    def _read(self) -> None:
        if not self.repo.digests:
            return
        intact, refused = parts.read(self.folder / FOLDER, MAGIC, self.stamp, shard)
        for index, entries in intact.items():
            self.old[index] = entries
        for index, exc in refused.items():
            if not isinstance(exc, sealed.Stale):  # other code or other severities: start over, unsaid
                log.info(f"thidua: the check cache {parts.path(self.folder / FOLDER, index)} is not used ({exc})")

    def key(self, check: str, record) -> tuple[str, bytes] | None:
        return _key(check, self.repo.digest(record))

    def keys(self, pairs: list[tuple[str, int]], records: list) -> list[tuple[str, bytes] | None]:
        """`key` of each (check, i) of `pairs`, for the record of `records[i]` (a (kind, record) pair):
        each record's file key looked up once for all the checks on it, not once a check (a quarter
        of a million pairs at national scale)."""
        digests = self.repo.digests
        files = [digests.get((kind.name, record.id)) for kind, record in records]
        return [_key(check, files[i]) for check, i in pairs]

    def get(self, key: tuple[str, bytes] | None) -> tuple | None:
        if key is None:
            return None
        found = self.old[shard(key)].get(key)
        if found is not None:
            self.new[key] = found
            self.hits.append(key)
        return found

    def put(self, key: tuple[str, bytes] | None, problems: Iterable) -> None:
        if key is not None:
            entry = self.new[key] = tuple(problems)
            self.puts.append((key, entry))

    def mark(self) -> tuple[int, int]:
        """Where this run's entries stand now, for `added_since`."""
        return len(self.hits), len(self.puts)

    def added_since(self, mark: tuple[int, int]) -> tuple[list, list]:
        """The entries this run added since `mark` (a check run in a worker: for its parent), those
        found in the last run's memo by their keys alone: after an edit at national they are almost
        all, and their problems (a decision's 800 name keys...) need not cross back to the parent."""
        return self.hits[mark[0]:], self.puts[mark[1]:]

    def merge(self, added: tuple[list, list]) -> None:
        hits, puts = added
        for key in hits:
            self.new[key] = self.old[shard(key)][key]
        self.new.update(puts)

    def write(self) -> None:
        """Keep exactly this run's entries, writing only the parts whose keys changed: an entry's
        problems follow from its key (its file's bytes) under the stamp, so a part read whole with
        the same keys is as it is on disk."""
        if not self.repo.digests:
            return
        by_part = parts.split(self.new, shard)
        keep = {index for index, part in by_part.items() if part.keys() == self.old[index].keys()}
        parts.write(self.folder / FOLDER, MAGIC, self.stamp, {i: part for i, part in by_part.items() if i not in keep},
                    keep, self.folder / FORMER, "check cache")


def _key(check: str, file_key: bytes | None) -> tuple[str, bytes] | None:
    """An entry's key: the check, and the parse cache's key of the record's file (None: a record
    not loaded through the parse cache, whose problems are not kept)."""
    return (check, file_key) if file_key is not None else None


def shard(key: tuple[str, bytes]) -> int:
    """The part an entry is kept in: that of its file's parse (its name's)."""
    return parsecache.shard(key[1])

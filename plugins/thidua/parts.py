"""A cache kept as `SHARDS` sealed pickles (sealed.py) in one folder, an entry in the part its key
picks: the parse cache's records (parsecache.py) and the check memo (checks/memo.py), whose keys
begin with a hash of their file's name, so that a one-file edit changes one part of each.

`read` trusts no part that is damaged, of other code or holding another part's entries; `write`
writes the parts given and removes the others not kept, each alone: one that cannot be written
(a read-only checkout) leaves the rest written, and the failures are said once.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import sealed

log = logging.getLogger("mkdocs.plugins.thidua")

SHARDS = 32
K = TypeVar("K")
V = TypeVar("V")


def path(folder: Path, index: int) -> Path:
    return folder / f"{index:02x}.pickle"


def split(entries: dict[K, V], shard: Callable[[K], int]) -> dict[int, dict[K, V]]:
    """`entries` split by the part they belong in (only the parts that hold some)."""
    out: dict[int, dict[K, V]] = {}
    for key, entry in entries.items():
        out.setdefault(shard(key), {})[key] = entry
    return out


def read(folder: Path, magic: bytes, stamp: bytes, shard: Callable[[Any], int],
         entries_of: Callable[[Any], Any] = lambda value: value) -> tuple[dict[int, dict], dict[int, Exception]]:
    """(the entries of each intact part by its index, why each other part on disk was refused).
    `entries_of`: a part's sealed value as its dict of entries (raising if it is not one);
    `shard`: the part a key belongs in. A refusal for other code is a `sealed.Stale`."""
    intact: dict[int, dict] = {}
    refused: dict[int, Exception] = {}
    if not folder.is_dir():
        return intact, refused
    for index in range(SHARDS):
        file = path(folder, index)
        if not file.exists():
            continue
        try:
            entries = entries_of(sealed.read(file, magic, stamp))
            if not isinstance(entries, dict) or any(shard(key) != index for key in entries):
                raise ValueError("unexpected content")
        except Exception as exc:  # noqa: BLE001 - any damage at all: do not trust it
            refused[index] = exc
            continue
        intact[index] = entries
    return intact, refused


def write(folder: Path, magic: bytes, stamp: bytes, values: dict[int, object], keep: set[int] | None,
          former: Path, what: str) -> None:
    """Seal each of `values` as its part (to a temporary file, then renamed: a killed run leaves a
    part as it was); remove the parts neither written nor in `keep` (None: keep nothing else) and
    `former`, the single file of earlier versions. `what` names the cache in a warning."""
    failed: list[OSError] = []
    for index in range(SHARDS):
        try:
            if index in values:
                sealed.write(path(folder, index), magic, stamp, values[index])
            elif keep is None or index not in keep:
                path(folder, index).unlink(missing_ok=True)
        except OSError as exc:  # the other parts are still written
            failed.append(exc)
    try:
        former.unlink(missing_ok=True)
    except OSError as exc:
        failed.append(exc)
    if failed:  # a read-only checkout still validates and builds, only not faster next time
        log.warning(f"thidua: the {what} could not be written in full ({len(failed)} failed: {failed[0]})")

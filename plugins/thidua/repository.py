"""The repository: every record that was loaded, keyed by id per kind.

Built once by the loader; read by the checks, the link graph and the page builders, which
look records up by id and never scan a list per page. `repo.documents`, `repo.award_forms`,
... are the records of the kind of that name (`kinds.KINDS`), so a new kind needs no change here.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .kinds import KINDS, Kind


@dataclass
class Repository:
    root: Path
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind name -> id -> record
    # (kind name, id) -> the parse cache's key of the file the record was read from (a digest of its
    # bytes, kind and path): what rebuilds and the check memo compare. Empty when loaded without cache.
    digests: dict[tuple[str, str], bytes] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict[str, Any]:
        store = self.records.get(kind)
        if store is None:
            if kind not in KINDS:
                raise KeyError(f"unknown kind {kind!r}")
            store = self.records[kind] = {}
        return store

    def digest(self, record) -> bytes | None:
        return self.digests.get((KINDS.of_record(record).name, record.id))

    def __getattr__(self, name: str) -> dict[str, Any]:
        # only called for attributes not found otherwise: repo.documents -> the "documents" kind
        if name.startswith("_") or name == "records":
            raise AttributeError(name)
        kind = name.replace("_", "-")
        if kind not in KINDS:
            raise AttributeError(f"Repository has no kind {kind!r}")
        store = self.of_kind(kind)
        setattr(self, name, store)  # the next lookup finds it at once: the checks make millions
        return store

    def all(self) -> Iterator[tuple[Kind, Any]]:
        """Every record with its kind, kinds in declaration order, records in load order."""
        for kind in KINDS.values():
            for record in self.of_kind(kind.name).values():
                yield kind, record

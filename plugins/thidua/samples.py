"""Sample data: invented records marked `sample: true`, shown with a banner, dropped by one setting."""
from __future__ import annotations

from .kinds import KINDS
from .repository import Repository


def drop_samples(repo: Repository) -> None:
    """Remove every sample record. Sample records may only be referenced by other samples
    (rule `sample-reference` in award_rules.py, always an error), so nothing left behind
    points at a removed record; a sample story's photos are left out with the story."""
    for kind in KINDS:
        store = repo.of_kind(kind)
        for ident in [i for i, r in store.items() if getattr(r, "sample", False)]:
            del store[ident]

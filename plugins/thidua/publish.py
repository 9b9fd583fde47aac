"""Publishing transforms: what is taken out of the repository after validation and before any
page, index or search shard is built. They change records; they report nothing (the checks
in `checks/` do that)."""
from __future__ import annotations

from .kinds import KINDS
from .repository import Repository


def publishable(repo: Repository) -> None:
    """Remove every recipient not to be published, so no page, index or shard can show it.

    Lines marked not public go; so does, as a second safeguard, a poverty-programme line
    without consent (validation already stops a build that has one). Public lines keep
    their anchors (`model.recipient_anchors` serves them first)."""
    for decision in repo.decisions.values():
        decision.recipients = [r for r in decision.recipients
                               if r.public and (r.consent or not r.poverty_programme)]


def drop_samples(repo: Repository) -> None:
    """Remove every sample record. Sample records may only be referenced by other samples
    (rule `sample-reference` in checks/samples.py, always an error), so nothing left behind
    points at a removed record; a sample story's photos are left out with the story."""
    for kind in KINDS:
        store = repo.of_kind(kind)
        for ident in [i for i, r in store.items() if getattr(r, "sample", False)]:
            del store[ident]

"""What may be published about people: the privacy rules and the filter applied before any page is built."""
from __future__ import annotations

from .loader import Repository


def publishable(repo: Repository) -> None:
    """Remove every recipient not to be published, so no page, index or shard can show it."""
    for decision in repo.decisions.values():
        decision.recipients = [r for r in decision.recipients if r.public]

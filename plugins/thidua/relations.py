"""Relations between records that more than one part of the core follows: the campaign a
decision or story belongs to, the authorities that took over from one. Plain functions of the
repository, so the checks (which run before any graph exists) and the graph share them."""
from __future__ import annotations

from . import model
from .repository import Repository


def campaign_of_decision(repo: Repository, decision: model.AwardDecision) -> str | None:
    """The decision's own campaign, else the campaign of the plan it applies."""
    if decision.campaign:
        return decision.campaign
    plan = repo.documents.get(decision.plan) if decision.plan else None
    return plan.campaign if plan else None


def campaign_of_story(repo: Repository, story: model.Story) -> str | None:
    """The story's own campaign, else the campaign of the plan it names."""
    if story.campaign:
        return story.campaign
    plan = repo.documents.get(story.plan) if story.plan else None
    return plan.campaign if plan else None


def successors(repo: Repository, authority_id: str) -> list[str]:
    """The authorities that took over from `authority_id`, in order (merged into, renamed to);
    the chain stops at a loop or at an id with no record."""
    chain, seen = [], {authority_id}
    current = repo.authorities.get(authority_id)
    while current is not None and current.successor and current.successor not in seen:
        chain.append(current.successor)
        seen.add(current.successor)
        current = repo.authorities.get(current.successor)
    return chain


def acts_for(repo: Repository, actual: str, expected: str) -> bool:
    """`actual` is `expected` or the authority that took over from it."""
    return actual == expected or actual in successors(repo, expected)

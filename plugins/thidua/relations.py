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


def heirs(repo: Repository, authority_id: str) -> list[str]:
    """Every authority that took over any part of `authority_id`'s work, directly or later:
    the whole-work chain (`successor`) and each share of a split (`successors`)."""
    out: list[str] = []
    seen = {authority_id}
    todo = [authority_id]
    while todo:
        current = repo.authorities.get(todo.pop(0))
        if current is None:
            continue
        nexts = ([current.successor] if current.successor else []) + [s.authority for s in current.successors]
        for ident in nexts:
            if ident not in seen:
                seen.add(ident)
                out.append(ident)
                todo.append(ident)
    return out


def acts_for(repo: Repository, actual: str, expected: str) -> bool:
    """`actual` is `expected` or an authority that took over (some of) its work."""
    return actual == expected or actual in heirs(repo, expected)


# People's Committees are headed by a chairman, departments by a director; the central offices
# (Thủ tướng Chính phủ, Chủ tịch nước) are offices already.
_HEADS = (("Ủy ban nhân dân", "Chủ tịch "), ("Uỷ ban nhân dân", "Chủ tịch "), ("UBND", "Chủ tịch "),
          ("Sở ", "Giám đốc "))


def office_of(authority: model.Authority) -> str:
    """The office-holder who acts for an authority, e.g. 'Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng'."""
    if authority.head:
        return authority.head
    for prefix, head in _HEADS:
        if authority.name.startswith(prefix):
            return head + authority.name
    return authority.name

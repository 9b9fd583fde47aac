"""Reading the award rules a plan sets out, and naming plans, forms and authorities in problems.
Shared by the award checks (`awards.py`, `quotas.py`, `prerequisites.py`)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import model
from ..repository import Repository


@dataclass
class AwardRule:
    """An award a plan sets out, with where it stands in the plan."""

    plan: model.Document
    award: model.Award
    part: model.Part
    section: str  # e.g. "III.2.b)"


def section_label(labels: list[str]) -> str:
    kept = [label.strip() for label in labels if label and label.strip() not in ("-", "+", "*", "•", "–")]
    return "".join(kept)


def award_rules_of(plan: model.Document) -> list[AwardRule]:
    found: list[AwardRule] = []

    def walk(parts: list[model.Part], labels: list[str]) -> None:
        for part in parts:
            if part.award is None and not part.items:
                continue  # most parts: a line of text, which neither sets an award nor holds parts
            here = [*labels, part.label or ""]
            if part.award is not None:
                found.append(AwardRule(plan, part.award, part, section_label(here)))
            if part.items:
                walk(part.items, here)

    walk(plan.body, [])
    return found


def rules_of(plan: model.Document, cache: dict) -> list[AwardRule]:
    """Every award rule `plan` sets out, worked out once a run (`cache`: Context.rules)."""
    found = cache.get(plan.id)
    if found is None:
        found = cache[plan.id] = award_rules_of(plan)
    return found


def rules_for(repo: Repository, decision: model.AwardDecision, cache: dict) -> list[AwardRule]:
    """The award parts of the decision's plan that name its form, worked out once a run for each
    plan and form (`cache`: Context.rules; five checks ask for each of tens of thousands of decisions)."""
    key = (decision.plan, decision.form)
    found = cache.get(key)
    if found is None:
        plan = repo.documents.get(decision.plan) if decision.plan else None
        found = cache[key] = [r for r in rules_of(plan, cache) if decision.form in r.award.forms] if plan else []
    return found


def sorted_decisions(decisions: Iterable[model.AwardDecision]) -> list[model.AwardDecision]:
    """Oldest first, id breaking ties: the order in which quotas fill and prerequisites are earned."""
    return sorted(decisions, key=lambda d: (d.date.sort_key(), d.id))


# --- Names in problems


def plan_label(repo: Repository, plan: model.Document) -> str:
    """'Kế hoạch số 2451/KH-UBND của UBND tỉnh Cao Bằng', or with the id when there is no number."""
    who = authority_name(repo, plan.authority)
    kind = model.label(plan.type)
    if plan.number:
        return f"{kind} số {plan.number} của {who}"
    return f"{kind} của {who} [{plan.id}]"


def rule_source(repo: Repository, award_rule: AwardRule) -> str:
    title = f" ({award_rule.part.title})" if award_rule.part.title else ""
    where = f", mục {award_rule.section}" if award_rule.section else ""
    return f"{plan_label(repo, award_rule.plan)}{where}{title}"


def form_source(form: model.AwardForm) -> str:
    return form.legal_basis or "Luật Thi đua, khen thưởng số 06/2022/QH15"


def form_name(repo: Repository, form_id: str) -> str:
    form = repo.award_forms.get(form_id)
    return form.name if form else form_id


def authority_name(repo: Repository, authority_id: str) -> str:
    authority = repo.authorities.get(authority_id)
    return (authority.short_name or authority.name) if authority else authority_id


def kinds_label(kinds) -> str:
    return ", ".join(model.label(k).lower() for k in kinds)

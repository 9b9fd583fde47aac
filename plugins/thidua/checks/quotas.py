"""quota: no more recipients than a plan allows, counted together across every decision
that applies the plan (per year, or over the whole plan for a midterm or final review)."""
from __future__ import annotations

from collections import defaultdict

from .. import model
from ..relations import acts_for
from .base import Context
from .plans import form_name, kinds_label, rule_source, rules_of, sorted_decisions


def _quota_bucket(quota: model.Quota, decision: model.AwardDecision):
    """Decisions counted together: per year for yearly (or unspecified) quotas; the whole
    plan for a midterm or final review, or when the quota names its year."""
    if quota.year is not None or quota.occasion in (model.Occasion.MIDTERM, model.Occasion.FINAL):
        return None
    return decision.date.year


def quotas(ctx: Context) -> None:
    repo = ctx.repo
    by_plan: dict[str, list[model.AwardDecision]] = defaultdict(list)
    for decision in sorted_decisions(repo.decisions.values()):
        if decision.plan in repo.documents:
            by_plan[decision.plan].append(decision)
    for plan_id, decisions in by_plan.items():
        for award_rule in rules_of(repo.documents[plan_id], ctx.rules):
            award = award_rule.award
            for quota in award.quotas:
                if quota.max is None or quota.proposals:  # a number of nominations caps no decision
                    continue
                counts: dict = defaultdict(int)
                earlier: dict = defaultdict(list)
                for decision in decisions:
                    if decision.form not in award.forms:
                        continue
                    if award.granted_by and not acts_for(repo, decision.authority, award.granted_by):
                        continue
                    if quota.occasion is not None and decision.occasion != quota.occasion:
                        continue
                    if quota.year is not None and decision.date.year != quota.year:
                        continue
                    bucket = _quota_bucket(quota, decision)
                    before = counts[bucket]
                    counted = [recipient for recipient in decision.recipients if recipient.kind in quota.subjects]
                    counts[bucket] = before + len(counted)
                    if counted and counts[bucket] > quota.max:  # a line of this decision goes over
                        at = max(quota.max - before, 0)  # the first line past the quota
                        recipient, nth = counted[at], before + at + 1
                        here = counts[bucket] - before
                        when = model.label(quota.occasion).lower() if quota.occasion else "each year"
                        year = quota.year or (bucket if bucket is not None else None)
                        shown = earlier[bucket][-5:]  # the latest few: a long list would hide the message
                        others = ", ".join(f"{d.id} ({n})" for d, n in shown) or "none"
                        if len(earlier[bucket]) > len(shown):
                            others = f"… {len(earlier[bucket]) - len(shown)} more, " + others
                        ctx.problem("quota", recipient, None,
                                    f"more recipients than the plan allows: at most {quota.max} "
                                    f"({kinds_label(quota.subjects)}) for the {form_name(repo, decision.form)}, "
                                    f"{when}{f' {year}' if year else ''}",
                                    f"at most {quota.max} counted together across decisions under this plan",
                                    f"{counts[bucket]}: {here} in this decision, {before} in earlier ones ({others}); "
                                    f"this line is number {nth}", rule_source(repo, award_rule))
                    if counts[bucket] > before:
                        earlier[bucket].append((decision, counts[bucket] - before))

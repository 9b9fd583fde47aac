"""The rules the law and the plans lay down for one award decision (docs/RULES.md):

  award-level       the form is granted by an authority of the right level (and the very
                    authority, where the form or the plan names one)
  award-subject     each recipient's kind may receive the form, under the law and the plan
  award-occasion    the occasion is one the plan gives the form on
  award-in-plan     the plan the decision applies says something about its form
  decision-campaign the decision and its plan belong to the same campaign
  decision-date     within the campaign's period, and not before the plan it applies
  authority-existed the authority still (or already) existed on the decision's date
  recipient-id      recipient ids are well-formed and unique within a decision

Rules across decisions are in `quotas.py` and `prerequisites.py`.
"""
from __future__ import annotations

from .. import model
from ..dates import PartialDate
from ..loader import ID_RE
from ..relations import acts_for, campaign_of_decision
from ..repository import Repository
from .base import Context, location
from .plans import (
    authority_name,
    form_name,
    form_source,
    kinds_label,
    plan_label,
    rule_source,
    rules_for,
    rules_of,
)


def award_level(ctx: Context) -> None:
    repo = ctx.repo
    cache = ctx.rules
    for decision in repo.decisions.values():
        form = repo.award_forms.get(decision.form)
        authority = repo.authorities.get(decision.authority)
        if form is None or authority is None:
            continue  # a dangling reference, reported by the reference rule
        if authority.level not in form.granted_by_levels:
            levels = ", ".join(f"{lv.value} ({model.label(lv)})" for lv in form.granted_by_levels)
            ctx.problem("award-level", decision, "authority",
                        f"{authority.short_name or authority.name} cannot grant the {form.name}",
                        f"an authority of level {levels}"
                        + (f": {authority_name(repo, form.granted_by)} only" if form.granted_by else ""),
                        _level_found(authority), form_source(form))
            continue
        if form.granted_by and not acts_for(repo, decision.authority, form.granted_by):
            ctx.problem("award-level", decision, "authority",
                        f"only {authority_name(repo, form.granted_by)} grants the {form.name}",
                        f"authority: {form.granted_by}", _level_found(authority), form_source(form))
            continue
        rules = rules_for(repo, decision, cache)
        named = [(r, r.award.granted_by) for r in rules if r.award.granted_by]
        if named and len(named) == len(rules) and not any(acts_for(repo, decision.authority, by) for _, by in named):
            first, first_by = named[0]
            ctx.problem("award-level", decision, "authority",
                        f"the plan has the {form.name} granted by {authority_name(repo, first_by)}",
                        f"authority: {first_by} (or the authority that took over from it)",
                        _level_found(authority), rule_source(repo, first))


def _level_found(authority: model.Authority) -> str:
    """What award-level found: made only for a problem, not for each of tens of thousands of decisions."""
    return f"{authority.id}: {authority.name}, level {authority.level.value} ({model.label(authority.level)})"


def award_subject(ctx: Context) -> None:
    repo = ctx.repo
    cache = ctx.rules
    for decision in repo.decisions.values():
        form = repo.award_forms.get(decision.form)
        if form is None:
            continue
        rules = rules_for(repo, decision, cache)
        plan_kinds = None
        if rules and all(r.award.subjects for r in rules):
            named = {k for r in rules for k in r.award.subjects}
            plan_kinds = [k for k in model.SubjectKind if k in named]
        kinds = {recipient.kind for recipient in decision.recipients}
        if (not form.subjects or kinds.issubset(form.subjects)) and (plan_kinds is None or kinds.issubset(plan_kinds)):
            continue  # every line of a kind both allow: the common case, without a loop in Python
        for recipient in decision.recipients:
            if form.subjects and recipient.kind not in form.subjects:
                ctx.problem("award-subject", recipient, "kind",
                            f"the {form.name} is not granted to a {model.label(recipient.kind).lower()}",
                            f"one of: {', '.join(k.value for k in form.subjects)}", recipient.kind.value,
                            form_source(form))
            elif plan_kinds is not None and recipient.kind not in plan_kinds:
                ctx.problem("award-subject", recipient, "kind",
                            f"the plan gives the {form.name} only to: {kinds_label(plan_kinds)}",
                            f"one of: {', '.join(k.value for k in plan_kinds)}", recipient.kind.value,
                            rule_source(repo, rules[0]))


def award_occasion(ctx: Context) -> None:
    """award-occasion, and award-in-plan when the plan does not mention the form at all."""
    repo = ctx.repo
    cache = ctx.rules
    for decision in repo.decisions.values():
        plan = repo.documents.get(decision.plan) if decision.plan else None
        if plan is None or decision.form not in repo.award_forms:
            continue
        rules = rules_for(repo, decision, cache)
        if not rules:
            if rules_of(plan, cache):  # a plan that sets out no award at all says nothing either way
                ctx.problem("award-in-plan", decision, "form",
                            f"the plan it applies does not mention the {form_name(repo, decision.form)}",
                            "a form the plan sets out: " + ", ".join(sorted({f for r in rules_of(plan, cache)
                                                                             for f in r.award.forms})),
                            decision.form, plan_label(repo, plan))
            continue
        if decision.occasion == model.Occasion.ADHOC or any(not r.award.occasions for r in rules):
            continue  # ad hoc awards need no plan; a plan naming no occasion allows any
        named = {o for r in rules for o in r.award.occasions}
        allowed = [o for o in model.Occasion if o in named]
        if decision.occasion not in allowed:
            ctx.problem("award-occasion", decision, "occasion",
                        f"the plan gives the {form_name(repo, decision.form)} only "
                        + " and ".join(model.label(o).lower() for o in allowed),
                        "one of: " + ", ".join(o.value for o in allowed) + ", or adhoc",
                        decision.occasion.value, rule_source(repo, rules[0]))


def decision_campaign(ctx: Context) -> None:
    repo = ctx.repo
    for decision in repo.decisions.values():
        plan = repo.documents.get(decision.plan) if decision.plan else None
        if plan is not None and decision.campaign and plan.campaign and decision.campaign != plan.campaign:
            ctx.problem("decision-campaign", decision, "campaign",
                        "the decision and the plan it applies belong to different campaigns",
                        f"campaign: {plan.campaign} (the plan's)", decision.campaign, plan_label(repo, plan))


# --- Dates


def plan_not_before(repo: Repository, plan: model.Document) -> tuple[PartialDate | None, str]:
    """The earliest date the plan can bear: its own, else the latest document it rests on."""
    if plan.date is not None:
        return plan.date, f"the plan's date {plan.date.vi()}"
    dated = [repo.documents[link.document] for link in plan.basis
             if link.document in repo.documents and repo.documents[link.document].date is not None]
    if not dated:
        return None, ""
    latest = max(dated, key=lambda d: d.date.first)
    return latest.date, f"{latest.date.vi()}, the date of {latest.id}, which the undated plan rests on"


def decision_dates(ctx: Context) -> None:
    """decision-date and authority-existed."""
    repo = ctx.repo
    for decision in repo.decisions.values():
        campaign = repo.campaigns.get(campaign_of_decision(repo, decision) or "")
        if campaign is not None and not campaign.period.contains(decision.date):
            ctx.problem("decision-date", decision, "date",
                        "the decision is dated outside its campaign's period",
                        f"a date within {campaign.period.id}", decision.date.vi(),
                        f"{campaign.name}, {campaign.period.vi()}")
        plan = repo.documents.get(decision.plan) if decision.plan else None
        if plan is not None:
            bound, what = plan_not_before(repo, plan)
            if bound is not None and decision.date.last < bound.first:
                ctx.problem("decision-date", decision, "date",
                            "the decision is dated before the plan it applies",
                            f"a date on or after {what}", decision.date.vi(), plan_label(repo, plan))
        authority = repo.authorities.get(decision.authority)
        if authority is None:
            continue
        until = authority.until
        # a body reorganised with its outcome not yet recorded may live on: its end is not known
        if until is not None and authority.change != model.Change.REORGANISED:
            ceased = decision.date.first >= until.first if until.precision == "day" else decision.date.first > until.last
            if ceased:
                # the whole-work successor, or each authority that took a share of a split body's work
                after = [authority.successor] if authority.successor else [s.authority for s in authority.successors]
                ctx.problem("authority-existed", decision, "authority",
                            f"{authority.short_name or authority.name} no longer existed on the decision's date",
                            f"a date before {until.vi()}"
                            + (f", or the authority that took over: {after[0]}" if len(after) == 1
                               else f", or an authority that took over part of its work: {', '.join(after)}" if after
                               else ""),
                            decision.date.vi(), authority.change_note or f"{authority.id}: until {until.iso()}")
        if authority.since is not None and decision.date.last < authority.since.first:
            ctx.problem("authority-existed", decision, "authority",
                        f"{authority.short_name or authority.name} did not yet exist on the decision's date",
                        f"a date from {authority.since.vi()}", decision.date.vi(), f"{authority.id}: since")


# --- Recipient ids


def recipient_ids(ctx: Context) -> None:
    for decision in ctx.repo.decisions.values():
        seen: dict[str, model.Recipient] = {}
        for recipient in decision.recipients:
            if recipient.id is None:
                continue
            if not ID_RE.match(recipient.id):
                ctx.problem("recipient-id", recipient, "id",
                            "a recipient id must be lowercase ASCII words joined by hyphens",
                            "e.g. nguyen-thi-thuy-ham-chinh", f'"{recipient.id}"')
            elif recipient.id in seen:
                other = location(seen[recipient.id], "id")
                ctx.problem("recipient-id", recipient, "id",
                            f'two recipients of this decision have the id "{recipient.id}"',
                            "an id used by one line only", f"also line {other[1]}")
            seen.setdefault(recipient.id, recipient)

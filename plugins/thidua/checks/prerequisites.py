"""prerequisite: each recipient already holds the earlier awards the plan requires, found
among the decisions in the data by kind, name and place."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from .. import model
from ..relations import acts_for, campaign_of_decision
from ..text import name_key, name_words
from .base import Context
from .plans import authority_name, form_name, rule_source, rules_for, sorted_decisions


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def same_place(a: str, b: str) -> bool:
    """Unit texts that agree: equal word for word, or one continues the other, as a national
    decision adds the province ('xã Hàm Minh, huyện Hàm Thuận Nam' / '..., tỉnh Bình Thuận')."""
    wa, wb = name_words(a), name_words(b)
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return bool(wa) and _contains(wb, wa)


def same_recipient(a: model.Recipient, b: model.Recipient) -> bool:
    """Same kind and name (`text.name_key`) and no contradicting place: the same `locality`
    where both give one, else agreeing `unit` texts where both give one."""
    if a.kind != b.kind or name_key(a.name) != name_key(b.name):
        return False
    return _same_place_of(a, b)


def _same_place_of(a: model.Recipient, b: model.Recipient) -> bool:
    """The place part of `same_recipient`, for lines already known to be of one kind and name."""
    if a.locality and b.locality:
        return a.locality == b.locality
    if a.unit and b.unit:
        return same_place(a.unit, b.unit)
    return True


def prerequisites(ctx: Context) -> None:
    repo = ctx.repo
    cache = ctx.rules
    # (plan, form) -> the rules for it that ask for earlier awards: once for each pair, not for each
    # of tens of thousands of decisions; most decisions are under none, and are not looked at again
    wanting: dict[tuple, list] = {}
    for decision in repo.decisions.values():
        pair = (decision.plan, decision.form)
        if pair not in wanting:
            wanting[pair] = [r for r in rules_for(repo, decision, cache) if r.award.prerequisites]
    # only awards of a form some plan requires first can satisfy a prerequisite: the others (most
    # lines, at national scale) are never looked among
    required = {alt.form for rules in wanting.values() for award_rule in rules
                for prereq in award_rule.award.prerequisites for alt in prereq.any_of}
    # (form, kind, name key) -> [(first day, decision, recipient)]: the earlier awards to look among
    held: dict[tuple, list[tuple[date, model.AwardDecision, model.Recipient]]] = defaultdict(list)
    keys: dict[str, str] = {}  # name -> name_key, once per distinct name (more than name_key's cache holds)
    memo = ctx.memo

    def keys_of(decision: model.AwardDecision) -> list[str]:
        """Each line's name key: kept in the memo with the decision's file, once per distinct name."""
        memo_key = memo.key("name-keys", decision) if memo is not None else None
        kept = memo.get(memo_key) if memo_key is not None else None  # the same bytes' keys, last time
        if kept is not None and len(kept) == len(decision.recipients):
            return list(kept)
        found = []
        for recipient in decision.recipients:
            key = keys.get(recipient.name)
            if key is None:
                key = keys[recipient.name] = name_key(recipient.name)
            found.append(key)
        if memo_key is not None:
            memo.put(memo_key, found)
        return found

    checked = sorted_decisions(d for d in repo.decisions.values() if wanting[(d.plan, d.form)])
    keys_by_decision = {decision.id: keys_of(decision) for decision in checked}
    # only the names of the lines checked are looked for among earlier awards: most lines of the
    # forms required (hundreds of thousands at national scale) bear none, and are not kept
    wanted = {key for line_keys in keys_by_decision.values() for key in line_keys}
    for decision in repo.decisions.values():
        if decision.form in required:
            line_keys = keys_by_decision.get(decision.id)
            if line_keys is None:
                line_keys = keys_of(decision)
            if wanted.isdisjoint(line_keys):
                continue
            first = decision.date.first
            for recipient, key in zip(decision.recipients, line_keys):
                if key in wanted:
                    held[(decision.form, recipient.kind, key)].append((first, decision, recipient))
    for decision in checked:
        campaign = campaign_of_decision(repo, decision)
        last = decision.date.last
        line_keys = keys_by_decision[decision.id]
        for award_rule in wanting[(decision.plan, decision.form)]:
            for prereq in award_rule.award.prerequisites:
                if prereq.occasion is not None and prereq.occasion != decision.occasion:
                    continue
                if not prereq.any_of:
                    continue
                for recipient, key in zip(decision.recipients, line_keys):
                    found_all: list = []
                    satisfied = False
                    for alt in prereq.any_of:
                        found: list[model.AwardDecision] = []
                        for first, earlier, line in held.get((alt.form, recipient.kind, key), ()):
                            if earlier is decision or not first < last:
                                continue
                            if found and found[-1] is earlier:
                                continue  # two lines of one decision are one award
                            if prereq.same_campaign and campaign and campaign_of_decision(repo, earlier) != campaign:
                                continue
                            if prereq.granted_by and not acts_for(repo, earlier.authority, prereq.granted_by):
                                continue
                            # same kind and name by the key of `held`: same_recipient is its place part
                            if _same_place_of(line, recipient) and earlier not in found:
                                found.append(earlier)
                                if len(found) >= alt.count:
                                    break
                        found_all.extend((alt, d) for d in found)
                        if len(found) >= alt.count:
                            satisfied = True
                            break
                    if satisfied:
                        continue
                    wants = " or ".join(
                        f"{alt.count} × {form_name(repo, alt.form)}" for alt in prereq.any_of)
                    extra = []
                    if prereq.granted_by:
                        extra.append(f"granted by {authority_name(repo, prereq.granted_by)}")
                    if prereq.same_campaign and campaign:
                        extra.append(f"in the campaign {campaign}")
                    extra.append(f"before {decision.date.vi()}")
                    got = ", ".join(f"{form_name(repo, alt.form)} ({d.id}, {d.date.vi()})" for alt, d in found_all)
                    ctx.problem("prerequisite", recipient, "name",
                                f'"{recipient.name}" does not hold the earlier awards the plan requires for the '
                                f"{form_name(repo, decision.form)}",
                                f"at least {wants}, " + ", ".join(extra),
                                got or "no earlier award of these forms found for this recipient",
                                rule_source(repo, award_rule))

"""Rules that the law and the plans lay down for award decisions, and the checks on stories.

Award decisions (see docs/RULES.md for each rule's wording, source and default severity):

  award-level       the form is granted by an authority of the right level (and the very
                    authority, where the form or the plan names one)
  award-subject     each recipient's kind may receive the form, under the law and the plan
  award-occasion    the occasion is one the plan gives the form on
  award-in-plan     the plan the decision applies says something about its form
  decision-campaign the decision and its plan belong to the same campaign
  quota             the numbers a plan allows per subject kind, occasion and year
  prerequisite      the earlier awards a recipient must already hold
  decision-date     within the campaign's period, and not before the plan it applies
  authority-existed the authority still (or already) existed on the decision's date
  recipient-id      recipient ids are well-formed and unique within a decision

Stories and samples:

  story-subject     the subject's decision and recipient line exist
  story-photo       photo paths stay inside the data folder, the file exists, alt text is given
  story-markup      story Markdown holds no raw HTML and no script links
  sample-reference  a real record never points at a sample one, so dropping samples leaves
                    nothing dangling

Whether a problem is an error or a warning is a setting: `DEFAULT_SEVERITY` below, which
an optional `data/rules.yml` may override for the rules that are not locked:

    severity:
      prerequisite: error
      award-occasion: warning

Both `thidua validate` and the MkDocs plugin validate through `validate.validate`, so both
read the same file.

This module registers its rules with `rules.rule`. `rules.py` imports this module at its
end, after `rule` and `add` exist, so importing them here is safe whichever module Python
loads first.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import model
from .dates import PartialDate
from .kinds import KINDS
from .loader import ID_RE
from .repository import Repository
from .problems import ERROR, WARNING, Problem, Report
from .rules import add, references, rule
from .schema import location

# --- The severity setting


@dataclass(frozen=True)
class RuleInfo:
    default: str  # "error" or "warning"
    locked: bool  # True: cannot be lowered to a warning (privacy, safety, a broken site)
    summary: str


RULE_INFO: dict[str, RuleInfo] = {
    "award-level": RuleInfo(ERROR, False, "the authority may grant the award form"),
    "award-subject": RuleInfo(ERROR, False, "the recipient's kind may receive the form"),
    "award-occasion": RuleInfo(WARNING, False, "the plan gives the form on this occasion"),
    "award-in-plan": RuleInfo(WARNING, False, "the plan the decision applies mentions its form"),
    "decision-campaign": RuleInfo(ERROR, False, "decision and plan belong to the same campaign"),
    "quota": RuleInfo(ERROR, False, "no more recipients than the plan allows"),
    "prerequisite": RuleInfo(WARNING, False, "recipients hold the earlier awards the plan requires"),
    "decision-date": RuleInfo(ERROR, False, "dated within the campaign and not before the plan"),
    "authority-existed": RuleInfo(ERROR, False, "the authority existed on the decision's date"),
    "recipient-id": RuleInfo(ERROR, False, "recipient ids are well-formed and unique"),
    "story-subject": RuleInfo(ERROR, True, "a story's subject line exists"),
    "story-photo": RuleInfo(ERROR, True, "photos stay in the data folder, exist and have alt text"),
    "story-markup": RuleInfo(ERROR, True, "story Markdown holds no raw HTML or script links"),
    "sample-reference": RuleInfo(ERROR, True, "real records never point at sample records"),
    # privacy.py
    "personal-data": RuleInfo(ERROR, True, "no ID number, phone number, birth date or house address"),
    "poverty-consent": RuleInfo(ERROR, True, "a household in a poverty programme is published only with consent"),
    "private-recipient": RuleInfo(ERROR, True, "a line marked not public is shown nowhere"),
    # the setting file itself
    "rule-settings": RuleInfo(ERROR, True, "data/rules.yml is well-formed"),
}
DEFAULT_SEVERITY: dict[str, str] = {name: info.default for name, info in RULE_INFO.items()}
from .loader import SETTINGS_FILE  # in the data folder: data/rules.yml


def severity(repo: Repository, name: str) -> str:
    """The severity of rule `name` for this data folder: data/rules.yml over the defaults."""
    settings = getattr(repo, "_rule_severity", None)
    if settings is None:
        settings = read_settings(repo, None)
    return settings.get(name, DEFAULT_SEVERITY.get(name, ERROR))


def read_settings(repo: Repository, report: Report | None) -> dict[str, str]:
    """Read data/rules.yml (if any) into a rule -> severity mapping, reporting its problems."""
    settings = dict(DEFAULT_SEVERITY)
    path = Path(repo.root) / SETTINGS_FILE
    if not path.is_file():
        repo._rule_severity = settings
        return settings
    shown = display_path(repo, path)

    def bad(node, message, expected="", found=""):
        if report is not None:
            line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
            report.add(Problem(shown, line, col, "severity" if node is not None else "", message, expected, found,
                               ERROR, "rule-settings", "docs/RULES.md"))

    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        bad(None, f"the rule settings cannot be read: {str(exc).splitlines()[0]}",
                "valid YAML: severity: {rule-name: error or warning}")
        repo._rule_severity = settings
        return settings
    if root is None:
        repo._rule_severity = settings
        return settings
    if not isinstance(root, yaml.MappingNode):
        bad(root, "the rule settings must be a mapping", "severity: {rule-name: error or warning}")
        repo._rule_severity = settings
        return settings
    for key, value in root.value:
        if key.value != "severity":
            bad(key, f'unknown setting "{key.value}"', "severity", f'"{key.value}"')
            continue
        if value.tag.endswith(":null"):
            continue
        if not isinstance(value, yaml.MappingNode):
            bad(value, "severity must map rule names to error or warning", "rule-name: error", "not a mapping")
            continue
        for name_node, level_node in value.value:
            name = str(name_node.value)
            level = str(level_node.value).strip().lower() if isinstance(level_node, yaml.ScalarNode) else ""
            if name not in RULE_INFO:
                close = difflib.get_close_matches(name, list(RULE_INFO), n=1)
                hint = f' — did you mean "{close[0]}"?' if close else ""
                bad(name_node, f'unknown rule "{name}"{hint}', "one of: " + ", ".join(RULE_INFO), f'"{name}"')
            elif level not in (ERROR, WARNING):
                bad(level_node, f'the severity of "{name}" must be error or warning', "error or warning",
                        f'"{getattr(level_node, "value", "")}"')
            elif RULE_INFO[name].locked and level != RULE_INFO[name].default:
                bad(level_node, f'"{name}" is always an {RULE_INFO[name].default}: {RULE_INFO[name].summary}',
                        f"{RULE_INFO[name].default} (or leave it out)", level)
            else:
                settings[name] = level
    repo._rule_severity = settings
    return settings


@rule
def rule_settings(repo: Repository, report: Report) -> None:
    """Read data/rules.yml once per run, reporting what is wrong in it."""
    read_settings(repo, report)


def problem(repo: Repository, report: Report, name: str, obj, field: str | None, message: str,
            expected: str = "", found: str = "", source: str = "") -> None:
    add(report, obj, field, message, expected, found, severity(repo, name), name, source)


# --- Where things are


def display_path(repo: Repository, path: Path) -> str:
    """`path` (inside the data folder) as the loader names files in problems."""
    rel = Path(path).relative_to(repo.root).as_posix()
    for kind in KINDS:
        for record in repo.of_kind(kind).values():
            prefix = _prefix(repo, record._file, kind)
            if prefix is not None:
                return prefix + rel
    return f"{Path(repo.root).name}/{rel}"


def _prefix(repo: Repository, shown: str, kind: str) -> str | None:
    start = 0
    while True:
        i = shown.find(f"{kind}/", start)
        if i < 0:
            return None
        if (i == 0 or shown[i - 1] == "/") and (Path(repo.root) / shown[i:]).is_file():
            return shown[:i]
        start = i + 1


def source_file(repo: Repository, record, kind: str) -> Path | None:
    """The YAML file a record was read from."""
    shown = record._file
    prefix = _prefix(repo, shown, kind)
    return Path(repo.root) / shown[len(prefix):] if prefix is not None else None


def add_in_text(repo: Repository, report: Report, name: str, record, kind: str, owner, field: str,
                offset: int, message: str, expected: str = "", found: str = "", source: str = "",
                level: str | None = None) -> None:
    """A problem at character `offset` of a multi-line text field: the exact line when the
    YAML writes the text as a literal block (`body: |`), else the field's own line."""
    file, line, col, path = location(owner, field)
    text = getattr(owner, field)
    source_path = source_file(repo, record, kind) if "\n" in text else None
    if source_path is not None:
        try:
            lines = source_path.read_text(encoding="utf-8-sig").splitlines()
            head = lines[line - 1][col - 1:] if line <= len(lines) else ""
            if head[:1] == "|":
                before = text[:offset]
                inner = before.count("\n")
                content = [ln for ln in lines[line:] if ln.strip()]
                indent = len(content[0]) - len(content[0].lstrip(" ")) if content else 0
                line = line + 1 + inner
                col = indent + (offset - (before.rfind("\n") + 1)) + 1
        except (OSError, IndexError):
            pass
    report.add(Problem(file, line, col, path, message, expected, found, level or severity(repo, name), name, source))


# --- Reading plans


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A name for matching: NFC, casefolded, spaces collapsed, and each word's tone mark set
    apart, so 'Nguyễn Thị Thúy' and 'Nguyễn Thị Thuý' (old and new tone placement) match,
    while 'Hải' and 'Hài' do not."""
    words = []
    for word in nfc(text).casefold().split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        words.append(base + tones)
    return " ".join(words)


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
            here = [*labels, part.label or ""]
            if part.award is not None:
                found.append(AwardRule(plan, part.award, part, section_label(here)))
            walk(part.items, here)

    walk(plan.body, [])
    return found


def plan_label(repo: Repository, plan: model.Document) -> str:
    """'Kế hoạch số 2451/KH-UBND của UBND tỉnh Cao Bằng', or with the id when there is no number."""
    authority = repo.authorities.get(plan.authority)
    who = (authority.short_name or authority.name) if authority else plan.authority
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


def successors(repo: Repository, authority_id: str) -> list[str]:
    """The authorities that took over from `authority_id`, in order (merged into, renamed to)."""
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


def campaign_of(repo: Repository, decision: model.AwardDecision) -> str | None:
    if decision.campaign:
        return decision.campaign
    plan = repo.documents.get(decision.plan) if decision.plan else None
    return plan.campaign if plan else None


def rules_for(repo: Repository, decision: model.AwardDecision, cache: dict) -> list[AwardRule]:
    """The award parts of the decision's plan that name its form."""
    plan = repo.documents.get(decision.plan) if decision.plan else None
    if plan is None:
        return []
    if plan.id not in cache:
        cache[plan.id] = award_rules_of(plan)
    return [r for r in cache[plan.id] if decision.form in r.award.forms]


def kinds_label(kinds) -> str:
    return ", ".join(model.label(k).lower() for k in kinds)


def _sorted_decisions(repo: Repository) -> list[model.AwardDecision]:
    return sorted(repo.decisions.values(), key=lambda d: (d.date.sort_key(), d.id))


# --- Award level, subjects, occasion


@rule
def award_level(repo: Repository, report: Report) -> None:
    cache: dict = {}
    for decision in repo.decisions.values():
        form = repo.award_forms.get(decision.form)
        authority = repo.authorities.get(decision.authority)
        if form is None or authority is None:
            continue  # a dangling reference, reported by the reference rule
        levels = ", ".join(f"{lv.value} ({model.label(lv)})" for lv in form.granted_by_levels)
        found = f"{authority.id}: {authority.name}, level {authority.level.value} ({model.label(authority.level)})"
        if authority.level not in form.granted_by_levels:
            problem(repo, report, "award-level", decision, "authority",
                    f"{authority.short_name or authority.name} cannot grant the {form.name}",
                    f"an authority of level {levels}"
                    + (f": {authority_name(repo, form.granted_by)} only" if form.granted_by else ""),
                    found, form_source(form))
            continue
        if form.granted_by and not acts_for(repo, decision.authority, form.granted_by):
            problem(repo, report, "award-level", decision, "authority",
                    f"only {authority_name(repo, form.granted_by)} grants the {form.name}",
                    f"authority: {form.granted_by}", found, form_source(form))
            continue
        named = [r for r in rules_for(repo, decision, cache) if r.award.granted_by]
        unnamed = [r for r in rules_for(repo, decision, cache) if not r.award.granted_by]
        if named and not unnamed and not any(acts_for(repo, decision.authority, r.award.granted_by) for r in named):
            first = named[0]
            problem(repo, report, "award-level", decision, "authority",
                    f"the plan has the {form.name} granted by {authority_name(repo, first.award.granted_by)}",
                    f"authority: {first.award.granted_by} (or the authority that took over from it)",
                    found, rule_source(repo, first))


@rule
def award_subject(repo: Repository, report: Report) -> None:
    cache: dict = {}
    for decision in repo.decisions.values():
        form = repo.award_forms.get(decision.form)
        if form is None:
            continue
        rules = rules_for(repo, decision, cache)
        plan_kinds = None
        if rules and all(r.award.subjects for r in rules):
            named = {k for r in rules for k in r.award.subjects}
            plan_kinds = [k for k in model.SubjectKind if k in named]
        for recipient in decision.recipients:
            if form.subjects and recipient.kind not in form.subjects:
                problem(repo, report, "award-subject", recipient, "kind",
                        f"the {form.name} is not granted to a {model.label(recipient.kind).lower()}",
                        f"one of: {', '.join(k.value for k in form.subjects)}", recipient.kind.value,
                        form_source(form))
            elif plan_kinds is not None and recipient.kind not in plan_kinds:
                problem(repo, report, "award-subject", recipient, "kind",
                        f"the plan gives the {form.name} only to: {kinds_label(plan_kinds)}",
                        f"one of: {', '.join(k.value for k in plan_kinds)}", recipient.kind.value,
                        rule_source(repo, rules[0]))


@rule
def award_occasion(repo: Repository, report: Report) -> None:
    cache: dict = {}
    for decision in repo.decisions.values():
        plan = repo.documents.get(decision.plan) if decision.plan else None
        if plan is None or decision.form not in repo.award_forms:
            continue
        rules = rules_for(repo, decision, cache)
        if not rules:
            if award_rules_of(plan):  # a plan that sets out no award at all says nothing either way
                problem(repo, report, "award-in-plan", decision, "form",
                        f"the plan it applies does not mention the {form_name(repo, decision.form)}",
                        "a form the plan sets out: " + ", ".join(sorted({f for r in award_rules_of(plan)
                                                                         for f in r.award.forms})),
                        decision.form, plan_label(repo, plan))
            continue
        if decision.occasion == model.Occasion.ADHOC or any(not r.award.occasions for r in rules):
            continue  # ad hoc awards need no plan; a plan naming no occasion allows any
        named = {o for r in rules for o in r.award.occasions}
        allowed = [o for o in model.Occasion if o in named]
        if decision.occasion not in allowed:
            problem(repo, report, "award-occasion", decision, "occasion",
                    f"the plan gives the {form_name(repo, decision.form)} only "
                    + " and ".join(model.label(o).lower() for o in allowed),
                    "one of: " + ", ".join(o.value for o in allowed) + ", or adhoc",
                    decision.occasion.value, rule_source(repo, rules[0]))


@rule
def decision_campaign(repo: Repository, report: Report) -> None:
    for decision in repo.decisions.values():
        plan = repo.documents.get(decision.plan) if decision.plan else None
        if plan is not None and decision.campaign and plan.campaign and decision.campaign != plan.campaign:
            problem(repo, report, "decision-campaign", decision, "campaign",
                    "the decision and the plan it applies belong to different campaigns",
                    f"campaign: {plan.campaign} (the plan's)", decision.campaign, plan_label(repo, plan))


# --- Quotas


def _quota_bucket(quota: model.Quota, decision: model.AwardDecision):
    """Decisions counted together: per year for yearly (or unspecified) quotas; the whole
    plan for a midterm or final review, or when the quota names its year."""
    if quota.year is not None or quota.occasion in (model.Occasion.MIDTERM, model.Occasion.FINAL):
        return None
    return decision.date.year


@rule
def quotas(repo: Repository, report: Report) -> None:
    by_plan: dict[str, list[model.AwardDecision]] = defaultdict(list)
    for decision in _sorted_decisions(repo):
        if decision.plan in repo.documents:
            by_plan[decision.plan].append(decision)
    for plan_id, decisions in by_plan.items():
        for award_rule in award_rules_of(repo.documents[plan_id]):
            award = award_rule.award
            for quota in award.quotas:
                if quota.max is None:
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
                    over = None
                    for recipient in decision.recipients:
                        if recipient.kind in quota.subjects:
                            counts[bucket] += 1
                            if over is None and counts[bucket] > quota.max:
                                over = (recipient, counts[bucket])
                    if over is not None:
                        recipient, nth = over
                        here = counts[bucket] - before
                        when = model.label(quota.occasion).lower() if quota.occasion else "each year"
                        year = quota.year or (bucket if bucket is not None else None)
                        shown = earlier[bucket][-5:]  # the latest few: a long list would hide the message
                        others = ", ".join(f"{d.id} ({n})" for d, n in shown) or "none"
                        if len(earlier[bucket]) > len(shown):
                            others = f"… {len(earlier[bucket]) - len(shown)} more, " + others
                        problem(repo, report, "quota", recipient, None,
                                f"more recipients than the plan allows: at most {quota.max} "
                                f"({kinds_label(quota.subjects)}) for the {form_name(repo, decision.form)}, "
                                f"{when}{f' {year}' if year else ''}",
                                f"at most {quota.max} counted together across decisions under this plan",
                                f"{counts[bucket]}: {here} in this decision, {before} in earlier ones ({others}); "
                                f"this line is number {nth}", rule_source(repo, award_rule))
                    if counts[bucket] > before:
                        earlier[bucket].append((decision, counts[bucket] - before))


# --- Prerequisites


_WORDS_RE = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)
def _unit_words(unit: str) -> tuple[str, ...]:
    return tuple(name_key(w) for w in _WORDS_RE.findall(unit))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def same_place(a: str, b: str) -> bool:
    """Unit texts that agree: equal word for word, or one continues the other, as a national
    decision adds the province ('xã Hàm Minh, huyện Hàm Thuận Nam' / '..., tỉnh Bình Thuận')."""
    wa, wb = _unit_words(a), _unit_words(b)
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return bool(wa) and _contains(wb, wa)


def same_recipient(a: model.Recipient, b: model.Recipient) -> bool:
    """Same kind and name (NFC, case and tone placement aside) and no contradicting place:
    the same `locality` where both give one, else agreeing `unit` texts where both give one."""
    if a.kind != b.kind or name_key(a.name) != name_key(b.name):
        return False
    if a.locality and b.locality:
        return a.locality == b.locality
    if a.unit and b.unit:
        return same_place(a.unit, b.unit)
    return True


@rule
def prerequisites(repo: Repository, report: Report) -> None:
    cache: dict = {}
    # (form, kind, name key) -> [(decision, recipient)]: the earlier awards to look among
    held: dict[tuple, list[tuple[model.AwardDecision, model.Recipient]]] = defaultdict(list)
    for decision in repo.decisions.values():
        for recipient in decision.recipients:
            held[(decision.form, recipient.kind, name_key(recipient.name))].append((decision, recipient))
    for decision in _sorted_decisions(repo):
        campaign = campaign_of(repo, decision)
        for award_rule in rules_for(repo, decision, cache):
            for prereq in award_rule.award.prerequisites:
                if prereq.occasion is not None and prereq.occasion != decision.occasion:
                    continue
                if not prereq.any_of:
                    continue
                for recipient in decision.recipients:
                    found_all = []
                    satisfied = False
                    for alt in prereq.any_of:
                        found: list[model.AwardDecision] = []
                        for earlier, line in held.get((alt.form, recipient.kind, name_key(recipient.name)), []):
                            if earlier is decision or not earlier.date.first < decision.date.last:
                                continue
                            if found and found[-1] is earlier:
                                continue  # two lines of one decision are one award
                            if prereq.same_campaign and campaign and campaign_of(repo, earlier) != campaign:
                                continue
                            if prereq.granted_by and not acts_for(repo, earlier.authority, prereq.granted_by):
                                continue
                            if same_recipient(line, recipient) and earlier not in found:
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
                    problem(repo, report, "prerequisite", recipient, "name",
                            f'"{recipient.name}" does not hold the earlier awards the plan requires for the '
                            f"{form_name(repo, decision.form)}",
                            f"at least {wants}, " + ", ".join(extra),
                            got or "no earlier award of these forms found for this recipient",
                            rule_source(repo, award_rule))


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


@rule
def decision_dates(repo: Repository, report: Report) -> None:
    for decision in repo.decisions.values():
        campaign = repo.campaigns.get(campaign_of(repo, decision) or "")
        if campaign is not None and not campaign.period.contains(decision.date):
            problem(repo, report, "decision-date", decision, "date",
                    "the decision is dated outside its campaign's period",
                    f"a date within {campaign.period.id}", decision.date.vi(),
                    f"{campaign.name}, {campaign.period.vi()}")
        plan = repo.documents.get(decision.plan) if decision.plan else None
        if plan is not None:
            bound, what = plan_not_before(repo, plan)
            if bound is not None and decision.date.last < bound.first:
                problem(repo, report, "decision-date", decision, "date",
                        "the decision is dated before the plan it applies",
                        f"a date on or after {what}", decision.date.vi(), plan_label(repo, plan))
        authority = repo.authorities.get(decision.authority)
        if authority is None:
            continue
        until = authority.until
        if until is not None:
            ceased = decision.date.first >= until.first if until.precision == "day" else decision.date.first > until.last
            if ceased:
                after = successors(repo, authority.id)
                problem(repo, report, "authority-existed", decision, "authority",
                        f"{authority.short_name or authority.name} no longer existed on the decision's date",
                        f"a date before {until.vi()}"
                        + (f", or the authority that took over: {after[0]}" if after else ""),
                        decision.date.vi(), authority.change_note or f"{authority.id}: until {until.iso()}")
        if authority.since is not None and decision.date.last < authority.since.first:
            problem(repo, report, "authority-existed", decision, "authority",
                    f"{authority.short_name or authority.name} did not yet exist on the decision's date",
                    f"a date from {authority.since.vi()}", decision.date.vi(), f"{authority.id}: since")


# --- Recipient ids


@rule
def recipient_ids(repo: Repository, report: Report) -> None:
    for decision in repo.decisions.values():
        seen: dict[str, model.Recipient] = {}
        for recipient in decision.recipients:
            if recipient.id is None:
                continue
            if not ID_RE.match(recipient.id):
                problem(repo, report, "recipient-id", recipient, "id",
                        "a recipient id must be lowercase ASCII words joined by hyphens",
                        "e.g. nguyen-thi-thuy-ham-chinh", f'"{recipient.id}"')
            elif recipient.id in seen:
                other = location(seen[recipient.id], "id")
                problem(repo, report, "recipient-id", recipient, "id",
                        f'two recipients of this decision have the id "{recipient.id}"',
                        "an id used by one line only", f"also line {other[1]}")
            seen.setdefault(recipient.id, recipient)


# --- Stories


@rule
def story_subjects(repo: Repository, report: Report) -> None:
    for story in repo.stories.values():
        subject = story.subject
        if subject is None:
            continue
        if subject.recipient and not subject.decision:
            problem(repo, report, "story-subject", subject, "recipient",
                    "a recipient line is named without the decision it is in",
                    "decision: the id of the award decision listing this recipient", "no decision")
            continue
        if not (subject.name or subject.decision or subject.authority):
            problem(repo, report, "story-subject", story, "subject", "the subject is empty",
                    "name, decision (and recipient) or authority", "none of them")
            continue
        decision = repo.decisions.get(subject.decision) if subject.decision else None
        if decision is None or not subject.recipient:
            continue  # a dangling decision is reported by the reference rule
        anchors = model.recipient_anchors(decision)
        if subject.recipient not in anchors:
            public = [a for a, r in zip(anchors, decision.recipients) if r.public]
            close = difflib.get_close_matches(subject.recipient, public, n=1, cutoff=0.6)
            hint = f' — did you mean "{close[0]}"?' if close else ""
            problem(repo, report, "story-subject", subject, "recipient",
                    f"decision {decision.id} has no recipient line with this id{hint}",
                    "a recipient's id, or the slug of its name (e.g. nguyen-thi-thuy)", f'"{subject.recipient}"')


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"}
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def photo_path_problem(root: Path, file: str) -> tuple[str, str] | None:
    """(message, expected) when `file` is not a safe path to an image inside `root`."""
    expected = "a relative path inside the data folder, e.g. media/xa-minh-tien-1.jpg"
    if not file.strip():
        return "the photo has no file", expected
    if "\\" in file:
        return "photo paths use / between folders", expected
    if file.startswith("/") or _SCHEME_RE.match(file) or file.startswith("~"):
        return "a photo path must be relative to the data folder", expected
    if ".." in Path(file).parts:
        return "the photo path leaves the data folder", expected
    root = Path(root).resolve()
    target = (root / file)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return "the photo path cannot be resolved (a symbolic link loop?)", expected
    if not resolved.is_relative_to(root):
        return "the photo path leaves the data folder (through a symbolic link)", expected
    if not resolved.is_file():
        return "the photo file does not exist", f"a file at {Path(root).name}/{file}"
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        return "the photo is not in an image format the site shows", \
            "one of: " + ", ".join(sorted(IMAGE_SUFFIXES)) + " (SVG can carry scripts)"
    return None


@rule
def story_photos(repo: Repository, report: Report) -> None:
    for story in repo.stories.values():
        for photo in story.photos:
            found = photo_path_problem(repo.root, photo.file)
            if found is not None:
                message, expected = found
                problem(repo, report, "story-photo", photo, "file", message, expected, f'"{photo.file}"')
            if not photo.alt.strip():
                problem(repo, report, "story-photo", photo, "alt", "the photo has no alt text",
                        "a sentence saying what the photo shows, for readers who cannot see it", "empty text")


_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_HTML_RE = re.compile(r"<(?:!--|![A-Za-z\[]|\?|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))")
_LINK_DEST_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>",
                           re.M)
SAFE_SCHEMES = {"http", "https", "mailto"}


def markup_problems(body: str) -> Iterator[tuple[int, str, str]]:
    """(offset, message, found) for raw HTML or unsafe link targets in story Markdown."""
    masked = list(body)
    # blank out fenced code blocks and code spans: what is in them is shown as text
    offset, fence = 0, None
    for line in body.splitlines(keepends=True):
        m = _FENCE_RE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            masked[offset:offset + len(line)] = " " * len(line)
        elif fence is not None:
            masked[offset:offset + len(line)] = " " * len(line)
            if line.strip().startswith(fence):
                fence = None
        offset += len(line)
    text = "".join(masked)
    for m in _CODE_SPAN_RE.finditer(text):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    found = []
    for m in _HTML_RE.finditer(text):
        end = text.find(">", m.start())
        shown = text[m.start(): end + 1 if 0 <= end < m.start() + 60 else m.start() + 40]
        found.append((m.start(), "story Markdown cannot hold raw HTML", shown.strip()))
    for m in _LINK_DEST_RE.finditer(text):
        target = next(g for g in m.groups() if g is not None)
        scheme = _SCHEME_RE.match(target.strip())
        if scheme and scheme.group(0)[:-1].lower() not in SAFE_SCHEMES:
            found.append((m.start(m.lastindex), f'a link to "{scheme.group(0)}" is not allowed', target[:60]))
    seen = set()  # one problem per line and kind: "<b>x</b>" is one mistake, not two
    for offset, message, shown in sorted(found):
        key = (body.count("\n", 0, offset), message)
        if key not in seen:
            seen.add(key)
            yield offset, message, shown


@rule
def story_markup(repo: Repository, report: Report) -> None:
    for story in repo.stories.values():
        for offset, message, found in markup_problems(story.body):
            add_in_text(repo, report, "story-markup", story, "stories", story, "body", offset, message,
                        "Markdown only: text, emphasis, lists, headings, links to http(s) or mailto", found)


# --- Samples


@rule
def sample_references(repo: Repository, report: Report) -> None:
    """A record that is not a sample never refers to one: dropping samples leaves no dangling link."""
    for kind in KINDS:
        for record in repo.of_kind(kind).values():
            if getattr(record, "sample", False):
                continue
            for owner, key, target_kind, ident in references(record):
                target = repo.of_kind(target_kind).get(ident)
                if target is not None and getattr(target, "sample", False):
                    problem(repo, report, "sample-reference", owner, key,
                            "a record that is not a sample refers to sample data",
                            "a reference to a real record (sample records are left out by include_samples: false)",
                            f'"{ident}" is a sample')

"""What may be published about people: the privacy checks.

The portal publishes names, unit or commune, award and achievement (DOMAIN.md, "Publishing
people"); never an ID number, phone number, birth date or house address; a household in a
poverty programme only with its consent; a line marked not public nowhere at all.

  personal-data      the patterns below, in every text field of every record of every kind
                     (recipient lines public or not: the YAML itself sits in a public repository)
  poverty-consent    poverty_programme: true needs consent: true, or public: false
  private-recipient  a story never names, links to or is about a line marked not public

All three are always errors (locked in `settings.RULE_INFO`): a warning would let the site be
built with the data in it. `publish.publishable(repo)` then removes every line not to be
published, after validation and before any page, index or search shard is built.
"""
from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .. import model
from ..schema import PARSED, fields_of
from ..text import name_words, name_words_at
from .base import Context

EXPECTED = "names, unit or commune, award and achievement only — never an ID number, phone number, birth date or house address"
SOURCE = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; docs/RULES.md (personal-data)"

_I = re.IGNORECASE
# Words that contain "sinh" but say nothing of a birth: học sinh (pupil), vệ sinh, phát sinh ...
_NOT_BIRTH_BEFORE = "".join(f"(?<!{w} )" for w in ("học", "vệ", "phát", "hy", "nữ", "nam", "sơ", "tái", "ký", "hồi"))
_NOT_BIRTH_AFTER = r"(?!\s+(?:hoạt|viên|kế|sống|thái|học|lý|sản|lời|ra|động|nhật|con|trưởng))"
_DATE = r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}"


@dataclass(frozen=True)
class Pattern:
    what: str  # "an ID number", ...
    regex: re.Pattern
    hint: re.Pattern  # a cheap test: text without it cannot match


_DIGITS9 = re.compile(r"\d(?:[ .\-]?\d){8}")


PATTERNS: list[Pattern] = [
    # CMND (9 digits) or CCCD (12 digits); not an amount of money written without dots
    Pattern("an ID number (CMND/CCCD)",
            re.compile(r"(?<![\d.,])(?:\d{9}|\d{12})(?![\d])(?!\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ))", _I),
            re.compile(r"\d{9}")),
    # 0 or +84 and 9 to 10 more digits, perhaps grouped by spaces, dots or hyphens
    Pattern("a phone number",
            re.compile(r"(?<![\w.,+])(?:\+\s?84|0)(?:[ .\-]?\d){9,10}(?!\d)", _I), _DIGITS9),
    Pattern("a birth date",
            re.compile(
                r"\b(?:ngày|năm)\s*(?:,\s*)?(?:tháng\s*(?:,\s*)?năm\s*)?sinh\b" + _NOT_BIRTH_AFTER
                + r"|" + _NOT_BIRTH_BEFORE + r"\bsinh\s*(?:vào\s+)?(?:ngày\s*|năm\s*|:\s*)?" + _DATE
                + r"|" + _NOT_BIRTH_BEFORE + r"\bsinh\s+(?:vào\s+)?năm\s+(?:19|20)\d{2}\b"
                + r"|" + _NOT_BIRTH_BEFORE + r"\bsinh\s+(?:vào\s+)?ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
                + r"|" + _DATE + r"\s*\(?\s*(?:ngày\s+)?sinh\b" + _NOT_BIRTH_AFTER, _I),
            re.compile("sinh", _I)),
    Pattern("a house address",
            re.compile(
                r"\bsố\s+nhà\s*:?\s*\d|\bnhà\s+số\s+\d"  # "số nhà ở được hỗ trợ" counts houses
                r"|\bsố\s+\d+[a-z]?(?:/\d+[a-z]?)*\s*,?\s*(?:đường|phố|ngõ|ngách|hẻm|kiệt)\b"
                r"|\b(?:ngõ|ngách|hẻm|kiệt)\s+(?:số\s+)?\d", _I),
            re.compile("số|ngõ|ngách|hẻm|kiệt", _I)),
]


_BY_PRIORITY = sorted(PATTERNS, key=lambda p: p.what != "a phone number")


def find_personal_data(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, what, matched text) for each kind of personal data found in `text`, first match each."""
    taken: list[tuple[int, int]] = []  # "+84 912345678" is a phone number, not also an ID number
    for pattern in _BY_PRIORITY:
        if not pattern.hint.search(text):
            continue
        for m in pattern.regex.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                yield m.start(), pattern.what, m.group(0)
                break


def mask(found: str) -> str:
    """Show where the data is without repeating it in CI logs: digits past the first two become •."""
    seen = 0
    out = []
    for ch in found:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= 2 else "•")
        else:
            out.append(ch)
    return "".join(out)


STORY_FIELDS = ("title", "unit", "body")


def _texts(story: model.Story) -> Iterator[tuple[object, str]]:
    """(owner, field) of every published text of a story (for the names of hidden lines)."""
    for field in STORY_FIELDS:
        yield story, field
    for i, _tag in enumerate(story.tags):
        yield story, f"tags[{i}]"
    if story.subject is not None:
        yield story.subject, "name"
    for photo in story.photos:
        yield photo, "alt"
        yield photo, "credit"


def _value(owner, field: str) -> str | None:
    if field.startswith("tags["):
        return owner.tags[int(field[5:-1])]
    return getattr(owner, field)


@cache
def _text_plan(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(text fields, lists of texts, nested objects, lists of nested objects) of a model class.
    References name other records and are checked there; enums and numbers hold no text."""
    texts: list[str] = []
    text_lists: list[str] = []
    nested: list[str] = []
    nested_lists: list[str] = []
    for f in fields_of(cls).values():
        if f.ref:
            continue
        is_list = typing.get_origin(f.type) is list
        inner = typing.get_args(f.type)[0] if is_list else f.type
        if inner is str:
            (text_lists if is_list else texts).append(f.name)
        elif dataclasses.is_dataclass(inner) and inner not in PARSED:
            (nested_lists if is_list else nested).append(f.name)
    return tuple(texts), tuple(text_lists), tuple(nested), tuple(nested_lists)


def text_fields(obj) -> Iterator[tuple[object, str, str]]:
    """(owner, field key, text) of every text under a record: every field of every kind, nested
    parts, signers, recipients, photos, lists of lines... (`field key` may be 'distribution[2]')."""
    texts, text_lists, nested, nested_lists = _text_plan(type(obj))  # type: ignore[arg-type]
    for name in texts:
        value = getattr(obj, name)
        if value:
            yield obj, name, value
    for name in text_lists:
        for i, value in enumerate(getattr(obj, name)):
            if value:
                yield obj, f"{name}[{i}]", value
    for name in nested:
        child = getattr(obj, name)
        if child is not None:
            yield from text_fields(child)
    for name in nested_lists:
        for child in getattr(obj, name):
            yield from text_fields(child)


def personal_data(ctx: Context) -> None:
    """Every text of every record, whatever its kind: public or not, the YAML itself sits in a
    public repository."""
    for kind, record in ctx.repo.all():
        for owner, field, text in text_fields(record):
            for offset, what, found in find_personal_data(text):
                message = f"personal data must not be published: {what}"
                if "\n" in text:  # a block of text: point at the very line
                    ctx.problem_in_text("personal-data", record, kind.name, owner, field, offset, message,
                                        EXPECTED, mask(found), SOURCE)
                else:
                    ctx.problem("personal-data", owner, field, message, EXPECTED, mask(found), SOURCE)


def poverty_consent(ctx: Context) -> None:
    for decision in ctx.repo.decisions.values():
        for recipient in decision.recipients:
            if recipient.poverty_programme and recipient.public and not recipient.consent:
                ctx.problem("poverty-consent", recipient, "poverty_programme",
                            f"{model.label(recipient.kind).lower()} in a poverty programme published without its consent",
                            "consent: true (they agreed to publication) or public: false",
                            "poverty_programme: true, consent: false",
                            "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (consent); docs/RULES.md (poverty-consent)")


_HOUSEHOLD_RE = re.compile(r"^(?:hộ\s+gia\s+đình|gia\s+đình|hộ)(?:\s+(?:ông|bà|anh|chị|cô|chú))?\s+", re.IGNORECASE)


def bare_name(name: str) -> str:
    """'Hộ bà Vi Thị Giấu Tên' -> 'Vi Thị Giấu Tên': a story names the person, not the line."""
    bare = _HOUSEHOLD_RE.sub("", name.strip())
    return bare if len(bare.split()) >= 2 else name


def find_names(text: str, by_first: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, tuple[str, ...]]]:
    """(offset, name) of each name of `by_first` (name keys, indexed by their first word) in `text`."""
    tokens = name_words_at(text)
    keys = [k for _, k in tokens]
    hits = []
    for i, key in enumerate(keys):
        for wanted in by_first.get(key, ()):
            if tuple(keys[i:i + len(wanted)]) == wanted:
                hits.append((tokens[i][0], wanted))
    return hits


def private_recipients(ctx: Context) -> None:
    """A story shows nothing of a line marked not public: no link to it, no mention of its name."""
    repo = ctx.repo
    hidden: dict[tuple[str, ...], list[tuple[model.AwardDecision, model.Recipient]]] = {}
    for decision in repo.decisions.values():
        for recipient in decision.recipients:
            if not recipient.public:
                hidden.setdefault(name_words(bare_name(recipient.name)), []).append((decision, recipient))
    if not hidden:
        return
    public_names = {name_words(bare_name(r.name)) for d in repo.decisions.values() for r in d.recipients if r.public}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in hidden:
        if words and words not in public_names:
            by_first.setdefault(words[0], []).append(words)
    source = "docs/RULES.md (private-recipient)"
    for story in repo.stories.values():
        subject = story.subject
        decision = repo.decisions.get(subject.decision) if subject and subject.decision else None
        if decision is not None and subject.recipient:
            for anchor, recipient in zip(model.recipient_anchors(decision), decision.recipients):
                if anchor == subject.recipient and not recipient.public:
                    ctx.problem("private-recipient", subject, "recipient",
                                "the story is about a recipient line marked not public",
                                "a public line (or no recipient link)", f'"{subject.recipient}" has public: false',
                                source)
        # names of hidden lines, unless the same name is also published on a public line
        for owner, field in _texts(story):
            text = _value(owner, field)
            if not text:
                continue
            reported = set()
            for at, words in find_names(text, by_first):
                if words in reported:
                    continue
                reported.add(words)
                decision_id = hidden[words][0][0].id
                message = "the story names a recipient marked not public"
                found = f"a name of {decision_id} (public: false)"
                if field == "body":
                    ctx.problem_in_text("private-recipient", story, "stories", owner, field, at,
                                        message, "no mention of lines marked not public", found, source)
                else:
                    key_field = "tags" if field.startswith("tags[") else field
                    ctx.problem("private-recipient", owner, key_field, message,
                                "no mention of lines marked not public", found, source)

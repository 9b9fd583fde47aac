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
import hashlib
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import model
from ..schema import PARSED, fields_of
from ..text import canonical_words, canonical_words_at, disguises, plain_digits
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
    hints: tuple[re.Pattern, ...]  # cheap tests, the cheapest first: text without any one of them cannot match


_DIGITS9 = re.compile(r"\d(?:[ .\-]?\d){8}")
_DIGIT = re.compile(r"\d")  # as the patterns' \d: any decimal digit (Unicode's Nd)


PATTERNS: list[Pattern] = [
    # CMND (9 digits) or CCCD (12 digits); not an amount of money written without dots
    # also grouped, as written on the card or read aloud: "0792 0300 1234", "079.203.001.234"
    Pattern("an ID number (CMND/CCCD)",
            re.compile(r"(?<![\d.,])(?<![\d][ .\-])(?:\d{9}|\d{12}|\d{3,4}(?:[ .\-]\d{3,4}){2,3})(?![\d])"
                       r"(?![ .\-]\d)(?!\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ|nghìn|ngàn))", _I),
            (_DIGITS9,)),
    # 0, +84, (+84) or 84 and 9 to 10 more digits, perhaps grouped by spaces, dots or hyphens
    Pattern("a phone number",
            re.compile(r"(?<![\w.,+])(?:\(\s?\+?\s?84\s?\)\s?|\+\s?84|0)(?:[ .\-]?\d){9,10}(?!\d)"
                       r"|(?<![\w.,+])84[35789]\d{8}(?!\d)", _I), (_DIGITS9,)),
    Pattern("a birth date",
            re.compile(
                r"\b(?:ngày|năm)\s*(?:,\s*)?(?:tháng\s*(?:,\s*)?năm\s*)?sinh\b" + _NOT_BIRTH_AFTER
                + r"|" + _NOT_BIRTH_BEFORE + r"\bsinh\s*(?:vào\s+)?(?:ngày\s*|năm\s*|:\s*)?" + _DATE
                + r"|" + _NOT_BIRTH_BEFORE + r"\bsinh\s+(?:vào\s+)?năm\s+(?:19|20)\d{2}\b"
                + r"|" + _NOT_BIRTH_BEFORE + r"\bsinh\s*:\s*(?:năm\s*)?(?:19|20)\d{2}\b"  # "sinh: 1985"
                + r"|\b(?-i:SN|Sn|sn)\s*:?\s*(?:19|20)\d{2}\b"  # "SN 1985" (sinh năm)
                + r"|" + _NOT_BIRTH_BEFORE + r"\bsinh\s+(?:vào\s+)?ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
                + r"|" + _DATE + r"\s*\(?\s*(?:ngày\s+)?sinh\b" + _NOT_BIRTH_AFTER, _I),
            (re.compile("sinh|sn", _I),)),
    Pattern("a house address",
            re.compile(
                r"\bsố\s+nhà\s*:?\s*\d|\bnhà\s+số\s+\d"  # "số nhà ở được hỗ trợ" counts houses
                r"|\bsố\s+\d+[a-z]?(?:/\d+[a-z]?)*\s*,?\s*(?:đường|phố|ngõ|ngách|hẻm|kiệt)\b"
                r"|\b(?:ngõ|ngách|hẻm|kiệt)\s+(?:số\s+)?\d"
                # "số 12 Lê Lợi": a number, then a capitalised name of two words (a street)
                r"|\bsố\s+\d{1,4}[a-zA-Z]?(?:/\d{1,4}[a-zA-Z]?)?,?\s+(?-i:[A-ZĐ\u00c0-\u1ef8][^\W\d_]*\s+[A-ZĐ\u00c0-\u1ef8])",
                _I),
            # every way of it holds a digit: most texts have none (303,180 of the 479,997 distinct texts
            # at national), told in one quick pass before the words, which a case-insensitive search finds
            # slowly (0.18 s against 1.0 s over those texts)
            (_DIGIT, re.compile("số|ngõ|ngách|hẻm|kiệt", _I))),
]


_BY_PRIORITY = sorted(PATTERNS, key=lambda p: p.what != "a phone number")


def find_personal_data(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, what, matched text) for each kind of personal data found in `text`, first match each.
    Full-width digits count as digits and invisible characters are not there ('０９１２\u200b345...')."""
    plain, index = plain_digits(text)
    taken: list[tuple[int, int]] = []  # "+84 912345678" is a phone number, not also an ID number
    for pattern in _BY_PRIORITY:
        # a loop, not all(...): a generator for each text and pattern cost 0.45 s more over the national texts
        hinted = True
        for hint in pattern.hints:
            if not hint.search(plain):
                hinted = False
                break
        if not hinted:
            continue
        for m in pattern.regex.finditer(plain):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                yield (m.start() if index is None else index[m.start()]), pattern.what, m.group(0)
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


def text_fields(obj) -> list[tuple[object, str, str]]:
    """(owner, field key, text) of every text under a record: every field of every kind, nested
    parts, signers, recipients, photos, lists of lines... (`field key` may be 'distribution[2]')."""
    out: list[tuple[object, str, str]] = []
    _collect_texts(obj, out)  # a list, not nested generators: this walk runs over every record
    return out


def _collect_texts(obj, out: list[tuple[object, str, str]]) -> None:
    texts, text_lists, nested, nested_lists = _text_plan(type(obj))  # type: ignore[arg-type]
    for name in texts:
        value = getattr(obj, name)
        if value:
            out.append((obj, name, value))
    for name in text_lists:
        for i, value in enumerate(getattr(obj, name)):
            if value:
                out.append((obj, f"{name}[{i}]", value))
    for name in nested:
        child = getattr(obj, name)
        if child is not None:
            _collect_texts(child, out)
    for name in nested_lists:
        for child in getattr(obj, name):
            _collect_texts(child, out)


def personal_data(ctx: Context) -> None:
    """Every text of every record, whatever its kind: public or not, the YAML itself sits in a
    public repository. The same walk looks for text disguised by invisible or look-alike letters."""
    seen: dict[str, tuple[tuple, tuple]] = {}  # texts repeat: each distinct one is scanned once
    ctx.each_record("personal-data", lambda ctx, kind, record: _personal_data_of(ctx, kind, record, seen))


def _personal_data_of(ctx: Context, kind, record, seen: dict[str, tuple[tuple, tuple]]) -> None:
    """personal_data's work for one record: it reads nothing else."""
    for owner, field, text in _published_texts(ctx, record):  # its file name too
        found_in = seen.get(text)
        if found_in is None:
            found_in = seen[text] = (tuple(find_personal_data(text)), () if text.isascii() else tuple(disguises(text)))
        hits, disguised = found_in
        if disguised:
            _disguises(ctx, kind, record, owner, field, text, disguised)
        for offset, what, found in hits:
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


class HiddenNames:
    """Names to look for (canonical words), indexed for `find_names`: by first word, the lengths
    of the names starting with it, and each name's rank among those (the order hits are given in).
    A text's words are looked up by slicing, so the cost grows with the text, not with how many
    names share a first word ("nguyen" starts thousands of them at national scale)."""

    def __init__(self, by_first: dict[str, list[tuple[str, ...]]]):
        self.by_first = by_first
        self.lengths = {first: sorted({len(w) for w in names}) for first, names in by_first.items()}
        self.rank: dict[tuple[str, ...], int] = {}
        for names in by_first.values():
            for r, words in enumerate(names):
                self.rank.setdefault(words, r)
        # the first two words of every name (when none is of one word): a text holding none of them holds no name
        self.pairs = {words[:2] for words in self.rank} if all(len(words) > 1 for words in self.rank) else None


def find_names(text: str, index: HiddenNames) -> list[tuple[int, tuple[str, ...]]]:
    """(offset, name) of each name of `index` (canonical words) in `text`, compared in the
    canonical form (`text.canonical`): diacritics, case, invisible characters and look-alike
    letters set aside. The common case, no name, costs a few passes in C."""
    keys = canonical_words(text)
    lengths = index.lengths
    if lengths.keys().isdisjoint(keys):
        return []
    rank = index.rank
    # Most texts that hold a word some name starts with ("nguyen" starts thousands at national scale)
    # hold no name's first two words either, and are so told without a loop in Python
    if index.pairs is not None and index.pairs.isdisjoint(zip(keys, keys[1:])):
        return []
    hits: list[tuple[int, tuple[str, ...]]] = []
    for i, key in enumerate(keys):
        sizes = lengths.get(key)
        if sizes is None:
            continue
        found = [cand for n in sizes if len(cand := keys[i:i + n]) == n and cand in rank]
        if len(found) > 1:
            found.sort(key=rank.__getitem__)
        hits.extend((i, wanted) for wanted in found)
    if not hits:
        return []
    at = canonical_words_at(text)
    return [(at[i][0] if i < len(at) else 0, wanted) for i, wanted in hits]


def _name_key(name: str) -> tuple[str, ...]:
    return canonical_words(bare_name(name))


def _published_texts(ctx: Context, record) -> list[tuple[object, str, str]]:
    """(owner, field, text) of every text of a record, and its file's name where it is not its id.
    Both checks below read every record's texts, and `Context.run` gives them each record one
    after the other: the last record's walk, kept in the task's scratch, serves both."""
    walked = ctx.scratch.get("texts")
    if walked is not None and walked[0] is record:
        return walked[1]
    out = text_fields(record)
    stem = Path(getattr(record, "_file", "") or "").stem
    if stem and stem != record.id:
        out.append((record, "id", stem))
    ctx.scratch["texts"] = (record, out)
    return out


def private_subjects(ctx: Context) -> None:
    """No story is about a line marked not public (`private_recipients` looks for their names)."""
    repo = ctx.repo
    lines_of: dict[str, dict[str, model.Recipient]] = {}  # decision id -> anchor -> line, once each
    for story in repo.stories.values():
        subject = story.subject
        decision = repo.decisions.get(subject.decision) if subject and subject.decision else None
        if decision is not None and subject.recipient:
            if decision.id not in lines_of:
                lines_of[decision.id] = dict(zip(ctx.anchors(decision), decision.recipients))
            recipient = lines_of[decision.id].get(subject.recipient)
            if recipient is not None and not recipient.public:
                ctx.problem("private-recipient", subject, "recipient",
                            "the story is about a recipient line marked not public",
                            "a public line (or no recipient link)", f'"{subject.recipient}" has public: false',
                            "docs/RULES.md (private-recipient)")


def private_recipients(ctx: Context) -> None:
    """Nothing shows a line marked not public: no text of any record (a decision's title, another
    line's achievement, a plan's summary, a story, a file name) names it, unless the same name is
    also published on a public line."""
    repo = ctx.repo
    hidden: dict[tuple[str, ...], list[tuple[model.AwardDecision, model.Recipient]]] = {}
    hidden_lines: set[int] = set()  # the lines themselves are dropped before pages are built
    for decision in repo.decisions.values():
        for recipient in decision.recipients:
            if not recipient.public:
                hidden.setdefault(_name_key(recipient.name), []).append((decision, recipient))
                hidden_lines.add(id(recipient))
    if not hidden:
        return
    # names repeat (828,000 lines at national scale): each distinct one is made canonical once
    public_names = set(map(_name_key, {r.name for d in repo.decisions.values() for r in d.recipients if r.public}))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in hidden:
        if words and words not in public_names:
            by_first.setdefault(words[0], []).append(words)
    if not by_first:
        return
    names = HiddenNames(by_first)
    seen: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # texts repeat: each distinct one is looked at once
    # a record's problems here depend on its bytes and on the names looked for (with the decision
    # each is reported under, in the order they are looked for): the memo is keyed by both
    check = "private-recipient " + hashlib.sha256(repr(
        [(first, [(words, hidden[words][0][0].id) for words in by_first[first]]) for first in sorted(by_first)]
    ).encode()).hexdigest() if ctx.memo is not None else ""
    ctx.each_record(check, lambda ctx, kind, record: _names_in_record(ctx, kind, record, names, hidden,
                                                                       hidden_lines, seen))


def _names_in_record(ctx: Context, kind, record, names: HiddenNames, hidden: dict, hidden_lines: set[int],
                     seen: dict[str, list[tuple[int, tuple[str, ...]]]]) -> None:
    """private_recipients' look for hidden names in the texts of one record: it reads nothing else."""
    source = "docs/RULES.md (private-recipient)"
    for owner, field, text in _published_texts(ctx, record):
        if id(owner) in hidden_lines or (isinstance(owner, model.StorySubject) and field == "recipient"):
            continue  # the line itself, and the subject link reported above
        found_names = seen.get(text)
        if found_names is None:
            found_names = seen[text] = find_names(text, names)
        if not found_names:
            continue
        reported = set()
        for at, words in found_names:
            if words in reported:
                continue
            reported.add(words)
            decision_id = hidden[words][0][0].id
            what = "the " + kind.noun.split(" ", 1)[1]  # "the story", "the award decision"
            message = f"{what} names a recipient marked not public"
            found = f"a name of {decision_id} (public: false)"
            if "\n" in text:
                ctx.problem_in_text("private-recipient", record, kind.name, owner, field, at,
                                    message, "no mention of lines marked not public", found, source)
            else:
                key_field = "tags" if field.startswith("tags[") else field
                ctx.problem("private-recipient", owner, key_field, message,
                            "no mention of lines marked not public", found, source)


def _disguises(ctx: Context, kind, record, owner, field: str, text: str,
               found_in: typing.Iterable[tuple[int, str]]) -> None:
    """Invisible characters (zero-width, soft hyphen, bidi controls) and look-alike Cyrillic or
    Greek letters in a Latin word: a name so written escapes search and the privacy checks, and a
    bidi override shows readers other text than the file holds. One problem per field and rule."""
    seen = set()
    for offset, what in found_in:  # text.disguises(text)
        rule = "mixed-script" if "mixes" in what else "invisible-character"
        if rule in seen:
            continue
        seen.add(rule)
        message = f"the text holds {what}" if rule == "invisible-character" else what
        expected = ("text without invisible characters: retype it, or paste it as plain text"
                    if rule == "invisible-character" else "Vietnamese letters only: retype the word")
        found = text[max(0, offset - 20):offset + 20].strip()  # Problem shows invisibles as <U+200B>
        if "\n" in text:
            ctx.problem_in_text(rule, record, kind.name, owner, field, offset, message, expected, found)
        else:
            ctx.problem(rule, owner, field, message, expected, found)

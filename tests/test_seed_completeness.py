"""Completeness of the four seed plans: everything in ../shared/seeds/ is in the portal's first
content, the frozen copy of the data (tests/fixtures/data/).

The seeds are plain text extracted from the signed documents (with layout noise: hard
line breaks, page numbers, the signature block printed beside the "Nơi nhận" list).
Each was transcribed into data/documents/ keeping the wording verbatim (typos too),
only joining hard line breaks with single spaces, rejoining words split at a line end
("HD-" + "BTĐKT"), dropping page numbers and putting the "Nơi nhận" lines, without
"- " and the final ";" or ".", in `distribution`.

Every expectation below is extracted FROM THE SEED TEXT, never from the YAML, then
looked up in the records the project's own loader builds:

1. headings: every Roman-numeral, numbered and lettered heading, in order, as a part
   with that label whose title/text starts with the heading's words;
2. numbers: every percentage, quota and deadline phrase is in the document's text, and
   the typed facts exist (targets with their values, quotas, yearly deadlines,
   schedule milestones);
3. awards: every award form the seed names is an `award` fact with the catalog id;
4. distribution: every "Nơi nhận" line, in order, nothing more, nothing less;
5. full text: every word of the seed, in order, is in the document.

Each check is a plain function returning a list of problems (empty: complete), so the
mutation tests at the end can prove that each one notices what it is meant to notice.

Every test reads the frozen copy, never data/. The requirement is that the data model can hold
everything the seeds say and that the portal's first content held it: the frozen copy is that
content. data/ is the offices' own from then on, and correcting a transcription there is a data
commit that validates, which must never fail CI (the tests of the real data validate, build and
link it: conftest.site_dir). The mutation tests change copies of frozen documents they name.
"""
from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from conftest import FROZEN
from thidua.validate import validate

# In CI the repository is cloned fresh and shared/ sits beside it.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# seed file -> the document of the frozen copy transcribed from it (whose `source` names the seed)
SEED_DOCUMENTS = {
    "ke-hoach-ubnd-tinh-binh-thuan-vi-nguoi-ngheo.txt": "kh-ubnd-tinh-binh-thuan-vi-nguoi-ngheo-2021-2025",
    "ke-hoach-so-gddt-binh-phuoc-vi-nguoi-ngheo.txt": "kh-so-gddt-binh-phuoc-vi-nguoi-ngheo-2021-2025",
    "ke-hoach-so-gtvt-cao-bang-vi-nguoi-ngheo.txt": "kh-so-gtvt-cao-bang-vi-nguoi-ngheo-2021-2025",
    "ke-hoach-ubnd-xa-minh-tien-vi-nguoi-ngheo.txt": "kh-ubnd-xa-minh-tien-vi-nguoi-ngheo-2022-2025",
}
SEED_IDS = {name: name.removeprefix("ke-hoach-").removesuffix("-vi-nguoi-ngheo.txt") for name in SEED_DOCUMENTS}

# Known transcription gaps: {(check, seed file): reason}. Each becomes xfail(strict=True),
# so the test turns red as soon as the data is fixed and the entry must go.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


# --- Text helpers

PUNCT = "\"'“”‘’.,;:!?()[]{}…–—-+*/"
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
PREAMBLE_START = re.compile(r"^(Căn cứ|Thực hiện)\b")
ROMAN_NUMERALS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
# (level, pattern): a heading line, matched at line start after stripping
HEADING_PATTERNS = [
    (0, re.compile(r"^(?P<label>[IVX]{1,4})\.\s+(?P<rest>\S.*)$")),
    (1, re.compile(r"^(?P<label>\d{1,2})\.\s+(?P<rest>\S.*)$")),
    (2, re.compile(r"^(?P<label>[a-zđ])\s?\)(?:\s+(?P<rest>.*))?$")),
]
DATA_LABEL = re.compile(r"^(?:[IVX]{1,4}\.|\d{1,2}\.|[a-zđ]\))$")
SPLIT_WORD = re.compile(r"\w-$")  # "HD-" at a line end: the word goes on on the next line


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def collapse(text: str) -> str:
    return " ".join(text.split())


def words(text: str | None) -> list[str]:
    """Word tokens: split on whitespace, punctuation stripped from both ends, none empty."""
    out = []
    for raw in nfc(text or "").split():
        token = raw.strip(PUNCT)
        if token:
            out.append(token)
    return out


def short(text: str, limit: int = 90) -> str:
    text = collapse(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- The seed, parsed


@dataclass
class Heading:
    level: int  # 0 Roman numeral, 1 number, 2 letter
    label: str  # normalised: "I.", "1.", "đ)"
    rest: str  # the words after the label on the heading's line
    line: int  # line number in the seed file
    split_at_end: bool  # the line ends in the middle of a word ("HD-")

    def __str__(self) -> str:
        return f"line {self.line}: {self.label} {short(self.rest, 60)}"


@dataclass
class Seed:
    name: str
    path: Path
    lines: list[tuple[int, str]] = field(default_factory=list)  # body lines, stripped, labels removed
    headings: list[Heading] = field(default_factory=list)
    heading_at: dict[int, Heading] = field(default_factory=dict)  # by line number
    tokens: list[tuple[str, int]] = field(default_factory=list)  # (word, line number)
    distribution: list[tuple[str, int]] = field(default_factory=list)  # (entry, line number)

    @property
    def text(self) -> str:
        """The body (preamble to closing) as one line: hard breaks joined, split words rejoined."""
        return join_lines(line for _, line in self.lines)

    def region_under(self, heading: Heading) -> list[tuple[int, str]]:
        """The body lines after `heading` up to the next heading of the same or a higher level."""
        out = []
        for lineno, line in self.lines:
            if lineno <= heading.line:
                continue
            other = self.heading_at.get(lineno)
            if other is not None and other.level <= heading.level:
                break
            out.append((lineno, line))
        return out

    def segment_of(self, heading: Heading) -> str:
        """The heading's words and the lines after it up to the next heading of any level."""
        lines = [heading.rest]
        for lineno, line in self.lines:
            if lineno <= heading.line:
                continue
            if lineno in self.heading_at:
                break
            lines.append(line)
        return join_lines(lines)


def join_lines(lines) -> str:
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif SPLIT_WORD.search(out):
            out += line
        else:
            out += " " + line
    return collapse(out)


def match_heading(line: str) -> tuple[int, str, str] | None:
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        label = m.group("label")
        if level == 0 and label not in ROMAN_NUMERALS:
            continue
        label += "." if level < 2 else ")"
        return level, label, (m.group("rest") or "").strip()
    return None


@cache
def load_seed(name: str) -> Seed:
    path = SEEDS / name
    raw_lines = nfc(path.read_text(encoding="utf-8")).splitlines()
    seed = Seed(name, path)
    start = next((i for i, line in enumerate(raw_lines) if PREAMBLE_START.match(line.strip())), None)
    end = next((i for i, line in enumerate(raw_lines) if line.strip().startswith("Nơi nhận")), None)
    assert start is not None, f"{name}: no preamble line starting 'Căn cứ' or 'Thực hiện'"
    assert end is not None and end > start, f"{name}: no 'Nơi nhận:' line after the preamble"

    # The body: preamble to closing; page numbers and blank lines dropped, labels cut off.
    for i in range(start, end):
        line = raw_lines[i].strip()
        if not line or PAGE_NUMBER.match(line):
            continue
        lineno = i + 1
        found = match_heading(line)
        if found:
            level, label, rest = found
            heading = Heading(level, label, rest, lineno, bool(SPLIT_WORD.search(line)))
            seed.headings.append(heading)
            seed.heading_at[lineno] = heading
            line = rest
        seed.lines.append((lineno, line))

    # Nơi nhận: the "- ..." lines; the signer block printed to their right is cut off at
    # the first run of 3+ spaces; the list ends at the first other non-blank line.
    for i in range(end + 1, len(raw_lines)):
        line = raw_lines[i].strip()
        if not line:
            continue
        if not line.startswith("-"):
            break
        entry = re.split(r"\s{3,}", line)[0]
        entry = re.sub(r"^-\s*", "", entry)
        entry = re.sub(r"\s*[;.]$", "", entry.strip())
        seed.distribution.append((collapse(entry), i + 1))

    # Word tokens of the body, then of the Nơi nhận list, each with the line it starts on;
    # a word split at a line end ("HD-" / "BTĐKT") is rejoined.
    raw_tokens: list[tuple[str, int]] = []
    glue = False
    for lineno, line in seed.lines:
        pieces = line.split()
        if not pieces:
            continue
        start_line = lineno
        if glue and raw_tokens:
            previous, start_line = raw_tokens.pop()
            pieces[0] = previous + pieces[0]
        raw_tokens.append((pieces[0], start_line))
        raw_tokens += [(piece, lineno) for piece in pieces[1:]]
        glue = bool(SPLIT_WORD.search(line))
    raw_tokens += [(piece, lineno) for entry, lineno in seed.distribution for piece in entry.split()]
    seed.tokens = [(w, n) for raw, n in raw_tokens for w in words(raw)]
    return seed


# --- The document, flattened


def walk(parts):
    """Every part, depth first, in document order."""
    for part in parts:
        yield part
        yield from walk(part.items)


def document_texts(doc) -> list[str]:
    """Every text field of the document, in reading order (the summary is editorial: left out)."""
    texts = [doc.preamble or ""]
    for part in walk(doc.body):
        texts += [part.title or "", part.text or ""]
    texts += [doc.closing or "", doc.attachment_note or ""]
    texts += list(doc.distribution)
    return [t for t in texts if t]


def document_text(doc) -> str:
    return collapse(nfc(" ".join(document_texts(doc))))


def facts(doc, name: str) -> list:
    return [getattr(p, name) for p in walk(doc.body) if getattr(p, name) is not None]


# --- 1. Headings


def check_headings(seed: Seed, doc) -> list[str]:
    """Roman, numbered and lettered headings of the seed vs the labelled parts, in order."""
    expected = seed.headings
    parts = [p for p in walk(doc.body) if p.label and DATA_LABEL.match(re.sub(r"\s+", "", p.label))]
    found = [re.sub(r"\s+", "", p.label) for p in parts]
    problems = []
    matcher = difflib.SequenceMatcher(None, [h.label for h in expected], found, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for heading, part in zip(expected[i1:i2], parts[j1:j2]):
                want = words(heading.rest)
                if heading.split_at_end:
                    want = want[:-1]
                want = want[:4]
                have = (words(part.title) + words(part.text))[: len(want)]
                if want != have:
                    problems.append(f"seed {heading}: the part labelled {part.label!r} starts "
                                    f"{' '.join(have)!r}, expected {' '.join(want)!r}")
            continue
        context = f"after seed {expected[i1 - 1]}" if i1 else "at the start"
        if i2 > i1:
            for heading in expected[i1:i2]:
                problems.append(f"seed {heading}: no part labelled {heading.label!r} at this position "
                                f"(data has {found[j1:j2] or 'nothing'} there)")
        else:
            problems.append(f"{context}: the data has extra labelled parts {found[j1:j2]} the seed lacks")
    return problems


# --- 2. Numbers: phrases in the text, and the typed facts

PERCENT = re.compile(r"(?<![\d,])\d+(?:,\d+)?(?:\s*-\s*\d+(?:,\d+)?)?\s*%(?:/năm)?")
NUMBER_PHRASES = [
    PERCENT,
    re.compile(r"[Kk]hông quá \d+ (?:tập thể|cá nhân|đơn vị|hộ)"),
    re.compile(r"\b\d+ (?:tập thể|cá nhân)\b"),
    re.compile(r"\b\d{2}(?: đến \d{2})? (?:đơn vị cấp (?:huyện|xã)|hộ|doanh nghiệp|cá nhân|lần|bộ)\b"),
    re.compile(r"\b\d+ năm liên tục"),
    re.compile(r"[Tt]rước ngày \d{1,2}(?:/\d{1,2}(?:/\d{4})?| tháng \d{1,2}(?: năm \d{4})?)"),
    re.compile(r"(?:[Tt]háng \d{1,2} )?[Nn]ăm \d{4}"),
    re.compile(r"[Gg]iai đoạn \d{4} ?- ?\d{4}"),
]


def number_phrases(seed: Seed) -> list[str]:
    text = seed.text
    found = []
    for pattern in NUMBER_PHRASES:
        for m in pattern.finditer(text):
            if m.group(0) not in found:
                found.append(m.group(0))
    return found


def check_number_phrases(seed: Seed, doc) -> list[str]:
    """Every percentage, quota and deadline phrase of the seed is in the document's text."""
    text = document_text(doc)
    return [f"{phrase!r} is not in the text of {doc.id}" for phrase in number_phrases(seed) if phrase not in text]


def _number(text: str) -> float:
    return float(text.replace(",", "."))


@dataclass
class ExpectedTarget:
    phrase: str
    value: float
    value_max: float | None
    per_year: bool | None  # True for "%/năm"; None: not constrained
    comparison: str | None  # "trên" -> gt, "từ" -> gte
    trend: str | None  # "giảm" in the clause -> decrease
    by: int | None  # "đến năm 2025"

    def matches(self, target) -> bool:
        same = lambda a, b: (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)
        return (same(self.value, target.value) and same(self.value_max, target.value_max)
                and (target.unit or "").strip() == "%"
                and (self.per_year is None or bool(target.per_year) == self.per_year)
                and (self.comparison is None or str(target.comparison) == self.comparison)
                and (self.trend is None or str(target.trend) == self.trend)
                and (self.by is None or (target.by is not None and target.by.year == self.by)))

    def __str__(self) -> str:
        wants = [f"value {self.value:g}"]
        if self.value_max is not None:
            wants.append(f"value_max {self.value_max:g}")
        wants += [f"{k} {v}" for k, v in (("per_year", self.per_year), ("comparison", self.comparison),
                                          ("trend", self.trend), ("by", self.by)) if v is not None]
        return f"{self.phrase!r} ({', '.join(wants)}, unit %)"


COMPARISON_WORDS = [("không quá", "lte"), ("trên", "gt"), ("từ", "gte"), ("dưới", "lt")]


def expected_targets(seed: Seed) -> list[ExpectedTarget]:
    """Each percentage of the seed is a quantified target."""
    text = seed.text
    out = []
    for m in PERCENT.finditer(text):
        numbers = re.findall(r"\d+(?:,\d+)?", m.group(0))
        before = text[: m.start()]
        clause = re.split(r"[.;]\s", before)[-1].lower()
        comparison = next((code for word, code in COMPARISON_WORDS if clause.rstrip().endswith(word)), None)
        trend = "decrease" if "giảm" in clause else "increase" if re.search(r"\btăng\b", clause) else None
        by = re.search(r"đến năm (\d{4})", clause)
        lead = re.split(r"[.;]\s", before)[-1].split()[-8:]
        out.append(ExpectedTarget(
            phrase=" ".join([*lead, m.group(0)]),
            value=_number(numbers[0]),
            value_max=_number(numbers[1]) if len(numbers) > 1 else None,
            per_year=True if m.group(0).endswith("/năm") else None,
            comparison=comparison, trend=trend, by=int(by.group(1)) if by else None))
    return out


def check_targets(seed: Seed, doc) -> list[str]:
    """One `target` fact per percentage of the seed, with its value, range and qualifiers."""
    unused = facts(doc, "target")
    problems = []
    for want in expected_targets(seed):
        hit = next((t for t in unused if want.matches(t)), None)
        if hit is None:
            problems.append(f"no target fact for {want}")
        else:
            unused.remove(hit)
    return problems


# Award forms named in the seeds: (phrase, catalog ids). Case-insensitive.
AUTHORITY = r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)"
AWARD_FORMS: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (re.compile(r"Huân chương Lao động", re.I), ("huan-chuong-lao-dong",)),
    (re.compile(r"Bằng khen (?:của )?Thủ tướng Chính phủ", re.I), ("bang-khen-thu-tuong",)),
    (re.compile(rf"Bằng khen (?:của )?Chủ tịch {AUTHORITY} tỉnh", re.I), ("bang-khen-chu-tich-ubnd-tinh",)),
    (re.compile(r"Giấy khen (?:của )?Giám đốc Sở", re.I), ("giay-khen-giam-doc-so",)),
    (re.compile(r"Giấy khen (?:của )?Thủ trưởng các sở", re.I), ("giay-khen-giam-doc-so",)),
    (re.compile(rf"Giấy khen (?:của )?Thủ trưởng các sở[^.:]*?{AUTHORITY} các huyện", re.I),
     ("giay-khen-chu-tich-ubnd-huyen",)),
    (re.compile(rf"Giấy khen (?:của )?Chủ tịch {AUTHORITY} huyện", re.I), ("giay-khen-chu-tich-ubnd-huyen",)),
    (re.compile(rf"Giấy khen (?:của )?Chủ tịch {AUTHORITY} xã", re.I), ("giay-khen-chu-tich-ubnd-xa",)),
]


def award_forms_in(text: str) -> list[str]:
    ids: list[str] = []
    for pattern, forms in AWARD_FORMS:
        if pattern.search(text):
            ids += [f for f in forms if f not in ids]
    return ids


@dataclass
class ExpectedQuota:
    form: str
    subject: str
    max: int
    min: int | None = None
    occasion: str | None = None
    year: int | None = None
    phrase: str = ""

    def matches(self, quota) -> bool:
        return (self.subject in [str(s) for s in quota.subjects] and quota.max == self.max
                and (self.min is None or quota.min == self.min)
                and (self.occasion is None or str(quota.occasion) == self.occasion)
                and (self.year is None or quota.year == self.year))

    def __str__(self) -> str:
        bits = [f"subject {self.subject}", f"max {self.max}"]
        bits += [f"{k} {v}" for k, v in (("min", self.min), ("occasion", self.occasion), ("year", self.year))
                 if v is not None]
        return f"{self.form}: {self.phrase!r} ({', '.join(bits)})"


YEARLY_OR_FINAL = re.compile(
    r"[Ss]ố lượng khen thưởng (?:(?P<yearly>hàng năm|hằng năm)|tổng kết vào năm (?P<year>\d{4}))\s*:\s*"
    r"[Kk]hông quá (?P<collective>\d+) tập thể và (?P<individual>\d+) cá nhân")
CHOSEN = re.compile(r"(?P<min>\d{2})(?: đến (?P<max>\d{2}))? (?P<what>đơn vị cấp huyện|đơn vị cấp xã|hộ|doanh nghiệp|cá nhân)")
CHOSEN_SUBJECT = {"đơn vị cấp huyện": "district", "đơn vị cấp xã": "commune", "hộ": "household",
                  "doanh nghiệp": "enterprise", "cá nhân": "individual"}


def expected_quotas(seed: Seed) -> list[ExpectedQuota]:
    """Quotas stated under a heading that names an award form."""
    out = []
    for heading in seed.headings:
        forms = award_forms_in(heading.rest)
        if not forms:
            continue
        segment = seed.segment_of(heading)
        for form in forms:
            for m in YEARLY_OR_FINAL.finditer(segment):
                occasion = "yearly" if m.group("yearly") else "final"
                year = int(m.group("year")) if m.group("year") else None
                for subject in ("collective", "individual"):
                    out.append(ExpectedQuota(form, subject, int(m.group(subject)), None, occasion, year,
                                             short(m.group(0), 80)))
            chosen = re.search(r"Tỉnh chọn (?P<list>[^.]*)\.", segment)
            if chosen:
                occasion = "final" if "dịp tổng kết" in segment else None
                for m in CHOSEN.finditer(chosen.group("list")):
                    low = int(m.group("min"))
                    high = int(m.group("max") or low)
                    out.append(ExpectedQuota(form, CHOSEN_SUBJECT[m.group("what")], high, low, occasion,
                                             phrase=m.group(0)))
    return out


def check_quotas(seed: Seed, doc) -> list[str]:
    """Each quota the seed states is in an award fact of the form it is stated for."""
    problems = []
    for want in expected_quotas(seed):
        quotas = [q for award in facts(doc, "award") if want.form in award.forms for q in award.quotas]
        if not any(want.matches(q) for q in quotas):
            problems.append(f"no quota for {want}")
    return problems


DEADLINE = re.compile(r"[Tt]rước ngày (?P<day>\d{1,2})(?:/| tháng )(?P<month>\d{1,2})"
                      r"(?:(?:/| năm )(?P<year>\d{4}))?")


def check_deadlines(seed: Seed, doc) -> list[str]:
    """Each "trước ngày D/M" is a deadline fact: yearly MM-DD without a year, a date with one."""
    deadlines = facts(doc, "deadline")
    problems = []
    for m in DEADLINE.finditer(seed.text):
        day, month = int(m.group("day")), int(m.group("month"))
        if m.group("year"):
            want = f"{int(m.group('year')):04d}-{month:02d}-{day:02d}"
            ok = any(d.date is not None and d.date.iso() == want for d in deadlines)
            what = f"date {want}"
        else:
            ok = any(d.yearly is not None and (d.yearly.month, d.yearly.day) == (month, day) for d in deadlines)
            what = f"yearly {month:02d}-{day:02d}"
        if not ok:
            problems.append(f"{m.group(0)!r}: no deadline fact with {what}")
    return problems


SCHEDULE_LINE = [
    (re.compile(r"^[Tt]háng (\d{1,2}) năm (\d{4})\s*:"), lambda m: (f"{m[2]}-{int(m[1]):02d}", None, False)),
    (re.compile(r"^[Nn]ăm (\d{4})\s*:"), lambda m: (m[1], None, False)),
    (re.compile(r"^[Gg]iai đoạn (\d{4})\s*-\s*(\d{4})\s*:"), lambda m: (m[1], m[2], False)),
    (re.compile(r"^[Hh][ằà]ng năm\s*,"), lambda m: (None, None, True)),
]


def expected_milestones(seed: Seed) -> list[tuple[str | None, str | None, bool, str]]:
    """(start, end, yearly, line) for each dated line under a "Tiến độ" heading."""
    out = []
    for heading in seed.headings:
        if not re.search(r"tiến độ", heading.rest, re.I):
            continue
        for lineno, line in seed.region_under(heading):
            line = re.sub(r"^[-+]\s*", "", line)
            for pattern, make in SCHEDULE_LINE:
                m = pattern.match(line)
                if m:
                    out.append((*make(m), f"line {lineno}: {short(line, 60)}"))
                    break
    return out


def check_milestones(seed: Seed, doc) -> list[str]:
    milestones = facts(doc, "milestone")
    problems = []
    for start, end, yearly, where in expected_milestones(seed):
        def ok(ms, start=start, end=end, yearly=yearly):
            if yearly:
                return bool(ms.yearly)
            return (ms.start is not None and ms.start.iso() == start
                    and (end is None or (ms.end is not None and ms.end.iso() == end)))
        if not any(ok(ms) for ms in milestones):
            want = "yearly" if yearly else f"start {start}" + (f", end {end}" if end else "")
            problems.append(f"seed {where}: no milestone fact with {want}")
    return problems


# --- 3. Award forms


def check_awards(seed: Seed, doc) -> list[str]:
    """Every award form the seed names is in the `forms` of an award fact."""
    have = {form for award in facts(doc, "award") for form in award.forms}
    problems = []
    text = seed.text
    for pattern, forms in AWARD_FORMS:
        for m in pattern.finditer(text):
            for form in forms:
                if form not in have:
                    problems.append(f"seed names {short(m.group(0), 70)!r}: no award fact lists {form!r}")
    return sorted(set(problems), key=problems.index)


# --- 4. Distribution


def check_distribution(seed: Seed, doc) -> list[str]:
    """The "Nơi nhận" lines, in order, equal `distribution` (whitespace collapsed)."""
    want = [entry for entry, _ in seed.distribution]
    have = [collapse(nfc(entry)) for entry in doc.distribution]
    if want == have:
        return []
    problems = []
    lines = {entry: n for entry, n in seed.distribution}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, have, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            problems += [f"seed line {lines[e]}: {e!r} is not in distribution" for e in want[i1:i2]]
        if op in ("insert", "replace"):
            problems += [f"distribution has {e!r}, which the seed's Nơi nhận list lacks" for e in have[j1:j2]]
    if not problems:
        problems.append("distribution lines are out of order")
    problems.append(f"count: seed {len(want)}, distribution {len(have)}")
    return problems


# --- 5. Full text


def check_full_text(seed: Seed, doc) -> list[str]:
    """Every word of the seed body and Nơi nhận list is in the document, in order."""
    seed_tokens = seed.tokens
    want = [w for w, _ in seed_tokens]
    have = [w for text in document_texts(doc) for w in words(text)]
    # exact subsequence test first: it is what "every word, in order" means
    it = iter(have)
    if all(any(w == h for h in it) for w in want):
        return []
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    problems = []
    matched = sum(block.size for block in matcher.get_matching_blocks())
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op not in ("delete", "replace"):
            continue
        missing = " ".join(want[i1:i2])
        context = " ".join(want[max(0, i1 - 6):i1])
        found = " ".join(have[j1:j2])
        msg = f"seed line {seed_tokens[i1][1]}: after '…{context}' the words {short(missing, 120)!r} are missing"
        if found:
            msg += f" (data has {short(found, 80)!r} instead)"
        problems.append(msg)
    if not problems:  # SequenceMatcher aligned everything though the greedy test failed
        problems.append("the seed's words are all present but not in the same order")
    problems.append(f"{matched}/{len(want)} seed words matched ({matched / max(1, len(want)):.1%})")
    return problems


# --- Fixtures and parametrisation


@pytest.fixture(scope="module")
def frozen():
    """The frozen copy, loaded as the site loads it; it validates, as it did when it was data/."""
    repo, report = validate(FROZEN)
    assert report.sorted() == [], "\n".join(p.text() for p in report.sorted()[:20])
    return repo


def seed_params(check: str):
    params = []
    for name in SEED_DOCUMENTS:
        marks = []
        if (check, name) in KNOWN_GAPS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[(check, name)]))
        params.append(pytest.param(name, id=SEED_IDS[name], marks=marks))
    return params


def require_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.fail(f"the seeds folder {SEEDS} is missing: shared/ must sit beside the repository")


def seed_and_doc(repo, name: str):
    require_seeds()
    doc = repo.documents.get(SEED_DOCUMENTS[name])
    assert doc is not None, f"tests/fixtures/data/documents/{SEED_DOCUMENTS[name]}.yml did not load"
    return load_seed(name), doc


def report(title: str, problems: list[str]) -> str:
    return f"{title}:\n  " + "\n  ".join(problems)


# --- The tests: one per requirement


def test_every_seed_has_its_document(frozen):
    """Each seed has one transcription in the frozen copy, under its id, naming the seed."""
    require_seeds()
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(SEED_DOCUMENTS), \
        "a seed was added or removed: map it to its document in SEED_DOCUMENTS"
    for name, doc_id in SEED_DOCUMENTS.items():
        assert [d.id for d in frozen.documents.values() if d.source == f"shared/seeds/{name}"] == [doc_id], name


@pytest.mark.parametrize("name", seed_params("headings"))
def test_headings(frozen, name):
    seed, doc = seed_and_doc(frozen, name)
    assert seed.headings, f"{name}: no headings found in the seed"
    problems = check_headings(seed, doc)
    assert not problems, report(f"{doc.id}: headings of {name} missing or out of order", problems)


@pytest.mark.parametrize("name", seed_params("numbers"))
def test_targets_quotas_and_deadlines(frozen, name):
    seed, doc = seed_and_doc(frozen, name)
    problems = (check_number_phrases(seed, doc) + check_targets(seed, doc) + check_quotas(seed, doc)
                + check_deadlines(seed, doc) + check_milestones(seed, doc))
    assert not problems, report(f"{doc.id}: numbers of {name} missing", problems)


@pytest.mark.parametrize("name", seed_params("awards"))
def test_award_forms(frozen, name):
    seed, doc = seed_and_doc(frozen, name)
    assert award_forms_in(seed.text), f"{name}: no award form found in the seed"
    problems = check_awards(seed, doc)
    assert not problems, report(f"{doc.id}: award forms of {name} missing", problems)


@pytest.mark.parametrize("name", seed_params("distribution"))
def test_distribution(frozen, name):
    seed, doc = seed_and_doc(frozen, name)
    assert seed.distribution, f"{name}: no Nơi nhận lines found in the seed"
    problems = check_distribution(seed, doc)
    assert not problems, report(f"{doc.id}: Nơi nhận of {name} differs", problems)


@pytest.mark.parametrize("name", seed_params("full-text"))
def test_full_text(frozen, name):
    seed, doc = seed_and_doc(frozen, name)
    problems = check_full_text(seed, doc)
    assert not problems, report(f"{doc.id}: words of {name} missing from the data", problems)


# --- The extraction finds what a reader sees in the seeds (guards against a lax regex)


def test_extraction_finds_the_known_facts():
    require_seeds()
    bt = load_seed("ke-hoach-ubnd-tinh-binh-thuan-vi-nguoi-ngheo.txt")
    bp = load_seed("ke-hoach-so-gddt-binh-phuoc-vi-nguoi-ngheo.txt")
    cb = load_seed("ke-hoach-so-gtvt-cao-bang-vi-nguoi-ngheo.txt")
    mt = load_seed("ke-hoach-ubnd-xa-minh-tien-vi-nguoi-ngheo.txt")

    # headings: Roman numerals, the schedule's "1. Năm 2022:", "đ )" normalised
    assert [h.label for h in bt.headings if h.level == 0] == ["I.", "II.", "III.", "IV.", "V."]
    assert [h.label for h in bp.headings if h.level == 0] == ["I.", "II.", "III.", "IV.", "III."]
    assert [h.rest for h in bt.headings if h.rest.startswith("Năm ")][:1] == [
        "Năm 2022: Các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc Việt Nam"]
    assert "đ)" in [h.label for h in bt.headings]
    assert not any(h.rest.startswith(("263/", "2025")) for s in (bt, bp, cb, mt) for h in s.headings)

    # targets: Bình Phước 3, Bình Thuận 0,4-0,6; 1,5-2; 4 %/năm and three "trên 50%"
    assert [(t.value, t.comparison, t.by) for t in expected_targets(bp)] == [
        (100, None, None), (100, None, None), (50, "gt", 2025)]
    bt_targets = expected_targets(bt)
    assert [(t.value, t.value_max, t.per_year) for t in bt_targets[:3]] == [
        (0.4, 0.6, True), (1.5, 2, True), (4, None, True)]
    assert [(t.value, t.comparison, t.trend) for t in bt_targets[3:]] == [(50, "gt", "decrease")] * 3
    assert bt_targets[2].comparison == "gte"

    # quotas: yearly 10 and final 15 for the chairman's certificate, five for the Prime Minister's
    quotas = [(q.form, q.subject, q.min, q.max, q.occasion, q.year) for q in expected_quotas(bt)]
    assert ("bang-khen-chu-tich-ubnd-tinh", "collective", None, 10, "yearly", None) in quotas
    assert ("bang-khen-chu-tich-ubnd-tinh", "individual", None, 15, "final", 2025) in quotas
    assert [q[1:4] for q in quotas if q[0] == "bang-khen-thu-tuong"] == [
        ("district", 1, 1), ("commune", 2, 3), ("household", 2, 3), ("enterprise", 1, 2), ("individual", 2, 3)]

    # deadlines and milestones
    assert [m.group(0) for m in DEADLINE.finditer(bt.text)] == ["trước ngày 30/12", "Trước ngày 10 tháng 11"]
    assert [m.group(0) for m in DEADLINE.finditer(mt.text)] == ["trước ngày 15 tháng 11"]
    assert [m[:3] for m in expected_milestones(cb)] == [
        ("2022-10", None, False), ("2023", None, False), ("2025", None, False), (None, None, True)]
    assert [m[:2] for m in expected_milestones(bt)] == [("2022", None), ("2022", "2025"), ("2023", None),
                                                         ("2025", None)]

    # number phrases include the quota and deadline wording
    phrases = number_phrases(bt)
    for phrase in ("0,4 - 0,6 %/năm", "1,5 - 2%/năm", "4%/năm", "50%", "Không quá 10 tập thể",
                   "01 đơn vị cấp huyện", "02 đến 03 đơn vị cấp xã", "15 tập thể", "trước ngày 30/12",
                   "Trước ngày 10 tháng 11"):
        assert phrase in phrases, phrase

    # award forms
    assert award_forms_in(cb.text) == ["huan-chuong-lao-dong", "bang-khen-thu-tuong",
                                       "bang-khen-chu-tich-ubnd-tinh", "giay-khen-giam-doc-so"]
    assert set(award_forms_in(mt.text)) == {"bang-khen-thu-tuong", "bang-khen-chu-tich-ubnd-tinh",
                                            "giay-khen-chu-tich-ubnd-huyen", "giay-khen-chu-tich-ubnd-xa"}
    assert set(award_forms_in(bt.text)) == {"bang-khen-thu-tuong", "bang-khen-chu-tich-ubnd-tinh",
                                            "giay-khen-giam-doc-so", "giay-khen-chu-tich-ubnd-huyen"}

    # distribution: the signer printed to the right is cut off
    assert [e for e, _ in bt.distribution][:2] == ["Hội đồng Thi đua, Khen thưởng Trung ương",
                                                    "Ban Thi đua, Khen thưởng Trung ương"]
    assert len(bt.distribution) == 15 and bt.distribution[-1][0] == "Lưu: VT, KGVXNV, Th"
    assert [len(s.distribution) for s in (bp, cb, mt)] == [6, 8, 7]

    # full text: page number dropped, split word rejoined, labels left out
    bt_words = [w for w, _ in bt.tokens]
    assert "2357/HD-BTĐKT" in bt_words and "7" not in bt_words and "đ" not in bt_words


# --- 6. Each check can fail: mutate a copy of the frozen data and expect a report

BT = "ke-hoach-ubnd-tinh-binh-thuan-vi-nguoi-ngheo.txt"
CB = "ke-hoach-so-gtvt-cao-bang-vi-nguoi-ngheo.txt"
MT = "ke-hoach-ubnd-xa-minh-tien-vi-nguoi-ngheo.txt"


def mutated(repo, name: str):
    seed, doc = seed_and_doc(repo, name)
    return seed, copy.deepcopy(doc)


def find_part(doc, predicate):
    for parent in [None, *walk(doc.body)]:
        items = doc.body if parent is None else parent.items
        for i, part in enumerate(items):
            if predicate(part):
                return items, i
    raise AssertionError("no such part")


def test_mutation_dropped_lettered_part_is_reported(frozen):
    seed, doc = mutated(frozen, BT)
    items, i = find_part(doc, lambda p: p.label == "đ)" and (p.text or "").startswith("Khuyến khích"))
    del items[i]
    problems = check_headings(seed, doc)
    assert any("no part labelled 'đ)'" in p and "line 137" in p for p in problems), problems


def test_mutation_relabelled_or_reworded_heading_is_reported(frozen):
    seed, doc = mutated(frozen, CB)
    items, i = find_part(doc, lambda p: p.title == "Hình thức khen thưởng")
    items[i].title = "Hình thức thi đua"
    problems = check_headings(seed, doc)
    assert any("Hình thức khen thưởng" in p for p in problems), problems


def test_mutation_dropped_distribution_line_is_reported(frozen):
    seed, doc = mutated(frozen, BT)
    doc.distribution.remove("Báo Bình Thuận")
    problems = check_distribution(seed, doc)
    assert any("'Báo Bình Thuận' is not in distribution" in p for p in problems), problems
    assert any("count: seed 15, distribution 14" in p for p in problems), problems


def test_mutation_reordered_distribution_is_reported(frozen):
    seed, doc = mutated(frozen, MT)
    doc.distribution[0], doc.distribution[1] = doc.distribution[1], doc.distribution[0]
    assert check_distribution(seed, doc)


def test_mutation_removed_target_is_reported(frozen):
    seed, doc = mutated(frozen, BT)
    items, i = find_part(doc, lambda p: p.target is not None and p.target.value == 4)
    items[i].target = None
    problems = check_targets(seed, doc)
    assert len(problems) == 1 and "4%/năm" in problems[0] and "comparison gte" in problems[0], problems


def test_mutation_wrong_target_value_is_reported(frozen):
    seed, doc = mutated(frozen, BT)
    items, i = find_part(doc, lambda p: p.target is not None and p.target.value_max == 0.6)
    items[i].target.value_max = 0.5
    assert any("0,4 - 0,6 %/năm" in p for p in check_targets(seed, doc))


def test_mutation_changed_quota_text_is_reported(frozen):
    seed, doc = mutated(frozen, BT)
    items, i = find_part(doc, lambda p: "Không quá 10" in (p.text or ""))
    items[i].text = items[i].text.replace("Không quá 10", "Không quá 12")
    problems = check_number_phrases(seed, doc)
    assert any("'Không quá 10 tập thể'" in p for p in problems), problems


def test_mutation_changed_quota_fact_is_reported(frozen):
    seed, doc = mutated(frozen, BT)
    award = next(a for a in facts(doc, "award") if a.forms == ["bang-khen-chu-tich-ubnd-tinh"])
    award.quotas = [q for q in award.quotas if q.max != 15]
    problems = check_quotas(seed, doc)
    assert len(problems) == 2 and all("max 15" in p and "year 2025" in p for p in problems), problems
    award = next(a for a in facts(doc, "award") if a.forms == ["bang-khen-thu-tuong"])
    award.quotas[0].max = 2
    assert any("subject district" in p for p in check_quotas(seed, doc))


def test_mutation_wrong_deadline_is_reported(frozen):
    seed, doc = mutated(frozen, MT)
    deadline = facts(doc, "deadline")[0]
    deadline.yearly = type(deadline.yearly)(11, 10)
    assert check_deadlines(seed, doc) == ["'trước ngày 15 tháng 11': no deadline fact with yearly 11-15"]


def test_mutation_removed_milestone_is_reported(frozen):
    seed, doc = mutated(frozen, CB)
    items, i = find_part(doc, lambda p: p.milestone is not None and p.milestone.start is not None
                         and p.milestone.start.iso() == "2022-10")
    items[i].milestone = None
    problems = check_milestones(seed, doc)
    assert len(problems) == 1 and "start 2022-10" in problems[0], problems


def test_mutation_removed_award_form_is_reported(frozen):
    seed, doc = mutated(frozen, CB)
    award = next(a for a in facts(doc, "award") if "huan-chuong-lao-dong" in a.forms)
    award.forms.remove("huan-chuong-lao-dong")
    problems = check_awards(seed, doc)
    assert problems == ["seed names 'Huân chương Lao động': no award fact lists 'huan-chuong-lao-dong'"]


def test_mutation_missing_words_are_reported_with_their_place(frozen):
    seed, doc = mutated(frozen, BT)
    items, i = find_part(doc, lambda p: (p.text or "").startswith("Sơ kết giữa kỳ"))
    items[i].text = "Sơ kết và khen thưởng theo thẩm quyền."
    problems = check_full_text(seed, doc)
    assert problems[0].startswith("seed line 351:") and "'giữa kỳ' are missing" in problems[0], problems
    assert len(problems) == 2  # the run, and the match rate


def test_mutation_typo_fixed_by_transcriber_is_reported(frozen):
    # the transcription keeps the source's typos: "fixing" one is a change from the seed
    seed, doc = mutated(frozen, "ke-hoach-so-gddt-binh-phuoc-vi-nguoi-ngheo.txt")
    items, i = find_part(doc, lambda p: "độnng" in (p.text or ""))
    items[i].text = items[i].text.replace("độnng", "động")
    problems = check_full_text(seed, doc)
    assert any("'độnng'" in p and "'động' instead" in p for p in problems), problems


@pytest.mark.parametrize("name", [pytest.param(n, id=SEED_IDS[n]) for n in SEED_DOCUMENTS])
def test_mutation_emptied_document_fails_every_check(frozen, name):
    seed, doc = mutated(frozen, name)
    doc.preamble = doc.closing = doc.attachment_note = None
    doc.body, doc.distribution = [], []
    checks = [check_headings, check_number_phrases, check_awards, check_distribution, check_full_text]
    checks += [c for c, wanted in ((check_targets, expected_targets(seed)), (check_quotas, expected_quotas(seed)),
                                   (check_milestones, expected_milestones(seed)),
                                   (check_deadlines, list(DEADLINE.finditer(seed.text)))) if wanted]
    for check in checks:
        assert check(seed, doc), f"{check.__name__} did not notice an empty {doc.id}"

"""Cleaning extracted text and rejoining its hard-wrapped lines into paragraphs.

Text pulled out of a signed PDF keeps the page's line breaks, blank lines between lines,
lone page numbers and the odd page-break indent. The rules below were worked out on the four
seed plans: a line continues the paragraph above unless it starts a numbered item, the line
above ends with ':' or is visibly short (a heading or a paragraph's last line) while this one
starts with a capital letter.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..text import fold

# Numbering as printed: I. / 1. / 1.1. / a) / đ ) / - / +
ROMAN_RE = re.compile(r"^([IVXL]{1,6})\.(?=\s|$)")
ARABIC_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.(?=\s|$)")
LETTER_RE = re.compile(r"^([a-zđ])\s?\)(?=\s|$)")
BULLET_RE = re.compile(r"^([-–—•+])(?=\s)")
RANKS = {"roman": 0, "arabic": 1, "letter": 3, "dash": 4, "plus": 5}

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?:(?:điện thoại|đt|sđt|fax|tel)\s*[:.]?\s*)?(?<![\w/])(?:\+\s?84|0)(?:[ .\-]?\d){8,10}(?![\d/])",
                      re.IGNORECASE)
CONTACT_LABEL_RE = re.compile(r"^\s*(?:e-?mail|thư điện tử|điện thoại|đt|sđt|fax|tel)\s*[:.]?\s*$", re.IGNORECASE)
PAGE_NUMBER_RE = re.compile(r"^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)
COLUMN_GAP_RE = re.compile(r"\s{3,}|\t+")
SENTENCE_END = ".!?…;"


def normalize(text: str) -> str:
    """NFC, no-break spaces and odd spaces as plain spaces, tabs kept (they separate columns)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\u00a0\u2007\u202f\u200b\ufeff]", lambda m: "" if m.group() in "\u200b\ufeff" else " ", text)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def strip_contacts(line: str) -> tuple[str, list[str]]:
    """The line without e-mail addresses and phone numbers, and what was removed."""
    removed: list[str] = []

    def cut(m: re.Match) -> str:
        removed.append(m.group(0).strip())
        return ""

    line = EMAIL_RE.sub(cut, line)
    line = PHONE_RE.sub(cut, line)
    if removed:
        # labels left without their value: 'Liên hệ: điện thoại , email .'
        line = re.sub(r"(?i)\b(?:e-?mail|thư điện tử|điện thoại|đt|sđt|fax|tel)\s*[:.]?\s*(?=[,;.]|$)", "", line)
        line = re.sub(r"\s*[,;]\s*(?=[,;.]|$)", "", line)
        line = re.sub(r"(?i)\s*\b(?:liên hệ|liên lạc|thông tin liên hệ)\s*:?\s*[.,;]?\s*$", "", line)
        if CONTACT_LABEL_RE.match(line.replace(";", "").replace(",", "")) or not re.search(r"\w", line):
            line = ""
    return line, removed


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(line)) and line.strip() != ""


def marker(line: str) -> tuple[str, str, str] | None:
    """(kind, label as it should be stored, rest) when `line` starts a numbered item."""
    s = line.strip()
    for kind, regex in (("roman", ROMAN_RE), ("arabic", ARABIC_RE), ("letter", LETTER_RE), ("bullet", BULLET_RE)):
        m = regex.match(s)
        if not m:
            continue
        rest = s[m.end():].strip()
        if kind == "roman":
            return kind, m.group(1) + ".", rest
        if kind == "arabic":
            return kind, m.group(1) + ".", rest
        if kind == "letter":
            return kind, m.group(1) + ")", rest
        sign = m.group(1)
        return ("plus", "+", rest) if sign == "+" else ("dash", "-", rest)
    return None


def rank(kind: str, label: str) -> float:
    if kind == "arabic":
        return 1 + label.count(".") - 1 if label.count(".") > 1 else 1  # 1.1. sits below 1.
    return RANKS[kind]


def _first_alpha(s: str) -> str:
    for ch in s:
        if ch.isalpha():
            return ch
    return ""


def is_upper_line(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


@dataclass
class Paragraph:
    text: str  # joined, spaces collapsed
    kind: str | None = None  # numbering kind, None for an unnumbered paragraph
    label: str | None = None
    own_line_text: bool = True


def line_width(lines: list[str]) -> int:
    """The width of a full line of this document: most lines of a paragraph are full."""
    lengths = sorted(len(collapse(l)) for l in lines if len(collapse(l)) > 20)
    if not lengths:
        return 80
    return lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]


def continues(prev: str, line: str, paragraph: str, width: int) -> bool:
    """Does `line` (not numbered) continue the paragraph whose last line is `prev`?"""
    p, s = collapse(prev), collapse(line)
    if not p:
        return False
    if paragraph.count("“") > paragraph.count("”"):  # inside a quotation: never a new paragraph
        return True
    if p.endswith("-") or p.endswith(","):
        return True
    if p.endswith(":"):
        return False
    if is_upper_line(p) and is_upper_line(s):
        return True
    first = _first_alpha(s)
    if not first or not first.isupper():
        return True
    if not (s[0].isalpha() or s[0] in "“\"("):
        return True
    short = len(p) < 0.7 * width
    indented = line[:1].isspace()
    return not (short or (p[-1] in SENTENCE_END and indented))


def join(paragraph: str, line: str) -> str:
    s = collapse(line)
    if re.search(r"\S-$", paragraph) and not re.search(r"\s-$", paragraph):
        return paragraph + s  # "2357/HD-" + "BTĐKT": a word broken at its hyphen
    return f"{paragraph} {s}" if paragraph else s


def paragraphs(lines: list[str], width: int | None = None) -> list[Paragraph]:
    """Rejoin hard-wrapped `lines` (blank lines ignored) into numbered and plain paragraphs."""
    width = width or line_width(lines)
    out: list[Paragraph] = []
    prev = ""
    for line in lines:
        if not line.strip():
            continue
        mark = marker(line)
        if out and (mark is None or (out[-1].text.count("“") > out[-1].text.count("”") and mark[0] == "dash")) \
                and continues(prev, line, out[-1].text, width):
            out[-1].text = join(out[-1].text, line)
        elif mark is not None:
            kind, label, rest = mark
            out.append(Paragraph(collapse(rest), kind, label))
        else:
            out.append(Paragraph(collapse(line)))
        prev = line
    return out


def split_columns(line: str) -> list[str]:
    """A two-column line ('Nơi nhận:        KT. CHỦ TỊCH') as its cells."""
    return [c.strip() for c in COLUMN_GAP_RE.split(line.strip()) if c.strip()]


def words(text: str) -> list[str]:
    """Words for comparing texts: case and Unicode form do not matter, punctuation is dropped."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def folded(text: str) -> str:
    """Folded, UBND spelled out the same way, punctuation as spaces: for matching names."""
    f = fold(text)
    f = re.sub(r"\buy ban nhan dan\b", "ubnd", f)
    f = re.sub(r"\(\s*ubnd\s*\)", " ", f)
    return collapse(re.sub(r"[^a-z0-9]+", " ", f))

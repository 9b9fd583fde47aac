"""Cited documents: 'Căn cứ/Thực hiện Kế hoạch (số) N/KH-UBND ngày d/m/yyyy của ...'."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold
from .datafolder import DataFolder
from .text import collapse

TYPES = {  # as the text names it -> (model DocType, id prefix)
    "kế hoạch": ("ke-hoach", "kh"), "quyết định": ("quyet-dinh", "qd"), "công văn": ("cong-van", "cv"),
    "hướng dẫn": ("huong-dan", "hd"), "chỉ thị": ("chi-thi", "ct"), "nghị quyết": ("nghi-quyet", "nq"),
    "thông báo": ("thong-bao", "tb"), "nghị định": ("nghi-dinh", "nd"), "thông tư": ("thong-tu", "tt"),
    "tờ trình": ("to-trinh", "ttr"), "báo cáo": ("bao-cao", "bc"), "luật": ("luat", "luat"),
}
_TYPE_ALT = "|".join(sorted(TYPES, key=len, reverse=True))
CITATION_RE = re.compile(
    rf"(?P<type>{_TYPE_ALT})\s+(?:số\s*:?\s*)?(?P<number>\d+(?:/\d{{4}})?/[\wĐđ]+(?:-[\wĐđ]+)*)"
    r"(?:\s*,?\s*ngày\s+(?P<d>\d{1,2})\s*(?:/|\s+tháng\s+)\s*(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)\s*(?P<y>\d{4}))?",
    re.IGNORECASE)
RELATION_RE = re.compile(r"\b(căn cứ|thực hiện|triển khai|thi hành)\b", re.IGNORECASE)
# a verb that governs citations: 'Căn cứ Quyết định ...', not 'tổ chức thực hiện Phong trào'
GOVERNING_RE = re.compile(rf"\b(căn cứ|thực hiện|triển khai|thi hành)\s+(?:theo\s+)?(?:các\s+)?(?:{_TYPE_ALT})\b", re.IGNORECASE)
_TITLE_CUT = re.compile(r"\s*(?:;|\.(?:\s|$)|,\s*(?=(?:" + _TYPE_ALT + r")\s+số)|,\s*(?=\S+(?:\s+\S+){0,8}\s+(?:ban hành|xây dựng)\s))",
                        re.IGNORECASE)


@dataclass
class Citation:
    type: str  # model DocType value
    prefix: str
    number: str
    date: str | None  # ISO
    year: int | None
    relation: str  # implements, based-on or cites
    note: str  # how the text refers to it
    authority_phrase: str
    rest: str  # what follows the authority: the cited title, roughly
    start: int


def iso(d: str | None, m: str | None, y: str | None) -> str | None:
    if not y:
        return None
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}" if d and m else y


def find(text: str, default_relation: str = "cites") -> list[Citation]:
    out = []
    matches = list(CITATION_RE.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        tail = text[m.end():end]
        verbs = list(GOVERNING_RE.finditer(text[:m.start() + len(m.group("type"))]))
        relation = default_relation
        if verbs:
            verb = fold(verbs[-1].group(1))
            relation = "based-on" if verb == "can cu" else "implements"
        owner = re.match(r"\s*,?\s*(?:của|do)\s+(.*)", tail, re.DOTALL)
        phrase = collapse(owner.group(1)) if owner else ""
        doc_type, prefix = TYPES[m.group("type").lower()]
        year = int(m.group("y")) if m.group("y") else None
        if year is None:
            y = re.search(r"/(\d{4})/", m.group("number"))
            year = int(y.group(1)) if y else None
        out.append(Citation(doc_type, prefix, m.group("number"), iso(m.group("d"), m.group("m"), m.group("y")),
                            year, relation, "", phrase, "", m.start()))
    return out


def authority_and_title(c: Citation, data: DataFolder, province: str | None) -> tuple[str | None, str]:
    """The cited document's authority id, and its title as far as the citing text gives it."""
    aid, n = data.resolve_authority(c.authority_phrase, province)
    rest = c.authority_phrase
    if n:
        # drop the n folded words the authority took (UBND counts as one, as `folded` spells it)
        tokens = list(re.finditer(r"\(\s*UBND\s*\)|\w+", rest))
        taken, i = 0, 0
        while i < len(tokens) and taken < n:
            word = fold(tokens[i].group(0))
            if word.startswith("("):
                i += 1
                continue
            if word == "uy" and i + 3 < len(tokens) and [fold(t.group(0)) for t in tokens[i + 1:i + 4]] == ["ban", "nhan", "dan"]:
                i += 4
            else:
                i += 1
            taken += 1
        while i < len(tokens) and tokens[i].group(0).startswith("("):
            i += 1
        rest = rest[tokens[i - 1].end():] if i else rest
    cut = _TITLE_CUT.search(rest)
    title = rest[:cut.start()] if cut else rest
    title = re.sub(r"^\s*[,)]?\s*(?:về việc|v/v|việc|về)\s+", "", title, flags=re.IGNORECASE).strip(" ,.;")
    title = title[:1].upper() + title[1:] if title else ""
    return aid, title


def note_for(c: Citation, text: str) -> str:
    """'Kế hoạch số 263/KH-UBND ngày 16/9/2022 của UBND tỉnh' as the text writes it."""
    m = CITATION_RE.match(text, c.start)
    end = m.end() if m else c.start
    owner = re.match(r"\s*(?:của|do)\s+[^,;:]*?(?=\s+(?:về việc|việc|về|ban hành|hướng dẫn|phê duyệt|tổ chức|thực hiện)\b|[,;:]|$)",
                     text[end:], re.IGNORECASE)
    return collapse(text[c.start:end + (owner.end() if owner else 0)])

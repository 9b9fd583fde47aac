"""The block above the body: issuer and parent body, national motto, number, place and date,
and the title after 'KẾ HOẠCH'."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold
from .citations import RELATION_RE, TYPES
from .text import collapse, is_upper_line, marker, split_columns

DOC_WORDS = {"ke hoach": "ke-hoach", "quyet dinh": "quyet-dinh", "huong dan": "huong-dan", "thong bao": "thong-bao",
             "bao cao": "bao-cao", "to trinh": "to-trinh", "chi thi": "chi-thi", "nghi quyet": "nghi-quyet"}
MOTTO_RE = re.compile(r"cộng hòa xã hội|cộng hoà xã hội|độc lập\s*-\s*tự do", re.IGNORECASE)
NUMBER_RE = re.compile(r"^Số\s*:?\s*(\S+/\S+)", re.IGNORECASE)
PLACE_DATE_RE = re.compile(r"^(?P<place>[^,]{2,40}),\s*ngày\s+(?P<d>\d{1,2}|[.…_ ]+)\s+tháng\s+(?P<m>\d{1,2}|[.…_ ]+)\s+năm\s+(?P<y>\d{4})",
                           re.IGNORECASE)
BODY_START = re.compile(r"^(SỞ|BAN|PHÒNG|UBND|ỦY BAN|UỶ BAN|HỘI ĐỒNG|TRƯỜNG|CỤC|CHI CỤC|VĂN PHÒNG|TRUNG TÂM|BỘ|ĐẢNG ỦY|HỘI)\b")
PLACE_WORDS = ("tỉnh", "huyện", "xã", "phường", "thị trấn", "thành phố", "quận", "thị xã")
ACRONYMS = {"UBND", "HĐND", "MTTQ", "GD&ĐT", "GTVT", "TĐKT", "LĐTBXH", "LĐ-TB&XH"}


@dataclass
class Header:
    issuer: str | None = None
    parent: str | None = None
    number: str | None = None
    place: str | None = None
    date: str | None = None  # ISO, day precision when printed in full
    doc_type: str = "ke-hoach"
    title_index: int | None = None  # line index of 'KẾ HOẠCH'
    title: str = ""
    body_start: int = 0  # first line after the title
    notes: list[str] = field(default_factory=list)


def vi_case(upper: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN' -> 'Ủy ban nhân dân tỉnh Bình Thuận' (place names capitalised)."""
    words = collapse(upper).split(" ")
    out, capital_next = [], False
    i = 0
    while i < len(words):
        w = words[i]
        low = w.lower()
        two = " ".join(words[i:i + 2]).lower()
        if w in ACRONYMS:
            out.append(w)
        elif capital_next or i == 0:
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
        if two in PLACE_WORDS:
            out.append(words[i + 1].lower())
            i += 1
            capital_next = True
        elif low in PLACE_WORDS:
            capital_next = True
        elif low in ("sở", "ban", "phòng") and i == 0:
            capital_next = False
            if i + 1 < len(words):
                nxt = words[i + 1].lower()
                out.append(nxt[:1].upper() + nxt[1:])
                i += 1
        i += 1
    return " ".join(out)


def sentence_case(upper: str) -> str:
    """'PHÓ GIÁM ĐỐC' -> 'Phó Giám đốc', 'ỦY BAN NHÂN DÂN' -> 'Ủy ban nhân dân'."""
    words = collapse(upper).lower().split(" ")
    out = []
    for i, w in enumerate(words):
        cap = i == 0 or (i == 1 and words[0] == "phó")
        out.append(w[:1].upper() + w[1:] if cap else w)
    return " ".join(out)


def find_title_line(lines: list[str]) -> tuple[int | None, str]:
    for i, line in enumerate(lines[:80]):
        s = collapse(line)
        if is_upper_line(s) and fold(s) in DOC_WORDS:
            return i, DOC_WORDS[fold(s)]
    return None, "ke-hoach"


def _starts_preamble(line: str) -> bool:
    s = collapse(line)
    found = marker(line)
    if found and found[0] == "roman":
        return True
    m = RELATION_RE.match(s)
    if not m:
        return False
    after = s[m.end():].strip().lower()
    return fold(m.group(1)) == "can cu" or any(after.startswith(t) for t in TYPES)


def parse(lines: list[str]) -> Header:
    head = Header()
    index, head.doc_type = find_title_line(lines)
    head.title_index = index
    left: list[str] = []
    for line in lines[: index or 0]:
        for cell in split_columns(line):
            if MOTTO_RE.search(cell) or re.fullmatch(r"[-_–—=.*]{3,}", cell):
                continue
            m = NUMBER_RE.match(cell)
            if m:
                head.number = m.group(1).rstrip(".,;")
                continue
            m = PLACE_DATE_RE.match(cell)
            if m:
                head.place = collapse(m.group("place"))
                d, mo, y = m.group("d"), m.group("m"), m.group("y")
                if d.strip().isdigit() and mo.strip().isdigit():
                    head.date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
                else:
                    head.date = y
                    head.notes.append("ngày ban hành để trống trong văn bản: chỉ lấy năm")
                continue
            if is_upper_line(cell):
                left.append(collapse(cell))
    if left:
        split = next((i for i in range(1, len(left)) if BODY_START.match(left[i])), None)
        if split is not None:
            head.parent = vi_case(" ".join(left[:split]))
            head.issuer = vi_case(" ".join(left[split:]))
        else:
            head.issuer = vi_case(" ".join(left))
    start = (index + 1) if index is not None else 0
    title_lines = []
    i = start
    while i < len(lines) and index is not None:
        if lines[i].strip() and _starts_preamble(lines[i]):
            break
        if lines[i].strip():
            title_lines.append(lines[i])
        i += 1
        if len(title_lines) > 8:  # no preamble found near the top: the title is the first lines only
            i = start + 1
            title_lines = title_lines[:1]
            break
    head.title = collapse(" ".join(title_lines))
    head.body_start = i
    return head

"""The blocks below the body: 'Nơi nhận' entries, the signer (KT./TM./TL./TUQ./Q., office,
name), possibly side by side in two columns, and digital-signature trailers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold
from .header import sentence_case
from .text import collapse, is_upper_line, split_columns

CAPACITY_RE = re.compile(r"^(KT|TM|TL|TUQ|Q)\s*\.\s*(.+)$")
TRAILER_RE = re.compile(r"^\s*(người ký|ký bởi|signed by|e-?mail|cơ quan|thời gian ký|ngày ký|chức vụ|signature)\s*:\s*(.*)$",
                        re.IGNORECASE)
TRAILER_DATE_RE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})|(\d{4})-(\d{2})-(\d{2})")
NOISE_RE = re.compile(r"^\(?\s*(đã ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu|ký tên, đóng dấu)[^)]*\)?$", re.IGNORECASE)
NAME_RE = re.compile(r"^(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]*)(?:\s+[A-ZÀ-ỸĐ][a-zà-ỹđ]*){1,5}$")


@dataclass
class Trailer:
    signer: str | None = None
    date: str | None = None
    lines: list[str] = field(default_factory=list)


def strip_trailer(lines: list[str]) -> tuple[list[str], Trailer]:
    """Lines without the digital-signature trailer, and what the trailer said."""
    kept, trailer = [], Trailer()
    for line in lines:
        m = TRAILER_RE.match(line)
        if not m:
            kept.append(line)
            continue
        trailer.lines.append(line.strip())
        key, value = fold(m.group(1)), m.group(2).strip()
        if key in ("nguoi ky", "ky boi", "signed by") and value:
            trailer.signer = collapse(value)
        if key in ("thoi gian ky", "ngay ky") and value:
            d = TRAILER_DATE_RE.search(value)
            if d and d.group(3):
                trailer.date = f"{int(d.group(3)):04d}-{int(d.group(2)):02d}-{int(d.group(1)):02d}"
            elif d:
                trailer.date = f"{d.group(4)}-{d.group(5)}-{d.group(6)}"
    return kept, trailer


def is_start(line: str) -> bool:
    """Does the signer/distribution block start at this line?"""
    cells = split_columns(line)
    if not cells:
        return False
    first = cells[0]
    return fold(first).startswith("noi nhan") or bool(CAPACITY_RE.match(first) and is_upper_line(first))


@dataclass
class EndBlock:
    distribution: list[str] = field(default_factory=list)
    signer: dict = field(default_factory=dict)
    leftover: list[str] = field(default_factory=list)


def parse(lines: list[str]) -> EndBlock:
    block = EndBlock()
    signer_cells: list[str] = []
    in_list = False
    for line in lines:
        cells = split_columns(line)
        for j, cell in enumerate(cells):
            f = fold(cell)
            if f.startswith("noi nhan"):
                in_list = True
                rest = cell.split(":", 1)[1].strip() if ":" in cell else ""
                if rest:
                    block.distribution.append(_entry(rest))
                continue
            if NOISE_RE.match(cell):
                continue
            if cell.startswith(("-", "–", "+", "•")) and j == 0:
                block.distribution.append(_entry(cell[1:]))
                in_list = True
                continue
            if j == 0 and in_list and block.distribution and cell[:1].islower():
                block.distribution[-1] = _entry(block.distribution[-1] + " " + cell)
                continue
            signer_cells.append(cell)
    block.signer = _signer(signer_cells, block)
    return block


def _entry(text: str) -> str:
    return collapse(text).strip().rstrip(";.,").strip()


def _signer(cells: list[str], block: EndBlock) -> dict:
    signer: dict = {}
    titles = []
    for cell in cells:
        m = CAPACITY_RE.match(cell)
        if m and is_upper_line(cell) and "capacity" not in signer:
            signer["capacity"] = m.group(1)
            signer["on_behalf_of"] = sentence_case(m.group(2))
        elif is_upper_line(cell):
            titles.append(sentence_case(cell))
        elif NAME_RE.match(collapse(cell)) and "name" not in signer:
            signer["name"] = collapse(cell)
        else:
            block.leftover.append(cell)
    if titles:
        signer["title"] = titles[0]
        block.leftover.extend(titles[1:])
    elif "on_behalf_of" in signer:  # 'TM. ỦY BAN NHÂN DÂN' with no office line below
        signer["title"] = signer["on_behalf_of"]
    return signer

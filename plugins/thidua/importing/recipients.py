"""An annex of recipients (.xlsx or .csv) -> recipient lines of an award decision.

Offices lay annexes out freely: a title above the table, a header row somewhere in the first
rows (sometimes two rows with merged cells), group rows ('I. TẬP THỂ'), several sheets.
Columns of personal data (CCCD/CMND, phone, birth date, address) are recognised by their
header and never read: their cells are not even looked at.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import fold
from .text import collapse, strip_contacts

COLUMNS = [  # folded header words -> column role; the first match wins
    ("personal", r"cccd|cmnd|can cuoc|chung minh|dinh danh|ho chieu|dien thoai|sdt|so dt|di dong|email|thu dien tu"
                 r"|ngay sinh|nam sinh|ngay thang nam sinh|dia chi|noi o|cho o|thuong tru|tam tru|que quan|so nha"),
    ("stt", r"^stt$|^tt$|^so tt$|^so thu tu$"),
    ("collective_name", r"ten tap the|ten don vi duoc|ten co quan|ten to chuc"),
    ("name", r"ho va ten|ho ten|ho, ten|ten ca nhan|ten ho|ten tap the|^ten$|ten nguoi|danh sach"),
    ("position", r"chuc vu|chuc danh"),
    ("unit", r"don vi|noi cong tac|co quan cong tac|thon|xa|to chuc"),
    ("achievement", r"thanh tich|noi dung khen|ly do"),
]
COLLECTIVE_RE = re.compile(
    r"^(phòng|trường|ubnd|ủy ban|uỷ ban|hội|chi hội|chi bộ|đảng bộ|htx|hợp tác xã|ban|sở|công ty|doanh nghiệp|đoàn|chi đoàn|"
    r"tổ|thôn|khu phố|ấp|bản|xã|phường|thị trấn|trung tâm|bệnh viện|trạm|đội|văn phòng|cục|chi cục|công đoàn|tập thể|lớp|"
    r"khoa|ngân hàng|quỹ|câu lạc bộ|clb|nhóm|cơ quan|liên đoàn|tập đoàn|hội đồng|ký túc xá|mặt trận|tòa án|viện)\b",
    re.IGNORECASE)
HOUSEHOLD_RE = re.compile(r"^(hộ\s+(ông|bà|gia đình|anh|chị)|gia đình\s+(ông|bà))\b", re.IGNORECASE)
GROUP_RE = [("household", r"\bho gia dinh\b|\bcac ho\b"), ("collective", r"\btap the\b"), ("individual", r"\bca nhan\b")]


@dataclass
class Annex:
    recipients: list[dict] = field(default_factory=list)
    dropped_columns: list[str] = field(default_factory=list)  # 'Sheet1: Số CCCD'
    notes: list[str] = field(default_factory=list)
    sheets: int = 0


def role_of(header: str) -> str | None:
    f = fold(collapse(header))
    for role, rx in COLUMNS:
        if re.search(rx, f):
            return role
    return None


def read(path: Path) -> Annex:
    annex = Annex()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        for name, rows in _xlsx_sheets(path):
            annex.sheets += 1
            _read_table(name, rows, annex)
    elif suffix == ".csv":
        annex.sheets = 1
        _read_table(path.name, _csv_rows(path), annex)
    else:
        raise ValueError(f"{path}: expected a .xlsx or .csv file")
    return annex


def _xlsx_sheets(path: Path):
    import openpyxl  # imported here so the rest of the package works without it

    book = openpyxl.load_workbook(str(path), data_only=True)
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        # a merged cell holds its value in its top-left cell only: give it to every cell it covers
        for merged in sheet.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(rows) else None
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, merged.max_col):
                    if c < len(rows[r]):
                        rows[r][c] = value
        yield sheet.title, rows


def _csv_rows(path: Path) -> list[list]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeError:
            continue
    else:
        raise ValueError(f"{path}: not UTF-8 text (save it as CSV UTF-8)")
    # the separator Excel used (',' or ';' by locale, tab): the one most frequent on the widest line
    delimiter = max(",;\t", key=lambda d: max((line.count(d) for line in text.splitlines()[:50]), default=0))
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return collapse(str(value))


def _header_row(rows: list[list]) -> int | None:
    best, best_score = None, 1
    for i, row in enumerate(rows[:20]):
        roles = [role_of(_cell(v)) for v in row if _cell(v)]
        score = len({r for r in roles if r})
        if score > best_score and any(r in ("name", "collective_name") for r in roles):
            best, best_score = i, score
    return best


def _read_table(sheet: str, rows: list[list], annex: Annex) -> None:
    h = _header_row(rows)
    if h is None:
        annex.notes.append(f"{sheet}: không thấy dòng tiêu đề (Họ và tên / Tên tập thể): bỏ qua trang này")
        return
    width = max(len(r) for r in rows)
    labels = [_cell(rows[h][c]) if c < len(rows[h]) else "" for c in range(width)]
    start = h + 1
    # a second header row under merged cells ('Thông tin cá nhân' over 'Số CCCD', 'Điện thoại')
    if start < len(rows) and not _is_data(rows[start]) and any(role_of(_cell(v)) for v in rows[start]):
        below = [_cell(rows[start][c]) if c < len(rows[start]) else "" for c in range(width)]
        labels = [f"{a} {b}".strip() if b and b != a else a for a, b in zip(labels, below)]
        start += 1
    roles: dict[int, str] = {}
    for c, label in enumerate(labels):
        role = role_of(label)
        if role == "personal":
            annex.dropped_columns.append(f"{sheet}: {label}")
            continue
        if role and role not in roles.values():
            roles[c] = role
    name_col = next((c for c, r in roles.items() if r == "name"), None)
    coll_col = next((c for c, r in roles.items() if r == "collective_name"), None)
    if name_col is None and coll_col is None:
        return
    group_kind = None
    for r in range(start, len(rows)):
        row = rows[r]
        def get(role, row=row):  # bound to this row
            return next((_cell(row[c]) for c, rr in roles.items() if rr == role and c < len(row)), "")
        name = get("name") or get("collective_name")
        stt = get("stt")
        if not name:
            continue
        if re.fullmatch(r"\d+", name) or fold(name) in ("cong", "tong cong", "tong"):
            continue  # the row of column numbers under a header, or a total
        if not re.fullmatch(r"\d+\.?", stt or "") and _is_group(row, name):
            group_kind = next((k for k, rx in GROUP_RE if re.search(rx, fold(name))), group_kind)
            continue
        annex.recipients.append(_recipient(name, get("position"), get("unit"), get("achievement"),
                                           group_kind if not get("collective_name") else "collective", annex))


def _is_data(row) -> bool:
    first = next((_cell(v) for v in row if _cell(v)), "")
    return bool(re.fullmatch(r"\d+", first)) and sum(1 for v in row if _cell(v)) > 1 \
        and not all(re.fullmatch(r"\d+|\(\d+\)", _cell(v)) for v in row if _cell(v))


def _is_group(row, name: str) -> bool:
    """'I. TẬP THỂ' or 'CÁ NHÂN' spanning the row: a heading inside the table."""
    values = {_cell(v) for v in row if _cell(v)}
    letters = [ch for ch in name if ch.isalpha()]
    return (len(values) <= 2 and letters and all(ch.isupper() for ch in letters)) or bool(re.match(r"^[IVX]+\.\s", name))


def _recipient(name, position, unit, achievement, group_kind, annex: Annex) -> dict:
    if HOUSEHOLD_RE.match(name):
        kind = "household"
    elif COLLECTIVE_RE.match(name):
        kind = "collective"
    else:
        kind = group_kind or "individual"
    record: dict = {"kind": kind, "name": name}
    for key, value in (("position", position), ("unit", unit),
                       ("achievement", achievement)):
        if value:
            value, removed = strip_contacts(value)
            if removed:
                annex.notes.append(f"{name}: đã xoá số điện thoại/e-mail trong ô {key}")
            value = collapse(value)
            if value:
                record[key] = value
    return record

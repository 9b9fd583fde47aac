"""`thidua new KIND`: a record skeleton that validates as written, with every field of the
model commented from its documentation (`schema.fields_of`), optional ones commented out."""
from __future__ import annotations

import datetime as _dt
import typing
from enum import Enum

from .. import model
from ..dates import MonthDay, PartialDate, Period
from ..schema import PARSED, fields_of, is_record_class
from .datafolder import DataFolder
from .writer import scalar

try:  # the id rule lives with the loader; keep working if it moves
    from ..loader import ID_RE
except ImportError:  # pragma: no cover
    import re
    ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

KINDS = {  # command word -> (data folder, model class, default id, what it is)
    "plan": ("documents", model.Document, "kh-moi", "Kế hoạch (hoặc văn bản khác)"),
    "decision": ("decisions", model.AwardDecision, "qd-khen-thuong-moi", "Quyết định khen thưởng"),
    "story": ("stories", model.Story, "bai-viet-moi", "Bài viết điển hình tiên tiến"),
    "authority": ("authorities", model.Authority, "co-quan-moi", "Cơ quan ban hành"),
    "campaign": ("campaigns", model.Campaign, "phong-trao-moi", "Phong trào thi đua"),
}
PLACEHOLDER_TEXT = {
    "title": "Tên (trích yếu) — cần điền", "name": "Tên đầy đủ — cần điền",
    "body": "Nội dung bài viết (Markdown) — cần điền.",
}


def example(spec, today: _dt.date):
    tp = spec.type
    if tp is PartialDate:
        return today.isoformat()
    if tp is Period:
        return f"{today.year}-{today.year + 4}"
    if tp is MonthDay:
        return "12-31"
    if tp is bool:
        return spec.default if isinstance(spec.default, bool) else False
    if tp in (int, float):
        return 0
    if isinstance(tp, type) and issubclass(tp, Enum):
        return next(iter(tp)).value
    return PLACEHOLDER_TEXT.get(spec.name, "")


def _ref_value(spec, data: DataFolder, given: dict, chosen: dict) -> str | None:
    if spec.name in given:
        return given[spec.name]
    store = getattr(data, spec.ref.replace("-", "_"), {})
    candidates = sorted(store)
    form = data.award_forms.get(chosen.get("form", ""))
    if spec.ref == "authorities" and form:  # an authority that may grant the chosen form
        levels = form.get("granted_by_levels") or []
        fitting = [a for a in candidates if store[a].get("level") in levels and not store[a].get("until")]
        candidates = ([form["granted_by"]] if form.get("granted_by") in store else []) + fitting or candidates
    return candidates[0] if candidates else None


def _doc_lines(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in text.splitlines() if line.strip()]


def skeleton(kind: str, data: DataFolder, record_id: str, given: dict, today: _dt.date | None = None) -> str:
    folder, cls, _default, what = KINDS[kind]
    today = today or _dt.date.today()
    lines = [f"# {what} — bản khung do `thidua new {kind}` tạo. Điền các trường, bỏ dấu # ở trường cần dùng,",
             "# rồi chạy `thidua validate data`. Chú thích mỗi trường lấy từ mô hình dữ liệu (model.py).",
             f"# id: chữ thường không dấu nối bằng gạch ngang (mẫu {ID_RE.pattern}); tên tệp là <id>.yml.", ""]
    chosen: dict = {}
    specs = list(fields_of(cls).values())
    # a decision's form first, so its authority can be one that may grant it
    for spec in sorted(specs, key=lambda f: f.name != "form"):
        if spec.ref and spec.required and typing.get_origin(spec.type) is not list:
            chosen[spec.name] = _ref_value(spec, data, given, chosen)
    for spec in specs:
        doc = spec.doc + (f" (id trong data/{spec.ref}/)" if spec.ref else "")
        lines += _doc_lines(f"{spec.name}: {doc}", "")
        value = record_id if spec.name == "id" else given.get(spec.name)
        if kind == "plan" and spec.name == "type" and value is None:
            value = "ke-hoach"
        if kind == "plan" and spec.name == "transcribed" and value is None:
            lines.append("# (false cho đến khi nhập body; khi đã nhập toàn văn, xoá dòng này)")
            value = False
        if spec.ref and typing.get_origin(spec.type) is not list and (spec.required or spec.name in given):
            value = chosen.get(spec.name) or _ref_value(spec, data, given, chosen)
            if value is None:
                raise ValueError(f"no record in data/{spec.ref}/ to refer to: give --{spec.name.replace('_', '-')}")
            if spec.name not in given:
                lines.append(f"# (tạm lấy {value}: thay bằng id đúng)")
        item = typing.get_args(spec.type)[0] if typing.get_origin(spec.type) is list else None
        if spec.required and item is not None and is_record_class(item):
            lines += _nested_list(spec.name, item, today)
            continue
        if spec.required or value is not None:
            if value is None:
                value = example(spec, today)
            lines.append(f"{spec.name}: {scalar(value)}")
        else:
            lines.append(f"# {spec.name}: {_commented_example(spec, today)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _commented_example(spec, today) -> str:
    if typing.get_origin(spec.type) is list:
        return "[]"
    if is_record_class(spec.type) and spec.type not in PARSED:
        inner = ", ".join(f"{f.name}: …" for f in fields_of(spec.type).values() if f.required)
        return "{" + inner + "}"
    value = example(spec, today)
    return scalar(value) if value != "" else '""'


def _nested_list(name: str, item: type, today) -> list[str]:
    """A required list of records (a decision's recipients): one line, published nowhere."""
    out = [f"{name}:"]
    first = True
    for spec in fields_of(item).values():
        prefix = "  - " if first else "    "
        if spec.required:
            value = {"name": "Họ và tên — cần điền", "kind": "individual"}.get(spec.name) or example(spec, today)
            out.append(f"{prefix}{spec.name}: {scalar(value)}  # {spec.doc}")
            first = False
    out.append("    public: false  # dòng mẫu: không công bố cho đến khi điền xong và đổi thành true")
    out.append("")
    return out


def free_id(kind: str, data: DataFolder, wanted: str | None) -> str:
    folder, _cls, default, _ = KINDS[kind]
    if wanted:
        if not ID_RE.match(wanted):
            raise ValueError(f'"{wanted}" is not a valid id: lowercase ASCII words joined by hyphens')
        return wanted
    candidate, n = default, 1
    while data.taken(folder, candidate):
        n += 1
        candidate = f"{default}-{n}"
    return candidate

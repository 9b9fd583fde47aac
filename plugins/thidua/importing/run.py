"""Importers and skeletons as actions on a data folder: read the file, build drafts, write
them, and say what was written and what to review."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import plan as plan_mod
from .datafolder import DataFolder
from .review import Notes
from .writer import dump, record_class


class ImportError_(Exception):
    """A problem the user must fix (a missing file, an id already taken): printed, exit 2."""


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    notes: Notes = field(default_factory=Notes)
    messages: list[str] = field(default_factory=list)


def read_source(path: Path) -> list[str]:
    if not path.is_file():
        raise ImportError_(f"{path}: no such file")
    if path.suffix.lower() == ".docx":
        from .docx import read_lines
        return read_lines(path)
    if path.suffix.lower() in (".txt", ".text", ""):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "utf-16"):
            try:
                return raw.decode(encoding).splitlines()
            except UnicodeError:
                continue
        raise ImportError_(f"{path}: not UTF-8 text (save it as UTF-8)")
    raise ImportError_(f"{path}: expected a .txt or .docx file")


def write_record(data_dir: Path, folder: str, record: dict, comments: dict | None = None,
                 header: list[str] | None = None, force: bool = False) -> Path:
    path = data_dir / folder / f"{record['id']}.yml"
    if path.exists() and not force:
        raise ImportError_(f"{path} already exists (use --id to choose another id, or --force to replace it)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(record_class(folder), record, comments, header), encoding="utf-8")
    return path


def import_plan(source: Path, data_dir: Path, plan_id: str | None = None, force: bool = False) -> Result:
    lines = read_source(source)
    data = DataFolder.read(data_dir)
    draft = plan_mod.parse(lines, data, source=source.name)
    if plan_id:
        draft.record["id"] = plan_id
    result = Result(notes=draft.notes)
    target = data_dir / "documents" / f"{draft.record['id']}.yml"
    if target.exists() and not force:
        raise ImportError_(f"{target} already exists (use --id to choose another id, or --force to replace it)")
    # the questions go into the record's `review:` list (a warning until emptied, never shown on
    # the site); a comment beside each field says which of them it concerns
    if draft.notes:
        draft.record["review"] = [str(n) for n in draft.notes]
    header = [f"Bản nháp nhập từ {source.name} bằng `thidua import plan`: trả lời từng câu hỏi trong `review:`"
              " (và các ghi chú '# review:' bên cạnh trường), sửa dữ liệu rồi xoá câu hỏi.", ""]
    comments = {path: [f"review: {m}" for m in msgs] for path, msgs in draft.notes.by_path().items() if path}
    result.written.append(write_record(data_dir, "documents", draft.record, comments, header, force=True))
    for doc in draft.cited:
        result.written.append(write_record(data_dir, "documents", doc, None,
                                           [f"Văn bản được viện dẫn trong {draft.record['id']}; chỉ biết qua lời dẫn: cần kiểm tra."]))
    for authority in draft.authorities:
        result.written.append(write_record(data_dir, "authorities", authority, None,
                                           ["Bản nháp cơ quan do `thidua import plan` tạo: kiểm tra tên, cấp, cơ quan cấp trên."]))
    if draft.removed_contacts:
        result.messages.append(f"removed {len(draft.removed_contacts)} e-mail address(es) or phone number(s) from the text")
    if draft.dropped_trailer:
        result.messages.append(f"dropped the digital-signature trailer ({len(draft.dropped_trailer)} lines)")
    return result


DECISION_OPTIONS = ("date", "authority", "form", "occasion", "number", "title", "campaign", "plan")


def import_recipients(source: Path, data_dir: Path, decision_id: str, append: bool = False, **fields) -> Result:
    """Read the annex into the recipients of `decision_id`: the existing decision file is
    rewritten with them (its other fields kept), or a new one made from `fields`."""
    from . import recipients as recipients_mod
    from .datafolder import _load, plain

    if not source.is_file():
        raise ImportError_(f"{source}: no such file")
    try:
        annex = recipients_mod.read(source)
    except ValueError as exc:
        raise ImportError_(str(exc)) from exc
    path = data_dir / "decisions" / f"{decision_id}.yml"
    given = {k: v for k, v in fields.items() if v is not None}
    if path.exists():
        record = plain(_load(path))
        record.update(given)
    else:
        missing = [k for k in ("date", "authority", "form", "occasion") if k not in given]
        if missing:
            raise ImportError_(f"{path} does not exist: give " + ", ".join(f"--{k}" for k in missing)
                               + " to create it")
        record = {"id": decision_id, **given}
    record["id"] = decision_id
    lines = annex.recipients
    record["recipients"] = (list(record.get("recipients") or []) + lines) if append else lines
    result = Result()
    for dropped in annex.dropped_columns:
        result.messages.append(f"dropped personal-data column (not read): {dropped}")
    households = sum(1 for r in lines if r["kind"] == "household")
    counts = {k: sum(1 for r in lines if r["kind"] == k) for k in ("individual", "collective", "household")}
    result.messages.append(f"read {len(lines)} recipient line(s) from {annex.sheets} sheet(s): "
                           + ", ".join(f"{n} {k}" for k, n in counts.items()))
    for note in annex.notes:
        result.notes.add("recipients", note)
    if households:
        result.notes.add("recipients", f"{households} hộ gia đình: nếu thuộc chương trình giảm nghèo, ghi "
                         "poverty_programme: true và chỉ công bố khi có consent: true")
    result.notes.add("recipients", "loại người nhận (cá nhân/tập thể/hộ) được đoán theo tên: cần kiểm tra")
    review = [q for q in (record.get("review") or []) if isinstance(q, str)]
    record["review"] = review + [n.message for n in result.notes if n.message not in review]
    header = [f"Danh sách người nhận nhập từ {source.name} bằng `thidua import recipients`:"
              " trả lời từng câu hỏi trong `review:` rồi xoá câu hỏi.",
              *(f"Cột dữ liệu cá nhân không được đọc: {d}" for d in annex.dropped_columns), ""]
    result.written.append(write_record(data_dir, "decisions", record, None, header, force=True))
    return result


def new_record(kind: str, data_dir: Path, record_id: str | None = None, **given) -> Result:
    from . import skeleton

    data = DataFolder.read(data_dir)
    try:
        rid = skeleton.free_id(kind, data, record_id)
        text = skeleton.skeleton(kind, data, rid, {k: v for k, v in given.items() if v is not None})
    except ValueError as exc:
        raise ImportError_(str(exc)) from exc
    folder = skeleton.KINDS[kind][0]
    path = data_dir / folder / f"{rid}.yml"
    if path.exists():
        raise ImportError_(f"{path} already exists: choose another --id")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Result(written=[path])

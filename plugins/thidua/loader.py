"""Loads data/ into a Repository: one record per YAML file, the kind by its folder.

Reading never stops at a bad file: every problem of every file is collected, so one
`thidua validate` run shows a communications office all it has to fix.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

from . import parallel
from .kinds import KINDS
from .problems import Problem, Report
from .repository import Repository
from .schema import Reader, SourceFile, YamlLoader, colon_hint, location

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SETTINGS_FILE = "rules.yml"  # data/rules.yml: severities of the rules (checks/settings.py)


def compose(text: str, file: str, reader: Reader) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or "invalid YAML").strip()
        quoted = colon_hint(text, line)  # text holding ": " that YAML took for a key: say to quote it
        hint = ' — text holding ": " must be put in double quotes' if quoted else ""
        reader.report.add(Problem(file, line, col, "", f"YAML syntax error: {what}{hint}",
                                  quoted or "valid YAML (check indentation, colons and quotes)",
                                  (exc.context or what).strip(), rule="yaml"))
    except yaml.reader.ReaderError as exc:
        # a character YAML forbids (control characters): point at it
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        reader.report.add(Problem(file, line, col, "", "control characters are not allowed in YAML text",
                                  "printable text", f"the character U+{ord(char):04X}", rule="yaml"))
    except yaml.YAMLError as exc:
        reader.report.add(Problem(file, 1, 1, "", f"YAML error: {exc}", rule="yaml"))
    return None


def decode(raw: bytes, file: str, report: Report) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # count characters, as YAML marks do, not bytes
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        report.add(Problem(file, line, col, "", "the file is not UTF-8 text",
                           "UTF-8 (save the file as UTF-8 in your editor)",
                           f"byte 0x{raw[exc.start]:02x}", rule="encoding"))
        return None


def load_file(path: Path, kind: str, rel: str, report: Report):
    raw = path.read_bytes()
    text = decode(raw, rel, report)
    if text is None:
        return None
    reader = Reader(rel, report)
    before = len(report.problems)
    node = compose(text, rel, reader)
    if node is None:
        if len(report.problems) == before:  # nothing but blank lines and comments
            report.add(Problem(rel, 1, 1, "", "the file is empty", f"one {KINDS[kind].record.__name__} record",
                               "an empty file" if not text.strip() else "only comments", rule="schema"))
        return None
    return reader.read(node, KINDS[kind].record, "")


def load(data_dir: Path, report: Report, display_root: Path | None = None, workers: int = 0) -> Repository:
    """Read every record under `data_dir`; problems go to `report`.

    Files are read in worker processes when there are many (`workers`: 0 = one per core,
    1 = in this process); records and problems come back in file order, so the result is the
    same either way."""
    data_dir = Path(data_dir)
    shown = display_root if display_root is not None else data_dir.parent
    repo = Repository(root=data_dir)
    files = []
    for kind in KINDS:
        folder = data_dir / kind
        if folder.is_dir():
            files += [(kind, path, SourceFile(_rel(path, shown), path)) for path in sorted(folder.rglob("*"))
                      if path.suffix in (".yml", ".yaml") and path.is_file()]
    for (kind, path, _rel_path), (record, problems) in zip(files, _read_all(files, workers)):
        report.problems.extend(problems)
        if record is None:
            continue
        store = repo.of_kind(kind)
        _check_id(record, path, store, report)
        if record.id not in store:
            store[record.id] = record
    for path in sorted(p for p in data_dir.glob("*.y*ml") if p.name != SETTINGS_FILE):
        report.add(Problem(_rel(path, shown), 1, 1, "", "records belong in a kind folder",
                           "data/<kind>/<id>.yml with kind one of: " + ", ".join(KINDS),
                           f"a file directly in {data_dir.name}/", rule="layout"))
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and p.name not in KINDS):
        for path in sorted(folder.rglob("*.y*ml")):
            close = difflib.get_close_matches(folder.name, list(KINDS), n=1)
            hint = f' — did you mean "{close[0]}/"?' if close else ""
            report.add(Problem(_rel(path, shown), 1, 1, "", f"records belong in a kind folder{hint}",
                               "data/<kind>/<id>.yml with kind one of: " + ", ".join(KINDS),
                               f"a file in {data_dir.name}/{folder.name}/", rule="layout"))
    return repo


PARALLEL_FROM = 500  # files; below this, starting processes costs more than it saves


def _read_all(files: list, workers: int) -> list:
    workers = workers or parallel.cpu_count()
    if workers > 1 and len(files) >= PARALLEL_FROM and parallel.can_fork():
        bounds = [(len(files) * i // workers, len(files) * (i + 1) // workers) for i in range(workers)]
        parts = parallel.fork_map(lambda i: _read_slice(bounds[i], files), workers)
        return [item for part in parts for item in part]
    return _read_slice((0, len(files)), files)


def _read_slice(bounds: tuple[int, int], files: list) -> list:
    out = []
    for kind, path, rel in files[bounds[0]:bounds[1]]:
        report = Report()
        out.append((load_file(path, kind, rel, report), report.problems))
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _check_id(record, path: Path, store: dict, report: Report) -> None:
    bad_id, taken, misnamed = not ID_RE.match(record.id), record.id in store, path.stem != record.id
    if not (bad_id or taken or misnamed):
        return  # the common case: no position needed
    file, line, col, _ = location(record, "id")
    if bad_id:
        report.add(Problem(file, line, col, "id", "an id must be lowercase ASCII words joined by hyphens",
                           "e.g. kh-ubnd-tinh-binh-thuan-2022", f'"{record.id}"', rule="id"))
    if taken:
        other = store[record.id]
        o_line = location(other, "id")[1]
        report.add(Problem(file, line, col, "id", f'duplicate id "{record.id}"',
                           "an id used by one record only", f"also used in {other._file}:{o_line}", rule="duplicate-id"))
    if misnamed:
        report.add(Problem(file, line, col, "id", "the file name differs from the id",
                           f"{record.id}.yml", path.name, severity="warning", rule="file-name"))

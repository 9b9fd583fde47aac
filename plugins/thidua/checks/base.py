"""What every check shares: the context it runs in, how it files a problem, and the walk
over every field that names another record."""
from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import parallel
from ..kinds import KINDS, Kind
from ..model import recipient_anchors
from ..problems import ERROR, Problem, Report
from ..repository import Repository
from ..schema import fields_of, location, per_class

__all__ = ["Context", "add", "display_path", "location", "references", "source_file"]

# Records the checks must have before they are split over processes: below this, forking costs
# more than it saves.
PARALLEL_FROM = 1000
RECORDS_A_CHUNK = 50  # records the processes take at a time (`parallel.fork_pull`)


def add(report: Report, obj, field: str | None, message: str, expected="", found="",
        severity=ERROR, rule_name="", source="") -> None:
    """A problem at the YAML position of `obj.field` (or of `obj` itself when field is None)."""
    file, line, col, path = location(obj, field)
    report.add(Problem(file, line, col, path, message, expected, found, severity, rule_name, source))


@dataclass(frozen=True)
class Context:
    """One validation run: what is checked, where problems go, and each rule's severity
    (data/rules.yml over the defaults, read once by `checks.check`)."""

    repo: Repository
    report: Report
    severity: Mapping[str, str]
    memo: typing.Any = None  # a memo.CheckMemo when validating through the parse cache
    # plan id -> the award rules it sets out (plans.rules_of), (plan id, form) -> those naming the form
    # (plans.rules_for): worked out once for every check
    rules: dict = dataclasses.field(default_factory=dict)
    # decision id -> its lines' anchors (model.recipient_anchors): worked out once for every check
    anchors_of: dict = dataclasses.field(default_factory=dict)
    # processes `run` may split its work over (1: this one alone)
    workers: int = 1
    # (check, work, kinds) given to `each_record`, waiting for `run`
    record_work: list = dataclasses.field(default_factory=list)
    # what the checks on one record share while they meet it one after the other (privacy.py's
    # walk of its texts): a task's own, empty at its start
    scratch: dict = dataclasses.field(default_factory=dict)

    def each_record(self, check: str, work: Callable[[Context, Kind, typing.Any], None],
                    kinds: tuple[str, ...] | None = None) -> None:
        """Have `work(ctx, kind, record)`, a check's work on one record that reads nothing else, run
        on every record (of `kinds`, if given) by `run`, in one pass with every other check's such
        work. `check` keys the problems `work` files in the memo."""
        self.record_work.append((check, work, frozenset(kinds) if kinds is not None else None))

    def run(self, across: list[Callable[[Context], None]]) -> None:
        """Run the checks `across` records and the work `each_record` was given (every check's in
        turn on each record), as tasks this process and forked ones take in turn when the data is
        large (`parallel.fork_pull`): the largest share of a national validation. A record whose
        file's bytes are those of the memo's last run gets the problems a check's work filed then
        (the memo keys them by check). Problems are filed in the order of a run in one process:
        the checks across records, then the work on records by check, then record."""
        queued, self.record_work[:] = list(self.record_work), []
        memo = self.memo
        records = list(self.repo.all())
        # (check index, record index) pairs, by check: each pair's problems, from the memo or to find
        pairs = [(c, i) for c, (_, _, kinds) in enumerate(queued)
                 for i, (kind, _) in enumerate(records) if kinds is None or kind.name in kinds]
        keys = (memo.keys([(queued[c][0], i) for c, i in pairs], records) if memo is not None
                else [None] * len(pairs))
        found: list[tuple | None] = [memo.get(key) for key in keys] if memo is not None else [None] * len(pairs)
        todo = sorted((i, c, n) for n, (c, i) in enumerate(pairs) if found[n] is None)  # by record
        # chunks of whole records, so the checks on one record meet it one after the other
        # (privacy.py's checks walk its texts once for both)
        chunks: list[list[tuple[int, int, int]]] = []
        last, held = -1, RECORDS_A_CHUNK  # the record met last, the records in the last chunk
        for item in todo:
            if item[0] != last:
                if held == RECORDS_A_CHUNK:
                    chunks.append([])
                    held = 0
                held += 1
                last = item[0]
            chunks[-1].append(item)

        def task(k: int) -> tuple[list, list]:
            """(problems, what it added to the memo) of the check across records k, or of the
            records of chunk k - len(across): each (problems of one record and check)."""
            ctx = dataclasses.replace(self, report=Report(), record_work=[], scratch={})  # this task's alone
            filed = ctx.report.problems
            mark = memo.mark() if memo is not None else 0
            if k < len(across):
                across[k](ctx)
                if ctx.record_work:  # in whichever process: never silently left undone
                    raise RuntimeError("a check across records called each_record: list it in checks.RECORD_CHECKS")
                out: list = filed
            else:
                out = []
                for i, c, _ in chunks[k - len(across)]:
                    before = len(filed)
                    queued[c][1](ctx, *records[i])
                    out.append(tuple(filed[before:]))
            return out, memo.added_since(mark) if memo is not None else []

        tasks = len(across) + len(chunks)
        if self.workers > 1 and len(records) >= PARALLEL_FROM and parallel.can_fork():
            done = parallel.fork_pull(task, tasks, self.workers)
        else:
            done = [task(k) for k in range(tasks)]
        for _, added in done:
            if memo is not None:
                memo.merge(added)  # a worker's: this process's memo has not seen it
        for problems, _ in done[:len(across)]:
            self.report.problems.extend(problems)
        for items, (part, _) in zip(chunks, done[len(across):]):
            for (_, _, n), problems in zip(items, part):
                found[n] = problems
                if memo is not None:
                    memo.put(keys[n], problems)
        for problems in found:
            self.report.problems.extend(problems or ())

    def anchors(self, decision) -> list[str]:
        """The anchor of each recipient line of `decision`, worked out once a run, and kept in the
        memo for the next run while the decision's file is unchanged."""
        found = self.anchors_of.get(decision.id)
        if found is None:
            key = self.memo.key("anchors", decision) if self.memo is not None else None
            kept = self.memo.get(key) if key is not None else None
            found = list(kept) if kept is not None else recipient_anchors(decision)
            if key is not None and kept is None:
                self.memo.put(key, found)
            self.anchors_of[decision.id] = found
        return found

    def problem(self, name: str, obj, field: str | None, message: str, expected: str = "",
                found: str = "", source: str = "") -> None:
        """A problem of the rule `name`, at the severity the settings give it."""
        add(self.report, obj, field, message, expected, found, self.severity.get(name, ERROR), name, source)

    def problem_in_text(self, name: str, record, kind: str, owner, field: str, offset: int, message: str,
                        expected: str = "", found: str = "", source: str = "") -> None:
        """A problem at character `offset` of a multi-line text field: the exact line when the
        YAML writes the text as a literal block (`body: |`), else the field's own line."""
        file, line, col, path = location(owner, field)
        text = getattr(owner, field)
        source_path = source_file(self.repo, record, kind) if "\n" in text else None
        if source_path is not None:
            try:
                lines = source_path.read_text(encoding="utf-8-sig").splitlines()
                head = lines[line - 1][col - 1:] if line <= len(lines) else ""
                if head[:1] == "|":
                    before = text[:offset]
                    inner = before.count("\n")
                    content = [ln for ln in lines[line:] if ln.strip()]
                    indent = len(content[0]) - len(content[0].lstrip(" ")) if content else 0
                    line = line + 1 + inner
                    col = indent + (offset - (before.rfind("\n") + 1)) + 1
            except (OSError, IndexError):
                pass
        self.report.add(Problem(file, line, col, path, message, expected, found,
                                self.severity.get(name, ERROR), name, source))


# --- References: one walk over every field that names another record


@per_class
def _walk_plan(cls: type) -> tuple[list[tuple[str, str]], list[str]]:
    """((field, target kind) of each field that is a reference, fields holding nested objects that
    may contain some)."""
    refs, nested = [], []
    for f in fields_of(cls).values():
        if f.ref:
            refs.append((f.name, f.ref))
            continue
        inner = typing.get_args(f.type)[0] if typing.get_origin(f.type) is list else f.type
        if dataclasses.is_dataclass(inner):
            nested.append(f.name)
    return refs, nested


def references(obj: object) -> list[tuple[typing.Any, str, str, str]]:
    """(owner object, field key, target kind, id) for every reference under obj."""
    out: list[tuple[typing.Any, str, str, str]] = []
    _collect_references(obj, out)  # a list, not nested generators: this walk runs over every record
    return out


def _collect_references(obj: object, out: list) -> None:
    refs, nested = _walk_plan(type(obj))
    for name, ref in refs:
        value = getattr(obj, name)
        if value is None:
            continue
        if isinstance(value, list):
            out.extend((obj, f"{name}[{i}]", ref, v) for i, v in enumerate(value))
        else:
            out.append((obj, name, ref, value))
    for name in nested:
        value = getattr(obj, name)
        if isinstance(value, list):
            for child in value:
                _collect_references(child, out)
        elif value is not None:
            _collect_references(value, out)


# --- Where files are, named as the loader names them in problems


def display_path(repo: Repository, path: Path) -> str:
    """`path` (inside the data folder) as the loader names files in problems."""
    rel = Path(path).relative_to(repo.root).as_posix()
    for kind in KINDS:
        for record in repo.of_kind(kind).values():
            prefix = _prefix(repo, record._file, kind)
            if prefix is not None:
                return prefix + rel
    return f"{Path(repo.root).name}/{rel}"


def _prefix(repo: Repository, shown: str, kind: str) -> str | None:
    start = 0
    while True:
        i = shown.find(f"{kind}/", start)
        if i < 0:
            return None
        if (i == 0 or shown[i - 1] == "/") and (Path(repo.root) / shown[i:]).is_file():
            return shown[:i]
        start = i + 1


def source_file(repo: Repository, record, kind: str) -> Path | None:
    """The YAML file a record was read from."""
    shown = record._file
    prefix = _prefix(repo, shown, kind)
    return Path(repo.root) / shown[len(prefix):] if prefix is not None else None

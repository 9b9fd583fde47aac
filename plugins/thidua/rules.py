"""Checks across records: references, duplicates, cycles and dates.

Each rule is a function `rule(repo, report)`; `RULES` runs them in order. The schema
checks of single files live in `schema.py`; the award rules that plans lay down live
in `award_rules.py` and privacy rules in `privacy.py`, and register themselves here.
"""
from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator
from functools import cache


from .kinds import KINDS
from .repository import Repository
from .problems import ERROR, WARNING, Problem, Report
from .schema import fields_of, location

Rule = Callable[[Repository, Report], None]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def check(repo: Repository, report: Report) -> None:
    for fn in RULES:
        fn(repo, report)


def add(report: Report, obj, field: str | None, message: str, expected="", found="",
        severity=ERROR, rule_name="", source="") -> None:
    file, line, col, path = location(obj, field)
    report.add(Problem(file, line, col, path, message, expected, found, severity, rule_name, source))


# --- References: one walk over every field that names another record


@cache
def _walk_plan(cls: type) -> tuple[list[str], list[str]]:
    """(fields that are references, fields holding nested objects that may contain some)."""
    refs, nested = [], []
    for f in fields_of(cls).values():
        if f.ref:
            refs.append(f.name)
            continue
        inner = typing.get_args(f.type)[0] if typing.get_origin(f.type) is list else f.type
        if dataclasses.is_dataclass(inner):
            nested.append(f.name)
    return refs, nested


def references(obj) -> Iterator[tuple[object, str, str, str]]:
    """Yield (owner object, field key, target kind, id) for every reference under obj."""
    refs, nested = _walk_plan(type(obj))
    specs = fields_of(type(obj))
    for name in refs:
        value = getattr(obj, name)
        if value is None:
            continue
        if isinstance(value, list):
            for i, v in enumerate(value):
                yield obj, f"{name}[{i}]", specs[name].ref, v
        else:
            yield obj, name, specs[name].ref, value
    for name in nested:
        value = getattr(obj, name)
        for child in (value if isinstance(value, list) else [value] if value is not None else []):
            yield from references(child)


def all_records(repo: Repository) -> Iterator[tuple[str, object]]:
    for kind, record in repo.all():
        yield kind.name, record


@rule
def dangling_references(repo: Repository, report: Report) -> None:
    import difflib

    for _kind, record in all_records(repo):
        for owner, key, target_kind, ident in references(record):
            store = repo.of_kind(target_kind)
            if ident in store:
                continue
            close = difflib.get_close_matches(ident, list(store), n=1, cutoff=0.75) if len(store) < 5000 else []
            hint = f' — did you mean "{close[0]}"?' if close else ""
            add(report, owner, key, f"reference to {KINDS[target_kind].noun} that does not exist{hint}",
                f"the id of a record in data/{target_kind}/", f'"{ident}"', rule_name="reference")


@rule
def duplicate_numbers(repo: Repository, report: Report) -> None:
    """Numbers restart every year: number + issuer + year identify a document."""
    seen: dict[tuple, object] = {}
    for kind in ("documents", "decisions"):
        for record in repo.of_kind(kind).values():
            if not record.number or record.date is None:
                continue
            key = (record.number.replace(" ", "").upper(), record.authority, record.date.year)
            other = seen.get(key)
            if other is None:
                seen[key] = record
                continue
            o_file, o_line, _, _ = location(other, "number")
            add(report, record, "number", f'two documents share the number "{record.number}", issuer and year',
                "a number used once per issuer and year", f"also {o_file}:{o_line} ({other.id})",
                rule_name="duplicate-number")


@rule
def basis_cycles(repo: Repository, report: Report) -> None:
    """A plan cannot, through its basis, end up implementing itself."""
    WHITE, GREY, BLACK = 0, 1, 2
    state = {doc_id: WHITE for doc_id in repo.documents}
    reported = set()

    for start in repo.documents:
        if state[start] != WHITE:
            continue
        stack = [(start, iter(repo.documents[start].basis))]
        trail = [start]
        state[start] = GREY
        while stack:
            node, children = stack[-1]
            link = next(children, None)
            if link is None:
                state[node] = BLACK
                stack.pop()
                trail.pop()
                continue
            target = link.document
            if target not in state:
                continue  # dangling: reported elsewhere
            if state[target] == GREY:
                cycle = trail[trail.index(target):] + [target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    add(report, link, "document", "the basis links form a cycle",
                        "documents that rest on earlier ones, never on themselves", " → ".join(cycle),
                        rule_name="basis-cycle")
            elif state[target] == WHITE:
                state[target] = GREY
                trail.append(target)
                stack.append((target, iter(repo.documents[target].basis)))


@rule
def document_dates(repo: Repository, report: Report) -> None:
    for document in repo.documents.values():
        if document.date and document.period and not document.period.contains(document.date):
            add(report, document, "date", "the document is dated outside its period",
                f"a date within {document.period.id}", document.date.iso(), rule_name="date-in-period")
        if document.date:
            for link in document.basis:
                target = repo.documents.get(link.document)
                if target and target.date and target.date.first > document.date.last:
                    add(report, link, "document", "the document rests on one issued after it",
                        f"a basis dated on or before {document.date.vi()}",
                        f"{target.id} dated {target.date.vi()}", rule_name="basis-date")


@rule
def authority_changes(repo: Repository, report: Report) -> None:
    for authority in repo.authorities.values():
        if authority.successor and authority.until is None:
            add(report, authority, "successor", "a successor needs the date the change took effect",
                "until: the date (YYYY, YYYY-MM or YYYY-MM-DD)", "no until", rule_name="authority-change")
        if authority.successor == authority.id or authority.parent == authority.id:
            add(report, authority, "successor" if authority.successor == authority.id else "parent",
                "an authority cannot point to itself", "another authority's id", authority.id,
                rule_name="authority-change")
    # parent chains must end: a cycle would make breadcrumbs loop forever
    for authority in repo.authorities.values():
        chain = [authority.id]
        current = authority
        while current.parent and current.parent in repo.authorities:
            if current.parent in chain:
                add(report, authority, "parent", "the parent chain loops", "a chain ending at the top level",
                    " → ".join([*chain, current.parent]), rule_name="parent-cycle")
                break
            chain.append(current.parent)
            current = repo.authorities[current.parent]


@rule
def aliases_unique(repo: Repository, report: Report) -> None:
    for kind in KINDS:
        store = repo.of_kind(kind)
        owners: dict[str, object] = {}
        for record in store.values():
            for i, alias in enumerate(getattr(record, "aliases", [])):
                if alias in store or alias in owners:
                    other = store.get(alias) or owners[alias]
                    add(report, record, "aliases", f'the former id "{alias}" is already taken',
                        "an id no other record uses", f"used by {other.id}", rule_name="alias")
                owners[alias] = record


@rule
def transcribed_documents_have_body(repo: Repository, report: Report) -> None:
    for document in repo.documents.values():
        if document.transcribed and not document.body:
            add(report, document, "transcribed", "a transcribed document has no body",
                "body: the document's parts, or transcribed: false for a document known only by citation",
                "an empty body", severity=WARNING, rule_name="body")


# Rule families kept in their own modules register themselves on import.
from . import award_rules, privacy  # noqa: E402,F401

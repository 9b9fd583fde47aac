"""Records as data: the JSON shape the model's JSON Schema describes, their links both ways, and
flat rows (one per record, one per recipient line) for CSV and SQLite.

Everything reads the published repository (`publish.py` has removed non-public lines and, when
the site leaves samples out, sample records). Fields that are about publishing rather than the
record (`public`, `consent`, `poverty_programme`) and reviewers' notes (`review`) are left out
too: the first say something of a person, the last is never shown on the site.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from .. import model
from ..dates import MonthDay, PartialDate, Period
from ..graph import LinkGraph
from ..kinds import KINDS
from ..repository import Repository
from ..schema import fields_of
from . import paths

# Never exported, whatever record they are on.
WITHHELD = frozenset({"public", "consent", "poverty_programme", "review", "source"})  # source: the transcriber's file
_PARSED = (PartialDate, Period, MonthDay)


def plain(value):
    """A model value as JSON: dataclasses as objects (fields left at None or [] omitted, `sample`
    always kept), enums as their code, dates as written ('2022-10' keeps its precision)."""
    cls = type(value)
    if cls in _AS_IS:  # most values: tested first, by type alone
        return value
    if cls is list:
        return [plain(v) for v in value]
    names = _fields(cls)
    if names is not None:
        out = {}
        for name in names:
            v = getattr(value, name)
            if v is None or (isinstance(v, list) and not v):
                continue
            out[name] = plain(v)
        return out
    if isinstance(value, _PARSED):  # dataclasses too, but written as text
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


_AS_IS = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _fields(cls: type) -> tuple[str, ...] | None:
    """The exported fields of a model dataclass, in order; None if `cls` is not one (or is a date)."""
    if not dataclasses.is_dataclass(cls) or issubclass(cls, _PARSED):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in WITHHELD)


def record_data(graph: LinkGraph, kind: str, record) -> dict:
    """The record in the schema's shape; a decision's lines carry the anchor their page gives them."""
    data = plain(record)
    if kind == "decisions":
        # a decision whose every line is withheld still has the field the schema requires (`plain`
        # leaves out empty lists): an empty list
        for line, out in zip(graph.lines_of_decision.get(record.id, []), data.setdefault("recipients", [])):
            out["id"] = line.anchor
    return data


@dataclass
class Urls:
    site_url: str

    def __call__(self, path: str) -> str:
        return paths.absolute(self.site_url, path)

    def page(self, kind: str, ident: str) -> str:
        return self(f"{KINDS[kind].section}/{ident}/")


def _ref(urls: Urls, kind: str, ident: str, **extra) -> dict:
    return {"kind": kind, "id": ident, "url": urls.page(kind, ident), **extra}


class Links:
    """Every relation of a record, both ways, from the link graph (plus the few it does not index)."""

    def __init__(self, repo: Repository, graph: LinkGraph, urls: Urls):
        self.repo, self.graph, self.urls = repo, graph, urls
        self.launches: dict[str, list[str]] = {}
        for campaign in repo.campaigns.values():
            if campaign.launched_by:
                self.launches.setdefault(campaign.launched_by, []).append(campaign.id)

    def of(self, kind: str, record) -> dict[str, list[dict]]:
        g, u, rid = self.graph, self.urls, record.id

        def refs(k: str, items) -> list[dict]:
            return [_ref(u, k, getattr(i, "id", i)) for i in items]

        out: dict[str, list[dict]] = {}
        if kind == "authorities":
            out = {"parent": refs("authorities", [record.parent] if record.parent else []),
                   "subordinates": refs("authorities", g.subordinates.get(rid, [])),
                   "successor": refs("authorities", ([record.successor] if record.successor else [])
                                     + [s.authority for s in getattr(record, "successors", ())]),
                   "predecessors": refs("authorities", g.predecessors.get(rid, [])),
                   "documents": refs("documents", g.documents_of_authority.get(rid, [])),
                   "decisions": refs("decisions", g.decisions_of_authority.get(rid, [])),
                   "stories": refs("stories", g.stories_of_authority.get(rid, []))}
        elif kind == "campaigns":
            out = {"launched_by": refs("documents", [record.launched_by] if record.launched_by else []),
                   "documents": refs("documents", g.documents_of_campaign.get(rid, [])),
                   "decisions": refs("decisions", g.decisions_of_campaign.get(rid, [])),
                   "stories": refs("stories", g.stories_of_campaign.get(rid, []))}
        elif kind == "documents":
            out = {"authority": refs("authorities", [record.authority]),
                   "campaign": refs("campaigns", [record.campaign] if record.campaign else []),
                   "basis": [_ref(u, "documents", b.document, relation=b.relation.value) for b in record.basis],
                   "implemented_by": [_ref(u, "documents", b.document.id, relation=b.relation.value)
                                      for b in g.implemented_by.get(rid, [])],
                   "launches": refs("campaigns", self.launches.get(rid, [])),
                   "decisions": refs("decisions", g.decisions_of_plan.get(rid, [])),
                   "stories": refs("stories", g.stories_of_plan.get(rid, []))}
        elif kind == "award-forms":
            out = {"decisions": refs("decisions", g.decisions_of_form.get(rid, []))}
        elif kind == "decisions":
            lines = g.lines_of_decision.get(rid, [])
            out = {"authority": refs("authorities", [record.authority]),
                   "form": refs("award-forms", [record.form]),
                   "campaign": refs("campaigns", [c for c in [g.campaign_of_decision(record)] if c]),
                   "plan": refs("documents", [record.plan] if record.plan else []),
                   "lines": [{"id": line.anchor, "number": line.number, "url": u.page("decisions", rid) + "#" + line.anchor,
                              "stories": refs("stories", g.story_of_recipient.get((rid, line.anchor), []))}
                             for line in lines]}
        elif kind == "stories":
            line = g.subject_line.get(rid)
            out = {"subject_line": ([{"decision": line.decision.id, "id": line.anchor,
                                      "url": u.page("decisions", line.decision.id) + "#" + line.anchor}]
                                    if line else []),
                   "subject_awards": [{"decision": a.decision.id, "id": a.anchor,
                                       "url": u.page("decisions", a.decision.id) + "#" + a.anchor}
                                      for a in g.subject_awards.get(rid, [])],
                   "campaign": refs("campaigns", [c for c in [g.campaign_of_story(record)] if c])}
        return {k: v for k, v in out.items() if v}


def envelope(kind: str, record, data: bytes, links: dict, urls: Urls) -> bytes:
    """One record's file: where it is, the record in the schema's shape (`data`, as `dumps` wrote
    it), and its links. The bytes `dumps` would give the whole, with `data` spliced in rather than
    written again: sorted keys put "record" between "links" and "sample"."""
    head = dumps({"kind": kind, "id": record.id, "json": urls(paths.record_json(kind, record.id)), "links": links})
    tail = dumps({"sample": bool(getattr(record, "sample", False)), "title": KINDS[kind].title(record),
                  "url": urls.page(kind, record.id)})
    return head[:-1] + b',"record":' + data + b"," + tail[1:]


def dumps(data) -> bytes:
    """Canonical JSON, as every JSON file of the site is written: sorted keys, compact, UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def dumps_apart(data: dict, fields: frozenset[str]) -> tuple[bytes, bytes]:
    """`dumps(data)`, and the same without the keys `fields` (the bytes `dumps` gives that dict:
    keys are sorted, so leaving some out changes nothing else). The left-out lists, a decision's
    recipients, are encoded once: in the whole."""
    whole = dumps(data)
    return whole, whole if fields.isdisjoint(data) else dumps({k: v for k, v in data.items() if k not in fields})


# --- Flat rows: the columns derive from the model, so CSV, SQLite and datapackage.json agree.


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean
    doc: str = ""
    required: bool = False
    values: tuple[str, ...] = ()  # the codes an enum allows
    pattern: str = ""
    ref: str | None = None  # the kind of record it names


def _column_type(tp) -> tuple[str, tuple[str, ...], str] | None:
    """(type, enum values, pattern) of a flat column for annotation `tp`, or None if it is not flat."""
    from ..schema import PARSED

    if tp is bool:
        return "boolean", (), ""
    if tp is int:
        return "integer", (), ""
    if tp is float:
        return "number", (), ""
    if tp is str:
        return "string", (), ""
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return "string", tuple(v.value for v in tp), ""
    if tp in PARSED:
        return "string", (), PARSED[tp][1]
    if typing.get_origin(tp) is list:
        item = typing.get_args(tp)[0]
        if item is str or (isinstance(item, type) and issubclass(item, StrEnum)):
            return "string", (), ""  # joined with "; "
    return None


def columns_of(cls: type, prefix: str = "", nested: bool = True) -> list[Column]:
    """The flat columns of a model class: scalars, lists of codes (joined), and one level of
    nested objects (signer_name, subject_decision, ...). Bodies and lists of objects are in the JSON."""
    out = []
    for spec in fields_of(cls).values():
        if spec.name in WITHHELD or spec.name == "aliases":
            continue
        found = _column_type(spec.type)
        if found is not None:
            kind, values, pattern = found
            out.append(Column(prefix + spec.name, kind, spec.doc, spec.required and not spec.optional and not prefix,
                              values, pattern, spec.ref.replace("-", "_") if spec.ref else None))
        elif nested and isinstance(spec.type, type) and dataclasses.is_dataclass(spec.type):
            out += columns_of(spec.type, f"{prefix}{spec.name}_", nested=False)
    return out


def flat(record, cols: list[Column]) -> dict:
    """One row for `cols`: values as the model holds them, codes as text, lists joined by '; '."""
    row = {}
    for col in cols:
        value = record
        for part in _split(col.name, type(record)):
            value = getattr(value, part, None) if value is not None else None
        if isinstance(value, list):
            value = "; ".join(str(plain(v)) for v in value)
        elif isinstance(value, (StrEnum, *_PARSED)):
            value = str(plain(value))
        row[col.name] = value
    return row


def _split(name: str, cls: type) -> list[str]:
    """'signer_name' -> ['signer', 'name'] when `signer` is a field of `cls` and `name` is not."""
    specs = fields_of(cls)
    if name in specs:
        return [name]
    head, _, rest = name.partition("_")
    while head not in specs and rest:
        more, _, rest = rest.partition("_")
        head = f"{head}_{more}"
    return [head, rest] if rest else [head]


@dataclass(frozen=True)
class Part:
    """A list field of a kind's records whose items are the rows of a table of their own."""

    kind: str  # the records' kind: 'decisions'
    field: str  # the list: 'recipients'
    column: str  # the table's column holding the record's id: 'decision'


@dataclass(frozen=True)
class Table:
    """A table's shape; its rows are made while it is written (`table_rows`), never held whole."""

    name: str  # file and table name: the kind's name, or 'recipients', 'basis', 'events'
    title: str  # what the open-data page calls it
    columns: list[Column]
    key: tuple[str, ...]
    # The records' field this table's rows are the items of: the database's `record` column of
    # that kind leaves the field out, so the database holds it once (the JSON files keep it).
    part_of: Part | None = None


def apart(tables: list[Table], kind: str) -> frozenset[str]:
    """The fields of `kind`'s records that are tables of their own (`Table.part_of`)."""
    return frozenset(t.part_of.field for t in tables if t.part_of and t.part_of.kind == kind)


URL = Column("url", "string", "The page on the portal.", True)
SAMPLE = Column("sample", "boolean", "Invented sample data.", True)


def exported(repo: Repository, graph: LinkGraph) -> dict[str, list]:
    """The records every export holds, by kind, sorted by id: those with a page (a story about a
    line that is not published has none, and is in no export either)."""
    shown = {s.id for s in graph.stories}
    return {kind: [r for _, r in sorted(repo.of_kind(kind).items()) if kind != "stories" or r.id in shown]
            for kind in KINDS}


def kind_columns(kind: str) -> list[Column]:
    """A kind's flat columns, without `url` and `sample` (the table adds them last)."""
    return [c for c in columns_of(KINDS[kind].record) if c.name != "sample"]


RECIPIENT_COLUMNS = [c for c in columns_of(model.Recipient) if c.name != "id"]


def tables() -> list[Table]:
    """Every table exported, in the order written: one per kind, recipient lines, plan bases, plan dates."""
    out = [Table(kind.attr, kind.label, kind_columns(kind.name) + [URL, SAMPLE], ("id",)) for kind in KINDS.values()]
    line_cols = [Column("decision", "string", "The award decision; the rows with its id are its recipients.", True,
                        ref="decisions"),
                 Column("number", "integer", "The line's position among the decision's published lines.", True),
                 Column("id", "string", "The line's anchor on the decision page.", True)]
    line_cols += RECIPIENT_COLUMNS
    line_cols += [Column("decision_number", "string", "Số, ký hiệu of the decision."),
                  Column("decision_date", "string", "Its issue date.", True, pattern=r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"),
                  Column("authority", "string", "The authority that decided.", True, ref="authorities"),
                  Column("form", "string", "The award form granted.", True, ref="award_forms"),
                  Column("occasion", "string", "yearly, midterm, final or adhoc.", True,
                         tuple(v.value for v in model.Occasion)),
                  Column("campaign", "string", "The campaign.", ref="campaigns"),
                  URL, SAMPLE]
    out.append(Table("recipients", "Người, tập thể được khen thưởng (mỗi dòng của quyết định)", line_cols,
                     ("decision", "id"), Part("decisions", "recipients", "decision")))
    out.append(Table("basis", "Căn cứ, thực hiện: văn bản dựa trên văn bản", [
        Column("document", "string", "The document.", True, ref="documents"),
        Column("basis", "string", "The document it implements, is based on or cites.", True, ref="documents"),
        Column("relation", "string", "implements, based-on or cites.", True, tuple(v.value for v in model.Relation)),
        # not a Part of the documents' record column: the order of a document's basis (the first
        # it implements is its parent plan) is not in these rows
        Column("note", "string", "How the text refers to it."), SAMPLE], ("document", "basis")))
    out.append(Table("events", "Mốc thời gian, thời hạn của kế hoạch", EVENT_COLUMNS, ("document", "id")))
    return out


def kind_row(kind: str, record, cols: list[Column], urls: Urls) -> dict:
    """A record's row in its kind's table (`cols`: `kind_columns(kind)`)."""
    row = flat(record, cols)
    row["url"] = urls.page(kind, record.id)
    row["sample"] = bool(getattr(record, "sample", False))
    return row


def recipient_rows(decisions: list, graph: LinkGraph, urls: Urls) -> Iterator[dict]:
    """One row per published line, by decision (sorted) and the line's order in it."""
    for d in decisions:
        ident = d.id
        lines = graph.lines_of_decision.get(ident, [])
        if not lines:
            continue
        # what every line of the decision repeats, worked out once
        common = {"decision_number": d.number, "decision_date": d.date.iso(), "authority": d.authority,
                  "form": d.form, "occasion": d.occasion.value, "campaign": graph.campaign_of_decision(d)}
        page = urls.page("decisions", ident) + "#"
        for line in lines:
            yield {"decision": ident, "number": line.number, "id": line.anchor,
                   **flat(line.recipient, RECIPIENT_COLUMNS), **common,
                   "url": page + line.anchor, "sample": d.sample}


def basis_rows(documents: list) -> Iterator[dict]:
    for d in documents:
        for b in d.basis:
            yield {"document": d.id, "basis": b.document, "relation": b.relation.value, "note": b.note, "sample": d.sample}


EVENT_COLUMNS = [
    Column("document", "string", "The plan that sets it.", True, ref="documents"),
    Column("id", "string", "Unique within the plan: the part's anchor and the fact's position.", True),
    Column("kind", "string", "What happens, in Vietnamese: Sơ kết, Nộp hồ sơ, ...", True),
    Column("what", "string", "What must be done, as the plan says it."),
    Column("when", "string", "When, as the plan states it.", True),
    Column("start", "string", "First day (YYYY-MM-DD).", True),
    Column("end", "string", "Last day (YYYY-MM-DD).", True),
    Column("yearly", "boolean", "Recurs every year within the plan's period.", True),
    Column("until", "string", "Last year of a recurring one."),
    URL, SAMPLE,
]


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)

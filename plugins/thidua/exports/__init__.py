"""Open data: everything the portal shows, in the formats people reuse, each written by its
well-kept library (tests read each back with another).

`plan` says what will be written (the open-data page lists it); `Export.write` writes every file
into the site folder as it is made (`paths.py` says where each lives): one JSON file per record
beside its page, CSV per table, the SQLite database, `datapackage.json`, a ZIP of them all with
one JSON file per kind, Atom feeds, iCalendar calendars and `robots.txt`. Small files go through
the caller's sink (which may reuse an unchanged file of the previous build; a calendar or feed
whose inputs are unchanged, by their key, is not even made: `_Writing.keyed`); the large ones
(CSV, the database, the ZIP, the site's calendar) are made in a scratch folder inside the site
folder and moved into place whole, so none is ever held in memory or seen half-written.

A kind's JSON file is in the ZIP only: it is its records' own files, byte for byte, in one array,
and the site already serves each of those beside its page (at national scale the loose copies
were 0.7 GB of the output); whoever wants them all at once downloads the ZIP, smaller anyway.

It reads the published repository only (after `publish.py`), so what a page may not show no
export holds; and no build clock, so the same data gives the same bytes.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO

from .. import model, timeline
from ..graph import LinkGraph
from ..kinds import KINDS
from ..repository import Repository
from ..schema import json_schema
from ..sink import Sink, go_on
from ..text import place_name
from . import calendars, feeds, paths
from .database import Database
from .records import (Links, Table, Urls, apart, basis_rows, dumps, dumps_apart, envelope, exported, kind_columns,
                      kind_row, record_data, recipient_rows, tables)
from .tabular import CsvWriter, datapackage

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: no build time in the archive
CHUNK = 1 << 20  # bytes read at a time into the ZIP
OWN_FILES = frozenset({paths.SCHEMA, paths.RECORD_SCHEMA, paths.DATABASE, paths.PACKAGE, paths.ARCHIVE, paths.ROBOTS})
# the folders of the CSV, the feeds and the calendars
OWN_FOLDERS = tuple(p.rpartition("/")[0] + "/" for p in (paths.csv_file("x"), paths.feed(), paths.calendar()))


@dataclass
class Export:
    """The exports of one build: what they hold (known when planned), then what was written."""

    repo: Repository
    graph: LinkGraph
    site_name: str
    site_url: str
    occurrences_of: Callable[[model.Document], list[timeline.Occurrence]] = field(repr=False)
    records: dict[str, list] = field(repr=False)  # kind -> records exported, by id
    tables: list[Table]
    counts: dict[str, int]  # kind -> records exported
    provinces: list[model.Authority]  # those with a province-wide feed
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows written
    sizes: dict[str, int] = field(default_factory=dict)  # bytes of each file under du-lieu/, and robots.txt
    calendars: int = 0  # calendars written
    written: bool = False

    def facts(self) -> dict:
        """What the open-data page shows of the files written: sizes, rows, calendars."""
        return {"sizes": dict(self.sizes), "rows": dict(self.rows), "calendars": self.calendars}

    def assume(self, facts: dict) -> None:
        """Show `facts`, another write's, as this one's: its files are taken for these (a preview
        carries the previous one's, made again after it is shown: mkdocs_plugin/catchup.py)."""
        self.sizes, self.rows = dict(facts["sizes"]), dict(facts["rows"])
        self.calendars, self.written = facts["calendars"], True

    def owns(self, path: str) -> bool:
        """Whether the site file `path` (site-root-relative) is one the exports write."""
        if path in OWN_FILES or path.startswith(OWN_FOLDERS):
            return True
        section, _, name = path.rpartition("/")
        kind = next((k.name for k in KINDS.values() if k.section == section), None)
        return kind is not None and name.endswith(".json") and name.removesuffix(".json") in self.repo.of_kind(kind)

    def write(self, sink: Sink, root: Path, check: Callable[[], None] | None = None) -> None:
        """Write every export into the site folder `root`, small files through `sink`, every file
        listed with it. Again, for another folder, as well: what a write found starts afresh.

        `check`, if given, is called before each file, table row and ZIP member, every megabyte of a
        ZIP member and every few milliseconds of any of the database's statements, also from the thread
        that writes the ZIP (so it must be safe to call from another thread): what it raises ends
        the write there, the files written so far left in `root` (a preview's catch-up, cancelled,
        writes into a scratch folder: mkdocs_plugin/catchup.py)."""
        self.sizes.clear()
        self.rows.clear()
        self.calendars, self.written = 0, False
        with tempfile.TemporaryDirectory(prefix=".thidua-exports-", dir=root) as scratch:
            _Writing(self, sink, root, Path(scratch), check or go_on).run()
        self.written = True


def plan(repo: Repository, graph: LinkGraph, *, site_name: str, site_url: str,
         occurrences_of: Callable[[model.Document], list[timeline.Occurrence]]) -> Export:
    """What the exports will hold; nothing is made yet. `occurrences_of`: a plan's days, as the
    pages worked them out (`Renderer.calendar`), so they are not worked out twice."""
    records = exported(repo, graph)
    return Export(repo, graph, site_name, site_url, occurrences_of, records, tables(),
                  {kind: len(found) for kind, found in records.items()},
                  [a for a in repo.authorities.values() if a.level == model.Level.PROVINCE])


class _Writing:
    """One run of `Export.write`."""

    def __init__(self, export: Export, sink: Sink, root: Path, scratch: Path, check: Callable[[], None]):
        self.export, self.sink, self.root, self.scratch, self.check = export, sink, root, scratch, check
        self.urls = Urls(export.site_url)
        self.zip_only: dict[str, Path] = {}  # ZIP members not on the site (a kind's JSON) -> the scratch file

    def small(self, path: str, data: bytes) -> None:
        self.check()
        self.sink.write(path, data)
        if path.startswith(paths.SECTION) or path == paths.ROBOTS:
            self.export.sizes[path] = len(data)

    def keyed(self, path: str, inputs: object, make: Callable[[], bytes]) -> None:
        """A small file made by `make` from `inputs` alone (with the site's name and URL and the
        code): its repr, deterministic, is its key."""
        self.check()
        size = self.sink.keyed(path, self.key(inputs), make)
        if path.startswith(paths.SECTION):
            self.export.sizes[path] = size

    def key(self, inputs: object) -> str:
        """The digest of the inputs' repr; of each part's in turn when they come as an iterator (the
        site's calendar: every event of the site, never one string)."""
        hashed = hashlib.blake2b(repr((self.export.site_name, self.export.site_url)).encode("utf-8", "surrogatepass"),
                                 digest_size=16)
        for part in inputs if isinstance(inputs, Iterator) else (inputs,):
            hashed.update(b"\0" + repr(part).encode("utf-8", "surrogatepass"))
        return hashed.hexdigest()

    @contextmanager
    def large(self, path: str, key: str | None = None, zip_only: bool = False) -> Iterator[BinaryIO]:
        """A file written into the scratch folder, moved to `path` once complete (`place`); or,
        `zip_only`, left there for the ZIP, under `path`'s name in it."""
        self.check()
        temp = self.scratch / path.replace("/", "_")
        with open(temp, "wb") as out:
            yield out
        if zip_only:
            self.zip_only[path] = temp
        else:
            self.place(temp, path, key)

    def place(self, temp: Path, path: str, key: str | None = None) -> None:
        """Put a file made in the scratch folder at `path`, listed with the sink: made from inputs
        of digest `key`, or (None) made whole, as every build makes it."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        # a new file replaces the old name: never writes through a link into the previous site
        os.replace(temp, target)
        self.export.sizes[path] = target.stat().st_size
        self.sink.placed(path, key)

    def run(self) -> None:
        export = self.export
        records, graph, urls = export.records, export.graph, self.urls
        self.small(paths.SCHEMA, dumps(json_schema()))
        self.small(paths.RECORD_SCHEMA, dumps(record_schema(urls)))
        # the days the pages' calendar links already worked out (Renderer.calendar), not a second time
        found = {d.id: export.occurrences_of(d) for d in records["documents"] if d.body}
        everything = [e for events in found.values() for e in events]
        page_url = lambda ident: urls.page("documents", ident)  # noqa: E731

        db = Database(self.scratch / "scratch.db", self.check)
        try:
            by_name = {t.name: t for t in export.tables}
            for kind in KINDS.values():
                self.kind_files(kind, by_name[kind.attr], db)
            self.table_files(by_name["recipients"], db, recipient_rows(records["decisions"], graph, urls))
            self.table_files(by_name["basis"], db, basis_rows(records["documents"]))
            self.table_files(by_name["events"], db, calendars.rows(everything, page_url))
            db.finish(self.scratch / "thidua.db")
        finally:
            db.close()
        self.place(self.scratch / "thidua.db", paths.DATABASE)
        self.small(paths.PACKAGE, datapackage(export.tables, export.site_name, export.site_url))
        # Compressing the ZIP releases the GIL: it runs beside the calendars and feeds, which it does not hold.
        with ThreadPoolExecutor(1, thread_name_prefix="thidua-zip") as pool:
            zipped = pool.submit(self.archive, sorted([*(p for p in export.sizes if _in_archive(p)), *self.zip_only]))
            self.calendar_files(found, everything, page_url)
            _feeds(self.keyed, export.repo, graph, records, export.site_name, export.site_url, urls)
            self.small(paths.ROBOTS, robots(export.site_url))
            zipped.result()

    def kind_files(self, kind, table: Table, db: Database) -> None:
        """A kind's records: one JSON file each, the kind's JSON file of the same bytes (for the ZIP),
        its table in CSV and in the database (with each record's JSON, less the fields that are tables of
        their own: a decision's recipients are rows of `recipients`)."""
        records, graph, urls = self.export.records[kind.name], self.export.graph, self.urls
        links = Links(self.export.repo, graph, urls)
        cols = kind_columns(kind.name)
        table_fields = apart(self.export.tables, kind.name)
        # the records' bytes spliced in where sorted keys put them: between "label" and "schema"
        head = dumps({"count": len(records), "kind": kind.name, "label": kind.label})[:-1] + b',"records":['
        tail = b"]," + dumps({"schema": urls(paths.RECORD_SCHEMA)})[1:]
        with ExitStack() as stack:
            bulk = stack.enter_context(self.large(paths.bulk_json(kind.attr), zip_only=True))
            out = CsvWriter(stack.enter_context(self.large(paths.csv_file(table.name))), table)
            rows = stack.enter_context(db.table(table, with_record=True))
            bulk.write(head)
            for i, record in enumerate(records):
                self.check()
                data, in_database = dumps_apart(record_data(graph, kind.name, record), table_fields)
                blob = envelope(kind.name, record, data, links.of(kind.name, record), urls)
                self.sink.write(paths.record_json(kind.name, record.id), blob)
                if i:
                    bulk.write(b",")
                bulk.write(blob)
                row = kind_row(kind.name, record, cols, urls)
                out.add(row)
                rows.add(row, in_database.decode("utf-8"))
            bulk.write(tail)
            out.close()
        self.export.rows[table.name] = len(records)

    def table_files(self, table: Table, db: Database, rows: Iterable[dict]) -> None:
        """A table made of rows alone: CSV and database."""
        with self.large(paths.csv_file(table.name)) as raw, db.table(table) as inserted:
            out = CsvWriter(raw, table)
            for row in rows:
                self.check()
                out.add(row)
                inserted.add(row)
            out.close()
        self.export.rows[table.name] = out.count

    def archive(self, members: list[str]) -> None:
        """A ZIP of `members` (written already, on the site or for the ZIP alone) under their paths
        below `du-lieu/`, sorted, with fixed times."""
        with self.large(paths.ARCHIVE) as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for path in members:
                self.check()
                info = zipfile.ZipInfo(path.removeprefix(paths.SECTION), date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                source = self.zip_only.get(path) or self.root / path
                info.file_size = source.stat().st_size  # known up front: ZIP64 headers if it is large
                with open(source, "rb") as src, z.open(info, "w") as dest:
                    while chunk := src.read(CHUNK):  # checked between chunks: the database alone is a gigabyte
                        dest.write(chunk)
                        self.check()

    def calendar_files(self, found: dict[str, list[timeline.Occurrence]], everything: list[timeline.Occurrence],
                       page_url: Callable[[str], str]) -> None:
        export, graph = self.export, self.export.graph
        titles = KINDS["documents"].title
        writer = calendars.Writer(export.site_name, export.site_url, page_url, titles)
        count = 0
        # icalendar's text is the cost: a calendar whose events are unchanged is not made (writer.inputs)
        for ident, events in found.items():
            if events:
                name = titles(export.repo.documents[ident])
                self.keyed(paths.calendar("document", ident), writer.inputs(name, events),
                           partial(writer.calendar, name, events))
                count += 1
        for authority in export.records["authorities"]:
            events = [e for d in graph.documents_of_authority.get(authority.id, []) for e in found.get(d.id, [])]
            if events:
                self.keyed(paths.calendar("authority", authority.id), writer.inputs(authority.name, events),
                           partial(writer.calendar, authority.name, events))
                count += 1
        name, path = "Thời hạn và mốc thời gian của mọi kế hoạch", paths.calendar()
        key = self.key(writer.inputs(name, everything))
        size = self.sink.reuse(path, key)
        if size is None:
            with self.large(path, key) as out:
                for chunk in writer.chunks(name, everything):
                    out.write(chunk)
        else:
            export.sizes[path] = size
        export.calendars = count + 1


def _in_archive(path: str) -> bool:
    return path.startswith(paths.SECTION) and not path.startswith((f"{paths.SECTION}atom/", f"{paths.SECTION}lich/"))


def _feeds(keyed: Callable[[str, object, Callable[[], bytes]], None], repo: Repository, graph: LinkGraph, records: dict[str, list],
           site_name: str, site_url: str, urls: Urls) -> None:
    writer = feeds.Writer(site_name, site_url, urls)
    authorities = repo.authorities
    items: dict[str, list[feeds.Item]] = {}
    by_authority: dict[str, list[feeds.Item]] = {}
    by_campaign: dict[str, list[feeds.Item]] = {}
    by_province: dict[str, list[feeds.Item]] = {}
    for kind in paths.FEED_KINDS:
        mine = items[kind] = []
        for record in records[kind]:
            if kind == "stories":
                owners = [a for a in dict.fromkeys((record.subject.authority if record.subject else None,
                                                   record.locality, record.author)) if a]
                campaign = graph.campaign_of_story(record)
            else:
                owners = [record.authority]
                campaign = record.campaign if kind == "documents" else graph.campaign_of_decision(record)
            issuer = authorities.get(record.author if kind == "stories" else record.authority)
            lines = len(graph.lines_of_decision.get(record.id, [])) if kind == "decisions" else 0
            item = feeds.Item(kind, record, KINDS[kind].title(record), feeds.summary(kind, record, lines),
                              issuer.name if issuer else None, feeds.dated(record))
            mine.append(item)
            for owner in owners:
                by_authority.setdefault(owner, []).append(item)
            if campaign:
                by_campaign.setdefault(campaign, []).append(item)
            for province in dict.fromkeys(p.id for p in (graph.province_of(o) for o in owners) if p):
                by_province.setdefault(province, []).append(item)
    def put(path: str, title: str, subtitle: str, page: str, entries: list[feeds.Item]) -> None:
        keyed(path, (path, title, subtitle, page, [feeds.inputs(i) for i in entries]),
              partial(writer.feed, path, title, subtitle, page, entries))

    def newest(entries: list[feeds.Item]) -> list[feeds.Item]:
        return sorted(entries, key=lambda i: i.key)[:feeds.LATEST]

    for kind in paths.FEED_KINDS:
        put(paths.feed("kind", kind), KINDS[kind].label, f"Tất cả {KINDS[kind].label.lower()} trên cổng.",
            KINDS[kind].section + "/", items[kind])
    put(paths.feed(), "Mới cập nhật", "Kế hoạch, quyết định khen thưởng và câu chuyện điển hình mới nhất.", "",
        newest([i for kind in paths.FEED_KINDS for i in items[kind]]))
    section = KINDS["authorities"].section
    for authority in records["authorities"]:
        put(paths.feed("authority", authority.id), authority.name,
            f"Văn bản, quyết định khen thưởng và câu chuyện của {authority.name}.",
            f"{section}/{authority.id}/", newest(by_authority.get(authority.id, [])))
        if authority.level == model.Level.PROVINCE:
            put(paths.feed("province", authority.id), f"Toàn {place_name(authority.name)}",
                f"Mọi cơ quan, đơn vị thuộc {authority.name}.", f"{section}/{authority.id}/",
                newest(by_province.get(authority.id, [])))
    for campaign in records["campaigns"]:
        put(paths.feed("campaign", campaign.id), f"Phong trào “{campaign.name}”",
            campaign.period.vi().capitalize() + ".", f"{KINDS['campaigns'].section}/{campaign.id}/",
            newest(by_campaign.get(campaign.id, [])))


def robots(site_url: str) -> bytes:
    lines = ["User-agent: *", "Disallow: /admin/"]
    if site_url:
        lines.append(f"Sitemap: {paths.absolute(site_url, 'sitemap.xml')}")
    return ("\n".join(lines) + "\n").encode("ascii")


def record_schema(urls: Urls) -> dict:
    """The JSON Schema of one record's file: the model's schema for `record`, by `kind`."""
    model_schema = json_schema()
    kinds = model_schema["x-kinds"]
    ref = {"type": "object", "required": ["url"],
           "properties": {"kind": {"enum": list(kinds)}, "id": {"type": "string"}, "url": {"type": "string"}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": urls(paths.RECORD_SCHEMA),
        "title": "Một bản ghi của cổng thi đua, khen thưởng",
        "type": "object",
        "required": ["kind", "id", "title", "url", "json", "sample", "record", "links"],
        "additionalProperties": False,
        "properties": {
            "kind": {"enum": list(kinds)}, "id": {"type": "string"}, "title": {"type": "string"},
            "url": {"type": "string"}, "json": {"type": "string"}, "sample": {"type": "boolean"},
            "record": {"type": "object"},
            "links": {"type": "object", "additionalProperties": {"type": "array", "items": ref}},
        },
        "allOf": [{"if": {"properties": {"kind": {"const": kind}}},
                   "then": {"properties": {"record": {"$ref": target}}}} for kind, target in kinds.items()],
        "$defs": model_schema["$defs"],
    }

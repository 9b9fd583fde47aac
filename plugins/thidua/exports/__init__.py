"""Open data: everything the portal shows, in the formats people reuse, each written by its
well-kept library (tests read each back with another).

`build` returns every file as bytes, keyed by site path (`paths.py` says where each lives):
one JSON file per record beside its page, one per kind, CSV per table, the SQLite database,
`datapackage.json`, a ZIP of them all, Atom feeds, iCalendar calendars and `robots.txt`.
It reads the published repository only (after `publish.py`), so what a page may not show no
export holds; and no build clock, so the same data gives the same bytes.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import model, timeline
from ..graph import LinkGraph
from ..kinds import KINDS
from ..repository import Repository
from ..schema import json_schema
from . import calendars, feeds, paths
from .database import database
from .records import Links, Table, Urls, dumps, envelope, exported, record_data, tables
from .tabular import csv_bytes, datapackage

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: no build time in the archive


@dataclass
class Export:
    """What was written, for the open-data page."""

    files: dict[str, bytes] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # kind -> records exported
    feeds: dict[str, str] = field(default_factory=dict)  # scope -> path of one feed, as an example
    calendars: int = 0  # calendars written


def build(repo: Repository, graph: LinkGraph, *, site_name: str, site_url: str,
          occurrences_of: Callable[[model.Document], list[timeline.Occurrence]]) -> Export:
    out = Export()
    files = out.files
    urls = Urls(site_url)
    records = exported(repo, graph)
    links = Links(repo, graph, urls)

    # JSON: one file per record, one per kind made of the same bytes
    record_bytes: dict[str, dict[str, bytes]] = {}
    for kind in KINDS.values():
        mine = record_bytes[kind.attr] = {}
        for record in records[kind.name]:
            data = record_data(graph, kind.name, record)
            blob = dumps(envelope(kind.name, record, data, links.of(kind.name, record), urls))
            files[paths.record_json(kind.name, record.id)] = blob
            mine[record.id] = dumps(data)
        parts = [files[paths.record_json(kind.name, r.id)] for r in records[kind.name]]
        # the records' bytes spliced in where sorted keys put them: between "label" and "schema"
        head = dumps({"count": len(parts), "kind": kind.name, "label": kind.label})[:-1]
        tail = dumps({"schema": urls(paths.RECORD_SCHEMA)})[1:]
        files[paths.bulk_json(kind.attr)] = head + b',"records":[' + b",".join(parts) + b"]," + tail
        out.counts[kind.name] = len(parts)
    files[paths.SCHEMA] = dumps(json_schema())
    files[paths.RECORD_SCHEMA] = dumps(record_schema(urls))

    # Calendars, and their events as a table
    # the days the pages' calendar links already worked out (Renderer.calendar), not a second time
    found = {d.id: occurrences_of(d) for d in records["documents"] if d.body}
    page_url = lambda ident: urls.page("documents", ident)  # noqa: E731
    titles = KINDS["documents"].title
    writer = calendars.Writer(site_name, site_url, page_url, titles)
    everything = []
    for ident, events in found.items():
        if events:
            files[paths.calendar("document", ident)] = writer.calendar(titles(repo.documents[ident]), events)
            everything += events
    for authority in records["authorities"]:
        events = [e for d in graph.documents_of_authority.get(authority.id, []) for e in found.get(d.id, [])]
        if events:
            files[paths.calendar("authority", authority.id)] = writer.calendar(authority.name, events)
    files[paths.calendar()] = writer.calendar("Thời hạn và mốc thời gian của mọi kế hoạch", everything)
    out.calendars = sum(1 for p in files if p.endswith(".ics"))

    # Tables: CSV, SQLite, the data package
    out.tables = tables(records, graph, urls, calendars.rows(everything, page_url))
    for table in out.tables:
        files[paths.csv_file(table.name)] = csv_bytes(table)
    files[paths.DATABASE] = database(out.tables, record_bytes)
    files[paths.PACKAGE] = datapackage(out.tables, site_name, site_url)

    _feeds(out, repo, graph, records, site_name, site_url, urls)
    files[paths.ARCHIVE] = archive({p: b for p, b in files.items() if _in_archive(p)})
    files[paths.ROBOTS] = robots(site_url)
    return out


def _in_archive(path: str) -> bool:
    return path.startswith(paths.SECTION) and not path.startswith((f"{paths.SECTION}atom/", f"{paths.SECTION}lich/"))


def _feeds(out: Export, repo: Repository, graph: LinkGraph, records: dict[str, list], site_name: str,
           site_url: str, urls: Urls) -> None:
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
    files = out.files
    for kind in paths.FEED_KINDS:
        path = paths.feed("kind", kind)
        files[path] = writer.feed(path, KINDS[kind].label, f"Tất cả {KINDS[kind].label.lower()} trên cổng.",
                                  KINDS[kind].section + "/", items[kind])
    newest = sorted((i for kind in paths.FEED_KINDS for i in items[kind]), key=lambda i: i.key)[:feeds.LATEST]
    files[paths.feed()] = writer.feed(paths.feed(), "Mới cập nhật", "Kế hoạch, quyết định khen thưởng và "
                                      "câu chuyện điển hình mới nhất.", "", newest)
    for authority in records["authorities"]:
        path = paths.feed("authority", authority.id)
        files[path] = writer.feed(path, authority.name, f"Văn bản, quyết định khen thưởng và câu chuyện của {authority.name}.",
                                  f"{KINDS['authorities'].section}/{authority.id}/",
                                  sorted(by_authority.get(authority.id, []), key=lambda i: i.key)[:feeds.LATEST])
        if authority.level == model.Level.PROVINCE:
            path = paths.feed("province", authority.id)
            files[path] = writer.feed(path, f"Toàn {authority.name.removeprefix('Ủy ban nhân dân ')}",
                                      f"Mọi cơ quan, đơn vị thuộc {authority.name}.",
                                      f"{KINDS['authorities'].section}/{authority.id}/",
                                      sorted(by_province.get(authority.id, []), key=lambda i: i.key)[:feeds.LATEST])
    for campaign in records["campaigns"]:
        path = paths.feed("campaign", campaign.id)
        files[path] = writer.feed(path, f"Phong trào “{campaign.name}”", campaign.period.vi().capitalize() + ".",
                                  f"{KINDS['campaigns'].section}/{campaign.id}/",
                                  sorted(by_campaign.get(campaign.id, []), key=lambda i: i.key)[:feeds.LATEST])


def archive(files: dict[str, bytes]) -> bytes:
    """A ZIP of `files` under their paths below `du-lieu/`, sorted, with fixed times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in sorted(files):
            info = zipfile.ZipInfo(path.removeprefix(paths.SECTION), date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[path])
    return buffer.getvalue()


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

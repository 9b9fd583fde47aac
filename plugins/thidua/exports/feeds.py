"""Atom feeds (written with `feedgen`) of plans and documents, award decisions and stories.

A kind's feed lists every published record of the kind; the site-wide feed and those of an
authority, a campaign and a province list the newest `LATEST`. Entries are dated by the
record's own date (a partial date by its first day), so the same data gives the same bytes:
the build's clock appears nowhere.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from .. import model
from ..kinds import KINDS

LATEST = 100  # entries in the site-wide, authority, campaign and province feeds
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
EPOCH = _dt.datetime(2000, 1, 1, tzinfo=ZONE)  # a record with no date at all (a cited document)


@dataclass(frozen=True)
class Item:
    kind: str
    record: Any  # a Document, AwardDecision or Story
    title: str
    summary: str
    authority: str | None  # the issuing authority's name
    updated: _dt.datetime

    @property
    def key(self):
        return (-self.updated.timestamp(), self.kind, self.record.id)


def dated(record) -> _dt.datetime:
    """A record's date at midnight in Vietnam; an undated document by its period's first year."""
    date = getattr(record, "date", None)
    if date is not None:
        first = date.first
    elif getattr(record, "period", None) is not None:
        first = _dt.date(record.period.start, 1, 1)
    else:
        return EPOCH
    return _dt.datetime(first.year, first.month, first.day, tzinfo=ZONE)


def inputs(item: Item) -> tuple:
    """What `Writer.feed` reads of an item, as plain data (the key of a feed's file). Keep in step.
    The time as text: its offset too, which the time zone database gives."""
    return (item.kind, item.record.id, getattr(item.record, "sample", False), item.title, item.summary,
            item.authority, item.updated.isoformat())


class Writer:
    def __init__(self, site_name: str, site_url: str, absolute: Callable[[str], str]):
        self.site_name = site_name
        self.site_url = site_url
        self.absolute = absolute

    def _id(self, path: str) -> str:
        # Atom ids are IRIs: the URL when the site has one, else a tag URI that names the same place
        return self.absolute(path) if self.site_url else f"tag:thidua.invalid,2024:{path}"

    def feed(self, path: str, title: str, subtitle: str, page: str, items: Iterable[Item]) -> bytes:
        items = sorted(items, key=lambda i: i.key)
        fg = FeedGenerator()
        fg.id(self._id(path))
        fg.title(f"{title} — {self.site_name}")
        fg.subtitle(subtitle)
        fg.language("vi")
        fg.link(href=self.absolute(path), rel="self", type="application/atom+xml")
        fg.link(href=self.absolute(page), rel="alternate", type="text/html")
        fg.author(name=self.site_name)
        fg.generator("thidua (feedgen)")  # feedgen's default names its version: output would change with it
        fg.updated(items[0].updated if items else EPOCH)
        for item in items:
            record = item.record
            url = self.absolute(f"{KINDS[item.kind].section}/{record.id}/")
            fe = fg.add_entry(order="append")
            fe.id(self._id(f"{KINDS[item.kind].section}/{record.id}/"))
            fe.title(("[Dữ liệu mẫu] " if getattr(record, "sample", False) else "") + item.title)
            # One link only: feedgen 1.0 drops an entry link's rel and type, so a second link (the
            # record's JSON) would read as another alternate and readers could open it instead.
            fe.link(href=url, rel="alternate", type="text/html")
            fe.updated(item.updated)
            fe.published(item.updated)
            if item.summary:
                fe.summary(item.summary)
            if item.authority:
                fe.author(name=item.authority)
            fe.category(term=item.kind, label=KINDS[item.kind].label)
        return fg.atom_str(pretty=True)


def summary(kind: str, record, lines: int = 0, label: Callable[[object], str] = model.label) -> str:
    """What an entry says of its record, in a sentence."""
    if kind == "documents":
        parts = [record.summary or ""]
        if record.period:
            parts.append(record.period.vi().capitalize() + ".")
        if not record.transcribed:
            parts.append("Văn bản được biết qua trích dẫn của văn bản khác.")
        return " ".join(p for p in parts if p)
    if kind == "decisions":
        return f"{label(record.occasion)}: khen thưởng {lines} tập thể, cá nhân, hộ gia đình."
    if kind == "stories":
        return record.unit or ""
    return ""

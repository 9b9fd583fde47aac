"""Calendars (iCalendar, written with `icalendar`): the deadlines and milestones of each plan, of each
authority's plans and of the whole site.

Every date comes from the facts the plan page shows (`Renderer.facts`, `facts.py`), turned into
days once by `timeline.occurrences`, which the pages' timelines share, for the calendars and the
events table alike. Days are all-day
events (the plans name days, never hours); the calendar names Asia/Ho_Chi_Minh as its zone. A
yearly deadline ("trước ngày 10/11 hằng năm") recurs (RRULE) within the plan's period; each event
links to the part of the plan that sets it.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, vRecur

from .. import model
from ..timeline import Occurrence

TZID = "Asia/Ho_Chi_Minh"
PRODID = "-//thidua//Cong thong tin thi dua khen thuong//VI"
END = b"END:VCALENDAR\r\n"


def rows(found: Iterable[Occurrence], page_url: Callable[[str], str]) -> list[dict]:
    """The events table: one row per occurrence, sorted by plan and id."""
    out = [{"document": o.document.id, "id": o.id, "kind": o.kind, "what": o.what, "when": o.when,
            "start": o.start.isoformat(), "end": o.end.isoformat(), "yearly": o.yearly, "until": o.until,
            "url": page_url(o.document.id) + "#" + o.anchor, "sample": o.document.sample} for o in found]
    return sorted(out, key=lambda r: (r["document"], r["id"]))


class Writer:
    """Writes calendars. Each event is turned into text by icalendar once, however many calendars
    hold it (its plan's, its authority's, the site's): a calendar is its header and time zone,
    also written by icalendar, then its events' text."""

    def __init__(self, site_name: str, site_url: str, page_url: Callable[[str], str], titles: Callable[[model.Document], str]):
        self.site_name = site_name
        self.host = urlsplit(site_url).hostname or "thidua.invalid"
        self.page_url = page_url
        self.titles = titles
        self.zone = Timezone.from_tzid(TZID, first_date=_dt.date(1970, 1, 1), last_date=_dt.date(2038, 1, 1)).to_ical()
        self._events: dict[tuple[str, str], bytes] = {}

    def calendar(self, name: str, found: Iterable[Occurrence]) -> bytes:
        return b"".join(self.chunks(name, found))

    def inputs(self, name: str, found: Iterable[Occurrence]) -> Iterator:
        """Everything the calendar `chunks(name, found)` is made of, as plain data (cheap: no
        icalendar), a part at a time: what `chunks` and `event` read. Keep the three in step."""
        events = sorted((((o.start, o.document.id, o.id), o.anchor, o.kind, o.what, o.when, o.end, o.until,
                          o.document.date.first if o.document.date else None, o.document.sample,
                          self.titles(o.document), self.page_url(o.document.id)) for o in found),
                        key=lambda event: event[0])  # the order of `chunks`
        yield name, self.site_name, self.host, self.zone
        yield from events

    def chunks(self, name: str, found: Iterable[Occurrence]) -> Iterator[bytes]:
        """A calendar's bytes, a piece at a time (the site's holds every event: written as it goes)."""
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", f"{name} — {self.site_name}")
        cal.add("x-wr-timezone", TZID)
        head = cal.to_ical()
        assert head.endswith(END)
        yield head[:-len(END)] + self.zone
        for o in sorted(found, key=lambda o: (o.start, o.document.id, o.id)):
            yield self.event_text(o)
        yield END

    def event_text(self, o: Occurrence) -> bytes:
        key = (o.document.id, o.id)
        text = self._events.get(key)
        if text is None:
            text = self._events[key] = self.event(o).to_ical()
        return text

    def event(self, o: Occurrence) -> Event:
        d = o.document
        url = self.page_url(d.id) + "#" + o.anchor
        ev = Event()
        ev.add("uid", f"{d.id}.{o.id}@{self.host}")
        # When the object was made: the plan's own date, so the same data gives the same bytes.
        stamp = d.date.first if d.date else o.start
        ev.add("dtstamp", _dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=_dt.UTC))
        ev.add("summary", f"{o.kind}: {o.what}")
        ev.add("dtstart", o.start)
        ev.add("dtend", o.end + _dt.timedelta(days=1))  # all-day: the end is exclusive
        if o.until is not None:
            ev.add("rrule", vRecur(freq="YEARLY", until=_dt.date(o.until, 12, 31)))
        ev.add("description", f"{o.when}. {self.titles(d)}\n{url}")
        ev.add("url", url)
        ev.add("transp", "TRANSPARENT")
        if d.sample:
            ev.add("categories", ["Dữ liệu mẫu"])
        return ev

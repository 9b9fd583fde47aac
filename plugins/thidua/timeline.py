"""When the milestones and deadlines a plan sets fall: one computation for every page that
shows dates (the plan page states them, year pages list those in a year, the home page the
next ones after the build date) and for the calendars that will export them.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from . import model
from .facts import Fact, Facts
from .repository import Repository


@dataclass(frozen=True)
class Event:
    document: model.Document
    fact: Fact
    kind: str  # what sort of event, in Vietnamese: "Sơ kết", "Nộp hồ sơ"
    what: str  # what happens, or must be done by then
    sort: tuple[int, int, int]  # (year, month, day); 0 where the plan is less precise
    when: str  # the date as a reader sees it
    day: _dt.date | None = None  # the very day, where one is known
    ceased: model.Authority | None = None  # the body a deadline is addressed to, if it had ceased by then

    @property
    def anchor(self) -> str:
        return self.fact.anchor


def stated(value: model.Milestone | model.Deadline) -> str:
    """When, as the plan states it: 'Hằng năm', '2021 - 2025', 'Trước ngày 10/11 hằng năm', '30/12/2022'."""
    if isinstance(value, model.Milestone):
        return "Hằng năm" if value.yearly else milestone_when(value)
    if value.yearly:
        return f"Trước {value.yearly.vi()}"
    return value.date.vi() if value.date else ""


def _what(fact: Fact) -> str:
    if isinstance(fact.value, model.Deadline):
        return fact.value.what
    return fact.part.text or fact.part.title or ""


def _event(document: model.Document, fact: Fact, sort, when: str, day: _dt.date | None = None,
           ceased: model.Authority | None = None) -> Event:
    return Event(document, fact, model.label(fact.value.kind), _what(fact), sort, when, day, ceased)


def _ceased(authorities: Mapping[str, model.Authority] | None, deadline: model.Deadline,
            day: tuple[int, int, int]) -> model.Authority | None:
    """The authority a deadline is addressed to, if it had ceased by the deadline's day (its
    first possible day, where the plan gives only a month or a year)."""
    body = authorities.get(deadline.to_authority) if authorities and deadline.to_authority else None
    if body is None or body.until is None:
        return None
    first = body.until.first
    return body if (day[0], day[1] or 12, day[2] or 31) >= (first.year, first.month, first.day) else None


def _issued(document: model.Document) -> _dt.date | None:
    """The first day the plan can have been issued on: a yearly date falls first on or after it."""
    return document.date.first if document.date else None


def milestone_when(ms: model.Milestone) -> str:
    """When a milestone falls, as the plan states it: "15/03/2025", "tháng 03/2025 - tháng 06/2025",
    "2021 - 2025", "năm 2025" (a span within one year read "2025 - 2025", its months dropped)."""
    if ms.yearly:
        return "hằng năm"
    if ms.start is None:
        return ""
    if ms.end is None or ms.end == ms.start:
        return ms.start.vi()
    if not (ms.start.month or ms.end.month):
        return f"{ms.start.year} - {ms.end.year}"
    return f"{ms.start.vi()} - {ms.end.vi()}"


def in_year(documents: Iterable[model.Document], facts_of: Callable[[model.Document], Facts], year: int,
            authorities: Mapping[str, model.Authority] | None = None,
            issued_year: Mapping[str, int] | None = None) -> list[Event]:
    """The milestones and deadlines of these documents that fall in `year`, by date. What recurs
    every year counts only from the year the document was issued (`issued_year` gives it for
    undated ones, `LinkGraph.issued_year`); with `authorities`, a deadline addressed to a body
    that had ceased by then says so (`Event.ceased`)."""
    events = []
    for d in documents:
        facts = facts_of(d)
        issued = d.date.year if d.date else (issued_year or {}).get(d.id)
        recurring = issued is None or year >= issued
        for fact in facts.milestones:
            ms = fact.value
            start = ms.start.year if ms.start else None
            end = ms.end.year if ms.end else start
            if (ms.yearly and recurring) or (not ms.yearly and start is not None and start <= year <= (end or start)):
                sort = ms.start.sort_key() if ms.start and start == year else (year, 0, 0)
                events.append(_event(d, fact, sort, milestone_when(ms)))
        for fact in facts.deadlines:
            dl = fact.value
            if dl.yearly and recurring:
                sort = (year, dl.yearly.month, dl.yearly.day)
                first = _issued(d)
                if first and sort < (first.year, first.month, first.day):
                    continue  # in the year of issue, a day before the plan was not its deadline
                events.append(_event(d, fact, sort, f"trước {dl.yearly.day:02d}/{dl.yearly.month:02d}/{year}",
                                     ceased=_ceased(authorities, dl, sort)))
            elif dl.date and dl.date.year == year:
                events.append(_event(d, fact, dl.date.sort_key(), dl.date.vi(),
                                     ceased=_ceased(authorities, dl, dl.date.sort_key())))
    events.sort(key=lambda e: (e.sort, e.document.id, e.anchor))
    return events


def upcoming(documents: Iterable[model.Document], facts_of: Callable[[model.Document], Facts],
             today: _dt.date, limit: int) -> list[Event]:
    """The next `limit` deadlines and milestones on or after `today`, one per part of a plan. A yearly
    one falls first on or after the day the plan was issued."""
    events = []
    for d in documents:
        facts = facts_of(d)
        for fact in facts.deadlines:
            dl = fact.value
            day = (dl.yearly.next_after(max(today, _issued(d) or today)) if dl.yearly
                   else dl.date.last if dl.date else None)
            if day and day >= today and (not d.period or day.year <= d.period.end):
                events.append(_event(d, fact, (day.year, day.month, day.day), _day(day), day))
        for fact in facts.milestones:
            ms = fact.value
            if ms.start and not ms.yearly and ms.start.last >= today:
                day = ms.start.last
                events.append(_event(d, fact, (day.year, day.month, day.day), _day(day), day))
    first: dict[tuple[str, str], Event] = {}
    for e in sorted(events, key=lambda e: (e.sort, e.document.id, e.anchor)):
        first.setdefault((e.document.id, e.anchor), e)
    return sorted(first.values(), key=lambda e: (e.sort, e.document.id, e.anchor))[:limit]


def _day(day: _dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# --- Days, for calendars: every milestone and deadline of a plan as the days it falls on


@dataclass(frozen=True)
class Occurrence:
    document: model.Document
    id: str  # unique within the plan: the part's anchor and the fact's position
    anchor: str
    kind: str  # "Nộp hồ sơ", "Sơ kết", ...
    what: str
    when: str  # as the plan states it
    start: _dt.date
    end: _dt.date  # last day, inclusive
    until: int | None = None  # last year of a yearly one

    @property
    def yearly(self) -> bool:
        return self.until is not None


def _span(document: model.Document, repo: Repository) -> tuple[int, int] | None:
    """The years a yearly date recurs in: the plan's period, else its campaign's."""
    period = document.period
    if period is None and document.campaign and document.campaign in repo.campaigns:
        period = repo.campaigns[document.campaign].period
    return (period.start, period.end) if period else None


def _day_in(year: int, monthday: model.MonthDay) -> _dt.date | None:
    try:
        return _dt.date(year, monthday.month, monthday.day)
    except ValueError:  # 29 February in a common year
        return None


def occurrences(document: model.Document, facts: Facts, repo: Repository) -> list[Occurrence]:
    """The plan's deadlines and milestones as days, in document order. A milestone stated only as
    'hằng năm' without a date, or a yearly deadline of a plan without a period, has no day to show."""
    out = []
    for n, fact in enumerate(facts.deadlines + facts.milestones, start=1):
        value = fact.value
        start: _dt.date | None = None
        end: _dt.date | None = None
        until: int | None = None
        kind = model.label(value.kind)
        what = value.what if isinstance(value, model.Deadline) else (fact.part.text or fact.part.title or kind)
        if isinstance(value, model.Deadline):
            if value.yearly:
                span = _span(document, repo)
                issued = _issued(document)
                if span is not None:
                    start = end = next((d for y in range(span[0], span[1] + 1)
                                        if (d := _day_in(y, value.yearly)) and (issued is None or d >= issued)), None)
                    until = span[1]
            elif value.date:
                start = end = value.date.last  # "by" a month or a year: its last day
        elif value.start:
            start, end = value.start.first, (value.end or value.start).last
            if value.yearly:
                span = _span(document, repo)
                until = span[1] if span else None
        if start is None or end is None:
            continue
        out.append(Occurrence(document, f"{fact.anchor}-{n}", fact.anchor, kind, what, stated(value),
                              start, end, until))
    return out

"""When the milestones and deadlines a plan sets fall: one computation for every page that
shows dates (the plan page states them, year pages list those in a year, the home page the
next ones after the build date) and for the calendars that will export them.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import model
from .facts import Fact, Facts


@dataclass(frozen=True)
class Event:
    document: model.Document
    fact: Fact
    kind: str  # what sort of event, in Vietnamese: "Sơ kết", "Nộp hồ sơ"
    what: str  # what happens, or must be done by then
    sort: tuple[int, int, int]  # (year, month, day); 0 where the plan is less precise
    when: str  # the date as a reader sees it
    day: _dt.date | None = None  # the very day, where one is known

    @property
    def anchor(self) -> str:
        return self.fact.anchor


def stated(value: model.Milestone | model.Deadline) -> str:
    """When, as the plan states it: 'Hằng năm', '2021 - 2025', 'Trước ngày 10/11 hằng năm', '30/12/2022'."""
    if isinstance(value, model.Milestone):
        if value.yearly:
            return "Hằng năm"
        if value.end and value.start:
            return f"{value.start.year} - {value.end.year}"
        return value.start.vi() if value.start else ""
    if value.yearly:
        return f"Trước {value.yearly.vi()}"
    return value.date.vi() if value.date else ""


def _what(fact: Fact) -> str:
    if isinstance(fact.value, model.Deadline):
        return fact.value.what
    return fact.part.text or fact.part.title or ""


def _event(document: model.Document, fact: Fact, sort, when: str, day: _dt.date | None = None) -> Event:
    return Event(document, fact, model.label(fact.value.kind), _what(fact), sort, when, day)


def in_year(documents: Iterable[model.Document], facts_of: Callable[[model.Document], Facts], year: int) -> list[Event]:
    """The milestones and deadlines of these documents that fall in `year`, by date."""
    events = []
    for d in documents:
        facts = facts_of(d)
        for fact in facts.milestones:
            ms = fact.value
            start = ms.start.year if ms.start else None
            end = ms.end.year if ms.end else start
            if ms.yearly or (start is not None and start <= year <= (end or start)):
                sort = ms.start.sort_key() if ms.start and start == year else (year, 0, 0)
                when = (ms.start.vi() if ms.start and not ms.end and not ms.yearly
                        else "hằng năm" if ms.yearly else f"{start} - {end}")
                events.append(_event(d, fact, sort, when))
        for fact in facts.deadlines:
            dl = fact.value
            if dl.yearly:
                events.append(_event(d, fact, (year, dl.yearly.month, dl.yearly.day),
                                     f"trước {dl.yearly.day:02d}/{dl.yearly.month:02d}/{year}"))
            elif dl.date and dl.date.year == year:
                events.append(_event(d, fact, dl.date.sort_key(), dl.date.vi()))
    events.sort(key=lambda e: (e.sort, e.document.id, e.anchor))
    return events


def upcoming(documents: Iterable[model.Document], facts_of: Callable[[model.Document], Facts],
             today: _dt.date, limit: int) -> list[Event]:
    """The next `limit` deadlines and milestones on or after `today`, one per part of a plan."""
    events = []
    for d in documents:
        facts = facts_of(d)
        for fact in facts.deadlines:
            dl = fact.value
            day = dl.yearly.next_after(today) if dl.yearly else (dl.date.last if dl.date else None)
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

"""Dates as the documents give them: a year, a year and month, or a full date.

The seed plans often state only "Tháng 10 năm 2022" or "Năm 2023", so every date in
the model carries its precision, and comparisons treat a partial date as the whole span
it names (2022-10 runs from 1 to 31 October 2022).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_PERIOD_RE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")
_MONTH_DAY_RE = re.compile(r"^(\d{1,2})-(\d{1,2})$")


class DateError(ValueError):
    """A date string that names no real day, month or year."""


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        m = _DATE_RE.match(text.strip())
        if not m:
            raise DateError("a date written YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(m.group(1))
        month, day = (int(g) if g else None for g in m.groups()[1:])
        if not 1900 <= year <= 2100:
            raise DateError("a year between 1900 and 2100")
        if month is not None and not 1 <= month <= 12:
            raise DateError("a month from 1 to 12")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(f"a day from 1 to {last} in {month:02d}/{year}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> _dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return _dt.date(self.year, month, day)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def vi(self) -> str:
        """The date as Vietnamese documents write it."""
        if self.day:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        if self.month:
            return f"tháng {self.month:02d}/{self.year}"
        return f"năm {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    @classmethod
    def parse(cls, text: str) -> Period:
        m = _PERIOD_RE.match(text.strip())
        if not m:
            raise DateError("a period written YYYY-YYYY, e.g. 2021-2025")
        start, end = int(m.group(1)), int(m.group(2))
        if end < start:
            raise DateError(f"a period whose end is not before its start ({start}-{end})")
        return cls(start, end)

    @property
    def id(self) -> str:
        return f"{self.start}-{self.end}"

    def vi(self) -> str:
        return f"giai đoạn {self.start} - {self.end}"

    def years(self) -> range:
        return range(self.start, self.end + 1)

    def contains(self, date: PartialDate) -> bool:
        return self.start <= date.year <= self.end

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class MonthDay:
    """A yearly recurring day, e.g. "trước ngày 10 tháng 11 hằng năm" -> 11-10."""

    month: int
    day: int

    @classmethod
    def parse(cls, text: str) -> MonthDay:
        m = _MONTH_DAY_RE.match(text.strip())
        if not m:
            raise DateError("a yearly day written MM-DD, e.g. 11-10 for 10 November")
        month, day = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:
            raise DateError("a real day of the year (MM-DD)")
        return cls(month, day)

    def iso(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def vi(self) -> str:
        return f"ngày {self.day:02d}/{self.month:02d} hằng năm"

    def next_after(self, today: _dt.date) -> _dt.date:
        this_year = _dt.date(today.year, self.month, min(self.day, calendar.monthrange(today.year, self.month)[1]))
        if this_year >= today:
            return this_year
        y = today.year + 1
        return _dt.date(y, self.month, min(self.day, calendar.monthrange(y, self.month)[1]))

    def __str__(self) -> str:
        return self.iso()

"""A fast working-day calendar for bulk work (indexing 100,000 cases), giving exactly the answers of
``triage.cases.working_days`` (which it is built from) in constant time per call instead of a loop over days.

For each jurisdiction it keeps, per covered day, the number of working days since a fixed origin; a count between
two dates is then a subtraction, and adding working days is a binary search.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from triage.cases.working_days import is_working_day

_FIRST_YEAR = 2000


class WorkingCalendar:
    def __init__(self, jurisdiction: str):
        self.jurisdiction = str(getattr(jurisdiction, "value", jurisdiction))
        self._origin = date(_FIRST_YEAR, 1, 1)
        self._cumulative: list[int] = []  # working days in (origin, origin + i] for day index i
        self._extend_to(date(date.today().year + 2, 12, 31))

    def _extend_to(self, last: date) -> None:
        count = self._cumulative[-1] if self._cumulative else 0
        day = self._origin + timedelta(days=len(self._cumulative))
        while day <= last:
            if self._cumulative and is_working_day(day, self.jurisdiction):
                count += 1
            self._cumulative.append(count)
            day += timedelta(days=1)

    def _index(self, day: date) -> int:
        if day < self._origin:
            raise ValueError(f"dates before {self._origin} are not covered")
        if day > self._origin + timedelta(days=len(self._cumulative) - 1):
            self._extend_to(date(day.year + 1, 12, 31))
        return (day - self._origin).days

    def days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (as ``working_days_between``)."""
        if end <= start:
            return 0
        return self._cumulative[self._index(end)] - self._cumulative[self._index(start)]

    def add(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (as ``add_working_days``)."""
        if days < 0:
            raise ValueError("days must be zero or more")
        if days == 0:
            return start
        base = self._cumulative[self._index(start)]
        # Make sure the table reaches far enough: a year holds well over 200 working days.
        self._index(start + timedelta(days=days * 2 + 30))
        position = bisect_left(self._cumulative, base + days)
        return self._origin + timedelta(days=position)


_CALENDARS: dict[str, WorkingCalendar] = {}


def calendar_for(jurisdiction: str) -> WorkingCalendar:
    key = str(getattr(jurisdiction, "value", jurisdiction))
    if key not in _CALENDARS:
        _CALENDARS[key] = WorkingCalendar(key)
    return _CALENDARS[key]

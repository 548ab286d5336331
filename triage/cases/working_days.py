"""The working-day clock: how many working days a complaint has been with the council, against its target.

Working days exclude Saturdays, Sundays and the bank holidays of the case's jurisdiction, taken from the maintained
``holidays`` library (UK subdivisions: "ENG" for England, "WLS" for Wales, "SCT" for Scotland) rather than a
hand-typed list. The day a complaint arrives is day 0; the first working day after it is day 1, so a complaint
received on a Friday has been with the council one working day on the Monday. The due date is the target-th working
day after receipt, and a running clock is overdue once that day has passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

DEFAULT_TARGET_DAYS = 20
SUBDIVISIONS: dict[str, str] = {"england": "ENG", "wales": "WLS", "scotland": "SCT"}


def _subdivision(jurisdiction: str) -> str:
    key = str(getattr(jurisdiction, "value", jurisdiction)).lower()
    try:
        return SUBDIVISIONS[key]
    except KeyError as exc:
        raise ValueError(f"No bank-holiday calendar for jurisdiction {jurisdiction!r}") from exc


@lru_cache(maxsize=64)
def _holidays_for_year(subdivision: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year).keys())


def bank_holidays(jurisdiction: str, years: Iterable[int]) -> dict[date, str]:
    """Bank holidays with their names (for display and tests)."""
    calendar = holidays.country_holidays("GB", subdiv=_subdivision(jurisdiction), years=list(years))
    return dict(sorted(calendar.items()))


def is_working_day(day: date, jurisdiction: str) -> bool:
    return day.weekday() < 5 and day not in _holidays_for_year(_subdivision(jurisdiction), day.year)


def working_days_between(start: date, end: date, jurisdiction: str) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is on or before ``start``)."""
    if end <= start:
        return 0
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day, jurisdiction):
            count += 1
        day += timedelta(days=1)
    return count


def add_working_days(start: date, days: int, jurisdiction: str) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself when ``days`` is 0)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, jurisdiction):
            remaining -= 1
    return day


@dataclass(frozen=True)
class Clock:
    received_on: date
    target_days: int
    due_on: date
    elapsed: int
    #: True until a decision, closure or withdrawal ends the assessment; a pause does not end it.
    running: bool
    stopped_on: date | None
    #: Set while the clock is stopped by a pause (or an information request, if the council stops it for those).
    paused_since: date | None = None
    #: Working days the clock has been stopped for, including the current pause.
    paused_days: int = 0

    @property
    def paused(self) -> bool:
        return self.running and self.paused_since is not None

    @property
    def overdue(self) -> bool:
        """Still running (not paused) and past the due date."""
        return self.running and not self.paused and self.elapsed > self.target_days

    @property
    def finished_late(self) -> bool:
        """Stopped, but only after the due date had passed."""
        return not self.running and self.elapsed > self.target_days

    @property
    def remaining(self) -> int:
        return self.target_days - self.elapsed

    def describe(self) -> str:
        """One plain sentence for the case page and list."""
        days = self.paused_days
        stopped = f", not counting {days} working day{_s(days)} stopped" if days else ""
        if self.paused:
            since = f"{self.paused_since:%-d %B %Y}"
            return f"Clock stopped since {since} at {self.elapsed} of {self.target_days} working days"
        if self.running:
            if self.overdue:
                late = self.elapsed - self.target_days
                return (
                    f"{self.elapsed} of {self.target_days} working days{stopped}: "
                    f"overdue by {late} working day{_s(late)}"
                )
            return f"{self.elapsed} of {self.target_days} working days{stopped}"
        late = " (later than the target)" if self.finished_late else ""
        return f"Stopped at {self.elapsed} of {self.target_days} working days{stopped}{late}"

    def short(self) -> str:
        """The same, short enough for a column of the case list (its heading says "working days")."""
        if self.paused:
            return f"Clock stopped at {self.elapsed} of {self.target_days}"
        if self.running:
            return f"{self.elapsed} of {self.target_days}"
        return f"Stopped at {self.elapsed} of {self.target_days}"


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def clock(
    received_on: date,
    jurisdiction: str,
    *,
    today: date,
    target_days: int | None = DEFAULT_TARGET_DAYS,
    stopped_on: date | None = None,
    paused_since: date | None = None,
    paused_days: int = 0,
) -> Clock:
    """The clock from receipt to ``stopped_on`` (the decision, closure or withdrawal date) or to ``today``, less the
    working days it was stopped: ``paused_days`` from earlier pauses, and the current pause from ``paused_since``."""
    target = DEFAULT_TARGET_DAYS if target_days is None else int(target_days)
    end = stopped_on if stopped_on is not None else today
    if stopped_on is not None:
        paused_since = None
    current = working_days_between(paused_since, end, jurisdiction) if paused_since is not None else 0
    stopped = max(0, int(paused_days or 0)) + current
    return Clock(
        received_on=received_on,
        target_days=target,
        due_on=add_working_days(received_on, target + stopped, jurisdiction),
        elapsed=max(0, working_days_between(received_on, end, jurisdiction) - stopped),
        running=stopped_on is None,
        stopped_on=stopped_on,
        paused_since=paused_since,
        paused_days=stopped,
    )

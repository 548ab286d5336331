"""How dates, times and percentages read to people, on pages and in PDFs alike.

Times are stored in UTC; people in UK councils read them in UK time, so a decision recorded at 23:30 UTC in
summer shows as 00:30 the next day, which is when the officer made it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_time(value: datetime) -> datetime:
    """A stored time in UK local time; a time without a zone is read as UTC, which is how the app stores it."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UK)


def format_date(value: date | datetime | None) -> str:
    """'5 December 2026' (GOV.UK style: no leading zero, month in words)."""
    if value is None:
        return "Not recorded"
    if isinstance(value, datetime):
        value = uk_time(value)
    return f"{value.day} {value:%B %Y}"


def format_datetime(value: datetime | None) -> str:
    """'5 December 2026 at 14:05', in UK time."""
    if value is None:
        return "Not recorded"
    value = uk_time(value)
    return f"{value.day} {value:%B %Y} at {value:%H:%M}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"

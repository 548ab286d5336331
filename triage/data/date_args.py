"""Dates in query strings: the GOV.UK date-input pattern (``name-day``, ``name-month``, ``name-year``) that the filter
forms submit, or one ISO value (``name=2025-04-01``) that links, bookmarks and exports carry. One parser, so every
date filter reads, checks and words its errors the same way."""

from __future__ import annotations

from datetime import date

PARTS = ("day", "month", "year")
EARLIEST_YEAR = 2000


def date_arg(args, name: str, label: str) -> tuple[date | None, str | None]:
    """(the date or None, an error message or None). Blank means no filter; anything else must be a real date."""
    parts = {p: (args.get(f"{name}-{p}") or "").strip() for p in PARTS}
    if any(parts.values()):
        missing = [p for p in PARTS if not parts[p]]
        if missing:
            return None, f"'{label}' must include a {' and '.join(missing)}"
        try:
            day, month, year = (int(parts[p]) for p in PARTS)
            value = date(year, month, day)
        except ValueError:
            return None, f"'{label}' must be a real date, like 1 4 2025"
    else:
        raw = (args.get(name) or "").strip()
        if not raw:
            return None, None
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            return None, f"'{label}' must be a real date, like 1 4 2025"
    if value.year < EARLIEST_YEAR or value.year > date.today().year + 1:
        return None, f"'{label}' must be between {EARLIEST_YEAR} and {date.today().year + 1}"
    return value, None


def date_range(args, start: tuple[str, str], end: tuple[str, str]) -> tuple[date | None, date | None, list]:
    """Both ends of a range, with errors as (field name, message); an end before the start is an error."""
    errors = []
    first, problem = date_arg(args, *start)
    if problem:
        errors.append((start[0], problem))
    last, problem = date_arg(args, *end)
    if problem:
        errors.append((end[0], problem))
    if first and last and first > last:
        errors.append((end[0], f"'{end[1]}' must be the same as or after '{start[1]}'"))
        last = None
    return first, last, errors

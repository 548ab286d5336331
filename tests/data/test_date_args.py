"""The one parser of date filters: the GOV.UK three-box pattern or an ISO date from a link."""

from __future__ import annotations

from datetime import date

import pytest

from triage.data.date_args import date_arg, date_range


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, (None, None)),
        ({"d-day": " ", "d-month": "", "d-year": ""}, (None, None)),
        ({"d-day": "1", "d-month": "4", "d-year": "2025"}, (date(2025, 4, 1), None)),
        ({"d": "2025-04-01"}, (date(2025, 4, 1), None)),
        ({"d-day": "2", "d-month": "4", "d-year": "2025", "d": "2020-01-01"}, (date(2025, 4, 2), None)),
        ({"d-day": "31", "d-month": "2", "d-year": "2025"}, (None, "'When' must be a real date, like 1 4 2025")),
        ({"d-day": "1", "d-year": "2025"}, (None, "'When' must include a month")),
        ({"d-month": "1"}, (None, "'When' must include a day and year")),
        ({"d-day": "x", "d-month": "1", "d-year": "2025"}, (None, "'When' must be a real date, like 1 4 2025")),
        ({"d": "2025-02-31"}, (None, "'When' must be a real date, like 1 4 2025")),
        ({"d": "1999-12-31"}, (None, f"'When' must be between 2000 and {date.today().year + 1}")),
        (
            {"d-day": "1", "d-month": "1", "d-year": "9999"},
            (None, f"'When' must be between 2000 and {date.today().year + 1}"),
        ),
    ],
)
def test_date_arg(args, expected):
    assert date_arg(args, "d", "When") == expected


def test_an_end_before_the_start_is_an_error_and_is_dropped():
    first, last, errors = date_range({"a": "2025-05-01", "b": "2025-04-01"}, ("a", "From"), ("b", "To"))
    assert (first, last) == (date(2025, 5, 1), None)
    assert errors == [("b", "'To' must be the same as or after 'From'")]

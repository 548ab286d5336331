from datetime import date

import pytest

from triage.cases.working_days import (
    add_working_days,
    bank_holidays,
    clock,
    is_working_day,
    working_days_between,
)


def test_weekends_are_not_working_days():
    assert is_working_day(date(2025, 3, 7), "england")  # Friday
    assert not is_working_day(date(2025, 3, 8), "england")  # Saturday
    assert not is_working_day(date(2025, 3, 9), "england")  # Sunday


def test_christmas_and_boxing_day_are_skipped_everywhere():
    for jurisdiction in ("england", "wales", "scotland"):
        assert not is_working_day(date(2025, 12, 25), jurisdiction)
        assert not is_working_day(date(2025, 12, 26), jurisdiction)
    # Received Wed 24 Dec 2025: Thu 25 and Fri 26 are bank holidays, then the weekend; Mon 29 is day 1.
    assert working_days_between(date(2025, 12, 24), date(2025, 12, 29), "england") == 1


def test_second_of_january_is_a_holiday_in_scotland_only():
    day = date(2025, 1, 2)  # Thursday
    assert not is_working_day(day, "scotland")
    assert is_working_day(day, "england")
    assert is_working_day(day, "wales")
    assert working_days_between(date(2024, 12, 31), date(2025, 1, 3), "scotland") == 1
    assert working_days_between(date(2024, 12, 31), date(2025, 1, 3), "england") == 2


def test_st_andrews_day_substitute_is_a_scottish_holiday():
    # 30 November 2025 is a Sunday, so Monday 1 December is the substitute day in Scotland.
    assert "Andrew" in bank_holidays("scotland", [2025])[date(2025, 12, 1)]
    assert not is_working_day(date(2025, 12, 1), "scotland")
    assert is_working_day(date(2025, 12, 1), "england")


def test_easter_monday_is_a_holiday_in_england_and_wales_but_not_scotland():
    easter_monday = date(2025, 4, 21)
    assert not is_working_day(easter_monday, "england")
    assert not is_working_day(easter_monday, "wales")
    assert is_working_day(easter_monday, "scotland")


def test_summer_bank_holiday_differs_between_scotland_and_england():
    assert not is_working_day(date(2025, 8, 25), "england")
    assert is_working_day(date(2025, 8, 25), "scotland")
    assert not is_working_day(date(2025, 8, 4), "scotland")
    assert is_working_day(date(2025, 8, 4), "england")


def test_the_day_received_is_day_zero():
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 3), "england") == 0
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 4), "england") == 1
    assert working_days_between(date(2025, 3, 7), date(2025, 3, 10), "england") == 1  # Friday to Monday
    assert working_days_between(date(2025, 3, 10), date(2025, 3, 3), "england") == 0


def test_due_date_counts_twenty_working_days_over_christmas():
    # Received Mon 15 Dec 2025 (England): 16-19 Dec (4), 22-24 Dec (3), 29-31 Dec (3), 2 Jan (1), 5-9 Jan (5),
    # 12-15 Jan (4) = 20, skipping Christmas, Boxing Day and New Year's Day.
    assert add_working_days(date(2025, 12, 15), 20, "england") == date(2026, 1, 15)
    # Scotland also skips 2 January, so the due date is a day later.
    assert add_working_days(date(2025, 12, 15), 20, "scotland") == date(2026, 1, 16)
    assert add_working_days(date(2025, 12, 15), 0, "england") == date(2025, 12, 15)
    with pytest.raises(ValueError):
        add_working_days(date(2025, 12, 15), -1, "england")


def test_due_date_and_elapsed_agree():
    start = date(2025, 12, 15)
    for jurisdiction in ("england", "wales", "scotland"):
        due = add_working_days(start, 20, jurisdiction)
        assert working_days_between(start, due, jurisdiction) == 20


def test_running_clock_becomes_overdue_the_day_after_the_due_date():
    on_due = clock(date(2025, 12, 15), "england", today=date(2026, 1, 15), target_days=20)
    assert (on_due.elapsed, on_due.overdue, on_due.remaining) == (20, False, 0)
    assert on_due.describe() == "20 of 20 working days"
    after = clock(date(2025, 12, 15), "england", today=date(2026, 1, 16), target_days=20)
    assert (after.elapsed, after.overdue, after.due_on) == (21, True, date(2026, 1, 15))
    assert after.describe() == "21 of 20 working days: overdue by 1 working day"


def test_a_decision_stops_the_clock():
    stopped = clock(
        date(2025, 12, 15), "england", today=date(2026, 6, 1), target_days=20, stopped_on=date(2025, 12, 19)
    )
    assert stopped.elapsed == 4
    assert not stopped.running
    assert not stopped.overdue
    assert stopped.describe() == "Stopped at 4 of 20 working days"
    late = clock(date(2025, 12, 15), "england", today=date(2026, 6, 1), target_days=20, stopped_on=date(2026, 2, 2))
    assert late.finished_late and not late.overdue
    assert late.describe().endswith("(later than the target)")


def test_target_defaults_to_twenty_and_follows_the_council():
    assert clock(date(2025, 3, 3), "wales", today=date(2025, 3, 3), target_days=None).target_days == 20
    assert clock(date(2025, 3, 3), "wales", today=date(2025, 3, 3), target_days=15).due_on == date(2025, 3, 24)


def test_unknown_jurisdiction_is_an_error():
    with pytest.raises(ValueError, match="No bank-holiday calendar"):
        is_working_day(date(2025, 3, 3), "northern_ireland")

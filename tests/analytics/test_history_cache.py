"""The case-history result cache: reused while nothing changed, never staler than the last commit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, event, select

from tests.analytics.helpers import decide, make_case
from triage.data import history_cache
from triage.data.history import HistoryFilters, list_history
from triage.extensions import db
from triage.models import CaseReferral, HistoryState, Post
from triage.services.case_work import declare_conflict


@pytest.fixture
def officer(make_user):
    return make_user("monitoring_officer", email="mo@example.gov.uk")


@pytest.fixture
def statements(db_session):
    """SQL statements run while the test body runs (to see whether a result came from the cache)."""
    seen: list[str] = []

    def record(conn, cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def _version() -> int:
    return db.session.scalar(select(HistoryState.version))


def _references(user, **args) -> list[str]:
    return [row.reference for row in list_history(user, HistoryFilters.from_args(args)).rows]


def test_the_same_list_is_served_from_the_cache_until_something_changes(council, officer, statements):
    first = make_case(council)
    assert _references(officer) == [first.reference]
    statements.clear()
    assert _references(officer) == [first.reference]
    # Only the version check (and who may see what) ran: no count, no case query.
    assert any("history_state" in s for s in statements)
    assert not any("case_record" in s or "history_case" in s for s in statements)

    second = make_case(council, "The planning committee ignored every objection.")
    assert _references(officer) == [second.reference, first.reference]


def test_every_kind_of_change_raises_the_version(council, officer, make_user):
    case = make_case(council)
    start = _version()
    decide(case, officer, outcome="informal_resolution")
    after_decision = _version()
    assert after_decision > start
    assert _references(officer, outcome="informal_resolution") == [case.reference]

    # A bulk statement that bypasses the unit of work (as retention and seeding do) counts too.
    db.session.execute(delete(Post).where(Post.case_id == case.id))
    db.session.commit()
    assert _version() > after_decision

    # So do referrals (they change what panel members see) ...
    panel = make_user("panel_member", email="panel@example.gov.uk")
    assert _references(panel) == []
    before_referral = _version()
    db.session.add(CaseReferral(case_id=case.id, user_id=panel.id, referred_by_id=officer.id))
    db.session.commit()
    assert _version() > before_referral
    assert _references(panel) == [case.reference]


def test_a_rolled_back_change_does_not_raise_the_version(council, officer):
    case = make_case(council)
    start = _version()
    case.member_name = "Someone Else"
    db.session.flush()
    db.session.rollback()
    assert _version() == start
    # Unrelated writes (audit entries, a sign-in, sessions) leave cached pages alone...
    history_cache.clear()
    officer.last_sign_in_at = datetime.now(UTC)
    db.session.commit()
    assert _version() == start
    # ...but the list names each case's officer, so a new name is a change.
    officer.name = "Renamed Officer"
    db.session.commit()
    assert _version() > start


def test_a_conflicted_officer_never_gets_a_page_cached_for_everyone(council, officer, make_user):
    other = make_user("monitoring_officer", email="other.mo@example.gov.uk")
    case = make_case(council)
    assert _references(officer) == [case.reference]
    assert _references(other) == [case.reference]
    declare_conflict(case, user=other, reason="Family member of the councillor.")
    db.session.commit()
    assert _references(other) == []
    assert _references(officer) == [case.reference]


def test_the_cache_can_be_turned_off(council, officer, statements):
    make_case(council)
    history_cache.set_size(0)
    try:
        _references(officer)
        statements.clear()
        _references(officer)
        assert not any("history_state" in s for s in statements)
        assert any("case_record" in s for s in statements)
    finally:
        history_cache.set_size(512)


def test_without_a_state_row_nothing_is_cached(council, officer):
    case = make_case(council)
    db.session.execute(delete(HistoryState))
    db.session.commit()
    assert _references(officer) == [case.reference]
    case.status = "withdrawn"
    db.session.commit()  # nothing to raise: the next list must still be right
    assert _references(officer, status="withdrawn") == [case.reference]


def test_a_request_reads_the_version_once_and_forgets_it_when_it_commits(app, council, officer):
    case = make_case(council)
    with app.test_request_context("/cases/"):
        first = history_cache.current_version()
        case.member_name = "Renamed Member"
        assert history_cache.current_version() == first  # memoised for the request
        db.session.commit()
        assert history_cache.current_version()[1] > first[1]

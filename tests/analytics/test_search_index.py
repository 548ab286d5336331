"""The search index and facts stay current with the cases, and search works the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.analytics.helpers import assess, decide, make_case
from triage.data import search
from triage.data.history import HistoryFilters, list_history
from triage.extensions import db
from triage.models import Post
from triage.models.search import HistoryCase, HistoryTag


@pytest.fixture
def officer(make_user):
    return make_user("monitoring_officer", email="mo@example.gov.uk")


def _search(user, q: str, **filters) -> list[str]:
    page = list_history(user, HistoryFilters.from_args({"q": q, **filters}))
    return [row.reference for row in page.rows]


def test_new_cases_are_indexed_on_commit_and_found_by_post_text(council, officer):
    bins = make_case(council, "Half of Millbrook Road still hasn't had its green bins emptied.")
    make_case(council, "The leisure centre contract went to the leader's friend.")
    assert _search(officer, "bins") == [bins.reference]  # stemming: "bins" matches "bins"
    assert _search(officer, "emptying") == [bins.reference]  # and "emptying" matches "emptied"
    assert _search(officer, "MILLBROOK green") == [bins.reference]
    assert _search(officer, '"green bins"') == [bins.reference]
    assert _search(officer, '"bins green"') == []
    assert _search(officer, "lei*") != [bins.reference]
    assert len(_search(officer, "contract OR bins")) == 2
    assert _search(officer, "contract OR bins -leader") == [bins.reference]


def test_reasons_and_decision_text_are_searchable_and_highlighted(council, officer):
    case = make_case(council, "A post about potholes.")
    assess(case, reasons=("The words target people because of a protected characteristic.",))
    decide(case, officer, outcome="investigation", paragraphs=["2.3"], reasons="Referred to an external investigator.")
    assert _search(officer, "protected characteristic") == [case.reference]
    assert _search(officer, "investigator") == [case.reference]
    row = list_history(officer, HistoryFilters.from_args({"q": "investigator"})).rows[0]
    assert [h.field for h in row.highlights] == ["decision"]
    assert "<mark>investigator</mark>" in str(row.highlights[0].markup)


def test_editing_and_deleting_keep_the_index_current(council, officer):
    case = make_case(council, "Original words about parking.")
    post = db.session.scalars(select(Post).where(Post.case_id == case.id)).one()
    post.text = "Replacement words about libraries."
    db.session.commit()
    assert _search(officer, "parking") == []
    assert _search(officer, "libraries") == [case.reference]
    db.session.delete(db.session.get(type(case), case.id))
    db.session.commit()
    assert _search(officer, "libraries") == []
    assert db.session.get(HistoryCase, case.id) is None


def test_a_rolled_back_change_leaves_the_index_as_it_was(council, officer):
    case = make_case(council, "Words about parking.")
    post = db.session.scalars(select(Post).where(Post.case_id == case.id)).one()
    post.text = "Words about libraries."
    db.session.flush()
    db.session.rollback()
    assert _search(officer, "parking") == [case.reference]
    assert _search(officer, "libraries") == []


def test_facts_follow_the_latest_decision_and_assessment(council, officer):
    case = make_case(council, "Post", received_on=date(2025, 3, 3), extra_posts=[("Second", "x")])
    assess(case, recommendation="informal_resolution", breach=0.64)
    facts = db.session.get(HistoryCase, case.id)
    assert (facts.outcome, facts.tool_recommendation, facts.agrees, facts.breach_decile) == (
        None,
        "informal_resolution",
        None,
        6,
    )
    # Due 20 working days after Monday 3 March 2025, so overdue from the working day after 31 March.
    assert facts.overdue_from == date(2025, 4, 1)
    decide(case, officer, outcome="investigation", paragraphs=["1.1", "5.1"], decided_on=date(2025, 3, 24))
    db.session.expire_all()
    facts = db.session.get(HistoryCase, case.id)
    assert (facts.outcome, facts.agrees, facts.decision_breach, facts.decision_days) == (
        "investigation",
        False,
        True,
        15,
    )
    tags = set(db.session.execute(select(HistoryTag.kind, HistoryTag.value).where(HistoryTag.case_id == case.id)))
    assert tags == {
        ("platform", "facebook"),
        ("platform", "x"),
        ("paragraph", "lga-model-2020:1.1"),
        ("paragraph", "lga-model-2020:5.1"),
    }


def test_changing_the_council_target_moves_due_dates(council, officer):
    case = make_case(council, "Post", received_on=date(2025, 3, 3))
    council.assessment_target_days = 10
    db.session.commit()
    assert db.session.get(HistoryCase, case.id).overdue_from == date(2025, 3, 18)


def test_reindex_all_rebuilds_everything_and_ensure_current_heals_gaps(council, officer):
    first = make_case(council, "Bins again.")
    second = make_case(council, "Parking again.")
    db.session.execute(HistoryCase.__table__.delete())
    search._delete_search_rows(db.session, [first.id, second.id])
    db.session.commit()
    assert _search(officer, "bins") == []
    search.reset_coverage_cache()
    assert search.ensure_current() == 0 and search.healed()
    db.session.commit()  # queries flush; the caller (the history page) commits
    assert _search(officer, "bins") == [first.reference]
    assert search.reindex_all() == 2
    db.session.commit()
    assert search.index_status() == {"cases": 2, "indexed": 2}


def test_command_reindex_reports_its_work(app, council, officer):
    from triage.commands.search import search as search_group

    make_case(council, "Anything.")
    result = app.test_cli_runner().invoke(search_group, ["reindex", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 cases." in result.output
    status = app.test_cli_runner().invoke(search_group, ["status"])
    assert "1 of 1 cases indexed." in status.output


def test_hostile_queries_and_text_are_harmless(council, officer):
    case = make_case(council, 'He wrote <script>alert(1)</script> and \ue000fake marks\ue001 "bins"')
    for q in ["'; DROP TABLE case_record; --", 'NEAR("a" "b")', "^bins", "bins:*", "a" * 300, "*", '"']:
        list_history(officer, HistoryFilters.from_args({"q": q}))  # never a syntax error
    row = list_history(officer, HistoryFilters.from_args({"q": "alert"})).rows[0]
    html = str(row.highlights[0].markup)
    assert "<script>" not in html
    assert "&lt;script&gt;<mark>alert</mark>(1)" in html or "‹script›<mark>alert</mark>(1)" in html  # PostgreSQL
    assert "fake marks" in html and "<mark>fake" not in html  # private-use markers in the text are stripped
    assert row.reference == case.reference


def test_received_today_is_not_overdue(council, officer):
    make_case(council, "Fresh.", received_on=date.today())
    assert list_history(officer, HistoryFilters.from_args({"overdue": "1"})).total == 0
    make_case(council, "Stale.", received_on=date.today() - timedelta(days=60))
    assert list_history(officer, HistoryFilters.from_args({"overdue": "1"})).total == 1


def test_newest_first_search_pages_are_the_same_whatever_the_window(council, officer):
    # 30 matches spread over six years: the first page fits in the newest window, the second does not.
    made = []
    for i in range(30):
        received = date.today() - timedelta(days=5 + i * 4 if i < 26 else 500 + i * 40)
        made.append(make_case(council, f"Parking permits again ({i}).", received_on=received).reference)
    make_case(council, "Unrelated words.", received_on=date.today())
    first = list_history(officer, HistoryFilters.from_args({"q": "parking"}), per_page=25)
    second = list_history(officer, HistoryFilters.from_args({"q": "parking", "page": "2"}), per_page=25)
    assert [r.reference for r in first.rows] + [r.reference for r in second.rows] == made
    assert first.total == 30 and first.exact

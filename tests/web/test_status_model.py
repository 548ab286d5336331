"""The status model through the web: pausing stops the working-day clock and resuming restarts it where it was;
information requests stop it if the council says so; later stages need the right decision, an investigator and a
finding; every change is audited and shown in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import normalise_space
from tests.notes.helpers import make_case
from triage.cases.working_days import working_days_between
from triage.data import audit
from triage.models.enums import CaseStatus, Finding


@pytest.fixture
def officer(sign_in):
    return sign_in("monitoring_officer")


@pytest.fixture
def case(app, council, db_session):
    return make_case(app, council, screenshot=False)


def _move(client, case, status, **fields):
    page = client.page(f"/cases/{case.reference}/status")
    version = page.select_one("input[name=version]")["value"]
    return client.post(f"/cases/{case.reference}/status", data={"version": version, "status": status, **fields})


def _summary(client, case, row):
    page = client.page(f"/cases/{case.reference}")
    return normalise_space(page.select_one(f"#case-summary [data-row={row}] dd").text)


def _decide(client, case, outcome, paragraphs=("1.1",)):
    page = client.page(f"/cases/{case.reference}/decision")
    data = {
        "version": page.select_one("input[name=version]")["value"],
        "assessment_id": page.select_one("input[name=assessment_id]")["value"],
        "outcome": outcome,
        "paragraphs": list(paragraphs),
        "reasons": "Reasons for the decision.",
        "override_reason": "The officer's own judgement.",
    }
    response = client.post(f"/cases/{case.reference}/decision", data=data)
    assert response.status_code == 302, response.text


def test_pausing_needs_a_reason_stops_the_clock_and_resuming_goes_back_where_it_was(client, officer, case, db_session):
    refused = _move(client, case, "paused")
    assert "Enter why the case is paused" in refused.text
    db_session.refresh(case)
    assert case.status != CaseStatus.PAUSED

    _move(client, case, "paused", reason="Police are investigating the same post.")
    db_session.refresh(case)
    assert case.status == CaseStatus.PAUSED
    assert case.clock_stopped_since == date.today()
    assert "Police are investigating the same post." in _summary(client, case, "status")
    assert _summary(client, case, "clock").startswith("Clock stopped since")

    page = client.page(f"/cases/{case.reference}/status")
    offered = [i["value"] for i in page.select("input[name=status]")]
    assert offered == [case.resume_status.value, "withdrawn"]
    assert "decided" not in offered
    wrong = _move(client, case, "closed")
    assert "cannot" in wrong.text or "resumes where it was" in wrong.text

    _move(client, case, case.resume_status.value)
    db_session.refresh(case)
    assert case.status in (CaseStatus.RECEIVED, CaseStatus.INITIAL_ASSESSMENT)
    assert case.clock_stopped_since is None and case.resume_status is None and case.status_reason == ""
    entries = [e for e in audit.entries_for_case(case.id) if e.action == "case.status_changed"]
    assert any((e.after or {}).get("reason") == "Police are investigating the same post." for e in entries)


def test_days_stopped_are_not_counted_and_push_the_due_date_back(app, council, db_session):
    from triage.data.case_views import clock_for
    from triage.services import case_status

    received = date.today() - timedelta(days=40)
    case = make_case(app, council, screenshot=False)
    case.received_on = received
    db_session.commit()
    with app.test_request_context():
        from triage.models import User

        user = db_session.query(User).first()
        paused_on = received + timedelta(days=7)
        resumed_on = received + timedelta(days=21)
        case_status.change_status(case, "paused", user=user, reason="Court case.", today=paused_on)
        case_status.change_status(case, case.resume_status, user=user, today=resumed_on)
        db_session.commit()
    stopped = working_days_between(paused_on, resumed_on, "england")
    clock = clock_for(case)
    assert case.clock_stopped_days == stopped > 0
    assert clock.elapsed == working_days_between(received, date.today(), "england") - stopped
    assert "not counting" in clock.describe()


@pytest.mark.parametrize("stops", [True, False])
def test_seeking_more_information_stops_the_clock_only_if_the_council_says_so(
    app, client, officer, case, db_session, stops
):
    # The day is read when the test runs, not when it is collected (a suite crossing midnight failed on that).
    expected_since = date.today() if stops else None
    app.config["CLOCK_STOPS_FOR_MORE_INFORMATION"] = stops
    try:
        assert "Enter what information you asked for" in _move(client, case, "more_information").text
        _move(client, case, "more_information", reason="Asked the complainant for the full thread.")
        db_session.refresh(case)
        assert case.status == CaseStatus.MORE_INFORMATION
        assert case.clock_stopped_since == expected_since
    finally:
        app.config["CLOCK_STOPS_FOR_MORE_INFORMATION"] = True


def test_investigation_needs_a_decision_to_investigate_an_investigator_and_a_finding(client, officer, case, db_session):
    _decide(client, case, "informal_resolution")
    page = client.page(f"/cases/{case.reference}/status")
    offered = [i["value"] for i in page.select("input[name=status]")]
    assert "informal_resolution" in offered and "investigation" not in offered
    refused = _move(client, case, "investigation", investigator="Jo Investigator")
    assert "only after a decision to refer it for investigation" in refused.text

    review = client.page(f"/cases/{case.reference}/decision?review=1")
    response = client.post(
        f"/cases/{case.reference}/decision",
        data={
            "version": review.select_one("input[name=version]")["value"],
            "assessment_id": "",
            "review": "1",
            "outcome": "investigation",
            "paragraphs": ["1.1"],
            "reasons": "The member has not engaged with informal resolution.",
            "review_reason": "Informal resolution failed.",
        },
    )
    assert response.status_code == 302, response.text
    assert "Enter the name of the investigator" in _move(client, case, "investigation").text
    _move(client, case, "investigation", investigator="Jo Investigator, Wyvern Legal")
    db_session.refresh(case)
    assert case.status == CaseStatus.INVESTIGATION
    assert "Investigator: Jo Investigator, Wyvern Legal" in _summary(client, case, "status")

    assert "Select what the investigator found" in _move(client, case, "hearing").text
    _move(client, case, "hearing", finding="breach")
    db_session.refresh(case)
    assert case.status == CaseStatus.HEARING
    assert case.investigation_finding == Finding.BREACH
    assert "Finding: breach found" in _summary(client, case, "status")
    _move(client, case, "closed")
    db_session.refresh(case)
    assert case.status == CaseStatus.CLOSED

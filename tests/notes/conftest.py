"""Fixtures shared by the tests of stored notes: an officer and a decided case with a screenshot, an assessment and
the Independent Person's views."""

from __future__ import annotations

import pytest

from tests.notes.helpers import make_case, today
from triage.services import decisions as decision_data


@pytest.fixture
def officer(make_user):
    return make_user("monitoring_officer", email="mo@testshire.example.gov.uk")


@pytest.fixture
def decided_case(app, db_session, council, officer, make_user):
    """Screenshot, assessment, the IP's views and a decision that overrides the tool."""
    case = make_case(app, council, third_party=True)
    ip = make_user("independent_person", email="ip@testshire.example.gov.uk")
    decision_data.record_consultation(
        case,
        recorded_by=ip,
        views="The post goes beyond robust political comment; investigation is proportionate.",
        consulted_on=today(),
    )
    tool = case.latest_assessment.recommendation.value
    outcome = "investigation" if tool != "investigation" else "informal_resolution"
    decision_data.record_decision(
        case,
        outcome=outcome,
        paragraphs=["1.1", "5.1"],
        reasons="Calling a colleague a liar without evidence goes beyond political comment.",
        override_reason="The member has been warned about similar posts twice this year.",
        user=officer,
    )
    db_session.commit()
    return case

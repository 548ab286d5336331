"""Fixtures shared by the case-history page tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.analytics.helpers import assess, decide, make_case


@pytest.fixture
def fresh_history_caches(app):
    """History caches and the similar-cases index start and end empty (they outlive a test's transaction)."""
    from triage.data import dashboard_queries, history, search, similar

    def clear():
        dashboard_queries.clear_cache()
        history.clear_option_cache()
        search.reset_coverage_cache()
        with app.app_context():
            similar.drop_index()

    clear()
    yield
    clear()


@pytest.fixture
def decider(make_user):
    return make_user("monitoring_officer", email="decider@example.gov.uk")


@pytest.fixture
def history_cases(council, decider):
    """Three cases with different facts."""
    today = date.today()
    a = make_case(
        council,
        "The green bins on Millbrook Road are a <b>shambles</b>.",
        member="Alex Able",
        party="Labour",
        role="cabinet_member",
        platform="x",
        received_on=today - timedelta(days=200),
    )
    assess(a, recommendation="no_further_action", breach=0.1)
    decide(
        a, decider, outcome="no_further_action", tool="no_further_action", decided_on=a.received_on + timedelta(days=10)
    )
    b = make_case(
        council,
        "The planning officer is a liar and should be sacked.",
        member="Bea Bold",
        party="Conservative",
        role="councillor",
        platform="facebook",
        received_on=today - timedelta(days=100),
        jurisdiction="wales",
    )
    assess(b, recommendation="informal_resolution", breach=0.8)
    decide(
        b,
        decider,
        outcome="investigation",
        paragraphs=["4(b)"],
        tool="informal_resolution",
        decided_on=b.received_on + timedelta(days=40),
        reasons="Investigation: the officer is owed protection.",
    )
    c = make_case(
        council,
        "Leaked the exempt report on the leisure centre.",
        member="Cy Clear",
        party="Green",
        role="parish_councillor",
        platform="facebook",
        received_on=today - timedelta(days=60),
    )
    return {"a": a, "b": b, "c": c}

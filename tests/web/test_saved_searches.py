"""Saved searches: an analyst names the case-history search in front of them, finds it on their home page with
the number of cases it finds now, opens exactly that list, replaces or deletes it; nobody else can touch it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.analytics.helpers import make_case
from tests.conftest import TEST_PASSWORD
from tests.web.test_history import refs
from triage.extensions import db
from triage.models import AuditEntry, CaseReferral, SavedSearch

pytestmark = pytest.mark.usefixtures("fresh_history_caches")


def _save(client, query: str, name: str, status: int = 302):
    return client.submit(f"/history/saved/new?{query}", {"name": name}, status=status)


def test_an_analyst_saves_a_search_and_finds_it_on_the_home_page_with_its_count(client, sign_in, history_cases):
    analyst = sign_in("analyst")
    listing = client.page("/cases/?platform=facebook&sort=oldest")
    expected = refs(listing)
    assert len(expected) == 2
    save_link = listing.find("a", id="save-search")["href"]

    form_page = client.page(save_link)
    described = {
        row.find("dt").get_text(strip=True): row.find("dd").get_text(strip=True)
        for row in form_page.select("#search-filters .govuk-summary-list__row")
    }
    assert described == {"Platform": "Facebook", "Sorted": "Oldest first"}

    response = client.submit(save_link, {"name": "  Facebook complaints  "}, status=302)
    reopened = client.page(response.headers["Location"])
    assert refs(reopened) == expected
    assert "Search 'Facebook complaints' saved" in reopened.select_one(".govuk-notification-banner").get_text()

    home = client.page("/")
    link = home.select_one("#saved-searches a")
    assert link.get_text(" ", strip=True).startswith("2")
    assert refs(client.page(link["href"])) == expected  # the count links to exactly the list it counts

    saved = db.session.scalars(select(SavedSearch)).one()
    assert (saved.user_id, saved.name, saved.filters) == (
        analyst.id,
        "Facebook complaints",
        {"platform": "facebook", "sort": "oldest"},
    )
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "saved_search.saved")).one()
    assert entry.actor == analyst.email

    # The count is of today's cases: a new complaint on Facebook is counted the next time the home page opens.
    make_case(history_cases["a"].council, "Another post.", platform="facebook", received_on=date.today())
    assert client.page("/").select_one("#saved-searches a").get_text(" ", strip=True).startswith("3")


def test_saving_again_under_a_name_replaces_its_filters(client, sign_in, history_cases):
    sign_in("analyst")
    _save(client, "platform=facebook", "Mine")
    _save(client, "platform=x", "Mine")
    saved = db.session.scalars(select(SavedSearch)).one()
    assert saved.filters == {"platform": "x"}
    actions = select(AuditEntry.action).where(AuditEntry.action.like("saved_search.%")).order_by(AuditEntry.seq)
    assert db.session.scalars(actions).all() == [
        "saved_search.saved",
        "saved_search.replaced",
    ]


def test_a_name_is_needed_and_an_empty_search_cannot_be_saved(client, sign_in, history_cases):
    sign_in("analyst")
    response = _save(client, "platform=facebook", "   ", status=400)
    assert b"Enter a name for the search" in response.data and b"govuk-error-summary" in response.data
    assert client.page("/history/saved/new").find(id="nothing-to-save") is not None
    _save(client, "", "Everything", status=400)
    assert client.page("/history/saved/new?received_from=2025-02-31").find(id="nothing-to-save") is not None
    assert db.session.scalars(select(SavedSearch)).all() == []


def test_a_saved_search_is_its_owners_alone(client, sign_in, history_cases):
    first = sign_in("analyst", email="first-analyst@example.gov.uk")
    _save(client, "platform=facebook", "Facebook")
    saved = db.session.scalars(select(SavedSearch)).one()
    client.post("/sign-out")

    sign_in("analyst", email="second-analyst@example.gov.uk")
    assert client.page("/").select_one("#saved-searches") is None
    assert client.page("/history/saved").find(id="no-saved-searches") is not None
    client.submit(f"/history/saved/{saved.id}/delete", {}, status=404)
    assert db.session.get(SavedSearch, saved.id) is not None
    client.post("/sign-out")

    client.submit("/sign-in", {"email": first.email, "password": TEST_PASSWORD}, status=302)
    listing = client.page("/history/saved")
    assert listing.select_one(f'[data-saved-search="{saved.id}"] a').get_text(strip=True) == "Facebook"
    client.submit(f"/history/saved/{saved.id}/delete", {}, status=302)
    assert db.session.scalars(select(SavedSearch)).all() == []
    assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "saved_search.deleted")).one()


def test_a_panel_members_saved_search_counts_only_cases_referred_to_them(client, sign_in, history_cases, make_user):
    panel = sign_in("panel_member")
    db.session.add(CaseReferral(case_id=history_cases["b"].id, user_id=panel.id, purpose="hearing"))
    db.session.commit()
    _save(client, "platform=facebook", "Facebook")
    assert client.page("/").select_one("#saved-searches a").get_text(" ", strip=True).startswith("1")


def test_administrators_have_no_saved_searches(client, sign_in):
    sign_in("admin")
    client.page("/history/saved", status=403)
    client.submit("/history/saved/new?platform=x", {"name": "x"}, status=403)
    assert client.page("/").select_one("#saved-heading") is None


def test_dates_are_saved_as_dates(client, sign_in, history_cases):
    sign_in("analyst")
    since = date.today() - timedelta(days=150)
    query = f"received_from-day={since.day}&received_from-month={since.month}&received_from-year={since.year}"
    _save(client, query, "Recent")
    assert db.session.scalars(select(SavedSearch.filters)).one() == {"received_from": since.isoformat()}


def test_every_filter_is_described_in_words_not_stored_values(client, sign_in, history_cases):
    sign_in("analyst")
    query = (
        "agreement=disagree&band=high&tool=none&outcome=none&role=parish_councillor&status=initial_assessment&overdue=1"
    )
    page = client.page(f"/history/saved/new?{query}")
    described = {
        row.find("dt").get_text(strip=True): row.find("dd").get_text(strip=True)
        for row in page.select("#search-filters .govuk-summary-list__row")
    }
    assert described == {
        "Officer and tool": "Officer decided differently",
        "Breach score": described["Breach score"],
        "Tool recommended": "Not scored",
        "Outcome": "Not decided yet",
        "Member role": "Parish or town councillor",
        "Status": "Initial assessment",
        "Overdue": "Yes",
    }
    assert described["Breach score"] != "high" and "%" in described["Breach score"]
    chips = client.page(f"/cases/?{query}").select("#active-filters [data-remove-filter]")
    assert not [c.get_text() for c in chips if "_" in c.get_text() or ": none" in c.get_text()]

"""The analyst's journey in Debian's Chromium: filter the case list with the GOV.UK date pattern (and recover
from a wrong date), save the search, find it on the home page with its count, open it, read the dashboard and
delete the search. axe-core checks every page the browser loads."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.browser.axe import AXE, CHECKED, assert_accessible, track_visits
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_intake_journey import intake_users  # noqa: F401 (a fixture: the demo council)
from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")]

PASSWORD = "browser-analyst-password-1"
ANALYST = "journey-analyst@example.gov.uk"


@pytest.fixture(scope="module")
def analyst(live_server, intake_users):  # noqa: F811
    result = live_server.triage(
        "create-user", ANALYST, "--role", "analyst", "--name", "Ari Analyst", "--password-stdin", input=PASSWORD
    )
    assert result.returncode == 0 or "already exists" in result.stderr, result.stderr
    samples = sorted((REPO_ROOT / "sample_cases").glob("[0-9]*.json"))[:6]
    result = live_server.triage("import", *map(str, samples))
    assert result.returncode in (0, 2), result.stderr  # 2: already imported by an earlier run of this module
    return ANALYST


def test_an_analyst_saves_a_dated_search_and_runs_it_from_home(browser, live_server, analyst):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = context.new_page()
    visited = track_visits(page)
    shots = iter(range(1, 100))

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        assert_accessible(page, f"analyst: {what}")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"analyst-{next(shots):02d}-{what}.png"), full_page=True)

    try:
        page.goto(f"{live_server.url}/sign-in")
        check("sign-in")
        page.get_by_label("Email address").fill(ANALYST)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        check("home-empty")
        assert "None yet" in page.locator("main").inner_text()

        page.get_by_role("link", name="Cases", exact=True).first.click()
        check("history")
        page.locator("#more-filters summary").click()
        received_from = page.get_by_role("group", name="Received from")
        received_from.get_by_label("Day").fill("31")
        received_from.get_by_label("Month").fill("2")
        received_from.get_by_label("Year").fill("2024")
        page.get_by_role("button", name="Apply filters").click()
        check("history-date-error")
        summary = page.locator(".govuk-error-summary")
        assert "'Received from' must be a real date" in summary.inner_text()
        summary.get_by_role("link").first.click()
        assert page.evaluate("() => document.activeElement.id") == "f-received_from"
        received_from = page.get_by_role("group", name="Received from")
        assert received_from.get_by_label("Day").input_value() == "31"  # what was typed is still there
        received_from.get_by_label("Day").fill("1")
        received_from.get_by_label("Month").fill("3")
        page.get_by_role("button", name="Apply filters").click()
        check("history-filtered")
        count = re.search(r"([\d,]+) cases?", page.locator("#case-count").inner_text())
        assert count, page.locator("#case-count").inner_text()
        found = int(count.group(1).replace(",", ""))

        page.get_by_role("link", name="Save this search").click()
        check("save-search")
        assert "Received from\t1 March 2024" in page.locator("#search-filters").inner_text()
        page.get_by_role("button", name="Save the search").click()
        check("save-search-error")
        assert "Enter a name for the search" in page.locator(".govuk-error-summary").inner_text()
        page.get_by_label("Name the search").fill("Since March 2024")
        page.get_by_role("button", name="Save the search").click()
        check("saved")
        assert "Search 'Since March 2024' saved" in page.locator(".govuk-notification-banner").inner_text()

        page.get_by_role("link", name="Home").first.click()
        check("home-saved")
        link = page.locator("#saved-searches a").first
        assert int(link.inner_text().split()[0].replace(",", "")) == found
        link.click()
        check("history-from-home")
        assert page.get_by_role("group", name="Received from").get_by_label("Year").input_value() == "2024"

        page.goto(f"{live_server.url}/history/dashboard?from={date(2024, 3, 1).isoformat()}")
        check("dashboard")

        page.goto(f"{live_server.url}/history/saved")
        check("saved-list")
        page.get_by_role("button", name="Delete the search Since March 2024").click()
        check("deleted")
        assert "Search 'Since March 2024' deleted" in page.locator(".govuk-notification-banner").inner_text()
        assert sorted(set(visited) - CHECKED) == []
    finally:
        context.close()

"""The administrator's journey in Debian's Chromium: create an account (after a mistake), add a member to the
register, preview and import a register file with a bad row then a good one, and read the audit log in words.
axe-core checks every page the browser loads."""

from __future__ import annotations

import pytest

from tests.browser.axe import AXE, CHECKED, assert_accessible, track_visits
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_intake_journey import intake_users  # noqa: F401 (a fixture: the demo council)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")]

PASSWORD = "browser-admin-password-1"
ADMIN = "journey-admin@example.gov.uk"
HEADER = "name,party,ward,role,body,email,term_start,term_end\n"


@pytest.fixture(scope="module")
def admin(live_server, intake_users):  # noqa: F811
    result = live_server.triage(
        "create-user", ADMIN, "--role", "admin", "--name", "Ada Admin", "--password-stdin", input=PASSWORD
    )
    assert result.returncode == 0 or "already exists" in result.stderr, result.stderr
    return ADMIN


def test_the_administrator_keeps_accounts_and_the_register(browser, live_server, admin, tmp_path):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = context.new_page()
    visited = track_visits(page)
    shots = iter(range(1, 100))

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        assert_accessible(page, f"administrator: {what}")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"admin-{next(shots):02d}-{what}.png"), full_page=True)

    try:
        page.goto(f"{live_server.url}/sign-in")
        check("sign-in")
        page.get_by_label("Email address").fill(ADMIN)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        check("home")
        page.goto(f"{live_server.url}/admin/")
        check("admin")

        page.get_by_role("link", name="Create an account").click()
        check("new-user")
        page.get_by_label("Email address").fill("not-an-email")
        page.get_by_label("Full name").fill("Nia Newcomer")
        page.get_by_label("Role").select_option(label="Analyst")
        page.get_by_role("button", name="Create account").click()
        check("new-user-error")
        assert "correct format" in page.locator(".govuk-error-summary").inner_text()
        assert page.get_by_label("Full name").input_value() == "Nia Newcomer"
        page.get_by_label("Email address").fill("nia.newcomer@example.gov.uk")
        page.get_by_role("button", name="Create account").click()
        check("user-created")
        assert "Nia Newcomer" in page.locator("main").inner_text()

        page.goto(f"{live_server.url}/admin/members")
        check("register")
        page.get_by_role("link", name="Add a member").click()
        check("new-member")
        page.get_by_role("button", name="Save member").click()
        check("new-member-error")
        assert "Enter the member's name" in page.locator(".govuk-error-summary").inner_text()
        page.get_by_label("Name", exact=True).fill("Cllr Journey Person")
        page.get_by_label("Party or group (optional)").fill("Independent")
        page.get_by_role("button", name="Save member").click()
        check("member-added")
        assert "Cllr Journey Person" in page.locator("main").inner_text()

        bad = tmp_path / "bad.csv"
        bad.write_text(HEADER + "Cllr Row Two,Labour,Abbey,not_a_role,,,,\n", encoding="utf-8")
        page.get_by_role("link", name="Import a register file").click()
        check("import")
        page.locator("input[type=file]").set_input_files(str(bad))
        page.get_by_role("button", name="Check the file").click()
        check("import-errors")
        assert "line 2" in page.locator("#import-errors").inner_text().lower()
        assert page.title().startswith("Error: ")

        good = tmp_path / "good.csv"
        good.write_text(HEADER + "Cllr Row Two,Labour,Abbey,councillor,Millbrook Parish Council,,,\n", encoding="utf-8")
        page.goto(f"{live_server.url}/admin/members/import")
        check("import-again")
        page.locator("input[type=file]").set_input_files(str(good))
        page.get_by_role("button", name="Check the file").click()
        check("import-preview")
        assert "Millbrook Parish Council" in page.locator("#import-preview").inner_text()
        page.get_by_role("button", name="Import 1 member").click()
        check("imported")
        assert "Register imported: 1 added" in page.locator(".govuk-notification-banner").inner_text()

        page.goto(f"{live_server.url}/admin/audit")
        check("audit")
        actions = page.locator("#audit td[data-action]").all_inner_texts()
        assert "Imported the register of members" in actions and "Created a user account" in actions
        assert not [a for a in actions if "." in a or "_" in a]
        assert sorted(set(visited) - CHECKED) == []
    finally:
        context.close()

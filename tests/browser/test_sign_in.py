"""A user created with `triage create-user` signs in through the real sign-in page in Chromium."""

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_created_user_signs_in_and_out_in_a_real_browser(live_server, page):
    result = live_server.triage(
        "create-user",
        "officer@example.gov.uk",
        "--role",
        "monitoring_officer",
        "--name",
        "Morgan Officer",
        "--password-stdin",
        input="browser-test-password-1\n",
    )
    assert result.returncode == 0, result.stderr

    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/sign-in")
    assert page.title() == "Sign in – Standards Triage – Harrowden District Council"

    page.get_by_label("Email address").fill("officer@example.gov.uk")
    page.get_by_role("textbox", name="Password").fill("not-the-right-one")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert page.title().startswith("Error: ")
    assert "Enter a correct email address and password" in summary.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sign-in-error.png"), full_page=True)

    page.get_by_role("textbox", name="Password").fill("browser-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Code of Conduct complaints"
    assert "Morgan Officer" in page.locator("body").inner_text()
    page.screenshot(path=str(ARTIFACTS / "home-signed-in.png"), full_page=True)

    # GOV.UK Frontend's JavaScript ran: it marks the body once the module loaded (no CSP violation).
    assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server.url}/sign-in")
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/sign-in")

"""The decision journey in Debian's Chromium: the override error, recording the decision and the Independent
Person's views, and downloading the assessment note. Pages are checked with axe-core and kept as screenshots."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PASSWORD = "browser-decisions-password-1"
OFFICER = "decisions-mo@example.gov.uk"

SEED = textwrap.dedent(
    """
    import json, sys
    from datetime import date, timedelta

    from triage import create_app
    from triage.services import assessing
    from triage.data.cases import create_case_from_file
    from triage.data.councils import create_council, get_council_by_name
    from triage.data.users import create_user
    from triage.extensions import db
    from triage.models.enums import Jurisdiction, Role

    password = sys.argv[1]
    app = create_app()
    with app.app_context():
        council = get_council_by_name("Harrowden District Council") or create_council(
            "Harrowden District Council", Jurisdiction.ENGLAND, "lga-model-2020", actor="test"
        )
        officer = create_user("decisions-mo@example.gov.uk", "Sam Decider", Role.MONITORING_OFFICER, password)
        create_user("decisions-ip@example.gov.uk", "Jo Independent", Role.INDEPENDENT_PERSON, password)
        received = date.today() - timedelta(days=10)
        case = create_case_from_file(council, {
            "jurisdiction": "england", "code": "lga-model-2020", "received_on": received.isoformat(),
            "complainant": {"kind": "councillor", "name": "Cllr Rowan Pike", "email": "rp@example.org"},
            "subject_member": {"name": "Cllr Ellis Marsh", "party": "Riverside Group", "role": "councillor",
                               "in_office_at_time": "yes"},
            "posts": [{"text": "Cllr Pike is a clown who couldn't run a bath. <img src=x onerror=alert(1)>",
                       "platform": "x", "posted_on": (received - timedelta(days=3)).isoformat(),
                       "account_kind": "councillor_account", "visibility": "public"}],
            "answers": {"acting_as_councillor": "yes", "about_individual": "yes", "target": "councillor",
                        "political_expression": "yes"},
        }, officer=officer)
        assessing.run_assessment(case, user=officer)
        db.session.commit()
        print(json.dumps({"reference": case.reference, "recommendation": case.latest_assessment.recommendation.value}))
    """
)


@pytest.fixture(scope="module")
def seeded(live_server):
    result = subprocess.run(
        [sys.executable, "-c", SEED, PASSWORD], env=live_server.env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_officer_records_a_decision_that_overrides_the_tool_and_downloads_the_note(
    browser,
    live_server,
    seeded,
):
    from pypdf import PdfReader

    reference, recommendation = seeded["reference"], seeded["recommendation"]
    other = "Informal resolution" if recommendation != "informal_resolution" else "No further action"
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.goto(f"{live_server.url}/sign-in")
        page.get_by_label("Email address").fill(OFFICER)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")

        page.goto(f"{live_server.url}/cases/{reference}#decision")
        page.get_by_role("link", name="Record the Independent Person's views").click()
        page.get_by_label("Or, if they are not on the list, their name").fill("Dr Casey External")
        page.get_by_label("Day").fill("1")
        page.get_by_label("Month").fill("1")
        page.get_by_label("Year").fill("2020")  # before the complaint arrived: refused
        page.get_by_label("The Independent Person's views").fill("Robust, but political: no further action.")
        page.get_by_role("button", name="Record the views").click()
        assert "on or after the complaint was received" in page.locator(".govuk-error-summary").inner_text()
        assert_accessible(page, "the Independent Person's views form with an error")
        page.screenshot(path=str(ARTIFACTS / "decisions-consultation-error.png"), full_page=True)
        import datetime

        today = datetime.date.today()
        page.get_by_label("Day").fill(str(today.day))
        page.get_by_label("Month").fill(str(today.month))
        page.get_by_label("Year").fill(str(today.year))
        page.get_by_role("button", name="Record the views").click()
        page.wait_for_url(f"{live_server.url}/cases/{reference}#decision")
        assert "Robust, but political" in page.locator("#decision").inner_text()

        page.get_by_role("button", name="Record the decision").click()  # a GOV.UK button-styled link
        page.wait_for_url(f"{live_server.url}/cases/{reference}/decision")
        assert_accessible(page, "the decision form")
        page.get_by_label(other).check()
        page.get_by_label("1.1 Respect").check()
        page.get_by_label("Reasons for the decision").fill("An apology would resolve this.")
        page.get_by_role("button", name="Record the decision").click()
        summary = page.locator(".govuk-error-summary")
        assert "Enter why your decision differs from the tool's recommendation" in summary.inner_text()
        assert page.title().startswith("Error: ")
        assert_accessible(page, "the decision form with an error")
        page.screenshot(path=str(ARTIFACTS / "decisions-override-error.png"), full_page=True)
        summary.get_by_role("link").first.click()
        page.locator("#override_reason").fill("The member has already apologised publicly.")
        page.get_by_role("button", name="Record the decision").click()
        page.wait_for_url(f"{live_server.url}/cases/{reference}#decision")
        section = page.locator("#decision")
        assert "The member has already apologised publicly." in section.inner_text()
        assert_accessible(page, "the case page after the decision")
        section.screenshot(path=str(ARTIFACTS / "decisions-case-page-section.png"))

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download the initial assessment decision notice (PDF)").click()
        download = download_info.value
        assert download.suggested_filename == f"{reference}-assessment-note-v1.pdf"
        pdf = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
        text = " ".join(p.extract_text() for p in pdf.pages)
        assert "The member has already apologised publicly." in text
        assert "<img src=x onerror=alert(1)>" in text

        # Publish the decision notice for the council's website, as the officer would.
        page.goto(f"{live_server.url}/cases/{reference}#decision")
        page.get_by_role("link", name="Publish the decision notice on the council's website").click()
        page.get_by_label("Anything else to remove").fill("would resolve this")
        page.get_by_role("button", name="Update the preview").click()
        assert "would resolve this" not in page.locator("[data-preview]").inner_text()
        assert_accessible(page, "the publication form")
        page.get_by_role("button", name="Approve for publication").click()
        assert "Decision notice approved for publication" in page.locator(".govuk-notification-banner").inner_text()
        with page.expect_download() as download_info:
            page.get_by_role("link", name="accessible PDF").first.click()
        published = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))
        published_text = " ".join(p.extract_text() for p in published.pages)
        assert "decision notice" in published_text and "resolve this" not in published_text
    finally:
        context.close()


def test_the_independent_person_is_referred_by_email_and_records_their_own_views(browser, live_server, seeded, mailbox):
    """Refer through the case page; the email arrives at the local SMTP server; the Independent Person follows its
    link, signs in, finds the case in their queue and records their views; the officer then sees them."""
    reference = seeded["reference"]
    _, received = mailbox
    officer = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = officer.new_page()
    try:
        page.goto(f"{live_server.url}/sign-in")
        page.get_by_label("Email address").fill(OFFICER)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{live_server.url}/cases/{reference}#decision")
        page.get_by_role("link", name="Refer to an Independent Person or the standards panel").click()
        page.get_by_label("For the views of an Independent Person").check()
        page.get_by_label("Jo Independent (Independent Person)").check()
        page.get_by_label("Message (optional)").fill("Your views at initial assessment, please.")
        assert_accessible(page, "the referral form")
        page.get_by_role("button", name="Refer the case").click()
        assert "Referred to Jo Independent" in page.locator(".govuk-notification-banner").inner_text()
    finally:
        officer.close()

    deadline = time.monotonic() + 10
    while not any(m["To"] == "decisions-ip@example.gov.uk" for m in received) and time.monotonic() < deadline:
        time.sleep(0.1)
    email = next(m for m in received if m["To"] == "decisions-ip@example.gov.uk")
    link = re.search(r"https?://\S+", email.get_payload()).group(0)
    assert link.endswith(f"/cases/{reference}")

    ip = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = ip.new_page()
    try:
        page.goto(link)  # the link in the email, as the Independent Person would follow it
        page.get_by_label("Email address").fill("decisions-ip@example.gov.uk")
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{live_server.url}/")
        assert reference in page.locator("#referred").inner_text()
        page.get_by_role("link", name=reference).click()
        page.get_by_role("link", name="Record your views").click()
        today = date.today()
        page.get_by_label("Day").fill(str(today.day))
        page.get_by_label("Month").fill(str(today.month))
        page.get_by_label("Year").fill(str(today.year))
        page.get_by_label("The Independent Person's views").fill("Robust political comment; I would not investigate.")
        assert_accessible(page, "the Independent Person's views form")
        page.get_by_role("button", name="Record the views").click()
        assert "Robust political comment" in page.locator("#decision").inner_text()
    finally:
        ip.close()

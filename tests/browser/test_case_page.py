"""A monitoring officer finds a case in the list, reads the case page with its screenshot, re-runs scoring and moves
the case on, in Debian's Chromium. Saves full-page screenshots as artefacts and checks the pages with axe-core."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PASSWORD = "browser-case-page-password-1"

SEED = textwrap.dedent(
    """
    import hashlib, io, json, sys
    from datetime import date, timedelta
    from pathlib import Path

    from PIL import Image, ImageDraw

    from triage import create_app
    from triage.data.cases import create_case_from_file
    from triage.data.councils import create_council, get_council_by_name
    from triage.data.users import create_user
    from triage.extensions import db
    from triage.models import Screenshot
    from triage.models.enums import Jurisdiction, Role

    password = sys.argv[1]
    app = create_app()
    with app.app_context():
        council = get_council_by_name("Harrowden District Council") or create_council(
            "Harrowden District Council", Jurisdiction.ENGLAND, "lga-model-2020", actor="test"
        )
        officer = create_user("case-page-mo@example.gov.uk", "Alex Morgan", Role.MONITORING_OFFICER, password)
        create_user("case-page-deputy@example.gov.uk", "Priya Shah", Role.DEPUTY_MONITORING_OFFICER, password)
        received = date.today() - timedelta(days=45)
        case = create_case_from_file(council, {
            "jurisdiction": "england",
            "code": "lga-model-2020",
            "received_on": received.isoformat(),
            "complainant": {"kind": "member_of_public", "name": "Jo Resident", "email": "jo@example.org"},
            "subject_member": {"name": "Cllr Dana Fletcher", "party": "Harrowden First", "role": "cabinet_member",
                               "in_office_at_time": "yes"},
            "posts": [{
                "text": "Cllr Dana Fletcher: the so-called 'planning expert' Mr Hale is a liar and a crook. "
                        "Someone should sort him out once and for all. <script>alert(1)</script>",
                "platform": "facebook", "url": "https://facebook.example/harrowden/posts/42",
                "posted_on": (received - timedelta(days=2)).isoformat(), "account_kind": "councillor_account",
                "visibility": "public", "interaction": "original_post", "removed": "no",
            }],
            "answers": {"about_individual": "yes", "target": "member_of_public", "threatening": "yes"},
        }, officer=officer)
        image = Image.new("RGB", (640, 260), (255, 255, 255))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, 640, 48), fill=(59, 89, 152))
        draw.text((16, 16), "Cllr Dana Fletcher - Harrowden First", fill=(255, 255, 255))
        draw.text((16, 80), "the so-called 'planning expert' Mr Hale is a liar and a crook.", fill=(0, 0, 0))
        draw.text((16, 110), "Someone should sort him out once and for all.", fill=(0, 0, 0))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        data = buffer.getvalue()
        sha = hashlib.sha256(data).hexdigest()
        folder = Path(app.config["UPLOAD_FOLDER"]) / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{sha}.png").write_bytes(data)
        db.session.add(Screenshot(post_id=case.posts[0].id, sha256=sha, content_type="image/png", width=640,
                                  height=260, size_bytes=len(data), original_filename="facebook-post.png"))
        db.session.commit()
        print(json.dumps({"reference": case.reference}))
    """
)


@pytest.fixture(scope="module")
def seeded_case(live_server) -> str:
    result = subprocess.run(
        [sys.executable, "-c", SEED, PASSWORD],
        env=live_server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])["reference"]


@pytest.fixture
def officer_page(browser, live_server, request):
    # The real Content-Security-Policy stays on: axe-core runs over the DevTools protocol (tests/browser/axe.py).
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Email address").fill("case-page-mo@example.gov.uk")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    yield page
    context.close()


def test_officer_reads_scores_and_moves_a_case_on_in_a_real_browser(live_server, seeded_case, officer_page):
    page = officer_page
    ARTIFACTS.mkdir(exist_ok=True)

    page.get_by_role("link", name="Cases").first.click()
    page.wait_for_url(f"{live_server.url}/cases/")
    row = page.locator(f"tr[data-reference='{seeded_case}']")
    assert "Overdue" in row.inner_text()
    assert_accessible(page, "the case list")
    page.screenshot(path=str(ARTIFACTS / "case-list.png"), full_page=True)

    row.get_by_role("link", name=seeded_case).click()
    page.wait_for_url(f"{live_server.url}/cases/{seeded_case}")
    assert page.locator("h1").inner_text() == f"Case {seeded_case}"
    # The hostile text is shown as text, and nothing in it ran.
    assert "<script>alert(1)</script>" in page.locator("[data-post-text]").inner_text()
    # The screenshot was served through the access-checked route and decoded by the browser.
    image = page.locator("img.app-screenshot")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('img.app-screenshot').complete")
    assert image.evaluate("img => img.naturalWidth") == 640

    page.get_by_role("button", name="Run scoring").click()
    page.wait_for_url(f"{live_server.url}/cases/{seeded_case}#assessment")
    assert "Scoring re-run" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator(".app-flag--police .govuk-warning-text").count() >= 1
    assert page.locator("[data-recommendation]").get_attribute("data-recommendation") == "police_referral"
    assert page.locator("#reasons li").count() > 3
    assert_accessible(page, "the case page after scoring")
    page.screenshot(path=str(ARTIFACTS / "case-page.png"), full_page=True)

    page.get_by_role("link", name="Change status").first.click()
    page.get_by_label("Initial assessment").check()
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(f"{live_server.url}/cases/{seeded_case}#status")
    assert "Status changed to initial assessment" in page.locator(".govuk-notification-banner").inner_text()
    assert "Status changed from Received to Initial assessment" in page.locator(".app-timeline").inner_text()

    page.get_by_role("link", name="Edit answers").first.click()
    page.locator("input[name=tit_for_tat][value=no]").check()
    assert_accessible(page, "the edit-answers form")
    page.screenshot(path=str(ARTIFACTS / "case-edit-answers.png"), full_page=True)
    page.get_by_role("button", name="Save answers").click()
    page.wait_for_url(f"{live_server.url}/cases/{seeded_case}#assessment")
    assert page.locator(".app-stale-assessment").count() == 1
    page.screenshot(path=str(ARTIFACTS / "case-page-after-edit.png"), full_page=True)


def sign_in_page(browser, live_server, email: str):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_two_officers_editing_answers_at_once_do_not_lose_either_change(browser, live_server, seeded_case):
    ARTIFACTS.mkdir(exist_ok=True)
    first_context, first = sign_in_page(browser, live_server, "case-page-mo@example.gov.uk")
    second_context, second = sign_in_page(browser, live_server, "case-page-deputy@example.gov.uk")
    try:
        for page in (first, second):
            page.goto(f"{live_server.url}/cases/{seeded_case}/answers")
        second.locator("input[name=discriminatory][value=no]").check()
        second.get_by_role("button", name="Save answers").click()
        second.wait_for_url(f"{live_server.url}/cases/{seeded_case}#assessment")

        first.locator("input[name=discriminatory][value=yes]").check()
        first.locator("input[name=repeated_conduct][value=yes]").check()
        first.get_by_role("button", name="Save answers").click()
        assert first.locator("h1").inner_text() == "Someone else changed this case"
        assert "Yes (you changed this)" in first.locator("#versions").inner_text()
        first.screenshot(path=str(ARTIFACTS / "case-answers-conflict.png"), full_page=True)

        first.get_by_role("button", name="Save my changes on top of the current answers").click()
        first.wait_for_url(f"{live_server.url}/cases/{seeded_case}#assessment")
        assert first.locator("[data-question=discriminatory] [data-answer]").inner_text() == "Yes"
        assert first.locator("[data-question=repeated_conduct] [data-answer]").inner_text() == "Yes"
        timeline = first.locator(".app-timeline").inner_text()
        assert "Discriminatory: Not known yet → No" in timeline
        assert "Discriminatory: No → Yes" in timeline
    finally:
        first_context.close()
        second_context.close()


def test_an_officer_with_a_conflict_loses_the_case(browser, live_server, seeded_case):
    context, page = sign_in_page(browser, live_server, "case-page-deputy@example.gov.uk")
    try:
        page.goto(f"{live_server.url}/cases/{seeded_case}")
        page.get_by_role("link", name="Declare a conflict of interest").click()
        page.get_by_label("Why do you have a conflict of interest?").fill("The member is my sister-in-law.")
        page.screenshot(path=str(ARTIFACTS / "case-declare-conflict.png"), full_page=True)
        page.get_by_role("button", name="Declare a conflict of interest").click()
        page.wait_for_url(f"{live_server.url}/cases/")
        assert page.locator(f"tr[data-reference='{seeded_case}']").count() == 0
        response = page.goto(f"{live_server.url}/cases/{seeded_case}")
        assert response.status == 404
    finally:
        context.close()

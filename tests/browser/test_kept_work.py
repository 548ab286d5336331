"""Nothing typed is lost, in a real browser: the session ends mid-form, or the form's token goes stale, and the
typed text comes back in the same form; a post that fails its checks adds nothing to the complaint. axe-core runs
on every page visited."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest

from tests.browser.axe import axe_violations
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PASSWORD = "browser-kept-password-1"
OFFICER = "kept-mo@example.gov.uk"
TYPED = "The police have asked us to wait while they investigate the same post. Reviewed with legal services."

SEED = textwrap.dedent(
    """
    import json, sys
    from datetime import date, timedelta

    from triage import create_app
    from triage.data.cases import create_case_from_file
    from triage.data.councils import create_council, get_council_by_name
    from triage.data.users import create_user
    from triage.extensions import db
    from triage.models.enums import Jurisdiction, Role

    app = create_app()
    with app.app_context():
        council = get_council_by_name("Harrowden District Council") or create_council(
            "Harrowden District Council", Jurisdiction.ENGLAND, "lga-model-2020", actor="test"
        )
        officer = create_user("kept-mo@example.gov.uk", "Kim Keeper", Role.MONITORING_OFFICER, sys.argv[1])
        references = []
        for member in ("Cllr Dana Fox", "Cllr Ari Stone"):
            case = create_case_from_file(council, {
                "jurisdiction": "england", "code": "lga-model-2020",
                "received_on": (date.today() - timedelta(days=4)).isoformat(),
                "complainant": {"kind": "member_of_public", "name": "Lee Resident"},
                "subject_member": {"name": member, "role": "councillor", "in_office_at_time": "yes"},
                "posts": [{"text": "Residents of Mill Lane are scroungers.", "platform": "facebook",
                           "posted_on": (date.today() - timedelta(days=6)).isoformat()}],
            }, officer=officer)
            references.append(case.reference)
        db.session.commit()
        print(json.dumps({"references": references}))
    """
)


@pytest.fixture(scope="module")
def seeded(live_server):
    result = subprocess.run(
        [sys.executable, "-c", SEED, PASSWORD], env=live_server.env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _sign_in(page, url: str) -> None:
    page.get_by_label("Email address").fill(OFFICER)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(url))


def _fill_pause(page) -> None:
    page.get_by_label("Paused for other proceedings").check()
    page.get_by_label("Why is the case paused, or what information have you asked for?").fill(TYPED)


def test_the_session_ends_mid_form_and_the_text_comes_back_after_signing_in(page, live_server, seeded):
    status = f"{live_server.url}/cases/{seeded['references'][0]}/status"
    page.goto(f"{live_server.url}/sign-in")
    _sign_in(page, f"^{re.escape(live_server.url)}/$")
    page.goto(status)
    assert axe_violations(page) == []
    _fill_pause(page)
    page.context.clear_cookies()  # the session has gone: browser restarted, or the lifetime ran out
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(re.compile(r".*/sign-in"))
    assert "what you typed has been kept" in page.locator("main").inner_text()
    assert TYPED not in page.url
    assert axe_violations(page) == []
    _sign_in(page, re.escape(status))
    assert page.get_by_label("Why is the case paused, or what information have you asked for?").input_value() == TYPED
    assert page.get_by_label("Paused for other proceedings").is_checked()
    assert "has been put back" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kept-work-after-sign-in.png"), full_page=True)
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(re.compile(r".*/cases/.*#status$"))
    assert TYPED in page.locator("#case-summary").inner_text()


def test_a_stale_form_token_keeps_the_text(page, live_server, seeded):
    status = f"{live_server.url}/cases/{seeded['references'][1]}/status"
    page.goto(f"{live_server.url}/sign-in")
    _sign_in(page, f"^{re.escape(live_server.url)}/$")
    page.goto(status)
    page.get_by_label("More information sought").check()
    page.get_by_label("Why is the case paused, or what information have you asked for?").fill(TYPED)
    page.evaluate("() => { document.querySelector('main form input[name=csrf_token]').value = 'stale-token'; }")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(re.compile(re.escape(status) + "$"))
    assert page.get_by_label("Why is the case paused, or what information have you asked for?").input_value() == TYPED
    assert "Nothing was saved" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_a_post_that_fails_its_checks_adds_nothing_to_the_complaint(page, live_server, seeded):
    page.goto(f"{live_server.url}/sign-in")
    _sign_in(page, f"^{re.escape(live_server.url)}/$")
    page.goto(f"{live_server.url}/complaints/new/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(r".*/received$"))
    draft = page.url.rsplit("/", 1)[0]
    page.goto(f"{draft}/posts/new")
    page.locator("#text").fill("Typed words that must not be lost")
    page.get_by_role("button", name="Save and continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.locator("#text").input_value() == "Typed words that must not be lost"
    assert axe_violations(page) == []
    page.goto(f"{draft}/posts")
    heading = page.locator("h1").inner_text()
    assert "You have added 1 post" not in heading
    assert page.locator(".govuk-summary-card").count() == 0

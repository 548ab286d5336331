"""A member of the public complains through /complain in Debian's Chromium, then the officer takes it from the queue:

1. the complainant fills in the form, with a screenshot, and sends it (no account);
2. the acknowledgement email reaches the local SMTP server;
3. the complaint is in the officer's queue with what the tool inferred, marked as inferred;
4. the officer accepts it and finishes logging it;
5. the case's working-day clock starts on the day it was sent.

A second run of the form has JavaScript switched off. axe-core checks every page each browser loads.
"""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from tests.browser.axe import AXE, CHECKED, assert_accessible, track_visits
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_intake_journey import (  # noqa: F401 (intake_users is a fixture: the demo council)
    PASSWORD,
    _screenshot_file,
    intake_users,
)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")]

OFFICER = "public-journey-mo@example.gov.uk"
COMPLAINANT = "sam.public@example.org"
POST = "Cllr Margaret Ellory here. The so-called planning expert at the council lied to residents again. Sack him."


@pytest.fixture(scope="module")
def officer(live_server, intake_users):  # noqa: F811
    result = live_server.triage(
        "create-user",
        OFFICER,
        "--role",
        "monitoring_officer",
        "--name",
        "Pip Public",
        "--password-stdin",
        input=PASSWORD,
    )
    assert result.returncode == 0 or "already exists" in result.stderr, result.stderr
    return OFFICER


class Visitor:
    def __init__(self, browser, name: str, *, javascript: bool = True):
        self.context = browser.new_context(
            viewport={"width": 1000, "height": 900}, locale="en-GB", java_script_enabled=javascript
        )
        self.page = self.context.new_page()
        self.visited = track_visits(self.page)
        self.name, self.shots, self.javascript = name, 0, javascript

    def check(self, what: str) -> None:
        self.page.wait_for_load_state("load")
        if self.javascript:  # axe runs as script in the page: the no-JavaScript run checks the same pages without it
            assert_accessible(self.page, f"{self.name}: {what}")
        self.shots += 1
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"public-{self.name}-{self.shots:02d}-{what}.png"), full_page=True)

    def unchecked(self) -> list[str]:
        return sorted(set(self.visited) - CHECKED)


SECOND_POST = "And another thing: the planning officer should be ashamed. Everyone knows she lies."


def _fill_the_form(visitor: Visitor, live_server, screenshot: str | None) -> str:
    page = visitor.page
    page.goto(f"{live_server.url}/complain/")
    visitor.check("start")
    page.get_by_role("button", name="Start now").click()
    visitor.check("about-you")
    page.get_by_role("button", name="Continue").click()
    visitor.check("about-you-errors")
    assert "Enter your full name" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Your full name").fill("Sam Public")
    page.get_by_label("Email address").fill(COMPLAINANT)
    page.get_by_label("A member of the public").check()
    page.locator("#confidential").check()  # No
    page.get_by_role("button", name="Continue").click()
    visitor.check("councillor")
    if visitor.javascript:  # the register as a typeahead: type part of the name, pick from the matches
        box = page.get_by_role("combobox", name="Which councillor is the complaint about?")
        box.fill("ellory")
        page.get_by_role("option", name=re.compile("Margaret Ellory")).click()
        assert "Margaret Ellory" in box.input_value()
    else:
        select = page.get_by_label("Which councillor is the complaint about?")
        ellory = select.locator("option", has_text="Margaret Ellory").first.get_attribute("value")
        select.select_option(ellory)
    page.get_by_role("button", name="Continue").click()
    visitor.check("post")
    page.get_by_label("What did the post say?").fill(POST)
    page.get_by_label("Web address of the post (optional)").fill("https://www.facebook.com/CllrEllory/posts/7")
    page.get_by_label("Where was it posted?").select_option("facebook")
    page.get_by_label("Yes").check()
    if screenshot:
        page.locator("input[type=file]").set_input_files(screenshot)
    page.get_by_role("button", name="Continue").click()
    visitor.check("posts")
    if visitor.javascript:  # a second post, through the 'add another' pattern
        page.get_by_label("Yes").check()
        page.get_by_role("button", name="Continue").click()
        visitor.check("post-2")
        page.get_by_label("What did the post say?").fill(SECOND_POST)
        page.get_by_label("Where was it posted?").select_option("facebook")
        page.get_by_label("I do not know").check()
        page.get_by_role("button", name="Continue").click()
        visitor.check("posts-2")
        assert page.locator("h1").inner_text() == "You have added 2 posts"
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    visitor.check("what-happened")
    page.get_by_label(re.compile("What happened, and why")).fill(
        "She posted as a councillor and called an officer a liar in public."
    )
    page.get_by_role("button", name="Continue").click()
    visitor.check("check")
    assert "Sam Public" in page.locator("#answers").inner_text()
    time.sleep(1.2)  # the live server's minimum fill time is 1 s in these tests
    page.get_by_label(re.compile("I confirm that what I have told you is true")).check()
    page.get_by_role("button", name="Send the complaint").click()
    visitor.check("sent")
    return page.locator("#reference").inner_text().strip()


def test_a_member_of_the_public_complains_and_the_officer_logs_it(browser, live_server, officer, mailbox, tmp_path):
    _, received = mailbox
    before = len(received)
    public = Visitor(browser, "complainant")
    try:
        reference = _fill_the_form(public, live_server, _screenshot_file(tmp_path))
        assert reference.startswith("WEB-")
        assert public.unchecked() == []
    finally:
        public.context.close()

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(m["To"] == COMPLAINANT for m in received[before:]):
        time.sleep(0.1)
    acknowledgement = next(m for m in received[before:] if m["To"] == COMPLAINANT)
    assert reference in acknowledgement["Subject"]

    staff = Visitor(browser, "officer")
    page = staff.page
    try:
        page.goto(f"{live_server.url}/sign-in")
        staff.check("sign-in")
        page.get_by_label("Email address").fill(OFFICER)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        staff.check("home")
        page.locator('[data-queue="public"] a').click()
        staff.check("queue")
        page.get_by_role("link", name=reference).click()
        staff.check("complaint")
        assert POST in page.locator("#post-1").inner_text()
        assert SECOND_POST in page.locator("#post-2").inner_text()
        picture = page.locator("#post-1 img")
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")  # the officer sees what was sent
        assert "Inferred:" in page.locator("#inferred").inner_text()
        page.get_by_role("button", name="Accept and log it as a case").click()
        # The intake journey, prefilled from the form: confirm the member, complete the post, answer the questions.
        staff.check("member-details")
        assert "From the public form" in page.locator("#from-public-form").inner_text()
        page.get_by_role("button", name="Save and continue").click()
        staff.check("posts-incomplete")
        assert page.locator(".govuk-summary-card").count() == 2  # both posts came across
        assert "Incomplete" in page.locator(".govuk-summary-card").first.inner_text()
        for number in (1, 2):
            page.get_by_role("link", name=f"Change post {number}").click()
            staff.check(f"post-{number}")
            page.get_by_label("The member complained about").check()
            page.get_by_label("An account presenting them as a councillor", exact=False).check()
            page.get_by_label("Anyone: it was public").check()
            page.get_by_label("Wrote a post of their own").check()
            page.get_by_role("button", name="Save and continue").click()
            staff.check(f"posts-{number}")
        page.locator("#add_another-2").check()  # No
        page.get_by_role("button", name="Save and continue").click()
        for number in range(1, 5):
            page.wait_for_url(re.compile(r".*/questions/\w+$"))
            staff.check(f"questions-{number}")
            _answer_questions_once(page)
        staff.check("check")
        page.get_by_role("button", name="Create case").click()
        page.wait_for_url(re.compile(r".*/confirmation$"))
        staff.check("confirmation")
        case = page.locator("#case-reference").inner_text().strip()
        page.goto(f"{live_server.url}/cases/{case}")
        staff.check("case")
        summary = page.locator("main").inner_text()
        today = date.today()
        assert f"{today.day} {today:%B %Y}" in summary  # received on the day it was sent: the clock starts there
        assert "Online form" in summary or "online form" in summary
        # The complainant's own account is on the case, word for word, as the complaint form received.
        assert "in the complainant's words" in summary and "called an officer a liar in public" in summary
        assert staff.unchecked() == []
    finally:
        staff.context.close()


def _answer_questions_once(page) -> None:
    for fieldset in page.locator(".app-question").all():
        if fieldset.locator("input:checked").count() == 0:
            fieldset.locator("input[value=unknown]").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state("domcontentloaded")


def test_the_form_works_without_javascript(browser, live_server, officer):
    visitor = Visitor(browser, "no-javascript", javascript=False)
    try:
        reference = _fill_the_form(visitor, live_server, None)
        assert reference.startswith("WEB-")
    finally:
        visitor.context.close()


def test_the_form_in_welsh_with_the_typeahead_speaking_welsh(browser, live_server, officer, mailbox):
    """A visitor switches to Cymraeg, finds the councillor with the typeahead (its spoken messages in Welsh), sends the
    complaint and gets the acknowledgement in Welsh; axe checks every page in Welsh too."""
    _, received = mailbox
    before = len(received)
    visitor = Visitor(browser, "welsh")
    page = visitor.page
    try:
        page.goto(f"{live_server.url}/complain/")
        visitor.check("start-english")
        page.get_by_role("link", name="Cymraeg").click()
        visitor.check("dechrau")
        assert page.locator("html").get_attribute("lang") == "cy"
        page.get_by_role("button", name="Dechrau nawr").click()
        visitor.check("amdanoch-chi")
        page.get_by_label("Eich enw llawn").fill("Rhys Jones")
        page.get_by_label("Cyfeiriad e-bost").fill("rhys.jones@example.org")
        page.get_by_label("Aelod o'r cyhoedd").check()
        page.locator("#confidential").check()  # Nac ydw
        page.get_by_role("button", name="Parhau").click()
        visitor.check("y-cynghorydd")
        box = page.get_by_role("combobox", name="Am ba gynghorydd mae'r gŵyn?")
        box.fill("zzzz")
        assert "Does dim cynghorwyr yn cyfateb." in page.locator(".app-typeahead [role=status]").inner_text()
        assert page.get_by_role("option", name="Heb ei restru").is_visible()  # always offered
        box.fill("ellory")
        assert "cyfateb" in page.locator(".app-typeahead [role=status]").inner_text()
        page.get_by_role("option", name=re.compile("Margaret Ellory")).click()
        page.get_by_role("button", name="Parhau").click()
        visitor.check("postiad")
        page.get_by_label("Beth oedd y postiad yn ei ddweud?").fill(POST)
        page.get_by_label("Ble cafodd ei bostio?").select_option("facebook")
        page.get_by_label("Dydw i ddim yn gwybod").check()
        page.get_by_role("button", name="Parhau").click()
        visitor.check("postiadau")
        page.get_by_label("Nac ydw").check()
        page.get_by_role("button", name="Parhau").click()
        visitor.check("beth-ddigwyddodd")
        page.get_by_role("textbox").fill("Galwodd swyddog yn gelwyddgi yn gyhoeddus.")
        page.get_by_role("button", name="Parhau").click()
        visitor.check("gwirio")
        time.sleep(1.2)
        page.get_by_label(re.compile("Rwy'n cadarnhau")).check()
        page.get_by_role("button", name="Anfon y gŵyn").click()
        visitor.check("wedi-anfon")
        reference = page.locator("#reference").inner_text().strip()
        assert visitor.unchecked() == []
    finally:
        visitor.context.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(m["To"] == "rhys.jones@example.org" for m in received[before:]):
        time.sleep(0.1)
    acknowledgement = next(m for m in received[before:] if m["To"] == "rhys.jones@example.org")
    assert reference in str(acknowledgement["Subject"]) and "cyfeirnod" in str(acknowledgement["Subject"])

"""One complaint from intake to review, through every role in Debian's Chromium, as the people would do it:

1. the officer logs a complaint and refers it to an Independent Person;
2. the email arrives at the local SMTP server;
3. the Independent Person signs in from the email's link and records their views;
4. the officer decides (investigation), names the investigator, and moves the case to a hearing;
5. the standards panel member, referred by email, records the hearing with a finding and a sanction;
6. the officer reviews the decision;
7. the decision notice (PDF) shows each of those steps.

axe-core checks every page each person's browser loads; the test fails if a page was loaded and not checked.
"""

from __future__ import annotations

import io
import re
import time
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from tests.browser.axe import AXE, CHECKED, assert_accessible, track_visits
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_intake_journey import PASSWORD, _log_complaint, intake_users  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")]

OFFICER = "journey-mo@example.gov.uk"
IP = "journey-ip@example.gov.uk"
PANEL = "journey-panel@example.gov.uk"
PEOPLE = (
    (OFFICER, "monitoring_officer", "Robin Journey"),
    (IP, "independent_person", "Avery Independent"),
    (PANEL, "panel_member", "Parker Panel"),
)


@pytest.fixture(scope="module")
def people(live_server, intake_users):  # noqa: F811 (the imported fixture)
    for email, role, name in PEOPLE:
        result = live_server.triage(
            "create-user", email, "--role", role, "--name", name, "--password-stdin", input=PASSWORD
        )
        assert result.returncode == 0 or "already exists" in result.stderr, result.stderr
    return PEOPLE


class Person:
    """One person's browser: every page it loads is recorded, and :meth:`check` runs axe-core on the current one."""

    def __init__(self, browser, live_server, name: str):
        self.context = browser.new_context(
            viewport={"width": 1100, "height": 900}, locale="en-GB", accept_downloads=True
        )
        self.page = self.context.new_page()
        self.visited = track_visits(self.page)
        self.url = live_server.url
        self.name = name
        self.shots = 0

    def check(self, what: str) -> None:
        self.page.wait_for_load_state("load")
        assert_accessible(self.page, f"{self.name}: {what}")
        self.shots += 1
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"journey-{self.name}-{self.shots:02d}-{what}.png"), full_page=True)

    def sign_in(self, email: str) -> None:
        """From whatever page asked for sign-in (the start page, or the link in an email)."""
        self.check("sign-in")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_role("textbox", name="Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state("load")

    def unchecked(self) -> list[str]:
        return sorted(set(self.visited) - CHECKED)

    def close(self) -> None:
        self.context.close()


def _email_to(received: list, address: str, since: int):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = [m for m in received[since:] if m["To"] == address]
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no email reached {address}")


def _link_in(message) -> str:
    body = (
        message.get_payload(decode=True).decode()
        if not message.is_multipart()
        else message.get_payload(0).get_payload()
    )
    return re.search(r"https?://\S+", body).group(0)


def _fill_today(page, field: str) -> None:
    today = date.today()
    page.locator(f"#{field}-day").fill(str(today.day))
    page.locator(f"#{field}-month").fill(str(today.month))
    page.locator(f"#{field}-year").fill(str(today.year))


def test_a_complaint_goes_from_intake_through_the_independent_person_and_panel_to_review(
    browser, live_server, people, mailbox
):
    _, received = mailbox
    people_seen: list[Person] = []

    # 1. The officer logs the complaint and refers it to the Independent Person.
    officer = Person(browser, live_server, "officer")
    people_seen.append(officer)
    page = officer.page
    page.goto(f"{live_server.url}/sign-in")
    officer.sign_in(OFFICER)
    officer.check("home")
    _log_complaint(
        page,
        live_server,
        received=date.today() - timedelta(days=3),
        posted=date.today() - timedelta(days=6),
        upload=None,
        prefix="journey",
    )
    officer.check("check-answers")
    page.get_by_role("button", name="Create case").click()
    page.wait_for_url(re.compile(r".*/confirmation$"))
    reference = page.locator("#case-reference").inner_text().strip()
    officer.check("confirmation")
    page.goto(f"{live_server.url}/cases/{reference}")
    officer.check("case")
    page.get_by_role("link", name="Refer to an Independent Person or the standards panel").click()
    officer.check("referrals")
    page.get_by_label("For the views of an Independent Person").check()
    page.get_by_label("Avery Independent (Independent Person)").check()
    page.get_by_label("Message (optional)").fill("Your views at initial assessment, please.")
    mail_before = len(received)
    page.get_by_role("button", name="Refer the case").click()
    assert "Referred to Avery Independent" in page.locator(".govuk-notification-banner").inner_text()
    officer.check("referred-to-ip")

    # 2. The email arrives at the local SMTP server, with a link to the case and nothing of the complaint in it.
    email = _email_to(received, IP, mail_before)
    link = _link_in(email)
    assert link == f"{live_server.url}/cases/{reference}"
    assert "Margaret Ellory" not in email.as_string()

    # 3. The Independent Person follows the link, signs in, lands on the case and records their views.
    ip = Person(browser, live_server, "independent-person")
    people_seen.append(ip)
    ip.page.goto(link)
    ip.sign_in(IP)
    ip.page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    ip.check("case")
    ip.page.get_by_role("link", name="Record your views").click()
    ip.check("views")
    _fill_today(ip.page, "consulted_on")
    ip.page.get_by_label("The Independent Person's views").fill(
        "The post names a council officer and calls them a liar in public. I would investigate."
    )
    ip.page.get_by_role("button", name="Record the views").click()
    ip.page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    assert "I would investigate" in ip.page.locator("#decision").inner_text()
    ip.check("views-recorded")
    ip.page.goto(f"{live_server.url}/")
    assert reference in ip.page.locator("#referred").inner_text()
    ip.check("home")

    # 4. The officer decides to investigate, names the investigator, and moves the case to a hearing.
    page.goto(f"{live_server.url}/cases/{reference}")
    officer.check("case-with-views")
    assert "I would investigate" in page.locator("#decision").inner_text()
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(re.compile(rf".*/cases/{reference}/decision$"))
    officer.check("decision")
    page.get_by_label("Refer for investigation").check()
    page.locator("input[name=paragraphs]").first.check()
    paragraph = page.locator("input[name=paragraphs]").first.get_attribute("value")
    page.get_by_label("Reasons for the decision").fill(
        "The member posted as a councillor and accused a named officer of lying. The Independent Person agrees "
        "an investigation is needed."
    )
    if page.locator("#override_reason").is_visible():  # asked only where the decision differs from the tool's
        page.locator("#override_reason").fill("The Independent Person's views and the named officer weigh for it.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    assert "Refer for investigation" in page.locator("#decision").inner_text()
    officer.check("decided")

    page.get_by_role("link", name="Change status").first.click()
    officer.check("status")
    page.get_by_label("Under investigation").check()
    page.get_by_label("Who is investigating?").fill("Dana Inquiry, Harrowden legal services")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    officer.check("investigation")
    page.get_by_role("link", name="Change status").first.click()
    officer.check("status-2")
    page.get_by_label("Awaiting or at hearing").check()
    page.get_by_label("Breach found").check()
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    officer.check("hearing-status")

    page.get_by_role("link", name="Refer to an Independent Person or the standards panel").click()
    officer.check("referrals-2")
    page.get_by_label("For a standards panel hearing").check()
    page.get_by_label("Parker Panel (Standards panel member)").check()
    mail_before = len(received)
    page.get_by_role("button", name="Refer the case").click()
    assert "Referred to Parker Panel" in page.locator(".govuk-notification-banner").inner_text()
    officer.check("referred-to-panel")

    # 5. The panel member follows their email and records the hearing: a breach and a sanction.
    panel_link = _link_in(_email_to(received, PANEL, mail_before))
    panel = Person(browser, live_server, "panel")
    people_seen.append(panel)
    panel.page.goto(panel_link)
    panel.sign_in(PANEL)
    panel.page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    panel.check("case")
    panel.page.get_by_role("link", name="Record a standards panel hearing").click()
    panel.check("hearing")
    _fill_today(panel.page, "held_on")
    panel.page.get_by_label("Who sat on the panel?").fill("Cllr A Chair (chair)\nCllr B Member\nAvery Independent")
    panel.page.locator("input[name=breached]").first.check()
    panel.page.get_by_label("Formal censure").check()
    panel.page.get_by_label("The panel's reasons").fill(
        "The post was a personal attack on an officer, made as a councillor."
    )
    panel.page.get_by_role("button", name="Record the hearing").click()
    panel.page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    assert "breach found; sanction: formal censure" in panel.page.locator("#decision").inner_text()
    panel.check("hearing-recorded")

    # 6. The officer reviews the decision: the earlier one is kept and shown.
    page.goto(f"{live_server.url}/cases/{reference}")
    officer.check("case-after-hearing")
    page.get_by_role("link", name="Review the decision").click()
    officer.check("review")
    page.get_by_label("Informal resolution").check()
    page.locator("input[name=paragraphs]").first.check()
    page.get_by_label("Reasons for the decision").fill(
        "Following the hearing the member apologised to the officer in writing; the remaining steps are informal."
    )
    page.get_by_label("Why is the decision being reviewed?").fill("The member asked for a review after the hearing.")
    if page.locator("#override_reason").is_visible():
        page.locator("#override_reason").fill("The hearing has taken place; an informal close is proportionate.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(re.compile(rf".*/cases/{reference}(#\w+)?$"))
    section = page.locator("#decision").inner_text()
    assert "Earlier decisions on this case" in section and "Refer for investigation" in section
    officer.check("reviewed")

    # 7. The decision notice shows each step, in order.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Download the initial assessment decision notice")).click()
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read())).pages
    )
    flat = re.sub(r"\s+", " ", text)
    steps = [
        "The complaint was received.",
        "Referred to Avery Independent for their views as Independent Person.",
        "Avery Independent gave their views.",
        "Decision: refer for investigation.",
        "Referred to Parker Panel for a standards panel hearing.",
        f"Standards panel hearing: breach found (paragraph {paragraph}); sanction: formal censure.",
        "The decision was reviewed; the new decision: informal resolution.",
    ]
    positions = [flat.find(step) for step in steps]
    assert -1 not in positions, [s for s, p in zip(steps, positions, strict=True) if p == -1]
    assert positions == sorted(positions), "the steps are out of order"
    assert "The member asked for a review after the hearing." in flat
    assert "I would investigate" in flat

    try:
        for person in people_seen:
            assert person.unchecked() == [], f"{person.name} loaded pages axe-core did not check"
    finally:
        for person in people_seen:
            person.close()

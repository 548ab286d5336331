"""A monitoring officer logs complaints end to end in Debian's Chromium: an error and its recovery, a screenshot
upload, the duplicate warning when the same post is logged twice, the confirmation with the reference, and the case
found again from the case list. axe-core checks every page of the journey; a second test completes the journey
with the keyboard only. Full-page screenshots are saved in test-artifacts/ as intake-*.png."""

from __future__ import annotations

import io
import re
import time
from datetime import date, timedelta

import pytest
from PIL import Image, ImageDraw

from tests.browser.axe import AXE, assert_accessible
from tests.browser.conftest import ARTIFACTS
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

PASSWORD = "browser-intake-password-1"
OFFICER = "intake-mo@example.gov.uk"
KEYBOARD_OFFICER = "intake-keyboard-mo@example.gov.uk"
POST_URL = "https://www.facebook.com/harrowden.first/posts/90210"
POST_TEXT = (
    "Cllr Margaret Ellory here. The so-called planning expert at the council has lied to residents again "
    "about the Mill Street library. Time he was sacked."
)


@pytest.fixture(scope="module")
def intake_users(live_server, tmp_path_factory):
    """The demo council and its register (seed-demo without sample cases, then import-members) and two officers."""
    empty = tmp_path_factory.mktemp("no-sample-cases")
    result = live_server.triage("seed-demo", "--password", "demo-password-not-used-here", "--sample-cases", str(empty))
    assert result.returncode == 0, result.stderr
    # Another test may have created the council first (seed-demo then leaves the register alone): load it anyway.
    result = live_server.triage("import-members", str(REPO_ROOT / "triage" / "demo_data" / "members.csv"))
    assert result.returncode == 0, result.stderr
    for email, name in ((OFFICER, "Morgan Intake"), (KEYBOARD_OFFICER, "Kim Keyboard")):
        result = live_server.triage(
            "create-user", email, "--role", "monitoring_officer", "--name", name, "--password-stdin", input=PASSWORD
        )
        assert result.returncode == 0 or "already exists" in result.stderr, result.stderr
    return OFFICER


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"intake-{name}.png"), full_page=True)


def _check(page, name: str) -> None:
    """axe-core on the current page, then a screenshot for the record."""
    if AXE.exists():
        assert_accessible(page, name)
    _shot(page, name)


def _sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def _screenshot_file(folder) -> str:
    image = Image.new("RGB", (720, 300), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 720, 50), fill=(59, 89, 152))
    draw.text((16, 18), "Cllr Margaret Ellory", fill=(255, 255, 255))
    draw.text((16, 80), POST_TEXT[:70], fill=(0, 0, 0))
    draw.text((16, 110), POST_TEXT[70:], fill=(0, 0, 0))
    path = folder / "facebook-post.png"
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def _fill_date(page, name: str, day: date) -> None:
    page.locator(f"#{name}-day").fill(str(day.day))
    page.locator(f"#{name}-month").fill(str(day.month))
    page.locator(f"#{name}-year").fill(str(day.year))


def _continue(page) -> None:
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state("domcontentloaded")


def _answer_questions(page, name_prefix: str | None) -> None:
    """Keep every prefilled answer; answer 'Not known yet' to the rest (every group page)."""
    for number in range(1, 5):
        page.wait_for_url(re.compile(r".*/questions/\w+$"))
        assert f"{number} of 4" in page.locator(".govuk-caption-l").inner_text()
        for fieldset in page.locator(".app-question").all():
            if fieldset.locator("input:checked").count() == 0:
                fieldset.locator("input[value=unknown]").check()
        if name_prefix:
            _check(page, f"{name_prefix}-questions-{number}")
        _continue(page)


def _log_complaint(page, live_server, *, received: date, posted: date, upload: str | None, prefix: str | None):
    """Everything from the start page to check your answers. With a prefix, axe and screenshots on every page."""
    check = (lambda name: _check(page, f"{prefix}-{name}")) if prefix else (lambda name: None)

    page.get_by_role("button", name="Log a new complaint").click()
    page.wait_for_url(f"{live_server.url}/complaints/new/")
    check("01-start")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(r".*/received$"))

    # 1. The complaint: a date in the future first, to see the error and recover from it.
    check("02-received")
    _fill_date(page, "received_on", date.today() + timedelta(days=7))
    page.get_by_label("Email", exact=True).check()
    _continue(page)
    if prefix:
        summary = page.locator(".govuk-error-summary")
        assert "Date received must be today or in the past" in summary.inner_text()
        assert page.title().startswith("Error: ")
        assert page.get_by_label("Email", exact=True).is_checked()  # what was chosen is kept
        check("03-received-error")
        summary.get_by_role("link", name="Date received must be today or in the past").click()
        assert page.evaluate("() => document.activeElement.id") == "received_on-day"
    _fill_date(page, "received_on", received)
    _continue(page)

    # The complainant.
    page.wait_for_url(re.compile(r".*/complainant$"))
    page.get_by_label("A member of the public").check()
    page.get_by_label("Full name").fill("Jo Resident")
    page.get_by_label("Email address (optional)").fill("jo.resident@example.org")
    page.locator("#confidentiality-2").check()  # No
    check("04-complainant")
    _continue(page)

    # 2. The member, with the typeahead over the register.
    page.wait_for_url(re.compile(r".*/member$"))
    combobox = page.get_by_role("combobox", name="Which member is the complaint about?")
    combobox.fill("ellory")
    option = page.get_by_role("option", name=re.compile("Cllr Margaret Ellory"))
    option.wait_for()
    check("05-member-typeahead")
    option.click()
    assert page.locator("#member_id-select").input_value() != ""
    _continue(page)

    page.wait_for_url(re.compile(r".*/member-details$"))
    assert page.get_by_label("Leader of the council").is_checked()
    assert "Prefilled" in page.locator("#role-hint").inner_text()
    check("06-member-details")
    _continue(page)

    # 3. The post, with a screenshot.
    page.wait_for_url(re.compile(r".*/posts/new$"))
    page.get_by_label("What are the words of the post, exactly as posted?").fill(POST_TEXT)
    page.get_by_label("Web address of the post (optional)").fill(POST_URL)
    page.get_by_label("Where was it posted?").select_option("facebook")
    _fill_date(page, "posted_on", posted)
    page.get_by_label("The member complained about").check()
    page.get_by_label("An account presenting them as a councillor", exact=False).check()
    page.get_by_label("Anyone: it was public").check()
    page.get_by_label("Wrote a post of their own").check()
    page.locator("#removed-2").check()  # No
    if upload:
        page.locator("input[type=file][name=screenshots]").set_input_files(upload)
    check("07-post")
    _continue(page)
    page.wait_for_url(re.compile(r".*/posts$"))
    if upload:
        assert "1" in page.locator(".govuk-summary-card").first.inner_text()
    check("08-posts")
    page.locator("#add_another-2").check()  # No
    _continue(page)

    # 4. The structured questions.
    _answer_questions(page, prefix)

    # 5. Check your answers.
    page.wait_for_url(re.compile(r".*/check$"))


def test_officer_logs_a_complaint_end_to_end_in_a_real_browser(live_server, intake_users, page, tmp_path):
    started = time.monotonic()
    _sign_in(page, live_server, OFFICER)
    received, posted = date.today() - timedelta(days=2), date.today() - timedelta(days=9)
    upload = _screenshot_file(tmp_path)

    _log_complaint(page, live_server, received=received, posted=posted, upload=upload, prefix="first")
    assert "Check your answers" in page.locator("h1").inner_text()
    assert POST_URL in page.locator("#check-post-1").inner_text()
    thumbnail = page.locator("#check-post-1 img.app-screenshot-thumb")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert thumbnail.evaluate("img => img.naturalWidth") == 720
    assert "Prefilled" in page.locator("#check-capacity").inner_text()
    _check(page, "first-09-check")
    page.get_by_role("button", name="Create case").click()
    page.wait_for_url(re.compile(r".*/confirmation$"))
    reference = page.locator("#case-reference").inner_text().strip()
    assert re.fullmatch(rf"SC-{received.year}-\d{{4}}", reference)
    _check(page, "first-10-confirmation")
    first_journey = time.monotonic() - started

    # The same post again, from another complainant: check your answers warns and links the first case.
    page.goto(f"{live_server.url}/")
    _log_complaint(page, live_server, received=received, posted=posted, upload=None, prefix=None)
    warning = page.locator("#duplicate-warning")
    assert reference in warning.inner_text()
    assert "same web address" in warning.inner_text()
    _check(page, "second-09-check-duplicate")
    page.get_by_role("button", name="Create case").click()
    page.wait_for_url(re.compile(r".*/confirmation$"))
    second = page.locator("#case-reference").inner_text().strip()
    assert second != reference

    # Found again from the case list.
    page.goto(f"{live_server.url}/cases/")
    link = page.get_by_role("link", name=reference, exact=True).first
    link.click()
    page.wait_for_url(re.compile(rf".*/cases/{reference}$"))
    assert reference in page.locator("h1").inner_text()
    assert POST_TEXT[:40] in page.locator("main").inner_text()
    _shot(page, "first-11-case-page")
    # A generous bound on the scripted journey: people take longer, but the pages must not be the slow part.
    assert first_journey < 120, f"the first journey took {first_journey:.0f} s"


# --- keyboard only -----------------------------------------------------------------------------------------------


def _focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {id: e.id, name: e.name || '', tag: e.tagName,"
        " type: e.type || '', text: (e.innerText || e.value || '').trim().slice(0, 60), checked: !!e.checked}; }"
    )


def _tab_to(page, test, what: str, limit: int = 80, back: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element passes `test`."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        element = _focused(page)
        if test(element):
            return element
    raise AssertionError(f"could not reach {what} with the keyboard on {page.url}")


def _tab_to_id(page, element_id: str) -> None:
    _tab_to(page, lambda e: e["id"] == element_id, f"#{element_id}")


def _type_into(page, element_id: str, text: str) -> None:
    _tab_to_id(page, element_id)
    page.keyboard.type(text)


def _choose_radio(page, name: str, position: int) -> None:
    """Tab into a radio group and move to the option at `position` (1-based) with the arrow keys, which is how
    a radio group is operated from the keyboard (Tab enters the group, arrows choose within it)."""
    _tab_to(page, lambda e: e["name"] == name and e["type"] == "radio", f"radios {name}")
    for _ in range(position - 1):
        page.keyboard.press("ArrowDown")
    if not _focused(page)["checked"]:
        page.keyboard.press("Space")


def _press_save_and_continue(page) -> None:
    _tab_to(page, lambda e: e["id"] == "submit", "Save and continue")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _type_date(page, name: str, day: date) -> None:
    _type_into(page, f"{name}-day", str(day.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.year))


def test_the_journey_can_be_completed_with_the_keyboard_only(live_server, intake_users, page):
    page.goto(f"{live_server.url}/sign-in")
    _type_into(page, "email", KEYBOARD_OFFICER)
    _type_into(page, "password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/"

    _tab_to(page, lambda e: e["text"].startswith("Log a new complaint"), "the start button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, lambda e: e["id"] == "start-now", "Start now")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    received = date.today() - timedelta(days=1)
    _type_date(page, "received_on", received)
    _choose_radio(page, "received_via", 2)  # Email
    _press_save_and_continue(page)

    assert page.url.endswith("/complainant")
    _choose_radio(page, "kind", 1)  # A member of the public
    _type_into(page, "name", "Sam Keyboard")
    _choose_radio(page, "confidentiality", 2)  # No
    _press_save_and_continue(page)

    assert page.url.endswith("/member")
    _type_into(page, "member_id", "Okafor")
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")  # chooses the only match
    assert "Okafor" in page.locator("#member_id").input_value()
    _press_save_and_continue(page)

    assert page.url.endswith("/member-details")
    _press_save_and_continue(page)  # role and term prefilled from the register

    assert page.url.endswith("/posts/new")
    _type_into(page, "text", "Cllr Okafor: typed from the keyboard, with a web address and no mouse.")
    page.keyboard.press("Tab")
    page.keyboard.type("https://x.com/cllrokafor/status/1")
    _tab_to_id(page, "platform")
    page.keyboard.type("X (")  # a select chooses by typing the start of an option
    assert page.locator("#platform").input_value() == "x"
    _choose_radio(page, "author", 1)
    _choose_radio(page, "account_kind", 1)
    _choose_radio(page, "visibility", 1)
    _choose_radio(page, "interaction", 1)
    _choose_radio(page, "removed", 3)
    _press_save_and_continue(page)

    assert page.url.endswith("/posts")
    _choose_radio(page, "add_another", 2)
    _press_save_and_continue(page)

    from triage.scoring import questions as catalogue

    for group, _ in catalogue.GROUPS:
        assert page.url.endswith(f"/questions/{group}")
        for q in catalogue.questions_in_group(group):
            already = page.locator(f"input[name={q.id}]:checked").count() > 0
            if not already:
                _choose_radio(page, q.id, list(q.options).index("unknown") + 1)
        _press_save_and_continue(page)

    assert page.url.endswith("/check")
    _tab_to(page, lambda e: e["text"] == "Create case", "Create case")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/confirmation")
    reference = page.locator("#case-reference").inner_text().strip()
    assert reference.startswith("SC-")
    _tab_to(page, lambda e: e["id"] == "view-case", "View case")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/cases/{reference}")
    _shot(page, "keyboard-case-page")

"""Kill the server in the middle of logging a complaint and start it again on the same database: the draft is
intact and the officer carries on where they stopped (every intake step is committed before the next page)."""

from __future__ import annotations

import re
import signal
import sqlite3
from datetime import date, timedelta

import pytest

from tests.browser.conftest import ARTIFACTS, LiveServer

pytestmark = pytest.mark.browser

PASSWORD = "crash-test-password-1"
EMAIL = "crash-mo@example.gov.uk"


@pytest.fixture
def server(tmp_path):
    live = LiveServer(tmp_path)
    for args, stdin in (
        (("init-db",), None),
        (("create-council", "Crashshire District Council"), None),
        (("create-user", EMAIL, "--role", "monitoring_officer", "--name", "Casey Crash", "--password-stdin"), PASSWORD),
    ):
        result = live.triage(*args, input=stdin)
        assert result.returncode == 0, result.stderr
    live.start()
    yield live
    if live.process and live.process.poll() is None:
        live.stop()


def _sign_in(page, url: str) -> None:
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(url))


def test_a_draft_survives_the_server_being_killed(server, page):
    received = date.today() - timedelta(days=3)
    page.goto(f"{server.url}/sign-in")
    _sign_in(page, f"^{re.escape(server.url)}/$")
    page.goto(f"{server.url}/complaints/new/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(r".*/received$"))
    public_id = page.url.rsplit("/", 2)[-2]
    page.locator("#received_on-day").fill(str(received.day))
    page.locator("#received_on-month").fill(str(received.month))
    page.locator("#received_on-year").fill(str(received.year))
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r".*/complainant$"))
    page.get_by_label("A member of the public").check()
    page.get_by_label("Full name").fill("Jo Crash-Resident")
    page.get_by_label("Email address (optional)").fill("jo.crash@example.org")
    page.locator("#confidentiality-2").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r".*/member$"))

    # No clean shutdown: SIGKILL, as in a power cut or the OOM killer.
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(timeout=10)
    database = server.root / "instance" / "triage.sqlite3"
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    server.start()  # same database, same port, same secret key
    page.goto(f"{server.url}/complaints/new/{public_id}")
    if "/sign-in" in page.url:  # the session may have been lost with the process; the draft must not be
        _sign_in(page, r".*/member$")
    page.wait_for_url(re.compile(r".*/member$"))  # resumes at the first step not yet done
    page.goto(f"{server.url}/complaints/new/{public_id}/complainant")
    assert page.get_by_label("Full name").input_value() == "Jo Crash-Resident"
    assert page.get_by_label("Email address (optional)").input_value() == "jo.crash@example.org"
    assert page.get_by_label("A member of the public").is_checked()
    page.goto(f"{server.url}/complaints/new/{public_id}/received")
    assert page.locator("#received_on-day").input_value() == str(received.day)
    assert page.locator("#received_on-year").input_value() == str(received.year)
    assert page.get_by_label("Email", exact=True).is_checked()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "crash-recovery-resumed.png"), full_page=True)

"""Nothing typed is lost: a form posted with a stale token, or after the session has gone, is kept server-side and
put back into the same form once, after signing in again; never in a URL, never for someone else."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import TEST_PASSWORD
from tests.notes.helpers import make_case

TYPED = "Police are looking at the same post; typed at length before lunch."


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def case(app, council, db_session):
    return make_case(app, council, screenshot=False)


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.data, "html5lib")


def _sign_in(client, user):
    token = _page(client, "/sign-in").select_one("input[name=csrf_token]")["value"]
    response = client.post("/sign-in", data={"csrf_token": token, "email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def test_a_stale_token_keeps_the_typed_text_and_puts_it_back_once(app, csrf_on, make_user, case):
    client = app.test_client()
    officer = make_user("monitoring_officer")
    _sign_in(client, officer)
    path = f"/cases/{case.reference}/status"
    version = _page(client, path).select_one("input[name=version]")["value"]
    response = client.post(path, data={"csrf_token": "stale", "version": version, "status": "paused", "reason": TYPED})
    assert response.status_code == 303 and response.headers["Location"] == path
    assert TYPED not in response.headers["Location"]
    again = _page(client, path)
    assert again.select_one("textarea[name=reason]").text == TYPED
    assert again.select_one("input[name=status][value=paused]").has_attr("checked")
    assert "what you typed has been kept" in again.text
    assert "has been put back" in again.text
    assert _page(client, path).select_one("textarea[name=reason]").text == ""  # handed back once only


def test_work_posted_after_the_session_has_gone_comes_back_after_signing_in(app, csrf_on, make_user, case):
    officer = make_user("monitoring_officer")
    other = make_user("monitoring_officer", email="other-officer@example.gov.uk")
    path = f"/cases/{case.reference}/status"
    browser = app.test_client()
    _sign_in(browser, officer)
    version = _page(browser, path).select_one("input[name=version]")["value"]
    token = _page(browser, path).select_one("input[name=csrf_token]")["value"]
    browser.delete_cookie("triage_session")  # the session has gone (closed browser, lifetime reached)
    response = browser.post(
        path,
        data={"csrf_token": token, "version": version, "status": "paused", "reason": TYPED, "password": "secret"},
    )
    assert response.status_code == 303
    kept_cookie = browser.get_cookie("triage_kept")
    assert kept_cookie is not None and kept_cookie.http_only
    assert browser.get(path).status_code == 302  # signed out: the page asks for sign-in first

    _sign_in(browser, officer)
    assert browser.get_cookie("triage_kept") is None
    assert _page(browser, path).select_one("textarea[name=reason]").text == TYPED

    # Someone else signing in elsewhere never sees it, and the password typed was never kept.
    from triage.extensions import db
    from triage.models import KeptForm

    assert all("secret" not in str(row.fields) for row in db.session.query(KeptForm))
    elsewhere = app.test_client()
    _sign_in(elsewhere, other)
    assert _page(elsewhere, path).select_one("textarea[name=reason]").text == ""


def test_the_form_error_page_never_sends_people_to_another_site(app, csrf_on, make_user):
    client = app.test_client()
    response = client.post("/sign-out", headers={"Referer": "https://evil.example/phish"})
    assert response.status_code == 303
    assert "evil.example" not in response.headers["Location"]

from datetime import timedelta

import pytest

from tests.conftest import TEST_PASSWORD, normalise_space


def test_home_page_needs_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")


def test_sign_in_page_uses_the_council_branding_without_govuk_marks(client):
    page = client.page("/sign-in")
    assert normalise_space(page.title.text) == "Sign in – Standards Triage – Harrowden District Council"
    assert page.select_one(".govuk-header__logotype") is None
    assert page.select_one(".govuk-footer__crown") is None
    assert page.select_one("header .govuk-header") is not None or page.select_one(".govuk-generic-header")
    assert "© Harrowden District Council" in normalise_space(page.select_one("footer").text)
    assert page.select_one("input#email")["autocomplete"] == "username"


def test_signed_in_home_page_shows_who_is_signed_in(client, sign_in):
    user = sign_in("analyst")
    page = client.page("/")
    assert normalise_space(page.select_one("h1").text) == "Code of Conduct complaints"
    assert user.name in page.text
    assert page.select_one("[data-count=total] a").contents[0].strip() == "0"
    assert page.select_one("form[action='/sign-out'] button").text.strip() == "Sign out"


def test_wrong_password_shows_an_error_summary_and_keeps_the_email(client, make_user):
    user = make_user("monitoring_officer")
    response = client.post("/sign-in", data={"email": user.email, "password": "not-the-password"})
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    page = BeautifulSoup(response.data, "html5lib")
    assert page.title.text.startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert "Enter a correct email address and password" in summary.text
    assert summary.select_one("a")["href"] == "#email"
    assert page.select_one("input#email")["value"] == user.email


def test_unknown_email_gets_the_same_error_as_a_wrong_password(client):
    response = client.post("/sign-in", data={"email": "nobody@example.org", "password": "whatever-it-is"})
    assert "Enter a correct email address and password" in response.text


def test_empty_fields_are_named_in_the_error_summary(client):
    response = client.post("/sign-in", data={"email": "", "password": ""})
    assert "Enter your email address" in response.text
    assert "Enter your password" in response.text


def test_repeated_failures_make_the_account_wait_longer_each_time_and_say_nothing_new(client, make_user, db_session):
    """Five wrong passwords: the account waits 30 s before checking another, then 60 s, doubling to 15 minutes.
    The page says exactly what it says for an account that does not exist, and a right password during the wait is
    not checked (so the wait cannot be used to confirm a guess)."""
    user = make_user("analyst")
    unknown = client.post("/sign-in", data={"email": "nobody@example.gov.uk", "password": "wrong-wrong-wrong"})
    for _ in range(5):
        client.post("/sign-in", data={"email": user.email, "password": "wrong-wrong-wrong"})
    db_session.refresh(user)
    waited = user.locked_until
    assert waited is not None
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert _error_summary(response.text) == _error_summary(unknown.text) == "Enter a correct email address and password"
    assert "Too many" not in response.text
    db_session.refresh(user)
    assert user.locked_until == waited  # an attempt during the wait does not extend it

    from triage.data import users as user_data

    with client.application.app_context():
        assert [user_data.throttle_seconds(n) for n in (4, 5, 6, 7, 10, 20)] == [0, 30, 60, 120, 900, 900]
    user.locked_until = user.locked_until - timedelta(minutes=30)
    db_session.commit()
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def test_a_browser_that_signed_in_before_never_waits(client, make_user, db_session):
    """A stranger's wrong guesses make the account wait for strangers; the member of staff whose browser holds the
    trusted-device cookie from an earlier full sign-in signs in at once. Ending all their sessions revokes it."""
    from triage.data import users as user_data

    user = make_user("analyst")
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    assert client.get_cookie("triage_device", path="/sign-in") is not None
    client.post("/sign-out")
    stranger = client.application.test_client()
    for _ in range(8):
        stranger.post("/sign-in", data={"email": user.email, "password": "wrong-wrong-wrong"})
    db_session.refresh(user)
    assert user_data.is_locked(user)
    assert stranger.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 200
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    client.post("/sign-out")
    db_session.refresh(user)
    assert user.locked_until is None  # a completed sign-in clears the wait
    user.session_epoch += 1  # what "end all sessions" and a password reset do
    db_session.commit()
    for _ in range(8):
        stranger.post("/sign-in", data={"email": user.email, "password": "wrong-wrong-wrong"})
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 200


def _error_summary(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html5lib").select_one(".govuk-error-summary__list").get_text(" ", strip=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_off_site(client, make_user, target):
    user = make_user("analyst")
    response = client.post(f"/sign-in?next={target}", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/"


def test_sign_in_follows_a_local_next_path(client, make_user):
    user = make_user("analyst")
    response = client.post("/sign-in?next=/about", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/about"


def test_sign_out_needs_post_and_ends_the_session(client, sign_in):
    sign_in("analyst")
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 302
    assert client.get("/").status_code == 302


def test_disabling_a_user_ends_their_session(client, sign_in, db_session):
    user = sign_in("analyst")
    assert client.get("/").status_code == 200
    user.active = False
    user.session_epoch += 1
    db_session.commit()
    assert client.get("/").status_code == 302


def test_sign_in_is_audited(client, sign_in, db_session):
    from sqlalchemy import select

    from triage.models import AuditEntry

    user = sign_in("analyst")
    actions = db_session.scalars(select(AuditEntry.action).where(AuditEntry.user_id == user.id)).all()
    assert "user.signed_in" in actions


def test_passwords_are_stored_as_argon2id(make_user):
    user = make_user("analyst")
    assert user.password_hash.startswith("$argon2id$")
    assert TEST_PASSWORD not in user.password_hash

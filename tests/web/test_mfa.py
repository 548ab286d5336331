"""Two-factor sign-in, enrolment, recovery codes, server-side session timeouts, re-authentication and password
reset links."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import TEST_PASSWORD
from tests.security.helpers import SECRET, create, fresh_code, html, sign_in
from triage.auth import mfa
from triage.data import tokens, users
from triage.models import AuditEntry, RecoveryCode, UserSession
from triage.models.base import utcnow


@pytest.fixture
def mfa_on(app):
    previous = app.config.get("MFA_REQUIRED")
    app.config["MFA_REQUIRED"] = True
    yield
    app.config["MFA_REQUIRED"] = previous


def _actions(db_session, user) -> list[str]:
    return list(db_session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(user.id))))


def test_first_sign_in_enrols_a_second_factor_before_anything_else(client, db_session, mfa_on):
    user = create("monitoring_officer", enrol=False)
    response = client.post("/sign-in?next=/account", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/sign-in/set-up-two-factor"
    assert client.get("/").status_code == 302  # not signed in yet: the password alone is not enough

    page = client.page("/sign-in/set-up-two-factor")
    secret = page.select_one("#mfa-secret").text.replace(" ", "")
    uri = page.select_one("#mfa-uri").text
    assert uri.startswith("otpauth://totp/") and f"secret={secret}" in uri
    assert "http" not in uri  # no external QR-code service

    wrong = client.post("/sign-in/set-up-two-factor", data={"code": "000000"})
    assert "Enter the code your authenticator app shows now" in wrong.text
    done = client.post("/sign-in/set-up-two-factor", data={"code": mfa.current_code(secret)})
    assert done.status_code == 200
    codes = [c.text for c in html(done).select("#recovery-codes code")]
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    assert html(done).select_one("a.govuk-button")["href"] == "/account"
    assert client.get("/").status_code == 200

    stored = db_session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert len(stored) == 10 and all(h.startswith("$argon2id$") for h in stored)
    assert not any(code in h for code in codes for h in stored)
    assert "user.mfa_enrolled" in _actions(db_session, user)
    signed_in = db_session.scalars(select(AuditEntry).where(AuditEntry.action == "user.signed_in")).one()
    assert signed_in.after == {"second_factor": "totp"}


def test_enrolled_user_needs_the_code_and_a_code_cannot_be_replayed(client, db_session):
    user = create("analyst")
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/sign-in/two-factor"
    assert client.get("/").status_code == 302

    bad = client.post("/sign-in/two-factor", data={"code": "123456"})
    assert "Enter the correct code" in bad.text
    code = fresh_code(user)
    assert client.post("/sign-in/two-factor", data={"code": code}).status_code == 302
    assert client.get("/").status_code == 200

    client.post("/sign-out")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    replay = client.post("/sign-in/two-factor", data={"code": code})
    assert replay.status_code == 200 and "Enter the correct code" in replay.text


def test_code_step_without_a_password_step_goes_back_to_sign_in(client, db_session):
    assert client.get("/sign-in/two-factor").headers["Location"] == "/sign-in"
    assert client.post("/sign-in/two-factor", data={"code": "123456"}).headers["Location"] == "/sign-in"
    assert client.get("/sign-in/set-up-two-factor").headers["Location"] == "/sign-in"


def test_the_code_step_expires(client, db_session, app):
    user = create("analyst")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    app.config["MFA_PENDING_MINUTES"] = 0
    try:
        time.sleep(0.01)
        response = client.post("/sign-in/two-factor", data={"code": fresh_code(user)})
    finally:
        app.config.pop("MFA_PENDING_MINUTES")
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/").status_code == 302


def test_wrong_codes_lock_the_account(client, db_session):
    user = create("analyst")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    for _ in range(5):
        response = client.post("/sign-in/two-factor", data={"code": "000000"})
    assert response.headers["Location"] == "/sign-in"
    db_session.refresh(user)
    assert users.is_locked(user)
    # Re-entering the right password does not reset the count or get round the wait.
    again = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert again.status_code == 200 and "Enter a correct email address and password" in again.text
    assert "user.locked" in _actions(db_session, user)


def test_a_recovery_code_works_once(client, db_session):
    user = create("monitoring_officer", enrol=False)
    codes = users.enrol_mfa(user, SECRET, 0)
    db_session.commit()
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    response = client.post("/sign-in/two-factor", data={"code": codes[0].upper().replace("-", " ")})
    assert response.status_code == 302
    assert "9 left" in client.get("/").text
    client.post("/sign-out")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert "Enter the correct code" in client.post("/sign-in/two-factor", data={"code": codes[0]}).text
    assert "user.recovery_code_used" in _actions(db_session, user)


def test_without_mfa_required_a_user_may_enrol_from_their_account(client, db_session, app):
    assert not app.config.get("MFA_REQUIRED")
    user = create("analyst", enrol=False)
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    assert client.page("/account").select_one("#mfa-status").text == "Off"
    page = client.page("/sign-in/set-up-two-factor")
    secret = page.select_one("#mfa-secret").text.replace(" ", "")
    done = client.post("/sign-in/set-up-two-factor", data={"code": mfa.current_code(secret)})
    assert len(html(done).select("#recovery-codes code")) == 10
    assert client.page("/account").select_one("#mfa-status").text.startswith("On")
    assert users.has_mfa(user)


def test_signed_in_user_without_mfa_is_sent_to_enrol_when_it_becomes_required(client, db_session, app):
    user = create("analyst", enrol=False)
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert client.get("/").status_code == 200
    app.config["MFA_REQUIRED"] = True
    try:
        assert client.get("/").headers["Location"] == "/sign-in/set-up-two-factor"
        assert client.get("/sign-in/set-up-two-factor").status_code == 200
    finally:
        app.config["MFA_REQUIRED"] = None


def _session_row(db_session, user) -> UserSession:
    return db_session.scalars(select(UserSession).where(UserSession.user_id == user.id)).one()


def test_inactivity_timeout_is_enforced_by_the_server(client, db_session):
    user = create("analyst")
    sign_in(client, user)
    row = _session_row(db_session, user)
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    db_session.commit()
    response = client.get("/account")
    assert response.headers["Location"] == "/sign-in?next=/account"
    assert "had not used the service" in client.get("/sign-in").text
    db_session.refresh(row)
    assert row.ended_reason == "idle"
    assert client.get("/").status_code == 302


def test_absolute_session_lifetime_is_enforced(client, db_session, app):
    user = create("analyst")
    sign_in(client, user)
    row = _session_row(db_session, user)
    row.created_at = utcnow() - timedelta(seconds=app.config["PERMANENT_SESSION_LIFETIME"] + 60)
    db_session.commit()
    assert client.get("/").status_code == 302
    db_session.refresh(row)
    assert row.ended_reason == "expired"


def test_signed_out_cookie_cannot_be_replayed(client, db_session):
    user = create("analyst")
    sign_in(client, user)
    stolen = client.get_cookie("triage_session").value
    client.post("/sign-out")
    client.set_cookie("triage_session", stolen, domain="localhost")
    assert client.get("/").status_code == 302
    assert _session_row(db_session, user).ended_reason == "signed_out"


def test_sensitive_action_needs_recent_reauthentication(client, db_session):
    user = create("analyst")
    sign_in(client, user)
    # Just signed in with password and code: fresh enough.
    assert client.post("/account/recovery-codes").status_code == 200
    row = _session_row(db_session, user)
    row.authenticated_at = utcnow() - timedelta(minutes=11)
    db_session.commit()
    response = client.post("/account/recovery-codes", headers={"Referer": "http://localhost/account"})
    assert response.headers["Location"] == "/sign-in/confirm?next=/account"
    page = client.page("/sign-in/confirm?next=/account")
    assert page.select_one("input#code") is not None
    wrong = client.post("/sign-in/confirm?next=/account", data={"password": TEST_PASSWORD, "code": "000000"})
    assert "Enter your correct password and code" in wrong.text
    ok = client.post("/sign-in/confirm?next=/account", data={"password": TEST_PASSWORD, "code": fresh_code(user)})
    assert ok.headers["Location"] == "/account"
    assert client.post("/account/recovery-codes").status_code == 200
    assert "user.reauthenticated" in _actions(db_session, user)


def test_reauth_decorator_keeps_the_allowed_roles_for_the_matrix(app):
    view = app.view_functions["auth.new_recovery_codes"]
    assert view.requires_reauth and view.allowed_roles


def _forget_loaded_user() -> None:
    """The test session's app context is shared by every request, and Flask-Login caches the user on ``g``: drop it
    when switching between two clients, as a real server would on a new request."""
    from flask import g

    g.pop("_login_user", None)


def test_password_reset_link_sets_a_password_once_and_keeps_the_second_factor(client, db_session):
    user = create("analyst")
    sign_in(client, user)
    other = client.application.test_client()
    raw = tokens.issue_password_reset(user, actor="admin@example.gov.uk")
    db_session.commit()
    _forget_loaded_user()
    response = other.get(f"/reset-password?token={raw}")
    assert response.headers["Location"] == "/reset-password"  # the token leaves the address bar at once
    short = other.post("/reset-password", data={"password": "short", "confirm": "short"})
    assert "between 12 and 256" in short.text
    new_password = "a-brand-new-passphrase-2026"
    done = other.post("/reset-password", data={"password": new_password, "confirm": new_password})
    assert done.headers["Location"] == "/sign-in"
    _forget_loaded_user()
    assert client.get("/").status_code == 302  # the old sessions ended
    _forget_loaded_user()
    assert other.get(f"/reset-password?token={raw}", follow_redirects=True).status_code == 404  # used up
    # The second factor is still asked for.
    step = other.post("/sign-in", data={"email": user.email, "password": new_password})
    assert step.headers["Location"] == "/sign-in/two-factor"


def test_expired_reset_link_is_refused(client, db_session, app):
    user = create("analyst")
    app.config["PASSWORD_RESET_HOURS"] = 0
    try:
        raw = tokens.issue_password_reset(user, actor="admin@example.gov.uk")
        db_session.commit()
    finally:
        app.config.pop("PASSWORD_RESET_HOURS")
    assert client.get(f"/reset-password?token={raw}", follow_redirects=True).status_code == 404
    assert client.get("/reset-password").status_code == 404

"""Signing in for security tests whatever ``MFA_REQUIRED`` is: users are enrolled with a known secret and sign in
with the password and then a current code."""

from __future__ import annotations

import time

from bs4 import BeautifulSoup

from tests.conftest import TEST_PASSWORD
from triage.auth import mfa
from triage.data import users
from triage.extensions import db
from triage.models.enums import Role

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # 32 base32 characters (160 bits), fixed for tests


def create(role: Role | str, email: str | None = None, *, enrol: bool = True, name: str = "Test User"):
    role = Role(role)
    user = users.create_user(email or f"{role.value}@example.gov.uk", name, role, TEST_PASSWORD, actor="test")
    db.session.flush()
    if enrol:
        users.enrol_mfa(user, SECRET, 0, with_recovery_codes=False)
    db.session.commit()
    return user


def fresh_code(user) -> str:
    """A valid code the server has not seen yet (the replay guard refuses a step twice)."""
    credential = users.get_mfa(user)
    db.session.refresh(credential)
    credential.last_used_step = 0
    db.session.commit()
    return mfa.current_code(SECRET, time.time())


def sign_in(client, user, *, password: str = TEST_PASSWORD, next_url: str | None = None):
    url = "/sign-in" + (f"?next={next_url}" if next_url else "")
    response = client.post(url, data={"email": user.email, "password": password})
    assert response.status_code == 302, f"password step failed: {response.status_code}"
    if response.headers["Location"].startswith("/sign-in/two-factor"):
        response = client.post("/sign-in/two-factor", data={"code": fresh_code(user)})
        assert response.status_code == 302, "code step failed"
    return response


def signed_in_as(client, role, email: str | None = None, **kwargs):
    user = create(role, email, **kwargs)
    sign_in(client, user)
    return user


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.data, "html5lib")


def forget_loaded_user() -> None:
    """The test session's app context is shared by every request and Flask-Login caches the user on ``g``: drop it
    when switching between two clients, as a real server does on every new request."""
    from flask import g

    g.pop("_login_user", None)

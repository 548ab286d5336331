"""Administration: only administrators, every change audited, access-granting changes need re-authentication,
and disabling or ending sessions takes effect at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import TEST_PASSWORD
from tests.security.helpers import create, forget_loaded_user, html, sign_in, signed_in_as
from triage.data import users
from triage.models import ApiToken, AuditEntry, UserSession
from triage.models.base import utcnow
from triage.models.enums import Role


@pytest.fixture
def admin(client, db_session):
    return signed_in_as(client, "admin", "admin@example.gov.uk", name="Ada Admin")


def _actions(db_session) -> list[str]:
    return list(db_session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_administrators_reach_administration(client, db_session, role):
    signed_in_as(client, role)
    assert client.get("/admin/").status_code == 403


def test_admin_lists_users_with_their_second_factor_state(client, admin, db_session):
    create("analyst", "sam@example.gov.uk", enrol=False, name="Sam <b>Analyst</b>")
    page = client.page("/admin/")
    rows = {tr.select("td")[1].text: tr for tr in page.select("#users tbody tr")}
    assert "Sam <b>Analyst</b>" in rows["sam@example.gov.uk"].text  # escaped, shown as typed
    assert rows["sam@example.gov.uk"].select("td")[4].text == "Not set up"
    assert rows["admin@example.gov.uk"].select("td")[4].text == "On"


def test_creating_a_user_gives_a_one_time_set_password_link(client, admin, db_session):
    response = client.post(
        "/admin/users/new", data={"email": "New.Person@Example.gov.uk", "name": "New Person", "role": "panel_member"}
    )
    assert response.status_code == 200
    link = html(response).select_one("#reset-link").text
    assert link.startswith("http://localhost/reset-password?token=")
    user = users.get_user_by_email("new.person@example.gov.uk")
    assert user.role == Role.PANEL_MEMBER
    assert {"user.created", "user.password_reset_issued"} <= set(_actions(db_session))
    duplicate = client.post(
        "/admin/users/new", data={"email": "new.person@example.gov.uk", "name": "Again", "role": "analyst"}
    )
    assert "already exists" in duplicate.text
    bad = client.post("/admin/users/new", data={"email": "x@example.gov.uk", "name": "Bad\x00Name", "role": "analyst"})
    assert "must not contain control characters" in bad.text
    assert (
        client.post("/admin/users/new", data={"email": "y@example.gov.uk", "name": "Y", "role": "emperor"}).status_code
        == 200
    )
    assert users.get_user_by_email("y@example.gov.uk") is None


def test_access_granting_actions_need_recent_reauthentication(client, admin, db_session):
    row = db_session.scalars(select(UserSession).where(UserSession.user_id == admin.id)).one()
    row.authenticated_at = utcnow() - timedelta(minutes=30)
    db_session.commit()
    target = create("analyst", enrol=False)
    response = client.post(f"/admin/users/{target.id}/role", data={"role": "monitoring_officer"})
    assert response.headers["Location"].startswith("/sign-in/confirm")
    db_session.refresh(target)
    assert target.role == Role.ANALYST
    assert client.get("/admin/users/new").headers["Location"].startswith("/sign-in/confirm")
    # Removing access needs no re-authentication, so an incident can be contained at once.
    assert client.post(f"/admin/users/{target.id}/disable").headers["Location"] == f"/admin/users/{target.id}"
    db_session.refresh(target)
    assert not target.active


def test_changing_a_role_is_audited_with_before_and_after_and_ends_sessions(client, admin, db_session, app):
    target = create("analyst", "target@example.gov.uk")
    other = app.test_client()
    sign_in(other, target)
    forget_loaded_user()
    client.post(f"/admin/users/{target.id}/role", data={"role": "deputy_monitoring_officer"})
    db_session.refresh(target)
    assert target.role == Role.DEPUTY_MONITORING_OFFICER
    entry = db_session.scalars(select(AuditEntry).where(AuditEntry.action == "user.role_changed")).one()
    assert entry.before == {"role": "analyst"} and entry.after == {"role": "deputy_monitoring_officer"}
    assert entry.actor == "admin@example.gov.uk"
    assert all(
        s.ended_at is not None for s in db_session.scalars(select(UserSession).where(UserSession.user_id == target.id))
    )


def test_disabling_ends_the_users_sessions_and_refuses_sign_in(client, admin, db_session, app):
    target = create("monitoring_officer", "mo@example.gov.uk")
    other = app.test_client()
    forget_loaded_user()
    sign_in(other, target)
    forget_loaded_user()
    assert other.get("/").status_code == 200
    forget_loaded_user()
    client.post(f"/admin/users/{target.id}/disable")
    forget_loaded_user()
    assert other.get("/").status_code == 302
    forget_loaded_user()
    refused = other.post("/sign-in", data={"email": target.email, "password": TEST_PASSWORD})
    assert "Enter a correct email address and password" in refused.text
    assert "user.disabled" in _actions(db_session)
    forget_loaded_user()
    client.post(f"/admin/users/{target.id}/enable")
    db_session.refresh(target)
    assert target.active and "user.enabled" in _actions(db_session)


def test_end_sessions_unlock_and_reset_two_factor(client, admin, db_session):
    target = create("analyst", "t@example.gov.uk")
    target.locked_until = utcnow() + timedelta(minutes=10)
    db_session.commit()
    page = client.page(f"/admin/users/{target.id}")
    assert page.select_one("#status").text.startswith("Locked")
    client.post(f"/admin/users/{target.id}/unlock")
    client.post(f"/admin/users/{target.id}/end-sessions")
    client.post(f"/admin/users/{target.id}/reset-two-factor")
    db_session.refresh(target)
    assert not users.is_locked(target) and not users.has_mfa(target)
    assert {"user.unlocked", "user.sessions_ended", "user.mfa_reset"} <= set(_actions(db_session))


def test_an_admin_cannot_disable_or_demote_themselves(client, admin, db_session):
    client.post(f"/admin/users/{admin.id}/disable")
    client.post(f"/admin/users/{admin.id}/role", data={"role": "analyst"})
    db_session.refresh(admin)
    assert admin.active and admin.role == Role.ADMIN


def test_the_last_administrator_cannot_be_removed(db_session):
    only = create("admin", "only@example.gov.uk")
    with pytest.raises(users.LastAdminError):
        users.disable_user(only, actor=only)
    with pytest.raises(users.LastAdminError):
        users.change_role(only, Role.ANALYST, actor=only)


def test_api_tokens_are_created_by_their_owner_shown_once_stored_hashed_and_revocable_by_the_admin(client, db_session):
    owner = signed_in_as(client, "analyst", "api@example.gov.uk")
    response = client.post("/account/api-tokens", data={"name": "Reporting <script>"})
    raw = html(response).select_one("#api-token").text
    assert raw.startswith("stt_") and "It acts as you" in response.text
    token = db_session.scalars(select(ApiToken)).one()
    assert token.user_id == owner.id
    assert raw not in (token.token_hash, token.prefix) and len(token.token_hash) == 64
    assert raw not in client.get("/account/api-tokens").text

    client.post("/sign-out")
    signed_in_as(client, "admin", "admin@example.gov.uk", name="Ada Admin")
    listing = client.get("/admin/api-tokens")
    assert raw not in listing.text and "Reporting &lt;script&gt;" in listing.text
    # An administrator cannot mint a token for someone else (the route no longer takes a POST).
    refused = client.post("/admin/api-tokens", data={"user_id": str(owner.id), "name": "backdoor"})
    assert refused.status_code == 405
    assert db_session.scalars(select(ApiToken)).all() == [token]
    client.post(f"/admin/api-tokens/{token.id}/revoke")
    db_session.refresh(token)
    assert token.revoked_at is not None
    assert {"api_token.created", "api_token.revoked"} <= set(_actions(db_session))


def test_audit_log_page_is_read_only_and_reports_the_chain(client, admin, db_session):
    page = client.page("/admin/audit")
    assert page.select_one("#chain-ok") is not None
    actions = page.select("#audit td[data-action]")
    assert actions and all("." not in td.get_text() and "_" not in td.get_text() for td in actions)
    assert "Signed in" in [td.get_text(strip=True) for td in actions]
    assert page.select("form[action*='audit']") == []
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/admin/audit").status_code == 405


def test_every_audited_action_has_words_on_the_audit_page():
    """Scans the code for the actions it records; each needs a sentence (a new one without words fails here)."""
    import re

    from tests.conftest import REPO_ROOT
    from triage.web.admin.audit_words import ACTIONS

    recorded = set()
    for path in (REPO_ROOT / "triage").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        recorded |= set(re.findall(r'(?:audit\.record|record)\(\s*"([a-z_]+\.[a-z_]+)"', text))
        recorded |= set(re.findall(r'action\s*=\s*"([a-z_]+\.[a-z_]+)"', text))
    assert len(recorded) > 40
    assert sorted(recorded - set(ACTIONS)) == []

"""Administration: staff accounts (create, role, disable, unlock, end sessions, reset two-factor, password links),
API tokens and a read-only view of the audit log. Administrators see no case data. Every change is audited; actions
that grant access need a fresh password-and-code check (``reauth_required``); actions that remove access do not, so
an incident can be contained at once."""

from __future__ import annotations

import secrets

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from triage.data import audit, tokens, users
from triage.extensions import db
from triage.models.enums import Role
from triage.web.access import roles_required
from triage.web.admin import bp
from triage.web.admin.audit_words import action_words, item_words
from triage.web.admin.forms import ButtonForm, RoleForm, UserForm
from triage.web.reauth import reauth_required
from triage.web.transactions import auto_commit_after_request

ADMIN = (Role.ADMIN,)


def _user_or_404(user_id: int):
    user = users.get_user(user_id)
    if user is None:
        abort(404)
    return user


def _reset_link(raw: str) -> str:
    return url_for("auth.reset_password", token=raw, _external=True)


def _not_self(user) -> bool:
    if user.id == current_user.id:
        flash("You cannot do that to your own account. Ask another administrator.", "important")
        return False
    return True


@bp.route("/")
@roles_required(*ADMIN)
def index() -> ResponseReturnValue:
    rows = [(u, users.has_mfa(u), users.is_locked(u)) for u in users.all_users()]
    return render_template("admin/index.html", rows=rows)


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(*ADMIN)
@reauth_required
@auto_commit_after_request
def new_user() -> ResponseReturnValue:
    form = UserForm()
    if form.validate_on_submit():
        try:
            # An unusable random password: the user chooses their own through the one-time link.
            password = secrets.token_urlsafe(32)
            role = Role(form.role.data)
            user = users.create_user(form.email.data, form.name.data, role, password, actor=current_user.email)
        except users.UserExistsError:
            db.session.rollback()
            form.email.errors = list(form.email.errors) + ["An account with this email address already exists"]
        else:
            raw = tokens.issue_password_reset(user, actor=current_user.email)
            return render_template("admin/link.html", user=user, link=_reset_link(raw), created=True)
    return render_template("admin/new_user.html", form=form)


@bp.route("/users/<int:user_id>")
@roles_required(*ADMIN)
def user(user_id: int) -> ResponseReturnValue:
    target = _user_or_404(user_id)
    role_form = RoleForm(data={"role": target.role.value})
    return render_template(
        "admin/user.html",
        target=target,
        has_mfa=users.has_mfa(target),
        locked=users.is_locked(target),
        sessions=users.active_sessions(target),
        role_form=role_form,
        form=ButtonForm(),
    )


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@roles_required(*ADMIN)
@reauth_required
@auto_commit_after_request
def change_role(user_id: int) -> ResponseReturnValue:
    target = _user_or_404(user_id)
    form = RoleForm()
    if form.validate_on_submit() and _not_self(target):
        try:
            users.change_role(target, Role(form.role.data), actor=current_user)
        except users.LastAdminError as exc:
            db.session.rollback()
            flash(str(exc), "important")
        else:
            flash(f"{target.name} is now {target.role.label.lower()}. Their sessions were ended.", "success")
    return redirect(url_for("admin.user", user_id=target.id))


def _simple_action(user_id: int, action, message: str, *, allow_self: bool = False) -> ResponseReturnValue:
    target = _user_or_404(user_id)
    form = ButtonForm()
    if form.validate_on_submit() and (allow_self or _not_self(target)):
        try:
            action(target)
        except users.LastAdminError as exc:
            db.session.rollback()
            flash(str(exc), "important")
        else:
            flash(message.format(name=target.name), "success")
    return redirect(url_for("admin.user", user_id=target.id))


@bp.route("/users/<int:user_id>/disable", methods=["POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def disable(user_id: int) -> ResponseReturnValue:
    return _simple_action(
        user_id, lambda u: users.disable_user(u, actor=current_user), "{name}'s account is disabled and signed out."
    )


@bp.route("/users/<int:user_id>/enable", methods=["POST"])
@roles_required(*ADMIN)
@reauth_required
@auto_commit_after_request
def enable(user_id: int) -> ResponseReturnValue:
    return _simple_action(user_id, lambda u: users.enable_user(u, actor=current_user), "{name}'s account is enabled.")


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def unlock(user_id: int) -> ResponseReturnValue:
    return _simple_action(user_id, lambda u: users.unlock_user(u, actor=current_user), "{name}'s account is unlocked.")


@bp.route("/users/<int:user_id>/end-sessions", methods=["POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def end_sessions(user_id: int) -> ResponseReturnValue:
    return _simple_action(
        user_id,
        lambda u: users.end_sessions_by_admin(u, actor=current_user),
        "Every session of {name} has ended.",
        allow_self=True,
    )


@bp.route("/users/<int:user_id>/reset-two-factor", methods=["POST"])
@roles_required(*ADMIN)
@reauth_required
@auto_commit_after_request
def reset_mfa(user_id: int) -> ResponseReturnValue:
    return _simple_action(
        user_id,
        lambda u: users.reset_mfa(u, actor=current_user),
        "{name}'s two-factor authentication was reset. They set it up again when they next sign in.",
    )


@bp.route("/users/<int:user_id>/password-link", methods=["POST"])
@roles_required(*ADMIN)
@reauth_required
@auto_commit_after_request
def password_link(user_id: int) -> ResponseReturnValue:
    target = _user_or_404(user_id)
    form = ButtonForm()
    if not form.validate_on_submit() or not _not_self(target):
        return redirect(url_for("admin.user", user_id=target.id))
    raw = tokens.issue_password_reset(target, actor=current_user.email)
    return render_template("admin/link.html", user=target, link=_reset_link(raw), created=False)


@bp.route("/api-tokens")
@roles_required(*ADMIN)
def api_tokens() -> ResponseReturnValue:
    """Every token, for revoking. An administrator cannot create one for someone else: a token acts as its owner,
    so only the owner creates it, from their own account page (and sees it once)."""
    rows = [(t, tokens.token_state(t)) for t in tokens.list_api_tokens()]
    return render_template("admin/api_tokens.html", rows=rows, button=ButtonForm())


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def revoke_api_token(token_id: int) -> ResponseReturnValue:
    token = tokens.get_api_token(token_id)
    if token is None:
        abort(404)
    if ButtonForm().validate_on_submit():
        tokens.revoke_api_token(token, actor=current_user.email)
        flash(f"Token {token.prefix}… is revoked.", "success")
    return redirect(url_for("admin.api_tokens"))


@bp.route("/audit")
@roles_required(*ADMIN)
def audit_log() -> ResponseReturnValue:
    """Read-only: the app has no route that edits or deletes audit entries."""
    entries = audit.recent_entries(200)
    problems = audit.verify_chain()
    return render_template(
        "admin/audit.html", entries=entries, problems=problems, action_words=action_words, item_words=item_words
    )

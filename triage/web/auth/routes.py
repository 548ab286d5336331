"""Sign in (password, then a code from an authenticator app when the user has one or ``MFA_REQUIRED`` is on),
enrolment, re-authentication for sensitive actions, password reset by an administrator's one-time link, the
user's own account page, and sign out.

Between the password and the code the user is *not* signed in: the session only holds who is part-way through,
for ``MFA_PENDING_MINUTES``.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from triage.auth import mfa
from triage.auth.passwords import WeakPasswordError
from triage.data import audit, tokens, users
from triage.extensions import db, limiter
from triage.web.access import ALL_STAFF, roles_required
from triage.web.auth import bp, device
from triage.web.auth.forms import ConfirmForm, EnrolForm, NewPasswordForm, ReauthForm, SignInForm, TwoFactorForm
from triage.web.reauth import reauth_required, session_record

CODE_LIMIT = "10 per minute; 30 per hour"
RESET_LIMIT = "5 per minute; 20 per hour"


def _safe_next(target: str | None) -> str:
    """Only follow same-site relative paths after sign-in, never an attacker's absolute URL."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target  # browsers read a backslash as a slash: "/\\evil.example" leaves the site
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("main.index")


def _begin_pending(user, next_url: str, *, trusted: bool = False) -> None:
    session.clear()
    session["mfa_pending"] = {
        "uid": user.id,
        "epoch": user.session_epoch,
        "at": time.time(),
        "next": next_url,
        "trusted": trusted,
    }


def _pending_user():
    """The user part-way through signing in, if the step is still fresh and the account unchanged."""
    pending = session.get("mfa_pending")
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > mfa.setting("MFA_PENDING_MINUTES") * 60:
        session.pop("mfa_pending", None)
        return None
    user = users.get_user(int(pending.get("uid", 0)))
    waiting = users.is_locked(user) and not pending.get("trusted") if user is not None else False
    if user is None or not user.active or user.session_epoch != pending.get("epoch") or waiting:
        session.pop("mfa_pending", None)
        return None
    return user


def _complete(user, next_url: str, method: str):
    """Start a fresh session (no fixation) with a server-side record, and audit the sign-in."""
    session.clear()
    session.permanent = True
    login_user(user)
    session["sid"] = users.start_session(user, mfa_method=method)
    users.complete_sign_in(user, method=method)
    db.session.commit()
    return device.remember(redirect(next_url), user)


def _restart(message: str):
    session.pop("mfa_pending", None)
    session.pop("mfa_setup_secret", None)
    flash(message, "important")
    return redirect(url_for("auth.sign_in"))


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
def sign_in() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignInForm()
    if form.validate_on_submit():
        trusted = device.trusted_for(users.get_user_by_email(form.email.data))
        user, error = users.check_password(form.email.data, form.password.data, trusted_device=trusted)
        db.session.commit()  # a failure is counted (and a rehashed password kept) whatever the page shows next
        if user is not None:
            next_url = _safe_next(request.args.get("next"))
            if users.has_mfa(user):
                _begin_pending(user, next_url, trusted=trusted)
                db.session.commit()
                return redirect(url_for("auth.two_factor"))
            if mfa.mfa_required():
                _begin_pending(user, next_url, trusted=trusted)
                db.session.commit()
                return redirect(url_for("auth.set_up_two_factor"))
            return _complete(user, next_url, method="")
        form.email.errors = list(form.email.errors) + [error]
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-in/two-factor", methods=["GET", "POST"])
@limiter.limit(CODE_LIMIT, methods=["POST"])
def two_factor() -> ResponseReturnValue:
    user = _pending_user()
    if user is None:
        return _restart("Sign in again: the time allowed to enter your code ran out.")
    if not users.has_mfa(user):
        return redirect(url_for("auth.set_up_two_factor"))
    form = TwoFactorForm()
    if form.validate_on_submit():
        method = users.verify_second_factor(user, form.code.data)
        if method is not None:
            next_url = session["mfa_pending"]["next"]
            left = users.recovery_codes_left(user) if method == "recovery_code" else None
            response = _complete(user, _safe_next(next_url), method)
            if left is not None:
                flash(f"You used a recovery code. You have {left} left: get new ones from Your account.", "important")
            return response
        users.record_failed_attempt(user, "second_factor")
        db.session.commit()
        if users.is_locked(user) and not session["mfa_pending"].get("trusted"):
            return _restart(users.LOCKED_MESSAGE)
        form.code.errors = list(form.code.errors) + ["Enter the correct code from your authenticator app"]
    return render_template("auth/two_factor.html", form=form)


@bp.route("/sign-in/set-up-two-factor", methods=["GET", "POST"])
@limiter.limit(CODE_LIMIT, methods=["POST"])
def set_up_two_factor() -> ResponseReturnValue:
    """Enrolment: at first sign-in (part-way through), or from Your account when already signed in."""
    signed_in = current_user.is_authenticated
    user = current_user if signed_in else _pending_user()
    if user is None:
        return _restart("Sign in again to set up two-factor authentication.")
    if users.has_mfa(user):
        return redirect(url_for("auth.account") if signed_in else url_for("auth.two_factor"))
    secret = session.get("mfa_setup_secret")
    if not isinstance(secret, str) or len(secret) != 32:
        secret = session["mfa_setup_secret"] = mfa.new_secret()
    form = EnrolForm()
    if form.validate_on_submit():
        step = mfa.matching_step(secret, form.code.data)
        if step is not None:
            codes = users.enrol_mfa(user, secret, step)
            if signed_in:
                session.pop("mfa_setup_secret", None)
                record = session_record()
                if record is not None:
                    record.mfa_method = "totp"
                db.session.commit()
                next_url = url_for("auth.account")
            else:
                next_url = _safe_next(session["mfa_pending"]["next"])
                _complete(user, next_url, "totp")
            return render_template("auth/recovery_codes.html", codes=codes, next_url=next_url, first_time=True)
        form.code.errors = list(form.code.errors) + ["Enter the code your authenticator app shows now"]
    issuer = current_app.config["SERVICE_NAME"]
    return render_template(
        "auth/set_up_two_factor.html",
        form=form,
        secret=mfa.grouped(secret),
        otpauth_uri=mfa.provisioning_uri(secret, user.email, issuer),
    )


@bp.route("/sign-in/confirm", methods=["GET", "POST"])
@roles_required(*ALL_STAFF)
@limiter.limit(CODE_LIMIT, methods=["POST"])
def reauthenticate() -> ResponseReturnValue:
    """Confirm it is you (password, and a code when enrolled) before a sensitive action."""
    form = ReauthForm()
    needs_code = users.has_mfa(current_user)
    next_url = _safe_next(request.args.get("next"))
    if form.validate_on_submit():
        record = session_record()
        confirmed = (
            record is not None
            and (form.code.data or not needs_code)
            and users.reauthenticate(current_user, record, form.password.data, form.code.data)
        )
        db.session.commit()  # a failure counts towards the lockout
        if confirmed:
            return redirect(next_url)
        if users.is_locked(current_user):
            logout_user()
            session.clear()
            return _restart(users.LOCKED_MESSAGE)
        form.password.errors = list(form.password.errors) + [
            "Enter your correct password and code" if needs_code else "Enter your correct password"
        ]
    return render_template("auth/reauthenticate.html", form=form, needs_code=needs_code)


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit(RESET_LIMIT)
def reset_password() -> ResponseReturnValue:
    """Set a new password from an administrator's one-time link. The token moves from the URL into the session
    at once, so it is not left in the address bar, the history or an access log."""
    raw = request.args.get("token")
    if raw:
        session["reset_token"] = raw[:200]
        return redirect(url_for("auth.reset_password"))
    row = tokens.valid_password_reset(session.get("reset_token"))
    if row is None:
        return render_template("auth/reset_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            tokens.redeem_password_reset(row, form.password.data)
        except WeakPasswordError as exc:
            form.password.errors = list(form.password.errors) + [str(exc)]
        else:
            db.session.commit()
            if current_user.is_authenticated:
                logout_user()
            session.clear()
            flash("Your password has been set. Sign in with it now.", "success")
            return redirect(url_for("auth.sign_in"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/account")
@roles_required(*ALL_STAFF)
def account() -> ResponseReturnValue:
    return render_template(
        "auth/account.html",
        has_mfa=users.has_mfa(current_user),
        codes_left=users.recovery_codes_left(current_user),
        sessions=users.active_sessions(current_user),
        form=ConfirmForm(),
    )


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@roles_required(*ALL_STAFF)
@reauth_required
def account_api_tokens() -> ResponseReturnValue:
    """Your own API tokens: a token acts with your role, so only you create it, and it is shown to you once."""
    from triage.data import tokens
    from triage.extensions import db
    from triage.web.auth.forms import OwnTokenForm

    form = OwnTokenForm()
    if form.validate_on_submit():
        token, raw = tokens.create_api_token(current_user, form.name.data, actor=current_user.email)
        db.session.commit()
        return render_template("auth/token_created.html", token=token, raw=raw, owner=current_user)
    mine = [(t, tokens.token_state(t)) for t in tokens.list_api_tokens() if t.user_id == current_user.id]
    return render_template("auth/api_tokens.html", form=form, rows=mine)


@bp.route("/account/recovery-codes", methods=["POST"])
@roles_required(*ALL_STAFF)
@reauth_required
def new_recovery_codes() -> ResponseReturnValue:
    if not users.has_mfa(current_user):
        return redirect(url_for("auth.account"))
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("auth.account"))
    codes = users.replace_recovery_codes(current_user)
    db.session.commit()
    return render_template("auth/recovery_codes.html", codes=codes, next_url=url_for("auth.account"), first_time=False)


@bp.route("/sign-out", methods=["POST"])
@roles_required(*ALL_STAFF)
def sign_out() -> ResponseReturnValue:
    users.end_session(session_record(), "signed_out")
    audit.record("user.signed_out", "user", current_user.id, user=current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))

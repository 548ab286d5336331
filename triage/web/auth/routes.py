from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user

from triage.data import audit, users
from triage.extensions import db, limiter
from triage.web.auth import bp
from triage.web.auth.forms import SignInForm


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


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
def sign_in() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user, error = users.authenticate(form.email.data, form.password.data)
        if user is not None:
            next_url = _safe_next(request.args.get("next"))
            session.clear()  # no fixation: start a fresh session on privilege change
            session.permanent = True
            login_user(user)
            return redirect(next_url)
        form.email.errors = list(form.email.errors) + [error]
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out() -> ResponseReturnValue:
    audit.record("user.signed_out", "user", current_user.id, user=current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))

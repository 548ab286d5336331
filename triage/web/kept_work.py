"""Nothing typed is lost to an expired session or a stale form token.

When a form cannot be saved for either reason, :func:`keep_typed_work` stores what was typed server-side (bound to
the user if the app still knows who it was; otherwise against a random token in an HttpOnly cookie, never in a
URL). After the next sign-in the work is claimed (``user_logged_in``), and the next time that user opens the same
page its form is filled from it once (:class:`KeptWorkForm`), with a message saying so. Passwords, codes and the
form's own token are never kept; files cannot be, and the message says to choose them again.
"""

from __future__ import annotations

from flask import Flask, current_app, flash, g, request
from flask_login import current_user, user_logged_in
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from triage.data import kept_work

COOKIE = "triage_kept"
_NEVER_KEPT = ("csrf_token", "password", "code", "otp", "recovery", "token", "secret")


def keep_typed_work(user_id: int | None) -> bool:
    """Keep this POST's typed fields for the page at the same path; True if there was anything to keep."""
    fields = [
        (key, value)
        for key, values in request.form.lists()
        if not any(word in key.lower() for word in _NEVER_KEPT)
        for value in values
    ]
    if not any(value.strip() for _, value in fields):
        return False
    g.kept_token = kept_work.keep(fields, request.path, user_id)
    g.kept_had_files = any(f.filename for f in request.files.values())
    from triage.extensions import db

    db.session.commit()
    return True


def kept_message(*, signed_out: bool) -> str:
    files = " Files you selected could not be kept: choose them again." if g.get("kept_had_files") else ""
    when = "after you sign in" if signed_out else "below"
    return f"Nothing was saved, but what you typed has been kept and is put back into the form {when}.{files}"


class KeptWorkForm(FlaskForm):
    """A form that, when its page is opened with kept work waiting, shows that work instead of the stored values."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            kept = g.get("kept_formdata")
            if kept is not None and request.method == "GET":
                return kept
            return super().wrap_formdata(form, formdata)


def register_kept_work(app: Flask) -> None:
    @user_logged_in.connect_via(app)
    def _claim(sender, user, **extra) -> None:
        token = request.cookies.get(COOKIE)
        if token:
            kept_work.claim(token, user.id)
            g.clear_kept_cookie = True

    @app.before_request
    def _restore() -> None:
        if request.method != "GET" or not current_user.is_authenticated or request.path.startswith("/api/"):
            return
        fields = kept_work.take(current_user.id, request.path)
        if fields is None:
            return
        g.kept_formdata = MultiDict(fields)
        flash("What you typed before has been put back. Check it, then save.", "important")
        from triage.extensions import db

        db.session.commit()

    @app.after_request
    def _cookie(response):
        token = g.get("kept_token")
        if token and not current_user.is_authenticated:
            response.set_cookie(
                COOKIE,
                token,
                max_age=int(kept_work.KEEP_FOR.total_seconds()),
                httponly=True,
                secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
                samesite="Lax",
            )
        elif g.get("clear_kept_cookie"):
            response.delete_cookie(COOKIE)
        return response

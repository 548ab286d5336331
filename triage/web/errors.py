"""Friendly error pages; a stale form token keeps the user's typed work and place instead of losing them."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, flash, redirect, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from triage.web.kept_work import keep_typed_work, kept_message

_TITLES = {
    400: "Sorry, there is a problem with that request",
    403: "You do not have permission to see this page",
    404: "Page not found",
    405: "Sorry, that action is not allowed here",
    409: "Someone else changed this case",
    413: "The file you uploaded is too large",
    429: "Too many attempts",
    500: "Sorry, there is a problem with the service",
}


def _same_site_page() -> str:
    """Where to send someone whose form could not be saved: the page at the same path if it can be opened,
    else the page they came from on this site, else home. Never another site (the Referer can say anything)."""
    from flask import current_app

    adapter = current_app.url_map.bind("localhost")
    try:
        adapter.match(request.path, method="GET")
        return request.path
    except Exception:
        pass
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/") and not referrer.path.startswith("//"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return "/"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        if request.blueprint == "public":
            # A member of the public has no account to claim kept work with, so none is stored against them; the
            # form's token lives in the same session as their complaint, so both went together.
            from flask_babel import gettext

            flash(
                gettext(
                    "This page had expired, so what you entered on it was not saved. If you saved your complaint, "
                    "use the link we emailed you; otherwise start again."
                ),
                "important",
            )
            return redirect(_same_site_page()), 303
        signed_in = current_user.is_authenticated
        if keep_typed_work(current_user.id if signed_in else None):
            flash(kept_message(signed_out=not signed_in), "important")
        else:
            flash("The form had expired, so nothing was saved. Please submit it again.", "important")
        return redirect(_same_site_page()), 303

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        code = error.code or 500
        if request.blueprint == "public":
            return render_template("public/error.html", code=code), code
        title = _TITLES.get(code, error.name)
        return render_template("errors/error.html", title=title, code=code, description=error.description), code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        from triage.extensions import db

        db.session.rollback()
        if request.blueprint == "public":
            return render_template("public/error.html", code=500), 500
        return render_template("errors/error.html", title=_TITLES[500], code=500, description=""), 500

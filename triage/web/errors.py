"""Friendly error pages; CSRF expiry keeps the user's place instead of losing their work."""

from __future__ import annotations

from flask import Flask, flash, redirect, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

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


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        flash("The form had expired, so nothing was saved. Please check your answers and submit again.", "important")
        return redirect(request.referrer or request.path), 303

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        code = error.code or 500
        title = _TITLES.get(code, error.name)
        return render_template("errors/error.html", title=title, code=code, description=error.description), code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        from triage.extensions import db

        db.session.rollback()
        return render_template("errors/error.html", title=_TITLES[500], code=500, description=""), 500

"""Response headers every page gets (a strict CSP with a per-request nonce, no caching of case data, no framing,
HSTS in production) and the server-side session rules: inactivity and absolute timeouts, sessions ended by sign-out
or by an administrator, and enrolment of a second factor when ``MFA_REQUIRED`` is on."""

from __future__ import annotations

import secrets

from flask import Flask, flash, g, jsonify, redirect, request, session, url_for
from flask_login import current_user, logout_user
from werkzeug.exceptions import HTTPException

from triage.web.kept_work import keep_typed_work, kept_message

# Pages a signed-in user who still has to enrol a second factor may use.
_ENROLMENT_ENDPOINTS = {"auth.set_up_two_factor", "auth.sign_out", "static", "main.healthz"}
_TIMEOUT_MESSAGES = {
    "idle": "You were signed out because you had not used the service for a while. Sign in again to continue.",
    "expired": "Your session reached its time limit, so you were signed out. Sign in again to continue.",
    "ended": "Your session has ended. Sign in again to continue.",
}


def _is_api() -> bool:
    return request.path.startswith("/api/")


def _note_activity(record) -> None:
    """The session's last activity, committed before the view runs (so a view that rolls back keeps it), and only
    when it was written: a commit expires what the request has already loaded."""
    from triage.data import users
    from triage.extensions import db

    if users.touch_session(record):
        db.session.commit()


def register_security(app: Flask) -> None:
    @app.before_request
    def _make_nonce() -> None:
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.before_request
    def _enforce_session():
        if _is_api() or request.endpoint in (None, "static", "main.healthz"):
            return None  # the API authenticates each request with its token and never reads the cookie
        if not current_user.is_authenticated:
            return None
        from triage.auth.mfa import mfa_required
        from triage.data import audit, users
        from triage.extensions import db

        record = users.get_session(session.get("sid"))
        problem = users.session_problem(record, current_user)
        if problem is not None:
            kept = request.method == "POST" and keep_typed_work(current_user.id)
            users.end_session(record, problem)
            audit.record("user.session_timed_out", "user", current_user.id, user=current_user, after={"why": problem})
            db.session.commit()
            logout_user()
            session.clear()
            flash(_TIMEOUT_MESSAGES[problem], "important")
            if kept:
                flash(kept_message(signed_out=True), "important")
            target = request.full_path.rstrip("?") if request.method == "GET" else (request.path if kept else None)
            return redirect(url_for("auth.sign_in", next=target) if target else url_for("auth.sign_in"))
        _note_activity(record)
        if record.mfa_method == "" and request.endpoint not in _ENROLMENT_ENDPOINTS and mfa_required():
            if not users.has_mfa(current_user):
                flash("Set up two-factor authentication to continue.", "important")
                return redirect(url_for("auth.set_up_two_factor"))
        return None

    @app.context_processor
    def _nonce_in_templates() -> dict:
        return {"cspNonce": g.get("csp_nonce", "")}

    @app.after_request
    def _headers(response):
        nonce = g.get("csp_nonce", "")
        if _is_api():
            response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        else:
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; "
                f"script-src 'self' 'nonce-{nonce}'; "
                "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
            )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        if app.config["ENV"] == "production":
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response

    _json_errors_for_api(app)


def _json_errors_for_api(app: Flask) -> None:
    """Routing errors under /api/ (unknown path, wrong method) answer JSON like the API's own errors; every other
    path keeps the HTML error page registered in ``triage.web.errors``."""

    def _handler(error: HTTPException):
        if _is_api():
            response = jsonify({"type": "about:blank", "title": error.name, "status": error.code, "detail": ""})
            response.status_code = error.code
            response.mimetype = "application/problem+json"
            for key, value in error.get_headers():
                if key.lower() == "allow":
                    response.headers[key] = value
            return response
        html = app.error_handler_spec.get(None, {}).get(None, {}).get(HTTPException)
        return html(error) if html else error

    for code in (404, 405):
        app.register_error_handler(code, _handler)

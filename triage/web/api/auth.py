"""Bearer-token authentication and role checks for the API, with problem+json errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps

from flask import current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from triage.data import tokens
from triage.extensions import db
from triage.models.enums import Role

MAX_BODY = 1024 * 1024  # a case file is a few kilobytes; screenshots are not accepted through the API


class ApiError(Exception):
    def __init__(self, status: int, title: str, detail: str = "", errors: list[dict] | None = None):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.errors = status, title, detail, errors


def problem(status: int, title: str, detail: str = "", errors: list[dict] | None = None, headers=None):
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    if headers:
        response.headers.update(headers)
    return response


def allow_header(error: HTTPException) -> dict:
    """Keep the ``Allow`` header of a 405 (RFC 9110) when replacing the error body."""
    return {k: v for k, v in error.get_headers() if k.lower() == "allow"}


def rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT") or os.environ.get("API_RATE_LIMIT", "300 per minute")


def rate_limit_key() -> str:
    """The client's address, before any token is looked at: rotating made-up tokens cannot buy fresh limits."""
    return "api:" + (request.remote_addr or "")


def failed_auth_limit() -> str:
    return current_app.config.get("API_FAILED_AUTH_LIMIT") or "20 per minute"


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def api_roles_required(*roles: Role) -> Callable:
    """Deny by default: only a valid token whose owner has one of ``roles`` reaches the view (``g.api_user``)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            user, token = tokens.user_for_api_token(_bearer())
            if tokens.token_use_pending():
                db.session.commit()  # when the token was last used (written at most every five minutes)
            if user is None:
                return problem(
                    401,
                    "Unauthorised",
                    "Send a valid API token as 'Authorization: Bearer <token>'.",
                    headers={"WWW-Authenticate": 'Bearer realm="triage"'},
                )
            if user.role not in roles:
                return problem(403, "Forbidden", "The token's role may not do this.")
            g.api_user, g.api_token = user, token
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # read by the authorisation-matrix test
        wrapped.api_token_auth = True
        return wrapped

    return decorator


def register_errors(bp) -> None:
    @bp.before_request
    def _limit_body():
        request.max_content_length = MAX_BODY

    @bp.errorhandler(ApiError)
    def _api_error(error: ApiError):
        return problem(error.status, error.title, error.detail, error.errors)

    @bp.errorhandler(HTTPException)
    def _http(error: HTTPException):
        return problem(error.code or 500, error.name, error.description or "", headers=allow_header(error))

    @bp.errorhandler(Exception)
    def _unexpected(error: Exception):
        current_app.logger.exception("Unhandled API error on %s %s", request.method, request.path)
        db.session.rollback()
        return problem(500, "Internal Server Error", "Something went wrong; nothing was saved.")

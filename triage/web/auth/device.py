"""Trusted-device cookies (OWASP, "Slow down online guessing attacks with device cookies").

When someone completes sign-in (password and, where set up, the second factor), their browser gets a signed,
HttpOnly cookie naming the account. At the next sign-in to that account from that browser, the account's wait
after failed attempts does not apply: a stranger guessing passwords slows the account down for strangers only,
never for the staff member at their own desk. The cookie carries the account's session epoch, so ending all of
someone's sessions (or a password reset, which does the same) makes every such cookie worthless.
"""

from __future__ import annotations

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "triage_device"
SALT = "triage-trusted-device"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _max_age() -> int:
    return int(current_app.config["TRUSTED_DEVICE_DAYS"]) * 86400


def trusted_for(user) -> bool:
    """Whether this request's browser completed a sign-in to ``user`` before (and the account has not since ended
    every session)."""
    raw = request.cookies.get(COOKIE)
    if not raw or user is None:
        return False
    try:
        data = _serializer().loads(raw, max_age=_max_age())
    except BadSignature:
        return False
    return isinstance(data, dict) and data.get("u") == user.id and data.get("e") == user.session_epoch


def remember(response, user):
    """Mark this browser as one ``user`` has fully signed in from (the cookie is sent to the sign-in pages only)."""
    response.set_cookie(
        COOKIE,
        _serializer().dumps({"u": user.id, "e": user.session_epoch}),
        max_age=_max_age(),
        path="/sign-in",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )
    return response

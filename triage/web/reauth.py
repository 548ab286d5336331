"""Re-authentication for sensitive actions (exports, deletions, administration): the user must have entered their
password, and a code when they have a second factor, within the last ``REAUTH_MINUTES`` (default 10).

    @bp.route("/cases/<reference>/export", methods=["POST"])
    @roles_required(*OFFICERS)
    @reauth_required
    def export(reference): ...

Stacks in either order with ``roles_required`` (functools.wraps keeps ``allowed_roles``). A GET that needs it is
sent to the confirm page and comes back afterwards; a POST is sent back to the page it came from once confirmed,
because a browser cannot replay a form across a redirect, so the user presses the button again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, flash, redirect, request, session, url_for
from flask_login import current_user

from triage.data import users


def session_record():
    """The server-side record of the current browser session (None when signed out)."""
    return users.get_session(session.get("sid"))


def recently_authenticated() -> bool:
    return current_user.is_authenticated and users.is_recently_authenticated(session_record())


def _return_path() -> str:
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return url_for("main.index")
    return (parts.path + (f"?{parts.query}" if parts.query else "")) or url_for("main.index")


def reauth_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:  # roles_required normally answers first
            return redirect(url_for("auth.sign_in", next=request.full_path))
        allowed = getattr(view, "allowed_roles", None)
        if allowed is not None and current_user.role not in allowed:
            abort(403)  # stacked outside roles_required: still deny before asking for a password
        if not recently_authenticated():
            if request.method != "GET":
                flash("Confirm it is you, then try again.", "important")
            return redirect(url_for("auth.reauthenticate", next=_return_path()))
        return view(*args, **kwargs)

    wrapped.requires_reauth = True  # read by the authorisation-matrix test
    return wrapped

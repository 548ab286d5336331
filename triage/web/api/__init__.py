"""The JSON API: token-authenticated, role-aware, described by an OpenAPI document.

It never reads the session cookie (so it needs no CSRF token and a browser cannot be tricked into calling it);
each request carries ``Authorization: Bearer <token>`` and acts with the role of the token's owner.
"""

from flask import Blueprint

from triage.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

from triage.web.api import routes  # noqa: E402, F401

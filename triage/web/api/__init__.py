"""The JSON API: token-authenticated, role-aware, described by an OpenAPI document."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from triage.web.api import routes  # noqa: E402, F401

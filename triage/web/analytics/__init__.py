"""Case history for analysts, panels and officers: search, dashboards, similar cases, exports and reports."""

from flask import Blueprint

bp = Blueprint("analytics", __name__, url_prefix="/history")

from triage.web.analytics import routes  # noqa: E402, F401

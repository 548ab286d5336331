"""Recording the decision and the Independent Person's views, and generating notes and letters."""

from flask import Blueprint

bp = Blueprint("decisions", __name__, url_prefix="/cases")

from triage.web.decisions import routes  # noqa: E402, F401

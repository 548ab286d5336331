"""Case list and case pages: summary, posts, answers, scoring, status workflow and timeline."""

from flask import Blueprint

bp = Blueprint("cases", __name__, url_prefix="/cases")

from triage.web.cases import documents, listing, routes  # noqa: E402, F401

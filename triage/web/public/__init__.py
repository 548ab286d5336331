"""The public complaint form at /complain: no account needed; each submission lands in the officers' queue."""

from flask import Blueprint

bp = Blueprint("public", __name__, url_prefix="/complain")

from triage.web.public import routes  # noqa: E402, F401

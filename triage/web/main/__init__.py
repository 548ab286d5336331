"""The signed-in home page and the health check."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from triage.web.main import routes  # noqa: E402, F401

"""Sign in and out."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from triage.web.auth import routes  # noqa: E402, F401

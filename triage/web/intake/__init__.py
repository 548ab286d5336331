"""Logging a new complaint: one question per page, every step saved as a draft, then check your answers."""

from flask import Blueprint

bp = Blueprint("intake", __name__, url_prefix="/complaints/new")

from triage.web.intake import routes  # noqa: E402, F401

"""Administration: users, roles, multi-factor sign-in resets and sessions."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from triage.web.admin import register, routes  # noqa: E402, F401

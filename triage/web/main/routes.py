from __future__ import annotations

from flask import jsonify, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from triage.data import dashboard
from triage.extensions import limiter
from triage.web.access import ALL_STAFF, roles_required
from triage.web.main import bp


@bp.route("/")
@roles_required(*ALL_STAFF)
def index() -> ResponseReturnValue:
    summary = dashboard.home_summary(current_user)
    return render_template("main/index.html", summary=summary)


@bp.route("/healthz")
@limiter.exempt
def healthz() -> ResponseReturnValue:
    """Liveness and database check for load balancers and monitoring; says nothing about the data."""
    ok = dashboard.database_ok()
    return jsonify({"status": "ok" if ok else "error", "database": "ok" if ok else "unreachable"}), (200 if ok else 503)


@bp.route("/about")
def about() -> ResponseReturnValue:
    return render_template("main/about.html")


@bp.route("/accessibility")
def accessibility() -> ResponseReturnValue:
    return render_template("main/accessibility.html")


@bp.route("/privacy")
def privacy() -> ResponseReturnValue:
    return render_template("main/privacy.html")

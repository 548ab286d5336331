"""API endpoints: create a case from a case file, list and read cases (role-aware, the complainant hidden from
those who may not see it), run an assessment, and the OpenAPI document."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from flask import g, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from triage.casefile import validate_case_file
from triage.data import audit
from triage.data.cases import case_to_file, create_case_from_file, load_case_for_view, visible_case_page
from triage.data.councils import code_slugs
from triage.extensions import db, limiter
from triage.models.enums import Role
from triage.scoring.view import AssessmentView
from triage.web.api import bp
from triage.web.api.auth import (
    ApiError,
    api_roles_required,
    failed_auth_limit,
    rate_limit,
    rate_limit_key,
    register_errors,
)
from triage.web.api.openapi import openapi_document
from triage.web.transactions import auto_commit_after_request

if TYPE_CHECKING:
    from triage.models import Case

OFFICERS = (Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER)
CASE_READERS = (*OFFICERS, Role.INDEPENDENT_PERSON, Role.PANEL_MEMBER, Role.ANALYST)
ALL_ROLES = tuple(Role)
MAX_PER_PAGE = 100

register_errors(bp)
limiter.limit(rate_limit, key_func=rate_limit_key)(bp)
# Requests refused for want of a valid token are counted separately and more tightly, per address.
limiter.limit(
    failed_auth_limit,
    key_func=lambda: "api-unauthorised:" + rate_limit_key(),
    deduct_when=lambda response: response.status_code == 401,
)(bp)


def _access():
    from triage.data import access  # case-level rules shared with the web pages

    return access


def _visible_case(reference: str) -> Case:
    """The case if the token's owner may see it; otherwise 404 whether or not it exists (no existence oracle)."""
    case = load_case_for_view(reference) if len(reference) <= 40 else None
    if case is None or not _access().case_visible_to(g.api_user, case):
        raise ApiError(404, "Not Found", "No case with that reference is available to this token.")
    return case


def _case_body(case: Case) -> dict[str, Any]:
    show_complainant = _access().may_see_complainant(g.api_user, case)
    data = case_to_file(case, include_complainant=show_complainant)
    if not show_complainant:
        data.pop("complainant", None)
    return {
        "reference": case.reference,
        "status": case.status.value,
        "version": case.version,
        "case_file": data,
        "links": {"self": url_for("api.get_case", reference=case.reference)},
    }


def _summary(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "status": case.status.value,
        "received_on": case.received_on.isoformat(),
        "jurisdiction": case.jurisdiction.value,
        "code": case.code_slug,
        "member_name": case.member_name,
    }


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "Bad Request", f"'{name}' must be a whole number.") from None
    if not low <= value <= high:
        raise ApiError(400, "Bad Request", f"'{name}' must be between {low} and {high}.")
    return value


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _field_errors(problems: list[str]) -> list[dict[str, str]]:
    out = []
    for p in problems:
        field, _, message = p.partition(": ")
        out.append({"field": field, "message": message or p})
    return out


@bp.route("/openapi.json")
def openapi() -> ResponseReturnValue:
    """Public: describes the API, holds no data."""
    return jsonify(openapi_document(code_slugs()))


@bp.route("/me")
@api_roles_required(*ALL_ROLES)
def me() -> ResponseReturnValue:
    user = g.api_user
    return jsonify({"email": user.email, "name": user.name, "role": user.role.value, "token": g.api_token.prefix})


@bp.route("/cases", methods=["GET"])
@api_roles_required(*CASE_READERS)
@auto_commit_after_request
def list_cases() -> ResponseReturnValue:
    page = _int_arg("page", 1, 1, 100000)
    per_page = _int_arg("per_page", 50, 1, MAX_PER_PAGE)
    clause = _access().visible_cases_clause(g.api_user)
    total, rows = visible_case_page(clause, page=page, per_page=per_page)
    audit.record("case.listed", "case", "", user=g.api_user, after={"via": "api", "page": page, "count": len(rows)})
    return jsonify({"cases": [_summary(c) for c in rows], "page": page, "per_page": per_page, "total": total})


@bp.route("/cases", methods=["POST"])
@api_roles_required(*OFFICERS)
@auto_commit_after_request
def create_case() -> ResponseReturnValue:
    from triage.data.councils import default_council, get_code

    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "Bad Request", "Send one case file as a JSON object (Content-Type: application/json).")
    problems = validate_case_file(data)  # also refuses unstorable text, implausible dates and over-long names
    if not problems and data.get("code") and get_code(str(data["code"])) is None:
        problems = [f"code: unknown Code of Conduct {str(data['code'])[:80]!r}"]
    if problems:
        raise ApiError(422, "Unprocessable Content", "The case file is not valid.", _field_errors(problems))
    council = default_council()
    if council is None:
        raise ApiError(409, "Conflict", "No council is set up yet.")
    case = create_case_from_file(council, data, officer=g.api_user)
    audit.record("case.created", "case", case.reference, user=g.api_user, case_id=case.id, after={"via": "api"})
    response = jsonify(_case_body(case))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_case", reference=case.reference)
    return response


@bp.route("/cases/<reference>", methods=["GET"])
@api_roles_required(*CASE_READERS)
@auto_commit_after_request
def get_case(reference: str) -> ResponseReturnValue:
    case = _visible_case(reference)
    audit.record("case.viewed", "case", case.reference, user=g.api_user, case_id=case.id, after={"via": "api"})
    return jsonify(_case_body(case))


@bp.route("/cases/<reference>/assessments", methods=["POST"])
@api_roles_required(*OFFICERS)
@auto_commit_after_request
def assess_case(reference: str) -> ResponseReturnValue:
    case = _visible_case(reference)
    if not _access().case_actionable_by(g.api_user, case):
        raise ApiError(403, "Forbidden", "Only an officer without a conflict may run an assessment.")
    try:
        from triage.services.assessing import ScoringUnavailable, run_assessment
    except ImportError:
        raise ApiError(503, "Service Unavailable", "Assessment is not available in this installation.") from None
    try:
        row = run_assessment(case, user=g.api_user)
    except ScoringUnavailable as exc:
        db.session.rollback()
        raise ApiError(503, "Service Unavailable", str(exc)) from None
    body = {
        "reference": case.reference,
        "case_version": row.case_version,
        "model_version": row.model_version,
        "recommendation": row.recommendation.value,
        "code_engaged_probability": row.code_engaged_probability,
        "breach_probability": row.breach_probability,
        "result": row.result,
        # The same words the case page and the note use, for a reader who shows the result to people.
        "words": AssessmentView.of(row.result).to_dict(),
    }
    return jsonify(body), 201

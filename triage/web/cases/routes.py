"""Case list and case page, and the officer actions on a case.

Every route loads the case through ``_visible_case``, which answers 404 to anyone who may not see it (including an
officer who declared a conflict), so a case's existence is never revealed. Changes need an officer role and are
refused with 409 and both versions when the case changed since the form was shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from triage.cases import workflow
from triage.cases.access import CASE_ROLES
from triage.data import case_views
from triage.data.access import case_actionable_by, may_see_complainant
from triage.data.audit_events import record_case_view
from triage.data.case_views import StaleVersion
from triage.data.councils import case_code
from triage.data.users import get_user
from triage.extensions import db
from triage.models.enums import Jurisdiction, Outcome, ReceivedVia
from triage.scoring.questions import GROUPS, OPTION_LABELS, QUESTIONS, resolve_answers
from triage.scoring.view import AssessmentView
from triage.services import assessing, case_status, case_work
from triage.services import documents as documents_service
from triage.web.access import OFFICERS, roles_required
from triage.web.cases import bp
from triage.web.cases.forms import (
    AnswersForm,
    AssignForm,
    ConflictForm,
    StatusForm,
    UrgentReviewForm,
    decode_answers,
    encode_answers,
)
from triage.web.cases.lookup import actionable_case as _actionable_case
from triage.web.cases.lookup import visible_case as _visible_case
from triage.web.transactions import auto_commit_after_request

if TYPE_CHECKING:
    from triage.models import Case

CASE_VIEWERS = tuple(sorted(CASE_ROLES, key=lambda r: r.value))
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
RECEIVED_VIA_LABELS = {v: v.label for v in ReceivedVia}


EFFECT_LABELS = {
    "+capacity": "Towards the Code applying",
    "-capacity": "Away from the Code applying",
    "not_engaged": "The Code cannot apply",
    "-breach": "Away from a breach",
    "protects": "Article 10 protects",
    "unprotected": "Not protected by Article 10",
    "-protection": "Less Article 10 protection",
    "+action": "For taking it further",
    "-action": "Against taking it further",
    "+paragraph": "Towards this paragraph",
    "-paragraph": "Away from this paragraph",
    "model": "Model",
    "text": "Text evidence",
    "warning": "Warning",
    "override": "Override",
    "staged": "Staged reading",
    "check": "To check",
    "mitigates": "Mitigates",
    "inferred": "The tool's estimate",
}


REASON_STAGES = (
    ("jurisdiction", "Jurisdiction: member, office and Code"),
    ("capacity", "Capacity: acting, or seen to act, as a councillor"),
    ("breach", "Breach of the Code, if proven"),
    ("article10", "Freedom of expression (Article 10)"),
    ("public_interest", "Public interest"),
    ("flag", "Flags"),
    ("text", "Evidence from the words of the posts"),
    ("model", "How the tool weighed what is known and what is not"),
)


def reason_groups(reasons: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """The assessment's reasons grouped by stage, in the order an officer works through a complaint."""
    titles = dict(REASON_STAGES)
    order = [stage for stage, _ in REASON_STAGES]
    grouped: dict[str, list[dict]] = {}
    for reason in reasons:
        stage = reason.get("stage") if reason.get("stage") in titles else "other"
        grouped.setdefault(stage, []).append(reason)
    stages = [s for s in order if s in grouped] + (["other"] if "other" in grouped else [])
    return [(s, titles.get(s, "Other reasons"), grouped[s]) for s in stages]


def effect_label(effect: str) -> str:
    """A short plain-English label for a reason's effect code (see triage/scoring/rules.py)."""
    effect = effect or ""
    if effect in EFFECT_LABELS:
        return EFFECT_LABELS[effect]
    if effect.startswith("+breach:"):
        return f"Breach of {effect.split(':', 1)[1].replace('_', ' ')} if proven"
    if effect.startswith("flag:"):
        return "Flag"
    if effect.startswith("staged:"):
        return "Staged reading"
    text = effect.lstrip("+-").replace("_", " ").replace(":", ": ")
    return (text[:1].upper() + text[1:]) or "Reason"


def _case_url(case: Case, anchor: str | None = None) -> str:
    return url_for("cases.show", reference=case.reference, _anchor=anchor)


# --- the case page ----------------------------------------------------------------------------------------------


def _code_title(case: Case) -> str:
    """The title of the Code version the case was logged under (a council's own Code included)."""
    from triage.codes import CodeError

    try:
        title = case_code(case).title
    except CodeError:
        return "Code of Conduct not loaded"
    return f"{title} (version {case.code_version})" if case.code_version > 1 else title


def _answer_rows(case: Case) -> list[dict]:
    """Every question with the officer's answer, whether it was pre-filled, and what the case data suggests."""
    stored = {a.question_id: a for a in case.answers}
    resolved = resolve_answers(assessing.scoring_input(case))
    rows = []
    for q in QUESTIONS:
        answer = stored.get(q.id)
        value = answer.value if answer is not None else "unknown"
        suggestion = resolved.get(q.id)
        rows.append(
            {
                "question": q,
                "value": value,
                "label": OPTION_LABELS.get(value, value),
                "prefilled": bool(answer is not None and answer.prefilled),
                "prefill_reason": answer.prefill_reason if answer is not None else "",
                "suggested": OPTION_LABELS.get(suggestion.value, suggestion.value)
                if suggestion is not None and suggestion.origin == "implied" and value == "unknown"
                else None,
                "suggested_why": suggestion.why if suggestion is not None else "",
            }
        )
    return rows


def _case_context(case: Case) -> dict:
    can_act = case_actionable_by(current_user, case)
    show_complainant = may_see_complainant(current_user, case)
    assessment = case.latest_assessment
    return {
        "case": case,
        "clock": case_views.clock_for(case),
        "can_act": can_act,
        "show_complainant": show_complainant,
        "code_title": _code_title(case),
        "received_via": RECEIVED_VIA_LABELS.get(case.received_via, "Not recorded") if case.received_via else None,
        "status_label": workflow.label(case.status),
        "allowed_next": list(case_status.next_statuses(case)),
        "documents": documents_service.visible_documents(case, current_user),
        "answer_rows": _answer_rows(case),
        "groups": GROUPS,
        "assessment": assessment,
        "result": assessment.result if assessment is not None else None,
        "view": AssessmentView.of(assessment.result) if assessment is not None else None,
        "reason_groups": reason_groups(assessment.result.get("reasons", [])) if assessment is not None else [],
        "assessment_current": assessing.is_current(assessment, case),
        "assessed_by": get_user(assessment.created_by_id) if assessment and assessment.created_by_id else None,
        "timeline": case_views.timeline(case, show_complainant=show_complainant, show_conflict_reasons=can_act),
        "decision": case.latest_decision,
        "image_types": IMAGE_TYPES,
        "holiday_calendar": "Scottish" if case.jurisdiction == Jurisdiction.SCOTLAND else "England and Wales",
        "effect_label": effect_label,
    }


@bp.route("/<reference>")
@roles_required(*CASE_VIEWERS)
@auto_commit_after_request
def show(reference: str) -> ResponseReturnValue:
    case = _visible_case(reference)
    page = render_template("cases/show.html", **_case_context(case))
    record_case_view(case, current_user)  # after rendering, so this view does not appear in its own timeline
    return page


@bp.route("/<reference>/screenshots/<int:screenshot_id>")
@roles_required(*CASE_VIEWERS)
@auto_commit_after_request
def screenshot(reference: str, screenshot_id: int) -> ResponseReturnValue:
    case = _visible_case(reference)
    shot = case_views.get_screenshot(case, screenshot_id)
    if shot is None:
        abort(404)
    original = request.args.get("size") == "original"  # the evidence as uploaded; pages show the display copy
    try:
        path = case_views.screenshot_path(shot.sha256, display=not original)
    except FileNotFoundError:
        abort(404)
    if not path.is_file():
        current_app.logger.warning("Screenshot %s of case %s is missing from storage", shot.id, case.reference)
        abort(404)
    record_case_view(case, current_user, part="screenshot")
    image = shot.content_type in IMAGE_TYPES
    size = "" if original or path.stem == shot.sha256 else "-display"
    filename = f"{case.reference}-screenshot-{shot.id}{size}.{IMAGE_TYPES.get(shot.content_type, 'bin')}"
    response = send_file(
        path,
        mimetype=shot.content_type if image else "application/octet-stream",
        as_attachment=not image,
        download_name=filename,
        max_age=0,
        etag=False,
        last_modified=None,
        conditional=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    if image:
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- conflicts between two people editing at once -----------------------------------------------------------------


def _conflict_page(case: Case, *, what: str, rows: list[dict], retry: dict | None = None) -> ResponseReturnValue:
    history = case_views.timeline(
        case, show_complainant=may_see_complainant(current_user, case), show_conflict_reasons=True
    )
    latest = history[0] if history else None
    return (
        render_template("cases/conflict.html", case=case, what=what, rows=rows, retry=retry, latest=latest),
        409,
    )


def _reload(reference: str) -> Case:
    db.session.rollback()
    db.session.expire_all()
    return _visible_case(reference)


# --- status -------------------------------------------------------------------------------------------------------


@bp.route("/<reference>/status", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def change_status(reference: str) -> ResponseReturnValue:
    case = _actionable_case(reference)
    form = StatusForm()
    form.set_choices(case_status.next_statuses(case))
    if request.method == "GET":
        form.version.data = str(case.version)
    elif form.validate_on_submit():
        wanted = form.status.data
        try:
            case_views.check_version(case, form.version.data)
            move = case_status.change_status(
                case,
                wanted,
                user=current_user,
                reason=form.reason.data or "",
                investigator=form.investigator.data or "",
                finding=form.finding.data or None,
                stop_clock_for_information=current_app.config["CLOCK_STOPS_FOR_MORE_INFORMATION"],
            )
        except (StaleVersion, StaleDataError):
            case = _reload(reference)
            return _conflict_page(
                case,
                what="status",
                rows=[{"label": "Status", "yours": _status_name(wanted), "now": workflow.label(case.status)}],
            )
        except case_status.StatusFieldError as refused:
            db.session.rollback()
            getattr(form, refused.field).errors = [str(refused)]
        except workflow.IllegalTransition as refused:
            db.session.rollback()
            form.status.errors = [str(refused)]
        else:
            flash(f"Status changed to {workflow.label(move.after).lower()}.", "success")
            return redirect(_case_url(case, "status"))
    return render_template("cases/status.html", case=case, form=form, hints=workflow.STATUS_HINTS)


def _status_name(value: str) -> str:
    try:
        return workflow.label(value)
    except ValueError:
        return value


# --- assignment and conflicts of interest -------------------------------------------------------------------------


@bp.route("/<reference>/assign", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def assign(reference: str) -> ResponseReturnValue:
    case = _actionable_case(reference)
    officers = case_views.officers_for_assignment(case)
    form = AssignForm()
    form.set_choices(officers)
    if request.method == "GET":
        form.version.data = str(case.version)
        form.officer.data = str(case.assigned_officer_id) if case.assigned_officer_id else ""
    elif form.validate_on_submit():
        chosen = None if form.officer.data == "none" else next(o for o in officers if str(o.id) == form.officer.data)
        try:
            case_views.check_version(case, form.version.data)
            changed = case_work.assign_officer(case, chosen, user=current_user)
        except (StaleVersion, StaleDataError):
            case = _reload(reference)
            now = case.assigned_officer.name if case.assigned_officer else "Nobody"
            return _conflict_page(
                case,
                what="assignment",
                rows=[{"label": "Assigned officer", "yours": chosen.name if chosen else "Nobody", "now": now}],
            )
        if changed:
            flash(f"Case assigned to {chosen.name}." if chosen else "Case unassigned.", "success")
        return redirect(_case_url(case))
    return render_template("cases/assign.html", case=case, form=form)


@bp.route("/<reference>/conflict", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def declare_conflict(reference: str) -> ResponseReturnValue:
    case = _actionable_case(reference)
    form = ConflictForm()
    if request.method == "GET":
        form.version.data = str(case.version)
    elif form.validate_on_submit():
        case_work.declare_conflict(case, user=current_user, reason=form.reason.data)
        flash(
            f"You declared a conflict of interest on {case.reference}. You can no longer see or act on it; "
            "another officer must be assigned.",
            "success",
        )
        return redirect(url_for("cases.index"))
    return render_template("cases/conflict_declare.html", case=case, form=form)


# --- answers and scoring ------------------------------------------------------------------------------------------


@bp.route("/<reference>/answers", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def edit_answers(reference: str) -> ResponseReturnValue:
    case = _actionable_case(reference)
    stored = case.answer_map()
    form = AnswersForm() if request.method == "POST" else AnswersForm(data=stored)
    if request.method == "GET":
        form.version.data = str(case.version)
        form.seen.data = encode_answers(stored)
    elif form.validate_on_submit():
        values = {q.id: form[q.id].data for q in QUESTIONS}
        try:
            case_views.check_version(case, form.version.data)
            changed = case_work.save_answers(case, values, user=current_user)
        except (StaleVersion, StaleDataError):
            case = _reload(reference)
            return _answers_conflict(case, values, seen=decode_answers(form.seen.data))
        if changed:
            flash(
                f"{len(changed)} answer{'s' if len(changed) != 1 else ''} saved. "
                "Re-run scoring to see how they change the assessment.",
                "success",
            )
        else:
            flash("No answers were changed.", "information")
        return redirect(_case_url(case, "assessment"))
    rows = {row["question"].id: row for row in _answer_rows(case)}
    status = 400 if request.method == "POST" else 200  # only a POST that failed its checks gets here
    return (
        render_template("cases/answers.html", case=case, form=form, groups=GROUPS, rows=rows, questions=QUESTIONS),
        status,
    )


def _answers_conflict(case: Case, values: dict[str, str], *, seen: dict[str, str] | None) -> ResponseReturnValue:
    """Show what this officer tried to save against what is saved now, and offer to save their own changes on top
    of the other person's (only the answers this officer actually changed are carried over)."""
    now = {q.id: case.answer_map().get(q.id, "unknown") for q in QUESTIONS}
    mine = values if seen is None else {q: v for q, v in values.items() if v != seen.get(q)}
    rows = []
    for q in QUESTIONS:
        if values[q.id] == now[q.id]:
            continue
        yours = OPTION_LABELS.get(values[q.id], values[q.id])
        rows.append(
            {
                "label": q.text,
                "yours": yours + (" (you changed this)" if q.id in mine else " (as it was when you opened the page)"),
                "now": OPTION_LABELS.get(now[q.id], now[q.id]),
            }
        )
    retry = None
    if any(now[q] != v for q, v in mine.items()):
        merged = {**now, **mine}
        retry = {
            "action": url_for("cases.edit_answers", reference=case.reference),
            "fields": {**merged, "version": str(case.version), "seen": encode_answers(now)},
            "button": "Save my changes on top of the current answers",
        }
    return _conflict_page(case, what="answers", rows=rows, retry=retry)


@bp.route("/<reference>/urgent/<kind>", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def review_urgent(reference: str, kind: str) -> ResponseReturnValue:
    """The officer records why an urgent flag does not apply; scoring is re-run at once so the page agrees."""
    case = _actionable_case(reference)
    result = case.latest_assessment.result if case.latest_assessment is not None else {}
    flag = next((u for u in result.get("urgent") or [] if u.get("kind") == kind), None)
    if flag is None:
        abort(404)
    form = UrgentReviewForm()
    if request.method == "GET":
        form.version.data = str(case.version)
        existing = next((r for r in case.urgent_reviews if r.kind == kind), None)
        form.reason.data = existing.reason if existing else ""
    elif form.validate_on_submit():
        try:
            case_views.check_version(case, form.version.data)
            case_work.record_urgent_review(case, kind, user=current_user, reason=form.reason.data)
        except (StaleVersion, StaleDataError):
            db.session.rollback()
            case = _reload(reference)
            form.version.data = str(case.version)
            flash(
                "Someone else changed this case while you were writing. Your reason is kept below: check the "
                "case and record it again.",
                "error",
            )
            return render_template("cases/urgent_review.html", case=case, form=form, flag=flag)
        try:
            assessing.run_assessment(case, user=current_user)
        except assessing.ScoringUnavailable as exc:
            flash(f"Your reason was saved, but scoring could not be re-run: {exc}.", "error")
            return redirect(_case_url(case, "assessment"))
        flash(f"Recorded why the flag “{flag.get('title', '')}” does not apply, and re-ran scoring.", "success")
        return redirect(_case_url(case, "urgent"))
    return render_template("cases/urgent_review.html", case=case, form=form, flag=flag)


@bp.route("/<reference>/assessments", methods=["POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def rerun_scoring(reference: str) -> ResponseReturnValue:
    case = _actionable_case(reference)
    try:
        row = assessing.run_assessment(case, user=current_user)
    except assessing.ScoringUnavailable as exc:
        db.session.rollback()
        current_app.logger.exception("Scoring failed for %s", case.reference)
        flash(f"Scoring could not be run: {exc}. Nothing was saved; the previous assessment still stands.", "error")
        return redirect(_case_url(case, "assessment"))
    flash(
        f"Scoring re-run. The tool now suggests {workflow.OUTCOME_LABELS[Outcome(row.recommendation)].lower()}.",
        "success",
    )
    return redirect(_case_url(case, "assessment"))

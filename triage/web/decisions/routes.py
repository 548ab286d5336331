"""The decision, the Independent Person's views, and the assessment note and decision letters.

- Officers (monitoring officer or deputy, no conflict) record the decision and produce notes and letters.
- An Independent Person records their own views on a case referred to them; officers may record them too.
- Independent Persons and panel members read the stored assessment notes of cases referred to them. Letters are
  for officers only, since each carries one party's details. A case the user may not see is a 404.
- Every generation and every download is audited.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields.choices import SelectChoice

from triage.cases.access import OFFICER_ROLES
from triage.data import decisions as decision_data
from triage.data import notes as note_data
from triage.data import referrals as referral_data
from triage.data.access import case_actionable_by, case_visible_to
from triage.data.cases import get_case_by_reference, load_case_for_view
from triage.extensions import db
from triage.mail import MailSettings
from triage.models.enums import NoteKind, Outcome, Role
from triage.notes.wording import TITLES, label, note_title
from triage.services import decisions as decision_service
from triage.services import hearings as hearing_service
from triage.services import publication as publication_service
from triage.services import referrals as referral_service
from triage.web.access import OFFICERS, roles_required
from triage.web.decisions import bp
from triage.web.decisions.forms import (
    OUTCOME_HINTS,
    ConsultationForm,
    DecisionForm,
    HearingForm,
    PublicationForm,
    ReferralForm,
    WithdrawForm,
)
from triage.web.transactions import auto_commit_after_request

if TYPE_CHECKING:
    from triage.models import Case

READERS = (*OFFICERS, Role.INDEPENDENT_PERSON, Role.PANEL_MEMBER)
RECORDERS = (*OFFICERS, Role.INDEPENDENT_PERSON)
KIND_SLUGS = {kind.value.replace("_", "-"): kind for kind in NoteKind}


def _visible_case(reference: str, *, lean: bool = False) -> Case:
    """The case, or 404 for anyone who may not see it. ``lean`` skips eager-loading the case's children (the
    PDF downloads need only the case row)."""
    case = get_case_by_reference(reference) if lean else load_case_for_view(reference)
    if case is None or not case_visible_to(current_user, case):
        abort(404)
    return case


def _actionable_case(reference: str) -> Case:
    case = _visible_case(reference)
    if not case_actionable_by(current_user, case):
        abort(403)
    return case


def _kind(slug: str) -> NoteKind:
    kind = KIND_SLUGS.get(slug)
    if kind is None or not note_data.may_read_kind(current_user, kind):
        abort(404)
    return kind


def _case_url(case: Case, anchor: str = "decision") -> str:
    return url_for("cases.show", reference=case.reference, _anchor=anchor)


def _is_officer() -> bool:
    return getattr(current_user, "role", None) in OFFICER_ROLES


# --- the decision -------------------------------------------------------------------------------------------------


@bp.route("/<reference>/decision", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def record_decision(reference: str) -> ResponseReturnValue:
    case = _actionable_case(reference)
    review = (request.form.get("review") if request.method == "POST" else request.args.get("review")) == "1"
    stage = decision_data.decision_stage(case, review=review)
    if stage is None:
        if request.method == "POST" and case.latest_decision is not None:
            return _decision_conflict(case)  # another tab or officer decided first: keep what this one typed
        flash("A decision cannot be recorded on this case now.", "important")
        return redirect(_case_url(case))
    paragraphs = decision_data.code_paragraphs(case)
    form = DecisionForm()
    form.review.data = "1" if stage.kind == "review" else ""
    form.set_paragraphs(paragraphs)
    assessment = case.latest_assessment if stage.compares_with_tool else None
    status = 200
    if request.method == "POST" and request.form.get("prefill") == "1":
        # Carried over from the conflict page: show the typed decision as a review, without judging it yet.
        form.version.data = str(case.version)
        form.assessment_id.data = ""
    elif request.method == "GET":
        form.version.data = str(case.version)
        form.assessment_id.data = str(assessment.id) if assessment else ""
    elif form.validate_on_submit():
        if form.version.data != str(case.version):
            form.outcome.errors = [
                *form.outcome.errors,
                "The case changed since you opened this page. Check the case and the tool's recommendation again",
            ]
            form.version.data, status = str(case.version), 409
        elif form.assessment_id.data != (str(assessment.id) if assessment else ""):
            form.outcome.errors = [
                *form.outcome.errors,
                "The case was assessed again since you opened this page. Check the new recommendation",
            ]
            form.assessment_id.data, status = (str(assessment.id) if assessment else ""), 409
        else:
            previous = stage.previous.id if stage.previous else None
            try:
                decision_service.record_decision(
                    case,
                    outcome=form.outcome.data,
                    paragraphs=form.paragraphs.data or [],
                    reasons=form.reasons.data,
                    override_reason=form.override_reason.data,
                    review_reason=form.review_reason.data or "",
                    review=stage.kind == "review",
                    user=current_user,
                )
            except decision_service.DecisionError as error:
                db.session.rollback()
                case = _actionable_case(reference)
                getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
            except StaleDataError:
                # Someone saved this case between our read and our write. If it was a decision, show it and keep
                # what was typed; otherwise (an answers edit, a status change) show the form again, typed text
                # intact, with the case's new version to submit against.
                db.session.rollback()
                case = _actionable_case(reference)
                if case.latest_decision is not None and case.latest_decision.id != previous:
                    return _decision_conflict(case)
                stage = decision_data.decision_stage(case, review=review) or stage
                form.outcome.errors = [
                    *form.outcome.errors,
                    "Someone changed the case while you were deciding. Check the case, then record the decision again",
                ]
                form.version.data, status = str(case.version), 409
                assessment = case.latest_assessment if stage.compares_with_tool else None
                form.assessment_id.data = str(assessment.id) if assessment else ""
            else:
                flash(f"Decision recorded: {label(form.outcome.data).lower()}.", "success")
                return redirect(_case_url(case))
    if request.method == "POST" and status == 200 and form.errors:
        status = 400
    return (
        render_template(
            "decisions/decision.html",
            case=case,
            form=form,
            stage=stage,
            assessment=assessment,
            paragraphs=paragraphs,
            outcome_hints=OUTCOME_HINTS,
            has_ip_views=decision_data.has_post_investigation_views(case, stage.previous),
            label=label,
            Outcome=Outcome,
        ),
        status,
    )


# --- the Independent Person's views -------------------------------------------------------------------------------


@bp.route("/<reference>/consultation", methods=["GET", "POST"])
@roles_required(*RECORDERS)
@auto_commit_after_request
def record_consultation(reference: str) -> ResponseReturnValue:
    case = _visible_case(reference)  # an Independent Person sees only cases referred to them
    officer = _is_officer()
    if officer and not case_actionable_by(current_user, case):
        abort(403)
    form = ConsultationForm()
    form.set_people(decision_data.independent_persons())
    if request.method == "GET" and case.latest_decision is not None:
        if case.latest_decision.outcome == Outcome.INVESTIGATION:
            form.stage.data = decision_data.POST_INVESTIGATION
    if form.validate_on_submit():
        person = None
        if officer and form.independent_person.data:
            person = (
                decision_data.get_user(int(form.independent_person.data))
                if form.independent_person.data.isdigit()
                else None
            )
            if person is None or person.role != Role.INDEPENDENT_PERSON:
                form.independent_person.errors = ["Choose an Independent Person from the list"]
        if not form.errors:
            try:
                decision_service.record_consultation(
                    case,
                    recorded_by=current_user,
                    views=form.views.data,
                    consulted_on=form.consulted_on.data,
                    stage=form.stage.data,
                    independent_person=person,
                    independent_person_name=form.independent_person_name.data if officer else "",
                )
            except decision_service.DecisionError as error:
                db.session.rollback()
                case = _visible_case(reference)
                getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
            else:
                flash("The Independent Person's views are recorded.", "success")
                return redirect(_case_url(case))
    status = 400 if request.method == "POST" and form.errors else 200
    return render_template("decisions/consultation.html", case=case, form=form, officer=officer), status


# --- notes and letters --------------------------------------------------------------------------------------------


@bp.route("/<reference>/notes")
@roles_required(*READERS)
def notes(reference: str) -> ResponseReturnValue:
    case = _visible_case(reference)
    kinds = [k for k in NoteKind if note_data.may_read_kind(current_user, k)]
    versions = {k: note_data.list_notes(case, k) for k in kinds}
    return render_template(
        "decisions/notes.html",
        case=case,
        kinds=kinds,
        versions=versions,
        titles=_titles(case),
        note_titles=note_data.note_titles(case, [n for group in versions.values() for n in group]),
        can_generate=case_actionable_by(current_user, case),
        slug=lambda k: k.value.replace("_", "-"),
        unavailable={k: _unavailable(case, k) for k in kinds},
    )


def _titles(case: Case) -> dict[str, str]:
    """What producing each kind now would be called (a draft assessment until a decision is recorded)."""
    return {k: note_title(k, decided=case.latest_decision is not None) for k in TITLES}


def _unavailable(case: Case, kind: NoteKind) -> str:
    try:
        note_data.check_available(case, kind)
    except note_data.NoteUnavailable as exc:
        return str(exc)
    return ""


@bp.route("/<reference>/notes/<kind_slug>", methods=["POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def generate(reference: str, kind_slug: str) -> ResponseReturnValue:
    """Produce the note now (or reuse the stored version if the case has not changed) and download it."""
    case = _actionable_case(reference)
    kind = _kind(kind_slug)
    try:
        current = note_data.current_note(case, kind, user=current_user)
    except note_data.NoteUnavailable as exc:
        flash(str(exc), "important")
        return redirect(url_for("decisions.notes", reference=case.reference))
    return redirect(
        url_for("decisions.download", reference=case.reference, kind_slug=kind_slug, version=current.note.version),
        303,
    )


@bp.route("/<reference>/notes/<kind_slug>.pdf")
@roles_required(*READERS)
@auto_commit_after_request
def current(reference: str, kind_slug: str) -> ResponseReturnValue:
    """The current version. Officers get it produced if the stored one is out of date; readers get the latest
    stored version."""
    case = _visible_case(reference, lean=True)
    kind = _kind(kind_slug)
    if _is_officer() and case_actionable_by(current_user, case):
        try:
            note = note_data.current_note(case, kind, user=current_user).note
        except note_data.NoteUnavailable as exc:
            flash(str(exc), "important")
            return redirect(url_for("decisions.notes", reference=case.reference))
    else:
        note = note_data.latest_note(case, kind)
        if note is None:
            abort(404)
    return _send(case, note)


@bp.route("/<reference>/notes/<kind_slug>/v<int:version>.pdf")
@roles_required(*READERS)
@auto_commit_after_request
def download(reference: str, kind_slug: str, version: int) -> ResponseReturnValue:
    case = _visible_case(reference, lean=True)
    note = note_data.get_note(case, _kind(kind_slug), version)
    if note is None:
        abort(404)
    return _send(case, note)


def _send(case: Case, note) -> ResponseReturnValue:
    try:
        data = note_data.read_note(note)
    except note_data.NoteFileMissing:
        abort(404)
    note_data.record_download(note, user=current_user)
    response = send_file(
        BytesIO(data),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=note_data.download_name(case, note),
        max_age=0,
        etag=note.sha256,
        conditional=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- the case page's decision section -----------------------------------------------------------------------------


def _decision_conflict(case: Case) -> ResponseReturnValue:
    """Someone recorded a decision while this officer was writing theirs: show the one that was saved and keep the
    typed decision, with a way to record it as a review of the saved one. Nothing typed is lost."""
    typed = {
        "outcome": request.form.get("outcome", ""),
        "paragraphs": request.form.getlist("paragraphs"),
        "reasons": request.form.get("reasons", ""),
    }
    return (
        render_template(
            "decisions/decision_conflict.html",
            case=case,
            won=case.latest_decision,
            typed=typed,
            typed_label=label(typed["outcome"]) if typed["outcome"] else "No outcome chosen",
            label=label,
        ),
        409,
    )


# --- hearings -------------------------------------------------------------------------------------------------------


HEARING_RECORDERS = (*OFFICERS, Role.PANEL_MEMBER)


@bp.route("/<reference>/hearing", methods=["GET", "POST"])
@roles_required(*HEARING_RECORDERS)
@auto_commit_after_request
def record_hearing(reference: str) -> ResponseReturnValue:
    """A panel member the case was referred to, or an officer, records the hearing."""
    case = _visible_case(reference)
    if current_user.role != Role.PANEL_MEMBER and not case_actionable_by(current_user, case):
        abort(404)
    considered = hearing_service.paragraphs_considered(case)
    sanctions = list(current_app.config["HEARING_SANCTIONS"])
    form = HearingForm()
    form.breached.choices = [SelectChoice(pid, f"{pid} {heading}") for pid, heading in considered]
    form.sanction.choices = [SelectChoice("", "No sanction")] + [SelectChoice(s, s) for s in sanctions]
    status = 200
    if form.validate_on_submit():
        try:
            hearing_service.record_hearing(
                case,
                by=current_user,
                held_on=form.held_on.data,
                panel=form.panel.data or "",
                breached=form.breached.data or [],
                sanction=form.sanction.data or "",
                sanctions=sanctions,
                reasons=form.reasons.data or "",
            )
        except hearing_service.HearingError as error:
            db.session.rollback()
            case = _visible_case(reference)
            getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
        else:
            flash("The hearing is recorded.", "success")
            return redirect(_case_url(case))
    if request.method == "POST" and form.errors:
        status = 400
    return render_template("decisions/hearing.html", case=case, form=form), status


# --- referrals ------------------------------------------------------------------------------------------------------


@bp.route("/<reference>/referrals", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def referrals(reference: str) -> ResponseReturnValue:
    """Refer the case to Independent Persons or panel members; see and withdraw current referrals."""
    case = _actionable_case(reference)
    form = ReferralForm()
    people = referral_data.eligible_people(case)
    form.people.choices = [SelectChoice(str(u.id), f"{u.name} ({u.role.label})") for u in people]
    status = 200
    if form.validate_on_submit():
        chosen = [u for u in people if str(u.id) in set(form.people.data or [])]
        try:
            done = referral_service.refer(
                case,
                chosen,
                purpose=form.purpose.data,
                message=form.message.data or "",
                by=current_user,
                case_url=url_for("cases.show", reference=case.reference, _external=True),
                mail_settings=MailSettings.from_config(current_app.config),
            )
        except referral_service.ReferralError as error:
            db.session.rollback()
            getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
        else:
            names = ", ".join(d.referral.user.name for d in done) or "Nobody new"
            flash(f"Referred to {names}.", "success")
            failed = [d.referral.user.name for d in done if not d.emailed]
            if failed:
                flash(f"The email to {', '.join(failed)} could not be sent: tell them another way.", "important")
            return redirect(url_for("decisions.referrals", reference=case.reference))
    if request.method == "POST" and form.errors:
        status = 400
    return (
        render_template(
            "decisions/referrals.html",
            case=case,
            form=form,
            referrals=referral_service.case_referrals(case),
            withdraw=WithdrawForm(),
        ),
        status,
    )


@bp.route("/<reference>/referrals/<int:referral_id>/withdraw", methods=["POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def withdraw_referral(reference: str, referral_id: int) -> ResponseReturnValue:
    case = _actionable_case(reference)
    row = next((r for r in referral_service.case_referrals(case) if r.id == referral_id), None)
    if row is None:
        abort(404)
    if WithdrawForm().validate_on_submit():
        referral_service.withdraw(row, by=current_user)
        flash(f"The referral to {row.user.name} is withdrawn: they can no longer see the case.", "success")
    return redirect(url_for("decisions.referrals", reference=case.reference))


# --- publication ----------------------------------------------------------------------------------------------------


@bp.route("/<reference>/publication", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def publication(reference: str) -> ResponseReturnValue:
    """The officer chooses what to remove and whether to name the member, previews, and approves."""
    case = _actionable_case(reference)
    if case.latest_decision is None:
        flash("Record a decision before publishing a decision notice.", "important")
        return redirect(_case_url(case))
    form = PublicationForm()
    policy = current_app.config["PUBLICATION_NAMING"]
    default_named = publication_service.names_member_by_default(case, policy)
    if request.method == "GET":
        form.name_member.data = "yes" if default_named else "no"
    name_member = form.name_member.data == "yes"
    found = publication_service.suggestions(case, name_member=name_member)
    form.remove.choices = [
        SelectChoice(f["text"], f"{f['text']} ({KIND_WORDS.get(f['kind'], f['kind'])})") for f in found
    ]
    if request.method == "GET":
        form.remove.data = [f["text"] for f in found]
    status = 200
    if request.method == "POST" and form.validate_on_submit() and form.submit.data:
        row = publication_service.approve(
            case,
            user=current_user,
            removals=form.removals(),
            name_member=form.name_member.data == "yes",
            policy_text=current_app.config["PUBLICATION_POLICY_TEXT"],
        )
        flash(f"Decision notice approved for publication (version {row.version}).", "success")
        return redirect(url_for("decisions.publication", reference=case.reference, _anchor="published"))
    if request.method == "POST" and form.errors:
        status = 400
    preview = publication_service.notice(
        case, removals=form.removals() if request.method == "POST" else form.remove.data, name_member=name_member
    )
    return (
        render_template(
            "decisions/publication.html",
            case=case,
            form=form,
            preview=preview,
            naming_hint=publication_service.naming_hint(case, policy),
        ),
        status,
    )


KIND_WORDS = {
    "name": "a name",
    "email": "an email address",
    "phone": "a phone number",
    "postcode": "a postcode",
    "address": "a street address",
    "url": "a web address",
}


@bp.route("/<reference>/publication/v<int:version>.<fmt>")
@roles_required(*OFFICERS)
@auto_commit_after_request
def published(reference: str, version: int, fmt: str) -> ResponseReturnValue:
    """An approved notice, as the web page (HTML) or the tagged PDF, for the council to put on its site."""
    case = _actionable_case(reference)
    row = next((p for p in case.publications if p.version == version), None)
    if row is None or fmt not in {"html", "pdf"}:
        abort(404)
    name = f"{case.reference}-decision-notice-v{version}.{fmt}"
    if fmt == "html":
        body, mimetype = row.html.encode("utf-8"), "text/html"
    else:
        try:
            body, mimetype = note_data.read_stored(row.sha256), "application/pdf"
        except note_data.NoteFileMissing:
            abort(404)
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.app_context_processor
def _decision_section_helpers() -> dict:
    return {"decision_section": decision_section}


def decision_section(case: Case) -> dict:
    """What the case page's decision section shows for the signed-in user."""
    role = getattr(current_user, "role", None)
    can_act = case_actionable_by(current_user, case)
    stage = decision_data.decision_stage(case) if can_act else None
    readable = [k for k in NoteKind if note_data.may_read_kind(current_user, k)]
    notes = [n for n in note_data.list_notes(case) if n.kind in readable]
    return {
        "can_act": can_act,
        "stage": stage,
        "can_review": can_act and getattr(decision_data.decision_stage(case, review=True), "kind", None) == "review",
        "can_record_views": can_act or (role == Role.INDEPENDENT_PERSON and case_visible_to(current_user, case)),
        "notes": notes,
        "kinds": readable,
        "titles": _titles(case),
        "note_titles": note_data.note_titles(case, notes),
        "unavailable": {k: _unavailable(case, k) for k in readable},
        "slug": lambda k: k.value.replace("_", "-"),
        "label": label,
    }

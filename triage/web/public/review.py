"""The officers' side of the public form: the queue of complaints sent in, each one's words as written beside what
the tool inferred, and the three things an officer can do with it: accept, merge into a case, or reject."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import Length

from triage import files
from triage.data import retention
from triage.data.access import case_actionable_by
from triage.data.cases import get_case_by_reference
from triage.extensions import db
from triage.mail import MailSettings
from triage.models.enums import Platform
from triage.scoring import questions as catalogue
from triage.services import public_complaints as service
from triage.web.access import OFFICERS, roles_required
from triage.web.fields import strip_one_line
from triage.web.kept_work import KeptWorkForm
from triage.web.transactions import auto_commit_after_request

bp = Blueprint("public_review", __name__, url_prefix="/public-complaints")


class AcceptForm(KeptWorkForm):
    submit = SubmitField("Accept and log it as a case", widget=GovSubmitInput())


class MergeForm(KeptWorkForm):
    reference = StringField(
        "Case reference",
        widget=GovTextInput(),
        description="For example, SC-2026-0042: the case about the same post or conduct.",
        filters=[strip_one_line],
        validators=[Length(max=20)],
    )
    submit = SubmitField("Add it to that case", widget=GovSubmitInput())


class RejectForm(KeptWorkForm):
    reply = TextAreaField(
        "Reply to the complainant",
        widget=GovTextArea(),
        validators=[Length(max=10000, message="Enter 10,000 characters or fewer")],
    )
    submit = SubmitField("Reject and send the reply", widget=GovSubmitInput())


def _row(reference: str):
    row = service.get_submitted(reference)
    if row is None:
        abort(404)
    return row


@bp.route("/")
@roles_required(*OFFICERS)
def index() -> ResponseReturnValue:
    return render_template(
        "public/review_list.html",
        rows=service.waiting(),
        words=service.STATUS_WORDS,
        member_name=service.member_name,
        posts_of=service.posts_of,
    )


def _render(row, status: int = 200, **forms) -> ResponseReturnValue:
    labels = {q.id: q.text for q in catalogue.QUESTIONS}
    draft = service.draft_for(row)
    reject = forms.get("reject") or RejectForm(
        prefix="reject", data={"reply": service.rejection_template(service.row_council(row))}
    )
    return (
        render_template(
            "public/review.html",
            row=row,
            member=service.member_name(row),
            received=service.received_on(row),
            welsh=service.language_of(row) == "cy",
            posts=[
                {**post, "posted_on": date.fromisoformat(post["posted_on"]) if post.get("posted_on") else None}
                for post in service.posts_of(row.data)
            ],
            platforms={p.value: p.answer for p in Platform},
            still={"yes": "Yes", "no": "No, it has been removed", "unknown": "They do not know"},
            inferred=[(labels.get(q, q), a) for q, a in ((row.inferred or {}).get("answers") or {}).items()],
            urgent=(row.inferred or {}).get("urgent") or [],
            words=service.STATUS_WORDS,
            draft=draft,
            accept=forms.get("accept") or AcceptForm(prefix="accept"),
            merge=forms.get("merge") or MergeForm(prefix="merge"),
            reject=reject,
        ),
        status,
    )


@bp.route("/<reference>")
@roles_required(*OFFICERS)
def show(reference: str) -> ResponseReturnValue:
    return _render(_row(reference))


@bp.route("/<reference>/screenshots/<sha256>")
@roles_required(*OFFICERS)
def screenshot(reference: str, sha256: str) -> ResponseReturnValue:
    """A screenshot the complainant sent, for officers only: re-encoded raster images with the right type and
    nosniff, so showing them inline is safe. Only hashes this submission names are served."""
    row = _row(reference)
    if sha256 not in retention.screenshot_hashes(row.data):
        abort(404)
    try:
        path = files.screenshot_path(sha256, display=True)
    except (ValueError, FileNotFoundError):
        abort(404)
    return send_file(path, mimetype=files.content_type_for(path), download_name=path.name, max_age=0)


@bp.route("/<reference>/accept", methods=["POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def accept(reference: str) -> ResponseReturnValue:
    row = _row(reference)
    form = AcceptForm(prefix="accept")
    if not form.validate_on_submit():
        return _render(row, 400, accept=form)
    try:
        draft = service.accept(row, by=current_user)
    except service.PublicComplaintError as error:
        db.session.rollback()
        flash(error.message, "important")
        return redirect(url_for("public_review.show", reference=reference))
    flash(
        f"Complaint {row.reference} accepted. Check the details, answer what you can, then create the case.",
        "success",
    )
    return redirect(url_for("intake.resume", public_id=draft.public_id))


@bp.route("/<reference>/merge", methods=["POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def merge(reference: str) -> ResponseReturnValue:
    row = _row(reference)
    form = MergeForm(prefix="merge")
    case = get_case_by_reference((form.reference.data or "").upper()) if form.validate_on_submit() else None
    if case is None or not case_actionable_by(current_user, case):
        form.reference.errors = [*form.reference.errors, "Enter the reference of a case you can work on"]
        return _render(row, 400, merge=form)
    try:
        service.merge(row, case, by=current_user)
    except service.PublicComplaintError as error:
        db.session.rollback()
        flash(error.message, "important")
        return redirect(url_for("public_review.show", reference=reference))
    flash(f"Complaint {row.reference} added to case {case.reference} as a further complaint.", "success")
    return redirect(url_for("cases.show", reference=case.reference))


@bp.route("/<reference>/reject", methods=["POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def reject(reference: str) -> ResponseReturnValue:
    row = _row(reference)
    form = RejectForm(prefix="reject")
    if not form.validate_on_submit():
        return _render(row, 400, reject=form)
    try:
        emailed = service.reject(
            row, by=current_user, reply=form.reply.data or "", settings=MailSettings.from_config(current_app.config)
        )
    except service.PublicComplaintError as error:
        db.session.rollback()
        form.reply.errors = [*form.reply.errors, error.message]
        return _render(row, 400, reject=form)
    flash(
        f"Complaint {row.reference} rejected."
        + (" The reply was emailed." if emailed else " The reply could not be emailed: send it another way."),
        "success" if emailed else "important",
    )
    return redirect(url_for("public_review.index"))

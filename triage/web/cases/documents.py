"""Correspondence and documents on a case: officers log letters, emails and calls and upload documents; people the
case is referred to download the member's response and the investigator's report."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from triage import documents
from triage.cases.access import CASE_ROLES
from triage.extensions import db
from triage.services import documents as documents_service
from triage.web.access import OFFICERS, roles_required
from triage.web.cases import bp
from triage.web.cases.forms import DocumentForm
from triage.web.cases.lookup import actionable_case, visible_case
from triage.web.transactions import auto_commit_after_request

EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


@bp.route("/<reference>/documents/new", methods=["GET", "POST"])
@roles_required(*OFFICERS)
@auto_commit_after_request
def add_document(reference: str) -> ResponseReturnValue:
    case = actionable_case(reference)
    form = DocumentForm()
    if form.validate_on_submit():
        try:
            documents_service.add_document(
                case,
                by=current_user,
                kind=form.kind.data,
                direction=form.direction.data,
                occurred_on=form.occurred_on.data,
                correspondent=form.correspondent.data or "",
                summary=form.summary.data or "",
                upload=form.upload.data,
            )
        except documents_service.DocumentFieldError as refused:
            db.session.rollback()
            getattr(form, refused.field).errors = [refused.message]
        else:
            flash("Added to the case.", "success")
            return redirect(url_for("cases.show", reference=case.reference, _anchor="documents"))
    status = 400 if form.errors else 200
    return render_template("cases/document_new.html", case=case, form=form), status


@bp.route("/<reference>/documents/<int:document_id>")
@roles_required(*CASE_ROLES)
@auto_commit_after_request
def document(reference: str, document_id: int) -> ResponseReturnValue:
    case = visible_case(reference)
    found = next((d for d in documents_service.visible_documents(case, current_user) if d.id == document_id), None)
    if found is None or not found.sha256:
        abort(404)
    try:
        path = documents.document_path(found.sha256, found.content_type)
    except (ValueError, FileNotFoundError):
        current_app.logger.warning("Document %s of case %s is missing from storage", found.id, case.reference)
        abort(404)
    documents_service.record_download(case, found, current_user)
    kind = found.kind.value.replace("_", "-")
    name = f"{case.reference}-{kind}-{found.id}.{EXTENSIONS.get(found.content_type, 'bin')}"
    response = send_file(
        path,
        mimetype=found.content_type or "application/octet-stream",
        as_attachment=True,
        download_name=name,
        max_age=0,
        etag=False,
        last_modified=None,
        conditional=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response

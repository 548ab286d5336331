"""The register of members for the administrator: list, add, edit, end a term, and import a CSV after a preview."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from triage.data import councils, members
from triage.data.intake import get_member
from triage.extensions import db
from triage.models.enums import Role
from triage.services import register
from triage.web.access import roles_required
from triage.web.admin import bp
from triage.web.admin.forms import EndTermForm, MemberForm, RegisterImportForm
from triage.web.transactions import auto_commit_after_request

ADMIN = (Role.ADMIN,)
MAX_CSV_BYTES = 1024 * 1024
FIELDS = ("name", "role", "party", "ward", "body", "email", "term_start", "term_end")


def _council():
    council = councils.default_council()
    if council is None:
        abort(409)
    return council


def _member_or_404(member_id: int):
    member = get_member(_council().id, member_id)
    if member is None:
        abort(404)
    return member


@bp.route("/members")
@roles_required(*ADMIN)
def members_list() -> ResponseReturnValue:
    council = _council()
    show = request.args.get("show", "serving")
    rows = members.list_members(council)
    if show == "serving":
        rows = [m for m in rows if m.term_end is None]
    elif show == "former":
        rows = [m for m in rows if m.term_end is not None]
    return render_template("admin/members.html", council=council, rows=rows, show=show)


def _save(form: MemberForm, member=None) -> ResponseReturnValue | None:
    values = {name: getattr(form, name).data for name in FIELDS}
    try:
        if member is None:
            member = register.add_member(_council(), values, by=current_user)
        else:
            register.edit_member(member, values, by=current_user)
    except register.RegisterError as refused:
        db.session.rollback()
        getattr(form, refused.field).errors = [refused.message]
        return None
    flash(f"{member.name} saved on the register.", "success")
    return redirect(url_for("admin.members_list"))


@bp.route("/members/new", methods=["GET", "POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def new_member() -> ResponseReturnValue:
    form = MemberForm()
    if form.validate_on_submit() and (done := _save(form)) is not None:
        return done
    return render_template("admin/member.html", form=form, member=None), 400 if form.errors else 200


@bp.route("/members/<int:member_id>", methods=["GET", "POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def edit_member(member_id: int) -> ResponseReturnValue:
    member = _member_or_404(member_id)
    form = MemberForm(obj=member if request.method == "GET" else None)
    if request.method == "GET":
        form.role.data = member.role.value
    if form.validate_on_submit() and (done := _save(form, member)) is not None:
        return done
    end = EndTermForm(formdata=None, prefix="end")
    return render_template("admin/member.html", form=form, member=member, end=end), 400 if form.errors else 200


@bp.route("/members/<int:member_id>/end-term", methods=["POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def end_term(member_id: int) -> ResponseReturnValue:
    member = _member_or_404(member_id)
    end = EndTermForm(prefix="end")
    if end.validate_on_submit():
        try:
            register.end_term(member, end.ended_on.data, by=current_user)
        except register.RegisterError as refused:
            db.session.rollback()
            end.ended_on.errors = [refused.message]
        else:
            flash(f"{member.name}'s term is recorded as ended.", "success")
            return redirect(url_for("admin.members_list"))
    form = MemberForm(obj=member)
    form.role.data = member.role.value
    return render_template("admin/member.html", form=form, member=member, end=end), 400


@bp.route("/members/import", methods=["GET", "POST"])
@roles_required(*ADMIN)
@auto_commit_after_request
def import_members() -> ResponseReturnValue:
    council = _council()
    form = RegisterImportForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("admin/members_import.html", form=form, parsed=None, text="")
    confirmed = request.form.get("confirm") == "yes"
    text = form.csv_text.data or ""
    if not confirmed:
        upload = form.upload.data
        raw = upload.stream.read(MAX_CSV_BYTES + 1) if upload is not None and upload.filename else b""
        if not raw:
            form.upload.errors = ["Select a CSV file of the register"]
        elif len(raw) > MAX_CSV_BYTES:
            form.upload.errors = ["The file must be smaller than 1 MB"]
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                form.upload.errors = ["The file must be saved as CSV UTF-8"]
        if form.upload.errors:
            return render_template("admin/members_import.html", form=form, parsed=None, text=""), 400
    parsed = members.parse_members_csv(council, text)
    form.csv_text.data = text
    if confirmed and parsed.ok:
        result = register.import_register(council, text, by=current_user)
        flash(f"Register imported: {result.created} added, {result.updated} updated.", "success")
        return redirect(url_for("admin.members_list"))
    return render_template("admin/members_import.html", form=form, parsed=parsed, text=text)

"""Logging a new complaint, one thing per page: complaint, complainant, member, posts, structured questions, then
check your answers and create the case.

Every POST saves what was typed to the draft before anything else (even when it does not validate), so errors,
closed tabs and expired sessions never lose work. Each form carries the draft's version: a save from a page that
was opened before another tab saved is refused with a message instead of silently overwriting.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf.form import _Auto  # Flask-WTF's "read the submitted form from the request" default
from markupsafe import Markup, escape
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import BuildError
from wtforms.fields.choices import SelectChoice

from triage import files
from triage.casefile import validate_case_file
from triage.data import councils as council_data
from triage.data import intake as intake_data
from triage.extensions import db
from triage.models.enums import ComplainantKind
from triage.scoring import questions as catalogue
from triage.services import public_complaints
from triage.web.access import OFFICERS, roles_required
from triage.web.intake import bp
from triage.web.intake import forms as F
from triage.web.intake.journey import GROUP_TITLES, GROUPS, Journey, member_label, raw_input

if TYPE_CHECKING:
    from triage.models import IntakeDraft

MAX_SCREENSHOTS_PER_POST = 10
CONFLICT_MESSAGE = (
    "This complaint was changed in another tab or window after you opened this page, so what you entered here has "
    "not been saved yet. Check the answers on this page, then save again to keep them."
)
SAVED_FOR_LATER = "Your complaint has been saved. You can continue it from ‘Your unfinished complaints’."


# --- template helpers (for this blueprint's pages only) ----------------------------------------------------------


def case_url(reference: str) -> str:
    """The case page, or its path while the case pages are being built."""
    try:
        return url_for("cases.show", reference=reference)
    except BuildError:
        return f"/cases/{reference}"


def _errors_linking_to_inputs(form, params=None):
    """GOV.UK error-summary items whose links land on the input itself: a date's day box, not its container."""
    from govuk_frontend_wtf.main import wtforms_errors

    summary = wtforms_errors(form, params or {})
    dates = {f"#{f.id}" for f in form if isinstance(f, F.GovDateField)}
    for item in summary["errorList"]:
        if item.get("href") in dates:
            item["href"] += "-day"
    return summary


def gov(field, size: str = "m", heading: bool = False, **params) -> dict:
    """Widget params for a question: its legend (or label) at the given size, no empty hint, plus `params`.
    govuk-frontend-wtf only fills in the legend text when no fieldset is passed, so it is repeated here."""
    classes = f"govuk-fieldset__legend--{size}" if size else ""
    label_classes = f"govuk-label--{size}" if size else ""
    out: dict = {
        "fieldset": {"legend": {"text": field.label.text, "classes": classes, "isPageHeading": heading}},
        "label": {"text": field.label.text, "classes": label_classes, "isPageHeading": heading},
    }
    if not field.description:
        out["hint"] = None
    for key, value in params.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def multiline(text: str | None) -> Markup:
    """User text as escaped HTML with line breaks as <br>, so it survives the GOV.UK macros' re-indenting."""
    return Markup("<br>").join(escape(line) for line in (text or "").split("\n"))


def option_hints(field, hints: dict[str, str]) -> list[dict]:
    """Radio items for `field` with a hint under the options named in `hints`."""
    return [
        {"hint": {"text": hints[c.value]}} if c.value in hints else {}
        for c in map(SelectChoice.from_input, field.choices)
    ]


@bp.context_processor
def _helpers() -> dict:
    return {
        "wtforms_errors": _errors_linking_to_inputs,
        "case_url": case_url,
        "labels": _labels(),
        "gov": gov,
        "option_hints": option_hints,
        "multiline": multiline,
    }


def _labels() -> dict:
    return {
        "received_via": {str(k): v for k, v in F.RECEIVED_VIA_LABELS.items()},
        "kind": {str(k): v for k, v in F.COMPLAINANT_LABELS.items()},
        "role": {str(k): v for k, v in F.ROLE_LABELS.items()},
        "platform": {str(k): v for k, v in F.PLATFORM_LABELS.items()},
        "author": {str(k): v for k, v in F.AUTHOR_LABELS.items()},
        "account_kind": {str(k): v for k, v in F.ACCOUNT_LABELS.items()},
        "visibility": {str(k): v for k, v in F.VISIBILITY_LABELS.items()},
        "interaction": {str(k): v for k, v in F.INTERACTION_LABELS.items()},
        "tristate": F.TRISTATE_LABELS,
        "yes_no": F.YES_NO,
        "options": catalogue.OPTION_LABELS,
    }


# --- plumbing ----------------------------------------------------------------------------------------------------


def _draft(public_id: str) -> IntakeDraft:
    draft = intake_data.get_draft(public_id, current_user)
    if draft is None:
        abort(404)
    return draft


def _source() -> str | None:
    return "check" if request.args.get("source") == "check" else None


def _url(endpoint: str, draft: IntakeDraft, **kwargs) -> str:
    return url_for(endpoint, public_id=draft.public_id, **kwargs)


def _stamp(form, draft: IntakeDraft):
    """Put the draft's current version into the form's hidden field (a re-rendered POST must not keep the old one)."""
    form.draft_version.raw_data = None
    form.draft_version.data = str(draft.version)
    return form


def _version_matches(draft: IntakeDraft) -> bool:
    return request.form.get("draft_version", "") == str(draft.version)


def _save(draft: IntakeDraft, journey: Journey, last_step: str) -> bool:
    """Write the journey's data to the draft and commit. False if another request saved first (nothing written)."""
    try:
        intake_data.save_draft(draft, journey.data, last_step)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return False
    return True


def _saved_for_later(form) -> ResponseReturnValue | None:
    if form.later.data:
        flash(SAVED_FOR_LATER, "success")
        return redirect(url_for("intake.start"))
    return None


def _submitted_redirect(draft: IntakeDraft) -> ResponseReturnValue | None:
    if draft.case_id is not None:
        return redirect(_url("intake.confirmation", draft))
    return None


def _render(template: str, draft: IntakeDraft, journey: Journey, status: int = 200, **context) -> ResponseReturnValue:
    return (
        render_template(
            template,
            draft=draft,
            journey=journey,
            source=_source(),
            conflict=status == 409,
            conflict_message=CONFLICT_MESSAGE,
            **context,
        ),
        status,
    )


def _simple_step(
    public_id: str, key: str, template: str, next_url, back_url, defaults=None, on_save=None, **context
) -> ResponseReturnValue:
    """GET shows the saved input (or defaults); POST saves what was typed, then continues or shows the errors."""
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    journey = Journey(draft)
    extra = context.pop("extra", lambda j: {})
    if request.method == "POST":
        form = journey.make_form(key, formdata=_Auto)
        if not _version_matches(draft):
            return _render(
                template,
                draft,
                journey,
                409,
                form=_stamp(form, draft),
                back_url=back_url(journey),
                **extra(journey),
                **context,
            )
        previous = journey.data["steps"].get(key)
        journey.data["steps"][key] = raw_input(request.form, form)
        if on_save is not None:
            on_save(journey, previous)
        valid = form.validate()
        if not _save(draft, journey, key):
            return _render(
                template,
                draft,
                journey,
                409,
                form=_stamp(form, draft),
                back_url=back_url(journey),
                **extra(journey),
                **context,
            )
        if (later := _saved_for_later(form)) is not None:
            return later
        if valid:
            return redirect(next_url(journey))
        return _render(
            template, draft, journey, form=_stamp(form, draft), back_url=back_url(journey), **extra(journey), **context
        )
    saved = journey.data["steps"].get(key)
    if saved:
        form = journey.make_form(key)
    else:
        form = journey.make_form(key, data=defaults(journey) if defaults else None)
    return _render(
        template, draft, journey, form=_stamp(form, draft), back_url=back_url(journey), **extra(journey), **context
    )


def _next(endpoint: str, **kwargs):
    """The next page, or back to check your answers when the officer came from there."""

    def go(journey: Journey) -> str:
        if _source() == "check":
            return _url("intake.check", journey.draft)
        return _url(endpoint, journey.draft, **kwargs)

    return go


def _back(endpoint: str | None, **kwargs):
    def go(journey: Journey) -> str:
        if _source() == "check":
            return _url("intake.check", journey.draft)
        if endpoint is None:
            return url_for("intake.start")
        return _url(endpoint, journey.draft, **kwargs)

    return go


def _posts_url(journey: Journey) -> str:
    return _url("intake.posts" if journey.data["posts"] else "intake.new_post", journey.draft)


# --- start, resume, delete ---------------------------------------------------------------------------------------


@bp.route("/", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def start() -> ResponseReturnValue:
    form = F.StartForm()
    council = council_data.default_council()
    if request.method == "POST" and form.validate_on_submit():
        if council is None:
            abort(409)
        draft = intake_data.create_draft(current_user, council)
        db.session.commit()
        return redirect(_url("intake.received", draft))
    drafts = [(d, Journey(d)) for d in intake_data.unfinished_drafts(current_user)]
    return render_template("intake/start.html", form=form, drafts=drafts, council=council)


@bp.route("/<public_id>")
@roles_required(*OFFICERS)
def resume(public_id: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    endpoint, kwargs = Journey(draft).first_incomplete()
    return redirect(_url(endpoint, draft, **kwargs))


@bp.route("/<public_id>/delete", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def delete(public_id: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    form = F.DeleteDraftForm()
    if request.method == "POST" and form.validate_on_submit():
        intake_data.delete_draft(draft, current_user)
        db.session.commit()
        flash("The unfinished complaint has been deleted.", "success")
        return redirect(url_for("intake.start"))
    return render_template("intake/delete.html", form=form, draft=draft, journey=Journey(draft))


# --- 1. the complaint and the complainant ------------------------------------------------------------------------


@bp.route("/<public_id>/received", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def received(public_id: str) -> ResponseReturnValue:
    return _simple_step(
        public_id,
        "received",
        "intake/received.html",
        next_url=_next("intake.complainant"),
        back_url=_back(None),
    )


@bp.route("/<public_id>/complainant", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def complainant(public_id: str) -> ResponseReturnValue:
    return _simple_step(
        public_id,
        "complainant",
        "intake/complainant.html",
        next_url=_next("intake.member"),
        back_url=_back("intake.received"),
        anonymous=ComplainantKind.ANONYMOUS.value,
    )


# --- 2. the member -----------------------------------------------------------------------------------------------


def _member_changed(journey: Journey, previous: dict | None) -> None:
    """A different member: forget the role and in-office answers so they are prefilled from the register again."""
    before = (previous or {}).get("member_id")
    if before != journey.data["steps"]["member"].get("member_id"):
        journey.data["steps"].pop("member_details", None)


def _member_next(journey: Journey) -> str:
    # Choosing a member always leads to their role and term, even when changing it from check your answers.
    return _url("intake.member_details", journey.draft, source=_source())


@bp.route("/<public_id>/member", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def member(public_id: str) -> ResponseReturnValue:
    return _simple_step(
        public_id,
        "member",
        "intake/member.html",
        next_url=_member_next,
        back_url=_back("intake.complainant"),
        on_save=_member_changed,
        extra=lambda j: {"register_size": len(j.members)},
    )


def _member_details_extra(journey: Journey) -> dict:
    defaults, reasons = journey.member_defaults()
    chosen = journey.member()
    return {"member": chosen, "register_defaults": defaults, "register_reasons": reasons}


@bp.route("/<public_id>/member-details", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def member_details(public_id: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    if draft.case_id is None and Journey(draft).member() is None:
        return redirect(_url("intake.member", draft))
    return _simple_step(
        public_id,
        "member_details",
        "intake/member_details.html",
        next_url=lambda j: _url("intake.check", j.draft) if _source() == "check" else _posts_url(j),
        back_url=_back("intake.member"),
        defaults=lambda j: j.member_defaults()[0],
        extra=_member_details_extra,
    )


# --- 3. posts ----------------------------------------------------------------------------------------------------


def _store_uploads(entry: dict) -> list[str]:
    """Store each chosen screenshot and record it in the draft entry; return error messages for refused files."""
    errors: list[str] = []
    for upload in request.files.getlist("screenshots"):
        name = (upload.filename or "").strip()
        if not name and not upload.content_length:
            continue  # the empty part a browser sends when no file was chosen
        label = f"‘{name}’" if name else "The selected file"
        if len(entry["screenshots"]) >= MAX_SCREENSHOTS_PER_POST:
            errors.append(f"{label} was not added: a post can have up to {MAX_SCREENSHOTS_PER_POST} screenshots")
            continue
        try:
            stored = files.store_screenshot(upload)
        except files.ScreenshotError as exc:
            errors.append(str(exc).replace("The selected file", label, 1))
            continue
        if any(s["sha256"] == stored.sha256 for s in entry["screenshots"]):
            continue
        entry["screenshots"].append(
            {**stored.to_dict(), "original_filename": name[:255], "uploaded_at": datetime.now(UTC).isoformat()}
        )
    return errors


def _post_page(draft: IntakeDraft, journey: Journey, entry: dict | None, form, status: int = 200, **extra):
    number = (
        journey.data["posts"].index(entry) + 1 if entry in journey.data["posts"] else len(journey.data["posts"]) + 1
    )
    action = (
        _url("intake.edit_post", draft, post_id=entry["id"], source=_source())
        if entry is not None
        else _url("intake.new_post", draft, source=_source())
    )
    back = (
        _url("intake.check", draft)
        if _source() == "check"
        else (
            _url("intake.posts", draft)
            if journey.data["posts"] and entry is not journey.data["posts"][0]
            else _url("intake.member_details", draft)
        )
    )
    return _render(
        "intake/post.html",
        draft,
        journey,
        status,
        form=_stamp(form, draft),
        entry=entry,
        pending=[] if entry is not None else journey.data.get("pending_screenshots", []),
        number=number,
        action=action,
        back_url=back,
        max_chars=F.MAX_POST_CHARS,
        **extra,
    )


def _refuse_new_post(draft: IntakeDraft, journey: Journey, entry: dict, form) -> ResponseReturnValue:
    """Adding a post is all or nothing: a post that fails its checks is not added (no empty or duplicate
    "incomplete" posts). What was typed is shown back with the errors, and screenshots that passed their own checks
    wait in the draft, unattached, until the post is saved."""
    journey.data["posts"].remove(entry)
    if entry["screenshots"]:
        journey.data["pending_screenshots"] = entry["screenshots"]
        if not _save(draft, journey, "posts"):
            return _post_page(draft, journey, None, form, 409)
    return _post_page(draft, journey, None, form)


def _post_view(public_id: str, post_id: str | None) -> ResponseReturnValue:
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    journey = Journey(draft)
    entry = journey.post_entry(post_id) if post_id else None
    if post_id and entry is None:
        abort(404)
    if request.method == "GET":
        saved = (entry or {}).get("form")
        form = journey.post_form(MultiDict(saved) if saved else None)
        return _post_page(draft, journey, entry, form)

    try:
        form = F.PostForm(received_on=journey.received_on())
    except RequestEntityTooLarge:
        form = journey.post_form(MultiDict((entry or {}).get("form") or {}))
        form.screenshots.errors = ["The selected files must be smaller than 45 MB in total. Add fewer at a time"]
        return _post_page(draft, journey, entry, form, 413)
    if not _version_matches(draft):
        return _post_page(draft, journey, entry, form, 409)
    is_new = entry is None
    if is_new:
        entry = journey.new_post_entry()
        entry["screenshots"] = journey.data.pop("pending_screenshots", [])
    entry["form"] = raw_input(request.form, form)
    upload_errors = _store_uploads(entry)
    valid = form.validate()
    if upload_errors:
        message = upload_errors[0] if len(upload_errors) == 1 else "; ".join(upload_errors)
        form.screenshots.errors = [message]
        form._errors = None
        valid = False
    if is_new and not valid and not form.later.data:
        return _refuse_new_post(draft, journey, entry, form)
    if not _save(draft, journey, "posts"):
        return _post_page(draft, journey, journey.post_entry(entry["id"]), form, 409)
    if (later := _saved_for_later(form)) is not None:
        return later
    if valid:
        if _source() == "check":
            return redirect(_url("intake.check", draft))
        return redirect(_url("intake.posts", draft))
    return _post_page(draft, journey, entry, form)


@bp.route("/<public_id>/posts/new", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def new_post(public_id: str) -> ResponseReturnValue:
    return _post_view(public_id, None)


@bp.route("/<public_id>/posts/<post_id>", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def edit_post(public_id: str, post_id: str) -> ResponseReturnValue:
    return _post_view(public_id, post_id)


@bp.route("/<public_id>/posts", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def posts(public_id: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    journey = Journey(draft)
    if not journey.data["posts"]:
        return redirect(_url("intake.new_post", draft))
    results = journey.posts()
    back_url = _url("intake.member_details", draft)
    if request.method == "POST":
        form = F.AddAnotherForm()
        if not _version_matches(draft):
            return _render(
                "intake/posts.html", draft, journey, 409, form=_stamp(form, draft), posts=results, back_url=back_url
            )
        valid = form.validate()
        if (later := _saved_for_later(form)) is not None:
            return later
        if valid and form.add_another.data == "yes":
            return redirect(_url("intake.new_post", draft))
        if valid:
            incomplete = next((p for p in results if not p.valid), None)
            if incomplete is not None:
                form.add_another.errors = [f"Post {incomplete.number} is not finished: change it to complete it"]
                form._errors = None
            else:
                return redirect(_url("intake.questions", draft, group=GROUPS[0]))
        return _render("intake/posts.html", draft, journey, form=_stamp(form, draft), posts=results, back_url=back_url)
    form = F.AddAnotherForm(formdata=None)
    return _render("intake/posts.html", draft, journey, form=_stamp(form, draft), posts=results, back_url=back_url)


@bp.route("/<public_id>/posts/<post_id>/remove", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def remove_post(public_id: str, post_id: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    journey = Journey(draft)
    entry = journey.post_entry(post_id)
    if entry is None:
        abort(404)
    number = journey.data["posts"].index(entry) + 1
    back = _url("intake.check", draft) if _source() == "check" else _url("intake.posts", draft)
    form = F.ConfirmRemoveForm()
    form.confirm.label.text = f"Are you sure you want to remove post {number}?"

    def page(status: int = 200):
        return _render(
            "intake/remove.html",
            draft,
            journey,
            status,
            form=_stamp(form, draft),
            back_url=back,
            heading=f"Remove post {number}",
            what=f"post {number}",
        )

    if request.method == "POST":
        if not _version_matches(draft):
            return page(409)
        if form.validate():
            if form.confirm.data == "yes":
                journey.data["posts"] = [p for p in journey.data["posts"] if p["id"] != post_id]
                if not _save(draft, journey, "posts"):
                    return page(409)
                flash(f"Post {number} has been removed.", "success")
            return redirect(back)
    return page()


@bp.route("/<public_id>/posts/<post_id>/screenshots/<sha256>/remove", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def remove_screenshot(public_id: str, post_id: str, sha256: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    journey = Journey(draft)
    entry = journey.post_entry(post_id)
    if entry is None or not any(s["sha256"] == sha256 for s in entry["screenshots"]):
        abort(404)
    shot = next(s for s in entry["screenshots"] if s["sha256"] == sha256)
    back = _url("intake.edit_post", draft, post_id=post_id, source=_source())
    form = F.ConfirmRemoveForm()
    what = f"the screenshot ‘{shot.get('original_filename') or 'screenshot'}’"
    form.confirm.label.text = f"Are you sure you want to remove {what}?"
    context = {"back_url": back, "heading": "Remove a screenshot", "what": what, "screenshot": shot}
    if request.method == "POST":
        if not _version_matches(draft):
            return _render("intake/remove.html", draft, journey, 409, form=_stamp(form, draft), **context)
        if form.validate():
            if form.confirm.data == "yes":
                entry["screenshots"] = [s for s in entry["screenshots"] if s["sha256"] != sha256]
                if not _save(draft, journey, "posts"):
                    return _render("intake/remove.html", draft, journey, 409, form=_stamp(form, draft), **context)
                flash("The screenshot has been removed.", "success")
            return redirect(back)
    return _render("intake/remove.html", draft, journey, form=_stamp(form, draft), **context)


@bp.route("/<public_id>/screenshots/<sha256>")
@roles_required(*OFFICERS)
def screenshot(public_id: str, sha256: str) -> ResponseReturnValue:
    """A screenshot uploaded to this draft, for its owner only. Re-encoded raster images with the right type and
    nosniff, so showing them inline is safe."""
    draft = _draft(public_id)
    entries = [s for p in (draft.data or {}).get("posts", []) for s in p.get("screenshots", [])]
    entries += (draft.data or {}).get("pending_screenshots", [])
    if not any(s.get("sha256") == sha256 for s in entries):
        abort(404)
    try:
        path = files.screenshot_path(sha256, display=True)
    except (ValueError, FileNotFoundError):
        abort(404)
    return send_file(path, mimetype=files.content_type_for(path), download_name=path.name, max_age=0)


# --- 4. structured questions -------------------------------------------------------------------------------------


def _question_params(form, answers, group: str) -> dict:
    """Per question: the hint (paraphrase plus source) and, when prefilled, a tag and the reason."""
    params = {}
    for q in catalogue.questions_in_group(group):
        answer = answers[q.id]
        shown = form[q.id].data
        hint = Markup('<span class="app-question-hint">{}</span> <span class="app-question-source">Source: {}</span>')
        html = hint.format(q.hint, q.source)
        suggestion = answer.suggestion
        if suggestion is not None and shown == suggestion.value:
            advice = "" if "change" in suggestion.why.lower() else " Change it if it is wrong."
            html += Markup(
                '<span class="app-prefill"><strong class="govuk-tag govuk-tag--blue">Prefilled</strong> '
                "as ‘{}’ because {}.{}</span>"
            ).format(catalogue.OPTION_LABELS.get(suggestion.value, suggestion.value), suggestion.why, advice)
        elif suggestion is not None:
            html += Markup(
                '<span class="app-prefill">The case details suggested ‘{}’ ({}); you changed it.</span>'
            ).format(catalogue.OPTION_LABELS.get(suggestion.value, suggestion.value), suggestion.why)
        params[q.id] = {
            "fieldset": {"legend": {"text": q.text, "classes": "govuk-fieldset__legend--s"}},
            "hint": {"html": html},
            "classes": "govuk-radios--small" if len(q.options) > 3 else "govuk-radios--inline",
        }
    return params


@bp.route("/<public_id>/questions/<group>", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def questions(public_id: str, group: str) -> ResponseReturnValue:
    if group not in GROUPS:
        abort(404)
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    journey = Journey(draft)
    index = GROUPS.index(group)
    suggestions = journey.suggestions()
    if _source() == "check":
        next_url = back_url = _url("intake.check", draft)
    else:
        next_url = (
            _url("intake.questions", draft, group=GROUPS[index + 1])
            if index + 1 < len(GROUPS)
            else (_url("intake.check", draft))
        )
        back_url = _url("intake.questions", draft, group=GROUPS[index - 1]) if index else _posts_url(journey)
    context = {
        "group": group,
        "group_title": GROUP_TITLES[group],
        "group_number": index + 1,
        "group_count": len(GROUPS),
        "questions": catalogue.questions_in_group(group),
        "back_url": back_url,
    }
    if request.method == "POST":
        form = journey.questions_form(group, formdata=_Auto)
        answers = journey.effective_answers(suggestions)
        if not _version_matches(draft):
            return _render(
                "intake/questions.html",
                draft,
                journey,
                409,
                form=_stamp(form, draft),
                params=_question_params(form, answers, group),
                **context,
            )
        journey.record_answers(group, request.form, suggestions)
        valid = form.validate()
        if not _save(draft, journey, f"questions:{group}"):
            return _render(
                "intake/questions.html",
                draft,
                journey,
                409,
                form=_stamp(form, draft),
                params=_question_params(form, answers, group),
                **context,
            )
        if (later := _saved_for_later(form)) is not None:
            return later
        if valid:
            return redirect(next_url)
        answers = journey.effective_answers(suggestions)
        return _render(
            "intake/questions.html",
            draft,
            journey,
            form=_stamp(form, draft),
            params=_question_params(form, answers, group),
            **context,
        )
    answers = journey.effective_answers(suggestions)
    form = journey.questions_form(group, answers=answers)
    return _render(
        "intake/questions.html",
        draft,
        journey,
        form=_stamp(form, draft),
        params=_question_params(form, answers, group),
        **context,
    )


# --- 5. check your answers and create the case -------------------------------------------------------------------


def _check_context(draft: IntakeDraft, journey: Journey) -> dict:
    steps = {key: journey.step(key) for key in ("received", "complainant", "member", "member_details")}
    posts_ = journey.posts()
    suggestions = journey.suggestions()
    answers = journey.effective_answers(suggestions)
    member_ = journey.member()
    problems: list[dict] = []
    names = {
        "received": "The complaint",
        "complainant": "The complainant",
        "member": "The member complained about",
        "member_details": "The member's role and term",
    }
    for key, result in steps.items():
        if not result.valid:
            href = _url(f"intake.{key}", draft, source="check")
            problems.append({"text": f"{names[key]}: answer the questions on this page", "href": href})
    if not posts_:
        problems.append({"text": "Add the post complained about", "href": _url("intake.new_post", draft)})
    for p in posts_:
        if not p.valid:
            href = _url("intake.edit_post", draft, post_id=p.entry["id"], source="check")
            problems.append({"text": f"Post {p.number}: finish the details of this post", "href": href})
    for group in GROUPS:
        if not journey.group_complete(group, answers):
            href = _url("intake.questions", draft, group=group, source="check")
            problems.append({"text": f"{GROUP_TITLES[group]}: answer every question", "href": href})
    duplicates = []
    if member_ is not None and posts_:
        clean_posts = [{"text": p.clean.get("text") or "", "url": p.clean.get("url") or ""} for p in posts_]
        duplicates = intake_data.find_duplicate_posts(
            draft.council_id, member_.id, clean_posts, user_id=current_user.id
        )
    warnings = []
    details = steps["member_details"].form.data if steps["member_details"].valid else {}
    if member_ is not None and details.get("in_office") == "yes":
        for p in posts_:
            day = p.clean.get("posted_on")
            if day and member_.in_office_on(day) is False:
                warnings.append(
                    f"Post {p.number} is dated {day.day} {day:%B %Y}, outside {member_.name}'s term on the register, "
                    "but the member is recorded as in office at the time."
                )
    return {
        "steps": steps,
        "posts": posts_,
        "answers": answers,
        "member": member_,
        "member_text": member_label(member_) if member_ else "",
        "problems": problems,
        "duplicates": duplicates,
        "warnings": warnings,
        "groups": [(g, GROUP_TITLES[g], catalogue.questions_in_group(g)) for g in GROUPS],
    }


@bp.route("/<public_id>/check", methods=["GET", "POST"])
@roles_required(*OFFICERS)
def check(public_id: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    if (done := _submitted_redirect(draft)) is not None:
        return done
    journey = Journey(draft)
    form = F.CreateCaseForm()
    show_problems = False
    status = 200
    if request.method == "POST":
        if not _version_matches(draft):
            status = 409
        else:
            context = _check_context(draft, journey)
            if not context["problems"]:
                created = _create_case(draft, journey)
                if created is not None:
                    return created
                status = 409
            else:
                show_problems = True
    context = _check_context(draft, journey)
    return _render(
        "intake/check.html",
        draft,
        journey,
        status,
        create_form=_stamp(form, draft),
        show_problems=show_problems,
        back_url=_url("intake.questions", draft, group=GROUPS[-1]),
        **context,
    )


def _create_case(draft: IntakeDraft, journey: Journey) -> ResponseReturnValue | None:
    case_file = journey.case_file(with_answers=True)
    problems = validate_case_file(case_file)
    if problems:  # the forms should make this impossible; refuse rather than store a broken case
        raise ValueError(f"intake produced an invalid case file: {problems}")
    member_ = journey.member()
    complainant_ = journey.clean("complainant") or {}
    received_ = journey.clean("received") or {}
    answers = journey.effective_answers()
    extras = intake_data.IntakeExtras(
        member_id=member_.id,
        received_via=received_.get("received_via"),
        complainant_phone=(complainant_.get("phone") or "") if complainant_.get("kind") != "anonymous" else "",
        answer_origins={qid: (a.prefilled, a.why) for qid, a in answers.items()},
        screenshots=[p.entry["screenshots"] for p in journey.posts()],
    )
    try:
        case = intake_data.create_case_from_draft(draft, case_file, extras, current_user)
        public_complaints.case_logged((draft.data or {}).get("public_submission"), case, by=current_user)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        db.session.refresh(draft)
        if draft.case_id is not None:  # a double click: the first request created the case
            return redirect(_url("intake.confirmation", draft))
        return None
    return redirect(_url("intake.confirmation", draft))


@bp.route("/<public_id>/confirmation")
@roles_required(*OFFICERS)
def confirmation(public_id: str) -> ResponseReturnValue:
    draft = _draft(public_id)
    reference = intake_data.case_reference(draft)
    if reference is None:
        return redirect(_url("intake.resume", draft))
    return render_template("intake/confirmation.html", draft=draft, reference=reference)

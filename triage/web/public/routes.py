"""The public complaint form: start, about you, the councillor, the post, what happened, check and send.

No account is needed. The browser holds a random token in its session (the row stores only its hash); each page
saves what was typed, so going back and forth loses nothing. Abuse resistance without a third-party CAPTCHA: a
honeypot field, a minimum time to fill the form in, per-address rate limits through the shared limiter storage,
the same upload checks as staff uploads, size caps on every field, and submissions that are only ever queued for an
officer, never published.
"""

from __future__ import annotations

import time

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from wtforms.fields.choices import SelectChoice

from triage import files
from triage.data import members
from triage.data.councils import default_council
from triage.extensions import db, limiter
from triage.mail import MailSettings
from triage.models.enums import Platform
from triage.services import public_complaints as service
from triage.web.intake.journey import member_label
from triage.web.public import bp
from triage.web.public.forms import (
    KINDS,
    MAX_SCREENSHOTS,
    PROMPTS,
    AboutYouForm,
    CouncillorForm,
    PostForm,
    StoryForm,
    SubmitForm,
)

SESSION_KEY = "public_complaint"
PAGES = ("about_you", "councillor", "post", "story")


def _submit_limit() -> str:
    return current_app.config.get("PUBLIC_FORM_RATE_LIMIT") or "10 per hour"


def _row():
    """The visitor's complaint in progress; without one (a new browser, or the session ended) back to the start."""
    row = service.in_progress((session.get(SESSION_KEY) or {}).get("token"))
    if row is None:
        abort(_restart())
    return row


def _restart():
    flash("Start your complaint here. If you had started one, it was not sent.", "important")
    return redirect(url_for("public.start"))


def _council():
    council = default_council()
    if council is None:
        abort(404)
    return council


def _councillor_choices(council) -> list[SelectChoice]:
    register = members.list_members(council)
    return [
        SelectChoice("", "Select the councillor"),
        *[SelectChoice(str(m.id), member_label(m)) for m in register],
        SelectChoice("other", "Not listed"),
    ]


@bp.route("/", methods=["GET"])
def start() -> ResponseReturnValue:
    council = _council()
    return render_template("public/start.html", council=council, prompts=PROMPTS)


@bp.route("/start", methods=["POST"])
@limiter.limit(lambda: current_app.config.get("PUBLIC_FORM_START_LIMIT") or "30 per hour")
def begin() -> ResponseReturnValue:
    row, token = service.start(_council())
    db.session.commit()
    session[SESSION_KEY] = {"token": token, "started": time.time()}
    return redirect(url_for("public.page", name="about-you"))


def _form_for(name: str, row):
    saved = (row.data or {}).get(name.replace("-", "_")) or {}
    if name == "about-you":
        form = AboutYouForm(data=saved) if request.method == "GET" else AboutYouForm()
    elif name == "councillor":
        form = CouncillorForm(data=saved) if request.method == "GET" else CouncillorForm()
        form.member_id.choices = _councillor_choices(_council())
    elif name == "post":
        data = {k: v for k, v in saved.items() if k != "screenshots"}
        if data.get("posted_on"):
            from datetime import date

            data["posted_on"] = date.fromisoformat(data["posted_on"])
        form = PostForm(data=data) if request.method == "GET" else PostForm()
    elif name == "what-happened":
        form = StoryForm(data=saved) if request.method == "GET" else StoryForm()
    else:
        abort(404)
    return form


NEXT = {"about-you": "councillor", "councillor": "post", "post": "what-happened", "what-happened": None}
KEYS = {"about-you": "about_you", "councillor": "councillor", "post": "post", "what-happened": "story"}


@bp.route("/<name>", methods=["GET", "POST"])
def page(name: str) -> ResponseReturnValue:
    if name not in NEXT:
        abort(404)
    row = _row()
    form = _form_for(name, row)
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k not in ("csrf_token", "submit", "screenshots")}
        if name == "post":
            values["posted_on"] = values["posted_on"].isoformat() if values.get("posted_on") else ""
            shots = list(((row.data or {}).get("post") or {}).get("screenshots") or [])
            problems = _store_screenshots(form, shots)
            values["screenshots"] = shots
            service.save_page(row, KEYS[name], values)
            db.session.commit()
            if problems:
                # One message for the field (GOV.UK shows one error per field), naming every file refused.
                form.screenshots.errors = ["Some files were not added. " + " ".join(problems)]
                return render_template(f"public/{name}.html", form=form, row=row, shots=shots, max=MAX_SCREENSHOTS), 400
        else:
            service.save_page(row, KEYS[name], values)
            db.session.commit()
        if request.form.get("later"):
            return _save_for_later(row)
        target = request.args.get("back") == "check" or NEXT[name] is None
        return redirect(url_for("public.check") if target else url_for("public.page", name=NEXT[name]))
    if request.method == "POST":
        status = 400
    shots = ((row.data or {}).get("post") or {}).get("screenshots") or []
    return render_template(
        f"public/{name}.html", form=form, row=row, shots=shots, max=MAX_SCREENSHOTS, prompts=PROMPTS
    ), status


def _save_for_later(row):
    try:
        emailed = service.save_for_later(
            row,
            settings=MailSettings.from_config(current_app.config),
            link_for=lambda token: url_for("public.resume", token=token, _external=True),
        )
    except service.PublicComplaintError as error:
        flash(error.message, "important")
        return redirect(url_for("public.page", name="about-you"))
    db.session.commit()
    session.pop(SESSION_KEY, None)
    return render_template("public/saved.html", emailed=emailed, days=service.RETURN_DAYS)


@bp.route("/return/<token>")
@limiter.limit(lambda: current_app.config.get("PUBLIC_FORM_START_LIMIT") or "30 per hour")
def resume(token: str) -> ResponseReturnValue:
    found = service.resume(token)
    if found is None:
        flash("That link has expired or has already been used. Start your complaint again.", "important")
        return redirect(url_for("public.start"))
    row, fresh = found
    db.session.commit()
    session[SESSION_KEY] = {"token": fresh, "started": time.time()}
    missing = _missing(row)
    flash("Welcome back. Your answers so far are saved.", "success")
    return redirect(url_for("public.page", name=missing[0]) if missing else url_for("public.check"))


def _store_screenshots(form: PostForm, shots: list) -> list[str]:
    """The same checks as staff uploads; each bad file is named in its own error, the good ones are kept."""
    problems = []
    for upload in form.screenshots.data or []:
        if not getattr(upload, "filename", ""):
            continue
        name = upload.filename[:80]
        if len(shots) >= MAX_SCREENSHOTS:
            problems.append(f"{name}: you can add up to {MAX_SCREENSHOTS} screenshots.")
            continue
        try:
            stored = files.store_screenshot(upload)
        except files.ScreenshotError as exc:
            problems.append(f"{name}: {str(exc).rstrip('.')}.")
            continue
        shots.append({**stored.to_dict(), "original_filename": name})
    return problems


def _summary(row) -> list[tuple[str, str, str]]:
    """(question, answer, page) rows for check your answers."""
    data = row.data or {}
    about, post, story = data.get("about_you") or {}, data.get("post") or {}, data.get("story") or {}
    kinds = {k.value: k.answer for k in KINDS}
    platforms = {p.value: p.answer for p in Platform}
    return [
        ("Your name", about.get("name", ""), "about-you"),
        ("Email address", about.get("email", ""), "about-you"),
        ("Phone number", about.get("phone", "") or "Not given", "about-you"),
        ("You are", kinds.get(about.get("kind", ""), ""), "about-you"),
        ("Keep your name from the councillor", "Yes" if about.get("confidential") == "yes" else "No", "about-you"),
        ("The councillor", service.member_name(row), "councillor"),
        ("What the post said", post.get("text", ""), "post"),
        ("Web address", post.get("url", "") or "Not given", "post"),
        ("Where it was posted", platforms.get(post.get("platform", ""), ""), "post"),
        ("Screenshots", f"{len(post.get('screenshots') or [])} added", "post"),
        ("What happened", story.get("what_happened", ""), "what-happened"),
    ]


def _missing(row) -> list[str]:
    data = row.data or {}
    return [name for name, key in KEYS.items() if not data.get(key)]


@bp.route("/check", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"])
def check() -> ResponseReturnValue:
    row = _row()
    missing = _missing(row)
    if missing:
        return redirect(url_for("public.page", name=missing[0]))
    form = SubmitForm()
    status = 200
    if request.method == "POST":
        if form.website.data:  # the honeypot: only robots fill it in; they get a thank-you and nothing is kept
            db.session.delete(row)
            db.session.commit()
            session.pop(SESSION_KEY, None)
            return render_template("public/sent.html", reference=None)
        started = float((session.get(SESSION_KEY) or {}).get("started", 0))
        if time.time() - started < float(current_app.config.get("PUBLIC_FORM_MIN_SECONDS", 20)):
            form.declaration.errors = ["Check your answers, then send the complaint again"]
            status = 400
        elif form.validate_on_submit():
            settings = MailSettings.from_config(current_app.config)
            review_url = url_for("public_review.show", reference=row.reference, _external=True)
            service.submit(row, settings=settings, review_url=review_url)
            db.session.commit()
            session.pop(SESSION_KEY, None)
            session["public_sent"] = row.reference
            return redirect(url_for("public.sent"))
        else:
            status = 400
    return render_template("public/check.html", form=form, rows=_summary(row), row=row), status


@bp.route("/sent")
def sent() -> ResponseReturnValue:
    reference = session.get("public_sent")
    if not reference:
        return redirect(url_for("public.start"))
    return render_template("public/sent.html", reference=reference)

"""The public complaint form: start, about you, the councillor, the post, what happened, check and send.

No account is needed. The browser holds a random token in its session (the row stores only its hash); each page
saves what was typed, so going back and forth loses nothing. Abuse resistance without a third-party CAPTCHA: a
honeypot field, a minimum time to fill the form in, per-address rate limits through the shared limiter storage,
the same upload checks as staff uploads, size caps on every field, and submissions that are only ever queued for an
officer, never published.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date, get_locale, pgettext
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from triage import files, i18n
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
    STILL_UP,
    AboutYouForm,
    AnotherPostForm,
    CouncillorForm,
    PostForm,
    RemoveForm,
    RemovePostForm,
    StoryForm,
    SubmitForm,
)

SESSION_KEY = "public_complaint"


def _submit_limit() -> str:
    return current_app.config.get("PUBLIC_FORM_RATE_LIMIT") or "10 per hour"


def _row():
    """The visitor's complaint in progress; without one (a new browser, or the session ended) back to the start."""
    row = service.in_progress((session.get(SESSION_KEY) or {}).get("token"))
    if row is None:
        abort(_restart())
    return row


@bp.before_request
def choose_language() -> ResponseReturnValue | None:
    """``?lang=cy`` (the language switcher's links) sets the visitor's language for the rest of the form, then
    shows the same page without the parameter, so the address stays clean and a refresh does nothing new."""
    wanted = request.args.get("lang")
    if wanted is None or request.method != "GET":
        return None
    if wanted in i18n.offered():
        session[i18n.SESSION_KEY] = wanted
    args = {k: v for k, v in request.args.items() if k != "lang"}
    return redirect(url_for(request.endpoint, **(request.view_args or {}), **args))


def _language() -> str:
    return str(get_locale())


def _restart():
    flash(_("Start your complaint here. If you had started one, it was not sent."), "important")
    return redirect(url_for("public.start"))


def _council():
    council = default_council()
    if council is None:
        abort(404)
    return council


def _councillor_choices(council) -> list[SelectChoice]:
    register = members.list_members(council)
    return [
        SelectChoice("", _("Select the councillor")),
        *[SelectChoice(str(m.id), member_label(m, _)) for m in register],
        SelectChoice("other", _("Not listed")),
    ]


@bp.route("/", methods=["GET"])
def start() -> ResponseReturnValue:
    council = _council()
    return render_template(
        "public/start.html",
        council=council,
        privacy_text=_privacy_text(council),
        max_screenshots=MAX_SCREENSHOTS,
        who_decides=service.who_decides(council),
        code_covers=service.what_the_code_covers(council),
    )


def _privacy_text(council) -> str:
    """The council's own privacy wording (in Welsh where it gave one), else the plain summary for its nation."""
    config = current_app.config
    own = config.get("PUBLIC_FORM_PRIVACY_TEXT_CY") if _language() == "cy" else None
    return own or config.get("PUBLIC_FORM_PRIVACY_TEXT") or service.privacy_summary(council)


@bp.route("/cookies")
def cookies() -> ResponseReturnValue:
    """What the form stores in the visitor's browser: one essential cookie, so no consent banner is needed."""
    return render_template("public/cookies.html", cookie_name=current_app.config["SESSION_COOKIE_NAME"])


@bp.route("/start", methods=["POST"])
@limiter.limit(lambda: current_app.config.get("PUBLIC_FORM_START_LIMIT") or "30 per hour")
def begin() -> ResponseReturnValue:
    row, token = service.start(_council(), language=_language())
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
    elif name == "what-happened":
        form = StoryForm(data=saved) if request.method == "GET" else StoryForm()
    else:
        abort(404)
    return form


NEXT = {"about-you": "councillor", "councillor": "posts", "what-happened": None}
KEYS = {"about-you": "about_you", "councillor": "councillor", "what-happened": "story"}


def _next_url(name: str) -> str:
    if request.args.get("back") == "check" or NEXT[name] is None:
        return url_for("public.check")
    if NEXT[name] == "posts":
        return url_for("public.posts") if _posts(_row()) else url_for("public.post", number=1)
    return url_for("public.page", name=NEXT[name])


@bp.route("/<name>", methods=["GET", "POST"])
def page(name: str) -> ResponseReturnValue:
    if name == "post":  # the address before a complaint could name more than one post
        return redirect(url_for("public.posts"))
    if name not in NEXT:
        abort(404)
    row = _row()
    form = _form_for(name, row)
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k not in ("csrf_token", "submit")}
        service.save_page(row, KEYS[name], values)
        db.session.commit()
        if request.form.get("later"):
            return _save_for_later(row)
        return redirect(_next_url(name))
    if request.method == "POST":
        status = 400
    return render_template(f"public/{name}.html", form=form, row=row, prompts=PROMPTS), status


def _posts(row) -> list[dict]:
    return service.posts_of(row.data)


def _post_index(row, number: int) -> int:
    """The 0-based index of post ``number`` (1-based, as in the address); one past the last adds a new post."""
    posts = _posts(row)
    if number < 1 or number > len(posts) + 1 or number > service.MAX_POSTS:
        abort(404)
    return number - 1


def _upload_limit() -> str:
    return current_app.config.get("PUBLIC_FORM_UPLOAD_LIMIT") or "60 per hour"


@bp.route("/post/<int:number>", methods=["GET", "POST"])
@limiter.limit(_upload_limit, methods=["POST"])
def post(number: int) -> ResponseReturnValue:
    """One post: its words, where and when, whether it is still up, and its screenshots."""
    row = _row()
    index = _post_index(row, number)
    posts = _posts(row)
    saved = posts[index] if index < len(posts) else {}
    if request.method == "GET":
        data = {k: v for k, v in saved.items() if k != "screenshots"}
        if data.get("posted_on"):
            data["posted_on"] = date.fromisoformat(data["posted_on"])
        form = PostForm(data=data)
    else:
        form = PostForm()
    shots = list(saved.get("screenshots") or [])
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k not in ("csrf_token", "submit", "screenshots")}
        values["posted_on"] = values["posted_on"].isoformat() if values.get("posted_on") else ""
        problems = _store_screenshots(form, shots)
        values["screenshots"] = shots
        service.save_post(row, index, values)
        db.session.commit()
        if problems:
            # One message for the field (GOV.UK shows one error per field), naming every file refused.
            form.screenshots.errors = [_("Some files were not added.") + " " + " ".join(problems)]
            return _post_page(form, row, number, shots, 400)
        if request.form.get("later"):
            return _save_for_later(row)
        back = request.args.get("back") == "check"
        return redirect(url_for("public.check") if back else url_for("public.posts"))
    if request.method == "POST":
        status = 400
    return _post_page(form, row, number, shots, status)


def _post_page(form, row, number: int, shots: list, status: int) -> ResponseReturnValue:
    return render_template(
        "public/post.html",
        form=form,
        row=row,
        number=number,
        shots=shots,
        max=MAX_SCREENSHOTS,
        several=len(_posts(row)) > 1 or number > 1,
    ), status


@bp.route("/post/<int:number>/screenshots/<int:shot>/remove", methods=["POST"])
def remove_screenshot(number: int, shot: int) -> ResponseReturnValue:
    """Take a wrongly chosen screenshot off a post (the file itself goes when nothing refers to it)."""
    row = _row()
    index = _post_index(row, number)
    posts = _posts(row)
    if index >= len(posts) or not 1 <= shot <= len(posts[index].get("screenshots") or []):
        abort(404)
    if not RemoveForm().validate_on_submit():
        abort(400)
    shots = list(posts[index].get("screenshots") or [])
    removed = shots.pop(shot - 1)
    service.save_post(row, index, {**posts[index], "screenshots": shots})
    db.session.commit()
    service.forget_screenshot(removed)  # the file goes too, unless something else holds the same picture
    flash(
        _(
            "%(screenshot)s removed from post %(number)d.",
            screenshot=removed.get("original_filename") or shot,
            number=number,
        ),
        "success",
    )
    return redirect(url_for("public.posts"))


@bp.route("/posts", methods=["GET", "POST"])
def posts() -> ResponseReturnValue:
    """The posts added so far, and whether to add another (the GOV.UK 'add another thing' pattern)."""
    row = _row()
    posts = _posts(row)
    if not posts:
        return redirect(url_for("public.post", number=1))
    form = AnotherPostForm()
    full = len(posts) >= service.MAX_POSTS
    status = 200
    if request.method == "POST":
        if full or form.validate_on_submit():
            if not full and form.another.data == "yes":
                return redirect(url_for("public.post", number=len(posts) + 1))
            return redirect(
                url_for("public.check") if _missing(row) == [] else url_for("public.page", name="what-happened")
            )
        status = 400
    return render_template(
        "public/posts.html",
        form=form,
        row=row,
        posts=posts,
        full=full,
        most=service.MAX_POSTS,
        platforms=_platforms(),
        remove=RemoveForm(),
    ), status


@bp.route("/post/<int:number>/remove", methods=["GET", "POST"])
def remove_post(number: int) -> ResponseReturnValue:
    """Remove a post, after asking: the words typed would be lost."""
    row = _row()
    index = _post_index(row, number)
    posts = _posts(row)
    if index >= len(posts):
        abort(404)
    form = RemovePostForm()
    if request.method == "POST":
        if form.validate_on_submit():
            if form.sure.data == "yes":
                service.remove_post(row, index)
                db.session.commit()
                flash(_("Post %(number)d removed.", number=number), "success")
            return redirect(url_for("public.posts"))
        return render_template("public/remove-post.html", form=form, number=number, post=posts[index]), 400
    return render_template("public/remove-post.html", form=form, number=number, post=posts[index])


def _save_for_later(row):
    service.note_language(row, _language())
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
        flash(_("That link has expired or has already been used. Start your complaint again."), "important")
        return redirect(url_for("public.start"))
    row, fresh = found
    db.session.commit()
    session[SESSION_KEY] = {"token": fresh, "started": time.time()}
    missing = _missing(row)
    flash(_("Welcome back. Your answers so far are saved."), "success")
    return redirect(_missing_url(missing[0]) if missing else url_for("public.check"))


def _store_screenshots(form: PostForm, shots: list) -> list[str]:
    """The same checks as staff uploads; each bad file is named in its own error, the good ones are kept."""
    problems = []
    for upload in form.screenshots.data or []:
        if not getattr(upload, "filename", ""):
            continue
        name = upload.filename[:80]
        if len(shots) >= MAX_SCREENSHOTS:
            problems.append(_("%(file)s: you can add up to %(most)d screenshots.", file=name, most=MAX_SCREENSHOTS))
            continue
        try:
            stored = files.store_screenshot(upload)
        except files.ScreenshotError as exc:
            problems.append(f"{name}: {_(str(exc)).rstrip('.')}.")
            continue
        shots.append({**stored.to_dict(), "original_filename": name})
    return problems


@dataclass(frozen=True)
class Section:
    """One summary list on 'check your answers': a heading and (question, answer, change link) rows; ``several``
    when it is one of several posts (the change links then say which)."""

    heading: str
    rows: list[tuple[str, str, str]]
    several: bool = False


def _platforms() -> dict[str, str]:
    return {p.value: _(p.answer) for p in Platform}


def _long_date(value: date) -> str:
    """'3 November 2026', or '3 Tachwedd 2026' on a Welsh page."""
    return format_date(value, "d MMMM y")


def _summary(row) -> list[Section]:
    """What the complainant told us, grouped as they gave it, each answer with a link back to change it."""
    data = row.data or {}
    about, story = data.get("about_you") or {}, data.get("story") or {}
    kinds = {k.value: _(k.answer) for k in KINDS}
    platforms = _platforms()
    still = {choice.value: str(choice.label) for choice in STILL_UP}
    yes, no = pgettext("answer about me", "Yes"), pgettext("answer about me", "No")
    not_given = _("Not given")

    def link(name: str) -> str:
        return url_for("public.page", name=name, back="check")

    sections = [
        Section(
            _("About you"),
            [
                (_("Your name"), about.get("name", ""), link("about-you")),
                (_("Email address"), about.get("email", ""), link("about-you")),
                (_("Phone number"), about.get("phone", "") or not_given, link("about-you")),
                (_("You are"), kinds.get(about.get("kind", ""), ""), link("about-you")),
                (
                    _("Keep your name from the councillor"),
                    yes if about.get("confidential") == "yes" else no,
                    link("about-you"),
                ),
            ],
        ),
        Section(_("The councillor"), [(_("The councillor"), service.member_name(row), link("councillor"))]),
    ]
    posts = service.posts_of(data)
    for number, post in enumerate(posts, start=1):
        change = url_for("public.post", number=number, back="check")
        posted = post.get("posted_on") or ""
        shots = ", ".join(s.get("original_filename", "") for s in post.get("screenshots") or [])
        sections.append(
            Section(
                _("Post %(number)d", number=number) if len(posts) > 1 else _("The post"),
                [
                    (_("What the post said"), post.get("text", ""), change),
                    (_("Web address"), post.get("url", "") or not_given, change),
                    (_("Where it was posted"), platforms.get(post.get("platform", ""), ""), change),
                    (_("When it was posted"), _long_date(date.fromisoformat(posted)) if posted else not_given, change),
                    (_("Is it still there?"), still.get(post.get("still_up", ""), ""), change),
                    (_("Screenshots"), shots or _("None added"), change),
                ],
                several=len(posts) > 1,
            )
        )
    sections.append(
        Section(_("What happened"), [(_("What happened"), story.get("what_happened", ""), link("what-happened"))])
    )
    return sections


def _missing(row) -> list[str]:
    """The pages still to fill in, in order ('post/1' when no post has been added)."""
    data = row.data or {}
    done = {name: bool(data.get(key)) for name, key in KEYS.items()} | {"post": bool(service.posts_of(data))}
    return [name for name in ("about-you", "councillor", "post", "what-happened") if not done[name]]


def _missing_url(name: str) -> str:
    return url_for("public.post", number=1) if name == "post" else url_for("public.page", name=name)


@bp.route("/check", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"])
def check() -> ResponseReturnValue:
    row = _row()
    missing = _missing(row)
    if missing:
        return redirect(_missing_url(missing[0]))
    form = SubmitForm()
    status = 200
    if request.method == "POST":
        if form.website.data:  # the honeypot: only robots fill it in; they get a thank-you and nothing is kept
            db.session.delete(row)
            db.session.commit()
            session.pop(SESSION_KEY, None)
            return render_template("public/sent.html", reference=None, who_decides=service.who_decides(_council()))
        started = float((session.get(SESSION_KEY) or {}).get("started", 0))
        if time.time() - started < float(current_app.config.get("PUBLIC_FORM_MIN_SECONDS", 20)):
            form.declaration.errors = [_("Check your answers, then send the complaint again")]
            status = 400
        elif form.validate_on_submit():
            settings = MailSettings.from_config(current_app.config)
            review_url = url_for("public_review.show", reference=row.reference, _external=True)
            service.note_language(row, _language())
            service.submit(row, settings=settings, review_url=review_url)
            db.session.commit()
            session.pop(SESSION_KEY, None)
            session["public_sent"] = row.reference
            return redirect(url_for("public.sent"))
        else:
            status = 400
    return render_template("public/check.html", form=form, sections=_summary(row), row=row), status


@bp.route("/sent")
def sent() -> ResponseReturnValue:
    reference = session.get("public_sent")
    if not reference:
        return redirect(url_for("public.start"))
    return render_template("public/sent.html", reference=reference, who_decides=service.who_decides(_council()))

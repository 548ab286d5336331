"""Complaints from the public online form: start, save each page, submit (with the tool's inferences and urgent
flags, an acknowledgement to the complainant and a notice to the officers), then the officer's choice: accept (an
intake draft prefilled from the submission, whose case's clock starts on the date it was sent), merge into an
existing case, or reject as outside the Code with a templated reply.

The complainant's words are kept exactly as written in ``PublicSubmission.data`` and never become the officer's
answers: what the tool inferred is stored apart (``inferred``) and shown as inferred."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask_babel import force_locale, gettext
from sqlalchemy import select

from triage import mail
from triage.casefile.model import CaseFile, Post, SubjectMember
from triage.data import audit, intake, retention
from triage.extensions import db
from triage.models import Case, CaseDocument, Council, IntakeDraft, Member, PublicSubmission, User
from triage.models.base import utcnow
from triage.models.enums import Direction, DocumentKind, Role
from triage.models.public import posts_of

STATUS_WORDS = {
    "in_progress": "Being filled in",
    "submitted": "Waiting for an officer",
    "accepted": "Accepted: being logged as a case",
    "merged": "Added to an existing case",
    "rejected": "Not taken forward",
}
#: The reply when a complaint is outside the Code; the officer can add to it. (English: it is the officer's letter.)
REJECTION_TEMPLATE = (
    "Thank you for your complaint. The council's Code of Conduct applies only to councillors when they act, or "
    "appear to act, as councillors. Having read what you sent, the monitoring officer has decided that the Code "
    "does not cover it, so the council will not take it further under the Code."
)
#: Where an ombudsman or commissioner decides Code complaints, the reply points there instead of deciding.
SIGNPOST_TEMPLATE = (
    "Thank you for your complaint. Complaints that a councillor broke the Code of Conduct are decided by the "
    "{decider}, not by the council. You can complain to them directly: {url}. The council will not take your "
    "complaint further itself."
)


def rejection_template(council: Council) -> str:
    from triage.sources import SOURCES

    nation = council.jurisdiction.value
    if nation == "wales":
        return SIGNPOST_TEMPLATE.format(decider="Public Services Ombudsman for Wales", url=SOURCES["psow"].url)
    if nation == "scotland":
        return SIGNPOST_TEMPLATE.format(decider="Ethical Standards Commissioner", url=SOURCES["esc-scotland"].url)
    return REJECTION_TEMPLATE


OFFICER_ROLES = (Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER)


class PublicComplaintError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(council: Council, *, language: str = "en") -> tuple[PublicSubmission, str]:
    """A new, empty submission; returns it and the token the complainant's browser keeps (never stored raw).
    ``language`` is the one the form was filled in: what we email the complainant is written in it."""
    token = secrets.token_urlsafe(32)
    reference = "WEB-" + "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    row = PublicSubmission(
        reference=reference,
        token_hash=hash_token(token),
        council_id=council.id,
        status="in_progress",
        data={"_language": language},
    )
    db.session.add(row)
    db.session.flush()
    return row, token


def in_progress(token: str | None) -> PublicSubmission | None:
    if not token:
        return None
    return db.session.scalar(
        select(PublicSubmission).where(
            PublicSubmission.token_hash == hash_token(token), PublicSubmission.status == "in_progress"
        )
    )


RETURN_DAYS = 7
#: A form started and never sent is deleted this long after it was started (longer than a save-and-return link
#: lives, so no working link ever points at a deleted form). Nothing was sent, so nothing else refers to it.
ABANDONED_DAYS = 14


def forget_screenshot(entry: dict) -> int:
    """After a screenshot was taken off a post (and that committed): delete its file if nothing else refers to it,
    so adding and removing pictures cannot fill the disk. Returns the number of files deleted."""
    sha = entry.get("sha256") if isinstance(entry, dict) else None
    return retention.remove_screenshot_files({sha}) if isinstance(sha, str) else 0


def abandoned(now=None) -> list[PublicSubmission]:
    """Forms started more than ABANDONED_DAYS ago and never sent."""
    cutoff = (now or utcnow()) - timedelta(days=ABANDONED_DAYS)
    return list(
        db.session.scalars(
            select(PublicSubmission).where(
                PublicSubmission.status == "in_progress", PublicSubmission.started_at < cutoff
            )
        )
    )


def delete_abandoned(rows: list[PublicSubmission]) -> tuple[int, int]:
    """Delete them and the screenshots only they held (the retention command's --apply); audited as one entry,
    without their content. Commits, then removes the files. Returns (forms, files) deleted."""
    hashes: set[str] = set()
    for row in rows:
        hashes |= retention.screenshot_hashes(row.data)
        db.session.delete(row)
    if rows:
        audit.record("public.abandoned_deleted", "public_submission", "", actor="retention", after={"count": len(rows)})
    db.session.commit()
    return len(rows), retention.remove_screenshot_files(hashes)


def save_for_later(row: PublicSubmission, *, settings: mail.MailSettings, link_for) -> bool:
    """Email a link to carry on: single use, expiring in RETURN_DAYS days. The token changes, so the browser that
    saved no longer holds the complaint; only the emailed link does. Returns whether the email went."""
    email = ((row.data or {}).get("about_you") or {}).get("email", "")
    if not email:
        raise PublicComplaintError(
            "later", gettext("Fill in your email address on 'About you' first, so we can send the link")
        )
    token = secrets.token_urlsafe(32)
    row.token_hash = hash_token(token)
    row.data = {**(row.data or {}), "_return_expires": (utcnow() + timedelta(days=RETURN_DAYS)).isoformat()}
    db.session.flush()
    link = link_for(token)
    with force_locale(language_of(row)):
        subject = gettext("Your complaint about a councillor: carry on where you left off")
        body = gettext(
            "You saved your complaint to finish later. Use this link to carry on. It works once, and only for "
            "%(days)d days:\n\n%(link)s\n\nYour complaint has not been sent yet.\n",
            days=RETURN_DAYS,
            link=link,
        )
    return _send(settings, email, subject, body, row)


def resume(token: str) -> tuple[PublicSubmission, str] | None:
    """The complaint an emailed link points at, with a fresh token for the browser (the link is then used up);
    None if the link is unknown, used or expired."""
    row = in_progress(token)
    expires = (row.data or {}).get("_return_expires") if row is not None else None
    if row is None or not expires or datetime.fromisoformat(expires) < utcnow():
        return None
    fresh = secrets.token_urlsafe(32)
    row.token_hash = hash_token(fresh)
    row.data = {k: v for k, v in (row.data or {}).items() if k != "_return_expires"}
    db.session.flush()
    return row, fresh


def who_decides(council: Council) -> str:
    """In the visitor's language, who decides a complaint about a councillor of ``council``: the monitoring officer
    in England; in Wales the Public Services Ombudsman for Wales, and in Scotland the Ethical Standards
    Commissioner, to whom people may complain directly (so the form must not promise a council decision there)."""
    from triage.sources import SOURCES

    nation = council.jurisdiction.value
    if nation == "wales":
        return gettext(
            "In Wales, the Public Services Ombudsman for Wales decides whether to investigate a complaint that a "
            "councillor broke the Code of Conduct, and you can complain to the Ombudsman directly (%(url)s). If you "
            "send your complaint here, the council's monitoring officer will read it and tell you how it will be "
            "dealt with, which may mean referring it to the Ombudsman.",
            url=SOURCES["psow"].url,
        )
    if nation == "scotland":
        return gettext(
            "In Scotland, the Ethical Standards Commissioner investigates complaints that a councillor broke the "
            "Councillors' Code of Conduct, and you can complain to the Commissioner directly (%(url)s). If you send "
            "your complaint here, the council's monitoring officer will read it and tell you how it will be dealt "
            "with, which may mean referring it to the Commissioner.",
            url=SOURCES["esc-scotland"].url,
        )
    return gettext(
        "The council's monitoring officer reads every complaint and decides what happens to it, usually after "
        "asking the views of an Independent Person. Most complaints get a first decision within %(days)d working "
        "days.",
        days=council.assessment_target_days,
    )


def what_the_code_covers(council: Council) -> str:
    """In the visitor's language, when the Code applies, as the law of ``council``'s nation has it: in Wales some
    duties (not to bring the office or the council into disrepute) apply at all times."""
    if council.jurisdiction.value == "wales":
        return gettext(
            "The Code mostly covers councillors when they act, or appear to act, as councillors, but in Wales some "
            "parts of it, such as not bringing their office or the council into disrepute, apply at all times. It "
            "does not stop them taking part in robust political debate."
        )
    return gettext(
        "The Code covers councillors when they act, or appear to act, as councillors. It does not cover what they "
        "do as private people, and it does not stop them taking part in robust political debate."
    )


def privacy_summary(council: Council) -> str:
    """In the visitor's language, how the council uses a complaint: the law of its nation, who is told, and how
    long it is kept (the council's own retention period, counted from when the case is closed)."""
    from flask_babel import ngettext

    law = {
        "wales": gettext("Part III of the Local Government Act 2000"),
        "scotland": gettext("the Ethical Standards in Public Life etc. (Scotland) Act 2000"),
    }.get(council.jurisdiction.value, gettext("the Localism Act 2011"))
    months = council.retention_months
    kept = (
        ngettext(
            "We keep a complaint for %(num)d year after it is closed.",
            "We keep a complaint for %(num)d years after it is closed.",
            months // 12,
        )
        if months % 12 == 0
        else ngettext(
            "We keep a complaint for %(num)d month after it is closed.",
            "We keep a complaint for %(num)d months after it is closed.",
            months,
        )
    )
    return gettext(
        "%(council)s uses what you tell us to deal with your complaint under %(law)s and its arrangements for Code "
        "of Conduct complaints. The councillor is usually told who complained and what was said, unless the "
        "monitoring officer agrees to keep your name confidential. %(kept)s",
        council=council.name,
        law=law,
        kept=kept,
    )


def language_of(row: PublicSubmission) -> str:
    """The language the complainant filled the form in (English for forms started before Welsh was offered)."""
    return (row.data or {}).get("_language") or "en"


def note_language(row: PublicSubmission, language: str) -> None:
    """The visitor may switch language part-way: what we email follows the language they finished in."""
    if language_of(row) != language:
        row.data = {**(row.data or {}), "_language": language}
        db.session.flush()


def save_page(row: PublicSubmission, page: str, values: dict) -> None:
    row.data = {**(row.data or {}), page: values}
    db.session.flush()


MAX_POSTS = 10


def save_post(row: PublicSubmission, index: int, values: dict) -> None:
    """Add post ``index`` (0-based; one past the end adds) or replace it."""
    posts = posts_of(row.data)
    if index < 0 or index > len(posts) or index >= MAX_POSTS:
        raise PublicComplaintError("post", f"You can add up to {MAX_POSTS} posts")
    if index == len(posts):
        posts.append(values)
    else:
        posts[index] = values
    row.data = {**{k: v for k, v in (row.data or {}).items() if k != "post"}, "posts": posts}
    db.session.flush()


def remove_post(row: PublicSubmission, index: int) -> None:
    posts = posts_of(row.data)
    if 0 <= index < len(posts):
        del posts[index]
    row.data = {**{k: v for k, v in (row.data or {}).items() if k != "post"}, "posts": posts}
    db.session.flush()


def case_file_from(row: PublicSubmission, member_name: str) -> CaseFile:
    """The submission as a case file, for the tool to read: the posts, where they were made and who is complained
    about. The complainant's own account is not part of a case file; the officer reads it."""
    council = row_council(row)
    return CaseFile(
        jurisdiction=council.jurisdiction.value,
        code=council.code.slug if council.code is not None else "",
        subject_member=SubjectMember(member_name or "The councillor"),
        posts=tuple(
            Post(post.get("text", ""), platform=post.get("platform") or "other", url=post.get("url", ""))
            for post in posts_of(row.data or {})
        ),
    )


def row_council(row: PublicSubmission) -> Council:
    return db.session.get(Council, row.council_id)


def member_name(row: PublicSubmission) -> str:
    councillor = (row.data or {}).get("councillor") or {}
    if councillor.get("member_id") not in (None, "", "other"):
        member = db.session.get(Member, int(councillor["member_id"]))
        if member is not None:
            return member.name
    return councillor.get("member_name", "")


def infer(row: PublicSubmission) -> dict:
    """What the tool reads in the words: answers it inferred (with why) and urgent flags. Best effort: a scoring
    failure leaves the submission without inferences rather than losing it."""
    from triage.scoring.assess import assess

    case_file = case_file_from(row, member_name(row))
    try:
        result = assess(case_file).to_dict()
    except Exception:  # the complaint matters more than the inference
        return {"answers": {}, "urgent": []}
    answers = {
        q: {"value": a["value"], "why": a.get("why", "")}
        for q, a in (result.get("answers") or {}).items()
        if a.get("origin") in ("inferred", "implied") and a.get("value") != "unknown"
    }
    urgent = [{"kind": u["kind"], "title": u["title"], "text": u.get("text", "")} for u in result.get("urgent") or []]
    return {"answers": answers, "urgent": urgent}


@dataclass
class Sent:
    acknowledged: bool
    officers_told: int


def submit(row: PublicSubmission, *, settings: mail.MailSettings, review_url: str) -> Sent:
    """Mark it sent, infer, audit, and email the complainant and the officers (urgent flags say so at once)."""
    row.status = "submitted"
    row.submitted_at = utcnow()
    row.inferred = infer(row)
    db.session.flush()
    audit.record("public.submitted", "public_submission", row.reference, actor="public form")
    about = (row.data or {}).get("about_you") or {}
    with force_locale(language_of(row)):
        subject = gettext("Your complaint about a councillor: reference %(reference)s", reference=row.reference)
        body = gettext(
            "Dear %(name)s,\n\nThank you. We have received your complaint about %(councillor)s. Your reference is "
            "%(reference)s.\n\n%(who_decides)s\n\nPlease quote your reference if you contact us.\n",
            name=about.get("name", ""),
            councillor=member_name(row) or gettext("a councillor"),
            reference=row.reference,
            who_decides=who_decides(row_council(row)),
        )
    acknowledged = _send(settings, about.get("email", ""), subject, body, row)
    urgent = (row.inferred or {}).get("urgent") or []
    subject = (
        f"URGENT: complaint {row.reference} may put someone at risk"
        if urgent
        else f"New complaint from the public form: {row.reference}"
    )
    body = (
        f"A complaint about {member_name(row) or 'a councillor'} arrived through the public form "
        f"(reference {row.reference}).\n\n"
        + (
            "The tool flagged it for urgent attention: " + "; ".join(u["title"] for u in urgent) + ".\n"
            "Decide today whether anyone should be told or protected.\n\n"
            if urgent
            else ""
        )
        + f"Review it (sign-in needed):\n{review_url}\n"
    )
    told = 0
    officers = db.session.scalars(select(User).where(User.role.in_(OFFICER_ROLES), User.active.is_(True))).all()
    for officer in officers:
        told += _send(settings, officer.email, subject, body, row)
    return Sent(acknowledged, told)


def _send(settings: mail.MailSettings, to: str, subject: str, body: str, row: PublicSubmission) -> bool:
    if not to:
        return False
    try:
        mail.send(settings, to, subject, body)
    except mail.MailError as exc:
        audit.record("mail.failed", "public_submission", row.reference, actor="public form", after={"why": str(exc)})
        return False
    return True


def draft_for(row: PublicSubmission) -> IntakeDraft | None:
    return db.session.get(IntakeDraft, row.draft_id) if row.draft_id else None


def waiting() -> list[PublicSubmission]:
    """Complaints waiting for an officer: any with an urgent flag first (risk before age), then oldest first."""
    rows = db.session.scalars(
        select(PublicSubmission)
        .where(PublicSubmission.status == "submitted")
        .order_by(PublicSubmission.submitted_at.asc())
    )
    return sorted(rows, key=lambda row: not (row.inferred or {}).get("urgent"))


def get_submitted(reference: str) -> PublicSubmission | None:
    return db.session.scalar(
        select(PublicSubmission).where(
            PublicSubmission.reference == reference, PublicSubmission.status != "in_progress"
        )
    )


def received_on(row: PublicSubmission) -> date:
    """The day it was sent, in UK time: the case's working-day clock starts here, not when an officer read it."""
    from triage.formatting import uk_time

    sent = row.submitted_at
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    return uk_time(sent).date()


def accept(row: PublicSubmission, *, by: User):
    """An intake draft for ``by``, prefilled from the submission: the officer checks it and creates the case."""
    if row.status != "submitted":
        raise PublicComplaintError("decision", "This complaint has already been dealt with")
    data = row.data or {}
    about = data.get("about_you") or {}
    councillor = data.get("councillor") or {}
    day = received_on(row)
    council = row_council(row)
    draft = intake.create_draft(by, council)
    steps = {
        "received": {"received_on": [str(day.day), str(day.month), str(day.year)], "received_via": ["online_form"]},
        "complainant": {
            "kind": [about.get("kind", "member_of_public")],
            "name": [about.get("name", "")],
            "email": [about.get("email", "")],
            "phone": [about.get("phone", "")],
            "confidentiality": [about.get("confidential", "no")],
        },
    }
    if councillor.get("member_id") not in (None, "", "other"):
        steps["member"] = {"member_id": [str(councillor["member_id"])]}
    draft_data = {
        "steps": steps,
        "posts": [_draft_post(post) for post in posts_of(data)],
        "public_submission": row.reference,
    }
    intake.save_draft(draft, draft_data, "received")
    row.status, row.draft_id = "accepted", draft.id
    row.decided_by_id, row.decided_at = by.id, utcnow()
    db.session.flush()
    audit.record("public.accepted", "public_submission", row.reference, user=by, after={"draft": draft.public_id})
    return draft


def _draft_post(post: dict) -> dict:
    """One post as the intake journey's post form holds it (a GOV.UK date as day, month, year)."""
    form = {
        "text": [post.get("text", "")],
        "url": [post.get("url", "")],
        "platform": [post.get("platform", "")],
        "removed": [{"yes": "no", "no": "yes"}.get(post.get("still_up", ""), "unknown")],
    }
    posted = post.get("posted_on") or ""
    if posted:
        year, month, dd = posted.split("-")
        form["posted_on"] = [str(int(dd)), str(int(month)), year]
    return {"id": secrets.token_hex(4), "form": form, "screenshots": list(post.get("screenshots") or [])}


def _complaint_form(row: PublicSubmission, case: Case, by: User, opening: str) -> CaseDocument:
    """The complainant's account, word for word, as a complaint form received on the case."""
    about = (row.data or {}).get("about_you") or {}
    story = ((row.data or {}).get("story") or {}).get("what_happened", "")
    quoted = " ".join(f"Post {n}: “{p.get('text', '')}”" for n, p in enumerate(posts_of(row.data), start=1))
    document = CaseDocument(
        case=case,
        kind=DocumentKind.COMPLAINT_FORM,
        direction=Direction.RECEIVED,
        correspondent=(about.get("name") or "")[:200],
        occurred_on=received_on(row),
        summary=f"{opening} ({row.reference}): {story} {quoted}".strip()[:20000],
        recorded_by_id=by.id,
    )
    db.session.add(document)
    return document


def case_logged(reference: str | None, case: Case, *, by: User) -> None:
    """A case was created from the draft an accepted submission became: link the two and keep the complainant's
    own account on the case (the case's posts and answers are the officer's; this is what the complainant said)."""
    row = get_submitted(reference) if reference else None
    if row is None or row.status != "accepted" or row.case_id is not None:
        return
    row.case_id = case.id
    _complaint_form(row, case, by, "Complaint from the public form, in the complainant's words")
    db.session.flush()
    audit.record(
        "public.case_logged",
        "public_submission",
        row.reference,
        user=by,
        case_id=case.id,
        after={"case": case.reference},
    )


def merge(row: PublicSubmission, case: Case, *, by: User, note: str = "") -> None:
    """Add it to an existing case (the same post complained about again): kept on the case as the complaint form."""
    if row.status != "submitted":
        raise PublicComplaintError("decision", "This complaint has already been dealt with")
    _complaint_form(row, case, by, "Further complaint from the public form")
    row.status, row.case_id, row.decision_note = "merged", case.id, note
    row.decided_by_id, row.decided_at = by.id, utcnow()
    db.session.flush()
    audit.record(
        "public.merged", "public_submission", row.reference, user=by, case_id=case.id, after={"case": case.reference}
    )


def reject(row: PublicSubmission, *, by: User, reply: str, settings: mail.MailSettings) -> bool:
    """Not taken forward; the complainant gets the reply (returns whether the email went)."""
    if row.status != "submitted":
        raise PublicComplaintError("decision", "This complaint has already been dealt with")
    reply = (reply or "").strip()
    if not reply:
        raise PublicComplaintError("reply", "Enter the reply to send to the complainant")
    row.status, row.decision_note = "rejected", reply[:10000]
    row.decided_by_id, row.decided_at = by.id, utcnow()
    db.session.flush()
    audit.record("public.rejected", "public_submission", row.reference, user=by)
    about = (row.data or {}).get("about_you") or {}
    return _send(
        settings,
        about.get("email", ""),
        f"Your complaint about a councillor: reference {row.reference}",
        f"Dear {about.get('name', '')},\n\n{reply}\n",
        row,
    )

"""Intake drafts (a complaint being logged) and the queries behind the intake journey: the member register for the
draft's council, posts already complained about in other cases, and creating the case from a finished draft."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from triage.data import audit
from triage.data.cases import create_case_from_file, text_fingerprint
from triage.extensions import db
from triage.intake.similarity import NEAR_IDENTICAL, jaccard, normalise_url, tokens, url_variants
from triage.models import Case, CaseConflict, Council, IntakeDraft, Member, Post, Screenshot
from triage.models.enums import ReceivedVia

SUBMITTED = "submitted"


# --- drafts ------------------------------------------------------------------------------------------------------


def create_draft(user, council: Council) -> IntakeDraft:
    draft = IntakeDraft(public_id=secrets.token_hex(16), user_id=user.id, council_id=council.id, data={})
    db.session.add(draft)
    db.session.flush()
    audit.record("intake.started", "intake_draft", draft.public_id, user=user)
    return draft


def get_draft(public_id: str, user) -> IntakeDraft | None:
    """The user's own draft, or None: another person's draft is indistinguishable from one that does not exist."""
    if not public_id or len(public_id) > 32:
        return None
    return db.session.scalars(
        select(IntakeDraft).where(IntakeDraft.public_id == public_id, IntakeDraft.user_id == user.id)
    ).first()


def unfinished_drafts(user) -> list[IntakeDraft]:
    return list(
        db.session.scalars(
            select(IntakeDraft)
            .where(IntakeDraft.user_id == user.id, IntakeDraft.case_id.is_(None))
            .order_by(IntakeDraft.updated_at.desc(), IntakeDraft.id.desc())
        )
    )


def save_draft(draft: IntakeDraft, data: dict, last_step: str) -> None:
    """Replace the draft's data (a new dict, so the JSON column is written) and bump its version on flush."""
    draft.data = data
    draft.last_step = last_step
    db.session.flush()


def delete_draft(draft: IntakeDraft, user) -> None:
    audit.record("intake.deleted", "intake_draft", draft.public_id, user=user)
    db.session.delete(draft)
    db.session.flush()


def case_reference(draft: IntakeDraft) -> str | None:
    if draft.case_id is None:
        return None
    case = db.session.get(Case, draft.case_id)
    return case.reference if case else None


# --- the register ------------------------------------------------------------------------------------------------


def members_for_council(council_id: int) -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.council_id == council_id).order_by(Member.name)))


def get_member(council_id: int, member_id) -> Member | None:
    try:
        member_id = int(member_id)
    except (TypeError, ValueError):
        return None
    return db.session.scalars(select(Member).where(Member.id == member_id, Member.council_id == council_id)).first()


def get_council(council_id: int) -> Council | None:
    return db.session.get(Council, council_id)


# --- the same post in other cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateMatch:
    post_index: int  # 0-based position of the post in the draft
    reference: str
    case_id: int
    reason: str  # "same web address", "same words", "nearly the same words (93% of words shared)"


def find_duplicate_posts(
    council_id: int, member_id: int | None, posts: list[dict], *, user_id: int | None = None
) -> list[DuplicateMatch]:
    """Cases in this council that already hold one of these posts: the same address (as text), the same words
    (text fingerprint), or, for the same member, nearly the same words (normalised-token Jaccard >= 0.9).

    Cases the user has declared a conflict of interest on are left out: they may not see them."""
    conflicted = select(CaseConflict.case_id).where(CaseConflict.user_id == user_id) if user_id else None
    matches: dict[tuple[int, int], DuplicateMatch] = {}

    def add(index: int, post: Post, reason: str) -> None:
        key = (index, post.case_id)
        if key not in matches:
            matches[key] = DuplicateMatch(index, post.case.reference, post.case_id, reason)

    def base():
        stmt = (
            select(Post)
            .join(Case, Post.case_id == Case.id)
            .where(Case.council_id == council_id)
            .options(selectinload(Post.case))
        )
        return stmt.where(Case.id.not_in(conflicted)) if conflicted is not None else stmt

    same_member: list[Post] = []
    if member_id is not None:
        same_member = list(db.session.scalars(base().where(Case.member_id == member_id)))
    for index, post in enumerate(posts):
        text, url = post.get("text") or "", post.get("url") or ""
        conditions = []
        if url:
            conditions.append(Post.url.in_(url_variants(url)))
        if text.strip():
            conditions.append(Post.text_fingerprint == text_fingerprint(text))
        if conditions:
            for found in db.session.scalars(base().where(or_(*conditions))):
                same_url = url and normalise_url(found.url) == normalise_url(url)
                add(index, found, "same web address" if same_url else "same words")
        wanted_url, wanted_tokens = normalise_url(url), tokens(text)
        for found in same_member:
            if wanted_url and found.url and normalise_url(found.url) == wanted_url:
                add(index, found, "same web address")
                continue
            score = jaccard(wanted_tokens, tokens(found.text))
            if score >= NEAR_IDENTICAL:
                add(
                    index, found, "same words" if score == 1 else f"nearly the same words ({score:.0%} of words shared)"
                )
    return sorted(matches.values(), key=lambda m: (m.post_index, m.reference))


# --- creating the case -------------------------------------------------------------------------------------------


@dataclass
class IntakeExtras:
    """What the case-file format does not carry but the case records."""

    member_id: int
    received_via: str | None
    complainant_phone: str
    answer_origins: dict[str, tuple[bool, str]]  # question id -> (prefilled, reason)
    screenshots: list[list[dict]]  # per post, the stored images recorded in the draft


def create_case_from_draft(draft: IntakeDraft, case_file: dict, extras: IntakeExtras, user) -> Case:
    """Create the case, its posts, screenshots and answers, assign it to the officer and write the audit trail.
    Runs in the caller's transaction; the draft is marked as submitted in the same one (its version check stops a
    double submission creating two cases)."""
    council = db.session.get(Council, draft.council_id)
    case = create_case_from_file(council, case_file, officer=user)
    member = db.session.get(Member, extras.member_id)
    if member is not None and case.member_id != member.id:
        case.member_id = member.id
    if extras.received_via:
        case.received_via = ReceivedVia(extras.received_via)
    if case.complainant is not None and extras.complainant_phone:
        case.complainant.phone = extras.complainant_phone[:40]
    for answer in case.answers:
        prefilled, reason = extras.answer_origins.get(answer.question_id, (False, ""))
        answer.prefilled = prefilled
        answer.prefill_reason = reason if prefilled else ""
    for post, images in zip(case.posts, extras.screenshots, strict=False):
        for image in images:
            shot = Screenshot(
                sha256=image["sha256"],
                content_type=image["content_type"],
                width=image["width"],
                height=image["height"],
                size_bytes=image["size_bytes"],
                original_filename=(image.get("original_filename") or "")[:255],
            )
            uploaded_at = _parse_time(image.get("uploaded_at"))
            if uploaded_at is not None:
                shot.uploaded_at = uploaded_at
            post.screenshots.append(shot)
    db.session.flush()

    audit.record(
        "case.created",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before=None,
        after={
            "reference": case.reference,
            "received_on": case.received_on.isoformat(),
            "received_via": case.received_via.value if case.received_via else None,
            "member_id": case.member_id,
            "member_role": case.member_role.value if case.member_role else None,
            "member_in_office": case.member_in_office.value,
            "complainant_kind": case.complainant.kind.value if case.complainant else None,
            "confidentiality_requested": case.complainant.confidentiality_requested if case.complainant else None,
            "posts": [
                {"position": p.position, "fingerprint": p.text_fingerprint, "screenshots": len(p.screenshots)}
                for p in case.posts
            ],
            "source": "intake",
            "draft": draft.public_id,
        },
    )
    audit.record(
        "case.assigned",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before={"assigned_officer": None},
        after={"assigned_officer": user.email},
    )
    audit.record(
        "case.answers_recorded",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before=None,
        after={
            a.question_id: {"value": a.value, "prefilled": a.prefilled}
            for a in sorted(case.answers, key=lambda a: a.question_id)
        },
    )
    for post in case.posts:
        for shot in post.screenshots:
            audit.record(
                "screenshot.attached",
                "screenshot",
                shot.id,
                user=user,
                case_id=case.id,
                after={"post": post.position + 1, "sha256": shot.sha256, "content_type": shot.content_type},
            )
    draft.case_id = case.id
    draft.last_step = SUBMITTED
    db.session.flush()
    audit.record(
        "intake.submitted", "intake_draft", draft.public_id, user=user, case_id=case.id, after={"case": case.reference}
    )
    return case


def _parse_time(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None

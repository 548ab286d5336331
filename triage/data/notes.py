"""Generated notes and letters: building the record from the database, storing PDFs by hash, versions and reuse.

Each PDF is written once to ``<UPLOAD_FOLDER>/notes/<sha256>.pdf`` and described by a :class:`~triage.models.Note`
row (kind, version, the case version it reflects, SHA-256, size). A request for the current note reuses the
latest stored version when nothing it shows has changed since it was made: the same ``Case.version`` and no
assessment, decision, consultation, or change to the council, member, complainant or Code recorded after it.
Otherwise a new version is rendered; older versions stay downloadable. Every generation and every download is
written to the audit log in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from triage import redaction
from triage.data import audit
from triage.data.councils import case_code
from triage.extensions import db
from triage.models import (
    Assessment,
    Case,
    CaseReferral,
    CodeOfConduct,
    Complainant,
    Consultation,
    Council,
    Decision,
    Hearing,
    Member,
    Note,
    Publication,
    User,
)
from triage.models.enums import NoteKind, Role
from triage.notes import build_note_context, render_note_html, render_pdf
from triage.notes.casefile import code_record
from triage.notes.wording import note_title

LOG = logging.getLogger(__name__)
NOTES_DIR = "notes"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class NoteUnavailable(Exception):
    """This note cannot be produced for this case yet; the message says why, for the person asking."""


class NoteFileMissing(Exception):
    """A stored version's file is missing or no longer matches its hash."""


# --- files ------------------------------------------------------------------------------------------------------


def notes_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / NOTES_DIR


def note_path(sha256: str) -> Path:
    if not _SHA256.match(sha256 or ""):
        raise ValueError("not a SHA-256 hex digest")
    return notes_folder() / f"{sha256}.pdf"


def _store(pdf: bytes) -> tuple[str, Path]:
    digest = hashlib.sha256(pdf).hexdigest()
    path = note_path(digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".note-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pdf)
            os.chmod(tmp, 0o640)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return digest, path


def store_pdf(pdf: bytes) -> str:
    """Store a PDF by its SHA-256 beside the notes (a published notice too) and return the hash."""
    return _store(pdf)[0]


def read_stored(sha256: str) -> bytes:
    """The bytes stored under ``sha256``, checked against it (raises :class:`NoteFileMissing` if absent or altered)."""
    try:
        data = note_path(sha256).read_bytes()
    except (OSError, ValueError) as exc:
        raise NoteFileMissing("stored file missing") from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise NoteFileMissing("stored file does not match its hash")
    return data


def read_note(note: Note) -> bytes:
    """The stored PDF, checked against its recorded hash and size."""
    data = read_stored(note.sha256)
    if len(data) != note.size_bytes:
        raise NoteFileMissing(f"note {note.id}: file does not match its hash")
    return data


# --- the record -------------------------------------------------------------------------------------------------


def _code_for(case: Case) -> dict:
    """The wording of the Code version the case was logged under, as the note prints it."""
    return code_record(case_code(case))


def screenshot_files(case: Case) -> dict[str, Path]:
    """The case's stored screenshots by hash (the URL fetcher's allow-list). Missing files are left out."""
    from triage.files import screenshot_path

    out: dict[str, Path] = {}
    for post in case.posts:
        for shot in post.screenshots:
            try:
                out[shot.sha256] = screenshot_path(shot.sha256, display=True)
            except (ValueError, FileNotFoundError):
                LOG.warning(
                    "case %s: screenshot %s is not stored; the note shows the post without it", case.id, shot.id
                )
    return out


def _user_names(ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}


def remove_confirmed(record: dict, case: Case) -> None:
    """Notes and letters go to the parties: remove what the officer confirmed when approving the published notice
    (third parties, addresses, children, health details) from every text they quote, the tool's reasons included.
    The names of the member and the complainant stay: each document is about one and often addressed to the other.
    The case record itself keeps every word."""
    parties = [case.member_name] + ([case.complainant.name] if case.complainant is not None else [])
    phrases = redaction.without_names(case.confirmed_removals, [n for n in parties if n])
    if not phrases:
        return

    def clean(value):
        if isinstance(value, str):
            return redaction.remove_phrases(value, phrases)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    for post in record["posts"]:
        post["text"] = clean(post["text"])
    for decision in record["decisions"]:
        for key in ("reasons", "override_reason", "review_reason"):
            decision[key] = clean(decision[key])
    for hearing in record["hearings"]:
        hearing["reasons"] = clean(hearing["reasons"])
    for consultation in record["consultations"]:
        consultation["views"] = clean(consultation["views"])
    record["summary"] = clean(record["summary"])
    if record["assessment"] is not None:
        record["assessment"]["result"] = clean(record["assessment"]["result"])
    record["removed_for_publication"] = True


def case_record(case: Case, files: dict[str, Path] | None = None) -> dict:
    """Everything a note or letter shows, as plain data (see ``triage.notes.context``). ``files`` is the case's
    stored screenshots (from :func:`screenshot_files`); screenshots not in it are left out of the record."""
    council = case.council
    complainant = case.complainant
    member = case.member
    users = _user_names({d.decided_by_id for d in case.decisions} | {c.recorded_by_id for c in case.consultations})
    latest = case.latest_assessment
    stored = screenshot_files(case) if files is None else files
    return {
        "reference": case.reference,
        "jurisdiction": case.jurisdiction.value,
        "status": case.status.value,
        "case_version": case.version,
        "received_on": case.received_on,
        "received_via": case.received_via.value if case.received_via else None,
        "summary": case.summary,
        "decided_on": case.decided_on,
        "closed_on": case.closed_on,
        "council": {"name": council.name, "assessment_target_days": council.assessment_target_days},
        "complainant": None
        if complainant is None
        else {
            "kind": complainant.kind.value,
            "name": complainant.name,
            "email": complainant.email,
            "phone": complainant.phone,
            "address": complainant.address,
            "confidentiality_requested": complainant.confidentiality_requested,
        },
        "member": {
            "name": case.member_name,
            "role": case.member_role.value if case.member_role else None,
            "party": case.member_party,
            "ward": member.ward if member else "",
            "body": member.body if member else "",
            "email": member.email if member else "",
            "in_office": case.member_in_office.value,
        },
        "posts": [
            {
                "text": p.text,
                "url": p.url,
                "platform": p.platform.value if p.platform else None,
                "posted_on": p.posted_on,
                "author": p.author.value,
                "account_kind": p.account_kind.value,
                "visibility": p.visibility.value,
                "interaction": p.interaction.value,
                "removed": p.removed.value,
                "screenshots": [
                    {"sha256": s.sha256, "content_type": s.content_type, "width": s.width, "height": s.height}
                    for s in p.screenshots
                    if s.sha256 in stored
                ],
            }
            for p in case.posts
        ],
        "answers": case.answer_map(),
        "assessment": None
        if latest is None
        else {"result": latest.result or {}, "created_at": latest.created_at, "model_version": latest.model_version},
        "decisions": [
            {
                "outcome": d.outcome.value,
                "paragraphs": list(d.paragraphs or []),
                "reasons": d.reasons,
                "tool_recommendation": d.tool_recommendation.value if d.tool_recommendation else None,
                "override_reason": d.override_reason,
                "review_reason": d.review_reason,
                "decided_by": users[d.decided_by_id].name if d.decided_by_id in users else "",
                "decided_by_role": users[d.decided_by_id].role.label if d.decided_by_id in users else "",
                "decided_at": d.decided_at,
            }
            for d in case.decisions
        ],
        "consultations": [
            {
                "independent_person": c.independent_person_name,
                "stage": c.stage,
                "consulted_on": c.consulted_on,
                "views": c.views,
                "recorded_by": users[c.recorded_by_id].name if c.recorded_by_id in users else "",
                "recorded_at": c.recorded_at,
            }
            for c in case.consultations
        ],
        "referrals": [
            {
                "person": r.user.name,
                "purpose": r.purpose,
                "referred_at": r.referred_at,
                "withdrawn_at": r.withdrawn_at,
            }
            for r in sorted(case.referrals, key=lambda r: (r.referred_at, r.id))
        ],
        "hearings": [
            {
                "held_on": h.held_on,
                "panel": h.panel,
                "findings": dict(h.findings or {}),
                "sanction": h.sanction,
                "reasons": h.reasons,
                "recorded_at": h.recorded_at,
            }
            for h in case.hearings
        ],
        "code": _code_for(case),
    }


# --- versions ---------------------------------------------------------------------------------------------------


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def last_input_change(case: Case) -> datetime | None:
    """When anything a note shows last changed apart from the case row itself (which ``Case.version`` covers):
    assessments, decisions, consultations, hearings, referrals, approved publications (their removals apply to notes
    and letters), and the council, member, complainant and Code rows. One query."""

    def latest(column, *where):
        return select(func.max(column)).where(*where).scalar_subquery()

    row = db.session.execute(
        select(
            latest(Assessment.created_at, Assessment.case_id == case.id),
            latest(Decision.decided_at, Decision.case_id == case.id),
            latest(Consultation.recorded_at, Consultation.case_id == case.id),
            latest(Hearing.recorded_at, Hearing.case_id == case.id),
            latest(CaseReferral.referred_at, CaseReferral.case_id == case.id),
            latest(CaseReferral.withdrawn_at, CaseReferral.case_id == case.id),
            latest(Publication.approved_at, Publication.case_id == case.id),
            latest(Council.updated_at, Council.id == case.council_id),
            latest(Member.updated_at, Member.id == case.member_id),
            latest(Complainant.updated_at, Complainant.id == case.complainant_id),
            latest(
                CodeOfConduct.updated_at,
                (CodeOfConduct.slug == case.code_slug) & (CodeOfConduct.version == case.code_version),
            ),
        )
    ).one()
    moments = [m for m in (_utc(v) for v in row) if m is not None]
    return max(moments) if moments else None


def list_notes(case: Case, kind: NoteKind | str | None = None) -> list[Note]:
    """Stored versions, newest first."""
    query = select(Note).where(Note.case_id == case.id)
    if kind is not None:
        query = query.where(Note.kind == NoteKind(kind))
    return list(db.session.scalars(query.order_by(Note.kind, Note.version.desc())))


def latest_note(case: Case, kind: NoteKind | str) -> Note | None:
    return db.session.scalars(
        select(Note).where(Note.case_id == case.id, Note.kind == NoteKind(kind)).order_by(Note.version.desc()).limit(1)
    ).first()


def get_note(case: Case, kind: NoteKind | str, version: int) -> Note | None:
    return db.session.scalars(
        select(Note).where(Note.case_id == case.id, Note.kind == NoteKind(kind), Note.version == version)
    ).first()


def is_current(note: Note | None, case: Case) -> bool:
    """Whether ``note`` still shows the case as it is now."""
    if note is None or note.case_version != case.version:
        return False
    changed = last_input_change(case)
    return changed is None or _utc(note.created_at) >= changed


def check_available(case: Case, kind: NoteKind | str) -> None:
    kind = NoteKind(kind)
    if kind == NoteKind.ASSESSMENT_NOTE:
        return
    if not case.decisions:
        raise NoteUnavailable("Record the decision before producing the decision letters.")
    if kind == NoteKind.LETTER_TO_COMPLAINANT:
        c = case.complainant
        if c is None or c.kind.value == "anonymous":
            raise NoteUnavailable("The complaint was anonymous, so there is no complainant to write to.")


#: What each kind of recorded change means for a reader of the next version of a note.
CHANGE_WORDS = {
    "decision.recorded": "a decision was recorded",
    "consultation.recorded": "the Independent Person's views were recorded",
    "answers.updated": "answers to the assessment questions changed",
    "case.answers_recorded": "answers to the assessment questions changed",
    "assessment.run": "the tool assessed the case again",
    "case.urgent_reviewed": "the officer recorded why an urgent flag does not apply",
    "case.status_changed": "the case's status changed",
    "screenshot.attached": "evidence was added",
}


def changes_since(case: Case, previous: Note | None) -> list[str]:
    """What changed on the case since ``previous`` was produced, in words, in the order it happened. Entries are
    taken after the audit entry that recorded ``previous`` (ids, not clocks, give the order)."""
    if previous is None:
        return []
    entries = audit.entries_for_case(case.id)
    start = next((e.id for e in entries if e.action == "note.generated" and str(e.entity_id) == str(previous.id)), None)
    words: list[str] = []
    for entry in entries:
        if start is not None and entry.id > start and entry.action in CHANGE_WORDS:
            phrase = CHANGE_WORDS[entry.action]
            if phrase not in words:
                words.append(phrase)
    if CHANGE_WORDS["decision.recorded"] in words:  # a decision moves the status too; say it once
        words = [w for w in words if w != CHANGE_WORDS["case.status_changed"]]
    return words or ["the case's details, the council's details or its Code changed"]


@dataclass(frozen=True)
class CurrentNote:
    note: Note
    created: bool


def generate_note(
    case: Case, kind: NoteKind | str, *, user=None, actor: str | None = None, variant: str = "pdf/a-3b"
) -> Note:
    """Render a new version now, store it and audit it (the caller commits)."""
    kind = NoteKind(kind)
    check_available(case, kind)
    files = screenshot_files(case)
    record = case_record(case, files)
    remove_confirmed(record, case)
    previous = db.session.scalar(select(func.max(Note.version)).where(Note.case_id == case.id, Note.kind == kind))
    version = (previous or 0) + 1
    if previous:
        record["changes"] = changes_since(case, get_note(case, kind, previous))
    created_at = datetime.now(UTC)
    context = build_note_context(record, kind=kind.value, generated_at=created_at, version=version)
    pdf = render_pdf(render_note_html(context), variant=variant, files=files)
    digest, _ = _store(pdf)
    note = Note(
        case_id=case.id,
        kind=kind,
        version=version,
        case_version=case.version,
        sha256=digest,
        size_bytes=len(pdf),
        created_at=created_at,
        created_by_id=getattr(user, "id", None),
    )
    try:
        with db.session.begin_nested():
            db.session.add(note)
            db.session.flush()
    except IntegrityError:
        # Someone else stored this version while we rendered: theirs reflects the same case, so use it, and drop
        # our file unless some note refers to the same bytes.
        existing = get_note(case, kind, version)
        if existing is None:
            raise
        if not db.session.scalar(select(func.count(Note.id)).where(Note.sha256 == digest)):
            note_path(digest).unlink(missing_ok=True)
        return existing
    audit.record(
        "note.generated",
        "note",
        note.id,
        user=user,
        actor=actor,
        case_id=case.id,
        after={
            "kind": kind.value,
            "version": version,
            "case_version": case.version,
            "sha256": digest,
            "size_bytes": len(pdf),
            "variant": variant,
        },
    )
    return note


def current_note(case: Case, kind: NoteKind | str, *, user=None, actor: str | None = None) -> CurrentNote:
    """The latest version if it still reflects the case and its file is intact; otherwise a new version."""
    note = latest_note(case, kind)
    if note is not None and is_current(note, case):
        try:
            read_note(note)
        except NoteFileMissing:
            LOG.error("case %s: stored note %s is missing or altered; producing a new version", case.id, note.id)
        else:
            return CurrentNote(note, False)
    return CurrentNote(generate_note(case, kind, user=user, actor=actor), True)


def record_download(note: Note, *, user=None, actor: str | None = None) -> None:
    audit.record(
        "note.downloaded",
        "note",
        note.id,
        user=user,
        actor=actor,
        case_id=note.case_id,
        after={"kind": note.kind.value, "version": note.version, "sha256": note.sha256},
    )


def was_decided(case: Case, note: Note) -> bool:
    """Whether a decision had been recorded when ``note`` was produced (a note made before it is a draft)."""
    made = _utc(note.created_at)
    return any(_utc(d.decided_at) is not None and _utc(d.decided_at) <= made for d in case.decisions)


def note_titles(case: Case, notes: list[Note]) -> dict[int, str]:
    return {n.id: note_title(n.kind.value, decided=was_decided(case, n)) for n in notes}


def download_name(case: Case, note: Note) -> str:
    kind = "draft-assessment" if note.kind == NoteKind.ASSESSMENT_NOTE and not was_decided(case, note) else None
    return f"{case.reference}-{kind or note.kind.value.replace('_', '-')}-v{note.version}.pdf"


def may_read_kind(user, kind: NoteKind | str) -> bool:
    """Independent Persons and panel members read assessment notes only: letters carry both parties' details."""
    role = getattr(user, "role", None)
    if role in (Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER):
        return True
    return role in (Role.INDEPENDENT_PERSON, Role.PANEL_MEMBER) and NoteKind(kind) == NoteKind.ASSESSMENT_NOTE

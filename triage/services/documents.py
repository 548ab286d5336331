"""Logging correspondence and documents on a case: one transaction-free use case that validates, stores and audits.

Who may read what: officers see everything on the case; an Independent Person or panel member the case is referred to
sees the member's response and the investigator's report, which they need to give views or hold a hearing, but not
the complaint form or correspondence, which may identify a complainant who asked for confidentiality.
"""

from __future__ import annotations

from datetime import date

from triage import documents
from triage.data import audit
from triage.extensions import db
from triage.models import Case, CaseDocument, User
from triage.models.base import utcnow
from triage.models.enums import Direction, DocumentKind

#: Kinds that need a file: a document is its file; a letter, email or call may be logged as a summary only.
NEEDS_FILE = (DocumentKind.COMPLAINT_FORM, DocumentKind.MEMBER_RESPONSE, DocumentKind.INVESTIGATION_REPORT)
#: Kinds a referred Independent Person or panel member may read.
SHARED_WITH_REFERRED = (DocumentKind.MEMBER_RESPONSE, DocumentKind.INVESTIGATION_REPORT)
MAX_SUMMARY = 20000


class DocumentFieldError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def visible_documents(case: Case, user: User) -> list[CaseDocument]:
    if user.role.is_officer:
        return list(case.documents)
    return [d for d in case.documents if d.kind in SHARED_WITH_REFERRED]


def add_document(
    case: Case,
    *,
    by: User,
    kind: DocumentKind | str,
    direction: Direction | str,
    occurred_on: date | None,
    correspondent: str,
    summary: str,
    upload=None,
    today: date | None = None,
) -> CaseDocument:
    """Validate, store the file (if any) and record it; raises DocumentFieldError naming the field to fix."""
    today = today or date.today()
    try:
        kind = DocumentKind(kind)
    except ValueError:
        raise DocumentFieldError("kind", "Select what you are adding") from None
    try:
        direction = Direction(direction)
    except ValueError:
        raise DocumentFieldError("direction", "Select whether it was received, sent or an internal note") from None
    if occurred_on is None:
        raise DocumentFieldError("occurred_on", "Enter the date")
    if occurred_on > today:
        raise DocumentFieldError("occurred_on", "The date must be today or in the past")
    correspondent = (correspondent or "").strip()
    if len(correspondent) > 200:
        raise DocumentFieldError("correspondent", "The name must be 200 characters or fewer")
    summary = (summary or "").replace("\r\n", "\n").strip()
    if len(summary) > MAX_SUMMARY:
        raise DocumentFieldError("summary", f"The summary must be {MAX_SUMMARY:,} characters or fewer")
    has_file = upload is not None and getattr(upload, "filename", "")
    if kind in NEEDS_FILE and not has_file:
        raise DocumentFieldError("upload", f"Select the file of the {kind.label.lower()}")
    if not has_file and not summary:
        raise DocumentFieldError("summary", "Enter a summary, or select a file")
    stored = None
    if has_file:
        try:
            stored = documents.store_document(upload)
        except documents.DocumentError as refused:
            raise DocumentFieldError("upload", str(refused)) from refused
    row = CaseDocument(
        case_id=case.id,
        kind=kind,
        direction=direction,
        occurred_on=occurred_on,
        correspondent=correspondent,
        summary=summary,
        sha256=stored.sha256 if stored else None,
        content_type=stored.content_type if stored else "",
        size_bytes=stored.size_bytes if stored else 0,
        original_filename=(getattr(upload, "filename", "") or "")[:255] if stored else "",
        recorded_by_id=by.id,
        recorded_at=utcnow(),
    )
    case.documents.append(row)
    case.updated_at = utcnow()
    db.session.flush()
    audit.record(
        "document.added",
        "case_document",
        row.id,
        user=by,
        case_id=case.id,
        after={"kind": kind.value, "direction": direction.value, "sha256": row.sha256, "size_bytes": row.size_bytes},
    )
    return row


def record_download(case: Case, document: CaseDocument, user: User) -> None:
    audit.record("document.downloaded", "case_document", document.id, user=user, case_id=case.id)

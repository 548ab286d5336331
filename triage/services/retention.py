"""Retention as a use case: dispose of closed cases whose retention period has ended (never one under legal hold),
in batches that each commit with their audit records, then delete the stored files nothing refers to any more; and
place or release a legal hold. The queries it needs are in ``triage.data.retention``."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from triage.data import audit, retention
from triage.data.retention import BATCH, RetentionReport
from triage.extensions import db
from triage.models import Case


@dataclass
class DisposalResult:
    cases: int = 0
    files: int = 0
    skipped_held: int = 0
    references: list[str] = field(default_factory=list)


def dispose(report: RetentionReport, *, actor: str = "retention") -> DisposalResult:
    """Dispose of ``report.due`` (never the held ones), committing per batch, then delete unreferenced files."""
    result = DisposalResult(skipped_held=len(report.held))
    due = report.due
    for start in range(0, len(due), BATCH):
        batch = due[start : start + BATCH]
        ids = [d.case_id for d in batch]
        # Re-check the hold inside the transaction: a hold placed since the dry run wins.
        held_now = set(db.session.scalars(select(Case.id).where(Case.id.in_(ids), Case.legal_hold.is_(True))))
        batch = [d for d in batch if d.case_id not in held_now]
        result.skipped_held += len(held_now)
        ids = [d.case_id for d in batch]
        if not ids:
            continue
        hashes = retention.case_file_hashes(ids)
        retention.delete_case_rows(ids)
        db.session.flush()
        orphaned = {kind: values - retention.still_used(kind, values) for kind, values in hashes.items()}
        for item in batch:
            audit.record(
                "case.disposed",
                "case",
                item.reference,
                actor=actor,
                case_id=item.case_id,
                after={
                    "reason": "retention period ended",
                    "closed_on": item.closed_on.isoformat(),
                    "due_on": item.due_on.isoformat(),
                    "retention_months": item.retention_months,
                },
            )
        db.session.commit()
        for kind, values in orphaned.items():
            result.files += retention.remove_files(kind, values)
        result.cases += len(ids)
        result.references.extend(d.reference for d in batch)
    if result.cases:
        audit.record(
            "retention.run",
            "retention",
            report.today.isoformat(),
            actor=actor,
            after={"disposed": result.cases, "files_deleted": result.files, "held": result.skipped_held},
        )
        db.session.commit()
    return result


def set_legal_hold(case: Case, hold: bool, *, user=None, actor: str | None = None) -> None:
    case.legal_hold = hold
    audit.record(
        "case.legal_hold_set" if hold else "case.legal_hold_released",
        "case",
        case.reference,
        user=user,
        actor=actor,
        case_id=case.id,
        after={"legal_hold": hold},
    )

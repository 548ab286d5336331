"""Writing and verifying the hash-chained audit log."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import select

from triage.extensions import db
from triage.models import AuditEntry
from triage.models.base import utcnow


def _digest(prev_hash: str, at: datetime, actor: str, action: str, entity: str, entity_id: str, case_id, before, after):
    payload = json.dumps(
        [prev_hash, at.isoformat(), actor, action, entity, entity_id, case_id, before, after],
        sort_keys=True,
        default=str,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    action: str,
    entity: str,
    entity_id: str | int = "",
    *,
    user=None,
    actor: str | None = None,
    case_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Append one entry in the current transaction; it commits or rolls back with the change it describes."""
    last = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1).with_for_update()).first()
    prev_hash = last.hash if last else ""
    at = utcnow().replace(microsecond=0)
    who = actor or (user.email if user is not None else "system")
    entry = AuditEntry(
        at=at,
        user_id=getattr(user, "id", None),
        actor=who,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        case_id=case_id,
        before=before,
        after=after,
        prev_hash=prev_hash,
        hash=_digest(prev_hash, at, who, action, entity, str(entity_id), case_id, before, after),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def verify_chain() -> list[str]:
    """Return problems found walking the chain from the first entry (empty list: intact)."""
    problems: list[str] = []
    prev_hash = ""
    for entry in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        at = entry.at.replace(tzinfo=None) if entry.at.tzinfo else entry.at
        expected = _digest(
            prev_hash,
            at.replace(tzinfo=utcnow().tzinfo),
            entry.actor,
            entry.action,
            entry.entity,
            entry.entity_id,
            entry.case_id,
            entry.before,
            entry.after,
        )
        if entry.prev_hash != prev_hash:
            problems.append(f"entry {entry.id}: previous-hash link broken")
        if entry.hash != expected:
            problems.append(f"entry {entry.id}: contents do not match its hash")
        prev_hash = entry.hash
    return problems


def entries_for_case(case_id: int) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id)))


def recent_entries(limit: int = 200) -> list[AuditEntry]:
    """The newest entries first, for the administrator's read-only audit page."""
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))

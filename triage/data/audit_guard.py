"""Append-only audit log, enforced in the ORM: an UPDATE or DELETE of an ``AuditEntry`` through a SQLAlchemy
session (a changed or deleted object at flush, or a bulk ``update()``/``delete()``) raises ``AuditLogIsAppendOnly``.

Register once at start-up (``create_app``)::

    from triage.data.audit_guard import register_audit_guard; register_audit_guard()

This stops the app (and any code that uses its models) from editing history by mistake or by a bug. Someone with
direct database access can still change rows; the hash chain (``triage audit verify``) detects that.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from triage.models import AuditEntry


class AuditLogIsAppendOnly(RuntimeError):
    pass


def _refuse_change(mapper, connection, target) -> None:
    raise AuditLogIsAppendOnly(f"audit entry {target.id} cannot be changed or deleted: the audit log is append-only")


def _refuse_bulk(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ is AuditEntry for m in state.all_mappers):
        raise AuditLogIsAppendOnly("audit entries cannot be updated or deleted: the audit log is append-only")


def audit_guard_registered() -> bool:
    return event.contains(AuditEntry, "before_update", _refuse_change)


def register_audit_guard() -> None:
    """Install the guard (idempotent; process-wide, like SQLAlchemy's mapper events)."""
    if not event.contains(AuditEntry, "before_update", _refuse_change):
        event.listen(AuditEntry, "before_update", _refuse_change)
        event.listen(AuditEntry, "before_delete", _refuse_change)
        event.listen(Session, "do_orm_execute", _refuse_bulk)


def unregister_audit_guard() -> None:
    """For tests that must simulate tampering through the ORM."""
    if event.contains(AuditEntry, "before_update", _refuse_change):
        event.remove(AuditEntry, "before_update", _refuse_change)
        event.remove(AuditEntry, "before_delete", _refuse_change)
        event.remove(Session, "do_orm_execute", _refuse_bulk)

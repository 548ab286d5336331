"""Moving a case through the workflow: the one place a status changes, audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from triage.cases import workflow
from triage.data import audit
from triage.extensions import db
from triage.models import Case
from triage.models.base import utcnow
from triage.models.enums import CaseStatus, Outcome


def touch(case: Case) -> None:
    """Mark the case row changed so its version goes up (child-table edits such as answers count as changes)."""
    case.updated_at = utcnow()


def change_status(
    case: Case, target: CaseStatus | str, *, user, outcome: Outcome | str | None = None, today: date | None = None
) -> workflow.Transition:
    """Move ``case`` to ``target`` if the workflow allows it (raises ``IllegalTransition`` if not), and audit it."""
    move = workflow.transition(case.status, target, outcome)
    today = today or date.today()
    case.status = move.after
    if move.after == CaseStatus.DECIDED and case.decided_on is None:
        case.decided_on = today
    if move.after in workflow.FINAL_STATUSES and case.closed_on is None:
        case.closed_on = today
    touch(case)
    after: dict[str, Any] = {"status": move.after.value}
    if move.outcome is not None:
        after["outcome"] = move.outcome.value
    audit.record(
        "case.status_changed",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before={"status": move.before.value},
        after=after,
    )
    db.session.flush()  # a concurrent change surfaces here, inside the use case, not at commit
    return move

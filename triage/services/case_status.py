"""Moving a case through the workflow: the one place a status changes, audited.

Also the one place the assessment clock stops and restarts: a pause always stops it, an information request stops it
when the council says so (``TRIAGE_CLOCK_STOPS_FOR_MORE_INFORMATION``), and leaving either adds the working days it
was stopped to the case. A paused case resumes where it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from triage.cases import workflow
from triage.cases.working_days import working_days_between
from triage.data import audit
from triage.extensions import db
from triage.models import Case
from triage.models.base import utcnow
from triage.models.enums import CaseStatus, Finding, Outcome

MAX_REASON = 4000


class StatusFieldError(workflow.IllegalTransition):
    """A status change is allowed but something it needs is missing; ``field`` says which input to mark."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def touch(case: Case) -> None:
    """Mark the case row changed so its version goes up (child-table edits such as answers count as changes)."""
    case.updated_at = utcnow()


def next_statuses(case: Case) -> tuple[CaseStatus, ...]:
    """What an officer may move the case to on the status page (a decision is recorded on the decision form)."""
    if case.status == CaseStatus.PAUSED:
        back = case.resume_status or CaseStatus.INITIAL_ASSESSMENT
        return tuple(s for s in (back, CaseStatus.WITHDRAWN) if s != CaseStatus.DECIDED or case.decisions) or (
            CaseStatus.WITHDRAWN,
        )
    outcome = case.latest_decision.outcome if case.latest_decision else None
    return tuple(s for s in workflow.allowed_next(case.status, outcome=outcome) if s != CaseStatus.DECIDED)


def change_status(
    case: Case,
    target: CaseStatus | str,
    *,
    user,
    outcome: Outcome | str | None = None,
    today: date | None = None,
    reason: str = "",
    investigator: str = "",
    finding: Finding | str | None = None,
    stop_clock_for_information: bool = True,
) -> workflow.Transition:
    """Move ``case`` to ``target`` if the workflow allows it (raises ``IllegalTransition`` if not), and audit it."""
    today = today or date.today()
    move = _checked_move(case, target, outcome)
    before_status = case.status
    reason = _checked_reason(move.after, reason)
    _record_investigation(case, move, investigator, finding)

    case.status = move.after
    if move.after == CaseStatus.PAUSED:
        # A pause on receipt resumes into the assessment: work on the complaint has begun by then.
        case.resume_status = CaseStatus.INITIAL_ASSESSMENT if before_status == CaseStatus.RECEIVED else before_status
    elif before_status == CaseStatus.PAUSED:
        case.resume_status = None
    case.status_reason = reason
    _run_clock(case, today, stop_clock_for_information)
    if move.after == CaseStatus.DECIDED and case.decided_on is None:
        case.decided_on = today
    if move.after in workflow.FINAL_STATUSES and case.closed_on is None:
        case.closed_on = today
    touch(case)
    after: dict[str, Any] = {"status": move.after.value}
    if move.outcome is not None and before_status != CaseStatus.PAUSED:
        after["outcome"] = move.outcome.value
    if reason:
        after["reason"] = reason
    if move.after == CaseStatus.INVESTIGATION and before_status != CaseStatus.PAUSED:
        after["investigator"] = case.investigator
    if before_status == CaseStatus.INVESTIGATION and case.investigation_finding is not None:
        after["finding"] = case.investigation_finding.value
    audit.record(
        "case.status_changed",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before={"status": before_status.value},
        after=after,
    )
    db.session.flush()  # a concurrent change surfaces here, inside the use case, not at commit
    return move


def _checked_move(case: Case, target: CaseStatus | str, outcome: Outcome | str | None) -> workflow.Transition:
    """The workflow's check, plus the two rules it cannot know: a pause resumes where it was, and a later stage
    needs the decision that leads to it."""
    latest = case.latest_decision.outcome if case.latest_decision else None
    try:
        wanted = CaseStatus(target)
    except ValueError as exc:
        raise workflow.IllegalTransition(f"{target!r} is not a case status") from exc
    if case.status == CaseStatus.PAUSED and wanted != CaseStatus.WITHDRAWN:
        back = case.resume_status or CaseStatus.INITIAL_ASSESSMENT
        if wanted != back:
            raise workflow.IllegalTransition(f"A paused case resumes where it was: {back.label.lower()}")
        if wanted == CaseStatus.DECIDED:
            outcome = outcome or latest
    else:
        refused = workflow.stage_allowed(wanted, latest)
        if refused:
            raise workflow.IllegalTransition(refused)
    return workflow.transition(case.status, wanted, outcome)


def _checked_reason(status: CaseStatus, reason: str) -> str:
    """The reason a pause or an information request needs; none is kept for other statuses."""
    if status not in (CaseStatus.PAUSED, CaseStatus.MORE_INFORMATION):
        return ""
    reason = (reason or "").strip()
    if not reason:
        what = "why the case is paused" if status == CaseStatus.PAUSED else "what information you asked for"
        raise StatusFieldError("reason", f"Enter {what}")
    if len(reason) > MAX_REASON:
        raise StatusFieldError("reason", f"The reason must be {MAX_REASON:,} characters or fewer")
    return reason


def _record_investigation(case: Case, move: workflow.Transition, investigator: str, finding) -> None:
    """An investigation needs its investigator; leaving it for a hearing or closure needs the investigator's finding."""
    if move.after == CaseStatus.INVESTIGATION and move.before != CaseStatus.PAUSED:
        investigator = (investigator or "").strip()
        if not investigator:
            raise StatusFieldError("investigator", "Enter the name of the investigator")
        if len(investigator) > 200:
            raise StatusFieldError("investigator", "The investigator's name must be 200 characters or fewer")
        case.investigator = investigator
    if move.before == CaseStatus.INVESTIGATION and move.after in (CaseStatus.HEARING, CaseStatus.CLOSED):
        try:
            case.investigation_finding = Finding(finding) if finding else None
        except ValueError:
            case.investigation_finding = None
        if case.investigation_finding is None:
            raise StatusFieldError("finding", "Select what the investigator found")


def _run_clock(case: Case, today: date, stop_for_information: bool) -> None:
    """Stop or restart the assessment clock for the case's new status (only before the decision)."""
    stops = case.decided_on is None and (
        case.status == CaseStatus.PAUSED or (case.status == CaseStatus.MORE_INFORMATION and stop_for_information)
    )
    if stops and case.clock_stopped_since is None:
        case.clock_stopped_since = today
    elif not stops and case.clock_stopped_since is not None:
        stopped = working_days_between(case.clock_stopped_since, today, case.jurisdiction.value)
        case.clock_stopped_days = (case.clock_stopped_days or 0) + stopped
        case.clock_stopped_since = None

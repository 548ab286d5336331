"""The officer's work on an open case: assignment, conflicts of interest, urgent-flag reviews and answers."""

from __future__ import annotations

from typing import Any

from triage.cases.access import OFFICER_ROLES
from triage.data import audit
from triage.data.access import has_conflict
from triage.extensions import db
from triage.models import Answer, Case, CaseConflict, UrgentReview, User
from triage.models.base import utcnow
from triage.services.case_status import touch


def _officer_summary(officer: User | None) -> dict[str, Any]:
    return {"officer_id": officer.id, "officer": officer.name} if officer else {"officer_id": None, "officer": None}


def assign_officer(case: Case, officer: User | None, *, user) -> bool:
    """Assign ``officer`` (or nobody). Returns False when nothing changed."""
    if officer is not None and officer.role not in OFFICER_ROLES:
        raise ValueError("Only a monitoring officer or deputy can be assigned")
    if officer is not None and has_conflict(officer, case):
        raise ValueError(f"{officer.name} has declared a conflict of interest on this case")
    previous = case.assigned_officer
    if (previous.id if previous else None) == (officer.id if officer else None):
        return False
    case.assigned_officer_id = officer.id if officer else None
    case.assigned_officer = officer
    touch(case)
    audit.record(
        "case.assigned",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before=_officer_summary(previous),
        after=_officer_summary(officer),
    )
    db.session.flush()
    return True


def declare_conflict(case: Case, *, user, reason: str) -> CaseConflict:
    """Record ``user``'s conflict of interest. They lose access at once; if the case was theirs it is unassigned."""
    conflict = CaseConflict(case_id=case.id, user_id=user.id, reason=reason.strip())
    db.session.add(conflict)
    unassigned = case.assigned_officer_id == user.id
    if unassigned:
        case.assigned_officer_id = None
        case.assigned_officer = None
    touch(case)
    db.session.flush()
    audit.record(
        "case.conflict_declared",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before=_officer_summary(user) if unassigned else None,
        after={"officer_id": user.id, "officer": user.name, "reason": conflict.reason, "unassigned": unassigned},
    )
    return conflict


def record_urgent_review(case: Case, kind: str, *, user, reason: str) -> UrgentReview:
    """Record why an urgent flag does not apply (one per kind; a second record replaces the first), audited."""
    reason = reason.strip()
    existing = next((r for r in case.urgent_reviews if r.kind == kind), None)
    before = {"kind": kind, "reason": existing.reason} if existing else None
    if existing is None:
        existing = UrgentReview(kind=kind, reason=reason, recorded_by_id=user.id)
        case.urgent_reviews.append(existing)
    else:
        existing.reason, existing.recorded_by_id, existing.recorded_at = reason, user.id, utcnow()
    touch(case)
    db.session.flush()
    audit.record(
        "case.urgent_reviewed",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before=before,
        after={"kind": kind, "reason": reason},
    )
    return existing


def save_answers(case: Case, values: dict[str, str], *, user) -> dict[str, tuple[str, str]]:
    """Store the officer's answers. Returns {question id: (before, after)} for those that changed (audited)."""
    existing = {a.question_id: a for a in case.answers}
    changed: dict[str, tuple[str, str]] = {}
    for question_id, value in values.items():
        answer = existing.get(question_id)
        before = answer.value if answer is not None else "unknown"
        if value == before:
            continue
        changed[question_id] = (before, value)
        if answer is None:
            case.answers.append(Answer(question_id=question_id, value=value, prefilled=False, prefill_reason=""))
        else:
            answer.value = value
            answer.prefilled = False
            answer.prefill_reason = ""
    if not changed:
        return changed
    touch(case)
    audit.record(
        "answers.updated",
        "case",
        case.reference,
        user=user,
        case_id=case.id,
        before={q: b for q, (b, _) in changed.items()},
        after={q: a for q, (_, a) in changed.items()},
    )
    db.session.flush()
    return changed

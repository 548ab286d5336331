"""Recording the monitoring officer's decision and the Independent Person's views.

Rules applied here (the form shows their messages against the field at fault):

- The decision names an outcome, the Code paragraphs engaged (from the case's own Code) and the reasons.
  Informal resolution and investigation need at least one paragraph: both rest on a possible breach.
- If the outcome differs from the latest assessment's recommendation, the reason for overriding the tool is
  required, and kept with the decision alongside the recommendation it overrode.
- A first decision moves the case to ``decided`` through the workflow state machine (starting the initial
  assessment first if the case was only received) and sets ``decided_on``.
- After a decision to investigate, the decision on the investigated allegation needs the Independent Person's
  views at stage ``post_investigation`` first (Localism Act 2011 s.28(7)(a)); at assessment they are optional.
- After a police referral, the officer may decide again once the police have acted.
"""

from __future__ import annotations

from datetime import date

from triage.data import audit
from triage.data.decisions import POST_INVESTIGATION, code_paragraphs, decision_stage, has_post_investigation_views
from triage.extensions import db
from triage.models import Case, Consultation, Decision, User
from triage.models.base import utcnow
from triage.models.enums import CaseStatus, ConsultationStage, Outcome, Role
from triage.services.case_status import change_status

__all__ = ["POST_INVESTIGATION", "DecisionError", "record_consultation", "record_decision"]

CONSULTATION_STAGES: dict[str, str] = {s.value: s.label for s in ConsultationStage}
NEEDS_PARAGRAPHS = {Outcome.INFORMAL_RESOLUTION, Outcome.INVESTIGATION}
MAX_TEXT = 20000


class DecisionError(ValueError):
    """The decision or consultation cannot be recorded; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _clean(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def _checked_override(reason: str, tool: Outcome | None, outcome: Outcome) -> str:
    """The reason for differing from the tool: required when the decision differs, dropped when it does not."""
    reason = _clean(reason)
    if tool is None or outcome == tool:
        return ""
    if not reason:
        raise DecisionError("override_reason", "Enter why your decision differs from the tool's recommendation")
    if len(reason) > MAX_TEXT:
        raise DecisionError("override_reason", f"The reason must be {MAX_TEXT:,} characters or fewer")
    return reason


def _checked_review(reason: str, reviewing: bool) -> str:
    """Why a decision is reviewed: required on review, never kept otherwise."""
    reason = _clean(reason) if reviewing else ""
    if reviewing and not reason:
        raise DecisionError("review_reason", "Enter why the decision is being reviewed")
    if len(reason) > MAX_TEXT:
        raise DecisionError("review_reason", f"The reason must be {MAX_TEXT:,} characters or fewer")
    return reason


def record_decision(
    case: Case,
    *,
    outcome: Outcome | str,
    paragraphs: list[str],
    reasons: str,
    override_reason: str = "",
    review_reason: str = "",
    review: bool = False,
    user: User,
    today: date | None = None,
) -> Decision:
    """Validate and store the decision, move the case through the workflow and audit it (the caller commits)."""
    stage = decision_stage(case, review=review)
    if stage is None:
        raise DecisionError("outcome", f"A decision cannot be recorded on a case that is {case.status.value}")
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise DecisionError("outcome", "Select the decision") from None
    known = [p[0] for p in code_paragraphs(case)]
    chosen = [p for p in known if p in set(paragraphs or [])]
    unknown = sorted(set(paragraphs or []) - set(known))
    if unknown:
        raise DecisionError("paragraphs", "Select paragraphs from the council's Code of Conduct only")
    if outcome in NEEDS_PARAGRAPHS and not chosen:
        raise DecisionError("paragraphs", "Select the Code paragraphs the conduct may have breached")
    reasons = _clean(reasons)
    if not reasons:
        raise DecisionError("reasons", "Enter the reasons for the decision")
    if len(reasons) > MAX_TEXT:
        raise DecisionError("reasons", f"Reasons must be {MAX_TEXT:,} characters or fewer")
    assessment = case.latest_assessment if stage.compares_with_tool else None
    tool = assessment.recommendation if assessment is not None else None
    override_reason = _checked_override(override_reason, tool, outcome)
    if stage.needs_independent_person and not has_post_investigation_views(case, stage.previous):
        raise DecisionError(
            "outcome",
            "Record the Independent Person's views on the investigated allegation before deciding it "
            "(Localism Act 2011 s.28(7)(a))",
        )

    review_reason = _checked_review(review_reason, stage.kind == "review")
    today = today or date.today()
    before = {"status": case.status.value, "decided_on": case.decided_on.isoformat() if case.decided_on else None}
    if stage.kind == "initial" and case.status != CaseStatus.DECIDED:
        if case.status == CaseStatus.RECEIVED:
            change_status(case, CaseStatus.INITIAL_ASSESSMENT, user=user, today=today)
        change_status(case, CaseStatus.DECIDED, outcome=outcome, user=user, today=today)
    if stage.kind == "initial" or case.decided_on is None:
        case.decided_on = today  # the initial-assessment clock stops at the first decision, not at later ones
    case.updated_at = utcnow()  # the case changed: its version goes up, so stale notes are not reused
    decision = Decision(
        case_id=case.id,
        outcome=outcome,
        paragraphs=chosen,
        reasons=reasons,
        assessment_id=assessment.id if assessment is not None else None,
        tool_recommendation=tool,
        override_reason=override_reason,
        review_reason=review_reason,
        decided_by_id=user.id,
        decided_at=utcnow(),
    )
    case.decisions.append(decision)
    db.session.flush()
    audit.record(
        "decision.recorded",
        "decision",
        decision.id,
        user=user,
        case_id=case.id,
        before=before,
        after={
            "stage": stage.kind,
            "outcome": outcome.value,
            "paragraphs": chosen,
            "tool_recommendation": tool.value if tool else None,
            "overrides_tool": bool(override_reason),
            "reviews_decision_id": stage.previous.id if stage.kind == "review" and stage.previous else None,
            "assessment_id": decision.assessment_id,
            "status": case.status.value,
        },
    )
    return decision


def record_consultation(
    case: Case,
    *,
    recorded_by: User,
    views: str,
    consulted_on: date,
    stage: str = "assessment",
    independent_person: User | None = None,
    independent_person_name: str = "",
    today: date | None = None,
) -> Consultation:
    """Store an Independent Person's views. An Independent Person recording their own views is always named as
    the IP; an officer names an IP user or types the name of one not on the system."""
    today = today or date.today()
    if stage not in CONSULTATION_STAGES:
        raise DecisionError("stage", "Select when the Independent Person was consulted")
    if recorded_by.role == Role.INDEPENDENT_PERSON:
        independent_person, name = recorded_by, recorded_by.name
    else:
        name = _clean(independent_person_name)
        if independent_person is not None and name:
            raise DecisionError(
                "independent_person", "Choose an Independent Person from the list or type a name, not both"
            )
        if independent_person is not None:
            if independent_person.role != Role.INDEPENDENT_PERSON:
                raise DecisionError("independent_person", "Choose an Independent Person")
            name = independent_person.name
        if not name:
            raise DecisionError("independent_person", "Choose the Independent Person or type their name")
        if len(name) > 200:
            raise DecisionError("independent_person_name", "Name must be 200 characters or fewer")
    if consulted_on is None:
        raise DecisionError("consulted_on", "Enter the date the Independent Person was consulted")
    if consulted_on > today:
        raise DecisionError("consulted_on", "The date of the consultation must be today or in the past")
    if case.received_on and consulted_on < case.received_on:
        raise DecisionError(
            "consulted_on", "The date of the consultation must be on or after the complaint was received"
        )
    views = _clean(views)
    if not views:
        raise DecisionError("views", "Enter the Independent Person's views")
    if len(views) > MAX_TEXT:
        raise DecisionError("views", f"Views must be {MAX_TEXT:,} characters or fewer")
    consultation = Consultation(
        case_id=case.id,
        independent_person_id=independent_person.id if independent_person is not None else None,
        independent_person_name=name,
        stage=stage,
        consulted_on=consulted_on,
        views=views,
        recorded_by_id=recorded_by.id,
        recorded_at=utcnow(),
    )
    case.consultations.append(consultation)
    db.session.flush()
    audit.record(
        "consultation.recorded",
        "consultation",
        consultation.id,
        user=recorded_by,
        case_id=case.id,
        after={
            "stage": stage,
            "independent_person": name,
            "independent_person_id": consultation.independent_person_id,
            "consulted_on": consulted_on.isoformat(),
            "recorded_by_role": recorded_by.role.value,
        },
    )
    return consultation

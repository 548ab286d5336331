"""Queries behind the decision and consultation forms: which decision is due, the case's Code paragraphs and
the Independent Persons. Recording either is a use case in :mod:`triage.services.decisions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from triage.data.councils import case_code
from triage.extensions import db
from triage.models import Case, Decision, User
from triage.models.enums import CaseStatus, Outcome, Role

POST_INVESTIGATION = "post_investigation"


@dataclass(frozen=True)
class DecisionStage:
    """Which decision the officer is about to record."""

    kind: str  # "initial", "post_investigation", "after_police" or "review"
    previous: Decision | None

    @property
    def compares_with_tool(self) -> bool:
        """The tool recommends on initial assessment only; later decisions are not compared with it."""
        return self.kind == "initial"

    @property
    def needs_independent_person(self) -> bool:
        return self.kind == "post_investigation"


def decision_stage(case: Case, *, review: bool = False) -> DecisionStage | None:
    """The decision that can be recorded now, or None (closed, withdrawn, or already decided with nothing to
    follow). With ``review``, a decided case's latest decision can be reviewed: a new decision supersedes it."""
    previous = case.latest_decision
    after_decision = (
        CaseStatus.DECIDED,
        CaseStatus.INFORMAL_RESOLUTION,
        CaseStatus.INVESTIGATION,
        CaseStatus.HEARING,
        CaseStatus.CLOSED,
    )
    if review and previous is not None and case.status in after_decision:
        return DecisionStage("review", previous)
    if case.status in (CaseStatus.RECEIVED, CaseStatus.INITIAL_ASSESSMENT, CaseStatus.MORE_INFORMATION):
        return DecisionStage("initial", previous)
    if case.status == CaseStatus.DECIDED and previous is None:  # status set to decided without a recorded decision
        return DecisionStage("initial", None)
    if previous is not None and case.status in (CaseStatus.DECIDED, CaseStatus.INVESTIGATION, CaseStatus.HEARING):
        if previous.outcome == Outcome.INVESTIGATION:
            return DecisionStage("post_investigation", previous)
        if previous.outcome == Outcome.POLICE_REFERRAL and case.status == CaseStatus.DECIDED:
            return DecisionStage("after_police", previous)
    return None


def code_paragraphs(case: Case) -> list[tuple[str, str, str]]:
    """(id, heading, text) of each paragraph of the Code version the case was logged under."""
    return [(p.id, p.heading, p.text) for p in case_code(case).paragraphs]


def has_post_investigation_views(case: Case, since: Decision | None = None) -> bool:
    """An Independent Person's views recorded at stage ``post_investigation`` (after ``since``, if given)."""
    for c in case.consultations:
        if c.stage != POST_INVESTIGATION:
            continue
        if since is None or c.consulted_on >= since.decided_at.date():
            return True
    return False


# --- the Independent Person -------------------------------------------------------------------------------------


def independent_persons() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role == Role.INDEPENDENT_PERSON, User.active.is_(True)).order_by(User.name)
        )
    )


def get_user(user_id: int | None) -> User | None:
    return db.session.get(User, user_id) if user_id else None

"""Summaries for the home page and the health check."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import aliased

from triage.data.access import visible_cases_clause
from triage.extensions import db
from triage.models import Case, CaseReferral, Council
from triage.models.enums import CaseStatus


@dataclass(frozen=True)
class HomeSummary:
    council_name: str
    open_cases: int
    awaiting_assessment: int
    decided: int
    total: int
    #: For Independent Persons and panel members: (case, referral) referred to them and still active, newest first.
    referred: tuple = ()


def home_summary(user) -> HomeSummary:
    """Counts of only the cases ``user`` may open (a role never sees council-wide figures it cannot act on)."""
    counts = dict(
        db.session.execute(
            select(Case.status, func.count(Case.id)).where(visible_cases_clause(user)).group_by(Case.status)
        ).all()
    )
    council = db.session.scalars(select(Council).order_by(Council.id).limit(1)).first()
    open_statuses = (CaseStatus.RECEIVED, CaseStatus.INITIAL_ASSESSMENT)
    return HomeSummary(
        council_name=council.name if council else "",
        open_cases=sum(counts.get(s, 0) for s in open_statuses),
        awaiting_assessment=counts.get(CaseStatus.RECEIVED, 0),
        decided=counts.get(CaseStatus.DECIDED, 0),
        total=sum(counts.values()),
        referred=_referred_to(user),
    )


def _referred_to(user) -> tuple:
    mine = aliased(CaseReferral)  # its own alias, so the access clause's EXISTS on referrals stays correlated to Case
    return tuple(
        db.session.execute(
            select(Case, mine)
            .join(mine, mine.case_id == Case.id)
            .where(mine.user_id == user.id, mine.withdrawn_at.is_(None), visible_cases_clause(user))
            .order_by(mine.referred_at.desc())
        ).all()
    )


def database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure at all means unhealthy
        db.session.rollback()
        return False

"""Summaries for the home page and the health check."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text

from triage.extensions import db
from triage.models import Case, Council
from triage.models.enums import CaseStatus


@dataclass(frozen=True)
class HomeSummary:
    council_name: str
    open_cases: int
    awaiting_assessment: int
    decided: int
    total: int


def home_summary(user) -> HomeSummary:
    counts = dict(db.session.execute(select(Case.status, func.count(Case.id)).group_by(Case.status)).all())
    council = db.session.scalars(select(Council).order_by(Council.id).limit(1)).first()
    open_statuses = (CaseStatus.RECEIVED, CaseStatus.INITIAL_ASSESSMENT)
    return HomeSummary(
        council_name=council.name if council else "",
        open_cases=sum(counts.get(s, 0) for s in open_statuses),
        awaiting_assessment=counts.get(CaseStatus.RECEIVED, 0),
        decided=counts.get(CaseStatus.DECIDED, 0),
        total=sum(counts.values()),
    )


def database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure at all means unhealthy
        db.session.rollback()
        return False

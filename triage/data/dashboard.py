"""Summaries for the home page and the health check."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import aliased

from triage.cases import workflow
from triage.cases.access import may_see_cases_at_all
from triage.data import history, intake, saved_searches
from triage.data.access import visible_cases_clause
from triage.extensions import db
from triage.models import Case, CaseReferral, Council, PublicSubmission
from triage.models.enums import CaseStatus, Role


@dataclass(frozen=True)
class HomeSummary:
    council_name: str
    open_cases: int
    awaiting_assessment: int
    decided: int
    total: int
    #: For Independent Persons and panel members: (case, referral) referred to them and still active, newest first.
    referred: tuple = ()
    #: The role's work queue: (key, label, count, case-list arguments), each count a link to exactly that list.
    queue: tuple = ()
    #: Complaints this officer started logging and has not finished.
    drafts: int = 0
    #: The user's saved case-history searches: (search, cases found now, exact).
    saved: tuple = ()
    #: Complaints sent through the public form and not yet dealt with (officers only).
    public_waiting: int = 0


def home_summary(user) -> HomeSummary:
    """Counts of only the cases ``user`` may open (a role never sees council-wide figures it cannot act on)."""
    counts = dict(
        db.session.execute(
            select(Case.status, func.count(Case.id)).where(visible_cases_clause(user)).group_by(Case.status)
        ).all()
    )
    council = db.session.scalars(select(Council).order_by(Council.id).limit(1)).first()
    return HomeSummary(
        council_name=council.name if council else "",
        open_cases=sum(counts.get(s, 0) for s in workflow.OPEN_STATUSES),
        awaiting_assessment=counts.get(CaseStatus.RECEIVED, 0),
        decided=counts.get(CaseStatus.DECIDED, 0),
        total=sum(counts.values()),
        referred=_referred_to(user),
        queue=work_queue(user),
        drafts=len(intake.unfinished_drafts(user)) if user.role.is_officer else 0,
        saved=tuple(saved_searches.with_counts(user)) if may_see_cases_at_all(user.role) else (),
        public_waiting=_public_waiting() if user.role.is_officer else 0,
    )


#: Each queue: key, label, and the case-list filters that make it (the same filters the link opens).
OFFICER_QUEUE = (
    ("mine", "Assigned to me and open", {"assigned": "me", "status": "open"}),
    ("unscored", "Open and not yet scored by the tool", {"queue": "unscored", "status": "open"}),
    ("awaiting_ip", "Awaiting the Independent Person's views", {"queue": "awaiting_ip"}),
    ("overdue", "Overdue for a decision", {"overdue": "1"}),
    ("more_information", "More information sought", {"status": "more_information"}),
    ("paused", "Paused for other proceedings", {"status": "paused"}),
    ("investigation", "Under investigation", {"status": "investigation"}),
    ("hearing", "Awaiting or at hearing", {"status": "hearing"}),
)
REFERRED_QUEUE = (("open", "Referred to you and still open", {"status": "open"}),)
#: What each referral role owes: the cases waiting for their views, or for their hearing to be recorded.
OWED = {
    Role.INDEPENDENT_PERSON: ("views_due", "Your views are due", {"queue": "views_due"}),
    Role.PANEL_MEMBER: ("hearing_due", "A hearing to record", {"queue": "hearing_due"}),
}


def work_queue(user) -> tuple:
    """(key, label, count, filters) for the user's role; counts come from the case list itself, so they match."""
    if user.role.is_officer:
        wanted = OFFICER_QUEUE
    elif user.role in OWED:
        wanted = (*REFERRED_QUEUE, OWED[user.role])
    else:
        return ()
    rows = []
    for key, words, args in wanted:
        count, _ = history.count_cases(user, history.HistoryFilters.from_args(args), cap=10**9)
        rows.append((key, words, count, args))
    return tuple(rows)


def _public_waiting() -> int:
    return db.session.scalar(select(func.count(PublicSubmission.id)).where(PublicSubmission.status == "submitted")) or 0


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

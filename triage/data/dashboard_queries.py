"""Aggregates for the case-history dashboard. Every number comes from one SQL ``GROUP BY`` over the cases the user
may see, filtered by the received-date range and jurisdiction; Python only labels the groups and fills empty
months. Results are reused per worker while the database's history version is unchanged (decision D6, keyed by the
filters, what the user may see and the day), so the dashboard is exact and recomputed only after a change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Integer, and_, case, cast, func, literal, select

from triage.cases.workflow import OUTCOME_LABELS
from triage.data import history, history_cache
from triage.data.date_args import date_range
from triage.data.history import visible_facts_clause
from triage.extensions import db
from triage.models import Case, Council
from triage.models.enums import CaseStatus, Jurisdiction, MemberRole, Outcome, Platform
from triage.models.search import HistoryCase, HistoryTag

T = TypeVar("T")
REPEAT_THRESHOLD = 2
TOP_REPEAT = 10
DAY_BUCKETS = ((0, 5), (6, 10), (11, 15), (16, 20), (21, 25), (26, 30), (31, 40), (41, None))

PLATFORM_LABELS = {p.value: p.label for p in Platform}
ROLE_LABELS = {r.value: r.label for r in MemberRole}
OUTCOME_ORDER = [o.value for o in Outcome]


def outcome_label(value: str | None) -> str:
    if not value:
        return "Not decided yet"
    return OUTCOME_LABELS.get(Outcome(value), value)


@dataclass(frozen=True)
class DashboardFilters:
    date_from: date | None = None
    date_to: date | None = None
    jurisdiction: str = ""
    errors: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def from_args(cls, args) -> DashboardFilters:
        date_from, date_to, errors = date_range(args, ("from", "Received from"), ("to", "Received to"))
        jurisdiction = (args.get("jurisdiction") or "").strip()
        if jurisdiction not in {j.value for j in Jurisdiction}:
            jurisdiction = ""
        return cls(date_from, date_to, jurisdiction, tuple(errors))

    def to_args(self) -> dict[str, str]:
        out = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.jurisdiction:
            out["jurisdiction"] = self.jurisdiction
        return out

    @property
    def key(self) -> tuple:
        return (self.date_from, self.date_to, self.jurisdiction)


def _where(user, f: DashboardFilters) -> list:
    """Conditions over ``history_case`` alone: every aggregate below reads that one narrow table."""
    where = [visible_facts_clause(user)]
    if f.date_from:
        where.append(HistoryCase.received_on >= f.date_from)
    if f.date_to:
        where.append(HistoryCase.received_on <= f.date_to)
    if f.jurisdiction:
        where.append(HistoryCase.jurisdiction == Jurisdiction(f.jurisdiction))
    return where


def _month_expr():
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(HistoryCase.received_on, "YYYY-MM")
    return func.strftime("%Y-%m", HistoryCase.received_on)


# --- the aggregates ------------------------------------------------------------------------------------------------


def by_month(user, f: DashboardFilters) -> list[tuple[str, int]]:
    month = _month_expr().label("month")
    rows = db.session.execute(
        select(month, func.count()).select_from(HistoryCase).where(*_where(user, f)).group_by(month).order_by(month)
    ).all()
    counts = {m: n for m, n in rows if m}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    if f.date_from:
        first = min(first, f.date_from.strftime("%Y-%m"))
    if f.date_to:
        last = max(last, f.date_to.strftime("%Y-%m"))
    out = []
    year, month_no = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month_no:02d}" <= last:  # one step per month, not per case
        key = f"{year:04d}-{month_no:02d}"
        out.append((key, counts.get(key, 0)))
        month_no += 1
        if month_no == 13:
            year, month_no = year + 1, 1
    return out


def by_outcome(user, f: DashboardFilters) -> list[tuple[str, str, int]]:
    """(key, label, count): the four outcomes, withdrawn before a decision, and not decided yet."""
    withdrawn = case((and_(HistoryCase.outcome.is_(None), HistoryCase.status == CaseStatus.WITHDRAWN), 1), else_=0)
    rows = db.session.execute(
        select(HistoryCase.outcome, withdrawn.label("w"), func.count())
        .select_from(HistoryCase)
        .where(*_where(user, f))
        .group_by(HistoryCase.outcome, withdrawn)
    ).all()
    counts: dict[str, int] = {}
    for outcome, was_withdrawn, n in rows:
        key = _v(outcome) or ("withdrawn" if was_withdrawn else "pending")
        counts[key] = counts.get(key, 0) + n
    labels = [(o, outcome_label(o)) for o in OUTCOME_ORDER]
    labels += [("withdrawn", "Withdrawn before a decision"), ("pending", "Not decided yet")]
    return [(key, label, counts.get(key, 0)) for key, label in labels]


def _v(value) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def by_tag(user, f: DashboardFilters, kind: str) -> list[tuple[str, int]]:
    rows = db.session.execute(
        select(HistoryTag.value, func.count())
        .select_from(HistoryCase)
        .join(HistoryTag, and_(HistoryTag.case_id == HistoryCase.case_id, HistoryTag.kind == kind))
        .where(*_where(user, f))
        .group_by(HistoryTag.value)
        .order_by(func.count().desc(), HistoryTag.value)
    ).all()
    return [(value, n) for value, n in rows]


def by_platform(user, f: DashboardFilters) -> list[tuple[str, str, int]]:
    return [(value, PLATFORM_LABELS.get(value, value), n) for value, n in by_tag(user, f, "platform")]


def by_paragraph(user, f: DashboardFilters, labels: dict[str, str]) -> list[tuple[str, str, int]]:
    return [(value, labels.get(value, value.replace(":", " ")), n) for value, n in by_tag(user, f, "paragraph")]


def by_role(user, f: DashboardFilters) -> list[tuple[str, str, int]]:
    rows = db.session.execute(
        select(HistoryCase.member_role, func.count()).where(*_where(user, f)).group_by(HistoryCase.member_role)
    ).all()
    counts = {_v(r) or "": n for r, n in rows}
    out = [(r.value, ROLE_LABELS.get(r.value, r.value), counts.get(r.value, 0)) for r in MemberRole]
    if counts.get(""):
        out.append(("", "Not recorded", counts[""]))
    return [item for item in out if item[2]]


@dataclass
class DecisionTimes:
    buckets: list[tuple[str, int]]
    decided: int
    within_target: int
    target_days: int
    median: float | None
    p90: int | None

    @property
    def within_share(self) -> float | None:
        return self.within_target / self.decided if self.decided else None


def _percentile(distribution: list[tuple[int, int]], share: float) -> int | None:
    total = sum(n for _, n in distribution)
    if not total:
        return None
    threshold = share * total
    running = 0
    for days, n in distribution:  # one step per distinct number of days
        running += n
        if running >= threshold:
            return days
    return distribution[-1][0]


def decision_times(user, f: DashboardFilters) -> DecisionTimes:
    within = func.sum(case((HistoryCase.decision_days <= Council.assessment_target_days, 1), else_=0))
    rows = db.session.execute(
        select(HistoryCase.decision_days, func.count(), within)
        .select_from(HistoryCase)
        .join(Council, Council.id == HistoryCase.council_id)
        .where(*_where(user, f), HistoryCase.decision_days.is_not(None))
        .group_by(HistoryCase.decision_days)
        .order_by(HistoryCase.decision_days)
    ).all()
    distribution = [(int(d), int(n)) for d, n, _ in rows]
    decided = sum(n for _, n in distribution)
    within_target = sum(int(w or 0) for _, _, w in rows)
    targets = db.session.execute(
        select(Council.assessment_target_days, func.count())
        .select_from(HistoryCase)
        .join(Council, Council.id == HistoryCase.council_id)
        .where(*_where(user, f))
        .group_by(Council.assessment_target_days)
        .order_by(func.count().desc())
    ).first()
    buckets = []
    for low, high in DAY_BUCKETS:
        label = f"{low} to {high}" if high is not None else f"{low} or more"
        buckets.append((label, sum(n for d, n in distribution if d >= low and (high is None or d <= high))))
    median = _percentile(distribution, 0.5)
    return DecisionTimes(
        buckets=buckets,
        decided=decided,
        within_target=within_target,
        target_days=int(targets[0]) if targets else 20,
        median=median,
        p90=_percentile(distribution, 0.9),
    )


def confusion(user, f: DashboardFilters) -> dict[tuple[str, str], int]:
    """{(tool recommendation, officer's outcome): cases} for decided cases the tool scored."""
    rows = db.session.execute(
        select(HistoryCase.tool_recommendation, HistoryCase.outcome, func.count())
        .select_from(HistoryCase)
        .where(*_where(user, f), HistoryCase.outcome.is_not(None), HistoryCase.tool_recommendation.is_not(None))
        .group_by(HistoryCase.tool_recommendation, HistoryCase.outcome)
    ).all()
    return {(_v(t), _v(o)): n for t, o, n in rows}


@dataclass
class CalibrationBin:
    decile: int
    cases: int
    mean_probability: float
    observed: float

    @property
    def label(self) -> str:
        return f"{self.decile * 10}% to {self.decile * 10 + 9}%" if self.decile < 9 else "90% to 100%"


def calibration(user, f: DashboardFilters) -> list[CalibrationBin]:
    """Reliability bins: the tool's breach probability (by decile) against the share of decisions that named a
    Code paragraph."""
    rows = db.session.execute(
        select(
            HistoryCase.breach_decile,
            func.count(),
            func.avg(HistoryCase.breach_probability),
            func.avg(cast(HistoryCase.decision_breach, Integer)),
        )
        .select_from(HistoryCase)
        .where(
            *_where(user, f),
            HistoryCase.breach_decile.is_not(None),
            HistoryCase.decision_breach.is_not(None),
        )
        .group_by(HistoryCase.breach_decile)
        .order_by(HistoryCase.breach_decile)
    ).all()
    return [CalibrationBin(int(d), int(n), float(p or 0), float(o or 0)) for d, n, p, o in rows]


@dataclass
class RepeatSubjects:
    top: list[dict[str, Any]]
    subjects: int
    complaints: int


def repeat_subjects(user, f: DashboardFilters) -> RepeatSubjects:
    """Members complained about at least ``REPEAT_THRESHOLD`` times in the period (names from their latest case)."""
    counts = (
        select(
            HistoryCase.member_id.label("member_id"),
            func.count().label("complaints"),
            func.max(HistoryCase.received_on).label("latest"),
        )
        .where(*_where(user, f), HistoryCase.member_id.is_not(None))
        .group_by(HistoryCase.member_id)
        .having(func.count() >= REPEAT_THRESHOLD)
    ).subquery()
    top = [
        dict(r)
        for r in db.session.execute(
            select(counts)
            .order_by(counts.c.complaints.desc(), counts.c.latest.desc(), counts.c.member_id)
            .limit(TOP_REPEAT)
        ).mappings()
    ]
    subjects, complaints = db.session.execute(
        select(func.count(), func.coalesce(func.sum(counts.c.complaints), literal(0)))
    ).one()
    if top:
        latest = (
            select(Case.member_id, func.max(Case.id).label("case_id"))
            .where(Case.member_id.in_([r["member_id"] for r in top]))
            .group_by(Case.member_id)
            .subquery()
        )
        names = {
            member_id: (name, party)
            for member_id, name, party in db.session.execute(
                select(Case.member_id, Case.member_name, Case.member_party).join(latest, latest.c.case_id == Case.id)
            )
        }
        for row in top:
            row["name"], row["party"] = names.get(row["member_id"], ("", ""))
    return RepeatSubjects(top, int(subjects or 0), int(complaints or 0))


def totals(user, f: DashboardFilters) -> dict[str, int]:
    decided = func.sum(case((HistoryCase.outcome.is_not(None), 1), else_=0))
    row = db.session.execute(select(func.count(), decided).select_from(HistoryCase).where(*_where(user, f))).one()
    return {"cases": int(row[0] or 0), "decided": int(row[1] or 0)}


# --- caching -------------------------------------------------------------------------------------------------------


def visibility_key(user) -> tuple:
    """Users who see the same cases share cached aggregates (the case list's rule: analysts and unconflicted officers
    share one key)."""
    return history.visibility_key(user)


def cached(user, f: DashboardFilters, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from earlier at the same history version. The day is in the key because
    working days to decision and overdue cases count up to today."""
    return history_cache.remember(("dashboard", name, f.key, visibility_key(user), date.today()), compute)


def clear_cache() -> None:
    history_cache.clear()

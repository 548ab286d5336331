"""Derived tables behind case history: one row of facts per case, its tags, and the extra indexes the history list
and dashboard need (migration ``0004_search``).

``history_case`` holds what the list filters and the dashboard group by but that lives in child rows (the latest
decision and assessment, time to decision in working days, the date the case becomes overdue); ``history_tag`` holds
the many-valued facets (platforms of the posts, Code paragraphs of the decision). Both are derived: they are kept
current by ``triage.data.search`` in the same transaction as the change, and ``triage search reindex`` rebuilds them.

The full-text index itself (``history_search``: an FTS5 virtual table on SQLite, a table with a ``tsvector`` and a
GIN index on PostgreSQL) is dialect-specific DDL owned by the migration, not by this metadata. So that the
models-match-migrations check and ``flask db migrate`` do not propose dropping it, an Alembic comparator registered
below leaves the objects named ``history_search`` / ``history_search_*`` out of every autogenerate comparison.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from triage.models.base import Base, str_enum, utcnow
from triage.models.case import Case, Post
from triage.models.enums import CaseStatus, Jurisdiction, MemberRole, Outcome, Platform

#: The full-text index (FTS5 virtual table and its shadow tables, or the PostgreSQL tsvector table).
SEARCH_TABLE = "history_search"


class HistoryCase(Base):
    """Facts about one case, derived from its decision, assessment and posts, for filtering and aggregation."""

    __tablename__ = "history_case"
    __table_args__ = (
        Index("ix_history_case_outcome", "outcome"),
        Index("ix_history_case_tool_outcome", "tool_recommendation", "outcome"),
        Index("ix_history_case_overdue_from", "overdue_from"),
        Index("ix_history_case_breach_decile", "breach_decile"),
        Index("ix_history_case_received_on", "received_on"),
        Index("ix_history_case_sort_score", "sort_score", "case_id"),
        Index("ix_history_case_sort_days", "sort_days", "case_id"),
    )

    case_id: Mapped[int] = mapped_column(
        ForeignKey("case_record.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    # Copies of the case's own columns that the dashboard groups and filters by, so every aggregate reads this one
    # narrow table (kept current with the rest: any change to the case reindexes it).
    received_on: Mapped[date] = mapped_column(Date)
    council_id: Mapped[int] = mapped_column(Integer)
    jurisdiction: Mapped[Jurisdiction] = mapped_column(str_enum(Jurisdiction, "jurisdiction"))
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus, "case_status"))
    member_id: Mapped[int | None] = mapped_column(Integer)
    member_role: Mapped[MemberRole | None] = mapped_column(str_enum(MemberRole, "member_role"))
    #: The latest decision's outcome (None: not decided yet).
    outcome: Mapped[Outcome | None] = mapped_column(str_enum(Outcome, "outcome"))
    #: What the tool recommended: as recorded with the decision, else the latest assessment's recommendation.
    tool_recommendation: Mapped[Outcome | None] = mapped_column(str_enum(Outcome, "tool_recommendation"))
    #: Whether the officer's outcome equals the tool's recommendation (None until both exist).
    agrees: Mapped[bool | None] = mapped_column(Boolean)
    code_engaged_probability: Mapped[float | None] = mapped_column(Float)
    breach_probability: Mapped[float | None] = mapped_column(Float)
    #: floor(breach probability x 10), 0-9: the reliability bins and the score bands.
    breach_decile: Mapped[int | None] = mapped_column(Integer)
    #: The decision named at least one Code paragraph (the event the breach probability predicts).
    decision_breach: Mapped[bool | None] = mapped_column(Boolean)
    decided_on: Mapped[date | None] = mapped_column(Date)
    #: Working days from receipt to decision in the case's jurisdiction (bank holidays excluded).
    decision_days: Mapped[int | None] = mapped_column(Integer)
    #: While the working-day clock runs (received, initial assessment): the first day on which the case is overdue,
    #: the working day after the target-th working day. None once the clock has stopped.
    overdue_from: Mapped[date | None] = mapped_column(Date)
    primary_platform: Mapped[Platform | None] = mapped_column(str_enum(Platform, "platform"))
    #: The tags again, space-separated, so a page of the list needs no second query to show them.
    platforms: Mapped[str] = mapped_column(String(200), default="")
    paragraphs: Mapped[str] = mapped_column(String(1000), default="")
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    #: Sort keys that are never NULL (-1: not scored / not decided), so "highest score first" and "longest to
    #: decide first" walk an index the same way on SQLite and PostgreSQL.
    sort_score: Mapped[float] = mapped_column(Float, default=-1.0)
    sort_days: Mapped[int] = mapped_column(Integer, default=-1)
    indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HistoryTag(Base):
    """A many-valued facet of a case: ``platform`` (a post's platform) or ``paragraph`` (``<code>:<paragraph>``)."""

    __tablename__ = "history_tag"
    __table_args__ = (Index("ix_history_tag_kind_value", "kind", "value", "case_id"),)

    case_id: Mapped[int] = mapped_column(
        ForeignKey("case_record.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(100), primary_key=True)


class HistoryState(Base):
    """One row: a number that goes up with every committed change the case history shows (cases, posts,
    assessments, decisions, conflicts, referrals, councils), so each worker can tell whether its cached pages are
    still current with one primary-key read (``triage.data.history_cache``). ``epoch`` is random per database, so
    two databases (or a restored backup of another one) never share cache keys."""

    __tablename__ = "history_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    epoch: Mapped[str] = mapped_column(String(32))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# Extra indexes on tables owned by other modules, used by the history list, the dashboard and retention.
# Declared here so the ORM metadata matches migration 0004 (creating an Index with columns attaches it to the table).
HISTORY_INDEXES = (
    Index("ix_case_record_received_on_id", Case.__table__.c.received_on, Case.__table__.c.id),
    Index("ix_case_record_jurisdiction_received", Case.__table__.c.jurisdiction, Case.__table__.c.received_on),
    Index("ix_case_record_member_role", Case.__table__.c.member_role),
    Index("ix_case_record_member_party", Case.__table__.c.member_party),
    Index("ix_case_record_closed_on", Case.__table__.c.closed_on),
    Index("ix_post_case_position", Post.__table__.c.case_id, Post.__table__.c.position),
)


def _is_search_object(name: str | None) -> bool:
    return bool(name) and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_"))


def _register_autogenerate_filter() -> None:
    """Leave the migration-owned full-text objects out of Alembic's model/database comparison."""
    try:
        from alembic.autogenerate import comparators
        from alembic.operations import ops
        from alembic.util import DispatchPriority, PriorityDispatchResult
    except ImportError:  # pragma: no cover - Alembic < 1.18 has no priority dispatch
        return

    def _table_name(op) -> str | None:
        return getattr(op, "table_name", None)

    def _drop_search_objects(autogen_context, upgrade_ops):
        kept = []
        for op in upgrade_ops.ops:
            if isinstance(op, ops.DropTableOp | ops.CreateTableOp | ops.ModifyTableOps) and _is_search_object(
                _table_name(op)
            ):
                continue
            kept.append(op)
        upgrade_ops.ops[:] = kept
        return PriorityDispatchResult.CONTINUE

    if not getattr(comparators, "_triage_history_filter", False):
        comparators.dispatch_for("autogenerate", priority=DispatchPriority.LAST)(_drop_search_objects)
        comparators._triage_history_filter = True


_register_autogenerate_filter()

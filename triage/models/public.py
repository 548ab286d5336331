"""A complaint sent by a member of the public through the online form, before an officer has looked at it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from triage.models.base import Base, utcnow


class PublicSubmission(Base):
    """What the complainant wrote, kept exactly as they wrote it (``data``) and apart from anything the officer later
    answers. It is never a case by itself: an officer accepts it (it becomes an intake draft, then a case with the
    working-day clock starting on ``submitted_at``), merges it into an existing case, or rejects it as out of scope.

    ``status``: ``in_progress`` (being filled in; the browser holds the random ``token``), ``submitted``,
    ``accepted``, ``merged`` or ``rejected``."""

    __tablename__ = "public_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Shown to the complainant and quoted in emails; random, so one reference says nothing about another.
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    #: SHA-256 of the random token in the complainant's session: whoever holds the session can continue the form.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="in_progress", index=True)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    #: What the tool inferred from the words at submission: {"answers": {...}, "urgent": [{"kind", "title"}]}.
    inferred: Mapped[dict] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("intake_draft.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_record.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str] = mapped_column(Text, default="")


def posts_of(data: dict | None) -> list[dict]:
    """The posts in a submission's (or an intake draft's) ``data``, in the order added. Forms started before more
    than one post could be added kept a single ``post``."""
    data = data or {}
    if "posts" in data:
        return [post for post in data.get("posts") or [] if isinstance(post, dict)]
    return [data["post"]] if isinstance(data.get("post"), dict) else []

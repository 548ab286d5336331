"""A complaint being logged: every step saves here, so nothing typed is lost to an error or an expired session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from triage.models.base import Base, utcnow


class IntakeDraft(Base):
    __tablename__ = "intake_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random public id used in URLs, so draft numbers cannot be guessed or enumerated.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    last_step: Mapped[str] = mapped_column(String(40), default="")
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_record.id"))  # set once the case is created
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    user = relationship("User")


class KeptForm(Base):
    """What someone typed into a form that could not be saved because their session had expired or the form's
    security token was stale: kept server-side (never in a URL) and put back into the same form after they sign in.

    A row is bound to a user when the app knew who it was; otherwise it is claimed at the next sign-in in the same
    browser (the browser holds only a random token whose hash is stored here). Rows expire after a few hours and are
    deleted once restored."""

    __tablename__ = "kept_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(500))
    fields: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

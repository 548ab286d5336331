"""Append-only audit log. Each entry is MAC'd with a key kept outside the database over its contents and the previous
entry's MAC, so edits, insertions and reordering made outside the app are detectable; signed checkpoints kept outside
the database detect deletion of the tail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from triage.models.base import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor: Mapped[str] = mapped_column(String(254), default="")  # email or "system"/"cli", kept if the user is removed
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: entries outlive disposed cases
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64))
    #: Position in the chain, 1, 2, 3 ... with no gaps: given under the chain-head lock, unique so a fork cannot be
    #: stored, and what checkpoints and gap checks count by.
    seq: Mapped[int | None] = mapped_column(Integer, unique=True)
    #: How ``hash`` was made: "hmac" (keyed with the audit key) or "sha256" (entries written before the key existed).
    scheme: Mapped[str] = mapped_column(String(10), default="hmac", server_default="sha256")


class AuditHead(Base):
    """The one row that holds the end of the chain. Appending locks it (``SELECT ... FOR UPDATE`` on PostgreSQL;
    SQLite transactions begin IMMEDIATE), so concurrent appends queue up instead of forking the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")

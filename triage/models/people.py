"""People: staff who use the tool, members complained about, and complainants."""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from triage.models.base import Base, TimestampMixin, str_enum
from triage.models.enums import ComplainantKind, MemberRole, Role


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Bumped to end every session of this user (disable, password change).
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_epoch}"


class Member(TimestampMixin, Base):
    """A member on the council's register (elected, parish or co-opted)."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    party: Mapped[str] = mapped_column(String(120), default="")
    ward: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[MemberRole] = mapped_column(str_enum(MemberRole, "member_role"), default=MemberRole.COUNCILLOR)
    body: Mapped[str] = mapped_column(String(200), default="")  # e.g. the parish council, when not the principal
    email: Mapped[str] = mapped_column(String(254), default="")
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)

    council = relationship("Council")

    def in_office_on(self, day: date) -> bool | None:
        if self.term_start is None and self.term_end is None:
            return None
        if self.term_start and day < self.term_start:
            return False
        return not (self.term_end and day > self.term_end)


class Complainant(TimestampMixin, Base):
    __tablename__ = "complainant"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ComplainantKind] = mapped_column(str_enum(ComplainantKind, "complainant_kind"))
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    confidentiality_requested: Mapped[bool] = mapped_column(Boolean, default=False)

"""Councils and the Codes of Conduct they adopt, stored as data so each council's own wording can be loaded."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from triage.models.base import Base, TimestampMixin, str_enum
from triage.models.enums import Jurisdiction


class CodeOfConduct(TimestampMixin, Base):
    """One version of a Code. A revised Code is stored as the next version; older versions stay, because a case
    is assessed, decided and written up under the version that was in force when it was logged."""

    __tablename__ = "code_of_conduct"
    __table_args__ = (UniqueConstraint("slug", "version", name="uq_code_of_conduct_slug_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    title: Mapped[str] = mapped_column(String(200))
    jurisdiction: Mapped[Jurisdiction] = mapped_column(str_enum(Jurisdiction, "jurisdiction"))
    source_note: Mapped[str] = mapped_column(Text, default="")
    adopted_by_note: Mapped[str] = mapped_column(Text, default="")
    # Whether the paragraph text is a paraphrase (shipped Codes) or the adopted wording (a council's own file).
    paraphrase: Mapped[bool] = mapped_column(Boolean, default=True)
    in_force_from: Mapped[str | None] = mapped_column(String(10))
    paragraphs: Mapped[list[CodeParagraph]] = relationship(
        back_populates="code", cascade="all, delete-orphan", order_by="CodeParagraph.position"
    )


class CodeParagraph(Base):
    __tablename__ = "code_paragraph"
    __table_args__ = (UniqueConstraint("code_id", "ref", name="uq_code_paragraph_code_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("code_of_conduct.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    heading: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(40))
    question_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    applies_at_any_time: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whom the paragraph protects (e.g. officers); empty means anyone.
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)

    code: Mapped[CodeOfConduct] = relationship(back_populates="paragraphs")


class Council(TimestampMixin, Base):
    __tablename__ = "council"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    jurisdiction: Mapped[Jurisdiction] = mapped_column(str_enum(Jurisdiction, "jurisdiction"))
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code_of_conduct.id"))
    # Working-day targets: a decision on initial assessment, and acknowledging the complaint.
    assessment_target_days: Mapped[int] = mapped_column(Integer, default=20)
    acknowledgement_target_days: Mapped[int] = mapped_column(Integer, default=5)
    # Months after closure before a case is due for disposal (UK GDPR storage limitation).
    retention_months: Mapped[int] = mapped_column(Integer, default=72)

    code: Mapped[CodeOfConduct | None] = relationship()

"""A complaint (case) and everything recorded about it: posts, screenshots, answers, assessments, decisions, notes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from triage.models.base import Base, TimestampMixin, str_enum, utcnow
from triage.models.enums import (
    AccountKind,
    CaseStatus,
    Direction,
    DocumentKind,
    Finding,
    Interaction,
    Jurisdiction,
    MemberRole,
    NoteKind,
    Outcome,
    Platform,
    PostAuthor,
    ReceivedVia,
    Tristate,
    Visibility,
)


class ReferenceCounter(Base):
    """Last case number issued per year, so references are gap-free and never reused."""

    __tablename__ = "reference_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Case(TimestampMixin, Base):
    __tablename__ = "case_record"
    __table_args__ = (
        Index("ix_case_record_status_received", "status", "received_on"),
        Index("ix_case_record_council_received", "council_id", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    #: SHA-256 of the case file a case was imported from (canonical JSON), so importing the same file again finds
    #: it instead of adding a duplicate. Empty for cases logged in the app.
    source_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus, "case_status"), default=CaseStatus.RECEIVED)
    jurisdiction: Mapped[Jurisdiction] = mapped_column(str_enum(Jurisdiction, "jurisdiction"))
    code_slug: Mapped[str] = mapped_column(String(80))
    # The version of that Code in force when the case was logged; the case is assessed and decided under it.
    code_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    received_on: Mapped[date] = mapped_column(Date)
    received_via: Mapped[ReceivedVia | None] = mapped_column(str_enum(ReceivedVia, "received_via"))
    complainant_id: Mapped[int | None] = mapped_column(ForeignKey("complainant.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)
    # What the register did not record, captured as at the time of the conduct.
    member_name: Mapped[str] = mapped_column(String(200))
    member_party: Mapped[str] = mapped_column(String(120), default="")
    member_role: Mapped[MemberRole | None] = mapped_column(str_enum(MemberRole, "member_role"))
    member_in_office: Mapped[Tristate] = mapped_column(str_enum(Tristate, "tristate"), default=Tristate.UNKNOWN)
    assigned_officer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # When the complainant learned of the post: the time limit runs from here, as a discretion.
    complainant_learned_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    # Why the case is paused or what information was sought (shown with the status); empty otherwise.
    status_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The status a paused case returns to when it resumes.
    resume_status: Mapped[CaseStatus | None] = mapped_column(str_enum(CaseStatus, "resume_status"))
    # The assessment clock stops while paused (and, if the council says so, while information is sought): the date it
    # stopped, and the working days it has been stopped before.
    clock_stopped_since: Mapped[date | None] = mapped_column(Date)
    clock_stopped_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    investigator: Mapped[str] = mapped_column(String(200), default="", server_default="")
    investigation_finding: Mapped[Finding | None] = mapped_column(str_enum(Finding, "investigation_finding"))
    # Optimistic locking: a stale write raises StaleDataError instead of silently overwriting.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    council = relationship("Council")
    complainant = relationship("Complainant")
    member = relationship("Member")
    assigned_officer = relationship("User")
    posts: Mapped[list[Post]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Post.position"
    )
    answers: Mapped[list[Answer]] = relationship(back_populates="case", cascade="all, delete-orphan")
    urgent_reviews: Mapped[list[UrgentReview]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="UrgentReview.recorded_at"
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Assessment.created_at"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Decision.decided_at"
    )
    consultations: Mapped[list[Consultation]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Consultation.consulted_on"
    )
    hearings: Mapped[list[Hearing]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Hearing.held_on"
    )
    publications: Mapped[list[Publication]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Publication.version"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Note.created_at"
    )
    documents: Mapped[list[CaseDocument]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseDocument.occurred_on"
    )
    #: Read-only here: referrals are written by ``services.referrals``; notes list them among the steps taken.
    referrals: Mapped[list[CaseReferral]] = relationship(viewonly=True, order_by="CaseReferral.referred_at")

    @property
    def latest_assessment(self) -> Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def latest_decision(self) -> Decision | None:
        return self.decisions[-1] if self.decisions else None

    @property
    def confirmed_removals(self) -> list[str]:
        """The words and phrases the officer confirmed for removal when last approving a published notice: third
        parties, addresses, children, health details. Notes, letters and anonymised exports remove them too."""
        return list(self.publications[-1].removals or []) if self.publications else []

    def answer_map(self) -> dict[str, str]:
        return {a.question_id: a.value for a in self.answers}


class Post(Base):
    """One piece of online content complained about (or a third party's comment on the member's page)."""

    __tablename__ = "post"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    # Normalised text fingerprint: finds the same post complained about in several cases.
    text_fingerprint: Mapped[str] = mapped_column(String(64), index=True, default="")
    url: Mapped[str] = mapped_column(String(2000), default="")
    platform: Mapped[Platform | None] = mapped_column(str_enum(Platform, "platform"))
    posted_on: Mapped[date | None] = mapped_column(Date)
    author: Mapped[PostAuthor] = mapped_column(str_enum(PostAuthor, "post_author"), default=PostAuthor.SUBJECT_MEMBER)
    account_kind: Mapped[AccountKind] = mapped_column(
        str_enum(AccountKind, "account_kind"), default=AccountKind.UNKNOWN
    )
    visibility: Mapped[Visibility] = mapped_column(str_enum(Visibility, "visibility"), default=Visibility.UNKNOWN)
    interaction: Mapped[Interaction] = mapped_column(
        str_enum(Interaction, "interaction"), default=Interaction.ORIGINAL_POST
    )
    removed: Mapped[Tristate] = mapped_column(str_enum(Tristate, "tristate"), default=Tristate.UNKNOWN)

    case: Mapped[Case] = relationship(back_populates="posts")
    screenshots: Mapped[list[Screenshot]] = relationship(back_populates="post", cascade="all, delete-orphan")


class Screenshot(Base):
    """A re-encoded image stored outside the web root under its SHA-256."""

    __tablename__ = "screenshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    original_filename: Mapped[str] = mapped_column(String(255), default="")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    post: Mapped[Post] = relationship(back_populates="screenshots")


class Answer(Base):
    """The officer's answer to one structured question; prefilled answers say why."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("case_id", "question_id", name="uq_answer_case_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(40))
    prefilled: Mapped[bool] = mapped_column(Boolean, default=False)
    prefill_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    case: Mapped[Case] = relationship(back_populates="answers")


class UrgentReview(Base):
    """The officer's record of why an urgent flag read from the words does not apply (a joke, a quotation...).

    Until one exists for a kind of flag, the scorer will not suggest no further action; one review per kind."""

    __tablename__ = "urgent_review"
    __table_args__ = (UniqueConstraint("case_id", "kind", name="uq_urgent_review_case_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="urgent_reviews")
    recorded_by = relationship("User")


class Assessment(Base):
    """One run of the scorer, kept whole so the note can show exactly what the tool said and with which model."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    case_version: Mapped[int] = mapped_column(Integer)
    model_version: Mapped[str] = mapped_column(String(120))
    code_engaged_probability: Mapped[float] = mapped_column(Float)
    breach_probability: Mapped[float] = mapped_column(Float)
    recommendation: Mapped[Outcome] = mapped_column(str_enum(Outcome, "outcome"), index=True)
    result: Mapped[dict] = mapped_column(JSON)

    case: Mapped[Case] = relationship(back_populates="assessments")
    created_by = relationship("User")


class Decision(Base):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[Outcome] = mapped_column(str_enum(Outcome, "outcome"), index=True)
    paragraphs: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons: Mapped[str] = mapped_column(Text)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    tool_recommendation: Mapped[Outcome | None] = mapped_column(str_enum(Outcome, "tool_recommendation"))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    #: Set when this decision reviews (and supersedes) the one before it: why it was reviewed.
    review_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="decisions")
    decided_by = relationship("User")

    @property
    def agrees_with_tool(self) -> bool | None:
        return None if self.tool_recommendation is None else self.outcome == self.tool_recommendation


class Consultation(Base):
    """An Independent Person's views on a case (Localism Act 2011 s.28(7))."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    independent_person_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    independent_person_name: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(40), default="assessment")
    consulted_on: Mapped[date] = mapped_column(Date)
    views: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="consultations")


class Note(Base):
    """A generated PDF (assessment note or letter): stored by hash with the case version it reflects."""

    __tablename__ = "note"
    __table_args__ = (UniqueConstraint("case_id", "kind", "version", name="uq_note_case_kind_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NoteKind] = mapped_column(str_enum(NoteKind, "note_kind"))
    version: Mapped[int] = mapped_column(Integer)
    case_version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    case: Mapped[Case] = relationship(back_populates="notes")


class Hearing(Base):
    """A standards panel hearing on an investigated complaint: who sat, the finding on each paragraph, the sanction
    and the reasons. Recorded by a panel member the case was referred to, or by an officer."""

    __tablename__ = "hearing"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    panel: Mapped[str] = mapped_column(Text)
    #: {paragraph id: "breach" | "no_breach"}
    findings: Mapped[dict] = mapped_column(JSON, default=dict)
    sanction: Mapped[str] = mapped_column(String(200), default="")
    reasons: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="hearings")

    @property
    def breach_found(self) -> bool:
        return any(v == "breach" for v in (self.findings or {}).values())


class CaseDocument(Base):
    """Correspondence and documents on a case: a letter, email or call logged, and the complaint form, the member's
    response or the investigator's report, with the file stored outside the web root under its SHA-256."""

    __tablename__ = "case_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind, "document_kind"))
    direction: Mapped[Direction] = mapped_column(str_enum(Direction, "document_direction"))
    occurred_on: Mapped[date] = mapped_column(Date)
    correspondent: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str | None] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(60), default="")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    original_filename: Mapped[str] = mapped_column(String(255), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="documents")
    recorded_by = relationship("User")


class Publication(Base):
    """A decision notice approved for the council's website: the officer's choices (whether to name the member,
    what to remove) and the redacted page and PDF made from them. Nothing removed survives in either."""

    __tablename__ = "publication"
    __table_args__ = (UniqueConstraint("case_id", "version", name="uq_publication_case_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"))
    version: Mapped[int] = mapped_column(Integer)
    name_member: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Words and phrases the officer confirmed or added for removal, as typed.
    removals: Mapped[list[str]] = mapped_column(JSON, default=list)
    html: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    case: Mapped[Case] = relationship(back_populates="publications")


class CaseConflict(Base):
    """An officer's declared conflict of interest: they can no longer see or act on the case."""

    __tablename__ = "case_conflict"
    __table_args__ = (UniqueConstraint("case_id", "user_id", name="uq_case_conflict_case_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseReferral(Base):
    """Gives a panel member or Independent Person read access to one case."""

    __tablename__ = "case_referral"
    __table_args__ = (UniqueConstraint("case_id", "user_id", name="uq_case_referral_case_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    referred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: Why: "consultation" (an Independent Person's views) or "hearing" (a standards panel).
    purpose: Mapped[str] = mapped_column(String(20), default="consultation", server_default="consultation")
    message: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: A withdrawn referral ends the person's access at once; the row stays for the record.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    user = relationship("User", foreign_keys=[user_id])

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

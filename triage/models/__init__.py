"""Typed SQLAlchemy 2 models. Only `triage.data` queries them; views go through that layer."""

from triage.models.audit import AuditEntry, AuditHead
from triage.models.base import Base
from triage.models.case import (
    Answer,
    Assessment,
    Case,
    CaseConflict,
    CaseDocument,
    CaseReferral,
    Consultation,
    Decision,
    Hearing,
    Note,
    Post,
    Publication,
    ReferenceCounter,
    Screenshot,
    UrgentReview,
)
from triage.models.council import CodeOfConduct, CodeParagraph, Council
from triage.models.intake import IntakeDraft, KeptForm
from triage.models.people import Complainant, Member, User
from triage.models.public import PublicSubmission
from triage.models.saved_search import SavedSearch
from triage.models.search import HistoryCase, HistoryState, HistoryTag
from triage.models.security import ApiToken, MfaCredential, PasswordResetToken, RecoveryCode, UserSession

__all__ = [
    "Answer",
    "ApiToken",
    "Assessment",
    "AuditEntry",
    "AuditHead",
    "Base",
    "Case",
    "CaseConflict",
    "CaseDocument",
    "CaseReferral",
    "UrgentReview",
    "CodeOfConduct",
    "CodeParagraph",
    "Complainant",
    "Consultation",
    "Council",
    "Decision",
    "Hearing",
    "HistoryCase",
    "HistoryState",
    "HistoryTag",
    "IntakeDraft",
    "KeptForm",
    "Member",
    "MfaCredential",
    "Note",
    "PasswordResetToken",
    "Post",
    "Publication",
    "PublicSubmission",
    "RecoveryCode",
    "ReferenceCounter",
    "SavedSearch",
    "Screenshot",
    "User",
    "UserSession",
]

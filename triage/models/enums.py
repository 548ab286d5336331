"""The vocabularies the models store; they and their labels live in :mod:`triage.vocabulary`."""

from __future__ import annotations

from triage.vocabulary import (
    AccountKind,
    CaseStatus,
    ComplainantKind,
    ConsultationStage,
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
    Role,
    Tristate,
    Visibility,
)

__all__ = [
    "AccountKind",
    "CaseStatus",
    "ComplainantKind",
    "ConsultationStage",
    "Direction",
    "DocumentKind",
    "Finding",
    "Interaction",
    "Jurisdiction",
    "MemberRole",
    "NoteKind",
    "Outcome",
    "Platform",
    "PostAuthor",
    "ReceivedVia",
    "Role",
    "Tristate",
    "Visibility",
]

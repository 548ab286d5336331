"""Small shared types for the scorer: the text-model protocol, sources, reasons and the assessment result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

#: Labels the text classifiers score (mirrors ``triage.scoring.text.LABELS``).
TEXT_LABELS: tuple[str, ...] = ("offensive", "personal_attack", "council_business")

RECOMMENDATIONS: tuple[str, ...] = ("no_further_action", "informal_resolution", "investigation", "police_referral")

STAGES: tuple[str, ...] = (
    "jurisdiction",
    "capacity",
    "breach",
    "article10",
    "public_interest",
    "flag",
    "model",
    "text",
)


@runtime_checkable
class TextModelsLike(Protocol):
    """What the scorer needs from the text classifiers (``triage.scoring.text.TextModels``)."""

    version: str

    def score(self, texts: Sequence[str]) -> dict[str, np.ndarray]: ...

    def score_one(self, text: str) -> dict[str, float]: ...

    def evidence(self, text: str, label: str, k: int = 5) -> list[tuple[str, float]]: ...


@dataclass(frozen=True)
class Reason:
    """One line of the explanation: a rule that fired, a model contribution, an override or text evidence.

    ``weight``, when present, is a log-odds contribution (coefficient x value) towards the recommendation given.
    """

    id: str
    text: str
    effect: str
    source: str
    stage: str
    weight: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        return cls(
            id=str(data.get("id", "")),
            text=str(data.get("text", "")),
            effect=str(data.get("effect", "")),
            source=str(data.get("source", "")),
            stage=str(data.get("stage", "")),
            weight=data.get("weight"),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "effect": self.effect,
            "source": self.source,
            "stage": self.stage,
        }
        if self.weight is not None:
            out["weight"] = round(float(self.weight), 4)
        return out


@dataclass
class Assessment:
    reference: str | None
    code: str
    code_engaged_probability: float
    breach_probability: float
    paragraphs: list[dict[str, Any]]
    article10: dict[str, Any]
    public_interest: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    recommendation: str
    recommendation_probabilities: dict[str, float]
    reasons: list[Reason]
    model_version: dict[str, str]
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    text_scores: dict[str, Any] = field(default_factory=dict)
    overrides: list[str] = field(default_factory=list)
    #: "assessed", or "needs_information" when the readings over the open questions disagree.
    status: str = "assessed"
    #: Urgent flags read from the words: id, kind, title, text, source, post, action, phrase, reviewed.
    urgent: list[dict[str, Any]] = field(default_factory=list)
    #: The unanswered questions that would change the outcome most, with the outcome under each answer.
    open_questions: list[dict[str, Any]] = field(default_factory=list)
    #: Is the post the member's own: value (yes / no / unknown), origin and why.
    authorship: dict[str, str] = field(default_factory=dict)
    refer_probability: float = 0.0
    #: P(yes) the evidence gives each unanswered decisive question, with the evidence terms.
    estimates: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        """A stored result (``to_dict()``, as kept on each assessment row) back as the typed result."""
        return cls(
            reference=data.get("reference"),
            code=str(data.get("code", "")),
            code_engaged_probability=float(data.get("code_engaged_probability") or 0.0),
            breach_probability=float(data.get("breach_probability") or 0.0),
            paragraphs=list(data.get("paragraphs") or []),
            article10=dict(data.get("article10") or {}),
            public_interest=list(data.get("public_interest") or []),
            flags=list(data.get("flags") or []),
            recommendation=str(data.get("recommendation", "")),
            recommendation_probabilities={
                k: float(v) for k, v in (data.get("recommendation_probabilities") or {}).items()
            },
            reasons=[Reason.from_dict(r) for r in data.get("reasons") or []],
            model_version=dict(data.get("model_version") or {}),
            answers=dict(data.get("answers") or {}),
            text_scores=dict(data.get("text_scores") or {}),
            overrides=list(data.get("overrides") or []),
            status=str(data.get("status") or "assessed"),
            urgent=list(data.get("urgent") or []),
            open_questions=list(data.get("open_questions") or []),
            authorship=dict(data.get("authorship") or {}),
            refer_probability=float(data.get("refer_probability") or 0.0),
            estimates=dict(data.get("estimates") or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "code": self.code,
            "code_engaged_probability": round(self.code_engaged_probability, 4),
            "breach_probability": round(self.breach_probability, 4),
            "paragraphs": self.paragraphs,
            "article10": self.article10,
            "public_interest": self.public_interest,
            "flags": self.flags,
            "recommendation": self.recommendation,
            "recommendation_probabilities": {k: round(v, 4) for k, v in self.recommendation_probabilities.items()},
            "reasons": [r.to_dict() for r in self.reasons],
            "overrides": list(self.overrides),
            "status": self.status,
            "urgent": self.urgent,
            "open_questions": self.open_questions,
            "authorship": self.authorship,
            "refer_probability": round(self.refer_probability, 4),
            "estimates": self.estimates,
            "answers": self.answers,
            "text_scores": self.text_scores,
            "model_version": self.model_version,
        }

"""One reading of a scored result for people.

The case page, the assessment note and the API's words all take the tool's view from ``AssessmentView``, so one
result is worded one way everywhere: the outcome's label, whether more information is needed, whether the Code
applies (and what that depends on), authorship, Article 10, the open questions and the urgent flags. Templates place
these sentences; they never word a result themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from triage import vocabulary
from triage.formatting import percent
from triage.scoring import plain
from triage.scoring.questions import QUESTIONS

#: The questions that bear on each stage of the reasoning, for "depends on …".
STAGE_QUESTIONS: dict[str, set[str]] = {
    "capacity": {q.id for q in QUESTIONS if q.group == "capacity"} | {"authorship"},
    "content": {q.id for q in QUESTIONS if q.group == "content"},
    "article10": {q.id for q in QUESTIONS if q.group == "article10"},
    "public_interest": {q.id for q in QUESTIONS if q.group == "public_interest"},
}


#: Each outcome the tool can suggest, in words (the one home is the vocabulary).
OUTCOME_WORDS: dict[str, str] = {o.value: o.label for o in vocabulary.Outcome}


def depends_on(open_questions: list[dict], stage: str) -> str:
    """'the answer to: whether …' for the first open question that bears on ``stage``, or ''."""
    for q in open_questions:
        if q.get("id") in STAGE_QUESTIONS[stage]:
            text = str(q.get("question", "")).rstrip("?")
            return "the answer to: " + text[:1].lower() + text[1:] if text else ""
    return ""


@dataclass(frozen=True)
class OutcomeChance:
    outcome: str
    label: str
    probability: float
    percent: str


@dataclass(frozen=True)
class AssessmentView:
    recommendation: str
    recommendation_label: str
    needs_information: bool
    #: "More information needed" or "Assessed on what is known".
    status_label: str
    status_sentence: str
    engaged_sentence: str
    authorship_sentence: str
    article10_sentence: str
    code_engaged_probability: float | None
    breach_probability: float | None
    code_engaged_percent: str
    breach_percent: str
    #: Most likely first.
    outcome_chances: tuple[OutcomeChance, ...]
    #: Each: id, question, effect (the outcome under each answer), ask (who can answer).
    open_questions: tuple[dict[str, str], ...]
    #: The urgent flags read from the words, as the scorer gave them (title, text, action, phrase, reviewed …).
    urgent: tuple[dict[str, Any], ...]

    @classmethod
    def of(cls, result: Mapping[str, Any] | None) -> AssessmentView | None:
        if not result:
            return None
        open_questions = list(result.get("open_questions") or [])
        chances = sorted(
            (
                OutcomeChance(k, OUTCOME_WORDS.get(k, k), float(v), percent(v))
                for k, v in (result.get("recommendation_probabilities") or {}).items()
            ),
            key=lambda c: -c.probability,
        )
        status = str(result.get("status") or "assessed")
        return cls(
            recommendation=str(result.get("recommendation") or ""),
            recommendation_label=OUTCOME_WORDS.get(str(result.get("recommendation") or ""), ""),
            needs_information=status == "needs_information",
            status_label=plain.STATUS_WORDS.get(status, plain.STATUS_WORDS["assessed"]),
            status_sentence=plain.status_sentence(result, OUTCOME_WORDS),
            engaged_sentence=plain.engaged_sentence(
                result.get("code_engaged_probability"), depends_on(open_questions, "capacity")
            ),
            authorship_sentence=plain.authorship_sentence(result) if result.get("authorship") else "",
            article10_sentence=plain.article10_sentence(result) if result.get("article10") else "",
            code_engaged_probability=result.get("code_engaged_probability"),
            breach_probability=result.get("breach_probability"),
            code_engaged_percent=percent(result.get("code_engaged_probability")),
            breach_percent=percent(result.get("breach_probability")),
            outcome_chances=tuple(chances),
            open_questions=tuple(plain.open_question_lines(result, OUTCOME_WORDS)),
            urgent=tuple(result.get("urgent") or ()),
        )

    def to_dict(self) -> dict[str, Any]:
        """The words, for the API's readers (people's words; the machine-readable result sits beside them)."""
        out = asdict(self)
        out["outcome_chances"] = [asdict(c) for c in self.outcome_chances]
        out["open_questions"] = [dict(q) for q in self.open_questions]
        out["urgent"] = [
            {k: u.get(k) for k in ("title", "text", "action") if u.get(k) is not None} for u in self.urgent
        ]
        return out

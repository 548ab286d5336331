"""The scorer's uncertainty in words for people: who to ask, what each answer would lead to, and the status.

Used by the case page, the assessment note and ``triage assess``'s readers alike, so the same result is worded the
same way everywhere. Outcome names come from the caller's own labels (one home for each label).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Who can answer an open question, as a phrase.
ASK_WORDS: dict[str, str] = {
    "member": "the member",
    "complainant": "the complainant",
    "platform": "the platform",
    "officer": "the officer, from the post and the council's own records",
}

STATUS_WORDS: dict[str, str] = {
    "assessed": "Assessed on what is known",
    "needs_information": "More information needed",
}


def who_to_ask(ask: list[str] | tuple[str, ...]) -> str:
    words = [ASK_WORDS.get(a, a) for a in ask] or [ASK_WORDS["officer"]]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def open_question_lines(result: Mapping[str, Any], labels: Mapping[str, str]) -> list[dict[str, str]]:
    """Each open question as a sentence pair: the question, and the outcome under each answer."""
    out = []
    for q in result.get("open_questions") or []:
        rec = q.get("recommendation") or {}
        yes, no = labels.get(rec.get("yes", ""), rec.get("yes", "")), labels.get(rec.get("no", ""), rec.get("no", ""))
        if yes == no:
            effect = f"Either way the tool would suggest {yes.lower()}, but the answer changes how likely that is."
        else:
            effect = f"If yes, the tool would suggest {yes.lower()}; if no, {no.lower()}."
        out.append(
            {
                "id": q.get("id", ""),
                "question": q.get("question", ""),
                "effect": effect,
                "ask": f"Who can answer it: {who_to_ask(q.get('ask') or [])}.",
            }
        )
    return out


def status_sentence(result: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    rec = labels.get(result.get("recommendation", ""), result.get("recommendation", ""))
    if result.get("status") == "needs_information":
        return (
            f"More information needed. On what is known now the tool leans towards {rec.lower()}, but the answers "
            "below would change that. Ask for them before deciding."
        )
    return f"On what is known, the tool suggests {rec.lower()}."


def authorship_sentence(result: Mapping[str, Any]) -> str:
    auth = result.get("authorship") or {}
    value = auth.get("value")
    if value == "yes":
        if auth.get("origin") == "officer":
            return "It is recorded that the post is the member's own."
        return f"The post is taken to be the member's own: {auth.get('why')}."
    if value == "no":
        return "It is recorded that the post is not the member's own."
    return f"Authorship is not yet confirmed: {auth.get('why') or 'confirm that the post is the member’s own'}."


def article10_sentence(result: Mapping[str, Any]) -> str:
    """The tool's Article 10 view in one sentence, worded the same on the case page and in the note."""
    article10 = result.get("article10") or {}
    protected = article10.get("protected")
    level = str(article10.get("level") or "").replace("_", " ")
    if protected is True:
        return "The posts look like expression that Article 10 protects" + (f" ({level} protection)." if level else ".")
    if protected is False:
        return "The posts look unlikely to have Article 10's enhanced protection."
    return "It is not yet clear how much protection Article 10 gives the posts."


def engaged_sentence(probability: float | None, depends_on: str = "") -> str:
    """Whether the Code applies, in words ('likely', 'unlikely', or what it depends on)."""
    p = probability if probability is not None else 0.5
    if p >= 0.8:
        return "The Code is likely to apply."
    if p <= 0.2:
        return "The Code is unlikely to apply."
    return (
        f"Whether the Code applies depends on {depends_on}." if depends_on else "Whether the Code applies is unclear."
    )

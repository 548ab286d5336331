"""Text evidence as reasons an officer can read and check: the phrases behind a high abuse score."""

from __future__ import annotations

from triage.scoring.analysis import Analysis
from triage.scoring.features import TEXT_HIGH
from triage.scoring.types import Reason, TextModelsLike

TEXT_SOURCE = "Text classifiers trained on public labelled posts"
LABEL_NAMES = {"offensive": "offensive", "personal_attack": "personal attack", "council_business": "council business"}


def signed(value: float) -> str:
    return f"{value:+.2f}"


def text_evidence(analysis: Analysis, text_models: TextModelsLike | None, k: int = 5) -> list[Reason]:
    """The strongest text evidence: the n-grams behind the highest abuse score over the member's posts (and behind
    the council-business score when the rules used it), plus a note on third-party content.

    Only the strongest abuse label gets n-grams (one ``evidence`` call per case keeps ``assess`` fast); the other
    label's score is still stated.
    """
    summary = analysis.facts.text
    if text_models is None or not summary.available:
        return []
    posts = analysis.facts.case.get("posts", [])
    labels = [max(("offensive", "personal_attack"), key=lambda lb: summary.member_max[lb])]
    if any(r.id == "CAP-TEXT-COUNCIL-BUSINESS" for r in analysis.fired):
        labels.append("council_business")
    out = []
    for label in labels:
        score, i = summary.member_max[label], summary.member_argmax[label]
        if score < TEXT_HIGH or i < 0:
            continue
        grams = [(g, w) for g, w in text_models.evidence(posts[i].get("text", ""), label, k=k) if w > 0]
        listed = ", ".join(f"'{g}' ({signed(w)})" for g, w in grams) or "no single phrase stands out"
        others = ""
        if label != "council_business":
            other = "personal_attack" if label == "offensive" else "offensive"
            others = f" Its {LABEL_NAMES[other]} score is {summary.member_max[other]:.2f}."
        out.append(
            Reason(
                f"TEXT-{label.upper().replace('_', '-')}",
                f"Post {i + 1} scores {score:.2f} for {LABEL_NAMES[label]} wording. Phrases that raised the score: "
                f"{listed}.{others} This is a pointer to read the post, not a finding.",
                f"text:{label}",
                TEXT_SOURCE,
                "text",
            )
        )
    third = summary.third_party_max["offensive"]
    if third >= TEXT_HIGH:
        out.append(
            Reason(
                "TEXT-THIRD-PARTY",
                f"Third-party comments in the case score {third:.2f} for offensive wording. They are not the "
                "member's words; they matter only if the member left them up.",
                "text:third_party",
                TEXT_SOURCE,
                "text",
            )
        )
    return out

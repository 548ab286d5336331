"""Text evidence as reasons an officer can read and check: the phrases behind a high abuse score."""

from __future__ import annotations

import re

from triage.scoring.analysis import Analysis
from triage.scoring.features import TEXT_HIGH
from triage.scoring.types import Reason, TextModelsLike

TEXT_SOURCE = "Text classifiers trained on public labelled posts"
LABEL_NAMES = {"offensive": "offensive", "personal_attack": "personal attack", "council_business": "council business"}


#: Neutral words of council life that must never be shown to an officer as the reason a post reads as abusive, even
#: when the classifier happens to weigh them (reviewed by hand; a test checks none is ever listed).
NEUTRAL_WORDS = frozenset(
    """
    cllr cllrs councillor councillors council councils committee cabinet leader mayor chair clerk officer officers
    ward wards resident residents parish town borough district county meeting meetings agenda minutes motion
    budget planning application consultation holiday holidays transcript video caption screenshot post posts
    tweet tweets facebook twitter instagram tiktok whatsapp youtube page group thread comment comments reply
    today yesterday tomorrow week weekend saturday sunday monday tuesday wednesday thursday friday
    mr mrs ms dr the and of to in on at for with this that these those he she they we you i it
    road street lane avenue close drive hall library park school church high north south east west
    """.split()
)
#: Place names are never evidence of abuse: a capitalised word that is not at the start of a sentence.
PLACE_LIKE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*\b")


def is_neutral(gram: str, text: str) -> bool:
    """Whether an n-gram is a neutral council word, or only place or personal names, so never shown as evidence."""
    words = gram.lower().split()
    if all(w in NEUTRAL_WORDS for w in words):
        return True
    names = {w for m in PLACE_LIKE.finditer(text) for w in m.group(0).lower().replace("-", " ").split()}
    return all(w in names or w in NEUTRAL_WORDS for w in words)


def text_evidence(analysis: Analysis, text_models: TextModelsLike | None, k: int = 5) -> list[Reason]:
    """The strongest text evidence: the n-grams behind the highest abuse score over the member's posts (and behind
    the council-business score when the rules used it), plus a note on third-party content.

    Only the strongest abuse label gets n-grams (one ``evidence`` call per case keeps ``assess`` fast); the other
    label's score is still stated.
    """
    summary = analysis.facts.text
    if text_models is None or not summary.available:
        return []
    posts = analysis.facts.case.posts
    labels = [max(("offensive", "personal_attack"), key=lambda lb: summary.member_max[lb])]
    if any(r.id == "CAP-TEXT-COUNCIL-BUSINESS" for r in analysis.fired):
        labels.append("council_business")
    out = []
    for label in labels:
        score, i = summary.member_max[label], summary.member_argmax[label]
        if score < TEXT_HIGH or i < 0:
            continue
        post_text = posts[i].text
        abuse = label != "council_business"
        grams = [
            (g, w)
            for g, w in text_models.evidence(post_text, label, k=k + 5)
            if w > 0 and not (abuse and is_neutral(g, post_text))
        ][:k]
        listed = ", ".join(f"\u2018{g}\u2019" for g, _ in grams) or "no single phrase stands out"
        others = ""
        if label != "council_business":
            other = "personal_attack" if label == "offensive" else "offensive"
            others = f" For {LABEL_NAMES[other]} wording it reads {summary.member_max[other]:.0%}."
        out.append(
            Reason(
                f"TEXT-{label.upper().replace('_', '-')}",
                f"Post {i + 1} reads as {LABEL_NAMES[label]} wording to the text classifier ({score:.0%}). "
                f"Phrases that raised that: {listed}.{others} This is a pointer to read the post, not a finding.",
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
                f"Third-party comments in the case read as offensive to the text classifier ({third:.0%}). They are "
                "not the member's words; they matter only if the member left them up.",
                "text:third_party",
                TEXT_SOURCE,
                "text",
            )
        )
    return out

"""Fixed wording for notes and letters: the legal tests, the next steps and the review rights.

Every sentence here was written for this project. It paraphrases the law and published practice and names the
source; it never copies guidance or judgments. Councils with different arrangements change the wording here.
"""

from __future__ import annotations

from triage import vocabulary
from triage.vocabulary import NoteKind

MARKING = "OFFICIAL-SENSITIVE"

TITLES = {k.value: k.label for k in NoteKind}
#: An assessment note before any decision: a draft, said on every page.
DRAFT_TITLE = "Draft assessment \u2014 not a decision"


def note_title(kind: str, *, decided: bool) -> str:
    """A note's title: an assessment note is a decision notice only once a decision is recorded."""
    return TITLES[kind] if decided or kind != "assessment_note" else DRAFT_TITLE


INITIAL_TESTS = (
    "Before looking at capacity, the complaint must name the member, the member must have been in office when the "
    "conduct happened, and the Code must have been in force at that time."
)

STAGE2_INTRO = (
    "This stage asks whether the conduct, if the facts alleged were proven, could amount to a breach of a "
    "paragraph of the council's Code. It does not decide whether the facts are true."
)

ARTICLE10_INTRO = (
    "A finding of breach interferes with the member's freedom of expression, so it must be justified as necessary "
    "and proportionate. Political expression, even sarcastic or harsh criticism of politicians, has enhanced "
    "protection; gratuitous personal abuse, threats, hate and false statements of fact do not, and officers and "
    "members of the public are owed more protection than politicians."
)
ARTICLE10_SOURCES = (
    "Article 10 ECHR (Human Rights Act 1998 s.6); Sanders v Kingston [2005] EWHC 1145 (Admin); Calver v "
    "Adjudication Panel for Wales [2012] EWHC 1172 (Admin); Heesom v Public Services Ombudsman for Wales [2014] "
    "EWHC 1504 (Admin); R (Robinson) v Buckinghamshire Council [2021] EWHC 2014 (Admin)"
)

PUBLIC_INTEREST_INTRO = (
    "Even where the Code may have been breached, taking action must be in the public interest and proportionate. "
    "Factors include the seriousness of the conduct, whether it was repeated, any apology or removal of the post, "
    "the time that has passed, and whether the complaint appears politically motivated or retaliatory."
)

TOOL_STATEMENT = (
    "The tool's view, its reasons and these estimates help the monitoring officer; they are not a decision. The "
    "officer may disagree with the tool, and where they do, their reason is recorded with the decision."
)


PENDING = "No decision has been recorded yet. This version of the note is a working draft for the monitoring officer."


PUBLICATION = (
    "Not for publication: it contains personal data, including political opinions, and may contain allegations of "
    "crime. Share it only as the council's arrangements and data protection law allow."
)


CONFIDENTIAL_COMPLAINANT = (
    "The complainant asked for their identity to be kept confidential, so it is withheld from this letter."
)
WITHHELD = "Withheld at the complainant's request"

#: Plain labels for the scorer's reason effects.
EFFECTS = {
    "+capacity": "Points towards the Code applying",
    "-capacity": "Points away from the Code applying",
    "+breach": "Points towards a breach if proven",
    "-breach": "Points away from a breach",
    "+paragraph": "Points towards this paragraph",
    "-paragraph": "Points away from this paragraph",
    "+action": "Points towards taking action",
    "-action": "Points away from taking action",
    "protects": "Favours protection of expression",
    "unprotected": "Weighs against protection of expression",
    "override": "Rule overriding the model",
    "warning": "Warning",
    "model": "Model",
    "flag": "Flag",
    "staged": "Staged reading",
    "-protection": "Weighs against protection of expression",
    "+model": "Model term raising the estimate",
    "-model": "Model term lowering the estimate",
}


def label(value: object) -> str:
    """A plain label for a stored code value ('no_further_action' -> 'No further action')."""
    return vocabulary.label(value)


def effect_label(effect: str | None) -> str:
    if not effect:
        return ""
    if effect in EFFECTS:
        return EFFECTS[effect]
    if effect.startswith("staged:"):
        return f"Staged reading suggests: {label(effect.removeprefix('staged:')).lower()}"
    if effect.startswith("flag:"):
        return f"Flag: {effect.removeprefix('flag:').replace('_', ' ')}"
    if effect.startswith("+breach:"):
        return f"Points towards a breach if proven ({effect.removeprefix('+breach:').replace('_', ' ')})"
    if effect[0] in "+-":
        direction = "towards" if effect[0] == "+" else "away from"
        return f"Points {direction} {effect[1:].replace('_', ' ')}"
    return label(effect)

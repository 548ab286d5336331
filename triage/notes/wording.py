"""Fixed wording for notes and letters: the legal tests, the next steps and the review rights.

Every sentence here was written for this project. It paraphrases the law and published practice and names the
source; it never copies guidance or judgments. Councils with different arrangements change the wording here.
"""

from __future__ import annotations

from triage import vocabulary
from triage.vocabulary import NoteKind

MARKING = "OFFICIAL-SENSITIVE"

TITLES = {k.value: k.label for k in NoteKind}


#: Stage 1: the tests for whether the Code applies, per jurisdiction (our paraphrase, with sources).
CAPACITY_TESTS: dict[str, list[tuple[str, str]]] = {
    "england": [
        (
            "The Code only governs what a member does in their capacity as a member. The council's Code treats a "
            "member as acting in that capacity when they act as a councillor, misuse their position, or behave "
            "so that a reasonable member of the public who knew all the facts would think they were acting as a "
            "councillor.",
            "Localism Act 2011 s.27(2); LGA Model Councillor Code of Conduct 2020, 'Application of the Code'",
        ),
        (
            "There is no automatic presumption that everything a councillor posts is official: the context of each "
            "post, the account used and how the member presents themselves all matter.",
            "Government response to the Committee on Standards in Public Life report (March 2022)",
        ),
        (
            "Comment made purely in a private capacity falls outside the Code, even if it is offensive.",
            "Livingstone v Adjudication Panel for England [2006] EWHC 2533 (Admin)",
        ),
    ],
    "wales": [
        (
            "Most of the Code applies when the member acts, claims to act or gives the impression of acting as a "
            "member or as a representative of the authority.",
            "Local Government Act 2000 Part III; Model Code of Conduct (Wales) 2008 as amended in 2016",
        ),
        (
            "The disrepute paragraph applies at any time, so conduct in private life, including private messages "
            "that later become public, can engage it.",
            "Model Code of Conduct (Wales), paragraph 6(1)(a)",
        ),
        (
            "Complaints about members in Wales are considered by the Public Services Ombudsman for Wales, who "
            "asks whether there is direct evidence of a breach and whether action is needed in the public interest.",
            "Public Services Ombudsman for Wales, two-stage test",
        ),
    ],
    "scotland": [
        (
            "The Code applies when the councillor is acting as a councillor, has identified themselves as a "
            "councillor (for example in a social-media profile), or could objectively be considered to be acting "
            "as one.",
            "Councillors' Code of Conduct 2021; Standards Commission for Scotland guidance on social media",
        ),
        (
            "The Code does not extend to family or purely private life.",
            "Standards Commission for Scotland",
        ),
    ],
}

INITIAL_TESTS = (
    "Before looking at capacity, the complaint must name the member, the member must have been in office when the "
    "conduct happened, and the Code must have been in force at that time."
)

STAGE2_INTRO = (
    "This stage asks whether the conduct, if the facts alleged were proven, could amount to a breach of a "
    "paragraph of the council's Code. It does not decide whether the facts are true."
)

ARTICLE10_INTRO = (
    "A finding of breach interferes with the member's freedom of expression under Article 10 of the European "
    "Convention on Human Rights, so it must be justified. Courts approach this in stages: whether the conduct "
    "breached the Code as a matter of fact; whether a finding and any sanction would interfere with freedom of "
    "expression; and whether that interference is justified as necessary and proportionate. Political expression, "
    "including sarcastic or robust criticism of other politicians, has enhanced protection. Gratuitous personal "
    "abuse, threats, hate and false statements of fact do not. Officers and members of the public are entitled to "
    "more protection from personal attack than politicians."
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
    "The scores, recommendation and reasons below were produced by the Standards Triage tool to help the monitoring "
    "officer. They are not a decision. The monitoring officer decides, and may disagree with the tool; where they "
    "do, the reason is recorded in the decision section."
)

IP_STATUTE = (
    "The council must seek and take into account the views of an Independent Person before deciding an allegation "
    "it has decided to investigate, and may seek them at other stages (Localism Act 2011 s.28(7))."
)

NO_IP_YET = (
    "The Independent Person's views have not been recorded for this case. Consulting them is optional at initial "
    "assessment."
)

NEXT_STEPS: dict[str, str] = {
    "no_further_action": (
        "No further action will be taken on this complaint, and the case will be closed. The complaint and this "
        "decision are kept in line with the council's retention schedule."
    ),
    "informal_resolution": (
        "The monitoring officer will contact the member to seek an informal resolution, which may include an "
        "apology, removing the post, training or mediation. If a reasonable offer of informal resolution is "
        "refused, the monitoring officer may take that into account in deciding whether to refer the complaint "
        "for investigation."
    ),
    "investigation": (
        "The complaint will be referred for investigation under the council's arrangements. An investigator will "
        "be appointed and will contact both parties. The Independent Person's views will be sought and taken into "
        "account before the allegation is decided."
    ),
    "police_referral": (
        "The conduct described may amount to a criminal offence, which is a matter for the police, not the "
        "council. The complainant is advised to report it to the police. The Code of Conduct process is paused "
        "until the police have decided whether to act, and the monitoring officer will then consider the "
        "complaint again."
    ),
}

PENDING = "No decision has been recorded yet. This version of the note is a working draft for the monitoring officer."

REVIEW_RIGHTS: dict[str, str] = {
    "england": (
        "There is no statutory right of appeal against this decision. The council's arrangements for dealing with "
        "Code of Conduct complaints say whether either party may ask for it to be reviewed, and how. If you think "
        "the council handled the complaint with fault, you may ask the Local Government and Social Care Ombudsman "
        "to look at the way it was handled; the Ombudsman does not act as an appeal against the decision itself."
    ),
    "wales": (
        "The council's arrangements say whether either party may ask for this decision to be reviewed. Complaints "
        "that a member has breached the Code may also be made to the Public Services Ombudsman for Wales."
    ),
    "scotland": (
        "The council's arrangements say whether either party may ask for this decision to be reviewed. Complaints "
        "that a councillor has breached the Councillors' Code are for the Ethical Standards Commissioner."
    ),
}

PUBLICATION = (
    "Not for publication. This note contains personal data, including information revealing political opinions, "
    "and may contain allegations of criminal conduct. Share it only as the council's arrangements and data "
    "protection law allow."
)

MEMBER_RIGHTS = (
    "You may also seek the views of the council's Independent Person on this complaint (Localism Act 2011 s.28(7)(b))."
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

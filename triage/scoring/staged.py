"""The staged reading of the fired rules: jurisdiction and capacity, breach if proven, Article 10, public interest.

This is the published-practice logic the sample cases are labelled by (sample_cases/README.md), written as code
over the rules that fired. Its conclusions are inputs to the combination model (``staged:*`` features) and are
listed in the reasons, so the officer sees both the staged reading and how the model weighed it.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.scoring.features import Facts
from triage.scoring.rules import Rule

UNPROTECTED_RULES = {"A10-FALSE-FACT", "A10-GRATUITOUS-ABUSE", "A10-HATE", "A10-THREAT"}
#: Topics where the complaint is about what was said, so Article 10 protection can defeat a breach. Disclosure,
#: misuse of position or resources and intimidation are not answered by the expression being political.
SPEECH_TOPICS = {"respect", "bullying", "harassment", "equality", "disrepute", "impartiality"}
POLICE_RULES = {"FLAG-POLICE-THREAT", "FLAG-POLICE-GROSSLY-OFFENSIVE"}
#: Breach rules about something other than the member's own expression (others' comments left up).
NOT_OWN_EXPRESSION = {"BR-THIRD-PARTY-LEFT-UP"}


@dataclass(frozen=True)
class StagedReading:
    engaged: bool
    engaged_why: str
    breach_if_proven: bool
    topics: tuple[str, ...]
    protected: bool | None
    protection_level: str
    protection_why: str
    breach: bool
    outcome: str
    outcome_why: str
    police: bool


def _engaged(facts: Facts, fired: set[str]) -> tuple[bool, str]:
    if "JUR-NOT-IN-OFFICE" in fired:
        return False, "the member was not in office when posting"
    if "JUR-CODE-NOT-IN-FORCE" in fired:
        return False, "the Code was not in force when the posts were made"
    if "JUR-NO-EVIDENCE" in fired:
        return False, "nothing yet links the post to the member"
    if "CAP-WALES-ANY-TIME" in fired:
        return True, "in Wales the disrepute paragraph applies at any time to seriously discreditable conduct"
    if facts.no("acting_as_councillor"):
        return False, "the officer found the member was not acting as a councillor"
    if facts.yes("acting_as_councillor"):
        return True, "the officer found the member was acting as a councillor"
    pointers = facts.capacity_pointers
    if facts.jurisdiction == "scotland":
        if pointers:
            return True, "the member identified as, or could objectively be seen as, a councillor"
        return False, "nothing identifies the member as a councillor or concerns council matters"
    if pointers:
        listed = ", ".join(p.replace("_", " ") for p in pointers)
        return True, f"a reasonable observer would think the member was acting as a councillor ({listed})"
    if "JUR-FORMER-MEMBER" in fired:
        return False, "the subject is a former member and was not shown to be in office"
    if facts.yes("high_profile") and "CAP-PRIVATE-MATTER" not in fired:
        return True, "a high-profile member posting on a matter that is not clearly private"
    if "CAP-TEXT-COUNCIL-BUSINESS" in fired:
        return True, "the wording concerns council business (to be confirmed by the officer)"
    return False, "nothing shows the member acting, or appearing to act, as a councillor"


def _article10(facts: Facts, fired: set[str]) -> tuple[bool | None, str, str]:
    unprotected = sorted(fired & UNPROTECTED_RULES)
    if unprotected:
        return False, "none", "content of a kind Article 10 does not protect (" + ", ".join(unprotected) + ")"
    if facts.yes("political_expression"):
        if facts.target in {"officer", "member_of_public"} and facts.yes("about_individual") and facts.abusive:
            return False, "reduced", "abusive personal criticism of someone who is not a politician"
        if facts.yes("about_individual") and facts.abusive and facts.target == "councillor":
            return True, "enhanced", "harsh political expression about a politician, who must accept wider criticism"
        return True, "enhanced", "political expression, which has enhanced protection"
    if facts.no("political_expression"):
        return None, "standard", "not political expression: ordinary Article 10 protection"
    return None, "unknown", "not yet known whether the post is political expression"


def _outcome(facts: Facts, fired: set[str], engaged: bool, topics: set[str], breach: bool) -> tuple[str, str]:
    if fired & POLICE_RULES:
        return "police_referral", "possible criminal offence: advise a police report and pause the Code process"
    if not engaged:
        return "no_further_action", "the Code is not engaged"
    if not breach:
        return "no_further_action", "no breach if proven, or the expression is protected"
    if facts.no("within_time_limit"):
        return "no_further_action", "out of time, with no exceptional reason recorded"
    if facts.yes("discriminatory") or facts.yes("repeated_conduct"):
        return "investigation", "discriminatory or repeated conduct is serious if proven, even after an apology"
    return _severity(facts, fired, topics)


def _severity(facts: Facts, fired: set[str], topics: set[str]) -> tuple[str, str]:
    """Stage D for an engaged, unprotected, in-time possible breach: investigation, informal resolution or NFA."""
    non_speech = topics - SPEECH_TOPICS
    if facts.yes("tit_for_tat") and not facts.abusive and not non_speech:
        return "no_further_action", "a tit-for-tat complaint without substance"
    put_right = facts.yes("apology_or_removal")
    if "position" in topics:
        return "investigation", "possible misuse of position for advantage"
    if "BR-DISREPUTE-FALSE" in fired and not put_right:
        return "investigation", "an unretracted false allegation of fact against an individual"
    if "confidentiality" in topics:
        if put_right:
            return "informal_resolution", "a confidential slip that was promptly put right"
        return "investigation", "disclosure of non-public information that was not removed"
    if "intimidation" in topics:
        return "investigation", "possible intimidation of someone involved in a complaint"
    if facts.yes("third_party_content_left_up"):
        return "informal_resolution", "others' comments left up on the member's page"
    own_words = not facts.only_endorsement
    if facts.target == "officer" and facts.yes("about_individual") and own_words and not put_right:
        return "investigation", "personal criticism of an officer, who is owed more protection, is serious if proven"
    if put_right and topics <= {"respect", "disrepute", "impartiality"}:
        return "no_further_action", "a minor matter already put right (removed and apologised)"
    return "informal_resolution", "a possible breach of low severity or mitigated"


def read_stages(facts: Facts, fired_rules: list[Rule]) -> StagedReading:
    fired = {r.id for r in fired_rules}
    engaged, engaged_why = _engaged(facts, fired)
    topics = tuple(dict.fromkeys(r.topic for r in fired_rules if r.topic))
    protected, level, protection_why = _article10(facts, fired)
    live = {
        r.topic
        for r in fired_rules
        if r.topic and (r.topic not in SPEECH_TOPICS or r.id in NOT_OWN_EXPRESSION or protected is not True)
    }
    breach = engaged and bool(live)
    outcome, outcome_why = _outcome(facts, fired, engaged, live, breach)
    return StagedReading(
        engaged=engaged,
        engaged_why=engaged_why,
        breach_if_proven=bool(topics),
        topics=topics,
        protected=protected,
        protection_level=level,
        protection_why=protection_why,
        breach=breach,
        outcome=outcome,
        outcome_why=outcome_why,
        police=outcome == "police_referral",
    )

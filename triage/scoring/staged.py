"""The staged reading of one set of answers: jurisdiction and capacity, breach if proven, Article 10, public interest.

It follows how monitoring officers assess complaints at intake (docs/labelling-guide.md): is the post the member's
and does the Code reach it; would it be a breach if proven; does Article 10 weigh against a finding; is action in the
public interest. An answer that is not known stays unknown here: no rule reads "unknown" as "no". The reasoning layer
(``triage.scoring.reasoning``) runs this reading once per combination of answers to the open questions and weighs
the results by how likely each combination is.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.scoring.features import Facts
from triage.scoring.rules import Rule

#: Topics where the complaint is about what was said, so Article 10 protection can defeat a breach. Disclosure,
#: misuse of position or resources and intimidation are not answered by the expression being political.
SPEECH_TOPICS = {"respect", "bullying", "harassment", "equality", "disrepute", "impartiality"}
#: Breach rules about something other than the member's own expression (others' comments left up).
NOT_OWN_EXPRESSION = {"BR-THIRD-PARTY-LEFT-UP"}
NOT_ENGAGED_RULES = {"JUR-NOT-IN-OFFICE", "JUR-CODE-NOT-IN-FORCE", "AUTH-NOT-MEMBER"}
#: In Wales paragraph 2(1)(d) applies these topics at all times.
WALES_ANY_TIME_TOPICS = {"disrepute", "position"}


@dataclass(frozen=True)
class StagedReading:
    engaged: bool | None
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
    live_topics: tuple[str, ...] = ()


def _engaged(facts: Facts, fired: set[str]) -> tuple[bool | None, str]:
    if "JUR-NOT-IN-OFFICE" in fired:
        return False, "the member was not in office when posting"
    if "JUR-CODE-NOT-IN-FORCE" in fired:
        return False, "the Code was not in force when the posts were made"
    if "AUTH-NOT-MEMBER" in fired:
        return False, "the post is not the member's own"
    if facts.yes("acting_as_councillor"):
        return True, "the member was acting, or appeared to act, as a councillor"
    if "CAP-WALES-ANY-TIME" in fired:
        return True, "in Wales the disrepute and misuse of position paragraphs apply at all times"
    if facts.no("acting_as_councillor"):
        return False, "the member was not acting, and did not appear to act, as a councillor"
    return None, "it is not yet known whether the member was acting, or seen to act, as a councillor"


def _article10(facts: Facts, fired: set[str]) -> tuple[bool | None, str, str]:
    """The weighing, as a level: none, reduced, contested, enhanced, standard or unknown."""
    if facts.yes("threatening"):
        return False, "none", "threats of harm, and calls to cause it, are not protected expression"
    against = []
    if facts.yes("discriminatory"):
        against.append("discriminatory content weighs heavily against protection")
    if facts.yes("false_statement_of_fact") and facts.yes("about_individual"):
        against.append("an apparently false statement of fact about a person has less protection than opinion")
    if facts.target in {"officer", "member_of_public"} and facts.yes("about_individual") and facts.abusive:
        against.append("abusive personal criticism of someone who is not a politician")
    if against:
        return False, "reduced", "; ".join(against)
    if facts.yes("political_expression"):
        if facts.yes("about_individual") and facts.abusive:
            return (
                None,
                "contested",
                "political expression has enhanced protection, but personal abuse of an individual weighs against "
                "it; the balance turns on the words used and needs the officer's own weighing",
            )
        return True, "enhanced", "political expression, which has enhanced protection even when harsh"
    if facts.no("political_expression"):
        return None, "standard", "not political expression: ordinary Article 10 protection"
    return None, "unknown", "not yet known whether the post is political expression"


def _serious(facts: Facts, fired: set[str], topics: set[str], level: str) -> str | None:
    """Why an engaged, unprotected possible breach calls for investigation, or None when it is minor."""
    if facts.yes("discriminatory"):
        put_right = facts.yes("apologised") or facts.yes("post_removed")
        grave = facts.yes("repeated_conduct") or any(
            u.kind in ("dehumanising", "threat", "incitement") for u in facts.urgent
        )
        if not put_right or grave:
            return "discriminatory content is serious if proven"
    if facts.yes("repeated_conduct") and facts.yes("about_individual"):
        return "repeated conduct aimed at one person may be bullying or harassment"
    if "position" in topics:
        return "possible misuse of position for advantage"
    if "intimidation" in topics:
        return "possible intimidation of someone involved in a complaint"
    if "confidentiality" in topics and not facts.yes("apologised"):
        return "disclosure of non-public information"
    if "resources" in topics:
        return "possible misuse of council resources"
    if "BR-DISREPUTE-FALSE" in fired and not facts.yes("apologised"):
        return "an unretracted allegation of dishonesty or wrongdoing against a person"
    own_words = not facts.only_endorsement
    put_right = facts.yes("apologised") and not facts.yes("repeated_conduct")
    if facts.target == "officer" and facts.yes("about_individual") and own_words and not facts.yes("apologised"):
        return "public criticism of a named officer, who cannot answer back and is owed more protection"
    # Rudeness to a resident in an exchange they took part in is low severity unless it is degrading (slurs, sexual
    # or bodily insults) or repeated; a post about them to an audience is serious (published practice).
    grave = facts.degrading or facts.yes("repeated_conduct")
    if facts.target == "member_of_public" and facts.yes("about_individual") and facts.abusive and own_words:
        if not put_right and (grave or not facts.only_replies):
            return "abusive personal criticism of a private individual, who is owed more protection, if proven"
    if level == "contested" and own_words and not facts.yes("apologised"):
        return (
            "personal abuse in political debate: whether Article 10 protects it needs the facts an investigation finds"
        )
    return None


def _outcome(facts: Facts, fired: set[str], engaged: bool | None, topics: set[str], level: str) -> tuple[str, str]:
    if engaged is False:
        return "no_further_action", "the Code is not engaged"
    if facts.yes("threatening"):
        return "police_referral", "a possible criminal threat: advise a police report and pause the Code process"
    if not topics:
        return "no_further_action", "no breach if proven, or the expression is protected"
    if facts.yes("tit_for_tat") and not facts.abusive and not (topics - SPEECH_TOPICS):
        return "no_further_action", "a tit-for-tat complaint without substance"
    serious = _serious(facts, fired, topics, level)
    if facts.no("within_time_limit") and not serious and not facts.no("post_removed"):
        return "no_further_action", "a minor matter raised late, with the post no longer shown to be up"
    if serious:
        return "investigation", serious
    if facts.yes("third_party_content_left_up"):
        return "informal_resolution", "others' comments left up on the member's page"
    if facts.yes("discriminatory"):
        return "informal_resolution", "discriminatory content the member has put right: training or an apology"
    if facts.yes("apologised"):
        return "no_further_action", "a minor matter the member has already apologised for"
    return "informal_resolution", "a possible breach of low severity"


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
    if facts.jurisdiction == "scotland" and engaged is not False:
        # The council does not filter Scottish complaints: the Commissioner assesses them and weighs Article 10, so
        # protection does not take a possible breach out of the referral here.
        live = set(topics)
    if engaged and not facts.yes("acting_as_councillor") and "CAP-WALES-ANY-TIME" in fired:
        live &= WALES_ANY_TIME_TOPICS | {"equality", "harassment"} if facts.serious_content else WALES_ANY_TIME_TOPICS
        if not live:
            live = {"disrepute"}
    outcome, outcome_why = _outcome(facts, fired, engaged, live, level)
    return StagedReading(
        engaged=engaged,
        engaged_why=engaged_why,
        breach_if_proven=bool(topics),
        topics=topics,
        protected=protected,
        protection_level=level,
        protection_why=protection_why,
        breach=bool(engaged) and bool(live),
        outcome=outcome,
        outcome_why=outcome_why,
        police=outcome == "police_referral",
        live_topics=tuple(sorted(live)),
    )

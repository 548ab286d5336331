"""How likely each answer is to a question the officer has not answered yet, from the evidence in the case file.

The evidence is what an officer would look at: the text classifiers' scores, the member's own handle, bio and
sign-off, the account kind, platform and visibility, the member's role, the other answers, cue words in the post,
and base rates learned from published decisions (``models/priors.json``, written by
``triage.scoring.training.priors``). Each estimate is a log-odds sum, base rate plus one term per piece of evidence,
so every estimate can be explained term by term in words. The weights are set from the principles in published
practice (docs/model-card.md lists them); only the base rates are fitted to data.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from triage.scoring.features import Facts

PRIORS_FILE = Path(__file__).resolve().parent / "models" / "priors.json"

#: Base rates used when no priors file is shipped: P(yes) among decisions that state the fact.
DEFAULT_PRIORS: dict[str, float] = {
    "authorship": 0.9,
    "acting_as_councillor": 0.7,
    "about_individual": 0.55,
    "political_expression": 0.7,
    "discriminatory": 0.15,
    "threatening": 0.03,
    "false_statement_of_fact": 0.15,
    "non_public_information": 0.08,
    "apologised": 0.2,
    "repeated_conduct": 0.2,
    "tit_for_tat": 0.15,
    "council_business": 0.5,
    "identified_as_councillor": 0.5,
    "high_profile": 0.2,
    "council_resources_used": 0.05,
    "personal_abuse": 0.3,
}

#: The questions whose answers the staged reading turns on, most decisive first.
DECISIVE: tuple[str, ...] = (
    "authorship",
    "acting_as_councillor",
    "threatening",
    "discriminatory",
    "about_individual",
    "personal_abuse",
    "political_expression",
    "false_statement_of_fact",
    "non_public_information",
    "repeated_conduct",
    "apologised",
)


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


PRIVATE_CUES = _re(
    r"\b(?:personal (?:account|page|profile|facebook|twitter|capacity)|private (?:account|capacity|page|life|"
    r"profile|group|message)|family|holiday|football|my (?:dog|kids|wife|husband|partner))\b"
)
DISOWNED_CUES = _re(
    r"\b(?:pseudonym\w*|fake (?:account|profile|persona)|anonymous account|parody account|"
    r"alleged(?:ly)? (?:ran|runs|operated|behind)|hacked)\b"
)
POLITICAL_CUES = _re(
    r"\b(?:tor(?:y|ies)|conservatives?|labour|lib ?dems?|liberal democrats?|snp|plaid|reform|greens?|party|"
    r"election|vote[ds]?|voting|policy|policies|government|minister|mp|cuts|budget|campaign\w*|manifesto|"
    r"brexit|immigration|council tax|opposition|coalition|motion|leader|mayor|cabinet)\b"
)
NAMED_PERSON = _re(
    r"(?:@\w{2,}|\b(?:cllr|councillor|mr|mrs|ms|dr)\.? [A-Z][a-z]+|\b(?:the|our|their|your) (?:leader|mayor|chair|"
    r"clerk|editor|chief executive|officer|vicar|mp|head of \w+|cabinet member|portfolio holder)\b|\byou\b|"
    r"\b(?:he|she)\b)"
)
OFFICER_CUES = _re(r"\b(?:officers?|clerk|chief executive|head of \w+|director|planning officer|staff|employee)\b")
PUBLIC_CUES = _re(
    r"\b(?:resident|campaigner|journalist|editor|constituent|member of the public|complainant|"
    r"presenter|activist|neighbour|shopkeeper|business owner|critic)\b"
)
POLITICIAN_CUES = _re(
    r"\b(?:cllr|councillors?|leader|mayor|mp|minister|cabinet member|commissioner|politician|"
    r"tor(?:y|ies)|labour|lib ?dem|snp|plaid|(?:voted|votes|voting) (?:for|against|through)|"
    r"(?:his|her|their) (?:vote|motion|budget|ward|manifesto|portfolio))\b"
)
GROUP_CUES = _re(
    r"\b(?:muslims?|islam\w*|jews?|jewish|antisemit\w*|asylum|immigrants?|migrants?|refugees?|black|asian|"
    r"gypsy|gypsies|travellers?|gay|lesbian|lgbt\w*|trans(?:gender)?|drag|pride|disabled|disability|race|racis\w*|"
    r"women|ladies|headscarves|mosques?|"
    r"homophob\w*|transphob\w*|islamophob\w*|sexis\w*|misogyn\w*|religio\w*|faith|slurs?)\b"
)
DISCRIMINATION_WORDS = _re(
    r"\b(?:racis\w*|antisemit\w*|homophob\w*|transphob\w*|islamophob\w*|sexis\w*|"
    r"misogyn\w*|slurs?|stereotyp\w*|bigot\w*|deviants?|londonistan|send (?:them|'em) (?:all )?back|go back "
    r"(?:home|to where)|headscarves|burqas?|back to the kitchen|perverts?|used to be english|britain is full)\b"
)
ALLEGATION_CUES = _re(
    r"\b(?:liars?|lied|lying|lies|fraud\w*|corrupt\w*|crooks?|criminals?|dishonest\w*|fiddl\w*|backhanders?|"
    r"brown envelopes?|brib\w*|steal\w*|stole|thie(?:f|ves)|embezzl\w*|predators?|paedo\w*|abuser|cover[- ]up|"
    r"pocket(?:ing|ed|s)?|on the take)\b"
)
FALSE_CUES = _re(
    r"\b(?:untrue|false\w*|inaccura\w*|accuracy|misleading|defamat\w*|slander\w*|libel\w*|fake news|unfair\w*|"
    r"fairness|distort\w*|doctored|fabricat\w*|baseless|unfounded)\b"
)
CONFIDENTIAL_CUES = _re(
    r"\b(?:confidential\w*|exempt (?:item|report|information)|private session|closed session|in camera|leak\w*|"
    r"part (?:2|ii|b) (?:item|report)|before (?:it was|it's|it is) (?:announced|public|published)|not yet public|"
    r"embargo\w*|covertly recorded|(?:cabinet|members'?|private|group) briefing|board papers|papers i'?ve seen|"
    r"(?:won'?t|will not|not to) be announced|not (?:yet )?been announced|keeping it quiet|under wraps)\b"
)
ABUSE_CUES = _re(
    r"\b(?:insult\w*|abus\w*|offensive|discourte\w*|uncivil|disrespect\w*|derogatory|slurs?|crude|foul|"
    r"swear\w*|swore|expletive|obscen\w*|vile|idiot\w*|moron\w*|scum|slag|bigot\w*|ugly|thick|troll|"
    r"s\*+t|f\*+k\w*|c\*+t?|twat|prat|pillock|liar|deviants?|sneer\w*|disparag\w*|rude|nasty|personal attack\w*|"
    r"bully\w*|harass\w*|intimidat\w*|belittl\w*|demean\w*)\b"
)
APOLOGY_CUES = _re(r"\b(?:apologi[sz](?:e|ed|es|ing)|sorry|apology|regret (?:the|my|any))\b")
NO_APOLOGY_CUES = _re(
    r"\b(?:refus\w* to apologi[sz]e|(?:did not|didn't|won't|would not|will not|declined to) apologi[sz]e|no apology|"
    r"without (?:an )?apology|stood by (?:them|it|the posts?|his|her))\b"
)
REPEAT_CUES = _re(
    r"\b(?:series of|repeated\w*|campaign of|again and again|several (?:posts|tweets)|thread|"
    r"a number of (?:posts|tweets)|kept posting|over (?:several|many) (?:days|weeks|months))\b"
)


@cache
def calibration() -> dict[str, Any]:
    """The shipped calibration file (base rates and referral threshold), or an empty dict when none is shipped."""
    return json.loads(PRIORS_FILE.read_text(encoding="utf-8")) if PRIORS_FILE.exists() else {}


def priors() -> dict[str, float]:
    """The shipped base rates, with the defaults filling any gap."""
    return DEFAULT_PRIORS | calibration().get("base_rates", {})


def refer_threshold() -> float:
    """Referral is recommended when it is at least this likely (fixed at 0.5 by principle; see the model card)."""
    return float(calibration().get("refer_threshold", 0.5))


@dataclass(frozen=True)
class Estimate:
    """P(yes) for one unanswered question, with the evidence that moved it from its base rate."""

    question: str
    probability: float
    base: float
    evidence: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "probability": round(self.probability, 4),
            "base_rate": round(self.base, 4),
            "evidence": [{"text": t, "log_odds": round(w, 3)} for t, w in self.evidence],
        }


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


class _Terms:
    def __init__(self) -> None:
        self.items: list[tuple[str, float]] = []

    def add(self, when: bool, text: str, weight: float) -> None:
        if when:
            self.items.append((text, weight))


def _answer(facts: Facts, qid: str) -> str:
    return facts.answers[qid].value if qid in facts.answers else "unknown"


def _terms(qid: str, facts: Facts, text: str) -> _Terms:
    """The evidence terms for one question (log-odds towards 'yes')."""
    t = _Terms()
    kinds, a = facts.account_kinds, (lambda q: _answer(facts, q))
    offensive, attack = facts.score("offensive"), facts.score("personal_attack")
    council_text = facts.score("council_business")
    if qid == "authorship":
        t.add(
            bool(kinds & {"councillor_account", "council_official_account", "personal_account"}),
            "the posts are recorded as from the member's own account",
            1.5,
        )
        t.add("anonymous_account" in kinds, "the account is anonymous", -2.5)
        t.add(bool(DISOWNED_CUES.search(text)), "the case describes a fake, pseudonymous or disputed account", -1.8)
    elif qid == "acting_as_councillor":
        t.add(a("identified_as_councillor") == "yes", "the member presented themselves as a councillor", 1.5)
        t.add(a("identified_as_councillor") == "no", "the member did not present themselves as a councillor", -0.7)
        t.add("councillor_account" in kinds, "the post came from a councillor-branded account", 1.3)
        t.add("council_official_account" in kinds, "the post came from an official council account", 4.0)
        t.add(kinds == {"personal_account"}, "the post came from a personal account", -0.6)
        t.add("anonymous_account" in kinds, "the post came from an anonymous account", -1.2)
        t.add(a("council_business") == "yes", "the post is about council business", 1.2)
        t.add(a("council_business") == "no", "the post is not about council business", -1.2)
        t.add(a("council_business") == "unknown" and council_text >= 0.5, "the wording concerns council business", 1.0)
        t.add(a("non_public_information") == "yes", "it used information only available through the role", 2.0)
        t.add(a("council_resources_used") == "yes", "council resources were used", 2.0)
        t.add(a("high_profile") == "yes", "the member is high profile", 0.6)
        t.add(facts.all_private, "the posts were private messages or in a closed group", -0.8)
        t.add(
            facts.jurisdiction == "scotland",
            "in Scotland a member who could objectively be seen as a councillor is covered",
            0.7,
        )
        t.add(a("target") in {"councillor", "officer"}, "the post is about a fellow politician or an officer", 0.5)
        t.add(bool(PRIVATE_CUES.search(text)), "the case describes a personal account or a private matter", -0.8)
    elif qid == "about_individual":
        t.add(a("target") in {"councillor", "officer", "member_of_public"}, "the post is about a person", 1.5)
        t.add(a("target") in {"organisation", "protected_group", "none"}, "the post is about a group or body", -2.0)
        t.add(attack >= 0.5, "the wording reads as a personal attack", 1.2)
        t.add(bool(NAMED_PERSON.search(text)), "the post names or addresses a person", 0.7)
    elif qid == "personal_abuse":
        score = max(offensive, attack)
        # a high score is good evidence of abuse; a low one is weak evidence against (summaries read mild)
        t.add(
            True,
            f"the text classifiers read the words as {_abuse_words(score)}",
            (5.0 if score > 0.45 else 2.0) * (score - 0.45),
        )
        t.add(bool(ABUSE_CUES.search(text)), "the post or the complaint uses words of insult or abuse", 2.5)
        t.add(any(f.kind in ("threat", "dehumanising") for f in facts.urgent), "the words raise an urgent flag", 3.0)
    elif qid == "political_expression":
        t.add(bool(POLITICAL_CUES.search(text)), "the post uses the language of politics or policy", 1.0)
        t.add(council_text >= 0.5, "the wording concerns council business", 0.5)
        t.add(a("target") == "councillor", "the post is about a politician", 0.6)
        t.add(a("target") == "member_of_public", "the post is about a private individual", -0.6)
        t.add(bool(PRIVATE_CUES.search(text)), "the post concerns a private matter", -0.8)
    elif qid == "discriminatory":
        t.add(
            any(f.kind == "dehumanising" for f in facts.urgent),
            "the post uses dehumanising language about a group",
            4.0,
        )
        t.add(bool(DISCRIMINATION_WORDS.search(text)), "the case describes the content as discriminatory", 2.0)
        t.add(bool(GROUP_CUES.search(text)) and offensive >= 0.5, "offensive wording about a protected group", 1.2)
        t.add(a("target") == "protected_group", "the post is about a group sharing a protected characteristic", 1.5)
    elif qid == "threatening":
        t.add(
            any(f.kind in ("threat", "incitement") for f in facts.urgent),
            "the words match a threat or incitement phrasing",
            5.0,
        )
        t.add(
            facts.threat_score >= 0.5,
            "the threat classifier reads the words as threatening",
            3.0 * (facts.threat_score - 0.3),
        )
    elif qid == "false_statement_of_fact":
        t.add(bool(ALLEGATION_CUES.search(text)), "the post alleges dishonesty or wrongdoing", 1.3)
        t.add(bool(FALSE_CUES.search(text)), "the case describes the statement as untrue or misleading", 1.2)
    elif qid == "non_public_information":
        t.add(bool(CONFIDENTIAL_CUES.search(text)), "the case mentions confidential or unpublished information", 3.0)
    elif qid == "apologised":
        refused = bool(NO_APOLOGY_CUES.search(text))
        t.add(refused, "the case says the member refused or failed to apologise", -2.5)
        t.add(not refused and bool(APOLOGY_CUES.search(text)), "the case mentions an apology", 2.0)
        t.add(
            facts.case.answers.get("apology_or_removal") == "yes",
            "the case file records an apology or a removal, without saying which",
            1.5,
        )
    elif qid == "repeated_conduct":
        t.add(len(facts.member_posts) >= 2, "the complaint is about more than one post", 0.8)
        t.add(bool(REPEAT_CUES.search(text)), "the case describes a series of posts", 1.2)
    elif qid == "tit_for_tat":
        t.add(facts.complainant_kind == "councillor", "the complainant is a political opponent", 0.6)
    return t


def estimate(qid: str, facts: Facts, base_rates: dict[str, float] | None = None) -> Estimate:
    """P(yes) for ``qid`` from the evidence, ignoring any answer already given to it."""
    base = (base_rates or priors()).get(qid, 0.5)
    text = facts.member_text
    terms = _terms(qid, facts, text).items
    z = _logit(base) + sum(w for _, w in terms)
    return Estimate(qid, sigmoid(z), base, tuple(terms))


def infer_target(facts: Facts) -> tuple[str, str] | None:
    """The most likely target when the officer has not said, with the cue that suggests it."""
    text = facts.member_text
    if any(f.kind == "dehumanising" for f in facts.urgent) or (GROUP_CUES.search(text) and facts.abusive):
        return "protected_group", "the post is about a group sharing a protected characteristic"
    if OFFICER_CUES.search(text):
        return "officer", "the post refers to a council officer or employee"
    if POLITICIAN_CUES.search(text):
        return "councillor", "the post refers to a councillor or politician"
    if PUBLIC_CUES.search(text):
        return "member_of_public", "the post refers to a member of the public"
    return None


def _abuse_words(score: float) -> str:
    """The classifiers' abuse score in words: people read this sentence, and a bare 0.89 means nothing to them."""
    if score >= 0.8:
        return "very likely abusive"
    if score >= 0.6:
        return "likely abusive"
    if score > 0.45:
        return "possibly abusive"
    if score > 0.2:
        return "unlikely to be abusive"
    return "very unlikely to be abusive"

"""Facts the rules read: the resolved answers, what the case file says about the posts, and text scores.

Everything here is derived from the case file (never from ``expected``) and the text classifiers. Text scores are
aggregated over the posts the member wrote, liked or shared; third-party comments are scored separately so they
never count as the member's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from triage.casefile.model import CaseFile, Post
from triage.codes import CodeOfConduct
from triage.scoring.questions import ResolvedAnswer, parse_date, resolve_answers
from triage.scoring.risk import threat_scores, urgent_flags
from triage.scoring.types import TEXT_LABELS, TextModelsLike

#: Score at which a text label counts as present, and as strongly present.
TEXT_HIGH = 0.5
TEXT_VERY_HIGH = 0.8
#: Below this abuse score the words are not rude enough to be a breach of respect ("lovely to see Cllr Patel").
TEXT_DISRESPECT = 0.35

PRIVATE_VISIBILITY = {"private_message", "closed_group"}
COUNCILLOR_ACCOUNTS = {"councillor_account", "council_official_account"}

#: Plain wording cues, used only as transparent pointers for the officer (each rule says it is a wording cue).
THREAT_WORDING = re.compile(
    r"\b(kill|burn (?:down|your|the)|watch your back|watch yourself|know where you live|hurt you|smash|shoot|stab|"
    r"hang(?:ed)?|you(?:'ll| will) (?:regret|be sorry)|coming for you|deserve to die|gloves come off|think on|"
    r"should be (?:shot|hanged|strung up))\b",
    re.IGNORECASE,
)
DEHUMANISING_WORDING = re.compile(
    r"\b(vermin|perverts?|parasites?|subhuman|sub-human|cockroach(?:es)?|infest(?:ed|ing|ation)?|"
    r"breed like|scum|filth|(?:are|like) (?:animals|rats|dogs))\b",
    re.IGNORECASE,
)
#: Offers or boasts of using the role's influence. "Do us all a favour and resign" is not one: a favour counts only
#: when it is done by someone with influence ("do you a favour with planning").
POSITION_WORDING = re.compile(
    r"\b(quiet word|(?:a )?word in the right ears?|have a word with (?:the )?(?:planning|enforcement|licensing|"
    r"housing|highways|officers?|head of \w+)|(?:do|did) (?:you|them|him|her) a (?:little )?favour (?:with|on|over) "
    r"(?:the )?(?:planning|enforcement|licensing|housing|application|list|council)|who you know|(?:bump|move|push)"
    r"(?:ed)? (?:you |them )?up the (?:list|queue)|jump the (?:list|queue)|pull(?:ed)? (?:a few |some )?strings|"
    r"put in a good word|i(?:'d| would) do the same for you|as (?:chair|leader|cabinet member|convener|provost)\b"
    r"[^.]{0,60}\bi know|in return (?:for|it would be nice|you could|i'?d|i would)|(?:a )?fair wind|make (?:it|the "
    r"enforcement visit|the complaint) go away)\b",
    re.IGNORECASE,
)
#: Degrading abuse: slurs, sexual and bodily insults, obscenities (asterisked or not), and how complaints describe them.
DEGRADING_WORDING = re.compile(
    r"\b(slag|slut|whore|bitch|c\*+t?|cunt|f\*+k\w*|fuck\w*|w\*+nker|wanker|twat|prick|bastard|b\*+tard|s\*+t|shit|"
    r"scum\w*|vermin|rat|retard\w*|spastic|spaz|paedo\w*|nonce|fat (?:ugly|cow|pig)|ugly|crude|obscen\w*|"
    r"four-letter|expletive\w*|slur\w*|sexual\w*|misogyn\w*)\b",
    re.IGNORECASE,
)
#: Words that describe the member's posts as replies in an exchange (a complaint summary, or a transcript).
EXCHANGE_WORDING = re.compile(
    r"\b(?:in an? (?:online |social[- ]media |facebook |twitter |whatsapp |heated )?(?:exchange|argument|spat|row) "
    r"with|in (?:an? )?(?:online |social[- ]media |facebook |twitter )?exchanges?\b|(?:replying|replied|responding|"
    r"responded) to (?:a|the|his|her|their) (?:comment|question|post|reply|message)s?)",
    re.IGNORECASE,
)
PROCEEDINGS_WORDING = re.compile(
    r"\b(complain(?:t|ant|ed|ing)?|standards (?:committee|commissioner|board)|monitoring officer|ombudsman|"
    r"investigat(?:ion|or)|withdraw|witness)\b",
    re.IGNORECASE,
)


@dataclass
class TextSummary:
    """Text-classifier scores for one case."""

    available: bool
    version: str
    member_max: dict[str, float]
    member_argmax: dict[str, int]
    third_party_max: dict[str, float]
    per_post: list[dict[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "version": self.version,
            "member_max": {k: round(v, 4) for k, v in self.member_max.items()},
            "third_party_max": {k: round(v, 4) for k, v in self.third_party_max.items()},
        }


def summarise_text(case: CaseFile, text_models: TextModelsLike | None) -> TextSummary:
    """Max score per label over the member's posts, and separately over third-party content."""
    zeros = dict.fromkeys(TEXT_LABELS, 0.0)
    posts = case.posts
    if text_models is None or not posts:
        return TextSummary(False, "none", dict(zeros), dict.fromkeys(TEXT_LABELS, -1), dict(zeros))
    scores = text_models.score([p.text for p in posts])
    per_post = [{label: float(np.asarray(scores[label])[i]) for label in TEXT_LABELS} for i in range(len(posts))]
    mine = [i for i, p in enumerate(posts) if p.author == "subject_member"]
    theirs = [i for i, p in enumerate(posts) if p.author == "third_party"]
    member_max, member_argmax, third_max = dict(zeros), dict.fromkeys(TEXT_LABELS, -1), dict(zeros)
    for label in TEXT_LABELS:
        if mine:
            best = max(mine, key=lambda i, label=label: per_post[i][label])
            member_max[label], member_argmax[label] = per_post[best][label], best
        if theirs:
            third_max[label] = max(per_post[i][label] for i in theirs)
    return TextSummary(True, str(text_models.version), member_max, member_argmax, third_max, per_post)


@dataclass
class Facts:
    """What the rules can see about one case."""

    case: CaseFile
    code: CodeOfConduct
    jurisdiction: str
    answers: dict[str, ResolvedAnswer]
    text: TextSummary
    role: str | None
    in_office: str
    complainant_kind: str | None
    member_posts: tuple[Post, ...]
    third_party_posts: tuple[Post, ...]
    account_kinds: frozenset[str]
    visibilities: frozenset[str]
    interactions: frozenset[str]
    threat_wording: bool
    proceedings_wording: bool
    position_wording: bool
    dehumanising_wording: bool
    duplicate_complaint: bool
    before_code_in_force: bool
    #: The member's own words, joined (the evidence model reads cue words in them).
    member_text: str = ""
    #: The threat classifier's highest score over the member's posts.
    threat_score: float = 0.0
    #: Urgent flags read from the words (``triage.scoring.risk``), whatever the answers say.
    urgent: tuple[Any, ...] = ()

    # answers -------------------------------------------------------------------------------------------------
    def a(self, question_id: str) -> str:
        return self.answers[question_id].value

    def yes(self, question_id: str) -> bool:
        return self.answers[question_id].value == "yes"

    def no(self, question_id: str) -> bool:
        return self.answers[question_id].value == "no"

    @property
    def target(self) -> str:
        return self.a("target")

    # text ----------------------------------------------------------------------------------------------------
    def score(self, label: str) -> float:
        return self.text.member_max[label]

    @property
    def abusive_score(self) -> float:
        return max(self.score("offensive"), self.score("personal_attack"))

    @property
    def abusive(self) -> bool:
        """Insulting or abusive words: the officer's answer when given, else the text classifiers' reading."""
        answer = self.answers.get("personal_abuse")
        if answer is not None and answer.value in ("yes", "no"):
            return answer.value == "yes"
        return self.abusive_score >= TEXT_HIGH

    @property
    def disrespectful(self) -> bool:
        """Wording rude enough to raise the respect paragraph at all; mild or warm words never do."""
        answer = self.answers.get("personal_abuse")
        if answer is not None and answer.value in ("yes", "no"):
            return answer.value == "yes"
        return self.abusive_score >= TEXT_DISRESPECT

    @property
    def degrading(self) -> bool:
        """Abuse beyond name-calling: slurs, sexual or bodily insults, or words the complaint calls crude or obscene."""
        return bool(DEGRADING_WORDING.search(self.member_text))

    # posts ---------------------------------------------------------------------------------------------------
    @property
    def only_replies(self) -> bool:
        """Every post by the member was a reply in an exchange (not a post about the person to an audience)."""
        if self.interactions and self.interactions <= {"reply"}:
            return True
        # a post recorded with the default kind, whose words describe a back-and-forth with the person
        return self.interactions == {"original_post"} and bool(EXCHANGE_WORDING.search(self.member_text))

    @property
    def councillor_account(self) -> bool:
        return bool(self.account_kinds & COUNCILLOR_ACCOUNTS)

    @property
    def all_private(self) -> bool:
        return bool(self.visibilities) and self.visibilities <= PRIVATE_VISIBILITY

    @property
    def only_endorsement(self) -> bool:
        return bool(self.interactions) and self.interactions <= {"like", "share"}

    @property
    def capacity_pointers(self) -> list[str]:
        """The facts that point towards acting as a councillor (labelling policy Stage A)."""
        pointers = []
        if self.yes("acting_as_councillor"):
            pointers.append("acting")
        if self.yes("identified_as_councillor"):
            pointers.append("identified")
        if self.councillor_account:
            pointers.append("account")
        if self.yes("council_business"):
            pointers.append("council_business")
        if self.yes("non_public_information"):
            pointers.append("non_public_information")
        if self.yes("council_resources_used"):
            pointers.append("resources")
        return pointers

    @property
    def serious_content(self) -> bool:
        """Discriminatory or threatening content by the member, as found by the officer (text scores alone are not
        enough: they cannot tell rude from grossly abusive reliably)."""
        return self.yes("discriminatory") or self.yes("threatening")


def _before(day: date | None, limit: str | None) -> bool:
    start = parse_date(limit)
    return bool(day and start and day < start)


def build_facts(case: CaseFile | Mapping[str, Any], code: CodeOfConduct, text_models: TextModelsLike | None) -> Facts:
    """Everything the rules need, computed once per case."""
    case = CaseFile.coerce(case)
    mine = case.member_posts
    member = case.subject_member
    post_dates = [d for d in (parse_date(p.posted_on) for p in mine) if d]
    texts = [p.text for p in mine]
    member_text = "\n".join(texts)
    scores = threat_scores(texts) if texts else []
    urgent = tuple(urgent_flags(case.posts, scores))
    return Facts(
        case=case,
        code=code,
        jurisdiction=case.jurisdiction or code.jurisdiction or "england",
        answers=resolve_answers(case),
        text=summarise_text(case, text_models),
        role=member.role,
        in_office=member.in_office_at_time,
        complainant_kind=case.complainant.kind if case.complainant is not None else None,
        member_posts=mine,
        third_party_posts=case.third_party_posts,
        account_kinds=frozenset(p.account_kind for p in mine),
        visibilities=frozenset(p.visibility for p in mine) - {"unknown"},
        interactions=frozenset(p.interaction for p in mine),
        threat_wording=bool(THREAT_WORDING.search(member_text)),
        proceedings_wording=bool(PROCEEDINGS_WORDING.search(member_text)),
        position_wording=bool(POSITION_WORDING.search(member_text)),
        dehumanising_wording=bool(DEHUMANISING_WORDING.search(member_text)),
        duplicate_complaint=bool(case.extra.get("duplicate_of") or (case.extra.get("complaint_count") or 0) > 1),
        before_code_in_force=bool(post_dates) and all(_before(d, code.in_force_from) for d in post_dates),
        member_text=member_text,
        threat_score=max(scores, default=0.0),
        urgent=urgent,
    )

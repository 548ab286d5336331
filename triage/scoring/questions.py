"""The structured questions a monitoring officer answers, one per answer in the case-file schema.

Questions are data: the web intake form renders them in order and by group, the scorer reads their answers, and
``prefill`` suggests an answer where the case file already implies one (always with the reason, so the officer can
see and overrule it). Hints paraphrase and cite their source; they never quote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from triage.casefile.model import CaseFile

TRISTATE: tuple[str, ...] = ("yes", "no", "unknown")
TARGETS: tuple[str, ...] = (
    "councillor",
    "officer",
    "member_of_public",
    "organisation",
    "protected_group",
    "none",
    "unknown",
)

#: Groups in the order the form shows them.
GROUPS: tuple[tuple[str, str], ...] = (
    ("capacity", "Capacity: was the member acting, or seen to act, as a councillor?"),
    ("content", "Content: what the post says and whom it is about"),
    ("article10", "Freedom of expression (Article 10)"),
    ("public_interest", "Public interest and proportionality"),
)

OPTION_LABELS: dict[str, str] = {
    "yes": "Yes",
    "no": "No",
    "unknown": "Not known yet",
    "councillor": "Another councillor or politician",
    "officer": "A council officer or employee",
    "member_of_public": "A member of the public",
    "organisation": "An organisation or party",
    "protected_group": "A group sharing a protected characteristic",
    "none": "Nobody in particular",
}

Prefill = Callable[[CaseFile], "tuple[str, str] | None"]

HIGH_PROFILE_ROLES = {"leader", "cabinet_member", "mayor_or_chair", "committee_chair", "group_leader"}
ORDINARY_ROLES = {"councillor", "parish_councillor", "co_opted_member"}
COUNCILLOR_MARKER = re.compile(r"\b(cllr|councillor)\b", re.IGNORECASE)
HANDLE_MARKER = re.compile(r"cllr|councillor", re.IGNORECASE)  # handles run words together: @CllrAmyReed


@dataclass(frozen=True)
class Question:
    id: str
    group: str
    text: str
    hint: str
    source: str
    options: tuple[str, ...] = TRISTATE
    prefill: Prefill | None = field(default=None, compare=False, repr=False)
    #: Names the question inside a sentence: "Select an answer to whether …", "it depends on whether …".
    phrase: str = ""
    #: Who can usually answer it when it is not yet known: "member", "complainant", "platform", "officer".
    ask: tuple[str, ...] = ("officer",)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a form: no callables."""
        return {
            "id": self.id,
            "group": self.group,
            "text": self.text,
            "hint": self.hint,
            "source": self.source,
            "options": [{"value": o, "label": OPTION_LABELS.get(o, o)} for o in self.options],
            "prefillable": self.prefill is not None,
        }


# --- helpers over the case file --------------------------------------------------------------------------------


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


# --- prefill functions ------------------------------------------------------------------------------------------


def _prefill_acting(case: CaseFile) -> tuple[str, str] | None:
    """Only an official council account settles capacity on its own; a councillor-branded account is strong
    evidence, weighed with the rest by the scorer, because published decisions have found such posts private."""
    kinds = {p.account_kind for p in case.member_posts}
    if "council_official_account" in kinds:
        return "yes", "a post was made from an official council account"
    return None


#: A sign-off on the post's last line: "- Cllr Amy Reed", "Councillor A. Reed". Names are capitalised (case-sensitive).
SIGN_OFF = re.compile(r"^[-–—~]?\s*(?i:cllr|councillor)(?:\s+[A-Z][\w'.-]*){1,3}\.?$")
SELF_DESCRIPTION = re.compile(
    r"\b(?:as (?:your|a|the) (?:local |ward |county |district |town |parish )?councillor|i(?:'m| am) (?:your|a|the) "
    r"(?:local |ward |county |district |town |parish )?councillor|my (?:ward|residents|constituents))\b",
    re.IGNORECASE,
)


def _handle(url: str | None) -> str:
    """The account name in a post's web address (``https://x.com/CllrAmyReed/status/1`` → ``CllrAmyReed``)."""
    match = re.match(r"^(?:https?://)?(?:www\.|m\.)?[^/]+/(?:@)?([^/?#]+)", url or "")
    return match.group(1) if match else ""


def _prefill_identified(case: CaseFile) -> tuple[str, str] | None:
    """Only the member's own presentation counts: their account kind, handle, bio or sign-off. A title in the text
    ("Cllr Smith is wrong") names someone else and says nothing about how the writer presents themselves."""
    for i, post in enumerate(case.member_posts, 1):
        if post.account_kind in {"councillor_account", "council_official_account"}:
            return "yes", f"post {i} was made from a councillor or council account"
        if HANDLE_MARKER.search(_handle(post.url)) or HANDLE_MARKER.search(post.handle):
            return "yes", f"the account name on post {i} contains 'Cllr' or 'Councillor'"
        if COUNCILLOR_MARKER.search(post.bio):
            return "yes", f"the profile on post {i} describes the writer as a councillor"
        text = post.text
        lines = text.strip().splitlines()
        if (lines and SIGN_OFF.match(lines[-1].strip())) or SELF_DESCRIPTION.search(text):
            return "yes", f"in post {i} the writer signs off or describes themselves as a councillor"
    return None


def _prefill_authorship(case: CaseFile) -> tuple[str, str] | None:
    kinds = {p.account_kind for p in case.member_posts}
    if (
        kinds & {"councillor_account", "council_official_account", "personal_account"}
        and "anonymous_account" not in kinds
    ):
        return "yes", "the posts are recorded as made from the member's own account; confirm it if it is disputed"
    return None


def _prefill_high_profile(case: CaseFile) -> tuple[str, str] | None:
    role = case.subject_member.role
    if role in HIGH_PROFILE_ROLES:
        return "yes", f"the member's role is {role.replace('_', ' ')}"
    if role in ORDINARY_ROLES:
        return "no", f"the member's role is {role.replace('_', ' ')}; change to yes if they are widely known locally"
    return None


def _prefill_resources(case: CaseFile) -> tuple[str, str] | None:
    if any(p.account_kind == "council_official_account" for p in case.member_posts):
        return "yes", "a post was made from an official council account"
    return None


def _prefill_third_party(case: CaseFile) -> tuple[str, str] | None:
    others = case.third_party_posts
    if not others:
        return None
    if all(p.removed == "yes" for p in others):
        return "no", "the third-party comments in the case file are recorded as removed"
    return "yes", "the case file includes third-party comments on the member's page not recorded as removed"


def _prefill_removed(case: CaseFile) -> tuple[str, str] | None:
    posts = case.member_posts
    if posts and all(p.removed == "yes" for p in posts):
        return "yes", "every post by the member in the case file is recorded as removed"
    if any(p.removed == "no" for p in posts):
        return "no", "at least one post by the member is recorded as still up"
    return None


def _prefill_time_limit(case: CaseFile) -> tuple[str, str] | None:
    received = parse_date(case.received_on)
    dates = [d for d in (parse_date(p.posted_on) for p in case.member_posts) if d]
    if not received or not dates:
        return None
    latest = max(dates)
    learned = parse_date(case.complainant_learned_on)
    if learned and learned > latest and received <= add_months(learned, 6):
        return "yes", (
            f"the complainant learned of the post on {learned.isoformat()}, within six months of complaining"
        )
    if received > add_months(latest, 6):
        return "no", f"the latest post ({latest.isoformat()}) is more than six months before the complaint"
    return "yes", f"the latest post ({latest.isoformat()}) is within six months of the complaint"


def _prefill_repeated(case: CaseFile) -> tuple[str, str] | None:
    dates = {p.posted_on for p in case.member_posts if p.posted_on}
    if len(dates) >= 3:
        return "yes", f"the case file has posts by the member on {len(dates)} different days"
    return None


# --- the questions ----------------------------------------------------------------------------------------------

QUESTIONS: tuple[Question, ...] = (
    # Capacity
    Question(
        "authorship",
        "capacity",
        "Is the post the member's own: made from their account, and written, liked or shared by them?",
        "Check this first. An unknown or anonymous account means authorship still has to be confirmed, by the "
        "member, the complainant's screenshots or the platform; it does not mean the Code is not engaged.",
        "Initial test: sufficient evidence of a potential breach (e.g. City of York); Cornwall complaint guidance: "
        "copies of the postings",
        prefill=_prefill_authorship,
        phrase="whether the post is the member's own",
        ask=("member", "complainant", "platform"),
    ),
    Question(
        "acting_as_councillor",
        "capacity",
        "Was the member acting as a councillor, or would a reasonable member of the public who knew all the facts "
        "think they were?",
        "The LGA model Code applies when a member acts as a councillor or gives that impression to a reasonable, "
        "informed observer. There is no automatic presumption either way (Government response to the CSPL report, "
        "March 2022): weigh the account, profile, content and context. Scotland also covers posts where the member "
        "identified as, or could objectively be seen as, a councillor; in Wales some paragraphs apply at all times.",
        "LGA model Code 2020, 'Application of the Code'; Localism Act 2011 s.27(2); Livingstone v APE [2006]",
        prefill=_prefill_acting,
        phrase="whether the member was acting, or seen to act, as a councillor",
        ask=("member", "complainant"),
    ),
    Question(
        "identified_as_councillor",
        "capacity",
        "Did the member present themselves as a councillor, for example 'Cllr' in their own handle, bio or sign-off?",
        "Only the member's own presentation counts: a title in the text naming someone else does not. Using 'Cllr' "
        "or the council's name on an account is generally taken as writing as an elected member; the Standards "
        "Commission for Scotland treats a self-identified councillor as covered by the Code.",
        "Leicestershire social media guidance ('acting as a councillor'); SCS blog 'Language Matters' (2024)",
        prefill=_prefill_identified,
        phrase="whether the member presented themselves as a councillor",
        ask=("complainant", "platform"),
    ),
    Question(
        "council_business",
        "capacity",
        "Is the post about council decisions, services, meetings, staff or colleagues?",
        "The seed guidance says commenting on council functions, even as an individual councillor, is likely to be "
        "covered by the Code; private matters such as family, sport or a neighbour dispute point away from it.",
        "Leicestershire social media guidance ('working on Council business'); published decision patterns",
        phrase="whether the post is about council business",
    ),
    Question(
        "non_public_information",
        "capacity",
        "Did the post publish information the member could only have had because they are a councillor?",
        "Publishing information obtainable only through the role makes it likely the member is seen as acting "
        "officially, and may breach the confidentiality paragraph.",
        "Leicestershire social media guidance (DO: information you could not have accessed without your "
        "position); Code topic: "
        "confidentiality",
        phrase="whether the post published information only available through the role",
        ask=("officer", "member"),
    ),
    Question(
        "high_profile",
        "capacity",
        "Is the member high profile: leader, cabinet member, mayor or chair, committee chair, or widely known as a "
        "councillor?",
        "The higher a member's profile, the more likely their posts are read as official.",
        "Leicestershire social media guidance (DO: be aware that a higher profile means more likely to be seen as "
        "acting officially)",
        prefill=_prefill_high_profile,
        phrase="whether the member is high profile",
    ),
    Question(
        "council_resources_used",
        "capacity",
        "Were council devices, accounts, email, web pages or staff time used?",
        "The guidance says not to use council facilities for personal or political blogging; the Codes' resources "
        "paragraphs restrict political use of council resources.",
        "Leicestershire social media guidance (DON'T: use Council facilities); Code topic: resources",
        prefill=_prefill_resources,
        phrase="whether council resources were used",
        ask=("officer", "member"),
    ),
    # Content
    Question(
        "about_individual",
        "content",
        "Is the post aimed at an identifiable person rather than a party, policy or institution?",
        "General comment about another party or genuine political expression is less likely to be disrespectful "
        "than an attack on a named individual.",
        "Leicestershire social media guidance (DO: make political points but avoid being too specific or "
        "personal); Code topic: respect",
        phrase="whether the post is aimed at an identifiable person",
        ask=("complainant",),
    ),
    Question(
        "personal_abuse",
        "content",
        "Does the post use insulting or abusive words, beyond robust, sarcastic or mocking criticism?",
        "Robust and even offensive political criticism is protected; insulting epithets, slurs and gratuitous "
        "personal abuse are what published decisions treat as disrespect. Until this is answered the tool reads the "
        "words with its text classifiers.",
        "Published decision patterns (personal abuse versus political comment); Heesom v PSOW [2014]",
        phrase="whether the words are insulting or abusive",
    ),
    Question(
        "target",
        "content",
        "Who is the post about?",
        "Politicians must tolerate wider criticism; officers and members of the public are entitled to more "
        "protection from unwarranted personal attacks.",
        "Heesom v PSOW [2014] EWHC 1504 (Admin); Calver v APW [2012] EWHC 1172 (Admin)",
        options=TARGETS,
        phrase="who the post is about",
        ask=("complainant",),
    ),
    Question(
        "discriminatory",
        "content",
        "Is the content discriminatory, for example demeaning people for a protected characteristic?",
        "Discriminatory content engages the equality paragraphs and weighs heavily against Article 10 protection, "
        "though it is not automatically outside it; in Wales it can engage disrepute even in private messages.",
        "Code topic: equality; Equality Act 2010; Welsh Code para 6(1)(a)",
        phrase="whether the content is discriminatory",
    ),
    Question(
        "threatening",
        "content",
        "Does the post threaten death, violence or other serious harm, or encourage others to it?",
        "Threats and incitement are not protected expression and may be offences: advise the complainant about the "
        "police and consider pausing the Code process.",
        "Online Safety Act 2023 s.181 (England, Wales and Northern Ireland); Criminal Justice and Licensing "
        "(Scotland) Act 2010 s.38; Communications Act 2003 s.127; Code topics: harassment, intimidation",
        phrase="whether the post threatens or incites harm",
    ),
    Question(
        "third_party_content_left_up",
        "content",
        "Were defamatory or obscene comments by other people left on the member's page?",
        "The guidance asks members to remove such comments from their pages promptly so they are not seen to condone "
        "them.",
        "Leicestershire social media guidance (DO: keep an eye out for defamatory or obscene posts from others)",
        prefill=_prefill_third_party,
        phrase="whether other people's comments were left up",
        ask=("complainant", "platform"),
    ),
    # Article 10
    Question(
        "political_expression",
        "article10",
        "Is the post comment on political matters or public affairs, such as policy, decisions or parties?",
        "Political expression has enhanced protection even when sarcastic, mocking or harsh; gratuitous personal "
        "abuse weighs against protection even there, and threats have none. A finding of breach must be justified "
        "as necessary and proportionate.",
        "Article 10 ECHR; Calver v APW [2012]; R (Robinson) v Buckinghamshire Council [2021] EWHC 2014 (Admin)",
        phrase="whether the post is political comment",
    ),
    Question(
        "false_statement_of_fact",
        "article10",
        "Does the post make a statement of fact that appears false, for example alleging crime or dishonesty?",
        "Value judgements are protected more strongly than false statements of fact; unfounded allegations of "
        "dishonesty usually fall outside the protection given to political comment.",
        "Heesom v PSOW [2014]; LGA guidance on disrepute (no trivial or malicious allegations)",
        phrase="whether the post makes an apparently false statement of fact",
        ask=("complainant", "member"),
    ),
    # Public interest
    Question(
        "apologised",
        "public_interest",
        "Has the member apologised for the post?",
        "A prompt, genuine apology often makes further action disproportionate for a one-off, minor matter. It does "
        "not answer discriminatory, threatening or repeated conduct.",
        "Published decision patterns; Code of Conduct complaint procedures (public-interest criteria)",
        phrase="whether the member has apologised",
        ask=("member",),
    ),
    Question(
        "post_removed",
        "public_interest",
        "Has the post been taken down?",
        "Removal is not an apology. It limits continuing harm and mitigates, but never closes a case on its own.",
        "Published decision patterns; seed guidance (remove inappropriate content promptly)",
        prefill=_prefill_removed,
        phrase="whether the post has been taken down",
        ask=("complainant", "platform"),
    ),
    Question(
        "tit_for_tat",
        "public_interest",
        "Does the complaint look politically motivated or retaliatory?",
        "Many councils' assessment criteria filter out tit-for-tat complaints between political opponents that "
        "lack substance.",
        "Local assessment criteria (e.g. City of York, Melton); CSPL 2019 best practice on a public-interest test",
        phrase="whether the complaint looks politically motivated",
    ),
    Question(
        "repeated_conduct",
        "public_interest",
        "Is this part of repeated conduct or a campaign against one person?",
        "A continuing pattern makes investigation more proportionate and may amount to bullying or harassment.",
        "Local assessment criteria (e.g. Maidstone: a continuing pattern); Code topic: bullying",
        prefill=_prefill_repeated,
        phrase="whether this is part of repeated conduct",
        ask=("complainant",),
    ),
    Question(
        "within_time_limit",
        "public_interest",
        "Was the complaint made within six months of the post, or of when the complainant learned of it?",
        "A time limit is a discretion, never a bar: consider when the complainant learned of the post, whether it "
        "is still up, and how serious it is.",
        "Local assessment criteria (e.g. Brent's indicative six-month time frame; Maidstone: time passed)",
        prefill=_prefill_time_limit,
        phrase="whether the complaint was made in time",
        ask=("complainant",),
    ),
)

#: Answers older case files gave to questions that have since been split, and how they read now.
LEGACY_ANSWERS: dict[str, str] = {"apology_or_removal": "post_removed"}

QUESTIONS_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


def questions_in_group(group: str) -> tuple[Question, ...]:
    return tuple(q for q in QUESTIONS if q.group == group)


@dataclass(frozen=True)
class ResolvedAnswer:
    value: str
    origin: str  # "officer", "implied" (prefilled from the case data), "inferred" (estimated by the tool) or "unknown"
    why: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "origin": self.origin, "why": self.why}


def resolve_answers(case: CaseFile | Mapping[str, Any]) -> dict[str, ResolvedAnswer]:
    """The officer's answers, with prefilled values for those left unknown (marked as implied, with the reason)."""
    case = CaseFile.coerce(case)
    given = dict(case.answers)
    for old, new in LEGACY_ANSWERS.items():
        # "apologised or removed the post" = yes proves only the weaker of the two: removal. Never an apology.
        if given.get(old) in ("yes", "no") and given.get(new) in (None, "unknown"):
            given[new] = given[old]
    out: dict[str, ResolvedAnswer] = {}
    for q in QUESTIONS:
        value = given.get(q.id)
        if value is not None and value != "unknown":
            out[q.id] = ResolvedAnswer(value, "officer")
            continue
        suggestion = q.prefill(case) if q.prefill else None
        if suggestion is not None:
            out[q.id] = ResolvedAnswer(suggestion[0], "implied", suggestion[1])
        else:
            out[q.id] = ResolvedAnswer("unknown", "unknown")
    return out

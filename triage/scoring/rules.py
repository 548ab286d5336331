"""Declarative rules: one per principle, each a plain-English sentence with its source and a small predicate.

Stages follow published practice and the sample-case labelling policy: jurisdiction, capacity, breach if proven,
Article 10, public interest, then flags. A rule's ``source`` is a list of citations; ``code:<topic>`` entries are
resolved at run time to the paragraph of the Code the case is assessed against (e.g. ``code:respect`` becomes
"LGA Model Councillor Code of Conduct 2020, para 1.2 (Respect)" for an officer: a Code is cited by its title).

Effects:
  ``+capacity`` / ``-capacity``   points towards / away from the Code being engaged
  ``not_engaged``                 the law is categorical: the Code cannot be engaged (explicit override)
  ``+breach:<topic>``             would be a breach of that topic's paragraph if proven
  ``-breach``                     points away from a breach
  ``protects`` / ``unprotected`` / ``-protection``   Article 10 protection of the expression
  ``+action`` / ``-action``       public-interest factors for and against taking the complaint further
  ``flag:<kind>``                 something the officer must act on or bear in mind, whatever the outcome
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from triage.scoring.features import TEXT_HIGH, TEXT_VERY_HIGH, Facts
from triage.scoring.types import Reason

ALL = frozenset({"england", "wales", "scotland"})
ENGLAND = frozenset({"england"})
WALES = frozenset({"wales"})
SCOTLAND = frozenset({"scotland"})

# Citations used by several rules (our short references; see docs/model-card.md for the list of sources).
SEED = "Leicestershire councils, Social media guidance for councillors"
GOVT_2022 = "Government response to CSPL 'Local Government Ethical Standards' (March 2022): no automatic presumption"
SCS_LANGUAGE = "Standards Commission for Scotland, 'Language Matters' (2024)"
PSOW_FACTSHEET = "PSOW factsheet: Code applies in some instances in a personal capacity"
CALVER = "R (Calver) v Adjudication Panel for Wales [2012] EWHC 1172 (Admin)"
HEESOM = "Heesom v Public Services Ombudsman for Wales [2014] EWHC 1504 (Admin)"
ROBINSON = "R (Robinson) v Buckinghamshire Council [2021] EWHC 2014 (Admin)"
LIVINGSTONE = "Livingstone v Adjudication Panel for England [2006] EWHC 2533 (Admin)"
ART10 = "Article 10 ECHR (Human Rights Act 1998 s.6)"
ASSESSMENT_CRITERIA = "Local initial-assessment criteria (e.g. City of York, Maidstone, Brent)"
PATTERNS = (
    "Patterns in published decisions on councillors' online posts (ombudsman, standards committee and hearing "
    "decisions)"
)
POLICE_PRACTICE = "Council practice: advise police report and pause the Code process (e.g. Maidstone, Nuneaton)"

#: Criminal law differs by nation: ``law:<offence>`` sources resolve to the statute in force where the case is.
LAW: dict[str, dict[str, str]] = {
    # The statute behind "does the Code apply?" and the Code's own application clause, by nation.
    "capacity": {
        "england": "Localism Act 2011 s.27(2)",
        "wales": "Local Government Act 2000 Part III",
        "scotland": "Ethical Standards in Public Life etc. (Scotland) Act 2000",
    },
    "application": {
        "england": "LGA model Code 2020, 'Application of the Code'",
        "wales": "Wales Model Code of Conduct para 2",
        "scotland": "Councillors' Code of Conduct (Scotland) 2021, application",
    },
    "threat": {
        "england": "Online Safety Act 2023 s.181 (threatening communications); Communications Act 2003 s.127",
        "wales": "Online Safety Act 2023 s.181 (threatening communications); Communications Act 2003 s.127",
        "scotland": "Criminal Justice and Licensing (Scotland) Act 2010 s.38 (threatening or abusive behaviour); "
        "Communications Act 2003 s.127",
    },
    "grossly_offensive": {
        "england": "Malicious Communications Act 1988 s.1; Communications Act 2003 s.127(1)",
        "wales": "Malicious Communications Act 1988 s.1; Communications Act 2003 s.127(1)",
        "scotland": "Communications Act 2003 s.127(1); Criminal Justice and Licensing (Scotland) Act 2010 s.38",
    },
    "false": {
        "england": "Online Safety Act 2023 s.179 (false communications)",
        "wales": "Online Safety Act 2023 s.179 (false communications)",
        "scotland": "Criminal Justice and Licensing (Scotland) Act 2010 s.38 (where the conduct is threatening or "
        "abusive); the civil law of defamation",
    },
}


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    effect: str
    text: str
    source: tuple[str, ...]
    when: Callable[[Facts], bool]
    jurisdictions: frozenset[str] = ALL
    #: The question whose answer the rule rests on, so its reason can say who gave that answer.
    question: str | None = None

    @property
    def topic(self) -> str | None:
        """The Code topic a ``+breach:<topic>`` rule points at."""
        return self.effect.split(":", 1)[1] if self.effect.startswith("+breach:") else None

    def applies(self, facts: Facts) -> bool:
        return facts.jurisdiction in self.jurisdictions and bool(self.when(facts))

    def resolved_source(self, facts: Facts) -> str:
        parts = []
        for src in self.source:
            if src.startswith("code:"):
                parts.append(facts.code.cite(src.removeprefix("code:"), facts.target))
            elif src.startswith("law:"):
                parts.append(
                    LAW[src.removeprefix("law:")].get(facts.jurisdiction, LAW[src.removeprefix("law:")]["england"])
                )
            else:
                parts.append(src)
        return "; ".join(parts)

    def reason(self, facts: Facts, weight: float | None = None) -> Reason:
        text = self.text
        if self.question and self.question in facts.answers:
            answer = facts.answers[self.question]
            if answer.origin == "implied":
                text += f" (Suggested by the case details: {answer.why}; the officer has not confirmed it.)"
            elif answer.origin == "inferred":
                text += " (The tool's estimate; the officer has not answered this.)"
        return Reason(self.id, text, self.effect, self.resolved_source(facts), self.stage, weight)


def _any_pointer(f: Facts) -> bool:
    return bool(f.capacity_pointers)


def _private_matter(f: Facts) -> bool:
    """Nothing about the role in the account, profile or content (labelling policy: pointers away)."""
    return not f.capacity_pointers and not f.yes("high_profile") and f.no("council_business")


def _text_council(f: Facts) -> bool:
    return f.text.available and f.score("council_business") >= TEXT_HIGH


def _personal_abuse(f: Facts) -> bool:
    """Abusive words aimed at an identifiable person."""
    return f.yes("about_individual") and f.abusive


def _has_breach_content(f: Facts) -> bool:
    return (
        _personal_abuse(f)
        or f.yes("discriminatory")
        or f.yes("threatening")
        or f.yes("non_public_information")
        or f.yes("council_resources_used")
        or (f.yes("false_statement_of_fact") and f.yes("about_individual"))
    )


RULES: tuple[Rule, ...] = (
    # ---- Stage A: jurisdiction -----------------------------------------------------------------------------
    Rule(
        "JUR-NOT-IN-OFFICE",
        "jurisdiction",
        "not_engaged",
        "The member was not in office when the post was made, so the Code of Conduct cannot apply to it.",
        ("law:capacity", "law:application", "Initial test: member in office and Code in force (e.g. Hastings 2019)"),
        lambda f: f.in_office == "no",
    ),
    Rule(
        "JUR-FORMER-MEMBER",
        "jurisdiction",
        "-capacity",
        "The subject is recorded as a former member and it is not confirmed they were in office when posting; "
        "check the dates, because the Code only covers conduct while in office.",
        ("law:capacity", "law:application"),
        lambda f: f.role == "former_member" and f.in_office == "unknown",
    ),
    Rule(
        "JUR-IN-OFFICE",
        "jurisdiction",
        "+capacity",
        "The member was in office when the post was made, so the first initial test is met.",
        ("law:capacity", "Initial test: member in office and Code in force (e.g. Hastings 2019)"),
        lambda f: f.in_office == "yes",
    ),
    Rule(
        "JUR-CODE-NOT-IN-FORCE",
        "jurisdiction",
        "not_engaged",
        "Every post predates the date this Code came into force, so it cannot be judged against this Code.",
        ("Code in force date (configured Code data)",),
        lambda f: f.before_code_in_force,
    ),
    Rule(
        "AUTH-NOT-MEMBER",
        "jurisdiction",
        "not_engaged",
        "It is recorded that the post is not the member's own, so the Code of Conduct cannot apply to it.",
        ("law:capacity", "Initial test: the complaint is about the named member's conduct (e.g. Hastings 2019)"),
        lambda f: f.no("authorship"),
        question="authorship",
    ),
    Rule(
        "AUTH-UNCONFIRMED",
        "jurisdiction",
        "check",
        "It is not yet confirmed that the post is the member's own: the account is unknown or anonymous. Ask the "
        "member, ask the complainant for screenshots showing the account, or ask the platform. This does not mean "
        "the Code is not engaged.",
        (
            "Initial test: sufficient evidence of a potential breach (e.g. City of York)",
            "Cornwall complaint guidance: copies of the postings are required",
        ),
        lambda f: (
            f.a("authorship") == "unknown"
            and bool(f.account_kinds)
            and f.account_kinds <= {"unknown", "anonymous_account"}
        ),
    ),
    # ---- Stage A: capacity ---------------------------------------------------------------------------------
    Rule(
        "CAP-ACTING",
        "capacity",
        "+capacity",
        "The member was acting, or appeared to a reasonable observer to act, as a councillor.",
        ("law:application", "law:capacity"),
        lambda f: f.yes("acting_as_councillor"),
        question="acting_as_councillor",
    ),
    Rule(
        "CAP-NOT-ACTING",
        "capacity",
        "-capacity",
        "The member was not acting, and did not appear to act, as a councillor.",
        ("law:application", LIVINGSTONE),
        lambda f: f.no("acting_as_councillor"),
        question="acting_as_councillor",
    ),
    Rule(
        "CAP-CLLR-HANDLE",
        "capacity",
        "+capacity",
        "The member presented themselves as a councillor ('Cllr' or 'Councillor' in the handle, bio, text or "
        "sign-off), which is generally read as writing as an elected member.",
        (SEED + ": acting as a councillor or giving that impression", PATTERNS),
        lambda f: f.yes("identified_as_councillor"),
        ENGLAND | WALES,
        question="identified_as_councillor",
    ),
    Rule(
        "CAP-SCOT-IDENTIFIED",
        "capacity",
        "+capacity",
        "In Scotland the Code applies where a councillor has identified as one, for example on a social-media "
        "account, and this member did.",
        (SCS_LANGUAGE, "Councillors' Code of Conduct (Scotland) 2021, application"),
        lambda f: f.yes("identified_as_councillor"),
        SCOTLAND,
    ),
    Rule(
        "CAP-COUNCILLOR-ACCOUNT",
        "capacity",
        "+capacity",
        "The post came from an account presented as a councillor account or an official council account.",
        (SEED, PATTERNS),
        lambda f: f.councillor_account,
    ),
    Rule(
        "CAP-COUNCIL-BUSINESS",
        "capacity",
        "+capacity",
        "The post is about council business; the guidance says commenting on council functions, even as an "
        "individual councillor, is likely to be covered by the Code.",
        (SEED + ": communicating about council functions", PATTERNS),
        lambda f: f.yes("council_business"),
        ENGLAND | WALES,
    ),
    Rule(
        "CAP-SCOT-OBJECTIVE",
        "capacity",
        "+capacity",
        "In Scotland the Code applies where a member could objectively be seen as acting as a councillor, which "
        "includes commenting on council matters online.",
        (SCS_LANGUAGE,),
        lambda f: f.yes("council_business"),
        SCOTLAND,
    ),
    Rule(
        "CAP-TEXT-COUNCIL-BUSINESS",
        "capacity",
        "+capacity",
        "The officer has not yet said whether the post concerns council business, but the text classifier finds "
        "council-business wording; confirm this.",
        ("The text classifier for council business, trained on public labelled posts",),
        lambda f: f.a("council_business") == "unknown" and _text_council(f),
    ),
    Rule(
        "CAP-NON-PUBLIC-INFO",
        "capacity",
        "+capacity",
        "The post used information the member could only have had as a councillor, so they are likely to be seen "
        "as acting in that capacity.",
        (SEED + ": publishing information only available through the position",),
        lambda f: f.yes("non_public_information"),
    ),
    Rule(
        "CAP-RESOURCES",
        "capacity",
        "+capacity",
        "Council resources (devices, accounts, email, pages or staff time) were used for the post.",
        (SEED + ": do not use council facilities for personal or political blogs", "code:resources"),
        lambda f: f.yes("council_resources_used"),
    ),
    Rule(
        "CAP-HIGH-PROFILE",
        "capacity",
        "+capacity",
        "The member is high profile; the higher the profile, the more likely posts are read as official.",
        (SEED + ": higher profile, more likely seen as acting officially",),
        lambda f: f.yes("high_profile"),
    ),
    Rule(
        "CAP-PRIVATE-MATTER",
        "capacity",
        "-capacity",
        "Nothing in the account, profile or content refers to the council role, and the post is about a private "
        "matter; a reasonable observer would not think the member was acting as a councillor.",
        ("law:application", GOVT_2022, LIVINGSTONE),
        _private_matter,
        ENGLAND | WALES,
    ),
    Rule(
        "CAP-SCOT-PRIVATE-LIFE",
        "capacity",
        "-capacity",
        "The Scottish Code does not reach purely private or family life, and nothing here identifies the member as "
        "a councillor or concerns council matters.",
        (SCS_LANGUAGE, "Standards Commission for Scotland: Codes do not apply to family or private life"),
        _private_matter,
        SCOTLAND,
    ),
    Rule(
        "CAP-NO-PRESUMPTION",
        "capacity",
        "check",
        "Nothing recorded yet settles whether the member was acting as a councillor. There is no automatic "
        "presumption either way: weigh the account, the profile, the content and its context.",
        (GOVT_2022, "law:application"),
        lambda f: (
            f.a("acting_as_councillor") == "unknown"
            and not _any_pointer(f)
            and not f.yes("high_profile")
            and not _private_matter(f)
            and not _text_council(f)
        ),
        ENGLAND,
    ),
    Rule(
        "CAP-PRIVATE-CHANNEL",
        "capacity",
        "-capacity",
        "The posts were in private messages or a closed group, and nothing recorded shows they concern council "
        "business.",
        (PATTERNS,),
        lambda f: f.all_private and not f.yes("council_business") and not _any_pointer(f),
    ),
    Rule(
        "CAP-WALES-ANY-TIME",
        "capacity",
        "+capacity",
        "In Wales paragraph 2(1)(d) of the Model Code applies the disrepute paragraph (6(1)(a)) and the misuse of "
        "position paragraph (7) at all times, so conduct that could bring the office into disrepute engages the "
        "Code even when the member was not acting as a councillor.",
        ("Wales Model Code of Conduct para 2(1)(d)", "code:disrepute", PSOW_FACTSHEET),
        lambda f: (
            not f.yes("acting_as_councillor")
            and not f.no("authorship")
            and (
                f.serious_content
                or f.abusive
                or f.position_wording
                or f.yes("false_statement_of_fact")
                or f.yes("non_public_information")
            )
        ),
        WALES,
    ),
    # ---- Stage B: breach if proven -------------------------------------------------------------------------
    Rule(
        "BR-RESPECT-PERSONAL",
        "breach",
        "+breach:respect",
        "The post attacks an identifiable person in abusive terms; if proven this could breach the respect paragraph.",
        ("code:respect", SEED + ": an attack on individuals may be seen as disrespectful"),
        _personal_abuse,
    ),
    Rule(
        "BR-RESPECT-OFFICER",
        "breach",
        "+breach:respect",
        "The post criticises a named officer or employee in personal terms; officers cannot answer back publicly "
        "and are owed respect for the role they play.",
        ("code:respect", HEESOM),
        lambda f: (
            f.target == "officer" and f.yes("about_individual") and (f.abusive or f.yes("false_statement_of_fact"))
        ),
    ),
    Rule(
        "BR-RESPECT-PUBLIC",
        "breach",
        "+breach:respect",
        "The post is rude or abusive towards a member of the public, who is entitled to more protection than a "
        "politician.",
        ("code:respect", HEESOM),
        lambda f: f.target == "member_of_public" and f.abusive,
    ),
    Rule(
        "BR-PERSONAL-NOT-POLITICAL",
        "breach",
        "+breach:respect",
        "The post is about an identifiable person and is not political expression, so it does not get the enhanced "
        "protection of political debate; if its words are disrespectful this could breach the respect paragraph.",
        ("code:respect", SEED + ": be careful about being too specific or personal when referring to individuals"),
        lambda f: (
            f.yes("about_individual")
            and f.no("political_expression")
            and f.target in {"councillor", "officer", "member_of_public"}
            and (f.disrespectful or f.yes("false_statement_of_fact"))
        ),
    ),
    Rule(
        "BR-THIRD-PARTY-LEFT-UP",
        "breach",
        "+breach:disrepute",
        "Defamatory or abusive comments by others were left on the member's page after they could have removed "
        "them, which can be seen as condoning them.",
        ("code:disrepute", SEED + ": remove defamatory or obscene posts from others as soon as possible"),
        lambda f: f.yes("third_party_content_left_up"),
    ),
    Rule(
        "BR-BULLYING",
        "breach",
        "+breach:bullying",
        "The conduct is repeated and aimed at one identifiable person; if proven this could be bullying or harassment.",
        ("code:bullying", "code:harassment", ASSESSMENT_CRITERIA + ": continuing pattern"),
        lambda f: f.yes("repeated_conduct") and f.yes("about_individual") and f.target not in {"organisation", "none"},
    ),
    Rule(
        "BR-IMPARTIALITY",
        "breach",
        "+breach:impartiality",
        "The member publicly attacks or pressures a named officer outside political debate, which can compromise "
        "the impartiality officers must keep.",
        ("code:impartiality", HEESOM),
        lambda f: (
            f.target == "officer"
            and f.yes("about_individual")
            and f.no("political_expression")
            and not f.only_endorsement
            and not f.yes("third_party_content_left_up")
        ),
    ),
    Rule(
        "BR-HARASSMENT-THREAT",
        "breach",
        "+breach:harassment",
        "The post threatens harm; if proven a threat is harassment and conduct no Code permits.",
        ("code:harassment", "code:disrepute"),
        lambda f: f.yes("threatening"),
    ),
    Rule(
        "BR-EQUALITY",
        "breach",
        "+breach:equality",
        "The content is discriminatory; if proven this could breach the equality paragraph.",
        ("code:equality", "Equality Act 2010"),
        lambda f: f.yes("discriminatory"),
    ),
    Rule(
        "BR-CONFIDENTIALITY",
        "breach",
        "+breach:confidentiality",
        "The post discloses information available only through the role; if it was confidential this could breach "
        "the confidentiality paragraph unless a public-interest exception applies.",
        ("code:confidentiality", SEED + ": information you could not have accessed without your position"),
        lambda f: f.yes("non_public_information"),
    ),
    Rule(
        "BR-DISREPUTE-FALSE",
        "breach",
        "+breach:disrepute",
        "The post states as fact something that appears false about an identifiable person (for example alleging "
        "crime or dishonesty); if proven this could bring the role or council into disrepute.",
        ("code:disrepute", "LGA guidance on disrepute: no trivial or malicious allegations", HEESOM),
        lambda f: f.yes("false_statement_of_fact") and f.yes("about_individual"),
    ),
    Rule(
        "BR-DISREPUTE-SERIOUS",
        "breach",
        "+breach:disrepute",
        "Discriminatory or threatening content by a councillor could reasonably be regarded as bringing the office "
        "or council into disrepute.",
        ("code:disrepute", SEED + ": the disrepute requirement"),
        lambda f: f.serious_content,
    ),
    Rule(
        "BR-POSITION",
        "breach",
        "+breach:position",
        "The member used information or influence available only through the role in a way that could advantage "
        "or disadvantage someone; if proven this could be misuse of position.",
        ("code:position",),
        lambda f: f.yes("non_public_information") and f.yes("about_individual") and f.abusive,
    ),
    Rule(
        "BR-POSITION-WORDING",
        "breach",
        "+breach:position",
        "The wording offers or boasts of using the councillor role or influence to get someone an advantage or a "
        "disadvantage (for example a 'quiet word' or a 'favour'); if proven this could be misuse of position.",
        ("code:position", "Wording cue: phrases such as 'quiet word', 'a favour', 'bumped up the list'"),
        lambda f: f.position_wording,
    ),
    Rule(
        "BR-RESOURCES",
        "breach",
        "+breach:resources",
        "Council resources were used for the post; party-political or personal use could breach the resources "
        "paragraph.",
        ("code:resources", SEED + ": do not use council facilities for personal or political blogs"),
        lambda f: f.yes("council_resources_used"),
    ),
    Rule(
        "BR-INTIMIDATION",
        "breach",
        "+breach:intimidation",
        "The post refers to a complaint or Code proceedings and is aimed at a person in threatening, abusive or "
        "repeated terms; if proven this could be intimidation of someone involved in the process.",
        ("code:intimidation",),
        lambda f: (
            f.proceedings_wording
            and f.yes("about_individual")
            and (f.yes("threatening") or f.threat_wording or f.abusive or f.yes("repeated_conduct"))
        ),
    ),
    Rule(
        "BR-ENDORSEMENT",
        "breach",
        "+breach:respect",
        "The member liked or shared someone else's abusive content; endorsing or amplifying a post can engage the "
        "Code in the same way as writing it.",
        ("code:respect", "LGA 'Councillors and social media': sharing content shares responsibility", PATTERNS),
        lambda f: f.only_endorsement and (f.abusive or f.yes("discriminatory")),
    ),
    Rule(
        "BR-GENERAL-POLITICAL",
        "breach",
        "-breach",
        "The post is general political comment about a party, policy or institution rather than an attack on an "
        "individual, which the guidance treats as unlikely to be disrespectful.",
        (SEED + ": general comments about another party are less likely to be viewed as disrespect",),
        lambda f: f.yes("political_expression") and f.no("about_individual") and not f.serious_content,
    ),
    Rule(
        "BR-NO-BREACH-CONTENT",
        "breach",
        "-breach",
        "Nothing found so far (answers or wording) suggests disrespect, discrimination, threats, disclosure or "
        "misuse of resources.",
        (PATTERNS,),
        lambda f: not _has_breach_content(f) and not f.yes("repeated_conduct") and not f.abusive,
    ),
    # ---- Stage C: Article 10 -------------------------------------------------------------------------------
    Rule(
        "A10-POLITICAL",
        "article10",
        "protects",
        "The post is political expression, which has enhanced protection even when sarcastic, mocking or harsh.",
        (ART10, CALVER, ROBINSON),
        lambda f: f.yes("political_expression"),
    ),
    Rule(
        "A10-POLITICIAN-TARGET",
        "article10",
        "protects",
        "The post is aimed at a politician, who must tolerate wider limits of acceptable criticism than a private "
        "individual or an officer.",
        (ART10, HEESOM, "Leicestershire assessment panel advice: wider limits for politicians"),
        lambda f: f.target == "councillor",
    ),
    Rule(
        "A10-VALUE-JUDGEMENT",
        "article10",
        "protects",
        "The post expresses opinion or value judgement rather than a false statement of fact.",
        (ART10, HEESOM),
        lambda f: f.no("false_statement_of_fact") and f.yes("political_expression"),
    ),
    Rule(
        "A10-OFFICER-TARGET",
        "article10",
        "-protection",
        "The post is aimed at a council officer, who is entitled to protection from unwarranted personal attacks "
        "and cannot reply in kind.",
        (HEESOM,),
        lambda f: f.target == "officer" and f.yes("about_individual"),
    ),
    Rule(
        "A10-PUBLIC-TARGET",
        "article10",
        "-protection",
        "The post is aimed at a member of the public, who has not entered political life and is owed more "
        "protection than a politician.",
        (HEESOM, ART10),
        lambda f: f.target == "member_of_public",
    ),
    Rule(
        "A10-FALSE-FACT",
        "article10",
        "unprotected",
        "A false statement of fact, especially an unfounded allegation of crime or dishonesty, does not get the "
        "protection given to political opinion.",
        (HEESOM, "North Norfolk investigator: personal abuse or false statements lack enhanced protection"),
        lambda f: f.yes("false_statement_of_fact"),
    ),
    Rule(
        "A10-GRATUITOUS-ABUSE",
        "article10",
        "-protection",
        "The wording reads as gratuitous personal abuse of an identifiable person. Even in political debate, "
        "personal abuse weighs against protection; the weighing needs the officer's own view of the words.",
        (HEESOM, "Mack v Standards Commission for Scotland (Court of Session, 2022): gratuitous personal abuse"),
        lambda f: f.yes("about_individual") and f.score("personal_attack") >= TEXT_VERY_HIGH,
    ),
    Rule(
        "A10-HATE",
        "article10",
        "-protection",
        "Discriminatory content weighs heavily against Article 10 protection, because restricting it protects the "
        "rights of others. It is not automatically outside Article 10: the weighing is still needed, and only "
        "expression aimed at destroying others' Convention rights falls outside it altogether.",
        (ART10 + ": Article 10(2), protection of the rights of others", "Article 17 ECHR (abuse of rights)"),
        lambda f: f.yes("discriminatory"),
    ),
    Rule(
        "A10-THREAT",
        "article10",
        "unprotected",
        "Threats of harm, and calls on others to cause it, are not protected expression.",
        (ART10 + " (Art 10(2))", "law:threat"),
        lambda f: f.yes("threatening"),
    ),
    # ---- Stage D: public interest --------------------------------------------------------------------------
    Rule(
        "PI-APOLOGY",
        "public_interest",
        "-action",
        "The member has apologised, which often makes further action disproportionate for a one-off, minor matter.",
        (PATTERNS, ASSESSMENT_CRITERIA),
        lambda f: f.yes("apologised"),
        question="apologised",
    ),
    Rule(
        "PI-REMOVED",
        "public_interest",
        "mitigates",
        "The post has been taken down. That limits continuing harm, but removal is not an apology and does not close "
        "the complaint on its own.",
        (PATTERNS, SEED + ": remove inappropriate content promptly"),
        lambda f: f.yes("post_removed"),
        question="post_removed",
    ),
    Rule(
        "PI-TIT-FOR-TAT",
        "public_interest",
        "-action",
        "The complaint appears politically motivated or retaliatory; assessment criteria filter out tit-for-tat "
        "complaints without substance.",
        (ASSESSMENT_CRITERIA + " (tit for tat)",),
        lambda f: f.yes("tit_for_tat"),
    ),
    Rule(
        "PI-OUT-OF-TIME",
        "public_interest",
        "-action",
        "The complaint was made more than six months after the post and after the complainant learned of it. Time "
        "limits are a discretion, not a bar: the delay weighs against action for a minor matter, but not where the "
        "conduct is serious or the post is still up.",
        ("Brent: indicative six-month time frame", "Maidstone: time passed since the conduct"),
        lambda f: f.no("within_time_limit"),
    ),
    Rule(
        "PI-REPEATED",
        "public_interest",
        "+action",
        "The conduct is repeated or part of a pattern, which makes investigation more proportionate.",
        ("Maidstone: continuing pattern", ASSESSMENT_CRITERIA),
        lambda f: f.yes("repeated_conduct"),
    ),
    Rule(
        "PI-TRIVIAL",
        "public_interest",
        "-action",
        "The matter appears minor: no individual is targeted and nothing serious is alleged.",
        (ASSESSMENT_CRITERIA + " (would not warrant a sanction)", "PSOW two-stage test: trivial matters"),
        # only when the answer is "no": an unknown target is an open question, not "no individual is targeted"
        lambda f: f.no("about_individual") and not _has_breach_content(f) and not f.abusive,
    ),
    Rule(
        "PI-LEFT-OFFICE",
        "public_interest",
        "-action",
        "The member has since left office, which limits what any outcome could achieve.",
        (PATTERNS,),
        lambda f: f.role == "former_member" and f.in_office == "yes",
    ),
    Rule(
        "PI-HIGH-PROFILE-SERIOUS",
        "public_interest",
        "+action",
        "A high-profile member posted serious content, which raises the public-confidence stakes.",
        ("PSOW public-interest test: maintaining public confidence",),
        lambda f: f.yes("high_profile") and f.serious_content,
    ),
    # ---- Flags ---------------------------------------------------------------------------------------------
    Rule(
        "FLAG-POLICE-THREAT",
        "flag",
        "flag:police",
        "The member's post threatens death or serious harm: this may be a criminal offence. Consider advising the "
        "complainant to report it to the police and pausing the Code process.",
        ("law:threat", POLICE_PRACTICE),
        lambda f: f.yes("threatening"),
    ),
    Rule(
        "FLAG-THREAT-WORDING",
        "flag",
        "flag:check_threat",
        "The wording contains phrases often used in threats, and the officer has not yet answered whether the post "
        "is threatening; check this before deciding.",
        ("law:threat",),
        lambda f: f.threat_wording and f.a("threatening") == "unknown",
    ),
    Rule(
        "FLAG-POLICE-GROSSLY-OFFENSIVE",
        "flag",
        "flag:police",
        "The content is discriminatory and dehumanising (for example calling a group vermin or perverts): it may be "
        "a grossly offensive communication. Consider advising the complainant to report it to the police and "
        "pausing the Code process.",
        ("law:grossly_offensive", POLICE_PRACTICE),
        lambda f: f.yes("discriminatory") and f.dehumanising_wording,
    ),
    Rule(
        "FLAG-POLICE-FALSE-HARMFUL",
        "flag",
        "flag:police_consider",
        "The post makes an apparently false factual allegation about a private individual or officer. If the "
        "member knew it was false and meant to cause harm, it could be an offence; note the civil defamation risk "
        "too.",
        ("law:false", POLICE_PRACTICE),
        lambda f: f.yes("false_statement_of_fact") and f.target in {"member_of_public", "officer"},
    ),
    Rule(
        "FLAG-THIRD-PARTY",
        "flag",
        "flag:third_party",
        "Defamatory or obscene comments by other people were left on the member's page; the guidance asks members "
        "to remove them so they are not seen to condone them. Those comments are not the member's own words.",
        (SEED + ": remove defamatory or obscene posts from others",),
        lambda f: f.yes("third_party_content_left_up"),
    ),
    Rule(
        "FLAG-NON-PUBLIC-INFO",
        "flag",
        "flag:confidential",
        "The post may contain confidential or non-public council information: handle the evidence accordingly and "
        "check whether it has been taken down.",
        ("code:confidentiality",),
        lambda f: f.yes("non_public_information"),
    ),
    Rule(
        "FLAG-LIKES-SHARES",
        "flag",
        "flag:endorsement",
        "The complaint includes likes or shares; endorsing or amplifying someone else's post can count as the "
        "member's own conduct.",
        ("Standards Commission for Scotland, 'Pause before you post!' (2021)", "LGA 'Councillors and social media'"),
        lambda f: bool(f.interactions & {"like", "share"}),
    ),
    Rule(
        "FLAG-ANONYMOUS",
        "flag",
        "flag:anonymous",
        "The complainant is anonymous; many procedures accept anonymous complaints only where there is a "
        "compelling public interest.",
        ("Arun and South Hams complaint procedures",),
        lambda f: f.complainant_kind == "anonymous",
    ),
    Rule(
        "FLAG-DUPLICATE",
        "flag",
        "flag:duplicate",
        "This complaint duplicates or is one of many about the same conduct; consider handling them together.",
        (ASSESSMENT_CRITERIA + " (same as a previous complaint)",),
        lambda f: f.duplicate_complaint,
    ),
    Rule(
        "FLAG-ROUTE-PSOW",
        "flag",
        "flag:route",
        "In Wales the Public Services Ombudsman for Wales decides whether to investigate a Code complaint, not the "
        "council's monitoring officer. This assessment supports the council's referral to the Ombudsman, or local "
        "resolution for a town or community council.",
        ("Local Government Act 2000 Part III; PSOW two-stage test",),
        lambda f: True,
        WALES,
    ),
    Rule(
        "FLAG-ROUTE-ESC",
        "flag",
        "flag:route",
        "In Scotland Code complaints about councillors go to the Ethical Standards Commissioner, who investigates, "
        "and the Standards Commission for Scotland decides; this assessment supports that referral, not a decision.",
        ("Ethical Standards in Public Life etc. (Scotland) Act 2000",),
        lambda f: True,
        SCOTLAND,
    ),
)

RULES = (
    *RULES,
    Rule(
        "FLAG-ROUTE-PARISH",
        "flag",
        "flag:route",
        "The member sits on a parish or town council. The district or unitary council's monitoring officer deals "
        "with the complaint under its arrangements and recommends any action to the parish, which decides it.",
        ("Localism Act 2011 s.28(6) and (11)", "e.g. South Hams councillor complaint process"),
        lambda f: f.role == "parish_councillor",
        ENGLAND,
    ),
    Rule(
        "FLAG-SIGNPOST-POLICE",
        "flag",
        "flag:signpost_police",
        "The Code of Conduct cannot apply here, but the post may be a criminal offence: signpost the complainant to "
        "the police. There is no Code process to pause.",
        ("law:threat", POLICE_PRACTICE),
        lambda f: (
            (f.in_office == "no" or f.no("authorship") or f.before_code_in_force)
            and (f.yes("threatening") or any(u.kind in ("threat", "incitement") for u in f.urgent))
        ),
    ),
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def fire(facts: Facts) -> list[Rule]:
    """The rules that apply to these facts, in declaration order."""
    return [rule for rule in RULES if rule.applies(facts)]

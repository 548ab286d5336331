"""Law and process for each nation, as data: who decides, whether there is an Independent Person, what each outcome
leads to, how to seek a review, and which criminal law applies.

The note and the letters read one :class:`Process` chosen by :func:`process_for` (nation, and whether the member
sits on a parish or town council); templates never branch on the nation. Every sentence paraphrases the law and
published practice and names its source from :mod:`triage.sources`.
"""

from __future__ import annotations

from dataclasses import dataclass

ENGLAND_CAPACITY = (
    (
        "The Code governs what a member does in their capacity as a member: when they act as a councillor, misuse "
        "their position, or behave so that a reasonable member of the public who knew all the facts would think they "
        "were acting as a councillor.",
        "Localism Act 2011 s.27(2); LGA Model Councillor Code of Conduct, Application of the Code",
    ),
    (
        "There is no automatic presumption either way: the context of each post, the account used and how the member "
        "presents themselves all matter. Comment made purely in a private capacity falls outside the Code, even if it "
        "is offensive.",
        "Government response to the Committee on Standards in Public Life; "
        "Livingstone v Adjudication Panel for England [2006] EWHC 2533 (Admin)",
    ),
)

POLICE_ENGLAND_WALES = (
    "Threatening, grossly offensive or knowingly false messages may be offences under the Online Safety Act 2023 "
    "(sections 179 and 181), the Malicious Communications Act 1988 and the Communications Act 2003 (section 127)."
)
POLICE_SCOTLAND = (
    "Threatening or abusive behaviour may be an offence under section 38 of the Criminal Justice and Licensing "
    "(Scotland) Act 2010, and improper use of a communications network under section 127 of the Communications Act "
    "2003. The Online Safety Act 2023 offences of threatening and false communications do not extend to Scotland."
)

REVIEW_ENGLAND = (
    "There is no statutory right of appeal against this decision. The council's arrangements for dealing with Code "
    "of Conduct complaints say whether either party may ask for it to be reviewed, and how. If you think the council "
    "handled the complaint with fault, you may ask the Local Government and Social Care Ombudsman to look at how it "
    "was handled; the Ombudsman does not act as an appeal against the decision itself."
)


@dataclass(frozen=True)
class Process:
    key: str
    name: str
    #: Who decides what happens to the complaint, in one paragraph.
    decides: str
    capacity_tests: tuple[tuple[str, str], ...]
    #: The Independent Person's part, or ``""`` where the nation's process has none.
    independent_person: str
    #: What the member may do about the Independent Person (their letter), or ``""``.
    member_rights: str
    #: What each outcome leads to.
    next_steps: dict[str, str]
    #: How each outcome reads in this nation's process, where it differs from the plain label.
    outcome_words: dict[str, str]
    review: str
    criminal_law: str
    sources: str

    @property
    def has_independent_person(self) -> bool:
        return bool(self.independent_person)


ENGLAND = Process(
    key="england",
    name="England",
    decides=(
        "The council's monitoring officer decides whether to take no further action, seek informal resolution or "
        "refer the complaint for investigation, under the council's arrangements and after consulting the "
        "Independent Person where those arrangements say so."
    ),
    capacity_tests=ENGLAND_CAPACITY,
    independent_person=(
        "The council must seek and take into account the views of an Independent Person before deciding an "
        "allegation it has investigated, and may seek them at other stages, including initial assessment."
    ),
    member_rights=(
        "You may also seek the views of the council's Independent Person on this complaint (Localism Act 2011, "
        "s.28(7)(b))."
    ),
    next_steps={
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
            "be appointed and will contact both parties. The Independent Person's views will be sought and taken "
            "into account before the allegation is decided."
        ),
        "police_referral": (
            "The conduct described may be a criminal offence, which is a matter for the police, not the council. The "
            "complainant is advised to report it to the police. The Code of Conduct process is paused until the "
            "police have decided whether to act; the monitoring officer will then consider the complaint again."
        ),
    },
    outcome_words={},
    review=REVIEW_ENGLAND,
    criminal_law=POLICE_ENGLAND_WALES,
    sources="Localism Act 2011 s.28",
)

ENGLAND_PARISH = Process(
    key="england_parish",
    name="England (parish or town council)",
    decides=(
        "The member sits on a parish or town council. The district or unitary council's monitoring officer deals with "
        "the complaint under that council's arrangements, consulting its Independent Person. Where action is needed, "
        "the district council recommends it and the parish or town council decides whether to take it."
    ),
    capacity_tests=ENGLAND_CAPACITY,
    independent_person=ENGLAND.independent_person.replace("The council", "The district or unitary council"),
    member_rights=ENGLAND.member_rights,
    next_steps={
        **ENGLAND.next_steps,
        "informal_resolution": (
            "The monitoring officer will seek an informal resolution with the member, which may include an apology, "
            "removing the post or training, and may involve the clerk or chair of the parish or town council."
        ),
        "investigation": (
            "The complaint will be investigated under the district or unitary council's arrangements, and the "
            "Independent Person's views sought before the allegation is decided. If a breach is found, any action is "
            "recommended to the parish or town council, which decides whether to take it."
        ),
    },
    outcome_words={},
    review=REVIEW_ENGLAND,
    criminal_law=POLICE_ENGLAND_WALES,
    sources="Localism Act 2011 s.28(6) and (11)",
)

WALES = Process(
    key="wales",
    name="Wales",
    decides=(
        "In Wales the Public Services Ombudsman for Wales decides whether to investigate a complaint that a member "
        "has breached the Code of Conduct; the council's monitoring officer does not. This assessment supports the "
        "council's advice to the complainant, its referral to the Ombudsman, or local resolution (mainly for town "
        "and community councils). Cases the Ombudsman investigates go to the council's standards committee or the "
        "Adjudication Panel for Wales."
    ),
    capacity_tests=(
        (
            "Most of the Code applies when the member acts, claims to act or gives the impression of acting as a "
            "member or as a representative of the authority.",
            "Local Government Act 2000 Part 3; Model Code of Conduct (Wales)",
        ),
        (
            "Paragraph 2(1)(d) extends the disrepute paragraph (6(1)(a)) and the misuse-of-position paragraph (7) to "
            "all times, so conduct in private life, including private messages that later become public, can engage "
            "them.",
            "Wales Model Code of Conduct para 2(1)(d)",
        ),
        (
            "The Ombudsman applies a two-stage test: is there direct evidence suggesting a breach, and is "
            "investigation needed in the public interest?",
            "Public Services Ombudsman for Wales",
        ),
    ),
    independent_person="",
    member_rights="",
    next_steps={
        "no_further_action": (
            "The council will take no further action itself and will not refer the complaint to the Ombudsman. The "
            "complainant may still complain directly to the Public Services Ombudsman for Wales, who decides whether "
            "to investigate."
        ),
        "informal_resolution": (
            "The council will try to resolve the matter locally with the member, for example by an apology. Local "
            "resolution does not stop the complainant complaining to the Public Services Ombudsman for Wales."
        ),
        "investigation": (
            "The complaint will be referred to the Public Services Ombudsman for Wales, who decides whether to "
            "investigate. If the Ombudsman investigates and finds evidence of a breach, the case goes to the "
            "council's standards committee or the Adjudication Panel for Wales."
        ),
        "police_referral": (
            "The conduct described may be a criminal offence, which is a matter for the police. The complainant is "
            "advised to report it to the police. The council will tell the Ombudsman, and the Code of Conduct "
            "process waits until the police have decided whether to act."
        ),
    },
    outcome_words={"investigation": "Refer to the Public Services Ombudsman for Wales"},
    review=(
        "The council's decision whether to refer the complaint is not a decision on it: the complainant may complain "
        "to the Public Services Ombudsman for Wales directly. The Ombudsman's own decisions can be reviewed under its "
        "review procedure, and a standards committee's decision can be appealed to the Adjudication Panel for Wales."
    ),
    criminal_law=POLICE_ENGLAND_WALES,
    sources="Local Government Act 2000 Part 3; Public Services Ombudsman for Wales",
)

SCOTLAND = Process(
    key="scotland",
    name="Scotland",
    decides=(
        "In Scotland complaints that a councillor has breached the Councillors' Code of Conduct go to the Ethical "
        "Standards Commissioner, who investigates, and the Standards Commission for Scotland decides whether to hold "
        "a hearing and any sanction. The council's monitoring officer does not decide Code complaints; this "
        "assessment supports the council's advice to the complainant or its own referral."
    ),
    capacity_tests=(
        (
            "The Code applies where a councillor is, or could objectively be seen as, acting as a councillor, "
            "including on social media where they identify as one.",
            "Councillors' Code of Conduct (Scotland) 2021; Standards Commission for Scotland",
        ),
        (
            "The Code does not extend to family or purely private life.",
            "Standards Commission for Scotland",
        ),
    ),
    independent_person="",
    member_rights="",
    next_steps={
        "no_further_action": (
            "The council will take no further action itself. The complainant may complain to the Ethical Standards "
            "Commissioner, who decides whether to investigate."
        ),
        "informal_resolution": (
            "The council may raise the matter informally with the councillor. This does not stop the complainant "
            "complaining to the Ethical Standards Commissioner."
        ),
        "investigation": (
            "The complainant is directed to the Ethical Standards Commissioner, and the council refers the matter "
            "where its own procedures allow. The Commissioner investigates and reports to the Standards Commission for "
            "Scotland, which decides whether to hold a hearing."
        ),
        "police_referral": (
            "The conduct described may be a criminal offence, which is a matter for Police Scotland. The complainant "
            "is advised to report it to the police; any Code complaint to the Ethical Standards Commissioner waits "
            "until the police have decided whether to act."
        ),
    },
    outcome_words={"investigation": "Refer to the Ethical Standards Commissioner"},
    review=(
        "The Ethical Standards Commissioner's decisions can be reviewed under the Commissioner's own procedure. A "
        "councillor may appeal a Standards Commission hearing decision to the Sheriff Principal."
    ),
    criminal_law=POLICE_SCOTLAND,
    sources="Ethical Standards in Public Life etc. (Scotland) Act 2000",
)

PROCESSES = {p.key: p for p in (ENGLAND, ENGLAND_PARISH, WALES, SCOTLAND)}


def process_for(jurisdiction: str | None, member_role: str | None = None) -> Process:
    """The process that applies: the nation's, or England's parish route for a parish or town councillor."""
    nation = str(jurisdiction or "england")
    if nation == "england" and str(member_role or "") == "parish_councillor":
        return ENGLAND_PARISH
    return PROCESSES.get(nation, ENGLAND)

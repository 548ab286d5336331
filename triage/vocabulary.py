"""Every closed vocabulary in the product, with the one label people see for each value.

Values match the case-file schema (a test checks). Each enum carries ``label`` (the noun shown on pages, PDFs,
letters and charts) and ``answer`` (how the value reads as an answer to the intake question, where that differs).
Pure Python, so the scorer and the notes can use it without the database.
"""

from __future__ import annotations

import enum


class Vocabulary(enum.StrEnum):
    """A StrEnum whose members carry their label for people; subclasses fill ``_labels`` and ``_answers``."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self]

    @property
    def answer(self) -> str:
        return _ANSWERS.get(type(self), {}).get(self) or self.label

    @classmethod
    def choices(cls, *, as_answers: bool = False) -> list[tuple[str, str]]:
        """(value, label) pairs in declaration order, for a form's radios or a filter's options."""
        return [(m.value, m.answer if as_answers else m.label) for m in cls]


class Jurisdiction(Vocabulary):
    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"


class Role(Vocabulary):
    MONITORING_OFFICER = "monitoring_officer"
    DEPUTY_MONITORING_OFFICER = "deputy_monitoring_officer"
    INDEPENDENT_PERSON = "independent_person"
    PANEL_MEMBER = "panel_member"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def is_officer(self) -> bool:
        return self in {Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER}


class MemberRole(Vocabulary):
    LEADER = "leader"
    CABINET_MEMBER = "cabinet_member"
    MAYOR_OR_CHAIR = "mayor_or_chair"
    COMMITTEE_CHAIR = "committee_chair"
    GROUP_LEADER = "group_leader"
    COUNCILLOR = "councillor"
    PARISH_COUNCILLOR = "parish_councillor"
    CO_OPTED_MEMBER = "co_opted_member"
    FORMER_MEMBER = "former_member"


class ComplainantKind(Vocabulary):
    MEMBER_OF_PUBLIC = "member_of_public"
    COUNCILLOR = "councillor"
    OFFICER = "officer"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"


class CaseStatus(Vocabulary):
    RECEIVED = "received"
    INITIAL_ASSESSMENT = "initial_assessment"
    MORE_INFORMATION = "more_information"
    PAUSED = "paused"
    DECIDED = "decided"
    INFORMAL_RESOLUTION = "informal_resolution"
    INVESTIGATION = "investigation"
    HEARING = "hearing"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Outcome(Vocabulary):
    NO_FURTHER_ACTION = "no_further_action"
    INFORMAL_RESOLUTION = "informal_resolution"
    INVESTIGATION = "investigation"
    POLICE_REFERRAL = "police_referral"


class Finding(Vocabulary):
    """What an investigator or a hearing found on an allegation."""

    BREACH = "breach"
    NO_BREACH = "no_breach"


class DocumentKind(Vocabulary):
    """Correspondence and documents kept on a case."""

    COMPLAINT_FORM = "complaint_form"
    MEMBER_RESPONSE = "member_response"
    INVESTIGATION_REPORT = "investigation_report"
    LETTER = "letter"
    EMAIL = "email"
    CALL = "call"
    OTHER = "other"


class Direction(Vocabulary):
    RECEIVED = "received"
    SENT = "sent"
    INTERNAL = "internal"


class Platform(Vocabulary):
    X = "x"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    LINKEDIN = "linkedin"
    YOUTUBE = "youtube"
    BLOG = "blog"
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    TEXT_MESSAGE = "text_message"
    OTHER = "other"


class PostAuthor(Vocabulary):
    SUBJECT_MEMBER = "subject_member"
    THIRD_PARTY = "third_party"


class AccountKind(Vocabulary):
    COUNCILLOR_ACCOUNT = "councillor_account"
    PERSONAL_ACCOUNT = "personal_account"
    COUNCIL_OFFICIAL_ACCOUNT = "council_official_account"
    ANONYMOUS_ACCOUNT = "anonymous_account"
    UNKNOWN = "unknown"


class Visibility(Vocabulary):
    PUBLIC = "public"
    CLOSED_GROUP = "closed_group"
    PRIVATE_MESSAGE = "private_message"
    UNKNOWN = "unknown"


class Interaction(Vocabulary):
    ORIGINAL_POST = "original_post"
    REPLY = "reply"
    SHARE = "share"
    LIKE = "like"


class Tristate(Vocabulary):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class ReceivedVia(Vocabulary):
    ONLINE_FORM = "online_form"
    EMAIL = "email"
    LETTER = "letter"
    TELEPHONE = "telephone"
    IN_PERSON = "in_person"
    REFERRAL = "referral"


class NoteKind(Vocabulary):
    ASSESSMENT_NOTE = "assessment_note"
    LETTER_TO_COMPLAINANT = "letter_to_complainant"
    LETTER_TO_MEMBER = "letter_to_member"


class ConsultationStage(Vocabulary):
    """When the Independent Person's views were sought (Localism Act 2011 s.28(7))."""

    ASSESSMENT = "assessment"
    POST_INVESTIGATION = "post_investigation"
    REVIEW = "review"


#: Why a case is referred to someone, as the end of "Referred to <name> …" (emails, the case page, notes).
REFERRAL_PURPOSES = {
    "consultation": "for their views as Independent Person",
    "hearing": "for a standards panel hearing",
}

_LABELS: dict[type, dict] = {
    Jurisdiction: {Jurisdiction.ENGLAND: "England", Jurisdiction.WALES: "Wales", Jurisdiction.SCOTLAND: "Scotland"},
    Role: {
        Role.MONITORING_OFFICER: "Monitoring officer",
        Role.DEPUTY_MONITORING_OFFICER: "Deputy monitoring officer",
        Role.INDEPENDENT_PERSON: "Independent Person",
        Role.PANEL_MEMBER: "Standards panel member",
        Role.ANALYST: "Analyst",
        Role.ADMIN: "Administrator",
    },
    MemberRole: {
        MemberRole.LEADER: "Leader of the council",
        MemberRole.CABINET_MEMBER: "Cabinet member",
        MemberRole.MAYOR_OR_CHAIR: "Mayor or chair of the council",
        MemberRole.COMMITTEE_CHAIR: "Committee chair",
        MemberRole.GROUP_LEADER: "Political group leader",
        MemberRole.COUNCILLOR: "Councillor",
        MemberRole.PARISH_COUNCILLOR: "Parish or town councillor",
        MemberRole.CO_OPTED_MEMBER: "Co-opted member",
        MemberRole.FORMER_MEMBER: "Former member",
    },
    ComplainantKind: {
        ComplainantKind.MEMBER_OF_PUBLIC: "Member of the public",
        ComplainantKind.COUNCILLOR: "Councillor",
        ComplainantKind.OFFICER: "Council officer or employee",
        ComplainantKind.ORGANISATION: "Organisation",
        ComplainantKind.ANONYMOUS: "Anonymous",
    },
    CaseStatus: {
        CaseStatus.RECEIVED: "Received",
        CaseStatus.INITIAL_ASSESSMENT: "Initial assessment",
        CaseStatus.MORE_INFORMATION: "More information sought",
        CaseStatus.PAUSED: "Paused for other proceedings",
        CaseStatus.DECIDED: "Decided",
        CaseStatus.INFORMAL_RESOLUTION: "Informal resolution in progress",
        CaseStatus.INVESTIGATION: "Under investigation",
        CaseStatus.HEARING: "Awaiting or at hearing",
        CaseStatus.CLOSED: "Closed",
        CaseStatus.WITHDRAWN: "Withdrawn",
    },
    Outcome: {
        Outcome.NO_FURTHER_ACTION: "No further action",
        Outcome.INFORMAL_RESOLUTION: "Informal resolution",
        Outcome.INVESTIGATION: "Refer for investigation",
        Outcome.POLICE_REFERRAL: "Refer to the police",
    },
    Finding: {Finding.BREACH: "Breach found", Finding.NO_BREACH: "No breach"},
    DocumentKind: {
        DocumentKind.COMPLAINT_FORM: "Complaint form",
        DocumentKind.MEMBER_RESPONSE: "Member's response",
        DocumentKind.INVESTIGATION_REPORT: "Investigator's report",
        DocumentKind.LETTER: "Letter",
        DocumentKind.EMAIL: "Email",
        DocumentKind.CALL: "Telephone call",
        DocumentKind.OTHER: "Other document",
    },
    Direction: {Direction.RECEIVED: "Received", Direction.SENT: "Sent", Direction.INTERNAL: "Internal note"},
    Platform: {
        Platform.X: "X (formerly Twitter)",
        Platform.FACEBOOK: "Facebook",
        Platform.INSTAGRAM: "Instagram",
        Platform.TIKTOK: "TikTok",
        Platform.LINKEDIN: "LinkedIn",
        Platform.YOUTUBE: "YouTube",
        Platform.BLOG: "Blog or website",
        Platform.WHATSAPP: "WhatsApp",
        Platform.EMAIL: "Email",
        Platform.TEXT_MESSAGE: "Text message",
        Platform.OTHER: "Other",
    },
    PostAuthor: {
        PostAuthor.SUBJECT_MEMBER: "The subject member",
        PostAuthor.THIRD_PARTY: "Someone else (a comment on the member's page or thread)",
    },
    AccountKind: {
        AccountKind.COUNCILLOR_ACCOUNT: "An account presented as the member's councillor account",
        AccountKind.PERSONAL_ACCOUNT: "A personal account",
        AccountKind.COUNCIL_OFFICIAL_ACCOUNT: "An official council account",
        AccountKind.ANONYMOUS_ACCOUNT: "An anonymous account",
        AccountKind.UNKNOWN: "Not known",
    },
    Visibility: {
        Visibility.PUBLIC: "Public",
        Visibility.CLOSED_GROUP: "A closed group",
        Visibility.PRIVATE_MESSAGE: "A private message",
        Visibility.UNKNOWN: "Not known",
    },
    Interaction: {
        Interaction.ORIGINAL_POST: "Original post",
        Interaction.REPLY: "Reply",
        Interaction.SHARE: "Share or repost",
        Interaction.LIKE: "Like or reaction",
    },
    Tristate: {Tristate.YES: "Yes", Tristate.NO: "No", Tristate.UNKNOWN: "Not known"},
    ReceivedVia: {
        ReceivedVia.ONLINE_FORM: "Online complaint form",
        ReceivedVia.EMAIL: "Email",
        ReceivedVia.LETTER: "Letter",
        ReceivedVia.TELEPHONE: "Telephone",
        ReceivedVia.IN_PERSON: "In person",
        ReceivedVia.REFERRAL: "Referred by another body",
    },
    NoteKind: {
        NoteKind.ASSESSMENT_NOTE: "Initial assessment decision notice",
        NoteKind.LETTER_TO_COMPLAINANT: "Decision letter to the complainant",
        NoteKind.LETTER_TO_MEMBER: "Decision letter to the subject member",
    },
    ConsultationStage: {
        ConsultationStage.ASSESSMENT: "At initial assessment",
        ConsultationStage.POST_INVESTIGATION: "Before deciding the investigated allegation",
        ConsultationStage.REVIEW: "On a review of the decision",
    },
}

#: How a value reads as the answer to the intake question that asks for it ("Who wrote it?" -> "The member
#: complained about"), where that differs from the label.
_ANSWERS: dict[type, dict] = {
    ComplainantKind: {
        ComplainantKind.MEMBER_OF_PUBLIC: "A member of the public",
        ComplainantKind.COUNCILLOR: "A councillor",
        ComplainantKind.OFFICER: "A council officer or employee",
        ComplainantKind.ORGANISATION: "An organisation",
    },
    Platform: {Platform.OTHER: "Somewhere else"},
    PostAuthor: {
        PostAuthor.SUBJECT_MEMBER: "The member complained about",
        PostAuthor.THIRD_PARTY: "Someone else, on the member's page or thread",
    },
    AccountKind: {
        AccountKind.COUNCILLOR_ACCOUNT: "An account presenting them as a councillor, for example 'Cllr' in the name",
        AccountKind.ANONYMOUS_ACCOUNT: "An anonymous or pseudonymous account",
    },
    Visibility: {
        Visibility.PUBLIC: "Anyone: it was public",
        Visibility.CLOSED_GROUP: "Members of a closed or private group",
        Visibility.PRIVATE_MESSAGE: "Only the people it was sent to: a private message",
    },
    Interaction: {
        Interaction.ORIGINAL_POST: "Wrote a post of their own",
        Interaction.REPLY: "Replied to someone",
        Interaction.SHARE: "Shared or reposted someone else's post",
        Interaction.LIKE: "Liked someone else's post",
    },
}

#: Where a bare value could be read in several vocabularies, the order tried: a stage ("investigation") is a case
#: status only when named, since bare values in lists and charts are far more often decision outcomes.
ALL: tuple[type[Vocabulary], ...] = tuple(sorted(_LABELS, key=lambda vocab: vocab is CaseStatus))


def label(value: object, vocabulary: type[Vocabulary] | None = None) -> str:
    """The label for a stored value. Give the vocabulary when the bare value is ambiguous ('councillor')."""
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, Vocabulary):
        return value.label
    key = str(value)
    for vocab in (vocabulary,) if vocabulary else ALL:
        try:
            return vocab(key).label
        except ValueError:
            continue
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]

"""Vocabularies shared by the models, forms and the case-file format (values match the interchange schema)."""

from __future__ import annotations

import enum


class Jurisdiction(enum.StrEnum):
    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"


class Role(enum.StrEnum):
    MONITORING_OFFICER = "monitoring_officer"
    DEPUTY_MONITORING_OFFICER = "deputy_monitoring_officer"
    INDEPENDENT_PERSON = "independent_person"
    PANEL_MEMBER = "panel_member"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def is_officer(self) -> bool:
        return self in {Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER}


ROLE_LABELS = {
    Role.MONITORING_OFFICER: "Monitoring officer",
    Role.DEPUTY_MONITORING_OFFICER: "Deputy monitoring officer",
    Role.INDEPENDENT_PERSON: "Independent Person",
    Role.PANEL_MEMBER: "Standards panel member",
    Role.ANALYST: "Analyst",
    Role.ADMIN: "Administrator",
}


class MemberRole(enum.StrEnum):
    LEADER = "leader"
    CABINET_MEMBER = "cabinet_member"
    MAYOR_OR_CHAIR = "mayor_or_chair"
    COMMITTEE_CHAIR = "committee_chair"
    GROUP_LEADER = "group_leader"
    COUNCILLOR = "councillor"
    PARISH_COUNCILLOR = "parish_councillor"
    CO_OPTED_MEMBER = "co_opted_member"
    FORMER_MEMBER = "former_member"


class ComplainantKind(enum.StrEnum):
    MEMBER_OF_PUBLIC = "member_of_public"
    COUNCILLOR = "councillor"
    OFFICER = "officer"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"


class CaseStatus(enum.StrEnum):
    RECEIVED = "received"
    INITIAL_ASSESSMENT = "initial_assessment"
    DECIDED = "decided"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Outcome(enum.StrEnum):
    NO_FURTHER_ACTION = "no_further_action"
    INFORMAL_RESOLUTION = "informal_resolution"
    INVESTIGATION = "investigation"
    POLICE_REFERRAL = "police_referral"


class Platform(enum.StrEnum):
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


class PostAuthor(enum.StrEnum):
    SUBJECT_MEMBER = "subject_member"
    THIRD_PARTY = "third_party"


class AccountKind(enum.StrEnum):
    COUNCILLOR_ACCOUNT = "councillor_account"
    PERSONAL_ACCOUNT = "personal_account"
    COUNCIL_OFFICIAL_ACCOUNT = "council_official_account"
    ANONYMOUS_ACCOUNT = "anonymous_account"
    UNKNOWN = "unknown"


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    CLOSED_GROUP = "closed_group"
    PRIVATE_MESSAGE = "private_message"
    UNKNOWN = "unknown"


class Interaction(enum.StrEnum):
    ORIGINAL_POST = "original_post"
    REPLY = "reply"
    SHARE = "share"
    LIKE = "like"


class Tristate(enum.StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class ReceivedVia(enum.StrEnum):
    ONLINE_FORM = "online_form"
    EMAIL = "email"
    LETTER = "letter"
    TELEPHONE = "telephone"
    IN_PERSON = "in_person"
    REFERRAL = "referral"


class NoteKind(enum.StrEnum):
    ASSESSMENT_NOTE = "assessment_note"
    LETTER_TO_COMPLAINANT = "letter_to_complainant"
    LETTER_TO_MEMBER = "letter_to_member"

"""The case file as typed objects: :class:`CaseFile` and its parts, read from and written to the interchange JSON.

``CaseFile.from_dict`` checks the JSON against the project's schema first and raises :class:`CaseFileError` with the
same field-by-field problems the CLI and the web show; ``to_json`` writes only schema-valid JSON (a test round-trips
every sample case). Keys the schema allows but this model does not name (``decision``, ``summary``, labels) travel
in ``extra`` unchanged, so nothing is lost on the way through.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from triage.casefile import validate_case_file

TRISTATE = ("yes", "no", "unknown")


class CaseFileError(ValueError):
    """The JSON is not a valid case file; ``problems`` name each field at fault."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [], {})}


@dataclass(frozen=True)
class Complainant:
    kind: str
    name: str = ""
    email: str = ""
    confidentiality_requested: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Complainant:
        return cls(
            kind=data.get("kind", "member_of_public"),
            name=data.get("name") or "",
            email=data.get("email") or "",
            confidentiality_requested=bool(data.get("confidentiality_requested", False)),
        )

    def to_json(self) -> dict[str, Any]:
        out = _drop_empty({"kind": self.kind, "name": self.name, "email": self.email})
        if self.confidentiality_requested or self.name or self.email:
            out["confidentiality_requested"] = self.confidentiality_requested
        return out


@dataclass(frozen=True)
class SubjectMember:
    name: str
    council: str = ""
    party: str = ""
    role: str | None = None
    in_office_at_time: str = "unknown"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SubjectMember:
        return cls(
            name=data.get("name") or "",
            council=data.get("council") or "",
            party=data.get("party") or "",
            role=data.get("role"),
            in_office_at_time=data.get("in_office_at_time") or "unknown",
        )

    def to_json(self) -> dict[str, Any]:
        out = _drop_empty({"name": self.name, "council": self.council, "party": self.party, "role": self.role})
        out["in_office_at_time"] = self.in_office_at_time
        return out


@dataclass(frozen=True)
class Post:
    text: str
    platform: str | None = None
    url: str = ""
    handle: str = ""
    bio: str = ""
    posted_on: str | None = None
    author: str = "subject_member"
    account_kind: str = "unknown"
    visibility: str = "unknown"
    interaction: str = "original_post"
    removed: str = "unknown"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Post:
        return cls(
            text=data.get("text") or "",
            platform=data.get("platform"),
            url=data.get("url") or "",
            handle=data.get("handle") or "",
            bio=data.get("bio") or "",
            posted_on=data.get("posted_on"),
            author=data.get("author") or "subject_member",
            account_kind=data.get("account_kind") or "unknown",
            visibility=data.get("visibility") or "unknown",
            interaction=data.get("interaction") or "original_post",
            removed=data.get("removed") or "unknown",
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "author": self.author,
            "account_kind": self.account_kind,
            "visibility": self.visibility,
            "interaction": self.interaction,
            "removed": self.removed,
            **_drop_empty(
                {
                    "platform": self.platform,
                    "url": self.url,
                    "handle": self.handle,
                    "bio": self.bio,
                    "posted_on": self.posted_on,
                }
            ),
        }


@dataclass(frozen=True)
class UrgentReview:
    kind: str
    reason: str


@dataclass(frozen=True)
class CaseFile:
    subject_member: SubjectMember
    posts: tuple[Post, ...]
    reference: str = ""
    #: "england", "wales" or "scotland"; empty when the file does not say (the Code's or the council's nation then
    #: applies, and England where neither says).
    jurisdiction: str = ""
    code: str = ""
    received_on: str | None = None
    complainant_learned_on: str | None = None
    complainant: Complainant | None = None
    answers: dict[str, str] = field(default_factory=dict)
    urgent_reviews: tuple[UrgentReview, ...] = ()
    #: Keys the schema allows that this model does not name, kept as they came.
    extra: dict[str, Any] = field(default_factory=dict)

    NAMED = (
        "reference",
        "jurisdiction",
        "code",
        "received_on",
        "complainant_learned_on",
        "complainant",
        "subject_member",
        "posts",
        "answers",
        "urgent_reviews",
    )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseFile:
        """A checked case file: raises :class:`CaseFileError` naming each field at fault."""
        problems = validate_case_file(data)
        if problems:
            raise CaseFileError(problems)
        return cls.read(data)

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> CaseFile:
        """A case file read as it is, without the schema check: missing parts take their intake defaults.

        For inputs that are partial by design, such as the evaluation's case files with answers blanked and the
        tests' small builders. Anything from a user goes through :meth:`from_dict`."""
        return cls(
            reference=data.get("reference") or "",
            jurisdiction=data.get("jurisdiction") or "",
            code=data.get("code") or "",
            received_on=data.get("received_on"),
            complainant_learned_on=data.get("complainant_learned_on"),
            complainant=Complainant.from_dict(data["complainant"]) if data.get("complainant") else None,
            subject_member=SubjectMember.from_dict(data.get("subject_member") or {}),
            posts=tuple(Post.from_dict(p) for p in data.get("posts") or ()),
            answers=dict(data.get("answers") or {}),
            urgent_reviews=tuple(
                UrgentReview(str(r.get("kind") or ""), str(r.get("reason") or ""))
                for r in data.get("urgent_reviews") or ()
                if isinstance(r, Mapping)
            ),
            extra={k: v for k, v in data.items() if k not in cls.NAMED},
        )

    @classmethod
    def coerce(cls, case: CaseFile | Mapping[str, Any]) -> CaseFile:
        """The typed case file for ``case``: itself when already typed, else read as it is (see :meth:`read`)."""
        return case if isinstance(case, CaseFile) else cls.read(case)

    @property
    def member_posts(self) -> tuple[Post, ...]:
        """Posts written, liked or shared by the member, as opposed to third parties' comments."""
        return tuple(p for p in self.posts if p.author == "subject_member")

    @property
    def third_party_posts(self) -> tuple[Post, ...]:
        return tuple(p for p in self.posts if p.author == "third_party")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = _drop_empty(
            {
                "reference": self.reference,
                "jurisdiction": self.jurisdiction,
                "code": self.code,
                "received_on": self.received_on,
                "complainant_learned_on": self.complainant_learned_on,
            }
        )
        if self.complainant is not None:
            out["complainant"] = self.complainant.to_json()
        out["subject_member"] = self.subject_member.to_json()
        out["posts"] = [p.to_json() for p in self.posts]
        out["answers"] = dict(self.answers)
        if self.urgent_reviews:
            out["urgent_reviews"] = [{"kind": r.kind, "reason": r.reason} for r in self.urgent_reviews]
        out.update(self.extra)
        return out

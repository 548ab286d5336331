"""Cases: references, creation from a case file, lookup and listing."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import selectinload

from triage import redaction
from triage.casefile import model
from triage.casefile.model import CaseFile
from triage.extensions import db
from triage.models import (
    Answer,
    Case,
    CodeOfConduct,
    Complainant,
    Council,
    Member,
    Post,
    ReferenceCounter,
    UrgentReview,
)
from triage.models.enums import (
    AccountKind,
    CaseStatus,
    ComplainantKind,
    Interaction,
    Jurisdiction,
    MemberRole,
    Platform,
    PostAuthor,
    Tristate,
    Visibility,
)
from triage.plain_text import one_line

REFERENCE_PATTERN = re.compile(r"^SC-(\d{4})-(\d{4,})$")


def text_fingerprint(text: str) -> str:
    """Fingerprint of a post's words ignoring case, spacing and punctuation, to spot the same post complained
    about more than once."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"\w+", folded)
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _counter_row(year: int) -> None:
    """Make sure ``year`` has a counter row. ``INSERT ... ON CONFLICT DO NOTHING``: when two transactions start a
    year at once, PostgreSQL makes the second wait for the first and then do nothing, so neither fails."""
    table = ReferenceCounter.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(insert(table).values(year=year, last_number=0).on_conflict_do_nothing(index_elements=["year"]))


def take_reference_numbers(year: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive case numbers for ``year``; returns the first.

    One ``UPDATE ... SET last_number = last_number + n RETURNING`` statement: the database serialises it (a row
    lock in PostgreSQL, the write lock in SQLite), so two creates can never read the same last number, and a
    rolled-back create gives its number back (references stay gap-free)."""
    table = ReferenceCounter.__table__
    _counter_row(year)
    taken = db.session.execute(
        update(table)
        .where(table.c.year == year)
        .values(last_number=table.c.last_number + count)
        .returning(table.c.last_number)
    ).scalar_one()
    return taken - count + 1


def next_reference(year: int) -> str:
    return f"SC-{year}-{take_reference_numbers(year):04d}"


def reserve_reference(reference: str) -> bool:
    """Accept an imported reference if unused, and move that year's counter past it (in one statement)."""
    match = REFERENCE_PATTERN.match(reference)
    if not match or get_case_by_reference(reference) is not None:
        return False
    year, number = int(match.group(1)), int(match.group(2))
    table = ReferenceCounter.__table__
    _counter_row(year)
    db.session.execute(
        update(table)
        .where(table.c.year == year)
        .values(last_number=sql_case((table.c.last_number < number, number), else_=table.c.last_number))
    )
    return True


def get_case_by_reference(reference: str) -> Case | None:
    return db.session.scalars(select(Case).where(Case.reference == reference)).first()


def load_case_for_view(reference: str) -> Case | None:
    return db.session.scalars(
        select(Case)
        .where(Case.reference == reference)
        .options(
            selectinload(Case.posts).selectinload(Post.screenshots),
            selectinload(Case.answers),
            selectinload(Case.assessments),
            selectinload(Case.decisions),
            selectinload(Case.consultations),
            selectinload(Case.notes),
        )
    ).first()


def visible_case_page(clause, *, page: int, per_page: int) -> tuple[int, list[Case]]:
    """One page of the cases matching an access ``clause``, newest received first, with the total count."""
    total = db.session.scalar(select(func.count(Case.id)).where(clause)) or 0
    rows = db.session.scalars(
        select(Case)
        .where(clause)
        .order_by(Case.received_on.desc(), Case.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return total, list(rows)


def count_cases() -> int:
    return db.session.scalar(select(func.count(Case.id))) or 0


def _tristate(value) -> Tristate:
    return Tristate(value) if value in {"yes", "no", "unknown"} else Tristate.UNKNOWN


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _member_for(council: Council, subject: model.SubjectMember) -> Member:
    from triage.data.members import find_member

    member = find_member(council, one_line(subject.name, 200))
    if member is None:
        role = subject.role
        member = Member(
            council_id=council.id,
            name=one_line(subject.name, 200),
            party=one_line(subject.party, 120),
            role=MemberRole(role) if role and role != "former_member" else MemberRole.COUNCILLOR,
        )
        db.session.add(member)
        db.session.flush()
    return member


def _code_version_in_force(council: Council, slug: str) -> int:
    """The version of the Code a new case is logged under: the council's own, else the latest stored."""
    if council.code is not None and council.code.slug == slug:
        return council.code.version
    latest = db.session.scalars(
        select(CodeOfConduct.version).where(CodeOfConduct.slug == slug).order_by(CodeOfConduct.version.desc())
    ).first()
    return latest or 1


def case_with_source_hash(digest: str) -> Case | None:
    return db.session.scalars(select(Case).where(Case.source_hash == digest).limit(1)).first()


def create_case_from_file(
    council: Council, data: CaseFile | Mapping[str, Any], *, officer=None, source_hash: str | None = None
) -> Case:
    """Create a case from a checked case file (typed, or its JSON). `expected` labels are never stored as facts."""
    typed = CaseFile.coerce(data)
    reference = typed.reference
    if not reference or not reserve_reference(reference):
        received = _parse_date(typed.received_on) or date.today()
        reference = next_reference(received.year)
    complainant = None
    if typed.complainant is not None:
        c = typed.complainant
        complainant = Complainant(
            kind=ComplainantKind(c.kind),
            name=one_line(c.name, 200),
            email=c.email[:254],
            confidentiality_requested=c.confidentiality_requested,
        )
        db.session.add(complainant)
    sm = typed.subject_member
    member = _member_for(council, sm)
    jurisdiction = Jurisdiction(typed.jurisdiction or council.jurisdiction.value)
    from triage import codes

    code_slug = typed.code or (council.code.slug if council.code else codes.JURISDICTION_DEFAULT[jurisdiction])
    code_version = _code_version_in_force(council, code_slug)
    case = Case(
        source_hash=source_hash,
        reference=reference,
        council_id=council.id,
        status=CaseStatus.RECEIVED,
        jurisdiction=jurisdiction,
        code_slug=code_slug,
        code_version=code_version,
        received_on=_parse_date(typed.received_on) or date.today(),
        complainant_learned_on=_parse_date(typed.complainant_learned_on),
        complainant=complainant,
        member_id=member.id,
        member_name=one_line(sm.name, 200),
        member_party=one_line(sm.party, 120),
        member_role=MemberRole(sm.role) if sm.role else member.role,
        member_in_office=_tristate(sm.in_office_at_time),
        assigned_officer_id=getattr(officer, "id", None),
    )
    for position, p in enumerate(typed.posts):
        case.posts.append(
            Post(
                position=position,
                text=p.text,
                text_fingerprint=text_fingerprint(p.text),
                url=p.url[:2000],
                platform=Platform(p.platform) if p.platform else None,
                posted_on=_parse_date(p.posted_on),
                author=PostAuthor(p.author),
                account_kind=AccountKind(p.account_kind),
                visibility=Visibility(p.visibility),
                interaction=Interaction(p.interaction),
                removed=_tristate(p.removed),
            )
        )
    for question_id, value in typed.answers.items():
        case.answers.append(Answer(question_id=question_id, value=str(value)))
    # One review per kind of flag (the table allows no more); a file that repeats a kind keeps its last reason.
    reviews = {review.kind: review.reason for review in typed.urgent_reviews}
    for kind, reason in reviews.items():
        case.urgent_reviews.append(UrgentReview(kind=kind, reason=reason.strip()[:2000]))
    db.session.add(case)
    db.session.flush()
    return case


def case_file_for(case: Case, *, include_complainant: bool = True, include_member_name: bool = True) -> CaseFile:
    """The case as a typed :class:`CaseFile`. Decisions travel as an extra ``decision`` block (the schema allows it).

    Leaving out the complainant or the member's name also removes them from every free text (posts, reasons,
    review notes), with email addresses, phone numbers, postcodes and street addresses; leaving out the member's
    name also drops the posts' web addresses, which name their account."""
    withheld = [case.member_name] if not include_member_name and case.member_name else []
    if not include_complainant and case.complainant is not None and case.complainant.name:
        withheld.append(case.complainant.name)
    anonymised = not (include_complainant and include_member_name)

    confirmed = case.confirmed_removals if anonymised else []

    def clean(text: str) -> str:
        if not anonymised:
            return text
        return redaction.scrub(text, withheld, urls=not include_member_name, phrases=confirmed)

    c = case.complainant
    complainant = None
    if c is not None:
        complainant = (
            model.Complainant(c.kind.value, c.name, c.email, c.confidentiality_requested)
            if include_complainant
            else model.Complainant(c.kind.value)
        )
    member = model.SubjectMember(
        name=case.member_name if include_member_name else f"Member {case.member_id or ''}".strip(),
        council=case.council.name if case.council is not None else "",
        party=case.member_party or "",
        role=case.member_role.value if case.member_role is not None else None,
        in_office_at_time=case.member_in_office.value,
    )
    posts = tuple(
        model.Post(
            text=clean(p.text),
            platform=p.platform.value if p.platform is not None else None,
            url=p.url if include_member_name else "",
            posted_on=p.posted_on.isoformat() if p.posted_on is not None else None,
            author=p.author.value,
            account_kind=p.account_kind.value,
            visibility=p.visibility.value,
            interaction=p.interaction.value,
            removed=p.removed.value,
        )
        for p in case.posts
    )
    extra = {}
    decision = case.latest_decision
    if decision is not None:
        extra["decision"] = {
            "outcome": decision.outcome.value,
            "paragraphs": list(decision.paragraphs),
            "reasons": clean(decision.reasons),
            "decided_at": decision.decided_at.date().isoformat(),
        }
    return CaseFile(
        reference=case.reference,
        jurisdiction=case.jurisdiction.value,
        code=case.code_slug,
        received_on=case.received_on.isoformat(),
        complainant_learned_on=case.complainant_learned_on.isoformat() if case.complainant_learned_on else None,
        complainant=complainant,
        subject_member=member,
        posts=posts,
        answers={a.question_id: a.value for a in sorted(case.answers, key=lambda a: a.question_id)},
        urgent_reviews=tuple(model.UrgentReview(r.kind, clean(r.reason)) for r in case.urgent_reviews),
        extra=extra,
    )


def case_to_file(case: Case, *, include_complainant: bool = True, include_member_name: bool = True) -> dict:
    """The case in the interchange JSON (see :func:`case_file_for`)."""
    return case_file_for(
        case, include_complainant=include_complainant, include_member_name=include_member_name
    ).to_json()

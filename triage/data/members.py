"""The council's register of members, including CSV import."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from triage.data import audit
from triage.extensions import db
from triage.models import Council, Member
from triage.models.enums import MemberRole

MEMBER_CSV_COLUMNS = ("name", "party", "ward", "role", "body", "email", "term_start", "term_end")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] | None = None


def find_member(council: Council, name: str) -> Member | None:
    return db.session.scalars(
        select(Member).where(Member.council_id == council.id, func.lower(Member.name) == name.strip().lower())
    ).first()


def list_members(council: Council) -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.council_id == council.id).order_by(Member.name)))


def search_members(council: Council, query: str, limit: int = 20) -> list[Member]:
    pattern = f"%{query.strip().lower()}%"
    return list(
        db.session.scalars(
            select(Member)
            .where(Member.council_id == council.id, func.lower(Member.name).like(pattern))
            .order_by(Member.name)
            .limit(limit)
        )
    )


#: A role may be written as its label ("Leader of the council") or its short form ("leader").
_ROLES = {r.value: r for r in MemberRole} | {r.label.lower(): r for r in MemberRole}


def _parse_date(value: str, line: int, column: str, errors: list[str]) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"line {line}: {column} must be a date like 2024-05-02, not {value[:40]!r}")
        return None


@dataclass
class ParsedRow:
    line: int
    values: dict
    #: The member this row updates (same name on the same council's register), or None for a new member.
    existing: Member | None = None


@dataclass
class ParsedRegister:
    rows: list[ParsedRow]
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def parse_members_csv(council: Council, text: str) -> ParsedRegister:
    """Read a register CSV (header row first) without writing anything: the rows, which of them update an existing
    member, and an error per bad row, so a person can see exactly what an import would do before it does it."""
    reader = csv.DictReader(io.StringIO(text))
    fields = set(reader.fieldnames or [])
    if "name" not in fields:
        return ParsedRegister([], ["the header row must include a 'name' column"])
    unknown = fields - set(MEMBER_CSV_COLUMNS)
    if unknown:
        return ParsedRegister([], [f"unknown column(s): {', '.join(sorted(unknown))}"])
    errors: list[str] = []
    rows: list[ParsedRow] = []
    for line, raw in enumerate(reader, start=2):
        name = (raw.get("name") or "").strip()
        if not name:
            errors.append(f"line {line}: name is empty")
            continue
        typed = (raw.get("role") or "councillor").strip()
        role = _ROLES.get(typed.lower()) or _ROLES.get(typed.lower().replace(" ", "_").replace("-", "_"))
        if role is None:
            errors.append(f"line {line}: role {typed[:40]!r} is not one of: {', '.join(r.label for r in MemberRole)}")
            continue
        for column, limit in (("name", 200), ("party", 120), ("ward", 120), ("body", 200), ("email", 254)):
            if len((raw.get(column) or "").strip()) > limit:
                errors.append(f"line {line}: {column} must be {limit} characters or fewer")
        values = {
            "name": name[:200],
            "party": (raw.get("party") or "").strip()[:120],
            "ward": (raw.get("ward") or "").strip()[:120],
            "role": role,
            "body": (raw.get("body") or "").strip()[:200],
            "email": (raw.get("email") or "").strip()[:254],
            "term_start": _parse_date(raw.get("term_start"), line, "term_start", errors),
            "term_end": _parse_date(raw.get("term_end"), line, "term_end", errors),
        }
        if values["term_start"] and values["term_end"] and values["term_end"] < values["term_start"]:
            errors.append(f"line {line}: term_end is before term_start")
        rows.append(ParsedRow(line, values, find_member(council, name)))
    if not rows and not errors:
        errors.append("the file has a header row but no members")
    return ParsedRegister(rows, errors)


def import_members_csv(council: Council, text: str, *, actor: str = "cli", user=None) -> ImportResult:
    """Add or update members from CSV with a header row. Nothing is written unless every row is valid."""
    parsed = parse_members_csv(council, text)
    if parsed.errors:
        return ImportResult(errors=parsed.errors)
    result = ImportResult(errors=[])
    for row in parsed.rows:
        member = row.existing or find_member(council, row.values["name"])
        if member is None:
            db.session.add(Member(council_id=council.id, **row.values))
            result.created += 1
        else:
            for key, value in row.values.items():
                setattr(member, key, value)
            result.updated += 1
    db.session.flush()
    audit.record(
        "members.imported",
        "council",
        council.id,
        user=user,
        actor=None if user is not None else actor,
        after={"created": result.created, "updated": result.updated},
    )
    return result

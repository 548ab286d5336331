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


def _parse_date(value: str, line: int, column: str, errors: list[str]) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"line {line}: {column} must be a date like 2024-05-02, not {value!r}")
        return None


def import_members_csv(council: Council, text: str, *, actor: str = "cli") -> ImportResult:
    """Add or update members from CSV with a header row. Nothing is written unless every row is valid."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"name"} - set(reader.fieldnames or [])
    if missing:
        return ImportResult(errors=["the header row must include a 'name' column"])
    unknown = set(reader.fieldnames or []) - set(MEMBER_CSV_COLUMNS)
    if unknown:
        return ImportResult(errors=[f"unknown column(s): {', '.join(sorted(unknown))}"])
    errors: list[str] = []
    rows = []
    for line, raw in enumerate(reader, start=2):
        name = (raw.get("name") or "").strip()
        if not name:
            errors.append(f"line {line}: name is empty")
            continue
        role_value = (raw.get("role") or "councillor").strip().lower().replace(" ", "_").replace("-", "_")
        try:
            role = MemberRole(role_value)
        except ValueError:
            errors.append(f"line {line}: role {role_value!r} is not one of {', '.join(r.value for r in MemberRole)}")
            continue
        rows.append(
            {
                "name": name[:200],
                "party": (raw.get("party") or "").strip()[:120],
                "ward": (raw.get("ward") or "").strip()[:120],
                "role": role,
                "body": (raw.get("body") or "").strip()[:200],
                "email": (raw.get("email") or "").strip()[:254],
                "term_start": _parse_date(raw.get("term_start"), line, "term_start", errors),
                "term_end": _parse_date(raw.get("term_end"), line, "term_end", errors),
            }
        )
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult(errors=[])
    for row in rows:
        member = find_member(council, row["name"])
        if member is None:
            db.session.add(Member(council_id=council.id, **row))
            result.created += 1
        else:
            for key, value in row.items():
                setattr(member, key, value)
            result.updated += 1
    db.session.flush()
    audit.record(
        "members.imported",
        "council",
        council.id,
        actor=actor,
        after={"created": result.created, "updated": result.updated},
    )
    return result

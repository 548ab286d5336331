"""A note record from a case file (the interchange JSON), for ``triage note CASEFILE`` with no database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from triage import codes
from triage.casefile.model import CaseFile

DEFAULT_COUNCIL = "Council not named in the case file"


def code_record(code: codes.CodeOfConduct) -> dict[str, Any]:
    return {
        "id": code.id,
        "title": code.title,
        "source_note": code.source_note,
        "paragraphs": [{"id": p.id, "heading": p.heading, "text": p.text, "topic": p.topic} for p in code.paragraphs],
    }


def record_from_case_file(
    data: CaseFile | Mapping[str, Any],
    *,
    result: dict[str, Any] | None,
    council_name: str | None = None,
    code: codes.CodeOfConduct | None = None,
    assessed_at: datetime | None = None,
) -> dict[str, Any]:
    """The record :func:`triage.notes.build_note_context` reads, from a checked case file (typed, or its JSON) and
    the scorer's result on it. ``expected`` labels in the file are never read."""
    case = CaseFile.coerce(data)
    code = code or codes.code_named(case.code, case.jurisdiction)
    member = case.subject_member
    complainant = case.complainant
    decision = case.extra.get("decision")
    return {
        "reference": case.reference or "Unreferenced case file",
        "jurisdiction": case.jurisdiction or "england",
        "received_on": case.received_on,
        "decided_on": (decision or {}).get("decided_at"),
        "council": {"name": council_name or member.council or DEFAULT_COUNCIL},
        "complainant": None
        if complainant is None
        else {
            "kind": complainant.kind,
            "name": complainant.name,
            "email": complainant.email,
            "confidentiality_requested": complainant.confidentiality_requested,
        },
        "member": {
            "name": member.name,
            "role": member.role,
            "party": member.party,
            "in_office": member.in_office_at_time,
        },
        "posts": [p.to_json() | {"screenshots": []} for p in case.posts],
        "answers": dict(case.answers),
        "assessment": None
        if result is None
        else {"result": result, "created_at": assessed_at or datetime.now(UTC), "model_version": ""},
        "decisions": [
            {
                "outcome": decision.get("outcome"),
                "paragraphs": decision.get("paragraphs") or [],
                "reasons": decision.get("reasons", ""),
                "decided_at": decision.get("decided_at"),
            }
        ]
        if decision
        else [],
        "consultations": [],
        "code": code_record(code),
    }

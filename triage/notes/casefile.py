"""A note record from a case file (the interchange JSON), for ``triage note CASEFILE`` with no database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from triage import codes

DEFAULT_COUNCIL = "Council not named in the case file"


def code_record(code: codes.CodeOfConduct) -> dict[str, Any]:
    return {
        "id": code.id,
        "title": code.title,
        "source_note": code.source_note,
        "paragraphs": [{"id": p.id, "heading": p.heading, "text": p.text, "topic": p.topic} for p in code.paragraphs],
    }


def record_from_case_file(
    data: dict[str, Any],
    *,
    result: dict[str, Any] | None,
    council_name: str | None = None,
    code: codes.CodeOfConduct | None = None,
    assessed_at: datetime | None = None,
) -> dict[str, Any]:
    """The record :func:`triage.notes.build_note_context` reads, from a validated case-file dict and the scorer's
    result on it. ``expected`` labels in the file are never read."""
    code = code or codes.code_for(data)
    member = data.get("subject_member") or {}
    complainant = data.get("complainant")
    decision = data.get("decision")
    return {
        "reference": data.get("reference") or "Unreferenced case file",
        "jurisdiction": data.get("jurisdiction") or "england",
        "received_on": data.get("received_on"),
        "decided_on": (decision or {}).get("decided_at"),
        "council": {"name": council_name or member.get("council") or DEFAULT_COUNCIL},
        "complainant": dict(complainant) if complainant else None,
        "member": {
            "name": member.get("name", ""),
            "role": member.get("role"),
            "party": member.get("party", ""),
            "in_office": member.get("in_office_at_time", "unknown"),
        },
        "posts": [dict(p, screenshots=[]) for p in data.get("posts") or []],
        "answers": dict(data.get("answers") or {}),
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

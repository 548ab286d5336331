"""Audit helpers for reads that matter: viewing a case and every export (ASVS 16.3; UK GDPR accountability).

    from triage.data.audit_events import record_case_view, record_export
    record_case_view(case, current_user)                       # on the case page (and its screenshots, notes)
    record_export("case_file", current_user, case=case)        # one case in the case-file format
    record_export("cases_csv", current_user, count=len(rows), filters={"status": "open"})

The entry names the user, the case and what left the system; never the content. The caller commits.
"""

from __future__ import annotations

from typing import Any

from triage.data import audit


def record_case_view(case, user, *, part: str = "case", via: str = "web"):
    """One entry per view of a case (or of one part of it: "screenshot", "note", "timeline")."""
    return audit.record(
        "case.viewed", "case", case.reference, user=user, case_id=case.id, after={"part": part, "via": via}
    )


def record_export(
    kind: str,
    user,
    *,
    case=None,
    count: int | None = None,
    anonymised: bool | None = None,
    filters: dict[str, Any] | None = None,
    via: str = "web",
):
    """An export of data: ``kind`` names the format ("case_file", "pdf_note", "cases_csv", "backup", …)."""
    after: dict[str, Any] = {"kind": kind, "via": via}
    if count is not None:
        after["count"] = count
    if anonymised is not None:
        after["anonymised"] = anonymised
    if filters:
        after["filters"] = {str(k): str(v)[:100] for k, v in filters.items()}
    return audit.record(
        "data.exported",
        "case" if case is not None else "export",
        case.reference if case is not None else kind,
        user=user if user is not None and not isinstance(user, str) else None,
        actor=user if isinstance(user, str) else None,
        case_id=getattr(case, "id", None),
        after=after,
    )

"""Recording a standards panel hearing: the finding on each paragraph considered, any sanction, and the reasons."""

from __future__ import annotations

from datetime import date

from triage.data import audit
from triage.data.councils import case_code
from triage.extensions import db
from triage.models import Case, Hearing, User
from triage.models.base import utcnow
from triage.models.enums import Finding

MAX_TEXT = 20000


class HearingError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def paragraphs_considered(case: Case) -> list[tuple[str, str]]:
    """(id, heading) of the paragraphs the hearing decides: those named in the decision to investigate, else all."""
    code = case_code(case)
    headings = {p.id: p.heading for p in code.paragraphs}
    named = [p for d in reversed(case.decisions) for p in d.paragraphs if p in headings]
    ids = list(dict.fromkeys(named)) or list(headings)
    return [(pid, headings[pid]) for pid in ids]


def record_hearing(
    case: Case,
    *,
    by: User,
    held_on: date | None,
    panel: str,
    breached: list[str],
    sanction: str,
    sanctions: list[str],
    reasons: str,
    today: date | None = None,
) -> Hearing:
    today = today or date.today()
    if held_on is None:
        raise HearingError("held_on", "Enter the date of the hearing")
    if held_on > today:
        raise HearingError("held_on", "The date of the hearing must be today or in the past")
    if case.received_on and held_on < case.received_on:
        raise HearingError("held_on", "The hearing must be on or after the date the complaint was received")
    panel = (panel or "").strip()
    if not panel:
        raise HearingError("panel", "Enter who sat on the panel")
    considered = [pid for pid, _ in paragraphs_considered(case)]
    unknown = set(breached) - set(considered)
    if unknown:
        raise HearingError("breached", "Select paragraphs the hearing considered only")
    sanction = (sanction or "").strip()
    if sanction and sanction not in sanctions:
        raise HearingError("sanction", "Select a sanction from the list")
    if sanction and not breached:
        raise HearingError("sanction", "A sanction needs a finding of breach on at least one paragraph")
    reasons = (reasons or "").strip()
    if not reasons:
        raise HearingError("reasons", "Enter the panel's reasons")
    if len(reasons) > MAX_TEXT or len(panel) > 2000:
        raise HearingError("reasons", f"The reasons must be {MAX_TEXT:,} characters or fewer")
    row = Hearing(
        case_id=case.id,
        held_on=held_on,
        panel=panel,
        findings={pid: (Finding.BREACH if pid in breached else Finding.NO_BREACH).value for pid in considered},
        sanction=sanction,
        reasons=reasons,
        recorded_by_id=by.id,
        recorded_at=utcnow(),
    )
    case.hearings.append(row)
    case.updated_at = utcnow()  # the case changed: notes made before the hearing are out of date
    db.session.flush()
    audit.record(
        "hearing.recorded",
        "hearing",
        row.id,
        user=by,
        case_id=case.id,
        after={"held_on": held_on.isoformat(), "findings": row.findings, "sanction": sanction},
    )
    return row

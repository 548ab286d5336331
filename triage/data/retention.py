"""Retention queries: finding cases whose retention period has ended, the rows and files each holds, and deleting
them (flushing; ``triage.services.retention`` owns the transaction, the audit records and the order of work).

A case is due for disposal ``Council.retention_months`` after it was closed (closed or withdrawn; six years by
default, the "standards case file" class). A case under legal hold is never disposed of. Disposal deletes the case
and everything recorded about it (posts, screenshots, answers, assessments, decisions, Independent Person views,
notes, conflicts, referrals, intake drafts, index rows), the complainant if no other case names them, and the
stored screenshot and note files that no remaining case references by hash. It leaves one audit entry per case
holding only the reference, dates and counts: no names, no text.
"""

from __future__ import annotations

import calendar
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, select

from triage.data import search
from triage.extensions import db
from triage.models import (
    Answer,
    Assessment,
    Case,
    CaseConflict,
    CaseReferral,
    Complainant,
    Consultation,
    Council,
    Decision,
    IntakeDraft,
    Note,
    Post,
    PublicSubmission,
    Screenshot,
)
from triage.models.public import posts_of
from triage.models.search import HistoryCase, HistoryTag

LOG = logging.getLogger(__name__)
FILE_FOLDERS = {"screenshot": "screenshots", "note": "notes"}
BATCH = 200


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DueCase:
    case_id: int
    reference: str
    closed_on: date
    due_on: date
    retention_months: int
    legal_hold: bool
    files: int = 0


@dataclass
class RetentionReport:
    today: date
    due: list[DueCase] = field(default_factory=list)
    held: list[DueCase] = field(default_factory=list)


def find_due(today: date | None = None) -> RetentionReport:
    """Closed cases whose retention period has ended on or before ``today`` (held ones listed separately)."""
    today = today or date.today()
    report = RetentionReport(today)
    councils = db.session.execute(select(Council.id, Council.retention_months)).all()
    for council_id, months in councils:
        months = int(months or 72)
        # closed_on + months <= today  <=>  closed_on <= today - months (checked exactly below)
        cutoff = add_months(today, -months)
        rows = db.session.execute(
            select(Case.id, Case.reference, Case.closed_on, Case.legal_hold)
            .where(Case.council_id == council_id, Case.closed_on.is_not(None), Case.closed_on <= cutoff)
            .order_by(Case.closed_on, Case.id)
        ).all()
        files = _file_counts([r.id for r in rows])
        for case_id, reference, closed_on, hold in rows:
            due_on = add_months(closed_on, months)
            if due_on > today:
                continue
            item = DueCase(case_id, reference, closed_on, due_on, months, bool(hold), files.get(case_id, 0))
            (report.held if hold else report.due).append(item)
    return report


def _file_counts(case_ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for start in range(0, len(case_ids), 1000):
        chunk = case_ids[start : start + 1000]
        for case_id, n in db.session.execute(
            select(Post.case_id, func.count(Screenshot.id))
            .join(Screenshot, Screenshot.post_id == Post.id)
            .where(Post.case_id.in_(chunk))
            .group_by(Post.case_id)
        ):
            counts[case_id] += n
        for case_id, n in db.session.execute(
            select(Note.case_id, func.count(Note.id)).where(Note.case_id.in_(chunk)).group_by(Note.case_id)
        ):
            counts[case_id] += n
    return counts


def case_file_hashes(case_ids: list[int]) -> dict[str, set[str]]:
    screenshots = set(
        db.session.scalars(
            select(Screenshot.sha256).join(Post, Post.id == Screenshot.post_id).where(Post.case_id.in_(case_ids))
        )
    )
    notes = set(db.session.scalars(select(Note.sha256).where(Note.case_id.in_(case_ids))))
    return {"screenshot": screenshots, "note": notes}


def still_used(kind: str, hashes: set[str]) -> set[str]:
    if not hashes:
        return set()
    if kind == "screenshot":
        return screenshots_still_used(hashes)
    return set(db.session.scalars(select(Note.sha256).where(Note.sha256.in_(hashes)).distinct()))


def screenshot_hashes(data: dict | None) -> set[str]:
    """Every stored screenshot an intake draft or a public-form submission refers to: their ``posts`` (or the single
    ``post`` of forms started before more than one could be added) and screenshots not yet placed on a post."""
    shots = [s for p in posts_of(data) for s in (p.get("screenshots") or [])]
    shots += (data or {}).get("pending_screenshots") or []
    return {s["sha256"] for s in shots if isinstance(s, dict) and isinstance(s.get("sha256"), str)}


def screenshots_still_used(hashes: set[str]) -> set[str]:
    """Which of these stored screenshots something still refers to: a case's post, an intake draft, or a public-form
    submission. Files are stored once per picture, so one upload may serve several of them."""
    if not hashes:
        return set()
    used = set(db.session.scalars(select(Screenshot.sha256).where(Screenshot.sha256.in_(hashes)).distinct()))
    for column in (IntakeDraft.data, PublicSubmission.data):
        for data in db.session.scalars(select(column)):
            used |= screenshot_hashes(data) & hashes
    return used


def remove_screenshot_files(hashes: set[str]) -> int:
    """Delete the stored files (and display copies) of screenshots nothing refers to any more. Call after the
    commit that removed the last reference, so a failed commit never leaves a row pointing at a deleted file."""
    return remove_files("screenshot", hashes - screenshots_still_used(hashes))


def delete_case_rows(case_ids: list[int]) -> None:
    """Delete the cases and every row hanging off them, children first (explicit order: works on both databases
    whatever foreign keys cascade)."""
    post_ids = select(Post.id).where(Post.case_id.in_(case_ids))
    complainants = set(
        db.session.scalars(select(Case.complainant_id).where(Case.id.in_(case_ids), Case.complainant_id.is_not(None)))
    )
    db.session.execute(delete(Screenshot).where(Screenshot.post_id.in_(post_ids)))
    db.session.execute(delete(Post).where(Post.case_id.in_(case_ids)))
    for model in (Answer, Consultation, Note, CaseConflict, CaseReferral, HistoryTag, HistoryCase):
        db.session.execute(delete(model).where(model.case_id.in_(case_ids)))
    db.session.execute(delete(Decision).where(Decision.case_id.in_(case_ids)))
    db.session.execute(delete(Assessment).where(Assessment.case_id.in_(case_ids)))
    db.session.execute(delete(IntakeDraft).where(IntakeDraft.case_id.in_(case_ids)))
    search.write_rows(db.session, case_ids, [], [], [])
    db.session.execute(delete(Case).where(Case.id.in_(case_ids)))
    if complainants:
        in_use = set(
            db.session.scalars(select(Case.complainant_id).where(Case.complainant_id.in_(complainants)).distinct())
        )
        unused = complainants - in_use
        if unused:
            db.session.execute(delete(Complainant).where(Complainant.id.in_(unused)))


def remove_files(kind: str, hashes: set[str]) -> int:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / FILE_FOLDERS[kind]
    removed = 0
    for sha in hashes:
        if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
            continue
        for path in folder.glob(f"{sha}.*"):
            try:
                path.unlink()
                removed += 1
            except OSError as exc:  # pragma: no cover - reported, the row is gone either way
                LOG.warning("could not delete %s: %s", path.name, exc)
    return removed

"""Retention: due cases are listed, disposed of with their unshared files, legal holds kept, and the audit log
records the disposal without personal data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.analytics.helpers import assess, decide, make_case
from triage.commands.retention import legal_hold, retention
from triage.extensions import db
from triage.models import AuditEntry, Case, Complainant, Note, Post, Screenshot
from triage.models.search import HistoryCase

TODAY = "2031-06-30"
SHARED = "a" * 64
OWN = "b" * 64
NOTE = "c" * 64


@pytest.fixture
def cases(app, council, make_user):
    officer = make_user("monitoring_officer", email="mo@example.gov.uk")
    old = make_case(council, "Old words about bins.", received_on=date(2025, 1, 6), complainant="Olive Oldcase")
    assess(old)
    decide(old, officer, status="closed", decided_on=date(2025, 2, 3), closed_on=date(2025, 3, 1))
    held = make_case(council, "Held words.", received_on=date(2025, 1, 7))
    decide(held, officer, status="closed", decided_on=date(2025, 2, 3), closed_on=date(2025, 3, 1))
    held.legal_hold = True
    recent = make_case(council, "Recent words.", received_on=date(2025, 9, 1))
    decide(recent, officer, status="closed", decided_on=date(2025, 10, 1), closed_on=date(2025, 10, 10))
    open_case = make_case(council, "Still open.", received_on=date(2024, 1, 1))
    db.session.commit()
    folder = Path(app.config["UPLOAD_FOLDER"])
    for case, sha in ((old, SHARED), (old, OWN), (recent, SHARED)):
        post = db.session.scalars(select(Post).where(Post.case_id == case.id)).first()
        db.session.add(
            Screenshot(post_id=post.id, sha256=sha, content_type="image/png", width=1, height=1, size_bytes=8)
        )
        (folder / "screenshots").mkdir(parents=True, exist_ok=True)
        (folder / "screenshots" / f"{sha}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    db.session.add(Note(case_id=old.id, kind="assessment_note", version=1, case_version=1, sha256=NOTE, size_bytes=4))
    (folder / "notes").mkdir(parents=True, exist_ok=True)
    (folder / "notes" / f"{NOTE}.pdf").write_bytes(b"%PDF")
    db.session.commit()
    yield {"old": old.reference, "held": held.reference, "recent": recent.reference, "open": open_case.reference}
    for path in folder.glob("*/*"):
        path.unlink()


def _run(app, *args):
    result = app.test_cli_runner().invoke(retention, [*args, "--today", TODAY])
    assert result.exit_code == 0, result.output
    return result.output


def test_dry_run_lists_due_and_held_cases_and_changes_nothing(app, cases):
    output = _run(app, "--dry-run")
    assert f"{cases['old']}\tclosed 2025-03-01\tdue 2031-03-01\t3 file(s)" in output  # 72 months by default
    assert f"{cases['held']}\tclosed 2025-03-01\tLEGAL HOLD: kept" in output
    assert cases["recent"] not in output and cases["open"] not in output
    assert "1 case(s) due for disposal, 1 kept under legal hold." in output
    assert db.session.scalar(select(func.count()).select_from(Case)) == 4


def test_apply_disposes_of_the_case_its_rows_and_unshared_files(app, cases):
    folder = Path(app.config["UPLOAD_FOLDER"])
    old_id = db.session.scalar(select(Case.id).where(Case.reference == cases["old"]))
    output = _run(app, "--apply")
    assert "Disposed of 1 case(s) and 2 file(s)." in output
    db.session.expire_all()
    remaining = set(db.session.scalars(select(Case.reference)))
    assert remaining == {cases["held"], cases["recent"], cases["open"]}
    assert db.session.get(HistoryCase, old_id) is None
    assert not db.session.scalar(select(func.count()).select_from(Post).where(Post.case_id == old_id))
    assert (
        db.session.scalar(select(func.count()).select_from(Complainant).where(Complainant.name == "Olive Oldcase")) == 0
    )
    assert (folder / "screenshots" / f"{SHARED}.png").exists()  # the recent case still uses it
    assert not (folder / "screenshots" / f"{OWN}.png").exists()
    assert not (folder / "notes" / f"{NOTE}.pdf").exists()
    # a second run finds nothing more
    assert "0 case(s) due for disposal, 1 kept under legal hold." in _run(app, "--apply")


def test_disposal_is_audited_without_personal_data(app, cases):
    _run(app, "--apply")
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.in_(["case.disposed", "retention.run"])).order_by(AuditEntry.id)
    )
    entries = list(entries)
    assert [e.action for e in entries] == ["case.disposed", "retention.run"]
    disposed = entries[0]
    assert disposed.entity_id == cases["old"] and disposed.actor == "retention"
    text = json.dumps([disposed.before, disposed.after, entries[1].after])
    for personal in ("Olive", "Oldcase", "Robin", "bins", "pat.complainant", "Independent"):
        assert personal not in text
    assert disposed.after == {
        "reason": "retention period ended",
        "closed_on": "2025-03-01",
        "due_on": "2031-03-01",
        "retention_months": 72,
    }
    from triage.data.audit import verify_chain

    assert verify_chain() == []


def test_legal_hold_command_and_a_shorter_council_period(app, cases, council):
    result = app.test_cli_runner().invoke(legal_hold, [cases["held"], "--release"])
    assert result.exit_code == 0 and "released" in result.output
    council.retention_months = 12
    db.session.commit()
    output = _run(app, "--dry-run")
    assert cases["held"] in output and cases["recent"] in output  # closed October 2025, due October 2026
    assert "3 case(s) due for disposal, 0 kept under legal hold." in output

"""The audit log is append-only through the app and tamper-evident: `triage audit verify` finds any change."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text, update

from triage.commands.audit import audit_group
from triage.data import audit
from triage.data.audit_events import record_case_view, record_export
from triage.data.audit_guard import (
    AuditLogIsAppendOnly,
    audit_guard_registered,
    register_audit_guard,
    unregister_audit_guard,
)
from triage.models import AuditEntry


@pytest.fixture
def guard():
    already = audit_guard_registered()  # create_app may register it for the whole run
    register_audit_guard()
    yield
    if not already:
        unregister_audit_guard()


def _entries(db_session):
    for n in range(3):
        audit.record("case.updated", "case", f"SC-2026-000{n}", actor="tester", case_id=n, after={"n": n})
    db_session.commit()


def test_verify_passes_on_an_intact_chain(runner, db_session):
    _entries(db_session)
    result = runner.invoke(audit_group, ["verify"])
    assert result.exit_code == 0, result.output
    assert "intact: 3 entries" in result.output


def test_verify_fails_and_lists_the_problems_when_an_entry_is_edited_in_the_database(runner, db_session):
    _entries(db_session)
    # Someone with direct database access, below the ORM guard.
    db_session.connection().execute(
        text("UPDATE audit_entry SET actor = 'someone-else' WHERE entity_id = 'SC-2026-0001'")
    )
    db_session.commit()
    result = runner.invoke(audit_group, ["verify"])
    assert result.exit_code == 1
    assert "contents do not match its MAC (edited)" in result.output
    assert "Edits: 1" in result.output and "BROKEN" in result.output


def test_verify_detects_a_deleted_entry(runner, db_session):
    _entries(db_session)
    db_session.connection().execute(text("DELETE FROM audit_entry WHERE entity_id = 'SC-2026-0001'"))
    db_session.commit()
    result = runner.invoke(audit_group, ["verify"])
    assert result.exit_code == 1 and "entries 2 to 2 are missing" in result.output and "Gaps: 1" in result.output


def test_rewriting_an_entry_and_recomputing_every_later_hash_is_detected_without_the_key(runner, db_session):
    """The attack that defeated the unkeyed chain: change an actor, recompute SHA-256s forward, rewind the head."""
    import hashlib
    import json

    _entries(db_session)
    rows = db_session.connection().execute(text("SELECT * FROM audit_entry ORDER BY seq")).mappings().all()
    prev = ""
    for row in rows:
        actor = "someone-else" if row["entity_id"] == "SC-2026-0001" else row["actor"]
        at = row["at"] if not isinstance(row["at"], str) else row["at"]
        payload = json.dumps(
            [
                prev,
                str(at),
                actor,
                row["action"],
                row["entity"],
                row["entity_id"],
                row["case_id"],
                json.loads(row["before"]) if isinstance(row["before"], str) else row["before"],
                json.loads(row["after"]) if isinstance(row["after"], str) else row["after"],
            ],
            sort_keys=True,
            default=str,
            separators=(",", ":"),
        )
        forged = hashlib.sha256(payload.encode()).hexdigest()
        db_session.connection().execute(
            text("UPDATE audit_entry SET actor = :a, prev_hash = :p, hash = :h WHERE id = :id"),
            {"a": actor, "p": prev, "h": forged, "id": row["id"]},
        )
        prev = forged
    db_session.connection().execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
    db_session.commit()
    result = runner.invoke(audit_group, ["verify"])
    assert result.exit_code == 1
    assert "Edits: 3" in result.output


def test_deleting_the_newest_entries_is_caught_by_a_signed_checkpoint(app, runner, db_session, tmp_path):
    original = app.config["AUDIT_CHECKPOINT_FILE"]
    app.config["AUDIT_CHECKPOINT_FILE"] = str(tmp_path / "checkpoints.log")
    try:
        _entries(db_session)
        assert runner.invoke(audit_group, ["checkpoint"]).exit_code == 0
        assert (tmp_path / "checkpoints.log").stat().st_mode & 0o777 == 0o600
        db_session.connection().execute(text("DELETE FROM audit_entry WHERE seq > 1"))
        db_session.connection().execute(
            text("UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit_entry WHERE seq = 1)")
        )
        db_session.commit()
        result = runner.invoke(audit_group, ["verify"])
        assert result.exit_code == 1
        assert "Truncation: 1" in result.output and "no longer in the log (truncated)" in result.output
        # A checkpoint line forged without the key is reported, not trusted.
        with open(tmp_path / "checkpoints.log", "a") as handle:
            handle.write('{"seq": 1, "hash": "x", "at": "2026-01-01T00:00:00+00:00", "mac": "00", "reason": "x"}\n')
        assert "signature does not verify" in runner.invoke(audit_group, ["verify"]).output
    finally:
        app.config["AUDIT_CHECKPOINT_FILE"] = original


def test_orm_guard_refuses_updates_and_deletes(db_session, guard):
    _entries(db_session)
    entry = db_session.scalars(select(AuditEntry)).first()
    entry.actor = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db_session.flush()
    db_session.rollback()
    entry = db_session.scalars(select(AuditEntry)).first()
    db_session.delete(entry)
    with pytest.raises(AuditLogIsAppendOnly):
        db_session.flush()
    db_session.rollback()
    with pytest.raises(AuditLogIsAppendOnly):
        db_session.execute(update(AuditEntry).values(actor="x"))
    db_session.rollback()
    with pytest.raises(AuditLogIsAppendOnly):
        db_session.execute(delete(AuditEntry))
    db_session.rollback()
    # Appending still works.
    audit.record("case.viewed", "case", "SC-2026-0009", actor="tester")
    db_session.commit()
    assert audit.verify_chain() == []


def test_no_route_can_edit_or_delete_audit_entries(app):
    for rule in app.url_map.iter_rules():
        methods = rule.methods - {"GET", "HEAD", "OPTIONS"}
        if "audit" in rule.rule:
            assert not methods, f"{rule.rule} accepts {methods}"


def test_view_and_export_helpers_record_who_and_what_without_content(db_session):
    from tests.security.helpers import create

    officer = create("monitoring_officer")

    class FakeCase:
        id, reference = 7, "SC-2026-0007"

    record_case_view(FakeCase, officer, part="screenshot")
    record_export("cases_csv", officer, count=12, filters={"status": "open"})
    record_export("case_file", "cli", case=FakeCase, anonymised=True, via="cli")
    db_session.commit()
    rows = db_session.scalars(select(AuditEntry).where(AuditEntry.action.in_(["case.viewed", "data.exported"]))).all()
    assert [(r.action, r.case_id, r.actor) for r in rows] == [
        ("case.viewed", 7, officer.email),
        ("data.exported", None, officer.email),
        ("data.exported", 7, "cli"),
    ]
    assert rows[1].after == {"kind": "cases_csv", "via": "web", "count": 12, "filters": {"status": "open"}}

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
    assert "contents do not match its hash" in result.output
    assert "BROKEN" in result.output


def test_verify_detects_a_deleted_entry(runner, db_session):
    _entries(db_session)
    db_session.connection().execute(text("DELETE FROM audit_entry WHERE entity_id = 'SC-2026-0001'"))
    db_session.commit()
    result = runner.invoke(audit_group, ["verify"])
    assert result.exit_code == 1 and "previous-hash link broken" in result.output


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

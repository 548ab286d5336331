from sqlalchemy import update

from triage.data import audit
from triage.models import AuditEntry


def test_audit_chain_verifies_and_detects_tampering(db_session):
    audit.record("case.created", "case", "SC-2026-0001", actor="tester", case_id=1, after={"status": "received"})
    audit.record(
        "case.updated",
        "case",
        "SC-2026-0001",
        actor="tester",
        case_id=1,
        before={"status": "received"},
        after={"status": "initial_assessment"},
    )
    db_session.commit()
    assert audit.verify_chain() == []
    table = AuditEntry.__table__  # bypasses the ORM guard, as someone editing the database directly would
    db_session.execute(update(table).where(table.c.action == "case.created").values(actor="someone-else"))
    db_session.commit()
    problems = audit.verify_chain()
    assert any("contents do not match" in p for p in problems)


def test_entries_link_to_their_predecessor(db_session):
    first = audit.record("a", "x", 1, actor="t")
    second = audit.record("b", "x", 2, actor="t")
    assert second.prev_hash == first.hash
    assert first.prev_hash == ""

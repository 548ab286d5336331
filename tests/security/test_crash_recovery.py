"""A process killed in the middle of writing a draft leaves the last committed version intact and the database
sound (SQLite in WAL mode recovers on the next open). The browser version of this test, with the real intake and
`triage run`, is tests/browser/test_crash_recovery.py."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

from sqlalchemy import select

from triage import create_app
from triage.extensions import db

WRITER = """
import os, signal, sys
from triage import create_app
from triage.extensions import db
from triage.models import IntakeDraft
app = create_app()
with app.app_context():
    draft = db.session.scalars(db.select(IntakeDraft)).one()
    draft.data = {**draft.data, "complainant": {"name": "half-written", "kind": "officer"}}
    draft.last_step = "complainant"
    db.session.flush()  # the UPDATE is in the database's journal, not yet committed
    print("flushed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_kill_during_a_draft_write_keeps_the_committed_draft(tmp_path):
    from flask_migrate import upgrade

    from triage import MIGRATIONS_DIR
    from triage.data.councils import create_council
    from triage.data.users import create_user
    from triage.models import IntakeDraft
    from triage.models.enums import Jurisdiction, Role

    url = f"sqlite:///{tmp_path / 'triage.sqlite3'}"
    config = {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k" * 40, "TESTING": True}
    app = create_app(config)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        council = create_council("Killshire", Jurisdiction.ENGLAND, "lga-model-2020", actor="test")
        user = create_user(
            "mo@example.gov.uk", "Mo", Role.MONITORING_OFFICER, "lantern-orbit-cabbage-thimble", actor="test"
        )
        saved = {"received": {"received_on": "2026-11-20", "received_via": "email"}}
        db.session.add(
            IntakeDraft(public_id="a" * 32, user_id=user.id, council_id=council.id, data=saved, last_step="received")
        )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()

    env = {**os.environ, "DATABASE_URL": url, "TRIAGE_INSTANCE": str(tmp_path), "SECRET_KEY": "k" * 40}
    env.pop("TEST_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", WRITER], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "flushed" in result.stdout

    with sqlite3.connect(tmp_path / "triage.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    app = create_app(config)
    with app.app_context():
        draft = db.session.scalars(select(IntakeDraft)).one()
        assert draft.data == saved and draft.last_step == "received" and draft.version == 1
        draft.data = {**draft.data, "complainant": {"name": "Jo", "kind": "member_of_public"}}
        db.session.commit()  # and work carries on
        assert draft.version == 2
        db.session.remove()
        db.engine.dispose()

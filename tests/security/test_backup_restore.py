"""`triage backup` / `triage restore`: every case, every stored file and the audit chain survive a round trip,
SQLite to SQLite and (in the PostgreSQL run) PostgreSQL to PostgreSQL and SQLite to PostgreSQL; a restore never
overwrites data without --force and refuses a damaged archive."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy import inspect as sqlalchemy_inspect

from tests.conftest import REPO_ROOT, TEST_PASSWORD
from triage import MIGRATIONS_DIR, create_app
from triage.commands.backup import backup_command, restore_command
from triage.extensions import db

PG = os.environ.get("TEST_DATABASE_URL", "")


@pytest.fixture
def pg_schema():
    """Throwaway schemas on the PostgreSQL test server (as in tests/test_migrations.py)."""
    admin = create_engine(PG)
    made = []

    def _make() -> str:
        schema = f"bk_{uuid.uuid4().hex[:10]}"
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        made.append(schema)
        sep = "&" if "?" in PG else "?"
        return f"{PG}{sep}options=-csearch_path%3D{schema}"

    yield _make
    with admin.begin() as conn:
        for schema in made:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _app(url: str, root):
    root.mkdir(parents=True, exist_ok=True)
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_PATH": str(root),
            "UPLOAD_FOLDER": str(root / "files"),
            "SECRET_KEY": "b" * 40,
            "AUDIT_KEY": "a" * 40,  # the same council's key, kept outside the database and the backup
            "TESTING": True,
        }
    )


def _seed(app) -> None:
    from triage.data import audit, users
    from triage.data.cases import create_case_from_file
    from triage.data.councils import create_council, ensure_shipped_codes
    from triage.models.enums import Jurisdiction, Role

    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        ensure_shipped_codes()
        council = create_council("Backupshire Council", Jurisdiction.ENGLAND, "lga-model-2020", actor="test")
        officer = users.create_user("mo@example.gov.uk", "Morgan Officer", Role.MONITORING_OFFICER, TEST_PASSWORD)
        users.enrol_mfa(officer, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", 5)
        for path in sorted((REPO_ROOT / "sample_cases").glob("*.json"))[:8]:
            data = json.loads(path.read_text())
            data["posts"][0]["text"] += " — naïve “quotes” 😀 \u202e"
            case = create_case_from_file(council, data, officer=officer)
            audit.record("case.imported", "case", case.reference, actor="test", case_id=case.id)
        db.session.commit()
        files = Path(app.config["UPLOAD_FOLDER"])
        (files / "ab").mkdir(parents=True, exist_ok=True)
        (files / "ab" / ("ab" + "0" * 62 + ".png")).write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2048))
        (files / "note.pdf").write_bytes(b"%PDF-1.7 " + os.urandom(512))
        db.session.remove()
        db.engine.dispose()


def _snapshot(app) -> dict:
    from triage.data import audit
    from triage.data.cases import case_to_file
    from triage.models import Base, Case

    with app.app_context():
        cases = {c.reference: case_to_file(c) for c in db.session.scalars(select(Case).order_by(Case.reference))}
        counts = {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
        problems = audit.verify_chain()
        db.session.remove()
        db.engine.dispose()
    root = Path(app.config["UPLOAD_FOLDER"])
    files = {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }
    return {"cases": cases, "counts": counts, "files": files, "audit": problems}


def _round_trip(source, target, archive) -> None:
    _seed(source)
    before = _snapshot(source)
    assert len(before["cases"]) == 8 and before["audit"] == []
    result = source.test_cli_runner().invoke(backup_command, ["-o", str(archive)])
    assert result.exit_code == 0, result.output
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    result = target.test_cli_runner().invoke(restore_command, [str(archive)])
    assert result.exit_code == 0, result.output
    assert "Audit log chain verified" in result.output
    assert "Manifest signature: verified with the audit key." in result.output
    restored = Path(target.config["UPLOAD_FOLDER"])
    assert {oct(p.stat().st_mode & 0o777) for p in restored.rglob("*") if p.is_file()} == {"0o640"}
    after = _snapshot(target)
    assert after["cases"] == before["cases"]
    assert after["files"] == before["files"] and len(after["files"]) == 2
    assert after["audit"] == []
    assert after["counts"] == before["counts"]  # the backup's own audit entry comes after its snapshot
    with target.app_context():  # the second factor still works, and new rows get fresh ids
        from triage.data import users
        from triage.data.councils import create_council
        from triage.models.enums import Jurisdiction

        officer = users.get_user_by_email("mo@example.gov.uk")
        assert users.get_mfa(officer).last_used_step == 5
        create_council("Another Council", Jurisdiction.WALES, "wales-model-2016", actor="test")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_sqlite_round_trip_keeps_every_case_file_and_the_audit_chain(tmp_path):
    source = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path / "a")
    target = _app(f"sqlite:///{tmp_path / 'b.sqlite3'}", tmp_path / "b")
    _round_trip(source, target, tmp_path / "backup.tar.gz")


@pytest.mark.skipif(not PG.startswith("postgresql"), reason="needs the PostgreSQL test server (TEST_DATABASE_URL)")
def test_postgresql_round_trip(tmp_path, pg_schema):
    _round_trip(_app(pg_schema(), tmp_path / "a"), _app(pg_schema(), tmp_path / "b"), tmp_path / "backup.tar.gz")


@pytest.mark.skipif(not PG.startswith("postgresql"), reason="needs the PostgreSQL test server (TEST_DATABASE_URL)")
def test_sqlite_backup_restores_into_postgresql(tmp_path, pg_schema):
    _round_trip(
        _app(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path / "a"),
        _app(pg_schema(), tmp_path / "b"),
        tmp_path / "backup.tar.gz",
    )


def test_restore_refuses_a_database_in_use_unless_forced(tmp_path):
    source = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path / "a")
    _seed(source)
    archive = tmp_path / "backup.tar.gz"
    assert source.test_cli_runner().invoke(backup_command, ["-o", str(archive)]).exit_code == 0
    refused = source.test_cli_runner().invoke(restore_command, [str(archive)])
    assert refused.exit_code == 1 and "already holds data" in refused.output
    forced = source.test_cli_runner().invoke(restore_command, [str(archive), "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(_snapshot(source)["cases"]) == 8


def test_restore_refuses_a_damaged_or_crafted_archive(tmp_path):
    source = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path / "a")
    _seed(source)
    archive = tmp_path / "backup.tar.gz"
    source.test_cli_runner().invoke(backup_command, ["-o", str(archive)])
    target = _app(f"sqlite:///{tmp_path / 'b.sqlite3'}", tmp_path / "b")

    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "tables/case_record.jsonl":
                data = data.replace(b"received", b"closed!!")
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    result = target.test_cli_runner().invoke(restore_command, [str(tampered)])
    assert result.exit_code == 1 and "do not match the manifest" in result.output

    escape = tmp_path / "escape.tar.gz"
    with tarfile.open(escape, "w:gz") as dst:
        manifest = json.dumps({"format": "standards-triage-backup/1", "tables": {}, "files": {"../../evil": {}}})
        for name, data in (("manifest.json", manifest.encode()), ("files/../../evil", b"x")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    result = target.test_cli_runner().invoke(restore_command, [str(escape)])
    assert result.exit_code == 1 and "the manifest is not signed" in result.output
    result = target.test_cli_runner().invoke(restore_command, [str(escape), "--accept-unsigned"])
    assert result.exit_code == 1 and "not a plain file" in result.output
    assert not (tmp_path / "evil").exists()


def test_a_decision_changed_and_its_hash_recomputed_in_the_manifest_is_refused(tmp_path):
    """The attack the manifest's hashes alone cannot stop: alter a table and rewrite its SHA-256 to match. The
    manifest's signature (HMAC with the audit key) no longer verifies, and nothing is restored."""
    source = _app(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path / "a")
    _seed(source)
    archive = tmp_path / "backup.tar.gz"
    source.test_cli_runner().invoke(backup_command, ["-o", str(archive)])
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(archive) as src:
        contents = {m.name: (m, src.extractfile(m).read()) for m in src.getmembers()}
    manifest = json.loads(contents["manifest.json"][1])
    name = "tables/case_record.jsonl"
    altered = contents[name][1].replace(b"received", b"closed!!")
    manifest["tables"]["case_record"]["sha256"] = hashlib.sha256(altered).hexdigest()
    contents[name] = (contents[name][0], altered)
    contents["manifest.json"] = (contents["manifest.json"][0], json.dumps(manifest).encode())
    with tarfile.open(forged, "w:gz") as dst:
        for member, data in contents.values():
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    target = _app(f"sqlite:///{tmp_path / 'b.sqlite3'}", tmp_path / "b")
    result = target.test_cli_runner().invoke(restore_command, [str(forged)])
    assert result.exit_code == 1
    assert "the manifest's signature does not verify" in result.output
    with target.app_context():
        assert "case_record" not in sqlalchemy_inspect(db.engine).get_table_names()

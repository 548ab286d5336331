"""``triage backup`` and ``triage restore``: the database and the stored files in one portable archive.

The archive (``.tar.gz``) holds

- ``manifest.json``: format, creation time (UTC), the Alembic revision, the source database kind, and for every
  table its row count and the SHA-256 of its dump, and for every stored file its size and SHA-256;
- ``tables/<table>.jsonl``: every row of every application table as one JSON object per line, read with
  SQLAlchemy, so a backup taken from SQLite restores into PostgreSQL and the other way round;
- ``files/…``: the upload folder (screenshots and generated notes) as it was.

Derived data that the app can rebuild (the full-text search table) is left out and rebuilt after a restore.

The manifest is signed with the audit key (HMAC-SHA256), so its hashes cannot be rewritten to match altered
tables. A restore checks the signature and every hash before it touches anything, refuses a database or upload
folder that already holds data unless ``--force`` (which wipes them), creates the schema at the backup's revision,
loads the rows, upgrades to the current revision, rebuilds derived data, writes the files with their recorded
permissions (never wider than 0640) and verifies the audit log's hash chain.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import Date, DateTime, LargeBinary, MetaData, Numeric, create_engine, func, insert, select, text

FORMAT = "standards-triage-backup/1"
#: What the manifest's signature is for (see ``audit.sign``).
SIGNED_PURPOSE = "backup-manifest"
#: Stored files are written owner read-write, group read: the mode the app gives uploads.
RESTORED_MODE = 0o640
SKIP_TABLES = {"alembic_version"}
# Reference data that `triage init-db` loads: its presence does not make a database "in use".
REFERENCE_TABLES = {"code_of_conduct", "code_paragraph"}
#: Per-database bookkeeping, not data: made afresh by the migrations (a restored database gets a new cache epoch).
NOT_BACKED_UP = {"history_state"}
#: Tables whose one row the migrations create and the backup carries (the audit chain's head).
SEEDED_BY_MIGRATIONS = {"audit_head"}
BATCH = 500


class BackupError(RuntimeError):
    pass


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # SQLite keeps UTC wall time without an offset
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decoder(column, dialect: str):
    kind = column.type
    if isinstance(kind, DateTime):

        def _dt(value):
            if not isinstance(value, str):
                return value
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed.astimezone(UTC).replace(tzinfo=None) if dialect == "sqlite" else parsed

        return _dt
    if isinstance(kind, Date):
        return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    if isinstance(kind, LargeBinary):
        return lambda v: base64.b64decode(v) if isinstance(v, str) else v
    if isinstance(kind, Numeric) and kind.asdecimal:
        return lambda v: Decimal(v) if isinstance(v, str) else v
    return None


def _model_tables() -> set[str]:
    from triage.models import Base

    return set(Base.metadata.tables)


def _current_revision(conn) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _snapshot_engine(engine, workdir: Path):
    """An engine over a consistent snapshot: SQLite's online backup API copies the file; PostgreSQL reads in one
    REPEATABLE READ transaction (see ``_dump``)."""
    if engine.dialect.name != "sqlite":
        return engine, None
    copy = workdir / "snapshot.sqlite3"
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(copy)
        raw.driver_connection.backup(target)
        target.close()
    finally:
        raw.close()
    snap = create_engine(f"sqlite:///{copy}")
    return snap, snap


def _dump(engine, workdir: Path) -> tuple[str | None, dict[str, dict]]:
    tables: dict[str, dict] = {}
    (workdir / "tables").mkdir()
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            revision = _current_revision(conn)
            meta = MetaData()
            meta.reflect(bind=conn, only=lambda name, _m: name in _model_tables() - NOT_BACKED_UP)
            for table in meta.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                path = workdir / "tables" / f"{table.name}.jsonl"
                count = 0
                with path.open("w", encoding="utf-8") as out:
                    for row in conn.execute(select(table).order_by(*order)).mappings():
                        out.write(json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False))
                        out.write("\n")
                        count += 1
                tables[table.name] = {
                    "rows": count,
                    "sha256": _file_sha256(path),
                    "columns": [c.name for c in table.columns],
                }
    return revision, tables


def _canonical(manifest: dict) -> bytes:
    """The manifest as signed: everything but the signature, as sorted, compact JSON."""
    unsigned = {k: v for k, v in manifest.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode()


def create_backup(output: Path) -> dict:
    """Write the archive to ``output`` (mode 0600) and return its manifest, signed with the audit key."""
    from triage.data import audit
    from triage.extensions import db

    upload = Path(current_app.config["UPLOAD_FOLDER"])
    with tempfile.TemporaryDirectory(prefix="triage-backup-") as tmp:
        workdir = Path(tmp)
        engine, disposable = _snapshot_engine(db.engine, workdir)
        try:
            revision, tables = _dump(engine, workdir)
        finally:
            if disposable is not None:
                disposable.dispose()
        files = {}
        if upload.is_dir():
            for path in sorted(p for p in upload.rglob("*") if p.is_file() and not p.is_symlink()):
                rel = path.relative_to(upload).as_posix()
                stat = path.stat()
                files[rel] = {"sha256": _file_sha256(path), "size": stat.st_size, "mode": stat.st_mode & 0o777}
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "alembic_revision": revision,
            "source_database": db.engine.dialect.name,
            "tables": tables,
            "files": files,
        }
        manifest["signature"] = audit.sign(SIGNED_PURPOSE, _canonical(manifest))
        output.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
            for name in tables:
                tar.add(workdir / "tables" / f"{name}.jsonl", arcname=f"tables/{name}.jsonl", recursive=False)
            for rel in files:
                tar.add(upload / rel, arcname=f"files/{rel}", recursive=False)
    return manifest


# --- restore -------------------------------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _check_signature(manifest: dict, accept_unsigned: bool) -> None:
    """The manifest names the SHA-256 of every table and file, so whoever can rewrite it could swap any of them:
    it must carry this installation's signature (HMAC with the audit key) before anything in it is believed."""
    from triage.data import audit

    signature = manifest.get("signature")
    if not signature:
        if accept_unsigned:
            return
        raise BackupError(
            "the manifest is not signed (a backup from before signing, or one with its signature removed); "
            "restore it with --accept-unsigned only if you are sure where it came from"
        )
    if not audit.signature_matches(SIGNED_PURPOSE, _canonical(manifest), signature):
        raise BackupError(
            "the manifest's signature does not verify: the backup was altered after it was made, or was made with "
            "a different audit key (TRIAGE_AUDIT_KEY)"
        )


def read_archive(archive: Path, workdir: Path, *, accept_unsigned: bool = False) -> dict:
    """Check the manifest's signature, extract only what it lists (regular files, no path tricks) and check every
    hash."""
    with tarfile.open(archive, mode="r:gz") as tar:
        members = {m.name: m for m in tar.getmembers()}
        if "manifest.json" not in members:
            raise BackupError("not a Standards Triage backup: manifest.json is missing")
        manifest = json.loads(tar.extractfile(members["manifest.json"]).read())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unsupported backup format {manifest.get('format')!r}")
        _check_signature(manifest, accept_unsigned)
        wanted = [f"tables/{t}.jsonl" for t in manifest["tables"]] + [f"files/{f}" for f in manifest["files"]]
        for name in wanted:
            member = members.get(name)
            if member is None or not member.isfile() or not _safe_member(name):
                raise BackupError(f"{name}: missing or not a plain file")
            target = workdir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as src, target.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
    for table, info in manifest["tables"].items():
        if _file_sha256(workdir / "tables" / f"{table}.jsonl") != info["sha256"]:
            raise BackupError(f"table {table}: contents do not match the manifest (damaged or altered)")
    for rel, info in manifest["files"].items():
        if _file_sha256(workdir / "files" / rel) != info["sha256"]:
            raise BackupError(f"file {rel}: contents do not match the manifest (damaged or altered)")
    return manifest


def database_in_use(engine) -> list[str]:
    """Application tables that hold rows (reference data loaded by init-db does not count)."""
    busy = []
    with engine.connect() as conn:
        meta = MetaData()
        meta.reflect(bind=conn, only=lambda name, _m: name in _model_tables() - REFERENCE_TABLES - NOT_BACKED_UP)
        for table in meta.sorted_tables:
            if conn.execute(select(func.count()).select_from(table)).scalar():
                busy.append(table.name)
    return busy


def _wipe(engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            for (name,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")).all():
                conn.execute(text(f'DROP TRIGGER IF EXISTS "{name}"'))
            conn.execute(text("PRAGMA foreign_keys=OFF"))
        meta = MetaData()
        meta.reflect(bind=conn)
        meta.drop_all(bind=conn)
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA foreign_keys=ON"))


def _load(engine, workdir: Path, manifest: dict) -> dict[str, int]:
    loaded: dict[str, int] = {}
    dialect = engine.dialect.name
    with engine.begin() as conn:
        meta = MetaData()
        meta.reflect(bind=conn, only=lambda name, _m: name in manifest["tables"])
        for table in meta.sorted_tables:
            if table.name in SEEDED_BY_MIGRATIONS:
                conn.execute(table.delete())  # the backup's row replaces the one the migrations created
            decoders = {c.name: _decoder(c, dialect) for c in table.columns}
            batch: list[dict] = []
            count = 0
            with (workdir / "tables" / f"{table.name}.jsonl").open(encoding="utf-8") as rows:
                for line in rows:
                    raw = json.loads(line)
                    row = {}
                    for key, value in raw.items():
                        if key in decoders:
                            decode = decoders[key]
                            row[key] = decode(value) if decode and value is not None else value
                    batch.append(row)
                    if len(batch) >= BATCH:
                        conn.execute(insert(table), batch)
                        count += len(batch)
                        batch = []
            if batch:
                conn.execute(insert(table), batch)
                count += len(batch)
            loaded[table.name] = count
            if dialect == "postgresql" and "id" in table.columns:
                conn.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence(:t, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
                        f'FROM "{table.name}"'
                    ),
                    {"t": table.name},
                )
    return loaded


def restore_backup(
    archive: Path, *, force: bool = False, accept_unsigned: bool = False, echo=lambda _msg: None
) -> dict:
    from flask_migrate import upgrade

    from triage.data import audit
    from triage.extensions import db

    upload = Path(current_app.config["UPLOAD_FOLDER"])
    with tempfile.TemporaryDirectory(prefix="triage-restore-") as tmp:
        workdir = Path(tmp)
        manifest = read_archive(archive, workdir, accept_unsigned=accept_unsigned)
        echo(f"Backup of {manifest['created_at']} at revision {manifest['alembic_revision']}.")
        echo(
            "Manifest signature: verified with the audit key."
            if manifest.get("signature")
            else "Manifest signature: none (accepted with --accept-unsigned)."
        )
        echo(f"Tables: {len(manifest['tables'])} checked against their SHA-256 in the manifest.")
        echo(f"Files: {len(manifest['files'])} checked against their SHA-256 in the manifest.")
        busy = database_in_use(db.engine)
        files_present = upload.is_dir() and any(p.is_file() for p in upload.rglob("*"))
        if (busy or files_present) and not force:
            where = ", ".join(busy) if busy else f"the upload folder {upload}"
            raise BackupError(f"the target already holds data ({where}); restore into an empty one, or use --force")
        db.session.remove()
        _wipe(db.engine)
        directory = current_app.extensions["migrate"].directory
        upgrade(directory=directory, revision=manifest["alembic_revision"] or "base")
        loaded = _load(db.engine, workdir, manifest)
        for table, info in manifest["tables"].items():
            if loaded.get(table, 0) != info["rows"]:
                raise BackupError(f"table {table}: loaded {loaded.get(table, 0)} rows, expected {info['rows']}")
        upgrade(directory=directory, revision="head")
        _rebuild_derived(echo)
        if upload.is_dir() and force:
            for path in sorted(upload.rglob("*"), reverse=True):
                path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
        for rel, info in manifest["files"].items():
            target = upload / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((workdir / "files" / rel).read_bytes())
            # The mode the file had when backed up (owner and group read at most, never others); older
            # manifests did not record it, and the app writes uploads 0640.
            os.chmod(target, int(info.get("mode", RESTORED_MODE)) & 0o750 or RESTORED_MODE)
            if _file_sha256(target) != info["sha256"]:
                raise BackupError(f"file {rel}: written copy does not match")
        echo(f"Files written with their recorded permissions (at most {RESTORED_MODE:o}).")
    checked = audit.verify()
    db.session.remove()
    # Checkpoints newer than the backup name entries written after it was taken: expected after a restore, so
    # reported, not refused. Forks, gaps and edits inside the restored chain are refused.
    return {
        "manifest": manifest,
        "rows": sum(loaded.values()),
        "audit_problems": checked.forks + checked.gaps + checked.edits,
        "audit_after_backup": checked.truncation,
    }


def _rebuild_derived(echo) -> None:
    from triage.extensions import db

    try:
        from triage.data.search import reindex_all
    except ImportError:  # the case-history search is not installed in this build
        return
    count = reindex_all()
    db.session.commit()
    echo(f"Rebuilt the search index for {count} cases.")


# --- commands ------------------------------------------------------------------------------------------------


@click.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Archive to write (default: instance/backups/).")
@with_appcontext
def backup_command(output: str | None) -> None:
    """Back up the database and the stored files to one .tar.gz (readable by the owner only)."""
    from triage.data import audit
    from triage.extensions import db

    if output is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        output = str(Path(current_app.instance_path) / "backups" / f"triage-{stamp}.tar.gz")
    manifest = create_backup(Path(output))
    audit.write_checkpoint("backup")  # what the archive holds; a later deletion of these entries is detectable
    rows = sum(t["rows"] for t in manifest["tables"].values())
    audit.record("data.exported", "export", "backup", actor="cli", after={"kind": "backup", "rows": rows})
    db.session.commit()
    click.echo(
        f"Wrote {output}: {rows} rows in {len(manifest['tables'])} tables, {len(manifest['files'])} files, "
        f"revision {manifest['alembic_revision']}."
    )


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Wipe a database and upload folder that already hold data.")
@click.option(
    "--accept-unsigned",
    is_flag=True,
    help="Restore a backup whose manifest carries no signature (made before 2026-12).",
)
@with_appcontext
def restore_command(archive: str, force: bool, accept_unsigned: bool) -> None:
    """Restore a backup into an empty database (SQLite or PostgreSQL) and upload folder. The manifest must carry
    this installation's signature (made with the audit key) unless --accept-unsigned."""
    try:
        result = restore_backup(Path(archive), force=force, accept_unsigned=accept_unsigned, echo=click.echo)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    manifest = result["manifest"]
    click.echo(f"Restored {result['rows']} rows and {len(manifest['files'])} files.")
    if result["audit_problems"]:
        for problem in result["audit_problems"]:
            click.echo(problem, err=True)
        raise click.ClickException("the restored audit log does not verify")
    for note in result.get("audit_after_backup") or []:
        click.echo(f"Note: {note}. Entries written after this backup was taken are not in it.", err=True)
    click.echo("Audit log chain verified (keyed MACs, no forks or gaps).")

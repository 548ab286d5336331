"""Migrations: empty -> head -> base -> head on the test database engine, and the models match head exactly."""

from __future__ import annotations

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from triage import MIGRATIONS_DIR, create_app
from triage.extensions import db
from triage.models import Base


@pytest.fixture
def scratch_url(tmp_path):
    """A database nobody else uses: a new SQLite file, or a throwaway schema on the PostgreSQL test server."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    schema = f"mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _run(url: str, instance, fn, revision: str) -> None:
    """Run a Flask-Migrate command against `url` inside a throwaway app using the real factory."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(instance), "SECRET_KEY": "m" * 40, "TESTING": True}
    )
    with app.app_context():
        fn(directory=str(MIGRATIONS_DIR), revision=revision)
        db.engine.dispose()


def test_upgrade_from_empty_to_head_and_back_down(scratch_url, tmp_path):
    _run(scratch_url, tmp_path, upgrade, "head")
    engine = create_engine(scratch_url)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    _run(scratch_url, tmp_path, downgrade, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    _run(scratch_url, tmp_path, upgrade, "head")
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_models_match_the_migrations(scratch_url, tmp_path):
    _run(scratch_url, tmp_path, upgrade, "head")
    engine = create_engine(scratch_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == [], f"models and migrations disagree: {differences}"


def test_deleting_a_case_still_removes_its_full_text_row_after_every_migration(scratch_url, tmp_path):
    """SQLite rebuilds a table to change a CHECK constraint, which silently drops triggers on it."""
    _run(scratch_url, tmp_path, upgrade, "head")
    engine = create_engine(scratch_url)
    if engine.dialect.name != "sqlite":
        engine.dispose()
        pytest.skip("the trigger exists on SQLite only; PostgreSQL uses a foreign key with ON DELETE CASCADE")
    with engine.connect() as conn:
        triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    engine.dispose()
    assert "history_search_case_deleted" in triggers

"""SQLite settings that make it behave like a real database: foreign keys enforced, WAL for concurrent readers, and
every transaction begun IMMEDIATE.

BEGIN IMMEDIATE takes SQLite's single write lock when the transaction starts, so two requests never read the same
state and then both write (the audit chain would fork; a case reference would be taken twice), and a transaction
that read first never fails half way with "database is locked" when it comes to write: it waits its turn at the
start (busy_timeout) instead. Readers are not blocked (WAL). This is SQLAlchemy's documented recipe for taking over
pysqlite's transaction handling.

The in-process test suite turns it off (``SQLITE_BEGIN_IMMEDIATE``): a test holds its own session open beside the
app's, and with one write lock the two would wait on each other. The live-server browser tests and the concurrency
test run with it on, as production does."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine


def enable_sqlite_pragmas(engine: Engine, *, immediate: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every SQLite test
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
        if immediate:
            dbapi_connection.isolation_level = None  # pysqlite must not BEGIN on its own; the hook below does

    if immediate:

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # pragma: no cover - exercised by the live-server and concurrency tests
            conn.exec_driver_sql("BEGIN IMMEDIATE")

"""Mixed write load against gunicorn (2 workers, the production settings file): 20 clients for 60 s by default,
on SQLite and on PostgreSQL. Creates through the API, reads, answer edits and decisions through the web forms.

    .venv/bin/python benchmarks/bench_load.py --db sqlite
    bash scripts/with-postgres.sh .venv/bin/python benchmarks/bench_load.py --db postgresql

Reports requests served, p50 and p95, 5xx, 409 (races answered as conflicts), acknowledged writes lost (looked for
in the database afterwards), and `triage audit verify`. The clients are Python threads on the same machine as the
server, so they take some of its CPU: the figures are pessimistic rather than flattering.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.loadgen import (
    Server,
    drop_postgres_database,
    fresh_postgres_database,
    lost_writes,
    run_load,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="triage-bench-load-"))
    if args.db == "postgresql":
        if not os.environ.get("TEST_DATABASE_URL"):
            parser.error("run under scripts/with-postgres.sh (it sets TEST_DATABASE_URL)")
        url = fresh_postgres_database(os.environ["TEST_DATABASE_URL"])
    else:
        url = f"sqlite:///{root / 'triage.sqlite3'}"
    server = Server(root, url, workers=args.workers)
    try:
        emails, token = server.prepare(args.officers)
        server.start()
        try:
            results = run_load(server, emails, token, clients=args.clients, seconds=args.seconds)
        finally:
            server.stop()
        lost = lost_writes(url, results)
        verify = server.triage("audit", "verify").stdout.strip().splitlines()
    finally:
        if args.db == "postgresql":
            drop_postgres_database(url)
    figures = {
        "database": args.db,
        "workers": args.workers,
        "date": datetime.now(UTC).date().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        **results.summary(),
        "lost_writes": {k: len(v) for k, v in lost.items()},
        "audit_verify": verify[-1] if verify else "",
        "server_errors": results.server_errors[:10],
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0 if not results.server_errors and not any(lost.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())

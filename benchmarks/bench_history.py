"""Case-history benchmark: 100,000 synthetic cases, served by gunicorn (2 sync workers), measured under load.

    .venv/bin/python benchmarks/bench_history.py --db postgresql --cases 100000 --clients 10
    .venv/bin/python benchmarks/bench_history.py --db sqlite --cases 100000 --clients 1

What it does, all on 127.0.0.1 and in a work folder (default /tmp/triage-bench-history):

1. Prepares a database: PostgreSQL in a throwaway cluster (initdb/pg_ctl, as scripts/with-postgres.sh does; stopped
   and, unless --keep, deleted at the end) or a SQLite file; migrates it, adds an analyst and seeds the synthetic
   cases (`seed-synthetic`, from `benchmarks/seed_synthetic.py`: the product does not ship it). With --reuse an
   existing prepared folder is used as it is.
2. Writes the query plans (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite) of the main queries, captured
   from the real code paths, to --plans.
3. Starts gunicorn with 2 workers, signs in once, and runs one phase per endpoint group (health check, case list,
   search, dashboard) with --clients threads each, for at most --duration seconds or --max-requests requests
   per phase, then a mixed phase. Reports p50/p95/p99 and the ratio of each p95 to the health check's p95 measured
   in the same run. Everything stops by itself.

The load generator is Python threads on the same 2-core machine, so it takes some CPU from the server: the
numbers are pessimistic rather than flattering.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLI = [PYTHON, "-m", "benchmarks.history_cli"]  # run from REPO (cwd), so the benchmarks package imports
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
EMAIL = "bench.analyst@example.gov.uk"
PASSWORD = "bench-password-correct-horse-2026"
SECRET = "bench-secret-key-0123456789abcdef0123456789"

LIST_URLS = [
    "/cases/",
    "/cases/?page=2",
    "/cases/?page=40",
    "/cases/?outcome=investigation",
    "/cases/?platform=facebook&outcome=no_further_action",
    "/cases/?agreement=disagree",
    "/cases/?jurisdiction=wales&sort=oldest",
    "/cases/?role=parish_councillor&band=high",
    "/cases/?paragraph=lga-model-2020%3A1.1",
    "/cases/?status=closed&received_from=2024-01-01&received_to=2024-12-31",
    "/cases/?overdue=1",
    "/cases/?sort=score",
    "/cases/?party=Green&tool=informal_resolution",
]
SEARCH_URLS = [
    "/cases/?q=bins",
    "/cases/?q=%22parking+scheme%22",
    "/cases/?q=exempt+report",
    "/cases/?q=officer+sacked",
    "/cases/?q=leak*",
    "/cases/?q=liar+OR+disgrace",
    "/cases/?q=leisure+centre+contract",
    "/cases/?q=council+-budget",
    "/cases/?q=threat&outcome=police_referral",
    "/cases/?q=travellers&platform=facebook",
    "/cases/?q=apologise+training&sort=relevance",
    "/cases/?q=mosque",
]
DASHBOARD_URLS = [
    "/history/dashboard",
    "/history/dashboard?from=2020-01-01&to=2030-12-31&applied=1",
    "/history/dashboard?from=2024-04-01&to=2025-03-31&jurisdiction=england",
    "/history/dashboard?jurisdiction=wales&applied=1",
]
HEALTH_URLS = ["/healthz"]


# --- database preparation ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    def __init__(self, root: Path, port: int):
        self.root = root
        self.port = port
        self.data = root / "data"
        bins = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")]
        )
        if not bins:
            raise SystemExit("PostgreSQL server binaries not found under /usr/lib/postgresql")
        self.bin = bins[-1]
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.url = f"postgresql+psycopg://triage@127.0.0.1:{port}/triage_bench"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_owner, *args], check=True, stdout=subprocess.DEVNULL)

    def create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.getuid() == 0:
            shutil.chown(self.root, "postgres")
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "triage",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB "
            "-c work_mem=16MB -c effective_cache_size=4GB -c random_page_cost=1.1"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def create_database(self) -> None:
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "triage", "triage_bench")

    def stop(self) -> None:
        subprocess.run(
            [*self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def version(self) -> str:
        out = subprocess.run([str(self.bin / "postgres"), "--version"], capture_output=True, text=True, check=False)
        return out.stdout.strip()


def _env(url: str, instance: Path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "TRIAGE_INSTANCE": str(instance), "SECRET_KEY": SECRET}
    env.pop("TEST_DATABASE_URL", None)
    return env


def _cli(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run([*CLI, *args], env=env, input=stdin, capture_output=True, text=True, check=False, cwd=REPO)
    if result.returncode != 0:
        raise SystemExit(f"`{' '.join(args)}` failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(env: dict, cases: int) -> float:
    started = time.perf_counter()
    _cli(env, "init-db")
    _cli(
        env,
        "create-user",
        EMAIL,
        "--role",
        "analyst",
        "--name",
        "Bench Analyst",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    print(f"  seeding {cases:,} synthetic cases ...", flush=True)
    subprocess.run([*CLI, "seed-synthetic", "--cases", str(cases)], env=env, check=True, cwd=REPO)
    return time.perf_counter() - started


# --- query plans ---------------------------------------------------------------------------------------------------

PLAN_CASES = [
    ("Case list, newest first (page 1)", "/cases/"),
    ("Case list, filtered (platform + outcome)", "/cases/?platform=facebook&outcome=no_further_action"),
    ("Case list, overdue", "/cases/?overdue=1"),
    ("Search (one common word)", "/cases/?q=council"),
    ("Search (phrase + filter)", "/cases/?q=%22exempt+report%22&platform=facebook"),
    ("Dashboard (all charts, uncached)", "/history/dashboard?from=2020-01-01&to=2030-12-31"),
]


def write_plans(env: dict, out: Path, dialect: str) -> None:
    """Run the pages in-process with a statement recorder, then EXPLAIN the statements that touched cases."""
    code = r"""
import json, os, sys
from sqlalchemy import event
from triage import create_app
from triage.extensions import db
from triage.data import dashboard_queries, history_cache
app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
dashboard_queries.CACHE_SECONDS = 0
history_cache.set_size(0)  # plans of the queries themselves, not of cache hits
cases = json.loads(sys.argv[1]); dialect = sys.argv[2]
out = []
with app.app_context():
    statements = []
    @event.listens_for(db.engine, "before_cursor_execute")
    def grab(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith("EXPLAIN"):
            statements.append((statement, parameters))
    client = app.test_client()
    client.post("/sign-in", data={"email": os.environ["BENCH_EMAIL"], "password": os.environ["BENCH_PASSWORD"]})
    for title, url in cases:
        statements.clear()
        client.get(url)
        client.get(url)
        seen = statements[len(statements)//2:]
        plans = []
        for statement, parameters in seen:
            tables = ("case_record", "history_case", "history_search", "history_tag")
            if not any(t in statement for t in tables) or "user_session" in statement:
                continue
            if dialect == "postgresql":
                prefix = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) "
            else:
                prefix = "EXPLAIN QUERY PLAN "
            raw = db.engine.raw_connection()
            try:
                cur = raw.cursor()
                cur.execute(prefix + statement, parameters)
                rows = cur.fetchall()
            finally:
                raw.close()
            text = "\n".join(str(r[0]) if dialect == "postgresql" else f"{r[0]:>3} {r[1]:>3} {r[3]}" for r in rows)
            plans.append({"sql": statement, "plan": text})
        out.append({"title": title, "url": url, "plans": plans})
print(json.dumps(out))
"""
    env = {**env, "BENCH_EMAIL": EMAIL, "BENCH_PASSWORD": PASSWORD}
    result = subprocess.run(
        [PYTHON, "-c", code, json.dumps(PLAN_CASES), dialect],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        raise SystemExit("plan capture failed")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    lines = [f"# Query plans ({dialect})", ""]
    for item in data:
        lines += [f"## {item['title']}", "", f"`GET {item['url']}`", ""]
        for plan in item["plans"]:
            sql = re.sub(r"\s+", " ", plan["sql"]).strip()
            lines += [
                "```sql",
                sql[:1500] + (" …" if len(sql) > 1500 else ""),
                "```",
                "",
                "```",
                plan["plan"],
                "```",
                "",
            ]
    out.write_text("\n".join(lines))


# --- the server and the load ---------------------------------------------------------------------------------------


class Server:
    def __init__(self, env: dict, port: int, log: Path, workers: int = 2):
        self.port = port
        self.log = log
        self.proc = subprocess.Popen(
            [GUNICORN, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "60", "triage:create_app()"],
            env=env,
            stdout=open(log, "w"),
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _, _ = request(port, "/healthz")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not start: {log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def request(
    port: int, path: str, *, cookie: str = "", method: str = "GET", body: str | None = None, headers: dict | None = None
) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        all_headers = {"Cookie": cookie} if cookie else {}
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        conn.close()


def sign_in(port: int) -> str:
    status, headers, body = request(port, "/sign-in")
    cookie = headers.get("set-cookie", "").split(";", 1)[0]
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body)
    form = {"email": EMAIL, "password": PASSWORD}
    if token:
        form["csrf_token"] = token.group(1).decode()
    status, headers, _ = request(
        port,
        "/sign-in",
        cookie=cookie,
        method="POST",
        body=urllib.parse.urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    if status != 302:
        raise SystemExit(f"sign-in failed with {status}")
    return headers.get("set-cookie", "").split(";", 1)[0] or cookie


@dataclass
class Phase:
    name: str
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0

    def all(self, group: str | None = None) -> list[float]:
        if group:
            return self.latencies.get(group, [])
        return [x for values in self.latencies.values() for x in values]


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_phase(
    name: str, port: int, cookie: str, groups: dict[str, list[str]], clients: int, duration: float, max_requests: int
) -> Phase:
    phase = Phase(name, {g: [] for g in groups})
    urls = [(g, u) for g, us in groups.items() for u in us]
    lock = threading.Lock()
    counter = {"sent": 0}
    stop_at = time.monotonic() + duration

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < stop_at:
            with lock:
                if counter["sent"] >= max_requests:
                    return
                counter["sent"] += 1
            group, url = urls[i % len(urls)]
            i += 1
            started = time.perf_counter()
            try:
                status, _, _ = request(port, url, cookie="" if group == "health" else cookie)
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status != 200:
                    phase.errors += 1
                phase.latencies[group].append(elapsed)

    threads = [threading.Thread(target=client, args=(k * 7,), daemon=True) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    phase.seconds = time.perf_counter() - started
    return phase


def cold_times(port: int, cookie: str, urls: list[str]) -> dict[str, float]:
    out = {}
    for url in urls:
        started = time.perf_counter()
        request(port, url, cookie=cookie)
        out[url] = (time.perf_counter() - started) * 1000
    return out


def summarise(phase: Phase, group: str) -> dict:
    values = phase.all(group)
    return {
        "requests": len(values),
        "p50": round(_percentile(values, 0.50), 1),
        "p95": round(_percentile(values, 0.95), 1),
        "p99": round(_percentile(values, 0.99), 1),
        "mean": round(statistics.fmean(values), 1) if values else None,
        "rps": round(len(values) / phase.seconds, 1) if phase.seconds else None,
    }


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        memory = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration):
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def bench(args, dialect: str) -> dict:
    work = Path(args.workdir) / dialect
    instance = work / "instance"
    pg = None
    prepared = (work / "prepared.json").exists()
    if prepared and not args.reuse:
        shutil.rmtree(work)
        prepared = False
    work.mkdir(parents=True, exist_ok=True)
    if dialect == "postgresql":
        pg = Postgres(work / "pg", args.pg_port)
        if not prepared:
            pg.create()
        pg.start()
        if not prepared:
            pg.create_database()
        url = pg.url
    else:
        url = f"sqlite:///{work / 'triage.sqlite3'}"
    env = _env(url, instance)
    if args.no_history_cache:
        env["TRIAGE_HISTORY_CACHE_SIZE"] = "0"
    results: dict = {
        "history_cache": not args.no_history_cache,
        "database": dialect,
        "machine": machine(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if pg:
        results["server"] = pg.version()
    try:
        if not prepared:
            seconds = prepare(env, args.cases)
            (work / "prepared.json").write_text(json.dumps({"cases": args.cases, "seed_seconds": round(seconds)}))
        else:
            _cli(env, "db", "upgrade")  # a reused database gets any migration added since it was seeded
        results["prepared"] = json.loads((work / "prepared.json").read_text())
        print("  query plans ...", flush=True)
        write_plans(env, Path(args.plans_dir) / f"plans-{dialect}.md", dialect)
        port = _free_port()
        server = Server(env, port, work / "gunicorn.log", workers=args.workers)
        try:
            cookie = sign_in(port)
            groups = {"health": HEALTH_URLS, "list": LIST_URLS, "search": SEARCH_URLS, "dashboard": DASHBOARD_URLS}
            results["cold_ms"] = cold_times(port, cookie, LIST_URLS[:3] + SEARCH_URLS[:3] + DASHBOARD_URLS)
            for _ in range(2):  # warm both workers: caches, plans, pages in memory
                cold_times(port, cookie, [u for us in groups.values() for u in us])
            phases = {}
            for group, urls in groups.items():
                print(f"  phase {group}: {args.clients} clients ...", flush=True)
                load_before = os.getloadavg()[0]
                phase = run_phase(group, port, cookie, {group: urls}, args.clients, args.duration, args.max_requests)
                phases[group] = {**summarise(phase, group), "errors": phase.errors, "load1": round(load_before, 2)}
            print("  phase mixed ...", flush=True)
            mixed = run_phase("mixed", port, cookie, groups, args.clients, args.duration, args.max_requests)
            results["phases"] = phases
            results["mixed"] = {g: summarise(mixed, g) for g in groups} | {"errors": mixed.errors}
            health = phases["health"]["p95"]
            results["ratio_to_health_p95"] = {
                g: round(phases[g]["p95"] / health, 2) for g in ("list", "search", "dashboard")
            }
        finally:
            server.stop()
    finally:
        if pg:
            pg.stop()
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    return results


def report(results: dict, clients: int) -> str:
    lines = [
        f"### {results['database']} — {results['prepared']['cases']:,} synthetic cases, {clients} concurrent client(s)",
        "",
        f"Date {results['date']}; {results['machine']['cpus']} CPUs ({results['machine']['cpu']}), "
        f"{results['machine']['memory']}; {results.get('server', 'SQLite')}; "
        f"seeded in {results['prepared']['seed_seconds']} s; history cache "
        f"{'on' if results.get('history_cache', True) else 'off (TRIAGE_HISTORY_CACHE_SIZE=0)'}.",
        "",
        "| Endpoint | requests | errors | p50 ms | p95 ms | p99 ms | req/s | p95 / health p95 | load avg at start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for group, row in results["phases"].items():
        ratio = "1.00" if group == "health" else f"{results['ratio_to_health_p95'][group]:.2f}"
        lines.append(
            f"| {group} | {row['requests']} | {row['errors']} | {row['p50']} | {row['p95']} | {row['p99']} | "
            f"{row['rps']} | {ratio} | {row['load1']} |"
        )
    lines += [
        "",
        f"Mixed phase (all endpoints interleaved, errors {results['mixed']['errors']}):",
        "",
        "| Endpoint | requests | p50 ms | p95 ms | p95 / health p95 |",
        "|---|---:|---:|---:|---:|",
    ]
    health = results["mixed"]["health"]["p95"]
    for group in ("health", "list", "search", "dashboard"):
        row = results["mixed"][group]
        lines.append(f"| {group} | {row['requests']} | {row['p50']} | {row['p95']} | {row['p95'] / health:.2f} |")
    lines += ["", "First request per URL after start-up (cold, uncached), ms:", ""]
    for url, ms in results["cold_ms"].items():
        lines.append(f"- `{url}`: {ms:.0f}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="postgresql")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=None, help="default: 10 on PostgreSQL, 1 on SQLite")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per phase (upper bound)")
    parser.add_argument("--max-requests", type=int, default=3000, help="requests per phase (upper bound)")
    parser.add_argument("--workdir", default="/tmp/triage-bench-history")
    parser.add_argument("--plans-dir", default="/tmp/triage-bench-history")
    parser.add_argument("--pg-port", type=int, default=54341)
    parser.add_argument("--reuse", action="store_true", help="reuse a prepared database in --workdir")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL cluster for --reuse")
    parser.add_argument("--json", help="also write the results as JSON here")
    parser.add_argument(
        "--no-history-cache",
        action="store_true",
        help="serve with TRIAGE_HISTORY_CACHE_SIZE=0: every list and search request counts and sorts afresh",
    )
    args = parser.parse_args()
    Path(args.plans_dir).mkdir(parents=True, exist_ok=True)
    all_results = []
    for dialect in ["postgresql", "sqlite"] if args.db == "both" else [args.db]:
        clients = args.clients or (10 if dialect == "postgresql" else 1)
        run_args = argparse.Namespace(**{**vars(args), "clients": clients})
        print(f"{dialect}: {args.cases:,} cases, {clients} client(s), {args.workers} gunicorn workers", flush=True)
        results = bench(run_args, dialect)
        results["clients"] = clients
        all_results.append(results)
        print(report(results, clients), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(all_results, indent=2, default=str))
    print(f"Plans in {args.plans_dir}/plans-*.md; command: {' '.join(sys.argv)}; {date.today().isoformat()}")


if __name__ == "__main__":
    main()

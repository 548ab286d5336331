"""A mixed concurrent load against a real gunicorn server: creates (API), reads, answer edits and decisions (web
forms, with their CSRF tokens and version checks), from many clients at once.

Used by ``benchmarks/bench_load.py`` (20 clients for 60 s; figures in docs/benchmarks.md and docs/security.md) and
by ``tests/concurrency`` (a shorter run that must show no 5xx, no lost acknowledged write and a clean audit chain).

A write counts as *acknowledged* only when the server said it was saved: 201 for a create, a redirect after an
answers edit or a decision. Every acknowledged write is looked for in the database afterwards. A 409 (someone
else's change won) is the correct answer to a race and is counted, not treated as an error.
"""

from __future__ import annotations

import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "load-test-password-2026-x"
OUTCOMES = ("no_further_action", "informal_resolution")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def case_file(n: int) -> dict:
    received = date.today() - timedelta(days=random.randint(1, 30))
    return {
        "jurisdiction": "england",
        "code": "lga-model-2020",
        "received_on": received.isoformat(),
        "complainant": {"kind": "member_of_public", "name": f"Load Complainant {n}"},
        "subject_member": {"name": f"Cllr Load Member {n % 17}", "role": "councillor", "in_office_at_time": "yes"},
        "posts": [
            {
                "text": f"Post {n}: the new car park plan is a disgrace and the officer behind it is useless.",
                "platform": "facebook",
                "posted_on": (received - timedelta(days=2)).isoformat(),
            }
        ],
    }


@dataclass
class Server:
    """gunicorn with the production settings file, on a fresh database (SQLite file or a PostgreSQL URL)."""

    root: Path
    database_url: str
    workers: int = 2
    threads: int = 1
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict:
        env = {
            **os.environ,
            "TRIAGE_INSTANCE": str(self.root / "instance"),
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": "load-test-secret-key-0123456789abcdef",
            "TRIAGE_AUDIT_KEY": "load-test-audit-key-0123456789abcdef",
            "TRIAGE_BIND": f"127.0.0.1:{self.port}",
            "TRIAGE_WORKERS": str(self.workers),
            "TRIAGE_THREADS": str(self.threads),
            "TRIAGE_ACCESS_LOG": str(self.root / "access.log"),
            "TRIAGE_SIGN_IN_RATE_LIMIT": "10000 per minute",
            "API_RATE_LIMIT": "100000 per minute",
            "TRIAGE_SQLITE_BEGIN_IMMEDIATE": "1",
            "FLASK_DEBUG": "0",
        }
        env.pop("TEST_DATABASE_URL", None)
        return env

    def triage(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(BIN / "triage"), *args], env=self.env, input=input, capture_output=True, text=True, timeout=300
        )
        if result.returncode != 0:
            raise RuntimeError(f"triage {' '.join(args)}: {result.stderr}")
        return result

    def prepare(self, officers: int) -> tuple[list[str], str]:
        """Schema, a council, ``officers`` officer accounts and one API token; returns (emails, token)."""
        (self.root / "instance").mkdir(parents=True, exist_ok=True)
        self.triage("init-db")
        self.triage("create-council", "Loadham District Council", "--jurisdiction", "england")
        emails = [f"officer{i}@loadham.example.gov.uk" for i in range(officers)]
        for email in emails:
            self.triage(
                "create-user",
                email,
                "--role",
                "monitoring_officer",
                "--name",
                email,
                "--password-stdin",
                input=PASSWORD,
            )
        token = self.triage("api-token", "create", emails[0], "--name", "load").stdout.splitlines()[0].strip()
        return emails, token

    def start(self) -> None:
        log = open(self.root / "gunicorn.log", "w")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", str(ROOT / "triage" / "gunicorn.conf.py")],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.root,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError((self.root / "gunicorn.log").read_text())

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)

    def log(self) -> str:
        return (self.root / "gunicorn.log").read_text()


def form_fields(html: str, path: str | None = None) -> dict[str, list[str]]:
    """What the browser would submit from the page's main form as it stands (hidden inputs, checked boxes, text):
    the POST form in ``<main>`` whose action is ``path`` or the page itself (not the header's sign-out form)."""
    soup = BeautifulSoup(html, "html.parser")
    forms = (soup.find("main") or soup).find_all("form", method=re.compile("post", re.I))
    form = next((f for f in forms if f.get("action") in (None, "", path)), forms[0])
    fields: dict[str, list[str]] = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name:
            continue
        kind = (element.get("type") or "").lower()
        if element.name == "input" and kind in ("radio", "checkbox") and not element.has_attr("checked"):
            continue
        if element.name == "input" and kind in ("submit", "file", "button"):
            continue
        if element.name == "textarea":
            value = element.get_text()
        elif element.name == "select":
            chosen = element.find("option", selected=True) or element.find("option")
            value = chosen.get("value", "") if chosen else ""
        else:
            value = element.get("value", "")
        fields.setdefault(name, []).append(value)
    return fields


@dataclass
class Results:
    seconds: float = 0.0
    clients: int = 0
    latencies: list[float] = field(default_factory=list)
    by_status: dict[int, int] = field(default_factory=dict)
    by_operation: dict[str, int] = field(default_factory=dict)
    server_errors: list[str] = field(default_factory=list)
    transport_errors: list[str] = field(default_factory=list)
    created: set[str] = field(default_factory=set)
    decisions: set[str] = field(default_factory=set)
    edits: int = 0
    conflicts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, operation: str, response: requests.Response, started: float) -> None:
        with self.lock:
            self.latencies.append(time.monotonic() - started)
            self.by_status[response.status_code] = self.by_status.get(response.status_code, 0) + 1
            self.by_operation[operation] = self.by_operation.get(operation, 0) + 1
            if response.status_code >= 500:
                self.server_errors.append(
                    f"{operation} {response.request.method} {response.url}: {response.status_code}"
                )
            if response.status_code == 409:
                self.conflicts += 1

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def summary(self) -> dict:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 1),
            "requests": self.requests,
            "per_second": round(self.requests / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(self.percentile(50) * 1000),
            "p95_ms": round(self.percentile(95) * 1000),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000) if self.latencies else 0,
            "5xx": len(self.server_errors),
            "transport_errors": len(self.transport_errors),
            "conflicts_409": self.conflicts,
            "acknowledged_creates": len(self.created),
            "acknowledged_decisions": len(self.decisions),
            "acknowledged_edits": self.edits,
            "by_operation": dict(sorted(self.by_operation.items())),
            "by_status": dict(sorted(self.by_status.items())),
        }


class Client:
    """One person: a signed-in browser session for the web forms, and the API token for creates."""

    def __init__(self, server_url: str, email: str, token: str, results: Results, known: list[str], seed: int):
        self.url, self.email, self.token, self.results, self.known = server_url, email, token, results, known
        self.random = random.Random(seed)
        self.web = requests.Session()
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"Bearer {token}"

    def _timed(self, operation: str, call, *args, **kwargs) -> requests.Response | None:
        started = time.monotonic()
        try:
            response = call(*args, timeout=60, allow_redirects=False, **kwargs)
        except requests.RequestException as error:
            with self.results.lock:
                self.results.transport_errors.append(f"{operation}: {type(error).__name__}")
            return None
        self.results.note(operation, response, started)
        return response

    def sign_in(self) -> None:
        page = self.web.get(f"{self.url}/sign-in", timeout=30)
        fields = form_fields(page.text)
        fields.update({"email": [self.email], "password": [PASSWORD]})
        response = self.web.post(f"{self.url}/sign-in", data=fields, timeout=30, allow_redirects=False)
        if response.status_code != 302:
            raise RuntimeError(f"sign-in failed for {self.email}: {response.status_code}")

    def _reference(self) -> str | None:
        with self.results.lock:
            return self.random.choice(self.known) if self.known else None

    def create(self) -> None:
        response = self._timed(
            "create", self.api.post, f"{self.url}/api/v1/cases", json=case_file(self.random.randint(1, 10**6))
        )
        if response is not None and response.status_code == 201:
            reference = response.json()["reference"]
            with self.results.lock:
                self.results.created.add(reference)
                self.known.append(reference)

    def read(self) -> None:
        reference = self._reference()
        if reference:
            self._timed("read", self.web.get, f"{self.url}/cases/{reference}")

    def edit(self) -> None:
        reference = self._reference()
        if not reference:
            return
        page = self._timed("edit-form", self.web.get, f"{self.url}/cases/{reference}/answers")
        if page is None or page.status_code != 200:
            return
        fields = form_fields(page.text, f"/cases/{reference}/answers")
        question = self.random.choice([name for name in fields if name not in ("csrf_token", "version", "seen")])
        current = (fields.get(question) or ["unknown"])[0]
        fields[question] = [self.random.choice([v for v in ("yes", "no", "unknown") if v != current])]
        response = self._timed("edit", self.web.post, f"{self.url}/cases/{reference}/answers", data=fields)
        if response is not None and response.status_code == 302:
            with self.results.lock:
                self.results.edits += 1

    def decide(self) -> None:
        reference = self._reference()
        if not reference:
            return
        page = self._timed("decide-form", self.web.get, f"{self.url}/cases/{reference}/decision")
        if page is None or page.status_code != 200:
            return  # already decided: the page sends the officer back to the case
        fields = form_fields(page.text, f"/cases/{reference}/decision")
        marker = uuid.uuid4().hex
        fields.update({"outcome": [self.random.choice(OUTCOMES)], "reasons": [f"Load decision {marker}."]})
        if fields["outcome"] == ["informal_resolution"]:
            soup = BeautifulSoup(page.text, "html.parser")
            fields["paragraphs"] = [soup.find("input", attrs={"name": "paragraphs"})["value"]]
        response = self._timed("decide", self.web.post, f"{self.url}/cases/{reference}/decision", data=fields)
        if response is not None and response.status_code == 302:
            with self.results.lock:
                self.results.decisions.add(marker)

    def run(self, until: float, mix: dict[str, float]) -> None:
        operations = [getattr(self, name) for name in mix]
        weights = list(mix.values())
        while time.monotonic() < until:
            self.random.choices(operations, weights)[0]()


MIX = {"create": 0.2, "read": 0.4, "edit": 0.2, "decide": 0.2}


def run_load(server: Server, emails: list[str], token: str, *, clients: int, seconds: float, seed: int = 1) -> Results:
    """``clients`` threads, each a signed-in officer, for ``seconds``; a few cases exist before the clock starts."""
    results = Results(clients=clients)
    known: list[str] = []
    people = [Client(server.url, emails[i % len(emails)], token, results, known, seed + i) for i in range(clients)]
    for person in people:
        person.sign_in()
    for _ in range(5):
        people[0].create()
    results.latencies.clear()
    results.by_status.clear()
    results.by_operation.clear()
    started = time.monotonic()
    until = started + seconds
    threads = [threading.Thread(target=p.run, args=(until, MIX)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.seconds = time.monotonic() - started
    return results


def lost_writes(database_url: str, results: Results) -> dict[str, list[str]]:
    """Acknowledged writes that are not in the database (each list should be empty)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        references = {r[0] for r in connection.execute(text("SELECT reference FROM case_record"))}
        reasons = [r[0] for r in connection.execute(text("SELECT reasons FROM decision"))]
        edits = connection.execute(text("SELECT count(*) FROM audit_entry WHERE action = 'answers.updated'")).scalar()
    engine.dispose()
    found = {m for m in results.decisions if any(m in r for r in reasons)}
    return {
        "creates": sorted(results.created - references),
        "decisions": sorted(results.decisions - found),
        "edits": [] if edits >= results.edits else [f"{results.edits - edits} acknowledged edits have no audit entry"],
    }


def fresh_postgres_database(url: str) -> str:
    """A new, empty database on the same PostgreSQL server as ``url`` (the load commits real rows, so it never
    shares the test database); drop it with :func:`drop_postgres_database`."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"triage_load_{uuid.uuid4().hex[:10]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    engine.dispose()

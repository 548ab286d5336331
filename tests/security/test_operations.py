"""Production serving (gunicorn config, `triage serve --production`) and logs without personal data."""

from __future__ import annotations

import io
import json
import logging
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from triage.commands.serve import serve_command
from triage.logging_config import PersonalDataFilter, configure_logging, json_handler, redact

TRIAGE = str(Path(sys.executable).with_name("triage"))


def test_gunicorn_config_binds_to_loopback_and_logs_paths_without_query_strings(monkeypatch):
    for key in ("TRIAGE_BIND", "TRIAGE_WORKERS", "TRIAGE_TIMEOUT"):
        monkeypatch.delenv(key, raising=False)
    conf = runpy.run_path(str(REPO_ROOT / "triage" / "gunicorn.conf.py"))
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["workers"] == 2 and conf["timeout"] == 60
    fmt = conf["access_log_format"]
    assert "%(U)s" in fmt and "%(r)s" not in fmt and "%(q)s" not in fmt and "%(a)s" not in fmt
    monkeypatch.setenv("TRIAGE_WORKERS", "5")
    assert runpy.run_path(str(REPO_ROOT / "triage" / "gunicorn.conf.py"))["workers"] == 5


def test_serve_needs_production_settings_and_execs_gunicorn(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "execv", lambda path, argv: calls.append(argv))
    monkeypatch.delenv("TRIAGE_ENV", raising=False)
    from click.testing import CliRunner

    runner = CliRunner()
    assert runner.invoke(serve_command, []).exit_code == 2  # development: use `triage run`
    result = runner.invoke(serve_command, ["--production"])
    assert result.exit_code == 1 and "TRIAGE_ENV=production" in result.output
    monkeypatch.setenv("TRIAGE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "short")
    assert "SECRET_KEY" in runner.invoke(serve_command, ["--production"]).output
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("TRIAGE_AUDIT_KEY", "a" * 40)
    result = runner.invoke(serve_command, ["--production", "--workers", "3"])
    assert result.exit_code == 0, result.output
    argv = calls[-1]
    assert argv[argv.index("--config") + 1] == str(REPO_ROOT / "triage" / "gunicorn.conf.py")
    assert argv[-1] == "triage:create_app()" and argv[argv.index("--workers") + 1] == "3"


def test_redaction_of_emails_tokens_names_and_sql_parameters():
    text = (
        "login for jane.doe@example.org with Bearer stt_abcdefghijkl and /reset-password?token=xyz&x=1 "
        "(sqlite3.IntegrityError) UNIQUE failed\n[SQL: INSERT INTO complainant (name) VALUES (?)]\n"
        "[parameters: ('Jane Complainant', 'jane@example.org')]\n(Background on this error at: https://sqlalche.me)"
    )
    out = redact(text, names=("Morgan Officer",))
    assert "jane" not in out.lower() and "stt_abc" not in out and "token=xyz" not in out
    assert "[SQL: INSERT INTO complainant" in out  # the statement is kept, the values are not
    assert redact("signed in as Morgan Officer", names=("Morgan Officer",)) == "signed in as [name]"


def test_json_log_lines_carry_no_personal_data():
    stream = io.StringIO()
    logger = logging.getLogger("triage.test.personal")
    logger.handlers[:] = [json_handler(stream)]
    logger.propagate = False
    logger.warning("user %s failed", "someone@example.gov.uk", extra={"email": "x@y.org", "case": "SC-2026-0001"})
    try:
        raise ValueError("bad value for name@example.org")
    except ValueError:
        logger.exception("unexpected", extra={"body": "complaint text", "form": {"name": "Jane"}})
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["message"] == "user [email] failed" and lines[0]["case"] == "SC-2026-0001"
    assert "email" not in lines[0] and "body" not in lines[1] and "form" not in lines[1]
    assert "[email]" in lines[1]["exception"] and "@" not in json.dumps(lines)
    assert lines[0]["time"].endswith("+00:00") and lines[0]["level"] == "WARNING"


def test_requests_get_an_id_and_app_logs_name_no_one(app, client, db_session):
    stream = io.StringIO()
    root = logging.getLogger()
    before = list(root.handlers), root.level
    handler = configure_logging(stream=stream)
    try:
        with app.test_request_context("/cases/?email=jane@example.org", headers={"X-Request-ID": "abc-123"}):
            from flask import g

            g.request_id = "abc-123"
            app.logger.error("could not render for %s", "jane@example.org")
        entry = json.loads(stream.getvalue().splitlines()[-1])
        assert entry["path"] == "/cases/" and entry["request_id"] == "abc-123"
        assert "jane" not in stream.getvalue()
    finally:
        root.removeHandler(handler)
        root.handlers[:], root.level = before
    assert isinstance(handler.filters[0], PersonalDataFilter)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_gunicorn_serves_the_app_in_production_mode(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "TRIAGE_ENV": "production",
        "SECRET_KEY": "g" * 48,
        "TRIAGE_AUDIT_KEY": "q" * 48,
        "TRIAGE_INSTANCE": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'triage.sqlite3'}",
        "TRIAGE_BIND": f"127.0.0.1:{port}",
        "TRIAGE_WORKERS": "1",
    }
    env.pop("TEST_DATABASE_URL", None)
    assert subprocess.run([TRIAGE, "init-db"], env=env, capture_output=True, timeout=120).returncode == 0
    log = (tmp_path / "gunicorn.log").open("w")
    # The command object directly, so this works before `serve` is registered in triage/cli.py.
    serve = [sys.executable, "-c", "from triage.commands.serve import serve_command; serve_command()", "--production"]
    process = subprocess.Popen(serve, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?email=jane@example.org", timeout=1) as r:
                    body = json.loads(r.read())
                    headers = r.headers
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail((tmp_path / "gunicorn.log").read_text())
                time.sleep(0.2)
        assert body == {"status": "ok", "database": "ok"}
        assert headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    output = (tmp_path / "gunicorn.log").read_text()
    access = [json.loads(line) for line in output.splitlines() if '"gunicorn.access"' in line]
    assert access and access[0]["path"] == "/healthz" and access[0]["status"] == 200
    assert "jane" not in output

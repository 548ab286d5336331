"""Schemathesis against the running app on 127.0.0.1: every operation in /api/v1/openapi.json, with a monitoring
officer's token, all checks (server errors, status codes, content types, response schemas, headers, negative data,
unsupported methods, ignored auth...) except ``positive_data_acceptance``: the schema allows text the server must
refuse (NUL and unpaired surrogates cannot be stored; dates must fall between 2000 and next year)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.conftest import LiveServer

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
pytestmark = pytest.mark.slow

SETUP_SCRIPT = """
from flask_migrate import upgrade
from triage import MIGRATIONS_DIR, create_app
from triage.data import tokens, users
from triage.data.councils import create_council, ensure_shipped_codes
from triage.extensions import db
from triage.models.enums import Jurisdiction, Role
app = create_app()
with app.app_context():
    upgrade(directory=str(MIGRATIONS_DIR))
    ensure_shipped_codes()
    create_council("Fuzzshire Council", Jurisdiction.ENGLAND, "lga-model-2020", actor="test")
    user = users.create_user("officer@example.gov.uk", "Officer", Role.MONITORING_OFFICER, "pw-123456789x")
    _, raw = tokens.create_api_token(user, "schemathesis", actor="test")
    db.session.commit()
    print(raw)
"""


@pytest.fixture
def api_server(tmp_path):
    server = LiveServer(tmp_path)
    server.env["API_RATE_LIMIT"] = "100000 per minute"
    (tmp_path / "instance").mkdir()
    made = subprocess.run(
        [sys.executable, "-c", SETUP_SCRIPT], env=server.env, capture_output=True, text=True, timeout=120, check=True
    )
    server.token = made.stdout.strip().splitlines()[-1]
    server.start()
    yield server
    server.stop()


def test_api_conforms_to_its_openapi_document(api_server, tmp_path):
    if not SCHEMATHESIS.exists():
        pytest.skip("schemathesis is not installed (pip install -e '.[dev]')")
    started = time.monotonic()
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{api_server.url}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {api_server.token}",
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--max-examples",
            "8",
            "--seed",
            "20261124",
            "--generation-allow-x00",
            "false",
            "--request-timeout",
            "10",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert elapsed < 60, f"took {elapsed:.0f} s"
    log = (api_server.root / "server.log").read_text()
    assert "Traceback" not in log, log[-4000:]

"""Security headers (strict CSP without inline script, nosniff, no-store, HSTS in production), rate limits on
sign-in, the code step and password reset, and the request-size limit."""

from __future__ import annotations

import os
import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO_ROOT, TEST_PASSWORD
from tests.security.helpers import create, signed_in_as
from triage import create_app


def test_pages_get_a_strict_csp_and_the_other_headers(client, db_session):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if " " in d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert re.fullmatch(r"'self' 'nonce-[A-Za-z0-9_-]{20,}'", directives["script-src"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers  # development: plain http on localhost


def test_the_only_inline_script_carries_the_per_request_nonce(client, db_session):
    signed_in_as(client, "monitoring_officer")
    nonces = set()
    for url in ("/", "/account", "/cases/"):
        response = client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        nonces.add(nonce)
        page = BeautifulSoup(response.data, "html5lib")
        for script in page.select("script"):
            if not script.get("src"):
                assert script.get("nonce") == nonce, f"inline script without the nonce on {url}"
        assert not page.select("[onclick], [onload], [onerror], [onsubmit], [onchange], [onmouseover]")
    assert len(nonces) == 3  # a new nonce every response


def test_templates_have_no_inline_handlers_or_javascript_urls():
    offenders = []
    for path in (REPO_ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if re.search(r"\son[a-z]+\s*=", text) or "javascript:" in text.lower():
            offenders.append(str(path.relative_to(REPO_ROOT)))
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            if "nonce" not in match.group(0):
                offenders.append(f"{path.relative_to(REPO_ROOT)}: inline <script> without nonce")
    assert offenders == []


def test_case_pages_are_not_cached(client, db_session):
    signed_in_as(client, "monitoring_officer")
    for url in ("/", "/cases/", "/account"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


@pytest.fixture
def production_app(app, tmp_path):
    from triage.extensions import limiter

    was_enabled = limiter.enabled  # the limiter is one object shared by every app: put it back afterwards
    prod = create_app(
        {
            "ENV": "production",
            "SECRET_KEY": "p" * 48,
            "AUDIT_KEY": "k" * 48,
            "SQLITE_BEGIN_IMMEDIATE": False,  # shares the test session's database file
            "INSTANCE_PATH": str(tmp_path),
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://",
            "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": "localhost",
        }
    )
    yield prod
    limiter.reset()
    limiter.enabled = was_enabled


def test_production_sends_hsts_secure_cookies_and_requires_mfa(production_app, db_session):
    client = production_app.test_client()
    response = client.get("/healthz", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert production_app.config["SESSION_COOKIE_SECURE"]
    assert production_app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    user = create("analyst", enrol=False)
    with production_app.app_context():
        step = client.post(
            "/sign-in", data={"email": user.email, "password": TEST_PASSWORD}, base_url="https://localhost"
        )
    assert step.headers["Location"] == "/sign-in/set-up-two-factor"  # MFA_REQUIRED defaults on in production


@pytest.mark.parametrize(
    ("url", "data", "limit"),
    [
        ("/sign-in", {"email": "nobody@example.gov.uk", "password": "wrong-password-here"}, 10),
        ("/sign-in/two-factor", {"code": "000000"}, 10),
        ("/reset-password", {"password": "x", "confirm": "x"}, 5),
    ],
)
def test_rate_limits(production_app, db_session, url, data, limit):
    client = production_app.test_client()
    statuses = [
        client.post(
            url, data=data, base_url="https://localhost", environ_base={"REMOTE_ADDR": f"10.9.{limit}.1"}
        ).status_code
        for _ in range(limit + 1)
    ]
    assert 429 not in statuses[:limit]
    assert statuses[limit] == 429
    page = client.post(url, data=data, base_url="https://localhost", environ_base={"REMOTE_ADDR": f"10.9.{limit}.1"})
    assert "Too many attempts" in page.text


def test_a_50_megabyte_body_gets_the_413_page(client, db_session):
    body = b"a=" + b"x" * (50 * 1024 * 1024)
    response = client.post("/sign-in", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "too large" in response.text


def _limited_app(app, tmp_path, **extra):
    return create_app(
        {
            "SECRET_KEY": "p" * 48,
            "AUDIT_KEY": "k" * 48,
            "SQLITE_BEGIN_IMMEDIATE": False,
            "INSTANCE_PATH": str(tmp_path),
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://",
            "WTF_CSRF_ENABLED": False,
            "SIGN_IN_RATE_LIMIT": "3 per minute",
            **extra,
        }
    )


@pytest.fixture
def limiter_restored():
    from triage.extensions import limiter

    was_enabled = limiter.enabled
    yield
    limiter.reset()
    limiter.enabled = was_enabled


def _sign_in_statuses(client, forwarded_for: str, times: int, remote: str = "10.0.0.1") -> list[int]:
    return [
        client.post(
            "/sign-in",
            data={"email": "nobody@example.gov.uk", "password": "wrong-password-here"},
            headers={"X-Forwarded-For": forwarded_for},
            environ_base={"REMOTE_ADDR": remote},
        ).status_code
        for _ in range(times)
    ]


def test_behind_one_proxy_limits_count_the_person_not_the_proxy(app, tmp_path, db_session, limiter_restored):
    """With TRIAGE_PROXY_HOPS=1 each person behind the proxy has their own sign-in limit; an address the client
    wrote further left in X-Forwarded-For is not believed."""
    client = _limited_app(app, tmp_path, PROXY_HOPS=1).test_client()
    assert _sign_in_statuses(client, "198.51.100.7", 4)[-1] == 429
    assert 429 not in _sign_in_statuses(client, "198.51.100.8", 3)  # another person through the same proxy
    # Spoofing: a made-up address on the left does not buy a fresh limit for 198.51.100.7.
    assert _sign_in_statuses(client, "203.0.113.99, 198.51.100.7", 1) == [429]


def test_without_a_proxy_setting_forwarded_headers_are_ignored(app, tmp_path, db_session, limiter_restored):
    client = _limited_app(app, tmp_path).test_client()
    statuses = [_sign_in_statuses(client, f"198.51.100.{n}", 1)[0] for n in range(4)]
    assert statuses[-1] == 429  # every attempt counted against the connecting address


def test_made_up_api_tokens_do_not_buy_fresh_limits(app, tmp_path, db_session, limiter_restored):
    import secrets

    client = _limited_app(app, tmp_path, API_FAILED_AUTH_LIMIT="5 per minute").test_client()
    statuses = [
        client.get(
            "/api/v1/me",
            headers={"Authorization": f"Bearer {secrets.token_urlsafe(32)}"},
            environ_base={"REMOTE_ADDR": "10.7.7.7"},
        ).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429, 429]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real Redis server for this module (REDIS_URL if one is given; else redis-server started here)."""
    import shutil
    import socket
    import subprocess
    import time

    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is required in CI (scripts/ensure-system-packages.sh installs it)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def test_limits_are_shared_between_workers_through_redis(app, tmp_path, db_session, limiter_restored, redis_url):
    """Two app instances stand for two gunicorn workers: with Redis storage an attacker cannot double the limit by
    landing on the other worker (with the per-process memory store they could)."""
    address = f"10.8.{os.getpid() % 250}.1"
    first = _limited_app(app, tmp_path, RATELIMIT_STORAGE_URI=redis_url).test_client()
    assert _sign_in_statuses(first, "", 3, remote=address) == [200, 200, 200]
    # A second worker: its own process-level storage object, connected to the same Redis.
    second = _limited_app(app, tmp_path, RATELIMIT_STORAGE_URI=redis_url).test_client()
    assert _sign_in_statuses(second, "", 1, remote=address) == [429]
    # The same with the per-process memory store: the new worker starts from nothing.
    third = _limited_app(app, tmp_path).test_client()
    assert _sign_in_statuses(third, "", 1, remote=address) == [200]

"""Security headers (strict CSP without inline script, nosniff, no-store, HSTS in production), rate limits on
sign-in, the code step and password reset, and the request-size limit."""

from __future__ import annotations

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

"""Shared fixtures: one migrated database per test session (SQLite, or PostgreSQL when TEST_DATABASE_URL is set),
emptied after every test, and clients that parse HTML."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from sqlalchemy import insert, text

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
TEST_PASSWORD = "correct-horse-battery-staple"


def pytest_collection_modifyitems(config, items):
    if SHARED_DATA.is_dir():
        return
    skip = pytest.mark.skip(reason="../shared/data not present (a fresh clone has no shared data sets)")
    for item in items:
        if "shared_data" in item.keywords:
            item.add_marker(skip)


def check_page(url: str, page: BeautifulSoup, csp: str) -> None:
    title = page.title.get_text(strip=True) if page.title else ""
    assert title, f"{url}: the page has no title"
    ids = [el["id"] for el in page.find_all(id=True)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{url}: duplicate ids {duplicates}"
    error = "Gwall: " if page.html and page.html.get("lang") == "cy" else "Error: "  # the Welsh public form
    assert not title.startswith(error * 2), f"{url}: the title says {error}twice"
    summaries = page.select(".govuk-error-summary")
    assert len(summaries) <= 1, f"{url}: {len(summaries)} error summaries"
    assert bool(summaries) == title.startswith(error), f"{url}: an error summary needs '{error}' in the title"
    match = re.search(r"'nonce-([^']+)'", csp)
    for script in page.find_all("script"):
        assert match and script.get("nonce") == match.group(1), f"{url}: a script without the page's CSP nonce"


class HtmlClient(FlaskClient):
    """A test client whose `page()` returns parsed HTML after checking the status code.

    Each request runs in its own application context, as in production: a fresh ``g`` (Flask-Login's user,
    Flask-WTF's token, per-request lookups) and a fresh database session, rather than the ones the test's
    ``db_session`` fixture holds open, so nothing a request leaves in them can leak into the next request.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)

    def page(self, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        """GET ``url`` and parse it, failing on what no page may have (in the spirit of GOV.UK Notify admin's
        ``ClientRequest``): a missing or empty title, duplicate ids, or a script without the response's CSP nonce."""
        response = self.get(url, **kwargs)
        assert response.status_code == status, f"{url}: {response.status_code}"
        page = BeautifulSoup(response.data, "html5lib")
        if response.mimetype == "text/html":
            check_page(url, page, response.headers.get("Content-Security-Policy", ""))
        return page

    def submit(self, url: str, data: dict, status: int | None = None, **kwargs):
        """POST ``data``; a page shown in answer (an error, a conflict) gets the same checks as :meth:`page`."""
        response = self.post(url, data=data, **kwargs)
        if status is not None:
            assert response.status_code == status, f"{url}: {response.status_code}"
        if response.mimetype == "text/html" and response.status_code in (200, 400, 409, 422):
            check_page(
                url, BeautifulSoup(response.data, "html5lib"), response.headers.get("Content-Security-Policy", "")
            )
        return response


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    from flask_migrate import upgrade

    from triage import create_app
    from triage.extensions import db

    instance = tmp_path_factory.mktemp("instance")
    flask_app = create_app(
        {
            "TESTING": True,
            "SQLITE_BEGIN_IMMEDIATE": False,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "INSTANCE_PATH": str(instance),
            "UPLOAD_FOLDER": str(instance / "files"),
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "MFA_REQUIRED": False,  # MFA has its own tests; other tests sign in with a password only
            "SERVER_NAME": "localhost",
        }
    )
    flask_app.test_client_class = HtmlClient
    with flask_app.app_context():
        _reset_schema(db)
        upgrade(directory=flask_app.extensions["migrate"].directory)
    yield flask_app
    with flask_app.app_context():
        db.engine.dispose()


def _reset_schema(db) -> None:
    """Start each session from an empty database, whatever a previous run left behind."""
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        else:
            for (name,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).all():
                if not name.startswith("sqlite_"):
                    conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))


@pytest.fixture
def db_session(app):
    """The app's session inside an app context; every table is emptied afterwards."""
    from triage.extensions import db
    from triage.models import Base, HistoryState
    from triage.models.base import utcnow

    ctx = app.app_context()
    ctx.push()
    try:
        yield db.session
    finally:
        db.session.rollback()
        with db.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
            # As the migration left it, with a new epoch: every test then runs with the history cache on, and no
            # test can see a page cached by another.
            conn.execute(insert(HistoryState).values(id=1, version=0, epoch=secrets.token_hex(16), changed_at=utcnow()))
        # The audit log was emptied, so checkpoints of it (kept outside the database) go too.
        Path(app.config["AUDIT_CHECKPOINT_FILE"]).unlink(missing_ok=True)
        db.session.remove()
        ctx.pop()


@pytest.fixture
def client(app, db_session) -> HtmlClient:
    return app.test_client()


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


@pytest.fixture
def make_user(db_session):
    from triage.data.users import create_user
    from triage.models.enums import Role

    def _make(role: Role | str = "monitoring_officer", email: str | None = None, name: str = "Test User"):
        role = Role(role)
        user = create_user(email or f"{role.value}@example.gov.uk", name, role, TEST_PASSWORD, actor="test")
        db_session.commit()
        return user

    return _make


@pytest.fixture
def sign_in(client, make_user):
    """Sign the client in as a new user with the given role; returns the user."""

    def _sign_in(role="monitoring_officer", email: str | None = None):
        user = make_user(role, email=email)
        response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, "sign-in failed"
        return user

    return _sign_in


@pytest.fixture
def council(db_session):
    from triage.data.councils import create_council
    from triage.models.enums import Jurisdiction

    c = create_council("Testshire District Council", Jurisdiction.ENGLAND, "lga-model-2020", actor="test")
    db_session.commit()
    return c


def normalise_space(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


@pytest.fixture
def smtp_server(app, monkeypatch):
    """A real SMTP server on a free loopback port (aiosmtpd); the app is pointed at it for the test."""
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received: list = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    for key, value in {
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": False,
        "SMTP_USERNAME": "",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    try:
        yield received
    finally:
        controller.stop()

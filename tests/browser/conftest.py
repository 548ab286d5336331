"""Real-browser fixtures: a live server started with the `triage` command and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

ARTIFACTS = REPO_ROOT / "test-artifacts"
TRIAGE = str(Path(sys.executable).with_name("triage"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


class LiveServer:
    def __init__(self, root: Path):
        self.root = root
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "TRIAGE_INSTANCE": str(root / "instance"),
            "DATABASE_URL": f"sqlite:///{root / 'instance' / 'triage.sqlite3'}",
            "SECRET_KEY": "browser-test-secret-key-0123456789abcdef",
            "FLASK_DEBUG": "0",
            # Every browser test signs in from 127.0.0.1 against one server per worker: the per-address sign-in
            # limit (10 a minute) would otherwise trip between tests and fail a journey at random.
            "TRIAGE_SIGN_IN_RATE_LIMIT": "200 per minute",
            # The public form refuses anything sent faster than a person could type it; a scripted browser is fast.
            "TRIAGE_PUBLIC_FORM_MIN_SECONDS": "1",
            "TRIAGE_PUBLIC_FORM_LANGUAGES": "en,cy",  # the Welsh run uses the switcher
        }
        self.env.pop("TEST_DATABASE_URL", None)
        self.process: subprocess.Popen | None = None

    def triage(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [TRIAGE, *args], env=self.env, input=input, capture_output=True, text=True, timeout=120, check=False
        )

    def start(self) -> None:
        log = open(self.root / "server.log", "w")
        self.process = subprocess.Popen(
            [TRIAGE, "run", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start: {(self.root / 'server.log').read_text()}")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def mailbox():
    """A real SMTP server on loopback for the whole browser session: every email the live server sends lands here."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received: list = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    controller = Controller(Collect(), hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller.port, received
    controller.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, mailbox):
    server = LiveServer(tmp_path_factory.mktemp("live"))
    server.env.update(
        {"TRIAGE_MAIL_BACKEND": "smtp", "TRIAGE_SMTP_HOST": "127.0.0.1", "TRIAGE_SMTP_PORT": str(mailbox[0])}
    )
    result = server.triage("init-db")
    assert result.returncode == 0, result.stderr
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-final.png"), full_page=True)
    context.close()

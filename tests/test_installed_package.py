"""The package runs from an installed wheel, away from the checkout: templates, migrations, the gunicorn settings,
the Codes, the models and the note templates all ship as package data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel built from this checkout, unpacked into a folder of its own (as pip would install it)."""
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(REPO_ROOT), "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.fail(f"the wheel did not build:\n{built.stderr[-3000:]}")
    (wheel,) = out.glob("standards_triage-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run(installed, tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(installed),
        "TRIAGE_INSTANCE": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'triage.sqlite3'}",
    }
    env.pop("TRIAGE_ENV", None)
    return subprocess.run([sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_the_installed_wheel_migrates_serves_pages_and_writes_a_note(installed, tmp_path):
    where = run(installed, tmp_path, "-c", "import triage; print(triage.__file__)")
    assert where.stdout.strip().startswith(str(installed)), where.stdout + where.stderr

    cli = ["-c", "from triage.cli import main; main()"]
    migrated = run(installed, tmp_path, *cli, "init-db")
    assert migrated.returncode == 0, migrated.stderr

    page = run(
        installed,
        tmp_path,
        "-c",
        "from triage import create_app; r = create_app().test_client().get('/sign-in'); "
        "print(r.status_code); print(r.get_data(as_text=True))",
    )
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("200") and "Sign in" in page.stdout

    case = sorted((REPO_ROOT / "sample_cases").glob("0001-*.json"))[0]
    note = run(installed, tmp_path, *cli, "note", str(case), "-o", str(tmp_path / "note.pdf"))
    assert note.returncode == 0, note.stderr
    assert (tmp_path / "note.pdf").read_bytes().startswith(b"%PDF")


def test_the_installed_wheel_speaks_welsh_on_the_public_form(installed, tmp_path):
    """The compiled Welsh catalogue ships in the wheel: without it the form would fall back to English silently."""
    assert (installed / "triage" / "translations" / "cy" / "LC_MESSAGES" / "messages.mo").is_file()
    cli = ["-c", "from triage.cli import main; main()"]
    assert run(installed, tmp_path, *cli, "init-db").returncode == 0
    made = run(installed, tmp_path, *cli, "create-council", "Cyngor Prawf", "--jurisdiction", "wales")
    assert made.returncode == 0, made.stderr
    page = run(
        installed,
        tmp_path,
        "-c",
        "from triage import create_app; app = create_app({'PUBLIC_FORM_LANGUAGES': 'en,cy'}); "
        "r = app.test_client().get('/complain/', headers={'Accept-Language': 'cy'}); "
        "print(r.status_code); print(r.get_data(as_text=True))",
    )
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("200") and "Dechrau nawr" in page.stdout

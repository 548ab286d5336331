"""A CLI batch survives any file: each bad file is reported with its path and field, without its content, the good
files still run, the exit code is 2, and a re-run import adds nothing twice."""

from __future__ import annotations

import copy
import json

from sqlalchemy import func, select

from tests.cli.test_cli import VALID_CASE
from triage.models import Case

SECRET_NAME = "Rosalind Confidential-Complainant"
SECRET_EMAIL = "rosalind.private@example.org"


def _case(**changes) -> dict:
    data = copy.deepcopy(VALID_CASE)
    data.pop("reference")
    data["complainant"] = {"kind": "member_of_public", "name": SECRET_NAME, "email": SECRET_EMAIL}
    for key, value in changes.items():
        data[key] = value
    return data


def _batch(folder) -> dict[str, str]:
    deep = "[" * 100_000 + "]" * 100_000
    files = {
        "01-good.json": json.dumps(_case()),
        "02-before-2000.json": json.dumps(_case(received_on="1999-12-31")),
        "03-year-9999.json": json.dumps(_case(posts=[{"text": "x", "platform": "x", "posted_on": "9999-01-01"}])),
        "04-deep.json": deep,
        "05-surrogate.json": json.dumps(_case()).replace("Cllr Test Person", "Cllr \\ud800 Person"),
        "06-unknown-code.json": json.dumps(_case(code="made-up-code-2099")),
        "07-huge-text.json": json.dumps(_case(posts=[{"text": SECRET_NAME * 2000, "platform": "x"}])),
        "08-long-name.json": json.dumps(
            _case(subject_member={"name": SECRET_NAME * 200, "role": "councillor", "in_office_at_time": "yes"})
        ),
        "09-good.json": json.dumps(_case(received_on="2024-03-02")),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return files


def test_import_reports_each_bad_file_and_imports_the_rest_once(runner, council, tmp_path, db_session):
    _batch(tmp_path)
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.splitlines()
    for name, field in [
        ("02-before-2000.json", "received_on: must be between 2000-01-01"),
        ("03-year-9999.json", "posts[0].posted_on: must be between"),
        ("04-deep.json", "not a case file: nested far too deeply"),
        ("05-surrogate.json", "subject_member.name: contains a NUL character or an unpaired surrogate"),
        ("06-unknown-code.json", "code: not a Code of Conduct this app knows"),
        ("07-huge-text.json", "posts[0].text: must be 20,000 characters or fewer"),
        ("08-long-name.json", "subject_member.name: must be 200 characters or fewer"),
    ]:
        assert any(line.startswith(f"{tmp_path / name}: {field}") for line in lines), (name, result.output[:2000])
    assert "2 imported, 0 already imported, 7 failed." in result.output
    assert SECRET_NAME not in result.output and SECRET_EMAIL not in result.output
    assert max(len(line) for line in lines) < 300
    assert db_session.scalar(select(func.count(Case.id))) == 2

    again = runner.invoke(args=["import", str(tmp_path)])
    assert "0 imported, 2 already imported, 7 failed." in again.output
    assert f"{tmp_path / '01-good.json'}: already imported as SC-2024-" in again.output
    assert db_session.scalar(select(func.count(Case.id))) == 2


def test_an_imported_reference_is_not_imported_twice(runner, council, tmp_path, db_session):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(VALID_CASE))
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    changed = dict(VALID_CASE, summary="The same case, edited since")
    path.write_text(json.dumps(changed))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0
    assert "already imported as SC-2024-0007, skipped" in result.output
    assert db_session.scalar(select(func.count(Case.id))) == 1


def test_assess_runs_every_good_file_and_names_the_source_of_each_line(runner, tmp_path):
    _batch(tmp_path)
    result = runner.invoke(args=["assess", str(tmp_path)])
    assert result.exit_code == 2
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["source"] for o in out] == [str(tmp_path / "01-good.json"), str(tmp_path / "09-good.json")]
    assert SECRET_NAME not in result.stderr

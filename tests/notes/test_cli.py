"""``triage note REF|CASEFILE -o FILE.pdf``."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.notes.helpers import MEMBER, case_file, make_case, pdf_text, xmp
from triage.commands.note import note


def test_case_file_needs_no_database_or_app(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({**case_file(reference="SC-2026-0777"), "expected": {"outcome": "investigation"}}))
    out = tmp_path / "note.pdf"
    result = CliRunner().invoke(note, [str(path), "-o", str(out), "--council", "Testshire District Council"])
    assert result.exit_code == 0, result.output
    assert "not stored" in result.output
    text = pdf_text(out.read_bytes())
    assert "SC-2026-0777" in text and MEMBER in text and "Testshire District Council" in text
    assert "Stage 2: would it be a breach if proven?" in text


def test_invalid_case_file_names_the_field_and_exits_2(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"posts": []}))
    result = CliRunner().invoke(note, [str(path), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "subject_member" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_ua_variant_from_a_case_file(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_file()))
    out = tmp_path / "note.pdf"
    result = CliRunner().invoke(note, [str(path), "-o", str(out), "--variant", "pdf/ua-1"])
    assert result.exit_code == 0, result.output
    assert "pdfuaid" in xmp(out.read_bytes())


def test_reference_uses_the_database_and_reuses_the_stored_version(app, db_session, council, tmp_path):
    case = make_case(app, council, screenshot=False)
    runner = app.test_cli_runner()
    first = runner.invoke(note, [case.reference, "-o", str(tmp_path / "a.pdf")])
    assert first.exit_code == 0, first.output
    assert "version 1, new version" in first.output
    second = runner.invoke(note, [case.reference, "-o", str(tmp_path / "b.pdf")])
    assert "version 1, unchanged, stored version" in second.output
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    missing = runner.invoke(note, ["SC-2099-9999", "-o", str(tmp_path / "c.pdf")])
    assert missing.exit_code != 0 and "No case with reference SC-2099-9999" in missing.output
    letter = runner.invoke(note, [case.reference, "-o", str(tmp_path / "d.pdf"), "--kind", "letter_to_member"])
    assert letter.exit_code != 0 and "Record the decision" in letter.output

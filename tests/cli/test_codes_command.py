"""`triage codes load`: a council's own Code from a file is validated, stored, versioned, and then scores, decides
and prints in the note; a case keeps the version it was logged under when the Code is revised."""

from __future__ import annotations

import json
from importlib import resources

from sqlalchemy import select

from tests.notes.helpers import pdf_text
from tests.web.test_cases import case_file


def harrowden_code(wording: str = "Harrowden wording") -> dict:
    """The LGA model as a council might adopt it: its own id, numbering and words."""
    data = json.loads(resources.files("triage.codes").joinpath("data", "lga-model-2020.json").read_text("utf-8"))
    data.update(id="harrowden-2024", title="Harrowden Code of Conduct 2024", paraphrase=False)
    for i, paragraph in enumerate(data["paragraphs"]):
        paragraph["id"] = f"H{i + 1}"
        paragraph["text"] = f"{wording}: {paragraph['text']}"
    return data


def test_a_code_loaded_from_a_file_scores_decides_and_prints_in_the_note(runner, db_session, make_user, tmp_path):
    from triage.data import notes as note_data
    from triage.data.cases import create_case_from_file
    from triage.data.councils import get_council_by_name
    from triage.models.enums import NoteKind
    from triage.services.assessing import run_assessment
    from triage.services.decisions import record_decision

    path = tmp_path / "harrowden.json"
    path.write_text(json.dumps(harrowden_code()), encoding="utf-8")
    loaded = runner.invoke(args=["codes", "load", str(path)])
    assert loaded.exit_code == 0, loaded.output
    assert "Loaded harrowden-2024 version 1" in loaded.output
    created = runner.invoke(args=["create-council", "Harrowden District Council", "--code", "harrowden-2024"])
    assert created.exit_code == 0, created.output

    council = get_council_by_name("Harrowden District Council")
    case = create_case_from_file(council, case_file(code="harrowden-2024"))
    assessment = run_assessment(case)
    assert {p["id"] for p in assessment.result["paragraphs"]} == {
        f"H{i + 1}" for i in range(len(harrowden_code()["paragraphs"]))
    }
    officer = make_user("monitoring_officer", email="mo@harrowden.example.gov.uk")
    record_decision(
        case,
        outcome="investigation",
        paragraphs=["H1"],
        reasons="The post targets an officer by name in public.",
        override_reason="Officer's own judgement on the facts.",
        user=officer,
    )
    db_session.commit()
    assert case.latest_decision.paragraphs == ["H1"]
    note = note_data.current_note(case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db_session.commit()
    text = pdf_text(note_data.read_note(note))
    assert "Harrowden Code of Conduct 2024" in text
    assert "Harrowden wording" in text


def test_a_revised_code_is_a_new_version_and_old_cases_keep_theirs(runner, db_session, tmp_path):
    from triage.data.cases import create_case_from_file
    from triage.data.councils import create_council, get_code
    from triage.data.decisions import code_paragraphs
    from triage.models import AuditEntry
    from triage.models.enums import Jurisdiction
    from triage.services.assessing import run_assessment

    path = tmp_path / "harrowden.json"
    path.write_text(json.dumps(harrowden_code()), encoding="utf-8")
    assert runner.invoke(args=["codes", "load", str(path)]).exit_code == 0
    council = create_council("Harrowden District Council", Jurisdiction.ENGLAND, "harrowden-2024", actor="test")
    old_case = create_case_from_file(council, case_file(code="harrowden-2024"))
    db_session.commit()

    again = runner.invoke(args=["codes", "load", str(path)])
    assert "unchanged" in again.output and get_code("harrowden-2024").version == 1

    revised = harrowden_code("Revised 2026 wording")
    revised["paragraphs"] = revised["paragraphs"][:-1]
    path.write_text(json.dumps(revised), encoding="utf-8")
    result = runner.invoke(args=["codes", "load", str(path)])
    assert result.exit_code == 0 and "version 2" in result.output
    db_session.expire_all()
    assert council.code.version == 2  # new complaints are logged under the revised Code
    new_case = create_case_from_file(council, case_file(code="harrowden-2024"))
    assert (old_case.code_version, new_case.code_version) == (1, 2)
    assert code_paragraphs(old_case)[0][2].startswith("Harrowden wording")
    assert code_paragraphs(new_case)[0][2].startswith("Revised 2026 wording")
    assert len(code_paragraphs(old_case)) == len(code_paragraphs(new_case)) + 1
    rescored = run_assessment(old_case)
    assert len(rescored.result["paragraphs"]) == len(harrowden_code()["paragraphs"])
    revision = db_session.scalars(select(AuditEntry).where(AuditEntry.action == "code.revised")).one()
    assert revision.after["councils_moved"] == ["Harrowden District Council"]

    listing = runner.invoke(args=["codes", "list"])
    assert "harrowden-2024\tversion 2" in listing.output and "harrowden-2024\tversion 1" in listing.output


def test_an_invalid_code_file_is_refused_with_the_problem_and_nothing_is_stored(runner, db_session, tmp_path):
    from triage.data.councils import get_code

    data = harrowden_code()
    data["paragraphs"][0]["question_ids"] = ["no_such_question"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(args=["codes", "load", str(path)])
    assert result.exit_code != 0
    assert "unknown question 'no_such_question'" in result.output
    assert get_code("harrowden-2024") is None
    assert runner.invoke(args=["codes", "load"]).exit_code == 2

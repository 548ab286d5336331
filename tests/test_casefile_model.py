"""The typed case file: every sample case reads into a CaseFile and writes back as schema-valid JSON that reads
into the same object; a case from the database exports through it; bad JSON is refused field by field."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO_ROOT
from triage.casefile import validate_case_file
from triage.casefile.model import CaseFile, CaseFileError

SAMPLES = sorted((REPO_ROOT / "sample_cases").glob("[0-9]*.json"))


def test_every_sample_case_round_trips_through_the_typed_model():
    for path in SAMPLES:
        data = json.loads(path.read_text(encoding="utf-8"))
        case = CaseFile.from_dict(data)
        out = case.to_json()
        assert validate_case_file(out) == [], path.name
        assert CaseFile.from_dict(out) == case, path.name
        assert out.get("expected") == data.get("expected")  # labels travel untouched in extra


def test_invalid_json_is_refused_with_each_field_named():
    with pytest.raises(CaseFileError) as error:
        CaseFile.from_dict({"posts": [{"text": "x", "platform": "myspace"}]})
    assert any("subject_member" in p for p in error.value.problems)
    assert any(p.startswith("posts[0].platform") for p in error.value.problems)


def test_a_stored_case_exports_through_the_typed_model(db_session, council):
    from tests.web.test_cases import case_file
    from triage.data.cases import case_file_for, create_case_from_file

    case = create_case_from_file(council, case_file())
    db_session.commit()
    typed = case_file_for(case)
    assert isinstance(typed, CaseFile) and typed.subject_member.name == "Cllr Robin Example"
    assert validate_case_file(typed.to_json()) == []
    anonymous = case_file_for(case, include_complainant=False, include_member_name=False)
    assert anonymous.complainant is not None and anonymous.complainant.name == ""
    assert all(p.url == "" for p in anonymous.posts)


def test_the_scorer_reads_the_typed_case_file_and_gives_the_same_result_as_from_the_json():
    """One shape into the scorer: the JSON is read into a CaseFile first, so typed and untyped input score alike."""
    from triage.scoring.assess import assess

    for path in SAMPLES[:6]:
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("expected", None)
        typed = CaseFile.from_dict(data)
        assert assess(typed).to_dict() == assess(data).to_dict(), path.name


def test_a_partial_file_reads_with_intake_defaults_and_is_not_checked():
    """The evaluation blanks answers and the tests build small files; reading them must not need the schema."""
    case = CaseFile.read({"posts": [{"text": "Hello"}, {"text": "Reply", "author": "third_party"}]})
    assert case.subject_member.name == "" and case.jurisdiction == ""  # not stated: the Code's nation applies
    assert [p.text for p in case.member_posts] == ["Hello"]
    assert [p.text for p in case.third_party_posts] == ["Reply"]
    assert case.posts[0].account_kind == "unknown" and case.posts[0].interaction == "original_post"
    assert CaseFile.coerce(case) is case


def test_a_file_that_names_a_welsh_code_but_no_nation_is_read_as_welsh():
    """An absent nation is not England: the Code the file names decides it."""
    from triage.scoring.analysis import analyse

    analysis = analyse({"code": "wales-model-2016", "subject_member": {"name": "X"}, "posts": [{"text": "Hello"}]})
    assert analysis.facts.jurisdiction == "wales"

"""Codes of Conduct as data: shipped files validate, match decision D4, and a council can load its own Code."""

from __future__ import annotations

import json

import pytest

from triage.codes import (
    JURISDICTION_DEFAULT,
    TOPICS,
    CodeError,
    code_for,
    code_problems,
    load_code,
    load_code_file,
    shipped_code_ids,
)
from triage.scoring.questions import QUESTIONS_BY_ID

# decision D4: topic -> paragraph ids per Code
D4 = {
    "lga-model-2020": {
        "respect": {"1.1", "1.2"},
        "bullying": {"2.1"},
        "harassment": {"2.2"},
        "equality": {"2.3"},
        "impartiality": {"3.1"},
        "confidentiality": {"4.1"},
        "knowledge": {"4.2"},
        "disrepute": {"5.1"},
        "position": {"6.1"},
        "resources": {"7.1", "7.2"},
        "intimidation": {"8.3"},
    },
    "leicestershire-common": {
        "respect": {"3(1)"},
        "bullying": {"3(2)(b)"},
        "equality": {"3(2)(a)"},
        "impartiality": {"3(2)(d)"},
        "confidentiality": {"4(a)"},
        "disrepute": {"5"},
        "position": {"6(a)"},
        "resources": {"6(b)"},
        "intimidation": {"3(2)(c)"},
    },
    "wales-model-2016": {
        "respect": {"4(b)"},
        "bullying": {"4(c)"},
        "equality": {"4(a)"},
        "impartiality": {"4(d)"},
        "confidentiality": {"5(a)"},
        "disrepute": {"6(1)(a)"},
        "position": {"7(a)"},
        "resources": {"7(b)"},
    },
    "scotland-councillors-2021": {
        "respect": {"3.1"},
        "bullying": {"3.3"},
        "equality": {"3.2"},
        "impartiality": {"3.7"},
        "confidentiality": {"3.21"},
        "position": {"3.14"},
        "resources": {"3.15"},
    },
}


def test_the_four_codes_ship():
    assert set(shipped_code_ids()) == set(D4)


@pytest.mark.parametrize("code_id", sorted(D4))
def test_shipped_code_matches_decision_d4(code_id):
    code = load_code(code_id)
    by_topic: dict[str, set[str]] = {}
    for para in code.paragraphs:
        by_topic.setdefault(para.topic, set()).add(para.id)
        assert para.topic in TOPICS
        assert para.text.startswith("Paraphrase:")
        assert all(q in QUESTIONS_BY_ID for q in para.question_ids)
    assert by_topic == D4[code_id]
    assert code.paraphrase is True


def test_only_the_welsh_disrepute_paragraph_applies_at_any_time():
    any_time = {(c, p.id) for c in D4 for p in load_code(c).paragraphs if p.applies_at_any_time}
    assert any_time == {("wales-model-2016", "6(1)(a)")}


def test_scotland_has_no_disrepute_paragraph_so_respect_stands_in():
    scotland = load_code("scotland-councillors-2021")
    assert not [p for p in scotland.paragraphs if p.topic == "disrepute"]
    assert [p.id for p in scotland.paragraphs_for("disrepute")] == ["3.1"]


def test_topic_fallback_and_target_narrowing():
    wales = load_code("wales-model-2016")
    assert [p.id for p in wales.paragraphs_for("harassment")] == ["4(c)"]
    lga = load_code("lga-model-2020")
    assert [p.id for p in lga.paragraphs_for("respect", "officer")] == ["1.2"]
    assert [p.id for p in lga.paragraphs_for("respect", "councillor")] == ["1.1"]
    assert [p.id for p in lga.paragraphs_for("respect")] == ["1.1", "1.2"]


def test_code_for_uses_the_case_code_or_the_jurisdiction_default():
    assert code_for({}).id == "lga-model-2020"
    assert code_for({"jurisdiction": "wales"}).id == "wales-model-2016"
    assert code_for({"jurisdiction": "scotland"}).id == "scotland-councillors-2021"
    assert code_for({"jurisdiction": "england", "code": "leicestershire-common"}).id == "leicestershire-common"
    assert JURISDICTION_DEFAULT["england"] == "lga-model-2020"


def test_unknown_code_id_is_a_clear_error():
    with pytest.raises(CodeError, match="unknown Code of Conduct 'nope'"):
        load_code("nope")


def own_code() -> dict:
    return {
        "id": "harrowden-2023",
        "title": "Harrowden District Council Members' Code 2023",
        "jurisdiction": "england",
        "adopted_by_note": "Adopted by full council, 2023 (fictional).",
        "source_note": "The council's adopted wording.",
        "paraphrase": False,
        "paragraphs": [
            {
                "id": "A1",
                "heading": "Courtesy",
                "text": "Members are courteous to everyone.",
                "topic": "respect",
                "question_ids": ["about_individual"],
                "applies_at_any_time": False,
            },
            {
                "id": "A2",
                "heading": "Reputation",
                "text": "Members do not discredit the council.",
                "topic": "disrepute",
                "question_ids": [],
                "applies_at_any_time": False,
            },
        ],
    }


def test_a_council_can_load_its_own_code(tmp_path, text_models=None):
    path = tmp_path / "harrowden.json"
    path.write_text(json.dumps(own_code()), encoding="utf-8")
    code = load_code_file(path)
    assert code.id == "harrowden-2023" and code.paraphrase is False
    assert code.cite("respect") == "Harrowden District Council Members' Code 2023, para A1 (Courtesy)"
    assert code.paragraph("A2").topic == "disrepute"


def test_own_code_is_used_by_the_scorer(tmp_path):
    from tests.scoring.cases import ABUSIVE, case
    from tests.scoring.standin import StandInTextModels
    from triage.scoring.assess import assess

    path = tmp_path / "harrowden.json"
    path.write_text(json.dumps(own_code()), encoding="utf-8")
    data = case(
        text=ABUSIVE, answers={"about_individual": "yes", "target": "councillor", "acting_as_councillor": "yes"}
    )
    result = assess(data, code=load_code_file(path), text_models=StandInTextModels()).to_dict()
    assert result["code"] == "harrowden-2023"
    assert {p["id"] for p in result["paragraphs"]} == {"A1", "A2"}
    assert any("Members' Code 2023, para A1" in r["source"] for r in result["reasons"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("title"), "title"),
        (lambda d: d["paragraphs"][1].update(topic="rudeness"), "paragraphs[1].topic"),
        (lambda d: d["paragraphs"][0].update(question_ids=["made_up"]), "paragraphs[0].question_ids[0]"),
        (lambda d: d["paragraphs"][1].update(id="A1"), "paragraphs[1].id"),
        (lambda d: d.update(jurisdiction="france"), "jurisdiction"),
        (lambda d: d["paragraphs"][0].pop("applies_at_any_time"), "paragraphs[0]"),
    ],
)
def test_invalid_own_code_names_file_and_field(tmp_path, change, field):
    data = own_code()
    change(data)
    path = tmp_path / "bad-code.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CodeError) as info:
        load_code_file(path)
    message = str(info.value)
    assert str(path) in message
    assert field in message


def test_not_json_and_missing_file_name_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CodeError, match="broken.json: not valid JSON"):
        load_code_file(path)
    with pytest.raises(CodeError, match="missing.json: file not found"):
        load_code_file(tmp_path / "missing.json")


def test_code_problems_on_valid_data_is_empty():
    assert code_problems(own_code()) == []

"""`triage assess` and `triage model` as plain click commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.scoring.cases import ABUSIVE, MILD, case, labelled_cases
from tests.scoring.standin import StandInTextModels
from triage.commands.assess import assess
from triage.commands.model import model


@pytest.fixture(autouse=True)
def standin_text(monkeypatch):
    import triage.scoring.assess as module

    monkeypatch.setattr(module, "_default_text_models", lambda: (StandInTextModels(), ""))


def write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_assess_one_file(tmp_path):
    path = write(tmp_path / "a.json", case(reference="SC-A", text=ABUSIVE, answers={"about_individual": "yes"}))
    result = CliRunner().invoke(assess, [str(path)])
    assert result.exit_code == 0, result.output
    [row] = lines(result.stdout)
    assert row["reference"] == "SC-A"
    assert row["recommendation"] in row["recommendation_probabilities"]
    assert row["reasons"]


def test_assess_a_folder_in_name_order(tmp_path):
    for name, ref in (("b.json", "SC-B"), ("a.json", "SC-A"), ("c.json", "SC-C")):
        write(tmp_path / name, case(reference=ref, text=MILD))
    (tmp_path / "notes.txt").write_text("not a case")
    result = CliRunner().invoke(assess, [str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [row["reference"] for row in lines(result.stdout)] == ["SC-A", "SC-B", "SC-C"]


def test_invalid_file_exits_2_names_file_and_field_and_others_still_run(tmp_path):
    good = write(tmp_path / "good.json", case(reference="SC-GOOD"))
    bad_data = case(reference="SC-BAD")
    bad_data["posts"][0]["platform"] = "myspace"
    del bad_data["subject_member"]["name"]
    bad = write(tmp_path / "bad.json", bad_data)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(assess, [str(bad), str(good), str(broken)])
    assert result.exit_code == 2
    assert [row["reference"] for row in lines(result.stdout)] == ["SC-GOOD"]
    assert f"{bad}: posts[0].platform" in result.stderr
    assert f"{bad}: subject_member.name: required field is missing" in result.stderr
    assert f"{broken}: not valid JSON" in result.stderr


def test_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(assess, [str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "nope.json: file not found" in result.stderr


def test_unknown_code_in_case_is_reported_not_crashing(tmp_path):
    path = write(tmp_path / "x.json", case(code="no-such-code"))
    result = CliRunner().invoke(assess, [str(path)])
    assert result.exit_code == 2
    assert "x.json: code: unknown Code of Conduct 'no-such-code'" in result.stderr


def test_model_train_and_evaluate_on_a_small_folder(tmp_path):
    """Calibration fitted on a folder of decided case files, the threat classifier retrained, both evaluated."""
    from tests.scoring.cases import write_cases

    decided = write_cases(tmp_path / "decided", labelled_cases())
    out = tmp_path / "models"
    runner = CliRunner()
    result = runner.invoke(model, ["train", "--real-decisions", str(decided), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "threat.skops").exists() and (out / "threat.json").exists() and (out / "priors.json").exists()
    priors = json.loads((out / "priors.json").read_text())
    assert priors["training_set"]["cases"] == len(labelled_cases())
    result = runner.invoke(
        model, ["evaluate", "--real-decisions", str(decided), "--sample-cases", str(decided), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    loo = report["real_decisions"]["leave_one_out"]
    assert loo["cases"] == len(labelled_cases()) and len(loo["confusion"]["matrix"]) == 4
    assert set(loo["baselines"]) >= {"always_refer", "always_no_further_action"}
    assert report["sample_cases_masked"]["cases"] == len(labelled_cases())
    result = runner.invoke(model, ["evaluate", "--real-decisions", str(decided), "--sample-cases", str(decided)])
    assert result.exit_code == 0, result.output
    assert "leave-one-out" in result.stdout and "always refer" in result.stdout

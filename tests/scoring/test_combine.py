"""The combination model: deterministic training, train split only, saving and verified loading."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.scoring.cases import case, labelled_cases
from triage.scoring import combine
from triage.scoring.analysis import FEATURE_NAMES
from triage.scoring.combine import CombinerError, load_combiner, save_combiner, train_combiner


def test_training_is_deterministic(sample_dir, text_models):
    a = train_combiner(sample_dir, text_models)
    b = train_combiner(sample_dir, text_models)
    assert a.version == b.version
    assert a.manifest["hyperparameters"]["C"] == b.manifest["hyperparameters"]["C"]
    for name, head in a.heads.items():
        np.testing.assert_array_equal(head.coef, b.heads[name].coef)
        np.testing.assert_array_equal(head.intercept, b.heads[name].intercept)


def test_training_never_reads_test_split_labels(tmp_path, text_models):
    from tests.scoring.cases import write_cases

    cases = labelled_cases()
    write_cases(tmp_path / "a", cases)
    for data in cases:  # scramble every test-split label: the trained model must not change
        if int(data["reference"][-4:]) % 5 == 0:
            data["expected"] = {"code_engaged": True, "outcome": "police_referral", "paragraphs": ["8.3"]}
    write_cases(tmp_path / "b", cases)
    a, b = train_combiner(tmp_path / "a", text_models, C=1.0), train_combiner(tmp_path / "b", text_models, C=1.0)
    assert a.version == b.version
    for name, head in a.heads.items():
        np.testing.assert_array_equal(head.coef, b.heads[name].coef)
    assert a.manifest["metrics"] != b.manifest["metrics"]  # ...but the test-split metrics do read them


def test_decided_cases_are_added_to_training(sample_dir, text_models):
    extra = []
    for i in range(6):
        data = case(reference=f"D-{i}", answers={"tit_for_tat": "yes"})
        data["expected"] = {"code_engaged": True, "outcome": "no_further_action", "paragraphs": []}
        extra.append(data)
    model = train_combiner(sample_dir, text_models, decided_cases=extra, C=1.0)
    assert model.manifest["training_set"]["decided_cases"] == 6
    assert model.version != train_combiner(sample_dir, text_models, C=1.0).version


def test_decided_case_without_outcome_is_rejected(sample_dir, text_models):
    with pytest.raises(ValueError, match="expected.outcome"):
        train_combiner(sample_dir, text_models, decided_cases=[case()])


def test_contributions_add_up_to_the_logit(combiner, text_models):
    from triage.scoring.analysis import analyse

    x = analyse(case(text="You are a useless idiot."), text_models=text_models).vector
    head = combiner.heads["recommendation"]
    for i, cls in enumerate(head.classes):
        total = sum(v for _, v in head.contributions(x, cls)) + head.intercept[i]
        assert total == pytest.approx(head.logits(x)[i])


def test_metrics_include_a_confusion_matrix(combiner):
    metrics = combiner.manifest["metrics"]
    assert metrics["cases"] == 9
    matrix = metrics["confusion_matrix"]["matrix"]
    assert len(matrix) == 4 and all(len(row) == 4 for row in matrix)
    assert sum(map(sum, matrix)) == 9
    assert 0 <= metrics["recommendation_agreement"] <= 1


def test_save_and_load_round_trip(tmp_path, combiner, text_models):
    save_combiner(combiner, tmp_path)
    manifest = json.loads((tmp_path / "combiner.json").read_text())
    for key in ("sha256", "version", "created_at", "libraries", "training_set", "metrics", "trusted_types"):
        assert key in manifest
    assert manifest["training_set"]["fingerprint_sha256"]
    assert manifest["libraries"]["scikit-learn"]
    loaded = load_combiner(tmp_path)
    assert loaded.version == combiner.version
    for name, head in combiner.heads.items():
        np.testing.assert_allclose(loaded.heads[name].coef, head.coef)
    from triage.scoring.assess import assess

    data = case(text="You are a useless idiot.", answers={"about_individual": "yes", "target": "officer"})
    a = assess(data, text_models=text_models, combiner=combiner).to_dict()
    b = assess(data, text_models=text_models, combiner=loaded).to_dict()
    assert a["recommendation_probabilities"] == b["recommendation_probabilities"]


def test_load_refuses_a_file_whose_hash_does_not_match(tmp_path, combiner):
    save_combiner(combiner, tmp_path)
    path = tmp_path / "combiner.skops"
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(CombinerError, match="SHA-256"):
        load_combiner(tmp_path)


def test_load_refuses_untrusted_types(tmp_path, combiner, monkeypatch):
    save_combiner(combiner, tmp_path)
    import skops.io as sio

    monkeypatch.setattr(sio, "get_untrusted_types", lambda **_: ["builtins.eval"])
    with pytest.raises(CombinerError, match="trusted"):
        load_combiner(tmp_path)


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(CombinerError, match="triage model train"):
        load_combiner(tmp_path)


def test_feature_names_are_unique_and_heads_use_known_features(combiner):
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    for head in combiner.heads.values():
        assert set(head.features) <= set(FEATURE_NAMES)
    assert combine.HEAD_FEATURES["recommendation"] == FEATURE_NAMES

"""The shipped combiner and the repository's sample cases: integrity, and agreement on the test split."""

from __future__ import annotations

import json

import pytest

from tests.scoring.standin import StandInTextModels
from triage.scoring.combine import MANIFEST_FILE, MODEL_DIR, MODEL_FILE, load_combiner, train_combiner
from triage.scoring.dataset import REPO_SAMPLE_CASES, evaluation_cases
from triage.scoring.evaluate import evaluate

needs_sample_cases = pytest.mark.skipif(
    not any(REPO_SAMPLE_CASES.glob("0*.json")), reason="sample_cases/ has no case files"
)
needs_shipped_model = pytest.mark.skipif(
    not (MODEL_DIR / MODEL_FILE).exists(), reason="no shipped combiner (run `triage model train`)"
)


@needs_shipped_model
def test_shipped_combiner_verifies_and_documents_itself():
    combiner = load_combiner()
    manifest = json.loads((MODEL_DIR / MANIFEST_FILE).read_text())
    assert manifest["sha256"] and manifest["created_at"] and manifest["libraries"]["skops"]
    assert manifest["training_set"]["rule"].startswith("sample_cases train split")
    assert manifest["metrics"]["confusion_matrix"]["matrix"]
    assert combiner.version == manifest["version"]


@needs_sample_cases
@needs_shipped_model
def test_shipped_models_agree_with_the_test_split():
    from triage.scoring.assess import default_text_models

    text_models = default_text_models()
    combiner = load_combiner()
    if text_models is None:
        pytest.skip("no shipped text classifiers")
    if combiner.text_version != text_models.version:
        pytest.skip(f"combiner trained with {combiner.text_version}, {text_models.version} installed: retrain")
    metrics = evaluate(REPO_SAMPLE_CASES, combiner=combiner, text_models=text_models)
    assert metrics["cases"] == len(evaluation_cases(REPO_SAMPLE_CASES))
    assert metrics["recommendation_agreement"] >= 0.85
    assert metrics["code_engaged"]["accuracy"] >= 0.9


@pytest.mark.slow
@needs_sample_cases
def test_rules_and_combiner_reach_the_target_without_the_real_text_models():
    """A guard on the rules themselves: trained on the train split with the stand-in word lists."""
    combiner = train_combiner(REPO_SAMPLE_CASES, StandInTextModels(), C=1.0)
    metrics = combiner.manifest["metrics"]
    assert metrics["recommendation_agreement"] >= 0.85
    assert metrics["staged_rules_only_agreement"] >= 0.85

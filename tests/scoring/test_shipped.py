"""The shipped models: integrity, and agreement with published decisions measured leave-one-out."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from triage.scoring.evidence import PRIORS_FILE
from triage.scoring.risk.detector import MANIFEST_FILE, MODEL_FILE, MODELS_DIR
from triage.scoring.training.dataset import REPO_SAMPLE_CASES

REAL_DECISIONS = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-decisions" / "cases"
needs_sample_cases = pytest.mark.skipif(
    not any(REPO_SAMPLE_CASES.glob("0*.json")), reason="sample_cases/ has no case files"
)


def test_shipped_threat_model_verifies_and_documents_itself():
    manifest = json.loads((MODELS_DIR / MANIFEST_FILE).read_text())
    assert manifest["sha256"] == hashlib.sha256((MODELS_DIR / MODEL_FILE).read_bytes()).hexdigest()
    assert manifest["training_set"]["threats"] >= 300
    assert manifest["training_set"]["hard_negatives"] >= 1000
    assert manifest["metrics"]["cv_grouped_by_template"]["auc"] > 0.9
    assert manifest["metrics"]["held_out_idioms"]["n"] >= 40


def test_shipped_calibration_says_where_it_came_from():
    priors = json.loads(PRIORS_FILE.read_text())
    assert priors["training_set"]["cases"] > 0 and priors["training_set"]["fingerprint_sha256"]
    assert 0 < priors["base_rates"]["acting_as_councillor"] < 1
    assert priors["refer_threshold"] == 0.5


@pytest.mark.shared_data
@pytest.mark.slow
def test_agreement_with_published_decisions_beats_the_baselines_leave_one_out():
    """A floor, not the target: the figures themselves are reported in docs/model-card.md."""
    if not REAL_DECISIONS.is_dir():
        pytest.skip(f"published decisions not found at {REAL_DECISIONS}")
    from triage.scoring.training.real_decisions import evaluate

    loo = evaluate(REAL_DECISIONS)["leave_one_out"]
    best_baseline = max(
        loo["baselines"]["always_refer"]["refer_agreement"],
        loo["baselines"]["always_no_further_action"]["refer_agreement"],
    )
    assert loo["refer_agreement"] >= best_baseline + 0.1
    assert loo["breach_auc_found_vs_no_breach"] >= 0.65
    assert loo["refer_auc"] >= 0.75


@needs_sample_cases
def test_every_police_sample_case_carries_an_urgent_flag_with_answers_masked():
    from triage.scoring.training.masked import evaluate

    report = evaluate(REPO_SAMPLE_CASES)
    assert report["police_cases"] > 0
    assert report["police_cases_with_urgent_flag"] == report["police_cases"]

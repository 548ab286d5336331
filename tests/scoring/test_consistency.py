"""Property-based checks over the sample cases with random answers hidden, as at intake: the result never
contradicts itself, whatever is known."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.scoring import plain
from triage.scoring.assess import BLOCKS_NO_ACTION, assess
from triage.scoring.training.dataset import REPO_SAMPLE_CASES, split_labels
from triage.scoring.types import RECOMMENDATIONS

CASES = [split_labels(json.loads(p.read_text()))[0] for p in sorted(REPO_SAMPLE_CASES.glob("[0-9]*.json"))]
WORDS = {o: o.replace("_", " ").capitalize() for o in RECOMMENDATIONS}
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[A-Z]{2,}-[A-Z-]+\b|\b[0-9a-f]{12}\b")

pytestmark = pytest.mark.skipif(not CASES, reason="sample_cases/ has no case files")


@st.composite
def masked_case(draw):
    case = dict(draw(st.sampled_from(CASES)))
    answers = dict(case.get("answers") or {})
    keep = draw(st.sets(st.sampled_from(sorted(answers) or ["none"])))
    case["answers"] = {k: v for k, v in answers.items() if k in keep}
    return case


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(masked_case())
def test_the_result_never_contradicts_itself(case):
    result = assess(case).to_dict()
    probs = result["recommendation_probabilities"]
    assert set(probs) == set(RECOMMENDATIONS) and abs(sum(probs.values()) - 1) < 1e-3
    for key in ("code_engaged_probability", "breach_probability", "refer_probability"):
        assert 0.0 <= result[key] <= 1.0
    assert (
        result["breach_probability"] <= result["code_engaged_probability"] + 1e-6
        or "not_engaged" in result["overrides"]
    )
    for para in result["paragraphs"]:
        if para["likely"]:
            assert para["reasons"], para  # a likely paragraph always says why
        if not para["probability"]:
            assert not para["reasons"]  # and a paragraph at 0 % never lists reasons towards a breach
    open_urgent = [u for u in result["urgent"] if not u["reviewed"] and u["kind"] in BLOCKS_NO_ACTION]
    if open_urgent and "not_engaged" not in result["overrides"]:
        assert result["recommendation"] != "no_further_action"
    if result["status"] == "needs_information":
        assert any(q["recommendation"]["yes"] != q["recommendation"]["no"] for q in result["open_questions"])
    for q in result["open_questions"]:
        assert set(q["recommendation"].values()) <= set(RECOMMENDATIONS)
    sentences = [plain.status_sentence(result, WORDS), plain.authorship_sentence(result)]
    sentences += [line[k] for line in plain.open_question_lines(result, WORDS) for k in ("question", "effect", "ask")]
    for sentence in sentences:
        assert not INTERNAL.search(sentence), sentence
    if result["answers"]["threatening"]["value"] == "yes" and result["code_engaged_probability"] == 1.0:
        assert result["recommendation"] == "police_referral"

"""One pass over a case: facts, fired rules, the staged reading and the feature vector the combiner reads.

Shared by :func:`triage.scoring.assess.assess` and by training, so the model is trained on exactly the features it
is later given. Never reads ``expected``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from triage.codes import CodeOfConduct, code_for
from triage.scoring.features import Facts, build_facts
from triage.scoring.rules import RULES, Rule, fire
from triage.scoring.staged import StagedReading, read_stages
from triage.scoring.types import RECOMMENDATIONS, TEXT_LABELS, TextModelsLike

STAGED_FEATURES: tuple[str, ...] = (
    *(f"staged:{o}" for o in RECOMMENDATIONS),
    "staged:engaged",
    "staged:breach_if_proven",
    "staged:protected",
    "staged:breach",
)
TEXT_FEATURES: tuple[str, ...] = (*(f"text:{label}" for label in TEXT_LABELS), "text:third_party_offensive")
RULE_FEATURES: tuple[str, ...] = tuple(f"rule:{r.id}" for r in RULES)

#: Every feature the combiner may use, in vector order.
FEATURE_NAMES: tuple[str, ...] = (*RULE_FEATURES, *TEXT_FEATURES, *STAGED_FEATURES)
FEATURE_INDEX: dict[str, int] = {name: i for i, name in enumerate(FEATURE_NAMES)}

FEATURE_LABELS: dict[str, str] = {
    "text:offensive": "Text classifier: offensive wording (highest score over the member's posts)",
    "text:personal_attack": "Text classifier: personal attack (highest score over the member's posts)",
    "text:council_business": "Text classifier: council business (highest score over the member's posts)",
    "text:third_party_offensive": "Text classifier: offensive wording in third-party comments",
    "staged:no_further_action": "Staged reading of the rules: no further action",
    "staged:informal_resolution": "Staged reading of the rules: informal resolution",
    "staged:investigation": "Staged reading of the rules: investigation",
    "staged:police_referral": "Staged reading of the rules: police referral",
    "staged:engaged": "Staged reading of the rules: the Code is engaged",
    "staged:breach_if_proven": "Staged reading of the rules: a breach if proven",
    "staged:protected": "Staged reading of the rules: protected expression",
    "staged:breach": "Staged reading of the rules: engaged, breach if proven and not protected",
}


@dataclass
class Analysis:
    code: CodeOfConduct
    facts: Facts
    fired: list[Rule]
    staged: StagedReading
    vector: np.ndarray


def vectorise(facts: Facts, fired: list[Rule], staged: StagedReading) -> np.ndarray:
    x = np.zeros(len(FEATURE_NAMES))
    for rule in fired:
        x[FEATURE_INDEX[f"rule:{rule.id}"]] = 1.0
    for label in TEXT_LABELS:
        x[FEATURE_INDEX[f"text:{label}"]] = facts.text.member_max[label]
    x[FEATURE_INDEX["text:third_party_offensive"]] = facts.text.third_party_max["offensive"]
    x[FEATURE_INDEX[f"staged:{staged.outcome}"]] = 1.0
    x[FEATURE_INDEX["staged:engaged"]] = float(staged.engaged)
    x[FEATURE_INDEX["staged:breach_if_proven"]] = float(staged.breach_if_proven)
    x[FEATURE_INDEX["staged:protected"]] = float(staged.protected is True)
    x[FEATURE_INDEX["staged:breach"]] = float(staged.breach)
    return x


def feature_label(name: str) -> str:
    if name.startswith("rule:"):
        return name.removeprefix("rule:")
    return FEATURE_LABELS.get(name, name)


def analyse(
    case: dict[str, Any], *, code: CodeOfConduct | None = None, text_models: TextModelsLike | None = None
) -> Analysis:
    """Facts, rules, staged reading and features for one case (``expected`` is ignored)."""
    code = code or code_for(case)
    facts = build_facts(case, code, text_models)
    fired = fire(facts)
    staged = read_stages(facts, fired)
    return Analysis(code, facts, fired, staged, vectorise(facts, fired, staged))

"""Agreement on the sample cases with the judgement answers masked, as they are at intake.

At intake the officer has not yet decided capacity, and has often not answered whether the post is political, abusive
or discriminatory. This masks those answers (capacity always; the others at the rates given, with a fixed seed) and
reports how often the tool still reaches the sample case's labelled outcome. The sample-case labels were written by
the project, so this measures robustness to missing answers, not agreement with the world (real_decisions does that).
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

from triage.scoring.reasoning import REFER
from triage.scoring.training.dataset import split_labels

#: Intake-like masking: how often each judgement answer is still unknown when a complaint arrives.
MASK_RATES: dict[str, float] = {
    "acting_as_councillor": 1.0,
    "political_expression": 0.6,
    "personal_abuse": 1.0,
    "discriminatory": 0.5,
    "threatening": 0.5,
    "false_statement_of_fact": 0.6,
    "about_individual": 0.4,
    "repeated_conduct": 0.5,
    "tit_for_tat": 0.7,
    "apologised": 0.5,
    "apology_or_removal": 0.5,
}


def mask(case: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    answers = dict(case.get("answers") or {})
    for qid, rate in MASK_RATES.items():
        if qid in answers and rng.random() < rate:
            del answers[qid]
    return {**case, "answers": answers}


def evaluate(folder: Path, seed: int = 0) -> dict[str, Any]:
    import json

    from triage.scoring.assess import assess

    rng = random.Random(seed)
    rows = []
    for path in sorted(Path(folder).glob("[0-9]*.json")):
        case, labels = split_labels(json.loads(path.read_text(encoding="utf-8")))
        if labels.get("outcome") is None:
            continue
        result = assess(mask(case, rng))
        rows.append((labels["outcome"], result.recommendation, bool(result.urgent)))
    n = len(rows)
    if not n:
        return {"cases": 0}
    police = [r for r in rows if r[0] == "police_referral"]
    return {
        "cases": n,
        "mask_rates": MASK_RATES,
        "refer_agreement": round(sum((e in REFER) == (p in REFER) for e, p, _ in rows) / n, 4),
        "exact_outcome_agreement": round(sum(e == p for e, p, _ in rows) / n, 4),
        "police_cases": len(police),
        "police_cases_with_urgent_flag": sum(u for *_, u in police),
        "police_cases_recommended_police": sum(p == "police_referral" for _, p, _ in police),
        "recommended": dict(Counter(p for _, p, _ in rows)),
    }

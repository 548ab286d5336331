"""Metrics on the sample-case test split (``NNNN % 5 == 0``): recommendation agreement with a confusion matrix,
Code engagement, breach and per-paragraph metrics. Test labels are read here only, never by training."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from triage.scoring import dataset
from triage.scoring.analysis import analyse
from triage.scoring.types import RECOMMENDATIONS, TextModelsLike


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "support": tp + fn,
    }


def confusion(expected: list[str], predicted: list[str]) -> list[list[int]]:
    """Rows are the labelled outcome, columns the recommendation, both in ``RECOMMENDATIONS`` order."""
    counts = Counter(zip(expected, predicted, strict=True))
    return [[counts[(e, p)] for p in RECOMMENDATIONS] for e in RECOMMENDATIONS]


def evaluate(
    sample_cases_dir: Path, *, combiner: Any = None, text_models: TextModelsLike | None = None
) -> dict[str, Any]:
    from triage.scoring.assess import assess

    cases = dataset.evaluation_cases(Path(sample_cases_dir))
    if not cases:
        return {"split": "test", "cases": 0}
    exp_rec, pred_rec, staged_rec = [], [], []
    eng_hits = breach_hits = 0
    eng_counts = Counter()
    para_counts: dict[str, Counter] = {}
    micro = Counter()
    for item in cases:
        result = assess(item.case, text_models=text_models, combiner=combiner)
        exp_rec.append(item.labels.get("outcome"))
        pred_rec.append(result.recommendation)
        staged_rec.append(analyse(item.case, text_models=text_models).staged.outcome)
        exp_eng = dataset.engaged_label(item.labels)
        pred_eng = result.code_engaged_probability >= 0.5
        eng_hits += exp_eng == pred_eng
        eng_counts["tp"] += exp_eng and pred_eng
        eng_counts["fp"] += pred_eng and not exp_eng
        eng_counts["fn"] += exp_eng and not pred_eng
        breach_hits += dataset.breach_label(item.labels) == (result.breach_probability >= 0.5)
        expected_ids = {str(p) for p in item.labels.get("paragraphs") or []}
        predicted_ids = {p["id"] for p in result.paragraphs if p["likely"]}
        for p in result.paragraphs:
            key = f"{result.code} {p['id']}"
            c = para_counts.setdefault(key, Counter())
            hit, said = p["id"] in expected_ids, p["id"] in predicted_ids
            c["tp"] += hit and said
            c["fp"] += said and not hit
            c["fn"] += hit and not said
        micro["tp"] += len(expected_ids & predicted_ids)
        micro["fp"] += len(predicted_ids - expected_ids)
        micro["fn"] += len(expected_ids - predicted_ids)
    n = len(cases)
    agreement = sum(e == p for e, p in zip(exp_rec, pred_rec, strict=True)) / n
    return {
        "split": "test (NNNN % 5 == 0)",
        "cases": n,
        "recommendation_agreement": round(agreement, 4),
        "staged_rules_only_agreement": round(sum(e == s for e, s in zip(exp_rec, staged_rec, strict=True)) / n, 4),
        "confusion_matrix": {
            "labels": list(RECOMMENDATIONS),
            "rows": "labelled outcome",
            "columns": "recommendation",
            "matrix": confusion(exp_rec, pred_rec),
        },
        "per_outcome": {
            o: _prf(
                sum(e == o and p == o for e, p in zip(exp_rec, pred_rec, strict=True)),
                sum(e != o and p == o for e, p in zip(exp_rec, pred_rec, strict=True)),
                sum(e == o and p != o for e, p in zip(exp_rec, pred_rec, strict=True)),
            )
            for o in RECOMMENDATIONS
        },
        "code_engaged": {
            "accuracy": round(eng_hits / n, 4),
            **_prf(eng_counts["tp"], eng_counts["fp"], eng_counts["fn"]),
        },
        "breach_accuracy": round(breach_hits / n, 4),
        "paragraphs_micro": _prf(micro["tp"], micro["fp"], micro["fn"]),
        "paragraphs": {
            k: _prf(c["tp"], c["fp"], c["fn"]) for k, c in sorted(para_counts.items()) if c["tp"] + c["fn"] + c["fp"]
        },
    }


def format_report(metrics: dict[str, Any]) -> str:
    """A plain-text report for the CLI."""
    if not metrics.get("cases"):
        return "No test-split sample cases found."
    lines = [
        f"Sample-case test split: {metrics['cases']} cases",
        f"Recommendation agreement: {metrics['recommendation_agreement']:.1%} "
        f"(staged rules alone: {metrics['staged_rules_only_agreement']:.1%})",
        "",
        "Confusion matrix (rows: labelled outcome; columns: recommendation)",
    ]
    labels = metrics["confusion_matrix"]["labels"]
    short = {
        "no_further_action": "NFA",
        "informal_resolution": "informal",
        "investigation": "investig.",
        "police_referral": "police",
    }
    lines.append(" " * 22 + "".join(f"{short[label]:>11}" for label in labels))
    for label, row in zip(labels, metrics["confusion_matrix"]["matrix"], strict=True):
        lines.append(f"{label:<22}" + "".join(f"{v:>11}" for v in row))
    lines += ["", "Per outcome (precision / recall / F1 / support)"]
    for o, m in metrics["per_outcome"].items():
        lines.append(f"  {o:<22}{m['precision']:>7.2f}{m['recall']:>7.2f}{m['f1']:>7.2f}{m['support']:>5}")
    ce = metrics["code_engaged"]
    lines += [
        "",
        f"Code engaged: accuracy {ce['accuracy']:.1%}, precision {ce['precision']:.2f}, recall {ce['recall']:.2f}",
        f"Breach if proven and not protected: accuracy {metrics['breach_accuracy']:.1%}",
        f"Paragraphs (micro): precision {metrics['paragraphs_micro']['precision']:.2f}, "
        f"recall {metrics['paragraphs_micro']['recall']:.2f}, F1 {metrics['paragraphs_micro']['f1']:.2f}",
    ]
    for key, m in metrics["paragraphs"].items():
        lines.append(f"  {key:<34}P {m['precision']:.2f}  R {m['recall']:.2f}  F1 {m['f1']:.2f}  n={m['support']}")
    return "\n".join(lines)

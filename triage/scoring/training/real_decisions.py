"""Calibration on, and agreement with, published decisions (``shared/data/real-decisions``).

Only two things are fitted to these decisions: the base rates of the answers to the decisive questions (how often
each fact is true where a decision states it) and the threshold on the probability of referral above which the tool
recommends referral. Everything else is principle, written as rules and evidence weights. Agreement is reported
leave-one-out: each decision is scored with base rates and threshold fitted on all the others, so no case is ever
scored by numbers it helped to set. Baselines (always refer, always no further action) are reported beside it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage.scoring.evidence import DEFAULT_PRIORS, PRIORS_FILE
from triage.scoring.reasoning import REFER
from triage.scoring.types import RECOMMENDATIONS

#: Base-rate questions and where a decision states them (``acting_as_councillor`` comes from the decision's own
#: finding on whether the Code was engaged, since case files never answer it).
RATE_QUESTIONS = (
    "about_individual",
    "political_expression",
    "discriminatory",
    "threatening",
    "non_public_information",
    "council_resources_used",
)
#: Facts decisions mention mostly when they are true (a high profile, a 'Cllr' handle) are left out: their rate among
#: decisions that state them says little about how often they hold.
REFER_THRESHOLD = 0.5


@dataclass(frozen=True)
class Decision:
    name: str
    case: dict[str, Any]
    outcome: str
    code_engaged: bool | None
    real_outcome: str | None
    jurisdiction: str

    @property
    def referred(self) -> bool:
        return self.outcome in REFER


def load(folder: Path) -> list[Decision]:
    out = []
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        expected = data.get("expected") or {}
        case = {k: v for k, v in data.items() if k not in {"expected", "real_outcome", "decision_stage", "source_url"}}
        out.append(
            Decision(
                path.stem,
                case,
                expected.get("outcome"),
                expected.get("code_engaged"),
                data.get("real_outcome"),
                data.get("jurisdiction") or "england",
            )
        )
    return out


def fit_base_rates(decisions: list[Decision]) -> dict[str, float]:
    """P(yes) among decisions that state the fact, with one pseudo-count each way (Laplace)."""
    rates = dict(DEFAULT_PRIORS)
    for qid in RATE_QUESTIONS:
        values = [(d.case.get("answers") or {}).get(qid) for d in decisions]
        stated = [v for v in values if v in ("yes", "no")]
        rates[qid] = round((sum(v == "yes" for v in stated) + 1) / (len(stated) + 2), 4)
    engaged = [d.code_engaged for d in decisions if d.code_engaged is not None]
    rates["acting_as_councillor"] = round((sum(engaged) + 1) / (len(engaged) + 2), 4)
    return rates


def fit(decisions: list[Decision]) -> dict[str, Any]:
    return {"base_rates": fit_base_rates(decisions), "refer_threshold": REFER_THRESHOLD}


def _final(decisions: list[Decision], rates: dict[str, float], threshold: float) -> list[dict[str, Any]]:
    from triage.scoring.assess import assess

    return [assess(d.case, base_rates=rates, refer_threshold=threshold).to_dict() for d in decisions]


def _auc(pos: list[float], neg: list[float]) -> float | None:
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 4)


def metrics(decisions: list[Decision], results: list[dict[str, Any]], recs: list[str]) -> dict[str, Any]:
    n = len(decisions)
    refer_hits = sum((r in REFER) == d.referred for d, r in zip(decisions, recs, strict=True))
    exact = sum(r == d.outcome for d, r in zip(decisions, recs, strict=True))
    engaged = [(d.code_engaged, res["code_engaged_probability"]) for d, res in zip(decisions, results, strict=True)]
    engaged = [(e, p) for e, p in engaged if e is not None]
    breach_pos = [
        res["breach_probability"] for d, res in zip(decisions, results, strict=True) if d.real_outcome == "breach_found"
    ]
    breach_neg = [
        res["breach_probability"] for d, res in zip(decisions, results, strict=True) if d.real_outcome == "no_breach"
    ]
    breach_other = [
        res["breach_probability"] for d, res in zip(decisions, results, strict=True) if d.real_outcome != "breach_found"
    ]
    referred = sum(d.referred for d in decisions)
    bins = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        sel = [
            d.referred
            for d, res in zip(decisions, results, strict=True)
            if lo <= res["refer_probability"] < lo + 0.2 or (lo == 0.8 and res["refer_probability"] == 1.0)
        ]
        bins.append({"from": lo, "to": round(lo + 0.2, 1), "cases": len(sel), "referred": sum(sel)})
    by_nation = {}
    for nation in sorted({d.jurisdiction for d in decisions}):
        idx = [i for i, d in enumerate(decisions) if d.jurisdiction == nation]
        by_nation[nation] = {
            "cases": len(idx),
            "refer_agreement": round(sum((recs[i] in REFER) == decisions[i].referred for i in idx) / len(idx), 4),
        }
    return {
        "cases": n,
        "refer_agreement": round(refer_hits / n, 4),
        "exact_outcome_agreement": round(exact / n, 4),
        "code_engaged_agreement": round(sum(e == (p >= 0.5) for e, p in engaged) / len(engaged), 4)
        if engaged
        else None,
        "code_engaged_cases": len(engaged),
        "breach_auc_found_vs_no_breach": _auc(breach_pos, breach_neg),
        "breach_auc_found_vs_rest": _auc(breach_pos, breach_other),
        "breach_cases": {"breach_found": len(breach_pos), "no_breach": len(breach_neg)},
        "refer_auc": _auc(
            [res["refer_probability"] for d, res in zip(decisions, results, strict=True) if d.referred],
            [res["refer_probability"] for d, res in zip(decisions, results, strict=True) if not d.referred],
        ),
        "baselines": {
            "always_refer": {
                "refer_agreement": round(referred / n, 4),
                "exact": round(sum(d.outcome == "investigation" for d in decisions) / n, 4),
            },
            "always_no_further_action": {
                "refer_agreement": round((n - referred) / n, 4),
                "exact": round(sum(d.outcome == "no_further_action" for d in decisions) / n, 4),
            },
            "always_code_engaged": round(sum(e for e, _ in engaged) / len(engaged), 4) if engaged else None,
        },
        "confusion": {
            "rows_expected_cols_recommended": list(RECOMMENDATIONS),
            "matrix": [
                [sum(d.outcome == e and r == p for d, r in zip(decisions, recs, strict=True)) for p in RECOMMENDATIONS]
                for e in RECOMMENDATIONS
            ],
        },
        "calibration_refer": bins,
        "by_nation": by_nation,
        "recommended": dict(Counter(recs)),
        "status": dict(Counter(res["status"] for res in results)),
    }


def evaluate(folder: Path, *, leave_one_out: bool = True) -> dict[str, Any]:
    """Agreement with the published decisions: leave-one-out (honest) and in-sample (for contrast)."""
    decisions = load(folder)
    out: dict[str, Any] = {"folder": str(folder)}
    fitted = fit(decisions)
    in_results = _final(decisions, fitted["base_rates"], fitted["refer_threshold"])
    out["in_sample"] = metrics(decisions, in_results, [r["recommendation"] for r in in_results]) | {"fitted": fitted}
    if leave_one_out:
        results = []
        for i, d in enumerate(decisions):
            fold = fit(decisions[:i] + decisions[i + 1 :])
            results.append(_final([d], fold["base_rates"], fold["refer_threshold"])[0])
        out["leave_one_out"] = metrics(decisions, results, [r["recommendation"] for r in results])
    return out


def fingerprint(folder: Path) -> str:
    digests = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in Path(folder).glob("*.json"))
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def train(folder: Path, out: Path = PRIORS_FILE) -> dict[str, Any]:
    """Fit on every decision in ``folder`` and write ``priors.json`` (base rates, threshold, provenance)."""
    decisions = load(folder)
    fitted = fit(decisions)
    payload = {
        "name": "priors",
        "created_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "training_set": {
            "source": "published decisions on councillors' online posts (shared/data/real-decisions/cases)",
            "cases": len(decisions),
            "fingerprint_sha256": fingerprint(folder),
            "outcome_counts": dict(Counter(d.outcome for d in decisions)),
        },
        **fitted,
    }
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return payload

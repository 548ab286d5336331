"""Stacking experiment: per-data-set "expert" linear models combined by a small logistic meta-model.

    .venv/bin/python research/text_models/stack_experiments.py --data ../shared/data

Experts produce out-of-fold decision scores (see cv_experiments.run_linear); the meta-model is then cross-validated
on those scores with the same folds (standard stacked generalisation).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from cv_common import N_FOLDS, REPO, featurise, load_all, summary
from cv_experiments import EVAL_SETS, run_linear
from sklearn.linear_model import LogisticRegression

from triage.scoring.text.features import Featuriser

HERE = Path(__file__).resolve().parent
_NB = {"C": 2.0, "w_dense": 1.0, "nb": True, "nb_alpha": 0.5, "nb_power": 0.5}
ENSEMBLE_EXPERTS = {
    "mix_nb": {**_NB, "train": {"olid": 1.0, "twitcivility": 1.5, "davidson": 0.5}},
    "mix_lr": {"C": 2.0, "w_dense": 1.0, "train": {"olid": 1.0, "twitcivility": 1.5, "davidson": 0.5}},
    "tc_nb": {**_NB, "train": {"twitcivility": 1.0}},
    "olid_nb": {**_NB, "train": {"olid": 1.0}},
}
EXPERTS = {
    "olid": {"train": {"olid": 1.0}, "C": 2.0, "w_dense": 1.0},
    "twitcivility": {"train": {"twitcivility": 1.0}, "C": 2.0, "w_dense": 1.0},
    "davidson": {"train": {"davidson": 1.0}, "C": 2.0, "w_dense": 1.0},
    "mix": {"train": {"olid": 1.0, "twitcivility": 1.0, "davidson": 0.5}, "C": 2.0, "w_dense": 1.0},
}


def meta_cv(data, scores, experts, meta_sets, meta_weights=None, C=1.0, with_dense=False):
    """Cross-validate a logistic meta-model on OOF expert scores; returns per-set summaries."""
    meta_weights = meta_weights or {}

    def feats(name, rows):
        cols = [scores[e][name][rows] for e in experts]
        x = np.column_stack(cols)
        if with_dense:
            x = np.hstack([x, data[name]["dense"][rows]])
        return x

    oof = {n: np.zeros(len(data[n]["y"])) for n in EVAL_SETS}
    for k in range(N_FOLDS):
        xs, ys, ws = [], [], []
        for name in meta_sets:
            rows = data[name]["fold"] != k
            xs.append(feats(name, rows))
            ys.append(data[name]["y"][rows])
            ws.append(np.full(rows.sum(), meta_weights.get(name, 1.0)))
        meta = LogisticRegression(C=C, max_iter=1000).fit(
            np.vstack(xs), np.concatenate(ys), sample_weight=np.concatenate(ws)
        )
        for name in EVAL_SETS:
            rows = data[name]["fold"] == k
            oof[name][rows] = meta.predict_proba(feats(name, rows))[:, 1]
    return {n: summary(data[n]["y"], oof[n]) for n in EVAL_SETS}, oof


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--ensemble", action="store_true", help="NB-LR + LR + per-set NB experts")
    args = ap.parse_args(argv)
    data = featurise(load_all(args.data), Featuriser())
    scores = {}
    global EXPERTS
    if args.ensemble:
        EXPERTS = ENSEMBLE_EXPERTS
    cache = HERE / (".ensemble_scores.npz" if args.ensemble else ".expert_scores.npz")  # local cache, not committed
    if cache.exists():
        z = np.load(cache)
        scores = {e: {n: z[f"{e}|{n}"] for n in EVAL_SETS} for e in EXPERTS}
    else:
        for e, cfg in EXPERTS.items():
            t = time.perf_counter()
            res, dec = run_linear(data, cfg)
            scores[e] = dec
            print("expert", e, {k: round(v["f1@0.5"], 4) for k, v in res.items()}, f"{time.perf_counter() - t:.0f}s")
        np.savez(cache, **{f"{e}|{n}": scores[e][n] for e in EXPERTS for n in EVAL_SETS})
    if args.ensemble:
        variants = {
            "ens_nb_lr": {"experts": ["mix_nb", "mix_lr"], "meta_sets": ["olid", "twitcivility"]},
            "ens_nb_lr_tc": {"experts": ["mix_nb", "mix_lr", "tc_nb"], "meta_sets": ["olid", "twitcivility"]},
            "ens_all4": {"experts": list(EXPERTS), "meta_sets": ["olid", "twitcivility"]},
            "ens_nb_only_recal": {"experts": ["mix_nb"], "meta_sets": ["olid", "twitcivility"]},
        }
    else:
        variants = {}
    variants = variants or {
        "meta_all4_on_olid_tc": {"experts": list(EXPERTS), "meta_sets": ["olid", "twitcivility"]},
        "meta_all4_on_all3": {
            "experts": list(EXPERTS),
            "meta_sets": ["olid", "twitcivility", "davidson"],
            "meta_weights": {"davidson": 0.3},
        },
        "meta_3experts_olid_tc": {
            "experts": ["olid", "twitcivility", "davidson"],
            "meta_sets": ["olid", "twitcivility"],
        },
        "meta_all4_dense": {"experts": list(EXPERTS), "meta_sets": ["olid", "twitcivility"], "with_dense": True},
    }
    for name, kw in variants.items():
        res, _ = meta_cv(data, scores, **kw)
        print(name, {k: {m: round(v, 4) for m, v in r.items()} for k, r in res.items()})
        with open(HERE / "results.jsonl", "a") as fh:
            fh.write(json.dumps({"name": name, "cfg": dict(kw.items()), "res": res}) + "\n")


if __name__ == "__main__":
    main()

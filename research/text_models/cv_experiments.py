"""Cross-validation experiments for the `offensive` (and `personal_attack`) text classifiers.

Run from the repo root:

    .venv/bin/python research/text_models/cv_experiments.py --data ../shared/data [--only NAME ...]

Stratified 5-fold CV (seed 0) inside each shared data set. For fold k, a model is trained on the other four folds
of every data set the experiment uses and scored on fold k of each set, so each set's out-of-fold (OOF)
predictions come from models that never saw those rows. Results are appended to `results.jsonl` beside this file.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from cv_common import N_FOLDS, REPO, featurise, load_all, summary
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from triage.scoring.text.features import Featuriser

HERE = Path(__file__).resolve().parent
EVAL_SETS = ("olid", "twitcivility", "davidson")


def baseline_tfidf_lr(data, target="offensive"):
    """The project baseline: sklearn TfidfVectorizer() defaults + LogisticRegression() defaults, in-domain."""
    out = {}
    for name in ("olid", "twitcivility"):
        d = data[name]
        y = np.asarray(d["targets"][target]) if target != "offensive" else d["y"]
        oof = np.zeros(len(y))
        texts = np.array(d["texts"], dtype=object)
        for k in range(N_FOLDS):
            tr, te = d["fold"] != k, d["fold"] == k
            vec = TfidfVectorizer()
            clf = LogisticRegression(max_iter=2000)
            clf.fit(vec.fit_transform(texts[tr]), y[tr])
            oof[te] = clf.predict_proba(vec.transform(texts[te]))[:, 1]
        out[name] = summary(y, oof)
    return out


def _blocks(d, rows, tf, cfg):
    w = normalize(tf["word"].transform(d["word"][rows])) * cfg.get("w_word", 1.0)
    c = normalize(tf["char"].transform(d["char"][rows])) * cfg.get("w_char", 1.0)
    parts = [w, c]
    if cfg.get("w_dense", 0):
        parts.append(sp.csr_matrix(d["dense"][rows] * cfg["w_dense"]))
    return sp.hstack(parts, format="csr")


def nb_ratio(x, y, w, alpha=1.0, power=1.0):
    """NB-SVM log-count ratio per feature (Wang & Manning 2012) from binarised features, weighted rows.

    ``power`` < 1 shrinks the ratios towards 1 (interpolating between plain LR and NB-LR)."""
    xb = x.copy()
    xb.data[:] = 1.0
    pos = np.asarray(xb.T @ (w * (y == 1))).ravel() + alpha
    neg = np.asarray(xb.T @ (w * (y == 0))).ravel() + alpha
    r = np.log((pos / pos.sum()) / (neg / neg.sum()))
    return np.sign(r) * np.abs(r) ** power


def run_linear(data, cfg, target="offensive"):
    """Hashed word+char TF-IDF blocks, then a linear model trained on a weighted mix of data sets."""
    train_sets = cfg["train"]  # {name: weight}
    oof = {n: np.zeros(len(data[n]["y"])) for n in EVAL_SETS}
    dec = {n: np.zeros(len(data[n]["y"])) for n in EVAL_SETS}
    for k in range(N_FOLDS):
        tr_word, tr_char, ys, ws, dense = [], [], [], [], []
        for name, weight in train_sets.items():
            d = data[name]
            y = np.asarray(d["targets"][cfg.get("targets", {}).get(name, target)])
            rows = (d["fold"] != k) & (y >= 0)
            tr_word.append(d["word"][rows])
            tr_char.append(d["char"][rows])
            dense.append(d["dense"][rows])
            ys.append(y[rows])
            pos_w = cfg.get("pos_weight", {}).get(name, 1.0)
            ws.append(np.where(y[rows] == 1, weight * pos_w, weight))
        tf = {
            "word": TfidfTransformer(sublinear_tf=True).fit(sp.vstack(tr_word)),
            "char": TfidfTransformer(sublinear_tf=True).fit(sp.vstack(tr_char)),
        }
        x = {"word": sp.vstack(tr_word), "char": sp.vstack(tr_char), "dense": np.vstack(dense)}
        xtr = _blocks(x, slice(None), tf, cfg)
        ytr, wtr = np.concatenate(ys), np.concatenate(ws)
        r = None
        if cfg.get("nb"):
            r = nb_ratio(xtr, ytr, wtr, cfg.get("nb_alpha", 1.0), cfg.get("nb_power", 1.0))
            xtr = xtr @ sp.diags(r)
        clf = LogisticRegression(
            C=cfg.get("C", 4.0), max_iter=3000, solver="liblinear", class_weight=cfg.get("class_weight")
        )
        clf.fit(xtr, ytr, sample_weight=wtr)
        for name in EVAL_SETS:
            d = data[name]
            rows = d["fold"] == k
            xte = _blocks(d, rows, tf, cfg)
            if r is not None:
                xte = xte @ sp.diags(r)
            oof[name][rows] = clf.predict_proba(xte)[:, 1]
            dec[name][rows] = clf.decision_function(xte)
    res = {}
    for name in EVAL_SETS:
        tname = cfg.get("targets", {}).get(name, target)
        if tname not in data[name]["targets"]:
            continue
        y = np.asarray(data[name]["targets"][tname])
        keep = y >= 0
        res[name] = summary(y[keep], oof[name][keep])
    return res, dec


EXPERIMENTS = {
    # in-domain hashed word+char, to compare with the baseline
    "olid_only_wc": {"train": {"olid": 1.0}, "C": 4.0},
    "tc_only_wc": {"train": {"twitcivility": 1.0}, "C": 4.0},
    "olid_tc_wc": {"train": {"olid": 1.0, "twitcivility": 1.0}, "C": 4.0},
    "all3_wc": {"train": {"olid": 1.0, "twitcivility": 1.0, "davidson": 1.0}, "C": 4.0},
    "all3_wc_dav05": {"train": {"olid": 1.0, "twitcivility": 1.0, "davidson": 0.5}, "C": 4.0},
    "all3_wc_dense": {"train": {"olid": 1.0, "twitcivility": 1.0, "davidson": 0.5}, "C": 4.0, "w_dense": 1.0},
}
_BASE = {"train": {"olid": 1.0, "twitcivility": 1.0, "davidson": 0.5}, "C": 4.0, "w_dense": 1.0}
_PA = {
    "C": 2.0,
    "nb": True,
    "nb_alpha": 0.5,
    "nb_power": 0.5,
    "w_dense": 1.0,
    "target": "personal_attack",
    "targets": {"twitcivility": "impolite"},
}
EXPERIMENTS.update(
    {
        # personal_attack: evaluated on OLID subtask_c == IND and on TwitCivility impoliteness (transfer)
        "pa_olid_only": {**_PA, "train": {"olid": 1.0}},
        "pa_olid_tcimp05": {**_PA, "train": {"olid": 1.0, "twitcivility": 0.5}},
        "pa_olid_tcimp1": {**_PA, "train": {"olid": 1.0, "twitcivility": 1.0}},
        "nb_C2_p05_tc15": {
            **_BASE,
            "C": 2.0,
            "nb": True,
            "nb_alpha": 0.5,
            "nb_power": 0.5,
            "train": {"olid": 1.0, "twitcivility": 1.5, "davidson": 0.5},
        },
        "nb_C3_p05_tc15": {
            **_BASE,
            "C": 3.0,
            "nb": True,
            "nb_alpha": 0.5,
            "nb_power": 0.5,
            "train": {"olid": 1.0, "twitcivility": 1.5, "davidson": 0.5},
        },
        "nb_C1_p05": {**_BASE, "C": 1.0, "nb": True, "nb_alpha": 0.5, "nb_power": 0.5},
        "nb_C2_p03": {**_BASE, "C": 2.0, "nb": True, "nb_alpha": 0.5, "nb_power": 0.3},
        "nb_C1_p05_dav1": {
            **_BASE,
            "C": 1.0,
            "nb": True,
            "nb_alpha": 0.5,
            "nb_power": 0.5,
            "train": {"olid": 1.0, "twitcivility": 1.0, "davidson": 1.0},
        },
        "nb_C1_p05_tc15": {
            **_BASE,
            "C": 1.0,
            "nb": True,
            "nb_alpha": 0.5,
            "nb_power": 0.5,
            "train": {"olid": 1.0, "twitcivility": 1.5, "davidson": 0.5},
        },
        "nb_C2": {**_BASE, "C": 2.0, "nb": True},
        "nb_C8": {**_BASE, "C": 8.0, "nb": True},
        "nb_C2_a05": {**_BASE, "C": 2.0, "nb": True, "nb_alpha": 0.5, "nb_power": 0.5},
        "dense_C1": {**_BASE, "C": 1.0},
        "dense_C2": {**_BASE, "C": 2.0},
        "dense_C8": {**_BASE, "C": 8.0},
        "dense_tc2": {**_BASE, "train": {"olid": 1.0, "twitcivility": 2.0, "davidson": 0.5}},
        "dense_w2": {**_BASE, "w_dense": 2.0},
        "dense_w3": {**_BASE, "w_dense": 3.0},
        "dense_char15": {**_BASE, "w_char": 1.5},
        "dense_word15": {**_BASE, "w_word": 1.5},
    }
)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--bits", type=int, default=19, help="hash bits per block (word and char)")
    ap.add_argument("--word-ngram-max", type=int, default=2)
    ap.add_argument("--tag", default="", help="suffix for result names (e.g. feature variant)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    data = load_all(args.data)
    featurise(data, Featuriser(args.bits, args.bits, args.word_ngram_max))
    print(f"loaded+featurised in {time.perf_counter() - t0:.1f}s")
    results_path = HERE / "results.jsonl"
    if args.baseline:
        res = baseline_tfidf_lr(data)
        print("baseline", json.dumps(res, indent=1))
        with open(results_path, "a") as fh:
            fh.write(json.dumps({"name": "baseline_tfidf_lr_in_domain", "res": res}) + "\n")
    for name, cfg in EXPERIMENTS.items():
        if args.only and name not in args.only:
            continue
        t1 = time.perf_counter()
        res, _ = run_linear(data, cfg, target=cfg.get("target", "offensive"))
        line = {
            "name": name + args.tag,
            "cfg": cfg,
            "bits": args.bits,
            "word_ngram_max": args.word_ngram_max,
            "res": res,
            "secs": round(time.perf_counter() - t1, 1),
        }
        print(name + args.tag, {k: {m: round(v, 4) for m, v in r.items()} for k, r in res.items()}, line["secs"], "s")
        with open(results_path, "a") as fh:
            fh.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()

"""CV experiments: static (distilled) embeddings for the `offensive` classifier, alone and combined with NB-LR.

    .venv/bin/python research/static_embeddings/run_cv.py [--only NAME ...] [--cache /tmp/se_cache]

Folds, seeds and the evaluation are the other engineer's (``research/text_models/cv_common.py``, imported read-only):
stratified 5-fold, seed 0, per data set; for fold k every model is trained on the other four folds of every set it
uses and scored on fold k. Stacking follows ``stack_experiments.meta_cv``: level-1 out-of-fold (OOF) scores, then a
small logistic meta-model cross-validated on the same folds. Any threshold shift is chosen on the meta-model's
training folds only, never on the fold it is scored on.

Needs ``raw_tokens.npz`` (and ``sentence_*.npy`` for the ceiling) from ``distill_raw.py`` in ``--cache``. Each result
is appended to ``results.jsonl`` beside this file. Caches (OOF scores, embeddings) stay in ``--cache``, outside git.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "research" / "text_models"))
sys.path.insert(0, str(REPO / "research" / "static_embeddings"))
sys.path.insert(0, str(REPO))

from build_artefact import load_raw, make_table  # noqa: E402
from cv_common import N_FOLDS, featurise, load_all, summary  # noqa: E402
from cv_experiments import _blocks, nb_ratio, run_linear  # noqa: E402
from static_embed import StaticEmbedder  # noqa: E402

from triage.scoring.text.features import Featuriser, normalise  # noqa: E402

SETS = ("olid", "twitcivility", "davidson")
TARGET_SETS = ("olid", "twitcivility")
# the other engineer's best (results.jsonl: nb_C2_p05_tc15)
NB_BEST = {
    "train": {"olid": 1.0, "twitcivility": 1.5, "davidson": 0.5},
    "C": 2.0,
    "w_dense": 1.0,
    "nb": True,
    "nb_alpha": 0.5,
    "nb_power": 0.5,
}
MIX = {"olid": 1.0, "twitcivility": 1.5, "davidson": 0.5}


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logit(p, eps=1e-6):
    p = np.clip(p, eps, 1 - eps)
    return np.log(p / (1 - p))


def ece(y, p, bins=10):
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() * abs(p[m].mean() - y[m].mean())
    return total / len(y)


def summ(y, p):
    out = summary(y, p)
    out["brier"] = float(np.mean((p - y) ** 2))
    out["ece"] = float(ece(y, p))
    return out


def results_for(data, oof, sets=SETS):
    return {n: summ(data[n]["y"], oof[n]) for n in sets if n in oof}


def log(name, cfg, res, secs, extra=None):
    line = {"name": name, "cfg": cfg, "res": res, "secs": round(secs, 1)}
    if extra:
        line.update(extra)
    with open(HERE / "results.jsonl", "a") as fh:
        fh.write(json.dumps(line) + "\n")
    short = {k: f"{v['f1@0.5']:.4f}/{v['f1@best']:.4f}/{v['auc']:.4f}" for k, v in res.items()}
    print(f"{name:34s} {short} {secs:.0f}s", flush=True)


# ---------------------------------------------------------------------------------------------------------------
# level-1 models
# ---------------------------------------------------------------------------------------------------------------


def cv_dense(data, X, make_clf, train=MIX, sample_weight=True):
    """OOF probability and logit for every set, from a dense-feature model trained on a weighted mix of sets."""
    oof = {n: np.zeros(len(data[n]["y"])) for n in SETS}
    for k in range(N_FOLDS):
        xs, ys, ws = [], [], []
        for name, w in train.items():
            rows = data[name]["fold"] != k
            xs.append(X[name][rows])
            ys.append(data[name]["y"][rows])
            ws.append(np.full(rows.sum(), w))
        clf = make_clf()
        xtr, ytr, wtr = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
        if sample_weight:
            clf.fit(xtr, ytr, sample_weight=wtr)
        else:
            clf.fit(xtr, ytr)
        for name in SETS:
            rows = data[name]["fold"] == k
            oof[name][rows] = clf.predict_proba(X[name][rows])[:, 1]
    return oof


def cv_linear_concat(data, X, cfg, w_emb):
    """``run_linear`` (hashed word+char TF-IDF, NB scaling, dense lexicon block) with the embedding block appended.

    NB ratios scale only the sparse columns; the embedding block is multiplied by ``w_emb``."""
    oof = {n: np.zeros(len(data[n]["y"])) for n in SETS}
    for k in range(N_FOLDS):
        tr_word, tr_char, ys, ws, dense, emb = [], [], [], [], [], []
        for name, weight in cfg["train"].items():
            d = data[name]
            rows = d["fold"] != k
            tr_word.append(d["word"][rows])
            tr_char.append(d["char"][rows])
            dense.append(d["dense"][rows])
            emb.append(X[name][rows])
            ys.append(d["y"][rows])
            ws.append(np.full(rows.sum(), weight))
        tf = {
            "word": TfidfTransformer(sublinear_tf=True).fit(sp.vstack(tr_word)),
            "char": TfidfTransformer(sublinear_tf=True).fit(sp.vstack(tr_char)),
        }
        x = {"word": sp.vstack(tr_word), "char": sp.vstack(tr_char), "dense": np.vstack(dense)}
        xtr = _blocks(x, slice(None), tf, cfg)
        ytr, wtr = np.concatenate(ys), np.concatenate(ws)
        r = nb_ratio(xtr, ytr, wtr, cfg["nb_alpha"], cfg["nb_power"]) if cfg.get("nb") else np.ones(xtr.shape[1])
        xtr = sp.hstack([xtr @ sp.diags(r), sp.csr_matrix(np.vstack(emb) * w_emb)], format="csr")
        clf = LogisticRegression(C=cfg["C"], max_iter=3000, solver="liblinear")
        clf.fit(xtr, ytr, sample_weight=wtr)
        for name in SETS:
            d = data[name]
            rows = d["fold"] == k
            xte = sp.hstack([_blocks(d, rows, tf, cfg) @ sp.diags(r), sp.csr_matrix(X[name][rows] * w_emb)], "csr")
            oof[name][rows] = clf.predict_proba(xte)[:, 1]
    return oof


def cv_gate(data, X, C=1.0):
    """OOF P(OLID-style | text) from a logistic gate trained on OLID vs TwitCivility training folds."""
    oof = {n: np.zeros(len(data[n]["y"])) for n in SETS}
    for k in range(N_FOLDS):
        xs, ys = [], []
        for lab, name in ((1, "olid"), (0, "twitcivility")):
            rows = data[name]["fold"] != k
            xs.append(X[name][rows])
            ys.append(np.full(rows.sum(), lab))
        clf = LogisticRegression(C=C, max_iter=2000).fit(np.vstack(xs), np.concatenate(ys))
        for name in SETS:
            rows = data[name]["fold"] == k
            oof[name][rows] = clf.predict_proba(X[name][rows])[:, 1]
    return oof


# ---------------------------------------------------------------------------------------------------------------
# meta level (stacking + recalibration)
# ---------------------------------------------------------------------------------------------------------------


def _best_shift(y, z, grid=np.linspace(-1.5, 1.5, 61)):
    """Logit shift s maximising macro-F1 of sigmoid(z - s) >= 0.5, i.e. threshold sigmoid(s)."""
    from sklearn.metrics import f1_score

    scores = [f1_score(y, (z >= s).astype(int), average="macro") for s in grid]
    return float(grid[int(np.argmax(scores))])


def meta_cv(data, feats, meta_sets=TARGET_SETS, meta_weights=None, C=1.0, shift=None, gate=None):
    """Cross-validated logistic meta-model over OOF level-1 features.

    ``feats[name]``: (n, m) matrix per set. ``shift``: None (plain calibrated output), "global" (one logit shift
    chosen on the training folds to maximise mean macro-F1 over the meta sets) or "gate" (one shift per domain,
    mixed by the OOF gate probability ``gate[name]``). Returns OOF probabilities (shifted) and calibrated ones."""
    meta_weights = meta_weights or {}
    oof = {n: np.zeros(len(data[n]["y"])) for n in SETS}
    oof_cal = {n: np.zeros(len(data[n]["y"])) for n in SETS}
    for k in range(N_FOLDS):
        xs, ys, ws = [], [], []
        for name in meta_sets:
            rows = data[name]["fold"] != k
            xs.append(feats[name][rows])
            ys.append(data[name]["y"][rows])
            ws.append(np.full(rows.sum(), meta_weights.get(name, 1.0)))
        meta = LogisticRegression(C=C, max_iter=2000).fit(np.vstack(xs), np.concatenate(ys), np.concatenate(ws))
        shifts = {}
        if shift:
            for name in TARGET_SETS:
                rows = data[name]["fold"] != k
                shifts[name] = _best_shift(data[name]["y"][rows], meta.decision_function(feats[name][rows]))
        if shift == "global":
            s_all = float(np.mean(list(shifts.values())))
        for name in SETS:
            rows = data[name]["fold"] == k
            z = meta.decision_function(feats[name][rows])
            oof_cal[name][rows] = sigmoid(z)
            if shift == "global":
                z = z - s_all
            elif shift == "gate":
                g = gate[name][rows]
                z = z - (g * shifts["olid"] + (1 - g) * shifts["twitcivility"])
            oof[name][rows] = sigmoid(z)
    return oof, oof_cal


# ---------------------------------------------------------------------------------------------------------------
# data, features, caches
# ---------------------------------------------------------------------------------------------------------------


class Ctx:
    def __init__(self, cache: Path, need_sparse: bool):
        self.cache = cache
        t0 = time.perf_counter()
        self.data = load_all(REPO.parent / "shared" / "data")
        for d in self.data.values():
            d["norm"] = [normalise(t) for t in d["texts"]]
        if need_sparse:
            featurise(self.data, Featuriser())
        print(f"data ready in {time.perf_counter() - t0:.0f}s", flush=True)
        self._raw = None
        self._emb = {}

    def raw(self):
        if self._raw is None:
            self._raw = load_raw(self.cache / "raw_tokens.npz")
        return self._raw

    def emb(self, dims=256, sif=1e-4, quantised=True):
        key = (dims, sif, quantised)
        if key not in self._emb:
            path = self.cache / f"emb_d{dims}_s{sif}_q{int(quantised)}.npz"
            if path.exists():
                z = np.load(path)
                self._emb[key] = {n: z[n] for n in SETS}
            else:
                raw, vocab = self.raw()
                table = make_table(raw, dims, sif)
                if quantised:
                    from build_artefact import quantise

                    q, scale = quantise(table)
                    table = q.astype(np.float32) * scale[:, None]
                emb = StaticEmbedder.from_arrays(table, vocab)
                self._emb[key] = {n: emb.transform(self.data[n]["norm"]) for n in SETS}
                np.savez(path, **self._emb[key])
        return self._emb[key]

    def sentence(self):
        """Full MiniLM sentence embeddings; a set not encoded yet gets zeros (and must not be reported)."""
        out = {}
        for n in SETS:
            path = self.cache / f"sentence_{n}.npy"
            out[n] = np.load(path) if path.exists() else np.zeros((len(self.data[n]["y"]), 384), np.float32)
        return out

    def nb_logit(self):
        """OOF decision scores of the other engineer's best NB-LR (recomputed with their code; cached)."""
        path = self.cache / "oof_nb_best.npz"
        if path.exists():
            z = np.load(path)
            return {n: z[n] for n in SETS}
        t0 = time.perf_counter()
        res, dec = run_linear(self.data, NB_BEST)
        np.savez(path, **dec)
        log(
            "nb_lr_best_reproduced",
            NB_BEST,
            {n: summ(self.data[n]["y"], sigmoid(dec[n])) for n in SETS},
            time.perf_counter() - t0,
        )
        return dec


def lr(C):
    return lambda: LogisticRegression(C=C, max_iter=3000)


def main(argv=None):  # noqa: C901 - a flat list of experiments
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/se_cache"))
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument(
        "--no-sparse",
        action="store_true",
        help="skip hashed features (no concat experiments; NB-LR OOF scores must be cached)",
    )
    args = ap.parse_args(argv)
    ctx = Ctx(args.cache, need_sparse=not args.no_sparse)
    data = ctx.data

    def want(name):
        return args.only is None or any(name.startswith(o) for o in args.only)

    def run(name, cfg, fn):
        if not want(name):
            return None
        t0 = time.perf_counter()
        oof = fn()
        log(name, cfg, results_for(data, oof), time.perf_counter() - t0)
        return oof

    # -- embeddings alone: table variants, then C
    for dims in (64, 128, 256):
        for sif in (1e-4, None):
            run(
                f"emb_lr_d{dims}_sif{sif}_C4",
                {"dims": dims, "sif": sif, "C": 4, "train": MIX},
                lambda dims=dims, sif=sif: cv_dense(data, ctx.emb(dims, sif), lr(4.0)),
            )
    for C in (1.0, 16.0, 64.0):
        run(
            f"emb_lr_d256_C{C:g}",
            {"dims": 256, "sif": 1e-4, "C": C, "train": MIX},
            lambda C=C: cv_dense(data, ctx.emb(256, 1e-4), lr(C)),
        )
    run(
        "emb_lr_d256_unquantised_C4",
        {"dims": 256, "quantised": False, "C": 4},
        lambda: cv_dense(data, ctx.emb(256, 1e-4, False), lr(4.0)),
    )
    for mix_name, mix in {
        "in_domain_olid_tc": {"olid": 1.0, "twitcivility": 1.0},
        "tc2_dav05": {"olid": 1.0, "twitcivility": 2.0, "davidson": 0.5},
        "dav1": {"olid": 1.0, "twitcivility": 1.0, "davidson": 1.0},
    }.items():
        run(
            f"emb_lr_d256_C4_mix_{mix_name}",
            {"dims": 256, "C": 4, "train": mix},
            lambda mix=mix: cv_dense(data, ctx.emb(256, 1e-4), lr(4.0), train=mix),
        )
    run(
        "emb_mlp_d256_h256",
        {"dims": 256, "hidden": [256], "alpha": 1e-3, "early_stopping": True},
        lambda: cv_dense(
            data,
            ctx.emb(256, 1e-4),
            lambda: MLPClassifier((256,), alpha=1e-3, early_stopping=True, max_iter=200, random_state=0),
            sample_weight=False,
        ),
    )

    # -- full sentence embeddings (optional-extra ceiling: needs torch at run time)
    for C in (1.0, 4.0, 16.0):
        run(
            f"sentence_minilm_lr_C{C:g}",
            {"features": "all-MiniLM-L6-v2 sentence embeddings", "C": C, "train": MIX},
            lambda C=C: cv_dense(data, ctx.sentence(), lr(C)),
        )

    nb = ctx.nb_logit()  # cached OOF scores; computing them needs the hashed features (no --no-sparse)

    # -- concatenation with the hashed NB-LR features
    for w in () if args.no_sparse else (0.5, 1.0, 2.0):
        oof = run(
            f"concat_nb_best_emb256_w{w:g}",
            {**NB_BEST, "emb_dims": 256, "w_emb": w},
            lambda w=w: cv_linear_concat(data, ctx.emb(256, 1e-4), NB_BEST, w),
        )
        if oof is not None:
            np.savez(args.cache / f"oof_concat_w{w:g}.npz", **oof)
            # Platt recalibration + one global shift (chosen on training folds), as in the stacked recipe
            t0 = time.perf_counter()
            cal, cal0 = meta_cv(data, {n: logit(oof[n])[:, None] for n in SETS}, shift="global")
            log(
                f"concat_nb_best_emb256_w{w:g}_platt_shift_global",
                {"shift": "global", "w_emb": w},
                results_for(data, cal),
                time.perf_counter() - t0,
                {"calibrated_before_shift": results_for(data, cal0)},
            )

    # -- stacking (meta LR on OOF logits) and gated/recalibrated variants
    emb256 = ctx.emb(256, 1e-4)
    cache = args.cache / "oof_emb_lr_d256.npz"
    if cache.exists():
        emb_oof = dict(np.load(cache))
    else:
        emb_oof = cv_dense(data, emb256, lr(4.0))
        np.savez(cache, **emb_oof)
    gate = cv_gate(data, emb256, C=4.0)
    for n in TARGET_SETS:
        acc = np.mean((gate[n] >= 0.5) == (n == "olid"))
        print(f"gate accuracy on {n}: {acc:.4f}")
    gate_acc = {n: float(np.mean((gate[n] >= 0.5) == (n == "olid"))) for n in TARGET_SETS}
    gate_acc["davidson_called_olid"] = float(np.mean(gate["davidson"] >= 0.5))

    def f_stack(with_gate):
        out = {}
        for n in SETS:
            cols = [nb[n], logit(emb_oof[n])]
            if with_gate:
                g = logit(gate[n])
                cols += [g, g * nb[n], g * logit(emb_oof[n])]
            out[n] = np.column_stack(cols)
        return out

    for name, kw in {
        "stack_nb_emb": {"feats": f_stack(False)},
        "stack_nb_emb_shift_global": {"feats": f_stack(False), "shift": "global"},
        "stack_nb_emb_gate": {"feats": f_stack(True)},
        "stack_nb_emb_gate_shift_gate": {"feats": f_stack(True), "shift": "gate", "gate": gate},
        "stack_nb_only_shift_gate": {"feats": {n: nb[n][:, None] for n in SETS}, "shift": "gate", "gate": gate},
    }.items():
        if not want(name):
            continue
        t0 = time.perf_counter()
        oof, oof_cal = meta_cv(data, **kw)
        cfg = {k: v for k, v in kw.items() if k in ("shift",)}
        log(
            name,
            cfg,
            results_for(data, oof),
            time.perf_counter() - t0,
            {"calibrated_before_shift": results_for(data, oof_cal), "gate_accuracy": gate_acc},
        )

    # -- per-domain heads + gate (embedding LR heads and NB-LR) stacked
    if want("heads_gate"):
        t0 = time.perf_counter()
        head_o = cv_dense(data, emb256, lr(4.0), train={"olid": 1.0})
        head_t = cv_dense(data, emb256, lr(4.0), train={"twitcivility": 1.0})
        feats = {}
        for n in SETS:
            g = logit(gate[n])
            feats[n] = np.column_stack(
                [
                    nb[n],
                    logit(emb_oof[n]),
                    logit(head_o[n]),
                    logit(head_t[n]),
                    g,
                    g * logit(head_o[n]),
                    g * logit(head_t[n]),
                ]
            )
        oof, oof_cal = meta_cv(data, feats, shift="gate", gate=gate)
        log(
            "heads_gate_stack_shift_gate",
            {"heads": "emb LR per domain + mixed NB-LR + emb LR"},
            results_for(data, oof),
            time.perf_counter() - t0,
            {"calibrated_before_shift": results_for(data, oof_cal), "gate_accuracy": gate_acc},
        )

    # -- v2: in-domain embedding heads (Davidson hurts the embedding LR on OLID/TC), gate interactions on NB-LR too
    if want("heads2"):
        t0 = time.perf_counter()
        heads = {}
        for hname, mix in {
            "o": {"olid": 1.0},
            "t": {"twitcivility": 1.0},
            "ot": {"olid": 1.0, "twitcivility": 1.0},
        }.items():
            path = args.cache / f"oof_emb_head_{hname}.npz"
            if not path.exists():
                np.savez(path, **cv_dense(data, emb256, lr(4.0), train=mix))
            heads[hname] = dict(np.load(path))
        feats = {}
        for n in SETS:
            g = logit(gate[n])
            ho, ht, hot = (logit(heads[h][n]) for h in ("o", "t", "ot"))
            feats[n] = np.column_stack([nb[n], logit(emb_oof[n]), ho, ht, hot, g, g * nb[n], g * ho, g * ht, g * hot])
        for C, shift in ((1.0, "gate"), (1.0, None), (0.1, "gate")):
            oof, oof_cal = meta_cv(data, feats, C=C, shift=shift, gate=gate)
            log(
                f"heads2_gate_stack_C{C:g}_shift_{shift}",
                {"C": C, "shift": shift, "heads": "o,t,ot emb LR + NB-LR"},
                results_for(data, oof),
                time.perf_counter() - t0,
                {"calibrated_before_shift": results_for(data, oof_cal), "gate_accuracy": gate_acc},
            )

    # -- no gate: NB-LR + in-domain (OLID+TC) embedding LR, one global shift
    if want("stack_nb_embot"):
        t0 = time.perf_counter()
        path = args.cache / "oof_emb_head_ot.npz"
        if not path.exists():
            np.savez(path, **cv_dense(data, emb256, lr(4.0), train={"olid": 1.0, "twitcivility": 1.0}))
        hot = dict(np.load(path))
        feats = {n: np.column_stack([nb[n], logit(hot[n]), logit(emb_oof[n])]) for n in SETS}
        for shift in (None, "global"):
            oof, oof_cal = meta_cv(data, feats, shift=shift)
            log(
                f"stack_nb_embot_embmix_shift_{shift}",
                {"shift": shift},
                results_for(data, oof),
                time.perf_counter() - t0,
                {"calibrated_before_shift": results_for(data, oof_cal)},
            )

    # -- ceiling, in-domain only (OLID + TwitCivility sentence embeddings; Davidson not needed)
    if want("ceiling"):
        t0 = time.perf_counter()
        sent = ctx.sentence()
        s_oof = cv_dense(data, sent, lr(4.0), train={"olid": 1.0, "twitcivility": 1.0})
        log(
            "ceiling_sentence_minilm_lr_in_domain_C4",
            {"features": "MiniLM sentence emb", "train": "olid+tc"},
            results_for(data, s_oof, TARGET_SETS),
            time.perf_counter() - t0,
        )
        s_o = cv_dense(data, sent, lr(4.0), train={"olid": 1.0})
        s_t = cv_dense(data, sent, lr(4.0), train={"twitcivility": 1.0})
        feats = {}
        for n in SETS:
            g = logit(gate[n])
            cols = [nb[n], logit(s_oof[n]), logit(s_o[n]), logit(s_t[n]), g, g * nb[n], g * logit(s_o[n])]
            feats[n] = np.column_stack(cols + [g * logit(s_t[n])])
        oof, oof_cal = meta_cv(data, feats, shift="gate", gate=gate)
        log(
            "ceiling_stack_nb_sentence_heads_gate_shift_gate",
            {"shift": "gate"},
            results_for(data, oof, TARGET_SETS),
            time.perf_counter() - t0,
            {"calibrated_before_shift": results_for(data, oof_cal, TARGET_SETS)},
        )

    # -- ceiling: NB-LR stacked with full sentence embeddings LR
    if want("stack_nb_sentence") and (args.cache / "sentence_davidson.npy").exists():
        t0 = time.perf_counter()
        s_oof = cv_dense(data, ctx.sentence(), lr(4.0))
        feats = {n: np.column_stack([nb[n], logit(s_oof[n]), logit(emb_oof[n])]) for n in SETS}
        oof, oof_cal = meta_cv(data, feats)
        log(
            "stack_nb_sentence_emb",
            {"features": "NB-LR + MiniLM sentence LR + static emb LR"},
            results_for(data, oof),
            time.perf_counter() - t0,
        )
        oof, oof_cal = meta_cv(data, feats, shift="gate", gate=gate)
        log(
            "stack_nb_sentence_emb_shift_gate",
            {"shift": "gate"},
            results_for(data, oof),
            time.perf_counter() - t0,
            {"calibrated_before_shift": results_for(data, oof_cal)},
        )


if __name__ == "__main__":
    main()

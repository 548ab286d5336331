"""Shared helpers for the text-model experiments (research only; pandas-free so it runs with the runtime deps)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from triage.scoring.text.datasets import load_shared  # noqa: E402
from triage.scoring.text.features import Featuriser  # noqa: E402

N_FOLDS = 5
SEED = 0


def folds_for(y: np.ndarray, seed: int = SEED) -> np.ndarray:
    """Fold id (0..4) per row, stratified, fixed seed."""
    fold = np.empty(len(y), dtype=np.int8)
    skf = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=seed)
    for k, (_, te) in enumerate(skf.split(np.zeros(len(y)), y)):
        fold[te] = k
    return fold


def load_all(data_dir: Path):
    sets = load_shared(Path(data_dir))
    out = {}
    for name, ts in sets.items():
        y = np.asarray(ts.targets["offensive"], dtype=np.int8)
        out[name] = {"texts": ts.texts, "y": y, "fold": folds_for(y), "targets": ts.targets}
    return out


def featurise(data, feat: Featuriser):
    for d in data.values():
        t0 = time.perf_counter()
        d["word"], d["char"], d["dense"] = feat.counts(d["texts"])
        d["feat_time"] = time.perf_counter() - t0
    return data


def macro_f1(y, p, thr=0.5):
    return f1_score(y, (p >= thr).astype(int), average="macro")


def best_threshold(y, p):
    grid = np.linspace(0.1, 0.9, 81)
    scores = [macro_f1(y, p, t) for t in grid]
    i = int(np.argmax(scores))
    return float(grid[i]), float(scores[i])


def summary(y, p):
    thr, best = best_threshold(y, p)
    return {
        "f1@0.5": macro_f1(y, p),
        "auc": roc_auc_score(y, p),
        "best_thr": thr,
        "f1@best": best,
        "mean_p": float(np.mean(p)),
        "pos_rate": float(np.mean(y)),
    }


def stack(blocks):
    return sp.hstack(blocks, format="csr")

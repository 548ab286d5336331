"""Metrics report for fitted text models on labelled data laid out like ``shared/data`` and ``sample_cases``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score

from triage.scoring.text import datasets as ds
from triage.scoring.text.model import TextModels

_SHARED_TARGETS = {
    "olid": {"offensive": "offensive", "personal_attack": "personal_attack"},
    "twitcivility": {"offensive": "offensive", "personal_attack": "impolite"},
    "davidson": {"offensive": "offensive"},
}


def _metrics(y: np.ndarray, p: np.ndarray) -> dict:
    out = {"n": int(len(y)), "positives": int(y.sum())}
    out["macro_f1"] = round(float(f1_score(y, (p >= 0.5).astype(int), average="macro", zero_division=0)), 4)
    out["roc_auc"] = round(float(roc_auc_score(y, p)), 4) if len(np.unique(y)) == 2 else None
    out["mean_probability"] = round(float(p.mean()), 4) if len(p) else None
    return out


def evaluate_text_models(models: TextModels, data_dir: Path | None, sample_cases_dir: Path | None = None) -> dict:
    """Macro-F1 at 0.5 and ROC-AUC per data set and label.

    Shared-data files found under ``data_dir`` are scored as they are: the shipped model was trained on
    ``shared/data``, so on those files the numbers are in-sample (optimistic) and are marked so; point
    ``data_dir`` at held-out files in the same layout for a fair test. Sample cases are scored on the **test**
    split only (NNNN % 5 == 0), which training never reads.
    """
    report: dict = {"version": models.version, "datasets": {}}
    loaders = {"olid": ds.load_olid, "twitcivility": ds.load_twitcivility, "davidson": ds.load_davidson}
    files = {"olid": ds.OLID_FILE, "twitcivility": ds.TWITCIVILITY_FILE, "davidson": ds.DAVIDSON_FILE}
    if data_dir is not None:
        for name, loader in loaders.items():
            if not (Path(data_dir) / files[name]).exists():
                continue
            ts = loader(Path(data_dir))
            scores = models.score(ts.texts)
            entry = {"file": ts.files[0]}
            for label, target in _SHARED_TARGETS[name].items():
                entry[label] = _metrics(np.asarray(ts.targets[target]), scores[label])
            report["datasets"][name] = entry
    if sample_cases_dir is not None and Path(sample_cases_dir).exists():
        ts = ds.load_sample_cases(Path(sample_cases_dir), "test")
        if len(ts):
            scores = models.score(ts.texts)
            entry = {"file": ts.files[0]}
            for label in models.labels:
                y = np.asarray(ts.target(label))
                m = y >= 0
                if m.any():
                    entry[label] = _metrics(y[m], scores[label][m])
            report["datasets"]["sample_cases_test"] = entry
    return report

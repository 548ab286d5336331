"""Train and evaluate the threat and incitement classifier; write ``threat.skops`` and its manifest.

Run as ``triage model train-threat`` (or ``python -m triage.scoring.training.threat_train``). Evaluation is
5-fold cross-validation grouped by template (no sentence pattern is in both halves of a fold) plus the held-out
idioms that no template produces. Deterministic: same code, same file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from triage.scoring.risk.detector import MANIFEST_FILE, MODEL_FILE, MODELS_DIR, THRESHOLD, TRUSTED_TYPES
from triage.scoring.risk.model import ThreatModel
from triage.scoring.training import threat_examples


def build_pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True)),
        ]
    )
    return Pipeline(
        [("features", features), ("model", LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))]
    )


def _scores(y: list[int], p: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    pred = (p >= THRESHOLD).astype(int)
    return {
        "precision": round(float(precision_score(y, pred, zero_division=0)), 4),
        "recall": round(float(recall_score(y, pred, zero_division=0)), 4),
        "f1": round(float(f1_score(y, pred, zero_division=0)), 4),
        "auc": round(float(roc_auc_score(y, p)), 4),
        "n": len(y),
        "positives": int(sum(y)),
    }


def evaluate() -> dict[str, Any]:
    """Grouped 5-fold CV on the written examples, then the held-out idioms with a model trained on all of them."""
    from sklearn.model_selection import StratifiedGroupKFold

    texts, y, groups = threat_examples.labelled()
    y_arr = np.array(y)
    p = np.zeros(len(texts))
    for tr, te in StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0).split(texts, y_arr, groups):
        model = build_pipeline().fit([texts[i] for i in tr], y_arr[tr])
        p[te] = model.predict_proba([texts[i] for i in te])[:, 1]
    full = build_pipeline().fit(texts, y_arr)
    held_texts, held_y = threat_examples.held_out()
    held_p = full.predict_proba(held_texts)[:, 1]
    return {
        "cv_grouped_by_template": _scores(y, p),
        "held_out_idioms": _scores(held_y, held_p),
        "held_out_missed": [t for t, yy, pp in zip(held_texts, held_y, held_p, strict=True) if yy and pp < THRESHOLD],
        "held_out_false_alarms": [
            t for t, yy, pp in zip(held_texts, held_y, held_p, strict=True) if not yy and pp >= THRESHOLD
        ],
    }


def train(out_dir: Path = MODELS_DIR) -> Path:
    import sklearn
    import skops
    import skops.io as sio

    texts, y, _ = threat_examples.labelled()
    pipeline = build_pipeline().fit(texts, np.array(y))
    lean = ThreatModel.from_pipeline(pipeline)
    held_texts, _ = threat_examples.held_out()
    check = texts[:200] + held_texts
    gap = float(np.max(np.abs(np.array(lean.predict_proba(check)) - pipeline.predict_proba(check)[:, 1])))
    if gap > 1e-9:
        raise RuntimeError(f"the run-time threat scorer differs from scikit-learn by {gap}")
    metrics = evaluate()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MODEL_FILE
    sio.dump(lean.state, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    if untrusted:
        path.unlink()
        raise RuntimeError(f"threat model would need untrusted types: {sorted(untrusted)}")
    manifest = {
        "name": "threat",
        "file": MODEL_FILE,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "created_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "threshold": THRESHOLD,
        "training_set": {
            "source": "triage/scoring/training/threat_examples.py (written by the project)",
            "threats": int(sum(y)),
            "hard_negatives": int(len(y) - sum(y)),
        },
        "libraries": {
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
        },
        "metrics": metrics,
    }
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    train()

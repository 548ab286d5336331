"""5-fold CV of the fine-tuned MiniLM teachers themselves (one per held-out fold, one epoch, ``run_teachers.sh``):
pools each teacher's predictions on its own held-out fold. Numpy and scikit-learn only.

    .venv/bin/python research/finetune/teacher_cv.py [--root /tmp/finetune]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "research" / "text_models"))

from cv_common import summary  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=Path("/tmp/finetune"))
    args = ap.parse_args()
    out = {}
    for name in ("olid", "twitcivility"):
        ys, ps = [], []
        for k in range(5):
            d = args.root / f"fold{k}"
            ys.append(np.load(d / f"y_{name}_fold{k}.npy"))
            ps.append(np.load(d / f"transformer_{name}_fold{k}_ep1.npy"))
        per_fold = [round(float(summary(y, p)["f1@0.5"]), 4) for y, p in zip(ys, ps, strict=True)]
        pooled = {k: round(float(v), 4) for k, v in summary(np.concatenate(ys), np.concatenate(ps)).items()}
        out[name] = {"pooled": pooled, "f1@0.5_per_fold": per_fold}
        print(f"{name:13s} pooled F1@.5 {pooled['f1@0.5']:.3f} AUC {pooled['auc']:.3f}  per fold {per_fold}")
    (HERE / "teacher_cv.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

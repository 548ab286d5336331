"""Compare settings of the `council_business` head by grouped 5-fold CV on the sample cases (train split).

    .venv/bin/python research/text_models/council_cv.py --data ../shared/data

Only the council head matters here: the other two heads are trained on the sample cases alone to keep it fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from triage.scoring.training.text_train import train_text_models  # noqa: E402

VARIANTS = {
    "C1_dense3": {},
    "C0.3_dense3": {"C": 0.3},
    "C1_dense10": {"dense_scale": 10.0},
    "C1_dense3_nb": {"nb_power": 0.5},
    "C3_dense3": {"C": 3.0},
}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--sample-cases", type=Path, default=REPO / "sample_cases")
    args = ap.parse_args(argv)
    off = {"weights": {"olid": 0.0, "twitcivility": 0.0, "davidson": 0.0}}
    out = {}
    for name, over in VARIANTS.items():
        hp = {"offensive": off, "personal_attack": off, "council_business": over}
        _, metrics = train_text_models(args.data, args.sample_cases, progress=False, hyperparameters=hp)
        m = metrics["heads"]["council_business"]
        out[name] = {"cv": m["cv"], "calibration": m.get("calibration")}
        sc, wn = m["cv"]["sample_cases"], m["cv"].get("weak_negatives", {})
        print(
            name,
            "sample cases F1/AUC",
            sc["macro_f1"],
            sc["roc_auc"],
            "weak-neg mean p",
            wn.get("mean_probability"),
            "lexicon",
            m["cv"].get("lexicon_only_baseline"),
            flush=True,
        )
    (Path(__file__).parent / "council_cv.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

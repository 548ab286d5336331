"""Train the shipped text models and write them (plus manifest) to triage/scoring/models/.

    .venv/bin/python research/text_models/train_shipped.py --data ../shared/data [--out DIR]

Same as `triage model train --data DIR` for the text part; prints the CV metrics and an evaluation on the
sample-case test split (which training never reads).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from triage.scoring.text import save_text_models  # noqa: E402
from triage.scoring.text.store import MODELS_DIR  # noqa: E402
from triage.scoring.training.text_evaluate import evaluate_text_models  # noqa: E402
from triage.scoring.training.text_train import train_text_models  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--sample-cases", type=Path, default=REPO / "sample_cases")
    ap.add_argument("--out", type=Path, default=MODELS_DIR)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    models, metrics = train_text_models(args.data, args.sample_cases, progress=True, seed=args.seed)
    metrics["training_seconds"] = round(time.perf_counter() - t0, 1)
    metrics["sample_cases_test_split"] = evaluate_text_models(models, None, args.sample_cases)["datasets"].get(
        "sample_cases_test"
    )
    path = save_text_models(models, metrics, args.out)
    print(json.dumps(metrics["heads"], indent=1))
    print(json.dumps(metrics["sample_cases_test_split"], indent=1))
    print(f"saved {path} ({path.stat().st_size / 2**20:.1f} MiB) in {metrics['training_seconds']}s")


if __name__ == "__main__":
    main()

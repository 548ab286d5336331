"""Time ``assess()`` per case, in process, with the installed models loaded once.

    .venv/bin/python benchmarks/bench_assess.py [FOLDER_OR_FILES...] [--repeat N]

Defaults to the repository's sample_cases/. Prints the median and 95th percentile per case; the target is a median
of at most 5 ms. Each assessment includes the urgent-flag check, the evidence estimates and up to 32 staged readings
over the open questions.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from triage.casefile.files import expand_paths
from triage.scoring.assess import assess, default_text_models
from triage.scoring.training.dataset import REPO_SAMPLE_CASES, split_labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(REPO_SAMPLE_CASES)])
    parser.add_argument("--repeat", type=int, default=5, help="times each case is assessed (default 5)")
    args = parser.parse_args()

    # Published decisions carry long references the app would refuse to store (20 characters at most); assess reads
    # them as they are, as the evaluation does, so the files are read as JSON without the storage checks.
    cases = [split_labels(json.loads(path.read_text(encoding="utf-8")))[0] for path in expand_paths(args.paths)]
    if not cases:
        raise SystemExit(f"no valid case files in {args.paths}")
    started = time.perf_counter()
    text_models = default_text_models()
    assess(cases[0])  # warm-up: loads and caches the Codes and models
    load_s = time.perf_counter() - started

    timings = []
    for _ in range(args.repeat):
        for case in cases:
            t0 = time.perf_counter()
            assess(case)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    report = {
        "cases": len(cases),
        "assessments": len(timings),
        "median_ms": round(statistics.median(timings), 3),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 3),
        "max_ms": round(timings[-1], 3),
        "first_call_including_model_load_s": round(load_s, 3),
        "text_models": getattr(text_models, "version", "none"),
        "reasoning": assess(cases[0]).model_version["reasoning"],
        "readings_per_case_max": 2**5,
        "target_median_ms": 5.0,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

"""Print results.jsonl (written by cv_experiments.py / stack_experiments.py) as a Markdown table.

.venv/bin/python research/text_models/summarise_results.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    rows = {}
    for line in (HERE / "results.jsonl").read_text().splitlines():
        if line.strip():
            rec = json.loads(line)
            rows[rec["name"]] = rec  # last run of a name wins
    print("| experiment | OLID F1@0.5 | OLID AUC | OLID best F1 (thr) | TC F1@0.5 | TC AUC | TC best F1 (thr) |")
    print("|---|---|---|---|---|---|---|")
    for name, rec in rows.items():
        r = rec["res"]
        cells = []
        for ds in ("olid", "twitcivility"):
            m = r.get(ds)
            if m is None:
                cells += ["", "", ""]
                continue
            cells += [f"{m['f1@0.5']:.3f}", f"{m['auc']:.3f}", f"{m['f1@best']:.3f} ({m['best_thr']:.2f})"]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

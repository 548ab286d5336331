"""Markdown table of results.jsonl (this folder) plus the other engineer's baseline and best, for RESULTS.md.

.venv/bin/python research/static_embeddings/summarise.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OTHER = HERE.parent / "text_models" / "results.jsonl"
OTHER_ROWS = ("baseline_tfidf_lr_in_domain", "nb_C2_p05_tc15")


def fmt(r: dict | None) -> str:
    if not r:
        return "– | – | –"
    return f"{r['f1@0.5']:.3f} | {r['f1@best']:.3f} | {r['auc']:.3f}"


def cal(r: dict | None) -> str:
    if not r or "brier" not in r:
        return "–"
    return f"{r['brier']:.3f}/{r['ece']:.3f}"


def main() -> None:
    rows = []
    if OTHER.exists():
        for line in OTHER.read_text().splitlines():
            d = json.loads(line)
            if d["name"] in OTHER_ROWS:
                rows.append(("text_models/" + d["name"], d["res"]))
    last = {}
    for line in (HERE / "results.jsonl").read_text().splitlines():
        d = json.loads(line)
        last[d["name"]] = d["res"]  # a re-run replaces the earlier line
    rows += list(last.items())
    print(
        "| experiment | OLID F1@0.5 | F1@best | AUC | TwitCiv F1@0.5 | F1@best | AUC | Davidson F1@0.5 "
        "| Brier/ECE O | T |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, res in rows:
        o, t, d = res.get("olid"), res.get("twitcivility"), res.get("davidson")
        dav = f"{d['f1@0.5']:.3f}" if d else "–"
        print(f"| {name} | {fmt(o)} | {fmt(t)} | {dav} | {cal(o)} | {cal(t)} |")


if __name__ == "__main__":
    main()

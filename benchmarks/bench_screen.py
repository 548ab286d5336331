"""Benchmark the text classifiers: bulk screening throughput and single-post latency.

    .venv/bin/python benchmarks/bench_screen.py [--n 100000] [--batch-size 2000] [--latency-n 2000] [--jobs N]

Generates N synthetic posts into a temporary JSONL file, screens it with the streaming function behind
`triage screen` (all three classifiers), and prints posts/s; then times `score_one` on single posts and prints
the median and 95th-percentile latency. No assertions: targets are >= 3,000 posts/s and well under 5 ms/post.
``--jobs`` is what ``triage screen --jobs`` takes (0, the default, is one worker per core, as the command does).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triage.scoring.text import load_text_models
from triage.scoring.text.screen import default_jobs, screen_file

_WORDS = (
    "the council planning committee voted tonight on the budget and I think residents deserve better from "
    "cabinet officers ward bins potholes library consultation agenda minutes motion scrutiny council tax "
    "great news thanks everyone lovely day football match weekend family dog walk park coffee "
    "absolute disgrace useless clown idiot liar shameful pathetic joke rubbish nonsense you your they "
    "Cllr @someone https://example.org/x #localgov !!! ? well done proud community volunteers"
).split()


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def synthetic_posts(n: int, seed: int = 0):
    rng = random.Random(seed)
    for i in range(n):
        length = rng.randint(6, 45)
        # ~10% made-up words (names, typos, hashtags) so the per-word n-gram cache also sees misses
        text = " ".join(
            rng.choice(_WORDS) if rng.random() < 0.9 else "".join(rng.choices(_LETTERS, k=rng.randint(3, 10)))
            for _ in range(length)
        )
        if rng.random() < 0.2:
            text = text.upper()
        yield {"id": f"p{i}", "text": text}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--batch-size", type=int, default=2000)
    ap.add_argument("--latency-n", type=int, default=2000)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--jobs", type=int, default=0)
    args = ap.parse_args(argv)
    jobs = args.jobs or default_jobs()

    t0 = time.perf_counter()
    models = load_text_models(args.model)
    print(f"model {models.version} loaded in {time.perf_counter() - t0:.2f}s (cores: {os.cpu_count()})")

    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "posts.jsonl", Path(tmp) / "scores.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for post in synthetic_posts(args.n):
                fh.write(json.dumps(post) + "\n")
        models.score(["warm up"])
        t0, c0 = time.perf_counter(), time.process_time()
        n = screen_file(models, src, dst, batch_size=args.batch_size, progress=False, jobs=jobs)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
        with open(dst, encoding="utf-8") as fh:
            lines = sum(1 for _ in fh)
        assert lines == n == args.n, (lines, n)
    print(
        f"screen: {n} posts in {secs:.2f}s = {n / secs:,.0f} posts/s (all three classifiers, batch "
        f"{args.batch_size}, {jobs} worker{'s' if jobs > 1 else ''}; peak RSS of this process {peak / 2**20:.0f} MiB)"
    )
    print(
        f"        CPU time of this process {cpu:.2f}s (with workers, most scoring is theirs); 1-min load average "
        f"{os.getloadavg()[0]:.1f}"
    )

    posts = [p["text"] for p in synthetic_posts(args.latency_n, seed=1)]
    times = []
    for text in posts:
        t = time.perf_counter()
        models.score_one(text)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"score_one: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms over {len(times)} posts")
    t = time.perf_counter()
    for text in posts[:200]:
        models.evidence(text, "offensive")
    print(f"evidence: {(time.perf_counter() - t) / 200 * 1000:.2f} ms per post")


if __name__ == "__main__":
    main()

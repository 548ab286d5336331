"""Speed of StaticEmbedder.transform on synthetic posts (cold cache, then warm).

    .venv/bin/python research/static_embeddings/bench_embed.py [--n 100000] [--npz PATH]

Reports wall time and process CPU time: on a shared, overloaded machine the CPU figure is the honest one.
Posts are 8-40 words drawn from a Zipf-like mix of common English words, insults, names, numbers, hashtags, handles,
URLs, punctuation and some random letter strings (so the per-word cache also sees misses), seed 0.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from static_embed import DEFAULT_NPZ, StaticEmbedder  # noqa: E402

WORDS = (
    "the a to of and is in that it you for on this be are with not have they was but he she we at so what "
    "council councillor meeting planning bins road tax vote mayor ward residents disgrace idiot liar corrupt "
    "shameful useless clown moron resign disgusting pathetic thanks great support well done please update "
    "agenda minutes committee budget housing school park library parking fine fines money waste £2m 2024"
).split()


def synthetic_posts(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(WORDS))]
    posts = []
    for _ in range(n):
        k = rng.randint(8, 40)
        words = rng.choices(WORDS, weights, k=k)
        for _ in range(rng.randint(0, 3)):
            words.insert(
                rng.randrange(len(words) + 1), "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))
            )
        if rng.random() < 0.3:
            words.insert(0, "@USER")
        if rng.random() < 0.2:
            words.append("URL")
        if rng.random() < 0.2:
            words.append("#" + rng.choice(WORDS).capitalize())
        text = " ".join(words)
        if rng.random() < 0.5:
            text = text.capitalize() + rng.choice([".", "!", "!!!", "?", ""])
        posts.append(text)
    return posts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--npz", type=Path, default=DEFAULT_NPZ)
    args = ap.parse_args()
    posts = synthetic_posts(args.n)
    t0 = time.perf_counter()
    emb = StaticEmbedder(args.npz)
    t_load = time.perf_counter() - t0
    for label in ("cold cache", "warm cache"):
        t0, c0 = time.perf_counter(), time.process_time()
        x = emb.transform(posts)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"{label}: {args.n} posts, wall {dt:.2f}s = {args.n / dt:,.0f} posts/s; "
            f"CPU {cpu:.2f}s = {args.n / cpu:,.0f} posts/s per core (dims {x.shape[1]})"
        )
    print(f"load + SHA-256 check: {t_load:.2f}s")


if __name__ == "__main__":
    main()

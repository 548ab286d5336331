"""Text normalisation and stateless hashed features shared by the three text classifiers.

Everything here is deterministic and holds no vocabulary: n-grams are hashed into fixed-size spaces, so the shipped
model stores only IDF weights and linear coefficients.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from .lexicons import COUNCIL_TERMS, INSULT_TERMS, PROFANITY_TERMS, SECOND_PERSON

_URL = re.compile(r"(?:https?://|www\.)\S+|\bURL\b|@LINK\b", re.IGNORECASE)
_HANDLE = re.compile(r"@[A-Za-z0-9_]+")
_RT = re.compile(r"^\s*(?:RT\s+)?(?:@USER:?\s*)+", re.IGNORECASE)
_ELONGATED = re.compile(r"(\w)\1{2,}")
_HASHTAG = re.compile(r"#(\w+)")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z][a-z']+")
_LETTERS = re.compile(r"[A-Za-z]")
_UPPER_WORD = re.compile(r"\b[A-Z]{3,}\b")


def normalise(text: str) -> str:
    """Map dataset placeholders and real handles/links to the same tokens; undo HTML entities; tame elongation.

    ``@USER`` (OLID, TwitCivility), ``@real_handle`` -> ``@USER``; ``URL``, ``@LINK``, ``https://..`` -> ``URL``.
    Leading retweet/mention chains (``RT @a: @b``) become one ``@USER``. Case is kept (the vectorisers lowercase;
    the caps feature needs it).
    """
    text = text or ""
    if "&" in text:
        text = html.unescape(html.unescape(text))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = _URL.sub(" URL ", text)
    text = _HANDLE.sub("@USER", text)
    text = re.sub(r"\bRT\b:?", " ", text)
    text = re.sub(r"(?:@USER[\s:,]*){2,}", "@USER ", text)
    text = _HASHTAG.sub(r"# \1", text)
    text = _ELONGATED.sub(r"\1\1", text)
    return _SPACE.sub(" ", text).strip()


# Word n-grams and char_wb n-grams each get their own hashed block.
WORD_BITS = 19
CHAR_BITS = 19
N_DENSE = 8
DENSE_NAMES = (
    "profanity words",
    "insult words",
    "insult aimed at 'you'",
    "shouting (capitals)",
    "exclamation marks",
    "council-business terms",
    "second-person words",
    "very short post",
)


def word_vectorizer(bits: int = WORD_BITS, ngram_max: int = 2) -> HashingVectorizer:
    return HashingVectorizer(
        n_features=2**bits,
        analyzer="word",
        ngram_range=(1, ngram_max),
        token_pattern=r"(?u)\b\w[\w']*\b|[!?]",
        lowercase=True,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


def char_vectorizer(bits: int = CHAR_BITS, ngram_min: int = 2, ngram_max: int = 5) -> HashingVectorizer:
    return HashingVectorizer(
        n_features=2**bits,
        analyzer="char_wb",
        ngram_range=(ngram_min, ngram_max),
        lowercase=True,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


def _phrase_pattern(terms: frozenset[str]) -> re.Pattern | None:
    phrases = sorted((t for t in terms if " " in t), key=len, reverse=True)
    return re.compile(r"(?<= )(?:" + "|".join(re.escape(p) for p in phrases) + r")(?= )") if phrases else None


_PHRASES = {id(terms): _phrase_pattern(terms) for terms in (COUNCIL_TERMS, INSULT_TERMS, PROFANITY_TERMS)}


def _term_hits(words: list[str], joined: str, terms: frozenset[str]) -> int:
    hits = sum(1 for w in words if w in terms)
    pattern = _PHRASES.get(id(terms))
    if pattern is not None:
        hits += len(pattern.findall(joined))
    return hits


def dense_features(raw_texts: Sequence[str], normed: Sequence[str]) -> np.ndarray:
    """A few hand-made features, each scaled to roughly [0, 1]. Order matches :data:`DENSE_NAMES`."""
    out = np.zeros((len(normed), N_DENSE), dtype=np.float32)
    for i, (raw, text) in enumerate(zip(raw_texts, normed, strict=True)):
        lower = text.lower()
        words = _WORD.findall(lower)
        joined = " " + " ".join(words) + " "
        n_words = max(len(words), 1)
        prof = _term_hits(words, joined, PROFANITY_TERMS)
        insult = _term_hits(words, joined, INSULT_TERMS)
        second = sum(1 for w in words if w in SECOND_PERSON)
        letters = _LETTERS.findall(raw or "")
        upper_words = len(_UPPER_WORD.findall(text.replace("@USER", "").replace("URL", "")))
        out[i, 0] = min(prof, 3) / 3.0
        out[i, 1] = min(insult, 3) / 3.0
        out[i, 2] = 1.0 if (insult or prof) and second else 0.0
        out[i, 3] = min(upper_words / n_words * 2.0, 1.0) if len(letters) >= 8 else 0.0
        out[i, 4] = min(text.count("!"), 4) / 4.0
        out[i, 5] = min(_term_hits(words, joined, COUNCIL_TERMS), 4) / 4.0
        out[i, 6] = min(second, 3) / 3.0
        out[i, 7] = 1.0 if n_words <= 4 else 0.0
    return out


class Featuriser:
    """Stateless hashed counts: ``[word n-grams | char_wb n-grams | dense]`` as one CSR matrix (float32)."""

    def __init__(
        self,
        word_bits: int = WORD_BITS,
        char_bits: int = CHAR_BITS,
        word_ngram_max: int = 2,
        char_ngram: tuple[int, int] = (2, 5),
    ):
        self.word_bits = word_bits
        self.char_bits = char_bits
        self.word_ngram_max = word_ngram_max
        self.char_ngram = tuple(char_ngram)
        self.word = word_vectorizer(word_bits, word_ngram_max)
        self.char = char_vectorizer(char_bits, *self.char_ngram)
        self._word_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.cache_size = 50_000

    @property
    def n_word(self) -> int:
        return 2**self.word_bits

    @property
    def n_char(self) -> int:
        return 2**self.char_bits

    @property
    def n_features(self) -> int:
        return self.n_word + self.n_char + N_DENSE

    def params(self) -> dict:
        return {
            "word_bits": self.word_bits,
            "char_bits": self.char_bits,
            "word_ngram_max": self.word_ngram_max,
            "char_ngram": list(self.char_ngram),
        }

    def counts(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
        normed = [normalise(t) for t in texts]
        return self.word.transform(normed), self.char_counts(normed), dense_features(texts, normed)

    def char_counts(self, normed: Sequence[str]) -> sp.csr_matrix:
        """Same matrix as ``self.char.transform(normed)``, built from a per-word cache.

        char_wb n-grams never cross a space, so a text's counts are the sum of its words' counts; words repeat a
        lot, so caching each word's hashed n-grams makes this several times faster than hashing every text.
        """
        cache = self._word_cache
        docs = [t.lower().split() for t in normed]
        entries = {w: cache.get(w) for ws in docs for w in ws}  # local view: safe if another thread clears
        missing = [w for w, v in entries.items() if v is None]
        if missing:
            if len(cache) + len(missing) > self.cache_size:
                cache.clear()
            m = self.char.transform(missing)
            ind, dat, ptr = m.indices, m.data, m.indptr
            for i, w in enumerate(missing):
                entries[w] = cache[w] = (ind[ptr[i] : ptr[i + 1]].copy(), dat[ptr[i] : ptr[i + 1]].copy())
        idx_parts, dat_parts = [], []
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        total = 0
        for d, ws in enumerate(docs):
            for w in ws:
                ix, dt = entries[w]
                idx_parts.append(ix)
                dat_parts.append(dt)
                total += len(ix)
            indptr[d + 1] = total
        if idx_parts:
            indices, data = np.concatenate(idx_parts), np.concatenate(dat_parts)
        else:
            indices, data = np.zeros(0, np.int32), np.zeros(0, np.float32)
        x = sp.csr_matrix((data, indices, indptr), shape=(len(docs), self.n_char), dtype=np.float32)
        x.sum_duplicates()
        return x

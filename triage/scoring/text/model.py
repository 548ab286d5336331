"""The fitted text models: one shared hashed TF-IDF featuriser and three linear heads with logistic calibration.

Every head is a single linear function of the features (an NB-weighted logistic regression collapses to one weight
vector), so scoring a batch is one sparse-times-dense product for all three labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.utils import murmurhash3_32

from .features import DENSE_NAMES, Featuriser, normalise

LABELS = ("offensive", "personal_attack", "council_business")
FORMAT = "triage-text-models/1"


def _sublinear_idf_l2(x: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """In place: tf -> 1 + log(tf), times idf, then L2-normalise each row (as TfidfTransformer(sublinear_tf))."""
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    sq = np.asarray(x.multiply(x).sum(axis=1)).ravel()
    norms = np.sqrt(sq, dtype=np.float64)
    norms[norms == 0] = 1.0
    x.data /= np.repeat(norms, np.diff(x.indptr)).astype(x.data.dtype)
    return x


def fit_idf(counts: sp.csr_matrix) -> np.ndarray:
    """Smooth IDF as in TfidfTransformer(smooth_idf=True): ln((1 + n) / (1 + df)) + 1."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


class TextModels:
    """Scores posts for :data:`LABELS`. Build with :func:`train_text_models` or :func:`load_text_models`."""

    def __init__(self, state: dict):
        if state.get("format") != FORMAT:
            raise ValueError(f"unsupported text-model format {state.get('format')!r}")
        self.state = state
        self.metrics: dict = {}  # filled by training; informational only
        self.version: str = state["version"]
        f = state["featuriser"]
        self.featuriser = Featuriser(f["word_bits"], f["char_bits"], f["word_ngram_max"], tuple(f["char_ngram"]))
        self.block_weights = dict(state["block_weights"])
        self.idf_word = np.asarray(state["idf_word"], dtype=np.float32)
        self.idf_char = np.asarray(state["idf_char"], dtype=np.float32)
        self.labels = tuple(state["labels"])
        heads = state["heads"]
        self.coef_word = np.column_stack([heads[lb]["coef_word"] for lb in self.labels]).astype(np.float32)
        self.coef_char = np.column_stack([heads[lb]["coef_char"] for lb in self.labels]).astype(np.float32)
        self.coef_dense = np.column_stack([heads[lb]["coef_dense"] for lb in self.labels]).astype(np.float32)
        self.intercept = np.array([heads[lb]["intercept"] for lb in self.labels], dtype=np.float64)
        self.cal_a = np.array([heads[lb]["calibration"]["a"] for lb in self.labels], dtype=np.float64)
        self.cal_b = np.array([heads[lb]["calibration"]["b"] for lb in self.labels], dtype=np.float64)

    # ------------------------------------------------------------------------------------------------------
    # features
    # ------------------------------------------------------------------------------------------------------
    def transform(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
        """Weighted TF-IDF blocks as used by the heads: (word, char, dense)."""
        word, char, dense = self.featuriser.counts(texts)
        bw = self.block_weights
        word = _sublinear_idf_l2(word, self.idf_word)
        char = _sublinear_idf_l2(char, self.idf_char)
        if bw["word"] != 1.0:
            word.data *= bw["word"]
        if bw["char"] != 1.0:
            char.data *= bw["char"]
        return word, char, dense * np.float32(bw["dense"])

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Raw linear scores, shape (n, len(labels))."""
        word, char, dense = self.transform(texts)
        return (word @ self.coef_word) + (char @ self.coef_char) + (dense @ self.coef_dense) + self.intercept

    # ------------------------------------------------------------------------------------------------------
    # public API
    # ------------------------------------------------------------------------------------------------------
    def score(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Calibrated probability per label for each text (arrays of float64 in [0, 1], len(texts))."""
        texts = [t if isinstance(t, str) else ("" if t is None else str(t)) for t in texts]
        if not texts:
            return {lb: np.zeros(0, dtype=np.float64) for lb in self.labels}
        z = self.decision(texts).astype(np.float64) * self.cal_a + self.cal_b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))
        return {lb: p[:, i] for i, lb in enumerate(self.labels)}

    def score_one(self, text: str) -> dict[str, float]:
        return {lb: float(v[0]) for lb, v in self.score([text]).items()}

    def evidence(self, text: str, label: str, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` word n-grams of ``text`` that push ``label`` up most, with their contribution to the score.

        Word unigram/bigram weights are read directly; the character n-gram weights inside each word are added to
        that word, so misspellings and elongations still count. Only n-grams with a positive contribution are
        returned, strongest first; the strings are the lower-cased n-grams as they appear in the (normalised) text.
        """
        if label not in self.labels:
            raise KeyError(f"unknown label {label!r}; expected one of {self.labels}")
        j = self.labels.index(label)
        word, char, _ = self.transform([text])
        a = float(self.cal_a[j])
        wcontrib = dict(zip(word.indices.tolist(), (word.data * self.coef_word[word.indices, j]).tolist(), strict=True))
        ccontrib = dict(zip(char.indices.tolist(), (char.data * self.coef_char[char.indices, j]).tolist(), strict=True))
        normed = normalise(text)
        fz = self.featuriser
        scores: dict[str, float] = {}
        word_analyzer = fz.word.build_analyzer()
        grams = word_analyzer(normed)
        counts: dict[str, int] = {}
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
        for g in counts:
            idx = _bucket(g, fz.n_word)
            scores[g] = scores.get(g, 0.0) + wcontrib.get(idx, 0.0)
        # char_wb n-grams come from each whitespace-separated word padded with spaces
        char_analyzer = fz.char.build_analyzer()
        char_counts: dict[int, int] = {}
        per_word: list[tuple[str, list[int]]] = []
        for w in normed.lower().split():
            idxs = [_bucket(cg, fz.n_char) for cg in char_analyzer(w)]
            per_word.append((w, idxs))
            for i in idxs:
                char_counts[i] = char_counts.get(i, 0) + 1
        unigrams = {g for g in counts if " " not in g}
        for w, idxs in per_word:
            share = sum(ccontrib.get(i, 0.0) / char_counts[i] for i in idxs)
            key = _match_unigram(w, unigrams)
            if key is not None:
                scores[key] = scores.get(key, 0.0) + share
        ranked = sorted(
            ((g, s * a) for g, s in scores.items() if s * a > 0 and g not in _EVIDENCE_STOPWORDS),
            key=lambda t: (-t[1], t[0]),
        )
        return [(g, round(float(s), 4)) for g, s in ranked[:k]]

    def dense_feature_names(self) -> tuple[str, ...]:
        return DENSE_NAMES


# Function words are real features but make poor "reasons"; they are left out of the evidence list only.
_EVIDENCE_STOPWORDS = frozenset(
    "a an the and or but of to in on at for with is are was were be been it its this that these those i me my we "
    "our he him his she her they them their as by from so if then than there here not no do does did has have had "
    "will would can could should just @user user url # ! ?".split()
)


def _bucket(feature: str, n_features: int) -> int:
    """Same bucket as sklearn's HashingVectorizer (murmurhash3 seed 0, abs modulo, no alternate sign)."""
    h = murmurhash3_32(feature, seed=0, positive=False)
    return abs(h) % n_features


def _match_unigram(word: str, unigrams: set[str]) -> str | None:
    """The word-analyzer token for a whitespace word (strip surrounding punctuation)."""
    if word in unigrams:
        return word
    stripped = word.strip(".,;:!?\"'()[]{}<>*-_/\\|~`")
    return stripped if stripped in unigrams else None

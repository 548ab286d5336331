"""The threat classifier at run time: TF-IDF word and character n-grams and a logistic regression, held as plain
arrays so scoring one post is a few dictionary look-ups (no scikit-learn call per post).

``ThreatModel.from_pipeline`` converts the fitted scikit-learn pipeline at training time; training checks that both
give the same scores. The analysers reproduce scikit-learn's ``word`` (``(?u)\\b\\w\\w+\\b``, lowercased) and
``char_wb`` analysers exactly.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_WHITE = re.compile(r"\s\s+")


def _word_ngrams(text: str, lo: int, hi: int) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    out = []
    for n in range(lo, hi + 1):
        for i in range(len(tokens) - n + 1):
            out.append(" ".join(tokens[i : i + n]))
    return out


def _char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    text = _WHITE.sub(" ", text.lower())
    out = []
    for w in text.split():
        w = " " + w + " "
        length = len(w)
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < length:
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:
                break
    return out


class ThreatModel:
    """Score texts with the state extracted from a fitted pipeline."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state
        self._parts = []
        for part in state["parts"]:
            # one dict from n-gram to (idf, coefficient): a single look-up per n-gram, plain floats
            idf, coef = np.asarray(part["idf"], dtype=float), np.asarray(part["coef"], dtype=float)
            table = {g: (float(idf[j]), float(coef[j])) for g, j in part["vocabulary"].items()}
            self._parts.append((part["analyzer"], tuple(part["ngram_range"]), table))
        self._intercept = float(state["intercept"])

    def _logit(self, text: str) -> float:
        z = self._intercept
        for analyzer, (lo, hi), table in self._parts:
            grams = _word_ngrams(text, lo, hi) if analyzer == "word" else _char_wb_ngrams(text, lo, hi)
            counts: dict[str, int] = {}
            for g in grams:
                if g in table:
                    counts[g] = counts.get(g, 0) + 1
            if not counts:
                continue
            square = dot = 0.0
            for g, c in counts.items():
                idf, coef = table[g]
                w = (1.0 + math.log(c)) * idf if c > 1 else idf
                square += w * w
                dot += w * coef
            if square > 0:
                z += dot / math.sqrt(square)
        return z

    def predict_proba(self, texts: list[str]) -> list[float]:
        return [1.0 / (1.0 + math.exp(-self._logit(t))) for t in texts]

    @classmethod
    def from_pipeline(cls, pipeline: Any) -> ThreatModel:
        union, lr = pipeline.named_steps["features"], pipeline.named_steps["model"]
        coef = lr.coef_[0]
        parts, start = [], 0
        for _name, vec in union.transformer_list:
            size = len(vec.vocabulary_)
            parts.append(
                {
                    "analyzer": vec.analyzer,
                    "ngram_range": list(vec.ngram_range),
                    "vocabulary": {str(k): int(v) for k, v in vec.vocabulary_.items()},
                    "idf": np.asarray(vec.idf_, dtype=float),
                    "coef": np.asarray(coef[start : start + size], dtype=float),
                }
            )
            start += size
        return cls({"format": 1, "parts": parts, "intercept": float(lr.intercept_[0])})

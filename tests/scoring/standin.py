"""A small, real stand-in for the text classifiers: word lists with fixed weights behind the TextModels protocol.

Used by the scorer's tests so they do not depend on the trained text models; it can fail like a real model (it
scores what the words say, nothing more).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

LABELS = ("offensive", "personal_attack", "council_business")

WORDS: dict[str, dict[str, float]] = {
    "offensive": {
        "idiot": 1.6,
        "moron": 1.8,
        "scum": 2.0,
        "vile": 1.2,
        "disgusting": 1.0,
        "pathetic": 1.0,
        "clown": 0.9,
        "liar": 1.2,
        "rat": 1.0,
        "filth": 1.5,
        "thick": 0.8,
        "useless": 0.7,
    },
    "personal_attack": {
        "idiot": 1.6,
        "moron": 1.8,
        "scum": 1.8,
        "liar": 1.5,
        "clown": 1.0,
        "pathetic": 0.9,
        "you": 0.4,
        "she": 0.3,
        "he": 0.3,
        "rat": 1.0,
        "useless": 0.8,
        "thick": 0.9,
    },
    "council_business": {
        "council": 1.2,
        "committee": 1.2,
        "budget": 1.0,
        "planning": 1.0,
        "cabinet": 1.0,
        "meeting": 0.6,
        "ward": 0.6,
        "motion": 0.8,
        "consultation": 0.8,
        "bins": 0.6,
        "officer": 0.5,
        "agenda": 0.8,
        "scheme": 0.4,
    },
}
BIAS = {"offensive": -1.5, "personal_attack": -1.8, "council_business": -1.2}
TOKEN = re.compile(r"[a-z']+")


class StandInTextModels:
    version = "standin-lexicon-1"

    def _logit(self, text: str, label: str) -> float:
        return BIAS[label] + sum(WORDS[label].get(t, 0.0) for t in TOKEN.findall(text.lower()))

    def score(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        return {label: np.array([1 / (1 + math.exp(-self._logit(t, label))) for t in texts]) for label in LABELS}

    def score_one(self, text: str) -> dict[str, float]:
        return {label: float(v[0]) for label, v in self.score([text]).items()}

    def evidence(self, text: str, label: str, k: int = 5) -> list[tuple[str, float]]:
        seen = {t: WORDS[label][t] for t in TOKEN.findall(text.lower()) if t in WORDS[label]}
        return sorted(seen.items(), key=lambda kv: -kv[1])[:k]

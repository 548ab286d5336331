"""Text classifiers for councillors' posts: ``offensive``, ``personal_attack`` and ``council_business``.

Pure Python and scikit-learn (no Flask). The probabilities assist a monitoring officer; they never decide a case.

    from triage.scoring.text import load_text_models
    models = load_text_models()
    models.score(["Cllr Smith is a lying idiot"])   # {"offensive": array([...]), ...}
"""

from __future__ import annotations

from pathlib import Path

from .model import LABELS, TextModels
from .store import DEFAULT_MODEL_PATH, ModelIntegrityError, load_text_models, save_text_models
from .train import train_text_models

__all__ = [
    "DEFAULT_MODEL_PATH",
    "LABELS",
    "ModelIntegrityError",
    "TextModels",
    "evaluate_text_models",
    "load_text_models",
    "save_text_models",
    "train_text_models",
]


def evaluate_text_models(models: TextModels, data_dir: Path | None, sample_cases_dir: Path | None = None) -> dict:
    """Metrics report; see :func:`triage.scoring.text.evaluate.evaluate_text_models`."""
    from .evaluate import evaluate_text_models as _evaluate

    return _evaluate(models, data_dir, sample_cases_dir)

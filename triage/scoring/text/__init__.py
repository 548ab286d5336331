"""Text classifiers for councillors' posts: ``offensive``, ``personal_attack`` and ``council_business``.

Pure Python and scikit-learn (no Flask). The probabilities assist a monitoring officer; they never decide a case.
Training and evaluation live in ``triage.scoring.training`` (``text_train``, ``text_evaluate``).

    from triage.scoring.text import load_text_models
    models = load_text_models()
    models.score(["Cllr Smith is a lying idiot"])   # {"offensive": array([...]), ...}
"""

from __future__ import annotations

from .model import LABELS, TextModels
from .store import DEFAULT_MODEL_PATH, ModelIntegrityError, load_text_models, save_text_models

__all__ = [
    "DEFAULT_MODEL_PATH",
    "LABELS",
    "ModelIntegrityError",
    "TextModels",
    "load_text_models",
    "save_text_models",
]

"""The transparent combination model: logistic regressions over rule features, text scores and the staged reading.

* ``recommendation``: multinomial logistic regression over all features (4 outcomes).
* ``code_engaged``: binary logistic regression over jurisdiction and capacity features.
* ``breach``: binary logistic regression over breach, Article 10 and text features.
* ``topic:<topic>``: binary logistic regressions for Code topics with enough labelled examples.

Every prediction can be explained exactly: the log-odds are the intercept plus coefficient x value for each feature,
and :meth:`LinearHead.contributions` lists those terms. Trained only on train-split sample cases
(``NNNN % 5 != 0``) plus any decided cases a council supplies; the test split is read only to report metrics.

Saved with skops (never pickle) next to a JSON manifest with the file's SHA-256; loading checks the hash and trusts
only the types in :data:`TRUSTED_TYPES` (decision D5).
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from triage.scoring import dataset
from triage.scoring.analysis import FEATURE_INDEX, FEATURE_NAMES, STAGED_FEATURES, analyse
from triage.scoring.rules import RULES
from triage.scoring.types import RECOMMENDATIONS, TextModelsLike

MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = "combiner.skops"
MANIFEST_FILE = "combiner.json"
FORMAT = 1
TRUSTED_TYPES: tuple[str, ...] = ("sklearn.linear_model._logistic.LogisticRegression",)
C_GRID: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0)
MIN_TOPIC_EXAMPLES = 4
#: Topic heads have few positives each; weaker regularisation (chosen by 5-fold cross-validation on the train split,
#: paragraph micro-F1 over C in 0.3-100) lets a topic's own rules carry them.
TOPIC_C = 10.0


class CombinerError(RuntimeError):
    """The combiner file is missing, altered or contains types we do not trust."""


def _stage_features(*stages: str) -> list[str]:
    return [f"rule:{r.id}" for r in RULES if r.stage in stages]


HEAD_FEATURES: dict[str, tuple[str, ...]] = {
    "recommendation": FEATURE_NAMES,
    "code_engaged": (*_stage_features("jurisdiction", "capacity"), "text:council_business", "staged:engaged"),
    "breach": (
        *_stage_features("breach", "article10"),
        "text:offensive",
        "text:personal_attack",
        "staged:engaged",
        "staged:breach_if_proven",
        "staged:protected",
        "staged:breach",
    ),
}


def topic_features(topic: str) -> tuple[str, ...]:
    """Features of a Code-topic head: the rules pointing at that topic, which Code family applies (paragraph
    conventions differ), Article 10, the text scores and the staged reading (including how serious it is)."""
    own = [f"rule:{r.id}" for r in RULES if r.topic == topic]
    return (
        *own,
        "rule:FLAG-ROUTE-PSOW",
        "rule:FLAG-ROUTE-ESC",
        *_stage_features("article10"),
        "text:offensive",
        "text:personal_attack",
        *STAGED_FEATURES,
    )


@dataclass
class LinearHead:
    """One logistic regression, held as plain arrays so scoring is a dot product."""

    name: str
    classes: tuple[str, ...]
    features: tuple[str, ...]
    coef: np.ndarray  # (1, d) for binary heads, (k, d) for multinomial
    intercept: np.ndarray
    index: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = np.array([FEATURE_INDEX[f] for f in self.features], dtype=int)

    @property
    def binary(self) -> bool:
        return self.coef.shape[0] == 1

    def logits(self, x: np.ndarray) -> np.ndarray:
        return self.coef @ x[self.index] + self.intercept

    def proba(self, x: np.ndarray) -> dict[str, float]:
        z = self.logits(x)
        if self.binary:
            p = float(1.0 / (1.0 + np.exp(-z[0])))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        e = np.exp(z - z.max())
        p = e / e.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def contributions(self, x: np.ndarray, cls: str | None = None) -> list[tuple[str, float]]:
        """Non-zero coefficient x value terms towards ``cls`` (binary heads: towards the positive class)."""
        row = 0 if self.binary else self.classes.index(cls)
        terms = self.coef[row] * x[self.index]
        return [(self.features[i], float(terms[i])) for i in np.flatnonzero(np.abs(terms) > 1e-9)]


@dataclass
class Combiner:
    heads: dict[str, LinearHead]
    version: str
    text_version: str
    manifest: dict[str, Any] = field(default_factory=dict)

    def topic_head(self, topic: str) -> LinearHead | None:
        return self.heads.get(f"topic:{topic}")

    def recommendation_proba(self, x: np.ndarray) -> dict[str, float]:
        p = self.heads["recommendation"].proba(x)
        return {o: p.get(o, 0.0) for o in RECOMMENDATIONS}


# ---- training -----------------------------------------------------------------------------------------------


def _fit(X: np.ndarray, y: np.ndarray, C: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, tol=1e-6).fit(X, y)


def _head(name: str, features: tuple[str, ...], X: np.ndarray, y: np.ndarray, C: float) -> tuple[LinearHead, Any]:
    idx = [FEATURE_INDEX[f] for f in features]
    model = _fit(X[:, idx], y, C)
    classes = tuple(str(c) for c in model.classes_)
    head = LinearHead(name, classes, tuple(features), model.coef_.copy(), model.intercept_.copy())
    return head, model


def _choose_c(X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, float]]:
    """Pick C by 5-fold cross-validation on the training data only (deterministic folds)."""
    from sklearn.model_selection import StratifiedKFold

    counts = np.unique(y, return_counts=True)[1]
    folds = int(min(5, counts.min())) if len(counts) > 1 else 0
    if folds < 2:
        return 1.0, {}
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    scores = {}
    for C in C_GRID:
        hits = 0
        for tr, te in cv.split(X, y):
            hits += int((_fit(X[tr], y[tr], C).predict(X[te]) == y[te]).sum())
        scores[str(C)] = hits / len(y)
    best = max(C_GRID, key=lambda c: (round(scores[str(c)], 6), -abs(np.log(c))))
    return best, scores


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in ("scikit-learn", "skops", "numpy"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:  # pragma: no cover
            out[dist] = "unknown"
    return out


def train_combiner(
    sample_cases_dir: str | Path | None,
    text_models: TextModelsLike | None,
    decided_cases: Iterable[dict[str, Any]] | None = None,
    *,
    C: float | None = None,
    progress: Any = None,
) -> Combiner:
    """Train on the train split of ``sample_cases_dir`` plus ``decided_cases``; report metrics on the test split.

    ``progress`` is an optional callable wrapping an iterable (e.g. ``tqdm``).
    """
    train = dataset.training_cases(Path(sample_cases_dir)) if sample_cases_dir else []
    decided = dataset.decided_cases(decided_cases or [])
    examples = train + decided
    if not examples:
        raise ValueError("no training cases: give a sample_cases folder or decided cases")
    wrap = progress or (lambda it, **_: it)
    X = np.array([analyse(c.case, text_models=text_models).vector for c in wrap(examples, desc="features")])
    y_rec = np.array([c.labels.get("outcome") for c in examples])
    y_eng = np.array([dataset.engaged_label(c.labels) for c in examples]).astype(int)
    y_breach = np.array([dataset.breach_label(c.labels) for c in examples]).astype(int)
    topic_sets = [dataset.topics_label(c.case, c.labels) for c in examples]

    chosen_c, cv_scores = (C, {}) if C is not None else _choose_c(X, y_rec)
    heads: dict[str, LinearHead] = {}
    models: dict[str, Any] = {}
    heads["recommendation"], models["recommendation"] = _head(
        "recommendation", HEAD_FEATURES["recommendation"], X, y_rec, chosen_c
    )
    for name, y in (("code_engaged", y_eng), ("breach", y_breach)):
        if len(set(y)) == 2:
            heads[name], models[name] = _head(name, HEAD_FEATURES[name], X, y, chosen_c)
    topics_trained = []
    for topic in sorted({t for ts in topic_sets for t in ts}):
        y = np.array([topic in ts for ts in topic_sets]).astype(int)
        if min(y.sum(), len(y) - y.sum()) >= MIN_TOPIC_EXAMPLES:
            heads[f"topic:{topic}"], models[f"topic:{topic}"] = _head(
                f"topic:{topic}", topic_features(topic), X, y, TOPIC_C
            )
            topics_trained.append(topic)

    fp = dataset.fingerprint(examples)
    text_version = str(getattr(text_models, "version", "none")) if text_models is not None else "none"
    combiner = Combiner(heads, f"combiner-{FORMAT}-{fp[:12]}", text_version)
    combiner.manifest = {
        "name": "combiner",
        "format": FORMAT,
        "version": combiner.version,
        "text_models_version": text_version,
        "libraries": _versions(),
        "training_set": {
            "rule": "sample_cases train split (NNNN % 5 != 0) plus decided cases supplied by the council",
            "sample_cases": len(train),
            "decided_cases": len(decided),
            "fingerprint_sha256": fp,
            "outcome_counts": {o: int((y_rec == o).sum()) for o in RECOMMENDATIONS},
        },
        "hyperparameters": {
            "C": chosen_c,
            "cv_agreement_by_C": cv_scores,
            "topic_C": TOPIC_C,
            "min_topic_examples": MIN_TOPIC_EXAMPLES,
        },
        "heads": {name: {"classes": list(h.classes), "features": len(h.features)} for name, h in heads.items()},
        "topics_with_models": topics_trained,
        "feature_names": list(FEATURE_NAMES),
        "trusted_types": list(TRUSTED_TYPES),
    }
    combiner._sklearn_models = models  # type: ignore[attr-defined]  # kept for saving only
    if sample_cases_dir:
        from triage.scoring.evaluate import evaluate

        combiner.manifest["metrics"] = evaluate(Path(sample_cases_dir), combiner=combiner, text_models=text_models)
    return combiner


# ---- saving and loading -------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_combiner(combiner: Combiner, out_dir: str | Path = MODEL_DIR) -> Path:
    """Write ``combiner.skops`` and ``combiner.json`` (manifest with SHA-256 and created_at) to ``out_dir``."""
    import skops.io as sio

    models = getattr(combiner, "_sklearn_models", None)
    if models is None:
        raise CombinerError("only a freshly trained combiner can be saved")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MODEL_FILE
    payload = {
        "format": FORMAT,
        "heads": {
            name: {"model": models[name], "features": list(h.features), "classes": list(h.classes)}
            for name, h in combiner.heads.items()
        },
    }
    sio.dump(payload, path)
    untrusted = set(sio.get_untrusted_types(file=path))
    if untrusted - set(TRUSTED_TYPES):
        path.unlink()
        raise CombinerError(f"combiner would need untrusted types: {sorted(untrusted - set(TRUSTED_TYPES))}")
    manifest = dict(combiner.manifest)
    manifest.update(
        {"file": MODEL_FILE, "sha256": _sha256(path), "created_at": datetime.now(UTC).isoformat(timespec="seconds")}
    )
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    combiner.manifest = manifest
    return path


def load_combiner(model_dir: str | Path = MODEL_DIR) -> Combiner:
    """Load and verify a saved combiner (SHA-256 from the manifest; only :data:`TRUSTED_TYPES`)."""
    import skops.io as sio

    model_dir = Path(model_dir)
    manifest_path, path = model_dir / MANIFEST_FILE, model_dir / MODEL_FILE
    if not manifest_path.exists() or not path.exists():
        raise CombinerError(f"{model_dir}: no {MODEL_FILE} with {MANIFEST_FILE}; run `triage model train`")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    actual = _sha256(path)
    if actual != manifest.get("sha256"):
        raise CombinerError(f"{path}: SHA-256 {actual[:12]}... does not match {MANIFEST_FILE}; refusing to load")
    untrusted = sio.get_untrusted_types(file=path)
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise CombinerError(f"{path}: contains types that are not on the trusted list: {unexpected}")
    payload = sio.load(path, trusted=list(untrusted))
    if payload.get("format") != FORMAT:
        raise CombinerError(f"{path}: format {payload.get('format')!r}, this version reads {FORMAT}")
    heads = {}
    for name, spec in payload["heads"].items():
        unknown = [f for f in spec["features"] if f not in FEATURE_INDEX]
        if unknown:
            raise CombinerError(f"{path}: head {name} uses features this version does not compute: {unknown[:3]}")
        model = spec["model"]
        heads[name] = LinearHead(
            name, tuple(spec["classes"]), tuple(spec["features"]), np.asarray(model.coef_), np.asarray(model.intercept_)
        )
    return Combiner(heads, manifest["version"], manifest.get("text_models_version", "none"), manifest)


@cache
def default_combiner() -> Combiner | None:
    """The shipped combiner, loaded once; ``None`` when none has been trained yet."""
    if not (MODEL_DIR / MODEL_FILE).exists():
        return None
    return load_combiner(MODEL_DIR)

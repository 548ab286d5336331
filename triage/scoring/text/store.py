"""Saving and loading the text models: skops file + JSON manifest with SHA-256 (docs/decisions.md D5)."""

from __future__ import annotations

import datetime as _dt
import json
import platform
import threading
import zipfile
from pathlib import Path

import numpy as np

from .datasets import file_sha256
from .model import TextModels

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
DEFAULT_MODEL_PATH = MODELS_DIR / "text_models.skops"
MANIFEST_NAME = "text_models.json"

#: The only non-default types a text_models.skops file may contain. The state is plain dicts, lists, strings,
#: numbers and numpy arrays, which skops trusts by default; anything else in the file is refused.
TRUSTED_TYPES: list[str] = []


class ModelIntegrityError(RuntimeError):
    """The model file does not match its manifest (hash), or contains types we do not trust."""


_cache: dict[tuple[str, float], TextModels] = {}
_lock = threading.Lock()


def manifest_path_for(path: Path) -> Path:
    return Path(path).with_suffix(".json") if Path(path).suffix == ".skops" else Path(path).parent / MANIFEST_NAME


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, float) and obj != obj:  # NaN
        return None
    return obj


def save_text_models(models: TextModels, metrics: dict | None = None, out_dir: Path | None = None) -> Path:
    """Write ``text_models.skops`` and ``text_models.json`` into ``out_dir``; return the skops path.

    ``metrics`` defaults to the dict kept on ``models.metrics`` by training; ``out_dir`` defaults to the shipped
    models folder. ``save_text_models(models, out_dir)`` (a path in second place) is accepted too.
    """
    import sklearn
    import skops
    from skops.io import dump

    if isinstance(metrics, (str, Path)) and out_dir is None:
        metrics, out_dir = None, Path(metrics)
    if metrics is None:
        metrics = getattr(models, "metrics", None) or {}
    out_dir = Path(out_dir) if out_dir is not None else MODELS_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "text_models.skops"
    tmp = path.with_suffix(".skops.tmp")
    dump(models.state, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    tmp.replace(path)
    manifest = {
        "name": "text_models",
        "version": models.version,
        "file": path.name,
        "sha256": file_sha256(path),
        "size_bytes": path.stat().st_size,
        "created_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "labels": list(models.labels),
        "libraries": {
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
        },
        "training_data": metrics.get("training_files", []),
        "row_counts": metrics.get("row_counts", {}),
        "hyperparameters": metrics.get("hyperparameters", {}),
        "metrics": {k: v for k, v in metrics.items() if k not in ("training_files", "hyperparameters")},
    }
    manifest_path = out_dir / MANIFEST_NAME
    manifest_path.write_text(json.dumps(_jsonable(manifest), indent=2, sort_keys=False) + "\n", encoding="utf-8")
    with _lock:
        for key in [k for k in _cache if k[0] == str(path.resolve())]:
            del _cache[key]
    return path


def load_text_models(path: Path | None = None) -> TextModels:
    """Load (and cache per path) the text models after checking the file's SHA-256 against its manifest."""
    path = Path(path) if path is not None else DEFAULT_MODEL_PATH
    resolved = path.resolve()
    key = (str(resolved), resolved.stat().st_mtime)
    with _lock:
        if key in _cache:
            return _cache[key]
    manifest_file = manifest_path_for(resolved)
    if not manifest_file.exists():
        raise ModelIntegrityError(f"no manifest {manifest_file.name} beside {resolved.name}")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    actual = file_sha256(resolved)
    if actual != manifest.get("sha256"):
        raise ModelIntegrityError(
            f"{resolved.name}: SHA-256 {actual} does not match the manifest "
            f"({manifest.get('sha256')}); refusing to load"
        )
    from skops.io import get_untrusted_types, load

    untrusted = get_untrusted_types(file=resolved)
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise ModelIntegrityError(f"{resolved.name} contains types that are not on the trusted list: {unexpected}")
    state = load(resolved, trusted=list(TRUSTED_TYPES))
    models = TextModels(state)
    with _lock:
        _cache[key] = models
    return models

"""``triage model``: train, evaluate and check the scorer's models (text classifiers and combiner)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from triage.scoring.dataset import REPO_SAMPLE_CASES

SHARED_DATA = REPO_SAMPLE_CASES.parent.parent / "shared" / "data"


def _default_sample_cases() -> str | None:
    return str(REPO_SAMPLE_CASES) if REPO_SAMPLE_CASES.is_dir() else None


def _progress(iterable, **kwargs):
    from tqdm import tqdm

    return tqdm(iterable, file=sys.stderr, leave=False, **kwargs)


def _text_api():
    try:
        from triage.scoring import text
    except ImportError as exc:  # pragma: no cover - the text package ships with the scorer
        raise click.ClickException(f"the text classifiers package is missing: {exc}") from exc
    return text


def _text_path(folder: str | Path | None) -> Path | None:
    return Path(folder) / "text_models.skops" if folder else None


def _text_sha256(folder: str | Path | None) -> str | None:
    """SHA-256 of the text models file as recorded in its manifest (the version string is per day, not per file)."""
    text = _text_api()
    path = _text_path(folder) or text.DEFAULT_MODEL_PATH
    manifest = path.with_suffix(".json")
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("sha256")
    except (OSError, ValueError):
        return None


def _train_text(data: Path, sample_cases: str | None, out: str | None):
    text = _text_api()
    click.echo(f"Training text classifiers from {data} ...", err=True)
    models, metrics = text.train_text_models(data, Path(sample_cases) if sample_cases else None, progress=_progress)
    path = text.save_text_models(models, metrics, out_dir=Path(out) if out else None)
    click.echo(f"Saved text classifiers {models.version} to {path}", err=True)
    return models


def _load_text(out: str | None = None):
    text = _text_api()
    try:
        return text.load_text_models(_text_path(out))
    except Exception as exc:  # report whatever the loader says, with the way out
        raise click.ClickException(
            f"no usable text classifiers ({exc.__class__.__name__}: {exc}); train them with --data DIR"
        ) from exc


def _decisions_from_app() -> tuple[list[dict[str, Any]], str]:
    """Decided cases from the app's database, when the app provides them; otherwise an explanation."""
    try:
        from flask import current_app, has_app_context
        from flask.cli import ScriptInfo
    except ImportError:  # pragma: no cover
        return [], "Flask is not installed"
    try:
        from triage.data.decisions import decided_case_files
    except ImportError:
        return [], "this version of the app has no decided-case export (triage.data.decisions.decided_case_files)"
    if has_app_context():
        return list(decided_case_files()), f"from {current_app.name}"
    info = click.get_current_context().find_object(ScriptInfo)
    if info is None:
        return [], "no app is configured (run as `triage model train --from-decisions`)"
    app = info.load_app()
    with app.app_context():
        return list(decided_case_files()), f"from {app.name}"


@click.group("model")
def model() -> None:
    """Train, evaluate and check the scoring models."""


@model.command("train")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    help="Shared text data (OLID etc.) to "
    "retrain the text classifiers; without it the installed text classifiers are used.",
)
@click.option(
    "--sample-cases",
    type=click.Path(file_okay=False),
    default=_default_sample_cases,
    show_default=True,
    help="Sample cases; only the train split (NNNN % 5 != 0) is trained on.",
)
@click.option("--from-decisions", is_flag=True, help="Add the council's own decided cases from the app's database.")
@click.option(
    "--decisions",
    "decisions_file",
    type=click.Path(exists=True, dir_okay=False),
    help="JSONL of case files with `expected` (or `decision`) labels to add to training.",
)
@click.option("--out", type=click.Path(file_okay=False), help="Write models here instead of the package folder.")
@click.option(
    "--c",
    "c_value",
    type=float,
    default=None,
    help="Inverse regularisation strength for the recommendation model (default: chosen by 5-fold "
    "cross-validation on the train split).",
)
def train(data_dir, sample_cases, from_decisions, decisions_file, out, c_value) -> None:
    """Train the text classifiers (with --data), then the combination model, and print the metrics."""
    from triage.scoring.combine import MODEL_DIR, save_combiner, train_combiner
    from triage.scoring.dataset import read_jsonl
    from triage.scoring.evaluate import format_report

    text_models = _train_text(Path(data_dir), sample_cases, out) if data_dir else _load_text(out)
    decided: list[dict[str, Any]] = []
    if decisions_file:
        try:
            decided += read_jsonl(Path(decisions_file))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    if from_decisions:
        found, note = _decisions_from_app()
        click.echo(f"Decided cases: {len(found)} ({note}).", err=True)
        decided += found
    if not sample_cases and not decided:
        raise click.ClickException("nothing to train on: give --sample-cases DIR or decided cases")
    try:
        combiner = train_combiner(sample_cases, text_models, decided, C=c_value, progress=_progress)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    combiner.manifest["text_models_sha256"] = _text_sha256(out)
    path = save_combiner(combiner, Path(out) if out else MODEL_DIR)
    click.echo(f"Saved combiner {combiner.version} to {path} (sha256 {combiner.manifest['sha256'][:12]})")
    ts = combiner.manifest["training_set"]
    click.echo(f"Trained on {ts['sample_cases']} sample cases (train split) and {ts['decided_cases']} decided cases.")
    if combiner.manifest.get("metrics"):
        click.echo(format_report(combiner.manifest["metrics"]))


@model.command("evaluate")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    help="Shared text data: also report the text classifiers' metrics on it.",
)
@click.option("--sample-cases", type=click.Path(file_okay=False), default=_default_sample_cases, show_default=True)
@click.option("--model-dir", type=click.Path(file_okay=False), help="Evaluate models from this folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def evaluate(data_dir, sample_cases, model_dir, as_json) -> None:
    """Recommendation agreement on the sample-case test split, with a confusion matrix and paragraph metrics."""
    from triage.scoring.combine import CombinerError, load_combiner
    from triage.scoring.evaluate import evaluate as run_evaluation
    from triage.scoring.evaluate import format_report

    text_models = _load_text(model_dir)
    try:
        combiner = load_combiner(model_dir) if model_dir else load_combiner()
    except CombinerError as exc:
        raise click.ClickException(str(exc)) from exc
    out: dict[str, Any] = {}
    if sample_cases:
        out["sample_cases"] = run_evaluation(Path(sample_cases), combiner=combiner, text_models=text_models)
    if data_dir:
        out["text"] = _text_api().evaluate_text_models(
            text_models, Path(data_dir), Path(sample_cases) if sample_cases else None
        )
    if not out:
        raise click.ClickException("nothing to evaluate: give --sample-cases DIR and/or --data DIR")
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(
        f"Combiner {combiner.version} (sha256 {combiner.manifest.get('sha256', '')[:12]}), "
        f"text classifiers {text_models.version}"
    )
    if "sample_cases" in out:
        click.echo(format_report(out["sample_cases"]))
    if "text" in out:
        click.echo("\nText classifiers:")
        click.echo(json.dumps(out["text"], indent=2))


@model.command("ensure")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    default=None,
    help=f"Shared text data for training text classifiers if none are installed (default {SHARED_DATA}).",
)
@click.option("--sample-cases", type=click.Path(file_okay=False), default=_default_sample_cases)
def ensure(data_dir, sample_cases) -> None:
    """Check the installed models load and verify; train whatever is missing or stale."""
    from triage.scoring.combine import CombinerError, load_combiner, save_combiner, train_combiner

    text = _text_api()
    try:
        text_models = text.load_text_models()
        click.echo(f"Text classifiers {text_models.version}: OK")
    except Exception as exc:  # missing or failing verification: train if we can
        data = Path(data_dir) if data_dir else SHARED_DATA
        if not data.is_dir():
            raise click.ClickException(f"text classifiers unusable ({exc}) and no training data at {data}") from exc
        click.echo(f"Text classifiers unusable ({exc}); training.", err=True)
        text_models = _train_text(data, sample_cases, None)
    try:
        combiner = load_combiner()
        if combiner.text_version != str(text_models.version):
            raise CombinerError(f"trained with text classifiers {combiner.text_version}, not {text_models.version}")
        recorded, current = combiner.manifest.get("text_models_sha256"), _text_sha256(None)
        if recorded and current and recorded != current:
            raise CombinerError("trained with a different text_models.skops file (SHA-256 differs)")
        click.echo(f"Combiner {combiner.version}: OK (sha256 {combiner.manifest['sha256'][:12]})")
    except CombinerError as exc:
        if not sample_cases:
            raise click.ClickException(f"combiner unusable ({exc}) and no sample cases to train on") from exc
        click.echo(f"Combiner unusable ({exc}); training.", err=True)
        combiner = train_combiner(sample_cases, text_models, progress=_progress)
        combiner.manifest["text_models_sha256"] = _text_sha256(None)
        save_combiner(combiner)
        agreement = combiner.manifest.get("metrics", {}).get("recommendation_agreement")
        click.echo(f"Combiner {combiner.version}: trained (test-split agreement {agreement})")

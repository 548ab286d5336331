"""``triage model``: train, evaluate and check the scorer's models.

The models are the text classifiers (trained on public labelled posts), the threat classifier (trained on examples
the project wrote) and the calibration (base rates fitted on published decisions). ``evaluate`` reports agreement
with published decisions leave-one-out, beside the always-refer and always-no-action baselines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from triage.scoring.training.dataset import REPO_SAMPLE_CASES

SHARED_DATA = REPO_SAMPLE_CASES.parent.parent / "shared" / "data"
REAL_DECISIONS = SHARED_DATA / "real-decisions" / "cases"


def _default_sample_cases() -> str | None:
    return str(REPO_SAMPLE_CASES) if REPO_SAMPLE_CASES.is_dir() else None


def _default_real_decisions() -> str | None:
    return str(REAL_DECISIONS) if REAL_DECISIONS.is_dir() else None


def _progress(iterable, **kwargs):
    from tqdm import tqdm

    kwargs.setdefault("leave", False)
    return tqdm(iterable, file=sys.stderr, **kwargs)


def _text_api():
    try:
        from triage.scoring import text
    except ImportError as exc:  # pragma: no cover - the text package ships with the scorer
        raise click.ClickException(f"the text classifiers package is missing: {exc}") from exc
    return text


def _text_path(folder: str | Path | None) -> Path | None:
    return Path(folder) / "text_models.skops" if folder else None


def _train_text(data: Path, sample_cases: str | None, out: str | None):
    text = _text_api()
    click.echo(f"Training text classifiers from {data} ...", err=True)
    from triage.scoring.training.text_train import train_text_models

    models, metrics = train_text_models(data, Path(sample_cases) if sample_cases else None, progress=_progress)
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


def _train_threat(out: str | None) -> dict[str, Any]:
    from triage.scoring.risk.detector import MANIFEST_FILE, MODELS_DIR
    from triage.scoring.training.threat_train import train as train_threat

    folder = Path(out) if out else MODELS_DIR
    path = train_threat(folder)
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    cv = manifest["metrics"]["cv_grouped_by_template"]
    held = manifest["metrics"]["held_out_idioms"]
    click.echo(
        f"Saved threat classifier to {path} (sha256 {manifest['sha256'][:12]}): grouped CV precision "
        f"{cv['precision']:.2f} recall {cv['recall']:.2f}; held-out idioms precision {held['precision']:.2f} "
        f"recall {held['recall']:.2f}",
        err=True,
    )
    return manifest


def _train_priors(real_decisions: str, out: str | None) -> None:
    from triage.scoring.evidence import PRIORS_FILE
    from triage.scoring.training.real_decisions import train as train_priors

    target = Path(out) / PRIORS_FILE.name if out else PRIORS_FILE
    payload = train_priors(Path(real_decisions), target)
    click.echo(f"Saved calibration to {target} from {payload['training_set']['cases']} published decisions.", err=True)


@click.group("model")
def model() -> None:
    """Train, evaluate and check the scoring models."""


@model.command("train")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    help="Shared text data (OLID etc.) to retrain the text classifiers; without it the installed ones are kept.",
)
@click.option(
    "--sample-cases",
    type=click.Path(file_okay=False),
    default=_default_sample_cases,
    show_default=True,
    help="Sample cases whose posts add council-domain examples to the text classifiers.",
)
@click.option(
    "--real-decisions",
    type=click.Path(file_okay=False),
    default=_default_real_decisions,
    show_default=True,
    help="Published decisions (case files with `expected`) to fit the base rates on.",
)
@click.option("--out", type=click.Path(file_okay=False), help="Write models here instead of the package folder.")
def train(data_dir, sample_cases, real_decisions, out) -> None:
    """Train the text classifiers (with --data), the threat classifier, and the calibration."""
    if data_dir:
        _train_text(Path(data_dir), sample_cases, out)
    _train_threat(out)
    if real_decisions:
        _train_priors(real_decisions, out)
    else:
        click.echo("No published decisions given: the shipped calibration is kept.", err=True)


def _format_real(report: dict[str, Any]) -> str:
    m = report["leave_one_out"]
    b = m["baselines"]
    lines = [
        f"Published decisions ({m['cases']}), leave-one-out:",
        f"  refer vs not      {m['refer_agreement']:.1%}   (always refer {b['always_refer']['refer_agreement']:.1%}, "
        f"always no action {b['always_no_further_action']['refer_agreement']:.1%})",
        f"  exact outcome     {m['exact_outcome_agreement']:.1%}   (always refer {b['always_refer']['exact']:.1%}, "
        f"always no action {b['always_no_further_action']['exact']:.1%})",
        f"  code engaged      {m['code_engaged_agreement']:.1%} of {m['code_engaged_cases']} that state it "
        f"(always engaged {b['always_code_engaged']:.1%})",
        f"  breach AUC        {m['breach_auc_found_vs_no_breach']} breach found vs no breach; "
        f"{m['breach_auc_found_vs_rest']} vs all others",
        f"  refer AUC         {m['refer_auc']}",
        f"  needs information {m['status'].get('needs_information', 0)} of {m['cases']}",
    ]
    return "\n".join(lines)


@model.command("evaluate")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    help="Shared text data: also report the text classifiers' metrics on it.",
)
@click.option("--sample-cases", type=click.Path(file_okay=False), default=_default_sample_cases, show_default=True)
@click.option("--real-decisions", type=click.Path(file_okay=False), default=_default_real_decisions, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def evaluate(data_dir, sample_cases, real_decisions, as_json) -> None:
    """Agreement with published decisions (leave-one-out, with baselines), masked-answer agreement on the sample
    cases, and the threat classifier's held-out figures."""
    from triage.scoring.risk.detector import MANIFEST_FILE, MODELS_DIR

    out: dict[str, Any] = {}
    if real_decisions:
        from triage.scoring.training.real_decisions import evaluate as evaluate_real

        out["real_decisions"] = evaluate_real(Path(real_decisions))
    if sample_cases:
        from triage.scoring.training.masked import evaluate as evaluate_masked

        out["sample_cases_masked"] = evaluate_masked(Path(sample_cases))
    threat_manifest = MODELS_DIR / MANIFEST_FILE
    if threat_manifest.exists():
        out["threat"] = json.loads(threat_manifest.read_text(encoding="utf-8"))["metrics"]
    if data_dir:
        from triage.scoring.training.text_evaluate import evaluate_text_models

        out["text"] = evaluate_text_models(_load_text(), Path(data_dir), Path(sample_cases) if sample_cases else None)
    if not out:
        raise click.ClickException("nothing to evaluate: give --real-decisions DIR, --sample-cases DIR or --data DIR")
    from triage.scoring.training.threat_probes import flag_rates

    out["urgent_flag_probes"] = flag_rates()
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    if "real_decisions" in out:
        click.echo(_format_real(out["real_decisions"]))
    if "sample_cases_masked" in out:
        m = out["sample_cases_masked"]
        click.echo(
            f"Sample cases with judgement answers masked ({m['cases']}): refer vs not {m['refer_agreement']:.1%}, "
            f"exact {m['exact_outcome_agreement']:.1%}; police cases flagged urgent "
            f"{m['police_cases_with_urgent_flag']} of {m['police_cases']}"
        )
    if "threat" in out:
        cv, held = out["threat"]["cv_grouped_by_template"], out["threat"]["held_out_idioms"]
        click.echo(
            f"Threat classifier: grouped CV precision {cv['precision']:.2f} recall {cv['recall']:.2f} "
            f"AUC {cv['auc']:.2f}; "
            f"held-out idioms precision {held['precision']:.2f} recall {held['recall']:.2f}"
        )
    for name, probe in out["urgent_flag_probes"].items():
        click.echo(
            f"Urgent flags on new wording, {name} probe ({probe['status']}): "
            f"{probe['threat_or_incitement_flag']} of {probe['threats']} threats flagged; "
            f"{probe['negatives_flagged']} of {probe['negatives']} rough or idiomatic posts flagged"
        )
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
    """Check the installed models load and verify; train whatever is missing."""
    from triage.scoring.evidence import PRIORS_FILE
    from triage.scoring.risk.detector import ThreatModelError, _load

    text = _text_api()
    try:
        text_models = text.load_text_models()
        click.echo(f"Text classifiers {text_models.version}: OK")
    except Exception as exc:  # missing or failing verification: train if we can
        data = Path(data_dir) if data_dir else SHARED_DATA
        if not data.is_dir():
            raise click.ClickException(f"text classifiers unusable ({exc}) and no training data at {data}") from exc
        click.echo(f"Text classifiers unusable ({exc}); training.", err=True)
        _train_text(data, sample_cases, None)
    try:
        if _load() is None:
            raise ThreatModelError("not trained")
        click.echo("Threat classifier: OK")
    except ThreatModelError as exc:
        click.echo(f"Threat classifier unusable ({exc}); training.", err=True)
        _train_threat(None)
    if PRIORS_FILE.exists():
        click.echo("Calibration from published decisions: OK")
    elif _default_real_decisions():
        _train_priors(_default_real_decisions(), None)
    else:
        click.echo("No calibration file and no published decisions to fit one: default base rates are used.")

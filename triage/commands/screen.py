"""``triage screen INPUT [-o OUTPUT]``: bulk-score posts with the text classifiers.

INPUT is JSONL (one ``{"id": ..., "text": ...}`` object per line; ``.jsonl``/``.json``) or CSV with a header row
(``.csv``; choose columns with ``--text-col``/``--id-col``). Output is JSONL with ``id``, ``offensive``,
``personal_attack`` and ``council_business`` (probabilities, 4 dp) in input order. Exit code 2 on invalid input.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("screen")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write JSONL here (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default=None,
    help="Input format (default: from the extension: .jsonl/.json or .csv).",
)
@click.option("--text-col", default="text", show_default=True, help="CSV column holding the post text.")
@click.option("--id-col", default="id", show_default=True, help="CSV column holding the post id.")
@click.option(
    "--batch-size",
    default=2000,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Posts scored per batch (memory is bounded by this).",
)
@click.option(
    "--jobs",
    default=0,
    show_default="one per core, at most 4",
    type=click.IntRange(0, 64),
    help="Worker processes scoring batches in parallel (0: one per core; 1: this process only).",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A text_models.skops other than the shipped one (its manifest must sit beside it).",
)
def screen(
    input_path: Path,
    output_path: Path | None,
    fmt: str | None,
    text_col: str,
    id_col: str,
    batch_size: int,
    jobs: int,
    model_path: Path | None,
) -> None:
    """Score every post in INPUT for offensive, personal_attack and council_business.

    The scores help a monitoring officer decide where to look first; they do not decide anything.
    """
    from triage.scoring.text import ModelIntegrityError, load_text_models
    from triage.scoring.text.screen import ScreenInputError, default_jobs, detect_format, screen_file

    try:
        fmt = detect_format(input_path, fmt)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        models = load_text_models(model_path)
    except (ModelIntegrityError, OSError) as exc:
        raise click.ClickException(f"cannot load the text classifiers: {exc}") from exc
    try:
        n = screen_file(
            models,
            input_path,
            output_path,
            fmt=fmt,
            text_col=text_col,
            id_col=id_col,
            batch_size=batch_size,
            jobs=jobs or default_jobs(),
        )
    except ScreenInputError as exc:
        click.echo(f"Error: {input_path.name}: {exc}", err=True)
        raise SystemExit(2) from exc
    if output_path is not None:
        click.echo(f"Screened {n} posts into {output_path} (text classifiers {models.version})", err=True)

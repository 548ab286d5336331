"""``triage seed-synthetic --cases N``: realistic invented cases in bulk, for load tests and demos."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext


@click.command("seed-synthetic")
@click.option("--cases", "count", type=click.IntRange(1, 2_000_000), required=True, help="How many cases to add.")
@click.option("--seed", "seed_value", type=int, default=2026, show_default=True, help="Random seed.")
@click.option("--years", type=click.IntRange(1, 20), default=7, show_default=True, help="Spread over this many years.")
@click.option("--batch", "batch_size", type=click.IntRange(50, 20_000), default=2000, show_default=True)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def seed_synthetic(count: int, seed_value: int, years: int, batch_size: int, quiet: bool) -> None:
    """Add COUNT invented complaints to three synthetic councils (England, Wales, Scotland), with assessments,
    decisions and the search index. Every assessment says it is synthetic. Never run this on live data."""
    from tqdm import tqdm

    from triage.data import synthetic

    with tqdm(total=count, unit="case", file=sys.stderr, disable=quiet, desc="Seeding") as bar:
        summary = synthetic.seed(count, seed_value=seed_value, years=years, batch_size=batch_size, progress=bar.update)
    synthetic.optimise()
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary["statuses"].items()))
    click.echo(f"Added {summary['cases']} synthetic cases ({statuses}); {summary['total']} cases in total.")

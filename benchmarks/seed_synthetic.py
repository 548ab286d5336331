"""Add invented complaints in bulk to a Standards Triage database, for benchmarks and load tests.

    TRIAGE_INSTANCE=/tmp/bench/instance python -m benchmarks.seed_synthetic --cases 100000

Three synthetic councils (England, Wales, Scotland) with their registers, and cases with assessments, decisions and
the search index, spread over several years. Every assessment says it is synthetic. It refuses a database that
already holds real cases unless told otherwise: never run it on live data. Not part of the ``triage`` command, so the
product cannot do this by mistake.
"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext


def seed(count: int, *, seed_value: int = 2026, years: int = 7, batch_size: int = 2000, quiet: bool = True) -> str:
    """Seed ``count`` cases in the current app context; returns the one-line summary."""
    from tqdm import tqdm

    from benchmarks.synthetic import store

    with tqdm(total=count, unit="case", file=sys.stderr, disable=quiet, desc="Seeding") as bar:
        summary = store.seed(count, seed_value=seed_value, years=years, batch_size=batch_size, progress=bar.update)
    store.optimise()
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary["statuses"].items()))
    return f"Added {summary['cases']} synthetic cases ({statuses}); {summary['total']} cases in total."


def _options(function):
    for option in reversed(
        (
            click.option("--cases", "count", type=click.IntRange(1, 2_000_000), required=True, help="How many cases."),
            click.option("--seed", "seed_value", type=int, default=2026, show_default=True, help="Random seed."),
            click.option("--years", type=click.IntRange(1, 20), default=7, show_default=True, help="Spread over."),
            click.option("--batch", "batch_size", type=click.IntRange(50, 20_000), default=2000, show_default=True),
            click.option("--quiet", is_flag=True, help="No progress bar."),
            click.option("--alongside-real-cases", is_flag=True, help="Allow a database that holds real cases."),
        )
    ):
        function = option(function)
    return function


def _run(count: int, seed_value: int, years: int, batch_size: int, quiet: bool, alongside_real_cases: bool) -> None:
    from benchmarks.synthetic import store

    real = store.real_case_count()
    if real and not alongside_real_cases:
        raise click.ClickException(
            f"This database holds {real} real case(s). Synthetic cases are for test databases only "
            "(--alongside-real-cases to insist)."
        )
    click.echo(seed(count, seed_value=seed_value, years=years, batch_size=batch_size, quiet=quiet))


@click.command("seed-synthetic")
@_options
@with_appcontext
def flask_command(**options) -> None:
    """Add COUNT invented complaints to three synthetic councils (for benchmarks; never on live data)."""
    _run(**options)


@click.command()
@_options
def main(**options) -> None:
    """Add COUNT invented complaints (the database named by DATABASE_URL / TRIAGE_INSTANCE, as the app uses)."""
    from triage import create_app

    with create_app().app_context():
        _run(**options)


if __name__ == "__main__":
    main()

"""``triage search``: the case-history full-text index and facts (``reindex``, ``status``)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext


@click.group("search")
def search() -> None:
    """Case-history search index: rebuild it or check it covers every case."""


@search.command("reindex")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def reindex(quiet: bool) -> None:
    """Rebuild the full-text index and the derived facts of every case (safe to run at any time)."""
    from tqdm import tqdm

    from triage.data import search as index
    from triage.extensions import db

    total = index.index_status()["cases"]
    with tqdm(total=total, unit="case", file=sys.stderr, disable=quiet, desc="Indexing") as bar:
        done = index.reindex_all(progress=bar.update)
    db.session.commit()
    index.optimise()
    db.session.commit()
    index.reset_coverage_cache()
    click.echo(f"Indexed {done} cases.")


@search.command("status")
@with_appcontext
def status() -> None:
    """How many cases the index covers."""
    from triage.data import search as index

    counts = index.index_status()
    missing = counts["cases"] - counts["indexed"]
    click.echo(f"{counts['indexed']} of {counts['cases']} cases indexed.")
    if missing > 0:
        click.echo("Run `triage search reindex` to index the rest.")

"""``triage similar reindex`` (the similar-cases index) and ``triage transparency-report`` (annual CSV or PDF)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext


@click.group("similar")
def similar() -> None:
    """Similar past cases: the index behind the case page's 'similar decided cases'."""


@similar.command("reindex")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def similar_reindex(quiet: bool) -> None:
    """Rebuild the similar-cases index from every decided case (run nightly, and after large imports)."""
    from tqdm import tqdm

    from triage.data import similar as similar_data

    ids = similar_data.decided_case_ids()
    with tqdm(total=len(ids), unit="case", file=sys.stderr, disable=quiet, desc="Reading") as bar:
        index = similar_data.build_index(progress=bar.update)
    click.echo(f"Indexed {index.size} decided cases ({len(index.vocabulary)} terms) in {similar_data.index_path()}.")


@click.command("transparency-report")
@click.option("--year", type=int, required=True, help="The year to report on.")
@click.option(
    "--period",
    type=click.Choice(["calendar", "financial"]),
    default="calendar",
    show_default=True,
    help="Calendar year, or the financial year starting 1 April of --year.",
)
@click.option("--format", "fmt", type=click.Choice(["csv", "pdf", "html"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="File to write.")
@with_appcontext
def transparency_report(year: int, period: str, fmt: str, output: str) -> None:
    """The annual report of the number, type and outcome of complaints (CSPL recommendation 15)."""
    from triage.data import audit, transparency
    from triage.extensions import db

    report = transparency.build_report(year, period=period)
    if fmt == "csv":
        Path(output).write_text(transparency.report_csv(report), encoding="utf-8")
    elif fmt == "html":
        Path(output).write_text(transparency.report_html(report), encoding="utf-8")
    else:
        Path(output).write_bytes(transparency.report_pdf(report))
    audit.record("report.transparency", "report", report.label, actor="cli", after={"format": fmt})
    db.session.commit()
    click.echo(f"Wrote {output} ({report.total} complaints in {report.label}).")

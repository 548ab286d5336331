"""``triage retention --dry-run|--apply`` and ``triage legal-hold``: disposal of cases past their retention period."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext


@click.command("retention")
@click.option("--dry-run/--apply", "dry_run", default=True, show_default=True, help="List only, or dispose.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Pretend today is this date.")
@with_appcontext
def retention(dry_run: bool, today) -> None:
    """List the closed cases whose retention period (the council's, six years by default) has ended, and with
    --apply dispose of them and their files. Cases under legal hold are listed and never disposed of."""
    from triage.data import retention as rules
    from triage.data import similar
    from triage.services import public_complaints
    from triage.services import retention as disposal

    day: date = today.date() if today else date.today()
    report = rules.find_due(day)
    for item in report.due:
        click.echo(
            f"{item.reference}\tclosed {item.closed_on.isoformat()}\tdue {item.due_on.isoformat()}\t"
            f"{item.files} file(s)"
        )
    for item in report.held:
        click.echo(f"{item.reference}\tclosed {item.closed_on.isoformat()}\tLEGAL HOLD: kept")
    click.echo(f"{len(report.due)} case(s) due for disposal, {len(report.held)} kept under legal hold.")
    stale = public_complaints.abandoned()
    click.echo(
        f"{len(stale)} public complaint form(s) started more than {public_complaints.ABANDONED_DAYS} days ago and "
        "never sent."
    )
    if dry_run:
        click.echo("Dry run: nothing was changed. Run with --apply to dispose of them.")
        return
    forms, shots = public_complaints.delete_abandoned(stale)
    if forms:
        click.echo(f"Deleted {forms} unsent public complaint form(s) and {shots} screenshot file(s) only they held.")
    result = disposal.dispose(report)
    if result.cases and similar.index_path().exists():
        similar.build_index()  # the index holds word weights of the disposed cases: rebuild without them
    click.echo(f"Disposed of {result.cases} case(s) and {result.files} file(s).")


@click.command("legal-hold")
@click.argument("reference")
@click.option("--release", is_flag=True, help="Release the hold instead of placing it.")
@with_appcontext
def legal_hold(reference: str, release: bool) -> None:
    """Place (or release) a legal hold on a case, so retention never disposes of it."""
    from triage.data.cases import get_case_by_reference
    from triage.extensions import db
    from triage.services.retention import set_legal_hold

    case = get_case_by_reference(reference)
    if case is None:
        raise click.ClickException(f"No case with reference {reference}")
    set_legal_hold(case, not release, actor="cli")
    db.session.commit()
    click.echo(f"{reference}: legal hold {'released' if release else 'placed'}.")

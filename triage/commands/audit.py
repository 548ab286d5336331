"""``triage audit verify``: walk the hash-chained audit log and report any entry changed, removed or reordered."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("audit")
def audit_group() -> None:
    """Check the tamper-evident audit log."""


@audit_group.command("verify")
@with_appcontext
def verify() -> None:
    """Exit 0 when the chain is intact; otherwise list the problems and exit 1."""
    from sqlalchemy import func, select

    from triage.data import audit
    from triage.extensions import db
    from triage.models import AuditEntry

    count = db.session.scalar(select(func.count(AuditEntry.id))) or 0
    problems = audit.verify_chain()
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        click.echo(f"Audit log BROKEN: {len(problems)} problem(s) in {count} entries.", err=True)
        raise SystemExit(1)
    click.echo(f"Audit log intact: {count} entries, hash chain verified.")

"""``triage audit verify`` and ``triage audit checkpoint``: check the keyed audit chain against itself and against
the signed checkpoints kept outside the database."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

KINDS = (("forks", "Forks"), ("gaps", "Gaps"), ("edits", "Edits"), ("truncation", "Truncation"))


@click.group("audit")
def audit_group() -> None:
    """Check the tamper-evident audit log."""


@audit_group.command("verify")
@with_appcontext
def verify() -> None:
    """Exit 0 when the chain is intact; otherwise list forks, gaps, edits and truncation separately and exit 1."""
    from triage.data import audit

    result = audit.verify()
    for attribute, title in KINDS:
        found = getattr(result, attribute)
        click.echo(f"{title}: {len(found)}", err=bool(found))
        for problem in found:
            click.echo(f"  {problem}", err=True)
    legacy = f", {result.legacy} written before the audit key (hash-chained, not keyed)" if result.legacy else ""
    if not result.ok:
        click.echo(f"Audit log BROKEN: {len(result.problems)} problem(s) in {result.entries} entries.", err=True)
        raise SystemExit(1)
    click.echo(
        f"Audit log intact: {result.entries} entries{legacy}; checked against {result.checkpoints} signed checkpoints."
    )
    audit.write_checkpoint("verify")


@audit_group.command("checkpoint")
@with_appcontext
def checkpoint() -> None:
    """Append a signed checkpoint of the chain head (run it from cron or a systemd timer, say hourly)."""
    from triage.data import audit

    point = audit.write_checkpoint("scheduled")
    click.echo(f"Checkpoint written at entry {point['seq']}." if point else "The audit log is empty.")

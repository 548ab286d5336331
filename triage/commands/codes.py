"""``triage codes load FILE | --shipped`` and ``triage codes list``: the Codes of Conduct in the database.

A Code is checked against ``code.schema.json`` before anything is stored. Loading a changed Code makes it the next
version: councils using it move to it for new complaints, and each case keeps the version it was logged under.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("codes")
def codes_group() -> None:
    """Load and list Codes of Conduct."""


@codes_group.command("load")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--shipped", is_flag=True, help="Load every Code shipped with the app (as init-db does).")
@with_appcontext
def load(path: str | None, shipped: bool) -> None:
    """Validate a Code of Conduct JSON file and add it, or its next version, to the database."""
    from triage import codes
    from triage.data.councils import ensure_shipped_codes, get_code, store_code
    from triage.extensions import db

    if bool(path) == shipped:
        raise click.UsageError("Give either a Code file or --shipped")
    if shipped:
        rows = ensure_shipped_codes()
        db.session.commit()
        for row in rows:
            click.echo(f"{row.slug}: version {row.version}, {len(row.paragraphs)} paragraphs")
        return
    try:
        code = codes.load_code_file(path)
    except codes.CodeError as exc:
        raise click.ClickException(str(exc)) from exc
    before = get_code(code.id)
    row = store_code(code, actor="cli")
    db.session.commit()
    if before is not None and before.id == row.id:
        click.echo(f"{row.slug} is unchanged: version {row.version} is already loaded.")
    else:
        click.echo(f"Loaded {row.slug} version {row.version}: {row.title}, {len(row.paragraphs)} paragraphs.")


@codes_group.command("list")
@with_appcontext
def list_codes() -> None:
    """Each stored Code and version, with the councils using it and the cases logged under it."""
    from triage.data.councils import code_usage

    for row, councils, cases in code_usage():
        using = ", ".join(councils) if councils else "no council"
        click.echo(f"{row.slug}\tversion {row.version}\t{len(row.paragraphs)} paragraphs\t{using}\t{cases} cases")

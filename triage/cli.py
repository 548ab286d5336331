"""The `triage` command: a Flask CLI group with the app's maintenance, data and scoring commands."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from triage import create_app
from triage.models.enums import Jurisdiction, Role


def _create_app():
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True)
def cli() -> None:
    """Standards Triage: Code of Conduct complaint triage for monitoring officers."""


COMMANDS: list[click.Command] = []


def command(name: str):
    """Declare a `triage` command; `register_commands` attaches them all to the app's CLI."""

    def decorator(fn):
        cmd = click.command(name)(fn)
        COMMANDS.append(cmd)
        return cmd

    return decorator


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise click.UsageError("No password given on standard input")
        return password
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise click.UsageError("The passwords did not match")
    return first


@command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema to the latest migration and load the shipped Codes."""
    from triage.data.councils import ensure_shipped_codes
    from triage.extensions import db

    upgrade(directory=current_app.extensions["migrate"].directory)
    ensure_shipped_codes()
    db.session.commit()
    click.echo("Database is up to date.")


@command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]), help="What the user may do.")
@click.option("--name", default="", help="Full name shown in the app and the audit log.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@with_appcontext
def create_user_command(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create a staff account. The password is read from a prompt or standard input, never from arguments."""
    from triage.auth.passwords import WeakPasswordError
    from triage.data.users import UserExistsError, create_user
    from triage.extensions import db

    password = _read_password(password_stdin)
    try:
        user = create_user(email, name, Role(role), password)
    except (WeakPasswordError, UserExistsError) as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role.label.lower()} {user.email}.")


def _council_or_fail():
    from triage.data.councils import default_council

    council = default_council()
    if council is None:
        raise click.ClickException("No council is set up yet. Run `triage seed-demo` or `triage create-council`.")
    return council


@command("create-council")
@click.argument("name")
@click.option("--jurisdiction", type=click.Choice([j.value for j in Jurisdiction]), default="england")
@click.option("--code", "code_slug", default=None, help="Code id, e.g. lga-model-2020 (default: the jurisdiction's).")
@click.option("--code-file", type=click.Path(exists=True, dir_okay=False), help="Load the council's own Code JSON.")
@click.option("--target-days", default=20, show_default=True, help="Working days to decide initial assessment.")
@with_appcontext
def create_council_command(name, jurisdiction, code_slug, code_file, target_days) -> None:
    """Set up the council, the Code of Conduct it adopted and its working-day target."""
    from triage import codes
    from triage.data.councils import create_council, store_code
    from triage.extensions import db

    if code_file:
        try:
            code = codes.load_code_file(code_file)
        except codes.CodeError as exc:
            raise click.ClickException(str(exc)) from exc
        store_code(code, actor="cli")
        code_slug = code.id
    code_slug = code_slug or codes.JURISDICTION_DEFAULT[jurisdiction]
    council = create_council(name, Jurisdiction(jurisdiction), code_slug, assessment_target_days=target_days)
    db.session.commit()
    click.echo(f"Created {council.name} using {code_slug}.")


@command("import-members")
@click.argument("csv_path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_members_command(csv_path: str) -> None:
    """Add or update the register of members from a CSV (columns: name, party, ward, role, body, email,
    term_start, term_end)."""
    from triage.data.members import import_members_csv
    from triage.extensions import db

    council = _council_or_fail()
    result = import_members_csv(council, Path(csv_path).read_text(encoding="utf-8-sig"))
    if result.errors:
        db.session.rollback()
        for error in result.errors:
            click.echo(f"{csv_path}: {error}", err=True)
        raise SystemExit(2)
    db.session.commit()
    click.echo(f"Imported members: {result.created} added, {result.updated} updated.")


@command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@with_appcontext
def import_command(paths: tuple[str, ...]) -> None:
    """Import case files (files or folders of JSON).

    Each file is imported on its own: a file that cannot be read, is not valid, names an unknown Code of Conduct or
    fails to save is reported with its path and the field at fault (never its content), and the rest still run;
    the exit code is then 2. Importing is safe to repeat: a file whose reference is already a case, or whose
    content was imported before, is skipped."""
    from triage.casefile.files import content_hash, read_case_files
    from triage.data import audit
    from triage.data.cases import case_with_source_hash, create_case_from_file, get_case_by_reference
    from triage.data.councils import get_code
    from triage.extensions import db

    council = _council_or_fail()
    imported, skipped, failed = 0, 0, 0
    for read in read_case_files(paths):
        if read.ok and read.data.get("code") and get_code(str(read.data["code"])) is None:
            read.problems.append("code: not a Code of Conduct this app knows (load it with `triage codes load`)")
        if not read.ok:
            failed += 1
            for problem in read.problems:
                click.echo(f"{read.path}: {problem}", err=True)
            continue
        digest = content_hash(read.data)
        existing = get_case_by_reference(read.data["reference"]) if read.data.get("reference") else None
        existing = existing or case_with_source_hash(digest)
        if existing is not None:
            skipped += 1
            click.echo(f"{read.path}: already imported as {existing.reference}, skipped")
            continue
        try:
            case = create_case_from_file(council, read.data, source_hash=digest)
            audit.record(
                "case.imported", "case", case.reference, actor="cli", case_id=case.id, after={"source": read.path.name}
            )
            db.session.commit()
        except Exception as exc:  # one bad file must not stop the batch; the database is left as it was
            db.session.rollback()
            failed += 1
            click.echo(
                f"{read.path}: could not be saved ({exc.__class__.__name__}); nothing from it was kept", err=True
            )
            continue
        imported += 1
        click.echo(f"{read.path}: imported as {case.reference}")
    click.echo(f"{imported} imported, {skipped} already imported, {failed} failed.")
    if failed:
        raise SystemExit(2)


@command("export")
@click.argument("reference")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of standard output.")
@click.option("--anonymise", is_flag=True, help="Leave out the complainant's identity.")
@with_appcontext
def export_command(reference: str, output: str | None, anonymise: bool) -> None:
    """Export one case in the case-file format."""
    from triage.data import audit
    from triage.data.cases import case_to_file, get_case_by_reference
    from triage.extensions import db

    case = get_case_by_reference(reference)
    if case is None:
        raise click.ClickException(f"No case with reference {reference}")
    text = json.dumps(case_to_file(case, include_complainant=not anonymise), indent=2, ensure_ascii=False)
    audit.record("case.exported", "case", case.reference, actor="cli", case_id=case.id, after={"anonymised": anonymise})
    db.session.commit()
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"Wrote {output}")
    else:
        click.echo(text)


@command("seed-demo")
@click.option("--password", default="demo-password-2026", show_default=True, help="Password for every demo user.")
@click.option("--sample-cases", type=click.Path(file_okay=False), default=None, help="Folder of case files to load.")
@with_appcontext
def seed_demo_command(password: str, sample_cases: str | None) -> None:
    """Load a demo council, register, users for every role and the sample cases. Safe to run twice."""
    from triage.demo import seed_demo

    report = seed_demo(password=password, sample_cases_dir=Path(sample_cases) if sample_cases else None)
    click.echo(report)


def register_commands(app) -> None:
    """Attach every `triage` command to the app's CLI: the ones above and those living with their feature."""
    from triage.commands.api_tokens import api_token_group
    from triage.commands.assess import assess
    from triage.commands.audit import audit_group
    from triage.commands.backup import backup_command, restore_command
    from triage.commands.codes import codes_group
    from triage.commands.history import similar, transparency_report
    from triage.commands.model import model
    from triage.commands.note import note
    from triage.commands.retention import legal_hold, retention
    from triage.commands.screen import screen
    from triage.commands.search import search
    from triage.commands.serve import serve_command

    for cmd in (
        *COMMANDS,
        assess,
        screen,
        model,
        note,
        audit_group,
        backup_command,
        restore_command,
        serve_command,
        api_token_group,
        codes_group,
        search,
        similar,
        transparency_report,
        retention,
        legal_hold,
    ):
        app.cli.add_command(cmd)


def main() -> None:
    cli(prog_name="triage")

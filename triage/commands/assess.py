"""``triage assess PATH...``: assess case files and print one JSON object per case per line."""

from __future__ import annotations

import json

import click

from triage.casefile.files import read_case_files
from triage.casefile.model import CaseFile


@click.command("assess")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--code-file",
    type=click.Path(exists=True, dir_okay=False),
    help="Assess against a council's own Code of Conduct JSON instead of each case's Code.",
)
def assess(paths: tuple[str, ...], code_file: str | None) -> None:
    """Assess case files (files, or folders of *.json). Writes one JSON line per case to standard output.

    Each line starts with ``source``, the file it came from. Invalid files are reported on standard error with the
    field at fault (never their content) and skipped; the other files are still assessed, and the exit code is 2 if
    any file was invalid.
    """
    from triage import codes
    from triage.scoring.assess import assess as assess_case
    from triage.sources import cited_in

    try:
        code = codes.load_code_file(code_file) if code_file else None
    except codes.CodeError as exc:
        raise click.ClickException(str(exc)) from exc
    failed = 0
    for read in read_case_files(paths):
        if not read.ok:
            failed += 1
            for problem in read.problems:
                click.echo(f"{read.path}: {problem}", err=True)
            continue
        try:
            result = assess_case(CaseFile.read(read.data), code=code)  # read_case_file has checked it
            out = {"source": str(read.path), **result.to_dict()}
            out["sources"] = cited_in(out)  # the registry's proper citations for every source the reasons cite
            line = json.dumps(out, ensure_ascii=False, sort_keys=False)
        except codes.CodeError as exc:
            failed += 1
            click.echo(f"{read.path}: code: {str(exc)[:120]}", err=True)
            continue
        except Exception as exc:  # one file must never stop the others
            failed += 1
            click.echo(f"{read.path}: could not be assessed ({exc.__class__.__name__})", err=True)
            continue
        click.echo(line)
    if failed:
        raise SystemExit(2)

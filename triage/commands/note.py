"""``triage note REF|CASEFILE -o FILE.pdf``: the assessment note (or a decision letter) as a PDF.

- ``REF`` (a case reference such as SC-2026-0042) uses the database: the stored current version is written if the
  case has not changed since it was produced, otherwise a new version is produced and stored. Both are audited.
- ``CASEFILE`` (a path to a case-file JSON) needs no database: the case is assessed with the scorer and the note
  rendered from the file alone. Nothing is stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from triage.notes import DEFAULT_VARIANT, NOTE_KINDS, VARIANTS


def _looks_like_file(target: str) -> bool:
    return target.endswith(".json") or Path(target).is_file()


@click.command("note")
@click.argument("target")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True), help="PDF to write.")
@click.option(
    "--kind",
    type=click.Choice(NOTE_KINDS),
    default="assessment_note",
    show_default=True,
    help="The assessment note, or a decision letter.",
)
@click.option(
    "--variant",
    type=click.Choice(tuple(VARIANTS)),
    default=DEFAULT_VARIANT,
    show_default=True,
    help="PDF/A-3b for the record, or tagged PDF/UA-1.",
)
@click.option("--council", default=None, help="Council name printed on a note made from a case file.")
def note(target: str, output: str, kind: str, variant: str, council: str | None) -> None:
    """Write the assessment note for a case reference or a case-file JSON to a PDF file."""
    if _looks_like_file(target):
        pdf, description = _from_case_file(Path(target), kind=kind, variant=variant, council=council)
    else:
        pdf, description = _from_reference(target, kind=kind, variant=variant)
    Path(output).write_bytes(pdf)
    click.echo(f"Wrote {output} ({description}, {len(pdf):,} bytes)")


def _from_case_file(path: Path, *, kind: str, variant: str, council: str | None) -> tuple[bytes, str]:
    from triage.casefile.files import read_case_file
    from triage.casefile.model import CaseFile
    from triage.notes import build_note_context, render_note_html, render_pdf
    from triage.notes.casefile import record_from_case_file
    from triage.scoring.assess import assess

    read = read_case_file(path)
    if not read.ok:
        for problem in read.problems:
            click.echo(f"{path}: {problem}", err=True)
        raise SystemExit(2)
    data = CaseFile.read({k: v for k, v in read.data.items() if k != "expected"})  # read_case_file has checked it
    if kind != "assessment_note" and not data.extra.get("decision"):
        raise click.ClickException(f"{path}: the case file records no decision, so there is no letter to write")
    now = datetime.now(UTC)
    record = record_from_case_file(data, result=assess(data).to_dict(), council_name=council, assessed_at=now)
    html = render_note_html(build_note_context(record, kind=kind, generated_at=now))
    return render_pdf(html, variant=variant), f"{kind.replace('_', ' ')} for {record['reference']}, not stored"


def _from_reference(reference: str, *, kind: str, variant: str) -> tuple[bytes, str]:
    from flask import current_app

    if not current_app:
        from flask.cli import ScriptInfo

        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
        click.get_current_context().with_resource(app.app_context())

    from triage.data import notes as note_data
    from triage.data.cases import load_case_for_view
    from triage.extensions import db

    case = load_case_for_view(reference)
    if case is None:
        raise click.ClickException(f"No case with reference {reference}")
    try:
        if variant == DEFAULT_VARIANT:
            current = note_data.current_note(case, kind, actor="cli")
            stored, created = current.note, current.created
        else:
            stored, created = note_data.generate_note(case, kind, actor="cli", variant=variant), True
    except note_data.NoteUnavailable as exc:
        raise click.ClickException(f"{reference}: {exc}") from exc
    pdf = note_data.read_note(stored)
    note_data.record_download(stored, actor="cli")
    db.session.commit()
    state = "new version" if created else "unchanged, stored version"
    return pdf, f"{kind.replace('_', ' ')} for {reference} version {stored.version}, {state}"

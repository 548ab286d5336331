"""Assessment notes and decision letters: templates to HTML, HTML to archival PDF, with no request handling.

``render_note_html(context)`` fills the templates in ``triage/templates/notes/``; ``render_pdf(html, variant=...,
files=...)`` turns the HTML into PDF with WeasyPrint through a deny-by-default URL fetcher
(:mod:`triage.notes.fetcher`). :func:`build_note_context` turns a case record (plain data) into the context; the
web app builds records from the database in ``triage.data.notes`` and the CLI from a case file.
"""

from triage.notes.context import LETTER_KINDS, NOTE_KINDS, build_note_context
from triage.notes.fetcher import FetchRefused, NoteURLFetcher
from triage.notes.pdf import DEFAULT_VARIANT, VARIANTS, render_pdf
from triage.notes.render import render_note_html

__all__ = [
    "DEFAULT_VARIANT",
    "LETTER_KINDS",
    "NOTE_KINDS",
    "VARIANTS",
    "FetchRefused",
    "NoteURLFetcher",
    "build_note_context",
    "render_note_html",
    "render_pdf",
]

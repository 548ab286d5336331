"""Notes and letters as HTML from the Jinja templates in ``triage/templates/notes/`` (autoescaped, strict)."""

from __future__ import annotations

import re
from functools import cache

import jinja2
from markupsafe import Markup

from triage import redaction
from triage.config import PACKAGE_DIR
from triage.formatting import format_date, format_datetime
from triage.notes import wording
from triage.notes.glyphs import printable

NOTES_TEMPLATES = PACKAGE_DIR / "templates"
TEMPLATE_FOR = {
    "assessment_note": "notes/assessment_note.html",
    "letter_to_complainant": "notes/letter_to_complainant.html",
    "letter_to_member": "notes/letter_to_member.html",
}


#: A web address the note may make clickable: http or https with a host, and nothing a PDF viewer would run.
WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


def is_web_address(value: object) -> bool:
    """Only plain web addresses become links in a note (a ``javascript:`` or ``file:`` address stays text)."""
    return isinstance(value, str) and len(value) <= 2000 and bool(WEB_ADDRESS.match(value))


def is_email_address(value: object) -> bool:
    """An address the letter may link with ``mailto:``: one plain address and nothing else (no subject, body or
    second address can ride along)."""
    return isinstance(value, str) and len(value) <= 254 and bool(redaction.EMAIL.fullmatch(value))


def _finalize(value):
    """Every printed string goes through :func:`printable`, before autoescaping (template markup is left alone)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


@cache
def environment() -> jinja2.Environment:
    """One environment for every note: autoescape always on (post text is never markup), strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(NOTES_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=_finalize,
    )
    env.filters["date"] = format_date
    env.filters["datetime"] = format_datetime
    env.filters["label"] = wording.label
    env.tests["web_address"] = is_web_address
    env.tests["email_address"] = is_email_address
    return env


def render_note_html(context: dict) -> str:
    """The HTML of a note or letter; ``context`` comes from :func:`triage.notes.context.build_note_context`."""
    return environment().get_template(TEMPLATE_FOR[context["kind"]]).render(**context)


def render_publication_html(content: dict, *, generated_at, for_pdf: bool) -> str:
    """The published decision notice: the same words as a web page (its own small stylesheet, so it stands alone on
    the council's site) and as a tagged PDF (the print stylesheet, through the note URL fetcher)."""
    return (
        environment()
        .get_template("notes/publication.html")
        .render(**content, generated_at=generated_at, for_pdf=for_pdf)
    )

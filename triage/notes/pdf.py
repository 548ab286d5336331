"""HTML to PDF with WeasyPrint: archival PDF/A-3b by default, a tagged PDF/UA-1 variant, no attachments ever."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from weasyprint import HTML

from triage.notes.artifacts import finish_for_readers
from triage.notes.fetcher import NoteURLFetcher

LOG = logging.getLogger(__name__)

#: Variants a caller may ask for. PDF/A-3b is the archival default; PDF/UA-1 is the accessibility profile.
VARIANTS: dict[str, dict] = {
    # Tagged as well: a PDF/A-3b file may carry structure, and screen readers then follow the reading order.
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1", "pdf_tags": True},
}
DEFAULT_VARIANT = "pdf/a-3b"
#: Upper bound on the HTML handed to WeasyPrint (rendering time grows with it; a case with dozens of 20,000-character
#: posts stays far below this).
MAX_HTML_CHARS = 8_000_000

#: Options that must never change: no HTML presentational hints (a CSS-injection route), no custom metadata from
#: the document, embedded images capped at print resolution.
FIXED_OPTIONS = {
    "presentational_hints": False,
    "custom_metadata": False,
    "attachments": None,
    "xmp_metadata": None,
    "stylesheets": None,
    "dpi": 200,
    "jpeg_quality": 85,
}


class RenderError(RuntimeError):
    """The PDF could not be produced."""


def render_pdf(
    html: str,
    *,
    variant: str = DEFAULT_VARIANT,
    files: Mapping[str, Path | str] | None = None,
    url_fetcher: NoteURLFetcher | None = None,
) -> bytes:
    """Render app-generated ``html`` to PDF bytes.

    ``files`` maps the SHA-256 of each screenshot the document may show to its stored path; the URL fetcher
    serves those (as ``screenshot:<sha256>``) and the print assets (``asset:<name>``) and refuses everything
    else. Pass ``url_fetcher`` to supply the fetcher yourself (it must be a :class:`NoteURLFetcher`: tests wrap it
    to record every request). Any ``<link rel="attachment">`` that reached the document is dropped before
    writing, so the PDF never embeds a file.
    """
    if len(html) > MAX_HTML_CHARS:
        raise RenderError(f"the document is too large to render ({len(html):,} characters)")
    if variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    fetcher = url_fetcher if url_fetcher is not None else NoteURLFetcher(files)
    if not isinstance(fetcher, NoteURLFetcher):
        raise TypeError("url_fetcher must be a NoteURLFetcher (deny by default)")
    options = {**VARIANTS[variant], **FIXED_OPTIONS}
    # base_url=None: relative URLs stay relative and the fetcher refuses them; nothing resolves against a folder.
    document = HTML(string=html, base_url=None, url_fetcher=fetcher, media_type="print").render(**options)
    if document.metadata.attachments:
        LOG.warning("dropped %d attachment(s) from a note", len(document.metadata.attachments))
        document.metadata.attachments = []
    pdf = document.write_pdf(finisher=finish_for_readers, **options)
    if fetcher.refused:
        LOG.warning("note rendered with %d refused fetch(es)", len(fetcher.refused))
    return pdf

"""The tagged PDF/UA variant read back through its structure tree, for the checks of the Matterhorn Protocol a test
can make without veraPDF (not packaged for Debian): one document title shown as the title, a language, a marked and
tagged document, one H1 with no heading level skipped, tables with header cells, lists with items, and no image
without a text alternative."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.notes.test_render import GENERATED, _record
from triage.notes.context import build_note_context
from triage.notes.pdf import render_pdf
from triage.notes.render import render_note_html


def _elements(pdf: bytes) -> tuple[dict, list[tuple[str, object]]]:
    """The catalogue and every structure element (type, element) in reading order."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    found: list[tuple[str, object]] = []

    def walk(node) -> None:
        node = node.get_object()
        if not hasattr(node, "keys"):
            return
        if "/S" in node:
            found.append((str(node["/S"]).lstrip("/"), node))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "keys"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    return root, found


def _note_pdf(kind: str = "assessment_note") -> bytes:
    html = render_note_html(build_note_context(_record(), kind=kind, generated_at=GENERATED))
    return render_pdf(html, variant="pdf/ua-1")


def test_the_pdf_ua_note_is_tagged_for_assistive_technology():
    root, elements = _elements(_note_pdf())
    kinds = [kind for kind, _ in elements]
    assert bool(root["/MarkInfo"]["/Marked"]) and root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name, in the title bar
    assert kinds.count("H1") == 1
    levels = [int(kind[1]) for kind in kinds if len(kind) == 2 and kind[0] == "H" and kind[1].isdigit()]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)), levels
    assert kinds.count("Table") >= 1 and "TH" in kinds and "TD" in kinds
    assert "L" in kinds and "LI" in kinds
    figures = [element for kind, element in elements if kind == "Figure"]
    assert all(element.get("/Alt") for element in figures)


def test_each_letter_is_tagged_too():
    for kind in ("letter_to_complainant", "letter_to_member"):
        root, elements = _elements(_note_pdf(kind))
        kinds = [k for k, _ in elements]
        assert "/StructTreeRoot" in root and kinds.count("H1") <= 1 and "P" in kinds, kind

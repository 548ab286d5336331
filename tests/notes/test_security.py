"""Hostile post text renders as text and fetches nothing; the URL fetcher serves only the print assets and the
case's own screenshots; no PDF ever carries an attachment."""

from __future__ import annotations

import hashlib
import socket
import urllib.request
from datetime import UTC, datetime

import pytest

from tests.notes.helpers import case_file, embedded_files, pdf_text, png_bytes, squash
from triage.notes import FetchRefused, NoteURLFetcher, build_note_context, render_note_html, render_pdf
from triage.notes.casefile import record_from_case_file
from triage.scoring.assess import assess

HOSTILE = [
    '<img src="file:///etc/passwd">',
    "http://169.254.169.254/latest/meta-data/",
    "@import url(http://169.254.169.254/x.css);",
    '<link rel="attachment" href="file:///etc/passwd">',
    '<svg><image href="http://169.254.169.254/a.png"/></svg>',
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/hostname"/></svg>',
    '<style>body{background:url("http://169.254.169.254/bg.png")}</style>',
    '<iframe src="file:///etc/shadow"></iframe><object data="http://169.254.169.254/o"></object>',
    "<script>alert(1)</script>",
]
ALLOWED_PREFIXES = ("asset:", "screenshot:")


class RecordingFetcher(NoteURLFetcher):
    """Wraps the real fetcher and records every URL the renderer asks for, served or refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(str(url))
        return super().fetch(url, headers)


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything opens a socket or a urllib URL while rendering."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network or URL access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)


def _render(text: str, *, fetcher: NoteURLFetcher, kind: str = "assessment_note", url: str | None = None) -> bytes:
    data = case_file(reference="SC-2026-0666", text=text)
    if url is not None:
        data["posts"][0]["url"] = url
    record = record_from_case_file(data, result=assess(data).to_dict(), council_name="Testshire District Council")
    record["decisions"] = [{"outcome": "no_further_action", "reasons": text, "paragraphs": []}]
    record["consultations"] = [{"independent_person": text[:60], "consulted_on": "2026-11-01", "views": text}]
    record["summary"] = text
    html = render_note_html(build_note_context(record, kind=kind, generated_at=datetime.now(UTC)))
    return render_pdf(html, url_fetcher=fetcher)


@pytest.mark.parametrize("kind", ["assessment_note", "letter_to_complainant", "letter_to_member"])
def test_hostile_post_text_is_printed_literally_and_nothing_outside_the_allow_list_is_fetched(kind, no_network):
    text = "\n".join(HOSTILE)
    fetcher = RecordingFetcher()
    pdf = _render(text, fetcher=fetcher, kind=kind, url="file:///etc/passwd")
    extracted = squash(pdf_text(pdf))
    for line in HOSTILE:
        assert squash(line) in extracted, line
    assert fetcher.asked, "the print stylesheet should have been fetched"
    assert all(url.startswith(ALLOWED_PREFIXES) for url in fetcher.asked), fetcher.asked
    assert fetcher.refused == []
    assert fetcher.served == ["asset:note.css"]
    assert embedded_files(pdf) == []
    assert b"root:x:0:0" not in pdf


def test_markup_that_bypasses_the_templates_is_still_never_fetched(no_network):
    """Defence in depth: even raw hostile HTML handed straight to render_pdf opens nothing and embeds nothing."""
    html = """<!DOCTYPE html><html lang="en-GB"><head><title>x</title>
      <link rel="stylesheet" href="http://169.254.169.254/evil.css">
      <link rel="attachment" href="file:///etc/passwd" title="passwd">
      <link rel="attachment" href="data:text/plain,secret">
      <style>@import url(http://169.254.169.254/x.css); @import "file:///etc/passwd";
        @font-face { font-family: x; src: url(http://169.254.169.254/f.woff); }
        body { background: url(file:///etc/passwd); } p { font-family: x; }</style></head>
      <body><p>hello</p>
      <img src="file:///etc/passwd"><img src="http://169.254.169.254/a.png">
      <img src="data:image/png;base64,iVBORw0KGgo=">
      <img src="asset:../fetcher.py"><img src="screenshot:../../etc/passwd"><img src="screenshot:%s">
      <img src="relative.png"><img src="//169.254.169.254/x.png"><img src="ftp://169.254.169.254/x">
      <svg width="10" height="10"><image href="http://169.254.169.254/a.png" width="10" height="10"/></svg>
      <svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
        <image xlink:href="file:///etc/hostname" width="10" height="10"/></svg>
      <object data="file:///etc/passwd"></object><embed src="file:///etc/passwd">
      <iframe src="http://169.254.169.254/"></iframe>
      </body></html>""" % ("a" * 64)
    fetcher = RecordingFetcher()
    pdf = render_pdf(html, url_fetcher=fetcher)
    assert fetcher.served == []
    assert set(fetcher.refused) == set(fetcher.asked)
    assert any("169.254.169.254" in url for url in fetcher.refused)
    assert any(url.startswith("file:") for url in fetcher.refused)
    assert embedded_files(pdf) == []
    assert b"root:x:0:0" not in pdf
    assert "hello" in pdf_text(pdf)


def test_fetcher_serves_assets_only_by_plain_name():
    fetcher = NoteURLFetcher()
    response = fetcher.fetch("asset:note.css")
    assert response.content_type == "text/css"
    for url in ("asset:../fetcher.py", "asset:note.css/..", "asset:/etc/passwd", "asset:missing.css", "asset:a.py"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    for url in ("file:///etc/passwd", "http://169.254.169.254/", "https://example.com/", "data:text/css,p{}", "x"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    with pytest.raises(FetchRefused):
        fetcher.open("http://169.254.169.254/")


def test_fetcher_serves_only_allow_listed_screenshots_whose_bytes_match_their_hash(tmp_path):
    good = png_bytes()
    sha = hashlib.sha256(good).hexdigest()
    path = tmp_path / f"{sha}.png"
    path.write_bytes(good)
    other = hashlib.sha256(b"other").hexdigest()
    fetcher = NoteURLFetcher({sha: path, other: tmp_path / "nothing.png"})
    assert fetcher.fetch(f"screenshot:{sha}").content_type == "image/png"
    with pytest.raises(FetchRefused):
        fetcher.fetch(f"screenshot:{hashlib.sha256(b'not allowed').hexdigest()}")  # not in the allow-list
    with pytest.raises(FetchRefused):
        fetcher.fetch(f"screenshot:{other}")  # allowed but missing
    path.write_bytes(good + b"tampered")
    with pytest.raises(FetchRefused):
        fetcher.fetch(f"screenshot:{sha}")  # bytes no longer match the hash
    text = b"not an image at all"
    text_sha = hashlib.sha256(text).hexdigest()
    (tmp_path / "t.png").write_bytes(text)
    with pytest.raises(FetchRefused):
        NoteURLFetcher({text_sha: tmp_path / "t.png"}).fetch(f"screenshot:{text_sha}")  # not an image
    link = tmp_path / "link.png"
    link.symlink_to("/etc/passwd")
    with pytest.raises(FetchRefused):
        NoteURLFetcher({sha: link}).fetch(f"screenshot:{sha}")  # symlinks are refused


def test_render_pdf_insists_on_the_deny_by_default_fetcher():
    from weasyprint import URLFetcher

    with pytest.raises(TypeError):
        render_pdf("<p>x</p>", url_fetcher=URLFetcher())


def test_oversized_documents_are_refused_before_rendering():
    from triage.notes.pdf import MAX_HTML_CHARS, RenderError

    with pytest.raises(RenderError):
        render_pdf("<p>" + "x" * MAX_HTML_CHARS + "</p>")

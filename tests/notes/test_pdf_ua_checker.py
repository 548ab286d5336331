"""Every tagged PDF the app writes, run through a PDF/UA-1 checker (outloud: the Matterhorn Protocol checkpoints a
machine can test, calibrated against veraPDF, plus its semantic checks) and required to pass with no error and no
warning. Covers the draft note, the decision notice, both letters, each nation's wording, a screenshot, hostile
post text and the published notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.notes.helpers import case_file
from tests.notes.test_render import GENERATED, _record
from triage.notes import build_note_context, render_note_html, render_pdf
from triage.notes.casefile import record_from_case_file
from triage.scoring.assess import assess

outloud = pytest.importorskip(
    "outloud", reason="the PDF/UA checker is a development dependency (pip install -e .[dev])"
)

DECISION = {
    "outcome": "informal_resolution",
    "paragraphs": ["1.1"],
    "reasons": "Personal abuse of a colleague. It was a one-off. An apology would resolve it.",
    "decided_by": "Sam Officer",
    "decided_by_role": "Monitoring officer",
    "decided_at": "2026-11-19T10:00:00+00:00",
}
QUOTED_ADDRESS = "https://example.org/a?b=<c>"
HOSTILE = f'<script>alert(1)</script> & "quotes" — javascript:alert(2) {QUOTED_ADDRESS}'


def assert_passes(pdf: bytes, path: Path, *, quoted: tuple[str, ...] = ()) -> None:
    """No error and no warning. The one exception is a web address inside a quoted post: the note keeps the post's
    words as text on purpose (a hostile post's links are evidence, not something to click), so the checker's
    "address printed as text" warning is expected for exactly those addresses and no others."""
    path.write_bytes(pdf)
    result = outloud.check(str(path))
    assert result.error is None, result.error
    problems = [
        f"{f.rule} p.{f.page}: {f.message} ({f.evidence})"
        for f in result.findings
        if f.severity != "info"
        and not (f.rule == "LNK-010" and f.evidence and any(q.startswith(f.evidence.rstrip("…")) for q in quoted))
    ]
    assert not result.errors and not problems, problems


def _decided(record: dict) -> dict:
    record["decisions"] = [dict(DECISION)]
    return record


@pytest.mark.parametrize(
    ("name", "kind", "build"),
    [
        ("draft-note", "assessment_note", lambda: _record(third_party=True)),
        ("decision-notice", "assessment_note", lambda: _decided(_record())),
        ("letter-to-complainant", "letter_to_complainant", lambda: _decided(_record())),
        ("letter-to-member", "letter_to_member", lambda: _decided(_record())),
        ("hostile-post", "assessment_note", lambda: _record(text=HOSTILE)),
    ],
)
def test_each_kind_of_note_passes_the_pdf_ua_checker(name, kind, build, tmp_path):
    html = render_note_html(build_note_context(build(), kind=kind, generated_at=GENERATED))
    assert_passes(render_pdf(html, variant="pdf/ua-1"), tmp_path / f"{name}.pdf", quoted=(QUOTED_ADDRESS,))


@pytest.mark.parametrize(
    ("jurisdiction", "code"), [("wales", "wales-model-2016"), ("scotland", "scotland-councillors-2021")]
)
def test_notes_for_wales_and_scotland_pass_the_pdf_ua_checker(jurisdiction, code, tmp_path):
    data = case_file(reference="SC-2026-0902") | {"jurisdiction": jurisdiction, "code": code}
    record = record_from_case_file(data, result=assess(data).to_dict(), council_name="Testshire Council")
    html = render_note_html(build_note_context(record, kind="assessment_note", generated_at=GENERATED))
    assert_passes(render_pdf(html, variant="pdf/ua-1"), tmp_path / f"{jurisdiction}.pdf")


def test_a_stored_note_with_a_screenshot_passes_the_pdf_ua_checker(decided_case, officer, db_session, tmp_path):
    from triage.data import notes as note_data
    from triage.models.enums import NoteKind

    note = note_data.generate_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer, variant="pdf/ua-1")
    assert_passes(note_data.read_note(note), tmp_path / "stored.pdf")


def test_the_published_notice_passes_the_pdf_ua_checker(decided_case, officer, db_session, tmp_path):
    from datetime import date

    from triage.data.notes import read_stored
    from triage.services import publication
    from triage.services.hearings import record_hearing

    record_hearing(
        decided_case,
        by=officer,
        held_on=date.today(),
        panel="Three members of the standards committee",
        breached=["1.1"],
        sanction="Formal censure",
        sanctions=["Formal censure"],
        reasons="The remark went beyond political comment.",
    )
    row = publication.approve(decided_case, user=officer, removals=None, name_member=True)
    assert_passes(read_stored(row.sha256), tmp_path / "published.pdf")

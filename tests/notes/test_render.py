"""The note and letters rendered from a case file with no database: content, PDF/A and PDF/UA metadata, fonts,
page footers, and the page-1 image kept as a test artefact."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from tests.notes.helpers import (
    COMPLAINANT,
    COMPLAINANT_EMAIL,
    MEMBER,
    POST_TEXT,
    case_file,
    embedded_files,
    page_count,
    pdf_text,
    save_page_one_png,
    squash,
    xmp,
)
from triage.notes import build_note_context, render_note_html, render_pdf
from triage.notes.casefile import record_from_case_file
from triage.scoring.assess import assess

GENERATED = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def _record(**kwargs):
    data = case_file(reference="SC-2026-0901", **kwargs)
    return record_from_case_file(data, result=assess(data).to_dict(), council_name="Testshire District Council")


@pytest.fixture(scope="module")
def note_pdf():
    record = _record()
    html = render_note_html(build_note_context(record, kind="assessment_note", generated_at=GENERATED, version=3))
    return render_pdf(html)


def test_note_has_every_section_in_order(note_pdf):
    text = pdf_text(note_pdf)
    headings = [
        "Draft assessment — not a decision",
        "Draft: no decision has been recorded",
        "Who decides",
        "1. The complaint and the posts",
        "2. The assessment, stage by stage",
        "Stage 1: does the Code apply?",
        "Stage 2: would it be a breach if proven?",
        "Stage 3: freedom of expression (Article 10)",
        "Stage 4: is action in the public interest?",
        "3. The Independent Person's views",
        "4. Decision and reasons",
        "5. What happens next, and review",
        "Appendix A: the tool's estimates",
        "Appendix B: sources",
    ]
    positions = [text.find(h) for h in headings]
    assert all(p >= 0 for p in positions), [h for h, p in zip(headings, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "Testshire District Council" in text
    assert "SC-2026-0901" in text
    assert "version 3" in text


def test_note_shows_parties_post_and_tool_output(note_pdf):
    text = pdf_text(note_pdf)
    assert COMPLAINANT in text  # no confidentiality requested
    assert COMPLAINANT_EMAIL not in text  # contact details never in the note
    assert MEMBER in text and "cabinet member" in text and "Harbour Party" in text
    assert squash(POST_TEXT) in squash(text)
    assert squash("https://www.facebook.com/CllrAveryGrey/posts/987654321") in squash(text)
    assert "they are not a decision" in text
    assert "its exact identifier is kept with the case record" in text
    assert not re.search(r"\b[0-9a-f]{12}\b", text), "no hash reaches the note"
    assert "Localism Act 2011, s.27" in text  # a reason's source, in the numbered list
    assert squash("https://www.legislation.gov.uk/ukpga/2011/20/section/27") in squash(text)
    assert "1 October 2026" in text and "6 October 2026" in text


def test_every_reason_is_printed_once_and_percentages_only_in_the_appendix(note_pdf):
    text = pdf_text(note_pdf)
    body, appendix = text.split("Appendix A: the tool's estimates")
    assert not re.search(r"\d+%", body), "the body speaks in words; figures are in the appendix"
    assert re.search(r"\d+%", appendix)
    reasons = re.findall(r"(?:For the Code applying|Towards a breach|Favours protection|Against): ([^.]+\.)", text)
    assert reasons and len(reasons) == len(set(reasons))


def test_every_page_has_marking_and_page_x_of_y(note_pdf):
    reader = PdfReader(io.BytesIO(note_pdf))
    total = len(reader.pages)
    assert total >= 3
    for number, page in enumerate(reader.pages, 1):
        page_text = re.sub(r"\s+", " ", page.extract_text())
        assert f"Page {number} of {total}" in page_text
        assert page_text.count("OFFICIAL-SENSITIVE") >= 2  # top and bottom of every page
        assert "SC-2026-0901" in page_text


def test_pdfa_metadata_title_author_subject_language(note_pdf):
    reader = PdfReader(io.BytesIO(note_pdf))
    meta = reader.metadata
    assert meta.title == "Draft assessment — not a decision SC-2026-0901"
    assert meta.author == "Testshire District Council"
    assert "SC-2026-0901" in meta.subject
    assert "OFFICIAL-SENSITIVE" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    packet = xmp(note_pdf)
    assert re.search(r'pdfaid:part(="3"|>3<)', packet)
    assert re.search(r'pdfaid:conformance(="B"|>B<)', packet)
    assert "Draft assessment — not a decision SC-2026-0901" in packet  # dc:title
    assert "Testshire District Council" in packet  # dc:creator
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert reader.pdf_header == "%PDF-1.7"
    assert embedded_files(note_pdf) == []


def test_all_fonts_are_embedded(note_pdf):
    reader = PdfReader(io.BytesIO(note_pdf))
    fonts = {}
    for page in reader.pages:
        for name, ref in (page["/Resources"].get("/Font") or {}).items():
            fonts[name] = ref.get_object()
    assert fonts
    for font in fonts.values():
        descriptors = [font.get("/FontDescriptor")] + [
            d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts") or []
        ]
        descriptors = [d.get_object() for d in descriptors if d is not None]
        assert descriptors, font
        assert any(k in d for d in descriptors for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_note_is_tagged_with_a_structure_tree(note_pdf):
    root = PdfReader(io.BytesIO(note_pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])


def test_pdf_ua_variant_is_tagged_and_declares_pdfua():
    html = render_note_html(build_note_context(_record(), kind="assessment_note", generated_at=GENERATED))
    pdf = render_pdf(html, variant="pdf/ua-1")
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp(pdf))
    assert root["/Lang"] == "en-GB"
    with pytest.raises(ValueError):
        render_pdf(html, variant="pdf/x-4")


def test_page_one_image_is_kept_as_an_artefact(note_pdf):
    png = save_page_one_png(note_pdf, "assessment-note-page-1")
    if png is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    with Image.open(png) as image:
        width, height = image.size
        assert height > width  # A4 portrait
        assert image.convert("L").getextrema()[0] < 100  # something dark (text) was drawn


def test_confidential_complainant_is_withheld_from_the_note():
    record = _record(confidential=True)
    text = pdf_text(render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED))))
    assert COMPLAINANT not in text
    assert "Withheld at the complainant's request" in text


def test_undecided_note_is_a_draft_on_page_one_and_is_never_titled_a_decision_notice():
    pdf = render_pdf(render_note_html(build_note_context(_record(), generated_at=GENERATED)))
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Draft assessment — not a decision" in first and "Draft: no decision has been recorded" in first
    assert "decision notice" not in pdf_text(pdf)


def test_a_decided_note_is_the_decision_notice_with_the_decision_on_page_one():
    record = _record()
    record["decisions"] = [
        {
            "outcome": "informal_resolution",
            "paragraphs": ["1.1"],
            "reasons": "Personal abuse of a colleague. It was a one-off. An apology would resolve it. Fourth.",
            "decided_by": "Sam Officer",
            "decided_by_role": "Monitoring officer",
            "decided_at": "2026-11-19T10:00:00+00:00",
        }
    ]
    pdf = render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED)))
    first = squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert squash("Initial assessment decision notice") in first
    assert squash("Decision: Informal resolution") in first
    assert squash("Personal abuse of a colleague. It was a one-off.") in first  # the officer's own words
    assert "Draft" not in pdf_text(pdf)


def test_quoted_code_paragraph_text_comes_from_the_code():
    from triage import codes

    record = _record()
    record["decisions"] = [
        {"outcome": "informal_resolution", "paragraphs": ["1.1"], "reasons": "Personal abuse of a colleague."}
    ]
    text = pdf_text(render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED))))
    wording = codes.load_code("lga-model-2020").paragraph("1.1").text
    assert squash(wording) in squash(text)
    assert "Paragraph 1.1 (Respect)" in text
    assert "named in the decision" in text


def test_page_count_grows_with_many_posts():
    record = _record()
    record["posts"] = record["posts"] * 12
    pdf = render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED)))
    total = page_count(pdf)
    assert total > 6
    assert f"Page {total} of {total}" in pdf_text(pdf)
    save_page_one_png(pdf, "assessment-note-long-page-1")


@pytest.mark.parametrize(
    ("jurisdiction", "code", "expected"),
    [
        ("wales", "wales-model-2016", "extends the disrepute paragraph (6(1)(a))"),
        ("scotland", "scotland-councillors-2021", "could objectively be seen as, acting as a councillor"),
        ("england", "lga-model-2020", "reasonable member of the public who knew all the facts"),
    ],
)
def test_stage_one_states_the_capacity_test_of_the_jurisdiction(jurisdiction, code, expected):
    data = {**case_file(reference="SC-2026-0902"), "jurisdiction": jurisdiction, "code": code}
    record = record_from_case_file(data, result=assess(data).to_dict(), council_name="Testshire District Council")
    html = render_note_html(build_note_context(record, generated_at=GENERATED))
    stage1 = html[html.index('id="stage-1"') : html.index('id="stage-2"')]
    assert expected in stage1.replace("\n", " ")


def test_characters_no_font_can_draw_are_written_out_not_boxed(caplog):
    from triage.notes.glyphs import covered_code_points

    covered = covered_code_points()
    if covered is None or 0x1F644 in covered:
        pytest.skip("needs fontconfig and no installed emoji font")
    record = _record(text="Really? 🙄 Follow the money\x07")
    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf = render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED)))
    text = pdf_text(pdf)
    assert "Really? [U+1F644 FACE WITH ROLLING EYES] Follow the money[U+0007]" in text
    assert not [r for r in caplog.records if "notdef" in r.getMessage()]


def test_urgent_flags_are_on_page_one_and_open_questions_are_worded_for_people():
    text = "Those animals in the asylum hotel on Mill Road. A can of petrol, Saturday 7pm."
    record = _record(text=text, answers={})
    pdf = render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED)))
    first = squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    for phrase in ("Urgent: decide today", "Possible incitement", "Dehumanising language about a protected group"):
        assert squash(phrase) in first
    data = case_file(reference="SC-2026-0902", text="The planning officer Mr Shah is a useless liar.")
    data["answers"] = {"target": "officer"}
    data["posts"][0] |= {"account_kind": "personal_account", "url": "https://www.facebook.com/avery.g/posts/1"}
    record = record_from_case_file(data, result=assess(data).to_dict(), council_name="Testshire District Council")
    everything = squash(pdf_text(render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED)))))
    assert squash("Answers that would change the tool's view most") in everything
    assert squash("Who can answer it:") in everything
    for internal in ("acting_as_councillor", "police_referral", "no_further_action", "urgent-"):
        assert squash(internal) not in everything

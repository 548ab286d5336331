"""Notes produced from the database: full content from a real case, stored versions, reuse of an unchanged case,
a new version on change, older versions still readable, and the audit trail."""

from __future__ import annotations

import pytest

from tests.notes.helpers import (
    COMPLAINANT,
    COMPLAINANT_EMAIL,
    MEMBER,
    MEMBER_EMAIL,
    POST_TEXT,
    THIRD_PARTY_TEXT,
    make_case,
    pdf_text,
    save_page_one_png,
    squash,
    today,
)
from triage.data import audit
from triage.data import notes as note_data
from triage.models.enums import NoteKind
from triage.services import decisions as decision_data


def test_note_from_the_database_has_every_section_and_the_right_details(decided_case, officer, db_session):
    note = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db_session.commit()
    pdf = note_data.read_note(note)
    text = pdf_text(pdf)
    for expected in (
        "Testshire District Council",
        "OFFICIAL-SENSITIVE",
        decided_case.reference,
        "Page 1 of",
        COMPLAINANT,
        MEMBER,
        "cabinet member",
        "Harbour Party",
        "Initial assessment decision notice",
        f"Decision: {decided_case.latest_decision.outcome.label}",
        "Stage 1: does the Code apply?",
        "Stage 2: would it be a breach if proven?",
        "Stage 3: freedom of expression (Article 10)",
        "they are not a decision",
        "investigation is proportionate",
        "Calling a colleague a liar without evidence",
        "Why the decision differs",
        "warned about similar posts twice",
        "Paragraph 1.1 (Respect)",
        "Paragraph 5.1 (Disrepute)",
        "working days against a target of 20",
    ):
        assert expected in text, expected
    assert squash(POST_TEXT) in squash(text)
    assert squash(THIRD_PARTY_TEXT) in squash(text)
    model_version = decided_case.latest_assessment.result["model_version"]
    versions = model_version.values() if isinstance(model_version, dict) else [model_version]
    assert not any(squash(str(v)) in squash(text) for v in versions if v), "no model hash reaches the note"
    respect = decided_case.council.code.paragraphs[0]
    assert respect.ref == "1.1" and squash(respect.text) in squash(text)  # the configured Code's wording
    assert COMPLAINANT_EMAIL not in text and MEMBER_EMAIL not in text
    save_page_one_png(pdf, "assessment-note-from-database-page-1")


def test_screenshot_is_embedded_from_the_allow_list(decided_case, officer, db_session):
    import io

    from pypdf import PdfReader

    note = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    reader = PdfReader(io.BytesIO(note_data.read_note(note)))
    images = {image.name for page in reader.pages for image in page.images}  # resources are shared by pages
    assert len(images) == 1


def test_configured_code_wording_is_quoted_rather_than_the_shipped_text(decided_case, officer, db_session):
    para = decided_case.council.code.paragraphs[0]
    para.text = "Councillors shall treat everyone with courtesy (Testshire adopted wording)."
    db_session.commit()
    note = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    assert "Testshire adopted wording" in pdf_text(note_data.read_note(note))


def test_unchanged_case_reuses_the_stored_file_without_rendering(decided_case, officer, db_session, monkeypatch):
    first = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer)
    db_session.commit()
    assert first.created and first.note.version == 1
    assert first.note.case_version == decided_case.version
    path = note_data.note_path(first.note.sha256)
    assert path.is_file() and path.stat().st_size == first.note.size_bytes

    def boom(*args, **kwargs):
        raise AssertionError("an unchanged case must not be rendered again")

    monkeypatch.setattr(note_data, "render_pdf", boom)
    again = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer)
    assert not again.created and again.note.id == first.note.id
    assert len(note_data.list_notes(decided_case, NoteKind.ASSESSMENT_NOTE)) == 1


def test_a_change_produces_a_new_version_and_older_versions_stay_readable(decided_case, officer, make_user, db_session):
    first = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db_session.commit()
    old_bytes = note_data.read_note(first)
    decision_data.record_consultation(
        decided_case,
        recorded_by=officer,
        independent_person_name="Dr Lee Second-Opinion",
        views="A second Independent Person agrees.",
        consulted_on=today(),
    )
    db_session.commit()
    second = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer)
    db_session.commit()
    assert second.created and second.note.version == 2
    assert "Dr Lee Second-Opinion" in pdf_text(note_data.read_note(second.note))
    assert note_data.read_note(note_data.get_note(decided_case, NoteKind.ASSESSMENT_NOTE, 1)) == old_bytes
    assert "Dr Lee Second-Opinion" not in pdf_text(old_bytes)

    decided_case.summary = "The complainant added a second screenshot."  # the case row changes: version goes up
    db_session.commit()
    third = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer)
    db_session.commit()
    assert third.created and third.note.version == 3 and third.note.case_version == decided_case.version
    assert [n.version for n in note_data.list_notes(decided_case, NoteKind.ASSESSMENT_NOTE)] == [3, 2, 1]


def test_a_new_assessment_produces_a_new_version(app, db_session, council, officer):
    from triage.services import assessing

    case = make_case(app, council, screenshot=False)
    first = note_data.current_note(case, "assessment_note", user=officer).note
    db_session.commit()
    assessing.run_assessment(case, user=officer)
    db_session.commit()
    assert note_data.current_note(case, "assessment_note", user=officer).note.version == first.version + 1


def test_a_stored_file_that_was_altered_is_not_served(decided_case, officer, db_session):
    first = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db_session.commit()
    note_data.note_path(first.sha256).write_bytes(b"%PDF-1.7 tampered")
    with pytest.raises(note_data.NoteFileMissing):
        note_data.read_note(first)
    replacement = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer)
    assert replacement.created and replacement.note.version == 2


def test_generation_and_download_are_audited(decided_case, officer, db_session):
    note = note_data.current_note(decided_case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    note_data.record_download(note, user=officer)
    db_session.commit()
    actions = [e.action for e in audit.entries_for_case(decided_case.id)]
    assert "note.generated" in actions and "note.downloaded" in actions
    generated = next(e for e in audit.entries_for_case(decided_case.id) if e.action == "note.generated")
    assert generated.after["sha256"] == note.sha256 and generated.after["version"] == 1
    assert audit.verify_chain() == []


def test_letters_withhold_the_right_details(app, db_session, council, officer):
    case = make_case(app, council, confidential=True, third_party=True, screenshot=False)
    decision_data.record_decision(
        case,
        outcome=case.latest_assessment.recommendation.value,
        paragraphs=["1.1"],
        reasons="The post is disrespectful.",
        user=officer,
    )
    db_session.commit()
    to_member = pdf_text(note_data.read_note(note_data.current_note(case, "letter_to_member", user=officer).note))
    to_complainant = pdf_text(
        note_data.read_note(note_data.current_note(case, "letter_to_complainant", user=officer).note)
    )
    # The member's letter: no complainant identity (confidentiality asked) and never their contact details.
    assert COMPLAINANT not in to_member and COMPLAINANT_EMAIL not in to_member
    assert "asked for their identity to be kept confidential" in to_member
    assert MEMBER_EMAIL in to_member  # addressed to the member
    # The complainant's letter: addressed to them; no member contact details and no third party's words.
    assert COMPLAINANT in to_complainant and COMPLAINANT_EMAIL in to_complainant
    assert MEMBER in to_complainant
    assert MEMBER_EMAIL not in to_complainant
    assert "Sam Thirdparty" not in to_complainant
    assert squash(POST_TEXT) in squash(to_complainant)
    for text in (to_member, to_complainant):
        assert "The post is disrespectful." in text
        assert "OFFICIAL-SENSITIVE" in text and case.reference in text


def test_member_letter_names_a_complainant_who_did_not_ask_for_confidentiality(app, db_session, council, officer):
    case = make_case(app, council, screenshot=False)
    decision_data.record_decision(
        case, outcome=case.latest_assessment.recommendation.value, paragraphs=["1.1"], reasons="R.", user=officer
    )
    db_session.commit()
    to_member = pdf_text(note_data.read_note(note_data.current_note(case, "letter_to_member", user=officer).note))
    assert COMPLAINANT in to_member and COMPLAINANT_EMAIL not in to_member


def test_letters_need_a_decision(app, db_session, council, officer):
    case = make_case(app, council, screenshot=False, assess=False)
    with pytest.raises(note_data.NoteUnavailable):
        note_data.current_note(case, "letter_to_member", user=officer)
    note = note_data.current_note(case, "assessment_note", user=officer).note  # an unassessed case still has a note
    assert "The tool has not assessed this case." in pdf_text(note_data.read_note(note))


def test_two_requests_rendering_the_same_version_keep_one_row(app, db_session, council, officer, monkeypatch):
    """A second officer stored version 1 while this request was rendering: this request uses theirs."""
    from sqlalchemy.orm import Session

    from triage.extensions import db
    from triage.models import Note

    case = make_case(app, council, screenshot=False)
    real_render = note_data.render_pdf
    ours: dict[str, str] = {}

    def render_while_someone_else_stores(html, **kwargs):
        import hashlib

        pdf = real_render(html, **kwargs)
        ours["sha256"] = hashlib.sha256(pdf).hexdigest()
        other = real_render(html.replace("</body>", "<p>theirs</p></body>"), **kwargs)
        digest, _ = note_data._store(other)
        with Session(db.engine) as session:
            session.add(
                Note(
                    case_id=case.id,
                    kind="assessment_note",
                    version=1,
                    case_version=case.version,
                    sha256=digest,
                    size_bytes=len(other),
                )
            )
            session.commit()
        return pdf

    monkeypatch.setattr(note_data, "render_pdf", render_while_someone_else_stores)
    note = note_data.generate_note(case, "assessment_note", user=officer)
    db_session.commit()
    assert note.version == 1
    assert len(note_data.list_notes(case, "assessment_note")) == 1
    assert note_data.read_note(note)  # the stored row's file is intact
    stored = {p.name for p in note_data.notes_folder().iterdir()}
    assert f"{note.sha256}.pdf" in stored
    assert f"{ours['sha256']}.pdf" not in stored  # the losing render's file is not left behind


def test_a_draft_becomes_the_decision_notice_and_says_what_changed(app, db_session, council, officer):
    case = make_case(app, council)
    first = note_data.current_note(case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db_session.commit()
    assert "Draft assessment — not a decision" in pdf_text(note_data.read_note(first))
    assert note_data.download_name(case, first).endswith("draft-assessment-v1.pdf")
    decision_data.record_decision(
        case,
        outcome=case.latest_assessment.recommendation.value,
        paragraphs=["1.1"],
        reasons="The post is rude but political; no action is proportionate.",
        user=officer,
    )
    db_session.commit()
    second = note_data.current_note(case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db_session.commit()
    text = squash(pdf_text(note_data.read_note(second)))
    assert second.version == 2
    assert squash("Initial assessment decision notice") in text
    assert squash("Changed since version 1: a decision was recorded") in text
    titles = note_data.note_titles(case, [first, second])
    assert titles[first.id].startswith("Draft") and titles[second.id] == "Initial assessment decision notice"

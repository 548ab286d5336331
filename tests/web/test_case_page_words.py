"""The case page speaks to people: over a spread of sample cases, no rule id, stored value, weight, hash or path
reaches the page, and sources are cited from the one registry."""

from __future__ import annotations

import json

import pytest

from tests.notes.test_note_content import SPREAD, internal_tokens
from triage.data.cases import create_case_from_file
from triage.services.assessing import run_assessment


@pytest.mark.slow
def test_case_pages_of_the_sample_cases_carry_no_internal_tokens(client, sign_in, council, db_session):
    sign_in("monitoring_officer")
    for path in SPREAD[::3]:
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("expected", None)
        data.pop("reference", None)
        case = create_case_from_file(council, data)
        run_assessment(case)
        db_session.commit()
        page = client.page(f"/cases/{case.reference}")
        main = page.select_one("main")
        for hidden in main.select("blockquote, .app-post__text, [data-post-text], a"):
            hidden.decompose()  # the post's own words and links may contain anything
        text = " ".join(main.get_text(" ").split())
        posts = " ".join(p.get("text") or "" for p in data.get("posts") or [])
        scrubbed = " ".join(t for t in text.split() if t not in posts and not any(c in t for c in "/?=&"))
        assert internal_tokens(scrubbed) == [], path.name


def test_the_case_page_cites_sources_from_the_registry(client, sign_in, make_case_with_assessment):
    sign_in("monitoring_officer")
    case = make_case_with_assessment()
    text = " ".join(client.page(f"/cases/{case.reference}").get_text(" ").split())
    assert "Localism Act 2011, s.27(2)" in text  # the registry's citation, not the rule's shorthand


@pytest.fixture
def make_case_with_assessment(db_session, council):
    from tests.web.test_cases import case_file

    def _make():
        case = create_case_from_file(council, case_file())
        run_assessment(case)
        db_session.commit()
        return case

    return _make


def test_triage_assess_lists_the_sources_it_cites(tmp_path):
    from click.testing import CliRunner

    from tests.web.test_cases import case_file
    from triage.commands.assess import assess

    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_file(reference="SC-2026-0001")), encoding="utf-8")
    result = CliRunner().invoke(assess, [str(path)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.splitlines()[0])
    citations = {s["citation"] for s in out["sources"]}
    assert "Localism Act 2011, s.27" in citations
    assert all(s["url"].startswith("https://") or not s["url"] for s in out["sources"])


def test_the_case_page_and_the_note_word_the_tools_view_the_same(
    client, sign_in, make_case_with_assessment, db_session
):
    from tests.notes.helpers import pdf_text, squash
    from triage.data import notes as note_data
    from triage.models.enums import NoteKind
    from triage.scoring.view import AssessmentView

    officer = sign_in("monitoring_officer")
    case = make_case_with_assessment()
    result = case.latest_assessment.result
    page = client.page(f"/cases/{case.reference}")
    view = AssessmentView.of(result)
    assert page.select_one("#article10").get_text(strip=True) == view.article10_sentence
    assert page.select_one("#engaged-sentence").get_text(strip=True) == view.engaged_sentence
    assert page.select_one("#status-sentence").get_text(strip=True) == view.status_sentence
    note = note_data.current_note(case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db_session.commit()
    text = squash(pdf_text(note_data.read_note(note)))
    for sentence in (view.article10_sentence, view.engaged_sentence, view.status_sentence):
        assert squash(sentence) in text, sentence

"""The note's "Steps taken" table: every referral, the Independent Person's views, each decision and review, and
each hearing, in the order they happened, in words a panel member reads without help."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.conftest import REPO_ROOT
from tests.notes.test_note_content import internal_tokens, record_for
from triage.notes import build_note_context, render_note_html

GENERATED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SAMPLE = sorted((REPO_ROOT / "sample_cases").glob("[0-9]*.json"))[0]


def _record() -> dict:
    record = record_for(SAMPLE, decided=True)
    record["received_on"] = "2026-10-01"
    record["referrals"] = [
        {"person": "Jo Independent", "purpose": "consultation", "referred_at": datetime(2026, 10, 5, 9, tzinfo=UTC)},
        {
            "person": "Pat Panel",
            "purpose": "hearing",
            "referred_at": datetime(2026, 11, 30, 11, tzinfo=UTC),
            "withdrawn_at": None,
        },
        {
            "person": "Lee Left",
            "purpose": "hearing",
            "referred_at": datetime(2026, 11, 30, 10, 30, tzinfo=UTC),
            "withdrawn_at": datetime(2026, 11, 30, 10, 45, tzinfo=UTC),
        },
    ]
    record["consultations"] = [
        {
            "independent_person": "Jo Independent",
            "stage": "assessment",
            "consulted_on": date(2026, 10, 9),
            "views": "Investigate.",
            "recorded_at": datetime(2026, 10, 9, 16, tzinfo=UTC),
        }
    ]
    first = dict(record["decisions"][0], outcome="investigation", decided_at="2026-10-12T10:00:00+00:00")
    review = dict(first, outcome="informal_resolution", decided_at="2026-11-30T15:00:00+00:00", review_reason="x")
    record["decisions"] = [first, review]
    record["hearings"] = [
        {
            "held_on": date(2026, 11, 30),
            "panel": "Three members",
            "findings": {"1.1": "breach", "1.2": "no_breach"},
            "sanction": "Formal censure",
            "reasons": "Found.",
            "recorded_at": datetime(2026, 11, 30, 12, tzinfo=UTC),
        }
    ]
    return record


def test_steps_are_listed_in_the_order_they_happened_even_on_one_day():
    steps = build_note_context(_record(), generated_at=GENERATED)["steps"]
    assert [(s["on"], s["text"]) for s in steps] == [
        (date(2026, 10, 1), "The complaint was received."),
        (date(2026, 10, 5), "Referred to Jo Independent for their views as Independent Person."),
        (date(2026, 10, 9), "Jo Independent gave their views."),
        (date(2026, 10, 12), "Decision: refer for investigation."),
        (date(2026, 11, 30), "Referred to Lee Left for a standards panel hearing."),
        (date(2026, 11, 30), "The referral to Lee Left was withdrawn."),
        (date(2026, 11, 30), "Referred to Pat Panel for a standards panel hearing."),
        (date(2026, 11, 30), "Standards panel hearing: breach found (paragraph 1.1); sanction: formal censure."),
        (date(2026, 11, 30), "The decision was reviewed; the new decision: informal resolution."),
    ]


def test_the_steps_table_is_in_the_note_in_plain_words():
    html = render_note_html(build_note_context(_record(), generated_at=GENERATED))
    assert "Steps taken" in html
    assert "Referred to Pat Panel for a standards panel hearing." in html
    table = html[html.index('id="steps"') : html.index("</table>", html.index('id="steps"'))]
    assert internal_tokens(table) == []


def test_a_case_with_nothing_done_yet_lists_only_its_receipt():
    record = record_for(SAMPLE)
    record["received_on"] = "2026-10-01"
    steps = build_note_context(record, generated_at=GENERATED)["steps"]
    assert [s["text"] for s in steps] == ["The complaint was received."]

"""Each closed vocabulary has one home for its labels, and pages, PDFs and charts read the same words."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from triage import formatting, vocabulary
from triage.models import enums


@pytest.mark.parametrize("vocab", vocabulary.ALL, ids=lambda v: v.__name__)
def test_every_value_has_a_distinct_label_for_people(vocab):
    labels = [member.label for member in vocab]
    assert all(label and label[0].isupper() and "_" not in label for label in labels)
    assert len(set(labels)) == len(labels), "two values of one vocabulary read the same"
    assert all(member.answer for member in vocab)


def test_the_models_store_the_vocabulary_itself_not_a_copy():
    for name in enums.__all__:
        assert getattr(enums, name) is getattr(vocabulary, name)


def test_every_place_that_shows_a_platform_role_or_outcome_uses_the_same_words(app):
    from triage.cases import workflow
    from triage.data import dashboard_queries
    from triage.notes import wording
    from triage.web.intake import forms

    x = vocabulary.Platform.X
    assert dashboard_queries.PLATFORM_LABELS["x"] == wording.label("x") == x.label == "X (formerly Twitter)"
    leader = vocabulary.MemberRole.LEADER
    assert dashboard_queries.ROLE_LABELS["leader"] == forms.ROLE_LABELS[leader] == wording.label("leader")
    investigation = vocabulary.Outcome.INVESTIGATION
    assert workflow.OUTCOME_LABELS[investigation] == wording.label("investigation") == "Refer for investigation"
    assert app.jinja_env.filters["label"]("investigation") == investigation.label


def test_a_bare_value_that_two_vocabularies_share_is_read_in_the_one_named():
    assert vocabulary.label("officer", vocabulary.ComplainantKind) == "Council officer or employee"
    assert vocabulary.label("email", vocabulary.ReceivedVia) == "Email"
    assert vocabulary.label(None) == "Not recorded"
    assert vocabulary.label("something_new") == "Something new"


def test_times_are_shown_in_uk_time_on_pages_and_in_notes(app):
    from triage.notes import render

    summer_late = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert formatting.format_datetime(summer_late) == "2 July 2026 at 00:30"
    assert formatting.format_datetime(datetime(2026, 12, 1, 23, 30)) == "1 December 2026 at 23:30"
    assert formatting.format_date(summer_late) == "2 July 2026"
    assert formatting.format_date(date(2026, 3, 9)) == "9 March 2026"
    assert app.jinja_env.filters["datetime"] is render.format_datetime is formatting.format_datetime

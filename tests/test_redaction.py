"""Personal details found and removed from text that leaves the case file: known names (in full, by surname, run
together as a handle), emails, UK phone numbers, postcodes and street addresses."""

from __future__ import annotations

import pytest

from triage import redaction


def test_known_names_and_personal_details_are_replaced_not_covered():
    text = (
        "Cllr Tom Briggs lives at 12 Mill Road, Harrowden HD1 4XY. Call 07700 900123 or email "
        "tom@briggs.example.com. Follow @CllrTomBriggs. Briggs again."
    )
    out = redaction.scrub(text, ["Cllr Tom Briggs"])
    for gone in ("Tom Briggs", "Briggs", "12 Mill Road", "HD1 4XY", "07700 900123", "tom@briggs.example.com"):
        assert gone not in out, gone
    assert "[address removed]" in out and "[postcode removed]" in out and "[phone number removed]" in out
    assert "[email removed]" in out and out.count("[name removed]") == 3


@pytest.mark.parametrize(
    "kept",
    [
        "The Cabinet member for Environment promised this would be seamless.",
        "Vote on 4 May. The budget is £12 million. Item 7 of the agenda.",
        "A lovely day at the fete on the village green.",
    ],
)
def test_ordinary_political_words_are_left_alone(kept):
    assert redaction.scrub(kept, ["Cllr Tom Briggs"]) == kept


def test_web_addresses_go_when_asked_because_they_name_the_account():
    out = redaction.scrub("See https://facebook.com/CllrTomBriggs/posts/1 now", [], urls=True)
    assert out == "See [web address removed] now"


def test_spans_never_overlap_and_the_longer_wins():
    spans = redaction.suggest("Tom Briggs", ["Tom Briggs"])
    assert [(s.start, s.end) for s in spans] == [(0, 10)]

"""One reading of a scored result for people: the case page, the note and the API take their words from here."""

from __future__ import annotations

import re

from triage.scoring.view import OUTCOME_WORDS, AssessmentView, depends_on
from triage.vocabulary import Outcome

RESULT = {
    "recommendation": "investigation",
    "status": "needs_information",
    "code_engaged_probability": 0.55,
    "breach_probability": 0.81,
    "recommendation_probabilities": {"no_further_action": 0.3, "investigation": 0.6, "informal_resolution": 0.1},
    "open_questions": [
        {
            "id": "acting_as_councillor",
            "question": "Was the member acting, or seen to act, as a councillor?",
            "recommendation": {"yes": "investigation", "no": "no_further_action"},
            "ask": ["member", "complainant"],
        }
    ],
    "authorship": {"value": "unknown", "origin": "unknown", "why": ""},
    "article10": {"protected": True, "level": "enhanced"},
    "urgent": [{"id": "RISK-THREAT", "kind": "threat", "title": "Threat of violence", "text": "t", "action": "a"}],
}


def test_the_view_words_every_part_of_a_result_once():
    view = AssessmentView.of(RESULT)
    assert view.recommendation_label == Outcome.INVESTIGATION.label
    assert view.needs_information and view.status_label == "More information needed"
    assert view.status_sentence.startswith("More information needed.")
    assert view.engaged_sentence == (
        "Whether the Code applies depends on the answer to: was the member acting, or seen to act, as a councillor."
    )
    assert view.authorship_sentence.startswith("Authorship is not yet confirmed")
    assert view.article10_sentence == "The posts look like expression that Article 10 protects (enhanced protection)."
    assert [c.outcome for c in view.outcome_chances] == ["investigation", "no_further_action", "informal_resolution"]
    assert view.outcome_chances[0].percent == "60%"
    assert view.open_questions[0]["ask"] == "Who can answer it: the member or the complainant."
    assert (
        view.open_questions[0]["effect"]
        == "If yes, the tool would suggest refer for investigation; if no, no further action."
    )


def test_no_result_no_view():
    assert AssessmentView.of(None) is None and AssessmentView.of({}) is None


def test_the_api_words_carry_no_internal_names():
    words = AssessmentView.of(RESULT).to_dict()
    assert words["urgent"] == [{"title": "Threat of violence", "text": "t", "action": "a"}]  # no rule id, no kind
    text = " ".join(str(v) for v in words.values() if isinstance(v, str))
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text  # no enum values in the sentences


def test_depends_on_names_the_first_open_question_of_the_stage():
    assert depends_on(RESULT["open_questions"], "capacity").startswith("the answer to: was the member")
    assert depends_on(RESULT["open_questions"], "article10") == ""
    assert set(OUTCOME_WORDS) == {o.value for o in Outcome}


def test_a_stored_result_round_trips_through_the_typed_assessment(text_models):
    import json

    from tests.scoring.cases import ABUSIVE, case
    from triage.scoring.assess import assess
    from triage.scoring.types import Assessment

    data = case(text=ABUSIVE, answers={"about_individual": "yes", "acting_as_councillor": "yes"})
    stored = json.loads(json.dumps(assess(data, text_models=text_models).to_dict()))  # as kept in the database
    assert stored["reasons"], "a result with reasons, so the round trip covers them"
    assert Assessment.from_dict(stored).to_dict() == stored

"""Structured questions: one per schema answer, ordered and grouped, with sourced hints and prefills."""

from __future__ import annotations

from tests.scoring.cases import case
from triage.casefile import answer_ids, case_file_schema
from triage.casefile.model import CaseFile
from triage.scoring.questions import GROUPS, QUESTIONS, QUESTIONS_BY_ID, questions_in_group, resolve_answers


def test_one_question_per_schema_answer():
    assert [q.id for q in QUESTIONS] and {q.id for q in QUESTIONS} == set(answer_ids())
    assert len(QUESTIONS) == len(answer_ids())


def test_options_match_the_schema():
    props = case_file_schema()["properties"]["answers"]["properties"]
    for q in QUESTIONS:
        allowed = props[q.id].get("enum") or ["yes", "no", "unknown"]
        assert list(q.options) == list(allowed), q.id


def test_questions_are_grouped_in_form_order():
    group_order = [g for g, _ in GROUPS]
    positions = [group_order.index(q.group) for q in QUESTIONS]
    assert positions == sorted(positions)
    assert all(questions_in_group(g) for g in group_order)


def test_every_question_has_text_hint_and_source():
    for q in QUESTIONS:
        assert q.text.endswith("?") and q.hint and q.source
        data = q.to_dict()
        assert data["options"][0]["label"] and "prefill" not in data


def prefill(qid, data):
    return QUESTIONS_BY_ID[qid].prefill(CaseFile.read(data))


def test_high_profile_from_role():
    assert prefill("high_profile", case(role="cabinet_member"))[0] == "yes"
    assert prefill("high_profile", case(role="parish_councillor"))[0] == "no"
    assert prefill("high_profile", case(role="former_member")) is None


def test_identified_only_from_the_members_own_handle_bio_or_sign_off():
    assert prefill("identified_as_councillor", case(text="Our budget is fair.\n- Cllr Amy Reed"))[0] == "yes"
    assert prefill("identified_as_councillor", case(text="As your local councillor I back this."))[0] == "yes"
    assert prefill("identified_as_councillor", case(url="https://x.com/CllrAmyReed"))[0] == "yes"
    assert prefill("identified_as_councillor", case(handle="@CllrAmyReed"))[0] == "yes"
    assert prefill("identified_as_councillor", case(bio="Councillor for Mill Ward"))[0] == "yes"
    # someone else's title in the text says nothing about how the writer presents themselves
    assert prefill("identified_as_councillor", case(text="Cllr Tom Briggs is wrong about the bins")) is None
    assert prefill("identified_as_councillor", case(text="Councillor Amy Reed writes")) is None
    assert prefill("identified_as_councillor", case(text="The councillors voted")) is None
    assert prefill("identified_as_councillor", case(url="https://x.com/Cllr_Amy"))[0] == "yes"
    assert prefill("identified_as_councillor", case(account_kind="councillor_account"))[0] == "yes"
    assert prefill("identified_as_councillor", case(text="Nice day")) is None


def test_resources_and_acting_from_official_account():
    data = case(account_kind="council_official_account")
    assert prefill("council_resources_used", data)[0] == "yes"
    assert prefill("acting_as_councillor", data)[0] == "yes"
    assert prefill("council_resources_used", case()) is None
    # a councillor-branded account is evidence for the scorer to weigh, not an answer
    assert prefill("acting_as_councillor", case(account_kind="councillor_account")) is None


def test_political_expression_is_never_prefilled():
    assert QUESTIONS_BY_ID["political_expression"].prefill is None


def test_time_limit_is_six_calendar_months():
    assert prefill("within_time_limit", case(posted_on="2024-08-31", received_on="2025-02-28"))[0] == "yes"
    assert prefill("within_time_limit", case(posted_on="2024-08-31", received_on="2025-03-01"))[0] == "no"
    assert prefill("within_time_limit", case(posted_on="2025-01-01", received_on="2025-03-01"))[0] == "yes"
    no_date = case()
    del no_date["received_on"]
    assert prefill("within_time_limit", no_date) is None


def test_third_party_and_removal_prefills():
    data = case(posts=[{"text": "mine", "removed": "yes"}, {"text": "theirs", "author": "third_party"}])
    assert prefill("third_party_content_left_up", data)[0] == "yes"
    assert prefill("post_removed", data)[0] == "yes"
    assert prefill("third_party_content_left_up", case()) is None
    assert prefill("post_removed", case(removed="no"))[0] == "no"


def test_removal_is_never_read_as_an_apology():
    data = case(answers={"apology_or_removal": "yes"})
    resolved = resolve_answers(data)
    assert resolved["post_removed"].value == "yes"
    assert resolved["apologised"].value == "unknown"


def test_time_limit_runs_from_when_the_complainant_learned_of_the_post():
    data = case(posted_on="2024-01-10", received_on="2025-03-01")
    assert prefill("within_time_limit", data)[0] == "no"
    data["complainant_learned_on"] = "2025-01-20"
    assert prefill("within_time_limit", data)[0] == "yes"


def test_repeated_from_three_dates():
    posts = [{"text": "a", "posted_on": d} for d in ("2025-01-01", "2025-01-05", "2025-01-09")]
    assert prefill("repeated_conduct", case(posts=posts))[0] == "yes"
    assert prefill("repeated_conduct", case()) is None


def test_resolve_answers_marks_origin():
    resolved = resolve_answers(case(role="leader", answers={"target": "officer", "tit_for_tat": "unknown"}))
    assert resolved["target"].origin == "officer"
    assert resolved["high_profile"].origin == "implied" and resolved["high_profile"].why
    assert resolved["tit_for_tat"].value == "unknown" and resolved["tit_for_tat"].origin == "unknown"

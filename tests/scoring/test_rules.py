"""Every rule fires on a minimal case and not on its counterpart."""

from __future__ import annotations

import pytest

from tests.scoring.cases import ABUSIVE, COUNCIL, MILD, VILE, case
from triage.codes import code_for
from triage.scoring.features import build_facts
from triage.scoring.rules import RULES, RULES_BY_ID
from triage.scoring.types import STAGES

Y, N = "yes", "no"
PRIVATE = {"council_business": N}

# rule id -> (case that fires it, counterpart case that does not)
CASES: dict[str, tuple[dict, dict]] = {
    "JUR-NOT-IN-OFFICE": (case(in_office=N), case(in_office=Y)),
    "JUR-FORMER-MEMBER": (case(role="former_member", in_office=None), case(role="former_member", in_office=Y)),
    "JUR-IN-OFFICE": (case(in_office=Y), case(in_office=None)),
    "JUR-CODE-NOT-IN-FORCE": (
        case(jurisdiction="scotland", posted_on="2021-06-01", received_on="2021-07-01"),
        case(jurisdiction="scotland", posted_on="2022-06-01", received_on="2022-07-01"),
    ),
    "AUTH-NOT-MEMBER": (case(answers={"authorship": N}), case(answers={"authorship": Y})),
    "AUTH-UNCONFIRMED": (
        case(account_kind="anonymous_account"),
        case(account_kind="anonymous_account", answers={"authorship": Y}),
    ),
    "CAP-ACTING": (case(answers={"acting_as_councillor": Y}), case(answers={"acting_as_councillor": N})),
    "CAP-NOT-ACTING": (case(answers={"acting_as_councillor": N}), case(answers={"acting_as_councillor": Y})),
    "CAP-CLLR-HANDLE": (
        case(answers={"identified_as_councillor": Y}),
        case(answers={"identified_as_councillor": N}),
    ),
    "CAP-SCOT-IDENTIFIED": (
        case(jurisdiction="scotland", answers={"identified_as_councillor": Y}),
        case(jurisdiction="england", answers={"identified_as_councillor": Y}),
    ),
    "CAP-COUNCILLOR-ACCOUNT": (case(account_kind="councillor_account"), case(account_kind="personal_account")),
    "CAP-COUNCIL-BUSINESS": (case(answers={"council_business": Y}), case(answers={"council_business": N})),
    "CAP-SCOT-OBJECTIVE": (
        case(jurisdiction="scotland", answers={"council_business": Y}),
        case(jurisdiction="scotland", answers={"council_business": N}),
    ),
    "CAP-TEXT-COUNCIL-BUSINESS": (case(text=COUNCIL), case(text=COUNCIL, answers={"council_business": N})),
    "CAP-NON-PUBLIC-INFO": (case(answers={"non_public_information": Y}), case(answers={"non_public_information": N})),
    "CAP-RESOURCES": (case(answers={"council_resources_used": Y}), case(answers={"council_resources_used": N})),
    "CAP-HIGH-PROFILE": (case(role="leader"), case(role="councillor")),
    "CAP-PRIVATE-MATTER": (case(answers=PRIVATE), case(answers={"council_business": Y})),
    "CAP-SCOT-PRIVATE-LIFE": (
        case(jurisdiction="scotland", answers=PRIVATE),
        case(jurisdiction="scotland", answers={**PRIVATE, "identified_as_councillor": Y}),
    ),
    "CAP-NO-PRESUMPTION": (case(text=MILD), case(text=MILD, answers={"acting_as_councillor": N})),
    "CAP-PRIVATE-CHANNEL": (
        case(visibility="private_message", answers=PRIVATE),
        case(visibility="public", answers=PRIVATE),
    ),
    "CAP-WALES-ANY-TIME": (
        case(jurisdiction="wales", answers={"discriminatory": Y}),
        case(jurisdiction="england", answers={"discriminatory": Y}),
    ),
    "BR-RESPECT-PERSONAL": (
        case(text=ABUSIVE, answers={"about_individual": Y}),
        case(text=ABUSIVE, answers={"about_individual": N}),
    ),
    "BR-RESPECT-OFFICER": (
        case(text=ABUSIVE, answers={"about_individual": Y, "target": "officer"}),
        case(text=ABUSIVE, answers={"about_individual": Y, "target": "councillor"}),
    ),
    "BR-RESPECT-PUBLIC": (
        case(text=ABUSIVE, answers={"target": "member_of_public"}),
        case(text=MILD, answers={"target": "member_of_public"}),
    ),
    "BR-PERSONAL-NOT-POLITICAL": (
        case(text=ABUSIVE, answers={"about_individual": Y, "target": "member_of_public", "political_expression": N}),
        case(text=ABUSIVE, answers={"about_individual": Y, "target": "member_of_public", "political_expression": Y}),
    ),
    "BR-THIRD-PARTY-LEFT-UP": (
        case(answers={"third_party_content_left_up": Y}),
        case(answers={"third_party_content_left_up": N}),
    ),
    "BR-POSITION-WORDING": (
        case(text="Had a quiet word with the planning team and it went through."),
        case(text="Had a word with residents about the planning application."),
    ),
    "BR-BULLYING": (
        case(answers={"repeated_conduct": Y, "about_individual": Y, "target": "officer"}),
        case(answers={"repeated_conduct": N, "about_individual": Y, "target": "officer"}),
    ),
    "BR-IMPARTIALITY": (
        case(answers={"target": "officer", "about_individual": Y, "political_expression": N}),
        case(answers={"target": "officer", "about_individual": Y, "political_expression": Y}),
    ),
    "BR-HARASSMENT-THREAT": (case(answers={"threatening": Y}), case(answers={"threatening": N})),
    "BR-EQUALITY": (case(answers={"discriminatory": Y}), case(answers={"discriminatory": N})),
    "BR-CONFIDENTIALITY": (case(answers={"non_public_information": Y}), case(answers={"non_public_information": N})),
    "BR-DISREPUTE-FALSE": (
        case(answers={"false_statement_of_fact": Y, "about_individual": Y}),
        case(answers={"false_statement_of_fact": Y, "about_individual": N}),
    ),
    "BR-DISREPUTE-SERIOUS": (case(answers={"threatening": Y}), case(text=MILD)),
    "BR-POSITION": (
        case(text=ABUSIVE, answers={"non_public_information": Y, "about_individual": Y}),
        case(text=MILD, answers={"non_public_information": Y, "about_individual": Y}),
    ),
    "BR-RESOURCES": (case(answers={"council_resources_used": Y}), case(answers={"council_resources_used": N})),
    "BR-INTIMIDATION": (
        case(text="Withdraw your complaint or you will regret it.", answers={"threatening": Y, "about_individual": Y}),
        case(text="You will regret it.", answers={"threatening": Y, "about_individual": Y}),
    ),
    "BR-ENDORSEMENT": (case(text=ABUSIVE, interaction="share"), case(text=ABUSIVE, interaction="original_post")),
    "BR-GENERAL-POLITICAL": (
        case(answers={"political_expression": Y, "about_individual": N}),
        case(answers={"political_expression": Y, "about_individual": Y}),
    ),
    "BR-NO-BREACH-CONTENT": (case(text=MILD), case(text=MILD, answers={"discriminatory": Y})),
    "A10-POLITICAL": (case(answers={"political_expression": Y}), case(answers={"political_expression": N})),
    "A10-POLITICIAN-TARGET": (case(answers={"target": "councillor"}), case(answers={"target": "officer"})),
    "A10-VALUE-JUDGEMENT": (
        case(answers={"false_statement_of_fact": N, "political_expression": Y}),
        case(answers={"false_statement_of_fact": Y, "political_expression": Y}),
    ),
    "A10-OFFICER-TARGET": (
        case(answers={"target": "officer", "about_individual": Y}),
        case(answers={"target": "councillor", "about_individual": Y}),
    ),
    "A10-PUBLIC-TARGET": (case(answers={"target": "member_of_public"}), case(answers={"target": "councillor"})),
    "A10-FALSE-FACT": (case(answers={"false_statement_of_fact": Y}), case(answers={"false_statement_of_fact": N})),
    "A10-GRATUITOUS-ABUSE": (
        case(text=ABUSIVE, answers={"about_individual": Y}),
        case(text=ABUSIVE, answers={"about_individual": N}),
    ),
    "A10-HATE": (case(answers={"discriminatory": Y}), case(answers={"discriminatory": N})),
    "A10-THREAT": (case(answers={"threatening": Y}), case(answers={"threatening": N})),
    "PI-APOLOGY": (case(answers={"apologised": Y}), case(answers={"apologised": N})),
    "PI-REMOVED": (case(answers={"post_removed": Y}), case(answers={"post_removed": N})),
    "FLAG-ROUTE-PARISH": (case(role="parish_councillor"), case(role="councillor")),
    "FLAG-SIGNPOST-POLICE": (
        case(in_office=N, answers={"threatening": Y}),
        case(in_office=Y, answers={"threatening": Y}),
    ),
    "PI-TIT-FOR-TAT": (case(answers={"tit_for_tat": Y}), case(answers={"tit_for_tat": N})),
    "PI-OUT-OF-TIME": (case(posted_on="2024-01-01"), case(posted_on="2025-02-01")),
    "PI-REPEATED": (case(answers={"repeated_conduct": Y}), case(answers={"repeated_conduct": N})),
    "PI-TRIVIAL": (case(text=MILD, answers={"about_individual": N}), case(text=MILD, answers={"about_individual": Y})),
    "PI-LEFT-OFFICE": (case(role="former_member", in_office=Y), case(role="councillor", in_office=Y)),
    "PI-HIGH-PROFILE-SERIOUS": (
        case(role="leader", answers={"threatening": Y}),
        case(role="councillor", answers={"threatening": Y}),
    ),
    "FLAG-POLICE-THREAT": (case(answers={"threatening": Y}), case(answers={"threatening": N})),
    "FLAG-THREAT-WORDING": (case(text="Watch your back."), case(text="Watch your back.", answers={"threatening": N})),
    "FLAG-POLICE-GROSSLY-OFFENSIVE": (
        case(text=VILE, answers={"discriminatory": Y}),
        case(text=MILD, answers={"discriminatory": Y}),
    ),
    "FLAG-POLICE-FALSE-HARMFUL": (
        case(answers={"false_statement_of_fact": Y, "target": "member_of_public"}),
        case(answers={"false_statement_of_fact": Y, "target": "councillor"}),
    ),
    "FLAG-THIRD-PARTY": (
        case(answers={"third_party_content_left_up": Y}),
        case(answers={"third_party_content_left_up": N}),
    ),
    "FLAG-NON-PUBLIC-INFO": (case(answers={"non_public_information": Y}), case(answers={"non_public_information": N})),
    "FLAG-LIKES-SHARES": (case(interaction="like"), case(interaction="original_post")),
    "FLAG-ANONYMOUS": (case(complainant="anonymous"), case(complainant="member_of_public")),
    "FLAG-DUPLICATE": ({**case(), "duplicate_of": "SC-2025-0001"}, case()),
    "FLAG-ROUTE-PSOW": (case(jurisdiction="wales"), case(jurisdiction="england")),
    "FLAG-ROUTE-ESC": (case(jurisdiction="scotland"), case(jurisdiction="england")),
}


def fires(rule_id: str, data: dict, text_models) -> bool:
    facts = build_facts(data, code_for(data), text_models)
    return RULES_BY_ID[rule_id].applies(facts)


def test_every_rule_has_a_test_pair():
    assert set(CASES) == {r.id for r in RULES}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_case_and_not_on_the_counterpart(rule_id, text_models):
    firing, counterpart = CASES[rule_id]
    assert fires(rule_id, firing, text_models), f"{rule_id} should fire"
    assert not fires(rule_id, counterpart, text_models), f"{rule_id} should not fire on the counterpart"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_fully_described(rule):
    assert rule.id == rule.id.upper() and rule.id.count("-") >= 1
    assert rule.stage in STAGES
    assert rule.text.endswith(".") and len(rule.text) > 30
    assert rule.source and all(rule.source)
    assert rule.effect in {
        "+capacity",
        "-capacity",
        "not_engaged",
        "-breach",
        "protects",
        "unprotected",
        "-protection",
        "+action",
        "-action",
        "mitigates",
        "check",
    } or rule.effect.startswith(("+breach:", "flag:"))


def test_ids_are_unique():
    assert len({r.id for r in RULES}) == len(RULES)


@pytest.mark.parametrize(
    ("jurisdiction", "expected"),
    [
        ("england", "LGA Model Councillor Code of Conduct 2020, para 1.2"),
        ("wales", "(2008 Order as amended in 2016), para 4(b)"),
        ("scotland", "Councillors' Code of Conduct (Scotland) 2021, para 3.1"),
    ],
)
def test_code_topic_sources_resolve_to_the_configured_code(jurisdiction, expected, text_models):
    data = case(jurisdiction=jurisdiction, text=ABUSIVE, answers={"about_individual": Y, "target": "officer"})
    facts = build_facts(data, code_for(data), text_models)
    assert expected in RULES_BY_ID["BR-RESPECT-OFFICER"].resolved_source(facts)


def test_leicestershire_code_cites_its_own_numbering(text_models):
    data = case(code="leicestershire-common", answers={"false_statement_of_fact": Y, "about_individual": Y})
    facts = build_facts(data, code_for(data), text_models)
    assert "Common Code of Conduct for Leicestershire, para 5 (Disrepute)" in RULES_BY_ID[
        "BR-DISREPUTE-FALSE"
    ].resolved_source(facts)


def test_scotland_has_no_disrepute_paragraph_and_says_so(text_models):
    data = case(jurisdiction="scotland", answers={"threatening": Y})
    facts = build_facts(data, code_for(data), text_models)
    source = RULES_BY_ID["BR-DISREPUTE-SERIOUS"].resolved_source(facts)
    assert "Councillors' Code of Conduct (Scotland) 2021, para 3.1" in source
    assert "the nearest to disrepute" in source


def test_council_text_fixture_is_council_business(text_models):
    assert text_models.score_one(COUNCIL)["council_business"] >= 0.5
    assert text_models.score_one(MILD)["offensive"] < 0.5
    assert text_models.score_one(VILE)["offensive"] >= 0.8


def test_mild_words_about_a_named_councillor_are_never_a_breach(text_models):
    data = case(text="Lovely to see Cllr Patel at the fete.", answers={"about_individual": Y, "target": "councillor"})
    facts = build_facts(data, code_for(data), text_models)
    assert not [r.id for r in RULES if r.topic and r.applies(facts)]


def test_an_unknown_target_is_never_reported_as_no_individual_targeted(text_models):
    # "Unknown stays unknown": the minor-matter reason says "no individual is targeted", true only on a "no"
    unknown = case(text=MILD)
    assert not fires("PI-TRIVIAL", unknown, text_models)
    assert fires("PI-TRIVIAL", case(text=MILD, answers={"about_individual": N}), text_models)


@pytest.mark.parametrize("rule_id", ["BR-PERSONAL-NOT-POLITICAL", "BR-IMPARTIALITY"])
def test_an_unanswered_political_question_is_not_read_as_not_political(rule_id, text_models):
    # both reasons say the post is "not political" or "outside political debate": true only on a "no"
    firing, _ = CASES[rule_id]
    answers = {k: v for k, v in firing["answers"].items() if k != "political_expression"}
    assert not fires(rule_id, {**firing, "answers": answers}, text_models)


def test_resign_is_not_misuse_of_position_but_a_word_in_the_right_ear_is(text_models):
    for text, fires in (
        ("Do us all a favour and resign.", False),
        ("I'll put a word in the right ear about your neighbour's enforcement visit.", True),
        ("Leave it with me, I'll have a word with planning enforcement.", True),
    ):
        data = case(text=text)
        facts = build_facts(data, code_for(data), text_models)
        assert RULES_BY_ID["BR-POSITION-WORDING"].applies(facts) is fires, text


def test_wales_applies_disrepute_and_position_at_all_times_not_only_for_threats(text_models):
    for answers in ({"false_statement_of_fact": Y, "acting_as_councillor": N}, {"acting_as_councillor": N}):
        data = case(jurisdiction="wales", text=ABUSIVE, answers=answers)
        facts = build_facts(data, code_for(data), text_models)
        assert RULES_BY_ID["CAP-WALES-ANY-TIME"].applies(facts)


def test_criminal_law_is_cited_by_nation(text_models):
    sources = {}
    for nation in ("england", "wales", "scotland"):
        data = case(jurisdiction=nation, answers={"threatening": Y})
        facts = build_facts(data, code_for(data), text_models)
        sources[nation] = RULES_BY_ID["FLAG-POLICE-THREAT"].resolved_source(facts)
    assert "Online Safety Act 2023 s.181" in sources["england"] and "s.181" in sources["wales"]
    assert (
        "s.181" not in sources["scotland"]
        and "Criminal Justice and Licensing (Scotland) Act 2010 s.38" in sources["scotland"]
    )
    assert all("Communications Act 2003 s.127" in s for s in sources.values())


def test_model_card_lists_every_rule():
    from pathlib import Path

    card = (Path(__file__).resolve().parents[2] / "docs" / "model-card.md").read_text(encoding="utf-8")
    missing = [r.id for r in RULES if f"`{r.id}`" not in card]
    assert not missing, f"docs/model-card.md does not list: {missing}"

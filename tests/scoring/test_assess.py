"""assess(): jurisdiction differences, Article 10, flags, overrides, reasons, and that ``expected`` is never read."""

from __future__ import annotations

import copy
import json

import pytest

from tests.scoring.cases import ABUSIVE, COUNCIL, MILD, VILE, case
from triage.codes import load_code
from triage.scoring.assess import assess

Y, N = "yes", "no"


def run(data, text_models, scorer=None):
    return assess(data, text_models=text_models).to_dict()


def fired(result) -> set[str]:
    return {r["id"] for r in result["reasons"]}


@pytest.fixture
def scorer():
    """The scorer has one path now: the staged reading weighed over the open questions."""
    return None


def test_wales_private_leaked_discriminatory_message_engages_the_code(text_models, scorer):
    data = case(
        jurisdiction="wales",
        text=VILE,
        visibility="private_message",
        platform="whatsapp",
        answers={"discriminatory": Y, "council_business": N, "target": "protected_group"},
    )
    result = run(data, text_models, scorer)
    assert "CAP-WALES-ANY-TIME" in fired(result)
    assert result["code_engaged_probability"] >= 0.5
    assert "6(1)(a)" in {p["id"] for p in result["paragraphs"] if p["likely"]}


def test_scotland_purely_private_post_does_not_engage_the_code(text_models, scorer):
    data = case(
        jurisdiction="scotland",
        text=ABUSIVE,
        visibility="private_message",
        platform="whatsapp",
        answers={
            "council_business": N,
            "identified_as_councillor": N,
            "about_individual": Y,
            "target": "member_of_public",
        },
    )
    result = run(data, text_models, scorer)
    assert "CAP-SCOT-PRIVATE-LIFE" in fired(result)
    assert result["code_engaged_probability"] < 0.5
    assert result["recommendation"] == "no_further_action"


def test_england_former_member_is_not_engaged_and_the_override_is_explicit(text_models, scorer):
    data = case(
        role="former_member",
        in_office=N,
        text=ABUSIVE,
        answers={"about_individual": Y, "target": "officer", "identified_as_councillor": Y},
    )
    result = run(data, text_models, scorer)
    assert result["code_engaged_probability"] == 0.0
    assert result["recommendation"] == "no_further_action"
    assert all(p["probability"] == 0.0 for p in result["paragraphs"])
    assert "JUR-NOT-IN-OFFICE" in fired(result)
    if result["overrides"]:
        assert "OVERRIDE-NOT-ENGAGED" in fired(result)


def test_article10_protects_harsh_political_criticism_of_a_politician(text_models, scorer):
    data = case(
        text="The leader's budget is a shambles and a disgrace to this council.",
        account_kind="councillor_account",
        answers={
            "political_expression": Y,
            "target": "councillor",
            "about_individual": Y,
            "false_statement_of_fact": N,
            "council_business": Y,
        },
    )
    result = run(data, text_models, scorer)
    assert result["article10"]["protected"] is True
    assert result["article10"]["level"] == "enhanced"
    assert {"A10-POLITICAL", "A10-POLITICIAN-TARGET"} <= {r["id"] for r in result["article10"]["reasons"]}
    assert result["recommendation"] == "no_further_action"


def test_article10_does_not_protect_abuse_of_an_officer(text_models, scorer):
    data = case(
        text=ABUSIVE,
        account_kind="councillor_account",
        answers={"political_expression": Y, "target": "officer", "about_individual": Y, "council_business": Y},
    )
    result = run(data, text_models, scorer)
    assert result["article10"]["protected"] is False
    ids = {r["id"] for r in result["article10"]["reasons"]}
    assert "A10-OFFICER-TARGET" in ids
    assert result["recommendation"] in {"investigation", "informal_resolution"}
    assert "1.2" in {p["id"] for p in result["paragraphs"] if p["likely"]}


def test_threat_produces_police_flag_and_referral(text_models, scorer):
    data = case(
        text="Watch your back, I know where you live.",
        answers={"threatening": Y, "about_individual": Y, "target": "member_of_public"},
    )
    result = run(data, text_models, scorer)
    flags = {f["id"]: f for f in result["flags"]}
    assert "FLAG-POLICE-THREAT" in flags
    assert "s.181" in flags["FLAG-POLICE-THREAT"]["source"]
    assert result["recommendation"] == "police_referral"


def test_threat_by_member_out_of_office_signposts_the_police_without_a_code_process(text_models, scorer):
    data = case(in_office=N, answers={"threatening": Y})
    result = run(data, text_models, scorer)
    assert result["code_engaged_probability"] == 0.0
    assert result["recommendation"] == "no_further_action"
    signpost = {f["id"]: f for f in result["flags"]}["FLAG-SIGNPOST-POLICE"]
    assert "no Code process to pause" in signpost["text"]


def test_expected_is_never_read(text_models):
    data = case(text=ABUSIVE, answers={"about_individual": Y, "target": "officer"})
    labelled = copy.deepcopy(data)
    labelled["expected"] = {
        "code_engaged": False,
        "outcome": "police_referral",
        "paragraphs": ["9.9"],
        "rationale": "a wrong label that must not change anything",
    }
    assert run(data, text_models) == run(labelled, text_models)


class Exploding(dict):
    """A case dict whose ``expected`` blows up if anything touches it."""

    def __getitem__(self, key):
        if key == "expected":
            raise AssertionError("expected was read")
        return super().__getitem__(key)

    def get(self, key, default=None):
        if key == "expected":
            raise AssertionError("expected was read")
        return super().get(key, default)


def test_expected_is_not_even_looked_up(text_models):
    data = Exploding(case(text=MILD))
    dict.__setitem__(data, "expected", {"outcome": "investigation"})
    assess(data, text_models=text_models)


def test_every_reason_is_complete_and_every_score_has_reasons(text_models):
    data = case(
        text=ABUSIVE,
        role="leader",
        account_kind="councillor_account",
        interaction="share",
        answers={
            "about_individual": Y,
            "target": "councillor",
            "repeated_conduct": Y,
            "third_party_content_left_up": Y,
        },
    )
    result = run(data, text_models)
    assert result["reasons"]
    for reason in result["reasons"]:
        assert reason["id"] and reason["text"] and reason["effect"] and reason["source"] and reason["stage"]
    ids = fired(result)
    assert "STAGED-READING" in ids
    assert any(i.startswith("TEXT-") for i in ids), "strongest text evidence is listed"
    for para in result["paragraphs"]:
        if para["likely"]:
            assert para["reasons"]
    for flag in result["flags"]:
        assert flag["id"] and flag["text"] and flag["source"]
    assert "FLAG-THIRD-PARTY" in {f["id"] for f in result["flags"]}
    assert "FLAG-LIKES-SHARES" in {f["id"] for f in result["flags"]}


def test_to_dict_shape_and_json(text_models):
    result = run(case(text=COUNCIL, reference="SC-X"), text_models)
    for key in (
        "reference",
        "code_engaged_probability",
        "breach_probability",
        "paragraphs",
        "article10",
        "public_interest",
        "flags",
        "recommendation",
        "recommendation_probabilities",
        "reasons",
        "model_version",
        "code",
        "status",
        "urgent",
        "open_questions",
        "authorship",
    ):
        assert key in result
    assert result["status"] in {"assessed", "needs_information"}
    assert result["authorship"]["value"] in {"yes", "no", "unknown"} and result["authorship"]["why"]
    for question in result["open_questions"]:
        assert {"id", "question", "effect", "recommendation"} <= set(question)
        assert set(question["recommendation"]) == {"yes", "no"}
    assert result["reference"] == "SC-X"
    assert result["code"] == "lga-model-2020"
    assert set(result["recommendation_probabilities"]) == {
        "no_further_action",
        "informal_resolution",
        "investigation",
        "police_referral",
    }
    assert abs(sum(result["recommendation_probabilities"].values()) - 1) < 1e-3
    assert result["model_version"]["text"] == text_models.version
    assert result["model_version"]["reasoning"] and result["model_version"]["rules"]
    for para in result["paragraphs"]:
        assert {"id", "heading", "topic", "probability", "reasons"} <= set(para)
    json.dumps(result)


def test_public_interest_factors_are_listed(text_models):
    data = case(posted_on="2024-01-01", answers={"apologised": Y, "post_removed": Y, "tit_for_tat": Y})
    factors = {f["id"] for f in run(data, text_models)["public_interest"]}
    assert {"PI-OUT-OF-TIME", "PI-APOLOGY", "PI-REMOVED", "PI-TIT-FOR-TAT"} <= factors


def test_prefilled_answers_are_shown_as_implied(text_models):
    data = case(text=MILD + "\n\nCllr Jones", role="leader")
    answers = run(data, text_models)["answers"]
    assert answers["identified_as_councillor"]["origin"] == "implied"
    assert answers["high_profile"] == {"value": "yes", "origin": "implied", "why": "the member's role is leader"}
    assert answers["political_expression"]["value"] == "unknown"


def test_the_officers_answer_beats_the_prefill(text_models):
    data = case(text="Cllr Jones says: " + MILD, answers={"identified_as_councillor": N})
    assert run(data, text_models)["answers"]["identified_as_councillor"] == {
        "value": "no",
        "origin": "officer",
        "why": "",
    }


def test_explicit_code_argument_is_used(text_models):
    data = case(text=ABUSIVE, answers={"about_individual": Y, "target": "councillor", "acting_as_councillor": Y})
    result = assess(data, code=load_code("leicestershire-common"), text_models=text_models).to_dict()
    assert result["code"] == "leicestershire-common"
    assert "3(1)" in {p["id"] for p in result["paragraphs"] if p["likely"]}


def test_third_party_text_is_scored_separately(text_models):
    data = case(
        posts=[
            {"text": MILD, "author": "subject_member", "account_kind": "councillor_account"},
            {"text": VILE, "author": "third_party"},
        ]
    )
    result = run(data, text_models)
    assert result["text_scores"]["member_max"]["offensive"] < 0.5
    assert result["text_scores"]["third_party_max"]["offensive"] >= 0.8
    assert "TEXT-THIRD-PARTY" in fired(result)
    assert result["answers"]["third_party_content_left_up"]["value"] == "yes"


def test_without_text_models_the_reason_says_so(monkeypatch):
    import triage.scoring.assess as module

    monkeypatch.setattr(module, "_default_text_models", lambda: (None, "not installed in this test"))
    result = assess(case()).to_dict()
    assert "TEXT-UNAVAILABLE" in fired(result)
    assert result["model_version"]["text"] == "none"


def test_text_evidence_never_lists_neutral_council_words_or_place_names():
    from triage.scoring.analysis import analyse
    from triage.scoring.explain import NEUTRAL_WORDS, text_evidence
    from triage.scoring.text import load_text_models

    models = load_text_models()
    texts = [
        "Cllr Briggs, you absolute idiot, the Holmfirth bins are a disgrace and so are you. Enjoy your holiday.",
        "[Transcript] Councillor Jones of Pelham Park is a lying scumbag and the Kingsmere committee knows it.",
    ]
    for text in texts:
        analysis = analyse(case(text=text, answers={"about_individual": Y}), text_models=models)
        for reason in text_evidence(analysis, models):
            if reason.id == "TEXT-COUNCIL-BUSINESS":
                continue
            quoted = [q.lower() for q in __import__("re").findall("\u2018([^\u2019]+)\u2019", reason.text)]
            for gram in quoted:
                assert not all(w in NEUTRAL_WORDS for w in gram.split()), (gram, reason.text)
                for place in ("holmfirth", "pelham", "kingsmere", "briggs", "jones"):
                    assert place not in gram.split(), (gram, reason.text)
            assert "+0." not in reason.text and "log-odds" not in reason.text


def test_article10_is_a_weighing_with_prompts_not_a_switch(text_models):
    data = case(
        text="She voted for the cuts to the libraries, the fat ugly slag.",
        answers={"political_expression": Y, "about_individual": Y, "target": "councillor", "personal_abuse": Y},
    )
    result = run(data, text_models)
    assert result["article10"]["level"] == "contested"
    assert result["article10"]["protected"] is None
    assert len(result["article10"]["prompts"]) == 4
    assert result["recommendation"] != "no_further_action"


def test_discriminatory_content_is_weighed_not_placed_outside_article10(text_models):
    result = run(case(answers={"discriminatory": Y}), text_models)
    hate = {r["id"]: r for r in result["article10"]["reasons"]}["A10-HATE"]
    assert "not automatically outside Article 10" in hate["text"]
    assert "Heesom" not in hate["source"]


def test_time_limit_is_a_discretion_not_a_bar(text_models):
    minor = case(
        text=MILD,
        posted_on="2024-01-01",
        answers={
            "acting_as_councillor": Y,
            "about_individual": Y,
            "target": "councillor",
            "personal_abuse": Y,
            "political_expression": N,
            "post_removed": Y,
        },
    )
    serious = case(text=VILE, posted_on="2024-01-01", answers={"acting_as_councillor": Y, "discriminatory": Y})
    still_up = copy.deepcopy(minor)
    still_up["answers"]["post_removed"] = N
    assert run(minor, text_models)["recommendation"] == "no_further_action"
    assert run(serious, text_models)["recommendation"] in {"investigation", "police_referral"}
    assert run(still_up, text_models)["recommendation"] != "no_further_action"


def test_routing_says_who_decides_in_each_nation(text_models):
    flags = {
        n: {f["id"]: f["text"] for f in run(case(jurisdiction=n), text_models)["flags"]} for n in ("wales", "scotland")
    }
    assert "Ombudsman for Wales decides whether to investigate" in flags["wales"]["FLAG-ROUTE-PSOW"]
    assert "not the council's monitoring officer" in flags["wales"]["FLAG-ROUTE-PSOW"]
    assert "Ethical Standards Commissioner" in flags["scotland"]["FLAG-ROUTE-ESC"]
    parish = {f["id"] for f in run(case(role="parish_councillor"), text_models)["flags"]}
    assert "FLAG-ROUTE-PARISH" in parish


def test_an_unknown_account_asks_to_confirm_authorship_and_never_means_not_engaged(text_models):
    data = case(
        text=ABUSIVE,
        account_kind="unknown",
        url="https://x.com/CllrTomBriggs/status/1",
        answers={"about_individual": Y, "target": "officer"},
    )
    result = run(data, text_models)
    assert "AUTH-UNCONFIRMED" in fired(result)
    assert result["code_engaged_probability"] > 0.5
    assert result["authorship"]["value"] == "unknown"
    assert result["recommendation"] != "no_further_action"


def test_inferred_answers_say_why_in_words_without_scores(text_models):
    """The 'why' beside an inferred answer reaches the officer's pages and the public-form review: words, no 0.89."""
    import re

    result = run(case(text=VILE), text_models)
    whys = [a.get("why", "") for a in result["answers"].values() if a.get("origin") in ("inferred", "implied")]
    assert any("abusive" in why for why in whys)
    assert not [why for why in whys if re.search(r"\d\.\d", why)]


def test_a_reply_described_as_an_exchange_is_read_as_a_reply(text_models):
    from triage.codes import code_for
    from triage.scoring.features import build_facts

    # a rude reply to a resident in an exchange they took part in is low severity (labelling guide, Stage C); the
    # post's kind is often left at its default, and the words then say it was an exchange
    described = case(text="In an online exchange with a resident the councillor called him a muppet.")
    plain = case(text="The councillor posted that a named resident is a muppet.")
    recorded = case(text="You're a muppet.", interaction="reply")
    assert build_facts(described, code_for(described), text_models).only_replies
    assert build_facts(recorded, code_for(recorded), text_models).only_replies
    assert not build_facts(plain, code_for(plain), text_models).only_replies

"""Risk first: every reviewed threat construction flags, every hard negative does not, and the flag reaches assess."""

from __future__ import annotations

import pytest

from tests.scoring.cases import case
from triage.casefile.model import Post
from triage.scoring.assess import assess
from triage.scoring.risk.constructions import CONSTRUCTIONS, HARD_NEGATIVES, find
from triage.scoring.risk.detector import urgent_flags
from triage.scoring.training.threat_examples import HELD_OUT_NEGATIVES

#: One example per construction: each must match its own construction.
EXAMPLES: dict[str, str] = {
    "threat-first-person-harm": "I'll batter him if he turns up again.",
    "threat-break-body": "I'll break both your arms.",
    "threat-know-where-you-live": "I know where you live.",
    "threat-watch-your-back": "Watch your back, Councillor.",
    "threat-shame-if": "Nice house. Would be a shame if something happened to it.",
    "threat-burn-with-in-it": "Burn it down with him in it.",
    "threat-deserves-harm": "He should be strung up from a lamp post.",
    "threat-deserves-beating": "That clerk wants a good kicking.",
    "threat-coming-for-you": "We're coming for you.",
    "threat-consequence": "Carry on and you'll be floating in the canal.",
    "threat-visit": "Time someone paid her a little visit.",
    "threat-idiom-death": "Carry on like that and you'll be pushing up daisies.",
    "threat-hospital-alley": "My mates would happily put him in hospital.",
    "threat-property": "Shame if your tyres got slashed.",
    "incite-weapons-or-vehicle": "Saturday, the leisure centre. Bring baseball bats.",
    "threat-wish-death": "I hope you die.",
    "threat-arson-objects": "Petrol through the letterbox would sort it.",
    "incite-can-of-petrol": "The hotel. A can of petrol. Saturday 7pm.",
    "incite-gather-time": "Everyone down to the hotel on Saturday at 7pm.",
    "incite-someone-should": "Somebody should torch that barn.",
    "incite-own-hands": "Time to take matters into our own hands.",
    "incite-lets-attack": "Let's burn the lot.",
    "dehumanise-group": "Asylum seekers are vermin.",
    "disclose-address": "She lives at 14 Orchard Close.",
    "disclose-postcode": "His house is in LE11 3TU, go and see him.",
    "disclose-children-school": "Her kids go to St Anne's Primary.",
    "self-harm-first-person": "I just want to end it all.",
    "self-harm-encourage": "Go and kill yourself.",
}


def test_every_construction_has_an_example():
    assert set(EXAMPLES) == {c.id for c in CONSTRUCTIONS}


@pytest.mark.parametrize("cid", sorted(EXAMPLES))
def test_each_construction_fires_on_its_example(cid):
    assert cid in {m.construction.id for m in find(EXAMPLES[cid])}


def test_the_gate_lets_every_threat_example_through():
    from triage.scoring.training.threat_examples import HELD_OUT_THREATS, labelled

    texts, labels, _ = labelled()
    threats = [t for t, y in zip(texts, labels, strict=True) if y] + list(HELD_OUT_THREATS) + list(EXAMPLES.values())
    for text in threats:
        full = [c.id for c in CONSTRUCTIONS if c.pattern.search(text)]
        if full:  # the word gate never hides a construction that matches
            assert {m.construction.id for m in find(text)} == set(full), text


@pytest.mark.parametrize("text", HARD_NEGATIVES + HELD_OUT_NEGATIVES[:0])
def test_no_hard_negative_raises_an_urgent_flag(text):
    assert urgent_flags([Post(text)]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Those animals in the asylum hotel on Mill Road. A can of petrol, Saturday 7pm.",
        "I'll break both your arms",
        "Burn it down with him in it.",
        "It would be a shame if something happened to that nice shop of yours.",
    ],
)
def test_threats_in_idiom_flag(text):
    kinds = {f.kind for f in urgent_flags([Post(text)])}
    assert kinds & {"threat", "incitement"}


def test_a_time_and_place_to_meet_alone_is_not_incitement():
    assert urgent_flags([Post("Come to my surgery at the library on Saturday at 10am.")]) == []


def test_third_party_comments_are_not_the_members_words():
    posts = [Post("Great meeting tonight."), Post("I know where you live.", author="third_party")]
    assert urgent_flags(posts) == []


def test_urgent_flag_tops_assess_and_blocks_no_further_action(text_models):
    data = case(
        text="Those animals in the asylum hotel on Mill Road. A can of petrol, Saturday 7pm.",
        account_kind="personal_account",
    )
    result = assess(data, text_models=text_models).to_dict()
    kinds = {u["kind"] for u in result["urgent"]}
    assert {"incitement", "dehumanising"} <= kinds
    assert result["recommendation"] != "no_further_action"
    for flag in result["urgent"]:
        assert flag["title"] and flag["action"] and flag["text"] and flag["source"]


def test_the_officer_can_record_why_a_flag_does_not_apply(text_models):
    data = case(text="I could kill him, he's brilliant. I'll break his legs... in the charity football match!")
    data["answers"] = {"acting_as_councillor": "no", "threatening": "no"}
    open_result = assess(data, text_models=text_models).to_dict()
    assert open_result["urgent"] and open_result["recommendation"] != "no_further_action"
    data["urgent_reviews"] = [{"kind": "threat", "reason": "A joke about a charity match; the person named agrees."}]
    reviewed = assess(data, text_models=text_models).to_dict()
    assert reviewed["urgent"][0]["reviewed"].startswith("A joke")
    assert reviewed["recommendation"] == "no_further_action"


def test_welsh_threat_in_idiom_is_not_no_further_action(text_models):
    data = case(jurisdiction="wales", text="I'll break both your arms, you lying toad.")
    result = assess(data, text_models=text_models).to_dict()
    assert result["urgent"] and result["recommendation"] == "police_referral"


def test_bulk_screening_puts_risk_first_too():
    import io
    import json

    from tests.scoring.standin import StandInTextModels
    from triage.scoring.text.screen import screen_stream

    records = [(1, "a", "I'll break both your arms."), (2, "b", "We will kill the proposal at full council.")]
    out = io.StringIO()
    screen_stream(StandInTextModels(), iter(records), out)
    rows = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert rows["a"]["urgent"] == ["threat"]
    assert rows["b"]["urgent"] == []

"""The threat reader flags threats built from their parts and leaves violent idiom in ordinary politics alone."""

from __future__ import annotations

import pytest

from triage.casefile.model import Post
from triage.scoring.risk import grammar
from triage.scoring.risk.detector import urgent_flags

#: One example per route through ``grammar.read``: none of them uses a listed construction.
THREATS = {
    "violence aimed at a person, with intent": "Honestly if I saw him in Tesco I'd glass him.",
    "body parts broken, deserved": "He needs his legs breaking, simple as.",
    "a beating given": "Gie him a doing, he's earned it.",
    "harm that will befall someone": "If the mast goes up the engineers who build it will be leaving in ambulances.",
    "a walk that will not end": "He won't be walking out of that meeting on his own legs.",
    "brake cables": "Cut her brake cables and nobody would ever know.",
    "family named beside a warning": "You've got two kids and a dog, Sian. Think about them before you vote.",
    "a car named beside a warning": "Your wife drives a red Fiesta, doesn't she. Be a shame.",
    "two veiled warnings to someone": "Folk round here have long memories and short tempers, Councillor. Sleep well.",
    "a weapon held, with a warning": "I've got a shotgun and a long memory.",
    "a tool taken to someone": "I'll take an axe to him if he comes near.",
    "sexual violence wished on someone": "I hope she gets raped, the stuck-up cow.",
    "a killing in slang": "I'll bump him off and nobody will miss him.",
    "fists introduced": "Let me introduce that clerk to my fists.",
}

#: Violent words in ordinary political and everyday idiom: the reader must leave each alone.
IDIOMS = (
    "We will kill the proposal at full council.",
    "Labour have stabbed residents in the back over the bin collections.",
    "The Chancellor has taken an axe to local government funding.",
    "He killed it in his maiden speech.",
    "He's shot himself in the foot with that vote.",
    "Our hospital needs a shot in the arm.",
    "We'll beat them at the ballot box in May.",
    "Opposition councillors were out for blood at scrutiny last night.",
    "Members of the planning committee were at each other's throats.",
    "Heads must roll over the housing repairs scandal.",
    "I'm going to hold the leader's feet to the fire on this.",
    "Let's knock the Lib Dems out of the ward for good.",
    "The audit committee tore the finance director's report to shreds.",
    "I could murder a bacon roll after that six-hour meeting.",
    "He's a dead man walking politically after that vote.",
    "The leader should be strung up by his own rhetoric on green belt.",
    "Let's smash our food bank target this Christmas!",
)


@pytest.mark.parametrize("route", sorted(THREATS))
def test_each_route_reads_as_a_threat_and_raises_an_urgent_flag(route):
    text = THREATS[route]
    reading = grammar.read(text)
    assert reading is not None, route
    # the excerpt is the post's own words, so the flag can quote them
    lo, hi = reading.span
    assert text[lo:hi].strip()
    assert "threat" in {f.kind for f in urgent_flags([Post(text)])}


@pytest.mark.parametrize("text", IDIOMS)
def test_violent_idiom_in_politics_is_not_read_as_a_threat(text):
    assert grammar.read(text) is None
    assert urgent_flags([Post(text)]) == []


def test_idioms_are_blanked_without_moving_the_words_after_them():
    text = "They stabbed us in the back. I'll glass him."
    cleaned = grammar.without_idioms(text)
    assert len(cleaned) == len(text) and "stabbed" not in cleaned
    assert cleaned.endswith("I'll glass him.")


def test_violence_qualified_as_figurative_is_idiom_but_the_same_words_alone_still_flag():
    assert urgent_flags([Post("He's a dead man walking politically after that vote.")]) == []
    assert urgent_flags([Post("Dead man walking, the editor.")]) != []
    assert urgent_flags([Post("He should be strung up from a lamp post.")]) != []


def test_the_idiom_exception_does_not_hide_a_real_threat():
    assert grammar.read("I'll take an axe to him.") is not None
    assert grammar.read("They took an axe to the library budget.") is None


def test_a_threat_made_in_jest_is_still_flagged_for_the_officer_to_dismiss():
    # risk first: the words flag whatever the tone; the officer records why it does not apply
    text = "Cllr Okafor's lot beat us 4-1 at the charity match. I'll break her legs next year 😂⚽"
    assert "threat" in {f.kind for f in urgent_flags([Post(text)])}


def test_a_warning_with_nobody_addressed_is_not_a_threat():
    # the "you" of "you never know" addresses nobody
    assert grammar.read("Be careful on the roads this winter, you never know.") is None
    assert grammar.read("Long memories and short tempers in this village.") is None

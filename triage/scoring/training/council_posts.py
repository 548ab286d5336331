"""Civil UK council posts, written by the project, as negatives for the abuse classifiers.

The shared abuse sets are US tweets; in them, words such as "Cllr", a place name, "budget" or "fete" never appear,
and the classifiers learned to read any council post as somewhat hostile ("Lovely to see Cllr Patel at the fete"
scored 0.64 for personal attack). These posts teach them that ordinary council life, including robust criticism of
a policy or a decision, is neither offensive nor a personal attack. Every post is invented. Rough criticism aimed at
a person ("Cllr X is clueless") is deliberately left out: whether that is an attack is for the officer.
"""

from __future__ import annotations

import itertools
import random

PEOPLE = (
    "Cllr Patel",
    "Cllr Jones",
    "Cllr Okafor",
    "Cllr Murray",
    "Cllr Evans",
    "Cllr Nowak",
    "the Mayor",
    "our MP",
    "the Leader",
    "the clerk",
    "the planning team",
    "the waste crew",
    "the library staff",
    "Councillor Hughes",
    "Cllr MacLeod",
    "Cllr Price",
    "the youth council",
    "the Chair",
)
PLACES = (
    "Holmfirth",
    "Pelham Park",
    "Kingsmere",
    "Castlebridge",
    "Llanfair",
    "Portcraig",
    "Mill Road",
    "Station Street",
    "the High Street",
    "Orchard Close",
    "Glanyrafon",
    "Sowerby Wold",
    "Harrowden",
    "Cold Harbour",
    "Kinmorran",
)
EVENTS = (
    "the fete",
    "the Remembrance service",
    "the litter pick",
    "the Christmas lights switch-on",
    "the fun run",
    "the open day",
    "the food bank collection",
    "the school fair",
    "the carnival",
    "the community clean-up",
)
TOPICS = (
    "bins",
    "budget",
    "parking",
    "library",
    "planning",
    "housing",
    "leisure centre",
    "bus",
    "potholes",
    "council tax",
    "high street",
    "regeneration",
    "allotments",
    "flood defence",
    "school transport",
    "recycling",
    "licensing",
    "green belt",
    "cycle lane",
    "museum",
    "street lighting",
    "play park",
)
TEMPLATES = (
    "Lovely to see {person} at {event} in {place}.",
    "Great turnout at {event} today. Thank you {person} and everyone who helped.",
    "Thanks to {person} for coming along to {event} in {place}.",
    "Congratulations to {person} on a brilliant {event}.",
    "Come to my surgery at {place} library on Saturday at 10am if you want to talk about {topic}.",
    "The {topic} consultation closes on Friday. Please have your say.",
    "I've asked officers to look at the {topic} problems on {place} and will report back.",
    "Full council meets on Thursday: {topic} is on the agenda.",
    "Residents in {place} have raised {topic} with me. I'm meeting {person} next week.",
    "Pleased the {topic} scheme for {place} was approved at committee last night.",
    "Disappointed the {topic} bid for {place} failed. We'll try again next year.",
    "I voted against the {topic} proposal because it does nothing for {place}.",
    "The {topic} decision is a mistake and I will keep saying so.",
    "Our group's amendment on {topic} was defeated. We'll keep pushing.",
    "The {topic} plan is a shambles and residents in {place} deserve better.",
    "This {topic} decision is a disgrace for {place}.",
    "Another delay on {topic}. Not good enough for {place}.",
    "The cabinet's {topic} policy has failed {place} and they should think again.",
    "I disagree with {person} about {topic}, but I respect the work that went into it.",
    "Well done to {person} for getting the {topic} repairs done in {place}.",
    "Sad news about the {topic} closure in {place}. I will fight to reopen it.",
    "Watch the {topic} debate live on the council's channel at 7pm.",
    "Happy to support {person}'s motion on {topic}.",
    "If you have concerns about {topic}, email me and I'll raise them.",
    "Enjoyed meeting the {place} residents' association about {topic} tonight.",
    "Get well soon {person}, we're all thinking of you.",
    "Proud to open the new {topic} facility in {place} with {person}.",
    "Thank you to the {place} volunteers at {event}. Brilliant effort.",
    "Holiday photos later, back at the {topic} meeting on Monday.",
    "[Transcript] {person} set out the {topic} options for {place} at tonight's meeting.",
)


def posts(n: int = 700, seed: int = 0) -> list[str]:
    """``n`` distinct civil council posts, the templates taken in turn."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    for template in itertools.cycle(TEMPLATES):
        if len(out) >= n:
            break
        for _ in range(20):
            text = template.format(
                person=rng.choice(PEOPLE), place=rng.choice(PLACES), event=rng.choice(EVENTS), topic=rng.choice(TOPICS)
            )
            if text not in seen:
                seen.add(text)
                out.append(text)
                break
    return out

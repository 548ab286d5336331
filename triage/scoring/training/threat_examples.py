"""Labelled examples for the threat and incitement classifier, written by the project (no shared set has threats).

Threats are built from UK constructions, idiom included, with varied targets, means and framing; hard negatives are
the violent-sounding idiom of ordinary council and political life ("kill the proposal", "hang his head in shame",
"the death of the high street"), civil council posts, and rough but protected political comment. Every sentence is
invented. ``held_out()`` returns idioms and negatives that appear in no training template: the model card reports
the classifier on them, as a check that it learned the idea and not the templates.
"""

from __future__ import annotations

import itertools
import random

TARGETS = (
    "you",
    "him",
    "her",
    "them",
    "the leader",
    "that councillor",
    "the planning officer",
    "the clerk",
    "the editor",
    "the chair",
    "the Tory lot",
    "the Labour lot",
    "the mayor",
    "the complainant",
    "that woman",
    "that man",
    "the residents' group",
    "the vicar",
)
OBJ = ("you", "him", "her", "them")
POSS = ("your", "his", "her", "their")
PLACES = (
    "the hotel on Mill Road",
    "the mosque",
    "the asylum hotel",
    "the council offices",
    "his house",
    "her house",
    "the town hall",
    "the camp by the river",
    "the hostel on Station Street",
    "their shop",
    "the community centre",
)
TIMES = ("Saturday 7pm", "Friday night at 9", "tonight at 8pm", "Sunday at 6", "tomorrow at 10pm", "Monday 7.30pm")

THREAT_TEMPLATES = (
    "I'll break both {poss} arms if {obj_s} show {obj_r} face at the meeting again.",
    "I will break {poss} legs, mark my words.",
    "Keep talking and I'll smash {poss} face in.",
    "I know where {obj_s} live. Think on.",
    "We know where {obj_s} live and where {obj_s} work.",
    "Watch {poss} back, {target}.",
    "{Target} had better watch {poss} back on the way home.",
    "Nice house {target} has got. Shame if something happened to it.",
    "It would be a real shame if anything happened to {poss} car.",
    "Lovely family. Would be a shame if something happened to them.",
    "Burn it down with {obj} in it.",
    "Somebody should burn {poss} house down with {obj} still in it.",
    "{Target} should be strung up from the nearest lamp post.",
    "{Target} deserves a bullet.",
    "{Target} deserves a good kicking and I'm the one to give it.",
    "String {obj} up, the lot of them.",
    "{Target} wants shooting.",
    "{Target} should be put against a wall and shot.",
    "I'll be round {poss} house tonight and we'll see how brave {obj_s} are then.",
    "Time someone paid {obj} a little visit.",
    "We're coming for {obj}.",
    "{Poss} days are numbered, {target}.",
    "{Target} will get what's coming. Soon.",
    "Dead man walking, {target}.",
    "Petrol through {poss} letterbox would sort it.",
    "A brick through {poss} window might make {obj} listen.",
    "I hope {obj_s} die in a fire.",
    "Hope {obj_s} get cancer and rot.",
    "I'll knife {obj} if {obj_s} come near my street again.",
    "Say that to my face and I'll put {obj} in hospital.",
    "I'll do {obj} in, I swear.",
    "Carry on and you'll be going home in an ambulance.",
    "One more word and I'll knock {obj} out.",
    "Someone needs to teach {target} a lesson {obj_s} won't forget.",
    "Somebody should sort {obj} out properly.",
    "Get round there lads and give {obj} a hiding.",
    "Everyone down to {place}, {time}. Bring what you need.",
    "{Place}. A can of petrol. {Time}.",
    "Let's torch {place} and be done with it.",
    "Burn {place} to the ground, {time}.",
    "Time to take matters into our own hands at {place}, {time}.",
    "Round them all up and drive them out of our town.",
    "Meet outside {place} {time}, and we'll smoke them out.",
    "Let's go and smash up {place}.",
    "If the council won't act, the lads will. {Place}, {time}.",
    "Go and kill yourself, {target}.",
    "Do us all a favour and neck yourself.",
    "{Target}'s kids go to St Anne's. Just saying.",
    "Everyone knows {poss} children are at Hill Street Primary. Be a shame.",
    "{Target} lives at 14 Orchard Close if anyone wants a word.",
    "I'd happily put {obj} six feet under.",
    "{Target} needs a slap and I'll give it.",
    "People like {target} end up in the canal.",
    "Keep it up and see what happens to {poss} car.",
    "You won't be so cocky with a broken jaw.",
    "I'll cave {poss} head in.",
    "{Target} is going to get hurt, and {obj_s} know why.",
    "I'll make sure {obj_s} never walk again.",
    "Come to my ward again and you'll leave in a box.",
    "{Target} had better not be alone in the car park after the meeting.",
    # added 2026-12-06: the forms the threat reader covers, so the classifier learns them too
    "{Target} needs {poss} legs breaking.",
    "Somebody give {obj} a proper doing.",
    "I'd happily do time for {target}.",
    "{Target} will be leaving {place} in an ambulance.",
    "I've got a baseball bat with {poss} name on it.",
    "{Target} wants to check under {poss} car every morning from now on.",
    "{Target} won't walk out of {place} on {poss} own two feet.",
    "Wait till I get my hands on {target}.",
    "I'll wring {poss} neck.",
    "{Target} is going in the river one of these nights.",
    "Your wife drives a blue Corsa, {target}. Be a shame.",
    "You've got kids, {target}. Think about them.",
    "I'll put {obj} in the ground.",
    "{Target} deserves a bullet.",
    "Get the petrol, we're going to {place} {time}.",
    # added 2026-12-06 (second round): general forms of threat, none taken from a probe
    "Somebody should rape {obj}.",
    "I hope {obj_s} get attacked on the way home.",
    "I'll bump {obj} off and nobody will care.",
    "{Target} will disappear one of these days and nobody will find the body.",
    "Let me introduce {target} to my fists.",
    "I'll rearrange {poss} face for {obj}.",
    "One more word out of {target} and I'll lamp {obj}.",
    "I'll skelp {obj} if {obj_s} come near me again.",
    "I saw {target} in town with the kids yesterday. Lovely family. Be a shame.",
    "We know what time {target} leaves the office every night.",
    "I'll make {target} suffer for what {obj_s} did.",
    "Cross me again and {target} will bleed for it.",
    "{Target} is going to get what {obj_s} deserve, and it won't be pretty.",
    "Round up the lads and we'll sort {target} out ourselves.",
    "Somebody light {place} up with {target} inside.",
    "If {target} shows up at {place} again {obj_s}'ll be going home in pieces.",
    "I'm going to smash {poss} skull in.",
    "I'll finish {obj} off myself if I have to.",
    "Do that again and I'll break every bone in {poss} body.",
    "{Target} deserves to be beaten to a pulp.",
    "Wouldn't bother me if {target} got stabbed.",
    "Someone needs to take {target} out, permanently.",
    "{Target} won't be so mouthy with a broken jaw.",
    "Keep it up, {target}, and you'll be the next one they pull out of the river.",
)

NEGATIVE_TEMPLATES = (
    # violent-sounding idiom of council life
    "{Target} should hang {poss} head in shame over the {topic} decision.",
    "We will kill the {topic} proposal at full council.",
    "This {topic} plan is the death of the high street.",
    "I'll fight the {topic} cuts all the way.",
    "The {topic} scheme is dead in the water.",
    "Cabinet has murdered the {topic} budget.",
    "We smashed our {topic} target this year.",
    "The {topic} report was torched by the auditors.",
    "The opposition's {topic} motion went down in flames.",
    "Their {topic} policy got a good kicking at the ballot box.",
    "{Target} took a beating in the {topic} debate.",
    "The {topic} consultation is a car crash.",
    "We're going to hammer them on {topic} at the election.",
    "That {topic} decision will bury this town.",
    "The {topic} row blew up at committee.",
    "Our {topic} campaign is on fire this week.",
    "The {topic} vote was a bloodbath for the ruling group.",
    "The {topic} plan was shot down by scrutiny.",
    "I could murder a cuppa after that {topic} meeting.",
    "The {topic} contract is a time bomb for council tax payers.",
    "We'll knock on every door about {topic}.",
    "Let's kill off this {topic} nonsense once and for all.",
    "Pull the plug on the {topic} project now.",
    "{Target} is a dead cert to chair the {topic} panel.",
    "I'll break the {topic} news to residents tonight.",
    "Drive them out of their comfort zone on {topic}: that's scrutiny.",
    "Burn the midnight oil: the {topic} consultation closes Friday.",
    "My heart breaks for families hit by the {topic} cuts.",
    "It would be a shame if the {topic} service closed.",
    "{Target} deserves a medal for the {topic} work.",
    # rough but protected political comment
    "{Target}'s {topic} plan is a shambles and a disgrace.",
    "{Target} is clueless on {topic} and should resign.",
    "Do us all a favour and resign over {topic}.",
    "{Target} has made a complete mess of {topic}. Time to go.",
    "The {topic} decision is spineless and {target} knows it.",
    "{Target} wouldn't know good {topic} policy if it bit them.",
    "What a pathetic answer from {target} on {topic}.",
    "{Target} is a hypocrite on {topic}, voting one way and saying another.",
    "The ruling group has wrecked {topic} in this borough.",
    "{Target} should be ashamed of the {topic} cuts.",
    "Shame on {target} for the {topic} vote.",
    "{Target}'s {topic} record is a joke.",
    "Another {topic} U-turn from {target}. Useless.",
    "The {topic} fiasco is on {target}'s watch.",
    "We'll see {target} out at the ballot box after the {topic} mess.",
    # added 2026-12-06: personal insult and contempt without any threat (abuse, not violence)
    "{Target} is a thick, lazy waste of space.",
    "{Target}, you're a nasty little troll and everyone on the estate knows it.",
    "Everyone in the ward knows exactly what {target} is like.",
    "{Target} is a sad little nobody with nothing better to do than moan about {topic}.",
    "{Target} couldn't organise a piss-up in a brewery, never mind {topic}.",
    "Get a life, {target}.",
    "{Target}, you're a moron and a liar about {topic}.",
    "{Target} is a coward who hides behind officers on {topic}.",
    "Keep going {target}, you're only making yourself look stupid \U0001f602",
    "{Target} has one brain cell and it's busy with {topic}.",
    "Nobody round here wants {target}.",
    "{Target} is an embarrassment to this town.",
    "Are you a coward or just lazy, {target}?",
    "I'll make sure every resident knows what {target} did on {topic}.",
    "I stand by every word I said about {target}.",
    "{Target} should crawl back under the stone {obj_s} came from.",
    "{Target}, you're a joke and the whole town is laughing at you.",
    "{Target}'s face when someone asks about {topic} \U0001f921",
    "What a clown {target} is on {topic}.",
    "{Target} is a snake and always has been.",
    "Stay in your lane, {target}, and leave {topic} to people who understand it.",
    "{Target} is bone idle and thick as two short planks.",
    "You'll regret the {topic} vote at the ballot box, {target}.",
    "{Target} will pay for the {topic} vote at the election.",
    "I'll never forgive {target} for the {topic} betrayal.",
    # added 2026-12-06: defiance, insistence and everyday life, which the classifier read as menacing
    "I won't be taking the {topic} post down. People have a right to know.",
    "I stand by every word I said about {topic}.",
    "I'll say it again: {target} should be looking for another job after the {topic} fiasco.",
    "I've got the proof about {topic} and I'm not deleting anything.",
    "You lot will hear a lot more from me about {topic}, I promise you that.",
    "I'm not going anywhere, and I'll keep asking about {topic} until I get an answer.",
    "Happy birthday to my gorgeous daughter, love you to the moon!",
    "Please give what you can to the hospital ward that looked after my family so well.",
    "Nets Thursday 6pm at the cricket club, bring your own drinks!",
    "Some of you will have seen the latest nonsense about {topic} from a certain resident. I won't be replying.",
    "{Target} needs to stop crying about {topic}. Grow up.",
    "Maybe {target} should try riding a bin lorry for a morning. Might learn something about {topic}.",
    "{Target} still in post. Still incompetent. Still costing us on {topic}.",
    "Anyone struggling with {topic}, message me and I'll see what I can do.",
    "Fireworks at the rugby club {time}, bring the kids!",
    "Come along to the {topic} drop-in {time}, bring a friend.",
    "I'd pay good money to watch {target} explain the {topic} cuts to residents.",
    "Hide your wallets, the {topic} charges are going up again.",
    # added 2026-12-06: short plain sentences about a person, so a pronoun alone does not read as menace
    "He spoke well on {topic}.",
    "She voted for the {topic} plan.",
    "They were in the chamber for the {topic} debate.",
    "His speech on {topic} was excellent.",
    "Her report on {topic} is out today.",
    "He needs a break after the {topic} meeting.",
    "She needs a holiday after that {topic} marathon.",
    "{Target} was brilliant in {poss} maiden speech.",
    "You were right about {topic}.",
    "He will be at the {topic} surgery on Friday.",
    "She'll be missed on the {topic} panel.",
    "They will have their say on {topic} next week.",
    "{Target} needs a shot in the arm on {topic}.",
    "{Target} is in hospital after a fall; get well soon.",
    "I'll be there for {obj} on {topic}, always.",
    # civil council business
    "Come to my surgery at the library on Saturday at 10am to talk about {topic}.",
    "Meet us at the town hall on Monday at 7pm for the {topic} consultation.",
    "Thanks to everyone who came to the {topic} meeting last night.",
    "The {topic} consultation is open until the end of the month.",
    "Pleased to support the {topic} motion at full council.",
    "Residents on Station Road have raised {topic} with me; I've asked officers to look into it.",
    "Great turnout at the {topic} drop-in session today.",
    "I've written to the cabinet member about {topic}.",
    "The {topic} item is on the agenda for Thursday's committee.",
    "Lovely to see {target} at the {topic} event.",
    "Well done to the team behind the {topic} bid.",
    "If you have concerns about {topic}, email me and I'll raise them.",
    "Parking near the school on {topic} nights is a nightmare.",
    "Rats have been reported near the bins; I've asked for {topic} to be looked at.",
    "Watch the {topic} debate live on the council's channel at 7pm.",
    "I'm standing down from the {topic} panel after four years.",
    "Proud to open the new {topic} facility this morning.",
    "Get down to the market square on Saturday at 11am for the {topic} fun day.",
    "The {topic} bid failed, which is a shame for the whole town.",
    "I hope {target} gets well soon.",
)

#: Complaint summaries as an officer or complainant writes them at intake: third-person, describing conduct. They
#: are hard negatives because they name conduct ("aggressive", "hostile", "abusive") without threatening anyone.
SUMMARY_TEMPLATES = (
    "A councillor posted comments about {target} that the complainant said were offensive.",
    "The complainant says the councillor was rude to {target} in a Facebook exchange about {topic}.",
    "Councillor tweeted that {target} had mishandled {topic}; the complainant said this was untrue.",
    "In a social-media exchange the councillor said {target} had sent aggressive emails, then blocked them.",
    "Residents complained that the councillor's posts about {topic} were hostile to their campaign.",
    "The councillor shared a post about {topic} that complainants called inflammatory.",
    "Complaint that a councillor used bad language in posts about {topic}.",
    "The councillor liked a post criticising {target} over {topic}.",
    "A parish councillor's comments about {topic} on a community page drew complaints.",
    "Complainant alleges the councillor's tweets about {target} were disrespectful and misleading.",
    "The councillor posted that {target} should resign over {topic}.",
    "The member wrote a blog post attacking {target}'s record on {topic}.",
    "A resident said the councillor harassed them online after a dispute about {topic}.",
    "The councillor called {target} a liar in a thread about {topic}.",
    "Complainants said the councillor's posts about {topic} were hostile to a faith group.",
    "The councillor posted a doctored image mocking {target} over {topic}.",
    "Councillor accused of swearing at {target} in Facebook comments about {topic}.",
    "The councillor retweeted an article branding {target} a disgrace over {topic}.",
    "Posts by the councillor about {topic} were said to be bullying towards {target}.",
    "The complainant felt intimidated by the councillor's replies about {topic}.",
)

NEG_TOPICS = (
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
    "waste",
    "licensing",
    "green belt",
    "cycle lane",
    "museum",
)


def _fill(template: str, rng: random.Random) -> str:
    target = rng.choice(TARGETS)
    i = rng.randrange(4)
    obj, poss = OBJ[i], POSS[i]
    obj_s = {"you": "you", "him": "he", "her": "she", "them": "they"}[obj]
    obj_r = {"you": "your", "him": "his", "her": "her", "them": "their"}[obj]
    place, time, topic = rng.choice(PLACES), rng.choice(TIMES), rng.choice(NEG_TOPICS)
    out = template.format(
        target=target,
        Target=target[:1].upper() + target[1:],
        obj=obj,
        poss=poss,
        Poss=poss.capitalize(),
        obj_s=obj_s,
        obj_r=obj_r,
        place=place,
        Place=place[:1].upper() + place[1:],
        time=time,
        Time=time[:1].upper() + time[1:],
        topic=topic,
    )
    return out


def _variants(templates: tuple[str, ...], n: int, seed: int) -> list[tuple[str, int]]:
    """``n`` distinct sentences from the templates in turn, each with the index of its template."""
    rng = random.Random(seed)
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for index in itertools.cycle(range(len(templates))):
        if len(out) >= n:
            break
        for _ in range(20):
            text = _fill(templates[index], rng)
            if rng.random() < 0.25:
                text = text.lower()
            if rng.random() < 0.15:
                text = text.rstrip(".") + rng.choice(("!!", " mate.", " #enough", " \U0001f621", " - and I mean it."))
            if text not in seen:
                seen.add(text)
                out.append((text, index))
                break
    return out


def labelled(seed: int = 0) -> tuple[list[str], list[int], list[str]]:
    """(texts, labels, template ids): 1 = threat or incitement, 0 = hard negative. Template ids group CV folds, so
    no template is in both the training and the test part of a fold."""
    threats = _variants(THREAT_TEMPLATES, 600, seed)
    negatives = _variants(NEGATIVE_TEMPLATES + SUMMARY_TEMPLATES, 1900, seed + 1)
    # civil council posts (the abuse classifiers' negatives too): ordinary council life is not menacing
    from triage.scoring.training.council_posts import posts as civil_posts

    civil = civil_posts(600, seed=seed + 2)
    texts = [t for t, _ in threats] + [t for t, _ in negatives] + civil
    groups = [f"t{i}" for _, i in threats] + [f"n{i}" for _, i in negatives] + [f"c{i % 25}" for i in range(len(civil))]
    return texts, [1] * len(threats) + [0] * (len(negatives) + len(civil)), groups


#: Threat idioms used in no training template (held out to test generalisation).
HELD_OUT_THREATS: tuple[str, ...] = (
    "You'll be sleeping with the fishes if you vote for that.",
    "Keep going and you'll end up in the river.",
    "I'd glass him given half a chance.",
    "Next time I see her she's getting a smack.",
    "I swear down I'll batter him.",
    "He won't be walking out of that meeting on his own legs.",
    "Someone will put a match to that hotel soon enough, and good.",
    "I'll rip your head off.",
    "Let's see how she likes a fire at her door.",
    "Accidents happen to people who talk too much.",
    "You'd better hope we never meet in a dark alley.",
    "They should all be lined up and shot.",
    "He needs kneecapping.",
    "I'm going to make her life hell and then end it.",
    "If I see that clerk again I'll put him through a wall.",
    "Take a can of petrol to the lot of them.",
    "Bring bats on Saturday, we'll finish this at the hotel.",
    "Hope your house burns down with you in it.",
    "Your kids walk home alone, don't they?",
    "Be a pity if your car went up in flames.",
)

#: Hard negatives used in no training template.
HELD_OUT_NEGATIVES: tuple[str, ...] = (
    "The bus cuts are killing our villages.",
    "That report blew the leader's argument out of the water.",
    "We took a battering in the by-election.",
    "He's shot himself in the foot with that vote.",
    "Time to bury the hatchet and work together on the budget.",
    "The recycling rates are through the roof.",
    "She nailed it in the scrutiny session.",
    "We'll fight them on the beaches of the planning committee!",
    "The chair ripped into the contractor's report.",
    "Don't shoot the messenger: the figures are the figures.",
    "Our high street is on life support.",
    "The new car park is a dead loss.",
    "Give the contractor both barrels at committee.",
    "The leader is digging her own grave with this policy.",
    "The parish precept is daylight robbery.",
    "I'll be at the fun run on Sunday at 9am, see you there!",
    "Residents are up in arms about the incinerator.",
    "Cllr Jones absolutely slaughtered that argument.",
    "The consultation was a massacre of common sense.",
    "He's a political dinosaur who should retire.",
    "Knock 'em dead at the planning appeal tomorrow.",
    "The budget has more holes than a colander.",
    "Campaigners will storm the ballot box in May.",
    "We're going to war with the county over the bypass.",
    "This decision is an absolute bombshell for Longmoor.",
)


#: A second held-out set, written on 2026-12-05 before the constructions were widened that day. Written by the same
#: team that wrote the constructions, so it is a weaker test than an outside set: the model card says so.
HELD_OUT_THREATS_V2: tuple[str, ...] = (
    "You want to be careful walking your dog on the towpath at night.",
    "I'd hate for your windows to get broken.",
    "People have been put in hospital for less.",
    "Keep it up and you'll be eating through a straw.",
    "Somebody ought to teach that clerk some manners with a baseball bat.",
    "I'll be waiting for you outside the chamber after the meeting, just you and me.",
    "One phone call and your van goes up in smoke.",
    "That hostel needs burning to the ground.",
    "He'll be pushing up daisies if he carries on.",
    "Your family won't recognise you when I'm done.",
    "Lads, Friday night, the mosque car park. Bring something heavy.",
    "I'll knock your teeth down your throat.",
    "Say that again and you'll need dental records to be identified.",
    "Be a real pity if your shop caught fire one night.",
    "I've got friends who'd sort her out for a drink.",
    "Don't be surprised if you find your tyres slashed.",
    "She wants a bullet, end of.",
    "Someone should run that lot over.",
    "I'll snap your neck.",
    "If I see him on my street again he's dead.",
)
HELD_OUT_NEGATIVES_V2: tuple[str, ...] = (
    "The new bypass will kill off the village shops.",
    "We were slaughtered in the vote but we'll be back.",
    "Our hospital needs a shot in the arm.",
    "I'll be waiting outside the chamber with the petition at 6pm.",
    "That report is dynamite.",
    "The leader is burning bridges with the parish councils.",
    "Residents are fighting mad about the bin changes.",
    "We'll beat them at the ballot box in May.",
    "The council's IT system crashed and burned again.",
    "Break a leg at the pantomime tonight, Cllr Jones!",
    "I nearly died laughing at the scrutiny meeting.",
    "This budget will hit the poorest hardest.",
    "The parking policy is a dead duck.",
    "Pull the trigger on the regeneration scheme now.",
    "The planning committee torpedoed the scheme.",
    "My phone has been ringing off the hook about the potholes.",
    "He's a bit of a loose cannon but he means well.",
    "I'll knock on your door during the canvass on Saturday.",
    "We need to bury the hatchet and get the bus route back.",
    "The roof at the leisure centre is a death trap and must be fixed.",
    "She blew the opposition out of the water in the debate.",
    "The consultation was murder to fill in online.",
    "Keep your eyes peeled for the new recycling bins next week.",
    "Give the waste team a round of applause.",
    "Stab at a guess: the report will be late again.",
)


def held_out_v2() -> tuple[list[str], list[int]]:
    return list(HELD_OUT_THREATS_V2) + list(HELD_OUT_NEGATIVES_V2), [1] * len(HELD_OUT_THREATS_V2) + [0] * len(
        HELD_OUT_NEGATIVES_V2
    )


def held_out() -> tuple[list[str], list[int]]:
    return list(HELD_OUT_THREATS) + list(HELD_OUT_NEGATIVES), [1] * len(HELD_OUT_THREATS) + [0] * len(
        HELD_OUT_NEGATIVES
    )

"""Flag-level probes: threats and rough or idiomatic posts written to measure the urgent flags on new wording.

Each probe was written on 2026-12-06 without looking at the detector's output for it, then run once through
``urgent_flags`` (constructions, the threat reader and the classifier together). What happened next differs, and is
why three figures are reported (``triage model evaluate``; ``docs/model-card.md``):

* ``THIRD``: its misses were read, and the threat reader and the classifier's training examples were changed after
  that, so its figure is no longer a fair test.
* ``FOURTH``: written after those changes; its classifier scores were then looked at when deciding to let the
  classifier's score count without a violent word, and two more retraining rounds followed. Partly seen.
* ``FIFTH``: written after the last change and only ever measured. This is the honest figure for new wording.

Never add these sentences to training examples, constructions or idiom lists, and never change the detector because
of one of them; write a new probe after a change instead. (The first two probes became regression tests in
``tests/scoring/test_risk.py``.)
"""

from __future__ import annotations

from typing import Any

THIRD_THREATS: tuple[str, ...] = (
    "If Councillor Price votes for the incinerator she'd better have good locks on her doors.",
    "Mark my words, that officer will regret the day she refused my application.",
    "Anyone know what time the clerk leaves the office? Asking for a friend.",
    "I swear on my mother's life I will hurt that man.",
    "Them foreigners on Albert Street need burning out before they breed.",
    "He's going in the canal next time he mouths off at me.",
    "Pay a visit to the mosque on Friday with a few cans of petrol, lads.",
    "I'll batter the living daylights out of the next councillor who knocks on my door.",
    "Keep your nose out or you'll lose it.",
    "Your boy plays for Rovers under-12s on Sundays, doesn't he? Lovely pitch, very open.",
    "We should round up every last one of the councillors and hang them in the market square.",
    "If she shows her face in the Red Lion again she's getting glassed.",
    "There's a lot of rope in B&Q and a lot of lampposts outside County Hall.",
    "Rydw i'n mynd i'w ladd e — I mean it, I'll kill the man.",
    "I'm not saying someone should stab the leader, but I wouldn't cry if they did.",
    "Time to show the planning committee what a brick can do to a windscreen.",
    "I'd take a machete to every one of them given half a chance.",
    "Reckon I'll go round to the editor's house tonight and have a word with my fists.",
    "He won't be smiling when his face is rearranged.",
    "The chair's going to wake up one morning with her house in flames.",
    "That protester wants shoving under a bus.",
    "All of you lot on the council will be swinging from the trees soon.",
    "She's got a lovely little daughter. It'd be a real shame.",
    "I'll wait for the clerk after the meeting and we'll settle this outside.",
    "Bring your bats to the Travellers' camp at dusk, Thursday, we finish this.",
    "Next councillor to cross me gets a knife in the ribs.",
    "Somebody should have put a bullet in him years ago.",
    "I'm coming round to yours with a hammer, Davies.",
    "These people should be hunted down and beaten senseless.",
    "I hope someone runs her over on the way to full council.",
)
THIRD_NEGATIVES: tuple[str, ...] = (
    "The opposition leader is holding a gun to the council's head over this budget.",
    "We'll batter the Tories on council tax at the hustings on Thursday.",
    "Cllr Morgan's transport plan is a complete dog's dinner.",
    "The inspection report was a hammer blow for children's services.",
    "The chair took a sledgehammer to crack a nut at committee.",
    "I'll be at the Red Lion quiz on Friday at 8, come and say hello!",
    "The cuts are a knife to the heart of our libraries.",
    "Shocking that the leader still hasn't answered my question. Resign.",
    "We need to kill the myth that recycling goes to landfill.",
    "The scheme was strangled at birth by the finance department.",
    "That was a car crash of an interview from the cabinet member.",
    "Ward surgery Saturday 10am at the community centre, all welcome.",
    "The council is choking our high street with parking charges.",
    "I've been hammering the council on potholes for two years.",
    "They fought like cats and dogs at full council last night.",
    "She's a fighter and she'll fight this closure all the way.",
    "The Tories will get their comeuppance at the ballot box.",
    "Knock 'em dead at your exams, kids!",
    "His plan for the bypass was blown out of the water.",
    "Pulling the plug on the youth club would be criminal.",
    "We're going to lock horns with the county over the bus subsidy.",
    "Time to take the gloves off over the housing waiting list.",
    "That consultation was daylight robbery.",
    "He'd sell his own grandmother for a seat on cabinet.",
    "Nice work by the litter pickers on Albert Street this morning.",
    "The fire brigade did a brilliant job at the warehouse blaze on Tuesday.",
    "Our MP should be hanged, drawn and quartered for that vote (politically!).",
    "Labour have stabbed the unions in the back.",
    "The budget left the leisure centre dead in the water.",
    "Absolutely gutted to lose the seat by 12 votes. We go again.",
)

FOURTH_THREATS: tuple[str, ...] = (
    "Councillor Ellis, I'd think very carefully before you leave the chamber alone tonight.",
    "One of us is going to end up in hospital over this planning decision, and it won't be me.",
    "The next time that journo knocks on my door he'll be carried away on a stretcher.",
    "Give me ten minutes in a room with the chief exec and he'll never work again.",
    "I've sharpened the kitchen knives ready for the budget meeting, ha.",
    "If the travellers are still on the rec by Friday we'll move them ourselves, with whatever it takes.",
    "That bent clerk needs her head kicking in.",
    "Someone's going to get hurt if this mast goes up, and I'll make sure it's the man who signed it off.",
    "Get round to the hotel on Quay Street, 9pm Saturday, and let's give them a welcome they won't survive.",
    "I will personally throw that councillor off the pier.",
    "Carry on lying about me, Mrs Hughes, and see what turns up on your doorstep.",
    "Her house is the one with the blue door on Clarence Road. Go and tell her what you think. Bring a lighter.",
    "He's got a wife and two kids at home, and he'd do well to remember that.",
    "Pop a few rounds into the lot of them and be done with it.",
    "It's only a matter of time before someone puts that officer in a body bag, and I won't lose sleep.",
    "Those Muslims on Grove Street need clearing out with petrol and matches.",
    "Trust me, Jenkins, you'll be sorry you ever crossed me.",
    "Mark my words, I'll make him bleed for this.",
    "I'm going to hunt down whoever reported me and make them pay in blood.",
    "If she calls me a liar again at full council I'll knock her teeth out.",
    "I'd put the whole planning committee against a wall.",
    "Maybe someone should introduce the editor to the canal, feet first.",
    "The chair will find out what a real beating feels like.",
    "Lads, we go in mob-handed on Thursday night outside the asylum hostel. Balaclavas on.",
    "Wait and see what happens to your car if you vote this through, Councillor.",
    "I'm gonna batter the living hell out of Cllr Price when I see him.",
    "Anyone who votes for the LTN deserves to have their house torched.",
    "He's lucky I don't break every bone in his body.",
    "We know your routine, Sian. School run at 8.40, gym at 6.",
    "Drag him out of the town hall by his hair and give him what he deserves.",
    "I hope the leader's car gets blown up with him in it.",
    "If the police won't remove the camp, a few of us will, tonight, with bats.",
    "You keep poking the bear, Councillor, and the bear will maul you.",
    "That officer should watch where she parks at night.",
    "Strangle the bloody complainant, honestly.",
    "I'd knife him and sleep like a baby.",
    "One more complaint from that woman and I'll be paying her a proper visit.",
    "The whole lot of them want lining up and shooting.",
    "I'm putting a bounty on the head of whoever leaked this. £500 to break his legs.",
    "Fancy a midnight bonfire at the mosque, lads? Bring petrol.",
)
FOURTH_NEGATIVES: tuple[str, ...] = (
    "The leader got absolutely roasted at scrutiny last night.",
    "Our new bin strategy will blow the old one out of the water.",
    "I'll be knocking on doors in Westfield from 10am Saturday, come and find me.",
    "The Lib Dems are running scared of a debate on the budget.",
    "This motion is a shot across the bows of the county council.",
    "The leisure centre has been left to die a slow death by this administration.",
    "Cllr Rees is gutless and spineless on housing.",
    "I'm fuming about the state of the roads in my ward.",
    "That was a hatchet job of a report by the auditors.",
    "Tonight at 7pm: community safety meeting on knife and gun crime at the library.",
    "We'll fight them on the beaches, on the doorsteps and at the count!",
    "Heartbreaking to see the fire at the old mill on Tuesday. Thank you to the fire crews.",
    "The cabinet member is a walking disaster on adult social care.",
    "Absolutely slaughtered them at the pub quiz tonight 🍻",
    "My opponent has been torn apart by the local paper, and rightly so.",
    "The council's parking policy is killing small businesses on the high street.",
    "I've got a bone to pick with the highways department about Mill Lane.",
    "The leader should be strung up by his own rhetoric on green belt.",
    "We'll crush the Reform candidate in Eastgate on Thursday.",
    "The budget is bleeding our reserves and the public deserve to know.",
    "Remembrance Sunday: we gather at the war memorial at 10.45am.",
    "Shocking scenes at full council as the chair lost control of the meeting.",
    "I'd happily throttle the person who designed this online form. Ten attempts!",
    "Cllr Green is a liar, a hypocrite and a total waste of a seat.",
    "The opposition group is in its death throes.",
    "Put a rocket under the planning department, please, this is taking forever.",
    "The library closure is a stab in the heart for the village.",
    "Cycle safety week: ride out from the town hall at 6pm Wednesday.",
    "Honestly, this by-election result is a massacre for the Tories.",
    "She's a dead ringer for the old mayor in that photo!",
    "Residents are up in arms about the bus cuts.",
    "We need to tackle fly-tipping head on.",
    "The regeneration plan has been axed and nobody was consulted.",
    "The leader is a coward who hides from residents' questions.",
    "Let's smash our food bank target this Christmas!",
    "Blood pressure checks at the community centre Thursday 2pm, free for over-60s.",
    "I could strangle the Wi-Fi in this council chamber.",
    "That councillor has thrown the residents under the bus.",
    "The boxing club on Dock Street is holding an open night, Friday 7pm.",
    "Time to kick the Tories out of County Hall for good.",
)

FIFTH_THREATS: tuple[str, ...] = (
    "Keep stirring, Councillor Bryant, and you'll find out how quickly a house can burn.",
    "I'm going to rip that planning officer limb from limb.",
    "The complainant wants to be careful walking past the Anchor after dark.",
    "Hand on heart, if I meet the chair in the car park I'll flatten him.",
    "People like the clerk end up in the Tyne, you know.",
    "Get your bricks ready for Saturday, lads. Council offices, 2pm. Every window.",
    "I'll beat the truth out of that woman if I have to.",
    "I'd drown her in the duck pond and smile doing it.",
    "Just a friendly reminder, Mrs Patel: I know which bus your son takes to school.",
    "One of these days someone will do that editor some serious damage, and he'll have earned it.",
    "Let's pay the mosque a visit after the match, bring the flares and the petrol.",
    "If that traveller camp isn't gone by the weekend it'll be ashes.",
    "I've a shovel and a field, Councillor. Nobody would miss you.",
    "Next one of you that reports me gets a hammer through the windscreen.",
    "He should be taken out the back and shot, the lot of them should.",
    "You'd better pray I never find out where you live.",
    "The leader's days on this earth are numbered if he signs that order.",
    "I'll personally make sure the inspector never walks properly again.",
    "That woman from the residents' association wants a proper kicking.",
    "Someone should set fire to the council offices with the cabinet locked inside.",
    "Honestly I'd cave the head in of anyone who votes for this.",
    "Remember, Sian: we know where the kids play after school.",
    "I'll hunt you down, Jenkins, and you'll wish you'd never been born.",
    "Torch the lot of them, I say, every last asylum seeker in that hotel.",
    "Watch yourself on the walk home tonight, Councillor.",
    "It'd be a tragedy if the chairman's dog went missing, wouldn't it.",
    "Any more lies from the vicar and I'll take him apart.",
    "I'm bringing a baseball bat to full council on Thursday.",
    "Give it a week and that reporter will be in intensive care.",
    "I swear down, I'll kill the next councillor who knocks on my door.",
)
FIFTH_NEGATIVES: tuple[str, ...] = (
    "The opposition took a battering in the budget debate, and deservedly so.",
    "We're going to war with the county over school transport!",
    "Bring your kids to the Bonfire Night display, Saturday 6pm, Victoria Park.",
    "The chair absolutely destroyed the cabinet member's argument.",
    "Murder mystery night at the village hall, Friday at 7.30pm, tickets £8.",
    "This council is strangling the life out of the market.",
    "I'll fight for this ward till my last breath.",
    "The bypass decision is a kick in the teeth for Eastfield.",
    "Cllr Adams is an absolute liability and a total embarrassment.",
    "That planning decision will haunt this council for years.",
    "Hunting is cruel and should be banned everywhere.",
    "The housing strategy is a ticking time bomb.",
    "My heart goes out to the family of the young man stabbed in the town centre.",
    "Let's kill off the rumour that the library is closing: it isn't.",
    "Our team blew the competition away at the regional finals!",
    "He's a dead man walking politically after that vote.",
    "Brutal honesty: the leader has lost the room.",
    "The Tories shot themselves in the foot over the bus lanes.",
    "We need a knockout budget that protects frontline services.",
    "The leader was savaged by residents at the public meeting.",
    "Fire and rescue open day, Sunday 11am, free for families.",
    "I'd walk through fire for the people of this ward.",
    "Our campaign will storm the town centre on Saturday morning with leaflets.",
    "Councillor Hughes, you are a disgrace and a liar.",
    "The chief executive has been hung out to dry by the cabinet.",
    "Time to bury the hatchet and work together on the flood plan.",
    "The waste contract is killing us on costs.",
    "Shout out to the knife-crime charity doing amazing work on the estate.",
    "We'll beat Labour in every ward come May.",
    "I'm dying to see the new library plans next week.",
)

PROBES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "third": (THIRD_THREATS, THIRD_NEGATIVES, "seen: the detector was changed after its misses were read"),
    "fourth": (FOURTH_THREATS, FOURTH_NEGATIVES, "partly seen: its scores informed one design decision"),
    "fifth": (FIFTH_THREATS, FIFTH_NEGATIVES, "held out: written after the last change, only measured"),
}


def flag_rates() -> dict[str, Any]:
    """For each probe: threats that raise a threat or incitement flag, any urgent flag, and rough or idiomatic posts
    that raise any flag (false alarms)."""
    from triage.casefile.model import Post
    from triage.scoring.risk.detector import urgent_flags

    def kinds(text: str) -> set[str]:
        return {f.kind for f in urgent_flags([Post(text)])}

    out: dict[str, Any] = {}
    for name, (threats, negatives, status) in PROBES.items():
        flagged = [kinds(t) for t in threats]
        out[name] = {
            "status": status,
            "threats": len(threats),
            "threat_or_incitement_flag": sum(bool(k & {"threat", "incitement"}) for k in flagged),
            "any_urgent_flag": sum(bool(k) for k in flagged),
            "negatives": len(negatives),
            "negatives_flagged": sum(bool(kinds(t)) for t in negatives),
        }
    return out

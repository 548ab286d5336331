"""A threat read from its parts, for phrasings no reviewed construction lists.

The constructions (``triage.scoring.risk.constructions``) match whole idioms; people invent new ones every day ("gie
him a doing", "he'll be eating hospital food", "I know which car your wife drives"). A threat nearly always pairs
three things, so this reads them separately:

* **violence aimed at a person**: a violent act with a person as its object ("glass him", "wring his neck"), a
  person who "should be shot" or "needs his legs breaking", harm that will befall someone ("you'll be leaving in an
  ambulance"), or a weapon the writer says they hold;
* **intent or menace**: the writer says they will, would or want to; urges others; makes it conditional ("if she
  turns up again", "one more word"); or says it is coming ("wait till", "one of these nights");
* or, without any violent word, **a veiled threat**: someone's family, car or home named beside a warning ("your
  wife drives a red Fiesta. Be a shame.").

Ordinary political idiom uses the same words ("kill the proposal", "stabbed residents in the back", "take an axe to
funding", "killed it in his maiden speech"); those idioms are removed before reading, and a violent verb counts only
with a person as its object. The tests check that no reviewed hard negative raises a flag, and that the word gates
below never change a reading of any example the project has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triage.scoring.risk.constructions import words_of


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: Idioms that use violent words harmlessly; blanked out before anything else is read.
BENIGN = _re(
    r"\b(?:kill(?:ed|ing|s)? it\b(?! (?:and|with) )|kill(?:ed|ing|s)? (?:off )?(?:the|this|that|our|their|any|a) "
    r"(?:proposal|motion|plan|bill|scheme|idea|service|services|debate|deal|project|policy|bus|high street|"
    r"consultation|amendment|budget)|kill(?:ed|ing|s)? off\b|could (?:kill|murder) (?:for )?an?\b|"
    r"stab(?:bed|bing)? (?:\w+ ){0,2}in the back|tak(?:e|en|ing) (?:an|the) axe to(?! (?:him|her|you|them|whoever))|"
    r"out for blood|knock (?:'em|them|him|her|'im) dead|(?:have|take|had|took) a stab at|stab at a guess|"
    r"hanged,? drawn and quartered|(?:batter|hammer|smash|thrash|beat|crush|kill|destroy|slaughter|annihilate|"
    r"wipe out)\w* (?:the )?(?:tories|conservatives|labour|lib dems|liberal democrats|snp|plaid|greens|reform|"
    r"ukip|opposition|ruling group)\b|(?:our|the local|local|new|community|district|general|children's) hospital|"
    r"at each other'?s throats|heads? (?:must|will|should|need to|are going to) roll|knock (?:your|their|his|her) "
    r"socks off|knock(?:ed|ing)? (?:\w+ ){1,3}out of (?:the )?(?:ward|contest|race|election|running|cup|league)|"
    r"smash(?:ed|ing)? (?:the|our|their|my|this|that) (?:[\w-]+ ){0,3}(?:target|record|glass ceiling)|"
    r"(?:dead (?:man|woman) walking|strung up|crucified|slaughtered|butchered|murdered|killed|destroyed|hanged|"
    r"buried|executed)(?: [\w']+){0,6}? (?:politically|electorally|figuratively|metaphorically|at the ballot box|"
    r"at the polls|in the polls|by (?:his|her|their|its) own (?:rhetoric|words|record|policies|promises|"
    r"petard))\b|smash(?:ed|ing)? the "
    r"(?:conservatives|tories|labour|lib dems|snp|opposition)|hammer(?:ed|ing)? (?:them|the \w+) (?:on|at) "
    r"(?:the )?(?:doorstep|ballot|polls|election)|declared war on|war on (?:drugs|waste|potholes|litter)|"
    r"bleed(?:ing)? (?:\w+ ){0,2}dry|feet to the fire|fighting fit|train ?wreck|car ?crash|dead and buried|"
    r"dead in the water|hang (?:his|her|their|your) heads? in shame|shoot (?:me|us) (?:a|an) (?:message|email|dm|"
    r"line)|break the news|burn(?:ing)? the midnight oil|burn(?:ed|t)? (?:a|the) (?:week|day|month|budget)|"
    r"(?:went|go|going|gone) down in flames|on fire (?:this|last) (?:week|season|year)|the death (?:knell )?of|"
    r"blood (?:donation|donor|drive|bank)|knife crime|gun crime|fire safety|fire service|bonfire|fireworks?|"
    r"tore (?:\w+ ){0,4}to shreds|eviscerat\w*|shot down (?:at|in|by)|torpedo\w*|gunning for|"
    r"(?:brutal|savage|killer|murderous) (?:budget|cuts|schedule|hill|week)|shot (?:\w+self|themselves|ourselves) in "
    r"the foot|(?:a )?shot in the arm|beat (?:\w+ ){0,2}(?:at|in) the (?:ballot|polls|election|by-election|count)|"
    r"beat (?:us|them|him|her|you) \d|bite the bullet|dodged? a bullet|"
    r"pull the trigger on|bury the (?:hatchet|issue|report)|(?:i|we) could murder a\b|in the firing line|"
    r"hit (?:the )?(?:poorest|hardest|ground running|headlines)|knock(?:ing)? on (?:every |the )?doors?|"
    r"knocked on|kick(?:ed|ing)? (?:the|them|'em|this|him|her) (?:\w+ )?out (?:at|in|of office|on)|"
    r"kick(?:ed|ing)? (?:the can|off|into the long grass)|axe(?:d|ing)? (?:the|our|their) \w+)",
)

#: Every idiom above contains one of these words: a post without any is left as it is (bulk screening reads tens of
#: thousands of posts, and most have nothing violent in them). A test checks this on every example the project has.
BENIGN_WORDS = frozenset(
    """
    kill kills killed killing murder stab stabbed stabbing axe axed axing blood dead hanged batter battered battering
    hammer hammered hammering smash smashed smashing thrash thrashed thrashing beat beats beaten beating crush crushed
    crushing destroy destroyed destroying slaughter slaughtered annihilate annihilated wipe hospital throats heads
    head socks knock knocked knocking war bleed bleeding feet fighting train trainwreck crash carcrash hang shoot
    break burn burning burned burnt flames fire death knell knife gun bonfire fireworks firework tore eviscerate
    eviscerated eviscerating evisceration shot torpedo torpedoed torpedoing gunning brutal savage killer murderous
    bullet trigger bury firing hit kick kicked kicking kicks crushes destroys slaughters wipes thrashes smashes hammers
    batters annihilates knocks burns stabs axes bleeds kills strung crucified butchered executed buried
    """.split()
)

#: Who the violence is aimed at.
_PERSON = (
    r"(?:you|ya|ye|u|him|her|them|'em|yourself|himself|herself|themselves|"
    r"(?:that|this|the) (?:[\w-]+ ){0,2}(?:woman|man|bloke|lad|girl|clerk|journalist|officer|councillor|cllr|chair|"
    r"leader|mayor|editor|reporter|planner|traitor|scum|rat|idiot|lot|family|lass|guy|boy|creep|grass|snitch)|"
    r"(?:cllr|councillor|mr|mrs|ms|dr)\.? (?-i:[A-Z][a-z]+)|(?-i:[A-Z][a-z]{2,}))"
)
_POSS = r"(?:his|her|your|their|yer|ur|(?-i:[A-Z][a-z]+)'s)"
_BODY = r"(?:legs?|arms?|neck|jaw|nose|face|head|skull|ribs|kneecaps?|knees?|fingers?|teeth|throat|back)"
_VIOLENT_VERB = (
    r"(?:kill|murder|stab|shoot|knife|glass|batter|thump|punch|deck|lamp|headbutt|nut|strangle|throttle|choke|"
    r"slit|drown|bury|hang|lynch|torch|petrol ?bomb|fire ?bomb|maim|cripple|hospitali[sz]e|knee-?cap|leather|"
    r"twat|chib|stamp on|kick(?: the (?:\w+ ){0,2}out of)?|beat(?: up| the (?:\w+ ){0,2}out of)?|"
    r"run over|finish off|do in|sort out|deal with|smash up|string up|wring|rape|sexually assault|assault|whack|"
    r"slap|smack|skelp|knack|flatten|garrotte|castrate)"
)

#: Violence aimed at a person, in the forms it takes (each is one alternative).
VIOLENCE = _re(
    r"|".join(
        (
            # a violent act with a person as its object: "glass him", "I'll strangle that clerk"
            rf"\b{_VIOLENT_VERB}(?:s|es|ed|d|ing|t)?\s+(?:\w+\s+)?{_PERSON}\b",
            rf"\b(?:bump|bumping|bumped) {_PERSON} off\b|\bmake {_PERSON} disappear\b|\brearrange {_POSS} face\b"
            rf"|\bintroduce {_PERSON} to (?:my|our) (?:fists?|boots?|bat|knife|blade|hammer)\b",
            r"\b(?:hope|wish|pray)s? (?:she|he|they|you|ya) (?:gets?|get|is|are) (?:raped|attacked|assaulted|beaten "
            r"up|stabbed|shot|glassed|battered|killed)\b",
            rf"\b(?:run|knock|drive|force) {_PERSON} (?:over|down|off the road)\b",
            rf"\b(?:finish|do|sort|string|beat|smash) {_PERSON} (?:off|in|out|up)\b",
            # body parts broken: "needs his legs breaking", "cave her head in", "wring his scrawny neck"
            rf"\b(?:break|breaking|broke|broken|snap|snapping|smash|smashing|cave|caved|caving|crack|cracking|wring|"
            rf"wringing|kick|kicking|bash|bashing|stove|stamp on|rip|ripping|cut|cutting|slit|slitting)\s+"
            rf"(?:in\s+)?{_POSS}\s+(?:\w+\s+)?{_BODY}\b",
            rf"\b{_POSS}\s+(?:\w+\s+)?{_BODY}\s+(?:breaking|broken|smashing|smashed|snapping|snapped|caving in|"
            rf"kicking in|stoving in|cutting|slitting)\b",
            # a beating given or deserved: "gie him a doing", "he wants a proper leathering"
            r"\b(?:give|gie|gi'|giving|gave|deserves?|needs?|wants?|due|earned|getting|get)\s+(?:\w+\s+){0,2}"
            r"(?:a |an )?(?:good |proper |right |real |severe )?(?:doing|kicking|hiding|beating|battering|pasting|"
            r"leathering|slap|smack|thumping|kneecapping|bullet|bullet in the head|knife in)\b",
            # should be harmed: "every one of them should be shot on the beach"
            r"\b(?:should|ought to|deserve to|deserves to|needs? to|wants? to|must) be\s+(?:\w+\s+)?(?:shot|hanged|"
            r"hung|strung up|lynched|killed|stabbed|burned|burnt|beaten|kneecapped|executed|drowned|gassed|"
            r"run over|put down|taken out|done in|glassed|battered|shot on sight)\b",
            # harm that will befall someone
            r"\b(?:you|he|she|they|ye|ya)(?:'ll| will|'d| would|'re going to| are going to)\s+(?:be\s+|need\s+|"
            r"end up\s+)?(?:\w+\s+){0,3}(?:in (?:an? )?(?:ambulances?|hospital|a&e|intensive care|a wheelchair|"
            r"a box|a coffin|a body ?bag|the ground|the river|the canal)|hospital food|new (?:set of )?(?:teeth|"
            r"kneecaps|legs|face)|eating through a straw|leaving in (?:an? )?ambulances?)\b",
            r"\b(?:i'?ve|i have|we'?ve|we have) got (?:a |an )?(?:shotgun|gun|rifle|pistol|knife|blade|machete|"
            r"crossbow|acid|petrol)\b",
            r"\b(?:do|doing|serve|happily do) (?:time|life|a stretch|porridge) for\b",
            r"\b(?:end|ending) (?:him|her|you|them)\b(?!\s+(?:a|an|the|up|out|with|to)\b)",
            rf"\bget (?:my|our) (?:\w+ )?hands on {_PERSON}",
            rf"\b(?:take|taking|took|taken) (?:a|an|my|the) (?:\w+ )?(?:hammer|bat|knife|axe|crowbar|machete|blade|"
            rf"brick|cricket bat) to {_PERSON}",
            r"\bburn(?:ed|t|s|ing)? (?:down )?with (?:\w+ ){0,3}(?:inside|in it|still inside|still in it)\b",
            r"\b(?:being|get|getting|be) (?:burnt|burned|smoked|firebombed|petrol[- ]bombed) out\b",
            r"\bburn(?:ing)? (?:it|the place|that place|the lot|(?:the|that|this) (?:\w+ )?(?:hotel|mosque|camp|hostel|"
            r"building|centre|house|church|synagogue|temple|site)) (?:down|to the ground)\b",
        )
    )
)

#: Harm that will befall someone, menacing in itself: no further sign of intent is needed.
OUTCOME = _re(
    r"|".join(
        (
            r"\b(?:leaving|leave|be carried out|go home) in (?:an? )?(?:ambulances?|body ?bags?|boxe?s?|coffins?)\b",
            r"\b(?:won'?t|will not|never|wouldn'?t) (?:be )?(?:walk|walking|come|coming|get|getting) "
            r"(?:out|away|home|again)\b(?:[^.!?]{0,30}\b(?:own (?:two )?(?:legs|feet)|alive|in one piece))?",
            r"\bon (?:his|her|their|your) own (?:two )?(?:legs|feet)\b(?=[^.!?]*\b(?:won'?t|never|not)\b)",
            r"\bend up (?:in|at the bottom of) the (?:river|canal|sea|harbour|ground|loch)\b",
            r"\b(?:cut|tamper(?:ed)? with|loosen(?:ed)?) (?:\w+ ){0,2}brake (?:cables?|lines?|pipes?)\b",
            r"\b(?:check|checking|look|looking) under (?:his|her|your|their) car\b",
            r"\b(?:had better|'d better|better) not be (?:alone|on (?:his|her|their|your) own)\b",
            r"\b(?:turn|turning|show|showing) up at (?:their|his|her|your) (?:homes?|houses?|doors?|doorsteps?)\b",
            r"\b(?:waiting for|wait for|meet|see) (?:you|him|her)\b[^.!?]{0,60}\bjust (?:you and me|me and you)\b",
            r"\b(?:your|his|her|their) (?:[\w-]+ ){0,3}(?:car|van|golf|house|home|shop|office|business|windows?)\b"
            r"[^.!?]{0,30}\b(?:will|'ll|going to|gonna) be (?:a )?(?:burnt[- ]out|burned[- ]out|torched|in flames|on "
            r"fire|smashed (?:up|in))",
        )
    )
)

#: The writer's intent, a call on others, a condition or a warning, anywhere in the post.
INTENT = _re(
    r"\b(?:i|we)(?:'ll|'d| will| would| shall|'m going to|'re going to|'m gonna| am going to| want to|'d love to|"
    r" could happily| swear)\b|\b(?:someone|somebody|people|folk|the lads|locals|we|you) (?:should|ought to|"
    r"needs? to|must|could|wants? to)\b|\blet'?s\b|\b(?:gie|give) (?:him|her|them|'em)\b|\bwait (?:till|until|"
    r"and see)\b|\bjust you wait\b|\bwhen (?:i|we) (?:find|catch|get|see)\b|\bif (?:i|we) (?:see|catch|find|"
    r"get)\b|\bif (?:you|he|she|they)\b|\bnext time\b|\bone more\b|\bcross (?:me|us)\b|\bor else\b|"
    r"\bwho'?s in\b|\bbring (?:your|the|some)\b|\bget (?:yourselves|down|round)\b|\bsay that to my face\b|"
    r"\b(?:you|he|she|they|ye)(?:'ll| will|'re going to| are going to)\b|\bwon'?t\b|\blucky\b|\bcoming for\b|"
    r"\b(?:needs?|deserves?|wants?|earned|due)\b|\bshould be\b|\bone of these (?:nights|days)\b|\beventually\b|"
    r"\bsimple as\b|\bhappily\b|\bnobody would (?:ever )?know\b|\bbefore (?:you|he|she|they)\b|"
    r"\bwait (?:till|until) (?:i|we)\b|\b(?:hope|wish|pray)s?\b|\blet me\b|"
    r"\b(?:should|must|ought to|need to|needs to) go\b|\bshould\b[^.!?]{0,40}\bburn\b",
)

#: Someone's family, car or home named, beside a warning: a threat without a violent word.
PERSONAL_DETAIL = _re(
    r"\b(?:your|his|her|their) (?:wife|husband|partner|kids?|children|son|daughter|mum|mother|dad|father|family|"
    r"dog|car|van|house|home|front door)\b|\b(?:you'?ve|he'?s|she'?s|they'?ve) got (?:\w+ ){0,2}(?:kids|children|"
    r"family|wife|husband|daughters?|sons?)\b|\bwhich school\b|\bwhat car\b|\bdrives? a (?:\w+ ){0,2}(?:car|"
    r"fiesta|corsa|golf|astra|van|\w+)\b|\bwhere (?:you|he|she|they) (?:park|parks|walk|walks|drink|drinks)\b",
)
WARNING = _re(
    r"\bbe a (?:real )?(?:shame|pity)\b|\bthink about (?:them|your \w+|that)\b|\bjust saying\b|\bpeople know\b|"
    r"\bsleep well\b|\bbe careful\b|\bwatch (?:out|yourself|it)\b|\baccidents happen\b|\byou never know\b|"
    r"\bnobody would (?:ever )?know\b|\blong memor(?:y|ies)\b|\bwon'?t be so brave\b|\bone of these "
    r"(?:nights|days)\b|\bjust you wait\b|\bsee what happens\b|\bi'?m coming for\b|\bcoming for your\b|"
    r"\bnice (?:car|house|family|kids)\b|\bdoesn'?t (?:he|she|it)\b\W*$|\bwould hate for\b|"
    r"\bsay that to my face\b|\bsee how brave\b|\bshort tempers?\b|\bknow a lot of people\b|\bthink on\b",
)


#: Someone spoken to or named: veiled warnings count only when aimed at a person.
ADDRESSED = _re(r"\b(?:you|your|councillor|cllr|say that to my face)\b|,\s*(?-i:[A-Z][a-z]+)[.!?]")


def without_idioms(text: str, words: frozenset[str] | None = None) -> str:
    """The text with harmless violent idioms blanked out (same length, so offsets still hold)."""
    if not text or BENIGN_WORDS.isdisjoint(words if words is not None else words_of(text)):
        return text or ""
    return BENIGN.sub(lambda m: " " * len(m.group(0)), text)


def _inflected(verbs: str) -> frozenset[str]:
    return frozenset(v + end for v in verbs.split() for end in ("", "s", "es", "ed", "d", "ing", "t"))


#: Every form in ``VIOLENCE`` contains one of these words, and every form in ``OUTCOME`` one of ``OUTCOME_WORDS``
#: (a test checks both on every example): a post with none of them is only read for a veiled threat.
VIOLENCE_WORDS = _inflected(
    "kill murder stab shoot knife glass batter thump punch deck lamp headbutt nut strangle throttle choke slit drown "
    "bury hang lynch torch petrol fire maim cripple hospitalise hospitalize kneecap knee leather belt twat chib "
    "stamp kick beat run finish do sort deal smash string wring rape sexually assault whack slap smack skelp knack "
    "flatten garrotte castrate bump bumping bumped make rearrange introduce hope hopes wish wishes pray prays"
) | frozenset(
    """
    knock drive force break breaking broke broken snap snapping smash smashing cave caved caving crack cracking
    wringing kicking bash bashing stove rip ripping cut cutting slit slitting legs leg arms arm neck jaw nose face
    head skull ribs kneecaps knees fingers finger teeth throat back doing kicking hiding beating battering pasting
    leathering slap smack belt thumping kneecapping bullet knife shot hanged hung strung lynched killed stabbed burned
    burnt beaten kneecapped executed drowned gassed put taken done glassed battered ambulance ambulances hospital
    intensive wheelchair box coffin body bodybag ground river canal food teeth kneecaps straw leaving end ending
    hands hammer bat axe crowbar machete blade brick cricket burn burns burning smoked firebombed bombed bomb shotgun
    gun rifle pistol crossbow acid time life stretch porridge
    """.split()
)
OUTCOME_WORDS = frozenset(
    """
    ambulance ambulances body bodybag bodybags box boxes coffin coffins won wont never wouldn not legs feet river canal
    sea harbour ground loch brake under alone own homes home houses house doors door doorsteps doorstep me car van
    golf shop office business window windows
    """.split()
)
#: Every form in ``WARNING`` contains one of these words.
WARNING_WORDS = frozenset(
    """
    shame pity think saying know sleep careful watch accidents never nobody memory memories brave nights days wait
    happens coming nice doesn hate face short tempers
    """.split()
)


@dataclass(frozen=True)
class Reading:
    """Why the post reads as a threat, and the words that show it."""

    why: str
    span: tuple[int, int]


def read(text: str, *, cleaned: str | None = None, words: frozenset[str] | None = None) -> Reading | None:
    """The threat this post's parts make, or ``None`` (benign idioms removed first; offsets are the post's own).
    ``cleaned`` and ``words`` save working them out again when the caller already has them."""
    if not text:
        return None
    words = words if words is not None else words_of(text)
    cleaned = cleaned if cleaned is not None else without_idioms(text, words)
    warnings = [] if WARNING_WORDS.isdisjoint(words) else list(WARNING.finditer(cleaned))
    if VIOLENCE_WORDS.isdisjoint(words):
        return _veiled(cleaned, warnings) if OUTCOME_WORDS.isdisjoint(words) else _outcome(cleaned, warnings)
    for start, part in _sentences(cleaned):
        violence = VIOLENCE.search(part)
        if violence and (INTENT.search(cleaned) or warnings):
            return Reading(
                "pairs words of violence aimed at a person with intent or a warning",
                (start + violence.start(), start + violence.end()),
            )
    return _outcome(cleaned, warnings)


def _outcome(cleaned: str, warnings: list[re.Match[str]]) -> Reading | None:
    outcome = OUTCOME.search(cleaned)
    if outcome:
        return Reading("says harm will come to someone", outcome.span())
    return _veiled(cleaned, warnings)


def _veiled(cleaned: str, warnings: list[re.Match[str]]) -> Reading | None:
    """A threat without violent words: someone's family or car beside a warning, or warnings piled up."""
    if not warnings:
        return None
    detail = PERSONAL_DETAIL.search(cleaned)
    if detail and warnings:
        lo, hi = min(detail.start(), warnings[0].start()), max(detail.end(), warnings[0].end())
        return Reading("names someone's family, car or home beside a warning", (lo, hi))
    addressed = ADDRESSED.search(WARNING.sub(lambda m: " " * len(m.group(0)), cleaned))
    if len({w.group(0).lower() for w in warnings}) >= 2 and addressed:
        return Reading("warns someone in more than one veiled way", (warnings[0].start(), warnings[-1].end()))
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out

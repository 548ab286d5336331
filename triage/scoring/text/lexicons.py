"""Small hand-written word lists used as features.

Written by the team for this tool (not copied from a published list). They are deliberately short: the linear
models learn most of the vocabulary from data; these lists help with words that are rare in the US tweet sets but
common in UK local-government posts, and give the ``council_business`` classifier something to stand on when
there are few labelled sample cases.

Content warning: PROFANITY_TERMS and INSULT_TERMS contain offensive words.
"""

from __future__ import annotations

#: Council business: decisions, meetings, services, officers and the role. UK English, England/Wales/Scotland.
COUNCIL_TERMS = frozenset(
    """
    council councils councillor councillors cllr cllrs councils' council's
    committee committees subcommittee cabinet portfolio leader mayor provost convener convenor chair chairman
    planning planners application applications permission refused approved appeal enforcement
    officer officers chief executive monitoring director directorate s151 clerk
    ward wards division constituents constituent resident residents surgery casework
    budget budgets precept reserves overspend underspend savings cuts funding grant grants levelling
    consultation consultations agenda minutes motion motions amendment vote voted votes quorum
    scrutiny overview audit governance standards code conduct
    tax rates bins bin collection collections recycling fly-tipping flytipping potholes pothole pavement
    pavements gritting streetlights parking library libraries leisure housing tenants homelessness
    allotments cemetery parks highways roads road traffic transport bus buses lta
    social care adult adults children's schools education sen send
    parish town borough district county unitary authority authorities local government
    meeting meetings webcast hearing panel member members opposition administration coalition group
    scheme development regeneration local plan greenbelt licensing licence
    community communities services service contract contractor procurement tender
    ltn ltns 20mph cycle lane lanes
    cyngor cynghorydd cynghorwyr pwyllgor
    """.split()
) | frozenset(
    {
        "full council",
        "chief executive",
        "planning application",
        "planning committee",
        "council tax",
        "council meeting",
        "town hall",
        "county hall",
        "civic centre",
        "city chambers",
        "council officers",
        "local plan",
        "section 106",
        "s106",
        "call in",
        "called in",
        "point of order",
        "standing orders",
        "green belt",
        "bin collections",
        "social housing",
        "council housing",
        "cabinet member",
        "ward councillor",
        "opposition leader",
        "council leader",
        "freedom of information",
        "budget meeting",
        "public consultation",
        "highways department",
        "traffic order",
        "community council",
        "parish council",
        "town council",
        "district council",
        "county council",
        "borough council",
    }
)

#: Swearing and vulgarity (lower-case word forms).
PROFANITY_TERMS = frozenset(
    """
    fuck fucks fucked fucker fuckers fucking fuckin fck fk fkn fkin fuk fuking effing
    shit shits shitty shite bullshit shithead shitheads shitbag
    piss pissed pissing
    crap crappy
    arse arsehole arseholes ass asses asshole assholes
    bastard bastards bollocks bloody bugger
    cunt cunts twat twats wanker wankers tosser tossers prick pricks dick dicks dickhead dickheads
    bitch bitches bitching
    damn goddamn hell
    slag slags slut sluts whore whores hoe hoes
    """.split()
)

#: Insulting epithets and dehumanising words aimed at people.
INSULT_TERMS = frozenset(
    """
    idiot idiots idiotic moron morons moronic imbecile imbeciles cretin cretins stupid stupidity dumb dumbass
    fool fools foolish clown clowns buffoon buffoons loser losers pathetic useless worthless incompetent
    liar liars lying hypocrite hypocrites hypocritical scum scumbag scumbags vermin filth filthy disgusting
    disgrace disgraceful pig pigs rat rats snake snakes parasite parasites traitor traitors
    ugly fat retard retarded retards freak freaks nutter nutjob lunatic lunatics psycho deranged
    ignorant halfwit halfwits numpty numpties plonker pillock muppet muppets eejit bellend
    coward cowards spineless gutless vile evil sick crook crooks criminal criminals corrupt thug thugs
    racist racists bigot bigots fascist fascists nazi nazis commie commies libtard libtards
    die kill shoot hang
    """.split()
) | frozenset({"shut up", "piece of", "waste of space", "go away", "get lost", "kill yourself", "should be shot"})

#: Second-person words: an insult near one of these is usually aimed at the reader or the person replied to.
SECOND_PERSON = frozenset({"you", "your", "you're", "youre", "u", "ur", "yourself", "ya", "yer", "thou"})

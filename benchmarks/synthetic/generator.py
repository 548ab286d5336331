"""Synthetic complaints for load tests and demos: realistic distributions, invented text, no database access.

Every post is recombined from fragments written for this module (not taken from ``sample_cases``), chosen by a
*theme* (harsh political criticism, abuse of an officer, a discriminatory remark, a leak, private life, ...). The
theme drives the answers, the tool's probabilities and recommendation, and the officer's decision, so the data has
the structure the dashboard shows: most complaints end in no further action, the officer agrees with the tool about
four times in five, decisions take a few weeks of working days with a tail past the target, complaints cluster on a
few members, and some old cases are still open (overdue) while others were closed years ago (due for disposal).

Everything generated says so: assessment results carry ``"synthetic": true`` and the model version ``synthetic-1``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from triage.analytics.calendar import calendar_for
from triage.codes import TOPIC_FALLBACK

OUTCOMES = ("no_further_action", "informal_resolution", "investigation", "police_referral")


def _pick(rng: random.Random, weighted: dict):
    keys = list(weighted)
    return rng.choices(keys, weights=[weighted[k] for k in keys], k=1)[0]


# --- the people -----------------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Alys Bethan Caitlin Dafydd Eilidh Fergus Gareth Hamish Iona Jasmine Kieran Lowri Morag Niamh Owain Priyanka "
    "Rhys Saoirse Tomasz Una Veronica Wyn Yusuf Zainab Adaeze Bronwen Callum Delyth Emeka Fiona Gwilym Harriet Imran "
    "Jolene Kwame Leighton Maelys Nadia Oksana Percival Rosalind Siddharth Tegan Ulrich Vikram Winifred Xander Yvette"
).split()
LAST_NAMES = (
    "Abernethy Blackwood Carrow Dunmore Ellery Fairbairn Gethin Holloway Ingleby Jarman Kilbride Lethbridge "
    "Macaulay Northcott Ormerod Pennant Quayle Rushworth Strachan Trevithick Upfold Vaughan-Lloyd Wetherall "
    "Yardley Zielinski Ashdown Brackley Coldwell Drummond Esslemont Farrant Greaves Hebden Ibbotson Jessop Kinnaird "
    "Loxley Marchbank Nuttall Oakshott Prothero Ravenscroft Sewell Tunnicliffe Underhill Varley Whitlock"
).split()
PARTIES = {
    "england": {
        "Labour": 30,
        "Conservative": 28,
        "Liberal Democrat": 14,
        "Green": 8,
        "Reform UK": 8,
        "Independent": 12,
    },
    "wales": {"Labour": 30, "Plaid Cymru": 25, "Conservative": 18, "Liberal Democrat": 7, "Independent": 20},
    "scotland": {"SNP": 34, "Labour": 22, "Conservative": 18, "Liberal Democrat": 9, "Green": 7, "Independent": 10},
}
MEMBER_ROLES = {
    "councillor": 55,
    "parish_councillor": 18,
    "cabinet_member": 8,
    "group_leader": 5,
    "committee_chair": 6,
    "leader": 2,
    "mayor_or_chair": 3,
    "co_opted_member": 3,
}
COMPLAINANT_KINDS = {"member_of_public": 70, "councillor": 14, "officer": 6, "organisation": 5, "anonymous": 5}
PLATFORMS = {
    "facebook": 37,
    "x": 24,
    "instagram": 8,
    "tiktok": 5,
    "whatsapp": 6,
    "youtube": 2,
    "blog": 4,
    "email": 6,
    "linkedin": 1,
    "text_message": 2,
    "other": 5,
}
DOMAINS = {
    "facebook": "www.facebook.com",
    "x": "x.com",
    "instagram": "www.instagram.com",
    "tiktok": "www.tiktok.com",
    "youtube": "www.youtube.com",
    "blog": "example-ward-news.org.uk",
    "linkedin": "www.linkedin.com",
}
RECEIVED_VIA = {"online_form": 55, "email": 35, "letter": 5, "telephone": 2, "referral": 3}

# --- the words ------------------------------------------------------------------------------------------------------

PLACES = (
    "Millbank Lane",
    "the Ashgrove estate",
    "Kingsmead",
    "Oldfield ward",
    "the high street",
    "Riverside park",
    "Station Road",
    "the Brookfield flats",
    "Netherton",
    "the market square",
    "Cae Mawr",
    "Glenview",
)
SERVICES = (
    "the bin collections",
    "the new parking scheme",
    "the library closures",
    "the leisure centre contract",
    "pothole repairs",
    "the local plan",
    "the budget",
    "the housing allocations policy",
    "street lighting cuts",
    "the town centre regeneration",
    "school transport",
    "the council tax rise",
)
INSULTS_MILD = ("clueless", "a shambles", "useless", "out of their depth", "a joke", "asleep at the wheel", "spineless")
INSULTS_STRONG = ("a liar", "a disgrace", "a parasite", "scum", "a crook", "pathetic", "a thug", "an idiot")
HASHTAGS = ("#localpolitics", "#DoBetter", "#ResidentsFirst", "#council", "#notinmyname", "", "", "")

THEMES: dict[str, dict] = {
    "political_criticism": {
        "weight": 34,
        "fragments": (
            (
                "Another week, another U-turn on {service}.",
                "Residents in {place} were promised better than this.",
                "I've had dozens of emails about {service} this week.",
                "So the administration voted down our amendment on {service} again.",
            ),
            (
                "The cabinet are {mild} and they know it.",
                "This ruling group is {mild} from top to bottom.",
                "Cllr {other} should be ashamed of that vote.",
                "The portfolio holder's answer at full council was frankly {mild}.",
            ),
            (
                "Vote them out in May.",
                "We will keep asking the questions they won't answer.",
                "Time for a change at the town hall.",
                "Judge them on their record, not their leaflets.",
            ),
        ),
        "target": "councillor",
        "outcomes": {"no_further_action": 86, "informal_resolution": 13, "investigation": 1},
        "topics": ("respect",),
        "answers": {"political_expression": "yes", "about_individual": "yes", "acting_as_councillor": "yes"},
    },
    "personal_abuse": {
        "weight": 12,
        "fragments": (
            (
                "Cllr {other} is {strong}.",
                "Let's be honest, {other} is {strong} and always has been.",
                "Watching {other} at committee last night,",
            ),
            (
                "Nobody in {place} can stand the sight of them.",
                "Absolutely {strong}.",
                "They should crawl back under whatever rock they came from.",
                "Just go away and let adults run the council.",
            ),
            ("{tag}", "Says it all.", "Disgusting.", ""),
        ),
        "target": "councillor",
        "outcomes": {"no_further_action": 48, "informal_resolution": 42, "investigation": 10},
        "topics": ("respect", "bullying"),
        "answers": {"political_expression": "no", "about_individual": "yes", "acting_as_councillor": "yes"},
    },
    "officer_criticism": {
        "weight": 9,
        "fragments": (
            (
                "The planning officer who wrote this report on {place} is {mild}.",
                "I have no confidence in the head of highways after the {service} fiasco.",
                "Officers in the housing team are deliberately ignoring {place}.",
            ),
            (
                "Name and shame: it's {officer} who signed it off.",
                "{officer} should be sacked, simple as that.",
                "I'll be asking why {officer} still has a job.",
            ),
            ("", "Share if you agree.", "Residents deserve answers."),
        ),
        "target": "officer",
        "outcomes": {"no_further_action": 20, "informal_resolution": 45, "investigation": 35},
        "topics": ("respect", "impartiality"),
        "answers": {"about_individual": "yes", "acting_as_councillor": "yes", "council_business": "yes"},
    },
    "public_abuse": {
        "weight": 10,
        "fragments": (
            (
                "@{handle} you clearly haven't read the consultation on {service}.",
                "Replying to {handle}: nobody asked for your opinion.",
                "To the resident who keeps emailing me about {place}:",
            ),
            (
                "Get a life and stop moaning.",
                "You are {strong} and I won't be answering your emails any more.",
                "Maybe move somewhere else if you hate it here so much.",
                "Some people just like the sound of their own voice.",
            ),
            ("", "Blocked.", "{tag}"),
        ),
        "target": "member_of_public",
        "outcomes": {"no_further_action": 35, "informal_resolution": 50, "investigation": 15},
        "topics": ("respect",),
        "answers": {"about_individual": "yes", "acting_as_councillor": "yes"},
    },
    "discriminatory": {
        "weight": 6,
        "fragments": (
            (
                "The new families moving into {place} don't share our values.",
                "Funny how the travellers always turn up when {service} is cut.",
                "I'm not racist but the people at the mosque on {place} need to learn how things work here.",
            ),
            (
                "They should go back to where they came from.",
                "We didn't vote for our town to be changed like this.",
                "You can't say anything these days without being called a bigot.",
            ),
            ("", "Just saying what everyone thinks.", "{tag}"),
        ),
        "target": "protected_group",
        "outcomes": {"no_further_action": 8, "informal_resolution": 25, "investigation": 60, "police_referral": 7},
        "topics": ("equality", "disrepute"),
        "answers": {"discriminatory": "yes", "acting_as_councillor": "yes", "political_expression": "no"},
    },
    "threatening": {
        "weight": 4,
        "fragments": (
            (
                "@{handle} keep spreading lies about me and see what happens.",
                "If {other} turns up at the ward surgery again there will be trouble.",
                "I know where you live, {handle}.",
            ),
            (
                "You've been warned.",
                "Don't say nobody told you.",
                "Some people need a lesson they won't forget.",
            ),
            ("", "", "Last chance."),
        ),
        "target": "member_of_public",
        "outcomes": {"informal_resolution": 15, "investigation": 50, "police_referral": 35},
        "topics": ("bullying", "harassment", "intimidation"),
        "answers": {"threatening": "yes", "about_individual": "yes", "acting_as_councillor": "yes"},
    },
    "confidential": {
        "weight": 4,
        "fragments": (
            (
                "What they didn't tell you about {service}: the exempt report says",
                "Leaked from last night's closed session on {service}:",
                "I've seen the confidential legal advice on {place} and",
            ),
            (
                "the council will pay the contractor twice what it admitted.",
                "officers knew about the overspend months ago.",
                "the preferred bidder is a friend of the leader.",
            ),
            ("People deserve to see this for themselves.", "Screenshot attached.", ""),
        ),
        "target": "organisation",
        "outcomes": {"no_further_action": 10, "informal_resolution": 35, "investigation": 55},
        "topics": ("confidentiality",),
        "answers": {"non_public_information": "yes", "acting_as_councillor": "yes", "council_business": "yes"},
    },
    "private_life": {
        "weight": 8,
        "fragments": (
            (
                "Family WhatsApp:",
                "From my personal page, nothing to do with the council:",
                "Five-a-side chat after the match:",
            ),
            (
                "my brother-in-law still owes me for the caravan and he knows it.",
                "the referee tonight was {mild}, genuinely the worst I've seen.",
                "the neighbour's dog has been barking since six, I'm losing my mind.",
            ),
            ("", "Never again.", "Rant over."),
        ),
        "target": "member_of_public",
        "outcomes": {"no_further_action": 96, "informal_resolution": 4},
        "topics": (),
        "answers": {"acting_as_councillor": "no", "identified_as_councillor": "no", "council_business": "no"},
        "account": "personal_account",
    },
    "third_party": {
        "weight": 6,
        "fragments": (
            (
                "[Comment under the councillor's post about {service}]",
                "[Reply left on the councillor's page for a week]",
            ),
            (
                "{other} is {strong} and should be strung up.",
                "Whoever runs {place} wants locking up.",
                "Hope the officers responsible get what's coming to them.",
            ),
            ("", "(left up, not removed)", ""),
        ),
        "target": "councillor",
        "outcomes": {"no_further_action": 40, "informal_resolution": 55, "investigation": 5},
        "topics": ("respect", "disrepute"),
        "answers": {"third_party_content_left_up": "yes", "acting_as_councillor": "yes"},
        "author": "third_party",
    },
    "resources": {
        "weight": 3,
        "fragments": (
            (
                "Vote for me on Thursday! Printed this week at the civic centre",
                "My re-election leaflet, using the council logo so people know it's official,",
                "Please use my council email to sign our party petition on {service},",
            ),
            (
                "with the council's help.",
                "because it's quicker than doing it properly.",
                "and share it with everyone on the tenants list.",
            ),
            ("", "{tag}", ""),
        ),
        "target": "none",
        "outcomes": {"no_further_action": 20, "informal_resolution": 50, "investigation": 30},
        "topics": ("resources", "position"),
        "answers": {"council_resources_used": "yes", "acting_as_councillor": "yes"},
    },
    "disrepute": {
        "weight": 3,
        "fragments": (
            (
                "Video from the civic dinner: Cllr on the table singing about {service}.",
                "Live stream from the pub after full council,",
                "Posted at 2am after the budget meeting:",
            ),
            (
                '"the whole lot of them are {strong}" while still wearing the chain of office.',
                "swearing at the camera about residents of {place}.",
                "mocking the public gallery by name.",
            ),
            ("", "Deleted by morning.", ""),
        ),
        "target": "none",
        "outcomes": {"no_further_action": 20, "informal_resolution": 40, "investigation": 40},
        "topics": ("disrepute",),
        "answers": {"acting_as_councillor": "yes", "high_profile": "yes"},
    },
}

REASONS = {
    "capacity_yes": "The member was identified as a councillor and was talking about council business, so the Code is "
    "likely to apply.",
    "capacity_no": "The post was made in a private capacity about private matters, so the Code is unlikely to apply.",
    "political": "The post is political expression, which has enhanced protection under Article 10 even when harsh.",
    "politician_target": "The post is aimed at a politician, who must tolerate wider limits of criticism.",
    "officer_target": "The post is aimed at an officer, who cannot reply in public and is owed more protection.",
    "public_target": "The post is aimed at a member of the public who raised a concern with the member.",
    "discriminatory": "The words target people because of a protected characteristic (Equality Act 2010).",
    "threatening": "The words could reasonably be read as a threat, which Article 10 does not protect.",
    "confidential": "The post discloses information from an exempt report or a closed session.",
    "third_party": "Abusive third-party comments were left on the member's page after the member knew of them.",
    "resources": "Council resources or the council's identity were used for party-political purposes.",
    "disrepute": "The conduct could reasonably be regarded as bringing the office or the council into disrepute.",
    "apology": "The member removed the post and apologised, which weighs against further action.",
    "repeated": "The member has been told before about similar posts.",
    "model": "Synthetic assessment: probabilities drawn to resemble the shipped model's behaviour.",
}
THEME_REASONS = {
    "political_criticism": ("capacity_yes", "political", "politician_target"),
    "personal_abuse": ("capacity_yes", "politician_target"),
    "officer_criticism": ("capacity_yes", "officer_target"),
    "public_abuse": ("capacity_yes", "public_target"),
    "discriminatory": ("capacity_yes", "discriminatory"),
    "threatening": ("capacity_yes", "threatening"),
    "confidential": ("capacity_yes", "confidential"),
    "private_life": ("capacity_no",),
    "third_party": ("capacity_yes", "third_party"),
    "resources": ("capacity_yes", "resources"),
    "disrepute": ("capacity_yes", "disrepute"),
}
DECISION_TEXT = {
    "no_further_action": (
        "Having considered the post in context and the Independent Person's views, no further action: {why}",
        "The complaint does not meet the assessment criteria for further action. {why}",
    ),
    "informal_resolution": (
        "Informal resolution: the member will be asked to apologise and to attend social-media training. {why}",
        "The matter can be resolved informally through the group leader. {why}",
    ),
    "investigation": (
        "The allegation, if proven, could be a breach of the Code and it is in the public interest to investigate. "
        "{why}",
        "Referred for formal investigation by an external investigator. {why}",
    ),
    "police_referral": (
        "The conduct may be a criminal offence; the complainant is advised to report it to the police and the Code "
        "process is paused. {why}",
    ),
}
DECISION_WHY = {
    "political_criticism": "the post is robust political comment on {service}, which the member is entitled to make.",
    "personal_abuse": "the language was personal rather than political and went beyond robust debate.",
    "officer_criticism": "officers are owed protection from public criticism they cannot answer.",
    "public_abuse": "the member's reply to a resident fell below the standard expected.",
    "discriminatory": "the remarks about a protected group are not protected expression.",
    "threatening": "the words read as a threat to a named person.",
    "confidential": "the member disclosed exempt information about {service}.",
    "private_life": "the member was acting in a private capacity and the Code does not apply.",
    "third_party": "the member left abusive comments by others up on their page for several days.",
    "resources": "council resources were used for party-political campaigning.",
    "disrepute": "the conduct reflects on the office of councillor in public.",
}


@dataclass
class SyntheticCase:
    """One generated case as plain values (dates, strings); ids are assigned when it is stored."""

    jurisdiction: str
    code_slug: str
    received_on: date
    received_via: str
    status: str
    member_index: int
    complainant: dict
    posts: list[dict]
    answers: dict[str, str]
    decided_on: date | None
    closed_on: date | None
    assessment: dict | None
    decision: dict | None
    theme: str
    legal_hold: bool = False
    summary: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class SyntheticMember:
    name: str
    party: str
    role: str
    weight: float


class Generator:
    """Deterministic for a given seed. ``paragraphs_by_topic`` maps each Code id to {topic: [paragraph ids]}."""

    def __init__(
        self,
        *,
        seed: int,
        today: date,
        years: int,
        paragraphs_by_topic: dict[str, dict[str, list[str]]],
        codes_by_jurisdiction: dict[str, str],
        target_days: int = 20,
    ):
        self.rng = random.Random(seed)
        self.today = today
        self.years = years
        self.start = date(today.year - years, today.month, 1)
        self.days = (today - self.start).days
        self.paragraphs_by_topic = paragraphs_by_topic
        self.codes_by_jurisdiction = codes_by_jurisdiction
        self.target_days = target_days
        self.theme_weights = {name: theme["weight"] for name, theme in THEMES.items()}

    # -- members -------------------------------------------------------------------------------------------------

    def members(self, jurisdiction: str, count: int) -> list[SyntheticMember]:
        rng = self.rng
        parties = PARTIES.get(jurisdiction, PARTIES["england"])
        out, seen = [], set()
        for rank in range(count):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            while name in seen:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            seen.add(name)
            # Zipf-like: a handful of members attract many complaints.
            out.append(SyntheticMember(name, _pick(rng, parties), _pick(rng, MEMBER_ROLES), 1.0 / (rank + 1) ** 0.6))
        return out

    # -- one case ------------------------------------------------------------------------------------------------

    def _received_on(self) -> date:
        rng = self.rng
        # More complaints in recent years (growth) and around May (elections); weekdays mostly.
        while True:
            fraction = rng.random() ** 0.8
            day = self.start + timedelta(days=int(fraction * self.days))
            if day.month in (4, 5, 6) and rng.random() < 0.25:
                return day
            if day.weekday() < 5 or rng.random() < 0.15:
                return day

    def _text(self, theme: dict, members: list[SyntheticMember]) -> str:
        rng = self.rng
        parts = [rng.choice(options) for options in theme["fragments"]]
        values = {
            "service": rng.choice(SERVICES),
            "place": rng.choice(PLACES),
            "mild": rng.choice(INSULTS_MILD),
            "strong": rng.choice(INSULTS_STRONG),
            "other": rng.choice(members).name.split(" ")[-1],
            "officer": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "handle": f"{rng.choice(FIRST_NAMES).lower()}{rng.randint(1, 99)}",
            "tag": rng.choice(HASHTAGS),
        }
        text = " ".join(p.format(**values) for p in parts if p).strip()
        return " ".join(text.split())

    def _answers(self, theme_name: str, theme: dict) -> dict[str, str]:
        rng = self.rng
        answers = {
            "acting_as_councillor": "yes",
            "identified_as_councillor": "yes",
            "council_business": _pick(rng, {"yes": 6, "no": 3, "unknown": 1}),
            "non_public_information": "no",
            "high_profile": _pick(rng, {"yes": 2, "no": 7, "unknown": 1}),
            "council_resources_used": "no",
            "about_individual": _pick(rng, {"yes": 6, "no": 4}),
            "target": theme["target"],
            "political_expression": _pick(rng, {"yes": 4, "no": 5, "unknown": 1}),
            "false_statement_of_fact": _pick(rng, {"yes": 1, "no": 7, "unknown": 2}),
            "discriminatory": "no",
            "threatening": "no",
            "third_party_content_left_up": "no",
            "apology_or_removal": _pick(rng, {"yes": 2, "no": 7, "unknown": 1}),
            "tit_for_tat": _pick(rng, {"yes": 1, "no": 5, "unknown": 4}),
            "repeated_conduct": _pick(rng, {"yes": 1, "no": 5, "unknown": 4}),
            "within_time_limit": _pick(rng, {"yes": 19, "no": 1}),
        }
        answers.update(theme["answers"])
        # Officers leave some questions unanswered.
        for question in rng.sample(sorted(answers), k=rng.randint(0, 3)):
            answers[question] = "unknown"
        return answers

    def _paragraphs(self, code: str, topics: tuple[str, ...], target: str) -> list[str]:
        table = self.paragraphs_by_topic.get(code, {})
        out: list[str] = []
        for topic in topics:
            refs = table.get(topic) or table.get(TOPIC_FALLBACK.get(topic, ""), [])
            if not refs:
                continue
            ref = refs[-1] if topic == "respect" and target == "officer" and len(refs) > 1 else refs[0]
            if ref not in out:
                out.append(ref)
        return out

    def _status_and_dates(self, received: date, jurisdiction: str):
        rng = self.rng
        age = (self.today - received).days
        calendar = calendar_for(jurisdiction)
        working = max(1, int(rng.lognormvariate(math.log(14), 0.55)))
        decided = calendar.add(received, working)
        if rng.random() < 0.035:
            withdrawn = received + timedelta(days=rng.randint(3, 40))
            if withdrawn <= self.today:
                return "withdrawn", None, withdrawn
        if decided > self.today or (age > 60 and rng.random() < 0.012):
            # Not decided yet: recent ones are in progress; a few old ones are stuck (overdue).
            status = (
                "received" if age < 7 and rng.random() < 0.7 else _pick(rng, {"received": 3, "initial_assessment": 7})
            )
            return status, None, None
        closed = decided + timedelta(days=rng.randint(5, 120))
        if closed > self.today or rng.random() < 0.08:
            return "decided", decided, None
        return "closed", decided, closed

    def case(self, jurisdiction: str, members: list[SyntheticMember], member_weights: list[float]) -> SyntheticCase:
        rng = self.rng
        theme_name = _pick(rng, self.theme_weights)
        theme = THEMES[theme_name]
        code = self.codes_by_jurisdiction[jurisdiction]
        received = self._received_on()
        member_index = rng.choices(range(len(members)), weights=member_weights, k=1)[0]
        platform = _pick(rng, PLATFORMS)
        posts = []
        for position in range(_pick(rng, {1: 75, 2: 20, 3: 5})):
            post_platform = platform if position == 0 or rng.random() < 0.8 else _pick(rng, PLATFORMS)
            domain = DOMAINS.get(post_platform)
            posts.append(
                {
                    "position": position,
                    "text": self._text(theme, members),
                    "platform": post_platform,
                    "posted_on": received - timedelta(days=rng.randint(0, 25)),
                    "url": f"https://{domain}/{rng.randint(10**8, 10**9)}" if domain else "",
                    "author": theme.get("author", "subject_member") if position == 0 else "subject_member",
                    "account_kind": theme.get("account", _pick(rng, {"councillor_account": 6, "personal_account": 4})),
                    "visibility": _pick(rng, {"public": 8, "closed_group": 1, "unknown": 1}),
                    "interaction": _pick(rng, {"original_post": 6, "reply": 3, "share": 1}),
                    "removed": _pick(rng, {"yes": 2, "no": 6, "unknown": 2}),
                }
            )
        answers = self._answers(theme_name, theme)
        status, decided_on, closed_on = self._status_and_dates(received, jurisdiction)
        outcome = _pick(rng, theme["outcomes"])
        if rng.random() < 0.8:
            tool = outcome
        else:
            others = [o for o in OUTCOMES if o != outcome and (o != "police_referral" or theme_name == "threatening")]
            tool = rng.choice(others)
        paragraphs = self._paragraphs(code, theme["topics"], theme["target"])
        named = bool(paragraphs) and (outcome != "no_further_action" or rng.random() < 0.1)
        decision_paragraphs = paragraphs if named else []
        # Breach probability: informative but not perfectly calibrated (a little over-confident).
        breach = rng.betavariate(2.2, 1.0) if named else rng.betavariate(1.0, 2.2)
        engaged = rng.betavariate(8, 2) if theme_name != "private_life" else rng.betavariate(1.5, 6)
        assessment = None
        if status != "received" or rng.random() < 0.4:
            reason_keys = list(THEME_REASONS[theme_name])
            if answers.get("apology_or_removal") == "yes":
                reason_keys.append("apology")
            if answers.get("repeated_conduct") == "yes":
                reason_keys.append("repeated")
            reason_keys.append("model")
            reasons = [
                {"id": f"SYN-{k.upper()}", "text": REASONS[k], "effect": "synthetic", "source": "synthetic data"}
                for k in reason_keys
            ]
            assessment = {
                "recommendation": tool,
                "code_engaged_probability": round(engaged, 4),
                "breach_probability": round(breach, 4),
                "result": {
                    "synthetic": True,
                    "code": code,
                    "model_version": "synthetic-1",
                    "recommendation": tool,
                    "code_engaged_probability": round(engaged, 4),
                    "breach_probability": round(breach, 4),
                    "reasons": reasons,
                    "paragraphs": [
                        {"id": p, "probability": round(breach, 4), "likely": breach >= 0.5, "reasons": []}
                        for p in paragraphs
                    ],
                    "article10": {"protected": theme_name == "political_criticism", "reasons": []},
                },
            }
        decision = None
        if decided_on is not None and assessment is not None:
            why = DECISION_WHY[theme_name].format(service=rng.choice(SERVICES))
            text = rng.choice(DECISION_TEXT[outcome]).format(why=why)
            decision = {
                "outcome": outcome,
                "paragraphs": decision_paragraphs,
                "reasons": text,
                "tool_recommendation": tool,
                "override_reason": "" if tool == outcome else "The officer weighed the context differently.",
                "decided_on": decided_on,
            }
        elif decided_on is not None:
            status, decided_on, closed_on = "initial_assessment", None, None
        kind = _pick(rng, COMPLAINANT_KINDS)
        complainant = {
            "kind": kind,
            "name": "" if kind == "anonymous" else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "email": "" if kind == "anonymous" else f"resident{rng.randint(1000, 99999)}@example.org",
            "confidentiality_requested": rng.random() < 0.12,
        }
        return SyntheticCase(
            jurisdiction=jurisdiction,
            code_slug=code,
            received_on=received,
            received_via=_pick(rng, RECEIVED_VIA),
            status=status,
            member_index=member_index,
            complainant=complainant,
            posts=posts,
            answers=answers,
            decided_on=decided_on,
            closed_on=closed_on,
            assessment=assessment,
            decision=decision,
            theme=theme_name,
            legal_hold=closed_on is not None and rng.random() < 0.004,
            summary=f"Synthetic complaint ({theme_name.replace('_', ' ')}).",
        )

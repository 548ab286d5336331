"""Demo data that hangs together: an English district council with its parish councils, register and adopted Code,
an English borough on the Leicestershire Common Code, a Welsh and a Scottish council with their own Codes, parties
and process; one user per role; and the sample complaints, each at the council of its own nation, moved through the
process as the monitoring officer would have moved them (scored, decided, referred, reviewed, paused, closed) on
dates that follow from when each was received. Every page and chart shows something on first run.

Idempotent, so `make run` can call it every time without duplicating anything.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from triage.casefile.files import read_case_files
from triage.config import REPO_ROOT
from triage.data import audit
from triage.data.cases import count_cases, create_case_from_file
from triage.data.councils import create_council, ensure_shipped_codes, get_council_by_name
from triage.data.members import import_members_csv
from triage.data.users import create_user, get_user_by_email
from triage.extensions import db
from triage.models.enums import Jurisdiction, Role

DEMO_COUNCIL = "Harrowden District Council"
#: (name, nation, adopted Code, register file). Sample cases go to the council of their nation and Code.
DEMO_COUNCILS = (
    (DEMO_COUNCIL, Jurisdiction.ENGLAND, "lga-model-2020", "members.csv"),
    ("Wreford Borough Council", Jurisdiction.ENGLAND, "leicestershire-common", None),
    ("Dyfrig County Council", Jurisdiction.WALES, "wales-model-2016", "members-wales.csv"),
    ("Glenmorven Council", Jurisdiction.SCOTLAND, "scotland-councillors-2021", "members-scotland.csv"),
)
DEMO_USERS = (
    ("mo@harrowden.example.gov.uk", "Alex Morgan", Role.MONITORING_OFFICER),
    ("deputy@harrowden.example.gov.uk", "Priya Shah", Role.DEPUTY_MONITORING_OFFICER),
    ("ip@harrowden.example.gov.uk", "Jonathan Reeve", Role.INDEPENDENT_PERSON),
    ("panel@harrowden.example.gov.uk", "Cllr Hannah Doyle", Role.PANEL_MEMBER),
    ("analyst@harrowden.example.gov.uk", "Sam Fielding", Role.ANALYST),
    ("admin@harrowden.example.gov.uk", "Chris Appleby", Role.ADMIN),
)


def seed_demo(password: str, sample_cases_dir: Path | None = None) -> str:
    lines: list[str] = []
    ensure_shipped_codes()
    councils = {}
    for name, nation, code, register_file in DEMO_COUNCILS:
        council = get_council_by_name(name)
        if council is None:
            council = create_council(name, nation, code, actor="seed-demo")
            members = 0
            if register_file:
                register = resources.files("triage.demo_data").joinpath(register_file).read_text(encoding="utf-8")
                members = import_members_csv(council, register, actor="seed-demo").created
            lines.append(f"Council {council.name} ({nation.label}, {code}) with {members} members on the register.")
        councils[code] = council
    officer = None
    for email, name, role in DEMO_USERS:
        user = get_user_by_email(email)
        if user is None:
            user = create_user(email, name, role, password, actor="seed-demo")
            lines.append(f"User {email} ({role.label}).")
        if role == Role.MONITORING_OFFICER:
            officer = user
    db.session.commit()

    folder = sample_cases_dir or REPO_ROOT / "sample_cases"
    loaded: list = []
    if folder.is_dir() and count_cases() == 0:
        files = sorted((r for r in read_case_files([folder]) if r.ok), key=lambda r: r.data.get("received_on", ""))
        shift = _shift_to_now([r.data for r in files])
        for read in files:
            data = _shifted(read.data, shift)
            council = councils.get(data.get("code")) or councils["lga-model-2020"]
            case = create_case_from_file(council, data, officer=officer)
            audit.record("case.imported", "case", case.reference, actor="seed-demo", case_id=case.id)
            loaded.append((case, read.data.get("expected") or {}))
        db.session.commit()
    lines.append(f"Sample cases loaded this run: {len(loaded)}; cases in the database: {count_cases()}.")
    if loaded and officer is not None:
        from triage.demo_progress import move_through_the_process

        lines.append(move_through_the_process(loaded, officer))
    referred = _demo_referrals(officer)
    if referred:
        lines.append(f"Referred {referred} demo cases to the Independent Person and the panel member.")
    saved = _demo_saved_searches()
    if saved:
        lines.append(f"Saved {saved} case-history searches for the analyst.")
    sent = _demo_public_complaint()
    if sent:
        lines.append(f"A complaint from the public form is waiting for an officer ({sent}).")
    return "\n".join(lines)


#: The analyst's saved searches on first run: the questions an analyst at a council would keep asking.
DEMO_SEARCHES = (
    ("Where the officer differed from the tool", {"agreement": "disagree"}),
    ("Parish and town councillors", {"role": "parish_councillor"}),
    ("Facebook posts referred for investigation", {"platform": "facebook", "outcome": "investigation"}),
)


def _demo_public_complaint() -> str:
    """Once: one complaint sent through the public form, so the officers' queue shows what arrives that way. Emails
    go to the development outbox."""
    from flask import current_app
    from sqlalchemy import func, select

    from triage.data.councils import default_council
    from triage.data.members import find_member
    from triage.mail import MailSettings
    from triage.models import PublicSubmission
    from triage.services import public_complaints

    council = default_council()
    if council is None or db.session.scalar(select(func.count(PublicSubmission.id))):
        return ""
    member = find_member(council, "Cllr Margaret Ellory")
    row, _ = public_complaints.start(council)
    public_complaints.save_page(
        row,
        "about_you",
        {
            "name": "Dana Whitfield",
            "email": "dana.whitfield@example.org",
            "phone": "",
            "kind": "member_of_public",
            "confidential": "no",
            "confidential_reason": "",
        },
    )
    public_complaints.save_page(
        row,
        "councillor",
        {"member_id": str(member.id) if member else "other", "member_name": "" if member else "Cllr Margaret Ellory"},
    )
    for index, (text, url) in enumerate(
        (
            (
                "Cllr Ellory here. The council's so-called housing officer has lied to every tenant on the Brookside "
                "estate. I will be naming him at full council.",
                "https://www.facebook.com/CllrEllory/posts/4471",
            ),
            (
                "Replying to tenants: you all know who I mean. He should be ashamed to show his face on the estate.",
                "https://www.facebook.com/CllrEllory/posts/4471?comment_id=88",
            ),
        )
    ):
        public_complaints.save_post(
            row,
            index,
            {"text": text, "url": url, "platform": "facebook", "posted_on": "", "still_up": "yes", "screenshots": []},
        )
    public_complaints.save_page(
        row,
        "story",
        {
            "what_happened": "She posted this on her councillor page and named no one, but everyone on "
            "the estate knows who she means. He is a junior officer and cannot answer back."
        },
    )
    settings = MailSettings.from_config({**current_app.config, "MAIL_BACKEND": "outbox"})
    public_complaints.submit(row, settings=settings, review_url=f"/public-complaints/{row.reference}")
    db.session.commit()
    return row.reference


def _demo_saved_searches() -> int:
    """Once, for the demo analyst; each through the same service the page uses (so each is checked and audited)."""
    from triage.data import history, saved_searches
    from triage.services.saved_searches import save

    analyst = get_user_by_email("analyst@harrowden.example.gov.uk")
    if analyst is None or saved_searches.for_user(analyst):
        return 0
    for name, args in DEMO_SEARCHES:
        save(analyst, name, history.HistoryFilters.from_args(args))
    db.session.commit()
    return len(DEMO_SEARCHES)


def _shift_to_now(cases: list[dict]) -> int:
    """Whole weeks to move the sample cases forward so the newest arrived a few days ago (weekdays are kept)."""
    dates = [date.fromisoformat(d["received_on"]) for d in cases if d.get("received_on")]
    if not dates:
        return 0
    gap = (date.today() - timedelta(days=3) - max(dates)).days
    return max(0, gap // 7 * 7)


def _shifted(data: dict, days: int) -> dict:
    """A copy of a case file with its dates moved ``days`` later, and no reference (the app numbers it by the
    year it was received, as it would a real complaint)."""
    copy = json.loads(json.dumps(data))
    copy.pop("reference", None)
    if not days:
        return copy

    def move(value):
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat() if value else value

    for key in ("received_on", "complainant_learned_on"):
        if copy.get(key):
            copy[key] = move(copy[key])
    for post in copy.get("posts") or []:
        if post.get("posted_on"):
            post["posted_on"] = move(post["posted_on"])
    return copy


def _demo_referrals(officer) -> int:
    """Give the demo Independent Person and panel member something in their queue (once): the three newest cases
    for views, the newest for a hearing. Their emails go to the development outbox, never to a mail server."""
    from flask import current_app
    from sqlalchemy import func, select

    from triage.mail import MailSettings
    from triage.models import Case, CaseReferral
    from triage.services.referrals import refer

    if officer is None or db.session.scalar(select(func.count(CaseReferral.id))):
        return 0
    ip = get_user_by_email("ip@harrowden.example.gov.uk")
    panel = get_user_by_email("panel@harrowden.example.gov.uk")
    cases = list(db.session.scalars(select(Case).order_by(Case.received_on.desc(), Case.id.desc()).limit(3)))
    settings = MailSettings.from_config({**current_app.config, "MAIL_BACKEND": "outbox"})
    for case in cases:
        refer(
            case,
            [ip],
            purpose="consultation",
            message="",
            by=officer,
            case_url=f"/cases/{case.reference}",
            mail_settings=settings,
        )
    if cases:
        refer(
            cases[0],
            [panel],
            purpose="hearing",
            message="",
            by=officer,
            case_url=f"/cases/{cases[0].reference}",
            mail_settings=settings,
        )
    db.session.commit()
    return len(cases)

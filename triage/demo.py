"""Demo data: a council, its register of members, one user per role and the sample complaints.

Idempotent, so `make run` can call it every time without duplicating anything.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from triage.casefile.files import read_case_files
from triage.config import REPO_ROOT
from triage.data import audit
from triage.data.cases import count_cases, create_case_from_file, get_case_by_reference
from triage.data.councils import create_council, ensure_shipped_codes, get_council_by_name
from triage.data.members import import_members_csv
from triage.data.users import create_user, get_user_by_email
from triage.extensions import db
from triage.models.enums import Jurisdiction, Role

DEMO_COUNCIL = "Harrowden District Council"
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
    council = get_council_by_name(DEMO_COUNCIL)
    if council is None:
        council = create_council(DEMO_COUNCIL, Jurisdiction.ENGLAND, "lga-model-2020", actor="seed-demo")
        register = resources.files("triage.demo_data").joinpath("members.csv").read_text(encoding="utf-8")
        result = import_members_csv(council, register, actor="seed-demo")
        lines.append(f"Council {council.name} with {result.created} members on the register.")
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
    loaded = 0
    if folder.is_dir():
        for read in read_case_files([folder]):
            if not read.ok or get_case_by_reference(read.data.get("reference", "")) is not None:
                continue
            case = create_case_from_file(council, read.data, officer=officer)
            audit.record("case.imported", "case", case.reference, actor="seed-demo", case_id=case.id)
            loaded += 1
        db.session.commit()
    lines.append(f"Sample cases loaded this run: {loaded}; cases in the database: {count_cases()}.")
    referred = _demo_referrals(officer)
    if referred:
        lines.append(f"Referred {referred} demo cases to the Independent Person and the panel member.")
    return "\n".join(lines)


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

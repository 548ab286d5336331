"""Referring a case to Independent Persons or standards panel members, and withdrawing a referral.

A referral gives the person access to that one case (their queue lists it, they can read the note and, as an
Independent Person, record their own views). Each referral is audited and emailed; withdrawing it ends their access
at once and is audited too. An email that cannot be sent never undoes the referral: the officer is told instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage import mail
from triage.data import audit
from triage.data.access import has_conflict
from triage.extensions import db
from triage.models import Case, CaseReferral, User
from triage.models.base import utcnow
from triage.models.enums import Role
from triage.vocabulary import REFERRAL_PURPOSES

PURPOSES = REFERRAL_PURPOSES
ROLE_FOR = {"consultation": Role.INDEPENDENT_PERSON, "hearing": Role.PANEL_MEMBER}
MAX_MESSAGE = 2000


class ReferralError(ValueError):
    """The referral cannot be made; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Referred:
    referral: CaseReferral
    emailed: bool


def active_referrals(case: Case) -> list[CaseReferral]:
    return [r for r in case_referrals(case) if r.active]


def case_referrals(case: Case) -> list[CaseReferral]:
    from sqlalchemy import select

    return list(
        db.session.scalars(
            select(CaseReferral).where(CaseReferral.case_id == case.id).order_by(CaseReferral.referred_at)
        )
    )


def refer(
    case: Case,
    people: list[User],
    *,
    purpose: str,
    message: str,
    by: User,
    case_url: str,
    mail_settings: mail.MailSettings,
) -> list[Referred]:
    """Refer ``case`` to each of ``people`` (re-activating a withdrawn referral) and email each one."""
    if purpose not in PURPOSES:
        raise ReferralError("purpose", "Select why you are referring the case")
    if not people:
        raise ReferralError("people", "Select at least one person")
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ReferralError("message", f"The message must be {MAX_MESSAGE:,} characters or fewer")
    existing = {r.user_id: r for r in case_referrals(case)}
    done: list[Referred] = []
    for person in people:
        if person.role != ROLE_FOR[purpose] or not person.active:
            raise ReferralError("people", f"{person.name} cannot be referred {PURPOSES[purpose]}")
        if has_conflict(person, case):
            raise ReferralError("people", f"{person.name} has declared a conflict of interest on this case")
        row = existing.get(person.id)
        if row is not None and row.active:
            continue
        if row is None:
            row = CaseReferral(case_id=case.id, user_id=person.id)
            db.session.add(row)
        row.referred_at, row.referred_by_id = utcnow(), by.id
        row.purpose, row.message = purpose, message
        row.withdrawn_at, row.withdrawn_by_id = None, None
        db.session.flush()
        audit.record(
            "case.referred",
            "case",
            case.reference,
            user=by,
            case_id=case.id,
            after={"to": person.name, "to_id": person.id, "role": person.role.value, "purpose": purpose},
        )
        done.append(Referred(row, _email(case, person, purpose, message, by, case_url, mail_settings)))
    return done


def _email(
    case: Case, person: User, purpose: str, message: str, by: User, case_url: str, settings: mail.MailSettings
) -> bool:
    body = (
        f"Dear {person.name},\n\n"
        f"{by.name} has referred Code of Conduct complaint {case.reference} to you {PURPOSES[purpose]}.\n\n"
        + (f"Their message:\n{message}\n\n" if message else "")
        + f"Sign in to read the case and the assessment note:\n{case_url}\n\n"
        "The case details are only available after you sign in. If you have a conflict of interest, say so from the "
        "case page before reading further.\n"
    )
    try:
        mail.send(settings, person.email, f"Code of Conduct complaint {case.reference} referred to you", body)
    except mail.MailError as exc:
        audit.record(
            "mail.failed", "case", case.reference, user=by, case_id=case.id, after={"to_id": person.id, "why": str(exc)}
        )
        return False
    return True


def withdraw(referral: CaseReferral, *, by: User) -> None:
    """End a referral: the person loses access at once. The row stays, so the record shows who saw the case."""
    if not referral.active:
        return
    referral.withdrawn_at, referral.withdrawn_by_id = utcnow(), by.id
    db.session.flush()
    case = db.session.get(Case, referral.case_id)
    audit.record(
        "case.referral_withdrawn",
        "case",
        case.reference if case is not None else "",
        user=by,
        case_id=referral.case_id,
        after={"from_id": referral.user_id, "purpose": referral.purpose},
    )

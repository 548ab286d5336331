"""Who may see and act on which case, applied to the database: one check for a single case and one filter for
lists. Every case route and query uses these, so a conflicted officer loses a case everywhere at once.

The rules themselves are pure (``triage.cases.access``); this module only gathers the facts they need.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, select, true

from triage.cases import access as rules
from triage.extensions import db
from triage.models import Case, CaseConflict, CaseReferral


def _role(user):
    return getattr(user, "role", None)


def has_conflict(user, case: Case) -> bool:
    return bool(
        db.session.scalar(select(exists().where(CaseConflict.case_id == case.id, CaseConflict.user_id == user.id)))
    )


def is_referred(user, case: Case) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    CaseReferral.case_id == case.id,
                    CaseReferral.user_id == user.id,
                    CaseReferral.withdrawn_at.is_(None),
                )
            )
        )
    )


def case_visible_to(user, case: Case | None) -> bool:
    """Whether ``user`` may see ``case`` at all. Views answer 404 when not, so a case's existence is not revealed."""
    if case is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    role = _role(user)
    if role is None or not rules.may_see_cases_at_all(role):
        return False
    return rules.can_view(
        role,
        conflicted=has_conflict(user, case),
        referred=is_referred(user, case) if role in rules.REFERRAL_ROLES else False,
    )


def case_actionable_by(user, case: Case) -> bool:
    """Whether ``user`` may change ``case`` (officers without a conflict)."""
    return case_visible_to(user, case) and rules.can_act(_role(user), conflicted=False)


def may_see_complainant(user, case: Case) -> bool:
    complainant = case.complainant
    confidential = bool(complainant is not None and complainant.confidentiality_requested)
    return rules.may_see_complainant(_role(user), confidentiality_requested=confidential)


def visible_cases_clause(user) -> ColumnElement[bool]:
    """A WHERE clause over ``Case`` keeping only the cases ``user`` may see (for lists and searches)."""
    role = _role(user)
    if role is None or not rules.may_see_cases_at_all(role):
        return false()
    no_conflict = ~exists().where(CaseConflict.case_id == Case.id, CaseConflict.user_id == user.id)
    if role in rules.REFERRAL_ROLES:
        referred = exists().where(
            CaseReferral.case_id == Case.id, CaseReferral.user_id == user.id, CaseReferral.withdrawn_at.is_(None)
        )
        return and_(referred, no_conflict)
    return and_(true(), no_conflict)

"""Who a case can be referred to: active Independent Persons and panel members without a conflict on it."""

from __future__ import annotations

from sqlalchemy import select

from triage.extensions import db
from triage.models import Case, CaseConflict, User
from triage.models.enums import Role


def eligible_people(case: Case) -> list[User]:
    conflicted = select(CaseConflict.user_id).where(CaseConflict.case_id == case.id)
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role.in_((Role.INDEPENDENT_PERSON, Role.PANEL_MEMBER)),
                User.active.is_(True),
                User.id.not_in(conflicted),
            )
            .order_by(User.role, User.name)
        )
    )

"""Saved case-history searches: queries only."""

from __future__ import annotations

from sqlalchemy import select

from triage.data import history
from triage.extensions import db
from triage.models import SavedSearch


def for_user(user) -> list[SavedSearch]:
    return list(
        db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.name))
    )


def get_for(user, search_id: int) -> SavedSearch | None:
    """Only the owner's own saved search, or None."""
    return db.session.scalar(select(SavedSearch).where(SavedSearch.id == search_id, SavedSearch.user_id == user.id))


def find(user, name: str) -> SavedSearch | None:
    return db.session.scalar(select(SavedSearch).where(SavedSearch.user_id == user.id, SavedSearch.name == name))


def with_counts(user) -> list[tuple[SavedSearch, int, bool]]:
    """(search, matching cases, exact) for each, counted now under the user's access: a count never includes a case
    the user could not open from the list it links to."""
    out = []
    for saved in for_user(user):
        count, exact = history.count_cases(user, history.HistoryFilters.from_args(saved.filters))
        out.append((saved, count, exact))
    return out

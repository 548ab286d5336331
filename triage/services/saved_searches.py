"""Saving and deleting case-history searches. Each is the owner's alone and audited; the filters are the list
page's own (checked by ``HistoryFilters``), so a saved search can only ever reopen a list the page can show."""

from __future__ import annotations

from triage.data import audit, history, saved_searches
from triage.extensions import db
from triage.models import SavedSearch, User

MAX_NAME = 100
MAX_PER_USER = 50


class SavedSearchError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def save(user: User, name: str, filters: history.HistoryFilters) -> tuple[SavedSearch, bool]:
    """Save the filters under ``name`` (replacing the filters of the user's search of that name). Returns the
    search and whether it replaced one."""
    name = " ".join((name or "").split())
    if not name:
        raise SavedSearchError("name", "Enter a name for the search")
    if len(name) > MAX_NAME:
        raise SavedSearchError("name", f"The name must be {MAX_NAME} characters or fewer")
    if filters.errors:
        raise SavedSearchError("name", "Correct the filters before saving the search")
    args = filters.to_args(page=1)
    if not args:
        raise SavedSearchError("name", "Search or choose a filter first: there is nothing to save")
    existing = saved_searches.find(user, name)
    if existing is None and len(saved_searches.for_user(user)) >= MAX_PER_USER:
        raise SavedSearchError("name", f"You have {MAX_PER_USER} saved searches: delete one first")
    if existing is not None:
        before = dict(existing.filters)
        existing.filters = args
        db.session.flush()
        audit.record("saved_search.replaced", "saved_search", existing.id, user=user, before=before, after=args)
        return existing, True
    saved = SavedSearch(user_id=user.id, name=name, filters=args)
    db.session.add(saved)
    db.session.flush()
    audit.record("saved_search.saved", "saved_search", saved.id, user=user, after={"name": name, "filters": args})
    return saved, False


def delete(user: User, saved: SavedSearch) -> None:
    if saved.user_id != user.id:
        raise PermissionError("a saved search is its owner's alone")
    audit.record(
        "saved_search.deleted",
        "saved_search",
        saved.id,
        user=user,
        before={"name": saved.name, "filters": saved.filters},
    )
    db.session.delete(saved)
    db.session.flush()

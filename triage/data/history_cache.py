"""Per-process cache of case-history results, kept exact by a database-wide version number.

Why: an analyst pages back and forth through the same filtered lists, and every worker would otherwise count and
sort 100,000 cases again for each view. A cached result is reused only while the ``history_state`` row still has
the version it was computed at; any commit that changes what the history shows (see ``WATCHED_TABLES``) raises
that version in the same transaction, so a page is never staler than the last commit, in every worker, at the cost
of one primary-key read per request. When the row is missing (a database not made by the migrations) nothing is
cached.

``TRIAGE_HISTORY_CACHE_SIZE`` sets how many results each worker keeps (0 turns the cache off).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import has_request_context, request
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from triage.extensions import db
from triage.models.base import utcnow
from triage.models.search import HistoryState

T = TypeVar("T")

STATE_ID = 1
#: Tables whose changes can alter a history list, a search result or who may see a case.
WATCHED_TABLES = frozenset(
    {
        "case_record",
        "post",
        "assessment",
        "decision",
        "case_conflict",
        "case_referral",
        "consultation",
        "hearing",
        "council",
        "member",
        "code_of_conduct",
        "code_paragraph",
        "history_case",
        "history_tag",
    }
)

_SIZE = int(os.environ.get("TRIAGE_HISTORY_CACHE_SIZE", "512"))
_entries: OrderedDict[tuple, Any] = OrderedDict()
_lock = threading.Lock()


def set_size(size: int) -> None:
    """Change the cache size (0 turns it off); empties the cache."""
    global _SIZE
    _SIZE = max(0, int(size))
    clear()


def clear() -> None:
    with _lock:
        _entries.clear()


_NOT_READ = object()
#: Where a request keeps the version it read (its WSGI environ: one per request, whatever the app context).
_MEMO = "triage.history_version"


def current_version() -> tuple[str, int] | None:
    """(epoch, version) of the database, or None when it has no state row. Read once per request (a page asks for
    several cached parts); a commit during the request forgets it (``bump``)."""
    memo = request.environ if has_request_context() else {}
    known = memo.get(_MEMO, _NOT_READ)
    if known is not _NOT_READ:
        return known
    row = db.session.execute(
        select(HistoryState.epoch, HistoryState.version).where(HistoryState.id == STATE_ID)
    ).first()
    version = (row[0], int(row[1])) if row else None
    memo[_MEMO] = version
    return version


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from an earlier call with the same key at the same database version."""
    if _SIZE <= 0:
        return compute()
    version = current_version()
    if version is None:
        return compute()
    full_key = (version, key)
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > _SIZE:
            _entries.popitem(last=False)
    return value


def bump(session: Session) -> None:
    """Raise the version in the caller's transaction (called by the commit hook in ``triage.data.search``)."""
    if has_request_context():
        request.environ.pop(_MEMO, None)
    session.execute(
        update(HistoryState)
        .where(HistoryState.id == STATE_ID)
        .values(version=HistoryState.version + 1, changed_at=utcnow())
    )


def statement_writes_watched_table(statement) -> bool:
    """Whether a DML statement run through the session writes one of ``WATCHED_TABLES``."""
    table = getattr(statement, "table", None)
    return getattr(table, "name", None) in WATCHED_TABLES

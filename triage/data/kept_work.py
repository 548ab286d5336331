"""Typed work kept across an expired session or a stale form token (see :class:`triage.models.KeptForm`)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from triage.auth.tokens import hash_token
from triage.extensions import db
from triage.models import KeptForm
from triage.models.base import utcnow

#: How long typed work waits for its owner to sign in again.
KEEP_FOR = timedelta(hours=8)
MAX_FIELDS = 200
MAX_VALUE = 100_000


def keep(fields: list[tuple[str, str]], path: str, user_id: int | None) -> str:
    """Store the fields for ``path``; returns the raw token the browser keeps (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.execute(delete(KeptForm).where(KeptForm.expires_at < now))
    if user_id is not None:  # one kept form per user and page: the latest typing wins
        db.session.execute(delete(KeptForm).where(KeptForm.user_id == user_id, KeptForm.path == path))
    db.session.add(
        KeptForm(
            token_hash=hash_token(token),
            user_id=user_id,
            path=path[:500],
            fields=[[k, v[:MAX_VALUE]] for k, v in fields[:MAX_FIELDS]],
            created_at=now,
            expires_at=now + KEEP_FOR,
        )
    )
    db.session.flush()
    return token


def claim(token: str | None, user_id: int) -> None:
    """Bind work kept anonymously in this browser to the user who has just signed in (never someone else's)."""
    if not token:
        return
    row = db.session.scalar(
        select(KeptForm).where(KeptForm.token_hash == hash_token(token), KeptForm.expires_at >= utcnow())
    )
    if row is None or row.user_id not in (None, user_id):
        return
    if row.user_id is None:
        db.session.execute(delete(KeptForm).where(KeptForm.user_id == user_id, KeptForm.path == row.path))
        row.user_id = user_id
    db.session.flush()


def take(user_id: int, path: str) -> list[tuple[str, str]] | None:
    """The fields kept for this user and page, removed as they are handed back; None if there are none."""
    row = db.session.scalar(
        select(KeptForm)
        .where(KeptForm.user_id == user_id, KeptForm.path == path, KeptForm.expires_at >= utcnow())
        .order_by(KeptForm.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    fields = [(str(k), str(v)) for k, v in row.fields]
    db.session.delete(row)
    db.session.flush()
    return fields


def has_kept(user_id: int, path: str) -> bool:
    return (
        db.session.scalar(
            select(KeptForm.id).where(
                KeptForm.user_id == user_id, KeptForm.path == path, KeptForm.expires_at >= utcnow()
            )
        )
        is not None
    )

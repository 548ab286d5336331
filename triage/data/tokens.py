"""API bearer tokens and administrator-issued password-reset links. Only hashes are stored; the raw value is
returned once, to be shown once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from triage.auth import mfa
from triage.auth.tokens import hash_token, new_api_token, new_one_time_token
from triage.data import audit
from triage.extensions import db
from triage.models import ApiToken, PasswordResetToken, User
from triage.models.base import utcnow


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# --- API tokens ----------------------------------------------------------------------------------------------


def create_api_token(user: User, name: str, *, actor: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user`` (whose role it carries). Returns the row and the raw token, to show once."""
    raw, digest, prefix = new_api_token()
    lifetime = days if days is not None else mfa.setting("API_TOKEN_DAYS")
    token = ApiToken(
        user_id=user.id,
        name=(name.strip() or "API token")[:100],
        prefix=prefix,
        token_hash=digest,
        created_by=actor[:254],
        expires_at=utcnow() + timedelta(days=lifetime) if lifetime > 0 else None,
    )
    db.session.add(token)
    db.session.flush()
    audit.record(
        "api_token.created",
        "api_token",
        token.id,
        actor=actor,
        after={
            "user_id": user.id,
            "name": token.name,
            "prefix": prefix,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
        },
    )
    return token, raw


def user_for_api_token(raw: str | None) -> tuple[User | None, ApiToken | None]:
    """The active owner of a valid, unexpired, unrevoked token, else (None, None). Notes when it was used."""
    if not raw or len(raw) > 200:
        return None, None
    token = db.session.scalars(select(ApiToken).where(ApiToken.token_hash == hash_token(raw))).first()
    if token is None or token.revoked_at is not None:
        return None, None
    now = utcnow()
    if token.expires_at is not None and _aware(token.expires_at) <= now:
        return None, None
    user = db.session.get(User, token.user_id)
    if user is None or not user.active:
        return None, None
    if token.last_used_at is None or now - _aware(token.last_used_at) > timedelta(minutes=5):
        token.last_used_at = now
        db.session.flush()  # the API layer commits it
    return user, token


def token_use_pending() -> bool:
    """Whether a token's last use is waiting to be committed (so the API layer commits only then)."""
    return any(isinstance(row, ApiToken) for row in db.session.dirty)


def list_api_tokens() -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def get_api_token(token_id: int) -> ApiToken | None:
    return db.session.get(ApiToken, token_id)


def revoke_api_token(token: ApiToken, *, actor: str) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record("api_token.revoked", "api_token", token.id, actor=actor, after={"prefix": token.prefix})


def token_state(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and _aware(token.expires_at) <= utcnow():
        return "expired"
    return "active"


# --- Password-reset links ------------------------------------------------------------------------------------


def issue_password_reset(user: User, *, actor: str) -> str:
    """A one-time token for a set-your-password link; earlier unused links for the user stop working."""
    for old in db.session.scalars(
        select(PasswordResetToken).where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
    ):
        old.used_at = utcnow()
    raw, digest = new_one_time_token()
    row = PasswordResetToken(
        user_id=user.id,
        token_hash=digest,
        created_by=actor[:254],
        expires_at=utcnow() + timedelta(hours=mfa.setting("PASSWORD_RESET_HOURS")),
    )
    db.session.add(row)
    db.session.flush()
    audit.record("user.password_reset_issued", "user", user.id, actor=actor)
    return raw


def valid_password_reset(raw: str | None) -> PasswordResetToken | None:
    if not raw or not isinstance(raw, str) or len(raw) > 200:
        return None
    row = db.session.scalars(select(PasswordResetToken).where(PasswordResetToken.token_hash == hash_token(raw))).first()
    if row is None or row.used_at is not None or _aware(row.expires_at) <= utcnow():
        return None
    return row


def redeem_password_reset(row: PasswordResetToken, password: str) -> User:
    """Set the password (policy-checked: raises WeakPasswordError), use up the token, end every session.

    The second factor is untouched, so a reset link alone never signs anyone in (ASVS 6.4.3).
    """
    from triage.data.users import get_user, set_password

    user = get_user(row.user_id)
    set_password(user, password, actor=user)
    row.used_at = utcnow()
    db.session.flush()
    return user

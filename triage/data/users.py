"""Staff accounts: creation, lookup and the sign-in attempt bookkeeping."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from triage.auth.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password
from triage.data import audit
from triage.extensions import db
from triage.models import User
from triage.models.base import utcnow
from triage.models.enums import Role


class UserExistsError(ValueError):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == normalise_email(email))).first()


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def load_user_for_session(session_id: str) -> User | None:
    """Flask-Login loader: the id carries a session epoch, so bumping the epoch ends every existing session."""
    try:
        user_id, epoch = (int(part) for part in session_id.split(":", 1))
    except ValueError:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_epoch != epoch or not user.active:
        return None
    return user


def create_user(email: str, name: str, role: Role, password: str, *, actor: str = "cli") -> User:
    email = normalise_email(email)
    if get_user_by_email(email) is not None:
        raise UserExistsError(f"A user with email {email} already exists")
    user = User(email=email, name=name.strip() or email, role=Role(role), password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", "user", user.id, actor=actor, after={"email": email, "role": user.role.value})
    return user


def users_with_role(*roles: Role) -> list[User]:
    return list(db.session.scalars(select(User).where(User.role.in_(roles), User.active).order_by(User.name)))


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0


def authenticate(email: str, password: str) -> tuple[User | None, str | None]:
    """Check credentials with lockout after repeated failures. Returns (user, None) or (None, error message).

    The error never says whether the email exists.
    """
    generic = "Enter a correct email address and password"
    user = get_user_by_email(email)
    if user is None:
        verify_password(DUMMY_HASH, password)
        return None, generic
    now = utcnow()
    locked_until = user.locked_until
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=now.tzinfo)
    if locked_until and locked_until > now:
        verify_password(DUMMY_HASH, password)
        return None, "Too many failed attempts. Try again in 15 minutes or ask an administrator to unlock the account"
    if not verify_password(user.password_hash, password) or not user.active:
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= current_app.config["SIGN_IN_LOCKOUT_ATTEMPTS"]:
            user.locked_until = now + timedelta(minutes=current_app.config["SIGN_IN_LOCKOUT_MINUTES"])
            user.failed_sign_ins = 0
            audit.record("user.locked", "user", user.id, actor=user.email)
        db.session.commit()
        return None, generic
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record("user.signed_in", "user", user.id, user=user)
    db.session.commit()
    return user, None

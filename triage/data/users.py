"""Staff accounts: creation, lookup, sign-in and lockout, second factors, server-side sessions and the
administrator's actions. Every change of security state is audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, g, session
from sqlalchemy import delete, func, select

from triage.auth import mfa
from triage.auth.passwords import DUMMY_HASH, hash_password, needs_rehash, rehash, verify_password
from triage.auth.tokens import hash_token, new_one_time_token
from triage.data import audit
from triage.extensions import db
from triage.models import MfaCredential, RecoveryCode, User, UserSession
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
    """Flask-Login loader: the id carries a session epoch, so bumping the epoch ends every existing session.

    The server-side session row named by the cookie is read in the same query (every signed-in page checks it next,
    in ``get_session``), which saves one round trip to the database per page."""
    try:
        user_id, epoch = (int(part) for part in session_id.split(":", 1))
    except ValueError:
        return None
    raw_sid = session.get("sid")
    if not raw_sid or not isinstance(raw_sid, str):
        user = db.session.get(User, user_id)
    else:
        sid_hash = hash_token(raw_sid)
        row = db.session.execute(
            select(User, UserSession)
            .outerjoin(UserSession, (UserSession.user_id == User.id) & (UserSession.sid_hash == sid_hash))
            .where(User.id == user_id)
        ).first()
        user = row[0] if row else None
        if user is not None:
            g.user_session_lookup = (sid_hash, row[1])
    if user is None or user.session_epoch != epoch or not user.active:
        return None
    return user


def password_context(email: str, name: str) -> tuple[str, ...]:
    """What a guesser would try first for this person: their name, their email and the council's name."""
    from flask import has_app_context

    council = current_app.config.get("COUNCIL_NAME", "") if has_app_context() else ""
    return (email, name, council)


def create_user(email: str, name: str, role: Role, password: str, *, actor: str = "cli") -> User:
    email = normalise_email(email)
    if get_user_by_email(email) is not None:
        raise UserExistsError(f"A user with email {email} already exists")
    user = User(
        email=email,
        name=name.strip() or email,
        role=Role(role),
        password_hash=hash_password(password, password_context(email, name)),
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", "user", user.id, actor=actor, after={"email": email, "role": user.role.value})
    return user


def users_with_role(*roles: Role) -> list[User]:
    return list(db.session.scalars(select(User).where(User.role.in_(roles), User.active).order_by(User.name)))


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0


#: The one message for every failed sign-in, whether the account exists, the password is wrong or the account is
#: waiting after failures: nothing on the page tells a guesser which accounts exist.
SIGN_IN_ERROR = "Enter a correct email address and password"


def check_password(email: str, password: str, *, trusted_device: bool = False) -> tuple[User | None, str | None]:
    """First factor, slowed down after repeated failures. Returns (user, None) or (None, :data:`SIGN_IN_ERROR`).

    After ``SIGN_IN_LOCKOUT_ATTEMPTS`` failures in a row the account waits before it will check another password,
    longer after each further failure (see :func:`throttle_seconds`); attempts during the wait are not checked and
    do not extend it. A browser that has completed sign-in to this account before, password and second factor
    (``trusted_device``, a signed cookie) is never made to wait, so a stranger's guessing cannot lock staff out;
    its failures are audited and limited per client address. A correct password does not reset the count: only a
    completed sign-in does, so a second factor cannot be guessed by re-entering a known password.
    """
    user = get_user_by_email(email)
    if user is None:
        verify_password(DUMMY_HASH, password)
        return None, SIGN_IN_ERROR
    if is_locked(user) and not trusted_device:
        verify_password(DUMMY_HASH, password)
        return None, SIGN_IN_ERROR
    if not verify_password(user.password_hash, password) or not user.active:
        if trusted_device:
            audit.record("user.sign_in_failed", "user", user.id, actor=user.email, after={"factor": "password"})
        else:
            record_failed_attempt(user, "password")
        db.session.flush()  # the caller commits: a failure must be counted even though the page shows an error
        return None, SIGN_IN_ERROR
    if needs_rehash(user.password_hash):
        user.password_hash = rehash(password)
    return user, None


def complete_sign_in(user: User, *, method: str = "") -> None:
    """Bookkeeping once every factor has been checked (the caller commits)."""
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = utcnow()
    audit.record("user.signed_in", "user", user.id, user=user, after={"second_factor": method or "none"})


LOCKED_MESSAGE = (
    "Too many wrong codes. Wait a few minutes, then sign in again, or ask an administrator to let you try again now"
)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; every time here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def is_locked(user: User) -> bool:
    locked_until = _aware(user.locked_until)
    return bool(locked_until and locked_until > utcnow())


def throttle_seconds(failures: int) -> int:
    """How long an account waits after ``failures`` failures in a row: nothing before the configured number, then
    the base delay, doubling with each further failure up to the cap (30 s, 1, 2, 4, 8 minutes, then 15)."""
    config = current_app.config
    after = config["SIGN_IN_LOCKOUT_ATTEMPTS"]
    if failures < after:
        return 0
    wait = config["SIGN_IN_THROTTLE_BASE_SECONDS"] * 2 ** (failures - after)
    return min(config["SIGN_IN_THROTTLE_MAX_SECONDS"], wait)


def record_failed_attempt(user: User, factor: str) -> None:
    """Count a failed password or code, and make the account wait if it has failed too often (the caller
    commits). The first wait is audited as ``user.locked``."""
    user.failed_sign_ins += 1
    audit.record("user.sign_in_failed", "user", user.id, actor=user.email, after={"factor": factor})
    wait = throttle_seconds(user.failed_sign_ins)
    if wait:
        user.locked_until = utcnow() + timedelta(seconds=wait)
        if user.failed_sign_ins == current_app.config["SIGN_IN_LOCKOUT_ATTEMPTS"]:
            audit.record("user.locked", "user", user.id, actor=user.email, after={"seconds": wait})


# --- Second factor -------------------------------------------------------------------------------------------


def get_mfa(user: User) -> MfaCredential | None:
    return db.session.scalars(select(MfaCredential).where(MfaCredential.user_id == user.id)).first()


def has_mfa(user: User) -> bool:
    return get_mfa(user) is not None


def enrol_mfa(user: User, secret: str, step: int, *, with_recovery_codes: bool = True) -> list[str]:
    """Store a confirmed authenticator (replacing any other) and return new recovery codes, to show once."""
    existing = get_mfa(user)
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    db.session.add(MfaCredential(user_id=user.id, secret=secret, last_used_step=step))
    codes = replace_recovery_codes(user) if with_recovery_codes else []
    audit.record("user.mfa_enrolled", "user", user.id, user=user)
    db.session.flush()
    return codes


def replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = mfa.generate_recovery_codes()
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=mfa.hash_recovery_code(c)) for c in codes)
    audit.record("user.recovery_codes_issued", "user", user.id, user=user, after={"count": len(codes)})
    db.session.flush()
    return codes


def recovery_codes_left(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count(RecoveryCode.id)).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def verify_second_factor(user: User, code: str) -> str | None:
    """Check a TOTP code or an unused recovery code. Returns "totp", "recovery_code" or None (the caller commits)."""
    credential = get_mfa(user)
    if credential is None:
        return None
    normalised = mfa.normalise_code(code)
    if mfa.looks_like_totp(normalised):
        step = mfa.matching_step(credential.secret, normalised, last_used_step=credential.last_used_step)
        if step is None:
            return None
        credential.last_used_step = step
        return "totp"
    if not 8 <= len(normalised) <= 12:
        return None
    unused = db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ).all()
    for row in unused:
        if mfa.verify_recovery_code(row.code_hash, normalised):
            row.used_at = utcnow()
            audit.record("user.recovery_code_used", "user", user.id, user=user)
            return "recovery_code"
    return None


def reset_mfa(user: User, *, actor) -> None:
    """Remove the authenticator and recovery codes and end every session: the user enrols again at next sign-in."""
    db.session.execute(delete(MfaCredential).where(MfaCredential.user_id == user.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    end_all_sessions(user, reason="mfa_reset")
    audit.record("user.mfa_reset", "user", user.id, user=actor)


# --- Server-side sessions ------------------------------------------------------------------------------------


def start_session(user: User, *, mfa_method: str = "") -> str:
    """Record a new signed-in session and return its random id, for the (signed) session cookie only."""
    raw, digest = new_one_time_token()
    db.session.add(UserSession(sid_hash=digest, user_id=user.id, mfa_method=mfa_method))
    db.session.flush()
    return raw


def get_session(raw_sid: str | None) -> UserSession | None:
    if not raw_sid or not isinstance(raw_sid, str):
        return None
    sid_hash = hash_token(raw_sid)
    looked_up = g.get("user_session_lookup")
    if looked_up is not None and looked_up[0] == sid_hash and looked_up[1] is not None:
        return looked_up[1]  # read with the user by ``load_user_for_session`` in this request
    return db.session.scalars(select(UserSession).where(UserSession.sid_hash == sid_hash)).first()


def session_problem(record: UserSession | None, user: User) -> str | None:
    """Why a session may no longer be used ("ended", "idle", "expired") or None if it is fine."""
    if record is None or record.user_id != user.id or record.ended_at is not None:
        return "ended"
    now = utcnow()
    if now - _aware(record.created_at) > timedelta(seconds=int(current_app.config["PERMANENT_SESSION_LIFETIME"])):
        return "expired"
    if now - _aware(record.last_seen_at) > timedelta(minutes=mfa.setting("SESSION_IDLE_MINUTES")):
        return "idle"
    return None


def touch_session(record: UserSession) -> bool:
    """Note activity, at most once a minute to keep requests cheap; True when it was noted (the caller commits)."""
    now = utcnow()
    if now - _aware(record.last_seen_at) >= timedelta(seconds=60):
        record.last_seen_at = now
        db.session.flush()
        return True
    return False


def end_session(record: UserSession | None, reason: str) -> None:
    if record is not None and record.ended_at is None:
        record.ended_at = utcnow()
        record.ended_reason = reason


def end_all_sessions(user: User, *, reason: str) -> int:
    """End every session of ``user``, server-side and by bumping the epoch Flask-Login checks."""
    user.session_epoch += 1
    rows = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    ).all()
    for row in rows:
        end_session(row, reason)
    db.session.flush()
    return len(rows)


def active_sessions(user: User) -> list[UserSession]:
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .order_by(UserSession.created_at.desc())
        )
    )


def is_recently_authenticated(record: UserSession | None) -> bool:
    if record is None:
        return False
    return utcnow() - _aware(record.authenticated_at) <= timedelta(minutes=mfa.setting("REAUTH_MINUTES"))


def reauthenticate(user: User, record: UserSession, password: str, code: str | None) -> bool:
    """Password, plus a code when the user has a second factor; failures count towards the lockout."""
    if is_locked(user):
        return False
    ok = verify_password(user.password_hash, password)
    if ok and has_mfa(user):
        ok = verify_second_factor(user, code or "") is not None
    if not ok:
        record_failed_attempt(user, "reauthentication")
        db.session.flush()  # the caller commits, whichever way it went
        return False
    record.authenticated_at = utcnow()
    audit.record("user.reauthenticated", "user", user.id, user=user)
    db.session.flush()
    return True


# --- Administration ------------------------------------------------------------------------------------------


class LastAdminError(ValueError):
    pass


def all_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.name, User.email)))


def _other_active_admins(user: User) -> int:
    return (
        db.session.scalar(select(func.count(User.id)).where(User.role == Role.ADMIN, User.active, User.id != user.id))
        or 0
    )


def change_role(user: User, role: Role, *, actor) -> None:
    role = Role(role)
    if role == user.role:
        return
    if user.role == Role.ADMIN and _other_active_admins(user) == 0:
        raise LastAdminError("There must always be at least one active administrator")
    before = user.role.value
    user.role = role
    end_all_sessions(user, reason="role_changed")
    audit.record("user.role_changed", "user", user.id, user=actor, before={"role": before}, after={"role": role.value})


def disable_user(user: User, *, actor) -> None:
    if user.role == Role.ADMIN and _other_active_admins(user) == 0:
        raise LastAdminError("There must always be at least one active administrator")
    user.active = False
    ended = end_all_sessions(user, reason="disabled")
    audit.record("user.disabled", "user", user.id, user=actor, after={"sessions_ended": ended})


def enable_user(user: User, *, actor) -> None:
    user.active = True
    user.failed_sign_ins = 0
    user.locked_until = None
    audit.record("user.enabled", "user", user.id, user=actor)


def unlock_user(user: User, *, actor) -> None:
    user.failed_sign_ins = 0
    user.locked_until = None
    audit.record("user.unlocked", "user", user.id, user=actor)


def end_sessions_by_admin(user: User, *, actor) -> int:
    ended = end_all_sessions(user, reason="ended_by_admin")
    audit.record("user.sessions_ended", "user", user.id, user=actor, after={"sessions_ended": ended})
    return ended


def set_password(user: User, password: str, *, actor=None) -> None:
    """Set a new password (policy-checked), unlock, and end every session."""
    user.password_hash = hash_password(password, password_context(user.email, user.name))
    user.failed_sign_ins = 0
    user.locked_until = None
    end_all_sessions(user, reason="password_changed")
    audit.record("user.password_set", "user", user.id, user=actor or user)

"""Time-based one-time passwords (RFC 6238, via pyotp) and one-time recovery codes, plus the security settings
the sign-in journey reads. Pure functions: storage is in ``triage.data.users``."""

from __future__ import annotations

import os
import re
import secrets
import time

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

TOTP_INTERVAL = 30
TOTP_DIGITS = 6
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed by hand
# Recovery codes are random (about 49 bits each), so OWASP's minimum Argon2id parameters are ample.
_code_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

_DEFAULTS = {
    "SESSION_IDLE_MINUTES": 30,  # inactivity timeout (ASVS 7.3.1)
    "REAUTH_MINUTES": 10,  # how long a password-and-code check covers exports, deletions and admin changes
    "MFA_PENDING_MINUTES": 5,  # time allowed between the password and the code
    "PASSWORD_RESET_HOURS": 24,
    "API_TOKEN_DAYS": 90,
}


def setting(name: str) -> int:
    """An integer security setting: the app config, else the environment variable of the same name, else the
    default above."""
    value = current_app.config.get(name)
    if value is None:
        value = os.environ.get(name, _DEFAULTS[name])
    return int(value)


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def mfa_required() -> bool:
    """Whether every staff account must enrol a second factor before it can use the app.

    ``MFA_REQUIRED`` in the config wins; else ``TRIAGE_MFA_REQUIRED`` from the environment; else on in production
    (``TRIAGE_ENV=production``) and off in development. A user who has enrolled is always asked for a code.
    """
    value = current_app.config.get("MFA_REQUIRED")
    if value is None:
        value = os.environ.get("TRIAGE_MFA_REQUIRED")
    if value is None:
        return current_app.config.get("ENV") == "production"
    return _truthy(value)


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    return pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_INTERVAL).provisioning_uri(
        name=account, issuer_name=issuer
    )


def grouped(secret: str) -> str:
    """The secret in groups of four for typing into an authenticator app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_code(code: str | None) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def looks_like_totp(code: str) -> bool:
    return len(code) == TOTP_DIGITS and code.isdigit()


def current_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator shows now (used by tests and the enrolment check)."""
    return pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_INTERVAL).at(at if at is not None else time.time())


def matching_step(secret: str, code: str, *, last_used_step: int = 0, at: float | None = None) -> int | None:
    """The time step a code belongs to (now, or one step either side for clock drift), or None.

    A step at or before ``last_used_step`` is refused, so an observed code cannot be replayed.
    """
    code = normalise_code(code)
    if not looks_like_totp(code):
        return None
    now = at if at is not None else time.time()
    totp = pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_INTERVAL)
    step_now = int(now // TOTP_INTERVAL)
    for step in (step_now, step_now - 1, step_now + 1):
        if step > last_used_step and secrets.compare_digest(totp.at(step * TOTP_INTERVAL), code):
            return step
    return None


def generate_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Codes like ``k7mq2-x9rtp``: 10 characters from a 31-letter alphabet."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def hash_recovery_code(code: str) -> str:
    return _code_hasher.hash(normalise_code(code))


def verify_recovery_code(stored_hash: str, code: str) -> bool:
    try:
        return _code_hasher.verify(stored_hash, normalise_code(code))
    except (VerificationError, InvalidHashError):
        return False

"""Password hashing with Argon2id (OWASP's first choice) and a minimum policy in line with NCSC advice."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id, library defaults track RFC 9106 recommendations

MIN_LENGTH = 12
#: zxcvbn's score from 0 to 4; 4 means about 10^10 guesses or more. Score 3 (10^8) lets through "Summer2026!!",
#: the kind of password that password-spraying lists try first. ASVS 5.0 6.2.4 asks for a check against common and
#: context-specific passwords.
MIN_SCORE = 4
#: zxcvbn refuses to score more than 72 characters: longer passwords are judged on their first 72 (the rest only
#: adds strength).
SCORED_LENGTH = 72
#: Words anyone guessing a password for this service would try first.
SERVICE_WORDS = ("standards", "triage", "council", "councillor", "monitoring", "officer", "complaint", "conduct")


class WeakPasswordError(ValueError):
    pass


def check_policy(password: str, context: tuple[str, ...] | list[str] = ()) -> None:
    """Length, then a maintained strength estimator (zxcvbn: dictionaries, keyboard patterns, dates, repeats, l33t),
    told the words specific to this person and council (``context``: their name and email, the council's name)."""
    from zxcvbn import zxcvbn

    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Password must be {MIN_LENGTH} characters or more")
    if len(password) > 256:
        raise WeakPasswordError("Password must be 256 characters or fewer")
    values = [str(v).lower() for v in (*SERVICE_WORDS, *context)]
    words = [w for v in values for w in (*re.split(r"[^a-z0-9]+", v), re.sub(r"[^a-z0-9]+", "", v)) if len(w) > 2]
    result = zxcvbn(password[:SCORED_LENGTH], user_inputs=words)
    if result["score"] < MIN_SCORE:
        warning = (result.get("feedback") or {}).get("warning") or ""
        because = f" ({warning.rstrip('.').lower()})" if warning else ""
        raise WeakPasswordError(
            f"Choose a password that is harder to guess{because}: for example, three or four random words"
        )


def hash_password(password: str, context: tuple[str, ...] | list[str] = ()) -> str:
    check_policy(password, context)
    return _hasher.hash(password)


def rehash(password: str) -> str:
    """A new hash of a password already in use (after a parameter upgrade): no policy check, since refusing it
    would lock its owner out at sign-in."""
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


# Verified against when the account does not exist, so response time does not reveal which emails are registered.
DUMMY_HASH = _hasher.hash("dummy-password-for-timing")

"""Password hashing with Argon2id (OWASP's first choice) and a minimum policy in line with NCSC advice."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id, library defaults track RFC 9106 recommendations

MIN_LENGTH = 12
_COMMON = {"password1234", "123456789012", "qwertyuiop12", "letmein12345", "standardstriage"}


class WeakPasswordError(ValueError):
    pass


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Password must be {MIN_LENGTH} characters or more")
    if len(password) > 256:
        raise WeakPasswordError("Password must be 256 characters or fewer")
    if password.lower() in _COMMON or len(set(password)) < 4:
        raise WeakPasswordError("Choose a password that is harder to guess")


def hash_password(password: str) -> str:
    check_policy(password)
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

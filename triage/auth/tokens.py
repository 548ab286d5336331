"""Bearer tokens and one-time links: random values of which only a SHA-256 is stored.

The values carry 256 bits of randomness, so a fast hash is enough (nothing to brute-force), and lookups by hash are
exact and constant-cost.
"""

from __future__ import annotations

import hashlib
import secrets

API_TOKEN_PREFIX = "stt_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def new_api_token() -> tuple[str, str, str]:
    """(token shown once, its hash, a short prefix shown in lists to recognise it)."""
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    return raw, hash_token(raw), raw[: len(API_TOKEN_PREFIX) + 6]


def new_one_time_token() -> tuple[str, str]:
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)

"""Cleaning one-line text (names, parties, addresses) the same way wherever it arrives: a form, the API or a file."""

from __future__ import annotations

#: Bidirectional embedding, override and isolate controls: in a one-line field they only serve to make a name or
#: address display differently from what it is (visual spoofing), so they are removed.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def one_line(value: str | None, limit: int | None = None) -> str:
    """Surrounding space and bidirectional controls removed, then cut to ``limit`` characters."""
    cleaned = (value or "").translate(BIDI_CONTROLS).strip()
    return cleaned[:limit] if limit else cleaned

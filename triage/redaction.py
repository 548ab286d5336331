"""Finding and removing personal details in text: the names a case knows, plus email addresses, UK phone numbers,
postcodes and street addresses.

Used wherever text leaves the council's own case file for a wider audience: anonymised exports, the published
decision notice, and the notes and letters once an officer has confirmed removals for publication. Redacted text is
*replaced* (never covered), so nothing of it survives into the output. Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?7\d{3}|\+44\s?\(?0?\)?\s?\d{2,4}|0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
STREET_WORDS = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Place|Court|Gardens|Terrace|Grove|Hill|"
    "Row|Walk|Mews|Square|Parade|View|Rise"
)
STREET = re.compile(rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){{1,3}}(?:{STREET_WORDS})\b")
URL = re.compile(r"https?://\S+|www\.\S+")
TITLES = {"cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"}

MARKS = {
    "name": "[name removed]",
    "email": "[email removed]",
    "phone": "[phone number removed]",
    "postcode": "[postcode removed]",
    "address": "[address removed]",
    "url": "[web address removed]",
    "words": "[removed]",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def name_patterns(name: str) -> list[re.Pattern[str]]:
    """The ways a known name shows up in posts: in full, surname alone, and run together as a handle."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", name or "") if w.lower() not in TITLES]
    if not words:
        return []
    patterns = [re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b")]
    # A hashtag or handle that carries the surname names the person too (#BoldForBeeston, @bea_bold).
    patterns.append(re.compile(r"[#@]\w*" + re.escape(words[-1]) + r"\w*", re.IGNORECASE))
    if len(words) > 1:
        patterns.append(re.compile(r"\b" + re.escape(words[-1]) + r"\b"))  # the surname, capitalised as written
        patterns.append(re.compile(r"(?i)(?:cllr|councillor)?" + "".join(map(re.escape, words)) + r"\w*"))
    return patterns


def suggest(text: str, names: list[str] | tuple[str, ...] = (), *, urls: bool = False) -> list[Span]:
    """Spans to remove, earliest first and never overlapping (a longer span wins)."""
    found: list[Span] = []
    for name in names:
        for pattern in name_patterns(name):
            found += [Span(m.start(), m.end(), "name") for m in pattern.finditer(text or "")]
    for kind, pattern in (("email", EMAIL), ("phone", PHONE), ("postcode", POSTCODE), ("address", STREET)):
        found += [Span(m.start(), m.end(), kind) for m in pattern.finditer(text or "")]
    if urls:
        found += [Span(m.start(), m.end(), "url") for m in URL.finditer(text or "")]
    return merge(found)


def merge(spans: list[Span]) -> list[Span]:
    """Earliest first, never overlapping: where spans overlap they become one, so nothing between them survives."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and span.start < merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end, merged[-1].kind)
            continue
        merged.append(span)
    return merged


def redact(text: str, spans: list[Span]) -> str:
    """``text`` with each span replaced by a plain marker saying what was removed."""
    out, last = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out.append(text[last : span.start])
        out.append(MARKS.get(span.kind, "[removed]"))
        last = span.end
    out.append(text[last:])
    return "".join(out)


def phrase_kind(phrase: str) -> str:
    """What a confirmed phrase is, so its marker says so: an email, phone number, postcode, street address or web
    address by its shape, else "words" (a name, a child's school, a health detail: the officer knows which)."""
    for kind, pattern in (
        ("email", EMAIL),
        ("phone", PHONE),
        ("postcode", POSTCODE),
        ("address", STREET),
        ("url", URL),
    ):
        if pattern.fullmatch(phrase.strip()):
            return kind
    return "words"


def phrase_spans(text: str, phrases: list[str] | tuple[str, ...]) -> list[Span]:
    """Each phrase an officer confirmed for removal, wherever it appears (any capitalisation)."""
    spans: list[Span] = []
    for phrase in phrases:
        if phrase.strip():
            pattern = re.compile(re.escape(phrase.strip()), re.IGNORECASE)
            kind = phrase_kind(phrase)
            spans += [Span(m.start(), m.end(), kind) for m in pattern.finditer(text or "")]
    return spans


def remove_phrases(text: str, phrases: list[str] | tuple[str, ...]) -> str:
    """``text`` with each confirmed phrase replaced by its marker, and nothing else touched."""
    return redact(text or "", merge(phrase_spans(text or "", phrases)))


def is_name_of(phrase: str, name: str) -> bool:
    """Whether ``phrase`` is ``name`` as a person would write it: in full, the surname, or run together."""
    return (
        any(p.fullmatch(phrase.strip()) for p in name_patterns(name))
        or phrase.strip().lower() == (name or "").strip().lower()
    )


def without_names(phrases: list[str] | tuple[str, ...], names: list[str]) -> list[str]:
    """``phrases`` less those naming any of ``names`` (a letter keeps the names of the people it is between)."""
    return [p for p in phrases if p.strip() and not any(n and is_name_of(p, n) for n in names)]


def scrub(
    text: str,
    names: list[str] | tuple[str, ...] = (),
    *,
    urls: bool = False,
    phrases: list[str] | tuple[str, ...] = (),
) -> str:
    """Suggest and apply in one step (for exports, where nobody reviews each span), plus the phrases an officer
    confirmed for removal."""
    return redact(text or "", merge(suggest(text or "", names, urls=urls) + phrase_spans(text or "", phrases)))

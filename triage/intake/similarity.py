"""Comparing posts: the same web address written differently, and near-identical words."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Two posts whose word sets overlap this much (Jaccard index) are treated as the same post.
NEAR_IDENTICAL = 0.9

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|igshid|mibextid|ref_src|ref_url|s|t|si)$", re.IGNORECASE)


def tokens(text: str) -> frozenset[str]:
    """The post's words, case-folded and normalised, ignoring punctuation, spacing and order."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return frozenset(re.findall(r"\w+", folded))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def normalise_url(url: str) -> str:
    """A canonical form of a post's address: scheme and host case, 'www.', trailing slash, fragment and common
    tracking parameters do not matter. The address is only compared as text, never fetched."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if host.startswith(("m.", "mobile.")):
        host = host.split(".", 1)[1]
    if host == "twitter.com":
        host = "x.com"
    path = re.sub(r"/+$", "", parts.path) or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING_PARAMS.match(k)))
    return urlunsplit(("https", host, path, query, ""))


def url_variants(url: str) -> set[str]:
    """Spellings of the same address as they might have been stored, for an indexed equality query."""
    url = (url or "").strip()
    if not url:
        return set()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    bare = host[4:] if host.startswith("www.") else host
    path = parts.path.rstrip("/")
    out = {url}
    for scheme in ("https", "http"):
        for h in {bare, f"www.{bare}"}:
            for p in {path, path + "/"}:
                out.add(urlunsplit((scheme, h, p, parts.query, "")))
                out.add(urlunsplit((scheme, h, p, "", "")))
    return out

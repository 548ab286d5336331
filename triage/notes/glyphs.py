"""Characters no installed font can draw, written out instead of printed as an empty box.

A post quoted "verbatim" must not lose anything, but an emoji the system fonts lack would print as the ``.notdef``
box: unreadable, and not allowed in PDF/A (a text-showing operator may not reference ``.notdef``). Such characters
are printed as ``[U+1F644 FACE WITH ROLLING EYES]`` so the reader knows exactly what was there, and the note says
so. Control characters other than line breaks and tabs are written out the same way.

Coverage is the union of the character maps of every font fontconfig lists, read once per process with fontTools
(WeasyPrint's own dependency). Without fontconfig nothing is replaced. Installing an emoji font (Debian:
``fonts-noto-color-emoji``) makes those characters print as themselves.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import unicodedata
from functools import cache

LOG = logging.getLogger(__name__)
#: Always drawable without a glyph: line breaks, tabs, spaces, joiners and variation selectors.
_INVISIBLE = {0x09, 0x0A, 0x0D, 0x20, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF} | set(range(0xFE00, 0xFE10))
_CANDIDATE = re.compile(r"[^\t\n\r\x20-\x7e\u00a0-\u024f]")  # fast path: plain Latin text needs no lookups


@cache
def covered_code_points() -> frozenset[int] | None:
    """Every code point some installed font maps, or None when fonts cannot be listed."""
    if shutil.which("fc-list") is None:
        return None
    try:
        from fontTools.ttLib import TTCollection, TTFont

        listing = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, timeout=20, check=True
        ).stdout
    except (ImportError, OSError, subprocess.SubprocessError):
        LOG.warning("could not list the installed fonts; characters without a glyph will print as boxes")
        return None
    points: set[int] = set()
    for path in sorted(set(listing.split("\n")) - {""}):
        try:
            fonts = (
                TTCollection(path, lazy=True).fonts
                if path.lower().endswith((".ttc", ".otc"))
                else [TTFont(path, lazy=True)]
            )
            for font in fonts:
                points.update(font.getBestCmap() or {})
        except Exception:  # a font fontTools cannot read simply adds nothing
            LOG.debug("skipped font %s", path)
    return frozenset(points) if points else None


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"[U+{ord(char):04X}{' ' + name if name else ''}]"


def printable(text: str) -> str:
    """``text`` with every character no font can draw written out as ``[U+XXXX NAME]``."""
    if not text or not _CANDIDATE.search(text):
        return text
    covered = covered_code_points()
    out = []
    for char in text:
        point = ord(char)
        if point in _INVISIBLE:
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") or (covered is not None and point not in covered):
            out.append(_describe(char))
        else:
            out.append(char)
    return "".join(out)

"""The tool's view, stage by stage, in words a monitoring officer, an Independent Person and a panel read: no
percentages (those are in the appendix), reasons once each, and every citation numbered against one source list.

A paragraph's words and its reasons always agree: a paragraph is called "likely" or "possible" only with the reasons
that point to it, and a paragraph with a reason pointing towards a breach is never called "unlikely".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from triage import sources

LIKELY = 0.6
POSSIBLE = 0.25


@dataclass
class SourceList:
    """Numbers citations in the order they are first used; the note prints the list as an appendix."""

    #: The case's own Code, cited by title: its paragraphs are one entry in the list.
    code_title: str = ""
    entries: list[sources.Citation] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def refs(self, source_text: str) -> list[int]:
        numbers = []
        for citation in sources.resolve(source_text):
            if citation.source is None and self.code_title and citation.text.startswith(self.code_title):
                citation = sources.Citation(None, "", self.code_title)
            key = citation.source.key if citation.source else citation.text
            if key not in self._index:
                # One entry per source: the pinpoint is dropped from the list, which cites the whole work.
                self.entries.append(sources.Citation(citation.source, "", citation.text))
                self._index[key] = len(self.entries)
            if self._index[key] not in numbers:
                numbers.append(self._index[key])
        return numbers

    def listing(self) -> list[dict[str, Any]]:
        return [
            {
                "number": i,
                "citation": c.words,
                "url": c.source.url if c.source else "",
            }
            for i, c in enumerate(self.entries, 1)
        ]


def _direction(effect: str) -> str:
    """Towards or away from what the stage asks (the Code applying, a breach, protection, action)."""
    if effect.startswith("+") or effect == "protects":
        return "towards"
    if effect.startswith("-") or effect == "unprotected":
        return "away"
    return "neutral"


def reason_lines(reasons: list[dict], source_list: SourceList, seen: set[str]) -> list[dict]:
    """Each reason once across the whole note (``seen`` carries what is already printed), with its source numbers."""
    out = []
    for r in reasons:
        text = str(r.get("text", "")).strip()
        if not text or text in seen:
            continue
        seen.add(text)
        out.append(
            {
                "text": text,
                "direction": _direction(str(r.get("effect", ""))),
                "refs": source_list.refs(str(r.get("source", ""))),
            }
        )
    return out


def likelihood(probability: float | None, *, supported: bool) -> str:
    """'likely', 'possible' or 'unlikely'; never 'unlikely' when a reason points to it."""
    p = probability or 0.0
    if p >= LIKELY:
        return "likely"
    if p >= POSSIBLE or supported:
        return "possible"
    return "unlikely"


def answered_lines(groups: list[dict], group_id: str) -> tuple[list[dict], list[str]]:
    """The questions of one group the officer answered or the tool assumed (with how), and those still open."""
    answered, open_ = [], []
    for group in groups:
        if group["id"] != group_id:
            continue
        for row in group["rows"]:
            if row["answer"] == "Not known":
                open_.append(row["phrase"])
            else:
                answered.append(row)
    return answered, open_

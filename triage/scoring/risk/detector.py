"""Urgent risk read from the words of a post: reviewed constructions plus a trained threat classifier.

``urgent_flags(posts)`` is what the scorer, the case page, the note and ``triage assess`` show at the top: each flag
says what was seen, in which post, and what to decide today (police, safeguarding, platform report). The flag is
raised whatever the officer's answers say; the officer can record why it does not apply, and only then may the
tool's recommendation be no further action.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage.casefile.model import Post
from triage.scoring.risk import grammar
from triage.scoring.risk.constructions import KINDS, find, words_of
from triage.scoring.risk.model import ThreatModel

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
MODEL_FILE = "threat.skops"
MANIFEST_FILE = "threat.json"
#: Classifier score at which a post counts as threatening without a reviewed construction or the threat reader
#: (chosen for precision: rough political posts must not be flagged). The classifier was trained with insults,
#: defiance, civil council posts and short plain sentences as negatives, so its score alone can count; harmless
#: idiom is blanked and the post scored again before it does ("he killed it in his maiden speech").
THRESHOLD = 0.8
#: Lower score at which a construction that needs support (a time and place to gather) counts.
SUPPORT_THRESHOLD = 0.5
#: The file holds plain dicts, lists, strings, numbers and numpy arrays, which skops trusts by default.
TRUSTED_TYPES: tuple[str, ...] = ()

#: What the officer should consider today, by kind.
ACTIONS: dict[str, str] = {
    "threat": "Decide today whether to advise the person threatened and the complainant to report it to the police, "
    "and whether to report the post to the platform.",
    "incitement": "Decide today whether to tell the police (a time or place to gather, or a means of attack, is "
    "named) and to report the post to the platform.",
    "dehumanising": "Decide today whether to report the post to the platform and whether the police should be told; "
    "it may be a grossly offensive communication or stir up hatred.",
    "disclosure": "Decide today whether the person named needs to be warned or safeguarded, and ask the platform to "
    "remove the personal details.",
    "self_harm": "Decide today whether someone needs safeguarding support; follow the council's safeguarding "
    "procedure.",
}
TITLES: dict[str, str] = {
    "threat": "Possible threat of violence",
    "incitement": "Possible incitement",
    "dehumanising": "Dehumanising language about a protected group",
    "disclosure": "Personal details disclosed",
    "self_harm": "Possible self-harm",
}


class ThreatModelError(RuntimeError):
    """The threat model file does not match its manifest or holds types that are not trusted."""


_lock = threading.Lock()
_model: Any = None
_loaded = False


def _load() -> Any:
    """The shipped classifier, hash-checked, or ``None`` when it has not been trained (constructions still work)."""
    global _model, _loaded
    with _lock:
        if _loaded:
            return _model
        path, manifest_path = MODELS_DIR / MODEL_FILE, MODELS_DIR / MANIFEST_FILE
        if path.exists() and manifest_path.exists():
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
            if actual != manifest.get("sha256"):
                raise ThreatModelError(f"{MODEL_FILE}: SHA-256 does not match {MANIFEST_FILE}; refusing to load")
            import skops.io as sio

            untrusted = set(sio.get_untrusted_types(file=path))
            if untrusted - set(TRUSTED_TYPES):
                raise ThreatModelError(f"{MODEL_FILE} holds untrusted types: {sorted(untrusted - set(TRUSTED_TYPES))}")
            _model = ThreatModel(sio.load(path, trusted=sorted(untrusted)))
        _loaded = True
        return _model


def threat_scores(texts: list[str]) -> list[float]:
    """The classifier's probability that each text threatens or incites violence (0 when no model is shipped)."""
    model = _load()
    if model is None or not texts:
        return [0.0] * len(texts)
    return model.predict_proba(texts)


@dataclass(frozen=True)
class UrgentFlag:
    """One urgent matter, in words for the officer; ``id`` is stable for the same kind in the same post."""

    id: str
    kind: str
    text: str
    source: str
    post: int
    action: str
    phrase: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": TITLES[self.kind],
            "text": self.text,
            "source": self.source,
            "post": self.post,
            "action": self.action,
            "phrase": self.phrase,
        }


def _excerpt(text: str, span: tuple[int, int], width: int = 60) -> str:
    start, end = span
    if end - start > width:
        return text[start : start + width].strip() + "…"
    return text[start:end].strip()


def _flag(post: int, kind: str, text: str, source: str, phrase: str = "") -> UrgentFlag:
    return UrgentFlag(f"urgent-{kind}-post-{post}", kind, text, source, post, ACTIONS[kind], phrase)


def urgent_flags(posts: Sequence[Post], scores: list[float] | None = None) -> list[UrgentFlag]:
    """Urgent flags over the member's own posts (third parties' comments are not the member's words)."""
    flags: list[UrgentFlag] = []
    own = [(i, p) for i, p in enumerate(posts) if p.author == "subject_member"]
    texts = [p.text for _, p in own]
    if scores is None:
        scores = threat_scores(texts)
    for (i, _post), text, score in zip(own, texts, scores, strict=True):
        # harmless idioms ("we'll beat them at the ballot box") are blanked first; offsets still point into the text
        words = words_of(text)
        cleaned = grammar.without_idioms(text, words)
        matches = find(cleaned, words)
        firm = [m for m in matches if not m.construction.needs_support]
        kinds_seen: set[str] = set()
        for m in matches:
            c = m.construction
            if c.needs_support and not firm and score < SUPPORT_THRESHOLD:
                continue
            if c.kind in kinds_seen:
                continue
            kinds_seen.add(c.kind)
            phrase = _excerpt(text, m.span)
            flags.append(
                _flag(
                    i + 1,
                    c.kind,
                    f"Post {i + 1} {c.text}: \u201c{phrase}\u201d.",
                    "the words of the post (a reviewed list of threat and risk phrasings)",
                    phrase,
                )
            )
        reading = None if kinds_seen & {"threat", "incitement"} else grammar.read(text, cleaned=cleaned, words=words)
        if reading is not None:
            kinds_seen.add("threat")
            phrase = _excerpt(text, reading.span)
            flags.append(
                _flag(
                    i + 1,
                    "threat",
                    f"Post {i + 1} {reading.why}: \u201c{phrase}\u201d.",
                    "the words of the post (a reviewed reading of how threats are put together)",
                    phrase,
                )
            )
        if cleaned != text and score >= THRESHOLD:
            # harmless idiom blanked ("he killed it in his maiden speech"): score what is left
            score = threat_scores([cleaned])[0]
        if score >= THRESHOLD and not kinds_seen & {"threat", "incitement"}:
            flags.append(
                _flag(
                    i + 1,
                    "threat",
                    f"Post {i + 1} reads like a threat or a call to violence to the threat classifier, though it "
                    "uses none of the listed phrasings. Read it.",
                    "the words of the post (threat classifier trained on written examples)",
                )
            )
    flags.sort(key=lambda f: (KINDS.index(f.kind), f.post))
    return flags

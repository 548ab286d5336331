"""Similar past cases from the database: building the index file, and the lookup the case page and the note use.

The index covers decided cases (those with a recorded decision) and lives in ``<instance>/similar-cases.npz``
(``triage similar reindex`` rebuilds it; a small installation builds it on first use). Each worker loads it once and
reloads it when the file changes. Results are filtered to cases the user may see.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app, has_request_context
from sqlalchemy import func, select

from triage.analytics.similarity import Document, SimilarityIndex
from triage.cases.workflow import OUTCOME_LABELS
from triage.data.history import visible_clause
from triage.extensions import db
from triage.models import Answer, Case, Post
from triage.models.base import utcnow
from triage.models.enums import Outcome
from triage.models.search import HistoryCase, HistoryTag

INDEX_NAME = "similar-cases.npz"
AUTO_BUILD_LIMIT = 5000
BATCH = 2000
EXCERPT = 180


def index_path() -> Path:
    return Path(current_app.instance_path) / INDEX_NAME


def decided_case_ids() -> list[int]:
    return list(
        db.session.scalars(
            select(HistoryCase.case_id).where(HistoryCase.outcome.is_not(None)).order_by(HistoryCase.case_id)
        )
    )


def _documents(ids: list[int]) -> list[Document]:
    texts: dict[int, list[str]] = defaultdict(list)
    answers: dict[int, dict[str, str]] = defaultdict(dict)
    for case_id, text in db.session.execute(
        select(Post.case_id, Post.text).where(Post.case_id.in_(ids)).order_by(Post.case_id, Post.position, Post.id)
    ):
        texts[case_id].append(text or "")
    for case_id, question, value in db.session.execute(
        select(Answer.case_id, Answer.question_id, Answer.value).where(Answer.case_id.in_(ids))
    ):
        answers[case_id][question] = value
    return [Document(i, "\n".join(texts.get(i, [])), answers.get(i, {})) for i in ids]


def build_index(*, progress=None) -> SimilarityIndex:
    """Rebuild the index from every decided case and save it. ``progress`` gets the number of cases per batch."""
    ids = decided_case_ids()
    docs: list[Document] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        docs.extend(_documents(chunk))
        if progress:
            progress(len(chunk))
    index = SimilarityIndex.build(
        docs, meta={"built_at": utcnow().isoformat(timespec="seconds"), "fingerprint": list(_fingerprint(ids))}
    )
    index.save(index_path())
    _loaded.clear()
    return index


_loaded: dict[str, tuple[float, SimilarityIndex]] = {}
_lock = threading.Lock()
_checked: dict[str, float] = {}
CHECK_SECONDS = 60.0


def _fingerprint(ids: list[int]) -> tuple[int, int]:
    return (len(ids), max(ids) if ids else 0)


def _cached_load(path: Path) -> SimilarityIndex | None:
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    hit = _loaded.get(str(path))
    if hit and hit[0] == mtime:
        return hit[1]
    with _lock:
        index = SimilarityIndex.load(path)
        _loaded[str(path)] = (mtime, index)
    return index


def _small_and_stale(path: Path) -> bool:
    """A small installation rebuilds the index itself when decided cases were added or removed (checked at most
    once a minute); a large one relies on ``triage similar reindex``."""
    now = time.monotonic()
    if now - _checked.get(str(path), -CHECK_SECONDS) < CHECK_SECONDS:
        return False
    _checked[str(path)] = now
    ids = decided_case_ids()
    if len(ids) > AUTO_BUILD_LIMIT:
        return False
    index = _cached_load(path)
    return index is None or tuple(index.meta.get("fingerprint") or ()) != _fingerprint(ids)


def load_index(*, build_if_small: bool = True) -> SimilarityIndex | None:
    """The index, loaded once per process and again when the file changes; built or refreshed first when small."""
    path = index_path()
    if build_if_small and _small_and_stale(path):
        build_index()
    return _cached_load(path)


def drop_index() -> None:
    index_path().unlink(missing_ok=True)
    _loaded.clear()
    _checked.clear()


@dataclass(frozen=True)
class SimilarCase:
    case_id: int
    reference: str
    similarity: float
    outcome: str | None
    outcome_label: str
    decided_on: date | None
    received_on: date
    paragraphs: list[str] = field(default_factory=list)
    excerpt: str = ""

    @property
    def path(self) -> str:
        return f"/cases/{self.reference}"

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def _default_user():
    if has_request_context():
        from flask_login import current_user

        if getattr(current_user, "is_authenticated", False):
            return current_user
    return None


def similar_cases(case: Case, limit: int = 5, *, user=None) -> list[SimilarCase]:
    """The ``limit`` decided cases most similar to ``case`` (posts' text and answers), best first, excluding the
    case itself and anything the user may not see. ``user`` defaults to the signed-in user."""
    index = load_index()
    if index is None or not index.size:
        return []
    user = user if user is not None else _default_user()
    text = "\n".join(p.text or "" for p in case.posts)
    answers = {a.question_id: a.value for a in case.answers}
    candidates = index.query(text, answers, k=limit * 4 + 10, exclude=[case.id])
    if not candidates:
        return []
    score = dict(candidates)
    query = (
        select(
            Case.id,
            Case.reference,
            Case.received_on,
            HistoryCase.outcome,
            HistoryCase.decided_on,
        )
        .join(HistoryCase, HistoryCase.case_id == Case.id)
        .where(Case.id.in_(list(score)), HistoryCase.outcome.is_not(None))
    )
    if user is not None:
        query = query.where(visible_clause(user))
    rows = {r.id: r for r in db.session.execute(query)}
    chosen = [case_id for case_id, _ in candidates if case_id in rows][:limit]
    if not chosen:
        return []
    paragraphs: dict[int, list[str]] = defaultdict(list)
    for case_id, value in db.session.execute(
        select(HistoryTag.case_id, HistoryTag.value)
        .where(HistoryTag.case_id.in_(chosen), HistoryTag.kind == "paragraph")
        .order_by(HistoryTag.value)
    ):
        paragraphs[case_id].append(value.split(":", 1)[-1])
    first_posts = dict(
        db.session.execute(
            select(Post.case_id, Post.text).where(
                Post.id.in_(select(func.min(Post.id)).where(Post.case_id.in_(chosen)).group_by(Post.case_id))
            )
        ).all()
    )
    out = []
    for case_id in chosen:
        row = rows[case_id]
        outcome = row.outcome.value if row.outcome is not None else None
        excerpt = " ".join((first_posts.get(case_id) or "").split())
        if len(excerpt) > EXCERPT:
            excerpt = excerpt[: EXCERPT - 1].rsplit(" ", 1)[0] + "…"
        out.append(
            SimilarCase(
                case_id=case_id,
                reference=row.reference,
                similarity=score[case_id],
                outcome=outcome,
                outcome_label=OUTCOME_LABELS[Outcome(outcome)] if outcome else "Not decided",
                decided_on=row.decided_on,
                received_on=row.received_on,
                paragraphs=paragraphs.get(case_id, []),
                excerpt=excerpt,
            )
        )
    return out


def index_info() -> dict:
    path = index_path()
    if not path.exists():
        return {"built": False}
    index = load_index(build_if_small=False)
    return {"built": True, "cases": index.size if index else 0, **(index.meta if index else {})}

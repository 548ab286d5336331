"""Full-text search and the derived history facts, behind one interface for SQLite and PostgreSQL.

Index
    Each case has one row in ``history_search`` (its posts, the assessment's reasons and the decision's text), one
    row of facts in ``history_case`` and its tags in ``history_tag`` (see ``triage.models.search``). SQLite keeps the
    text in an FTS5 table (porter stemming); PostgreSQL keeps it with a stored ``tsvector`` under a GIN index.

Staying current
    Session hooks collect the ids of cases whose ``Case``, ``Post``, ``Assessment`` or ``Decision`` rows were added,
    changed or deleted, and reindex them just before the transaction commits, so the index commits (or rolls back)
    with the change. Bulk loads that bypass the ORM call :func:`reindex_cases` or :func:`reindex_all` themselves;
    ``triage search reindex`` rebuilds everything. :func:`ensure_current` indexes cases it finds missing.

Queries
    :func:`parse_query` turns what the user typed into a small, safe structure (words, "phrases", ``prefix*``,
    ``OR``, ``-exclusions``) rendered for FTS5 or for ``to_tsquery``, so no input can be a syntax error or reach the
    query language unescaped. :func:`highlights` returns snippets with the matches marked by two private-use
    characters (stripped from indexed text), which :func:`highlight_markup` escapes and then turns into ``<mark>``.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

from markupsafe import Markup, escape
from sqlalchemy import Float, Integer, column, delete, event, func, insert, inspect, select, text
from sqlalchemy.orm import Session

from triage.analytics.calendar import calendar_for
from triage.cases.workflow import CLOCK_RUNNING
from triage.data import history_cache
from triage.extensions import db
from triage.models import Assessment, Case, Council, Decision, Post, User
from triage.models.base import utcnow
from triage.models.search import SEARCH_TABLE, HistoryCase, HistoryTag

MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")
MAX_TERMS = 12
BATCH = 1000
DEFAULT_TARGET_DAYS = 20
#: Statuses in which the initial-assessment clock runs (``triage.cases.workflow.CLOCK_RUNNING``).
RUNNING = frozenset(s.value for s in CLOCK_RUNNING)


# --- building the index -----------------------------------------------------------------------------------------


def _clean(value: str | None) -> str:
    return _MARKS.sub("", value or "").replace("\x00", "")


def reasons_text(result: dict | None) -> str:
    """The assessment's reasons as plain text (the top-level reasons and the Article 10 reasons)."""
    if not isinstance(result, dict):
        return ""
    lines: list[str] = []
    seen: set[str] = set()
    article10 = result.get("article10") if isinstance(result.get("article10"), dict) else {}
    for reason in chain(result.get("reasons") or [], article10.get("reasons") or []):
        line = reason.get("text") if isinstance(reason, dict) else None
        if isinstance(line, str) and line and line not in seen:
            seen.add(line)
            lines.append(line)
    return "\n".join(lines)


@dataclass
class _Inputs:
    case: dict
    posts: list[dict] = field(default_factory=list)
    decision: dict | None = None
    assessment: dict | None = None


def _load_inputs(session: Session, ids: Sequence[int]) -> dict[int, _Inputs]:
    rows = session.execute(
        select(
            Case.id,
            Case.received_on,
            Case.decided_on,
            Case.jurisdiction,
            Case.code_slug,
            Case.status,
            Case.council_id,
            Case.member_id,
            Case.member_role,
            Case.clock_stopped_since,
            Case.clock_stopped_days,
            Council.assessment_target_days,
        )
        .join(Council, Council.id == Case.council_id, isouter=True)
        .where(Case.id.in_(ids))
    ).mappings()
    inputs = {r["id"]: _Inputs(case=dict(r)) for r in rows}
    if not inputs:
        return inputs
    found = list(inputs)
    for r in session.execute(
        select(Post.case_id, Post.text, Post.platform)
        .where(Post.case_id.in_(found))
        .order_by(Post.case_id, Post.position, Post.id)
    ).mappings():
        inputs[r["case_id"]].posts.append(dict(r))
    for r in session.execute(
        select(
            Decision.case_id,
            Decision.outcome,
            Decision.paragraphs,
            Decision.reasons,
            Decision.override_reason,
            Decision.tool_recommendation,
            Decision.assessment_id,
            Decision.decided_at,
        )
        .where(Decision.case_id.in_(found))
        .order_by(Decision.case_id, Decision.decided_at, Decision.id)
    ).mappings():
        inputs[r["case_id"]].decision = dict(r)  # the last one wins: the latest decision
    latest = select(func.max(Assessment.id)).where(Assessment.case_id.in_(found)).group_by(Assessment.case_id)
    wanted = set(session.scalars(latest))
    wanted |= {i.decision["assessment_id"] for i in inputs.values() if i.decision and i.decision["assessment_id"]}
    if wanted:
        assessments = session.execute(
            select(
                Assessment.id,
                Assessment.case_id,
                Assessment.recommendation,
                Assessment.code_engaged_probability,
                Assessment.breach_probability,
                Assessment.result,
            ).where(Assessment.id.in_(wanted))
        ).mappings()
        by_case: dict[int, list[dict]] = defaultdict(list)
        for r in assessments:
            by_case[r["case_id"]].append(dict(r))
        for case_id, items in by_case.items():
            entry = inputs[case_id]
            chosen_id = entry.decision["assessment_id"] if entry.decision else None
            chosen = next((a for a in items if a["id"] == chosen_id), None)
            entry.assessment = chosen or max(items, key=lambda a: a["id"])
    return inputs


def _value(enum_value) -> str | None:
    return None if enum_value is None else str(getattr(enum_value, "value", enum_value))


def build_rows(item: _Inputs, *, now=None) -> tuple[dict, list[dict], dict]:
    """The facts row, tag rows and search row of one case (pure: no database access)."""
    case, decision, assessment = item.case, item.decision, item.assessment
    jurisdiction = _value(case["jurisdiction"]) or "england"
    calendar = calendar_for(jurisdiction)
    target = case.get("assessment_target_days") or DEFAULT_TARGET_DAYS
    outcome = _value(decision["outcome"]) if decision else None
    tool = (_value(decision["tool_recommendation"]) if decision else None) or (
        _value(assessment["recommendation"]) if assessment else None
    )
    breach = assessment["breach_probability"] if assessment else None
    decided_on = case["decided_on"] or (decision["decided_at"].date() if decision and decision["decided_at"] else None)
    paragraphs = [str(p) for p in (decision["paragraphs"] or [])] if decision else []
    platforms = [_value(p["platform"]) for p in item.posts if p["platform"] is not None]
    # A stopped clock (a pause) never makes a case overdue; days stopped earlier push the due date back.
    running = _value(case.get("status")) in RUNNING and case.get("clock_stopped_since") is None
    stopped_days = int(case.get("clock_stopped_days") or 0)
    decision_days = calendar.days_between(case["received_on"], decided_on) if decided_on else None
    facts = {
        "case_id": case["id"],
        "received_on": case["received_on"],
        "council_id": case["council_id"],
        "jurisdiction": jurisdiction,
        "status": _value(case["status"]),
        "member_id": case.get("member_id"),
        "member_role": _value(case.get("member_role")),
        "outcome": outcome,
        "tool_recommendation": tool,
        "agrees": (outcome == tool) if outcome and tool else None,
        "code_engaged_probability": assessment["code_engaged_probability"] if assessment else None,
        "breach_probability": breach,
        "breach_decile": None if breach is None else max(0, min(9, int(float(breach) * 10))),
        "decision_breach": bool(paragraphs) if decision else None,
        "decided_on": decided_on,
        "decision_days": decision_days,
        "overdue_from": calendar.add(case["received_on"], int(target) + stopped_days + 1) if running else None,
        "primary_platform": platforms[0] if platforms else None,
        "platforms": " ".join(dict.fromkeys(platforms))[:200],
        "paragraphs": " ".join(dict.fromkeys(f"{case['code_slug']}:{p}" for p in paragraphs))[:1000],
        "post_count": len(item.posts),
        "sort_score": -1.0 if breach is None else float(breach),
        "sort_days": -1 if decision_days is None else decision_days,
        "indexed_at": now or utcnow(),
    }
    tags = [{"case_id": case["id"], "kind": "platform", "value": p} for p in dict.fromkeys(platforms)]
    tags += [
        {"case_id": case["id"], "kind": "paragraph", "value": f"{case['code_slug']}:{p}"[:100]}
        for p in dict.fromkeys(paragraphs)
    ]
    search = {
        "case_id": case["id"],
        "received_on": case["received_on"],
        "posts": _clean("\n\n".join(p["text"] or "" for p in item.posts)),
        "reasons": _clean(reasons_text(assessment["result"] if assessment else None)),
        "decision": _clean(
            "\n\n".join(x for x in ((decision["reasons"], decision["override_reason"]) if decision else ()) if x)
        ),
    }
    return facts, tags, search


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _delete_search_rows(session: Session, ids: Sequence[int]) -> None:
    if not ids:
        return
    key = "case_id" if _dialect(session) == "postgresql" else "rowid"
    stmt = text(f"DELETE FROM {SEARCH_TABLE} WHERE {key} IN :ids").bindparams(
        _expanding("ids"),
    )
    session.execute(stmt, {"ids": list(ids)})


def _expanding(name: str):
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)


def write_rows(
    session: Session, ids: Sequence[int], facts: list[dict], tags: list[dict], search: list[dict], *, fresh=False
) -> None:
    """Replace the index rows of ``ids`` (cases in ``ids`` without new rows are removed from the index).
    ``fresh``: the cases were just created, so there is nothing to replace."""
    ids = list(ids)
    if not fresh:
        session.execute(delete(HistoryTag).where(HistoryTag.case_id.in_(ids)))
        session.execute(delete(HistoryCase).where(HistoryCase.case_id.in_(ids)))
        _delete_search_rows(session, ids)
    if facts:
        session.execute(insert(HistoryCase), facts)
    if tags:
        session.execute(insert(HistoryTag), tags)
    if search:
        if _dialect(session) == "postgresql":
            columns, values = "case_id, received_on, posts, reasons, decision", ":case_id, :received_on, "
        else:
            columns, values = "rowid, posts, reasons, decision", ":case_id, "
        sql = f"INSERT INTO {SEARCH_TABLE} ({columns}) VALUES ({values}:posts, :reasons, :decision)"
        session.execute(text(sql), search)


def reindex_cases(case_ids: Iterable[int], *, session: Session | None = None) -> int:
    """Recompute the index rows of these cases (deleted cases are dropped from it). Returns how many exist."""
    session = session or db.session
    ids = sorted({int(i) for i in case_ids if i is not None})
    done = 0
    now = utcnow()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        inputs = _load_inputs(session, chunk)
        facts, tags, search = [], [], []
        for item in inputs.values():
            f, t, s = build_rows(item, now=now)
            facts.append(f)
            tags.extend(t)
            search.append(s)
        write_rows(session, chunk, facts, tags, search)
        done += len(inputs)
    return done


def remove_orphans(session: Session | None = None) -> int:
    """Drop full-text rows of cases that no longer exist (a case deleted outside the ORM)."""
    session = session or db.session
    key = "case_id" if _dialect(session) == "postgresql" else "rowid"
    result = session.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE {key} NOT IN (SELECT id FROM case_record)"))
    return result.rowcount or 0


def reindex_all(*, progress: Callable[[int], None] | None = None, session: Session | None = None) -> int:
    """Rebuild the whole index, in batches. ``progress`` is called with the number of cases done per batch."""
    session = session or db.session
    ids = list(session.scalars(select(Case.id).order_by(Case.id)))
    remove_orphans(session)
    total = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        total += reindex_cases(chunk, session=session)
        if progress:
            progress(len(chunk))
    return total


OPTIMISED_TABLES = (
    SEARCH_TABLE,
    "history_case",
    "history_tag",
    "case_record",
    "post",
    "answer",
    "decision",
    "assessment",
)


def optimise(session: Session | None = None) -> None:
    """After a large load: on PostgreSQL, VACUUM ANALYZE the case tables (planner statistics, the visibility map
    that index-only scans need, and the GIN index's pending list merged); on SQLite, merge the FTS5 b-trees and
    ANALYZE. Commits the session first (VACUUM cannot run in a transaction)."""
    session = session or db.session
    if _dialect(session) == "postgresql":
        session.commit()
        with session.get_bind().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in OPTIMISED_TABLES:
                conn.execute(text(f"VACUUM (ANALYZE) {table}"))
    else:
        session.execute(text(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')"))
        session.execute(text("ANALYZE"))


def missing_case_ids(limit: int, session: Session | None = None) -> list[int]:
    session = session or db.session
    return list(
        session.scalars(
            select(Case.id)
            .outerjoin(HistoryCase, HistoryCase.case_id == Case.id)
            .where(HistoryCase.case_id.is_(None))
            .limit(limit)
        )
    )


@dataclass
class _Coverage:
    checked_at: float = 0.0
    complete: bool = False
    missing: int = 0
    healed: bool = False


def healed() -> bool:
    """Whether the last :func:`ensure_current` wrote index rows that the caller should commit."""
    return _coverage.healed


_coverage = _Coverage()
COVERAGE_TTL = 60.0
SELF_HEAL_LIMIT = 500


def ensure_current() -> int:
    """Index cases that have no index rows yet (created before migration 0004 or by a bulk load), at most
    ``SELF_HEAL_LIMIT`` at a time; checked at most once a minute per process. Returns how many are still missing.
    The caller commits when :func:`healed` says rows were written."""
    _coverage.healed = False
    now = time.monotonic()
    if now - _coverage.checked_at < COVERAGE_TTL:
        return _coverage.missing
    _coverage.checked_at = now
    cases = db.session.scalar(select(func.count()).select_from(Case)) or 0
    indexed = db.session.scalar(select(func.count()).select_from(HistoryCase)) or 0
    if indexed >= cases:
        _coverage.missing = 0
        return 0
    missing = missing_case_ids(SELF_HEAL_LIMIT + 1)
    if len(missing) <= SELF_HEAL_LIMIT:
        reindex_cases(missing)
        db.session.flush()
        _coverage.missing, _coverage.healed = 0, True
        return 0
    _coverage.missing = cases - indexed
    return _coverage.missing


def reset_coverage_cache() -> None:
    _coverage.checked_at = 0.0


# --- keeping the index current ----------------------------------------------------------------------------------

_TOUCHED = "history_touched_cases"
_COUNCILS = "history_touched_councils"
#: Set when this transaction changed something the history shows: the commit then raises its version.
_CHANGED = "history_changed"


def _case_id_of(obj) -> int | None:
    if isinstance(obj, Case):
        return obj.id
    case_id = getattr(obj, "case_id", None)
    if case_id is None and getattr(obj, "case", None) is not None:
        case_id = obj.case.id
    return case_id


def _renamed_user(obj) -> bool:
    """The case list names the officer each case is assigned to; a sign-in (which also writes the user row) does
    not change what it shows, a new name does."""
    return isinstance(obj, User) and inspect(obj).attrs.name.history.has_changes()


def _after_flush(session: Session, _flush_context) -> None:
    touched = session.info.setdefault(_TOUCHED, set())
    for obj in chain(session.new, session.dirty, session.deleted):
        if getattr(type(obj), "__tablename__", None) in history_cache.WATCHED_TABLES or _renamed_user(obj):
            session.info[_CHANGED] = True
        if isinstance(obj, Case | Post | Assessment | Decision):
            case_id = _case_id_of(obj)
            if case_id is not None:
                touched.add(case_id)
        elif isinstance(obj, Council) and obj in session.dirty:
            session.info.setdefault(_COUNCILS, set()).add(obj.id)


def _on_execute(state) -> None:
    """Bulk statements (retention, synthetic seeding, reindexing) bypass the flush: note them too."""
    if (state.is_insert or state.is_update or state.is_delete) and history_cache.statement_writes_watched_table(
        state.statement
    ):
        state.session.info[_CHANGED] = True


def _before_commit(session: Session) -> None:
    if (
        not session.info.get(_TOUCHED)
        and not session.info.get(_COUNCILS)
        and not session.info.get(_CHANGED)
        and not (session.new or session.dirty or session.deleted)
    ):
        return
    session.flush()
    councils = session.info.pop(_COUNCILS, set())
    touched = session.info.pop(_TOUCHED, set())
    if councils:
        # A changed working-day target moves every due date of that council's cases.
        touched |= set(session.scalars(select(Case.id).where(Case.council_id.in_(councils))))
    if touched:
        reindex_cases(touched, session=session)
    # Popped after reindexing, whose own writes to the facts tables set the flag again.
    if session.info.pop(_CHANGED, False):
        history_cache.bump(session)


def _forget(session: Session, *_args) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(_COUNCILS, None)
    session.info.pop(_CHANGED, None)


def install_hooks() -> None:
    """Listen on the app's session class (idempotent)."""
    from flask_sqlalchemy.session import Session as AppSession

    if event.contains(AppSession, "after_flush", _after_flush):
        return
    event.listen(AppSession, "after_flush", _after_flush)
    event.listen(AppSession, "before_commit", _before_commit)
    event.listen(AppSession, "after_rollback", _forget)
    event.listen(AppSession, "do_orm_execute", _on_execute)


install_hooks()


# --- queries ----------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # more than one: a phrase
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """Alternatives (OR) of conjunctions (AND) of terms, minus excluded terms."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def fts5(self) -> str:
        def term(t: Term) -> str:
            quoted = '"' + " ".join(t.words) + '"'
            return quoted + (" *" if t.prefix else "")

        positive = " OR ".join("(" + " AND ".join(term(t) for t in g) + ")" for g in self.groups)
        if self.excluded:
            return f"({positive}) NOT ({' OR '.join(term(t) for t in self.excluded)})"
        return positive

    def tsquery(self) -> str:
        def term(t: Term) -> str:
            parts = [f"'{w}'" for w in t.words]
            if t.prefix:
                parts[-1] += ":*"
            return "(" + " <-> ".join(parts) + ")"

        positive = " | ".join("(" + " & ".join(term(t) for t in g) + ")" for g in self.groups)
        if self.excluded:
            return f"({positive}) & !({' | '.join(term(t) for t in self.excluded)})"
        return positive


def parse_query(raw: str | None) -> ParsedQuery:
    """Words are ANDed; ``OR`` between words makes alternatives; "quotes" make a phrase; a trailing ``*`` matches
    a prefix; a leading ``-`` excludes. Anything else is ignored, so every input is a valid query."""
    groups: list[list[Term]] = [[]]
    excluded: list[Term] = []
    count = 0
    for match in _TOKEN.finditer((raw or "")[:500]):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            if groups[-1]:
                groups.append([])
            continue
        if phrase is None:
            negated = "-" if bare.startswith("-") else ""
            phrase = bare.lstrip("-")
        prefix = phrase.rstrip().endswith("*")
        words = tuple(w.lower() for w in _WORD.findall(phrase))
        if not words or count >= MAX_TERMS:
            continue
        count += 1
        term = Term(words=words[:8], prefix=prefix and len(words) == 1)
        (excluded if negated else groups[-1]).append(term)
    kept = tuple(tuple(g) for g in groups if g)
    return ParsedQuery(groups=kept, excluded=tuple(excluded) if kept else ())


def matching_ids(parsed: ParsedQuery, dialect: str, *, since: date | None = None):
    """A SELECT of the ids of cases matching ``parsed`` (use with ``Case.id.in_(...)``); on PostgreSQL ``since``
    keeps only cases received on or after that day, inside the index scan."""
    if dialect == "postgresql":
        sql = f"SELECT case_id FROM {SEARCH_TABLE} WHERE document @@ to_tsquery('english', :tsq)"
        if since is not None:
            sql += " AND received_on >= :since"
            stmt = text(sql).bindparams(tsq=parsed.tsquery(), since=since)
        else:
            stmt = text(sql).bindparams(tsq=parsed.tsquery())
        return stmt.columns(column("case_id", Integer))
    sql = f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :ftsq"
    return text(sql).bindparams(ftsq=parsed.fts5()).columns(column("rowid", Integer))


RANK_CANDIDATES = 500


def ranked_matches(parsed: ParsedQuery, dialect: str):
    """A subquery ``(case_id, score)`` of matching cases with a relevance score (higher is better), to join on for
    the 'best match' sort. Only the ``RANK_CANDIDATES`` most recent matches are scored (by date received on
    PostgreSQL, by case id on SQLite), so a word found in most cases costs about the same as a rare one."""
    if dialect == "postgresql":
        sql = (
            "SELECT case_id, ts_rank_cd(document, query) AS score FROM ("
            f"SELECT case_id, document, to_tsquery('english', :rank_tsq) AS query FROM {SEARCH_TABLE} "
            "WHERE document @@ to_tsquery('english', :rank_tsq) ORDER BY received_on DESC LIMIT :rank_limit) AS newest"
        )
        stmt = text(sql).bindparams(rank_tsq=parsed.tsquery(), rank_limit=RANK_CANDIDATES)
    else:
        sql = (
            f"SELECT rowid AS case_id, -rank AS score FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :rank_ftsq "
            "ORDER BY rowid DESC LIMIT :rank_limit"
        )
        stmt = text(sql).bindparams(rank_ftsq=parsed.fts5(), rank_limit=RANK_CANDIDATES)
    return stmt.columns(column("case_id", Integer), column("score", Float)).subquery("ranked")


FIELDS = (("posts", "Post"), ("decision", "Decision"), ("reasons", "Assessment reasons"))


@dataclass(frozen=True)
class Highlight:
    field: str
    label: str
    snippet: str

    @property
    def markup(self) -> Markup:
        return highlight_markup(self.snippet)


def highlights(case_ids: Sequence[int], parsed: ParsedQuery, session: Session | None = None) -> dict[int, list]:
    """Snippets of each case's matching fields with the matches marked, for the cases on one page."""
    session = session or db.session
    if not case_ids or not parsed:
        return {}
    dialect = _dialect(session)
    if dialect == "postgresql":
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=28, MinWords=10, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )

        # Angle brackets shown as look-alikes: the parser would otherwise treat "<...>" as markup and drop it.
        # The long, repetitive reasons are only headlined when neither the posts nor the decision matched.
        def headline(name: str) -> str:
            return f"ts_headline('english', translate({name}, '<>', '‹›'), query, :options)"

        sql = (
            "SELECT case_id, posts, decision, CASE WHEN strpos(posts || decision, :mark) = 0 "
            f"THEN {headline('reasons_text')} END AS reasons FROM ("
            f"SELECT case_id, q.query, reasons AS reasons_text, {headline('posts')} AS posts, "
            f"{headline('decision')} AS decision "
            f"FROM {SEARCH_TABLE}, (SELECT to_tsquery('english', :tsq) AS query) AS q "
            "WHERE case_id IN :ids AND document @@ q.query) AS matched"
        )
        params = {"tsq": parsed.tsquery(), "options": options, "ids": list(case_ids), "mark": MARK_START}
        key = "case_id"
    else:
        # FTS5 column order is posts, reasons, decision: map by index.
        order = {"posts": 0, "reasons": 1, "decision": 2}
        columns = ", ".join(
            f"snippet({SEARCH_TABLE}, {order[name]}, :start, :end, ' … ', 24) AS {name}" for name, _ in FIELDS
        )
        sql = (
            f"SELECT rowid AS case_id, {columns} FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :ftsq AND rowid IN :ids"
        )
        params = {"ftsq": parsed.fts5(), "start": MARK_START, "end": MARK_END, "ids": list(case_ids)}
        key = "case_id"
    stmt = text(sql).bindparams(_expanding("ids"))
    out: dict[int, list[Highlight]] = {}
    for row in session.execute(stmt, params).mappings():
        items = [Highlight(name, label, row[name]) for name, label in FIELDS if row[name] and MARK_START in row[name]]
        if any(h.field != "reasons" for h in items):
            items = [h for h in items if h.field != "reasons"]
        out[row[key]] = items
    return out


def highlight_markup(snippet: str) -> Markup:
    """Escape the snippet, then turn the private-use match markers into balanced ``<mark>`` elements."""
    parts: list[str] = []
    open_mark = False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", snippet or ""):
        if piece == MARK_START:
            if not open_mark:
                parts.append("<mark>")
                open_mark = True
        elif piece == MARK_END:
            if open_mark:
                parts.append("</mark>")
                open_mark = False
        elif piece:
            parts.append(str(escape(piece)))
    if open_mark:
        parts.append("</mark>")
    return Markup("".join(parts))


def index_status(session: Session | None = None) -> dict[str, int]:
    session = session or db.session
    return {
        "cases": session.scalar(select(func.count()).select_from(Case)) or 0,
        "indexed": session.scalar(select(func.count()).select_from(HistoryCase)) or 0,
    }

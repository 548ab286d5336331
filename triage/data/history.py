"""Case history: the filtered, sorted, paginated list and search, and the rows behind its exports.

The filters travel in the query string (``HistoryFilters.from_args`` / ``to_args``), so every list is a URL that can
be bookmarked and shared. Every query starts from the cases the user may see (``visible_cases_clause``: referred
cases only for panel members and Independent Persons, nothing an officer is conflicted on), and reads the derived
facts in ``history_case`` / ``history_tag`` so filtering on the latest decision, the tool's recommendation, platforms
or Code paragraphs is an indexed lookup rather than a scan of child rows.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Any

from flask import g, has_request_context
from sqlalchemy import and_, exists, false, func, or_, select, true
from sqlalchemy import case as sql_case
from sqlalchemy.orm import aliased, selectinload
from sqlalchemy.sql.elements import True_

from triage.cases import workflow
from triage.cases.access import REFERRAL_ROLES, may_see_cases_at_all
from triage.data import history_cache, search
from triage.data.access import visible_cases_clause
from triage.data.date_args import date_range
from triage.extensions import db
from triage.models import (
    Assessment,
    Case,
    CaseConflict,
    CaseReferral,
    CodeParagraph,
    Consultation,
    Council,
    Hearing,
    Member,
    User,
)
from triage.models.council import CodeOfConduct
from triage.models.enums import CaseStatus, Jurisdiction, MemberRole, Outcome, Platform, Role
from triage.models.search import HistoryCase, HistoryTag

PER_PAGE = 25
MAX_PAGE = 2000
#: Counts stop here ("more than 1,000 cases"): see ``count_cases``.
COUNT_CAP = 1000

SORTS: dict[str, str] = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "reference": "Reference",
    "member": "Member (A to Z)",
    "recommendation": "Tool's recommendation (most serious first)",
    "status": "Status (in process order)",
    "score": "Highest breach score first",
    "slowest": "Longest to decide first",
    "relevance": "Best match (with a search)",
}
#: The status filter's one value beyond the statuses themselves.
OPEN = "open"
ASSIGNED = {"me": "Me", "unassigned": "Nobody yet"}
#: Work waiting on someone, beyond status and assignment: cases the tool has not scored, cases waiting on an
#: Independent Person's views (referred to them, nothing recorded since), and for a referral role what they owe.
QUEUES = {
    "unscored": "Not yet scored by the tool",
    "awaiting_ip": "Awaiting the Independent Person's views",
    "views_due": "Referred to you for your views, not yet given",
    "hearing_due": "Referred to you for a hearing, not yet recorded",
}
#: Filters whose answer depends on who is asking (so cached results are that user's own).
PERSONAL_QUEUES = ("views_due", "hearing_due")
#: Score bands on the breach probability, as ranges of its decile (0-9).
BANDS: dict[str, tuple[str, int, int]] = {
    "low": ("Low (under 30%)", 0, 2),
    "medium": ("Medium (30% to 69%)", 3, 6),
    "high": ("High (70% or more)", 7, 9),
}
AGREEMENT = {"agree": "Officer agreed with the tool", "disagree": "Officer decided differently"}
NOT_DECIDED = "none"
NOT_SCORED = "none"


def _choice(value: str | None, allowed) -> str:
    value = (value or "").strip()
    return value if value in allowed else ""


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


@dataclass(frozen=True)
class HistoryFilters:
    q: str = ""
    status: str = ""
    outcome: str = ""
    tool: str = ""
    agreement: str = ""
    member: str = ""
    member_id: int | None = None
    party: str = ""
    role: str = ""
    platform: str = ""
    jurisdiction: str = ""
    paragraph: str = ""
    band: str = ""
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    assigned: str = ""
    queue: str = ""
    sort: str = "newest"
    page: int = 1
    errors: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def from_args(cls, args) -> HistoryFilters:
        outcomes = {o.value for o in Outcome}
        received_from, received_to, errors = date_range(
            args, ("received_from", "Received from"), ("received_to", "Received to")
        )
        page = _int(args.get("page")) or 1
        sort = _choice(args.get("sort"), SORTS) or "newest"
        q = " ".join((args.get("q") or "").split())[:200]
        if sort == "relevance" and not q:
            sort = "newest"
        return cls(
            q=q,
            status=_choice(args.get("status"), {s.value for s in CaseStatus} | {OPEN}),
            outcome=_choice(args.get("outcome"), outcomes | {NOT_DECIDED}),
            tool=_choice(args.get("tool"), outcomes | {NOT_SCORED}),
            agreement=_choice(args.get("agreement"), AGREEMENT),
            member=" ".join((args.get("member") or "").split())[:100],
            member_id=_int(args.get("member_id")),
            party=(args.get("party") or "").strip()[:120],
            role=_choice(args.get("role"), {r.value for r in MemberRole}),
            platform=_choice(args.get("platform"), {p.value for p in Platform}),
            jurisdiction=_choice(args.get("jurisdiction"), {j.value for j in Jurisdiction}),
            paragraph=(args.get("paragraph") or "").strip()[:100],
            band=_choice(args.get("band"), set(BANDS) | {NOT_SCORED}),
            received_from=received_from,
            received_to=received_to,
            overdue=(args.get("overdue") or "") in {"1", "on", "yes", "true"},
            assigned=_choice(args.get("assigned"), ASSIGNED),
            queue=_choice(args.get("queue"), QUEUES),
            sort=sort,
            page=min(page, MAX_PAGE),
            errors=tuple(errors),
        )

    def to_args(self, **changes) -> dict[str, Any]:
        """Query-string arguments for a link keeping these filters (defaults and empty values dropped)."""
        values: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "errors":
                continue
            values[f.name] = getattr(self, f.name)
        values.update(changes)
        out: dict[str, Any] = {}
        for key, value in values.items():
            if value in ("", None, False) or (key == "page" and value == 1) or (key == "sort" and value == "newest"):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif value is True:
                value = "1"
            out[key] = value
        return out

    def without(self, *names: str) -> HistoryFilters:
        defaults = {f.name: f.default for f in fields(self) if f.name in names}
        return replace(self, page=1, **defaults)

    @property
    def active(self) -> bool:
        return bool(self.to_args(page=1, sort="newest"))

    @property
    def filtering(self) -> bool:
        """Any filter besides the search words (opens the 'more filters' section)."""
        return bool(self.to_args(page=1, sort="newest", q=""))

    @property
    def personal(self) -> bool:
        """Whether the answer depends on who asks ("assigned to me", "your views are due")."""
        return self.assigned == "me" or self.queue in PERSONAL_QUEUES

    def summary(self) -> dict[str, Any]:
        """The filters as a plain dict for the audit log (no page, no sort)."""
        return self.to_args(page=1, sort="newest")


# --- building the query ------------------------------------------------------------------------------------------


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def visible_clause(user):
    """``visible_cases_clause`` with one shortcut: for a user who sees every case and has declared no conflict
    (most officers and analysts), the anti-join on conflicts is left out of every query. Same answer, cheaper
    counts and aggregates over 100,000 cases."""
    role = getattr(user, "role", None)
    if role is None or role in REFERRAL_ROLES or not may_see_cases_at_all(role):
        return visible_cases_clause(user)
    key = f"history_conflicted_{user.id}"
    conflicted = g.get(key) if has_request_context() else None
    if conflicted is None:
        # Conflicts are watched by the history cache, so the answer holds until the next relevant commit.
        conflicted = history_cache.remember(
            ("conflicted", user.id),
            lambda: bool(db.session.scalar(select(exists().where(CaseConflict.user_id == user.id)))),
        )
        if has_request_context():
            setattr(g, key, conflicted)
    return visible_cases_clause(user) if conflicted else true()


def visible_facts_clause(user):
    """The same rule as ``visible_clause``, over ``history_case`` (for aggregates that read only the facts)."""
    role = getattr(user, "role", None)
    if role is None or not may_see_cases_at_all(role):
        return false()
    clause = visible_clause(user)
    if isinstance(clause, True_):
        return clause
    no_conflict = ~exists().where(CaseConflict.case_id == HistoryCase.case_id, CaseConflict.user_id == user.id)
    if role in REFERRAL_ROLES:
        referred = exists().where(
            CaseReferral.case_id == HistoryCase.case_id,
            CaseReferral.user_id == user.id,
            CaseReferral.withdrawn_at.is_(None),
        )
        return and_(referred, no_conflict)
    return no_conflict


def _tag(kind: str, value: str):
    return Case.id.in_(select(HistoryTag.case_id).where(HistoryTag.kind == kind, HistoryTag.value == value))


def _case_conditions(f: HistoryFilters) -> list:
    """Conditions on the case row itself."""
    where: list = []
    if f.status == OPEN:
        where.append(Case.status.in_(workflow.OPEN_STATUSES))
    simple = (
        (f.status if f.status != OPEN else "", lambda v: Case.status == CaseStatus(v)),
        (f.member_id, lambda v: Case.member_id == v),
        (f.member, lambda v: func.lower(Case.member_name).like(_like(v), escape="\\")),
        (f.party, lambda v: Case.member_party == v),
        (f.role, lambda v: Case.member_role == MemberRole(v)),
        (f.jurisdiction, lambda v: Case.jurisdiction == Jurisdiction(v)),
        (f.received_from, lambda v: Case.received_on >= v),
        (f.received_to, lambda v: Case.received_on <= v),
        (f.platform, lambda v: _tag("platform", v)),
        (f.paragraph, lambda v: _tag("paragraph", v)),
    )
    for value, condition in simple:
        if value:
            where.append(condition(value))
    return where


def _assigned_condition(user, assigned: str):
    if assigned == "me":
        return Case.assigned_officer_id == user.id
    return Case.assigned_officer_id.is_(None)


def _owed_by(user, queue: str):
    """Cases referred to ``user`` (still active) on which what they were asked for has not been recorded since."""
    mine = aliased(CaseReferral)
    if queue == "views_due":
        purpose = "consultation"
        done = select(Consultation.id).where(
            Consultation.case_id == mine.case_id,
            Consultation.independent_person_id == user.id,
            Consultation.recorded_at >= mine.referred_at,
        )
    else:
        purpose = "hearing"
        done = select(Hearing.id).where(Hearing.case_id == mine.case_id, Hearing.recorded_at >= mine.referred_at)
    return (
        select(mine.id)
        .where(
            mine.case_id == Case.id,
            mine.user_id == user.id,
            mine.withdrawn_at.is_(None),
            mine.purpose == purpose,
            ~done.exists(),
        )
        .exists()
    )


def _awaiting_independent_person():
    """Open cases referred to an Independent Person who has recorded no views since."""
    since = (
        select(Consultation.id)
        .where(
            Consultation.case_id == CaseReferral.case_id,
            Consultation.independent_person_id == CaseReferral.user_id,
            Consultation.recorded_at >= CaseReferral.referred_at,
        )
        .exists()
    )
    waiting = (
        select(CaseReferral.id)
        .join(User, User.id == CaseReferral.user_id)
        .where(
            CaseReferral.case_id == Case.id,
            CaseReferral.withdrawn_at.is_(None),
            User.role == Role.INDEPENDENT_PERSON,
            ~since,
        )
        .exists()
    )
    return and_(Case.status.in_(workflow.OPEN_STATUSES), waiting)


def _queue_conditions(user, f: HistoryFilters) -> list:
    """Conditions for assignment and the work queues."""
    where: list = []
    if f.assigned:
        where.append(_assigned_condition(user, f.assigned))
    if f.queue in PERSONAL_QUEUES:
        where += [Case.status.in_(workflow.OPEN_STATUSES), _owed_by(user, f.queue)]
    elif f.queue == "unscored":
        where.append(~select(Assessment.id).where(Assessment.case_id == Case.id).exists())
    elif f.queue == "awaiting_ip":
        where.append(_awaiting_independent_person())
    return where


def _optional_outcome(column, value: str, none_value: str):
    return column.is_(None) if value == none_value else column == Outcome(value)


def _fact_conditions(f: HistoryFilters, today: date) -> list:
    """Conditions on the derived facts (``history_case``)."""
    where: list = []
    if f.outcome:
        where.append(_optional_outcome(HistoryCase.outcome, f.outcome, NOT_DECIDED))
    if f.tool:
        where.append(_optional_outcome(HistoryCase.tool_recommendation, f.tool, NOT_SCORED))
    if f.agreement:
        where.append(HistoryCase.agrees.is_(f.agreement == "agree"))
    if f.band == NOT_SCORED:
        where.append(HistoryCase.breach_decile.is_(None))
    elif f.band:
        _, low, high = BANDS[f.band]
        where.append(HistoryCase.breach_decile.between(low, high))
    if f.overdue:
        # overdue_from is only set while the clock runs, so this is one range scan of a small index.
        where.append(HistoryCase.overdue_from <= today)
    return where


def conditions(user, f: HistoryFilters, *, today: date | None = None, since: date | None = None) -> tuple[list, bool]:
    """The WHERE conditions for ``f`` and whether they read ``history_case`` (so the join is needed). ``since``
    narrows to cases received from that day (the search window, see ``list_history``)."""
    facts = _fact_conditions(f, today or date.today())
    where = [visible_clause(user), *_case_conditions(f), *_queue_conditions(user, f), *facts]
    if since is not None:
        where.append(Case.received_on >= since)
    if f.q:
        where.append(_search_condition(f.q, since))
    return where, bool(facts)


#: At most this many cases found by reference or member name as typed (a member with more complaints than this is
#: still found through the member filter).
TYPED_MATCHES = 5000


def _typed_matches(q: str) -> tuple[int, ...]:
    """Cases whose reference or member's name contains the search as typed. Looked up once per request and passed
    to the search as ids, so a search that names neither (most of them) keeps the full-text index's own plan."""
    if '"' in q or "*" in q or " OR " in q:
        return ()  # search syntax: words, not a reference or a name
    if has_request_context() and q in g.setdefault("history_typed", {}):
        return g.history_typed[q]
    pattern = _like(q)
    found = tuple(
        db.session.scalars(
            select(Case.id)
            .where(
                or_(
                    func.lower(Case.reference).like(pattern, escape="\\"),
                    func.lower(Case.member_name).like(pattern, escape="\\"),
                )
            )
            .limit(TYPED_MATCHES)
        )
    )
    if has_request_context():
        g.history_typed[q] = found
    return found


def _search_condition(q: str, since: date | None):
    """The search matches a reference or a member's name as typed, or the words of posts, reasons and decisions
    (full-text). A reference such as SC-2026-0001 would otherwise read as words to leave out."""
    typed = _typed_matches(q)
    found = [Case.id.in_(typed)] if typed else []
    parsed = search.parse_query(q)
    if parsed:
        found.append(Case.id.in_(search.matching_ids(parsed, _dialect(), since=since)))
    if not found:
        return true()  # nothing searchable in what was typed (as before: the search does not narrow the list)
    return or_(*found) if len(found) > 1 else found[0]


#: Newest-first searches on PostgreSQL look in these windows before all cases (days back from today).
SEARCH_WINDOWS = (120, 400, 1200)


def _windows(f: HistoryFilters, today: date) -> list[date | None]:
    """Windows to try for a newest-first search: a page found entirely inside a recent window is the same page
    the whole search would give (everything outside is older), and the database then reads only recent matches
    (a BitmapAnd of the GIN index and the date index) instead of every match."""
    if not f.q or f.sort != "newest" or _dialect() != "postgresql":
        return [None]
    starts = [today - timedelta(days=days) for days in SEARCH_WINDOWS]
    return [s for s in starts if not f.received_from or s > f.received_from] + [None]


def _order(f: HistoryFilters) -> list:
    if f.sort == "oldest":
        return [Case.received_on.asc(), Case.id.asc()]
    if f.sort == "reference":
        return [Case.reference.asc()]
    if f.sort == "member":
        return [Case.member_name.asc(), Case.received_on.desc(), Case.id.desc()]
    if f.sort == "recommendation":
        rank = sql_case(dict(SERIOUSNESS), value=HistoryCase.tool_recommendation, else_=9)
        return [rank, Case.received_on.desc(), Case.id.desc()]
    if f.sort == "status":
        order = sql_case({s: i for i, s in enumerate(CaseStatus)}, value=Case.status, else_=99)
        return [order, Case.received_on.desc(), Case.id.desc()]
    if f.sort == "score":
        return [HistoryCase.sort_score.desc(), HistoryCase.case_id.desc()]
    if f.sort == "slowest":
        return [HistoryCase.sort_days.desc(), HistoryCase.case_id.desc()]
    return [Case.received_on.desc(), Case.id.desc()]


FACT_SORTS = ("score", "slowest")
#: Sorts that read the facts but walk from the cases (an outer join: unscored cases sort last).
JOINED_SORTS = ("recommendation",)
#: Most serious first: the order a busy officer would triage in.
SERIOUSNESS = {
    Outcome.POLICE_REFERRAL: 0,
    Outcome.INVESTIGATION: 1,
    Outcome.INFORMAL_RESOLUTION: 2,
    Outcome.NO_FURTHER_ACTION: 3,
}


def _sorted(query, f: HistoryFilters):
    """Apply the sort; 'best match' joins the ranked matches (the search condition is then already implied)."""
    parsed = search.parse_query(f.q) if f.sort == "relevance" else None
    if parsed:
        ranked = search.ranked_matches(parsed, _dialect())
        # An outer join: a case found by its reference or member name has no words ranked, and comes last.
        return query.outerjoin(ranked, ranked.c.case_id == Case.id).order_by(
            ranked.c.score.desc().nulls_last(), Case.received_on.desc(), Case.id.desc()
        )
    return query.order_by(*_order(f))


ROW_COLUMNS = (
    Case.id,
    Case.reference,
    Case.received_on,
    Case.status,
    Case.jurisdiction,
    Case.code_slug,
    Case.member_id,
    Case.member_name,
    Case.member_party,
    Case.member_role,
    Case.decided_on,
    Case.closed_on,
    Case.legal_hold,
    Case.council_id,
    Case.assigned_officer_id,
    Case.clock_stopped_since,
    Case.clock_stopped_days,
    Case.updated_at,
    HistoryCase.outcome,
    HistoryCase.tool_recommendation,
    HistoryCase.agrees,
    HistoryCase.code_engaged_probability,
    HistoryCase.breach_probability,
    HistoryCase.decision_days,
    HistoryCase.overdue_from,
    HistoryCase.primary_platform,
    HistoryCase.post_count,
    HistoryCase.platforms,
    HistoryCase.paragraphs,
)


@dataclass
class HistoryRow:
    values: dict[str, Any]
    platforms: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    highlights: list[search.Highlight] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The columns as plain attributes (row.reference, row.outcome ...): templates read them many times.
        for key, value in self.values.items():
            if key not in ("values", "platforms", "paragraphs", "highlights"):
                setattr(self, key, value)

    def overdue(self, today: date) -> bool:
        return bool(
            self.values["status"] in workflow.CLOCK_RUNNING
            and self.values["overdue_from"] is not None
            and self.values["overdue_from"] <= today
        )


@dataclass
class HistoryPage:
    rows: list[HistoryRow]
    #: Matching cases, counted exactly up to a cap (``exact`` False: there are more than ``total``).
    total: int
    page: int
    per_page: int
    filters: HistoryFilters
    exact: bool = True
    pages: int = 0

    def __post_init__(self) -> None:
        self.pages = max(1, min(MAX_PAGE, math.ceil(self.total / self.per_page)))
        if not self.exact:
            self.pages = min(MAX_PAGE, max(self.pages, self.page + 1))

    @property
    def first_item(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def last_item(self) -> int:
        return min(self.total, self.page * self.per_page) if self.exact else self.first_item + len(self.rows) - 1

    def page_numbers(self) -> list[int | None]:
        """Page links to show: the first, the last and two either side of the current one (None: an ellipsis)."""
        ends = {1, self.pages} if self.exact else {1}
        shown = sorted({*ends, *range(max(1, self.page - 2), min(self.pages, self.page + 2) + 1)})
        out: list[int | None] = []
        for number in shown:
            if out and number - (out[-1] or 0) > 1:
                out.append(None)
            out.append(number)
        return out


def _row(mapping) -> HistoryRow:
    values = dict(mapping)
    platforms = (values.pop("platforms", None) or "").split()
    paragraphs = (values.pop("paragraphs", None) or "").split()
    return HistoryRow(values, platforms=platforms, paragraphs=paragraphs)


def count_cases(user, f: HistoryFilters, *, today: date | None = None, cap: int | None = None) -> tuple[int, bool]:
    """How many cases match, counted exactly up to ``cap`` (default ``COUNT_CAP``): returns (count, exact).

    An exact count of 100,000 rows behind a search or a join costs more than the rest of the page; past a few
    thousand the exact number does not help anyone page through a list (the dashboard and exports have it)."""
    cap = cap or COUNT_CAP
    where, facts = conditions(user, f, today=today)
    inner = select(Case.id).select_from(Case)
    if facts:
        inner = inner.join(HistoryCase, HistoryCase.case_id == Case.id)
    inner = inner.where(*where).limit(cap + 1).subquery()
    found = db.session.scalar(select(func.count()).select_from(inner)) or 0
    return min(found, cap), found <= cap


def visibility_key(user, f: HistoryFilters | None = None) -> tuple:
    """Users who see exactly the same cases share cached results: analysts and officers with no declared conflict
    see every case; anyone else (a referral role, a conflicted officer), or anyone asking for their own work
    ("assigned to me"), gets a key of their own."""
    role = getattr(user, "role", None)
    if role is None or not may_see_cases_at_all(role):
        return ("none",)
    if isinstance(visible_clause(user), True_) and not (f is not None and f.personal):
        return ("all",)
    return ("user", user.id)


def list_history(user, f: HistoryFilters, *, today: date | None = None, per_page: int = PER_PAGE) -> HistoryPage:
    """One page of the cases ``user`` may see matching ``f``, with highlights when searching. Reused from the
    worker's cache while nothing the history shows has changed (``history_cache``)."""
    today = today or date.today()
    key = ("list", visibility_key(user, f), tuple(sorted(f.to_args().items())), today, per_page)
    return history_cache.remember(key, lambda: _list_history(user, f, today=today, per_page=per_page))


def _list_history(user, f: HistoryFilters, *, today: date, per_page: int) -> HistoryPage:
    total, exact = count_cases(user, f, today=today, cap=max(COUNT_CAP, (f.page + 1) * per_page))
    pages = max(1, min(MAX_PAGE, math.ceil(total / per_page)))
    page = min(f.page, pages) if exact else min(f.page, MAX_PAGE)
    for since in _windows(f, today):
        where, _ = conditions(user, f, today=today, since=since)
        if f.sort in FACT_SORTS:
            # Driven from the facts so the sort walks their index (every indexed case has a facts row).
            query = select(*ROW_COLUMNS).select_from(HistoryCase).join(Case, Case.id == HistoryCase.case_id)
        else:
            query = select(*ROW_COLUMNS).select_from(Case).outerjoin(HistoryCase, HistoryCase.case_id == Case.id)
        query = _sorted(query.where(*where), f).limit(per_page).offset((page - 1) * per_page)
        rows = [_row(r) for r in db.session.execute(query).mappings()]
        if len(rows) == per_page:
            break
    ids = [r.values["id"] for r in rows]
    parsed = search.parse_query(f.q)
    if parsed and rows:
        marks = search.highlights(ids, parsed)
        for row in rows:
            row.highlights = marks.get(row.values["id"], [])
    return HistoryPage(rows, total, page, per_page, f, exact=exact)


# --- options for the filter form ----------------------------------------------------------------------------------

_OPTIONS_TTL = 300.0
_options_cache: dict[str, tuple[float, Any]] = {}


def _cached(key: str, compute):
    now = time.monotonic()
    hit = _options_cache.get(key)
    if hit and now - hit[0] < _OPTIONS_TTL:
        return hit[1]
    value = compute()
    _options_cache[key] = (now, value)
    return value


def clear_option_cache() -> None:
    _options_cache.clear()


def party_options() -> list[str]:
    """Parties on the register (cached for a few minutes)."""

    def compute():
        # The register is small; parties recorded only on old cases are reached by typing in the member filter.
        registered = db.session.scalars(select(Member.party).where(Member.party != "").distinct())
        return sorted(set(registered), key=str.casefold)

    return _cached("parties", compute)


def paragraph_options() -> list[tuple[str, str, str]]:
    """(``<code>:<paragraph>``, label, Code title) for every paragraph of the Codes the council's cases use."""

    def compute():
        # The Codes councils adopted, plus any other Code named in a decision.
        used = set(db.session.scalars(select(CodeOfConduct.slug).join(Council, Council.code_id == CodeOfConduct.id)))
        tagged = select(HistoryTag.value).where(HistoryTag.kind == "paragraph").distinct()
        used |= {value.split(":", 1)[0] for value in db.session.scalars(tagged)}
        rows = db.session.execute(
            select(CodeOfConduct.slug, CodeOfConduct.title, CodeParagraph.ref, CodeParagraph.heading)
            .join(CodeParagraph, CodeParagraph.code_id == CodeOfConduct.id)
            .where(CodeOfConduct.slug.in_(used))
            .order_by(CodeOfConduct.slug, CodeParagraph.position)
        )
        return [(f"{slug}:{ref}", f"{ref} {heading}", title) for slug, title, ref, heading in rows]

    return _cached("paragraphs", compute)


CODE_SHORT_NAMES = {
    "lga-model-2020": "LGA",
    "leicestershire-common": "Leics",
    "wales-model-2016": "Wales",
    "scotland-councillors-2021": "Scotland",
}


def paragraph_labels(*, with_code: bool | None = None) -> dict[str, str]:
    """Labels like "2.1 Bullying"; prefixed with a short Code name ("LGA 2.1 Bullying") when several Codes are in
    use (``with_code=None``) or when asked."""
    options = paragraph_options()
    if with_code is None:
        with_code = len({value.split(":", 1)[0] for value, _, _ in options}) > 1
    out = {}
    for value, label, _ in options:
        slug = value.split(":", 1)[0]
        out[value] = f"{CODE_SHORT_NAMES.get(slug, slug)} {label}" if with_code else label
    return out


# --- exports --------------------------------------------------------------------------------------------------------

EXPORT_BATCH = 500


def export_ids(user, f: HistoryFilters, *, today: date | None = None) -> Iterator[list[int]]:
    """The ids of every case matching ``f`` in list order, in batches (the page number is ignored)."""
    where, facts = conditions(user, f, today=today)
    query = select(Case.id).select_from(Case)
    if facts or f.sort in {*FACT_SORTS, *JOINED_SORTS}:
        query = query.outerjoin(HistoryCase, HistoryCase.case_id == Case.id)
    ids = list(db.session.scalars(_sorted(query.where(*where), f)))
    for start in range(0, len(ids), EXPORT_BATCH):
        yield ids[start : start + EXPORT_BATCH]


def export_rows(ids: list[int]) -> list[HistoryRow]:
    query = (
        select(*ROW_COLUMNS)
        .select_from(Case)
        .outerjoin(HistoryCase, HistoryCase.case_id == Case.id)
        .where(Case.id.in_(ids))
    )
    by_id = {r["id"]: _row(r) for r in db.session.execute(query).mappings()}
    return [by_id[case_id] for case_id in ids if case_id in by_id]


def export_cases(ids: list[int]) -> list[Case]:
    """Full cases for the case-file export, in the given order."""
    cases = db.session.scalars(
        select(Case)
        .where(Case.id.in_(ids))
        .options(
            selectinload(Case.posts),
            selectinload(Case.answers),
            selectinload(Case.decisions),
            selectinload(Case.council),
            selectinload(Case.complainant),
        )
    ).all()
    by_id = {c.id: c for c in cases}
    return [by_id[i] for i in ids if i in by_id]


def assignee_names(rows: list[HistoryRow]) -> dict[int, str]:
    """The name of the officer each row is assigned to, in one query."""
    ids = {r.assigned_officer_id for r in rows if r.assigned_officer_id}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


def council_targets(rows: list[HistoryRow]) -> dict[int, int | None]:
    """Each row's council working-day target (for the clock), in one query."""
    ids = {r.council_id for r in rows}
    if not ids:
        return {}
    query = select(Council.id, Council.assessment_target_days).where(Council.id.in_(ids))
    return dict(db.session.execute(query).all())


def member_names(member_ids: list[int]) -> dict[int, str]:
    if not member_ids:
        return {}
    return dict(db.session.execute(select(Member.id, Member.name).where(Member.id.in_(member_ids))).all())

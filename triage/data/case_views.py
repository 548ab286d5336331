"""Queries behind the case list and the case page: listing with filters, the version check, the working-day
clock and the timeline. Changes to a case are use cases in :mod:`triage.services`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased, selectinload

from triage import vocabulary
from triage.cases import workflow
from triage.cases.access import OFFICER_ROLES
from triage.cases.working_days import Clock, clock
from triage.data import audit
from triage.data.access import visible_cases_clause
from triage.extensions import db
from triage.models import (
    Assessment,
    AuditEntry,
    Case,
    CaseConflict,
    CaseReferral,
    Consultation,
    Council,
    Hearing,
    Screenshot,
    User,
)
from triage.models.enums import CaseStatus, Outcome, Role
from triage.scoring.risk.detector import TITLES as URGENT_TITLES

PER_PAGE = 25
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class StaleVersion(Exception):
    """The form was filled in against an older version of the case than the one saved now."""

    def __init__(self, submitted: int | None, current: int):
        super().__init__(f"submitted version {submitted}, current version {current}")
        self.submitted = submitted
        self.current = current


def check_version(case: Case, submitted: int | str | None) -> None:
    try:
        number = int(submitted) if submitted not in (None, "") else None
    except (TypeError, ValueError):
        number = None
    if number != case.version:
        raise StaleVersion(number, case.version)


# --- the clock --------------------------------------------------------------------------------------------------


def clock_for(case: Case, *, today: date | None = None, council: Council | None = None) -> Clock:
    council = council or case.council
    target = council.assessment_target_days if council is not None else None
    stopped: date | None = None
    if case.status not in workflow.BEFORE_DECISION or case.decided_on is not None:
        stopped = case.decided_on or case.closed_on or (case.updated_at.date() if case.updated_at else None)
    return clock(
        case.received_on,
        case.jurisdiction.value,
        today=today or date.today(),
        target_days=target,
        stopped_on=stopped,
        paused_since=case.clock_stopped_since,
        paused_days=case.clock_stopped_days or 0,
    )


# --- the list ---------------------------------------------------------------------------------------------------

ASSIGNED_FILTERS = ("", "me", "unassigned")
#: Work queues beyond status and assignment: cases the tool has not scored, and cases waiting on an Independent
#: Person's views (referred to them, nothing recorded since).
QUEUES = {
    "unscored": "Not yet scored by the tool",
    "awaiting_ip": "Awaiting the Independent Person's views",
    "views_due": "Referred to you for your views, not yet given",
    "hearing_due": "Referred to you for a hearing, not yet recorded",
}
#: Sort orders for the case list: key -> (label for people, default direction).
SORTS = {
    "received": "Received (newest first)",
    "oldest": "Received (oldest first)",
    "member": "Member (A to Z)",
    "recommendation": "Tool's recommendation (most serious first)",
    "status": "Status (in process order)",
}


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    assigned: str = ""
    overdue: bool = False
    q: str = ""
    page: int = 1
    queue: str = ""
    sort: str = "received"

    @classmethod
    def from_args(cls, args) -> CaseFilters:
        status = args.get("status", "")
        assigned = args.get("assigned", "")
        try:
            page = max(1, int(args.get("page", 1)))
        except ValueError:
            page = 1
        return cls(
            status=status if status in {s.value for s in CaseStatus} | {"open"} else "",
            assigned=assigned if assigned in ASSIGNED_FILTERS else "",
            overdue=args.get("overdue") in {"1", "yes", "on", "true"},
            q=(args.get("q") or "").strip()[:100],
            page=page,
            queue=args.get("queue", "") if args.get("queue", "") in QUEUES else "",
            sort=args.get("sort", "received") if args.get("sort", "received") in SORTS else "received",
        )

    def to_args(self, **changes) -> dict[str, Any]:
        """Query-string arguments for a link keeping these filters (empty ones dropped)."""
        values: dict[str, Any] = {
            "q": self.q,
            "status": self.status,
            "assigned": self.assigned,
            "overdue": "1" if self.overdue else "",
            "queue": self.queue,
            "sort": "" if self.sort == "received" else self.sort,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}

    @property
    def active(self) -> bool:
        return bool(self.status or self.assigned or self.overdue or self.q or self.queue)


@dataclass(frozen=True)
class CaseRow:
    case: Case
    clock: Clock


@dataclass
class CaseListPage:
    rows: list[CaseRow]
    total: int
    page: int
    per_page: int
    filters: CaseFilters
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, math.ceil(self.total / self.per_page))

    @property
    def first_item(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def last_item(self) -> int:
        return min(self.total, self.page * self.per_page)


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_cases(user, filters: CaseFilters, *, today: date | None = None, per_page: int = PER_PAGE) -> CaseListPage:
    """The cases ``user`` may see, filtered, newest first, one page at a time."""
    today = today or date.today()
    query = select(Case).where(visible_cases_clause(user))
    if filters.status == "open":
        query = query.where(Case.status.in_(workflow.OPEN_STATUSES))
    elif filters.status:
        query = query.where(Case.status == CaseStatus(filters.status))
    if filters.assigned == "me":
        query = query.where(Case.assigned_officer_id == user.id)
    elif filters.assigned == "unassigned":
        query = query.where(Case.assigned_officer_id.is_(None))
    if filters.q:
        pattern = _like(filters.q)
        query = query.where(
            or_(
                func.lower(Case.reference).like(pattern, escape="\\"),
                func.lower(Case.member_name).like(pattern, escape="\\"),
            )
        )
    query = _in_queue(query, filters.queue, user)
    query = _sorted(query, filters.sort).options(selectinload(Case.council), selectinload(Case.assigned_officer))
    if filters.overdue:
        # Overdue needs working days, so narrow in SQL (running, and older than the target in calendar days,
        # which is never more than the target in working days) and finish in Python.
        query = query.where(Case.status.in_(workflow.CLOCK_RUNNING))
        candidates = db.session.scalars(query).all()
        rows = [CaseRow(c, clock_for(c, today=today)) for c in candidates]
        rows = [r for r in rows if r.clock.overdue]
        total = len(rows)
        page = min(filters.page, max(1, math.ceil(total / per_page)))
        return CaseListPage(rows[(page - 1) * per_page : page * per_page], total, page, per_page, filters)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    page = min(filters.page, max(1, math.ceil(total / per_page)))
    cases = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return CaseListPage([CaseRow(c, clock_for(c, today=today)) for c in cases], total, page, per_page, filters)


def _latest_assessment():
    return select(Assessment.case_id, func.max(Assessment.id).label("id")).group_by(Assessment.case_id).subquery()


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


def _in_queue(query, queue: str, user):
    if queue in ("views_due", "hearing_due"):
        return query.where(Case.status.in_(workflow.OPEN_STATUSES), _owed_by(user, queue))
    if queue == "unscored":
        return query.where(~select(Assessment.id).where(Assessment.case_id == Case.id).exists())
    if queue == "awaiting_ip":
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
        return query.where(Case.status.in_(workflow.OPEN_STATUSES), waiting)
    return query


#: Most serious first: the order a busy officer would triage in.
_SERIOUSNESS = {
    Outcome.POLICE_REFERRAL: 0,
    Outcome.INVESTIGATION: 1,
    Outcome.INFORMAL_RESOLUTION: 2,
    Outcome.NO_FURTHER_ACTION: 3,
}


def _sorted(query, sort: str):
    if sort == "oldest":
        return query.order_by(Case.received_on.asc(), Case.id.asc())
    if sort == "member":
        return query.order_by(func.lower(Case.member_name), Case.received_on.desc(), Case.id.desc())
    if sort == "status":
        order = sql_case({s: i for i, s in enumerate(CaseStatus)}, value=Case.status, else_=99)
        return query.order_by(order, Case.received_on.desc(), Case.id.desc())
    if sort == "recommendation":
        latest = _latest_assessment()
        rank = sql_case(dict(_SERIOUSNESS), value=Assessment.recommendation, else_=9)
        return (
            query.outerjoin(latest, latest.c.case_id == Case.id)
            .outerjoin(Assessment, Assessment.id == latest.c.id)
            .order_by(rank, Case.received_on.desc(), Case.id.desc())
        )
    return query.order_by(Case.received_on.desc(), Case.id.desc())


def recommendations_for(cases: list[Case]) -> dict[int, Outcome]:
    """The tool's latest recommendation for each of ``cases`` that has been scored, in one query."""
    ids = [c.id for c in cases]
    if not ids:
        return {}
    latest = _latest_assessment()
    rows = db.session.execute(
        select(Assessment.case_id, Assessment.recommendation)
        .join(latest, latest.c.id == Assessment.id)
        .where(Assessment.case_id.in_(ids))
    ).all()
    return dict(rows)


# --- one case ---------------------------------------------------------------------------------------------------


def officers_for_assignment(case: Case) -> list[User]:
    """Active officers who have not declared a conflict on ``case``."""
    conflicted = select(CaseConflict.user_id).where(CaseConflict.case_id == case.id)
    return list(
        db.session.scalars(
            select(User)
            .where(User.role.in_(OFFICER_ROLES), User.active, User.id.not_in(conflicted))
            .order_by(User.name)
        )
    )


def get_screenshot(case: Case, screenshot_id: int) -> Screenshot | None:
    """A screenshot of one of ``case``'s posts (None if it belongs to another case)."""
    shot = db.session.get(Screenshot, screenshot_id)
    if shot is None or shot.post is None or shot.post.case_id != case.id:
        return None
    return shot


def screenshot_path(sha256: str, *, display: bool = False) -> Path:
    """Where a stored screenshot is (its downscaled display copy with ``display``, when it has one). Raises
    FileNotFoundError for a bad name or a missing file."""
    from triage.files import screenshot_path as stored_path

    try:
        return Path(stored_path(sha256, display=display))
    except ValueError as exc:
        raise FileNotFoundError(sha256) from exc


# --- the timeline -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    who: str
    title: str
    details: tuple[str, ...] = ()


def _users_by_id(ids: Iterable[int]) -> dict[int, User]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}


def _label(value: Any) -> str:
    if value is None or value == "":
        return "nobody"
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


def _status_label(value: Any) -> str:
    try:
        return workflow.label(value)
    except ValueError:
        return _label(value)


HIDDEN_WHEN_COMPLAINANT_WITHHELD = ("complainant",)


def _generic_details(entry: AuditEntry, show_complainant: bool) -> list[str]:
    before, after = entry.before or {}, entry.after or {}
    lines = []
    for key in sorted(set(before) | set(after)):
        if not show_complainant and any(word in key.lower() for word in HIDDEN_WHEN_COMPLAINANT_WITHHELD):
            lines.append(f"{_label(key)}: withheld")
            continue
        old, new = before.get(key), after.get(key)
        if isinstance(old, dict | list) or isinstance(new, dict | list):
            lines.append(f"{_label(key)} changed")
        elif key in before and key in after:
            lines.append(f"{_label(key)}: {_label(old)} → {_label(new)}")
        elif key in after:
            lines.append(f"{_label(key)}: {_label(new)}")
        else:
            lines.append(f"{_label(key)} removed (was {_label(old)})")
    return lines


@dataclass(frozen=True)
class _Viewer:
    show_complainant: bool
    show_conflict_reasons: bool
    names: dict[str, str]  # user email -> name, for entries that name people by email


Described = tuple[str, list[str]]


def _person(value: Any, viewer: _Viewer) -> str | None:
    if value in (None, ""):
        return None
    return viewer.names.get(str(value), str(value))


def _answer_label(value: Any) -> str:
    from triage.scoring.questions import OPTION_LABELS

    if isinstance(value, dict):
        value = value.get("value")
    return OPTION_LABELS.get(str(value), _label(value))


def _question_order(qid: str) -> int:
    from triage.scoring.questions import QUESTIONS_BY_ID

    ids = list(QUESTIONS_BY_ID)
    return ids.index(qid) if qid in ids else len(ids)


def _status_changed(before: dict, after: dict, viewer: _Viewer) -> Described:
    title = f"Status changed from {_status_label(before.get('status'))} to {_status_label(after.get('status'))}"
    details = [f"Outcome: {vocabulary.label(after['outcome'], vocabulary.Outcome)}"] if after.get("outcome") else []
    if after.get("reason"):
        details.append(f"Reason: {after['reason']}")
    if after.get("investigator"):
        details.append(f"Investigator: {after['investigator']}")
    if after.get("finding"):
        details.append(f"Investigator's finding: {vocabulary.label(after['finding'], vocabulary.Finding).lower()}")
    return title, details


def _document_added(before: dict, after: dict, viewer: _Viewer) -> Described:
    kind = vocabulary.label(after.get("kind"), vocabulary.DocumentKind)
    direction = vocabulary.label(after.get("direction"), vocabulary.Direction).lower()
    return f"Added to correspondence and documents: {kind} ({direction})", []


def _assigned(before: dict, after: dict, viewer: _Viewer) -> Described:
    old = _person(before.get("officer") or before.get("assigned_officer"), viewer)
    new = _person(after.get("officer") or after.get("assigned_officer"), viewer)
    if new and old:
        return f"Reassigned from {old} to {new}", []
    if new:
        return f"Assigned to {new}", []
    return f"Unassigned (was {old or 'nobody'})", []


def _conflict(before: dict, after: dict, viewer: _Viewer) -> Described:
    officer = after.get("officer") or "An officer"
    details = []
    if after.get("unassigned"):
        details.append("The case was unassigned from them: another officer must be assigned.")
    if viewer.show_conflict_reasons and after.get("reason"):
        details.append(f"Reason given: {after['reason']}")
    return f"{officer} declared a conflict of interest and can no longer see this case", details


def _answers_updated(before: dict, after: dict, viewer: _Viewer) -> Described:
    lines = [
        f"{_label(qid)}: {_answer_label(before.get(qid))} → {_answer_label(after.get(qid))}"
        for qid in sorted(after, key=_question_order)
    ]
    return f"{len(after)} answer{'s' if len(after) != 1 else ''} changed", lines


def _answers_recorded(before: dict, after: dict, viewer: _Viewer) -> Described:
    lines = []
    for qid in sorted(after, key=_question_order):
        value = after[qid]
        prefilled = isinstance(value, dict) and value.get("prefilled")
        lines.append(f"{_label(qid)}: {_answer_label(value)}{' (pre-filled)' if prefilled else ''}")
    return "Answers recorded when the complaint was logged", lines


def _assessment_run(before: dict, after: dict, viewer: _Viewer) -> Described:
    details = []
    if "breach_probability" in after:
        details.append(
            f"Code engaged {round(float(after.get('code_engaged_probability', 0)) * 100)}%, "
            f"breach if proven {round(float(after['breach_probability']) * 100)}%"
        )
    return f"Scoring run: suggests {_label(after.get('recommendation')).lower()}", details


def _created(before: dict, after: dict, viewer: _Viewer) -> Described:
    details = []
    if after.get("received_on"):
        received = date.fromisoformat(after["received_on"])
        details.append(f"Received on {received.day} {received:%B %Y}")
    if after.get("received_via"):
        details.append(f"How received: {_label(after['received_via']).lower()}")
    if isinstance(after.get("posts"), list):
        details.append(f"Posts: {len(after['posts'])}")
    if after.get("via") == "api":
        details.append("Logged through the API")
    return "Complaint logged", details


def _imported(before: dict, after: dict, viewer: _Viewer) -> Described:
    return "Case imported from a case file", [f"File: {after['source']}"] if after.get("source") else []


def _screenshot(before: dict, after: dict, viewer: _Viewer) -> Described:
    post = after.get("post")
    return (f"Screenshot attached to post {post}" if post else "Screenshot attached"), []


def _decision(before: dict, after: dict, viewer: _Viewer) -> Described:
    details = []
    if after.get("paragraphs"):
        details.append(f"Code paragraphs: {', '.join(str(p) for p in after['paragraphs'])}")
    if after.get("tool_recommendation"):
        agreed = "differs from" if after.get("overrides_tool") else "agrees with"
        details.append(f"The decision {agreed} the tool's suggestion ({_label(after['tool_recommendation']).lower()})")
    if after.get("stage") == "review":
        return f"Decision reviewed: now {_label(after.get('outcome')).lower()}", details
    return f"Decision recorded: {_label(after.get('outcome')).lower()}", details


def _consultation(before: dict, after: dict, viewer: _Viewer) -> Described:
    who = after.get("independent_person") or "the Independent Person"
    return f"Views of {who} recorded", []


def _note(before: dict, after: dict, viewer: _Viewer, verb: str) -> Described:
    kind = _label(after.get("kind")).lower() if after.get("kind") else "note"
    version = f" (version {after['version']})" if after.get("version") else ""
    return f"{kind[:1].upper()}{kind[1:]}{version} {verb}", []


def _exported(before: dict, after: dict, viewer: _Viewer) -> Described:
    what = _label(after.get("kind")).lower() if after.get("kind") else "case file"
    return f"Exported ({what})", (["Anonymised"] if after.get("anonymised") else [])


def _referred(before: dict, after: dict, viewer: _Viewer) -> Described:
    purpose = "a standards panel hearing" if after.get("purpose") == "hearing" else "their views"
    return f"Referred to {after['to']} for {purpose}", []


def _referral_withdrawn(before: dict, after: dict, viewer: _Viewer) -> Described:
    return "A referral was withdrawn: that person can no longer see the case", []


def _hearing(before: dict, after: dict, viewer: _Viewer) -> Described:
    findings = after.get("findings") or {}
    breached = [p for p, f in findings.items() if f == "breach"]
    details = [f"Breach found: paragraph {', '.join(breached)}" if breached else "No breach found"]
    if after.get("sanction"):
        details.append(f"Sanction: {after['sanction'].lower()}")
    return "Standards panel hearing recorded", details


def _published(before: dict, after: dict, viewer: _Viewer) -> Described:
    named = "The member is named" if after.get("name_member") else "The member is not named"
    return f"Decision notice approved for publication (version {after.get('version')})", [
        named,
        f"Words or phrases removed: {after.get('removals', 0)}",
    ]


def _mail_failed(before: dict, after: dict, viewer: _Viewer) -> Described:
    return "An email about the case could not be sent", []


def _urgent_reviewed(before: dict, after: dict, viewer: _Viewer) -> Described:
    title = URGENT_TITLES.get(after.get("kind"), "An urgent flag")
    return f"Recorded why the flag \u201c{title}\u201d does not apply", [str(after.get("reason") or "")]


DESCRIBERS = {
    "case.referred": _referred,
    "case.referral_withdrawn": _referral_withdrawn,
    "hearing.recorded": _hearing,
    "publication.approved": _published,
    "mail.failed": _mail_failed,
    "case.urgent_reviewed": _urgent_reviewed,
    "case.status_changed": _status_changed,
    "document.added": _document_added,
    "document.downloaded": lambda b, a, v: ("Downloaded a document", []),
    "case.assigned": _assigned,
    "case.conflict_declared": _conflict,
    "answers.updated": _answers_updated,
    "case.answers_recorded": _answers_recorded,
    "assessment.run": _assessment_run,
    "case.created": _created,
    "case.imported": _imported,
    "screenshot.attached": _screenshot,
    "decision.recorded": _decision,
    "consultation.recorded": _consultation,
    "note.generated": lambda b, a, v: _note(b, a, v, "generated"),
    "note.downloaded": lambda b, a, v: _note(b, a, v, "downloaded"),
    "case.exported": _exported,
    "data.exported": _exported,
    "public.merged": lambda b, a, v: ("Added a further complaint from the public form, kept as a complaint form", []),
}
#: Reads and bookkeeping that are in the audit log but are not events in the life of the case.
NOT_IN_TIMELINE = frozenset({"case.viewed", "intake.submitted"})


def _describe(entry: AuditEntry, viewer: _Viewer) -> Described:
    describer = DESCRIBERS.get(entry.action)
    if describer is not None:
        try:
            return describer(entry.before or {}, entry.after or {}, viewer)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # an entry in an unexpected shape still appears, described generically
    return _label(entry.action.replace(".", " ")), _generic_details(entry, viewer.show_complainant)


def timeline(case: Case, *, show_complainant: bool, show_conflict_reasons: bool) -> list[TimelineItem]:
    """The case's audit entries in plain words, newest first (views of the case are left out)."""
    entries = [e for e in audit.entries_for_case(case.id) if e.action not in NOT_IN_TIMELINE]
    users = _users_by_id(e.user_id for e in entries)
    emails = {
        str(value)
        for e in entries
        if e.action == "case.assigned"
        for value in ((e.before or {}).get("assigned_officer"), (e.after or {}).get("assigned_officer"))
        if value
    }
    names = {u.email: u.name for u in db.session.scalars(select(User).where(User.email.in_(emails)))} if emails else {}
    viewer = _Viewer(show_complainant, show_conflict_reasons, names)
    items = []
    for entry in reversed(entries):
        user = users.get(entry.user_id) if entry.user_id else None
        who = user.name if user is not None else ("The system" if entry.actor in ("", "system") else entry.actor)
        title, details = _describe(entry, viewer)
        items.append(TimelineItem(entry.at, who, title, tuple(details)))
    return items

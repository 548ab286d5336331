"""Queries behind the case page: the version check, the working-day clock and the timeline (the case list is
:mod:`triage.data.history`). Changes to a case are use cases in :mod:`triage.services`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from triage import vocabulary
from triage.cases import workflow
from triage.cases.access import OFFICER_ROLES
from triage.cases.working_days import Clock, clock
from triage.data import audit
from triage.extensions import db
from triage.models import (
    AuditEntry,
    Case,
    CaseConflict,
    Council,
    Screenshot,
    User,
)
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
    return clock_of(case, today=today, target_days=council.assessment_target_days if council is not None else None)


def clock_of(case: Any, *, today: date | None = None, target_days: int | None = None) -> Clock:
    """The working-day clock from a case's own columns: a ``Case`` or a case-list row, which carry the same
    names (so the list and the case page count the same days)."""
    stopped: date | None = None
    if case.status not in workflow.BEFORE_DECISION or case.decided_on is not None:
        stopped = case.decided_on or case.closed_on or (case.updated_at.date() if case.updated_at else None)
    return clock(
        case.received_on,
        case.jurisdiction.value,
        today=today or date.today(),
        target_days=target_days,
        stopped_on=stopped,
        paused_since=case.clock_stopped_since,
        paused_days=case.clock_stopped_days or 0,
    )


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

"""Move the demo's sample complaints through the process, as a monitoring officer would have, through the same use
cases the pages call (so every row is one the app itself could have written).

Each case's stage follows from how long ago it was received: the newest are waiting, recent ones are in assessment
(one waiting for information), older ones are decided with the outcome the sample case was labelled with, then
closed, resolved informally, investigated and heard, paused for the police, or reviewed. Dates are working-day
offsets from receipt, some past the target, so the clock, the overdue list and the charts all have something true to
show. Demo only: nothing here runs for a real council.
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, timedelta

from flask import current_app

from triage.cases.working_days import add_working_days
from triage.data.decisions import code_paragraphs
from triage.data.users import get_user_by_email
from triage.extensions import db
from triage.models import Case, User
from triage.models.enums import CaseStatus, Finding, Outcome
from triage.services import assessing, case_status, hearings
from triage.services.decisions import NEEDS_PARAGRAPHS, record_consultation, record_decision

INVESTIGATOR = "Wyvern Legal Services (external investigator)"


def _spread(case: Case, low: int, high: int) -> int:
    """A stable pseudo-random number in [low, high] for this case, so reruns give the same demo."""
    return low + zlib.crc32(case.reference.encode()) % (high - low + 1)


def _on(case: Case, working_days: int, today: date) -> date:
    return min(add_working_days(case.received_on, working_days, case.jurisdiction.value), today)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 30, tzinfo=UTC)


def move_through_the_process(loaded: list[tuple[Case, dict]], officer: User, today: date | None = None) -> str:
    today = today or date.today()
    ip = get_user_by_email("ip@harrowden.example.gov.uk")
    counts: dict[str, int] = {}
    reviewed = False
    for case, expected in sorted(loaded, key=lambda pair: pair[0].received_on):
        db.session.refresh(case)
        assessment = assessing.run_assessment(case, user=officer)
        assessment.created_at = _at(_on(case, 2, today))
        age = (today - case.received_on).days
        if age <= 12:
            stage = "received"
        elif age <= 40:
            case_status.change_status(case, CaseStatus.INITIAL_ASSESSMENT, user=officer, today=_on(case, 1, today))
            stage = "assessment"
            if _spread(case, 0, 5) == 0:
                case_status.change_status(
                    case,
                    CaseStatus.MORE_INFORMATION,
                    user=officer,
                    reason="Asked the complainant for a screenshot showing the whole thread and its date.",
                    today=_on(case, 4, today),
                )
                stage = "more information"
        else:
            stage = _decide_and_follow(case, expected, officer, ip, today, review=not reviewed and age > 120)
            reviewed = reviewed or stage == "reviewed"
        counts[stage] = counts.get(stage, 0) + 1
        db.session.commit()
    summary = ", ".join(f"{n} {stage}" for stage, n in sorted(counts.items()))
    return f"Demo cases moved through the process: {summary}."


def _decide_and_follow(case, expected, officer, ip, today, *, review: bool) -> str:
    tool = case.latest_assessment.recommendation
    try:
        outcome = Outcome(expected.get("outcome") or tool)
    except ValueError:
        outcome = tool
    known = [pid for pid, _, _ in code_paragraphs(case)]
    paragraphs = [p for p in expected.get("paragraphs") or [] if p in known]
    if outcome in NEEDS_PARAGRAPHS and not paragraphs:
        paragraphs = known[:1]
    decided_on = _on(case, _spread(case, 8, 26), today)
    case_status.change_status(case, CaseStatus.INITIAL_ASSESSMENT, user=officer, today=_on(case, 1, today))
    if ip is not None and outcome in (Outcome.INVESTIGATION, Outcome.POLICE_REFERRAL):
        record_consultation(
            case,
            recorded_by=officer,
            views="I agree the allegation is serious enough to need more than an informal response.",
            consulted_on=decided_on - timedelta(days=2),
            independent_person=ip,
            today=today,
        )
    decision = record_decision(
        case,
        outcome=outcome,
        paragraphs=paragraphs,
        reasons=expected.get("rationale") or "The monitoring officer's reasons are on the case file.",
        override_reason="The monitoring officer weighed the context of the post differently from the tool.",
        user=officer,
        today=decided_on,
    )
    decision.decided_at = _at(decided_on)
    age = (today - case.received_on).days
    if review and outcome == Outcome.NO_FURTHER_ACTION:
        later = _on(case, 40, today)
        again = record_decision(
            case,
            outcome=Outcome.INFORMAL_RESOLUTION,
            paragraphs=known[:1],
            reasons="On review, an apology and removal of the post is a proportionate response.",
            review_reason="The complainant asked for a review and supplied the full thread, which changes the tone.",
            review=True,
            user=officer,
            today=later,
        )
        again.decided_at = _at(later)
        outcome = Outcome.INFORMAL_RESOLUTION
        stage = "reviewed"
    else:
        stage = outcome.label.lower()
    if outcome == Outcome.NO_FURTHER_ACTION and age > 60:
        case_status.change_status(case, CaseStatus.CLOSED, user=officer, today=_on(case, 35, today))
        return "closed"
    if outcome == Outcome.INFORMAL_RESOLUTION:
        case_status.change_status(case, CaseStatus.INFORMAL_RESOLUTION, user=officer, today=_on(case, 30, today))
        if age > 110:
            case_status.change_status(case, CaseStatus.CLOSED, user=officer, today=_on(case, 60, today))
            return "closed" if stage != "reviewed" else stage
    if outcome == Outcome.POLICE_REFERRAL:
        case_status.change_status(
            case,
            CaseStatus.PAUSED,
            user=officer,
            reason="Referred to the police; the Code process waits for the outcome of their enquiry.",
            today=_on(case, 28, today),
        )
        return "paused for the police"
    if outcome == Outcome.INVESTIGATION:
        return _investigate(case, officer, today, age)
    return stage


def _investigate(case, officer, today, age) -> str:
    case_status.change_status(
        case, CaseStatus.INVESTIGATION, user=officer, investigator=INVESTIGATOR, today=_on(case, 30, today)
    )
    if age <= 200:
        return "under investigation"
    breach = _spread(case, 0, 2) > 0
    finding = Finding.BREACH if breach else Finding.NO_BREACH
    if not breach:
        case_status.change_status(case, CaseStatus.CLOSED, user=officer, finding=finding, today=_on(case, 110, today))
        return "closed after investigation"
    case_status.change_status(case, CaseStatus.HEARING, user=officer, finding=finding, today=_on(case, 110, today))
    if age <= 260:
        return "awaiting hearing"
    held_on = _on(case, 130, today)
    considered = [pid for pid, _ in hearings.paragraphs_considered(case)]
    sanctions = current_app.config["HEARING_SANCTIONS"]
    hearings.record_hearing(
        case,
        by=officer,
        held_on=held_on,
        panel="Cllr Hannah Doyle (chair), Cllr Tom Avery, Ms Ruth Kell (co-opted)",
        breached=considered[:1],
        sanction=sanctions[0] if sanctions else "",
        sanctions=sanctions,
        reasons="The panel found the post was made in the member's capacity as a councillor and breached the Code.",
        today=today,
    )
    case_status.change_status(case, CaseStatus.CLOSED, user=officer, today=held_on)
    return "heard and closed"

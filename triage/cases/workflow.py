"""The status workflow of a complaint, as a small state machine that follows the process in all three nations.

    received → initial assessment ⇄ more information sought
             → decided (with an outcome) → informal resolution | investigation → hearing → closed
    any open stage → paused for police or other proceedings → back to where it was
    any open stage → withdrawn

A case is *open* until it is closed or withdrawn. Moving to ``decided`` needs one of the four outcomes; the decision
itself (outcome, paragraphs, reasons) is recorded by the decision form, which calls :func:`transition`. The
initial-assessment clock runs from receipt to the decision; it stops while the case is paused and, where the council
says so, while more information is sought (``triage.cases.working_days``). Which later stage a decided case may enter
depends on its outcome: informal resolution needs a decision for informal resolution, investigation one to
investigate (:func:`stage_allowed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.models.enums import CaseStatus, Outcome

S = CaseStatus
TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    S.RECEIVED: (S.INITIAL_ASSESSMENT, S.MORE_INFORMATION, S.PAUSED, S.WITHDRAWN),
    S.INITIAL_ASSESSMENT: (S.MORE_INFORMATION, S.PAUSED, S.DECIDED, S.WITHDRAWN),
    S.MORE_INFORMATION: (S.INITIAL_ASSESSMENT, S.PAUSED, S.DECIDED, S.WITHDRAWN),
    S.PAUSED: (S.INITIAL_ASSESSMENT, S.MORE_INFORMATION, S.DECIDED, S.INVESTIGATION, S.HEARING, S.WITHDRAWN),
    S.DECIDED: (S.INFORMAL_RESOLUTION, S.INVESTIGATION, S.PAUSED, S.CLOSED, S.WITHDRAWN),
    S.INFORMAL_RESOLUTION: (S.CLOSED, S.WITHDRAWN),
    S.INVESTIGATION: (S.HEARING, S.PAUSED, S.CLOSED, S.WITHDRAWN),
    S.HEARING: (S.PAUSED, S.CLOSED, S.WITHDRAWN),
    S.CLOSED: (),
    S.WITHDRAWN: (),
}

OPEN_STATUSES: tuple[CaseStatus, ...] = tuple(s for s, nexts in TRANSITIONS.items() if nexts)
FINAL_STATUSES: tuple[CaseStatus, ...] = tuple(s for s, nexts in TRANSITIONS.items() if not nexts)
#: Before the decision on the initial assessment: the stages the assessment clock belongs to.
BEFORE_DECISION: tuple[CaseStatus, ...] = (S.RECEIVED, S.INITIAL_ASSESSMENT, S.MORE_INFORMATION, S.PAUSED)
#: Statuses where the initial-assessment clock may be running (a pause or an information request may stop it).
CLOCK_RUNNING: tuple[CaseStatus, ...] = (S.RECEIVED, S.INITIAL_ASSESSMENT, S.MORE_INFORMATION)
#: Statuses that stop the assessment clock: always for a pause, and for information requests if the council says so.
CLOCK_STOPPERS: tuple[CaseStatus, ...] = (S.PAUSED, S.MORE_INFORMATION)
#: Later stages and the outcome a case needs before entering them.
NEEDS_OUTCOME: dict[CaseStatus, Outcome] = {
    S.INFORMAL_RESOLUTION: Outcome.INFORMAL_RESOLUTION,
    S.INVESTIGATION: Outcome.INVESTIGATION,
    S.HEARING: Outcome.INVESTIGATION,
}

#: Derived from the vocabulary, the one home of every label.
STATUS_LABELS: dict[CaseStatus, str] = {s: s.label for s in CaseStatus}

#: What choosing each status means, shown as a hint next to the option.
STATUS_HINTS: dict[CaseStatus, str] = {
    S.INITIAL_ASSESSMENT: "You are assessing the complaint against the Code.",
    S.MORE_INFORMATION: "You have asked the complainant or the member for more information.",
    S.PAUSED: "Police or other proceedings must finish first. The working-day clock stops until you resume.",
    S.DECIDED: "A decision on the initial assessment has been recorded.",
    S.INFORMAL_RESOLUTION: "An apology, training or mediation is being arranged, as decided.",
    S.INVESTIGATION: "An investigator has been appointed to investigate the allegation.",
    S.HEARING: "The investigator's report has gone to a hearing of the standards panel or committee.",
    S.CLOSED: "Everything that follows from the decision is done.",
    S.WITHDRAWN: "The complainant withdrew the complaint, or it cannot proceed.",
}

OUTCOME_LABELS: dict[Outcome, str] = {o: o.label for o in Outcome}


class IllegalTransition(ValueError):
    """The requested status change is not allowed from the case's current status; the message says why."""


@dataclass(frozen=True)
class Transition:
    before: CaseStatus
    after: CaseStatus
    outcome: Outcome | None = None


def allowed_next(status: CaseStatus | str, *, outcome: Outcome | str | None = None) -> tuple[CaseStatus, ...]:
    """The statuses a case can move to; with ``outcome`` (the latest decision), only the later stages it allows."""
    nexts = TRANSITIONS[CaseStatus(status)]
    return tuple(s for s in nexts if stage_allowed(s, outcome) is None)


def stage_allowed(target: CaseStatus, outcome: Outcome | str | None) -> str | None:
    """``None`` if a case whose latest decision is ``outcome`` may enter ``target``; else why not, in words."""
    needed = NEEDS_OUTCOME.get(target)
    if needed is None or (outcome not in (None, "") and Outcome(outcome) == needed):
        return None
    return f"A case can be {label(target).lower()} only after a decision to {_verb(needed)}"


def _verb(outcome: Outcome) -> str:
    return {
        Outcome.INFORMAL_RESOLUTION: "seek informal resolution",
        Outcome.INVESTIGATION: "refer it for investigation",
    }.get(outcome, outcome.label.lower())


def is_open(status: CaseStatus | str) -> bool:
    return CaseStatus(status) in OPEN_STATUSES


def label(status: CaseStatus | str) -> str:
    return CaseStatus(status).label


def transition(current: CaseStatus | str, target: CaseStatus | str, outcome: Outcome | str | None = None) -> Transition:
    """Check a status change and return it; raise :class:`IllegalTransition` with a plain-English reason if not."""
    try:
        before = CaseStatus(current)
    except ValueError as exc:
        raise IllegalTransition(f"The case has an unknown status ({current!r})") from exc
    try:
        after = CaseStatus(target)
    except ValueError as exc:
        raise IllegalTransition(f"{target!r} is not a case status") from exc
    if after == before:
        raise IllegalTransition(f"The case is already {label(before).lower()}")
    if after not in TRANSITIONS[before]:
        if not TRANSITIONS[before]:
            raise IllegalTransition(f"The case is {label(before).lower()}, so its status cannot change")
        options = " or ".join(label(s).lower() for s in TRANSITIONS[before])
        raise IllegalTransition(
            f"A case that is {label(before).lower()} cannot move to {label(after).lower()}; it can move to {options}"
        )
    resolved: Outcome | None = None
    if after == CaseStatus.DECIDED:
        if outcome is None or outcome == "":
            raise IllegalTransition("A decided case needs an outcome: select the decision that was made")
        try:
            resolved = Outcome(outcome)
        except ValueError as exc:
            raise IllegalTransition(f"{outcome!r} is not a possible outcome") from exc
    elif outcome not in (None, ""):
        raise IllegalTransition(f"An outcome can only be given when the case is decided, not {label(after).lower()}")
    return Transition(before, after, resolved)

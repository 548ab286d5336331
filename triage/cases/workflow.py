"""The status workflow of a complaint, as a small state machine.

    received → initial_assessment → decided (with an outcome) → closed
    received | initial_assessment | decided → withdrawn

A case is *open* until it is closed or withdrawn. A complaint may be withdrawn at any open stage, including after
a decision to investigate, when the monitoring officer ends the matter. Moving to ``decided`` needs one of the four
outcomes; the decision itself (outcome, paragraphs, reasons) is recorded by the decision form, which calls
:func:`transition` to move the status. Nothing else may move a case backwards or skip a stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.models.enums import CaseStatus, Outcome

TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.RECEIVED: (CaseStatus.INITIAL_ASSESSMENT, CaseStatus.WITHDRAWN),
    CaseStatus.INITIAL_ASSESSMENT: (CaseStatus.DECIDED, CaseStatus.WITHDRAWN),
    CaseStatus.DECIDED: (CaseStatus.CLOSED, CaseStatus.WITHDRAWN),
    CaseStatus.CLOSED: (),
    CaseStatus.WITHDRAWN: (),
}

OPEN_STATUSES: tuple[CaseStatus, ...] = tuple(s for s, nexts in TRANSITIONS.items() if nexts)
FINAL_STATUSES: tuple[CaseStatus, ...] = tuple(s for s, nexts in TRANSITIONS.items() if not nexts)
#: Statuses where the initial-assessment clock is still running.
CLOCK_RUNNING: tuple[CaseStatus, ...] = (CaseStatus.RECEIVED, CaseStatus.INITIAL_ASSESSMENT)

#: Derived from the vocabulary, the one home of every label.
STATUS_LABELS: dict[CaseStatus, str] = {s: s.label for s in CaseStatus}

#: What choosing each status means, shown as a hint next to the option.
STATUS_HINTS: dict[CaseStatus, str] = {
    CaseStatus.INITIAL_ASSESSMENT: "You have started the initial assessment against the Code.",
    CaseStatus.DECIDED: "A decision on the initial assessment has been recorded.",
    CaseStatus.CLOSED: "Everything that follows from the decision is done.",
    CaseStatus.WITHDRAWN: "The complainant withdrew the complaint, or it cannot proceed.",
}

OUTCOME_LABELS: dict[Outcome, str] = {o: o.label for o in Outcome}


class IllegalTransition(ValueError):
    """The requested status change is not allowed from the case's current status; the message says why."""


@dataclass(frozen=True)
class Transition:
    before: CaseStatus
    after: CaseStatus
    outcome: Outcome | None = None


def allowed_next(status: CaseStatus | str) -> tuple[CaseStatus, ...]:
    return TRANSITIONS[CaseStatus(status)]


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

import pytest

from triage.cases import workflow
from triage.cases.workflow import IllegalTransition, allowed_next, transition
from triage.models.enums import CaseStatus, Outcome

# The process, written out by hand (not derived from the workflow table): decisions go through the decision form.
LEGAL = [
    ("received", "initial_assessment"),
    ("received", "more_information"),
    ("received", "paused"),
    ("received", "withdrawn"),
    ("initial_assessment", "more_information"),
    ("initial_assessment", "paused"),
    ("initial_assessment", "withdrawn"),
    ("more_information", "initial_assessment"),
    ("more_information", "paused"),
    ("more_information", "withdrawn"),
    ("paused", "initial_assessment"),
    ("paused", "more_information"),
    ("paused", "investigation"),
    ("paused", "hearing"),
    ("paused", "withdrawn"),
    ("decided", "informal_resolution"),
    ("decided", "investigation"),
    ("decided", "paused"),
    ("decided", "closed"),
    ("decided", "withdrawn"),
    ("informal_resolution", "closed"),
    ("informal_resolution", "withdrawn"),
    ("investigation", "hearing"),
    ("investigation", "paused"),
    ("investigation", "closed"),
    ("investigation", "withdrawn"),
    ("hearing", "paused"),
    ("hearing", "closed"),
    ("hearing", "withdrawn"),
]
DECIDING = {("initial_assessment", "decided"), ("more_information", "decided"), ("paused", "decided")}


@pytest.mark.parametrize(("before", "after"), LEGAL)
def test_legal_transitions_are_allowed(before, after):
    result = transition(before, after)
    assert (result.before, result.after, result.outcome) == (CaseStatus(before), CaseStatus(after), None)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_deciding_needs_and_keeps_an_outcome(outcome):
    result = transition(CaseStatus.INITIAL_ASSESSMENT, CaseStatus.DECIDED, outcome.value)
    assert result.after == CaseStatus.DECIDED
    assert result.outcome == outcome


def test_deciding_without_an_outcome_is_refused():
    with pytest.raises(IllegalTransition, match="needs an outcome"):
        transition("initial_assessment", "decided")


def test_an_unknown_outcome_is_refused():
    with pytest.raises(IllegalTransition, match="not a possible outcome"):
        transition("initial_assessment", "decided", "sanction")


def test_an_outcome_on_another_transition_is_refused():
    with pytest.raises(IllegalTransition, match="only be given when the case is decided"):
        transition("received", "initial_assessment", "investigation")


ALL = [s.value for s in CaseStatus]
ILLEGAL = [(b, a) for b in ALL for a in ALL if (b, a) not in LEGAL and (b, a) not in DECIDING]


@pytest.mark.parametrize(("before", "after"), ILLEGAL)
def test_every_other_transition_is_refused(before, after):
    with pytest.raises(IllegalTransition):
        transition(before, after, "no_further_action" if after == "decided" else None)


def test_skipping_a_stage_says_what_is_possible():
    with pytest.raises(IllegalTransition) as error:
        transition("received", "closed")
    assert str(error.value) == (
        "A case that is received cannot move to closed; it can move to initial assessment or more information sought "
        "or paused for other proceedings or withdrawn"
    )


def test_final_statuses_cannot_change():
    for status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN):
        assert allowed_next(status) == ()
        assert not workflow.is_open(status)
        with pytest.raises(IllegalTransition, match="cannot change"):
            transition(status, CaseStatus.RECEIVED)


def test_unknown_statuses_are_refused_not_crashed():
    with pytest.raises(IllegalTransition, match="not a case status"):
        transition("received", "archived")
    with pytest.raises(IllegalTransition, match="unknown status"):
        transition("lost", "received")


def test_open_and_final_partition_the_statuses():
    assert set(workflow.OPEN_STATUSES) | set(workflow.FINAL_STATUSES) == set(CaseStatus)
    assert not set(workflow.OPEN_STATUSES) & set(workflow.FINAL_STATUSES)
    assert set(workflow.STATUS_LABELS) == set(CaseStatus)


def test_workflow_module_has_no_flask_or_database_code():
    import inspect

    source = inspect.getsource(workflow)
    assert "flask" not in source.lower()
    assert "sqlalchemy" not in source.lower()

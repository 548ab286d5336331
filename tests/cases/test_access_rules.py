import pytest

from triage.cases.access import can_act, can_view, may_see_cases_at_all, may_see_complainant
from triage.models.enums import Role

OFFICERS = [Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER]


@pytest.mark.parametrize("role", OFFICERS)
def test_officers_see_and_act_unless_conflicted(role):
    assert can_view(role, conflicted=False, referred=False)
    assert can_act(role, conflicted=False)
    assert not can_view(role, conflicted=True, referred=False)
    assert not can_act(role, conflicted=True)


@pytest.mark.parametrize("role", [Role.INDEPENDENT_PERSON, Role.PANEL_MEMBER])
def test_independent_persons_and_panel_members_see_only_referred_cases_and_never_act(role):
    assert not can_view(role, conflicted=False, referred=False)
    assert can_view(role, conflicted=False, referred=True)
    assert not can_view(role, conflicted=True, referred=True)
    assert not can_act(role, conflicted=False)


def test_analysts_see_cases_but_not_complainants_and_never_act():
    assert can_view(Role.ANALYST, conflicted=False, referred=False)
    assert not can_act(Role.ANALYST, conflicted=False)
    assert not may_see_complainant(Role.ANALYST, confidentiality_requested=False)


def test_administrators_see_no_case():
    assert not may_see_cases_at_all(Role.ADMIN)
    assert not can_view(Role.ADMIN, conflicted=False, referred=True)
    assert not can_act(Role.ADMIN, conflicted=False)


def test_complainant_identity_follows_confidentiality():
    assert may_see_complainant(Role.MONITORING_OFFICER, confidentiality_requested=True)
    assert may_see_complainant(Role.INDEPENDENT_PERSON, confidentiality_requested=False)
    assert not may_see_complainant(Role.INDEPENDENT_PERSON, confidentiality_requested=True)
    assert not may_see_complainant(Role.PANEL_MEMBER, confidentiality_requested=True)

"""Who may see and act on a case, as pure rules over a role and two facts about the user and the case.

- Monitoring officers and deputies see every case except one on which they have declared a conflict of interest,
  and only they act on cases (assign, change status, edit answers, re-run scoring).
- Independent Persons and standards panel members see only cases referred to them, read-only.
- Analysts see cases, read-only, but never the complainant's identity.
- Anyone else (administrators) sees no case.
- A declared conflict removes the case from any user, whatever their role.

The complainant's identity is shown to officers always; to Independent Persons and panel members unless the
complainant asked for confidentiality; never to analysts.
"""

from __future__ import annotations

from triage.models.enums import Role

OFFICER_ROLES = frozenset({Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER})
REFERRAL_ROLES = frozenset({Role.INDEPENDENT_PERSON, Role.PANEL_MEMBER})
CASE_ROLES = OFFICER_ROLES | REFERRAL_ROLES | {Role.ANALYST}
#: Who reads council-wide figures: the dashboard, exports and the transparency report.
REPORT_ROLES = OFFICER_ROLES | {Role.ANALYST}


def may_see_cases_at_all(role: Role | str) -> bool:
    """Whether the role has any access to cases (drives the navigation and the route guards)."""
    return Role(role) in CASE_ROLES


def may_see_reports(role: Role | str) -> bool:
    return Role(role) in REPORT_ROLES


def can_view(role: Role | str, *, conflicted: bool, referred: bool) -> bool:
    role = Role(role)
    if conflicted or role not in CASE_ROLES:
        return False
    if role in REFERRAL_ROLES:
        return referred
    return True


def can_act(role: Role | str, *, conflicted: bool) -> bool:
    return Role(role) in OFFICER_ROLES and not conflicted


def may_see_complainant(role: Role | str, *, confidentiality_requested: bool) -> bool:
    role = Role(role)
    if role in OFFICER_ROLES:
        return True
    if role in REFERRAL_ROLES:
        return not confidentiality_requested
    return False

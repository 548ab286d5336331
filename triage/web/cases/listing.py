"""The one case list: search, filters, the officer's worklist and each referral role's work as preset filters.

Who sees what: every query goes through ``visible_cases_clause``, so panel members and Independent Persons see only
cases referred to them and an officer never sees a case they are conflicted on. Analysts see every case but never a
complainant (nothing here shows one, and their exports always leave it out).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import Markup

from triage.cases import workflow
from triage.cases.access import CASE_ROLES, REPORT_ROLES
from triage.data import dashboard, dashboard_queries, history, history_cache, search
from triage.extensions import db
from triage.models.enums import CaseStatus, Jurisdiction, MemberRole, Outcome, Platform, Role
from triage.web.access import OFFICERS, roles_required
from triage.web.cases import bp
from triage.web.cases.rows import shown_rows

CASE_LIST_VIEWERS = tuple(sorted(CASE_ROLES, key=lambda r: r.value))
REPORT_USERS = tuple(sorted(REPORT_ROLES, key=lambda r: r.value))

OUTCOME_LABELS = {o.value: workflow.OUTCOME_LABELS[o] for o in Outcome}
PLATFORM_LABELS = dashboard_queries.PLATFORM_LABELS
ROLE_LABELS = dashboard_queries.ROLE_LABELS
JURISDICTION_LABELS = {j.value: j.label for j in Jurisdiction}
OPEN_LABEL = "Open (not closed or withdrawn)"
#: What each filter is called on the page, in the applied-filters list and on a saved search.
FILTER_LABELS = {
    "q": "Search",
    "status": "Status",
    "assigned": "Assigned to",
    "queue": "Waiting for",
    "outcome": "Outcome",
    "tool": "Tool recommended",
    "agreement": "Officer and tool",
    "member": "Member name",
    "member_id": "Member",
    "party": "Party",
    "role": "Member role",
    "platform": "Platform",
    "jurisdiction": "Jurisdiction",
    "paragraph": "Code paragraph",
    "band": "Breach score",
    "received_from": "Received from",
    "received_to": "Received to",
    "overdue": "Overdue",
    "sort": "Sorted",
}


def queues_for(role: Role) -> list[tuple[str, str]]:
    """The 'waiting for' choices a role can use: officers the council's queues, a referral role what it owes."""
    if role in OFFICERS:
        return [(k, v) for k, v in history.QUEUES.items() if k not in history.PERSONAL_QUEUES]
    if role == Role.INDEPENDENT_PERSON:
        return [("views_due", history.QUEUES["views_due"])]
    if role == Role.PANEL_MEMBER:
        return [("hearing_due", history.QUEUES["hearing_due"])]
    return []


def options() -> dict:
    return {
        "statuses": [(history.OPEN, OPEN_LABEL), *[(s.value, workflow.label(s)) for s in CaseStatus]],
        "outcomes": [(o.value, OUTCOME_LABELS[o.value]) for o in Outcome],
        "platforms": [(p.value, PLATFORM_LABELS[p.value]) for p in Platform],
        "roles": [(r.value, ROLE_LABELS[r.value]) for r in MemberRole],
        "jurisdictions": [(j.value, JURISDICTION_LABELS[j.value]) for j in Jurisdiction],
        "bands": [(key, label) for key, (label, _, _) in history.BANDS.items()],
        "agreement": list(history.AGREEMENT.items()),
        "sorts": list(history.SORTS.items()),
        "assigned": list(history.ASSIGNED.items()),
        "party_pairs": [(p, p) for p in history.party_options()],
        "paragraphs": history.paragraph_options(),
    }


def labels() -> dict:
    return {
        "outcome": {**OUTCOME_LABELS, history.NOT_DECIDED: "Not decided yet"},
        "platform": PLATFORM_LABELS,
        "role": ROLE_LABELS,
        "jurisdiction": JURISDICTION_LABELS,
        "paragraph": history.paragraph_labels(with_code=False),
        "paragraph_full": history.paragraph_labels(),
        "status": {history.OPEN: OPEN_LABEL, **{s.value: workflow.label(s) for s in CaseStatus}},
        "assigned": dict(history.ASSIGNED),
        "queue": dict(history.QUEUES),
        "agreement": dict(history.AGREEMENT),
        "band": {key: label for key, (label, _, _) in history.BANDS.items()},
        "tool": {**OUTCOME_LABELS, history.NOT_SCORED: "Not scored"},
    }


_PLACEHOLDER = "REFERENCE"


def case_href():
    """A link builder for the rows: ``url_for`` once per page rather than once per row (it is the costliest call
    in rendering the list)."""
    head, tail = url_for("cases.show", reference=_PLACEHOLDER).rsplit(_PLACEHOLDER, 1)
    return lambda reference: f"{head}{quote(str(reference), safe='')}{tail}"


def _presets(role: Role, filters: history.HistoryFilters) -> list[dict]:
    """The role's work queues (the same ones the home page counts) as links to the list filtered to them."""
    if role in OFFICERS:
        wanted = dashboard.OFFICER_QUEUE
    elif role in dashboard.OWED:
        wanted = (*dashboard.REFERRED_QUEUE, dashboard.OWED[role])
    else:
        return []
    current = filters.to_args(page=1, sort="newest")
    return [
        {"key": key, "text": text, "href": url_for("cases.index", **args), "current": current == args}
        for key, text, args in wanted
    ]


@bp.route("/")
@roles_required(*CASE_LIST_VIEWERS)
def index() -> ResponseReturnValue:
    missing = search.ensure_current()
    if search.healed():
        db.session.commit()  # index rows healed on a read are worth keeping
    filters = history.HistoryFilters.from_args(request.args)
    listing = history.list_history(current_user, filters)
    role = current_user.role
    flags = {
        "can_export": role in REPORT_USERS,
        "is_officer": role in OFFICERS,
        "referral_role": role in (Role.INDEPENDENT_PERSON, Role.PANEL_MEMBER),
    }
    page_options = {**options(), "queues": queues_for(role)}
    today = date.today()

    def results() -> Markup:
        page_labels = labels()
        if filters.member_id:
            page_labels["member_id"] = history.member_names([filters.member_id])
        return Markup(
            render_template(
                "cases/_results.html",
                listing=listing,
                rows=shown_rows(
                    listing.rows,
                    page_labels,
                    today,
                    case_href(),
                    assignees=history.assignee_names(listing.rows) if flags["is_officer"] else None,
                    targets=history.council_targets(listing.rows),
                ),
                filters=filters,
                options=page_options,
                labels=page_labels,
                filter_labels=FILTER_LABELS,
                presets=_presets(role, filters),
                missing=missing,
                **flags,
            )
        )

    # The results depend only on what this user may see, the filters, the day, the role and the filter options;
    # the history cache drops them as soon as anything they show changes.
    key = (
        "results",
        history.visibility_key(current_user, filters),
        role.value,
        tuple(sorted(filters.to_args().items())),
        filters.errors,
        today,
        missing,
        tuple(page_options["party_pairs"]),
        tuple(page_options["paragraphs"]),
    )
    return render_template(
        "cases/index.html",
        results=history_cache.remember(key, results),
        listing=listing,
        filters=filters,
        **flags,
    )

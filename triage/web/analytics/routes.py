"""Case history: the list and search, the dashboard, similar cases, exports and the transparency report.

Who sees what: every case query goes through ``visible_cases_clause``, so panel members and Independent Persons see
only cases referred to them and an officer never sees a case they are conflicted on. Analysts see every case but
never a complainant (nothing here shows one, and their exports always leave it out). The dashboard, exports and
reports are for officers and analysts.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import quote

from flask import Response, abort, render_template, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import Markup

from triage.analytics.csvsafe import rows_to_csv, stream_csv
from triage.cases import workflow
from triage.cases.access import CASE_ROLES
from triage.data import dashboard_queries, history, history_cache, search, similar, transparency
from triage.data.access import case_visible_to
from triage.data.audit_events import record_export
from triage.data.cases import case_to_file, load_case_for_view
from triage.extensions import db
from triage.models.enums import CaseStatus, Jurisdiction, MemberRole, Outcome, Platform, Role
from triage.web.access import OFFICERS, roles_required
from triage.web.analytics import bp
from triage.web.analytics.dashboard import build_charts, default_filters, layout
from triage.web.analytics.rows import shown_rows
from triage.web.transactions import auto_commit_after_request

HISTORY_VIEWERS = tuple(sorted(CASE_ROLES, key=lambda r: r.value))
REPORT_USERS = (*OFFICERS, Role.ANALYST)

OUTCOME_LABELS = {o.value: workflow.OUTCOME_LABELS[o] for o in Outcome}
PLATFORM_LABELS = dashboard_queries.PLATFORM_LABELS
ROLE_LABELS = dashboard_queries.ROLE_LABELS
JURISDICTION_LABELS = {j.value: j.label for j in Jurisdiction}
#: What each case-history filter is called on the page, in the applied-filters list and on a saved search.
FILTER_LABELS = {
    "q": "Search",
    "status": "Status",
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


def _options() -> dict:
    return {
        "statuses": [(s.value, workflow.label(s)) for s in CaseStatus],
        "outcomes": [(o.value, OUTCOME_LABELS[o.value]) for o in Outcome],
        "platforms": [(p.value, PLATFORM_LABELS[p.value]) for p in Platform],
        "roles": [(r.value, ROLE_LABELS[r.value]) for r in MemberRole],
        "jurisdictions": [(j.value, JURISDICTION_LABELS[j.value]) for j in Jurisdiction],
        "bands": [(key, label) for key, (label, _, _) in history.BANDS.items()],
        "agreement": list(history.AGREEMENT.items()),
        "sorts": list(history.SORTS.items()),
        "party_pairs": [(p, p) for p in history.party_options()],
        "paragraphs": history.paragraph_options(),
    }


def _labels() -> dict:
    return {
        "outcome": {**OUTCOME_LABELS, history.NOT_DECIDED: "Not decided yet"},
        "platform": PLATFORM_LABELS,
        "role": ROLE_LABELS,
        "jurisdiction": JURISDICTION_LABELS,
        "paragraph": history.paragraph_labels(with_code=False),
        "paragraph_full": history.paragraph_labels(),
        "status": {s.value: workflow.label(s) for s in CaseStatus},
        "agreement": dict(history.AGREEMENT),
        "band": {key: label for key, (label, _, _) in history.BANDS.items()},
        "tool": {**OUTCOME_LABELS, history.NOT_SCORED: "Not scored"},
    }


# --- the list and search ------------------------------------------------------------------------------------------

_PLACEHOLDER = "REFERENCE"


def _case_href():
    """A link builder for the rows: ``url_for`` once per page rather than once per row (it is the costliest call
    in rendering the list)."""
    head, tail = url_for("cases.show", reference=_PLACEHOLDER).rsplit(_PLACEHOLDER, 1)
    return lambda reference: f"{head}{quote(str(reference), safe='')}{tail}"


@bp.route("/")
@roles_required(*HISTORY_VIEWERS)
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
    options = _options()
    today = date.today()

    def results() -> Markup:
        labels = _labels()
        if filters.member_id:
            labels["member_id"] = history.member_names([filters.member_id])
        return Markup(
            render_template(
                "analytics/_history_results.html",
                listing=listing,
                rows=shown_rows(listing.rows, labels, today, _case_href()),
                filters=filters,
                options=options,
                labels=labels,
                filter_labels=FILTER_LABELS,
                missing=missing,
                **flags,
            )
        )

    # The results depend only on what this user may see, the filters, the day, the role and the filter options;
    # the history cache drops them as soon as anything they show changes.
    key = (
        "results",
        history.visibility_key(current_user),
        role.value,
        tuple(sorted(filters.to_args().items())),
        filters.errors,
        today,
        missing,
        tuple(options["party_pairs"]),
        tuple(options["paragraphs"]),
    )
    return render_template(
        "analytics/index.html",
        results=history_cache.remember(key, results),
        listing=listing,
        filters=filters,
        **flags,
    )


def _export_row(row: history.HistoryRow, *, names: bool, labels: dict, today: date) -> list:
    paragraphs = [labels["paragraph"].get(p, p) for p in row.paragraphs]
    return [
        row.reference,
        row.received_on,
        row.status.value,
        row.jurisdiction.value,
        row.code_slug,
        row.member_name if names else "",
        f"M-{row.member_id}" if row.member_id else "",
        row.member_party,
        row.member_role.value if row.member_role else "",
        "; ".join(row.platforms),
        row.tool_recommendation.value if row.tool_recommendation else "",
        "" if row.code_engaged_probability is None else round(row.code_engaged_probability, 3),
        "" if row.breach_probability is None else round(row.breach_probability, 3),
        row.outcome.value if row.outcome else "",
        "" if row.agrees is None else row.agrees,
        "; ".join(paragraphs),
        row.decided_on,
        row.decision_days,
        row.closed_on,
        row.overdue(today),
    ]


EXPORT_HEADER = [
    "reference",
    "received_on",
    "status",
    "jurisdiction",
    "code",
    "member_name",
    "member_pseudonym",
    "member_party",
    "member_role",
    "platforms",
    "tool_recommendation",
    "code_engaged_probability",
    "breach_probability",
    "outcome",
    "agrees_with_tool",
    "paragraphs",
    "decided_on",
    "decision_working_days",
    "closed_on",
    "overdue",
]


@bp.route("/export", methods=["POST"])
@roles_required(*REPORT_USERS)
@auto_commit_after_request
def export() -> ResponseReturnValue:
    """The filtered list as CSV or as case files (JSON). Anonymised unless asked: the complainant is left out
    (always for analysts), and member names only when ticked."""
    filters = history.HistoryFilters.from_args(request.form)
    fmt = request.form.get("format", "csv")
    if fmt not in ("csv", "json"):
        abort(400)
    names = request.form.get("member_names") == "1"
    complainant = fmt == "json" and current_user.role in OFFICERS and request.form.get("complainant") == "1"
    batches = list(history.export_ids(current_user, filters))
    count = sum(len(b) for b in batches)
    record_export(
        f"history_{fmt}",
        current_user,
        count=count,
        anonymised=not complainant,
        filters={**filters.summary(), "member_names": "yes" if names else "no"},
    )
    stamp = date.today().isoformat()
    if fmt == "csv":
        labels = _labels()
        today = date.today()

        def rows():
            for batch in batches:
                for row in history.export_rows(batch):
                    yield _export_row(row, names=names, labels=labels, today=today)

        body = stream_with_context(stream_csv(EXPORT_HEADER, rows()))
        return Response(
            body,
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="case-history-{stamp}.csv"'},
        )

    def documents():
        yield "[\n"
        first = True
        for batch in batches:
            for case in history.export_cases(batch):
                data = case_to_file(case, include_complainant=complainant, include_member_name=names)
                yield ("" if first else ",\n") + json.dumps(data, ensure_ascii=False, indent=2)
                first = False
                if case.complainant is not None and case.complainant in db.session:
                    db.session.expunge(case.complainant)
                if case in db.session:
                    db.session.expunge(case)  # and its posts, answers and decisions: memory stays flat
        yield "\n]\n"

    return Response(
        stream_with_context(documents()),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="case-history-{stamp}.json"'},
    )


# --- the dashboard ------------------------------------------------------------------------------------------------


def _dashboard_filters():
    if not request.args:
        return dashboard_queries.DashboardFilters.from_args(default_filters())
    return dashboard_queries.DashboardFilters.from_args(request.args)


def _charts(filters):
    return dashboard_queries.cached(current_user, filters, "charts", lambda: build_charts(current_user, filters))


@bp.route("/dashboard")
@roles_required(*REPORT_USERS)
def dashboard() -> ResponseReturnValue:
    missing = search.ensure_current()
    if search.healed():
        db.session.commit()  # index rows healed on a read are worth keeping
    filters = _dashboard_filters()
    list_args = _list_args(filters)
    charts = _charts(filters)

    def charts_html():
        # The charts, tables and links depend only on the filters and on what the user may see: the cache key.
        return Markup(
            render_template(
                "analytics/_charts.html",
                chart_rows=layout(charts),
                csv_args=filters.to_args(),
                list_args=list_args,
            )
        )

    return render_template(
        "analytics/dashboard.html",
        charts_html=dashboard_queries.cached(current_user, filters, "charts_html", charts_html),
        chart_rows=layout(charts),
        filters=filters,
        jurisdictions=[(j.value, JURISDICTION_LABELS[j.value]) for j in Jurisdiction],
        missing=missing,
        list_args=list_args,
    )


def _list_args(filters) -> dict:
    args = {}
    if filters.date_from:
        args["received_from"] = filters.date_from.isoformat()
    if filters.date_to:
        args["received_to"] = filters.date_to.isoformat()
    if filters.jurisdiction:
        args["jurisdiction"] = filters.jurisdiction
    return args


@bp.route("/dashboard/<chart_id>.csv")
@roles_required(*REPORT_USERS)
def dashboard_csv(chart_id: str) -> ResponseReturnValue:
    filters = _dashboard_filters()
    chart = next((c for c in _charts(filters) if c.id == chart_id), None)
    if chart is None:
        abort(404)
    return Response(
        "\ufeff" + rows_to_csv(chart.headers, chart.rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{chart.id}.csv"'},
    )


# --- similar cases ------------------------------------------------------------------------------------------------


@bp.route("/similar/<reference>")
@roles_required(*HISTORY_VIEWERS)
def similar_page(reference: str) -> ResponseReturnValue:
    case = load_case_for_view(reference)
    if case is None or not case_visible_to(current_user, case):
        abort(404)
    items = similar.similar_cases(case, limit=20, user=current_user)
    return render_template("analytics/similar.html", case=case, items=items, info=similar.index_info())


# --- the transparency report --------------------------------------------------------------------------------------


def _report_args():
    try:
        year = int(request.args.get("year") or date.today().year - 1)
    except ValueError:
        year = date.today().year - 1
    year = max(2000, min(date.today().year, year))
    period = request.args.get("period") if request.args.get("period") in ("calendar", "financial") else "calendar"
    return year, period


@bp.route("/transparency")
@roles_required(*REPORT_USERS)
def transparency_page() -> ResponseReturnValue:
    search.ensure_current()
    if search.healed():
        db.session.commit()
    year, period = _report_args()
    report = transparency.build_report(year, period=period)
    return render_template(
        "analytics/transparency.html",
        report=report,
        chart=transparency.outcome_chart(report),
        recommendation=transparency.RECOMMENDATION,
        years=list(range(date.today().year, date.today().year - 10, -1)),
    )


@bp.route("/transparency.<fmt>")
@roles_required(*REPORT_USERS)
@auto_commit_after_request
def transparency_download(fmt: str) -> ResponseReturnValue:
    if fmt not in ("csv", "pdf"):
        abort(404)
    year, period = _report_args()
    report = transparency.build_report(year, period=period)
    record_export(f"transparency_{fmt}", current_user, filters={"year": year, "period": period})
    name = f"code-of-conduct-complaints-{report.label}.{fmt}"
    if fmt == "csv":
        body, mimetype = "\ufeff" + transparency.report_csv(report), "text/csv"
    else:
        body, mimetype = transparency.report_pdf(report), "application/pdf"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.app_template_global("history_url")
def history_url(**args) -> str:
    return url_for("analytics.index", **{k: v for k, v in args.items() if v not in (None, "")})

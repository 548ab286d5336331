"""Case history: the list and search, the dashboard, similar cases, exports and the transparency report.

Who sees what: every case query goes through ``visible_cases_clause``, so panel members and Independent Persons see
only cases referred to them and an officer never sees a case they are conflicted on. Analysts see every case but
never a complainant (nothing here shows one, and their exports always leave it out). The dashboard, exports and
reports are for officers and analysts.
"""

from __future__ import annotations

import json
from datetime import date

from flask import Response, abort, redirect, render_template, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import Markup

from triage.analytics.csvsafe import rows_to_csv, stream_csv
from triage.data import dashboard_queries, history, search, similar, transparency
from triage.data.access import case_visible_to
from triage.data.audit_events import record_export
from triage.data.cases import case_to_file, load_case_for_view
from triage.extensions import db
from triage.models.enums import Jurisdiction
from triage.web.access import OFFICERS, roles_required
from triage.web.analytics import bp
from triage.web.analytics.dashboard import build_charts, default_filters, layout
from triage.web.cases import listing
from triage.web.cases.listing import CASE_LIST_VIEWERS, JURISDICTION_LABELS, REPORT_USERS
from triage.web.transactions import auto_commit_after_request


@bp.route("/")
@roles_required(*CASE_LIST_VIEWERS)
def index() -> ResponseReturnValue:
    """The case history became the one case list: old links and bookmarks keep their filters."""
    return redirect(url_for("cases.index", **request.args.to_dict()), code=301)


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
        labels = listing.labels()
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
@roles_required(*CASE_LIST_VIEWERS)
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
    return url_for("cases.index", **{k: v for k, v in args.items() if v not in (None, "")})

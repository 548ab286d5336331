"""The dashboard's charts: each one's numbers (from ``triage.data.dashboard_queries``), its SVG, its data table and
its CSV rows, built together so the three can never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from triage.analytics import charts as svg
from triage.data import dashboard_queries as q
from triage.data import history

HALF = 470
#: Below this many cases a share or rate is shown with a warning: one more case could move it by several points.
FEW_FOR_RATES = 30
#: A calibration chart needs this many scored decisions, and this many in a group, before its points mean much.
FEW_FOR_CALIBRATION, FEW_IN_A_GROUP = 100, 10
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Chart:
    id: str
    title: str
    description: str
    svg: Markup
    headers: list[str]
    rows: list[list]
    facts: list[str] = field(default_factory=list)
    caption: str = ""
    #: Shown as a warning above the chart: the numbers are too few to read as rates.
    warning: str = ""
    #: "full" or "half" the page width.
    size: str = "full"
    #: Per table row, the case-history filters that list those cases (None: no link).
    row_args: list[dict | None] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.rows or all(not any(isinstance(c, int | float) and c for c in r[1:]) for r in self.rows)


def _month_label(key: str) -> str:
    return f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def _few(count: int, what: str) -> str:
    """A warning when a rate rests on too few cases (none when there are none: the chart says so itself)."""
    if 0 < count < FEW_FOR_RATES:
        return (
            f"Only {count:,} {what}: too few to read the percentages as rates. One more case could move them by "
            f"{100 / (count + 1):.0f} points or more."
        )
    return ""


def _calibration_warning(bins) -> str:
    total = sum(b.cases for b in bins)
    small = [b.label for b in bins if b.cases < FEW_IN_A_GROUP]
    if not total:
        return ""
    if total < FEW_FOR_CALIBRATION:
        return (
            f"Only {total:,} decided cases have a score. Calibration needs at least {FEW_FOR_CALIBRATION} to say much; "
            "read these points as examples, not as evidence about the tool."
        )
    if small:
        return f"Groups with fewer than {FEW_IN_A_GROUP} cases ({', '.join(small)}) are too small to read alone."
    return ""


def build_charts(user, f: q.DashboardFilters) -> list[Chart]:
    charts: list[Chart] = []
    totals = q.totals(user, f)

    months = q.by_month(user, f)
    short = [
        (_month_label(m) if m[5:7] == "01" or i == 0 else _month_label(m)[:3], n) for i, (m, n) in enumerate(months)
    ]
    charts.append(
        Chart(
            id="over-time",
            title="Complaints received each month",
            description="The number of complaints received in each calendar month.",
            svg=svg.column_chart(short, title="Complaints received each month", desc=_desc_series(months)),
            headers=["Month", "Complaints"],
            rows=[[_month_label(m), n] for m, n in months],
            facts=[f"{totals['cases']:,} complaints in the period, {totals['decided']:,} decided."],
        )
    )

    outcomes = q.by_outcome(user, f)
    charts.append(
        Chart(
            id="outcomes",
            title="Outcomes",
            description="The latest decision on each complaint; withdrawn and undecided complaints shown separately.",
            svg=svg.bar_chart([(label, n) for _, label, n in outcomes], title="Complaints by outcome", width=HALF),
            headers=["Outcome", "Complaints", "Share"],
            rows=[[label, n, _share(n, totals["cases"])] for _, label, n in outcomes],
            warning=_few(totals["cases"], "complaints in the period"),
        )
    )

    platforms = q.by_platform(user, f)
    charts.append(
        Chart(
            id="platforms",
            title="Platforms",
            description="Complaints by the platform of the posts complained about (a complaint about posts on two "
            "platforms counts once for each).",
            svg=svg.bar_chart([(label, n) for _, label, n in platforms], title="Complaints by platform", width=HALF),
            headers=["Platform", "Complaints"],
            rows=[[label, n] for _, label, n in platforms],
        )
    )

    paragraphs = q.by_paragraph(user, f, history.paragraph_labels())
    charts.append(
        Chart(
            id="paragraphs",
            title="Code paragraphs named in decisions",
            description="How often each paragraph of the Code was named in a decision (a decision may name several).",
            svg=svg.bar_chart(
                [(label, n) for _, label, n in paragraphs[:15]], title="Code paragraphs named", width=HALF
            ),
            headers=["Paragraph", "Decisions naming it"],
            rows=[[label, n] for _, label, n in paragraphs],
            caption="The 15 most named are drawn; the table lists them all." if len(paragraphs) > 15 else "",
        )
    )

    roles = q.by_role(user, f)
    charts.append(
        Chart(
            id="member-roles",
            title="Role of the member complained about",
            description="The member's role when the conduct happened.",
            svg=svg.bar_chart([(label, n) for _, label, n in roles], title="Complaints by member role", width=HALF),
            headers=["Role", "Complaints"],
            rows=[[label, n] for _, label, n in roles],
        )
    )

    times = q.decision_times(user, f)
    over = next((i for i, (label, _) in enumerate(times.buckets) if int(label.split(" ")[0]) > times.target_days), None)
    charts.append(
        Chart(
            id="time-to-decision",
            title="Time to decision in working days",
            description=f"Working days from receipt to the decision on initial assessment (bank holidays excluded), "
            f"against the target of {times.target_days} working days. Columns past the target are red.",
            svg=svg.column_chart(
                times.buckets,
                title="Decisions by working days taken",
                label_every=1,
                highlight_from=over,
            ),
            headers=["Working days", "Decisions"],
            rows=[[label, n] for label, n in times.buckets],
            warning=_few(times.decided, "decisions in the period"),
            facts=[
                f"{times.within_target:,} of {times.decided:,} decisions "
                f"({_share(times.within_target, times.decided)}) within the target of "
                f"{times.target_days} working days.",
                f"Median {times.median if times.median is not None else '–'} working days; "
                f"90% decided within {times.p90 if times.p90 is not None else '–'}.",
            ]
            if times.decided
            else ["No decisions in the period."],
        )
    )

    matrix = q.confusion(user, f)
    order = q.OUTCOME_ORDER
    labels = [q.outcome_label(o) for o in order]
    values = [[matrix.get((tool, officer), 0) for officer in order] for tool in order]
    scored = sum(matrix.values())
    agreed = sum(matrix.get((o, o), 0) for o in order)
    charts.append(
        Chart(
            id="agreement",
            title="Officer and tool: agreement",
            description="Each decided case the tool scored, by the tool's recommendation (rows) and the officer's "
            "outcome (columns). The outlined diagonal is agreement.",
            svg=svg.heatmap(
                labels,
                labels,
                values,
                title="Tool recommendation against officer's decision",
                row_title="Tool recommended",
                column_title="Officer decided",
            ),
            headers=["Tool recommended", *[f"Officer: {label}" for label in labels]],
            rows=[[labels[i], *values[i]] for i in range(len(order))],
            warning=_few(scored, "scored decisions in the period"),
            facts=[
                f"The officer agreed with the tool in {agreed:,} of {scored:,} decisions ({_share(agreed, scored)})."
                if scored
                else "No decisions in the period on cases the tool scored."
            ],
        )
    )

    bins = q.calibration(user, f)
    charts.append(
        Chart(
            id="calibration",
            title="Calibration of the tool's breach probability",
            description="Decided cases grouped by the tool's breach probability (tenths). A well-calibrated tool's "
            "points lie on the dashed diagonal: of cases it gave 70%, about 70% had a decision naming a paragraph.",
            svg=svg.reliability_chart(
                [(b.mean_probability, b.observed, b.cases) for b in bins], title="Reliability of the breach probability"
            ),
            headers=["Breach probability", "Cases", "Mean probability", "Decisions naming a paragraph"],
            rows=[[b.label, b.cases, f"{b.mean_probability:.0%}", f"{b.observed:.0%}"] for b in bins],
            facts=[_calibration_fact(bins)],
            warning=_calibration_warning(bins),
        )
    )

    repeat = q.repeat_subjects(user, f)
    charts.append(
        Chart(
            id="repeat-subjects",
            title="Repeat subjects",
            description=f"Members complained about {q.REPEAT_THRESHOLD} or more times in the period; the "
            f"{q.TOP_REPEAT} with most complaints are shown.",
            svg=svg.bar_chart(
                [(f"{r['name']}" + (f" ({r['party']})" if r["party"] else ""), r["complaints"]) for r in repeat.top],
                title="Members with most complaints",
                width=HALF,
            ),
            headers=["Member", "Party", "Complaints", "Latest received"],
            rows=[[r["name"], r["party"], r["complaints"], r["latest"]] for r in repeat.top],
            warning=_few(totals["cases"], "complaints in the period"),
            facts=[
                f"{repeat.subjects:,} members were complained about {q.REPEAT_THRESHOLD} or more times, accounting "
                f"for {repeat.complaints:,} of {totals['cases']:,} complaints "
                f"({_share(repeat.complaints, totals['cases'])})."
            ],
        )
    )
    for chart in charts:
        if chart.id in {"outcomes", "platforms", "paragraphs", "member-roles", "calibration", "repeat-subjects"}:
            chart.size = "half"
    charts[-1].row_args = [{"member_id": r["member_id"]} for r in repeat.top]
    for chart, args in (
        (charts[1], [_outcome_args(key) for key, _, _ in outcomes]),
        (charts[2], [{"platform": key} for key, _, _ in platforms]),
        (charts[3], [{"paragraph": key} for key, _, _ in paragraphs]),
        (charts[4], [{"role": key} if key else None for key, _, _ in roles]),
    ):
        chart.row_args = args
    return charts


def layout(charts: list[Chart]) -> list[list[Chart]]:
    """Rows of the page: a full-width chart alone, half-width charts in pairs."""
    rows: list[list[Chart]] = []
    for chart in charts:
        if chart.size == "half" and rows and len(rows[-1]) == 1 and rows[-1][0].size == "half":
            rows[-1].append(chart)
        else:
            rows.append([chart])
    return rows


def _outcome_args(key: str) -> dict:
    if key == "withdrawn":
        return {"status": "withdrawn", "outcome": "none"}
    return {"outcome": key if key in q.OUTCOME_ORDER else "none"}


def _desc_series(months: list[tuple[str, int]]) -> str:
    if not months:
        return "No complaints in the period."
    peak = max(months, key=lambda m: m[1])
    return (
        f"{len(months)} months from {_month_label(months[0][0])} to {_month_label(months[-1][0])}; "
        f"the most in {_month_label(peak[0])} ({peak[1]:,})."
    )


def _calibration_fact(bins) -> str:
    total = sum(b.cases for b in bins)
    if not total:
        return "No decided cases with a score in the period."
    gap = sum(b.cases * abs(b.mean_probability - b.observed) for b in bins) / total
    return f"On average the probability is {gap:.0%} away from what officers decided (expected calibration error)."


def default_filters(today: date | None = None) -> dict[str, str]:
    """The last full 24 months, the dashboard's default view."""
    today = today or date.today()
    return {"from": date(today.year - 2, today.month, 1).isoformat(), "to": today.isoformat()}

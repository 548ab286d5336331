"""What the case list shows for each row, worked out in Python once per row.

Why: the template used to look up half a dozen labels and call two tag builders per cell; at 25 rows those Jinja
calls were the largest part of rendering the list. The template now only places these ready values (it still
escapes every one of them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from triage.data import history
from triage.data.case_views import clock_of
from triage.data.search import Highlight
from triage.web.filters import outcome_tag, percent, status_tag


@dataclass(frozen=True)
class ShownRow:
    reference: str
    href: str
    received_day: str
    received_year: int
    member_name: str
    member_detail: str
    platforms_key: str
    platforms_text: str
    status_html: Markup
    overdue: bool
    tool_key: str
    tool_text: str
    breach_text: str
    outcome_html: Markup | None
    differs_from_tool: bool
    paragraphs_key: str
    paragraphs_text: str
    highlights: list[Highlight]
    clock_text: str
    #: None when the viewer does not see assignments (only officers do).
    assigned_text: str | None


def _listed(values: list[str], labels: dict[str, str], separator: str) -> str:
    return separator.join(labels.get(v, v) for v in values) or "–"


def shown_rows(
    rows: list[history.HistoryRow],
    labels: dict,
    today: date,
    case_href: Callable[[str], str],
    *,
    assignees: dict[int, str] | None = None,
    targets: dict[int, int | None] | None = None,
) -> list[ShownRow]:
    out = []
    for row in rows:
        clock = clock_of(row, today=today, target_days=(targets or {}).get(row.council_id))
        if assignees is None:
            assigned = None
        else:
            assigned = assignees.get(row.assigned_officer_id, "Nobody yet") if row.assigned_officer_id else "Nobody yet"
        role = labels["role"].get(row.member_role.value, "") if row.member_role else ""
        tool = row.tool_recommendation.value if row.tool_recommendation else ""
        outcome = row.outcome.value if row.outcome else ""
        out.append(
            ShownRow(
                reference=row.reference,
                href=case_href(row.reference),
                received_day=f"{row.received_on.day} {row.received_on:%b}",
                received_year=row.received_on.year,
                member_name=row.member_name or "",
                member_detail=role + (f", {row.member_party}" if row.member_party else ""),
                platforms_key=" ".join(row.platforms),
                platforms_text=_listed(row.platforms, labels["platform"], ", "),
                status_html=status_tag(row.status, labels["status"][row.status.value]),
                overdue=row.overdue(today),
                tool_key=tool,
                tool_text=labels["outcome"][tool] if tool else "Not scored",
                breach_text=percent(row.breach_probability) if tool and row.breach_probability is not None else "",
                outcome_html=outcome_tag(outcome, labels["outcome"][outcome]) if outcome else None,
                differs_from_tool=bool(outcome) and row.agrees is False,
                paragraphs_key=" ".join(row.paragraphs),
                paragraphs_text=_listed(row.paragraphs, labels["paragraph"], "; "),
                highlights=row.highlights,
                clock_text=clock.short(),
                assigned_text=assigned,
            )
        )
    return out

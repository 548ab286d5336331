"""The annual transparency report: the number, type and outcome of complaints received in a year, including those
rejected (no further action), as the Committee on Standards in Public Life recommends (Local Government Ethical
Standards, 2019: recommendation 15 and best practice 9). Counts only: no names, no case references, no text.

"Type" is the subject of the Code paragraphs named in the decision; a decision may name several, so those counts
can add up to more than the number of decided complaints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import and_, case, func, select

from triage.analytics import charts
from triage.analytics.csvsafe import rows_to_csv
from triage.cases.workflow import OUTCOME_LABELS
from triage.extensions import db
from triage.models import Case, CodeParagraph, Complainant, Council
from triage.models.council import CodeOfConduct
from triage.models.enums import CaseStatus, Outcome
from triage.models.search import HistoryCase, HistoryTag

TOPIC_LABELS = {
    "respect": "Failure to treat others with respect",
    "bullying": "Bullying",
    "harassment": "Harassment",
    "equality": "Discrimination or equality",
    "impartiality": "Compromising the impartiality of officers",
    "confidentiality": "Disclosing confidential information",
    "knowledge": "Improper use of knowledge",
    "disrepute": "Bringing the office or council into disrepute",
    "position": "Misuse of position",
    "resources": "Misuse of council resources",
    "intimidation": "Intimidating people involved in a complaint",
}
COMPLAINANT_LABELS = {
    "member_of_public": "Member of the public",
    "councillor": "Councillor",
    "officer": "Council officer",
    "organisation": "Organisation",
    "anonymous": "Anonymous",
}
RECOMMENDATION = (
    "The Committee on Standards in Public Life recommends that councils publish, at least once a year, the number, "
    "type and outcome of Code of Conduct complaints, including those rejected as trivial or vexatious "
    "(Local Government Ethical Standards, January 2019)."
)


@dataclass
class TransparencyReport:
    year: int
    period: str
    start: date
    end: date
    council_name: str
    total: int = 0
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    types: list[tuple[str, int]] = field(default_factory=list)
    no_paragraph: int = 0
    complainants: list[tuple[str, int]] = field(default_factory=list)
    member_bodies: list[tuple[str, int]] = field(default_factory=list)
    decided: int = 0
    within_target: int = 0
    target_days: int = 20
    generated_on: date = field(default_factory=date.today)

    @property
    def label(self) -> str:
        return str(self.year) if self.period == "calendar" else f"{self.year}-{str(self.year + 1)[2:]}"

    @property
    def heading(self) -> str:
        if self.period == "calendar":
            return f"1 January to 31 December {self.year}"
        return f"1 April {self.year} to 31 March {self.year + 1}"

    def sections(self) -> list[tuple[str, str, list[tuple[str, int]]]]:
        """(id, title, rows) for the tables, CSV and PDF."""
        return [
            ("outcomes", "Outcome", self.outcomes),
            ("types", "Type of conduct found to engage the Code", self.types),
            ("complainants", "Who complained", self.complainants),
            ("members", "Member complained about", self.member_bodies),
        ]


def period_bounds(year: int, period: str) -> tuple[date, date]:
    if period == "financial":
        return date(year, 4, 1), date(year + 1, 3, 31)
    return date(year, 1, 1), date(year, 12, 31)


def build_report(year: int, *, period: str = "calendar") -> TransparencyReport:
    start, end = period_bounds(year, period)
    in_period = and_(Case.received_on >= start, Case.received_on <= end)
    council = db.session.scalars(select(Council).order_by(Council.id).limit(1)).first()
    report = TransparencyReport(
        year=year,
        period=period,
        start=start,
        end=end,
        council_name=current_app.config.get("COUNCIL_NAME") or (council.name if council else ""),
        target_days=council.assessment_target_days if council else 20,
    )
    withdrawn = case((and_(HistoryCase.outcome.is_(None), Case.status == CaseStatus.WITHDRAWN), 1), else_=0)
    rows = db.session.execute(
        select(HistoryCase.outcome, withdrawn, func.count())
        .select_from(Case)
        .outerjoin(HistoryCase, HistoryCase.case_id == Case.id)
        .where(in_period)
        .group_by(HistoryCase.outcome, withdrawn)
    ).all()
    counts: Counter = Counter()
    for outcome, was_withdrawn, n in rows:
        key = outcome.value if outcome is not None else ("withdrawn" if was_withdrawn else "pending")
        counts[key] += n
    report.total = sum(counts.values())
    report.outcomes = [
        ("Rejected: no further action" if o == Outcome.NO_FURTHER_ACTION else OUTCOME_LABELS[o], counts[o.value])
        for o in Outcome
    ]
    report.outcomes += [("Withdrawn by the complainant", counts["withdrawn"]), ("Not yet decided", counts["pending"])]
    report.decided = sum(counts[o.value] for o in Outcome)

    topics = {
        f"{slug}:{ref}": topic
        for slug, ref, topic in db.session.execute(
            select(CodeOfConduct.slug, CodeParagraph.ref, CodeParagraph.topic).join(
                CodeOfConduct, CodeOfConduct.id == CodeParagraph.code_id
            )
        )
    }
    type_counts: Counter = Counter()
    for value, n in db.session.execute(
        select(HistoryTag.value, func.count())
        .select_from(Case)
        .join(HistoryTag, and_(HistoryTag.case_id == Case.id, HistoryTag.kind == "paragraph"))
        .where(in_period)
        .group_by(HistoryTag.value)
    ):
        type_counts[topics.get(value, "other")] += n
    report.types = [(TOPIC_LABELS.get(t, "Other"), n) for t, n in sorted(type_counts.items(), key=lambda x: -x[1])]
    report.no_paragraph = (
        db.session.scalar(
            select(func.count())
            .select_from(Case)
            .join(HistoryCase, HistoryCase.case_id == Case.id)
            .where(in_period, HistoryCase.outcome.is_not(None), HistoryCase.decision_breach.is_(False))
        )
        or 0
    )
    report.types.append(("No paragraph engaged (decided)", report.no_paragraph))

    kinds = dict(
        db.session.execute(
            select(Complainant.kind, func.count())
            .select_from(Case)
            .join(Complainant, Complainant.id == Case.complainant_id)
            .where(in_period)
            .group_by(Complainant.kind)
        ).all()
    )
    report.complainants = [(label, kinds.get(k, 0)) for k, label in COMPLAINANT_LABELS.items()]
    unrecorded = report.total - sum(n for _, n in report.complainants)
    if unrecorded:
        report.complainants.append(("Not recorded", unrecorded))

    parish = case((Case.member_role == "parish_councillor", "parish"), else_="principal")
    bodies = dict(db.session.execute(select(parish, func.count()).where(in_period).group_by(parish)).all())
    report.member_bodies = [
        ("Member of the council", bodies.get("principal", 0)),
        ("Parish or town councillor", bodies.get("parish", 0)),
    ]
    within = db.session.execute(
        select(
            func.count(),
            func.sum(case((HistoryCase.decision_days <= Council.assessment_target_days, 1), else_=0)),
        )
        .select_from(Case)
        .join(HistoryCase, HistoryCase.case_id == Case.id)
        .join(Council, Council.id == Case.council_id)
        .where(in_period, HistoryCase.decision_days.is_not(None))
    ).one()
    report.within_target = int(within[1] or 0)
    return report


def report_csv(report: TransparencyReport) -> str:
    rows: list[list] = [
        ["Report", f"Code of Conduct complaints received {report.heading}"],
        ["Council", report.council_name],
        ["Complaints received", report.total],
        ["Decided", report.decided],
        ["Decided within the target", f"{report.within_target} (target {report.target_days} working days)"],
    ]
    for _, title, items in report.sections():
        for label, n in items:
            rows.append([f"{title}: {label}", n])
    rows.append(["Note", RECOMMENDATION])
    return rows_to_csv(["Measure", "Value"], rows)


def outcome_chart(report: TransparencyReport):
    return charts.bar_chart(report.outcomes, title="Complaints by outcome", desc=f"{report.total} complaints")


def report_html(report: TransparencyReport) -> str:
    """Standalone HTML for the PDF (rendered without a request, so the CLI can produce it too)."""
    template = current_app.jinja_env.get_template("analytics/transparency_print.html")
    return template.render(report=report, chart=outcome_chart(report), recommendation=RECOMMENDATION)


def report_pdf(report: TransparencyReport) -> bytes:
    from triage.notes.pdf import render_pdf

    return render_pdf(report_html(report))

"""Synthetic cases (small N; the generator lives in benchmarks/, outside the product) and the annual transparency
report."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from benchmarks.seed_synthetic import flask_command as seed_synthetic
from benchmarks.synthetic.generator import THEMES, Generator
from triage.commands.history import transparency_report
from triage.extensions import db
from triage.models import Answer, AuditEntry, Case, Decision
from triage.models.search import HistoryCase


def _generator(seed=1):
    from benchmarks.synthetic.store import paragraphs_by_topic

    return Generator(
        seed=seed,
        today=date(2026, 6, 30),
        years=5,
        paragraphs_by_topic=paragraphs_by_topic(),
        codes_by_jurisdiction={
            "england": "lga-model-2020",
            "wales": "wales-model-2016",
            "scotland": "scotland-councillors-2021",
        },
    )


def test_generated_cases_have_realistic_shapes():
    gen = _generator()
    members = gen.members("england", 40)
    weights = [m.weight for m in members]
    cases = [gen.case("england", members, weights) for _ in range(1500)]
    decided = [c for c in cases if c.decision]
    agree = sum(c.decision["outcome"] == c.decision["tool_recommendation"] for c in decided) / len(decided)
    assert 0.74 < agree < 0.86
    outcomes = Counter(c.decision["outcome"] for c in decided)
    assert outcomes.most_common(1)[0][0] == "no_further_action"
    assert {c.status for c in cases} >= {"received", "initial_assessment", "decided", "closed", "withdrawn"}
    assert Counter(c.member_index for c in cases).most_common(1)[0][1] > 60  # some members attract many complaints
    assert all(date(2021, 6, 1) <= c.received_on <= date(2026, 6, 30) for c in cases)
    assert all(c.closed_on is None or c.closed_on >= c.received_on for c in cases)
    texts = {p["text"] for c in cases for p in c.posts}
    assert len(texts) > 1000  # recombined fragments, rarely repeated


def test_generation_is_deterministic_and_invents_its_text():
    one, two = _generator(7), _generator(7)
    m1, m2 = one.members("wales", 10), two.members("wales", 10)
    assert [one.case("wales", m1, [1] * 10).posts for _ in range(5)] == [
        two.case("wales", m2, [1] * 10).posts for _ in range(5)
    ]
    fragments = [f for theme in THEMES.values() for options in theme["fragments"] for f in options]
    from pathlib import Path

    samples = " ".join(p.read_text() for p in Path("sample_cases").glob("*.json"))
    import re

    chunks = [c.strip() for f in fragments for c in re.split(r"\{\w+\}", f) if len(c.strip()) >= 25]
    assert chunks and [c for c in chunks if c in samples] == []


def test_seed_synthetic_command_stores_cases_with_their_index(app, db_session):
    result = app.test_cli_runner().invoke(seed_synthetic, ["--cases", "120", "--batch", "50", "--quiet", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Added 120 synthetic cases" in result.output
    assert db.session.scalar(select(func.count()).select_from(Case)) == 120
    assert db.session.scalar(select(func.count()).select_from(HistoryCase)) == 120
    assert db.session.scalar(select(func.count()).select_from(Answer)) > 120 * 10
    decided = db.session.scalar(select(func.count()).select_from(Decision))
    assert decided > 60
    references = list(db.session.scalars(select(Case.reference)))
    assert len(set(references)) == 120 and all(r.startswith("SC-") for r in references)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "synthetic.seeded")) is not None
    from triage.data.history import HistoryFilters, list_history
    from triage.data.users import create_user

    analyst = create_user("a@example.gov.uk", "A", "analyst", "correct-horse-battery-staple", actor="test")
    assert list_history(analyst, HistoryFilters.from_args({"q": "council"})).total > 0
    again = app.test_cli_runner().invoke(seed_synthetic, ["--cases", "10", "--quiet", "--seed", "4"])
    assert again.exit_code == 0 and "130 cases in total" in again.output


def test_the_product_cannot_fill_a_live_database_with_made_up_cases(app, council, db_session):
    from tests.analytics.helpers import make_case

    assert "seed-synthetic" not in app.cli.commands  # not a `triage` command: benchmarks only
    make_case(council, "A real complaint", received_on=date(2026, 1, 5))
    refused = app.test_cli_runner().invoke(seed_synthetic, ["--cases", "5", "--quiet"])
    assert refused.exit_code != 0 and "holds 1 real case" in refused.output
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def test_transparency_report_counts_outcomes_types_and_rejections(app, council, make_user, tmp_path):
    from tests.analytics.helpers import decide, make_case
    from triage.data.transparency import build_report, report_csv

    officer = make_user("monitoring_officer", email="mo@example.gov.uk")
    a = make_case(council, "One", received_on=date(2025, 2, 3))
    decide(a, officer, outcome="no_further_action", decided_on=date(2025, 2, 20))
    b = make_case(council, "Two", received_on=date(2025, 5, 6), role="parish_councillor")
    decide(b, officer, outcome="investigation", paragraphs=["1.1", "2.1"], decided_on=date(2025, 6, 30))
    make_case(council, "Three", received_on=date(2025, 12, 1))
    make_case(council, "Other year", received_on=date(2024, 12, 31))

    report = build_report(2025)
    assert report.total == 3 and report.decided == 2 and report.within_target == 1
    outcomes = dict(report.outcomes)
    assert outcomes["Rejected: no further action"] == 1 and outcomes["Refer for investigation"] == 1
    assert outcomes["Not yet decided"] == 1
    types = dict(report.types)
    assert types["Failure to treat others with respect"] == 1 and types["Bullying"] == 1
    assert types["No paragraph engaged (decided)"] == 1
    assert dict(report.member_bodies) == {"Member of the council": 2, "Parish or town councillor": 1}
    assert dict(report.complainants)["Member of the public"] == 3
    financial = build_report(2024, period="financial")
    assert financial.total == 2 and financial.label == "2024-25"

    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert ["Complaints received", "3"] in rows
    text = report_csv(report)
    assert "Robin" not in text and "Pat" not in text and "SC-2025" not in text

    out = tmp_path / "report.pdf"
    result = app.test_cli_runner().invoke(transparency_report, ["--year", "2025", "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")

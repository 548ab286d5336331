"""Storing synthetic cases in bulk (SQLAlchemy Core, executemany in batches), with their search index and facts
built from the generated values rather than read back. See ``benchmarks.synthetic.generator`` for the generator.

It writes through the data layer's public functions (councils, reference numbers, the search index, the audit
trail) but inserts cases with SQLAlchemy Core rather than through the services one case at a time: a benchmark needs
100,000 cases in minutes, not hours."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from types import SimpleNamespace

from sqlalchemy import func, insert, select

from benchmarks.synthetic.generator import Generator, SyntheticCase, SyntheticMember
from triage import codes as code_data
from triage.data import audit, search
from triage.data.cases import take_reference_numbers
from triage.data.councils import create_council, ensure_shipped_codes, get_council_by_name
from triage.extensions import db
from triage.models import (
    Answer,
    Assessment,
    Case,
    Complainant,
    Council,
    Decision,
    Member,
    Post,
    User,
)
from triage.models.base import utcnow
from triage.models.enums import Jurisdiction, Role

SYNTHETIC_COUNCILS = {
    "england": "Northmoor District Council (synthetic)",
    "wales": "Afoncwm County Borough Council (synthetic)",
    "scotland": "Glenbrae Council (synthetic)",
}
SYNTHETIC_USER = "synthetic.decisions@example.invalid"
MEMBERS_PER_COUNCIL = 70


def paragraphs_by_topic() -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for code_id in code_data.shipped_code_ids():
        table: dict[str, list[str]] = defaultdict(list)
        for paragraph in code_data.load_code(code_id).paragraphs:
            table[paragraph.topic].append(paragraph.id)
        out[code_id] = dict(table)
    return out


def _council(jurisdiction: str) -> Council:
    name = SYNTHETIC_COUNCILS[jurisdiction]
    council = get_council_by_name(name)
    if council is None:
        council = create_council(name, Jurisdiction(jurisdiction), code_data.JURISDICTION_DEFAULT[jurisdiction])
    return council


def _members(council: Council, generator: Generator) -> tuple[list[Member], list[SyntheticMember]]:
    existing = list(db.session.scalars(select(Member).where(Member.council_id == council.id).order_by(Member.id)))
    if len(existing) >= 20:
        made = [SyntheticMember(m.name, m.party, _role(m), 1.0 / (i + 1) ** 0.6) for i, m in enumerate(existing)]
        return existing, made
    made = generator.members(council.jurisdiction.value, MEMBERS_PER_COUNCIL)
    rows = [Member(council_id=council.id, name=m.name, party=m.party, role=m.role, body="") for m in made]
    db.session.add_all(rows)
    db.session.flush()
    return rows, made


def _decider() -> User:
    user = db.session.scalars(select(User).where(User.email == SYNTHETIC_USER)).first()
    if user is None:
        user = User(
            email=SYNTHETIC_USER,
            name="Synthetic data (no sign-in)",
            role=Role.MONITORING_OFFICER,
            password_hash="!synthetic-account-cannot-sign-in",
            active=False,
        )
        db.session.add(user)
        db.session.flush()
    return user


def _reserve_references(years: Counter) -> dict[int, int]:
    """Move each year's reference counter past the cases about to be stored; returns the first number per year."""
    return {year: take_reference_numbers(year, count) for year, count in sorted(years.items())}


def _insert_returning(table, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    result = db.session.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


class _Row(SimpleNamespace):
    pass


def store_batch(
    cases: list[SyntheticCase],
    *,
    councils: dict[str, Council],
    members: dict[str, list[Member]],
    decider: User,
    now: datetime,
) -> list[int]:
    """Insert one batch of generated cases and their index rows; the caller commits."""
    years = Counter(c.received_on.year for c in cases)
    next_number = _reserve_references(years)
    complainant_ids = _insert_returning(Complainant.__table__, [dict(c.complainant) for c in cases])
    case_rows = []
    for c, complainant_id in zip(cases, complainant_ids, strict=True):
        member = members[c.jurisdiction][c.member_index]
        year = c.received_on.year
        number = next_number[year]
        next_number[year] += 1
        case_rows.append(
            {
                "reference": f"SC-{year}-{number:04d}",
                "council_id": councils[c.jurisdiction].id,
                "status": c.status,
                "jurisdiction": c.jurisdiction,
                "code_slug": c.code_slug,
                "received_on": c.received_on,
                "received_via": c.received_via,
                "complainant_id": complainant_id,
                "member_id": member.id,
                "member_name": member.name,
                "member_party": member.party,
                "member_role": member.role,
                "member_in_office": "yes",
                "summary": c.summary,
                "decided_on": c.decided_on,
                "closed_on": c.closed_on,
                "legal_hold": c.legal_hold,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    case_ids = _insert_returning(Case.__table__, case_rows)
    posts, answers, assessments = [], [], []
    for c, case_id in zip(cases, case_ids, strict=True):
        for p in c.posts:
            posts.append({**p, "case_id": case_id, "text_fingerprint": ""})
        for question, value in c.answers.items():
            answers.append(
                {
                    "case_id": case_id,
                    "question_id": question,
                    "value": value,
                    "prefilled": False,
                    "prefill_reason": "",
                    "updated_at": now,
                }
            )
        if c.assessment:
            assessed = datetime.combine(c.received_on, time(10, 0), tzinfo=UTC)
            assessments.append(
                {
                    "case_id": case_id,
                    "created_at": assessed,
                    "case_version": 1,
                    "model_version": "synthetic-1",
                    "code_engaged_probability": c.assessment["code_engaged_probability"],
                    "breach_probability": c.assessment["breach_probability"],
                    "recommendation": c.assessment["recommendation"],
                    "result": c.assessment["result"],
                }
            )
    db.session.execute(insert(Post.__table__), posts)
    db.session.execute(insert(Answer.__table__), answers)
    assessment_ids = _insert_returning(Assessment.__table__, assessments)
    assessment_of = dict(zip((a["case_id"] for a in assessments), assessment_ids, strict=True))
    decisions = []
    for c, case_id in zip(cases, case_ids, strict=True):
        if c.decision:
            d = c.decision
            decisions.append(
                {
                    "case_id": case_id,
                    "outcome": d["outcome"],
                    "paragraphs": d["paragraphs"],
                    "reasons": d["reasons"],
                    "assessment_id": assessment_of.get(case_id),
                    "tool_recommendation": d["tool_recommendation"],
                    "override_reason": d["override_reason"],
                    "decided_by_id": decider.id,
                    "decided_at": datetime.combine(d["decided_on"], time(15, 0), tzinfo=UTC),
                }
            )
    if decisions:
        db.session.execute(insert(Decision.__table__), decisions)
    _index(cases, case_ids, assessment_of, councils, members, now)
    return case_ids


def _index(cases, case_ids, assessment_of, councils, members, now) -> None:
    facts, tags, texts = [], [], []
    for c, case_id in zip(cases, case_ids, strict=True):
        item = search._Inputs(
            case={
                "id": case_id,
                "received_on": c.received_on,
                "decided_on": c.decided_on,
                "jurisdiction": c.jurisdiction,
                "code_slug": c.code_slug,
                "status": c.status,
                "council_id": councils[c.jurisdiction].id,
                "member_id": members[c.jurisdiction][c.member_index].id,
                "member_role": members[c.jurisdiction][c.member_index].role,
                "assessment_target_days": councils[c.jurisdiction].assessment_target_days,
            },
            posts=[{"text": p["text"], "platform": p["platform"]} for p in c.posts],
            decision=(
                {
                    **c.decision,
                    "assessment_id": assessment_of.get(case_id),
                    "decided_at": datetime.combine(c.decision["decided_on"], time(15, 0), tzinfo=UTC),
                }
                if c.decision
                else None
            ),
            assessment=(
                {
                    "id": assessment_of.get(case_id),
                    "recommendation": c.assessment["recommendation"],
                    "code_engaged_probability": c.assessment["code_engaged_probability"],
                    "breach_probability": c.assessment["breach_probability"],
                    "result": c.assessment["result"],
                }
                if c.assessment
                else None
            ),
        )
        f, t, s = search.build_rows(item, now=now)
        facts.append(f)
        tags.extend(t)
        texts.append(s)
    search.write_rows(db.session, case_ids, facts, tags, texts, fresh=True)


def seed(
    count: int,
    *,
    seed_value: int = 2026,
    years: int = 7,
    batch_size: int = 2000,
    jurisdictions: dict[str, float] | None = None,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Generate and store ``count`` cases; commits after each batch. Returns a summary."""
    ensure_shipped_codes()
    shares = jurisdictions or {"england": 0.72, "wales": 0.14, "scotland": 0.14}
    today = today or date.today()
    generator = Generator(
        seed=seed_value,
        today=today,
        years=years,
        paragraphs_by_topic=paragraphs_by_topic(),
        codes_by_jurisdiction=dict(code_data.JURISDICTION_DEFAULT),
    )
    councils = {j: _council(j) for j in shares}
    members, weights = {}, {}
    for j, council in councils.items():
        rows, made = _members(council, generator)
        members[j] = rows
        weights[j] = [m.weight for m in made]
    views = {j: [SyntheticMember(m.name, m.party, _role(m), 1.0) for m in rows] for j, rows in members.items()}
    decider = _decider()
    # Plain snapshots: ORM objects would be reloaded one by one after every commit.
    members = {
        j: [_Row(id=m.id, name=m.name, party=m.party, role=_role(m)) for m in rows] for j, rows in members.items()
    }
    councils = {j: _Row(id=c.id, assessment_target_days=c.assessment_target_days) for j, c in councils.items()}
    decider = _Row(id=decider.id)
    db.session.commit()
    names = list(shares)
    stored = 0
    statuses: Counter = Counter()
    while stored < count:
        size = min(batch_size, count - stored)
        batch = []
        for _ in range(size):
            j = generator.rng.choices(names, weights=[shares[n] for n in names], k=1)[0]
            batch.append(generator.case(j, views[j], weights[j]))
        statuses.update(c.status for c in batch)
        store_batch(batch, councils=councils, members=members, decider=decider, now=utcnow())
        db.session.commit()
        stored += size
        if progress:
            progress(size)
    audit.record(
        "synthetic.seeded",
        "case",
        "",
        actor="cli",
        after={"cases": stored, "seed": seed_value, "years": years, "statuses": dict(statuses)},
    )
    db.session.commit()
    search.reset_coverage_cache()
    return {"cases": stored, "statuses": dict(statuses), "total": db.session.scalar(select(func.count(Case.id)))}


def real_case_count() -> int:
    """Cases on councils other than the synthetic ones: a database with any is not a test database."""
    synthetic = select(Council.id).where(Council.name.in_(list(SYNTHETIC_COUNCILS.values())))
    return db.session.scalar(select(func.count(Case.id)).where(Case.council_id.not_in(synthetic))) or 0


def optimise() -> None:
    search.optimise()
    db.session.commit()


def _role(member: Member) -> str:
    return str(getattr(member.role, "value", member.role))

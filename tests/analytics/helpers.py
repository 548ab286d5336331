"""Building cases for the case-history tests: a case file, and a quick assessment and decision stored directly
(the scorer itself is tested elsewhere)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from triage.extensions import db


def case_file(
    text: str = "The cabinet's handling of the bin collections is a shambles.",
    *,
    member: str = "Cllr Robin Example",
    party: str = "Independent",
    role: str = "councillor",
    platform: str = "facebook",
    received_on: date | None = None,
    jurisdiction: str = "england",
    complainant: str = "Pat Complainant",
    answers: dict | None = None,
    extra_posts: list[tuple[str, str]] = (),
) -> dict:
    received_on = received_on or date.today() - timedelta(days=10)
    posts = [(text, platform), *extra_posts]
    return {
        "jurisdiction": jurisdiction,
        "code": {"england": "lga-model-2020", "wales": "wales-model-2016", "scotland": "scotland-councillors-2021"}[
            jurisdiction
        ],
        "received_on": received_on.isoformat(),
        "complainant": {
            "kind": "member_of_public",
            "name": complainant,
            "email": "pat.complainant@example.org",
            "confidentiality_requested": False,
        },
        "subject_member": {"name": member, "party": party, "role": role, "in_office_at_time": "yes"},
        "posts": [
            {
                "text": t,
                "platform": p,
                "posted_on": (received_on - timedelta(days=2)).isoformat(),
                "account_kind": "councillor_account",
                "visibility": "public",
                "interaction": "original_post",
                "removed": "no",
            }
            for t, p in posts
        ],
        "answers": answers or {"acting_as_councillor": "yes", "political_expression": "yes", "target": "councillor"},
    }


def make_case(council, text: str = "The cabinet's handling of the bin collections is a shambles.", **kwargs):
    from triage.data.cases import create_case_from_file

    case = create_case_from_file(council, case_file(text, **kwargs))
    db.session.commit()
    return case


def assess(case, *, recommendation="no_further_action", breach=0.2, engaged=0.9, reasons=("Political expression.",)):
    from triage.models import Assessment

    row = Assessment(
        case_id=case.id,
        case_version=case.version,
        model_version="test",
        code_engaged_probability=engaged,
        breach_probability=breach,
        recommendation=recommendation,
        result={"reasons": [{"id": f"R{i}", "text": r} for i, r in enumerate(reasons)]},
    )
    db.session.add(row)
    db.session.commit()
    return row


def decide(
    case,
    user,
    *,
    outcome="no_further_action",
    paragraphs=(),
    reasons="Robust political comment; no further action.",
    tool=None,
    decided_on: date | None = None,
    status="decided",
    closed_on: date | None = None,
):
    from triage.models import Decision

    decided_on = decided_on or case.received_on + timedelta(days=14)
    db.session.add(
        Decision(
            case_id=case.id,
            outcome=outcome,
            paragraphs=list(paragraphs),
            reasons=reasons,
            tool_recommendation=tool,
            decided_by_id=user.id,
            decided_at=datetime.combine(decided_on, datetime.min.time(), tzinfo=UTC),
        )
    )
    case.status = status
    case.decided_on = decided_on
    case.closed_on = closed_on
    db.session.commit()
    return case

import json
from pathlib import Path

from sqlalchemy import select

from tests.conftest import REPO_ROOT

VALID_CASE = {
    "reference": "SC-2024-0007",
    "jurisdiction": "england",
    "code": "lga-model-2020",
    "received_on": "2024-03-01",
    "complainant": {"kind": "member_of_public", "name": "R. Complainant", "confidentiality_requested": True},
    "subject_member": {
        "name": "Cllr Test Person",
        "party": "Independent",
        "role": "councillor",
        "in_office_at_time": "yes",
    },
    "posts": [
        {
            "text": "The planning committee are a disgrace <script>alert(1)</script>",
            "platform": "facebook",
            "posted_on": "2024-02-20",
            "account_kind": "councillor_account",
            "visibility": "public",
        }
    ],
    "answers": {"acting_as_councillor": "yes", "council_business": "yes"},
}


def test_create_user_reads_the_password_from_stdin(runner, db_session):
    from triage.data.users import get_user_by_email

    result = runner.invoke(
        args=["create-user", "Officer@Example.gov.uk", "--role", "monitoring_officer", "--password-stdin"],
        input="a-long-enough-password\n",
    )
    assert result.exit_code == 0, result.output
    user = get_user_by_email("officer@example.gov.uk")
    assert user is not None and user.role.value == "monitoring_officer"


def test_create_user_rejects_a_weak_password(runner, db_session):
    result = runner.invoke(
        args=["create-user", "a@example.org", "--role", "analyst", "--password-stdin"], input="short\n"
    )
    assert result.exit_code != 0
    assert "12 characters" in result.output


def test_create_user_rejects_a_duplicate(runner, make_user):
    make_user("analyst", email="dup@example.org")
    result = runner.invoke(
        args=["create-user", "dup@example.org", "--role", "analyst", "--password-stdin"],
        input="another-long-password\n",
    )
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_create_user_rejects_an_unknown_role(runner, db_session):
    result = runner.invoke(
        args=["create-user", "a@example.org", "--role", "wizard", "--password-stdin"], input="a-long-enough-password\n"
    )
    assert result.exit_code == 2


def test_import_members_adds_then_updates(runner, council, tmp_path, db_session):
    from triage.data.members import list_members

    csv_path = tmp_path / "members.csv"
    csv_path.write_text("name,party,ward,role\nCllr A One,Green,North,leader\nCllr B Two,Labour,South,councillor\n")
    result = runner.invoke(args=["import-members", str(csv_path)])
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output
    csv_path.write_text("name,party,ward,role\nCllr A One,Independent,North,leader\n")
    result = runner.invoke(args=["import-members", str(csv_path)])
    assert "1 updated" in result.output
    parties = {m.name: m.party for m in list_members(council)}
    assert parties == {"Cllr A One": "Independent", "Cllr B Two": "Labour"}


def test_import_members_rejects_bad_rows_and_writes_nothing(runner, council, tmp_path, db_session):
    from triage.data.members import list_members

    csv_path = tmp_path / "members.csv"
    csv_path.write_text(
        "name,role,term_start\nCllr Ok,councillor,2023-05-04\nCllr Bad,emperor,2023-05-04\n,councillor,\n"
    )
    result = runner.invoke(args=["import-members", str(csv_path)])
    assert result.exit_code == 2
    assert "line 3: role 'emperor'" in result.output
    assert "line 4: name is empty" in result.output
    assert list_members(council) == []


def test_import_then_export_round_trips_a_case_file(runner, council, tmp_path, db_session):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(VALID_CASE))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "imported as SC-2024-0007" in result.output
    out = tmp_path / "out.json"
    result = runner.invoke(args=["export", "SC-2024-0007", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text())
    assert exported["posts"][0]["text"] == VALID_CASE["posts"][0]["text"]
    assert exported["answers"] == VALID_CASE["answers"]
    assert exported["complainant"]["name"] == "R. Complainant"
    from triage.casefile import validate_case_file

    assert validate_case_file(exported) == []


def test_export_can_leave_out_the_complainant(runner, council, tmp_path, db_session):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(VALID_CASE))
    runner.invoke(args=["import", str(path)])
    result = runner.invoke(args=["export", "SC-2024-0007", "--anonymise"])
    exported = json.loads(result.output)
    assert exported["complainant"] == {"kind": "member_of_public"}


def test_import_reports_the_file_and_field_of_an_invalid_case_and_still_imports_the_rest(
    runner, council, tmp_path, db_session
):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(VALID_CASE))
    bad = tmp_path / "bad.json"
    bad_case = dict(VALID_CASE, reference="SC-2024-0008", posts=[{"text": "x", "platform": "myspace"}])
    bad.write_text(json.dumps(bad_case))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{bad}: posts[0].platform" in result.output
    assert f"{broken}: not valid JSON at line 1" in result.output
    assert "1 imported, 0 already imported, 2 failed" in result.output


def test_imported_reference_moves_the_counter_on(runner, council, tmp_path, db_session):
    from triage.data.cases import next_reference

    path = tmp_path / "case.json"
    path.write_text(json.dumps(VALID_CASE))
    runner.invoke(args=["import", str(path)])
    assert next_reference(2024) == "SC-2024-0008"
    assert next_reference(2025) == "SC-2025-0001"


def test_seed_demo_is_idempotent(runner, db_session, tmp_path):
    from triage.data.cases import count_cases
    from triage.data.users import count_users
    from triage.models import Member

    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "0001-x.json").write_text(json.dumps(VALID_CASE))
    first = runner.invoke(args=["seed-demo", "--sample-cases", str(cases)])
    assert first.exit_code == 0, first.output
    users, total = count_users(), count_cases()
    members = len(db_session.scalars(select(Member)).all())
    second = runner.invoke(args=["seed-demo", "--sample-cases", str(cases)])
    assert second.exit_code == 0
    assert (count_users(), count_cases(), len(db_session.scalars(select(Member)).all())) == (users, total, members)
    assert users == 6 and total == 1 and members >= 20


def test_seed_demo_loads_the_shipped_sample_cases(runner, db_session):
    from triage.data.cases import count_cases

    shipped = len(list(Path(REPO_ROOT / "sample_cases").glob("*.json")))
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert count_cases() == shipped
    _assert_the_demo_hangs_together(db_session)


#: Parties a council in each nation could have (the demo must never put the SNP on an English district council).
NATIONAL_PARTIES = {
    "england": {
        "Conservative",
        "Labour",
        "Liberal Democrats",
        "Green Party",
        "Reform UK",
        "Independent",
        "Castlebridge First",  # a local residents' group
        "Non-political",  # as parish councillors often stand
    },
    "wales": {"Plaid Cymru", "Welsh Labour", "Welsh Conservatives", "Welsh Liberal Democrats", "Independent"},
    "scotland": {
        "SNP",
        "Scottish Labour",
        "Scottish Conservatives",
        "Scottish Liberal Democrats",
        "Scottish Greens",
        "Independent",
    },
}


def _assert_the_demo_hangs_together(db_session):
    from collections import Counter
    from datetime import date

    from triage import codes
    from triage.models import Case, Member

    cases = db_session.scalars(select(Case)).all()
    for case in cases:
        assert case.jurisdiction == case.council.jurisdiction, case.reference
        assert case.code_slug == case.council.code.slug, case.reference
        assert case.reference.startswith(f"SC-{case.received_on.year}-"), case.reference
        assert case.received_on <= date.today()
        assert codes.load_code(case.code_slug).jurisdiction == case.jurisdiction.value
    for member in db_session.scalars(select(Member)).all():
        nation = member.council.jurisdiction.value
        assert not member.party or member.party in NATIONAL_PARTIES[nation], (member.name, member.party)
    stages = Counter(c.status.value for c in cases)
    for status in ("received", "initial_assessment", "more_information", "paused", "investigation", "closed"):
        assert stages[status] > 0, (status, stages)
    assert all(c.latest_assessment is not None for c in cases)
    assert any(d.review_reason for c in cases for d in c.decisions)
    assert any(c.hearings for c in cases)

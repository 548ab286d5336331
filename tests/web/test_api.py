"""The JSON API: bearer tokens only (never the session cookie), roles of the token's owner, field errors on
invalid case files, the complainant hidden from analysts, and an OpenAPI 3.1 description."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import REPO_ROOT
from tests.security.helpers import create, sign_in
from triage.data import tokens, users
from triage.models import AuditEntry, CaseConflict, CaseReferral
from triage.models.base import utcnow


def case_file() -> dict:
    data = json.loads(next(iter(sorted((REPO_ROOT / "sample_cases").glob("0001-*.json")))).read_text())
    data.pop("reference", None)
    data.pop("expected", None)
    data["complainant"] = {"kind": "member_of_public", "name": "Jane Complainant", "email": "jane@example.org"}
    return data


@pytest.fixture
def token_for(db_session):
    def _make(role, email=None, **kwargs):
        user = create(role, email, enrol=False)
        _, raw = tokens.create_api_token(user, "test", actor="test", **kwargs)
        db_session.commit()
        return user, {"Authorization": f"Bearer {raw}"}

    return _make


@pytest.fixture
def officer(token_for, council):
    return token_for("monitoring_officer", "mo@example.gov.uk")


def _create(client, headers, data=None):
    return client.post("/api/v1/cases", json=data or case_file(), headers=headers)


def test_openapi_document_is_public_and_describes_every_api_route(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0"
    described = {(path, method.upper()) for path, item in doc["paths"].items() for method in item}
    routes = {
        (rule.rule.removeprefix("/api/v1").replace("<reference>", "{reference}"), method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == described
    assert doc["components"]["schemas"]["CaseFile"]["required"] == ["subject_member", "posts"]


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nope", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500])
def test_requests_without_a_valid_token_get_401(client, db_session, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/cases", headers=headers)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_api_ignores_the_session_cookie(client, db_session):
    """CSRF-exempt must mean cookie-blind: a signed-in browser cannot be made to call the API."""
    user = create("monitoring_officer")
    sign_in(client, user)
    assert client.get("/api/v1/cases").status_code == 401
    assert client.post("/api/v1/cases", json=case_file()).status_code == 401


def test_expired_revoked_and_disabled_owner_tokens_are_refused(client, db_session, token_for):
    user, headers = token_for("analyst")
    assert client.get("/api/v1/me", headers=headers).get_json()["role"] == "analyst"
    token = db_session.scalars(select(tokens.ApiToken)).one()
    token.expires_at = utcnow() - timedelta(seconds=1)
    db_session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    token.expires_at = None
    db_session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    users.disable_user(user, actor=user)
    db_session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    user.active = True
    tokens.revoke_api_token(token, actor="test")
    db_session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_officer_creates_reads_and_assesses_a_case(client, officer, db_session):
    _, headers = officer
    created = _create(client, headers)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    reference = body["reference"]
    assert created.headers["Location"] == f"/api/v1/cases/{reference}"
    assert body["case_file"]["complainant"]["name"] == "Jane Complainant"
    listed = client.get("/api/v1/cases", headers=headers).get_json()
    assert [c["reference"] for c in listed["cases"]] == [reference] and listed["total"] == 1
    one = client.get(f"/api/v1/cases/{reference}", headers=headers).get_json()
    assert one["case_file"]["posts"][0]["text"] == case_file()["posts"][0]["text"]
    assessed = client.post(f"/api/v1/cases/{reference}/assessments", headers=headers)
    assert assessed.status_code in (201, 503), assessed.get_json()
    if assessed.status_code == 201:
        assert 0 <= assessed.get_json()["breach_probability"] <= 1
        words = assessed.get_json()["words"]
        assert words["recommendation_label"] and words["status_sentence"].endswith(".")
    actions = set(db_session.scalars(select(AuditEntry.action)))
    assert {"case.created", "case.viewed", "api_token.created"} <= actions


def test_invalid_case_file_gets_422_with_the_fields(client, officer):
    _, headers = officer
    data = case_file()
    del data["posts"]
    data["subject_member"]["in_office_at_time"] = "perhaps"
    response = _create(client, headers, data)
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert {"posts", "subject_member.in_office_at_time"} <= fields
    assert client.post("/api/v1/cases", data="not json", headers=headers).status_code == 400
    assert client.post("/api/v1/cases", json=[1, 2], headers=headers).status_code == 400
    nul = case_file()
    nul["posts"][0]["text"] = "bad\x00text"
    assert _create(client, headers, nul).status_code == 422
    unknown_code = case_file()
    unknown_code["code"] = "x" * 500
    assert _create(client, headers, unknown_code).status_code == 422


def test_bodies_over_one_megabyte_are_refused(client, officer):
    _, headers = officer
    data = case_file()
    data["posts"][0]["text"] = "x" * (1024 * 1024 + 1)
    response = _create(client, headers, data)
    assert response.status_code == 413 and response.mimetype == "application/problem+json"


def test_roles_apply_to_tokens(client, officer, token_for, db_session):
    _, officer_headers = officer
    reference = _create(client, officer_headers).get_json()["reference"]
    analyst, analyst_headers = token_for("analyst")
    panel, panel_headers = token_for("panel_member")
    _, admin_headers = token_for("admin")

    # Analysts read cases but never the complainant.
    seen = client.get(f"/api/v1/cases/{reference}", headers=analyst_headers).get_json()
    assert "complainant" not in seen["case_file"] and "Jane Complainant" not in json.dumps(seen)
    assert _create(client, analyst_headers).status_code == 403
    assert client.post(f"/api/v1/cases/{reference}/assessments", headers=analyst_headers).status_code == 403

    # Panel members see only referred cases; a 404 does not reveal that the case exists.
    assert client.get(f"/api/v1/cases/{reference}", headers=panel_headers).status_code == 404
    assert client.get("/api/v1/cases", headers=panel_headers).get_json()["total"] == 0
    from triage.data.cases import get_case_by_reference

    case = get_case_by_reference(reference)
    db_session.add(CaseReferral(case_id=case.id, user_id=panel.id))
    db_session.commit()
    assert client.get(f"/api/v1/cases/{reference}", headers=panel_headers).status_code == 200

    # A declared conflict hides the case completely.
    db_session.add(CaseConflict(case_id=case.id, user_id=analyst.id, reason="related"))
    db_session.commit()
    assert client.get(f"/api/v1/cases/{reference}", headers=analyst_headers).status_code == 404
    assert client.get("/api/v1/cases", headers=analyst_headers).get_json()["total"] == 0

    # Administrators have no case access at all.
    assert client.get("/api/v1/cases", headers=admin_headers).status_code == 403


def test_api_errors_are_json_and_pages_bounded(client, officer):
    _, headers = officer
    assert client.get("/api/v1/cases/SC-1999-0001", headers=headers).status_code == 404
    assert client.get("/api/v1/nothing-here", headers=headers).mimetype == "application/problem+json"
    assert client.delete("/api/v1/cases", headers=headers).status_code == 405
    assert client.get("/api/v1/cases?per_page=1000", headers=headers).status_code == 400
    assert client.get("/api/v1/cases?page=abc", headers=headers).status_code == 400
    response = client.get("/api/v1/me", headers=headers)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_api_token_command_prints_a_working_token_once(client, db_session, runner):
    from triage.commands.api_tokens import api_token_group

    user = create("analyst", "cli-owner@example.gov.uk", enrol=False)
    result = runner.invoke(api_token_group, ["create", user.email, "--name", "nightly report"])
    assert result.exit_code == 0, result.output
    raw = result.output.splitlines()[0] if result.output.startswith("stt_") else result.stdout.splitlines()[0]
    assert raw.startswith("stt_")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).get_json()["role"] == "analyst"
    listing = runner.invoke(api_token_group, ["list"])
    assert raw not in listing.output and "nightly report" in listing.output
    token_id = listing.output.split("\t")[0]
    assert runner.invoke(api_token_group, ["revoke", token_id]).exit_code == 0
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert runner.invoke(api_token_group, ["create", "nobody@example.gov.uk"]).exit_code == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("received_on", "1999-12-31"), ("received_on", "9999-01-01"), ("posted_on", "5434-06-02")],
)
def test_implausible_dates_get_422_not_a_server_error(client, officer, field, value):
    _, headers = officer
    data = case_file()
    if field == "posted_on":
        data["posts"][0]["posted_on"] = value
    else:
        data[field] = value
    response = _create(client, headers, data)
    assert response.status_code == 422
    assert "between 2000-01-01" in response.get_data(as_text=True)


def test_unpaired_surrogates_get_422(client, officer):
    _, headers = officer
    body = json.dumps(case_file()).replace('"text": "', '"text": "\\ud950', 1)
    response = client.post("/api/v1/cases", data=body, content_type="application/json", headers=headers)
    assert response.status_code == 422


def test_names_arriving_by_the_api_lose_bidirectional_controls_and_repeated_flags_do_not_fail(
    client, officer, db_session
):
    """A right-to-left override in a name would make it display as something it is not; a file that repeats a kind of
    urgent-flag review used to fail on the database's one-per-kind rule (500)."""
    _, headers = officer
    body = {
        "jurisdiction": "england",
        "subject_member": {"name": "Cllr \u202eecnerwaL\u202c Smith", "party": "\u2066Indie\u2069"},
        "posts": [{"text": "A post."}],
        "urgent_reviews": [
            {"kind": "threat", "reason": "First look."},
            {"kind": "threat", "reason": "Second look: not a threat."},
        ],
    }
    response = client.post("/api/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    from triage.data.cases import get_case_by_reference

    case = get_case_by_reference(response.get_json()["reference"])
    assert case.member_name == "Cllr ecnerwaL Smith" and case.member_party == "Indie"
    assert [(r.kind, r.reason) for r in case.urgent_reviews] == [("threat", "Second look: not a threat.")]

"""Deny by default, checked over every route the app has (so it keeps working as routes are added):

- every endpoint is either on the explicit public allow-list or guarded by ``roles_required`` (web) or
  ``api_roles_required`` (API), both of which set ``allowed_roles``;
- signed out, a guarded web route redirects to sign-in and an API route answers 401 (even with a session cookie);
- each role not allowed gets 403 or 404, for every method the route accepts;
- each allowed role gets a page that is not a server error (GET only: POSTs would change the seeded data).

Then the per-case rules on the case pages: panel members and Independent Persons see only cases referred to them,
a conflicted officer sees nothing of the case, and analysts never see the complainant's name.
"""

from __future__ import annotations

import json
import secrets

import pytest
from werkzeug.routing import IntegerConverter

from tests.conftest import REPO_ROOT
from tests.security.helpers import create, forget_loaded_user, sign_in
from triage.data import tokens
from triage.models import CaseConflict, CaseReferral, IntakeDraft
from triage.models.enums import Role

PUBLIC = {
    "static",
    "main.healthz",
    "main.about",
    "main.accessibility",
    "main.privacy",
    "auth.sign_in",
    "auth.two_factor",  # only works part-way through sign-in
    "auth.set_up_two_factor",  # part-way through sign-in, or signed in
    "auth.reset_password",  # needs a one-time token
    "api.openapi",  # describes the API, holds no data
    # The public complaint form: no account by design; each page holds only the visitor's own complaint in progress
    # (found by the token in their session), and nothing sent can be read back (tests/web/test_public_form.py).
    "public.start",
    "public.cookies",
    "public.begin",
    "public.page",
    "public.post",
    "public.posts",
    "public.remove_post",
    "public.remove_screenshot",
    "public.check",
    "public.sent",
    "public.resume",  # a single-use emailed link: the token in the link is the only key
}
SIGNED_OUT = "signed out"
COMPLAINANT = "Zebedee Quillfeather"


def _sample_case_file() -> dict:
    path = sorted((REPO_ROOT / "sample_cases").glob("0001-*.json"))[0]
    data = json.loads(path.read_text())
    data.pop("expected", None)
    data["complainant"] = {"kind": "member_of_public", "name": COMPLAINANT, "email": "zq@example.org"}
    return data


@pytest.fixture
def world(db_session, council):
    """A user of every role (enrolled, so sign-in works whatever MFA_REQUIRED is), a case, a draft and a token."""
    from triage.data.cases import create_case_from_file

    people = {role: create(role, f"{role.value}@example.gov.uk") for role in Role}
    target = create("analyst", "target@example.gov.uk", enrol=False)
    case = create_case_from_file(council, _sample_case_file(), officer=people[Role.MONITORING_OFFICER])
    draft = IntakeDraft(
        public_id=secrets.token_hex(8), user_id=people[Role.MONITORING_OFFICER].id, council_id=council.id, data={}
    )
    db_session.add(draft)
    token, _ = tokens.create_api_token(target, "matrix", actor="test")
    db_session.commit()
    api = {}
    for role, user in people.items():
        _, raw = tokens.create_api_token(user, "matrix", actor="test")
        api[role] = {"Authorization": f"Bearer {raw}"}
    db_session.commit()
    return {"people": people, "case": case, "draft": draft, "target": target, "token": token, "api": api}


def _url_for_rule(rule, world) -> str:
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        if name in ("reference", "ref"):
            values[name] = world["case"].reference
        elif name == "public_id":
            values[name] = world["draft"].public_id
        elif name == "user_id":
            values[name] = world["target"].id
        elif name == "token_id":
            values[name] = world["token"].id
        elif name == "case_id":
            values[name] = world["case"].id
        elif name == "sha256":
            values[name] = "0" * 64
        elif name == "group":
            values[name] = "capacity"
        elif name == "kind_slug":
            values[name] = "assessment-note"
        elif isinstance(converter, IntegerConverter):
            values[name] = 1
        else:
            values[name] = "x1"
    path = rule.build(values, append_unknown=False)[1]
    return path


def _guarded_rules(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in PUBLIC:
            continue
        yield rule, app.view_functions[rule.endpoint]


def test_every_endpoint_is_public_by_name_or_guarded_by_roles(app):
    unguarded = [
        rule.endpoint
        for rule, view in _guarded_rules(app)
        if not getattr(view, "allowed_roles", None) or not set(view.allowed_roles) <= set(Role)
    ]
    assert unguarded == [], f"routes without roles_required (deny by default): {unguarded}"
    assert PUBLIC - set(app.view_functions) <= {"api.openapi"} | PUBLIC  # the allow-list names real endpoints
    assert {e for e in PUBLIC if e in app.view_functions} == PUBLIC


def test_public_pages_answer_signed_out(client, db_session):
    for url in ("/healthz", "/about", "/accessibility", "/privacy", "/sign-in", "/api/v1/openapi.json"):
        assert client.get(url).status_code == 200, url


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_authorisation_matrix(app, world, db_session):
    clients = {SIGNED_OUT: app.test_client()}
    for role, user in world["people"].items():
        forget_loaded_user()
        clients[role] = app.test_client()
        sign_in(clients[role], user)
    failures: list[str] = []
    checked = 0
    for rule, view in _guarded_rules(app):
        url = _url_for_rule(rule, world)
        allowed = set(view.allowed_roles)
        is_api = getattr(view, "api_token_auth", False)
        for method in _methods(rule):
            for who, client in clients.items():
                forget_loaded_user()
                headers = world["api"][who] if is_api and who != SIGNED_OUT else {}
                response = client.open(url, method=method, headers=headers)
                response.get_data()  # consume streamed bodies (CSV exports) inside their request context
                response.close()
                checked += 1
                status = response.status_code
                where = f"{method} {url} [{rule.endpoint}] as {who}: {status}"
                if who == SIGNED_OUT:
                    expected_ok = (
                        status == 401
                        if is_api
                        else (status == 302 and response.headers["Location"].startswith("/sign-in"))
                    )
                    if not expected_ok:
                        failures.append(f"{where} (expected {'401' if is_api else 'redirect to sign-in'})")
                elif who not in allowed:
                    if status not in (403, 404):
                        failures.append(f"{where} (role not allowed: expected 403/404)")
                elif method == "GET" and (status >= 500 or status == 401):
                    failures.append(f"{where} (allowed role got an error)")
        if is_api:  # the API never accepts the browser session in place of a token
            forget_loaded_user()
            for method in _methods(rule):
                status = clients[Role.MONITORING_OFFICER].open(url, method=method).status_code
                if status != 401:
                    failures.append(f"{method} {url} with a session cookie and no token: {status} (expected 401)")
    assert checked > 100
    assert failures == [], "\n".join(failures)


# --- Per-case checks on the case pages -----------------------------------------------------------------------


def _case_urls(app, reference: str) -> list[str]:
    """Every GET route about one case (case pages, notes, decisions...), whatever blueprint adds them."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and "reference" in rule.arguments and not rule.endpoint.startswith("api."):
            values = {name: (reference if name == "reference" else None) for name in rule.arguments}
            if all(v is not None for v in values.values()):
                urls.append(rule.build(values, append_unknown=False)[1])
    return sorted(urls)


def _status(client, url) -> int:
    forget_loaded_user()
    response = client.get(url)
    response.get_data()
    response.close()
    return response.status_code


def test_panel_member_and_independent_person_see_only_referred_cases(app, world, db_session):
    case = world["case"]
    urls = _case_urls(app, case.reference)
    assert f"/cases/{case.reference}" in urls
    for role in (Role.PANEL_MEMBER, Role.INDEPENDENT_PERSON):
        client = app.test_client()
        forget_loaded_user()
        sign_in(client, world["people"][role])
        for url in urls:
            assert _status(client, url) in (403, 404), f"{role} reached {url} before referral"
        forget_loaded_user()
        assert case.reference not in client.get("/cases/").text
        db_session.add(CaseReferral(case_id=case.id, user_id=world["people"][role].id))
        db_session.commit()
        assert _status(client, f"/cases/{case.reference}") == 200
        forget_loaded_user()
        assert case.reference in client.get("/cases/").text


def test_conflicted_officer_sees_nothing_of_the_case(app, world, db_session):
    case = world["case"]
    deputy = world["people"][Role.DEPUTY_MONITORING_OFFICER]
    client = app.test_client()
    forget_loaded_user()
    sign_in(client, deputy)
    assert _status(client, f"/cases/{case.reference}") == 200
    db_session.add(CaseConflict(case_id=case.id, user_id=deputy.id, reason="I know the member"))
    db_session.commit()
    for url in _case_urls(app, case.reference):
        assert _status(client, url) == 404, f"conflicted officer reached {url}"
    for rule in app.url_map.iter_rules():  # and cannot act on it either
        if "POST" in rule.methods and rule.arguments == {"reference"} and not rule.endpoint.startswith("api."):
            forget_loaded_user()
            url = rule.build({"reference": case.reference}, append_unknown=False)[1]
            assert client.post(url).status_code in (403, 404), f"conflicted officer posted to {url}"
    forget_loaded_user()
    assert case.reference not in client.get("/cases/").text


def test_analyst_never_sees_the_complainants_identity(app, world, db_session):
    case = world["case"]
    officer, analyst = app.test_client(), app.test_client()
    forget_loaded_user()
    sign_in(officer, world["people"][Role.MONITORING_OFFICER])
    forget_loaded_user()
    assert COMPLAINANT in officer.get(f"/cases/{case.reference}").text  # the officer does see it
    forget_loaded_user()
    sign_in(analyst, world["people"][Role.ANALYST])
    for url in [*_case_urls(app, case.reference), "/cases/"]:
        forget_loaded_user()
        response = analyst.get(url)
        assert COMPLAINANT not in response.get_data(as_text=True), f"complainant shown to an analyst on {url}"
        assert "zq@example.org" not in response.get_data(as_text=True)
    api = analyst.get(f"/api/v1/cases/{case.reference}", headers=world["api"][Role.ANALYST])
    assert api.status_code == 200 and COMPLAINANT not in api.get_data(as_text=True)

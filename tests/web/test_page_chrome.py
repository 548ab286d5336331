"""The cached page header and footer, and the single query that loads the signed-in user with their session."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from flask import g
from sqlalchemy import event

from tests.conftest import TEST_PASSWORD, normalise_space
from triage.web import chrome


def _token(html: bytes) -> str:
    field = BeautifulSoup(html, "html5lib").select_one("form.app-sign-out input[name=csrf_token]")
    assert field is not None, "no sign-out form on the page"
    return field["value"]


def test_sign_out_form_carries_a_real_csrf_token(app, client, make_user):
    user = make_user("monitoring_officer")
    app.config["WTF_CSRF_ENABLED"] = True
    # The test's app context (and so ``g``) outlives each request here, unlike in production: forget the token
    # Flask-WTF keeps in ``g`` once sign-in has replaced the session, as a fresh request would.
    try:
        sign_in_page = BeautifulSoup(client.get("/sign-in").data, "html5lib")
        token = sign_in_page.select_one("input[name=csrf_token]")["value"]
        response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token})
        assert response.status_code == 302
        g.pop("csrf_token", None)
        first, second = client.get("/").data, client.get("/cases/").data
        for html in (first, second):
            assert chrome._CSRF_MARKER.encode() not in html
        client.post("/sign-out", data={"csrf_token": "forged"})
        assert client.get("/cases/").status_code == 200, "a forged token must not sign the user out"
        response = client.post("/sign-out", data={"csrf_token": _token(second)})
        assert response.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert client.get("/cases/").status_code == 302, "the page's own token signs the user out"


def test_each_user_sees_their_own_name_escaped_in_the_header(app, make_user):
    hostile = make_user("analyst", email="a@example.gov.uk")
    hostile.name = "<img src=x onerror=alert(1)> O'Brien & Co"
    plain = make_user("analyst", email="b@example.gov.uk")
    plain.name = "Second Analyst"
    from triage.extensions import db

    db.session.commit()
    seen = {}
    for email in ("a@example.gov.uk", "b@example.gov.uk", "a@example.gov.uk"):
        client = app.test_client()
        with app.app_context():  # a fresh ``g`` per client, as in production
            client.post("/sign-in", data={"email": email, "password": TEST_PASSWORD})
        with app.app_context():
            page = client.page("/")
        seen[email] = normalise_space(page.select_one(".app-sign-out span").get_text())
        assert page.select("header img") == []
    assert seen == {
        "a@example.gov.uk": "<img src=x onerror=alert(1)> O'Brien & Co (Analyst)",
        "b@example.gov.uk": "Second Analyst (Analyst)",
    }


def test_signed_out_pages_have_no_sign_out_form_and_one_footer(client, db_session):
    page = client.page("/sign-in")
    assert page.select("form.app-sign-out") == []
    assert len(page.select("footer")) == 1, "the council footer sits inside the template's footer, not nested"
    assert "Testshire" not in page.select_one("footer").get_text()
    assert page.select_one("footer a[href='/accessibility']") is not None


def test_a_signed_in_page_reads_the_user_and_their_session_in_one_query(app, client, sign_in):
    sign_in("monitoring_officer")
    from triage.extensions import db

    statements: list[str] = []

    def _record(conn, cursor, statement, params, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", _record)
    try:
        with app.app_context():  # a fresh ``g``, as every production request has
            assert client.get("/cases/").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", _record)
    reads = [s for s in statements if re.search(r"\bFROM user_session\b|\bJOIN user_session\b", s)]
    assert len(reads) == 1, reads
    assert "user_account" in reads[0]

"""The cached page header and footer, and the single query that loads the signed-in user with their session."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from sqlalchemy import event

from tests.conftest import TEST_PASSWORD, normalise_space
from triage.web import chrome


def _token(html: bytes) -> str:
    field = BeautifulSoup(html, "html5lib").select_one("form.app-sign-out input[name=csrf_token]")
    assert field is not None, "no sign-out form on the page"
    return field["value"]


def _signed_in_client(app, email: str):
    client = app.test_client()
    token = BeautifulSoup(client.get("/sign-in").data, "html5lib").select_one("input[name=csrf_token]")["value"]
    response = client.post("/sign-in", data={"email": email, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client


def test_sign_out_form_carries_each_sessions_own_csrf_token(app, make_user):
    """Two browsers signed in as the same user share one cached header: each must still get its own session's token."""
    user = make_user("monitoring_officer")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        first, second = _signed_in_client(app, user.email), _signed_in_client(app, user.email)
        pages = {name: c.get("/").data for name, c in (("first", first), ("second", second))}
        for html in pages.values():
            assert chrome._CSRF_MARKER.encode() not in html
        first.post("/sign-out", data={"csrf_token": "forged"})
        first.post("/sign-out", data={"csrf_token": _token(pages["second"])})
        assert first.get("/cases/").status_code == 200, "neither a forged token nor another session's signs out"
        assert second.post("/sign-out", data={"csrf_token": _token(pages["second"])}).status_code == 302
        assert first.post("/sign-out", data={"csrf_token": _token(pages["first"])}).status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    for client in (first, second):
        assert client.get("/cases/").status_code == 302, "each page's own token signs its session out"


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
        client.post("/sign-in", data={"email": email, "password": TEST_PASSWORD})
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
        assert client.get("/cases/").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", _record)
    reads = [s for s in statements if re.search(r"\bFROM user_session\b|\bJOIN user_session\b", s)]
    assert len(reads) == 1, reads
    assert "user_account" in reads[0]

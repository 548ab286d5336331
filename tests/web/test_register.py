"""The administrator keeps the register of members: add, edit, end a term, and import a CSV after a preview with
row-level errors. Everything is audited; nobody else can reach it."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.conftest import normalise_space
from triage.data import audit


@pytest.fixture
def admin(sign_in, council):
    return sign_in("admin")


def _token(client, path):
    return client.page(path).select_one("input[name=csrf_token]")["value"]


def _member_data(**overrides):
    data = {
        "name": "Cllr Priya Shah",
        "role": "parish_councillor",
        "party": "Independent",
        "ward": "",
        "body": "Little Harrowden Parish Council",
        "email": "",
        "term_start": ["2", "5", "2024"],
        "term_end": ["", "", ""],
    }
    data.update(overrides)
    return data


def test_an_administrator_adds_edits_and_ends_the_term_of_a_parish_councillor(client, admin, db_session):
    response = client.post(
        "/admin/members/new", data={**_member_data(), "csrf_token": _token(client, "/admin/members/new")}
    )
    assert response.status_code == 302
    page = client.page("/admin/members")
    row = page.select_one("#members tbody tr")
    assert "Cllr Priya Shah" in row.text and "Little Harrowden Parish Council" in row.text
    assert "Parish or town councillor" in row.text
    edit = row.select_one("a")["href"]
    form = client.page(edit)
    assert form.select_one("input[name=body]")["value"] == "Little Harrowden Parish Council"
    assert client.post(edit, data={**_member_data(party="Green Party"), "csrf_token": "x"}).status_code == 302
    assert "Green Party" in client.page("/admin/members").select_one("#members").text
    member_id = int(edit.rsplit("/", 1)[1])
    next_year = str(date.today().year + 1)
    bad = client.post(f"/admin/members/{member_id}/end-term", data={"end-ended_on": ["1", "1", next_year]})
    assert bad.status_code == 400 and "must be today or in the past" in bad.text
    ended = client.post(f"/admin/members/{member_id}/end-term", data={"end-ended_on": ["1", "6", "2026"]})
    assert ended.status_code == 302
    assert client.page("/admin/members").select_one("#members") is None  # no serving members left
    assert "Cllr Priya Shah" in client.page("/admin/members?show=former").select_one("#members").text
    actions = [e.action for e in audit.recent_entries(20)]
    assert {"member.added", "member.edited", "member.term_ended"} <= set(actions)


def test_a_second_member_with_the_same_name_is_refused(client, admin):
    client.post("/admin/members/new", data=_member_data())
    again = client.post("/admin/members/new", data=_member_data())
    assert again.status_code == 400 and "already on the register" in again.text


def test_an_import_shows_row_errors_first_and_saves_nothing_until_confirmed(client, admin, db_session):
    from sqlalchemy import func, select

    from triage.models import Member

    bad = (
        "name,role,party,term_start\nCllr A,councillor,Labour,2024-05-02\n,councillor,,\n"
        "Cllr B,emperor,,\nCllr C,,,02/05/2024\n"
    )
    response = client.post(
        "/admin/members/import",
        data={"upload": (io.BytesIO(bad.encode()), "register.csv")},
        content_type="multipart/form-data",
    )
    errors = [normalise_space(li.text) for li in client_page(response).select("#import-errors li")]
    assert errors == [
        "Line 3: name is empty",
        "Line 4: role 'emperor' is not one of: Leader of the council, Cabinet member, Mayor or chair of the council, "
        "Committee chair, Political group leader, Councillor, Parish or town councillor, Co-opted member, "
        "Former member",
        "Line 5: term_start must be a date like 2024-05-02, not '02/05/2024'",
    ]
    assert client_page(response).select_one("#confirm-import") is None
    assert db_session.scalar(select(func.count(Member.id))) == 0

    good = "name,role,party,body\nCllr A,councillor,Labour,\nCllr D,parish_councillor,,Upper Wick Parish Council\n"
    preview = client.post(
        "/admin/members/import",
        data={"upload": (io.BytesIO(good.encode()), "register.csv")},
        content_type="multipart/form-data",
    )
    page = client_page(preview)
    assert [normalise_space(td.text) for td in page.select("#import-preview td[data-label=Change]")] == ["Add", "Add"]
    assert db_session.scalar(select(func.count(Member.id))) == 0
    hidden = page.select_one("main form input[name=csv_text]")["value"]
    done = client.post("/admin/members/import", data={"csv_text": hidden, "confirm": "yes"})
    assert done.status_code == 302
    assert db_session.scalar(select(func.count(Member.id))) == 2
    assert "members.imported" in [e.action for e in audit.recent_entries(5)]


def client_page(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.data, "html5lib")


@pytest.mark.parametrize("role", ["monitoring_officer", "independent_person", "analyst"])
def test_only_administrators_reach_the_register(client, sign_in, council, role):
    sign_in(role)
    assert client.get("/admin/members").status_code == 403
    assert client.post("/admin/members/new", data=_member_data()).status_code == 403


def test_bidirectional_override_characters_are_removed_from_a_members_name(client, admin, db_session):
    from triage.models import Member

    spoof = "Cllr \u202eecnerwaL\u202c Smith"
    assert client.post("/admin/members/new", data=_member_data(name=spoof)).status_code == 302
    (member,) = db_session.query(Member).all()
    assert member.name == "Cllr ecnerwaL Smith"

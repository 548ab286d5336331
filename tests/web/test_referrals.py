"""Referral: the officer refers a case to an Independent Person through the app; the email arrives over real SMTP;
the Independent Person sees it in their queue, reads it and records their own views; withdrawing ends access."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from triage.extensions import db
from triage.models import AuditEntry


@pytest.fixture
def make_case(db_session, council):
    from tests.web.test_cases import case_file
    from triage.data.cases import create_case_from_file

    def _make(**overrides):
        case = create_case_from_file(council, case_file(**overrides))
        db_session.commit()
        return case

    return _make


@pytest.fixture
def sign_in_as(client):
    from tests.conftest import TEST_PASSWORD

    def _sign_in_as(user):
        client.post("/sign-out")
        assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
        return user

    return _sign_in_as


def test_an_officer_refers_the_independent_person_who_reads_and_records_views(
    client, sign_in, sign_in_as, make_case, make_user, smtp_server
):
    officer = sign_in("monitoring_officer")
    ip = make_user("independent_person", email="ip@example.gov.uk", name="Indira Person")
    make_user("panel_member", email="panel@example.gov.uk", name="Pat Panel")
    case = make_case()
    page = client.page(f"/cases/{case.reference}")
    assert page.select_one("#refer-link") is not None

    form = client.page(f"/cases/{case.reference}/referrals")
    assert "No case" not in form.text
    response = client.post(
        f"/cases/{case.reference}/referrals",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "purpose": "consultation",
            "people": [str(ip.id)],
            "message": "Your views at assessment, please, by Friday.",
        },
    )
    assert response.status_code == 302
    (email,) = smtp_server
    assert email["To"] == "ip@example.gov.uk" and case.reference in email["Subject"]
    body = email.get_payload()
    assert "by Friday" in body and f"/cases/{case.reference}" in body
    assert "liar" not in body  # the complaint's content stays behind sign-in
    link = re.search(r"https?://\S+", body).group(0)

    sign_in_as(ip)
    home = client.page("/")
    assert [tr["data-reference"] for tr in home.select("#referred tr[data-reference]")] == [case.reference]
    assert home.select_one("[data-count=total] a").contents[0].strip() == "1"  # counts only what they may open
    assert client.get(link.split("localhost", 1)[-1]).status_code == 200
    views = client.page(f"/cases/{case.reference}/consultation")
    response = client.post(
        f"/cases/{case.reference}/consultation",
        data={
            "csrf_token": views.select_one("input[name=csrf_token]")["value"],
            "stage": "assessment",
            "consulted_on": [str(case.received_on.day), str(case.received_on.month), str(case.received_on.year)],
            "views": "Robust but political; no further action.",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert case.consultations[0].independent_person_name == "Indira Person"

    sign_in_as(officer)
    listing = client.page(f"/cases/{case.reference}/referrals")
    referral_id = listing.select_one("#referrals tr[data-referral]")["data-referral"]
    client.post(
        f"/cases/{case.reference}/referrals/{referral_id}/withdraw",
        data={"csrf_token": listing.select_one("input[name=csrf_token]")["value"]},
    )
    sign_in_as(ip)
    assert client.get(f"/cases/{case.reference}").status_code == 404
    actions = set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.case_id == case.id)))
    assert {"case.referred", "case.referral_withdrawn", "consultation.recorded"} <= actions


def test_a_referral_to_the_wrong_role_or_nobody_is_refused_with_a_message(client, sign_in, make_case, make_user):
    sign_in("monitoring_officer")
    panel = make_user("panel_member", email="panel@example.gov.uk", name="Pat Panel")
    case = make_case()
    form = client.page(f"/cases/{case.reference}/referrals")
    token = form.select_one("input[name=csrf_token]")["value"]
    response = client.submit(
        f"/cases/{case.reference}/referrals",
        {"csrf_token": token, "purpose": "consultation", "people": [str(panel.id)]},
        status=400,
    )
    assert "Pat Panel cannot be referred" in response.get_data(as_text=True)
    response = client.submit(
        f"/cases/{case.reference}/referrals", {"csrf_token": token, "purpose": "hearing"}, status=400
    )
    assert "Select at least one person" in response.get_data(as_text=True)


def test_a_failed_email_keeps_the_referral_and_tells_the_officer(
    client, sign_in, make_case, make_user, app, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", 9)  # nothing listens on discard
    sign_in("monitoring_officer")
    ip = make_user("independent_person", email="ip@example.gov.uk", name="Indira Person")
    case = make_case()
    form = client.page(f"/cases/{case.reference}/referrals")
    response = client.post(
        f"/cases/{case.reference}/referrals",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "purpose": "consultation",
            "people": [str(ip.id)],
        },
        follow_redirects=True,
    )
    assert "could not be sent" in response.get_data(as_text=True)
    db.session.expire_all()
    assert [r.user_id for r in case_referrals(case)] == [ip.id]


def case_referrals(case):
    from triage.services.referrals import case_referrals as rows

    return rows(case)


def test_a_panel_member_referred_for_a_hearing_records_findings_and_a_sanction(
    client, sign_in, sign_in_as, make_case, make_user, smtp_server
):
    from tests.notes.helpers import pdf_text, squash
    from triage.data import notes as note_data
    from triage.models.enums import NoteKind

    officer = sign_in("monitoring_officer")
    panel = make_user("panel_member", email="panel@example.gov.uk", name="Pat Panel")
    case = make_case()
    form = client.page(f"/cases/{case.reference}/referrals")
    client.post(
        f"/cases/{case.reference}/referrals",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "purpose": "hearing",
            "people": [str(panel.id)],
        },
    )
    assert [m["To"] for m in smtp_server] == ["panel@example.gov.uk"]

    sign_in_as(panel)
    page = client.page(f"/cases/{case.reference}")
    assert page.select_one("#record-hearing") is not None
    form = client.page(f"/cases/{case.reference}/hearing")
    data = {
        "csrf_token": form.select_one("input[name=csrf_token]")["value"],
        "held_on": [str(case.received_on.day), str(case.received_on.month), str(case.received_on.year)],
        "panel": "Cllr A (chair), Cllr B, Ms C (independent member)",
        "breached": ["1.1"],
        "sanction": "Formal censure",
        "reasons": "The post was personal abuse of a colleague; a censure is proportionate.",
    }
    assert client.post(f"/cases/{case.reference}/hearing", data={**data, "reasons": ""}).status_code == 400
    assert client.post(f"/cases/{case.reference}/hearing", data=data).status_code == 302
    db.session.expire_all()
    (hearing,) = case.hearings
    assert hearing.findings["1.1"] == "breach" and hearing.sanction == "Formal censure" and hearing.breach_found
    assert "censure" in client.page(f"/cases/{case.reference}").select_one(".app-hearing").text

    sign_in_as(officer)
    note = note_data.current_note(case, NoteKind.ASSESSMENT_NOTE, user=officer).note
    db.session.commit()
    text = squash(pdf_text(note_data.read_note(note)))
    assert squash("Standards panel hearing") in text and squash("Sanction: formal censure") in text
    assert "hearing.recorded" in set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.case_id == case.id)))
    # The case history says each step in words: no action names, ids, hashes or stored values.
    from tests.notes.test_note_content import internal_tokens

    history = client.page(f"/cases/{case.reference}").select_one("ol.app-timeline").get_text(" ")
    assert "Referred to Pat Panel for a standards panel hearing" in history
    assert "Standards panel hearing recorded" in history and "Sanction: formal censure" in history
    assert internal_tokens(history) == [] and "Hearing recorded" not in history and " id" not in history.lower()

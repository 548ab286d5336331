"""Recording the decision and the Independent Person's views through the web, and who may read notes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import normalise_space
from tests.notes.helpers import COMPLAINANT, login, make_case, pdf_text, refer, today
from triage.data import audit
from triage.models.enums import CaseStatus, Outcome


@pytest.fixture
def officer(sign_in):
    return sign_in("monitoring_officer")


@pytest.fixture
def case(app, council, db_session):
    return make_case(app, council, screenshot=False)


def _other(recommendation: Outcome) -> str:
    return "no_further_action" if recommendation != Outcome.NO_FURTHER_ACTION else "investigation"


def _form(client, case):
    page = client.page(f"/cases/{case.reference}/decision")
    return {
        "version": page.select_one("input[name=version]")["value"],
        "assessment_id": page.select_one("input[name=assessment_id]")["value"],
    }


def test_decision_form_shows_the_tool_recommendation_and_the_codes_paragraphs(client, officer, case):
    page = client.page(f"/cases/{case.reference}/decision")
    recommendation = case.latest_assessment.recommendation.value
    assert page.select_one("[data-recommendation]")["data-recommendation"] == recommendation
    boxes = [i["value"] for i in page.select("input[name=paragraphs]")]
    assert boxes[:3] == ["1.1", "1.2", "2.1"]
    assert {i["value"] for i in page.select("input[name=outcome]")} == {o.value for o in Outcome}
    assert page.select_one("textarea[name=override_reason]") is not None


def test_an_override_needs_a_reason_shown_as_a_govuk_error(client, officer, case, db_session):
    other = _other(case.latest_assessment.recommendation)
    data = {**_form(client, case), "outcome": other, "paragraphs": ["1.1"], "reasons": "My reasons."}
    response = client.post(f"/cases/{case.reference}/decision", data=data)
    assert response.status_code == 400
    from bs4 import BeautifulSoup

    page = BeautifulSoup(response.data, "html5lib")
    assert page.title.text.startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert "Enter why your decision differs from the tool's recommendation" in summary.text
    assert summary.select_one("a")["href"] == "#override_reason"
    assert "Enter why your decision differs" in page.select_one("#override_reason-error").text
    assert page.select_one("textarea[name=reasons]").text == "My reasons."  # nothing typed is lost
    db_session.expire_all()
    assert case.decisions == [] and case.status == CaseStatus.RECEIVED


def test_an_override_with_a_reason_is_kept_and_the_case_is_decided(client, officer, case, db_session):
    recommendation = case.latest_assessment.recommendation
    other = _other(recommendation)
    data = {
        **_form(client, case),
        "outcome": other,
        "paragraphs": ["1.1", "5.1"],
        "reasons": "The post is protected political comment.",
        "override_reason": "The tool did not weigh the political context.",
    }
    response = client.post(f"/cases/{case.reference}/decision", data=data)
    assert response.status_code == 302
    db_session.expire_all()
    decision = case.latest_decision
    assert decision.outcome.value == other
    assert decision.tool_recommendation == recommendation
    assert decision.override_reason == "The tool did not weigh the political context."
    assert decision.assessment_id == case.latest_assessment.id
    assert decision.paragraphs == ["1.1", "5.1"]
    assert case.status == CaseStatus.DECIDED and case.decided_on == today()
    actions = [e.action for e in audit.entries_for_case(case.id)]
    assert actions.count("case.status_changed") == 2  # received → initial assessment → decided
    assert "decision.recorded" in actions
    page = client.page(f"/cases/{case.reference}")
    assert "The tool did not weigh the political context." in page.select_one("#override-reason").text


def test_agreeing_with_the_tool_needs_no_override_and_keeps_none(client, officer, case, db_session):
    recommendation = case.latest_assessment.recommendation.value
    data = {
        **_form(client, case),
        "outcome": recommendation,
        "paragraphs": ["1.1"],
        "reasons": "Agreed.",
        "override_reason": "typed by mistake",
    }
    assert client.post(f"/cases/{case.reference}/decision", data=data).status_code == 302
    db_session.expire_all()
    assert case.latest_decision.override_reason == ""
    assert case.latest_decision.agrees_with_tool is True


def test_reasons_and_paragraphs_are_required(client, officer, case):
    data = {**_form(client, case), "outcome": "investigation", "reasons": ""}
    response = client.post(f"/cases/{case.reference}/decision", data=data)
    assert response.status_code == 400
    assert b"Enter the reasons for the decision" in response.data
    data = {**_form(client, case), "outcome": "investigation", "reasons": "R.", "override_reason": "x"}
    response = client.post(f"/cases/{case.reference}/decision", data=data)
    assert b"Select the Code paragraphs the conduct may have breached" in response.data
    data = {**data, "paragraphs": ["99.9"]}
    response = client.post(f"/cases/{case.reference}/decision", data=data)
    assert b"Select paragraphs from the council" in response.data


def test_a_stale_form_is_refused_with_409(client, officer, case, db_session):
    data = {**_form(client, case), "outcome": "no_further_action", "reasons": "R.", "override_reason": "x"}
    case.summary = "changed by someone else"
    db_session.commit()
    response = client.post(f"/cases/{case.reference}/decision", data=data)
    assert response.status_code == 409
    assert b"The case changed since you opened this page" in response.data


def test_a_case_changed_between_reading_and_writing_keeps_the_typed_decision(client, officer, case, monkeypatch):
    """The race the version check cannot see: another officer's answers edit commits after this request read the
    case but before it wrote. The database refuses the stale write; the form comes back (409) with what was typed
    and the case's new version, instead of an error page."""
    from sqlalchemy.orm.exc import StaleDataError

    from triage.services import decisions as decision_service

    def lose_the_race(*args, **kwargs):
        raise StaleDataError("UPDATE statement on table 'case_record' expected to update 1 row(s); 0 were matched.")

    monkeypatch.setattr(decision_service, "record_decision", lose_the_race)
    data = {
        **_form(client, case),
        "outcome": "no_further_action",
        "reasons": "My typed reasons.",
        "override_reason": "x",
    }
    response = client.submit(f"/cases/{case.reference}/decision", data, status=409)
    assert b"Someone changed the case while you were deciding" in response.data
    assert b"My typed reasons." in response.data


def _decide(client, case, outcome, **extra):
    data = {**_form(client, case), "outcome": outcome, "paragraphs": ["1.1"], "reasons": "Reasons.", **extra}
    data.setdefault("override_reason", "Officer's judgement.")
    return client.post(f"/cases/{case.reference}/decision", data=data)


def test_independent_person_must_be_heard_before_deciding_an_investigated_allegation(
    client, officer, case, db_session, make_user
):
    assert _decide(client, case, "investigation").status_code == 302
    db_session.expire_all()
    first_decided_on = case.decided_on
    page = client.page(f"/cases/{case.reference}")
    assert normalise_space(page.select_one("#record-decision").text) == "Decide the investigated allegation"

    response = _decide(client, case, "no_further_action")
    assert response.status_code == 400
    assert b"Record the Independent Person" in response.data and b"s.28(7)(a)" in response.data
    db_session.expire_all()
    assert len(case.decisions) == 1

    # Views at assessment stage do not count: the Act asks for views on the investigated allegation.
    ip = make_user("independent_person", email="ip@testshire.example.gov.uk", name="Jo Independent")
    views = {
        "independent_person": str(ip.id),
        "stage": "assessment",
        "consulted_on": [str(today().day), str(today().month), str(today().year)],
        "views": "Early view.",
    }
    assert client.post(f"/cases/{case.reference}/consultation", data=views).status_code == 302
    assert _decide(client, case, "no_further_action").status_code == 400

    views = {**views, "stage": "post_investigation", "views": "The investigation found no breach; I agree."}
    assert client.post(f"/cases/{case.reference}/consultation", data=views).status_code == 302
    assert _decide(client, case, "no_further_action").status_code == 302
    db_session.expire_all()
    assert [d.outcome for d in case.decisions] == [Outcome.INVESTIGATION, Outcome.NO_FURTHER_ACTION]
    assert case.latest_decision.tool_recommendation is None  # the tool advises on initial assessment only
    assert case.decided_on == first_decided_on  # the initial-assessment clock stopped at the first decision
    assert case.status == CaseStatus.DECIDED
    note = client.get(f"/cases/{case.reference}/notes/assessment-note.pdf")
    text = pdf_text(note.data)
    assert "The investigation found no breach; I agree." in text and "Earlier decision" in text


def test_no_decision_on_a_closed_case(client, officer, case, db_session):
    case.status = CaseStatus.WITHDRAWN
    db_session.commit()
    response = client.get(f"/cases/{case.reference}/decision")
    assert response.status_code == 302


def test_consultation_form_errors(client, officer, case, make_user):
    make_user("independent_person", email="ip@testshire.example.gov.uk", name="Jo Independent")
    response = client.post(f"/cases/{case.reference}/consultation", data={"stage": "assessment", "views": ""})
    assert response.status_code == 400
    for message in (b"Enter the date the Independent Person was consulted", b"Enter the Independent Person"):
        assert message in response.data
    future = {"stage": "assessment", "views": "V", "independent_person_name": "A Person"}
    future["consulted_on"] = ["1", "1", str(today().year + 1)]
    assert b"today or in the past" in client.post(f"/cases/{case.reference}/consultation", data=future).data
    bad = {**future, "consulted_on": ["31", "2", "2026"]}
    assert b"must be a real date" in client.post(f"/cases/{case.reference}/consultation", data=bad).data


def test_officer_can_record_views_of_an_ip_not_on_the_system(client, officer, case, db_session):
    data = {
        "independent_person_name": "Dr Casey External",
        "stage": "assessment",
        "consulted_on": [str(today().day), str(today().month), str(today().year)],
        "views": "Informal resolution would be proportionate.",
    }
    assert client.post(f"/cases/{case.reference}/consultation", data=data).status_code == 302
    db_session.expire_all()
    c = case.consultations[0]
    assert c.independent_person_name == "Dr Casey External" and c.independent_person_id is None
    assert c.recorded_by_id == officer.id
    page = client.page(f"/cases/{case.reference}")
    assert "Informal resolution would be proportionate." in page.select_one("#decision").text


def test_independent_person_records_their_own_views_on_a_referred_case_only(
    client, case, make_user, db_session, app, council
):
    ip = make_user("independent_person", email="ip@testshire.example.gov.uk", name="Jo Independent")
    login(client, ip)
    assert client.get(f"/cases/{case.reference}/consultation").status_code == 404  # not referred
    refer(case, ip)
    page = client.page(f"/cases/{case.reference}/consultation")
    assert page.select_one("select[name=independent_person]") is None
    data = {
        "independent_person_name": "Someone Else",  # ignored: an IP records as themself
        "stage": "assessment",
        "consulted_on": [str(today().day), str(today().month), str(today().year)],
        "views": "My own views.",
    }
    assert client.post(f"/cases/{case.reference}/consultation", data=data).status_code == 302
    db_session.expire_all()
    c = case.consultations[0]
    assert (c.independent_person_id, c.independent_person_name, c.recorded_by_id) == (ip.id, "Jo Independent", ip.id)
    assert client.get(f"/cases/{case.reference}/decision").status_code == 403  # never decides


def _generate_note(client, app, case, officer):
    login(client, officer)
    response = client.post(f"/cases/{case.reference}/notes/assessment-note")
    assert response.status_code == 303
    return response.headers["Location"]


@pytest.mark.parametrize("role", ["independent_person", "panel_member"])
def test_referred_readers_download_stored_notes_read_only(client, app, case, make_user, role, db_session):
    mo = make_user("monitoring_officer", email="mo2@testshire.example.gov.uk")
    location = _generate_note(client, app, case, mo)
    reader = make_user(role, email=f"{role}@testshire.example.gov.uk")
    login(client, reader)
    for url in (location, f"/cases/{case.reference}/notes/assessment-note.pdf", f"/cases/{case.reference}/notes"):
        assert client.get(url).status_code == 404, url  # not referred: the case does not exist for them
    refer(case, reader)
    response = client.get(location)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert COMPLAINANT in pdf_text(response.data)
    assert client.get(f"/cases/{case.reference}/notes/assessment-note.pdf").data == response.data
    page = client.page(f"/cases/{case.reference}/notes")
    assert page.select("form[action$='/notes/assessment-note']") == []  # nothing to generate
    assert len(page.select("#note-versions tbody tr")) == 1
    # read-only: no generation, no decision, no letters
    assert client.post(f"/cases/{case.reference}/notes/assessment-note").status_code == 403
    assert client.get(f"/cases/{case.reference}/decision").status_code == 403
    assert client.get(f"/cases/{case.reference}/notes/letter-to-member.pdf").status_code == 404
    assert client.get(f"/cases/{case.reference}/notes/letter-to-complainant/v1.pdf").status_code == 404
    downloads = [e for e in audit.entries_for_case(case.id) if e.action == "note.downloaded"]
    assert {e.user_id for e in downloads} == {reader.id}


def test_reader_sees_404_until_an_officer_has_produced_the_note(client, case, make_user):
    ip = make_user("independent_person", email="ip@testshire.example.gov.uk")
    refer(case, ip)
    login(client, ip)
    assert client.get(f"/cases/{case.reference}/notes/assessment-note.pdf").status_code == 404
    assert client.page(f"/cases/{case.reference}/notes").select_one("#no-notes") is not None


def test_analysts_and_admins_cannot_read_notes(client, app, case, make_user):
    mo = make_user("monitoring_officer", email="mo2@testshire.example.gov.uk")
    location = _generate_note(client, app, case, mo)
    for role in ("analyst", "admin"):
        login(client, make_user(role))
        assert client.get(location).status_code in (403, 404)
        assert client.get(f"/cases/{case.reference}/notes").status_code in (403, 404)


def test_officer_downloads_current_note_and_letters_from_the_case_page(client, officer, case, db_session):
    page = client.page(f"/cases/{case.reference}")
    section = page.select_one("#decision")
    assert "Record the decision before producing the decision letters." in section.text
    link = section.select_one("#note-links a")["href"]
    first = client.get(link)
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    again = client.get(link)
    assert again.data == first.data  # unchanged case: the stored file
    _decide(client, case, case.latest_assessment.recommendation.value)
    page = client.page(f"/cases/{case.reference}")
    links = [a["href"] for a in page.select("#note-links a")]
    assert len(links) == 3
    versions = page.select("#note-versions tbody tr")
    assert len(versions) == 1
    letter = client.get(f"/cases/{case.reference}/notes/letter-to-member.pdf")
    assert letter.status_code == 200 and "A Code of Conduct complaint about you" in pdf_text(letter.data)
    newer = client.get(link)
    assert newer.data != first.data  # the decision changed the case: a new version
    old = client.get(f"/cases/{case.reference}/notes/assessment-note/v1.pdf")
    assert old.data == first.data
    assert client.get(f"/cases/{case.reference}/notes/assessment-note/v9.pdf").status_code == 404
    assert client.get(f"/cases/{case.reference}/notes/nonsense.pdf").status_code == 404


def test_a_decision_can_be_reviewed_and_the_earlier_one_is_kept_shown_and_audited(client, officer, case):
    from sqlalchemy import select

    from triage.extensions import db
    from triage.models import AuditEntry

    first = _other(case.latest_assessment.recommendation)
    data = {
        **_form(client, case),
        "outcome": first,
        "paragraphs": ["1.1"],
        "reasons": "First view.",
        "override_reason": "The officer's judgement.",
    }
    assert client.post(f"/cases/{case.reference}/decision", data=data).status_code == 302
    page = client.page(f"/cases/{case.reference}")
    review_link = page.select_one("#review-decision")["href"]
    form = client.page(review_link)
    assert form.select_one("#decision-under-review") is not None
    data = {
        "version": form.select_one("input[name=version]")["value"],
        "assessment_id": "",
        "review": "1",
        "outcome": "informal_resolution",
        "paragraphs": ["1.1"],
        "reasons": "On review, the words were personal abuse of a colleague.",
    }
    refused = client.post(f"/cases/{case.reference}/decision", data=data)
    assert refused.status_code == 400
    assert "Enter why the decision is being reviewed" in refused.get_data(as_text=True)
    data["review_reason"] = "The complainant asked for a review under the council's arrangements."
    assert client.post(f"/cases/{case.reference}/decision", data=data).status_code == 302
    db.session.expire_all()
    assert [d.outcome.value for d in case.decisions] == [first, "informal_resolution"]
    page = client.page(f"/cases/{case.reference}")
    assert "asked for a review" in page.select_one("#review-reason").text
    assert "Earlier decisions on this case" in page.select_one("#decision").text
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "decision.recorded").order_by(AuditEntry.id.desc())
    ).first()
    assert entry.after["stage"] == "review" and entry.after["reviews_decision_id"] == case.decisions[0].id


def test_a_decision_made_in_another_tab_first_is_shown_and_this_tabs_typed_reasons_are_kept(client, officer, case):
    from triage.extensions import db

    tab_b = _form(client, case)  # both tabs opened the form at the same version
    tab_a = dict(tab_b)
    first = _other(case.latest_assessment.recommendation)
    data_a = {**tab_a, "outcome": first, "paragraphs": ["1.1"], "reasons": "Tab A's reasons.", "override_reason": "A."}
    assert client.post(f"/cases/{case.reference}/decision", data=data_a).status_code == 302
    typed = "Tab B's careful reasons,\nover two lines."
    data_b = {**tab_b, "outcome": "informal_resolution", "paragraphs": ["1.1"], "reasons": typed}
    response = client.post(f"/cases/{case.reference}/decision", data=data_b)
    assert response.status_code == 409
    page = BeautifulSoup(response.data, "html5lib")
    assert "Tab A's reasons." in page.select_one("#decision-that-won").text
    assert "Tab B's careful reasons" in page.select_one("#your-decision").text
    carried = {i["name"]: i["value"] for i in page.select("form input[type=hidden]") if i["name"] != "paragraphs"}
    carried["paragraphs"] = ["1.1"]
    review = client.post(f"/cases/{case.reference}/decision", data=carried)
    assert review.status_code == 200
    form = BeautifulSoup(review.data, "html5lib")
    assert form.select_one("textarea[name=reasons]").text.replace("\r\n", "\n") == typed
    assert form.select_one("#decision-under-review") is not None
    db.session.expire_all()
    assert len(case.decisions) == 1  # nothing recorded until the officer submits the review

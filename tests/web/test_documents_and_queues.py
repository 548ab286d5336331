"""Correspondence and documents on a case, and each role's work queue: every count on the home page is a link to a
list with exactly that many cases."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from tests.conftest import TEST_PASSWORD, normalise_space
from tests.notes.helpers import make_case
from triage.data import audit


@pytest.fixture
def officer(sign_in):
    return sign_in("monitoring_officer")


@pytest.fixture
def case(app, council, db_session):
    return make_case(app, council, screenshot=False)


def _pdf(*, javascript: bool = False, attachment: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1);")}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attachment:
        writer.add_attachment("payload.txt", b"not for you")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add(client, case, *, kind, upload=None, summary="", direction="received", day=None):
    page = client.page(f"/cases/{case.reference}/documents/new")
    day = day or date.today()
    data = {
        "csrf_token": page.select_one("input[name=csrf_token]")["value"],
        "kind": kind,
        "direction": direction,
        "occurred_on": [str(day.day), str(day.month), str(day.year)],
        "correspondent": "The member",
        "summary": summary,
    }
    if upload is not None:
        data["upload"] = upload
    return client.post(f"/cases/{case.reference}/documents/new", data=data, content_type="multipart/form-data")


def test_an_officer_uploads_a_safe_pdf_and_logs_a_call_and_both_are_listed_and_audited(client, officer, case):
    response = _add(
        client, case, kind="investigation_report", upload=(io.BytesIO(_pdf()), "report.pdf", "application/pdf")
    )
    assert response.status_code == 302, response.text
    assert _add(client, case, kind="call", summary="Member called: will reply by Friday.").status_code == 302
    page = client.page(f"/cases/{case.reference}")
    rows = [normalise_space(tr.text) for tr in page.select("#documents-table tbody tr")]
    assert len(rows) == 2
    assert any("Investigator's report (received)" in r for r in rows)
    assert any("Telephone call" in r and "will reply by Friday" in r for r in rows)
    link = page.select_one("#documents-table a[href*='/documents/']")["href"]
    download = client.get(link)
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    actions = [e.action for e in audit.entries_for_case(case.id)]
    assert actions.count("document.added") == 2 and "document.downloaded" in actions
    timeline = normalise_space(client.page(f"/cases/{case.reference}").select_one("main").text)
    assert "Added to correspondence and documents: Investigator's report (received)" in timeline
    stored = [e.after["sha256"] for e in audit.entries_for_case(case.id) if e.action == "document.added"]
    assert stored[0] and stored[0] not in timeline  # the file's hash never reaches the page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        ((io.BytesIO(_pdf(javascript=True)), "x.pdf", "application/pdf"), "contains scripts, attachments or actions"),
        ((io.BytesIO(_pdf(attachment=True)), "x.pdf", "application/pdf"), "contains scripts, attachments or actions"),
        ((io.BytesIO(b"%PDF-1.7\nnot really a pdf"), "x.pdf", "application/pdf"), "could not be read as a PDF"),
        ((io.BytesIO(b"MZ\x90\x00 an executable"), "report.pdf", "application/pdf"), "must be a PDF, PNG, JPEG"),
    ],
)
def test_unsafe_or_unreadable_files_are_refused_with_a_clear_error_and_nothing_is_stored(
    client, officer, case, db_session, upload, message
):
    response = _add(client, case, kind="member_response", upload=upload)
    assert response.status_code == 400
    assert message in response.text
    assert "govuk-error-summary" in response.text
    db_session.refresh(case)
    assert case.documents == []


def test_a_document_needs_its_file_and_a_call_needs_a_summary(client, officer, case):
    assert "Select the file of the investigator" in _add(client, case, kind="investigation_report").text
    assert "Enter a summary, or select a file" in _add(client, case, kind="call").text


def test_an_image_is_accepted_through_the_screenshot_checks(client, officer, case):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    out.seek(0)
    assert _add(client, case, kind="letter", upload=(out, "letter.png", "image/png")).status_code == 302


def test_a_referred_independent_person_reads_the_report_but_not_the_complaint_form(client, officer, case, make_user):
    _add(client, case, kind="investigation_report", upload=(io.BytesIO(_pdf()), "report.pdf", "application/pdf"))
    _add(client, case, kind="complaint_form", upload=(io.BytesIO(_pdf()), "form.pdf", "application/pdf"))
    ip = make_user("independent_person", email="ip-docs@example.gov.uk", name="Indira Person")
    form = client.page(f"/cases/{case.reference}/referrals")
    client.post(
        f"/cases/{case.reference}/referrals",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "purpose": "consultation",
            "people": [str(ip.id)],
            "message": "Your views, please.",
        },
    )
    officer_links = [a["href"] for a in client.page(f"/cases/{case.reference}").select("#documents-table a")]
    assert len(officer_links) == 2
    client.post("/sign-out")
    assert client.post("/sign-in", data={"email": ip.email, "password": TEST_PASSWORD}).status_code == 302
    page = client.page(f"/cases/{case.reference}")
    rows = [normalise_space(tr.text) for tr in page.select("#documents-table tbody tr")]
    assert len(rows) == 1 and "Investigator's report" in rows[0]
    assert page.select_one("#add-document") is None
    allowed = page.select_one("#documents-table a")["href"]
    assert client.get(allowed).status_code == 200
    hidden = [h for h in officer_links if h != allowed][0]
    assert client.get(hidden).status_code == 404
    assert client.get(f"/cases/{case.reference}/documents/new").status_code == 403


def test_every_work_queue_count_links_to_a_list_of_exactly_that_many_cases(app, client, officer, council):
    for _ in range(3):
        make_case(app, council, screenshot=False, assess=False)
    scored = make_case(app, council, screenshot=False)
    page = client.page(f"/cases/{scored.reference}/status")
    client.post(
        f"/cases/{scored.reference}/status",
        data={
            "version": page.select_one("input[name=version]")["value"],
            "status": "paused",
            "reason": "Police enquiry.",
        },
    )
    home = client.page("/")
    counts = {}
    for dd in home.select("#work-queue dd[data-queue]"):
        link = dd.select_one("a")
        counts[dd["data-queue"]] = int(link.contents[0].strip())
        if dd["data-queue"] == "drafts":
            continue
        listing = client.page(link["href"])
        shown = len(listing.select("#cases tbody tr"))
        assert shown == counts[dd["data-queue"]], dd["data-queue"]
    assert counts["unscored"] == 3
    assert counts["paused"] == 1


def test_the_case_list_sorts_by_the_tools_recommendation_most_serious_first(app, client, officer, council):
    make_case(app, council, screenshot=False, text="Thank you to everyone who came to the fete on Saturday.")
    make_case(app, council, screenshot=False, text="A can of petrol, Saturday 7pm, at the hotel. Burn them out.")
    make_case(app, council, screenshot=False, assess=False)
    page = client.page("/cases/?sort=recommendation")
    order = [td["data-tool"] for td in page.select("#cases td[data-tool]")]
    seriousness = ["police_referral", "investigation", "informal_resolution", "no_further_action", ""]
    assert order == sorted(order, key=seriousness.index)
    assert order[-1] == ""  # unscored last
    assert page.select_one("#f-sort option[selected]")["value"] == "recommendation"


def test_independent_persons_and_panel_members_see_what_they_owe(app, client, council, make_user, db_session):
    """Views due: referred for views and not yet given since the referral. A hearing to record: referred for a
    hearing and none recorded since. Each count links to exactly those cases."""
    from datetime import timedelta

    from triage.models import CaseReferral, Consultation, Hearing
    from triage.models.base import utcnow

    ip = make_user("independent_person", email="owed-ip@example.gov.uk", name="Owen IP")
    panel = make_user("panel_member", email="owed-panel@example.gov.uk", name="Pia Panel")
    cases = [make_case(app, council, screenshot=False, assess=False) for _ in range(3)]
    earlier = utcnow() - timedelta(days=2)
    for case in cases:
        db_session.add(CaseReferral(case_id=case.id, user_id=ip.id, purpose="consultation", referred_at=earlier))
    db_session.add(CaseReferral(case_id=cases[0].id, user_id=panel.id, purpose="hearing", referred_at=earlier))
    db_session.add(CaseReferral(case_id=cases[1].id, user_id=panel.id, purpose="hearing", referred_at=earlier))
    # Views given on case 0 after the referral; views on case 1 given before it (they are owed again).
    db_session.add(
        Consultation(
            case_id=cases[0].id,
            independent_person_id=ip.id,
            independent_person_name=ip.name,
            stage="assessment",
            consulted_on=date.today(),
            views="Fine.",
            recorded_by_id=ip.id,
            recorded_at=utcnow(),
        )
    )
    db_session.add(
        Consultation(
            case_id=cases[1].id,
            independent_person_id=ip.id,
            independent_person_name=ip.name,
            stage="assessment",
            consulted_on=date.today() - timedelta(days=3),
            views="Earlier.",
            recorded_by_id=ip.id,
            recorded_at=earlier - timedelta(days=1),
        )
    )
    db_session.add(
        Hearing(
            case_id=cases[0].id, held_on=date.today(), panel="Three", findings={}, reasons="x", recorded_at=utcnow()
        )
    )
    db_session.commit()

    def owed(user, key):
        client.post("/sign-out")
        assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
        home = client.page("/")
        link = home.select_one(f'#work-queue dd[data-queue="{key}"] a')
        listing = client.page(link["href"])
        shown = sorted(tr["data-reference"] for tr in listing.select("#cases tbody tr[data-reference]"))
        assert int(link.contents[0].strip()) == len(shown)
        return shown

    assert owed(ip, "views_due") == sorted([cases[1].reference, cases[2].reference])
    assert owed(panel, "hearing_due") == [cases[1].reference]
    # The officer's "awaiting the Independent Person" is the same set: views given on one case never clear another.
    officer = make_user("monitoring_officer", email="owed-mo@example.gov.uk")
    assert owed(officer, "awaiting_ip") == sorted([cases[1].reference, cases[2].reference])

"""Publishing a decision notice: the officer confirms what to remove and whether to name the member; the approved
web page and PDF carry none of the removed text (checked by extraction), and never the complainant."""

from __future__ import annotations

from sqlalchemy import select

from tests.notes.helpers import pdf_text, squash
from tests.web.test_cases import case_file
from triage.data.cases import create_case_from_file
from triage.extensions import db
from triage.models import AuditEntry

POST = (
    "Pat Complainant lives at 12 Mill Road, HD1 4XY, ring 07700 900123. Cllr Robin Example says: my neighbour "
    "Jamie Doe's boy is a thug."
)


def decided_case(council, officer):
    from triage.services.decisions import record_decision

    data = case_file()
    data["posts"][0]["text"] = POST
    case = create_case_from_file(council, data)
    db.session.flush()
    record_decision(
        case,
        outcome="informal_resolution",
        paragraphs=["1.1"],
        reasons="The member named Jamie Doe's child in public. An apology to Pat Complainant is proportionate.",
        override_reason="",
        user=officer,
    )
    db.session.commit()
    return case


def test_an_officer_publishes_a_redacted_notice_as_a_page_and_a_pdf(client, sign_in, council):
    officer = sign_in("monitoring_officer")
    case = decided_case(council, officer)
    page = client.page(f"/cases/{case.reference}")
    assert page.select_one("#publish-link") is not None
    form = client.page(f"/cases/{case.reference}/publication")
    offered = {i["value"] for i in form.select("input[name=remove]")}
    assert {"Pat Complainant", "12 Mill Road", "HD1 4XY", "07700 900123", "Robin Example"} <= offered
    preview = form.select_one("[data-preview]").get_text(" ")
    assert "Pat Complainant" not in preview and "Robin Example" not in preview

    response = client.post(
        f"/cases/{case.reference}/publication",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "remove": sorted(offered),
            "other": "Jamie Doe\nboy",
            "name_member": "no",
            "submit": "Approve for publication",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    (row,) = case.publications
    html = client.get(f"/cases/{case.reference}/publication/v1.html")
    pdf = client.get(f"/cases/{case.reference}/publication/v1.pdf")
    assert html.status_code == pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    for text in (html.get_data(as_text=True), pdf_text(pdf.data)):
        flat = squash(text)
        for gone in ("Pat Complainant", "Complainant", "Mill Road", "HD1 4XY", "07700", "Jamie Doe", "Robin Example"):
            assert squash(gone) not in flat, gone
        assert squash("Informal resolution") in flat, text[:3000]
        assert squash(f"member of {council.name}") in flat or squash(f"councillor of {council.name}") in flat
    history = client.page(f"/cases/{case.reference}").select_one("ol.app-timeline").get_text(" ")
    assert "Decision notice approved for publication (version 1)" in history
    assert row.sha256 not in history and "Sha256" not in history
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "publication.approved")).one()
    assert entry.after["version"] == 1 and entry.after["name_member"] is False


def test_the_member_is_named_only_when_the_officer_chooses(client, sign_in, council):
    officer = sign_in("monitoring_officer")
    case = decided_case(council, officer)
    form = client.page(f"/cases/{case.reference}/publication")
    client.post(
        f"/cases/{case.reference}/publication",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "name_member": "yes",
            "submit": "Approve for publication",
        },
    )
    html = client.get(f"/cases/{case.reference}/publication/v1.html").get_data(as_text=True)
    assert "Robin Example" in html and "Pat Complainant" not in html  # the complainant never


def test_nothing_is_published_before_a_decision_and_others_cannot_publish(client, sign_in, council, make_user):
    from tests.web.test_cases import case_file as file_for

    sign_in("monitoring_officer")
    case = create_case_from_file(council, file_for())
    db.session.commit()
    response = client.get(f"/cases/{case.reference}/publication")
    assert response.status_code == 302
    client.post("/sign-out")
    sign_in("analyst", email="analyst@example.gov.uk")
    assert client.get(f"/cases/{case.reference}/publication").status_code in {403, 404}


def test_the_councils_publication_policy_sets_the_default_and_the_footer(client, sign_in, council, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLICATION_NAME_MEMBER_DEFAULT", True)
    monkeypatch.setitem(app.config, "PUBLICATION_POLICY_TEXT", "Testshire publishes every decision for a year.")
    officer = sign_in("monitoring_officer")
    case = decided_case(council, officer)
    form = client.page(f"/cases/{case.reference}/publication")
    assert form.select_one("input[name=name_member][value=yes]").has_attr("checked")
    client.post(
        f"/cases/{case.reference}/publication",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "name_member": "yes",
            "submit": "Approve for publication",
        },
    )
    html = client.get(f"/cases/{case.reference}/publication/v1.html").get_data(as_text=True)
    assert "Testshire publishes every decision for a year." in html

"""Publishing a decision notice: the officer confirms what to remove and whether to name the member; the approved
web page and PDF carry none of the removed text (checked by extraction), and never the complainant."""

from __future__ import annotations

import json

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
    monkeypatch.setitem(app.config, "PUBLICATION_NAMING", "always")
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


def _hearing(case, officer, *, breached):
    from datetime import date

    from triage.services.hearings import record_hearing

    record_hearing(
        case,
        by=officer,
        held_on=date.today(),
        panel="Cllr A (chair), Cllr B, Ms C (Independent Person present)",
        breached=breached,
        sanction="Formal censure" if breached else "",
        sanctions=["Formal censure"],
        reasons="The panel found the remark about Jamie Doe's child went far beyond political comment.",
    )
    db.session.commit()


def test_by_default_the_member_is_named_only_where_a_panel_found_a_breach(client, sign_in, council):
    officer = sign_in("monitoring_officer")
    case = decided_case(council, officer)
    form = client.page(f"/cases/{case.reference}/publication")
    assert form.select_one("input[name=name_member][value=no]").has_attr("checked")
    assert "only where a standards panel found a breach, and none has" in form.get_text()

    _hearing(case, officer, breached=["1.1"])
    form = client.page(f"/cases/{case.reference}/publication")
    assert form.select_one("input[name=name_member][value=yes]").has_attr("checked")
    assert "The panel found one on" in form.get_text()
    client.post(
        f"/cases/{case.reference}/publication",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "name_member": "yes",
            "remove": [c["value"] for c in form.select("input[name=remove][checked]")],
            "other": "Jamie Doe",  # a third party the tool cannot know: the officer adds them
            "submit": "Approve for publication",
        },
    )
    html = client.get(f"/cases/{case.reference}/publication/v1.html").get_data(as_text=True)
    assert case.member_name in html  # named, as the policy says, where a breach was found
    assert "The hearing" in html and "a breach was found" in html and "Sanction: Formal censure" in html
    assert "Jamie Doe" not in html  # the panel's reasons are redacted like everything else
    pdf = pdf_text(client.get(f"/cases/{case.reference}/publication/v1.pdf").get_data())
    assert squash("a breach was found") in squash(pdf)
    assert "Pat Complainant" not in pdf


def test_a_hearing_that_found_no_breach_leaves_the_member_unnamed_by_default(client, sign_in, council):
    officer = sign_in("monitoring_officer")
    case = decided_case(council, officer)
    _hearing(case, officer, breached=[])
    form = client.page(f"/cases/{case.reference}/publication")
    assert form.select_one("input[name=name_member][value=no]").has_attr("checked")


def test_the_naming_policy_setting_is_read_strictly():
    import pytest

    from triage.config import _naming

    assert _naming(None) == "breach_found" and _naming("") == "breach_found"
    assert _naming("always") == "always" and _naming("yes") == "always"
    assert _naming("never") == "never" and _naming("off") == "never"
    assert _naming("breach-found") == "breach_found"
    with pytest.raises(ValueError, match="TRIAGE_PUBLICATION_NAME_MEMBER"):
        _naming("sometimes")


def test_letters_and_anonymised_exports_remove_what_the_officer_confirmed_for_publication(client, sign_in, council):
    """The phrases the officer confirmed apply wherever the case leaves the council: the letters (which still name
    the two people they are between) and anonymised exports."""
    from triage.data import notes as note_data
    from triage.data.cases import case_to_file

    officer = sign_in("monitoring_officer")
    case = decided_case(council, officer)
    before = note_data.current_note(case, "letter_to_member", user=officer).note
    db.session.commit()
    assert squash("Jamie Doe") in squash(pdf_text(note_data.read_note(before)))

    form = client.page(f"/cases/{case.reference}/publication")
    client.post(
        f"/cases/{case.reference}/publication",
        data={
            "csrf_token": form.select_one("input[name=csrf_token]")["value"],
            "remove": [i["value"] for i in form.select("input[name=remove]")],
            "other": "Jamie Doe",
            "name_member": "no",
            "submit": "Approve for publication",
        },
    )
    db.session.expire_all()
    assert "Jamie Doe" in case.confirmed_removals and "Pat Complainant" in case.confirmed_removals

    for kind in ("letter_to_member", "letter_to_complainant"):
        current = note_data.current_note(case, kind, user=officer)
        db.session.commit()
        assert current.created  # the approval made the earlier letter out of date
        text = squash(pdf_text(note_data.read_note(current.note)))
        for gone in ("Jamie Doe", "12 Mill Road", "HD1 4XY", "07700 900123"):
            assert squash(gone) not in text, (kind, gone)
        assert squash("Pat Complainant") in text and squash("Robin Example") in text  # the parties stay named
        assert squash("have been removed from this letter") in text

    note = note_data.current_note(case, "assessment_note", user=officer)
    db.session.commit()
    text = squash(pdf_text(note_data.read_note(note.note)))
    assert squash("Jamie Doe") not in text and squash("12 Mill Road") not in text
    assert squash("removed here too and shown in square brackets") in text

    export = json.dumps(case_to_file(case, include_complainant=False, include_member_name=False))
    assert "Jamie Doe" not in export and "Mill Road" not in export
    assert "Jamie Doe" in json.dumps(case_to_file(case))  # the full record for the council keeps every word

"""Case list and case page: what each role sees, the officer actions, the audit trail and concurrent edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from tests.conftest import TEST_PASSWORD, normalise_space
from triage import sources

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> Cllr Smith is a disgrace'


def case_file(**overrides) -> dict:
    data = {
        "jurisdiction": "england",
        "code": "lga-model-2020",
        "received_on": date.today().isoformat(),
        "complainant": {
            "kind": "member_of_public",
            "name": "Pat Complainant",
            "email": "pat@example.org",
            "confidentiality_requested": False,
        },
        "subject_member": {
            "name": "Cllr Robin Example",
            "party": "Independent",
            "role": "cabinet_member",
            "in_office_at_time": "yes",
        },
        "posts": [
            {
                "text": "Cllr Robin Example here. The planning officer is a liar and should be sacked.",
                "platform": "facebook",
                "url": "https://facebook.example/posts/1",
                "posted_on": (date.today() - timedelta(days=3)).isoformat(),
                "account_kind": "councillor_account",
                "visibility": "public",
                "interaction": "original_post",
                "removed": "no",
            }
        ],
        "answers": {"about_individual": "yes", "target": "officer"},
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_case(db_session, council):
    from triage.data.cases import create_case_from_file

    def _make(officer=None, **overrides):
        case = create_case_from_file(council, case_file(**overrides), officer=officer)
        db_session.commit()
        return case

    return _make


@pytest.fixture
def sign_in_as(client):
    """Sign the client in as an existing user (switching users in one test)."""

    def _sign_in_as(user):
        client.post("/sign-out")
        response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302
        return user

    return _sign_in_as


def png_bytes(colour=(200, 30, 30)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def add_screenshot(db_session, app, case, data: bytes | None = None, content_type: str = "image/png"):
    """Store a screenshot where the case pages look for it, and its row."""
    import hashlib
    from pathlib import Path

    from triage.models import Screenshot

    data = png_bytes() if data is None else data
    sha = hashlib.sha256(data).hexdigest()
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(content_type, "png")
    folder = Path(app.config["UPLOAD_FOLDER"]) / "screenshots"  # the storage layout of triage.files
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{sha}.{extension}").write_bytes(data)
    shot = Screenshot(
        post_id=case.posts[0].id,
        sha256=sha,
        content_type=content_type,
        width=40,
        height=20,
        size_bytes=len(data),
        original_filename="evidence.png",
    )
    db_session.add(shot)
    db_session.commit()
    return shot


def summary_value(page: BeautifulSoup, row: str) -> str:
    return normalise_space(page.select_one(f"#case-summary [data-row={row}] dd").text)


# --- the list ---------------------------------------------------------------------------------------------------


def test_officer_sees_the_case_list_with_status_clock_and_assignee(client, sign_in, make_case):
    officer = sign_in("monitoring_officer")
    case = make_case(officer=officer)
    page = client.page("/cases/")
    assert normalise_space(page.select_one("h1").text) == "Cases"
    row = page.select_one(f"tr[data-reference='{case.reference}']")
    assert row.select_one("a")["href"] == f"/cases/{case.reference}"
    assert normalise_space(row.select_one("td[data-member]").text).startswith("Cllr Robin Example")
    assert row.select_one(".govuk-tag")["data-status"] == "received"
    assert normalise_space(row.select_one("td[data-tool]").text) == "Not scored"
    assert normalise_space(row.select_one("td[data-clock]").text) == "0 of 20"
    assert normalise_space(row.select_one("td[data-assigned]").text) == officer.name
    nav = [normalise_space(a.text) for a in page.select(".govuk-service-navigation__link")]
    assert "Cases" in nav


def test_case_page_shows_the_summary(client, sign_in, make_case):
    officer = sign_in("monitoring_officer")
    case = make_case(officer=officer, received_via="email")
    page = client.page(f"/cases/{case.reference}")
    assert normalise_space(page.select_one("h1").text) == f"Case {case.reference}"
    assert summary_value(page, "reference") == case.reference
    assert summary_value(page, "status") == "Received"
    assert "Pat Complainant" in summary_value(page, "complainant")
    assert summary_value(page, "member").startswith("Cllr Robin Example Cabinet member, Independent")
    assert summary_value(page, "in_office") == "Yes"
    assert summary_value(page, "code").startswith("England:")
    assert summary_value(page, "assigned") == officer.name
    assert summary_value(page, "clock").startswith("0 of 20 working days")


def test_list_filters_are_carried_in_the_url(client, sign_in, make_user, make_case):
    officer = sign_in("monitoring_officer")
    other = make_user("deputy_monitoring_officer", name="Dee Deputy")
    mine = make_case(officer=officer)
    theirs = make_case(officer=other, subject_member={"name": "Cllr Other Person", "role": "councillor"})
    unassigned = make_case(subject_member={"name": "Cllr Nobody Yet", "role": "councillor"})
    old = make_case(received_on=(date.today() - timedelta(days=90)).isoformat())

    def refs(url):
        return {tr["data-reference"] for tr in client.page(url).select("tr[data-reference]")}

    assert refs("/cases/") == {mine.reference, theirs.reference, unassigned.reference, old.reference}
    assert refs("/cases/?assigned=me") == {mine.reference}
    assert refs("/cases/?assigned=unassigned") == {unassigned.reference, old.reference}
    assert refs("/cases/?q=other+person") == {theirs.reference}
    assert refs(f"/cases/?q={mine.reference.lower()}") == {mine.reference}
    assert refs("/cases/?overdue=1") == {old.reference}
    assert refs("/cases/?status=closed") == set()

    page = client.page("/cases/?overdue=1&assigned=unassigned&status=received")
    assert page.select_one("#f-overdue").has_attr("checked")
    assert page.select_one("#f-assigned option[selected]")["value"] == "unassigned"
    assert page.select_one("#f-status option[selected]")["value"] == "received"
    row = page.select_one(f"tr[data-reference='{old.reference}']")
    assert row.select_one("td[data-clock]")["data-overdue"] == "yes"
    assert "Overdue" in normalise_space(row.text)
    assert "Clear all filters" in [a.text for a in page.select("main a[href='/cases/']")]


def test_one_case_list_the_old_history_address_keeps_its_filters(client, sign_in, make_case):
    sign_in("analyst")
    response = client.get("/history/?outcome=investigation&sort=oldest")
    assert response.status_code == 301
    assert response.headers["Location"] == "/cases/?outcome=investigation&sort=oldest"


def test_the_officers_worklists_are_preset_filters_matching_the_home_page(client, sign_in, make_case):
    officer = sign_in("monitoring_officer")
    make_case(officer=officer)
    make_case()
    page = client.page("/cases/")
    presets = {a["data-preset"]: a for a in page.select("#presets a[data-preset]")}
    home = client.page("/")
    queued = {dd["data-queue"]: dd.select_one("a")["href"] for dd in home.select("#work-queue dd[data-queue]")}
    for key, link in presets.items():
        assert queued[key] == link["href"], key  # the same list from the home page and the case list
    mine = client.page(presets["mine"]["href"])
    assert mine.select_one("#presets a[aria-current=page]")["data-preset"] == "mine"
    assert len(mine.select("tr[data-reference]")) == 1


def test_assigned_to_me_is_each_officers_own_list(client, sign_in_as, make_user, make_case):
    """The list is cached for everyone who sees the same cases; "assigned to me" must never be shared."""
    first = make_user("monitoring_officer", email="first.mo@example.gov.uk", name="First Officer")
    second = make_user("deputy_monitoring_officer", email="second.mo@example.gov.uk", name="Second Officer")
    ones = make_case(officer=first)
    twos = make_case(officer=second)

    def mine(user):
        sign_in_as(user)
        return [tr["data-reference"] for tr in client.page("/cases/?assigned=me").select("tr[data-reference]")]

    assert mine(first) == [ones.reference]
    assert mine(second) == [twos.reference]


def test_a_reference_is_found_as_typed_not_read_as_words_to_leave_out(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case()
    make_case(subject_member={"name": "Cllr Someone Else", "role": "councillor"})
    found = client.page(f"/cases/?q={case.reference}")
    assert [tr["data-reference"] for tr in found.select("tr[data-reference]")] == [case.reference]


def test_list_is_paginated_and_pages_keep_the_filters(client, sign_in, make_case):
    sign_in("monitoring_officer")
    for _ in range(27):
        make_case()
    page = client.page("/cases/?status=received")
    assert len(page.select("tr[data-reference]")) == 25
    assert "Showing 1 to 25 of 27 cases" in normalise_space(page.select_one("#case-count").text)
    next_link = page.select_one(".govuk-pagination__next a")["href"]
    assert next_link == "/cases/?status=received&page=2"
    second = client.page(next_link)
    assert len(second.select("tr[data-reference]")) == 2
    assert second.select_one(".govuk-pagination__prev a")["href"] == "/cases/?status=received"


def test_case_list_and_pages_need_a_case_role(client, sign_in, make_case):
    case = make_case()
    sign_in("admin")
    assert client.get("/cases/").status_code == 403
    assert client.get(f"/cases/{case.reference}").status_code == 403
    nav = [normalise_space(a.text) for a in client.page("/").select(".govuk-service-navigation__link")]
    assert "Cases" not in nav


def test_unknown_case_is_not_found(client, sign_in):
    sign_in("monitoring_officer")
    client.page("/cases/SC-2099-9999", status=404)


# --- who sees what ----------------------------------------------------------------------------------------------


def refer(db_session, case, user):
    from triage.models import CaseReferral

    db_session.add(CaseReferral(case_id=case.id, user_id=user.id))
    db_session.commit()


@pytest.mark.parametrize("role", ["panel_member", "independent_person"])
def test_panel_members_and_independent_persons_see_only_referred_cases(client, sign_in, make_case, db_session, role):
    referred, other = make_case(), make_case()
    user = sign_in(role)
    refer(db_session, referred, user)
    page = client.page("/cases/")
    assert [tr["data-reference"] for tr in page.select("tr[data-reference]")] == [referred.reference]
    assert "referred to you" in page.select_one("main").text
    case_page = client.page(f"/cases/{referred.reference}")
    assert "Pat Complainant" in summary_value(case_page, "complainant")
    assert case_page.select_one(".app-case-actions") is None
    client.page(f"/cases/{other.reference}", status=404)
    assert client.get(f"/cases/{referred.reference}/answers").status_code == 403
    assert client.post(f"/cases/{referred.reference}/assessments").status_code == 403


def test_referred_independent_person_does_not_see_a_confidential_complainant(client, sign_in, make_case, db_session):
    case = make_case(
        complainant={
            "kind": "officer",
            "name": "Secret Sam",
            "email": "sam@example.org",
            "confidentiality_requested": True,
        }
    )
    user = sign_in("independent_person")
    refer(db_session, case, user)
    page = client.page(f"/cases/{case.reference}")
    assert "Secret Sam" not in page.text
    assert "sam@example.org" not in page.text
    assert "asked for confidentiality" in summary_value(page, "complainant")


def test_analysts_see_cases_but_not_the_complainant_and_cannot_act(client, sign_in, make_case):
    case = make_case()
    sign_in("analyst")
    assert [tr["data-reference"] for tr in client.page("/cases/").select("tr[data-reference]")] == [case.reference]
    page = client.page(f"/cases/{case.reference}")
    assert "Pat Complainant" not in page.text
    assert "pat@example.org" not in page.text
    assert page.select_one("[data-complainant=withheld]") is not None
    assert "Member of the public" in summary_value(page, "complainant")
    assert page.select_one(".app-case-actions") is None
    assert page.select_one("form[action$='/assessments']") is None
    for url in ("status", "assign", "answers", "conflict"):
        assert client.get(f"/cases/{case.reference}/{url}").status_code == 403
    assert client.post(f"/cases/{case.reference}/status", data={"status": "withdrawn"}).status_code == 403


def test_declaring_a_conflict_removes_the_case_everywhere_for_that_officer(
    client, sign_in, sign_in_as, make_user, make_case, db_session
):
    officer = sign_in("monitoring_officer")
    case = make_case(officer=officer)
    shot = add_screenshot(db_session, client.application, case)
    page = client.page(f"/cases/{case.reference}/conflict")
    assert "no longer be able to see or act on this case" in page.text

    response = client.post(
        f"/cases/{case.reference}/conflict", data={"version": case.version, "reason": "The complainant is my neighbour"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/cases/"
    listing = client.page("/cases/")
    assert "You declared a conflict of interest" in listing.text
    assert listing.select("tr[data-reference]") == []
    for url in ("", "/status", "/assign", "/answers", "/conflict", f"/screenshots/{shot.id}"):
        assert client.get(f"/cases/{case.reference}{url}").status_code == 404, url
    assert client.post(f"/cases/{case.reference}/assessments").status_code == 404
    assert client.post(f"/cases/{case.reference}/status", data={"status": "withdrawn"}).status_code == 404

    db_session.refresh(case)
    assert case.assigned_officer_id is None

    deputy = make_user("deputy_monitoring_officer", name="Dee Deputy")
    sign_in_as(deputy)
    page = client.page(f"/cases/{case.reference}")
    assert summary_value(page, "assigned") == "Nobody yet"
    titles = [normalise_space(h.text) for h in page.select(".app-timeline__title")]
    assert f"{officer.name} declared a conflict of interest and can no longer see this case" in titles
    assert "The complainant is my neighbour" in page.select_one(".app-timeline").text
    options = [o.text for o in client.page(f"/cases/{case.reference}/assign").select("#officer option")]
    assert not any(officer.name in o for o in options)
    assert any("Dee Deputy" in o for o in options)


def test_declaring_a_conflict_needs_a_reason(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case()
    response = client.post(f"/cases/{case.reference}/conflict", data={"version": case.version, "reason": " "})
    page = BeautifulSoup(response.data, "html5lib")
    assert response.status_code == 200
    assert page.title.text.startswith("Error: ")
    assert "Enter why you have a conflict of interest" in page.select_one(".govuk-error-summary").text


# --- screenshots ----------------------------------------------------------------------------------------------------


def test_screenshot_is_streamed_inline_with_safe_headers(client, sign_in, make_case, db_session):
    sign_in("monitoring_officer")
    case = make_case()
    shot = add_screenshot(db_session, client.application, case)
    page = client.page(f"/cases/{case.reference}")
    img = page.select_one("#post-1 img.app-screenshot")
    assert img["src"] == f"/cases/{case.reference}/screenshots/{shot.id}"
    assert img["alt"] == "Screenshot 1 of post 1"
    response = client.get(img["src"])
    assert response.status_code == 200
    assert response.data == png_bytes()
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "no-store" in response.headers["Cache-Control"]


def test_screenshot_of_another_case_or_missing_file_is_not_found(client, sign_in, make_case, db_session):
    sign_in("monitoring_officer")
    case, other = make_case(), make_case()
    shot = add_screenshot(db_session, client.application, other)
    assert client.get(f"/cases/{case.reference}/screenshots/{shot.id}").status_code == 404
    assert client.get(f"/cases/{case.reference}/screenshots/999999").status_code == 404
    from triage.models import Screenshot

    ghost = Screenshot(
        post_id=case.posts[0].id, sha256="f" * 64, content_type="image/png", width=1, height=1, size_bytes=1
    )
    db_session.add(ghost)
    db_session.commit()
    assert client.get(f"/cases/{case.reference}/screenshots/{ghost.id}").status_code == 404


def test_screenshot_for_an_unreferred_panel_member_is_not_found(client, sign_in, make_case, db_session):
    case = make_case()
    shot = add_screenshot(db_session, client.application, case)
    sign_in("panel_member")
    assert client.get(f"/cases/{case.reference}/screenshots/{shot.id}").status_code == 404


# --- posts ----------------------------------------------------------------------------------------------------------


def test_hostile_post_text_is_shown_as_text_not_run(client, sign_in, make_case):
    sign_in("monitoring_officer")
    hostile_post = dict(case_file()["posts"][0], text=HOSTILE, url="javascript:alert(1)")
    case = make_case(posts=[hostile_post])
    response = client.get(f"/cases/{case.reference}")
    assert b'<script>alert("x")</script>' not in response.data
    assert b"<img src=x" not in response.data
    assert b"&lt;script&gt;" in response.data
    page = BeautifulSoup(response.data, "html5lib")
    assert page.select_one("#post-1 [data-post-text]").text == HOSTILE
    assert page.select_one("#post-1 script") is None
    assert page.select_one("a[href^='javascript:']") is None
    assert "javascript:alert(1)" in page.select_one(".app-post-url").text


def test_post_metadata_is_shown(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case()
    post = client.page(f"/cases/{case.reference}").select_one("#post-1")
    text = normalise_space(post.text)
    assert "Facebook, public, original post" in text
    assert "councillor account" in text
    link = post.select_one(".app-post-url a")
    assert link["href"] == "https://facebook.example/posts/1"
    assert "noreferrer" in link["rel"]


# --- status ---------------------------------------------------------------------------------------------------------


def test_officer_moves_a_case_into_initial_assessment_and_it_is_audited(client, sign_in, make_case, db_session):
    officer = sign_in("monitoring_officer")
    case = make_case()
    form = client.page(f"/cases/{case.reference}/status")
    offered = [i["value"] for i in form.select("input[name=status]")]
    assert offered == ["initial_assessment", "more_information", "paused", "withdrawn"]
    version = form.select_one("input[name=version]")["value"]
    response = client.post(f"/cases/{case.reference}/status", data={"status": "initial_assessment", "version": version})
    assert response.status_code == 302
    page = client.page(response.headers["Location"])
    assert summary_value(page, "status") == "Initial assessment"
    assert page.select_one("h1 + p .govuk-tag")["data-status"] == "initial_assessment"
    item = page.select_one(".app-timeline__item")
    assert normalise_space(item.select_one(".app-timeline__title").text) == (
        "Status changed from Received to Initial assessment"
    )
    assert normalise_space(item.select_one(".app-timeline__byline").text).startswith(officer.name)

    from triage.data.audit import entries_for_case

    entry = [e for e in entries_for_case(case.id) if e.action != "case.viewed"][-1]
    assert (entry.action, entry.user_id, entry.before, entry.after) == (
        "case.status_changed",
        officer.id,
        {"status": "received"},
        {"status": "initial_assessment"},
    )


def test_illegal_transition_is_refused_with_an_error_summary(client, sign_in, make_case, db_session):
    sign_in("monitoring_officer")
    case = make_case()
    response = client.post(f"/cases/{case.reference}/status", data={"status": "closed", "version": case.version})
    assert response.status_code == 200
    page = BeautifulSoup(response.data, "html5lib")
    assert page.title.text.startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert "There is a problem" in summary.text
    assert "A case that is received cannot move to closed" in summary.text
    assert summary.select_one("a")["href"] == "#status"
    assert "cannot move to closed" in page.select_one(".govuk-error-message").text
    db_session.refresh(case)
    assert case.status.value == "received"


def test_withdrawing_stops_the_clock_and_ends_the_workflow(client, sign_in, make_case, db_session):
    sign_in("monitoring_officer")
    case = make_case(received_on=(date.today() - timedelta(days=60)).isoformat())
    client.post(f"/cases/{case.reference}/status", data={"status": "withdrawn", "version": case.version})
    db_session.refresh(case)
    assert case.status.value == "withdrawn"
    assert case.closed_on == date.today()
    page = client.page(f"/cases/{case.reference}")
    assert summary_value(page, "clock").startswith("Stopped at")
    assert page.select_one(".app-case-actions a[href$='/status']") is None
    refused = client.post(f"/cases/{case.reference}/status", data={"status": "received", "version": case.version})
    assert "cannot change" in refused.text


def test_stale_status_change_gets_a_conflict_page_with_both_versions(client, sign_in, make_case, db_session):
    sign_in("monitoring_officer")
    case = make_case()
    seen_version = case.version
    client.post(f"/cases/{case.reference}/status", data={"status": "initial_assessment", "version": seen_version})
    response = client.post(f"/cases/{case.reference}/status", data={"status": "withdrawn", "version": seen_version})
    assert response.status_code == 409
    page = BeautifulSoup(response.data, "html5lib")
    assert normalise_space(page.select_one("h1").text) == "Someone else changed this case"
    assert normalise_space(page.select_one("[data-version=yours]").text) == "Withdrawn"
    assert normalise_space(page.select_one("[data-version=now]").text) == "Initial assessment"
    db_session.refresh(case)
    assert case.status.value == "initial_assessment"


# --- assignment -----------------------------------------------------------------------------------------------------


def test_officer_assigns_the_case_and_the_timeline_says_so(client, sign_in, make_user, make_case, db_session):
    sign_in("monitoring_officer")
    deputy = make_user("deputy_monitoring_officer", name="Dee Deputy")
    make_user("analyst", name="Ana Lyst")
    case = make_case()
    form = client.page(f"/cases/{case.reference}/assign")
    labels = [normalise_space(o.text) for o in form.select("#officer option")]
    assert "Dee Deputy (Deputy monitoring officer)" in labels
    assert not any("Ana Lyst" in label for label in labels)
    response = client.post(f"/cases/{case.reference}/assign", data={"officer": str(deputy.id), "version": case.version})
    assert response.status_code == 302
    page = client.page(f"/cases/{case.reference}")
    assert summary_value(page, "assigned") == "Dee Deputy"
    assert normalise_space(page.select_one(".app-timeline__title").text) == "Assigned to Dee Deputy"
    db_session.refresh(case)
    response = client.post(f"/cases/{case.reference}/assign", data={"officer": "none", "version": case.version})
    page = client.page(f"/cases/{case.reference}")
    assert summary_value(page, "assigned") == "Nobody yet"
    assert normalise_space(page.select_one(".app-timeline__title").text) == "Unassigned (was Dee Deputy)"


def test_assigning_someone_who_is_not_an_officer_is_refused(client, sign_in, make_user, make_case):
    sign_in("monitoring_officer")
    analyst = make_user("analyst")
    case = make_case()
    response = client.post(
        f"/cases/{case.reference}/assign", data={"officer": str(analyst.id), "version": case.version}
    )
    assert response.status_code == 200
    assert (
        "Select an officer from the list"
        in BeautifulSoup(response.data, "html5lib").select_one(".govuk-error-summary").text
    )


# --- answers --------------------------------------------------------------------------------------------------------


def answers_data(page: BeautifulSoup, **changes) -> dict:
    """The answers form as the browser would submit it, with some answers changed."""
    data = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
    for radio in page.select("form input[type=radio][checked]"):
        data[radio["name"]] = radio["value"]
    data.update(changes)
    return data


def test_answers_page_has_every_question_with_hints_and_prefill_marks(client, sign_in, make_case, db_session):
    from triage.models import Answer
    from triage.scoring.questions import QUESTIONS

    sign_in("monitoring_officer")
    case = make_case()
    db_session.add(
        Answer(
            case_id=case.id,
            question_id="high_profile",
            value="yes",
            prefilled=True,
            prefill_reason="the member's role is cabinet member",
        )
    )
    db_session.commit()
    page = client.page(f"/cases/{case.reference}/answers")
    legends = [normalise_space(f.select_one("legend").text) for f in page.select("form fieldset")]
    assert legends == [q.text for q in QUESTIONS]
    first = page.select("form fieldset")[0]
    assert "Source:" in first.select_one(".govuk-hint").text
    assert [normalise_space(label.text) for label in first.select("label")] == ["Yes", "No", "Not known yet"]
    high = page.select_one("input[name=high_profile][checked]")
    assert high["value"] == "yes"
    assert "Pre-filled" in high.find_parent("fieldset").select_one(".govuk-hint").text
    assert page.select_one("input[name=target][checked]")["value"] == "officer"

    case_page = client.page(f"/cases/{case.reference}")
    row = case_page.select_one("[data-question=high_profile]")
    assert row.select_one("[data-answer]").text == "Yes"
    assert row.select_one(".app-prefilled-tag").text == "Pre-filled"
    assert "the member's role is cabinet member" in row.text
    suggested = case_page.select_one("[data-question=identified_as_councillor] .app-suggested")
    assert "The case data suggests “Yes”" in suggested.text


def test_saving_answers_audits_before_and_after_and_invites_rescoring(client, sign_in, make_case, db_session):
    officer = sign_in("monitoring_officer")
    case = make_case()
    page = client.page(f"/cases/{case.reference}/answers")
    response = client.post(
        f"/cases/{case.reference}/answers", data=answers_data(page, threatening="yes", target="councillor")
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#assessment")
    case_page = client.page(response.headers["Location"])
    assert "2 answers saved. Re-run scoring" in case_page.text
    assert case_page.select_one("[data-question=threatening] [data-answer]").text == "Yes"

    from triage.data.audit import entries_for_case

    entry = [e for e in entries_for_case(case.id) if e.action != "case.viewed"][-1]
    assert entry.action == "answers.updated"
    assert entry.user_id == officer.id
    assert entry.before == {"threatening": "unknown", "target": "officer"}
    assert entry.after == {"threatening": "yes", "target": "councillor"}
    item = case_page.select_one(".app-timeline__item")
    assert normalise_space(item.select_one(".app-timeline__title").text) == "2 answers changed"
    details = [normalise_space(li.text) for li in item.select(".app-timeline__details li")]
    assert details == [
        "Target: A council officer or employee → Another councillor or politician",
        "Threatening: Not known yet → Yes",
    ]


def test_answers_must_be_one_of_the_options(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case()
    page = client.page(f"/cases/{case.reference}/answers")
    response = client.post(f"/cases/{case.reference}/answers", data=answers_data(page, threatening="maybe"))
    assert response.status_code == 400  # the checks failed: as on every other form
    errors = BeautifulSoup(response.data, "html5lib").select_one(".govuk-error-summary")
    assert errors is not None
    assert errors.select_one("a")["href"] == "#threatening"


def test_stale_answers_get_a_conflict_page_and_can_be_merged_without_losing_either_edit(
    client, sign_in, make_case, db_session
):
    sign_in("monitoring_officer")
    case = make_case()
    mine = client.page(f"/cases/{case.reference}/answers")
    theirs = client.page(f"/cases/{case.reference}/answers")
    # Someone else saves first: they answer "threatening" and "discriminatory".
    client.post(f"/cases/{case.reference}/answers", data=answers_data(theirs, threatening="no", discriminatory="no"))
    # Then I save from my older page: I answer "threatening" differently and "tit_for_tat".
    response = client.post(
        f"/cases/{case.reference}/answers", data=answers_data(mine, threatening="yes", tit_for_tat="yes")
    )
    assert response.status_code == 409
    page = BeautifulSoup(response.data, "html5lib")
    rows = {
        normalise_space(tr.select_one("th").text): (
            normalise_space(tr.select_one("[data-version=yours]").text),
            normalise_space(tr.select_one("[data-version=now]").text),
        )
        for tr in page.select("#versions tbody tr")
    }
    assert rows["Does the post threaten death, violence or other serious harm, or encourage others to it?"] == (
        "Yes (you changed this)",
        "No",
    )
    assert normalise_space(page.select_one("#latest-change").text).startswith("Latest change: 2 answers changed (")
    assert rows["Is the content discriminatory, for example demeaning people for a protected characteristic?"] == (
        "Not known yet (as it was when you opened the page)",
        "No",
    )
    db_session.expire_all()
    from triage.models import Case

    assert db_session.get(Case, case.id).answer_map()["threatening"] == "no"  # nothing overwritten yet

    retry = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
    assert retry["discriminatory"] == "no"  # their answer is kept
    assert retry["threatening"] == "yes" and retry["tit_for_tat"] == "yes"  # my changes are carried over
    assert client.post(f"/cases/{case.reference}/answers", data=retry).status_code == 302
    db_session.expire_all()
    answers = db_session.get(Case, case.id).answer_map()
    assert (answers["threatening"], answers["discriminatory"], answers["tit_for_tat"]) == ("yes", "no", "yes")


def test_a_concurrent_write_caught_by_the_database_also_gets_the_conflict_page(
    client, sign_in, make_case, db_session, monkeypatch
):
    """The version in the form matched, but another request committed between our read and our write: SQLAlchemy's
    version check raises StaleDataError and the officer sees the conflict page, not an error or a lost update."""
    from sqlalchemy import text

    from triage.extensions import db
    from triage.services import case_work

    sign_in("monitoring_officer")
    case = make_case()
    page = client.page(f"/cases/{case.reference}/answers")
    real_save = case_work.save_answers

    def racing_save(case_row, values, *, user):
        db.session.execute(
            text("UPDATE case_record SET version = version + 1, member_party = 'Changed elsewhere' WHERE id = :id"),
            {"id": case_row.id},
        )
        return real_save(case_row, values, user=user)

    monkeypatch.setattr(case_work, "save_answers", racing_save)
    response = client.post(f"/cases/{case.reference}/answers", data=answers_data(page, threatening="yes"))
    assert response.status_code == 409
    assert "Someone else changed this case" in response.text
    db_session.expire_all()
    from triage.models import Case

    assert db_session.get(Case, case.id).answer_map().get("threatening", "unknown") == "unknown"


# --- scoring --------------------------------------------------------------------------------------------------------


def test_case_without_an_assessment_says_so_and_offers_to_run_scoring(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case()
    page = client.page(f"/cases/{case.reference}")
    assert page.select_one("#no-assessment").text == "This case has not been scored yet."
    assert "The monitoring officer decides" in page.select_one("#assessment + .govuk-inset-text").text
    assert normalise_space(page.select_one("form[action$='/assessments'] button").text) == "Run scoring"


def test_rerunning_scoring_stores_a_new_assessment_with_versions_and_shows_every_reason(
    client, sign_in, make_case, db_session
):
    from triage.data.audit import entries_for_case
    from triage.models import Assessment, Case

    officer = sign_in("monitoring_officer")
    case = make_case()
    for expected_rows in (1, 2):
        response = client.post(f"/cases/{case.reference}/assessments")
        assert response.status_code == 302
        assert response.headers["Location"].endswith("#assessment")
        rows = db_session.query(Assessment).filter_by(case_id=case.id).order_by(Assessment.id).all()
        assert len(rows) == expected_rows
    latest = rows[-1]
    db_session.expire_all()
    current = db_session.get(Case, case.id)
    assert latest.case_version == current.version
    assert latest.created_by_id == officer.id
    assert "rules=" in latest.model_version
    assert latest.result["model_version"]  # the scorer's full version record is kept with the result
    assert latest.recommendation.value == latest.result["recommendation"]
    entry = [e for e in entries_for_case(case.id) if e.action != "case.viewed"][-1]
    assert (entry.action, entry.after["model_version"]) == ("assessment.run", latest.model_version)

    page = client.page(f"/cases/{case.reference}")
    assert "Scoring re-run. The tool now suggests" in page.text
    rec = page.select_one("[data-recommendation]")
    assert rec["data-recommendation"] == latest.result["recommendation"]
    engaged = page.select_one("#score-code-engaged")
    pct = round(latest.result["code_engaged_probability"] * 100)
    assert engaged.select_one(".app-score__value").text == f"{pct}%"
    assert engaged.select_one("meter")["value"] == str(pct)
    assert engaged.select_one("meter")["aria-labelledby"] == "score-code-engaged-label"
    items = {li["data-reason"]: li for li in page.select("#reasons li.app-reason")}
    assert len(items) == len(page.select("#reasons li.app-reason")) == len(latest.result["reasons"])
    for reason in latest.result["reasons"]:  # every reason, with its effect and source
        li = items[reason["id"]]
        assert li.select_one(".app-effect-tag")["data-effect"] == reason["effect"]
        assert normalise_space(reason["text"]) in normalise_space(li.text)
        cited = normalise_space(li.select_one(".app-reason__source").text)
        assert normalise_space(sources.words(reason["source"])) in cited  # the registry's citation
    stages = [h["id"].removeprefix("reasons-") for h in page.select("#reasons h4")]
    assert stages[0] in ("jurisdiction", "capacity") and stages[-1] in ("model", "text", "other")
    assert "kept with the assessment for audit" in page.select_one("#assessment-run").text
    assert latest.result["model_version"]["rules"] not in page.text, "no hash reaches the page"
    assert officer.name in page.select_one("#assessment-run").text
    assert page.select_one(".app-stale-assessment") is None
    assert normalise_space(page.select_one("form[action$='/assessments'] button").text) == "Re-run scoring"


def test_changing_answers_marks_the_assessment_out_of_date_until_rescored(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case()
    client.post(f"/cases/{case.reference}/assessments")
    page = client.page(f"/cases/{case.reference}/answers")
    client.post(f"/cases/{case.reference}/answers", data=answers_data(page, tit_for_tat="yes"))
    assert client.page(f"/cases/{case.reference}").select_one(".app-stale-assessment") is not None
    client.post(f"/cases/{case.reference}/assessments")
    assert client.page(f"/cases/{case.reference}").select_one(".app-stale-assessment") is None


def test_a_threat_is_flagged_prominently_as_a_warning(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case(answers={"threatening": "yes", "about_individual": "yes", "target": "member_of_public"})
    client.post(f"/cases/{case.reference}/assessments")
    page = client.page(f"/cases/{case.reference}")
    police = page.select_one(".app-flag--police[data-flag=FLAG-POLICE-THREAT]")
    assert police is not None
    assert police.select_one(".govuk-warning-text") is not None
    assert "police" in police.text
    assert page.select_one("[data-recommendation]")["data-recommendation"] == "police_referral"


def test_scoring_failure_is_reported_and_nothing_is_stored(client, sign_in, make_case, db_session, monkeypatch):
    from triage.models import Assessment
    from triage.services import assessing

    sign_in("monitoring_officer")
    case = make_case()

    def broken(data, code=None):
        raise assessing.ScoringUnavailable("the scorer failed on this case (RuntimeError: boom)")

    monkeypatch.setattr(assessing, "_assess", broken)
    response = client.post(f"/cases/{case.reference}/assessments", follow_redirects=True)
    assert "Scoring could not be run" in response.text
    assert db_session.query(Assessment).filter_by(case_id=case.id).count() == 0


# --- timeline and decision ------------------------------------------------------------------------------------------


def test_timeline_is_in_plain_words_newest_first(client, sign_in, make_case, db_session):
    from triage.data import audit

    officer = sign_in("monitoring_officer")
    case = make_case()
    audit.record("case.imported", "case", case.reference, actor="seed-demo", case_id=case.id)
    audit.record(
        "case.note_added",
        "case",
        case.reference,
        user=officer,
        case_id=case.id,
        before={"complainant_name": "Pat"},
        after={"complainant_name": "Patricia", "pages": 2},
    )
    db_session.commit()
    client.post(f"/cases/{case.reference}/status", data={"status": "initial_assessment", "version": case.version})
    items = client.page(f"/cases/{case.reference}").select(".app-timeline__item")
    titles = [normalise_space(i.select_one(".app-timeline__title").text) for i in items]
    assert titles == [
        "Status changed from Received to Initial assessment",
        "Case note added",
        "Case imported from a case file",
    ]
    assert normalise_space(items[2].select_one(".app-timeline__byline").text).startswith("seed-demo,")
    details = [normalise_space(li.text) for li in items[1].select(".app-timeline__details li")]
    assert details == ["Complainant name: Pat → Patricia", "Pages: 2"]


def test_timeline_withholds_complainant_details_from_analysts(client, sign_in, make_case, make_user, db_session):
    from triage.data import audit

    officer = make_user("monitoring_officer")
    case = make_case()
    audit.record(
        "case.note_added", "case", case.reference, user=officer, case_id=case.id, after={"complainant_name": "Patricia"}
    )
    db_session.commit()
    sign_in("analyst")
    timeline = client.page(f"/cases/{case.reference}").select_one(".app-timeline")
    assert "Patricia" not in timeline.text
    assert "Complainant name: withheld" in normalise_space(timeline.text)


def test_decision_section_says_when_there_is_no_decision_and_shows_one_when_recorded(
    client, sign_in, make_case, db_session
):
    from triage.models import Decision
    from triage.models.enums import Outcome

    officer = sign_in("monitoring_officer")
    case = make_case()
    page = client.page(f"/cases/{case.reference}")
    section = page.select_one("section#decision")
    assert normalise_space(section.select_one("h2").text) == "Decision"
    assert section.select_one("#no-decision").text == "No decision has been recorded on this case yet."
    db_session.add(
        Decision(
            case_id=case.id,
            outcome=Outcome.INFORMAL_RESOLUTION,
            reasons="An apology <b>was</b> offered.",
            decided_by_id=officer.id,
            paragraphs=["1.1"],
        )
    )
    db_session.commit()
    section = client.page(f"/cases/{case.reference}").select_one("section#decision")
    assert section.select_one("[data-outcome]").text == "Informal resolution"
    assert "An apology <b>was</b> offered." in section.select_one(".app-decision-reasons").text
    assert section.select_one(".app-decision-reasons b") is None


def test_viewing_a_case_and_its_screenshot_is_audited_but_not_shown_in_the_timeline(
    client, sign_in, make_case, db_session
):
    from triage.data.audit import entries_for_case

    officer = sign_in("monitoring_officer")
    case = make_case()
    shot = add_screenshot(db_session, client.application, case)
    client.page(f"/cases/{case.reference}")
    client.get(f"/cases/{case.reference}/screenshots/{shot.id}")
    views = [e for e in entries_for_case(case.id) if e.action == "case.viewed"]
    assert [(e.user_id, e.after["part"]) for e in views] == [(officer.id, "case"), (officer.id, "screenshot")]
    page = client.page(f"/cases/{case.reference}")
    assert (
        "viewed" not in page.select_one("#timeline").find_next("ol").text.lower()
        if page.select_one(".app-timeline")
        else True
    )


def test_timeline_describes_entries_written_by_the_intake_and_decision_work(client, sign_in, make_case, db_session):
    from triage.data import audit

    officer = sign_in("monitoring_officer")
    case = make_case()
    audit.record(
        "case.created",
        "case",
        case.reference,
        user=officer,
        case_id=case.id,
        after={
            "received_on": "2026-03-02",
            "received_via": "email",
            "posts": [{"position": 0}],
            "complainant_kind": "member_of_public",
        },
    )
    audit.record(
        "case.assigned",
        "case",
        case.reference,
        user=officer,
        case_id=case.id,
        before={"assigned_officer": None},
        after={"assigned_officer": officer.email},
    )
    audit.record(
        "case.answers_recorded",
        "case",
        case.reference,
        user=officer,
        case_id=case.id,
        after={"high_profile": {"value": "yes", "prefilled": True}, "threatening": {"value": "no", "prefilled": False}},
    )
    audit.record("screenshot.attached", "screenshot", 1, user=officer, case_id=case.id, after={"post": 1})
    audit.record("intake.submitted", "intake_draft", "abc", user=officer, case_id=case.id, after={"case": "x"})
    audit.record(
        "decision.recorded",
        "decision",
        1,
        user=officer,
        case_id=case.id,
        after={
            "outcome": "informal_resolution",
            "paragraphs": ["1.1"],
            "tool_recommendation": "investigation",
            "overrides_tool": True,
        },
    )
    db_session.commit()
    items = client.page(f"/cases/{case.reference}").select(".app-timeline__item")
    described = [
        (
            normalise_space(i.select_one(".app-timeline__title").text),
            [normalise_space(li.text) for li in i.select(".app-timeline__details li")],
        )
        for i in items
    ]
    assert described == [
        (
            "Decision recorded: informal resolution",
            ["Code paragraphs: 1.1", "The decision differs from the tool's suggestion (investigation)"],
        ),
        ("Screenshot attached to post 1", []),
        ("Answers recorded when the complaint was logged", ["High profile: Yes (pre-filled)", "Threatening: No"]),
        (f"Assigned to {officer.name}", []),
        ("Complaint logged", ["Received on 2 March 2026", "How received: email", "Posts: 1"]),
    ]


def test_urgent_flags_lead_the_assessment_and_open_questions_say_who_to_ask(client, sign_in, make_case):
    sign_in("monitoring_officer")
    post = case_file()["posts"][0] | {
        "text": "Those animals in the asylum hotel on Mill Road. A can of petrol, Saturday 7pm.",
        "account_kind": "unknown",
    }
    case = make_case(posts=[post], answers={})
    client.post(f"/cases/{case.reference}/assessments")
    page = client.page(f"/cases/{case.reference}")
    urgent = page.select_one("#urgent")
    assert urgent is not None
    headings = [h.get("id") for h in page.select("#assessment ~ h3, #assessment ~ div h3")]
    assert headings and headings[0] == "urgent-heading", "the urgent block comes first in the assessment"
    kinds = {d["data-urgent"] for d in urgent.select("[data-urgent]")}
    assert {"incitement", "dehumanising"} <= kinds
    assert "Decide today" in urgent.text
    assert page.select_one("[data-recommendation]")["data-recommendation"] != "no_further_action"
    assert "Authorship is not yet confirmed" in page.select_one("#authorship").text
    for item in page.select("#open-questions [data-question]"):
        text = normalise_space(item.text)
        assert "If yes" in text or "Either way" in text
        assert "Who can answer it:" in text
    assert "_" not in normalise_space(page.select_one("#recommendation").text)


def test_a_case_that_turns_on_capacity_shows_more_information_needed(client, sign_in, make_case):
    sign_in("monitoring_officer")
    post = case_file()["posts"][0] | {
        "text": "The planning officer Mr Shah is a useless liar and should be sacked.",
        "account_kind": "personal_account",
    }
    case = make_case(posts=[post], answers={"about_individual": "yes", "target": "officer"})
    client.post(f"/cases/{case.reference}/assessments")
    page = client.page(f"/cases/{case.reference}")
    questions = {li["data-question"] for li in page.select("#open-questions [data-question]")}
    assert "acting_as_councillor" in questions
    capacity = page.select_one("#open-questions [data-question=acting_as_councillor]")
    assert "the member" in capacity.text and "the complainant" in capacity.text


def test_officer_records_why_an_urgent_flag_does_not_apply_and_the_tool_follows(client, sign_in, make_case, db_session):
    from triage.data.audit import entries_for_case

    sign_in("monitoring_officer")
    post = case_file()["posts"][0] | {
        "text": "Cllr Okafor's lot beat us 4-1 at the charity match. I'll break her legs next year! Great day.",
        "account_kind": "councillor_account",
    }
    answers = {"acting_as_councillor": "yes", "threatening": "no", "personal_abuse": "no", "about_individual": "yes"}
    case = make_case(posts=[post], answers=answers | {"target": "councillor", "political_expression": "no"})
    client.post(f"/cases/{case.reference}/assessments")
    page = client.page(f"/cases/{case.reference}")
    assert page.select_one("[data-recommendation]")["data-recommendation"] != "no_further_action"
    link = page.select_one("#urgent a[href$='/urgent/threat']")
    assert link is not None and "Record why this flag does not apply" in link.text

    form = client.page(link["href"])
    version = form.select_one("input[name=version]")["value"]
    response = client.post(link["href"], data={"version": version, "reason": "   "})
    assert response.status_code == 200
    errors = BeautifulSoup(response.data, "html5lib")
    assert "Enter why the flag does not apply" in errors.select_one(".govuk-error-summary").text

    reason = "A joke after a charity football match; Cllr Okafor confirmed she took it as one."
    response = client.post(link["href"], data={"version": version, "reason": reason})
    assert response.status_code == 302
    page = client.page(f"/cases/{case.reference}")
    assert reason in page.select_one("#urgent").text
    assert page.select_one("[data-recommendation]")["data-recommendation"] == "no_further_action"
    assert any(e.action == "case.urgent_reviewed" and e.after["reason"] == reason for e in entries_for_case(case.id))


def test_urgent_review_page_is_not_found_for_a_flag_the_case_does_not_have(client, sign_in, make_case):
    sign_in("monitoring_officer")
    case = make_case()
    client.post(f"/cases/{case.reference}/assessments")
    assert client.get(f"/cases/{case.reference}/urgent/threat").status_code == 404

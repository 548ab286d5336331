"""Logging a new complaint with the Flask client: each step's errors, drafts, prefills, check your answers and case
creation. Screenshot uploads are in test_intake_files.py."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from tests.conftest import TEST_PASSWORD, normalise_space
from tests.web.test_intake_support import (  # noqa: F401  (fixtures)
    POSTED,
    RECEIVED,
    Intake,
    date_parts,
    error_summary,
    officer_fixture,
    register_fixture,
    soup,
)
from triage.models import Answer, AuditEntry, Case, IntakeDraft, Post
from triage.web.intake.forms import today

# --- access and the start page -----------------------------------------------------------------------------------


def test_only_signed_in_officers_can_log_complaints(client, sign_in, register):
    response = client.get("/complaints/new/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")
    sign_in("analyst")
    assert client.get("/complaints/new/").status_code == 403
    assert client.post("/complaints/new/").status_code == 403
    assert client.page("/").select_one("a.govuk-button--start") is None


def test_home_page_offers_officers_a_start_button(client, officer):
    page = client.page("/")
    button = page.select_one("a.govuk-button--start")
    assert normalise_space(button.text) == "Log a new complaint"
    assert button["href"] == "/complaints/new/"


def test_deputy_can_start_and_the_draft_is_listed_as_unfinished(client, sign_in, register, db_session):
    sign_in("deputy_monitoring_officer")
    page = client.page("/complaints/new/")
    assert normalise_space(page.select_one("h1").text) == "Log a new complaint"
    assert page.select_one("#unfinished") is None
    intake = Intake.start(client)
    intake.received()
    page = client.page("/complaints/new/")
    row = page.select_one(f"tr[data-draft='{intake.public_id}']")
    assert "Member not chosen yet" in row.text
    assert row.select_one("a")["href"] == f"/complaints/new/{intake.public_id}"
    # Resuming goes to the first page still to do.
    assert client.get(f"/complaints/new/{intake.public_id}").headers["Location"].endswith("/complainant")


# --- step 1: the complaint and the complainant -------------------------------------------------------------------


def test_the_date_the_complainant_learned_of_the_post_is_optional_and_checked(client, officer):
    intake = Intake.start(client)
    later = date_parts(RECEIVED + timedelta(days=1))
    page = soup(intake.received(learned_on=later))
    assert (
        error_summary(page).get("Date the complainant learned of the post must be on or before the date received")
        == "#learned_on-day"
    )
    assert intake.received(learned_on=["", "", ""]).status_code == 302
    assert intake.received(learned_on=date_parts(RECEIVED - timedelta(days=3))).status_code == 302
    assert journey_case_file(intake)["complainant_learned_on"] == (RECEIVED - timedelta(days=3)).isoformat()


def journey_case_file(intake) -> dict:
    from triage.extensions import db
    from triage.models import IntakeDraft
    from triage.web.intake.journey import Journey

    draft = db.session.scalars(select(IntakeDraft)).one()
    return Journey(draft).case_file()


def test_received_step_lists_every_error_with_links_and_keeps_what_was_typed(client, officer, db_session):
    intake = Intake.start(client)
    response = intake.submit("received", {"received_on": ["31", "", "2026"]})
    assert response.status_code == 200
    page = soup(response)
    assert page.title.text.startswith("Error: ")
    assert error_summary(page) == {
        "Date received must include a month": "#received_on-day",
        "Select how the complaint was received": "#received_via",
    }
    assert page.select_one("#received_on-day")["value"] == "31"
    assert page.select_one("#received_on-year")["value"] == "2026"
    assert page.select_one("#received_on-error") is not None
    # What was typed is in the draft, so it survives leaving the page.
    draft = db_session.scalars(select(IntakeDraft)).one()
    assert draft.data["steps"]["received"] == {"received_on": ["31", "", "2026"]}
    again = client.page(intake.url("received"))
    assert again.select_one("#received_on-day")["value"] == "31"
    assert again.select_one(".govuk-error-summary") is None


def test_date_received_must_be_a_real_date_not_in_the_future(client, officer):
    intake = Intake.start(client)
    for parts, message in (
        (["", "", ""], "Enter the date the complaint was received"),
        (["30", "2", "2026"], "Date received must be a real date"),
        (["1", "1", "26"], "Year must include 4 numbers"),
        (["x", "1", "2026"], "Date received must be a real date"),
        (date_parts(today() + timedelta(days=1)), "Date received must be today or in the past"),
    ):
        page = soup(intake.received(received_on=parts))
        assert error_summary(page).get(message) == "#received_on-day", parts
    # A request without the date boxes at all (a tampered form) is an error too, not a crash.
    page = soup(intake.submit("received", {"received_via": "email"}))
    assert "Enter the date the complaint was received" in error_summary(page)
    assert intake.received(received_on=date_parts(today())).status_code == 302


def test_complainant_step_errors_and_hints(client, officer):
    intake = Intake.start(client)
    intake.received()
    page = client.page(intake.url("complainant"))
    anonymous = page.select_one("input[name=kind][value=anonymous]")
    hint = page.select_one(f"#{anonymous['aria-describedby']}")
    assert hint.text.strip().startswith("Leave the name blank")

    response = intake.submit("complainant", {"kind": "officer", "email": "not-an-email", "phone": "call me"})
    page = soup(response)
    assert error_summary(page) == {
        "Enter the complainant's name": "#name",
        "Enter an email address in the correct format, like name@example.com": "#email",
        "Enter a phone number, like 01632 960 001 or +44 808 157 0192": "#phone",
        "Select yes if the complainant asked for their identity to be kept confidential": "#confidentiality",
    }
    assert page.select_one("#email")["value"] == "not-an-email"
    assert page.select_one("input[name=kind][value=officer]").has_attr("checked")

    page = soup(intake.complainant(kind="anonymous", name="Somebody"))
    assert "Remove the name for an anonymous complaint, or select who made the complaint" in error_summary(page)
    assert intake.complainant(kind="anonymous", name="", phone="").status_code == 302


# --- step 2: the member ------------------------------------------------------------------------------------------


def test_member_is_chosen_from_the_register_and_role_and_term_are_prefilled(client, officer, register):
    intake = Intake.start(client)
    intake.received()
    intake.complainant()
    page = client.page(intake.url("member"))
    select_ = page.select_one("select#member_id")
    assert select_["data-app-typeahead"] == "members"
    options = [normalise_space(o.text) for o in select_.select("option")]
    assert options[0] == "Select a member"
    assert "Cllr Margaret Ellory (Independent, Abbey) – leader of the council" in options

    page = soup(intake.submit("member", {"member_id": ""}))
    assert error_summary(page) == {"Select the member the complaint is about": "#member_id"}
    assert intake.submit("member", {"member_id": "999999"}).status_code == 200  # not on this council's register

    response = intake.member(register["Cllr Margaret Ellory"].id)
    assert response.headers["Location"].endswith("/member-details")
    page = client.page(intake.url("member-details"))
    assert page.select_one("input[name=role][value=leader]").has_attr("checked")
    assert page.select_one("input[name=in_office][value=yes]").has_attr("checked")
    hints = normalise_space(page.select_one("#in_office-hint").text)
    assert hints.startswith("Prefilled From the register: their term began 4 May 2023 and has no end date")
    assert "From the council's register of members" in page.select_one("#role-hint").text


def test_a_member_whose_term_ended_is_prefilled_as_not_in_office(client, officer, register):
    intake = Intake.start(client)
    intake.received()
    intake.complainant()
    intake.member(register["Cllr Colin Fairbairn"].id)
    page = client.page(intake.url("member-details"))
    assert page.select_one("input[name=in_office][value=no]").has_attr("checked")
    assert "ended 4 May 2023" in page.select_one("#in_office-hint").text


def test_changing_the_member_prefills_again(client, officer, register):
    intake = Intake.start(client)
    intake.received()
    intake.complainant()
    intake.member(register["Cllr Margaret Ellory"].id)
    intake.member_details(role="councillor")
    intake.member(register["Cllr Tomasz Nowak"].id)
    page = client.page(intake.url("member-details"))
    assert page.select_one("input[name=role][value=councillor]").has_attr("checked")
    assert page.select_one("#role-hint .govuk-tag").text == "Prefilled"


# --- step 3: posts -----------------------------------------------------------------------------------------------


def _to_posts(client, register) -> Intake:
    intake = Intake.start(client)
    intake.received()
    intake.complainant()
    intake.member(register["Cllr Margaret Ellory"].id)
    intake.member_details()
    return intake


def test_post_step_errors_link_to_fields_and_keep_what_was_typed(client, officer, register, db_session):
    intake = _to_posts(client, register)
    after_received = date_parts(RECEIVED + timedelta(days=1))
    response = intake.submit(
        "posts/new", {"text": "   ", "url": "javascript:alert(1)", "posted_on": after_received, "removed": "maybe"}
    )
    assert response.status_code == 200
    page = soup(response)
    assert error_summary(page) == {
        "Enter the words of the post": "#text",
        "Enter the web address in the correct format, like https://www.facebook.com/page/posts/123": "#url",
        "Select where it was posted": "#platform",
        "Date posted must be the same as or before the date the complaint was received": "#posted_on-day",
        "Select who wrote it": "#author",
        "Select what kind of account it was posted from": "#account_kind",
        "Select who could see it": "#visibility",
        "Select what the writer did": "#interaction",
        "Select yes if it has been removed since": "#removed",
    }
    assert page.select_one("#url")["value"] == "javascript:alert(1)"
    # A post that fails its checks is not added: the draft has no post, and the form still adds a new one.
    draft = db_session.scalars(select(IntakeDraft)).one()
    assert draft.data["posts"] == []
    assert page.select_one("form[enctype='multipart/form-data']")["action"].split("?")[0].endswith("/posts/new")


def test_post_web_address_must_be_an_http_address(client, officer, register):
    intake = _to_posts(client, register)
    message = "Enter the web address in the correct format, like https://www.facebook.com/page/posts/123"
    for url in (
        "ftp://example.org/file",
        "www.facebook.com/post",
        "https://exa mple.org/",
        "https:///nohost",
        "javascript://example.org/%0aalert(1)",
    ):
        assert error_summary(soup(intake.post(url=url))).get(message) == "#url", url
    too_long = soup(intake.post(url="https://" + "a" * 2000 + ".com/"))
    assert "The web address must be 2,000 characters or fewer" in error_summary(too_long)
    for url in ("https://x.com/cllr/status/1", "http://example.org/a?b=c"):
        assert intake.post(url=url).status_code == 302, url


def test_post_dates_in_the_future_are_refused(client, officer, register):
    intake = Intake.start(client)
    intake.received(received_on=date_parts(today()))
    intake.complainant()
    intake.member(register["Cllr Margaret Ellory"].id)
    intake.member_details()
    page = soup(intake.post(posted_on=date_parts(today() + timedelta(days=2))))
    assert error_summary(page)["Date posted must be today or in the past"] == "#posted_on-day"


def test_post_text_over_20000_characters_is_refused_and_kept(client, officer, register, db_session):
    intake = _to_posts(client, register)
    text = "word " * 4000 + "x"  # 20,001 characters
    page = soup(intake.post(text=text))
    assert error_summary(page) == {"The words of the post must be 20,000 characters or fewer": "#text"}
    assert page.select_one("textarea#text").text == text
    assert page.select_one(".govuk-character-count")["data-maxlength"] == "20000"
    # Exactly 20,000, with Windows line endings counted as one character each, is accepted.
    assert intake.post(text="a\r\n" * 6666 + "aa").status_code == 302


def test_add_another_post_and_remove_one(client, officer, register):
    intake = _to_posts(client, register)
    assert intake.post().headers["Location"].endswith("/posts")
    page = client.page(intake.url("posts"))
    assert normalise_space(page.select_one("h1").text) == "You have added 1 post"
    page = soup(intake.submit("posts", {}))
    assert error_summary(page) == {"Select yes if you need to add another post": "#add_another"}
    assert intake.submit("posts", {"add_another": "yes"}).headers["Location"].endswith("/posts/new")
    intake.post(text="A second post", url="")
    page = client.page(intake.url("posts"))
    assert normalise_space(page.select_one("h1").text) == "You have added 2 posts"
    remove = page.select(".govuk-summary-card")[1].select_one("a[href$='/remove']")["href"]
    version = client.page(remove).select_one("input[name=draft_version]")["value"]
    response = client.post(remove, data={"confirm": "yes", "draft_version": version, "submit": "y"})
    assert response.status_code == 302
    assert normalise_space(client.page(intake.url("posts")).select_one("h1").text) == "You have added 1 post"
    assert intake.no_more_posts().headers["Location"].endswith("/questions/capacity")


# --- step 4: structured questions --------------------------------------------------------------------------------


def test_questions_show_hints_with_sources_and_mark_prefilled_answers(client, officer, register):
    intake = _to_posts(client, register)
    intake.post(text="The committee ignored residents.\n- Cllr Ellory", account_kind="personal_account")
    intake.no_more_posts()
    page = client.page(intake.url("questions/capacity"))
    assert (
        normalise_space(page.select_one("h1").text)
        == "Capacity: was the member acting, or seen to act, as a councillor?"
    )
    high = page.select_one("#high_profile-hint")
    assert "Source: Leicestershire social media guidance" in high.text
    assert high.select_one(".govuk-tag").text == "Prefilled"
    assert "the member's role is leader" in high.text
    assert page.select_one("input[name=high_profile][value=yes]").has_attr("checked")
    identified = page.select_one("#identified_as_councillor-hint")
    assert "in post 1 the writer signs off or describes themselves as a councillor" in identified.text
    # Nothing implies council business, so it is not prefilled and nothing is chosen.
    assert page.select_one("#council_business-hint .govuk-tag") is None
    assert page.select_one("input[name=council_business][checked]") is None

    response = intake.submit("questions/capacity", {"high_profile": "no"})
    page = soup(response)
    summary = error_summary(page)
    assert summary["Select an answer to whether the post is about council business"] == "#council_business"
    assert "Select an answer to whether the member is high profile" not in summary
    # The officer's change is kept and no longer marked as prefilled.
    assert page.select_one("input[name=high_profile][value=no]").has_attr("checked")
    assert page.select_one("#high_profile-hint .govuk-tag") is None
    assert "you changed it" in page.select_one("#high_profile-hint").text


def test_questions_groups_follow_the_catalogue(client, officer, register):
    from triage.scoring import questions as catalogue

    intake = _to_posts(client, register)
    intake.post()
    intake.no_more_posts()
    for number, (group, title) in enumerate(catalogue.GROUPS, 1):
        page = client.page(intake.url(f"questions/{group}"))
        assert normalise_space(page.select_one("h1").text) == title
        assert f"{number} of {len(catalogue.GROUPS)}" in page.select_one(".govuk-caption-l").text
        names = [fs.select_one("input")["name"] for fs in page.select(".app-question")]
        assert names == [q.id for q in catalogue.questions_in_group(group)]
    target = client.page(intake.url("questions/content")).select("input[name=target]")
    assert [t["value"] for t in target] == list(catalogue.TARGETS)


# --- check your answers and creating the case --------------------------------------------------------------------


def test_check_your_answers_lists_everything_with_change_links(client, officer, register):
    intake = _to_posts(client, register)
    intake.post()
    intake.no_more_posts()
    intake.answer_all_questions()
    page = client.page(intake.url("check"))
    assert normalise_space(page.select_one("h1").text) == "Check your answers before creating the case"
    main = normalise_space(page.select_one("main").text)
    for expected in (
        f"Date received {RECEIVED.day} {RECEIVED:%B %Y}",
        "How it was received Email",
        "Name Pat Complainant",
        "Phone number 01632 960 001",
        "Cllr Margaret Ellory (Independent, Abbey) – leader of the council",
        "Role Leader of the council",
        "https://www.facebook.com/harrowden/posts/101",
        f"Date posted {POSTED.day} {POSTED:%B %Y}",
        "Is the member high profile",
    ):
        assert expected in main, expected
    changes = [a["href"] for a in page.select(".govuk-summary-list__actions a, .govuk-summary-card__actions a")]
    for path in ("received", "complainant", "member", "member-details", "questions/capacity", "questions/content"):
        assert any(f"/{path}?source=check" in href for href in changes), path
    assert any(re.search(r"/posts/\w+\?source=check$", href) for href in changes)
    # The post's address is shown as text, never as a link.
    assert page.select_one("#check-post-1 a[href*='facebook']") is None
    # Prefilled answers say so on this page too.
    high_profile_row = next(
        r for r in page.select("#check-capacity .govuk-summary-list__row") if "high profile" in r.text
    )
    assert "Prefilled" in high_profile_row.text and "role is leader" in high_profile_row.text
    assert page.select_one("#unfinished-parts") is None

    # A change link returns to check your answers.
    change = next(h for h in changes if "/received?source=check" in h)
    version = client.page(change).select_one("input[name=draft_version]")["value"]
    data = {"received_on": date_parts(RECEIVED), "received_via": "letter", "draft_version": version, "submit": "y"}
    response = client.post(change, data=data)
    assert response.headers["Location"].endswith("/check")
    assert "How it was received Letter" in normalise_space(client.page(intake.url("check")).select_one("main").text)


def test_check_your_answers_refuses_to_create_an_unfinished_case(client, officer, register, db_session):
    intake = _to_posts(client, register)
    intake.post(text="", later="y")  # saved for later on purpose: kept, but unfinished
    page = client.page(intake.url("check"))
    assert page.select_one("#unfinished-parts") is not None
    response = intake.submit("check", {})
    assert response.status_code == 200
    page = soup(response)
    assert page.title.text.startswith("Error: ")
    links = error_summary(page)
    assert "Post 1: finish the details of this post" in links
    assert "Capacity: was the member acting, or seen to act, as a councillor?: answer every question" in links
    assert db_session.scalar(select(func.count(Case.id))) == 0


def test_create_case_records_everything_and_shows_the_reference(client, officer, register, db_session):
    intake = Intake.start(client)
    intake.complete(register["Cllr Margaret Ellory"].id)
    page, reference = intake.create_case()
    assert re.fullmatch(rf"SC-{RECEIVED.year}-\d{{4}}", reference)
    assert normalise_space(page.select_one(".govuk-panel__title").text) == "Case created"
    assert page.select_one("#view-case")["href"] == f"/cases/{reference}"

    case = db_session.scalars(select(Case).where(Case.reference == reference)).one()
    assert case.assigned_officer_id == officer.id
    assert case.received_on == RECEIVED
    assert case.received_via.value == "email"
    assert case.member_id == register["Cllr Margaret Ellory"].id
    assert case.member_role.value == "leader"
    assert case.member_in_office.value == "yes"
    assert case.complainant.name == "Pat Complainant"
    assert case.complainant.phone == "01632 960 001"
    (post,) = case.posts
    assert post.url == "https://www.facebook.com/harrowden/posts/101"
    assert post.posted_on == POSTED
    assert post.account_kind.value == "councillor_account"
    answers = {a.question_id: a for a in db_session.scalars(select(Answer).where(Answer.case_id == case.id))}
    assert answers["high_profile"].value == "yes"
    assert answers["high_profile"].prefilled is True
    assert answers["high_profile"].prefill_reason == "the member's role is leader"
    assert answers["council_business"].prefilled is False
    assert answers["council_business"].prefill_reason == ""

    actions = {e.action: e for e in db_session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id))}
    assert {"case.created", "case.assigned", "case.answers_recorded", "intake.submitted"} <= set(actions)
    assert actions["case.created"].user_id == officer.id
    assert actions["case.created"].after["reference"] == reference
    assert actions["case.assigned"].before == {"assigned_officer": None}
    assert actions["case.assigned"].after == {"assigned_officer": officer.email}
    assert actions["case.answers_recorded"].after["high_profile"] == {"value": "yes", "prefilled": True}

    # The draft is finished: it is no longer listed and its pages lead to the confirmation.
    assert client.page("/complaints/new/").select_one("#unfinished") is None
    assert client.get(intake.url("received")).headers["Location"].endswith("/confirmation")


def test_a_second_create_case_does_not_create_a_second_case(client, officer, register, db_session):
    intake = Intake.start(client)
    intake.complete(register["Cllr Margaret Ellory"].id)
    version = intake.version("check")
    first = intake.submit("check", {}, version=version)
    second = intake.submit("check", {}, version=version)
    assert first.headers["Location"].endswith("/confirmation")
    assert second.headers["Location"].endswith("/confirmation")
    assert db_session.scalar(select(func.count(Case.id))) == 1


# --- drafts: resume, ownership, two tabs --------------------------------------------------------------------------


def test_a_draft_resumes_after_signing_out_and_in(client, officer, register):
    intake = Intake.start(client)
    intake.received()
    intake.submit("complainant", {"kind": "organisation", "name": "Harrowden Residents' Association"})
    client.post("/sign-out")

    response = client.get(intake.url("complainant"))
    assert response.status_code == 302
    sign_in_url = response.headers["Location"]
    assert sign_in_url.startswith("/sign-in?next=")
    response = client.post(sign_in_url, data={"email": officer.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == intake.url("complainant")
    page = client.page(intake.url("complainant"))
    assert page.select_one("#name")["value"] == "Harrowden Residents' Association"
    assert page.select_one("input[name=kind][value=organisation]").has_attr("checked")
    start = client.page("/complaints/new/")
    assert start.select_one(f"tr[data-draft='{intake.public_id}']") is not None


def test_another_users_draft_is_not_found(client, officer, register, make_user):
    intake = Intake.start(client)
    intake.received()
    client.post("/sign-out")
    other = make_user("monitoring_officer", email="other-mo@example.gov.uk")
    assert client.post("/sign-in", data={"email": other.email, "password": TEST_PASSWORD}).headers["Location"] == "/"
    for path in ("", "/received", "/complainant", "/check", "/posts/new", "/questions/capacity", "/delete"):
        assert client.get(f"{intake.base}{path}").status_code == 404, path
    assert client.post(f"{intake.base}/received", data={"draft_version": "2"}).status_code == 404
    assert client.page("/complaints/new/").select_one("#unfinished") is None


def test_a_save_from_a_stale_tab_is_refused_with_a_message(client, officer, register, db_session):
    intake = Intake.start(client)
    old_version = intake.version("received")
    intake.received(received_via="letter")  # saved from "another tab"
    response = intake.submit(
        "received", {"received_on": date_parts(RECEIVED), "received_via": "telephone"}, version=old_version
    )
    assert response.status_code == 409
    page = soup(response)
    assert "changed in another tab or window" in page.select_one("#draft-conflict").text
    # What this tab typed is still on the page; the other tab's save was not overwritten.
    assert page.select_one("input[name=received_via][value=telephone]").has_attr("checked")
    draft = db_session.scalars(select(IntakeDraft)).one()
    db_session.refresh(draft)
    assert draft.data["steps"]["received"]["received_via"] == ["letter"]
    # Saving again from the refreshed page works.
    new_version = page.select_one("input[name=draft_version]")["value"]
    assert new_version == str(draft.version)
    data = {"received_on": date_parts(RECEIVED), "received_via": "telephone"}
    assert intake.submit("received", data, version=new_version).status_code == 302


def test_save_and_come_back_later_keeps_an_unfinished_page(client, officer, register, db_session):
    intake = Intake.start(client)
    response = intake.submit("received", {"received_on": ["2", "", ""], "later": "y", "submit": ""})
    assert response.headers["Location"] == "/complaints/new/"
    page = client.page("/complaints/new/")
    assert "Your complaint has been saved" in page.select_one(".govuk-notification-banner").text
    assert client.page(intake.url("received")).select_one("#received_on-day")["value"] == "2"


def test_an_unfinished_complaint_can_be_deleted(client, officer, register, db_session):
    intake = Intake.start(client)
    page = client.page(intake.url("delete"))
    assert "Are you sure" in page.select_one("h1").text
    response = client.post(intake.url("delete"), data={"submit": "y"})
    assert response.headers["Location"] == "/complaints/new/"
    assert db_session.scalar(select(func.count(IntakeDraft.id))) == 0
    assert client.get(intake.url("received")).status_code == 404


# --- duplicates --------------------------------------------------------------------------------------------------


def _case_with(client, register, member="Cllr Margaret Ellory", **post) -> str:
    intake = Intake.start(client)
    intake.complete(register[member].id, post=post)
    return intake.create_case()[1]


def page_post_path(intake: Intake) -> str:
    """The path of the draft's newest post."""
    page = intake.client.page(intake.url("posts"))
    return page.select(".govuk-summary-card")[-1].select_one("a")["href"].split(f"{intake.public_id}/", 1)[1]


def _duplicates(intake: Intake, **post) -> dict[str, str]:
    """Change the draft's post, then read the duplicate warning on check your answers: {reference: sentence}."""
    assert intake.post(path=page_post_path(intake), **post).status_code == 302
    page = intake.client.page(intake.url("check"))
    box = page.select_one("#duplicate-warning")
    if box is None:
        return {}
    return {a.text: normalise_space(a.parent.text) for a in box.select("#duplicates a")}


LONG_POST = (
    "The leader of this council has once again ignored the residents of Abbey ward about the closure of the "
    "library on Mill Street and the plan to sell the land to developers before the consultation even ends"
)


def test_the_same_post_in_another_case_is_flagged_with_links(client, officer, register):
    reference = _case_with(client, register, text=LONG_POST, url="https://www.facebook.com/harrowden/posts/777")
    intake = Intake.start(client).complete(register["Cllr Margaret Ellory"].id, post={"text": "Unrelated", "url": ""})
    assert _duplicates(intake, text="Unrelated words", url="") == {}
    # Same address written differently, different words.
    found = _duplicates(intake, text="Something else", url="http://facebook.com/harrowden/posts/777/")
    assert found == {reference: f"Post 1: same web address as a post in {reference}"}
    link = intake.client.page(intake.url("check")).select_one("#duplicates a")
    assert link["href"] == f"/cases/{reference}"
    # Same words with different spacing and case, no address.
    found = _duplicates(intake, text=LONG_POST.upper().replace(" ", "  "), url="")
    assert found == {reference: f"Post 1: same words as a post in {reference}"}
    # Nearly the same words by the same member.
    found = _duplicates(intake, text=LONG_POST.replace("ignored", "snubbed"), url="")
    assert "Post 1: nearly the same words (93% of words shared) as a post in" in found[reference]


def test_near_identical_words_by_another_member_are_not_flagged(client, officer, register):
    _case_with(client, register, text=LONG_POST, url="")
    intake = Intake.start(client).complete(register["Cllr Tomasz Nowak"].id, post={"text": "Unrelated", "url": ""})
    assert _duplicates(intake, text=LONG_POST.replace("ignored", "snubbed"), url="") == {}
    # The very same words are flagged whoever they are attributed to: one post, complained about twice.
    assert len(_duplicates(intake, text=LONG_POST, url="")) == 1


def test_duplicate_query_leaves_out_cases_the_officer_is_conflicted_on(client, officer, register, db_session):
    from triage.data.intake import find_duplicate_posts
    from triage.models import CaseConflict

    reference = _case_with(client, register, text=LONG_POST, url="")
    case = db_session.scalars(select(Case).where(Case.reference == reference)).one()
    member_id = register["Cllr Margaret Ellory"].id
    posts = [{"text": LONG_POST, "url": ""}]
    assert [m.reference for m in find_duplicate_posts(case.council_id, member_id, posts, user_id=officer.id)] == [
        reference
    ]
    db_session.add(CaseConflict(case_id=case.id, user_id=officer.id, reason="related"))
    db_session.commit()
    assert find_duplicate_posts(case.council_id, member_id, posts, user_id=officer.id) == []


# --- hostile input -----------------------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>\n"
    '"><img src=x onerror=alert(1)>\n'
    "\u202eevil\u202c and \u200fRTL\u200f marks\n"
    "'; DROP TABLE case_record; -- OR 1=1"
)


def test_hostile_text_is_stored_verbatim_and_rendered_escaped(client, officer, register, db_session):
    intake = Intake.start(client)
    intake.complete(
        register["Cllr Margaret Ellory"].id,
        post={"text": HOSTILE, "url": 'https://example.org/"><script>alert(1)</script>'},
    )
    response = client.get(intake.url("check"))
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and '<img src="x"' not in html
    page = soup(response)
    assert not [s for s in page.select("script") if "alert" in s.text]
    assert not page.select("img[onerror]")
    words = page.select_one("#check-post-1 .app-post-text bdi")
    for br in words.select("br"):
        br.replace_with("\n")
    assert words.text == HOSTILE
    # Stored exactly as typed.
    _, reference = intake.create_case()
    post = db_session.scalars(select(Post).join(Case).where(Case.reference == reference)).one()
    assert post.text == HOSTILE
    assert db_session.scalar(select(func.count(Case.id))) == 1  # and the SQL did nothing


def test_hostile_names_are_escaped_in_the_unfinished_list(client, officer, register):
    intake = Intake.start(client)
    intake.received()
    intake.complainant(name='<b onmouseover="x">Bob</b>')
    html = client.get(intake.url("complainant")).get_data(as_text=True)
    assert '<b onmouseover="x">' not in html
    assert "&lt;b onmouseover=" in html


def test_questions_pages_and_helpers_reject_unknown_groups(client, officer, register):
    intake = Intake.start(client)
    assert client.get(intake.url("questions/not-a-group")).status_code == 404
    assert client.get(intake.url("posts/deadbeef")).status_code == 404

"""The public complaint form: a member of the public sends a complaint with a screenshot, gets an acknowledgement by
real SMTP, and the officers are told; the officer sees the words as written beside what the tool inferred, and
accepts, merges or rejects. Abuse resistance: honeypot, minimum time, rate limit, upload checks."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from tests.conftest import TEST_PASSWORD
from triage.extensions import db
from triage.models import CaseDocument, IntakeDraft, Member, PublicSubmission

POST_TEXT = "Cllr Pat Rowe here. The planning officer Jane Doe is a liar and should be sacked."


@pytest.fixture
def fast_form(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_FORM_MIN_SECONDS", 0)


@pytest.fixture
def councillor(council, db_session):
    member = Member(council_id=council.id, name="Cllr Pat Rowe", party="Independent")
    db_session.add(member)
    db_session.commit()
    return member


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), (30, 90, 160)).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def fill_in(client, councillor, *, text: str = POST_TEXT, screenshot: bool = True) -> None:
    assert client.page("/complain/").find(id="start-now") is not None
    assert client.post("/complain/start").headers["Location"].endswith("/complain/about-you")
    client.submit(
        "/complain/about-you",
        {"name": "Robin Resident", "email": "robin@example.org", "kind": "member_of_public", "confidential": "no"},
        status=302,
    )
    client.submit("/complain/councillor", {"member_id": str(councillor.id)}, status=302)
    data = {"text": text, "url": "https://facebook.com/CllrPatRowe/posts/1", "platform": "facebook", "still_up": "yes"}
    if screenshot:
        data["screenshots"] = (_png(), "post.png")
    added = client.submit("/complain/post/1", data, status=302, content_type="multipart/form-data")
    assert added.headers["Location"].endswith("/complain/posts")
    assert (
        client.submit("/complain/posts", {"another": "no"}, status=302)
        .headers["Location"]
        .endswith("/complain/what-happened")
    )
    client.submit("/complain/what-happened", {"what_happened": "He called an officer a liar in public."}, status=302)


def test_a_member_of_the_public_sends_a_complaint_and_it_lands_in_the_officers_queue(
    client, councillor, fast_form, smtp_server, make_user
):
    officer = make_user("monitoring_officer", email="mo@example.gov.uk")
    fill_in(client, councillor)
    check = client.page("/complain/check")
    answers = check.select_one("#answers").get_text(" ", strip=True)
    assert "Robin Resident" in answers and "Cllr Pat Rowe" in answers and "post.png" in answers
    response = client.submit("/complain/check", {"declaration": "y"}, status=302)
    sent = client.page(response.headers["Location"])
    reference = sent.find(id="reference").get_text(strip=True)
    assert reference.startswith("WEB-")

    row = db.session.scalars(select(PublicSubmission)).one()
    assert row.status == "submitted" and row.data["posts"][0]["text"] == POST_TEXT  # verbatim
    assert row.inferred["answers"]["acting_as_councillor"]["value"] == "yes"
    received = {m["To"]: m for m in smtp_server}
    assert reference in received["robin@example.org"]["Subject"]
    assert reference in received[officer.email]["Subject"] and "URGENT" not in received[officer.email]["Subject"]
    assert POST_TEXT not in received[officer.email].as_string()  # the words stay behind sign-in

    client.post("/sign-out")
    client.submit("/sign-in", {"email": officer.email, "password": TEST_PASSWORD}, status=302)
    home = client.page("/")
    assert home.select_one('[data-queue="public"] a').contents[0].strip() == "1"
    listing = client.page("/public-complaints/")
    assert listing.select_one(f'[data-reference="{reference}"]') is not None
    page = client.page(f"/public-complaints/{reference}")
    assert POST_TEXT in page.select_one("#post-1").get_text()
    image = page.select_one("#post-1 img")
    assert "as sent by the complainant" in image["alt"]
    served = client.get(image["src"])
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert client.get(f"/public-complaints/{reference}/screenshots/{'0' * 64}").status_code == 404
    inferred = page.select_one("#inferred").get_text(" ", strip=True)
    assert "Inferred: Yes" in inferred and "acting_as_councillor" not in inferred

    response = client.submit(f"/public-complaints/{reference}/accept", {}, status=302)
    draft = db.session.scalars(select(IntakeDraft)).one()
    assert response.headers["Location"].endswith(f"/complaints/new/{draft.public_id}")
    from datetime import date

    today = date.today()
    assert draft.data["steps"]["received"] == {
        "received_on": [str(today.day), str(today.month), str(today.year)],
        "received_via": ["online_form"],
    }
    assert draft.data["posts"][0]["screenshots"][0]["original_filename"] == "post.png"
    check_page = client.page(f"/complaints/new/{draft.public_id}/check")
    assert "Robin Resident" in check_page.get_text()
    db.session.expire_all()
    assert db.session.get(PublicSubmission, row.id).status == "accepted"


def test_a_threat_notifies_the_officers_as_urgent(client, councillor, fast_form, smtp_server, make_user):
    officer = make_user("monitoring_officer", email="mo2@example.gov.uk")
    fill_in(client, councillor, text="I know where Jane Doe lives. A can of petrol, Saturday 7pm.", screenshot=False)
    client.submit("/complain/check", {"declaration": "y"}, status=302)
    notice = next(m for m in smtp_server if m["To"] == officer.email)
    assert " ".join(str(notice["Subject"]).split()).startswith("URGENT:")
    assert "Possible incitement" in notice.get_payload() or "Possible threat" in notice.get_payload()


def test_a_repeat_complaint_is_merged_into_the_existing_case(client, councillor, fast_form, smtp_server, sign_in):
    from tests.web.test_cases import case_file
    from triage.data.cases import create_case_from_file

    fill_in(client, councillor, screenshot=False)
    client.submit("/complain/check", {"declaration": "y"}, status=302)
    row = db.session.scalars(select(PublicSubmission)).one()
    from triage.data.councils import default_council

    case = create_case_from_file(default_council(), case_file())
    db.session.commit()
    sign_in("monitoring_officer", email="merger@example.gov.uk")
    response = client.submit(
        f"/public-complaints/{row.reference}/merge", {"merge-reference": "SC-1999-0001"}, status=400
    )
    assert b"Enter the reference of a case you can work on" in response.data
    response = client.submit(
        f"/public-complaints/{row.reference}/merge", {"merge-reference": case.reference}, status=302
    )
    assert response.headers["Location"].endswith(f"/cases/{case.reference}")
    document = db.session.scalars(select(CaseDocument).where(CaseDocument.case_id == case.id)).one()
    assert row.reference in document.summary and document.correspondent == "Robin Resident"
    db.session.expire_all()
    assert db.session.get(PublicSubmission, row.id).status == "merged"
    client.submit(f"/public-complaints/{row.reference}/merge", {"merge-reference": case.reference}, status=302)
    assert db.session.scalars(select(CaseDocument).where(CaseDocument.case_id == case.id)).all() == [document]


def test_a_complaint_outside_the_code_is_rejected_with_a_reply(client, councillor, fast_form, smtp_server, sign_in):
    fill_in(client, councillor, screenshot=False)
    client.submit("/complain/check", {"declaration": "y"}, status=302)
    row = db.session.scalars(select(PublicSubmission)).one()
    sign_in("monitoring_officer", email="rejecter@example.gov.uk")
    page = client.page(f"/public-complaints/{row.reference}")
    assert "does not cover it" in page.find("textarea", attrs={"name": "reject-reply"}).get_text()
    client.submit(
        f"/public-complaints/{row.reference}/reject", {"reject-reply": "Not covered: a private matter."}, status=302
    )
    reply = [m for m in smtp_server if m["To"] == "robin@example.org"][-1]
    assert "Not covered: a private matter." in reply.get_payload()


def test_the_honeypot_and_the_minimum_time_keep_robots_out(client, councillor, smtp_server, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_FORM_MIN_SECONDS", 3600)
    fill_in(client, councillor, screenshot=False)
    too_fast = client.submit("/complain/check", {"declaration": "y"}, status=400)
    assert b"Check your answers, then send the complaint again" in too_fast.data
    monkeypatch.setitem(app.config, "PUBLIC_FORM_MIN_SECONDS", 0)
    robot = client.submit("/complain/check", {"declaration": "y", "website": "http://spam.example"}, status=200)
    assert b"Complaint sent" in robot.data and b'id="reference"' not in robot.data
    assert db.session.scalars(select(PublicSubmission)).all() == []
    assert smtp_server == []


def test_hostile_and_oversized_uploads_are_refused_with_clear_errors(client, councillor, fast_form):
    fill_in(client, councillor, screenshot=False)
    data = {
        "text": POST_TEXT,
        "platform": "facebook",
        "still_up": "yes",
        "screenshots": [
            (io.BytesIO(b"<svg onload=alert(1)></svg>"), "evil.svg"),
            (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "broken.png"),
            (io.BytesIO(b"x" * (11 * 1024 * 1024)), "huge.png"),
        ],
    }
    response = client.submit("/complain/post/1", data, status=400, content_type="multipart/form-data")
    text = response.get_data(as_text=True)
    for name in ("evil.svg", "broken.png", "huge.png"):
        assert f"{name}:" in text
    assert "<svg onload" not in text
    row = db.session.scalars(select(PublicSubmission)).one()
    assert row.data["posts"][0]["screenshots"] == []
    assert row.data["posts"][0]["text"] == POST_TEXT  # what was typed is kept


def test_pages_need_a_started_complaint_and_say_so(client):
    response = client.get("/complain/about-you")
    assert response.status_code == 302 and response.headers["Location"].endswith("/complain/")


def test_sending_is_rate_limited_per_address(app, tmp_path, db_session, councillor, smtp_server):
    from tests.security.test_headers_and_limits import _limited_app
    from triage.extensions import limiter

    was = limiter.enabled
    try:
        limited = _limited_app(app, tmp_path, PUBLIC_FORM_START_LIMIT="2 per minute", PUBLIC_FORM_MIN_SECONDS=0)
        visitor = limited.test_client()
        statuses = [
            visitor.post("/complain/start", environ_base={"REMOTE_ADDR": "10.6.6.6"}).status_code for _ in range(3)
        ]
        assert statuses == [302, 302, 429]
    finally:
        limiter.reset()
        limiter.enabled = was


def test_saving_posts_with_uploads_is_rate_limited_per_address(app, tmp_path, db_session, councillor):
    from tests.security.test_headers_and_limits import _limited_app
    from triage.extensions import limiter

    was = limiter.enabled
    try:
        limited = _limited_app(app, tmp_path, PUBLIC_FORM_UPLOAD_LIMIT="2 per minute", PUBLIC_FORM_MIN_SECONDS=0)
        visitor = limited.test_client()
        visitor.post("/complain/start", environ_base={"REMOTE_ADDR": "10.7.7.7"})
        statuses = [
            visitor.post("/complain/post/1", data=_post("x"), environ_base={"REMOTE_ADDR": "10.7.7.7"}).status_code
            for _ in range(3)
        ]
        assert statuses[-1] == 429 and 429 not in statuses[:2]
    finally:
        limiter.reset()
        limiter.enabled = was


def test_save_and_come_back_later_by_a_single_use_emailed_link(client, councillor, fast_form, smtp_server, app):
    import re

    client.post("/complain/start")
    about = {"name": "Robin Resident", "email": "robin@example.org", "kind": "member_of_public", "confidential": "no"}
    client.submit("/complain/about-you", about, status=302)
    saved = client.submit("/complain/councillor", {"member_id": str(councillor.id), "later": "1"}, status=200)
    assert b"We have emailed you a link to carry on" in saved.data
    email = next(m for m in smtp_server if m["To"] == "robin@example.org")
    link = re.search(r"https?://\S+/complain/return/\S+", email.get_payload()).group(0)
    path = link.split("localhost", 1)[-1]
    assert client.get("/complain/post/1").headers["Location"].endswith("/complain/")  # this browser let go of it

    elsewhere = app.test_client()  # another device: the link alone carries the complaint
    response = elsewhere.get(path)
    assert response.headers["Location"].endswith("/complain/post/1")  # the next page still to do
    assert elsewhere.get("/complain/post/1").status_code == 200
    row = db.session.scalars(select(PublicSubmission)).one()
    db.session.refresh(row)
    assert row.data["councillor"]["member_id"] == str(councillor.id)  # saved before the link was sent

    again = app.test_client().get(path)
    assert again.headers["Location"].endswith("/complain/")  # used once, then no more


def test_an_expired_return_link_is_refused(client, councillor, fast_form, smtp_server, app, db_session):
    import re

    client.post("/complain/start")
    about = {"name": "Robin Resident", "email": "robin@example.org", "kind": "member_of_public", "confidential": "no"}
    client.submit("/complain/about-you", {**about, "later": "1"}, status=200)
    link = re.search(r"/complain/return/\S+", smtp_server[-1].get_payload()).group(0)
    row = db_session.scalars(select(PublicSubmission)).one()
    row.data = {**row.data, "_return_expires": "2000-01-01T00:00:00+00:00"}
    db_session.commit()
    assert app.test_client().get(link).headers["Location"].endswith("/complain/")


def test_forms_started_and_never_sent_are_deleted_by_the_retention_run(
    client, councillor, fast_form, runner, db_session
):
    from datetime import timedelta

    from triage.models.base import utcnow

    client.post("/complain/start")
    client.post("/complain/start")  # a second visitor (the same test browser starts another)
    rows = db_session.scalars(select(PublicSubmission)).all()
    assert len(rows) == 2
    rows[0].started_at = utcnow() - timedelta(days=15)
    db_session.commit()
    dry = runner.invoke(args=["retention"])
    assert "1 public complaint form(s) started more than 14 days ago and never sent." in dry.output
    assert len(db_session.scalars(select(PublicSubmission)).all()) == 2
    runner.invoke(args=["retention", "--apply"])
    db_session.expire_all()
    assert [r.id for r in db_session.scalars(select(PublicSubmission))] == [rows[1].id]


def _start_with_councillor(client, councillor) -> None:
    client.post("/complain/start")
    about = {"name": "Robin Resident", "email": "robin@example.org", "kind": "member_of_public", "confidential": "no"}
    client.submit("/complain/about-you", about, status=302)
    client.submit("/complain/councillor", {"member_id": str(councillor.id)}, status=302)


def _post(text: str, **extra) -> dict:
    return {"text": text, "platform": "x", "still_up": "unknown", **extra}


def test_a_complaint_can_name_several_posts_and_each_reaches_the_officer(
    client, councillor, fast_form, smtp_server, sign_in
):
    _start_with_councillor(client, councillor)
    client.submit("/complain/post/1", _post("First post, calling the clerk a liar."), status=302)
    listing = client.page("/complain/posts")
    assert listing.find("h1").get_text(strip=True) == "You have added 1 post"
    more = client.submit("/complain/posts", {"another": "yes"}, status=302)
    assert more.headers["Location"].endswith("/complain/post/2")
    assert client.page("/complain/post/2").find("h1").get_text(strip=True) == "Post 2"
    client.submit(
        "/complain/post/2",
        {
            **_post("Second post, the same day."),
            "posted_on": ["3", "11", "2026"],
        },
        status=302,
    )
    assert client.get("/complain/post/4").status_code == 404  # no gaps
    unanswered = client.submit("/complain/posts", {}, status=400)
    assert b"Select yes if you want to add another post" in unanswered.data
    client.submit("/complain/posts", {"another": "no"}, status=302)
    client.submit("/complain/what-happened", {"what_happened": "Two posts about the clerk."}, status=302)
    check = client.page("/complain/check").select_one("#answers").get_text(" ", strip=True)
    assert "Post 1" in check and "Post 2" in check and "3 November 2026" in check
    client.submit("/complain/check", {"declaration": "y"}, status=302)

    row = db.session.scalars(select(PublicSubmission)).one()
    assert [p["text"] for p in row.data["posts"]] == [
        "First post, calling the clerk a liar.",
        "Second post, the same day.",
    ]
    sign_in("monitoring_officer", email="several@example.gov.uk")
    page = client.page(f"/public-complaints/{row.reference}")
    assert (
        "Second post" in page.select_one("#post-2").get_text()
        and "3 November 2026" in page.select_one("#post-2").get_text()
    )
    client.submit(f"/public-complaints/{row.reference}/accept", {}, status=302)
    draft = db.session.scalars(select(IntakeDraft)).one()
    assert [p["form"]["text"] for p in draft.data["posts"]] == [
        ["First post, calling the clerk a liar."],
        ["Second post, the same day."],
    ]
    assert draft.data["posts"][1]["form"]["posted_on"] == ["3", "11", "2026"]


def test_a_post_is_removed_only_after_asking_and_a_screenshot_can_be_taken_off(client, councillor, fast_form):
    _start_with_councillor(client, councillor)
    client.submit(
        "/complain/post/1",
        {**_post("Keep this one."), "screenshots": [(_png(), "right.png"), (_png(), "wrong.png")]},
        status=302,
        content_type="multipart/form-data",
    )
    client.submit("/complain/posts", {"another": "yes"}, status=302)
    client.submit("/complain/post/2", _post("Added by mistake."), status=302)
    listing = client.page("/complain/posts")
    assert "wrong.png" in listing.get_text()
    # Both pictures are the same image, stored once: removing one entry leaves the other.
    form = listing.find("form", action="/complain/post/1/screenshots/2/remove")
    client.submit(form["action"], {}, status=302)
    row = db.session.scalars(select(PublicSubmission)).one()
    db.session.refresh(row)
    assert [s["original_filename"] for s in row.data["posts"][0]["screenshots"]] == ["right.png"]
    from pathlib import Path

    folder = Path(client.application.config["UPLOAD_FOLDER"]) / "screenshots"
    kept = row.data["posts"][0]["screenshots"][0]["sha256"]
    assert list(folder.glob(f"{kept}.*"))  # the same picture is still held by the other entry
    buffer = io.BytesIO()
    Image.new("RGB", (320, 160), (250, 200, 0)).save(buffer, "PNG")
    buffer.seek(0)
    client.submit(
        "/complain/post/2",
        {**_post("Added by mistake."), "screenshots": [(buffer, "only-once.png")]},
        status=302,
        content_type="multipart/form-data",
    )
    db.session.refresh(row)
    lonely = row.data["posts"][1]["screenshots"][0]["sha256"]
    assert list(folder.glob(f"{lonely}.*"))
    client.submit("/complain/post/2/screenshots/1/remove", {}, status=302)
    assert not list(folder.glob(f"{lonely}.*"))  # nothing else held it: removing it from the post deleted the file

    confirm = client.page("/complain/post/2/remove")
    assert "Added by mistake." in confirm.get_text()
    client.submit("/complain/post/2/remove", {"sure": "no"}, status=302)
    db.session.refresh(row)
    assert len(row.data["posts"]) == 2
    client.submit("/complain/post/2/remove", {"sure": "yes"}, status=302)
    db.session.refresh(row)
    assert [p["text"] for p in row.data["posts"]] == ["Keep this one."]


def test_the_form_takes_up_to_ten_posts(client, councillor, fast_form):
    from triage.services.public_complaints import MAX_POSTS

    _start_with_councillor(client, councillor)
    for number in range(1, MAX_POSTS + 1):
        client.submit(f"/complain/post/{number}", _post(f"Post number {number}."), status=302)
    assert client.get(f"/complain/post/{MAX_POSTS + 1}").status_code == 404
    listing = client.page("/complain/posts")
    assert listing.find("input", attrs={"name": "another"}) is None
    assert "the most this form takes" in listing.get_text()
    client.submit("/complain/posts", {}, status=302)


def test_screenshots_of_abandoned_forms_are_deleted_unless_something_else_holds_them(
    client, councillor, fast_form, runner, db_session, app
):
    from datetime import timedelta
    from pathlib import Path

    from triage.models.base import utcnow

    def shot(colour) -> io.BytesIO:
        buffer = io.BytesIO()
        Image.new("RGB", (300, 150), colour).save(buffer, "PNG")
        buffer.seek(0)
        return buffer

    _start_with_councillor(client, councillor)
    client.submit(
        "/complain/post/1",
        {**_post("Abandoned."), "screenshots": [(shot((200, 10, 10)), "only-mine.png"), (_png(), "shared.png")]},
        status=302,
        content_type="multipart/form-data",
    )
    other = app.test_client()  # another visitor sends the same picture as one of them
    other.post("/complain/start")
    rows = db_session.scalars(select(PublicSubmission).order_by(PublicSubmission.id)).all()
    abandoned, row_other = rows
    mine, shared = (s["sha256"] for s in abandoned.data["posts"][0]["screenshots"])
    row_other.data = {"posts": [{"text": "x", "screenshots": [{"sha256": shared}]}]}
    abandoned.started_at = utcnow() - timedelta(days=20)
    db_session.commit()
    folder = Path(app.config["UPLOAD_FOLDER"]) / "screenshots"
    assert list(folder.glob(f"{mine}.*")) and list(folder.glob(f"{shared}.*"))

    result = runner.invoke(args=["retention", "--apply"])
    assert "Deleted 1 unsent public complaint form(s) and 1 screenshot file(s) only they held." in result.output
    assert not list(folder.glob(f"{mine}.*"))
    assert list(folder.glob(f"{shared}.*"))  # still held by the other visitor's form


def test_the_same_help_is_in_the_same_place_on_every_page(client, councillor, fast_form):
    """WCAG 2.2 3.2.6 Consistent Help: what to do if someone is in danger, in the footer of every page of the form;
    staff pages have their own footer instead."""
    fill_in(client, councillor, screenshot=False)
    for url in (
        "/complain/",
        "/complain/about-you",
        "/complain/councillor",
        "/complain/post/1",
        "/complain/posts",
        "/complain/what-happened",
        "/complain/check",
    ):
        help_ = client.page(url).select_one("footer #help-in-danger")
        assert help_ is not None and "999" in help_.get_text(), url
    assert client.page("/sign-in").select_one("#help-in-danger") is None


def test_the_case_logged_from_an_accepted_complaint_keeps_the_complainants_account(
    client, councillor, fast_form, smtp_server, sign_in
):
    from tests.web.test_intake_support import Intake
    from triage.models import Case

    fill_in(client, councillor, screenshot=False)
    client.submit("/complain/check", {"declaration": "y"}, status=302)
    reference = db.session.scalars(select(PublicSubmission)).one().reference
    sign_in("monitoring_officer", email="logger@example.gov.uk")
    client.submit(f"/public-complaints/{reference}/accept", {}, status=302)
    draft = db.session.scalars(select(IntakeDraft)).one()
    intake = Intake(client, f"/complaints/new/{draft.public_id}")
    assert (
        "From the public form" in client.page(intake.url("member-details")).select_one("#from-public-form").get_text()
    )
    assert intake.member_details().status_code == 302
    post_id = draft.data["posts"][0]["id"]
    response = intake.post(f"posts/{post_id}", text=POST_TEXT)
    assert response.status_code == 302
    intake.no_more_posts()
    intake.answer_all_questions()
    _, case_reference = intake.create_case()

    db.session.expire_all()
    case = db.session.scalars(select(Case).where(Case.reference == case_reference)).one()
    row = db.session.scalars(select(PublicSubmission)).one()
    assert row.case_id == case.id
    document = db.session.scalars(select(CaseDocument).where(CaseDocument.case_id == case.id)).one()
    assert "in the complainant's words" in document.summary and reference in document.summary
    assert "He called an officer a liar in public." in document.summary and POST_TEXT in document.summary
    page = client.page(f"/cases/{case_reference}")
    assert "He called an officer a liar in public." in page.select_one("#documents-table").get_text()


def test_an_expired_page_says_so_in_words_for_the_public_and_keeps_nothing(app, client, councillor):
    from triage.models.intake import KeptForm

    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/complain/about-you", data={"csrf_token": "stale", "name": "Robin Resident"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 303 and response.headers["Location"].endswith("/complain/about-you")
    assert db.session.scalars(select(KeptForm)).all() == []  # no account to claim it with: nothing stored
    start = client.get(response.headers["Location"], follow_redirects=True)
    text = start.get_data(as_text=True)
    assert "This page had expired" in text and "sign in" not in text.lower()


def test_what_the_tool_reads_is_a_valid_case_file(client, councillor, fast_form, smtp_server):
    from triage.casefile import validate_case_file
    from triage.services.public_complaints import case_file_from, member_name

    fill_in(client, councillor, screenshot=False)
    row = db.session.scalars(select(PublicSubmission)).one()
    case_file = case_file_from(row, member_name(row))
    assert validate_case_file(case_file.to_json()) == []
    assert [p.text for p in case_file.posts] == [POST_TEXT]


def test_the_cookies_page_names_the_one_essential_cookie_the_form_sets(client, council, app):
    page = client.page("/complain/cookies")
    assert page.select_one("footer a[href='/complain/cookies']") is not None
    rows = page.select("#cookies tbody tr")
    assert len(rows) == 1 and app.config["SESSION_COOKIE_NAME"] in rows[0].get_text()
    response = client.post("/complain/start")
    set_names = {header.split("=", 1)[0] for header in response.headers.getlist("Set-Cookie")}
    assert set_names == {app.config["SESSION_COOKIE_NAME"]}  # nothing the page does not declare
    assert "expires" not in response.headers["Set-Cookie"].lower()  # gone when the browser closes, as it says


@pytest.mark.parametrize(
    ("nation", "decider", "address"),
    [
        ("england", "monitoring officer reads every complaint", None),
        ("wales", "Public Services Ombudsman for Wales decides whether to investigate", "https://www.ombudsman.wales/"),
        ("scotland", "Ethical Standards Commissioner investigates", "https://www.ethicalstandards.org.uk/"),
    ],
)
def test_the_form_says_truly_who_decides_in_each_nation(
    client, council, db_session, fast_form, smtp_server, nation, decider, address
):
    """In Wales and Scotland the Ombudsman or the Commissioner decides, and people may complain to them directly:
    the form must not promise a council decision in 20 working days there."""
    from triage.models.enums import Jurisdiction

    council.jurisdiction = Jurisdiction(nation)
    council.assessment_target_days = 15
    db_session.commit()
    member = Member(council_id=council.id, name="Cllr Pat Rowe")
    db_session.add(member)
    db_session.commit()
    page = client.page("/complain/")
    start = page.select_one("#who-decides").get_text(" ", strip=True)
    assert decider in start
    covers = page.select_one("#code-covers").get_text(" ", strip=True)
    assert ("apply at all times" in covers) == (nation == "wales")  # Wales: para 2(1)(d) of the Model Code
    if address:
        assert address in start and "working days" not in start
    else:
        assert "within 15 working days" in start  # the council's own target, not a fixed 20
    fill_in(client, member, screenshot=False)
    sent = client.page(client.submit("/complain/check", {"declaration": "y"}, status=302).headers["Location"])
    assert decider in sent.select_one("#who-decides").get_text(" ", strip=True)
    acknowledgement = next(m for m in smtp_server if m["To"] == "robin@example.org")
    assert decider in " ".join(acknowledgement.get_payload(decode=True).decode().split())
    from tests.conftest import TEST_PASSWORD
    from triage.data.users import create_user

    create_user("officer@example.gov.uk", "Officer", "monitoring_officer", TEST_PASSWORD, actor="test")
    db_session.commit()
    client.post("/sign-out")
    client.submit("/sign-in", {"email": "officer@example.gov.uk", "password": TEST_PASSWORD}, status=302)
    reference = db_session.scalars(select(PublicSubmission)).one().reference
    reply = client.page(f"/public-complaints/{reference}").find("textarea", attrs={"name": "reject-reply"}).get_text()
    assert (address or "does not cover it") in reply  # a signpost where the council does not decide


def test_the_officers_queue_puts_urgent_complaints_first(client, councillor, fast_form, smtp_server, sign_in):
    fill_in(client, councillor, screenshot=False)  # sent first: calm
    client.submit("/complain/check", {"declaration": "y"}, status=302)
    fill_in(client, councillor, text="I know where Jane Doe lives. A can of petrol, Saturday 7pm.", screenshot=False)
    client.submit("/complain/check", {"declaration": "y"}, status=302)
    calm, urgent = db.session.scalars(select(PublicSubmission).order_by(PublicSubmission.id)).all()
    assert urgent.inferred["urgent"] and not calm.inferred["urgent"]
    sign_in("monitoring_officer", email="queue@example.gov.uk")
    rows = client.page("/public-complaints/").select("#public-complaints tbody tr")
    assert [row["data-reference"] for row in rows] == [urgent.reference, calm.reference]
    assert rows[0].select_one("[data-label=Posts]").get_text(strip=True) == "1"


def test_the_privacy_summary_states_the_councils_own_retention_period(client, council, db_session):
    text = client.page("/complain/").select_one("#privacy-notice").get_text(" ", strip=True)
    assert "We keep a complaint for 6 years after it is closed." in text  # the default, 72 months
    council.retention_months = 30
    db_session.commit()
    text = client.page("/complain/").select_one("#privacy-notice").get_text(" ", strip=True)
    assert "We keep a complaint for 30 months after it is closed." in text

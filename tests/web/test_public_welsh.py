"""The public form in Welsh, for councils that offer it: the same pages with the text from the messages catalogue
(Flask-Babel), the language switcher, errors and emails in Welsh; staff pages stay English; and the catalogue is
complete, compiled and free of English left behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sqlalchemy import select

from tests.web.test_public_form import POST_TEXT, _png
from triage.extensions import db
from triage.models import Member, PublicSubmission

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "triage" / "translations" / "cy" / "LC_MESSAGES"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "_l": None,
    "lazy_pgettext": ((1, "c"), 2),
}


def _extracted() -> set[tuple[str | None, str]]:
    """Every message the code marks for the catalogue, found as `make translations` finds them (babel.cfg)."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def _po():
    with open(CATALOGUE / "messages.po", "rb") as handle:
        return read_po(handle)


def test_every_marked_message_has_a_welsh_translation_and_nothing_stale():
    catalogue = _po()
    entries = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalogue if m.id}
    extracted = _extracted()
    assert len(extracted) > 150
    missing = sorted(str(key) for key in extracted - set(entries))
    assert missing == [], "run `make translations` and translate these"
    stale = sorted(str(key) for key in set(entries) - extracted)
    assert stale == [], "no longer in the code: remove them from the catalogue"
    untranslated = [
        key for key, m in entries.items() if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert untranslated == [] and not [m.id for m in catalogue if m.fuzzy and m.id]
    assert catalogue.num_plurals == 6  # Welsh counts zero, one, two, few, many and other


def test_placeholders_survive_translation():
    for message in _po():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"%\(\w+\)[sd]|\{\w+\}", ids[-1]))
        for string in strings:
            assert set(re.findall(r"%\(\w+\)[sd]|\{\w+\}", string)) == wanted, message.id


def _tuple(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def test_the_shipped_mo_file_is_compiled_from_the_po_file():
    with open(CATALOGUE / "messages.mo", "rb") as handle:
        compiled = {(m.context, _tuple(m.id)): _tuple(m.string) for m in read_mo(handle) if m.id}
    written = {(m.context, _tuple(m.id)): _tuple(m.string) for m in _po() if m.id}
    assert compiled == written, "run `make translations` to recompile messages.mo"


@pytest.fixture
def welsh(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_FORM_LANGUAGES", "en,cy")
    monkeypatch.setitem(app.config, "PUBLIC_FORM_MIN_SECONDS", 0)


@pytest.fixture
def councillor(council, db_session):
    member = Member(council_id=council.id, name="Cllr Gwen Morgan", ward="Aber")
    db_session.add(member)
    db_session.commit()
    return member


ENGLISH_LEFT_BEHIND = re.compile(
    r"\b(the|your|you|and|what|with|councillor|complaint|continue|post|screenshot|change|send|select|enter)\b", re.I
)


def _no_english(page: BeautifulSoup, *, allow: tuple[str, ...] = ()) -> None:
    """The visible text of a Welsh page, bar what people typed and names, has no common English word in it."""
    main = page.select_one("main")
    text = main.get_text(" ", strip=True)
    for kept in allow:
        text = text.replace(kept, " ")
    assert not ENGLISH_LEFT_BEHIND.findall(text), ENGLISH_LEFT_BEHIND.findall(text)


def test_a_welsh_council_offers_its_form_in_welsh_from_start_to_finish(
    client, welsh, councillor, smtp_server, make_user
):
    officer = make_user("monitoring_officer", email="swyddog@example.gov.uk")
    english = client.page("/complain/")
    switch = english.select_one(".app-language-select a[lang=cy]")
    assert switch.get_text(strip=True) == "Cymraeg" and english.html["lang"] == "en-GB"
    response = client.get(switch["href"])
    assert response.status_code == 302 and response.headers["Location"].endswith("/complain/")  # no ?lang left
    start = client.page("/complain/")
    assert start.html["lang"] == "cy"
    assert start.select_one(".app-language-select [aria-current]").get_text(strip=True) == "Cymraeg"
    assert start.select_one("#start-now").get_text(strip=True) == "Dechrau nawr"
    assert "Deddf Lleoliaeth 2011" in start.select_one("#privacy-notice").get_text()
    _no_english(start, allow=(start.select_one("#privacy-notice").get_text(),))

    client.post("/complain/start")
    errors = client.submit("/complain/about-you", {}, status=400)
    page = BeautifulSoup(errors.data, "html5lib")
    assert page.title.get_text().startswith("Gwall:")
    summary = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Mae problem wedi codi" in summary and "Rhowch eich enw llawn" in summary
    _no_english(page)
    about = {"name": "Rhys Jones", "email": "rhys@example.org", "kind": "member_of_public", "confidential": "no"}
    client.submit("/complain/about-you", about, status=302)
    councillor_page = client.page("/complain/councillor")
    select_ = councillor_page.select_one("select[data-app-typeahead]")
    assert select_["data-app-typeahead-label"] == "Cynghorwyr sy'n cyfateb"
    _no_english(councillor_page, allow=("Cllr Gwen Morgan (Aber)",))
    client.submit("/complain/councillor", {"member_id": str(councillor.id)}, status=302)
    post_page = client.page("/complain/post/1")
    assert [label.get_text(strip=True) for label in post_page.select(".govuk-date-input__label")] == [
        "Diwrnod",
        "Mis",
        "Blwyddyn",
    ]
    _no_english(
        post_page, allow=("Facebook", "Instagram", "LinkedIn", "TikTok", "WhatsApp", "YouTube", "PNG", "JPEG", "WebP")
    )
    refused = client.submit(
        "/complain/post/1",
        {
            "text": POST_TEXT,
            "platform": "facebook",
            "still_up": "yes",
            "screenshots": [(_png(), "da.png")],
            "posted_on": ["31", "2", "2026"],
        },
        status=400,
        content_type="multipart/form-data",
    )
    assert "Dyddiad y postiad – rhaid iddo fod yn ddyddiad go iawn" in refused.get_data(as_text=True)
    client.submit(
        "/complain/post/1",
        {
            "text": POST_TEXT,
            "platform": "facebook",
            "still_up": "yes",
            "screenshots": [(_png(), "da.png")],
            "posted_on": ["3", "11", "2026"],
        },
        status=302,
        content_type="multipart/form-data",
    )
    posts = client.page("/complain/posts")
    assert posts.find("h1").get_text(strip=True) == "Rydych wedi ychwanegu 1 postiad"
    _no_english(posts, allow=(POST_TEXT, "da.png", "Facebook"))
    client.submit("/complain/posts", {"another": "no"}, status=302)
    client.submit("/complain/what-happened", {"what_happened": "Galwodd swyddog yn gelwyddgi."}, status=302)
    check = client.page("/complain/check")
    assert "3 Tachwedd 2026" in check.select_one("#answers").get_text()
    _no_english(
        check, allow=(POST_TEXT, "Cllr Gwen Morgan", "rhys@example.org", "da.png", "Facebook", "Leave this blank")
    )
    sent = client.page(client.submit("/complain/check", {"declaration": "y"}, status=302).headers["Location"])
    assert sent.select_one(".govuk-panel__title").get_text(strip=True) == "Cwyn wedi'i hanfon"
    _no_english(sent)
    assert sent.select_one(".govuk-service-navigation__service-name").get_text(strip=True) == "Cwyno am gynghorydd"
    footer = [a.get_text(strip=True) for a in sent.select("footer a")]
    assert footer == ["Cwcis", "Datganiad hygyrchedd", "Hysbysiad preifatrwydd"]
    assert sent.select_one(".govuk-skip-link").get_text(strip=True) == "Neidio i'r prif gynnwys"

    row = db.session.scalars(select(PublicSubmission)).one()
    acknowledgement = next(m for m in smtp_server if m["To"] == "rhys@example.org")
    assert row.reference in acknowledgement["Subject"] and "cyfeirnod" in str(acknowledgement["Subject"])
    assert acknowledgement.get_payload(decode=True).decode().startswith("Annwyl Rhys Jones")
    notice = next(m for m in smtp_server if m["To"] == officer.email)
    assert "New complaint from the public form" in str(notice["Subject"])  # the officers' own language
    client.post("/sign-out")
    from tests.conftest import TEST_PASSWORD

    client.submit("/sign-in", {"email": officer.email, "password": TEST_PASSWORD}, status=302)
    review = client.page(f"/public-complaints/{row.reference}")
    assert review.html["lang"] == "en-GB"  # the officer's page stays English
    assert "reply in Welsh" in review.select_one("#language").get_text()


def test_welsh_is_not_offered_unless_the_council_turns_it_on(client, council):
    response = client.get("/complain/?lang=cy")
    assert response.status_code == 302
    page = client.page("/complain/")
    assert page.html["lang"] == "en-GB" and page.select_one(".app-language-select") is None
    assert page.select_one("#start-now").get_text(strip=True) == "Start now"


def test_a_browser_that_prefers_welsh_gets_welsh_before_choosing(client, welsh, council):
    response = client.get("/complain/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert BeautifulSoup(response.data, "html5lib").html["lang"] == "cy"
    response = client.get("/complain/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert BeautifulSoup(response.data, "html5lib").html["lang"] == "en-GB"


def test_staff_pages_stay_in_english_after_a_visitor_chose_welsh(client, welsh, council):
    client.get("/complain/?lang=cy")
    assert client.page("/complain/").html["lang"] == "cy"
    sign_in = client.page("/sign-in")
    assert sign_in.html["lang"] == "en-GB" and sign_in.select_one(".app-language-select") is None
    assert "Sign in" in sign_in.find("h1").get_text()


def test_errors_on_the_public_form_speak_the_visitors_language_and_lead_back_to_the_form(client, welsh, council):
    client.get("/complain/?lang=cy")
    response = client.get("/complain/no-such-page")
    page = BeautifulSoup(response.data, "html5lib")
    assert response.status_code == 404 and page.html["lang"] == "cy"
    assert page.find("h1").get_text(strip=True) == "Heb ddod o hyd i'r dudalen"
    assert page.select_one("main a[href='/complain/']") is not None  # not the staff sign-in
    _no_english(page)
    english = BeautifulSoup(client.get("/complain/no-such-page", headers={"Accept-Language": "en"}).data, "html5lib")
    assert english.html["lang"] == "cy"  # the visitor chose Welsh for this visit

"""Fixtures and helpers shared by the intake tests (no tests here). Pages are driven as a browser would: each POST
carries the draft version read from the page it was sent from."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.conftest import normalise_space
from triage.web.intake.forms import today

REGISTER = """name,party,ward,role,term_start,term_end
Cllr Margaret Ellory,Independent,Abbey,leader,2023-05-04,
Cllr Tomasz Nowak,Labour,Fernhill,councillor,2023-05-04,
Cllr Colin Fairbairn,Conservative,St Anne's,councillor,2019-05-02,2023-05-04
"""

RECEIVED = today() - timedelta(days=3)
POSTED = today() - timedelta(days=10)


def date_parts(day) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.data, "html5lib")


def error_summary(page: BeautifulSoup) -> dict[str, str]:
    """{message: link} from the GOV.UK error summary."""
    box = page.select_one(".govuk-error-summary")
    assert box is not None, "no error summary on the page"
    return {normalise_space(a.text): a["href"] for a in box.select("a")}


def png_bytes(size=(40, 30), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(name="register")
def register_fixture(council, db_session):
    from triage.data.members import import_members_csv

    result = import_members_csv(council, REGISTER, actor="test")
    assert not result.errors
    db_session.commit()
    return {m.name: m for m in council_members(db_session, council)}


def council_members(db_session, council):
    from sqlalchemy import select

    from triage.models import Member

    return db_session.scalars(select(Member).where(Member.council_id == council.id)).all()


@pytest.fixture(name="officer")
def officer_fixture(sign_in, register):
    return sign_in("monitoring_officer")


class Intake:
    """Drives one draft through the journey with the Flask test client."""

    def __init__(self, client, base: str):
        self.client = client
        self.base = base

    @classmethod
    def start(cls, client) -> Intake:
        response = client.post("/complaints/new/", data={})
        assert response.status_code == 302, response.status_code
        location = response.headers["Location"]
        assert location.endswith("/received")
        return cls(client, location.rsplit("/", 1)[0])

    @property
    def public_id(self) -> str:
        return self.base.rsplit("/", 1)[1]

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"

    def version(self, path: str) -> str:
        page = self.client.page(self.url(path))
        return page.select_one("input[name=draft_version]")["value"]

    def submit(self, path: str, data: dict, *, version: str | None = None, files: dict | None = None, **kwargs):
        payload = {"draft_version": version or self.version(path), "submit": "y", **data}
        if files:
            payload.update(files)
            return self.client.post(self.url(path), data=payload, content_type="multipart/form-data", **kwargs)
        return self.client.post(self.url(path), data=payload, **kwargs)

    # --- the steps, with valid defaults ---------------------------------------------------------------------------

    def received(self, **data):
        values = {"received_on": date_parts(RECEIVED), "received_via": "email", **data}
        return self.submit("received", values)

    def complainant(self, **data):
        values = {
            "kind": "member_of_public",
            "name": "Pat Complainant",
            "email": "pat@example.org",
            "phone": "01632 960 001",
            "confidentiality": "no",
            **data,
        }
        return self.submit("complainant", values)

    def member(self, member_id, **data):
        return self.submit("member", {"member_id": str(member_id), **data})

    def member_details(self, **data):
        page = self.client.page(self.url("member-details"))
        values = {
            "role": page.select_one("input[name=role][checked]")["value"],
            "in_office": page.select_one("input[name=in_office][checked]")["value"],
            **data,
        }
        return self.submit("member-details", values)

    def post(self, path: str = "posts/new", files: dict | None = None, **data):
        values = {
            "text": "Cllr Ellory here. The planning committee got this badly wrong.",
            "url": "https://www.facebook.com/harrowden/posts/101",
            "platform": "facebook",
            "posted_on": date_parts(POSTED),
            "author": "subject_member",
            "account_kind": "councillor_account",
            "visibility": "public",
            "interaction": "original_post",
            "removed": "no",
            **data,
        }
        return self.submit(path, values, files=files)

    def no_more_posts(self):
        return self.submit("posts", {"add_another": "no"})

    def answer_group(self, group: str, overrides: dict | None = None):
        """Accept what is shown (prefills) and answer 'unknown' (or the first option) for the rest."""
        from triage.scoring import questions as catalogue

        page = self.client.page(self.url(f"questions/{group}"))
        values = {}
        for q in catalogue.questions_in_group(group):
            checked = page.select_one(f"input[name={q.id}][checked]")
            values[q.id] = checked["value"] if checked else ("unknown" if "unknown" in q.options else q.options[0])
        values.update(overrides or {})
        return self.submit(f"questions/{group}", values)

    def answer_all_questions(self, overrides: dict | None = None):
        from triage.scoring import questions as catalogue

        for group, _ in catalogue.GROUPS:
            response = self.answer_group(group, overrides)
            assert response.status_code == 302, soup(response).select_one(".govuk-error-summary")

    def complete(self, member_id, *, post: dict | None = None, files: dict | None = None) -> Intake:
        for response in (
            self.received(),
            self.complainant(),
            self.member(member_id),
            self.member_details(),
            self.post(files=files, **(post or {})),
            self.no_more_posts(),
        ):
            assert response.status_code == 302, soup(response).select_one(".govuk-error-summary")
        self.answer_all_questions()
        return self

    def create_case(self):
        response = self.submit("check", {})
        assert response.status_code == 302, soup(response).select_one(".govuk-error-summary")
        assert response.headers["Location"].endswith("/confirmation")
        page = self.client.page(response.headers["Location"])
        return page, normalise_space(page.select_one("#case-reference").text)

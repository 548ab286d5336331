"""Builders shared by the note and decision tests: cases with posts, screenshots, an assessment, the
Independent Person's views and decisions, plus PDF readers. Everything invented."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from tests.conftest import REPO_ROOT, TEST_PASSWORD

ARTIFACTS = REPO_ROOT / "test-artifacts"
POST_TEXT = "Cllr Grey is a useless idiot and a liar.\nShe should resign before the budget vote."
COMPLAINANT = "Robin Quillfeather"
COMPLAINANT_EMAIL = "robin.q@example.org"
MEMBER = "Cllr Avery Grey"
MEMBER_EMAIL = "avery.grey@testshire.example.gov.uk"
THIRD_PARTY_TEXT = "Comment by Sam Thirdparty: agreed, she is a disgrace."


def png_bytes(colour=(200, 30, 30), size=(320, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def store_png(app, colour=(200, 30, 30)):
    """Store a screenshot the way intake does and return the StoredImage."""
    from werkzeug.datastructures import FileStorage

    from triage.files import store_screenshot

    with app.test_request_context():
        return store_screenshot(FileStorage(stream=io.BytesIO(png_bytes(colour)), filename="shot.png"))


def case_file(
    *,
    text: str = POST_TEXT,
    confidential: bool = False,
    third_party: bool = False,
    reference: str | None = None,
    answers: dict | None = None,
) -> dict:
    posts = [
        {
            "text": text,
            "platform": "facebook",
            "url": "https://www.facebook.com/CllrAveryGrey/posts/987654321",
            "posted_on": "2026-10-01",
            "account_kind": "councillor_account",
            "visibility": "public",
            "author": "subject_member",
        }
    ]
    if third_party:
        posts.append(
            {
                "text": THIRD_PARTY_TEXT,
                "platform": "facebook",
                "posted_on": "2026-10-02",
                "author": "third_party",
                "visibility": "public",
                "removed": "no",
            }
        )
    data = {
        "jurisdiction": "england",
        "code": "lga-model-2020",
        "received_on": "2026-10-06",
        "complainant": {
            "kind": "member_of_public",
            "name": COMPLAINANT,
            "email": COMPLAINANT_EMAIL,
            "confidentiality_requested": confidential,
        },
        "subject_member": {
            "name": MEMBER,
            "role": "cabinet_member",
            "party": "Harbour Party",
            "in_office_at_time": "yes",
        },
        "posts": posts,
        "answers": answers
        if answers is not None
        else {
            "acting_as_councillor": "yes",
            "identified_as_councillor": "yes",
            "about_individual": "yes",
            "target": "councillor",
            "political_expression": "no",
            "false_statement_of_fact": "yes",
        },
    }
    if reference:
        data["reference"] = reference
    return data


def make_case(app, council, *, screenshot: bool = True, assess: bool = True, **kwargs):
    """A case in the database with an email for the member, optionally a stored screenshot and an assessment."""
    from triage.data.cases import create_case_from_file
    from triage.extensions import db
    from triage.models import Screenshot
    from triage.services import assessing

    case = create_case_from_file(council, case_file(**kwargs))
    case.member.email = MEMBER_EMAIL
    if screenshot:
        stored = store_png(app)
        case.posts[0].screenshots.append(
            Screenshot(
                sha256=stored.sha256,
                content_type=stored.content_type,
                width=stored.width,
                height=stored.height,
                size_bytes=stored.size_bytes,
                original_filename="shot.png",
            )
        )
    db.session.flush()
    if assess:
        assessing.run_assessment(case, actor="test")
    db.session.commit()
    return case


def login(client, user) -> None:
    client.post("/sign-out")
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, "sign-in failed"


def refer(case, user) -> None:
    from triage.extensions import db
    from triage.models import CaseReferral

    db.session.add(CaseReferral(case_id=case.id, user_id=user.id))
    db.session.commit()


def pdf_text(pdf: bytes) -> str:
    """All the text, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def squash(text: str) -> str:
    """Text with all whitespace removed: line breaks inside long words cannot make a match fail."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def xmp(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def embedded_files(pdf: bytes) -> list:
    """Every file specification or embedded-file name tree in the PDF (must be empty)."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    found = []
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("/EmbeddedFiles")
    if "/AF" in root:
        found.append("/AF")
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                found.append("/FileAttachment")
    raw = pdf
    if b"/Filespec" in raw or b"/EmbeddedFile" in raw:
        found.append("raw /Filespec or /EmbeddedFile")
    return found


def save_page_one_png(pdf: bytes, name: str) -> Path | None:
    """Render page 1 with Debian's pdftoppm and keep it in test-artifacts/ (None if pdftoppm is missing)."""
    if shutil.which("pdftoppm") is None:
        return None
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / f"{name}.pdf"
    pdf_path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path), str(ARTIFACTS / name)],
        check=True,
        timeout=60,
    )
    return ARTIFACTS / f"{name}.png"


def today() -> date:
    return date.today()

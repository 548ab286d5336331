"""Screenshot uploads: only real PNG/JPEG/WebP images, re-encoded without metadata or trailing bytes, stored
outside the web root under the SHA-256 of the clean file, refused with a GOV.UK error (never a 500)."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tests.web.test_intake_support import (  # noqa: F401  (fixtures)
    Intake,
    error_summary,
    officer_fixture,
    png_bytes,
    register_fixture,
    soup,
)
from triage import files
from triage.models import IntakeDraft, Screenshot


def _storage(data: bytes, name: str = "shot.png") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Ltd"  # Make
    exif[0x0131] = "secret-editor 1.0"  # Software
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"hidden comment")
    return out.getvalue()


def png_header_bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny PNG whose header claims 1.6 billion pixels (the image data is never reached)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


# --- triage.files on its own -------------------------------------------------------------------------------------


def test_a_screenshot_over_the_documented_pixel_cap_is_refused_before_it_is_decoded(app):
    from werkzeug.datastructures import FileStorage

    from triage import files

    with app.app_context():
        with pytest.raises(files.ScreenshotError, match="too many pixels"):
            files.store_screenshot(FileStorage(io.BytesIO(png_header_bomb(9_000, 5_000)), "big.png"))
    assert files.MAX_PIXELS == 40_000_000 < 9_000 * 5_000


def test_a_png_is_re_encoded_and_stored_under_its_sha256_outside_static(app):
    original = png_bytes() + b"<?php system($_GET['c']); ?>"  # a trailing payload after IEND
    with app.app_context():
        stored = files.store_screenshot(_storage(original))
        path = files.screenshot_path(stored.sha256)
    data = path.read_bytes()
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert path.name == f"{stored.sha256}.png"
    assert path.parent == Path(app.config["UPLOAD_FOLDER"]) / "screenshots"
    assert not path.resolve().is_relative_to(Path(app.static_folder).resolve())
    assert b"<?php" not in data and data != original
    assert (stored.content_type, stored.width, stored.height, stored.size_bytes) == ("image/png", 40, 30, len(data))
    with Image.open(path) as reopened:
        assert reopened.format == "PNG" and reopened.size == (40, 30)


def test_exif_and_comments_are_stripped_from_a_jpeg(app):
    original = jpeg_with_exif()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif()[0x010F] == "SpyCam Ltd"
    with app.app_context():
        stored = files.store_screenshot(_storage(original, "phone.jpg"))
        path = files.screenshot_path(stored.sha256)
    assert path.suffix == ".jpg" and stored.content_type == "image/jpeg"
    data = path.read_bytes()
    assert b"SpyCam" not in data and b"Exif" not in data and b"hidden comment" not in data
    with Image.open(path) as after:
        assert not after.getexif()
        assert "exif" not in after.info and "comment" not in after.info


def test_webp_is_accepted(app):
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 128)).save(out, "WEBP")
    with app.app_context():
        stored = files.store_screenshot(_storage(out.getvalue(), "a.webp"))
    assert stored.content_type == "image/webp"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not an image", "The selected file must be a PNG, JPEG or WebP image"),
        (b"GIF89a" + b"\x00" * 20, "The selected file must be a PNG, JPEG or WebP image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "The selected file must be a PNG, JPEG or WebP image"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "The selected file must be a PNG, JPEG or WebP image"),
        (b"", "The selected file is empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (10 * 1024 * 1024), "The selected file must be smaller than 10 MB"),
        (png_header_bomb(), "too many pixels"),
    ],
)
def test_files_that_are_not_safe_images_are_refused(app, data, message):
    with app.app_context(), pytest.raises(files.ScreenshotError, match=message):
        files.store_screenshot(_storage(data))


@pytest.mark.parametrize("bad", ["../../etc/passwd", "ABC", "a" * 64 + "/x", "g" * 64])
def test_screenshot_path_only_takes_a_sha256(app, bad):
    with app.app_context(), pytest.raises(ValueError):
        files.screenshot_path(bad)


# --- through the post page ---------------------------------------------------------------------------------------


def _at_post_page(client, register) -> Intake:
    intake = Intake.start(client)
    intake.received()
    intake.complainant()
    intake.member(register["Cllr Margaret Ellory"].id)
    intake.member_details()
    return intake


def test_refused_uploads_are_form_errors_and_the_rest_of_the_post_is_kept(client, officer, register, db_session):
    intake = _at_post_page(client, register)
    cases = [
        (b"%PDF-1.7 pretending", "evidence.png", "‘evidence.png’ must be a PNG, JPEG or WebP image"),
        (b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024 + 1), "huge.jpg", "‘huge.jpg’ must be smaller than 10 MB"),
        (png_header_bomb(), "bomb.png", "‘bomb.png’ has too many pixels to process safely"),
    ]
    path = "posts/new"
    for data, name, message in cases:
        response = intake.post(path=path, files={"screenshots": (io.BytesIO(data), name)}, text="Kept words")
        assert response.status_code == 200, name
        page = soup(response)
        (text, href), *_ = error_summary(page).items()
        assert text.startswith(message) and href == "#screenshots"
        assert page.select_one("#screenshots-error") is not None
        assert page.select_one("textarea#text").text == "Kept words"
        path = page.select_one("form[enctype]")["action"].split(f"{intake.public_id}/", 1)[1]
        assert path.split("?")[0] == "posts/new"  # a refused post is not added; the form still adds a new one
    draft = db_session.scalars(select(IntakeDraft)).one()
    assert draft.data["posts"] == [] and not draft.data.get("pending_screenshots")


def test_uploaded_screenshots_are_recorded_in_the_draft_shown_and_kept_with_the_case(
    client, officer, register, db_session
):
    intake = _at_post_page(client, register)
    shots = {"screenshots": [(io.BytesIO(png_bytes()), "post.png"), (io.BytesIO(jpeg_with_exif()), "photo.jpg")]}
    # A validation error elsewhere does not lose the uploads: no post is added, and they wait in the draft.
    response = intake.post(files=shots, removed="")
    assert response.status_code == 200
    draft = db_session.scalars(select(IntakeDraft)).one()
    assert draft.data["posts"] == []
    assert [s["original_filename"] for s in draft.data["pending_screenshots"]] == ["post.png", "photo.jpg"]
    page = soup(response)
    thumbs = page.select("#screenshots-added img")
    assert len(thumbs) == 2
    image = client.get(thumbs[0]["src"])
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"

    assert intake.post().status_code == 302
    db_session.refresh(draft)
    (entry,) = draft.data["posts"]
    assert [s["original_filename"] for s in entry["screenshots"]] == ["post.png", "photo.jpg"]
    assert "pending_screenshots" not in draft.data
    intake.no_more_posts()
    intake.answer_all_questions()
    _, reference = intake.create_case()
    stored = db_session.scalars(select(Screenshot).order_by(Screenshot.id)).all()
    assert [s.original_filename for s in stored] == ["post.png", "photo.jpg"]
    assert stored[1].content_type == "image/jpeg"
    assert all(files_path_exists(db_session, s.sha256) for s in stored)


def page_edit_path(client, intake) -> str:
    page = client.page(intake.url("posts"))
    return page.select(".govuk-summary-card")[-1].select_one("a")["href"]


def files_path_exists(db_session, sha256: str) -> bool:
    from flask import current_app

    return any((Path(current_app.config["UPLOAD_FOLDER"]) / "screenshots").glob(f"{sha256}.*"))


def test_a_screenshot_can_be_removed_and_is_only_served_to_the_drafts_owner(client, officer, register, make_user):
    from tests.conftest import TEST_PASSWORD

    intake = _at_post_page(client, register)
    intake.post(files={"screenshots": (io.BytesIO(png_bytes()), "post.png")}, removed="")
    page = soup(intake.post())  # fixed and saved: the waiting screenshot is attached to the new post
    page = client.page(page_edit_path(client, intake))
    src = page.select_one("#screenshots-added img")["src"]
    remove = page.select_one("#screenshots-added a[href*='/remove']")["href"]
    confirm = client.page(remove)
    assert "Are you sure you want to remove the screenshot ‘post.png’?" in confirm.text
    version = confirm.select_one("input[name=draft_version]")["value"]
    assert client.post(remove, data={"confirm": "yes", "draft_version": version, "submit": "y"}).status_code == 302
    assert client.get(src).status_code == 404  # no longer part of this draft

    response = intake.post(
        path=remove.split(f"{intake.public_id}/")[1].split("/screenshots")[0],
        files={"screenshots": (io.BytesIO(png_bytes()), "again.png")},
        removed="",
    )
    src = soup(response).select_one("#screenshots-added img")["src"]
    client.post("/sign-out")
    other = make_user("deputy_monitoring_officer", email="deputy@example.gov.uk")
    client.post("/sign-in", data={"email": other.email, "password": TEST_PASSWORD})
    assert client.get(src).status_code == 404


def test_a_request_over_the_total_upload_limit_is_a_form_error_not_a_crash(client, officer, register, app):
    intake = _at_post_page(client, register)
    version = intake.version("posts/new")
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 5_000
    try:
        response = client.post(
            intake.url("posts/new"),
            data={
                "draft_version": version,
                "text": "Words",
                "screenshots": (io.BytesIO(b"\x89PNG" + bytes(20_000)), "a.png"),
            },
            content_type="multipart/form-data",
        )
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit
    assert response.status_code == 413
    page = soup(response)
    assert error_summary(page) == {
        "The selected files must be smaller than 45 MB in total. Add fewer at a time": "#screenshots"
    }

"""Large screenshots: the original is kept by its hash as evidence, and pages and notes use a downscaled copy."""

from __future__ import annotations

import io

from PIL import Image
from werkzeug.datastructures import FileStorage

from triage import files


def _png(width: int, height: int) -> FileStorage:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 200)).save(buffer, "PNG")
    buffer.seek(0)
    return FileStorage(stream=buffer, filename="big.png", content_type="image/png")


def test_a_large_screenshot_keeps_its_original_and_gets_a_display_copy(app, db_session):
    with app.app_context():
        stored = files.store_screenshot(_png(4000, 2500))
        original = files.screenshot_path(stored.sha256)
        display = files.screenshot_path(stored.sha256, display=True)
        assert original != display and original.stem == stored.sha256
        with Image.open(original) as image:
            assert image.size == (4000, 2500)
        with Image.open(display) as image:
            assert image.size == (1600, 1000)
        assert oct(display.stat().st_mode & 0o777) == "0o640"


def test_a_small_screenshot_is_its_own_display_copy(app, db_session):
    with app.app_context():
        stored = files.store_screenshot(_png(800, 600))
        assert files.screenshot_path(stored.sha256, display=True) == files.screenshot_path(stored.sha256)

"""Evidence screenshots: checked, re-encoded and stored outside the web root under the SHA-256 of the clean bytes.

An upload is trusted for nothing: the type comes from the file's own bytes (never its name or the browser's content
type), Pillow decodes it with only PNG, JPEG and WebP enabled and its decompression-bomb limit in force, and the
image is re-encoded from pixels. Re-encoding drops EXIF (location, device), ICC and text chunks and anything
appended after the image data. Files are stored as ``<UPLOAD_FOLDER>/screenshots/<sha256>.<ext>``; the same picture
uploaded twice is stored once.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
#: The most pixels a screenshot may have. Measured (benchmarks/bench_screenshot_memory.py, 2026-12-05): storing a
#: 40-million-pixel PNG (7,700 × 5,190) peaks at 479 MB resident for the whole process, app loaded, under the 512 MB
#: a worker may use; decoding is done once and the display copy is made without a second full-size copy. Pillow's
#: own default (about 89 million, with an error only at twice that) let an 81-megapixel image take a worker to 1 GB.
MAX_PIXELS = 40_000_000
#: Large screenshots also get a display copy this many pixels on the longest side, named after the original's hash.
DISPLAY_MAX_SIDE = 1600
DISPLAY_SUFFIX = ".display"
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow warns above this; _decode turns the warning into a refusal
SCREENSHOT_DIR = "screenshots"

# Pillow format name -> (content type, file extension, magic-number test on the first bytes)
FORMATS: dict[str, tuple[str, str]] = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
}
EXTENSIONS = {ext: fmt for fmt, (_, ext) in FORMATS.items()}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

NOT_AN_IMAGE = "The selected file must be a PNG, JPEG or WebP image"
TOO_BIG = "The selected file must be smaller than 10 MB"
EMPTY = "The selected file is empty"
TOO_MANY_PIXELS = "The selected file has too many pixels to process safely. Take a smaller screenshot"
UNREADABLE = f"{NOT_AN_IMAGE}. The file could not be read as an image"
#: Every message a refused upload can give: the public form shows them in the visitor's language, so each one is
#: also in the messages catalogue (a test checks).
MESSAGES = (NOT_AN_IMAGE, TOO_BIG, EMPTY, TOO_MANY_PIXELS, UNREADABLE)


class ScreenshotError(ValueError):
    """The upload was refused; the message is written for the person who chose the file."""


@dataclass(frozen=True)
class StoredImage:
    sha256: str
    content_type: str
    width: int
    height: int
    size_bytes: int

    @property
    def extension(self) -> str:
        return self.content_type.split("/")[1].replace("jpeg", "jpg")

    def to_dict(self) -> dict:
        return asdict(self)


def sniff_format(head: bytes) -> str | None:
    """The image format named by the file's magic number, or None if it is not one we accept."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _read_limited(file_storage) -> bytes:
    stream = file_storage.stream
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ScreenshotError(TOO_BIG)
    if not data:
        raise ScreenshotError(EMPTY)
    return data


def _decode(data: bytes, fmt: str) -> Image.Image:
    """Decode with only the sniffed format enabled; too many pixels is an error, not a warning."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=[fmt])
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ScreenshotError(TOO_MANY_PIXELS) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ScreenshotError(UNREADABLE) from exc
    return image


def _clean_copy(image: Image.Image, fmt: str) -> Image.Image:
    """Pixels only: orientation applied, palette and exotic modes converted, metadata dropped."""
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # animated PNG/WebP: keep the first frame
    image = ImageOps.exif_transpose(image) or image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if fmt == "JPEG":
        target = "L" if image.mode in ("L", "1", "I;16") else "RGB"
    elif image.mode in ("RGB", "RGBA", "L", "LA"):
        target = image.mode
    else:
        target = "RGBA" if has_alpha else "RGB"
    # The same image object when its mode is already right (no second full-size copy); metadata is dropped either
    # way, since only pixels are re-encoded.
    clean = image.convert(target) if image.mode != target else image
    clean.info = {}
    return clean


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "PNG":
        image.save(out, "PNG", optimize=False)
    elif fmt == "JPEG":
        image.save(out, "JPEG", quality=90, optimize=True)
    else:
        image.save(out, "WEBP", quality=90, method=4)
    return out.getvalue()


def _folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / SCREENSHOT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_screenshot(file_storage) -> StoredImage:
    """Check, re-encode and store one uploaded screenshot (a werkzeug FileStorage or anything with `.stream`).

    Raises ScreenshotError with a GOV.UK-style message for anything that is not a safe PNG, JPEG or WebP image.
    """
    data = _read_limited(file_storage)
    fmt = sniff_format(data[:16])
    if fmt is None:
        raise ScreenshotError(NOT_AN_IMAGE)
    image = _decode(data, fmt)
    clean = image
    try:
        clean = _clean_copy(image, fmt)
        encoded = _encode(clean, fmt)
        width, height = clean.size
        display = None
        if max(width, height) > DISPLAY_MAX_SIDE:
            # The original is kept, by its hash, as evidence; pages and notes show a copy no wider or taller than
            # DISPLAY_MAX_SIDE, so drawing a case never decodes a 40-megapixel image again. resize() with a
            # reducing gap shrinks in steps without another full-size copy.
            scale = DISPLAY_MAX_SIDE / max(width, height)
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            small = clean.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            display = _encode(small, fmt)
            small.close()
    finally:
        if clean is not image:
            clean.close()
        image.close()
    content_type, ext = FORMATS[fmt]
    digest = hashlib.sha256(encoded).hexdigest()
    write_once(_folder() / f"{digest}.{ext}", encoded)
    if display is not None:
        write_once(_folder() / f"{digest}{DISPLAY_SUFFIX}.{ext}", display)
    return StoredImage(digest, content_type, width, height, len(encoded))


def write_once(path: Path, data: bytes) -> None:
    """Store content-addressed bytes (the name is their hash): skipped if already there, else written to a
    temporary file and renamed into place, mode 0640, so a reader never sees half a file."""
    if path.exists():
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o640)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def screenshot_path(sha256: str, *, display: bool = False) -> Path:
    """Where a stored screenshot is: with ``display``, its downscaled copy if it has one (large images), else the
    original. Raises ValueError for anything but a SHA-256 in lower-case hex (so a caller can never be tricked into
    reading another path) and FileNotFoundError if no such file is stored."""
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ValueError("not a SHA-256 hex digest")
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / SCREENSHOT_DIR
    if display:
        for ext in EXTENSIONS:
            path = folder / f"{sha256}{DISPLAY_SUFFIX}.{ext}"
            if path.is_file():
                return path
    for ext in EXTENSIONS:
        path = folder / f"{sha256}.{ext}"
        if path.is_file():
            return path
    raise FileNotFoundError(sha256)


def content_type_for(path: Path) -> str:
    return FORMATS[EXTENSIONS[path.suffix.lstrip(".")]][0]

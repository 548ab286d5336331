"""Case documents (the complaint form, the member's response, an investigator's report, letters): checked and stored
outside the web root under the SHA-256 of their bytes.

Images go through exactly the same path as evidence screenshots (:func:`triage.files.store_screenshot`: sniffed,
decoded with a pixel limit, re-encoded). PDFs are allowed where they are safe to hand to a colleague's reader: the
bytes must start as a PDF, parse, not be encrypted, and contain no JavaScript, launch actions, embedded files, rich
media or XFA forms, checked object by object, including objects inside compressed object streams. Anything else is
refused with a message for the person who chose the file.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from triage import files

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_OBJECTS = 200_000
DOCUMENT_DIR = "documents"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Keys and action types that make a PDF do something when opened or clicked.
_ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
NOT_ALLOWED = "The selected file must be a PDF, PNG, JPEG or WebP file"


class DocumentError(ValueError):
    """The upload was refused; the message is written for the person who chose the file."""


@dataclass(frozen=True)
class StoredDocument:
    sha256: str
    content_type: str
    size_bytes: int


def store_document(file_storage) -> StoredDocument:
    """Check and store one uploaded document; raises DocumentError for anything unsafe or unreadable."""
    head = file_storage.stream.read(8)
    file_storage.stream.seek(0)
    if head.startswith(b"%PDF-"):
        data = file_storage.stream.read(MAX_PDF_BYTES + 1)
        if len(data) > MAX_PDF_BYTES:
            raise DocumentError(f"The selected PDF must be smaller than {MAX_PDF_BYTES // (1024 * 1024)} MB")
        check_pdf(data)
        digest = hashlib.sha256(data).hexdigest()
        files.write_once(_folder() / f"{digest}.pdf", data)
        return StoredDocument(digest, "application/pdf", len(data))
    if files.sniff_format(head + file_storage.stream.read(8)) is None:
        raise DocumentError(NOT_ALLOWED)
    file_storage.stream.seek(0)
    try:
        image = files.store_screenshot(file_storage)
    except files.ScreenshotError as refused:
        raise DocumentError(str(refused)) from refused
    return StoredDocument(image.sha256, image.content_type, image.size_bytes)


def check_pdf(data: bytes) -> None:
    """Refuse a PDF that cannot be parsed, is encrypted, or can run anything (see the module docstring)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentError("The selected PDF is password-protected. Upload a copy without a password")
        size = int(reader.trailer.get("/Size", 0))
        if size > MAX_PDF_OBJECTS:
            raise DocumentError("The selected PDF is too complex to check. Print it to a new PDF and upload that")
        for number in range(1, size):
            try:
                obj = reader.get_object(number)
            except (PdfReadError, ValueError, KeyError, TypeError):
                continue
            if _active(obj):
                raise DocumentError(
                    "The selected PDF contains scripts, attachments or actions. Print it to a new PDF and upload that"
                )
        if len(reader.pages) == 0:
            raise DocumentError("The selected PDF has no pages")
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("The selected file could not be read as a PDF") from exc


def _active(obj) -> bool:
    from pypdf.generic import DictionaryObject

    if not isinstance(obj, DictionaryObject):
        return False
    if _ACTIVE_KEYS & set(obj.keys()):
        return True
    return str(obj.get("/S", "")) in _ACTIVE_ACTIONS


def document_path(sha256: str, content_type: str) -> Path:
    """Where a stored document is; ValueError for anything but a SHA-256, FileNotFoundError if it is missing."""
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ValueError("not a SHA-256 hex digest")
    if content_type == "application/pdf":
        path = Path(current_app.config["UPLOAD_FOLDER"]) / DOCUMENT_DIR / f"{sha256}.pdf"
        if path.is_file():
            return path
        raise FileNotFoundError(sha256)
    return files.screenshot_path(sha256)


def _folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / DOCUMENT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder

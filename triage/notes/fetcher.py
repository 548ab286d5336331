"""The only way WeasyPrint may load anything while rendering a note: a deny-by-default URL fetcher.

WeasyPrint's own fetcher opens ``file:``, ``http(s):``, ``ftp:`` and ``data:`` URLs and embeds whatever
``<link rel="attachment">`` points at, which turns any markup that reaches the renderer into a file-read or SSRF
primitive. Notes are rendered only from our own templates with post text escaped, so nothing a complainant typed
can become markup; this fetcher is the second wall, for the day a template makes a mistake.

Two schemes are served, and nothing else:

``asset:<name>``
    a file in the fixed folder ``triage/notes/assets/`` (print stylesheet). The name must be a plain file name
    with an allowed extension; the resolved path must still be inside the folder.
``screenshot:<sha256>``
    one of the case's own stored screenshots, and only if its hash is in the allow-list this fetcher was built
    with. The file's bytes are hashed again before serving, so a file swapped on disk is refused, and they must
    start with a PNG, JPEG or WebP signature.

Everything else (``file:``, ``http:``, ``https:``, ``ftp:``, ``data:``, relative or unknown URLs, anything containing
``..``) is refused without being opened: the attempt is logged and :class:`FetchRefused` raised, which WeasyPrint
reports as a failed resource and renders without it. No network or file access happens for a refused URL.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from pathlib import Path

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

LOG = logging.getLogger(__name__)

ASSETS_DIR = (Path(__file__).parent / "assets").resolve()
ASSET_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}
MAX_SCREENSHOT_BYTES = 12 * 1024 * 1024
#: Images served to one document at most: a bound on memory and rendering time.
MAX_SCREENSHOTS_SERVED = 60

_ASSET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(css|svg|png)$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


class FetchRefused(ValueError):
    """The renderer asked for a URL outside the allow-list; nothing was opened."""


def image_type(head: bytes) -> str | None:
    """The content type named by an image's magic number (PNG, JPEG or WebP), or None."""
    for signature, content_type in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return content_type
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class NoteURLFetcher(URLFetcher):
    """Serve ``asset:`` files and allow-listed ``screenshot:`` hashes; refuse everything else.

    ``screenshots`` maps each allowed SHA-256 to the stored file's path (the caller resolves paths, for example
    with ``triage.files.screenshot_path``). Refused URLs are kept in :attr:`refused` for logging and tests.
    """

    def __init__(self, screenshots: Mapping[str, Path | str] | None = None):
        # No handlers, no redirects, no protocols: the parent's opener is never used.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.screenshots = {
            sha: Path(path) for sha, path in (screenshots or {}).items() if isinstance(sha, str) and _SHA256.match(sha)
        }
        self.served: list[str] = []
        self.refused: list[str] = []

    # WeasyPrint calls fetch() (through __call__); open() is the urllib entry point, closed off too.
    def open(self, url, data=None, timeout=None):
        raise FetchRefused("the note renderer never opens URLs through urllib")

    def fetch(self, url, headers=None):
        url = str(url)
        if ".." in url or "\\" in url:
            return self._refuse(url, "path traversal")
        scheme, _, rest = url.partition(":")
        scheme = scheme.lower()
        if scheme == "asset":
            return self._asset(url, rest)
        if scheme == "screenshot":
            return self._screenshot(url, rest)
        return self._refuse(url, "scheme not allowed")

    def _refuse(self, url: str, why: str):
        self.refused.append(url)
        LOG.warning("note renderer refused to fetch %.200r (%s)", url, why)
        raise FetchRefused(f"refused to fetch {url[:200]!r}: {why}")

    def _asset(self, url: str, name: str) -> URLFetcherResponse:
        if not _ASSET_NAME.match(name):
            return self._refuse(url, "not an asset name")
        path = (ASSETS_DIR / name).resolve()
        if path.parent != ASSETS_DIR or not path.is_file():
            return self._refuse(url, "no such asset")
        self.served.append(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": ASSET_TYPES[path.suffix]})

    def _screenshot(self, url: str, sha: str) -> URLFetcherResponse:
        sha = sha.lower()
        if not _SHA256.match(sha) or sha not in self.screenshots:
            return self._refuse(url, "screenshot not in this case's allow-list")
        if sum(u.startswith("screenshot:") for u in self.served) >= MAX_SCREENSHOTS_SERVED:
            return self._refuse(url, "too many images in one document")
        path = self.screenshots[sha]
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_SCREENSHOT_BYTES:
                return self._refuse(url, "stored screenshot missing, linked or too large")
            body = path.read_bytes()
        except OSError:
            return self._refuse(url, "stored screenshot unreadable")
        if hashlib.sha256(body).hexdigest() != sha:
            return self._refuse(url, "stored screenshot does not match its hash")
        content_type = image_type(body[:16])
        if content_type is None:
            return self._refuse(url, "stored screenshot is not a PNG, JPEG or WebP image")
        self.served.append(url)
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

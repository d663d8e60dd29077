"""A WeasyPrint URL fetcher that serves only allow-listed app assets and small data: URIs.

App assets are addressed with the private scheme ``app-asset:`` followed by a path under
``app/static`` (``app-asset:fonts/DejaVuSans.ttf``). Nothing else is fetched: no file://,
no http(s)://, no other scheme. WeasyPrint catches the refusal, logs it through its
"weasyprint" logger and leaves the resource out (an image is dropped, an attachment is
not embedded), so a hostile document renders without what it asked for.

Imports WeasyPrint only when the class is first needed, so that importing app.exports
modules stays cheap for the web process.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

from app.caches import memoize

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
SCHEME = "app-asset:"
ALLOWED_ASSETS = frozenset(
    {
        "fonts/DejaVuSans.ttf",
        "fonts/DejaVuSans-Bold.ttf",
        "fonts/DejaVuSans-Oblique.ttf",
        "fonts/DejaVuSans-BoldOblique.ttf",
        "css/print.css",
    }
)
ASSET_TYPES = {".ttf": "font/ttf", ".css": "text/css"}
DATA_TYPES = frozenset({"image/png", "image/jpeg", "image/svg+xml"})
MAX_DATA_URI_BYTES = 2 * 1024 * 1024


class AssetRefused(ValueError):
    """A resource the renderer may not load."""


def asset_url(relative: str) -> str:
    """The private URL of an allow-listed asset ("fonts/DejaVuSans.ttf")."""
    if relative not in ALLOWED_ASSETS:
        raise AssetRefused(f"not an allow-listed asset: {relative}")
    return SCHEME + relative


def resolve_asset(url: str) -> Path:
    """The file behind an app-asset: URL, after checking it against the allow-list."""
    relative = url[len(SCHEME) :].split("?", 1)[0].split("#", 1)[0].lstrip("/")
    path = (STATIC_DIR / relative).resolve()
    allowed = {(STATIC_DIR / name).resolve() for name in ALLOWED_ASSETS}
    # Compare resolved paths, so "fonts/../../x" or a symlink cannot leave the list.
    if path not in allowed:
        raise AssetRefused(f"not an allow-listed asset: {url[:200]}")
    return path


def decode_data_uri(url: str) -> tuple[str, bytes]:
    """Media type and bytes of a data: URI of an allowed image type, within the size cap."""
    if len(url) > MAX_DATA_URI_BYTES * 4 // 3 + 256:
        raise AssetRefused("data: URI is too large")
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise AssetRefused("malformed data: URI")
    params = [part.strip().lower() for part in header.split(";")]
    media_type = params[0] or "text/plain"
    if media_type not in DATA_TYPES:
        raise AssetRefused(f"data: URI type not allowed: {media_type[:60]}")
    try:
        if "base64" in params[1:]:
            data = base64.b64decode(payload, validate=False)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as error:
        raise AssetRefused("malformed data: URI") from error
    if len(data) > MAX_DATA_URI_BYTES:
        raise AssetRefused("data: URI is too large")
    return media_type, data


@memoize("exports.url_fetcher")
def fetcher_class() -> type:
    """Build the URLFetcher subclass (imports WeasyPrint on first use)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LockedFetcher(URLFetcher):
        """Serves allow-listed app assets and image data: URIs; refuses everything else."""

        def __init__(self, **kwargs: Any) -> None:
            # fetch() below replaces the parent's, which would open file:// and http(s)://;
            # the empty protocol list refuses everything should that code ever be reached.
            super().__init__(allowed_protocols=(), allow_redirects=False, **kwargs)

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.startswith(SCHEME):
                path = resolve_asset(url)
                content_type = ASSET_TYPES.get(path.suffix, "application/octet-stream")
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
            if url[:5].lower() == "data:":
                media_type, data = decode_data_uri(url)
                return URLFetcherResponse(url, data, {"Content-Type": media_type})
            raise AssetRefused(f"refused to fetch {url[:200]}")

    return LockedFetcher


def locked_fetcher() -> Any:
    """A new locked-down fetcher for one render."""
    return fetcher_class()()

"""Checking a logo: a PNG or JPEG of bounded file and pixel size that Pillow can read.

SVG is refused: a filter of active SVG content was bypassed more than once, and nothing
installed rasterizes SVG safely, so a logo made in a vector tool is exported as PNG first.
The pixel size is read from the file's header, before anything is decompressed: a small
file can hold a huge image that costs every render seconds and a gigabyte of memory.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from app.caches import memoize

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_SIDE = 4000
MAX_LOGO_PIXELS = MAX_LOGO_SIDE * MAX_LOGO_SIDE
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


class LogoRejected(ValueError):
    """The file is not a logo the app accepts; the code names the reason."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def limit_image_decoding() -> None:
    """Make Pillow refuse to decode any image larger than a logo may be, in this process
    (a DecompressionBombError above twice the limit, a warning above it)."""
    Image.MAX_IMAGE_PIXELS = MAX_LOGO_PIXELS


def _check_raster(data: bytes) -> str:
    """The MIME type of a PNG or JPEG within the pixel limits; nothing is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if kind not in LOGO_TYPES:
                    raise LogoRejected("type")
                if width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE:
                    raise LogoRejected("pixels")
                image.verify()  # chunk checksums and structure, without decompressing
    except LogoRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise LogoRejected("pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise LogoRejected("type") from None
    if width < 1 or height < 1:
        raise LogoRejected("type")
    return LOGO_TYPES[kind]


def check_logo(data: bytes) -> str:
    """Return the MIME type of an acceptable logo, or raise LogoRejected."""
    if not data:
        raise LogoRejected("empty")
    if len(data) > MAX_LOGO_BYTES:
        raise LogoRejected("size")
    head = data.lstrip()[:200].lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in data[:1024].lower():
        raise LogoRejected("svg")
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        return _check_raster(data)
    raise LogoRejected("type")


@memoize("admin.usable_logos")
def usable_logo(mime: str | None, data: bytes | None) -> bool:
    """True when a stored logo passes today's checks (one stored before them may not:
    an SVG, or a huge image), so documents print it; otherwise they go without."""
    if not mime or not data:
        return False
    try:
        return check_logo(data) == mime
    except LogoRejected:
        return False

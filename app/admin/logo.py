"""Checking an uploaded logo: PNG, JPEG or a plain SVG, small, and nothing active inside."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

MAX_LOGO_BYTES = 512 * 1024
SVG_NS = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "use", "image"}
_DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class LogoRejected(ValueError):
    """The file is not a logo the app accepts; the code names the reason."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _check_svg(data: bytes) -> None:
    # Entities (billion laughs) and external references are refused before parsing.
    if _DOCTYPE.search(data):
        raise LogoRejected("svg_active")
    try:
        root = ET.fromstring(data)  # noqa: S314 - DOCTYPE/ENTITY refused above
    except ET.ParseError:
        raise LogoRejected("type") from None
    if root.tag != f"{SVG_NS}svg":
        raise LogoRejected("type")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in _FORBIDDEN_TAGS:
            raise LogoRejected("svg_active")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise LogoRejected("svg_active")
            if local == "href" and not value.strip().startswith("#"):
                raise LogoRejected("svg_active")
            if "url(" in value and "url(#" not in value.replace(" ", ""):
                raise LogoRejected("svg_active")
        if tag == "style" and re.search(r"@import|url\(\s*['\"]?(?!#)", element.text or ""):
            raise LogoRejected("svg_active")


def check_logo(data: bytes) -> str:
    """Return the MIME type of an acceptable logo, or raise LogoRejected."""
    if not data:
        raise LogoRejected("empty")
    if len(data) > MAX_LOGO_BYTES:
        raise LogoRejected("size")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = data.lstrip()[:200].lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg"):
        _check_svg(data)
        return "image/svg+xml"
    raise LogoRejected("type")

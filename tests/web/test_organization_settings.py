"""The organization's name and logo: checked on upload, printed in exported documents."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pytest
from pypdf import PdfReader

from app.accounts.models import Organization
from app.admin.logo import LogoRejected, check_logo
from app.extensions import db
from tests.conftest import login, make_user
from tests.web.vacancy_helpers import form_data


def png_of(width: int, height: int, raw: bytes = b"\x00\xff\x00\x00") -> bytes:
    """A PNG whose header says width x height (the pixel data need not fill it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def tiny_png() -> bytes:
    return png_of(1, 1)  # one red pixel


def jpeg_of(width: int = 8, height: int = 8) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1b5fa8").save(buffer, "JPEG")
    return buffer.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20" fill="#1b5fa8"/></svg>'
)


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (tiny_png(), "image/png"),
        (jpeg_of(), "image/jpeg"),
        (png_of(4000, 4000), "image/png"),
    ],
)
def test_accepted_logos(data, mime):
    assert check_logo(data) == mime


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"GIF89a" + b"0" * 10, "type"),
        (b"%PDF-1.7", "type"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * (600 * 1024), "size"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "svg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "svg"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="file:///etc/passwd"/></svg>',
            "svg",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "svg",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://127.0.0.1/x.css);</style></svg>',
            "svg",
        ),
        (b"<svg>not closed", "svg"),
        (SVG, "svg"),
        (b"\xff\xd8\xff\xe0" + b"0" * 100, "type"),
        (tiny_png()[:-20], "type"),
        (png_of(13000, 13000), "pixels"),
        (png_of(4001, 1), "pixels"),
        (png_of(1, 4001), "pixels"),
        (jpeg_of(4100, 10), "pixels"),
    ],
)
def test_rejected_logos(data, code):
    with pytest.raises(LogoRejected) as error:
        check_logo(data)
    assert error.value.code == code


def upload(client, data: bytes, name: str = "Acme", filename: str = "logo.png"):
    return client.post(
        "/admin/organization",
        data={"name": name, "logo": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_logo_upload_and_pdf_header(app, admin):
    assert upload(admin, jpeg_of(), filename="logo.jpg").status_code == 302
    with app.app_context():
        org = db.session.execute(db.select(Organization)).scalar_one()
        assert org.logo_mime == "image/jpeg"
    response = admin.post("/vacancies/new", data=form_data())
    vid = int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))
    assert "data:image/jpeg" in admin.get(f"/vacancies/{vid}").get_data(as_text=True)
    pdf = PdfReader(io.BytesIO(admin.get(f"/vacancies/{vid}/download/pdf").get_data()))
    assert pdf.metadata.author == "Acme"
    assert "ACME" in pdf.pages[0].extract_text().upper()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SVG, "Логотипы в формате SVG не принимаются"),
        (png_of(13000, 13000), "не больше 4000 × 4000 пикселей"),
    ],
    ids=["svg", "13000px"],
)
def test_bad_logo_keeps_the_old_one_and_says_why(app, admin, data, message):
    """Finding 3: a 481 KB PNG of 13000 x 13000 px and an SVG are refused beside the field."""
    upload(admin, tiny_png())
    response = upload(admin, data, filename="x.svg")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="logo-error"' in page and message in page
    with app.app_context():
        assert db.session.execute(db.select(Organization)).scalar_one().logo_mime == "image/png"


def test_a_stored_svg_or_huge_logo_is_not_printed(app, admin):
    """Finding 3: a logo stored before the checks goes out of every document."""
    response = admin.post("/vacancies/new", data=form_data())
    vid = int(re.search(r"/vacancies/(\d+)", response.headers["Location"]).group(1))
    for mime, data in (("image/svg+xml", SVG), ("image/png", png_of(13000, 13000))):
        with app.app_context():
            org = db.session.execute(db.select(Organization)).scalar_one()
            org.logo_mime, org.logo_data = mime, data
            db.session.commit()
        page = admin.get(f"/vacancies/{vid}").get_data(as_text=True)
        assert f"data:{mime}" not in page
        assert admin.get(f"/vacancies/{vid}/download/docx").status_code == 200


def test_only_admins_manage_the_organization(app, client):
    make_user(app, "r@acme.test", "recruiter")
    login(client, "r@acme.test")
    assert client.get("/admin/organization").status_code == 403
    assert upload(client, tiny_png()).status_code == 403

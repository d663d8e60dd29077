"""Uploaded postings read as text, and every kind of file that is refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from app.vacancies.intake_files import (
    BOMB,
    BROKEN_DOCX,
    BROKEN_PDF,
    EMPTY,
    TOO_LARGE,
    TOO_LONG,
    UNKNOWN,
    IntakeFileError,
    file_text,
)

POSTING = "SMM-менеджер\n\nОбязанности\n- Составление контент-плана\n- Написание постов\n"


def refused(name: str, data: bytes):
    with pytest.raises(IntakeFileError) as caught:
        file_text(name, data)
    assert caught.value.text.ru and caught.value.text.en
    return caught.value.text


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("SMM-менеджер", 1)
    document.add_heading("Обязанности", 2)
    document.add_paragraph("Составление контент-плана", style="List Bullet")
    document.add_paragraph("Написание постов", style="List Number")
    document.add_paragraph("Мы — сеть кофеен.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with the lines in a standard font (Latin text)."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({x}) '" for x in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def test_utf8_text_and_markdown():
    assert file_text("vacancy.txt", POSTING.encode()) == POSTING
    assert file_text("vacancy.md", ("\ufeff" + POSTING).encode()) == POSTING


def test_cp1251_text():
    assert file_text("vacancy.txt", POSTING.encode("cp1251")) == POSTING


def test_windows_line_ends_become_newlines():
    assert file_text("v.txt", POSTING.replace("\n", "\r\n").encode()) == POSTING


def test_html_keeps_headings_and_list_items_as_lines_and_drops_scripts():
    page = (
        "<!doctype html><html><head><title>x</title><script>alert(1)</script></head><body>"
        "<h1>SMM-менеджер</h1><h2>Обязанности</h2><ul><li>Составление <b>контент-плана</b></li>"
        "<li>Написание постов</li></ul><p>Пишите на hr@x.test</p>"
        '<img src="http://example.invalid/track.png"></body></html>'
    )
    text = file_text("vacancy.html", page.encode())
    lines = [line for line in text.splitlines() if line]
    assert lines == [
        "# SMM-менеджер",
        "## Обязанности",
        "- Составление **контент-плана**",
        "- Написание постов",
        "Пишите на hr@x.test",
    ]
    assert "alert" not in text


def test_docx_paragraph_styles_become_headings_and_bullets():
    text = file_text("vacancy.docx", docx_bytes())
    assert text.splitlines()[:4] == [
        "# SMM-менеджер",
        "## Обязанности",
        "- Составление контент-плана",
        "- Написание постов",
    ]


def test_pdf_text():
    text = file_text("vacancy.pdf", pdf_bytes(["Social Media Manager", "Responsibilities"]))
    assert "Social Media Manager" in text and "Responsibilities" in text


def test_a_file_without_a_name_is_read_by_its_content():
    assert file_text("", docx_bytes()).startswith("# SMM-менеджер")
    assert file_text("", POSTING.encode()) == POSTING


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", EMPTY),
        ("blank.txt", b" \n\t\n", EMPTY),
        ("long.txt", ("слово " * 20_000).encode(), TOO_LONG),
        ("huge.txt", b"a" * (3 * 1024 * 1024), TOO_LARGE),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, UNKNOWN),
        ("program.exe", b"MZ\x90\x00", UNKNOWN),
        ("picture.png", b"\x89PNG\r\n", UNKNOWN),
        ("renamed.txt", b"%PDF-1.4 not text", UNKNOWN),
        ("broken.docx", b"PK\x03\x04 this is no zip archive", BROKEN_DOCX),
        ("text.docx", POSTING.encode(), BROKEN_DOCX),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", BROKEN_PDF),
        ("text.pdf", POSTING.encode(), BROKEN_PDF),
        ("empty-page.pdf", pdf_bytes([]), BROKEN_PDF),
    ],
)
def test_refusals_say_why(name, data, reason):
    assert refused(name, data) == reason


def test_a_zip_that_is_no_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert refused("x.docx", buffer.getvalue()) == BROKEN_DOCX


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/zeros.bin", b"\x00" * (40 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    assert refused("bomb.docx", data) == BOMB


def test_a_corrupt_docx_with_the_right_parts_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<<<not xml")
    assert refused("x.docx", buffer.getvalue()) == BROKEN_DOCX


def test_a_truncated_docx_is_refused():
    assert refused("cut.docx", docx_bytes()[:2000]) == BROKEN_DOCX

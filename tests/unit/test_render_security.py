"""Hostile vacancy text cannot read files, reach the network, attach files, run script or hang
the renderers (HTML, DOCX, PDF), and a PDF render that overruns its time limit is stopped."""

from __future__ import annotations

import base64
import dataclasses
import io
import logging
import re
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pypdf
import pytest

from app.exports import render
from app.exports.docx import render_docx
from app.exports.fetcher import (
    MAX_DATA_URI_BYTES,
    AssetRefused,
    decode_data_uri,
    locked_fetcher,
    resolve_asset,
)
from app.exports.html import render_html
from app.exports.pdf import html_to_pdf, render_pdf
from app.exports.worker import (
    MAX_DOCUMENT_CHARS,
    RenderError,
    RenderPool,
    RenderTimeout,
    check_document_size,
    html_to_pdf_safely,
    render_pdf_safely,
)
from app.markup import MAX_DEPTH, MAX_MARKDOWN_CHARS
from tests.samples import sample_document_ru

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that records every request made to it."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG_1PX)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-4f1c2b", encoding="utf-8")
    return path


@pytest.fixture
def parent_fetch_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records any call to WeasyPrint's own fetcher (which would open files and URLs)."""
    from weasyprint.urls import URLFetcher

    calls: list[str] = []
    original = URLFetcher.fetch

    def spy(self: URLFetcher, url: str, headers: object = None) -> object:
        calls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    return calls


def hostile_markdown(port: int, secret: Path) -> str:
    base = f"http://127.0.0.1:{port}"
    return "\n\n".join(
        [
            f"![x](file://{secret}) ![y]({base}/md-image.png) ![z](file:///etc/passwd)",
            f"[ссылка]({base}/link) [js](javascript:alert(1)) [data](data:text/html,hi)",
            f'<img src="{base}/raw-img.png" onerror="alert(1)">',
            f'<link rel="attachment" href="file://{secret}">',
            f'<link rel="attachment" href="{base}/attachment">',
            f'<link rel="stylesheet" href="{base}/style.css">',
            f'<a rel="attachment" href="{base}/a-attachment">вложение</a>',
            f"<style>@import url({base}/import.css);"
            f" p {{ background: url({base}/bg.png) }}</style>",
            f'<p style="background: url({base}/inline.png)">стиль</p>',
            f'<object data="{base}/object"></object><embed src="{base}/embed">',
            f'<iframe src="{base}/iframe"></iframe><svg><image href="{base}/svg.png"/></svg>',
            "<script>alert('x')</script><a href=\"javascript:alert(1)\">клик</a>",
            "Обычный текст остаётся.",
        ]
    )


def hostile_document(port: int, secret: Path):
    md = hostile_markdown(port, secret)
    return dataclasses.replace(
        sample_document_ru(),
        title="<script>alert('title')</script>",
        organization=f'<img src="http://127.0.0.1:{port}/org.png">',
        intro_md=md,
        conditions_md=md,
        apply_md=md,
        duties=(f"<img src=http://127.0.0.1:{port}/duty.png>", "Обычная обязанность"),
    )


def assert_clean_pdf(data: bytes) -> pypdf.PdfReader:
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    names = root.get("/Names", {})
    assert "/EmbeddedFiles" not in names and "/JavaScript" not in names
    assert "/OpenAction" not in root
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            assert annot["/Subtype"] != "/FileAttachment"
            action = annot.get("/A", {})
            assert action.get("/S") != "/JavaScript"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "TOP-SECRET" not in text and "root:x:" not in text
    assert "alert(" not in text.replace("alert('title')", "")
    return reader


# --- the whole vacancy through every renderer ----------------------------------------


def test_html_output_has_no_script_no_remote_refs(listener, secret_file):
    port, hits = listener
    html = render_html(hostile_document(port, secret_file))
    lowered = html.lower()
    for bad in (
        "<script",
        "onerror",
        "javascript:",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "<svg",
        "@import",
        "data:text",
        "file://",
        'style="',
    ):
        assert bad not in lowered, bad  # fmt: skip
    assert lowered.count("<style>") == 2  # the print CSS and the page-number rule
    assert f"http://127.0.0.1:{port}/link" in html  # an ordinary link is still a link
    assert "Обычный текст остаётся." in html
    assert hits == []


def test_docx_output_has_no_script_no_remote_refs(listener, secret_file):
    port, hits = listener
    data = render_docx(hostile_document(port, secret_file))
    word = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Обычный текст остаётся." in text and "TOP-SECRET" not in text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        body = package.read("word/document.xml").decode()
        names = package.namelist()
    assert "javascript" not in rels.lower() and "file:" not in rels
    assert f"http://127.0.0.1:{port}/link" in rels
    for rel in re.findall(r"<Relationship [^>]*>", rels):
        if 'TargetMode="External"' in rel:  # only hyperlinks point outside the file
            assert 'relationships/hyperlink"' in rel, rel
        assert "relationships/image" not in rel and "oleObject" not in rel
    assert not [name for name in names if name.startswith("word/media") or "embeddings" in name]
    assert "<script" not in body and "alert(" not in body.replace("alert('title')", "")
    assert hits == []


def test_pdf_output_has_no_attachment_no_request_no_file(listener, secret_file, parent_fetch_calls):
    port, hits = listener
    data = render_pdf(hostile_document(port, secret_file))
    reader = assert_clean_pdf(data)
    assert "Обычный текст остаётся." in "".join(p.extract_text() for p in reader.pages)
    assert hits == [] and parent_fetch_calls == []


def test_pdf_from_raw_hostile_html_is_held_by_the_fetcher(
    listener, secret_file, parent_fetch_calls, caplog
):
    """Even HTML that skipped the sanitizer gets nothing past the locked fetcher."""
    port, hits = listener
    base = f"http://127.0.0.1:{port}"
    png = base64.b64encode(PNG_1PX).decode()
    svg = f"<svg xmlns='http://www.w3.org/2000/svg'><image href='{base}/in-svg.png'/></svg>"
    html = f"""<html><head>
      <link rel="attachment" href="file://{secret_file}" title="secret">
      <link rel="attachment" href="{base}/attachment">
      <link rel="attachment" href="data:image/png;base64,{png}">
      <link rel="stylesheet" href="{base}/style.css">
      <style>
        @import url("{base}/import.css");
        @font-face {{ font-family: Evil; src: url("{base}/font.ttf"); }}
        p {{ font-family: Evil; background: url("file://{secret_file}"); }}
      </style></head><body>
      <p>Текст</p>
      <img src="file:///etc/passwd"><img src="{base}/img.png"><img src="file://{secret_file}">
      <img src="data:image/svg+xml;utf8,{svg}">
      <a rel="attachment" href="file://{secret_file}">вложение</a>
      <a rel="attachment" href="data:image/png;base64,{png}">вложение 2</a>
      <object data="{base}/object"></object><embed src="{base}/embed">
      <iframe src="{base}/iframe"></iframe>
    </body></html>"""
    with caplog.at_level(logging.DEBUG, logger="weasyprint"):
        data = html_to_pdf(html, title="t", author="a", lang="ru")
    assert_clean_pdf(data)
    assert hits == [] and parent_fetch_calls == []
    assert "refused to fetch" in caplog.text


def test_bundled_fonts_come_through_the_locked_fetcher(monkeypatch):
    fetched: list[str] = []
    cls = type(locked_fetcher())
    original = cls.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(cls, "fetch", spy)
    from app.exports import pdf

    pdf._release()  # forget the cached fonts so they are loaded again
    html_to_pdf("<p>Шрифт</p>", title="t", author="a", lang="ru")
    assert "app-asset:fonts/DejaVuSans.ttf" in fetched
    assert "app-asset:fonts/DejaVuSans-Bold.ttf" in fetched


# --- the fetcher on its own ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "app-asset:fonts/../../markup.py",
        "app-asset:../../../etc/passwd",
        "app-asset:/etc/passwd",
        "app-asset:fonts/DejaVuSans.ttf/../../exports/pdf.py",
        "app-asset:fonts/%2e%2e/%2e%2e/markup.py",
        "app-asset:fonts/LICENSE",
        "app-asset:css/../fonts/../../vacancies/document.py",
    ],
)
def test_asset_paths_outside_the_allow_list_are_refused(url):
    with pytest.raises(AssetRefused):
        resolve_asset(url)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "http://127.0.0.1/", "https://example.com/", "ftp://x/",
     "data:text/html,<script>", "javascript:alert(1)", "relative/path.png", "//host/x"],
)  # fmt: skip
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(AssetRefused):
        locked_fetcher().fetch(url)


def test_data_uris_are_capped_and_typed():
    media, data = decode_data_uri("data:image/png;base64," + base64.b64encode(PNG_1PX).decode())
    assert media == "image/png" and data == PNG_1PX
    too_big = "data:image/png;base64," + "A" * (MAX_DATA_URI_BYTES * 2)
    with pytest.raises(AssetRefused):
        decode_data_uri(too_big)
    with pytest.raises(AssetRefused):
        decode_data_uri("data:application/pdf;base64,JVBERi0=")


# --- nesting, size and time limits ---------------------------------------------------------


@pytest.mark.parametrize(
    "markdown",
    [
        ">" * 10_000 + " глубоко",
        "<ul><li>" * 2_400 + "x",
        "<blockquote>" * 1_600 + "x",
        "\n".join("    " * i + "- пункт" for i in range(90)),
        "<style>" + "p { color: red } " * 1_100 + "</style>Текст после стиля",
        "а" * 19_999,
        "https://example.com/" + "a" * 19_000,
    ],
    ids=[
        "quote-10000",
        "raw-lists",
        "raw-quotes",
        "indent-lists",
        "huge-css",
        "long-word",
        "long-url",
    ],
)
def test_deep_or_huge_markup_renders_quickly_everywhere(markdown):
    assert len(markdown) <= MAX_MARKDOWN_CHARS
    doc = dataclasses.replace(sample_document_ru(), intro_md=markdown)
    started = time.perf_counter()
    html = render_html(doc)
    render_docx(doc)
    data = render_pdf(doc)
    assert time.perf_counter() - started < 10
    assert "color: red" not in html  # <style> blocks go, with their contents
    article = html[html.index("<article") :]
    depth = max(article[:i].count("<blockquote>") - article[:i].count("</blockquote>")
                for i in range(0, len(article), 97))  # fmt: skip
    assert depth <= MAX_DEPTH
    assert_clean_pdf(data)


@pytest.mark.parametrize(
    "changes",
    [
        {"duties": ("д" * 1_000,) * 101},
        {"title": "т" * 501},
        {"skills": ("н" * 2_001,)},
        {"requirements": ("т",) * 101},
    ],
    ids=["total", "title", "item", "items"],
)
def test_too_large_documents_are_refused_before_rendering(changes):
    doc = dataclasses.replace(sample_document_ru(), **changes)
    with pytest.raises(RenderError) as caught:
        render_pdf_safely(doc)
    assert caught.value.code == "too_large"
    assert "слишком большой" in str(caught.value)
    with pytest.raises(RenderError):
        render(doc, "docx")


def test_the_size_limits_are_generous():
    assert MAX_DOCUMENT_CHARS == 100_000
    check_document_size(sample_document_ru())
    with pytest.raises(RenderError):
        html_to_pdf_safely("x" * 5_000_000, title="t", author="a", lang="ru")


def test_a_render_over_its_time_limit_is_stopped_and_the_next_one_works():
    pool = RenderPool(1)
    doc = sample_document_ru()
    try:
        started = time.perf_counter()
        with pytest.raises(RenderTimeout) as caught:
            pool.run("render_pdf", (doc,), {}, 0.05)
        assert time.perf_counter() - started < 5
        assert caught.value.code == "timeout"
        data = pool.run("render_pdf", (doc,), {}, 60)
        assert data.startswith(b"%PDF-")
        assert pool.run("render_pdf", (doc,), {}, 60).startswith(b"%PDF-")
    finally:
        pool.close()


def test_concurrency_is_bounded():
    pool = RenderPool(1)
    try:
        assert pool._slots.acquire(timeout=1)  # another render holds the only slot
        with pytest.raises(RenderTimeout) as caught:
            pool.run("render_pdf", (sample_document_ru(),), {}, 0.2)
        assert caught.value.code == "busy"
    finally:
        pool._slots.release()
        pool.close()


def test_worker_errors_become_render_errors():
    pool = RenderPool(1)
    try:
        with pytest.raises(RenderError) as caught:
            pool.run("html_to_pdf", ("<p>x</p>",), {"title": "t"}, 60)
        assert caught.value.code == "failed" and "author" in caught.value.detail
        assert pool.run("html_to_pdf", ("<p>x</p>",), {"title": "t", "author": "a",
                                                        "lang": "en"}, 60)  # fmt: skip
    finally:
        pool.close()


def _peak_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmPeak:")[1].split()[0])


def test_a_render_cannot_take_more_memory_than_its_limit():
    # A 20 KB PNG of 13000 x 13000 pixels decodes to about 1.4 GB (without a limit the
    # render process grew to 1.4 GB and took 7 s). Under the limit the allocation fails:
    # the image is left out (or the render fails with "memory"); the process never grows
    # past the limit, and the next render works.
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (13000, 13000)).save(buffer, "PNG")
    image = base64.b64encode(buffer.getvalue()).decode()
    html = f'<p>Логотип</p><img src="data:image/png;base64,{image}" alt="">'
    limit_mb = 700
    pool = RenderPool(1, memory_limit_mb=limit_mb)
    try:
        try:
            data = pool.run("html_to_pdf", (html,), {"title": "t", "author": "a", "lang": "ru"}, 60)
            assert data.startswith(b"%PDF-")
        except RenderError as error:
            assert error.code == "memory"
        worker = pool._idle[0]
        assert _peak_kib(worker.process.pid) <= limit_mb * 1024
        assert pool.run("render_pdf", (sample_document_ru(),), {}, 60).startswith(b"%PDF-")
    finally:
        pool.close()


def test_docx_renders_in_the_pool_too():
    pool = RenderPool(1, memory_limit_mb=1024)
    try:
        assert pool.run("render_docx", (sample_document_ru(),), {}, 60).startswith(b"PK")
    finally:
        pool.close()

"""Vacancy exports: one module per format, all taking a VacancyDocument.

`render(doc, fmt)` returns the file's bytes; PDF goes through the worker pool with its
time limit (see worker.py). Format modules are imported on first use, so the web
process does not load python-docx or WeasyPrint until someone asks for such a file.
"""

from __future__ import annotations

from importlib import import_module

from app.domain.vacancies.document import VacancyDocument

FORMATS = ("pdf", "docx", "md", "txt", "html", "jsonld", "hh", "telegram")

# format -> (module, function); text results are encoded as UTF-8.
_RENDERERS = {
    "pdf": ("app.exports.worker", "render_pdf_safely"),
    "docx": ("app.exports.worker", "render_docx_safely"),
    "md": ("app.exports.markdown", "render_markdown_doc"),
    "txt": ("app.exports.text", "render_text"),
    "html": ("app.exports.html", "render_html"),
    "jsonld": ("app.exports.jsonld", "render_jsonld"),
    "hh": ("app.exports.hh", "render_hh_json"),
    "telegram": ("app.exports.telegram", "render_telegram"),
}


def render(doc: VacancyDocument, fmt: str) -> bytes:
    """The vacancy in one of FORMATS, as the bytes of the file to download."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown export format: {fmt!r}")
    from app.exports.worker import check_document_size

    check_document_size(doc)
    module, name = _RENDERERS[fmt]
    result = getattr(import_module(module), name)(doc)
    return result if isinstance(result, bytes) else result.encode("utf-8")

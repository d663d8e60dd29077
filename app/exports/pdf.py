"""PDF through WeasyPrint: A4, bundled fonts, locked-down fetching, no attachments.

WeasyPrint is imported inside the functions: only render workers pay for it.
The untimed functions here (html_to_pdf, render_pdf) are what the render worker
(app.exports.worker) runs; other code calls its html_to_pdf_safely /
render_pdf_safely, which add the time limit.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.caches import memoize
from app.domain.vacancies.document import VacancyDocument
from app.exports.fetcher import asset_url, locked_fetcher
from app.exports.html import PRINT_CSS, render_print_html

FONT_FAMILY = "DejaVu Sans"
FONT_FACES = (
    ("normal", "normal", "fonts/DejaVuSans.ttf"),
    ("bold", "normal", "fonts/DejaVuSans-Bold.ttf"),
    ("normal", "italic", "fonts/DejaVuSans-Oblique.ttf"),
    ("bold", "italic", "fonts/DejaVuSans-BoldOblique.ttf"),
)
# Tagged PDF/UA-1: structure tags, /Lang and the title shown in the window bar, for
# screen readers. It renders identically to an untagged PDF (checked page by page).
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}


def pdf_css() -> str:
    """Rules only WeasyPrint gets: the bundled fonts and the running page header."""
    rules = []
    for weight, style, path in FONT_FACES:
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'font-style: {style}; src: url("{asset_url(path)}"); }}'
        )
    rules.append(".running-header { display: block; position: running(running-header); }")
    # Page margin boxes inherit from the root element, not from the article.
    rules.append(f'html {{ font-family: "{FONT_FAMILY}"; }}')
    return "\n".join(rules)


@memoize("exports.pdf_fonts")
def _font_config() -> Any:
    """One FontConfiguration per process: fonts are loaded and registered once."""
    from weasyprint.text.fonts import FontConfiguration

    # Release it while the interpreter is still whole: its __del__ removes a temporary
    # folder and fails noisily if it runs during interpreter shutdown.
    atexit.unregister(_release)
    atexit.register(_release)
    return FontConfiguration()


def _release() -> None:
    """Drop the cached stylesheets and font configuration."""
    _stylesheet.cache_clear()
    _font_config.cache_clear()
    gc.collect()


@memoize("exports.pdf_stylesheets")
def _stylesheet(path: str | None) -> Any:
    """A parsed stylesheet (None: pdf_css), kept for the life of the process."""
    from weasyprint import CSS

    text = pdf_css() if path is None else Path(path).read_text(encoding="utf-8")
    return CSS(string=text, font_config=_font_config(), url_fetcher=locked_fetcher())


def _strip_attachments(document: Any) -> None:
    """Drop <link rel=attachment> files and attachment links before the PDF is written."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


def html_to_pdf(
    html: str,
    *,
    title: str,
    author: str,
    lang: str,
    stylesheets: Sequence[Path] = (),
) -> bytes:
    """Render trusted-template HTML to PDF with the given metadata.

    The document brings its own CSS (inline) or names app stylesheets, which are parsed
    once per process; the bundled fonts are always available as "DejaVu Sans".
    """
    from weasyprint import HTML

    css = [*(_stylesheet(str(path)) for path in stylesheets), _stylesheet(None)]
    # No base_url: relative references resolve to nothing instead of to the filesystem.
    document = HTML(string=html, url_fetcher=locked_fetcher()).render(
        font_config=_font_config(), stylesheets=css, **PDF_OPTIONS
    )
    document.metadata.title = title
    document.metadata.authors = [author] if author else []
    document.metadata.lang = lang
    _strip_attachments(document)
    return document.write_pdf(attachments=None, **PDF_OPTIONS)


def render_pdf(doc: VacancyDocument) -> bytes:
    """The vacancy as an A4 PDF (in this process, without a time limit)."""
    html = render_print_html(doc)
    return html_to_pdf(
        html,
        title=doc.title,
        author=doc.organization,
        lang=doc.language,
        stylesheets=(PRINT_CSS,),
    )


def warm_up() -> None:
    """Load fonts and parse the stylesheets now, so the first real render is fast."""
    html_to_pdf("<p>.</p>", title="", author="", lang="en", stylesheets=(PRINT_CSS,))

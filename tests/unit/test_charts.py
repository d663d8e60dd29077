"""SVG charts: well-formed, escaped, self-contained, deterministic, and printable by WeasyPrint."""

from __future__ import annotations

import base64
import io
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

import pypdf
import pytest
import weasyprint

from app.domain.probation.charts import item_values_bar_svg, score_line_svg, svg_data_uri

SVG = "{http://www.w3.org/2000/svg}"
Row = tuple[str, float | None]
HOSTILE = '<script>alert("x")</script> & \'Ко\' "мпания"'
ITEM_ROWS: list[Row] = [
    ("Анализ аудитории", 2.0),
    ("Контент-план на месяц", 1.0),
    ("Конкурс", None),
    ("Лиды", 1.5),
    (HOSTILE, 0.5),
]
POINTS: list[Row] = [("Неделя 1", 42.5), ("Неделя 2", None), ("Неделя 3", 61.25), ("Итог", 78.125)]


def bars(rows: Sequence[Row] = ITEM_ROWS, **kwargs: Any) -> str:
    return item_values_bar_svg(rows, title=kwargs.pop("title", "Пункты плана"), **kwargs)


def line(points: Sequence[Row] = POINTS, **kwargs: Any) -> str:
    kwargs.setdefault("pass_threshold", 75)
    kwargs.setdefault("extend_threshold", 50)
    return score_line_svg(points, title=kwargs.pop("title", "Балл"), **kwargs)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is well-formed
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element, tag: str) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}{tag}")]


def render_pdf(html: str, caplog: pytest.LogCaptureFixture) -> bytes:
    """Render with WeasyPrint and fail on anything it logs as a warning or an error."""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = weasyprint.HTML(string=html).write_pdf()
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == []
    assert pdf is not None and pdf.startswith(b"%PDF")
    return pdf


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


ALL_CHARTS: dict[str, Callable[[], str]] = {
    "bars": bars,
    "line": line,
    "bars-empty": lambda: bars([]),
    "line-empty": lambda: line([]),
    "line-all-none": lambda: line([("a", None), ("b", None)]),
    "line-one-point": lambda: line([("Неделя 1", 55.0)]),
}


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_standalone_accessible_svg(make: Callable[[], str]) -> None:
    svg = make()
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("font-family") == "DejaVu Sans, sans-serif"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text
    assert root.get("aria-labelledby") == title.get("id")
    assert root.find(f"{SVG}desc") is not None


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_no_script_and_no_external_references(make: Callable[[], str]) -> None:
    svg = make()
    assert "<script" not in svg.lower()
    assert "javascript:" not in svg.lower()
    # The namespace declaration is the only URL in the document.
    assert re.findall(r"https?://", svg) == ["http://"]
    for element in parse(svg).iter():
        for name, value in element.attrib.items():
            assert not name.split("}")[-1].lower().startswith("on")
            if name.endswith("href"):
                assert value.startswith("#")
            assert "url(" not in value or value.startswith("url(#")


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of a #rrggbb colour against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_text_has_sufficient_contrast(make: Callable[[], str]) -> None:
    root = parse(make())
    assert root.find(f"{SVG}rect").get("fill") == "#ffffff"
    for text in root.iter(f"{SVG}text"):
        assert contrast_on_white(text.get("fill")) >= 4.5, text.get("fill")


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_deterministic(make: Callable[[], str]) -> None:
    assert make() == make()


def test_different_charts_get_different_ids() -> None:
    first, second = parse(bars()), parse(bars(title="Другой"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_user_text_is_escaped_and_kept() -> None:
    for svg in (bars(title=HOSTILE), line([(HOSTILE, 50.0)], title=HOSTILE)):
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg
        root = parse(svg)
        assert root.find(f"{SVG}title").text == HOSTILE
        # Full label in a tooltip title, even when the visible label is cut.
        assert any(HOSTILE in t for t in texts(root, "title")[1:])
    root = parse(bars())
    assert "Анализ аудитории" in texts(root, "text")


def test_control_characters_are_dropped() -> None:
    root = parse(bars([("Bad\x00 \x1b label\x0b", 1.0)], title="T\x07"))
    assert "Bad label" in texts(root, "text")


def test_long_label_is_cut_with_ellipsis_but_full_in_tooltip() -> None:
    label = "Ответы на комментарии в течение двух часов в рабочее время, включая выходные"
    root = parse(bars([(label, 1.0)]))
    visible = [t for t in texts(root, "text") if t.startswith("Ответы")]
    assert len(visible) == 1
    assert visible[0].endswith("…") and len(visible[0]) < len(label)
    assert f"{label}: 1" in texts(root, "title")


def test_bar_chart_rows_and_missing_values() -> None:
    root = parse(bars(no_value_label="нет оценки"))
    shown = texts(root, "text")
    assert "нет оценки" in shown
    for tick in ("0", "0.5", "1", "1.5", "2"):
        assert tick in shown
    # Background plus one bar per item with a value; the unrated item has no bar.
    assert len(list(root.iter(f"{SVG}rect"))) == 1 + 4


def test_bar_chart_with_30_items_grows_and_renders(caplog: pytest.LogCaptureFixture) -> None:
    rows = [(f"Пункт {i}", None if i % 7 == 0 else (i % 5) / 2) for i in range(30)]
    svg = bars(rows)
    root = parse(svg)
    height = float(root.get("height"))
    assert height > 30 * 20
    assert root.get("viewBox") == f"0 0 640 {root.get('height')}"
    assert all(f"Пункт {i}" in texts(root, "text") for i in range(30))
    render_pdf(f"<html><body>{svg}</body></html>", caplog)


def test_line_breaks_at_missing_scores() -> None:
    points = [("a", 10.0), ("b", None), ("c", 30.0), ("d", 40.0), ("e", None), ("f", 60.0)]
    root = parse(line(points))
    polylines = list(root.iter(f"{SVG}polyline"))
    assert len(polylines) == 1  # only c-d are neighbours; a and f stand alone
    assert len(polylines[0].get("points").split()) == 2
    assert len(list(root.iter(f"{SVG}circle"))) == 4


def test_single_point_is_a_dot() -> None:
    root = parse(line([("Неделя 1", 55.0)]))
    assert list(root.iter(f"{SVG}polyline")) == []
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    assert "55.0" in texts(root, "text")


def test_threshold_lines_are_dashed_and_labelled() -> None:
    root = parse(line(threshold_labels=("зачёт", "продление")))
    dashed = [el for el in root.iter(f"{SVG}line") if el.get("stroke-dasharray")]
    assert len(dashed) == 2
    shown = texts(root, "text")
    assert "зачёт 75" in shown
    assert "продление 50" in shown


@pytest.mark.parametrize("chart", ["bars", "line"])
def test_empty_input_says_no_data(chart: str) -> None:
    make = bars if chart == "bars" else line
    root = parse(make([], empty_label="Нет данных"))
    assert "Нет данных" in texts(root, "text")


def test_all_missing_scores_say_no_data() -> None:
    assert "No data" in texts(parse(line([("a", None)])), "text")


@pytest.mark.parametrize(
    "call",
    [
        lambda: bars([("x", 2.5)]),
        lambda: bars([("x", -0.1)]),
        lambda: bars([("x", math.nan)]),
        lambda: bars(width=100),
        lambda: line([("x", 101.0)]),
        lambda: line([("x", math.nan)]),
        lambda: line(pass_threshold=40, extend_threshold=60),
        lambda: line(height=50),
    ],
)
def test_invalid_input_raises(call: Callable[[], str]) -> None:
    with pytest.raises(ValueError):
        call()


def test_data_uri_round_trips() -> None:
    svg = bars()
    uri = svg_data_uri(svg)
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    assert base64.b64decode(uri[len(prefix) :]).decode("utf-8") == svg


def test_weasyprint_renders_inline_and_as_image(caplog: pytest.LogCaptureFixture) -> None:
    bar_svg = bars()
    line_svg = line(threshold_labels=("зачёт", "продление"))
    html = (
        '<html><head><meta charset="utf-8"></head><body>'
        f"{bar_svg}{line_svg}{line([('Неделя 1', 55.0)])}{bars([])}"
        f'<img src="{svg_data_uri(line_svg)}" alt="">'
        "</body></html>"
    )
    text = pdf_text(render_pdf(html, caplog))
    # Real text in the PDF (Cyrillic included), not missing glyphs.
    for expected in ("Пункты плана", "Лиды", "зачёт 75", "Неделя 3", "61.3", "No data"):
        assert expected in text

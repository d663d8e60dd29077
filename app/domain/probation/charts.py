"""Server-side SVG charts of a probation: item values and the score over check-ins.

Plain strings, no JavaScript and no external references, so the same markup works
inline in a page, in an <img> data URI and in WeasyPrint's PDF export.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections.abc import Sequence

from app.caches import memoize
from app.domain.probation.numbers import format_number
from app.domain.probation.scoring import MAX_VALUE, check_thresholds

FONT = "DejaVu Sans, sans-serif"
# Contrast against the white background (WCAG): TEXT 14.8, MUTED 6.5, BAR 7.2,
# BAR_LOW 6.0, GREEN 6.2, AMBER 6.3, AXIS 3.7 (lines only); GRID is decoration.
TEXT = "#1f2933"
MUTED = "#52606d"
GRID = "#d3dbe3"
AXIS = "#7b8794"
BAR = "#2a5b84"
BAR_LOW = "#b03a24"
GREEN = "#2b6e3f"
AMBER = "#8a5300"
BACKGROUND = "#ffffff"

MIN_WIDTH = 320
PAD = 16
TITLE_SIZE = 15
LABEL_SIZE = 12
SMALL_SIZE = 11

# Characters that XML 1.0 forbids even when escaped; user text may carry them.
_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NARROW = set(" .,:;!|'()[]-/iljfrtIJ1")
_WIDE = set("mwMWжшщфюыЖШЩЮФЫ%&@—…")


def _clean(text: str) -> str:
    return " ".join(_XML_INVALID.sub("", text).split())


def _esc(text: str) -> str:
    """Text made safe for both element content and attribute values."""
    return (
        _clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _char_em(ch: str) -> float:
    # Rough DejaVu Sans advances (em); errs wide so that truncated labels never collide.
    if ch in _NARROW:
        return 0.36
    if ch in _WIDE:
        return 1.0
    if ch.isupper():
        return 0.78
    return 0.66


def _text_width(text: str, size: float) -> float:
    em = 0.0
    for ch in text:
        em += _char_em(ch)
    return em * size


# Labels repeat (every candidate of a plan has the same item titles): keep the cuts.
@memoize("probation.chart_labels")
def _fit(text: str, max_px: float, size: float) -> str:
    """The text, cut with an ellipsis so that it fits max_px at the given font size."""
    text = _clean(text)
    if _text_width(text, size) <= max_px:
        return text
    budget = max_px - _text_width("…", size)
    # The width of the cut so far grows one character at a time (the same sum as
    # _text_width of it), instead of measuring every prefix again.
    cut, em = "", 0.0
    for ch in text:
        em += _char_em(ch)
        if em * size > budget:
            break
        cut += ch
    return cut.rstrip() + "…"


def _n(x: float) -> str:
    """A coordinate with at most two decimals, written the same way every time."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _value_text(value: float, lang: str = "en") -> str:
    """A value with at most two decimals, in the language's number format."""
    return format_number(round(value, 2), None, lang)


def format_score(score: float | None, lang: str = "en") -> str:
    """A score with one decimal, in the language's number format."""
    return format_number(score, 1, lang)


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = LABEL_SIZE,
    fill: str = TEXT,
    anchor: str = "start",
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{fill}" '
        f'text-anchor="{anchor}" font-weight="{weight}">{_esc(content)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{stroke}" stroke-width="1"{extra}/>'
    )


def _document(kind: str, key: str, width: int, height: int, title: str, desc: str) -> list[str]:
    # Ids come from the content so that two charts on one page do not share an id,
    # while the same input still gives the same string.
    uid = f"{kind}-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{uid}-title" '
        f'aria-describedby="{uid}-desc" font-family="{FONT}">',
        f'<title id="{uid}-title">{_esc(title)}</title>',
        f'<desc id="{uid}-desc">{_esc(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="{BACKGROUND}"/>',
        _text(
            PAD, PAD + 12, _fit(title, width - 2 * PAD, TITLE_SIZE), size=TITLE_SIZE, weight="bold"
        ),
    ]


def _empty(kind: str, key: str, width: int, title: str, message: str) -> str:
    height = 96
    parts = _document(kind, key, width, height, title, message)
    parts.append(
        _text(
            width / 2, 68, _fit(message, width - 2 * PAD, LABEL_SIZE), fill=MUTED, anchor="middle"
        )
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _check_width(width: int) -> None:
    if not isinstance(width, int) or width < MIN_WIDTH:
        raise ValueError(f"chart width must be an int >= {MIN_WIDTH}, got {width!r}")


def item_values_bar_svg(
    rows: Sequence[tuple[str, float | None]],
    *,
    title: str,
    no_value_label: str = "—",
    empty_label: str = "No data",
    width: int = 640,
    lang: str = "en",
) -> str:
    """Horizontal bars of item values on a fixed 0..2 axis, one row per plan item
    (numbers in the format of `lang`)."""
    return _bars(
        tuple((str(label), value) for label, value in rows),
        title,
        no_value_label,
        empty_label,
        width,
        lang,
    )


# A drawing depends on its arguments only: the same values give the same SVG, so the
# latest ones are kept (candidates on one plan share titles, and pages are re-read).
@memoize("probation.bar_charts")
def _bars(
    rows: tuple[tuple[str, float | None], ...],
    title: str,
    no_value_label: str,
    empty_label: str,
    width: int,
    lang: str = "en",
) -> str:
    _check_width(width)
    for label, value in rows:
        if value is not None and not (0 <= value <= MAX_VALUE):
            raise ValueError(f"item value must be within 0..2 or None, got {value!r} ({label!r})")
    key = repr((title, no_value_label, empty_label, width, tuple(rows), lang))
    if not rows:
        return _empty("bars", key, width, title, empty_label)

    row_h, bar_h, top = 26, 14, 48
    label_w = round(width * 0.36)
    x0 = PAD + label_w
    x1 = width - PAD - 36  # room for the value printed after a full bar
    scale = (x1 - x0) / MAX_VALUE
    plot_bottom = top + len(rows) * row_h
    height = plot_bottom + 30

    desc = "; ".join(
        f"{_clean(label)}: {no_value_label if v is None else _value_text(v, lang)}"
        for label, v in rows
    )
    parts = _document("bars", key, width, height, title, desc)
    for tick in (0.0, 0.5, 1.0, 1.5, 2.0):
        x = x0 + tick * scale
        parts.append(_line(x, top - 4, x, plot_bottom, AXIS if tick == 0 else GRID))
        parts.append(
            _text(
                x,
                plot_bottom + 16,
                _value_text(tick, lang),
                size=SMALL_SIZE,
                fill=MUTED,
                anchor="middle",
            )
        )

    for i, (label, value) in enumerate(rows):
        middle = top + i * row_h + row_h / 2
        baseline = middle + LABEL_SIZE * 0.35
        shown = _fit(label, label_w - 16, LABEL_SIZE)
        tip = f"{_clean(label)}: {no_value_label if value is None else _value_text(value, lang)}"
        parts.append(f"<g><title>{_esc(tip)}</title>")
        if value is None:
            parts.append(_text(PAD, baseline, shown, fill=MUTED))
            parts.append(_text(x0 + 6, baseline, no_value_label, fill=MUTED))
        else:
            parts.append(_text(PAD, baseline, shown))
            # Below 1 is "less than partly done": the line a critical item must reach.
            colour = BAR_LOW if value < 1 else BAR
            parts.append(
                f'<rect x="{_n(x0)}" y="{_n(middle - bar_h / 2)}" width="{_n(value * scale)}" '
                f'height="{bar_h}" fill="{colour}"/>'
            )
            parts.append(_text(x0 + value * scale + 5, baseline, _value_text(value, lang)))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def score_line_svg(
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    pass_threshold: float,
    extend_threshold: float,
    threshold_labels: tuple[str, str] = ("pass", "extend"),
    empty_label: str = "No data",
    width: int = 640,
    height: int = 240,
    lang: str = "en",
) -> str:
    """Score 0..100 per check-in as a line with dashed pass and extend thresholds
    (numbers in the format of `lang`)."""
    return _line_chart(
        tuple((str(label), score) for label, score in points),
        title,
        pass_threshold,
        extend_threshold,
        (threshold_labels[0], threshold_labels[1]),
        empty_label,
        width,
        height,
        lang,
    )


@memoize("probation.line_charts")
def _line_chart(
    points: tuple[tuple[str, float | None], ...],
    title: str,
    pass_threshold: float,
    extend_threshold: float,
    threshold_labels: tuple[str, str],
    empty_label: str,
    width: int,
    height: int,
    lang: str = "en",
) -> str:
    _check_width(width)
    check_thresholds(pass_threshold, extend_threshold)
    if not isinstance(height, int) or height < 160:
        raise ValueError(f"chart height must be an int >= 160, got {height!r}")
    for label, score in points:
        if score is not None and not (0 <= score <= 100):
            raise ValueError(f"score must be within 0..100 or None, got {score!r} ({label!r})")
    key = repr(
        (
            title,
            pass_threshold,
            extend_threshold,
            threshold_labels,
            empty_label,
            width,
            height,
            tuple(points),
            lang,
        )
    )
    if all(score is None for _, score in points):
        return _empty("scores", key, width, title, empty_label)

    pass_text = f"{threshold_labels[0]} {_value_text(pass_threshold, lang)}"
    extend_text = f"{threshold_labels[1]} {_value_text(extend_threshold, lang)}"
    # The right margin holds the threshold labels, so it grows with them, within reason.
    margin = max(_text_width(text, SMALL_SIZE) for text in (pass_text, extend_text)) + 12
    margin = min(max(margin, 48.0), width * 0.25)
    left, right = PAD + 30, width - PAD - margin
    top, bottom = 52, height - 34
    inset = 18  # keeps the first and last dots off the axes

    def y_of(score: float) -> float:
        return bottom - score / 100 * (bottom - top)

    n = len(points)
    step = (right - left - 2 * inset) / (n - 1) if n > 1 else 0.0
    xs = [left + inset + i * step if n > 1 else (left + right) / 2 for i in range(n)]

    desc = "; ".join(f"{_clean(label)}: {format_score(score, lang)}" for label, score in points)
    desc += f". {pass_text}, {extend_text}."
    parts = _document("scores", key, width, height, title, desc)

    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        parts.append(_line(left, y, right, y, AXIS if tick == 0 else GRID))
        parts.append(_text(left - 6, y + 4, str(tick), size=SMALL_SIZE, fill=MUTED, anchor="end"))

    # Thresholds are labelled in the right margin, clear of the data.
    pass_y, extend_y = y_of(pass_threshold), y_of(extend_threshold)
    pass_label_y, extend_label_y = _label_positions(pass_y + 4, extend_y + 4, top + 4, bottom + 4)
    for y, label_y, text, colour in (
        (pass_y, pass_label_y, pass_text, GREEN),
        (extend_y, extend_label_y, extend_text, AMBER),
    ):
        parts.append(_line(left, y, right, y, colour, ' stroke-dasharray="6 4"'))
        parts.append(
            _text(
                right + 6,
                label_y,
                _fit(text, width - PAD - right - 6, SMALL_SIZE),
                size=SMALL_SIZE,
                fill=colour,
            )
        )

    # Thin out the x labels so that each one has room, and cut what still does not fit.
    spacing = step if n > 1 else right - left
    widest = max(_text_width(_clean(label), SMALL_SIZE) for label, _ in points) + 8
    every = max(1, math.ceil(min(max(widest, 40.0), 96.0) / spacing))
    for i, (label, _) in enumerate(points):
        if i % every == 0:
            room = min(spacing * every - 6, 2 * (xs[i] - PAD), 2 * (width - PAD - xs[i]))
            shown = _fit(label, room, SMALL_SIZE)
            parts.append(
                _text(xs[i], bottom + 18, shown, size=SMALL_SIZE, fill=MUTED, anchor="middle")
            )

    coords = [
        None if score is None else (x, y_of(score))
        for x, (_, score) in zip(xs, points, strict=True)
    ]
    # A missing score breaks the line instead of bridging the gap with a guess.
    for run in _runs(coords):
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in run)}" '
                f'fill="none" stroke="{BAR}" stroke-width="2.5" stroke-linejoin="round"/>'
            )

    show_values = spacing >= 40  # room for a printed score such as 100.0 over each dot
    for coord, (label, score) in zip(coords, points, strict=True):
        if coord is None or score is None:
            continue
        x, y = coord
        parts.append(f"<g><title>{_esc(f'{_clean(label)}: {format_score(score, lang)}')}</title>")
        parts.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4.5" fill="{BAR}" '
            f'stroke="{BACKGROUND}" stroke-width="1.5"/>'
        )
        if show_values:
            shown = format_score(score, lang)
            # A white plate keeps the number readable where a threshold line crosses it.
            plate = _text_width(shown, SMALL_SIZE) + 6
            parts.append(
                f'<rect x="{_n(x - plate / 2)}" y="{_n(y - 21)}" width="{_n(plate)}" '
                f'height="14" rx="2" fill="{BACKGROUND}" fill-opacity="0.85"/>'
            )
            parts.append(_text(x, y - 10, shown, size=SMALL_SIZE, anchor="middle"))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _runs(coords: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive known points; None ends a run."""
    runs: list[list[tuple[float, float]]] = [[]]
    for coord in coords:
        if coord is None:
            runs.append([])
        else:
            runs[-1].append(coord)
    return [run for run in runs if run]


def _label_positions(
    upper: float, lower: float, lowest: float, highest: float
) -> tuple[float, float]:
    """Baselines for the pass (upper) and extend (lower) labels, at least one line apart."""
    gap = 14.0
    if lower - upper < gap:
        # Close thresholds (e.g. 75 and 70) would print on top of each other.
        middle = (upper + lower) / 2
        upper, lower = middle - gap / 2, middle + gap / 2
    shift = max(0.0, lowest - upper) - max(0.0, lower - highest)
    return upper + shift, lower + shift


def svg_data_uri(svg: str) -> str:
    """The SVG as a base64 data URI for an <img src> (e.g. in the PDF report)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")

"""The evaluation report: what the candidate page shows, as HTML, PDF and a CSV of ratings."""

from __future__ import annotations

import base64
import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from flask import render_template
from flask_babel import format_date
from markupsafe import Markup

from app import i18n
from app.admin.logo import usable_logo
from app.caches import memoize
from app.domain.probation import numbers
from app.domain.probation.charts import item_values_bar_svg, score_line_svg, svg_data_uri
from app.domain.probation.scoring import ItemScore
from app.i18n import N_, format_score
from app.i18n import gettext as _
from app.probation.candidates import candidate_label
from app.probation.evaluations import (
    CandidateInputs,
    CheckinScore,
    actuals_at,
    plan_definition,
    ratings_at,
    timeline,
)
from app.probation.evaluators import evaluator_users
from app.probation.models import Candidate, Checkin, KpiActual, PlanItem, Rating, TrialPlan

REPORT_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "report.css"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LOGO_TYPES = ("image/png", "image/jpeg")


def format_number(value: float | None) -> str:
    """A target or an actual as typed (no trailing zeros), in the interface language's
    format («4,1», «1 500»)."""
    return i18n.format_number(value)


def format_value(value: float | None) -> str:
    """An item value or weighted value with at most three decimals; a dash for none."""
    if value is None:
        return "—"
    rounded = Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return i18n.format_number(rounded)


@dataclass(frozen=True)
class ItemLine:
    """One item of the arithmetic: the stored item, its score row and the inputs used."""

    item: PlanItem
    row: ItemScore
    ratings: list[Rating]
    actual: KpiActual | None
    # Evaluator user id -> the name shown on a rating.
    evaluator_names: Mapping[int, str]

    @property
    def kind_label(self) -> str:
        return _("KPI") if self.item.kind == "kpi" else _("task")


@dataclass(frozen=True, slots=True)
class ArithmeticRow:
    """One item's row of the arithmetic table, as plain values (the `arithmetic` macro of
    templates/probation/_macros.html writes the markup)."""

    css: str
    title: str
    critical: bool
    kind_label: str
    # What went into the value: "unrated" and "ratings" (tasks), "kpi".
    input: str
    # (evaluator name, rating or "n/a") per rating of a task.
    ratings: tuple[tuple[str, str], ...]
    # A KPI's target with its unit, its direction in words, the actual and attainment
    # ("" when there is no actual yet).
    target: str
    direction: str
    actual: str
    attainment: str
    value: str
    weight: int
    weighted: str


def arithmetic_rows(lines: list[ItemLine], failed_critical: tuple[str, ...]) -> list[ArithmeticRow]:
    """The rows of the arithmetic table: per item its title, kind, what went into its
    value (the ratings, or target, direction and actual), value, weight and product."""
    na = _("n/a")
    lower, higher = _("lower is better"), _("higher is better")
    rows = []
    for line in lines:
        item, row = line.item, line.row
        css = ("no-value" if row.value is None else "") + (
            " failed-critical" if str(item.id) in failed_critical else ""
        )
        value = format_value(row.value)
        weighted = "—"
        if row.weighted is not None:
            weighted = f"{item.weight} × {value} = {format_value(row.weighted)}"
        ratings: tuple[tuple[str, str], ...] = ()
        target = direction = actual = attainment = ""
        if item.kind == "task":
            kind = "ratings" if line.ratings else "unrated"
            ratings = tuple(
                (
                    line.evaluator_names.get(r.evaluator_id, ""),
                    na if r.value is None else str(r.value),
                )
                for r in line.ratings
            )
        else:
            kind = "kpi"
            target = format_number(item.target) + (f" {item.unit}" if item.unit else "")
            direction = lower if item.direction == "lower" else higher
            if line.actual is not None:
                actual = format_number(line.actual.value)
                assert row.attainment is not None  # a KPI with an actual has one
                attainment = format_score(100 * row.attainment)
        rows.append(
            ArithmeticRow(
                css=css,
                title=item.title,
                critical=bool(item.critical),
                kind_label=line.kind_label,
                input=kind,
                ratings=ratings,
                target=target,
                direction=direction,
                actual=actual,
                attainment=attainment,
                value=value,
                weight=item.weight,
                weighted=weighted,
            )
        )
    return rows


def charts(
    candidate: Candidate, checkin: Checkin, lines: list[ItemLine], scores: list, width: int = 640
) -> dict:
    """The bar chart of item values and the line of the score over check-ins (SVG)."""
    plan = candidate.plan
    bars = item_values_bar_svg(
        [(line.item.title, line.row.value) for line in lines],
        title=_("Item values at «%(checkin)s» (0–2)", checkin=checkin.name),
        no_value_label=_("no value"),
        empty_label=_("The plan has no items."),
        width=width,
        lang=i18n.ui_lang(),
    )
    # Dates label the points (names are long and the table below gives them); a check-in
    # where nothing was entered yet is a gap, not a score carried over from earlier KPIs.
    scoreline = score_line_svg(
        [
            (format_date(s.checkin.due_date, "short"), s.result.score if s.has_data else None)
            for s in scores
        ],
        title=_("Score over the check-ins"),
        pass_threshold=plan.pass_threshold,
        extend_threshold=plan.extend_threshold,
        threshold_labels=(_("pass from"), _("lower threshold from")),
        empty_label=_("No ratings or results yet."),
        width=width,
        lang=i18n.ui_lang(),
    )
    # The chart module escapes every text it draws; the markup is ours.
    return {"bar_svg": Markup(bars), "line_svg": Markup(scoreline)}  # noqa: S704


def candidate_context(
    candidate: Candidate,
    checkin: Checkin,
    chart_width: int = 960,
    scores: list[CheckinScore] | None = None,
    inputs: CandidateInputs | None = None,
) -> dict[str, Any]:
    """Everything the candidate page and the report show for one check-in (`scores`: the
    candidate's timeline, `inputs`: its ratings and results, when the caller has them)."""
    scores = timeline(candidate, inputs) if scores is None else scores
    current = next(s for s in scores if s.checkin.id == checkin.id)
    items = {str(item.id): item for item in plan_definition(candidate.plan).items}
    ratings = ratings_at(candidate, checkin, inputs)
    actuals = actuals_at(candidate, checkin, inputs)
    evaluators = evaluator_users(candidate.plan)
    names = {user.id: user.display_name for user in evaluators}
    lines = [
        ItemLine(
            items[row.item.id],
            row,
            ratings.get(int(row.item.id), []),
            actuals.get(int(row.item.id)),
            names,
        )
        for row in current.result.rows
    ]
    return {
        "scores": scores,
        "current": current,
        "result": current.result,
        "lines": lines,
        "evaluators": evaluators,
        **charts(candidate, checkin, lines, scores, chart_width),
    }


@memoize("probation.report_css")
def report_css() -> str:
    """The report's print stylesheet (read once per process)."""
    return REPORT_CSS.read_text(encoding="utf-8")


def page_counter_content() -> Markup:
    """The CSS `content` of a page number in the interface language: «стр. 1 из 3»."""
    words = _("page %(page)s of %(pages)s", page="\x00", pages="\x01")
    parts = [f'"{part}"' for part in re.split("[\x00\x01]", words.replace('"', ""))]
    text = f"{parts[0]} counter(page) {parts[1]} counter(pages) {parts[2]}"
    return Markup(text)  # noqa: S704 - our own words, quotes removed


def logo_uri(mime: str | None, data: bytes | None) -> str | None:
    """An organization's logo as a data: URI, or None without a usable one."""
    if not data or mime not in LOGO_TYPES or not usable_logo(mime, data):
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def report_html(
    candidate: Candidate, checkin: Checkin, organization: str, logo: str | None = None
) -> str:
    """The evaluation report as a standalone HTML document (`logo`: a data: URI)."""
    context = candidate_context(candidate, checkin, chart_width=720)
    return render_template(
        "probation/report.html",
        candidate=candidate,
        plan=candidate.plan,
        checkin=checkin,
        organization=organization,
        logo_uri=logo,
        today=date.today(),
        css=Markup(report_css()),  # noqa: S704 - our own file
        page_counter=page_counter_content(),
        bar_uri=svg_data_uri(str(context["bar_svg"])),
        line_uri=svg_data_uri(str(context["line_svg"])),
        **context,
    )


def report_pdf(
    candidate: Candidate, checkin: Checkin, organization: str, lang: str, logo: str | None = None
) -> bytes:
    """The report as PDF, made by the queue worker (time and memory limits, locked-down
    fetcher); NotReady when it takes longer than the bounded wait."""
    from app.jobs.service import pdf_from_html

    html = report_html(candidate, checkin, organization, logo)
    title = _("Evaluation report: %(name)s", name=candidate_label(candidate))
    return pdf_from_html(
        html,
        organization_id=candidate.organization_id,
        user_id=None,
        title=title,
        author=organization,
        lang=lang,
    )


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


RATINGS_HEADER = (
    N_("Candidate ID"),
    N_("Candidate"),
    N_("Check-in"),
    N_("Check-in date"),
    N_("Item ID"),
    N_("Item"),
    N_("Kind"),
    N_("Weight"),
    N_("Critical"),
    N_("Evaluator"),
    N_("Counted"),
    N_("Rating"),
    N_("Comment"),
    N_("KPI actual"),
    N_("Entered"),
)
# Column widths of the XLSX download, in characters.
RATINGS_WIDTHS = (12, 28, 20, 14, 9, 40, 8, 8, 10, 28, 10, 10, 48, 12, 18)
# The CSV variants: `semicolon` (the default: Russian Excel, decimal comma) and `comma`
# (a comma separator and decimal points, for English spreadsheets and scripts).
CSV_VARIANTS = {"semicolon": (";", "ru"), "comma": (",", "en")}


def ratings_rows(plan: TrialPlan) -> list[list[object]]:
    """Every rating and KPI entry of the plan's candidates, one per row, as typed values
    (ids, weights, ratings and actuals as numbers, dates as dates, texts as text; an
    empty cell is ""), in the order of RATINGS_HEADER."""
    items = {item.id: item for item in plan.items}
    checkins = {c.id: c for c in plan.checkins}
    order = {c.id: i for i, c in enumerate(plan.checkins)}
    assigned = {a.user_id for a in plan.evaluators}
    out: list[list[object]] = []
    for candidate in plan.candidates:
        rows: list[tuple[Any, list[Any]]] = []
        for r in candidate.ratings:
            item, checkin = items.get(r.item_id), checkins.get(r.checkin_id)
            if item is None or checkin is None:
                continue
            value = _("n/a") if r.value is None else r.value
            who = r.evaluator.email if r.evaluator else ""
            counted = _("yes") if r.evaluator_id in assigned else _("no")
            rows.append(
                (
                    (order[checkin.id], item.position, item.id, who),
                    [checkin, item, who, counted, value, r.comment, "", r.updated_at],
                )
            )
        for a in candidate.actuals:
            item, checkin = items.get(a.item_id), checkins.get(a.checkin_id)
            if item is None or checkin is None:
                continue
            rows.append(
                (
                    (order[checkin.id], item.position, item.id, a.entered_at.isoformat()),
                    [checkin, item, "", "", "", "", a.value, a.entered_at],
                )
            )
        for _key, (checkin, item, who, counted, value, comment, actual, when) in sorted(
            rows, key=lambda pair: pair[0]
        ):
            out.append(
                [
                    candidate.id,
                    candidate_label(candidate),
                    checkin.name,
                    checkin.due_date,
                    item.id,
                    item.title,
                    _("task") if item.kind == "task" else _("KPI"),
                    item.weight,
                    _("yes") if item.critical else _("no"),
                    who,
                    counted,
                    value,
                    comment,
                    actual,
                    when.replace(tzinfo=None, second=0, microsecond=0) if when else "",
                ]
            )
    return out


def _csv_cell(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return numbers.format_number(value, None, lang, grouping=False)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)


def ratings_csv(plan: TrialPlan, variant: str = "semicolon") -> str:
    """The plan's ratings and KPI entries as CSV text (the caller adds the UTF-8 BOM):
    `semicolon` separates with «;» and writes decimal commas (Russian Excel), `comma`
    separates with «,» and writes decimal points."""
    delimiter, lang = CSV_VARIANTS[variant]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([_(title) for title in RATINGS_HEADER])
    for row in ratings_rows(plan):
        writer.writerow([_csv_cell(cell, lang) for cell in row])
    return out.getvalue()


def ratings_xlsx(plan: TrialPlan, lang: str) -> bytes:
    """The plan's ratings and KPI entries as an Excel workbook: a bold, frozen header
    row, numbers as numbers, dates as dates (shown in the language's format), column
    widths; no text is ever read as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ratings")[:31]
    sheet.append([_(title) for title in RATINGS_HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    day, moment = (
        ("YYYY-MM-DD", "YYYY-MM-DD HH:MM")
        if lang == "en"
        else (
            "DD.MM.YYYY",
            "DD.MM.YYYY HH:MM",
        )
    )
    for row in ratings_rows(plan):
        sheet.append([None if cell == "" else cell for cell in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = moment
            elif isinstance(cell.value, date):
                cell.number_format = day
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # «=…» stays text, never a formula
    for index, width in enumerate(RATINGS_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

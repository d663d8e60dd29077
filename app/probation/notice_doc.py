"""The art. 71 notice as a document: gathered from a candidate, rendered to PDF and DOCX.

The web page and the API both call `build_notice` and then `notice_pdf` or
`notice_docx`; the reasons themselves come from the pure module app.domain.probation.notice.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import render_template
from flask_babel import format_date

from app import i18n
from app.admin.logo import usable_logo
from app.domain.probation import notice
from app.domain.probation.deadlines import probation_end
from app.i18n import gettext as _
from app.probation import report
from app.probation.candidates import candidate_label, ensure_not_erased
from app.probation.evaluations import default_checkin, ratings_at, score_at
from app.probation.evaluators import evaluator_users
from app.probation.models import Candidate, Checkin
from app.probation.plans import add_months

DOCX_LOGO_TYPES = ("image/png", "image/jpeg")  # Word shows no SVG without a fallback
BLANK = "«____» ____________ 20__"
SIGN = "____________"


@dataclass(frozen=True)
class NoticeDocument:
    """Everything the notice shows, in plain values."""

    organization: str
    logo_mime: str | None
    logo_data: bytes | None
    employee: str
    position: str
    start: date | None
    end: date | None
    deadline: date | None
    checkin: Checkin
    verdict: str
    score: float | None
    provisional: bool
    reasons: notice.Reasons
    today: date

    @property
    def logo_uri(self) -> str | None:
        return report.logo_uri(self.logo_mime, self.logo_data)


def _first(*values: Any) -> Any:
    for value in values:
        value = value() if callable(value) else value
        if value:
            return value
    return None


def probation_dates(candidate: Candidate) -> tuple[date | None, date | None]:
    """The candidate's probation start and last day, read from whatever the plan knows.

    A candidate's own end date (when the model has one) wins; else probation_end();
    else the plan's period counted from the candidate's start."""
    start = _first(
        getattr(candidate, "probation_start", None), getattr(candidate, "start_date", None)
    )
    end = _first(
        getattr(candidate, "probation_end", None),
        getattr(candidate, "end_date", None),
        lambda: probation_end(candidate),
    )
    months = getattr(candidate.plan, "period_months", None)
    if end is None and isinstance(start, date) and isinstance(months, int) and months > 0:
        end = add_months(start, months) - timedelta(days=1)
    return (start if isinstance(start, date) else None, end if isinstance(end, date) else None)


def _position(candidate: Candidate) -> str:
    title = (candidate.position_title or "").strip()
    if title:
        return title
    vacancy = getattr(candidate.plan, "vacancy", None)
    return (getattr(vacancy, "title", "") or "").strip()


def notice_checkin(candidate: Candidate, checkin: Checkin | None = None) -> Checkin:
    """The check-in the notice draws on: the one given, else the latest with data."""
    chosen = checkin or default_checkin(candidate)
    if chosen is None:
        raise notice.NoticeRefused("no_verdict")
    return chosen


def build_notice(
    candidate: Candidate, organization: Any, checkin: Checkin | None = None, *, confirmed: bool
) -> NoticeDocument:
    """The notice for a candidate; raises CandidateErased or notice.NoticeRefused."""
    ensure_not_erased(candidate)
    checkin = notice_checkin(candidate, checkin)
    result = score_at(candidate, checkin).result
    notice.check_verdict(result.verdict, confirmed)
    names = {u.id: u.display_name for u in evaluator_users(candidate.plan)}
    notes = {
        str(item_id): [notice.Note(names.get(r.evaluator_id, ""), r.value, r.comment) for r in rows]
        for item_id, rows in ratings_at(candidate, checkin).items()
    }
    start, end = probation_dates(candidate)
    return NoticeDocument(
        organization=organization.name,
        logo_mime=organization.logo_mime,
        logo_data=organization.logo_data,
        employee=candidate_label(candidate),
        position=_position(candidate),
        start=start,
        end=end,
        deadline=notice.deadline(end),
        checkin=checkin,
        verdict=result.verdict or "",
        score=result.score,
        provisional=result.provisional,
        reasons=notice.reasons(result.rows, notes),
        today=date.today(),
    )


# --- the words, shared by the PDF and the DOCX ---------------------------------------


def day(value: date | None) -> str:
    """A date in words for a document, or a blank to fill in by hand."""
    return format_date(value, "long") if value else BLANK


def rating_word(value: int | None) -> str:
    words: dict[int | None, str] = {
        0: _("0 — not done"),
        1: _("1 — partly done"),
        2: _("2 — done as expected"),
    }
    return words.get(value, _("n/a"))


def kpi_line(kpi: notice.KpiReason) -> str:
    unit = f" {kpi.unit}" if kpi.unit else ""
    direction = _("lower is better") if kpi.direction == "lower" else _("higher is better")
    state = _("target reached") if kpi.met else _("target not reached")
    return _(
        "%(title)s: actual %(actual)s against the target %(target)s (%(direction)s), "
        "attainment %(attainment)s %%, %(state)s",
        title=kpi.title,
        actual=report.format_number(kpi.actual) + unit,
        target=report.format_number(kpi.target) + unit,
        direction=direction,
        attainment=i18n.format_score(100 * kpi.attainment),
        state=state,
    )


def task_line(task: notice.TaskReason) -> str:
    line = _(
        "%(title)s: value %(value)s of 2",
        title=task.title,
        value=report.format_value(task.value),
    )
    if not task.critical:
        return line
    mark = _("critical item")
    return f"{line} ({mark})"


def note_line(note: notice.Note) -> str:
    rating = rating_word(note.rating)
    text = f"{note.evaluator}: {rating}" if note.evaluator else rating
    return f"{text} — {note.comment}" if note.comment else text


def texts(doc: NoticeDocument) -> dict[str, str]:
    """The notice's fixed sentences in the interface language."""
    return {
        "title": _("Notice of an unsatisfactory probation result"),
        "employer": _("Employer"),
        "employee": _("Employee"),
        "position": _("Position"),
        "period": _("Probation period"),
        "period_value": _("from %(start)s to %(end)s", start=day(doc.start), end=day(doc.end)),
        "body": _(
            "Under part 1 of article 71 of the Labour Code of the Russian Federation we notify "
            "you that the result of your probation is found unsatisfactory, and that the "
            "employment contract with you will be terminated on %(date)s.",
            date=BLANK,
        ),
        "reasons": _("Reasons that served as grounds for this decision"),
        "tasks": _("Tasks of the probation plan not done as expected"),
        "kpis": _("Measurable goals: actual against target"),
        "none": _("The scored items give no reason below expectation; state the reasons here:"),
        "basis": _("Legal basis"),
        "basis_text": _(
            "Part 1 of article 71 of the Labour Code of the Russian Federation: if the probation "
            "result is unsatisfactory, the employer may terminate the employment contract before "
            "the probation period ends, warning the employee in writing no later than three days "
            "in advance and stating the reasons. The employee may appeal the decision in court."
        ),
        "deadline": _("Deadline for handing over this notice"),
        "deadline_value": _("no later than %(date)s", date=day(doc.deadline)),
        "source": _(
            "Assessment at the check-in «%(checkin)s» of %(date)s: score %(score)s, "
            "verdict: %(verdict)s.",
            checkin=doc.checkin.name,
            date=day(doc.checkin.due_date),
            score=i18n.format_score(doc.score),
            verdict=_("fail") if doc.verdict == "fail" else _("decide now"),
        ),
        "provisional": _("The score is provisional: not every item has a value yet."),
        "sign_employer": _("Employer's representative"),
        "sign_employer_caption": _("(position) / (signature) / (full name)"),
        "acknowledged": _("I have read the notice"),
        "sign_caption": _("(signature) / (full name) / (date)"),
        "date": _("Date"),
    }


def notice_html(doc: NoticeDocument) -> str:
    """The notice as a standalone HTML document for the PDF renderer."""
    return render_template(
        "print/notice.html",
        doc=doc,
        t=texts(doc),
        day=day,
        task_line=task_line,
        kpi_line=kpi_line,
        note_line=note_line,
        blank=BLANK,
        sign=SIGN,
        page_counter=report.page_counter_content(),
    )


def notice_pdf(doc: NoticeDocument, lang: str) -> bytes:
    """The notice as PDF, made by the queue worker (time and memory limits, locked-down
    fetcher); NotReady when it takes longer than the bounded wait."""
    from app.jobs.service import pdf_from_html

    title = f"{texts(doc)['title']}: {doc.employee}"
    return pdf_from_html(
        notice_html(doc),
        organization_id=doc.checkin.organization_id,
        user_id=None,
        title=title,
        author=doc.organization,
        lang=lang,
    )


def notice_docx(doc: NoticeDocument, lang: str) -> bytes:
    """The notice as a Word document (python-docx)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    t = texts(doc)
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    props = document.core_properties
    props.title = t["title"][:255]
    props.author = doc.organization[:255]
    props.language = {"ru": "ru-RU", "en": "en-GB"}.get(lang, lang)
    logo = doc.logo_data
    if logo and doc.logo_mime in DOCX_LOGO_TYPES and usable_logo(doc.logo_mime, logo):
        # An image python-docx cannot read must not stop the notice: it goes without.
        with contextlib.suppress(Exception):
            document.add_picture(io.BytesIO(logo), height=Mm(14))
    document.add_paragraph(doc.organization).runs[0].bold = True
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(t["title"])
    run.bold = True
    run.font.size = Pt(14)
    for label, value in (
        (t["employer"], doc.organization),
        (t["employee"], doc.employee),
        (t["position"], doc.position or SIGN),
        (t["period"], t["period_value"]),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph(t["body"])
    document.add_paragraph().add_run(t["reasons"] + ":").bold = True
    if doc.reasons.tasks:
        document.add_paragraph(t["tasks"] + ":")
        for task in doc.reasons.tasks:
            document.add_paragraph(task_line(task), style="List Bullet")
            for note in task.notes:
                document.add_paragraph(note_line(note), style="List Bullet 2")
    if doc.reasons.kpis:
        document.add_paragraph(t["kpis"] + ":")
        for kpi in doc.reasons.kpis:
            document.add_paragraph(kpi_line(kpi), style="List Bullet")
    if doc.reasons.empty:
        document.add_paragraph(t["none"])
        document.add_paragraph("_" * 60)
    document.add_paragraph(t["source"])
    if doc.provisional:
        document.add_paragraph(t["provisional"])
    paragraph = document.add_paragraph()
    paragraph.add_run(t["basis"] + ": ").bold = True
    paragraph.add_run(t["basis_text"])
    paragraph = document.add_paragraph()
    paragraph.add_run(t["deadline"] + ": ").bold = True
    paragraph.add_run(t["deadline_value"])
    document.add_paragraph()
    document.add_paragraph(f"{t['sign_employer']}: {SIGN} / {SIGN} / {SIGN}")
    document.add_paragraph(t["sign_employer_caption"])
    document.add_paragraph(f"{t['date']}: {BLANK}")
    document.add_paragraph()
    document.add_paragraph(f"{t['acknowledged']}: {SIGN} / {SIGN} / {BLANK}")
    document.add_paragraph(t["sign_caption"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

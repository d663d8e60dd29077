"""«Проверить готовую вакансию»: paste or upload a posting, see its checks in place, and
make a draft of it; and the composer's flagged lines under each field."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import TextAreaField

from app.catalog.service import catalog_for
from app.domain.vacancies.compose import CUSTOM_SECTIONS, TEXT_FIELDS
from app.domain.vacancies.intake import analyze_text, segments
from app.extensions import db
from app.i18n import ui_lang
from app.permissions import EDITORS, roles_required
from app.vacancies import bp, service
from app.vacancies.intake_files import IntakeFileError, check_text, file_text
from app.vacancies.views import org


class AnalyzeForm(FlaskForm):
    """The posting, pasted or uploaded."""

    text = TextAreaField(_l("Vacancy text"))
    upload = FileField(_l("Or upload a file (.txt, .md, .html, .docx, .pdf)"))


def _posting(form: AnalyzeForm) -> str | None:
    """The text to read (an upload wins over the textarea), or None with the reason put
    beside its field."""
    upload = form.upload.data
    try:
        if upload is not None and getattr(upload, "filename", None):
            text = file_text(upload.filename, upload.read())
            form.text.data = text
            return text
        return check_text(form.text.data or "")
    except IntakeFileError as error:
        field = (
            form.upload if upload is not None and getattr(upload, "filename", None) else form.text
        )
        field.errors = [*field.errors, error.text.get(ui_lang())]
        return None


@bp.route("/analyze", methods=["GET", "POST"])
@roles_required(*EDITORS)
def analyze():
    """Check a vacancy written elsewhere; «Создать черновик» saves it as a draft."""
    form = AnalyzeForm()
    if request.method == "GET":
        return render_template("vacancies/analyze.html", form=form, analysis=None, lang=ui_lang())
    if not form.validate():
        return render_template(
            "vacancies/analyze.html", form=form, analysis=None, lang=ui_lang()
        ), 422
    text = _posting(form)
    if text is None:
        return render_template(
            "vacancies/analyze.html", form=form, analysis=None, lang=ui_lang()
        ), 422
    catalog = catalog_for(org())
    analysis = analyze_text(catalog, text)
    if request.form.get("action") == "create":
        vacancy = service.create(org(), current_user, catalog, analysis.draft)
        db.session.commit()
        flash(_("The vacancy has been saved as a draft."), "success")
        return redirect(url_for("vacancies.edit", vacancy_id=vacancy.id))
    return render_template(
        "vacancies/analyze.html",
        form=form,
        analysis=analysis,
        pieces=segments(analysis.text, analysis.located),
        catalog=catalog,
        lang=ui_lang(),
    )


def _field_lines(form, name: str) -> list[str]:
    """A field's lines as the draft numbers them (see compose.vacancy_lines)."""
    field = form._fields.get(name) if form is not None else None
    value = (field.data or "") if field is not None else ""
    if not isinstance(value, str):
        return []
    if name in CUSTOM_SECTIONS:
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value.strip().splitlines()


def flagged_lines(report, form) -> dict[str, list[dict]]:
    """Per composer field, its lines that findings are about, cut around the triggering
    words: {"custom_duties": [{"line", "before", "marked", "after", "message",
    "severity", "code"}]} (plain values; the template marks them)."""
    wanted = (*CUSTOM_SECTIONS, *TEXT_FIELDS, "title")
    lines = {name: _field_lines(form, name) for name in wanted}
    flagged: dict[str, list[dict]] = {}
    lang = ui_lang()
    for found in getattr(report, "findings", ()):
        name, index = found.field, found.line
        if name not in lines or index is None:
            section, _sep, rest = found.item.partition(":")
            if section in CUSTOM_SECTIONS and rest.isdigit():
                name, index = section, int(rest)
            else:
                continue
        if name not in lines or not 0 <= index < len(lines[name]):
            continue
        text = lines[name][index]
        start, end = found.start, found.end
        if start is None or end is None or not 0 <= start < end <= len(text):
            start, end = 0, len(text)
        flagged.setdefault(name, []).append(
            {
                "line": index,
                "before": text[:start],
                "marked": text[start:end],
                "after": text[end:],
                "message": found.message.get(lang),
                "severity": found.severity,
                "code": found.code,
            }
        )
    return flagged


@bp.context_processor
def analyze_context() -> dict:
    """The composer's flagged lines helper."""
    return {"flagged_lines": flagged_lines}

"""The rows of the vacancy list, built in Python.

The list shows 25 vacancies per page, and its rows were most of the page's rendering:
per row a link, a label with the title, counts in words and a date, each through the
template engine's lookups and calls. Here they are plain string formatting; every text
goes through escape().

The page's vacancies come without their content (`data` is deferred: the sorted rows stay
small); the city, the salary and the authors' names of the 25 come in one more query
(`row_details`), by id, with only those fields read out of the JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import aliased

from app.accounts.models import User
from app.exports.labels import CURRENCY_SIGNS
from app.extensions import db
from app.i18n import format_number, format_when, template_ngettext, ui_lang
from app.i18n import gettext as _
from app.vacancies.models import Vacancy

NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class RowDetails:
    """What a list row shows of a vacancy's content and authors."""

    location: str = ""
    salary_from: float | None = None
    salary_to: float | None = None
    currency: str = "RUB"
    period: str = "month"
    created_by: str = ""
    updated_by: str = ""


def _person(name: str | None, email: str | None) -> str:
    return (name or "").strip() or (email or "")


@cache
def _details_query():
    """The statement of `row_details`, built once (building it took longer than running it)."""
    creator, editor = aliased(User), aliased(User)
    data = Vacancy.data
    return (
        select(
            Vacancy.id,
            data["location"].as_string(),
            data["salary_from"].as_float(),
            data["salary_to"].as_float(),
            data["currency"].as_string(),
            data["salary_period"].as_string(),
            creator.name,
            creator.email,
            editor.name,
            editor.email,
        )
        .outerjoin(
            creator,
            and_(
                creator.id == Vacancy.created_by_id,
                creator.organization_id == Vacancy.organization_id,
            ),
        )
        .outerjoin(
            editor,
            and_(
                editor.id == Vacancy.updated_by_id,
                editor.organization_id == Vacancy.organization_id,
            ),
        )
        .where(Vacancy.id.in_(bindparam("ids", expanding=True)))
    )


def row_details(ids: list[int]) -> dict[int, RowDetails]:
    """City, salary and the names of who created and who last changed each vacancy, by
    id. The names are those of users of the vacancy's own organization only."""
    if not ids:
        return {}
    query = _details_query()
    found = {}
    for (
        vid,
        where,
        low,
        high,
        currency,
        period,
        c_name,
        c_mail,
        e_name,
        e_mail,
    ) in db.session.execute(query, {"ids": ids}):
        found[vid] = RowDetails(
            location=(where or "").strip(),
            salary_from=low,
            salary_to=high,
            currency=currency or "RUB",
            period=period or "month",
            created_by=_person(c_name, c_mail),
            updated_by=_person(e_name, e_mail),
        )
    return found


def _amount(value: float, lang: str) -> str:
    return format_number(int(value) if float(value).is_integer() else value, lang=lang)


def _money(amount: str, currency: str, lang: str) -> str:
    # As the documents write it: Russian puts the sign after the number, English leads
    # with the ISO code (app/exports/labels.py).
    if lang == "ru":
        return f"{amount}{NBSP}{CURRENCY_SIGNS.get(currency, currency)}"
    return f"{currency}{NBSP}{amount}"


def format_salary(details: RowDetails, lang: str | None = None) -> str:
    """The salary in short, in the interface language: «от 60 000 ₽», «до 80 000 ₽»,
    «60 000–80 000 ₽» ("from RUB 60,000", "RUB 60,000–80,000"), with the period when it
    is not a month («в час»); a dash when there is none."""
    lang = "en" if (lang or ui_lang())[:2] == "en" else "ru"
    low, high = details.salary_from, details.salary_to
    if low is None and high is None:
        return "—"
    if low is not None and high is not None:
        same = low == high
        amount = _amount(low, lang) if same else f"{_amount(low, lang)}–{_amount(high, lang)}"
        text = _money(amount, details.currency, lang)
    elif low is not None:
        text = _("from %(amount)s", amount=_money(_amount(low, lang), details.currency, lang))
    else:
        text = _("up to %(amount)s", amount=_money(_amount(high, lang), details.currency, lang))
    if details.period == "hour":
        text += " " + _("per hour")
    elif details.period == "year":
        text += " " + _("per year")
    return text


def _show_url() -> Callable[[int], str]:
    """url_for("vacancies.show") for many ids: built once with a stand-in id that is then
    replaced (url_for per row was a tenth of the page)."""
    probe = url_for("vacancies.show", vacancy_id=0)
    if not probe.endswith("/0"):  # the id is not the path's last part: build each one
        return lambda vacancy_id: url_for("vacancies.show", vacancy_id=vacancy_id)
    prefix = probe[:-1]
    return lambda vacancy_id: f"{prefix}{vacancy_id}"


def _counted(singular: str, plural: str, num: int) -> str:
    return template_ngettext(singular, plural, num) % {"num": num}


def vacancy_rows(
    vacancies: Iterable[Any], role_names: Mapping[str, str], status_labels: Mapping[str, str]
) -> Markup:
    """One table row per vacancy: pick box, title link, role, city, salary, status,
    checks, author, change time."""
    show_url = _show_url()
    vacancies = list(vacancies)
    details = row_details([v.id for v in vacancies])
    lang = ui_lang()
    rows = []
    for v in vacancies:
        about = details.get(v.id, RowDetails())
        author = escape(about.created_by or "—")
        if about.updated_by and about.updated_by != about.created_by:
            edited = escape(_("edited by %(name)s")) % {"name": about.updated_by}
            author += Markup('<br><span class="muted small">{}</span>').format(edited)
        picked = escape(_("Select %(title)s")) % {"title": v.title}
        link = show_url(v.id)
        checks = []
        if v.error_count:
            errors = _counted("%(num)d error", "%(num)d errors", v.error_count)
            checks.append(f'<span class="badge err">{escape(errors)}</span>')
        if v.warning_count:
            warnings = _counted("%(num)d warning", "%(num)d warnings", v.warning_count)
            checks.append(f'<span class="badge warn">{escape(warnings)}</span>')
        if not v.error_count and not v.warning_count:
            checks.append(f'<span class="badge ok">{escape(_("clean"))}</span>')
        role = role_names.get(v.role, v.role)
        rows.append(
            f"<tr>"
            f'<td><input type="checkbox" name="ids" value="{v.id}" id="pick-{v.id}"'
            f' aria-label="{picked}"></td>'
            f'<td><a href="{escape(link)}">{escape(v.title)}</a>'
            f' <span class="muted small">VAC-{v.id}</span></td>'
            f"<td>{escape(role)}</td>"
            f"<td>{escape(about.location or '—')}</td>"
            f'<td class="nowrap">{escape(format_salary(about, lang))}</td>'
            f'<td><span class="badge status-{escape(v.status)}">'
            f"{escape(status_labels[v.status])}</span></td>"
            f"<td>{' '.join(checks)} "
            f'<span class="muted small">{escape(v.quality)}/100</span></td>'
            f"<td>{author}</td>"
            f'<td class="nowrap">{escape(format_when(v.updated_at))}</td>'
            f"</tr>"
        )
    return Markup("".join(rows))  # noqa: S704 - every text in it went through escape()

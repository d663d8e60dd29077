"""The rows of the vacancy list: each vacancy's texts prepared once, as plain values.

The list shows 25 vacancies per page. `vacancy_rows` turns them into `VacancyRow`s (the
link, the labels, the counts in words, the salary and the date already formatted and
translated); `templates/vacancies/_list_rows.html` only loops over them and writes the
markup, and autoescaping escapes every text.

The page's vacancies come without their content (`data` is deferred: the sorted rows stay
small); the city, the salary and the authors' names of the 25 come in one more query
(`row_details`), by id, with only those fields read out of the JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import url_for
from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import aliased

from app.accounts.models import User
from app.caches import memoize
from app.exports.labels import CURRENCY_SIGNS
from app.extensions import db
from app.i18n import format_number, format_when, ui_lang
from app.i18n import gettext as _
from app.i18n import template_ngettext as ngettext
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


@memoize("sql.vacancy_details")
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
    lang = "ru" if (lang or ui_lang())[:2] == "ru" else "en"
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
        assert high is not None  # not both None (returned above), and low is None
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


@dataclass(frozen=True, slots=True)
class VacancyRow:
    """What one row of the list shows, as plain text (the template escapes it)."""

    id: int
    url: str
    title: str
    pick_label: str
    role: str
    location: str
    salary: str
    status: str
    status_label: str
    # (tone, text) per badge: ("err", "2 errors"), ("warn", ...), or ("ok", "clean").
    checks: tuple[tuple[str, str], ...]
    quality: int
    author: str
    edited: str
    updated: str


def vacancy_rows(
    vacancies: Iterable[Any], role_names: Mapping[str, str], status_labels: Mapping[str, str]
) -> list[VacancyRow]:
    """One row per vacancy (`templates/vacancies/_list_rows.html`): pick box, title link,
    role, city, salary, status, checks, author, change time."""
    show_url = _show_url()
    vacancies = list(vacancies)
    details = row_details([v.id for v in vacancies])
    lang = ui_lang()
    rows = []
    for v in vacancies:
        about = details.get(v.id, RowDetails())
        edited = ""
        if about.updated_by and about.updated_by != about.created_by:
            edited = _("edited by %(name)s", name=about.updated_by)
        checks = []
        if v.error_count:
            errors = ngettext("%(num)d error", "%(num)d errors", v.error_count) % {
                "num": v.error_count
            }
            checks.append(("err", errors))
        if v.warning_count:
            warnings = ngettext("%(num)d warning", "%(num)d warnings", v.warning_count) % {
                "num": v.warning_count
            }
            checks.append(("warn", warnings))
        if not v.error_count and not v.warning_count:
            checks.append(("ok", _("clean")))
        rows.append(
            VacancyRow(
                id=v.id,
                url=show_url(v.id),
                title=v.title,
                pick_label=_("Select %(title)s", title=v.title),
                role=role_names.get(v.role, v.role),
                location=about.location or "—",
                salary=format_salary(about, lang),
                status=v.status,
                status_label=status_labels[v.status],
                checks=tuple(checks),
                quality=v.quality,
                author=about.created_by or "—",
                edited=edited,
                updated=format_when(v.updated_at),
            )
        )
    return rows

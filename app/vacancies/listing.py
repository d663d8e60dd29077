"""The rows of the vacancy list, built in Python.

The list shows 25 vacancies per page, and its rows were most of the page's rendering:
per row a link, a label with the title, counts in words and a date, each through the
template engine's lookups and calls. Here they are plain string formatting; every text
goes through escape().
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from app.i18n import format_when, template_ngettext
from app.i18n import gettext as _


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
    """One table row per vacancy: pick box, title link, role, status, checks, change time."""
    show_url = _show_url()
    rows = []
    for v in vacancies:
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
            f'<td><span class="badge status-{escape(v.status)}">'
            f"{escape(status_labels[v.status])}</span></td>"
            f"<td>{' '.join(checks)} "
            f'<span class="muted small">{escape(v.quality)}/100</span></td>'
            f'<td class="nowrap">{escape(format_when(v.updated_at))}</td>'
            f"</tr>"
        )
    return Markup("".join(rows))  # noqa: S704 - every text in it went through escape()

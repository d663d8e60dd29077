"""Catch the mistakes the source material warns about before a vacancy goes out (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from app.catalog.model import Catalog, Exclusion, Role, Text
from app.vacancies.compose import (
    CATALOG_SECTIONS,
    chosen_items,
    compose_vacancy,
    draft_lines,
    vacancy_lines,
)
from app.vacancies.discrimination import discrimination_findings
from app.vacancies.document import VacancyDocument
from app.vacancies.draft import VacancyDraft
from app.vacancies.pay_goals import goal_findings, salary_findings
from app.vacancies.quality import (
    ERROR,
    PENALTIES,
    WARNING,
    CheckReport,
    Finding,
    Fix,
    Scored,
    build_report,
    finding,
    quality_findings,
    quote,
    ru_plural,
)

__all__ = [
    "ERROR",
    "PENALTIES",
    "WARNING",
    "CheckReport",
    "Finding",
    "Fix",
    "check_vacancy",
    "publish_blockers",
]

# The seed's own list of tasks that are not SMM work (article 1, «Что не должен делать…»).
NOT_SMM_SOURCE = "article-1/not-smm"
# Neither the organization, the identifier nor the date changes any check.
_PLACEHOLDER_DATE = date(2000, 1, 1)
NBSP = "\u00a0"


def _lower_first(text: str) -> str:
    """Lower the first letter unless it starts an abbreviation («SEO», «PR»)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _ids(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if isinstance(v, str)))


def _number(value: float, lang: str) -> str:
    if value != int(value):
        return f"{value:g}".replace(".", "," if lang == "ru" else ".")
    return f"{int(value):,}".replace(",", NBSP if lang == "ru" else ",")


def _stale_items(catalog: Catalog, draft: VacancyDraft) -> Iterator[Scored]:
    chosen: dict[str, tuple[Iterable[Any], str]] = {
        "role": ((draft.role,), "roles"),
        "networks": (draft.networks, "networks"),
        **{section: (getattr(draft, section), section) for section in CATALOG_SECTIONS},
        "kpis": ((getattr(k, "id", None) for k in draft.kpis), "kpis"),
    }
    for field, (ids, kind) in chosen.items():
        for item_id in _ids(ids):
            if item_id in catalog.by_id[kind]:
                continue
            quoted = quote(item_id)
            yield finding(
                "stale-item",
                field if field == "role" else f"{field}:{item_id}",
                Text(
                    f"Пункта {quoted.ru} больше нет в каталоге организации: его удалили или "
                    "скрыли. В вакансию он не попадёт.",
                    f"{quoted.en} is no longer in your organization's catalog (removed or "
                    "hidden); the vacancy leaves it out.",
                ),
                Text(
                    f"Уберите {quoted.ru} из вакансии или выберите замену в каталоге.",
                    f"Remove {quoted.en} from the vacancy or pick a replacement from the catalog.",
                ),
            )


def _instead(exclusion: Exclusion) -> Text:
    return Text(
        f"Уберите пункт: этим занимается {_lower_first(exclusion.instead.ru)}. Если задача "
        "нужна, наймите на неё отдельного человека.",
        f"Remove the line: this is work for {_lower_first(exclusion.instead.en)}. If you need "
        "it done, hire for it separately.",
    )


def _excluded(catalog: Catalog, draft: VacancyDraft) -> Iterator[Scored]:
    """Lines about tasks that are not SMM work; items marked `conflicts_with` are named as such."""
    for item, shown, texts in draft_lines(catalog, draft):
        quoted = quote(shown)
        section, _, item_id = item.partition(":")
        conflict = None
        if section in CATALOG_SECTIONS:
            conflict = getattr(catalog.by_id[section][item_id], "conflicts_with", None)
        if conflict in catalog.by_id["exclusions"]:
            exclusion = catalog.exclusion(conflict)
            yield finding(
                "conflicting-item",
                item,
                Text(
                    f"Пункт {quoted.ru} часто встречается в шаблонах вакансий, но это "
                    f"«{exclusion.text.ru}» — не работа SMM-специалиста. {exclusion.rationale.ru}",
                    f"{quoted.en} is common in vacancy templates, but it is “{exclusion.text.en}”, "
                    f"which is not an SMM person's job. {exclusion.rationale.en}",
                ),
                _instead(exclusion),
            )
            continue
        for exclusion in catalog.exclusions_matching(*texts):
            cited = NOT_SMM_SOURCE in exclusion.source
            yield finding(
                "excluded-duty",
                item,
                Text(
                    f"{quoted.ru} — это задача «{exclusion.text.ru}», а она"
                    f"{', по источнику,' if cited else ''} не входит в работу SMM-специалиста. "
                    f"{exclusion.rationale.ru}",
                    f"{quoted.en} falls under “{exclusion.text.en}”, which "
                    f"{'the source lists as' if cited else 'is'} not an SMM person's job. "
                    f"{exclusion.rationale.en}",
                ),
                _instead(exclusion),
            )


def _network_names(catalog: Catalog, ids: Iterable[str]) -> Text:
    networks = chosen_items(catalog.networks, ids)
    return Text(", ".join(n.text.ru for n in networks), ", ".join(n.text.en for n in networks))


def _workload(catalog: Catalog, draft: VacancyDraft, role: Role | None) -> Iterator[Scored]:
    """The seed: a person who makes the content can fully run only one network."""
    networks = [n for n in _ids(draft.networks) if n in catalog.by_id["networks"]]
    role_limit = role.max_networks if role is not None else None
    limit = 1 if draft.focus == "content" else role_limit
    if limit is None or len(networks) <= limit:
        return
    count, names = len(networks), _network_names(catalog, networks)
    chosen = Text(
        f"выбрано {count} {ru_plural(count, 'соцсеть', 'соцсети', 'соцсетей')} ({names.ru})",
        f"{count} networks are chosen ({names.en})",
    )
    if role is not None and role_limit == limit:
        most = Text("только одну соцсеть", "only one network")
        if limit > 1:
            most = Text(f"не больше {limit} соцсетей", f"at most {limit} networks")
        who = Text(
            f"{role.text.ru} может полноценно вести {most.ru}",
            f"In the “{role.text.en}” role one person can fully run {most.en}",
        )
    else:
        who = Text(
            "Сотрудник, который сам делает контент, может полноценно вести только одну соцсеть",
            "Someone who makes the content can fully run only one network",
        )
    yield finding(
        "workload",
        "networks",
        Text(
            f"{who.ru}, а {chosen.ru}: контент для каждой приходится готовить заново.",
            f"{who.en}, but {chosen.en}: each needs its own content.",
        ),
        Text(
            "Оставьте одну соцсеть или наймите по человеку на каждую. Если нужны все сразу, "
            "смените фокус на стратегию и ищите SMM-менеджера, который ставит задачи "
            "контентмейкерам.",
            "Keep one network or hire one person per network. If you need them all, switch "
            "the focus to strategy and hire an SMM manager who briefs content makers.",
        ),
    )


def _role_mismatch(catalog: Catalog, draft: VacancyDraft, role: Role | None) -> Iterator[Scored]:
    """Most chosen duties belong to another role than the one chosen."""
    duties = chosen_items(catalog.duties, draft.duties)
    if role is None or not duties:
        return
    outside = sum(1 for duty in duties if role.id not in duty.roles)
    if outside * 2 <= len(duties):
        return
    others = [r for r in catalog.roles if r.id != role.id]
    coverage = {r.id: sum(1 for duty in duties if r.id in duty.roles) for r in others}
    best = max(others, key=lambda r: coverage[r.id], default=None)
    if best is None or coverage[best.id] * 2 <= len(duties):
        return
    total, covered = len(duties), coverage[best.id]
    yield finding(
        "role-mismatch",
        "role",
        Text(
            f"{outside} из {total} выбранных обязанностей не входят в роль «{role.text.ru}», "
            f"а роль «{best.text.ru}» включает "
            + ("их все." if covered == total else f"{covered} из {total}."),
            f"{outside} of the {total} chosen duties are not part of the “{role.text.en}” role, "
            f"while the “{best.text.en}” role covers {covered} of them.",
        ),
        Text(
            f"Смените роль на «{best.text.ru}» или уберите обязанности, которые не относятся "
            f"к роли «{role.text.ru}».",
            f"Switch the role to “{best.text.en}”, or remove the duties that are not part of "
            f"the “{role.text.en}” role.",
        ),
    )


def check_vacancy(
    catalog: Catalog, draft: VacancyDraft, *, document: VacancyDocument | None = None
) -> CheckReport:
    """Every finding about a draft, its 0-100 quality score and the fixes that help most."""
    if document is None:
        document = compose_vacancy(
            catalog, draft, organization="", identifier="", date_posted=_PLACEHOLDER_DATE
        )
    role = catalog.by_id["roles"].get(draft.role) if isinstance(draft.role, str) else None
    lines = vacancy_lines(catalog, draft)
    return build_report(
        [
            *discrimination_findings(lines),
            *salary_findings(draft, lines),
            *_stale_items(catalog, draft),
            *_excluded(catalog, draft),
            *_workload(catalog, draft, role),
            *_role_mismatch(catalog, draft, role),
            *goal_findings(catalog, draft, role, lines),
            *quality_findings(document),
        ]
    )


def publish_blockers(report: CheckReport) -> tuple[Finding, ...]:
    """The findings that keep a vacancy from being published (severity "error")."""
    return tuple(f for f in report.findings if f.severity == ERROR)

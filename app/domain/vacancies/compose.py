"""Turn a draft into a vacancy document, and build a role's default draft (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from app.domain.catalog.model import Catalog
from app.domain.vacancies.document import DocLine, Goal, Logo, Salary, VacancyDocument
from app.domain.vacancies.draft import KpiChoice, VacancyDraft

# The all-in-one person of a small project mostly produces content (seed, article 1).
CONTENT_FOCUSED_ROLES = ("smm-generalist",)
# Draft fields holding catalog ids, and the employer's own lines, of the three lists.
CATALOG_SECTIONS = ("duties", "skills", "requirements")
CUSTOM_SECTIONS = ("custom_duties", "custom_skills", "custom_requirements")
# The free-text fields of a draft, read line by line.
TEXT_FIELDS = ("intro_md", "conditions_md", "apply_md")


def vacancy_lines(catalog: Catalog, draft: VacancyDraft) -> tuple[DocLine, ...]:
    """Every line of a draft a candidate reads, in reading order: the title, the company
    intro, duties, requirements and skills (catalog and custom), conditions and how to
    apply. Blank lines are left out; unknown catalog ids too (stale-item reports them)."""
    lines = []
    title = _text(draft.title)
    if title:
        lines.append(DocLine("title", 0, title, "title"))
    lines += _text_lines(draft, "intro_md")
    for section, custom in zip(CATALOG_SECTIONS, CUSTOM_SECTIONS, strict=True):
        by_id = catalog.by_id[section]
        ids = getattr(draft, section)
        for index, item_id in enumerate(ids if isinstance(ids, tuple | list) else ()):
            item = by_id.get(item_id) if isinstance(item_id, str) else None
            if item is None:
                continue
            other = "en" if draft.language != "en" else "ru"
            lines.append(
                DocLine(
                    section,
                    index,
                    item.text.get(draft.language),
                    f"{section}:{item_id}",
                    item_id,
                    item.text.get(other),
                )
            )
        values = getattr(draft, custom)
        for index, line in enumerate(values if isinstance(values, tuple | list) else ()):
            if isinstance(line, str) and line.strip():
                lines.append(DocLine(custom, index, line, f"{custom}:{index}"))
    lines += _text_lines(draft, "conditions_md")
    lines += _text_lines(draft, "apply_md")
    return tuple(lines)


def _text_lines(draft: VacancyDraft, field: str) -> list[DocLine]:
    value = getattr(draft, field)
    if not isinstance(value, str):
        return []
    return [
        DocLine(field, index, line, field)
        for index, line in enumerate(value.splitlines())
        if line.strip()
    ]


def default_draft(
    catalog: Catalog,
    role_id: str,
    *,
    scale: str | None = None,
    networks: Sequence[str] = ("instagram",),
    language: str = "ru",
    title: str | None = None,
) -> VacancyDraft:
    """The draft a new vacancy starts from: the role's defaults for the scale (by default
    the role's own, see Role.default_scale) and networks."""
    role = catalog.role(role_id)
    scale = scale or role.default_scale
    defaults = catalog.defaults_for(role_id, scale, networks)
    kpis = tuple(
        KpiChoice(kpi_id, catalog.kpi(kpi_id).default_target)
        for kpi_id in defaults.kpis
        if kpi_id in catalog.by_id["kpis"]
    )
    return VacancyDraft(
        title=title if title is not None else role.text.get(language),
        role=role_id,
        scale=scale,
        networks=tuple(networks),
        focus="content" if role_id in CONTENT_FOCUSED_ROLES else "balanced",
        duties=defaults.duties,
        skills=defaults.skills,
        requirements=defaults.requirements,
        kpis=kpis,
        language=language,
    )


def chosen_items(items: Iterable[Any], chosen: Iterable[Any]) -> tuple[Any, ...]:
    """Catalog items whose ids were chosen, in catalog order; unknown ids are left out."""
    wanted = {item_id for item_id in chosen if isinstance(item_id, str)}
    return tuple(item for item in items if item.id in wanted)


def own_lines(lines: Iterable[Any]) -> tuple[str, ...]:
    """The employer's own lines, stripped, blank ones dropped."""
    return tuple(line.strip() for line in lines if isinstance(line, str) and line.strip())


def _text(value: Any) -> str:
    # Validation rejects non-text input; composing an unvalidated draft must still not fail.
    return value.strip() if isinstance(value, str) else ""


def _lines(
    items: Iterable[Any], chosen: Iterable[str], custom: Iterable[str], lang: str
) -> tuple[str, ...]:
    catalog_lines = tuple(item.text.get(lang) for item in chosen_items(items, chosen))
    return catalog_lines + own_lines(custom)


def _skill_tags(catalog: Catalog, draft: VacancyDraft, lang: str) -> tuple[str, ...]:
    """The short tag of each skill line, in the order of `_lines` ("" for own lines)."""
    chosen = chosen_items(catalog.skills, draft.skills)
    tags = tuple(skill.tag.get(lang) if skill.tag else "" for skill in chosen)
    return tags + ("",) * len(own_lines(draft.custom_skills))


def _goals(catalog: Catalog, kpis: Iterable[KpiChoice], lang: str) -> tuple[Goal, ...]:
    # The first target wins when a KPI was picked twice; the validator reports the repeat.
    targets: dict[str, float] = {}
    for choice in kpis:
        targets.setdefault(choice.id, choice.target)
    return tuple(
        Goal(kpi.id, kpi.text.get(lang), targets[kpi.id], kpi.unit.get(lang), kpi.direction)
        for kpi in chosen_items(catalog.kpis, targets)
    )


def _salary(draft: VacancyDraft) -> Salary | None:
    if draft.salary_from is None and draft.salary_to is None:
        return None
    return Salary(
        draft.salary_from, draft.salary_to, draft.currency, draft.salary_gross, draft.salary_period
    )


def compose_vacancy(
    catalog: Catalog,
    draft: VacancyDraft,
    *,
    organization: str,
    identifier: str,
    date_posted: date,
    logo: Logo | None = None,
    version: int = 1,
    country: str = "",
) -> VacancyDocument:
    """The vacancy document in the draft's language; ids missing from the catalog are skipped.
    Its `lines` say where each line a candidate reads comes from: the checks read those."""
    lang = draft.language
    role = catalog.by_id["roles"].get(draft.role)
    return VacancyDocument(
        identifier=identifier,
        title=_text(draft.title),
        language=lang,
        organization=organization,
        role=draft.role,
        role_title=role.text.get(lang) if role is not None else "",
        networks=tuple(n.text.get(lang) for n in chosen_items(catalog.networks, draft.networks)),
        intro_md=_text(draft.intro_md),
        duties=_lines(catalog.duties, draft.duties, draft.custom_duties, lang),
        requirements=_lines(
            catalog.requirements, draft.requirements, draft.custom_requirements, lang
        ),
        skills=_lines(catalog.skills, draft.skills, draft.custom_skills, lang),
        conditions_md=_text(draft.conditions_md),
        goals=_goals(catalog, draft.kpis, lang),
        apply_md=_text(draft.apply_md),
        salary=_salary(draft),
        employment=draft.employment,
        schedule=draft.schedule,
        workplace=draft.workplace,
        location=_text(draft.location),
        experience=draft.experience,
        date_posted=date_posted,
        valid_through=draft.valid_through,
        logo=logo,
        version=version,
        skill_tags=_skill_tags(catalog, draft, lang),
        lines=vacancy_lines(catalog, draft),
        country=country,
    )

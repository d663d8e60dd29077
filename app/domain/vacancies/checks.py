"""Catch the mistakes the source material warns about before a vacancy goes out (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from app.domain.catalog.model import Catalog, Exclusion
from app.domain.message import LowerFirst, Message, msg
from app.domain.vacancies.compose import CATALOG_SECTIONS, TEXT_FIELDS, compose_vacancy
from app.domain.vacancies.discrimination import discrimination_findings
from app.domain.vacancies.document import DocLine, VacancyDocument
from app.domain.vacancies.draft import VacancyDraft
from app.domain.vacancies.pay_goals import goal_findings, salary_findings
from app.domain.vacancies.quality import (
    ERROR,
    CheckReport,
    Finding,
    Scored,
    Where,
    build_report,
    finding,
    quality_findings,
    quoted,
)
from app.domain.vacancies.role_fit import role_findings
from app.domain.vacancies.workload import network_mentions, workload_findings

# The seed's own list of tasks that are not SMM work (article 1, «Что не должен делать…»).
NOT_SMM_SOURCE = "article-1/not-smm"
# Neither the organization, the identifier nor the date changes any check.
_PLACEHOLDER_DATE = date(2000, 1, 1)


def _ids(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if isinstance(v, str)))


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
            item = quoted(item_id)
            yield finding(
                "stale-item",
                field if field == "role" else f"{field}:{item_id}",
                msg(
                    "%(item)s is no longer in your organization's catalog (removed or "
                    "hidden); the vacancy leaves it out.",
                    item=item,
                ),
                msg(
                    "Remove %(item)s from the vacancy or pick a replacement from the catalog.",
                    item=item,
                ),
            )


def _instead(exclusion: Exclusion) -> Message:
    return msg(
        "Remove the line: this is work for %(instead)s. If you need it done, hire for it "
        "separately.",
        instead=LowerFirst(exclusion.instead),
    )


def _conflict(catalog: Catalog, line: DocLine) -> Exclusion | None:
    """The exclusion a catalog item is marked as conflicting with, if any."""
    if line.origin is None or line.field not in CATALOG_SECTIONS:
        return None
    conflict = getattr(catalog.by_id[line.field].get(line.origin), "conflicts_with", None)
    return catalog.by_id["exclusions"].get(conflict) if conflict else None


def _excluded(catalog: Catalog, lines: Sequence[DocLine]) -> Iterator[Scored]:
    """Lines about tasks that are not SMM work, wherever they are written (title, intro,
    duties, skills, requirements, conditions); catalog items marked `conflicts_with` are
    named as such."""
    for line in lines:
        whole = quoted(line.text)
        conflict = _conflict(catalog, line)
        if conflict is not None:
            yield finding(
                "conflicting-item",
                line.item,
                msg(
                    "%(line)s is common in vacancy templates, but it is “%(exclusion)s”, "
                    "which is not an SMM person's job. %(rationale)s",
                    line=whole,
                    exclusion=conflict.text,
                    rationale=conflict.rationale,
                ),
                _instead(conflict),
                where=Where(line.field, line.line),
                subject=conflict.id,
            )
            continue
        seen: set[str] = set()
        for text in line.texts:
            for exclusion, start, end in catalog.exclusion_spans(text):
                if exclusion.id in seen:
                    continue
                seen.add(exclusion.id)
                own = text is line.text
                words = quoted(text[start:end]) if line.field in TEXT_FIELDS else whole
                params = {
                    "words": words,
                    "exclusion": exclusion.text,
                    "rationale": exclusion.rationale,
                }
                if NOT_SMM_SOURCE in exclusion.source:
                    message = msg(
                        "%(words)s falls under “%(exclusion)s”, which the source lists as not "
                        "an SMM person's job. %(rationale)s",
                        **params,
                    )
                else:
                    message = msg(
                        "%(words)s falls under “%(exclusion)s”, which is not an SMM person's "
                        "job. %(rationale)s",
                        **params,
                    )
                yield finding(
                    "excluded-duty",
                    line.item,
                    message,
                    _instead(exclusion),
                    where=Where(
                        line.field, line.line, start if own else None, end if own else None
                    ),
                    subject=exclusion.id,
                )


def check_vacancy(
    catalog: Catalog, draft: VacancyDraft, *, document: VacancyDocument | None = None
) -> CheckReport:
    """Every finding about a draft, its 0-100 quality score and the fixes that help most.

    The draft is composed once (or `document`, composed from it, is given) and every
    check reads the document's lines; the draft itself only gives what a document does not
    say: the chosen ids, the scale and the salary bounds as typed."""
    if document is None:
        document = compose_vacancy(
            catalog, draft, organization="", identifier="", date_posted=_PLACEHOLDER_DATE
        )
    role = catalog.by_id["roles"].get(draft.role) if isinstance(draft.role, str) else None
    lines = document.lines
    networks = network_mentions(catalog, draft, lines)
    return build_report(
        [
            *discrimination_findings(lines),
            *salary_findings(draft, lines),
            *_stale_items(catalog, draft),
            *_excluded(catalog, lines),
            *workload_findings(catalog, draft, lines, networks),
            *role_findings(catalog, role, lines, draft.scale),
            *goal_findings(catalog, draft, role, lines),
            *quality_findings(document, lines),
        ]
    )


def publish_blockers(report: CheckReport) -> tuple[Finding, ...]:
    """The findings that keep a vacancy from being published (severity "error")."""
    return tuple(f for f in report.findings if f.severity == ERROR)

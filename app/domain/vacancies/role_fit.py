"""Role mismatch: the duties belong to another role than the one the vacancy names (pure).

The duties read are the catalog duties chosen and the employer's own duty lines, each
read as its nearest catalog duty (app.domain.vacancies.matching); lines that match nothing
are left out. Two ways a vacancy can name the wrong role:

- most of its duties are outside the role and another role covers most of them (a
  specialist asked to manage a team and hire, a small project's one-person role asked
  for special projects);
- it names the manager role of a large project, yet every duty is hands-on work (making
  and publishing content, answering followers, selling) and none leads anything (a
  team, a budget, coordination, market research): that is the one-person role of a small
  project (seed, article 1), whose defaults, workload rule and goals fit the job better.
  In a small project a manager doing the hands-on work is what the seed describes, so
  the small scale is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.domain.catalog.concepts import Concept, parse_concept
from app.domain.catalog.model import Catalog, Duty, Role
from app.domain.message import msg
from app.domain.vacancies.document import DocLine
from app.domain.vacancies.matching import best_match
from app.domain.vacancies.quality import Scored, Where, finding

MANAGER = "smm-manager"
ONE_PERSON = "smm-generalist"
# Duties of someone who leads the work rather than does it.
LEADING_CATEGORIES = frozenset({"team", "budget", "coordination", "market-research"})
HANDS_ON_CATEGORIES = frozenset({"content", "community", "sales", "reputation"})
# An employer's own line that leads someone or something, whatever catalog duty it is near.
LEADING: Concept = parse_concept(
    {
        "tools": ["бюджет", "budget", "найм", "hiring", "тимлид", "teamlead"],
        "rules": [
            {
                "all": [
                    [
                        "руководить",
                        "руководство",
                        "управлять",
                        "управление",
                        "возглавлять",
                        "координировать",
                        "координация",
                        "нанимать",
                        "обучать",
                        "lead",
                        "leading",
                        "manage",
                        "managing",
                        "supervise",
                        "coordinate",
                        "hire",
                    ],
                    [
                        "команда",
                        "отдел",
                        "сотрудник",
                        "подрядчик",
                        "агентство",
                        "фрилансер",
                        "автор",
                        "дизайнер",
                        "копирайтер",
                        "таргетолог",
                        "team",
                        "staff",
                        "contractor",
                        "agency",
                        "freelancer",
                        "writer",
                        "designer",
                    ],
                ],
                "window": 4,
            }
        ],
    }
)
# Fewer duties than this say too little about the job to judge its role.
MIN_DUTIES = 3


def vacancy_duties(catalog: Catalog, lines: Sequence[DocLine]) -> list[Duty]:
    """The catalog duties a vacancy asks for: chosen ones and own lines read as duties."""
    found: dict[str, Duty] = {}
    for line in lines:
        origin = line.origin
        if line.field == "duties" and origin is not None and origin in catalog.by_id["duties"]:
            found.setdefault(origin, catalog.duty(origin))
        elif line.field == "custom_duties":
            match = best_match(catalog, line.text, ("duties",))
            if match is not None:
                found.setdefault(match.item_id, catalog.duty(match.item_id))
    return list(found.values())


def _other_role(catalog: Catalog, role: Role, duties: Sequence[Duty]) -> Iterator[Scored]:
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
        # The whole list covered says so ("covers %(total)s of them": all of them).
        msg(
            "%(outside)s of the vacancy's %(total)s duties are not part of the “%(role)s” "
            "role, while the “%(best)s” role covers %(total)s of them.",
            outside=outside,
            total=total,
            role=role.text,
            best=best.text,
        )
        if covered == total
        else msg(
            "%(outside)s of the vacancy's %(total)s duties are not part of the “%(role)s” "
            "role, while the “%(best)s” role covers %(covered)s of them.",
            outside=outside,
            total=total,
            role=role.text,
            best=best.text,
            covered=covered,
        ),
        msg(
            "Switch the role to “%(best)s”, or remove the duties that are not part of "
            "the “%(role)s” role.",
            best=best.text,
            role=role.text,
        ),
        where=Where("role"),
        subject=best.id,
    )


def _hands_on_manager(
    catalog: Catalog, role: Role, duties: Sequence[Duty], lines: Sequence[DocLine]
) -> Iterator[Scored]:
    if role.id != MANAGER or ONE_PERSON not in catalog.by_id["roles"]:
        return
    if any(LEADING.find(line.text) for line in lines if line.origin is None):
        return
    leading = [d for d in duties if d.category in LEADING_CATEGORIES or d.roles == (MANAGER,)]
    hands_on = [d for d in duties if d.category in HANDS_ON_CATEGORIES]
    # All hands-on, give or take one line (an audience study, say).
    if leading or len(hands_on) < max(MIN_DUTIES, len(duties) - 1):
        return
    one = catalog.role(ONE_PERSON)
    yield finding(
        "role-mismatch",
        "role",
        msg(
            "The vacancy names the “%(role)s” role, but every duty is hands-on work: "
            "content, publishing, answering followers. Nobody is to be led, no budget or "
            "contractors managed, which is what sets a manager apart. This is the "
            "“%(one)s” role.",
            role=role.text,
            one=one.text,
        ),
        msg(
            "Choose the “%(one)s” role (its goals and workload fit such work), or add "
            "what a manager leads: a team, a budget, coordinating contractors.",
            one=one.text,
        ),
        where=Where("role"),
        subject=one.id,
    )


def role_findings(
    catalog: Catalog, role: Role | None, lines: Sequence[DocLine], scale: str = "large"
) -> Iterator[Scored]:
    """`role-mismatch` when the duties belong to another role than the one chosen."""
    if role is None:
        return
    duties = vacancy_duties(catalog, lines)
    if not duties:
        return
    found = list(_other_role(catalog, role, duties))
    if not found and len(duties) >= MIN_DUTIES and scale != "small":
        found = list(_hands_on_manager(catalog, role, duties, lines))
    yield from found

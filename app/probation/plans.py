"""Trial plans: building one from a vacancy, editing items, check-ins and evaluators."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.models import Organization, User
from app.database import utcnow
from app.domain.catalog.model import Catalog
from app.domain.probation import law, rules
from app.domain.probation.errors import InvalidInput, VersionConflict
from app.domain.vacancies.serialize import draft_from_dict
from app.extensions import db
from app.probation.models import Checkin, PlanItem, TrialPlan
from app.vacancies.models import Vacancy

DEFAULT_PERIOD = 3
KPI_WEIGHT = 3


add_months = law.add_months
KEEP: Any = object()  # update_plan: leave this setting as it is


def default_checkins(
    start: date, period_months: int, lang: str, period_days: int | None = None
) -> list[tuple[str, date]]:
    """A mid-term check-in halfway and a final one on the last day of the period."""
    end = law.period_end(start, months=period_months, days=period_days)
    with force_locale(lang):
        return [
            (_("Mid-term review"), start + (end - start) / 2),
            (_("Final review"), end),
        ]


def prefilled_items(catalog: Catalog, vacancy: Vacancy, lang: str) -> list[dict[str, Any]]:
    """Catalog trial tasks for the vacancy's duties, then the vacancy's KPIs with targets."""
    draft = draft_from_dict(vacancy.data or {})
    items: list[dict[str, Any]] = [
        {
            "kind": "task",
            "title": task.text.get(lang)[: rules.ITEM_TITLE_MAX],
            "weight": task.weight,
            "critical": task.critical,
            "evidence": task.evidence.get(lang)[: rules.EVIDENCE_MAX],
            "catalog_id": task.id,
        }
        for task in catalog.trial_tasks_for_duties(draft.duties)
    ]
    for choice in draft.kpis:
        if choice.id not in catalog.by_id["kpis"]:
            continue
        kpi = catalog.kpi(choice.id)
        target = choice.target if choice.target and choice.target > 0 else kpi.default_target
        items.append(
            {
                "kind": "kpi",
                "title": kpi.text.get(lang)[: rules.ITEM_TITLE_MAX],
                "weight": KPI_WEIGHT,
                "critical": False,
                "evidence": "",
                "catalog_id": kpi.id,
                "target": target,
                "unit": kpi.unit.get(lang)[: rules.UNIT_MAX],
                "direction": kpi.direction,
            }
        )
    return items


def organization_law(organization_id: int) -> str:
    """The labour law the organization says it is under ("ru" unless it says otherwise)."""
    org = db.session.get(Organization, organization_id)
    return org.labour_law if org is not None and org.labour_law in law.LAWS else law.DEFAULT_LAW


def _plan_values(
    organization_id: int,
    title: object,
    period_months: object,
    start_date: object,
    pass_threshold: object,
    extend_threshold: object,
    period_days: object = None,
    position_category: object = "regular",
    contract_term: object = "open",
    min_coverage: object = 80,
) -> dict[str, Any]:
    passed, extend = rules.thresholds(pass_threshold, extend_threshold)
    values: dict[str, Any] = {
        "title": rules.text("title", title, rules.PLAN_TITLE_MAX),
        "period_days": rules.period_days(period_days),
        "start_date": rules.day("start_date", start_date),
        "pass_threshold": passed,
        "extend_threshold": extend,
        "position_category": rules.position_category(position_category),
        "contract_term": rules.contract_term(contract_term),
        "min_coverage": rules.min_coverage(min_coverage),
    }
    # A period in days leaves the months as they were (they do not count then).
    if values["period_days"] is None or period_months not in (None, ""):
        values["period_months"] = rules.period(period_months)
    rules.legal_period(
        organization_law(organization_id),
        values["start_date"],
        values.get("period_months", DEFAULT_PERIOD),
        values["period_days"],
        values["position_category"],
        values["contract_term"],
    )
    return values


def create_plan_from_vacancy(
    vacancy: Vacancy,
    catalog: Catalog,
    user: User | None,
    *,
    title: object,
    start_date: object,
    period_months: object = DEFAULT_PERIOD,
    pass_threshold: object = 75,
    extend_threshold: object = 50,
    period_days: object = None,
    position_category: object = "regular",
    contract_term: object = "open",
    min_coverage: object = 80,
) -> TrialPlan:
    """A new plan of the vacancy's organization with pre-filled items and two check-ins."""
    values = _plan_values(
        vacancy.organization_id,
        title,
        period_months,
        start_date,
        pass_threshold,
        extend_threshold,
        period_days,
        position_category,
        contract_term,
        min_coverage,
    )
    lang = draft_from_dict(vacancy.data or {}).language or "ru"
    lang = lang if lang in ("ru", "en") else "ru"
    plan = TrialPlan(
        organization_id=vacancy.organization_id,
        vacancy_id=vacancy.id,
        language=lang,
        created_by_id=user.id if user else None,
        **values,
    )
    db.session.add(plan)
    db.session.flush()
    for position, fields in enumerate(prefilled_items(catalog, vacancy, lang)):
        plan.items.append(
            PlanItem(organization_id=plan.organization_id, position=position, **fields)
        )
    for position, (name, due) in enumerate(
        default_checkins(
            values["start_date"], values.get("period_months", 1), lang, values["period_days"]
        )
    ):
        plan.checkins.append(
            Checkin(
                organization_id=plan.organization_id, name=name, due_date=due, position=position
            )
        )
    db.session.flush()
    return plan


def touch(plan: TrialPlan) -> None:
    """Count a change of the plan's definition (items, check-ins, evaluators, settings)."""
    plan.version += 1
    plan.updated_at = utcnow()


def check_version(plan: TrialPlan, base_version: int | None) -> None:
    """Raise VersionConflict when the editor's copy is older than the stored plan."""
    if base_version is not None and base_version != plan.version:
        raise VersionConflict(plan.version)


def update_plan(
    plan: TrialPlan,
    *,
    title: object,
    period_months: object,
    start_date: object,
    pass_threshold: object,
    extend_threshold: object,
    base_version: int | None = None,
    period_days: object = KEEP,
    position_category: object = KEEP,
    contract_term: object = KEEP,
    min_coverage: object = KEEP,
) -> None:
    """Change the plan's title, period, start, thresholds, the art. 70 choices and the
    minimum coverage (KEEP: as it is)."""
    check_version(plan, base_version)
    kept = {
        "period_days": plan.period_days if period_days is KEEP else period_days,
        "position_category": (
            plan.position_category if position_category is KEEP else position_category
        ),
        "contract_term": plan.contract_term if contract_term is KEEP else contract_term,
        "min_coverage": plan.min_coverage if min_coverage is KEEP else min_coverage,
    }
    values = _plan_values(
        plan.organization_id,
        title,
        period_months,
        start_date,
        pass_threshold,
        extend_threshold,
        **kept,
    )
    for key, value in values.items():
        setattr(plan, key, value)
    touch(plan)


def delete_plan(plan: TrialPlan) -> None:
    """Delete the plan with its items, check-ins, candidates, ratings and actuals."""
    db.session.delete(plan)


def item_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Checked values of an item; KPI fields are cleared on a task."""
    kind = rules.kind(fields.get("kind"))
    values: dict[str, Any] = {
        "kind": kind,
        "title": rules.text("title", fields.get("title"), rules.ITEM_TITLE_MAX),
        "weight": rules.weight(fields.get("weight")),
        "critical": bool(fields.get("critical")),
        "due_date": rules.day("due_date", fields.get("due_date"), required=False),
        "evidence": rules.text(
            "evidence", fields.get("evidence"), rules.EVIDENCE_MAX, required=False, multiline=True
        ),
    }
    if kind == "kpi":
        values["target"] = rules.target(fields.get("target"))
        values["unit"] = rules.text("unit", fields.get("unit"), rules.UNIT_MAX, required=False)
        values["direction"] = rules.direction(fields.get("direction"))
    else:
        values.update(target=None, unit="", direction=None)
    return values


def add_item(plan: TrialPlan, **fields: Any) -> PlanItem:
    """Append a custom item (task or KPI) to the plan."""
    if len(plan.items) >= rules.MAX_ITEMS:
        raise InvalidInput("title", _l("A plan holds at most %(num)d items.", num=rules.MAX_ITEMS))
    values = item_values(fields)
    position = max((i.position for i in plan.items), default=-1) + 1
    item = PlanItem(organization_id=plan.organization_id, position=position, **values)
    plan.items.append(item)
    touch(plan)
    db.session.flush()
    return item


def update_item(item: PlanItem, **fields: Any) -> None:
    """Change an item; its kind stays what it was unless given."""
    values = item_values({"kind": item.kind, **fields})
    if values["kind"] != item.kind:
        raise InvalidInput("kind", _l("The kind of an item cannot change; add a new item."))
    for key, value in values.items():
        setattr(item, key, value)
    touch(item.plan)


def remove_item(item: PlanItem) -> None:
    """Remove an item with its ratings and actuals."""
    plan = item.plan
    plan.items.remove(item)
    touch(plan)


def reorder_items(plan: TrialPlan, item_ids: Sequence[int]) -> None:
    """Put the items in the given order (every item id exactly once)."""
    by_id = {item.id: item for item in plan.items}
    if sorted(item_ids) != sorted(by_id):
        raise InvalidInput("items", _l("List every item of the plan exactly once."))
    for position, item_id in enumerate(item_ids):
        by_id[item_id].position = position
    touch(plan)


def move_item(item: PlanItem, step: int) -> None:
    """Move an item one place up (step -1) or down (step +1); the ends stay put."""
    order = [i.id for i in item.plan.items]
    index = order.index(item.id)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    reorder_items(item.plan, order)


def add_checkin(plan: TrialPlan, *, name: object, due_date: object) -> Checkin:
    """Add a check-in to the plan."""
    if len(plan.checkins) >= rules.MAX_CHECKINS:
        raise InvalidInput(
            "name", _l("A plan holds at most %(num)d check-ins.", num=rules.MAX_CHECKINS)
        )
    checkin = Checkin(
        organization_id=plan.organization_id,
        name=rules.text("name", name, rules.CHECKIN_NAME_MAX),
        due_date=rules.day("due_date", due_date),
        position=max((c.position for c in plan.checkins), default=-1) + 1,
    )
    plan.checkins.append(checkin)
    touch(plan)
    db.session.flush()
    return checkin


def update_checkin(checkin: Checkin, *, name: object, due_date: object) -> None:
    """Rename or re-date a check-in."""
    checkin.name = rules.text("name", name, rules.CHECKIN_NAME_MAX)
    day = rules.day("due_date", due_date)
    assert day is not None  # required: day() raises rather than return None
    checkin.due_date = day
    touch(checkin.plan)


def remove_checkin(checkin: Checkin) -> None:
    """Remove a check-in with its ratings and actuals; the last one stays."""
    plan = checkin.plan
    if len(plan.checkins) <= 1:
        raise InvalidInput("checkin", _l("A plan needs at least one check-in."))
    plan.checkins.remove(checkin)
    touch(plan)


def end_date(plan: TrialPlan) -> date:
    """The last day of the probation period."""
    return law.period_end(plan.start_date, months=plan.period_months, days=plan.period_days)

"""JSON Schemas of the probation bodies: trial plans, items, check-ins, candidates, scores."""

from __future__ import annotations

from app.api.jsonschema import (
    BOOL,
    DATE,
    ID,
    INT,
    NUM,
    STR,
    Schema,
    array,
    enum,
    nullable,
    obj,
    ref,
    text_of,
)
from app.domain.probation import law, rules


def probation_schemas() -> dict[str, Schema]:
    """Trial plans, items, check-ins, candidates, ratings and scores."""
    threshold = {"type": "number", "minimum": 0, "maximum": 100}
    plan_fields = {
        "title": text_of(rules.PLAN_TITLE_MAX),
        "start_date": DATE,
        "period_months": {
            "type": "integer",
            "minimum": rules.MIN_PERIOD,
            "maximum": rules.MAX_PERIOD,
        },
        "pass_threshold": threshold,
        "extend_threshold": threshold,
        "period_days": nullable(
            {
                "type": "integer",
                "minimum": rules.MIN_PERIOD_DAYS,
                "maximum": rules.MAX_PERIOD_DAYS,
            }
        ),
        "position_category": enum(law.CATEGORIES),
        "contract_term": enum(law.CONTRACTS),
        "min_coverage": threshold,
        "evaluators": array({"type": "string", "format": "email"}),
    }
    item_fields = {
        "kind": enum(("task", "kpi")),
        "title": text_of(rules.ITEM_TITLE_MAX),
        "weight": {"type": "integer", "minimum": 1, "maximum": 5},
        "critical": BOOL,
        "due_date": nullable(DATE),
        "evidence": text_of(rules.EVIDENCE_MAX),
        "target": {"type": "number", "exclusiveMinimum": 0, "maximum": rules.MAX_NUMBER},
        "unit": text_of(rules.UNIT_MAX),
        "direction": enum(("higher", "lower")),
    }
    item = obj(
        {"id": ID, **item_fields, "due_date": nullable(DATE), "target": NUM},
        ("id", "kind", "title", "weight", "critical", "due_date", "evidence"),
    )
    checkin = obj(
        {"id": ID, "name": STR, "due_date": DATE, "closed": BOOL}, ("id", "name", "due_date")
    )
    candidate_fields = {
        "name": text_of(rules.NAME_MAX),
        "position": text_of(rules.POSITION_MAX),
        "start_date": DATE,
        "contact": text_of(rules.CONTACT_MAX),
    }
    candidate = {
        "id": ID,
        "plan_id": ID,
        "name": STR,
        "position": STR,
        "start_date": DATE,
        "probation_end": DATE,
        "contact": STR,
        "erased": BOOL,
    }
    plan = {
        "id": ID,
        "vacancy_id": nullable(INT),
        "title": STR,
        "language": STR,
        "period_months": INT,
        "start_date": DATE,
        "end_date": DATE,
        "pass_threshold": NUM,
        "extend_threshold": NUM,
        "period_days": nullable(INT),
        "position_category": enum(law.CATEGORIES),
        "contract_term": enum(law.CONTRACTS),
        "min_coverage": NUM,
        "version": INT,
        "items": array(ref("PlanItem")),
        "evaluators": array(STR),
        "checkins": array(ref("Checkin")),
        "candidates": array(ref("Candidate")),
    }
    by_item = {"type": "object", "propertyNames": {"pattern": "^[0-9]{1,10}$"}}
    rating = {"anyOf": [{"type": "integer", "enum": [0, 1, 2]}, {"type": "null"}]}
    score_row = obj({"id": INT, "weight": INT, "value": nullable(NUM)}, ("id", "weight", "value"))
    score = {
        "candidate_id": ID,
        "checkin": ID,
        "score": nullable(NUM),
        "coverage": nullable({"type": "number", "minimum": 0, "maximum": 1}),
        "provisional": BOOL,
        "verdict": nullable(enum(("pass", "extend", "fail"))),
        "verdict_label": nullable(STR),
        "verdict_note": STR,
        "missing": array(ref("ScoreMissing")),
        "items": array(score_row),
        "hidden": BOOL,
    }
    missing = obj(
        {
            "kind": enum(("coverage", "evaluator")),
            "coverage": NUM,
            "min_coverage": NUM,
            "evaluator": STR,
            "message": STR,
        },
        ("kind", "message"),
    )
    return {
        "TrialPlanInput": obj(plan_fields),
        "TrialPlanUpdate": obj(
            {"version": {"type": "integer", "minimum": 1}, **plan_fields}, ("version",)
        ),
        "PlanItemInput": obj(item_fields),
        "PlanItem": item,
        "CheckinInput": obj({"name": text_of(rules.CHECKIN_NAME_MAX), "due_date": DATE}),
        "CheckinUpdate": obj(
            {"name": text_of(rules.CHECKIN_NAME_MAX), "due_date": DATE, "closed": BOOL}
        ),
        "Checkin": checkin,
        "TrialPlan": obj(plan, tuple(plan)),
        "TrialPlanSummary": obj(
            {
                "id": ID,
                "vacancy_id": nullable(INT),
                "title": STR,
                "start_date": DATE,
                "period_months": INT,
                "period_days": nullable(INT),
                "version": INT,
                "candidates": INT,
            },
            ("id", "vacancy_id", "title", "start_date", "period_months", "version", "candidates"),
        ),
        "TrialPlanList": obj({"items": array(ref("TrialPlanSummary"))}, ("items",)),
        "CandidateInput": obj(candidate_fields),
        "Candidate": obj(candidate, tuple(candidate)),
        "EvaluationInput": obj(
            {
                "checkin": ID,
                "ratings": {**by_item, "additionalProperties": rating},
                "comments": {**by_item, "additionalProperties": text_of(rules.COMMENT_MAX)},
            },
            ("checkin",),
        ),
        "KpiActualsInput": obj(
            {
                "checkin": ID,
                "actuals": {
                    **by_item,
                    "additionalProperties": nullable(
                        {"type": "number", "minimum": 0, "maximum": rules.MAX_NUMBER}
                    ),
                },
                "confirm": {"type": "boolean", "default": False},
            },
            ("checkin", "actuals"),
        ),
        "ScoreMissing": missing,
        "Score": obj(score, tuple(score)),
        "KpiActualsResult": obj({"stored": INT, "score": ref("Score")}, ("stored", "score")),
    }

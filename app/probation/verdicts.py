"""The verdict in words for the organization's labour law, and whether it is final.

Every place that shows a verdict (pages, report, API) takes its words from here. Under
the Russian Labour Code a probation cannot be extended (art. 70), so the middle verdict
(API code `extend`, kept for compatibility) reads "decide before the period ends"; the
word "extend" is used only for an organization whose law allows an extension.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.domain.probation import completeness, law, scoring
from app.probation import blind, evaluations
from app.probation.evaluations import default_checkin, plan_definition, score_at, score_summary
from app.probation.models import Candidate, Checkin
from app.probation.plans import organization_law
from app.probation.scope import get_checkin

LABELS = {
    "pass": _l("pass"),
    "fail": _l("fail"),
}
MIDDLE = {
    "ru": _l("Decide before the period ends"),
    "extendable": _l("extend the probation"),
}


def verdict_label(verdict: str | None, labour_law: str = law.DEFAULT_LAW) -> str:
    """The verdict in the caller's language; an em dash when there is none."""
    if verdict == "extend":
        return str(MIDDLE.get(labour_law, MIDDLE[law.DEFAULT_LAW]))
    return str(LABELS[verdict]) if verdict in LABELS else "—"


def verdict_note(verdict: str | None, labour_law: str = law.DEFAULT_LAW) -> str:
    """What the verdict asks of the employer (empty for pass and for no verdict)."""
    if verdict == "extend" and law.extension_allowed(labour_law):
        return _(
            "The score is between the thresholds. The organization's law allows extending "
            "the probation period."
        )
    if verdict == "extend":
        return _(
            "The score is between the thresholds. Under art. 70 of the Labour Code the "
            "probation period cannot be made longer: decide before it ends. If the result is "
            "unsatisfactory, give the employee a written notice with the reasons at least "
            "three days before the end (art. 71)."
        )
    if verdict == "fail" and not law.extension_allowed(labour_law):
        return _(
            "To end the employment contract for an unsatisfactory result, give the employee "
            "a written notice with the reasons at least three days before the end of the "
            "probation (art. 71 of the Labour Code)."
        )
    return ""


def thresholds_text(plan: Any, labour_law: str, fmt: Any) -> str:
    """The plan's thresholds in words, with the middle verdict named for the law."""
    return _(
        "pass from %(pass)s; «%(middle)s» from %(extend)s; below that fail",
        middle=verdict_label("extend", labour_law),
        **{"pass": fmt(plan.pass_threshold), "extend": fmt(plan.extend_threshold)},
    )


def status(
    candidate: Candidate, checkin: Checkin, result: scoring.ScoreResult, inputs: Any = None
) -> completeness.Completeness[User]:
    """Whether the verdict at the check-in is final, and who or what is missing."""
    users = [a.user for a in candidate.plan.evaluators]
    done = evaluations.submitted(candidate, checkin, inputs)
    return completeness.completeness(
        result.valued_weight,
        result.total_weight,
        candidate.plan.min_coverage,
        users,
        [u for u in users if u.id in done],
    )


def missing_list(
    state: completeness.Completeness[User], result: scoring.ScoreResult
) -> list[dict[str, Any]]:
    """What keeps the verdict provisional, as the API returns it (and the page shows it)."""
    rows: list[dict[str, Any]] = []
    if state.coverage_short:
        shown = scoring.format_coverage(result.coverage)
        rows.append(
            {
                "kind": "coverage",
                "coverage": result.coverage,
                "min_coverage": state.min_coverage,
                "message": _(
                    "Coverage is %(coverage)s; the verdict is final from %(min)s %%.",
                    coverage=shown,
                    min=scoring.format_score(state.min_coverage),
                ),
            }
        )
    for user in state.missing:
        rows.append(
            {
                "kind": "evaluator",
                "evaluator": user.email,
                "message": _(
                    "%(name)s has not rated every task at this check-in yet.",
                    name=user.display_name,
                ),
            }
        )
    return rows


def score_answer(
    candidate: Candidate, checkin: Checkin | None = None, viewer: User | None = None
) -> dict[str, Any]:
    """The API's score: the service's summary with `provisional` by the completeness rule
    (coverage below the plan's minimum, or an assigned evaluator who has not submitted),
    what is `missing`, and the verdict's label and note in the caller's language. For a
    `viewer` who may not see the check-in's score yet (blind ratings) it is `hidden`: no
    score, coverage, verdict or item values."""
    if viewer is not None:
        seen = blind.view(candidate, viewer)
        if checkin is None:
            checkin = default_checkin(candidate, seen.scores)
        if checkin is not None and checkin.id in seen.hidden:
            return hidden_answer(candidate, checkin)
    summary = score_summary(candidate, checkin)
    checkin = get_checkin(candidate.plan, summary["checkin"])
    result = score_at(candidate, checkin).result
    state = status(candidate, checkin, result)
    labour_law = organization_law(candidate.organization_id)
    return {
        **summary,
        "provisional": result.score is not None and state.provisional,
        "verdict_label": verdict_label(result.verdict, labour_law) if result.verdict else None,
        "verdict_note": verdict_note(result.verdict, labour_law),
        "missing": missing_list(state, result) if result.score is not None else [],
        "hidden": False,
    }


def hidden_answer(candidate: Candidate, checkin: Checkin) -> dict[str, Any]:
    """The API's score at a check-in whose ratings are hidden from the caller."""
    return {
        "checkin": checkin.id,
        "score": None,
        "coverage": None,
        "provisional": False,
        "verdict": None,
        "items": [
            {"id": item.id, "weight": item.weight, "value": None}
            for item in plan_definition(candidate.plan).items
        ],
        "verdict_label": None,
        "verdict_note": str(blind.HIDDEN_NOTE),
        "missing": [],
        "hidden": True,
    }

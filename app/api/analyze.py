"""`POST /vacancies/analyze`: a posting written elsewhere, read and checked as pasted."""

from __future__ import annotations

from typing import Any

from app.api.bodies import checked, read_json, refuse
from app.api.components import FINDING_PROPERTIES, SCHEMAS
from app.api.components import _vacancy_fields as vacancy_fields
from app.api.context import api_lang, api_org
from app.api.errors import invalid
from app.api.jsonschema import INT, STR, Schema, array, enum, nullable, obj, ref, text_of
from app.api.registry import operation
from app.api.schemas import draft_to_api
from app.api.vacancies import finding_to_api
from app.catalog.service import catalog_for
from app.domain.vacancies.draft import VACANCY_ROLES
from app.domain.vacancies.intake import KINDS, Analysis, analyze_text
from app.permissions import EDITORS
from app.vacancies.intake_files import MAX_TEXT, IntakeFileError, check_text

TAG = "Vacancies"


def _schemas() -> dict[str, Schema]:
    """The body and the answer of the analyzer."""
    span = {"start": nullable(INT), "end": nullable(INT)}
    line = obj({"text": STR, "start": INT, "end": INT}, ("text", "start", "end"))
    section = obj(
        {"kind": enum(KINDS), "heading": STR, "start": INT, "end": INT, "lines": array(line)},
        ("kind", "heading", "start", "end", "lines"),
    )
    pay = obj(
        {
            "start": INT,
            "end": INT,
            "from": nullable(INT),
            "to": nullable(INT),
            "currency": STR,
            "period": STR,
            "gross": nullable({"type": "boolean"}),
        },
        ("start", "end", "from", "to", "currency", "period", "gross"),
    )
    guesses = obj(
        {
            "role": enum(VACANCY_ROLES),
            "role_from": enum(("title", "duties", "default")),
            "networks": array(STR),
            "salary": nullable(pay),
            "location": STR,
            "workplace": nullable(enum(("remote", "hybrid"))),
            "language": enum(("ru", "en")),
        },
        ("role", "role_from", "networks", "salary", "location", "workplace", "language"),
    )
    finding = obj(
        {**FINDING_PROPERTIES, "text_span": obj(span, ("start", "end"))},
        (*FINDING_PROPERTIES, "text_span"),
    )
    return {
        "AnalyzeInput": obj({"text": text_of(MAX_TEXT)}, ("text",)),
        "AnalyzedFinding": finding,
        "Analysis": obj(
            {
                "title": STR,
                "sections": array(section),
                "guesses": guesses,
                "draft": obj(vacancy_fields(output=True), tuple(vacancy_fields(output=True))),
                "quality": {"type": "integer", "minimum": 0, "maximum": 100},
                "warnings": array(ref("AnalyzedFinding")),
            },
            ("title", "sections", "guesses", "draft", "quality", "warnings"),
        ),
    }


SCHEMAS.update(_schemas())


def analysis_to_api(analysis: Analysis) -> dict[str, Any]:
    """The analysis in the API's shape; spans are offsets into the text sent."""
    lang = api_lang()
    g = analysis.guesses
    pay = g.pay
    return {
        "title": analysis.title,
        "sections": [
            {
                "kind": s.kind,
                "heading": s.heading,
                "start": s.start,
                "end": s.end,
                "lines": [{"text": x.text, "start": x.start, "end": x.end} for x in s.lines],
            }
            for s in analysis.sections
        ],
        "guesses": {
            "role": g.role,
            "role_from": g.role_from,
            "networks": list(g.networks),
            "salary": None
            if pay is None
            else {
                "start": pay.start,
                "end": pay.end,
                "from": pay.amount_from,
                "to": pay.amount_to,
                "currency": pay.currency,
                "period": pay.period,
                "gross": pay.gross,
            },
            "location": g.location,
            "workplace": g.workplace,
            "language": g.language,
        },
        "draft": draft_to_api(analysis.draft),
        "quality": analysis.report.quality,
        "warnings": [
            {
                **finding_to_api(item.finding, lang),
                "text_span": {"start": item.start, "end": item.end},
            }
            for item in analysis.located
        ],
    }


@operation(
    "POST",
    "/vacancies/analyze",
    summary="Check a vacancy written elsewhere",
    tag=TAG,
    roles=EDITORS,
    body="AnalyzeInput",
    returns="Analysis",
)
def analyze_vacancy():
    """Reads a posting's text as pasted: its sections, what it says (role, networks, pay,
    place, language), the draft it would make, and every check's finding with the span of
    the text it is about (`text_span`, offsets into `text`). Saves nothing; 422 for an
    empty text or one over 100,000 characters."""
    body = read_json()
    refuse(checked(body, "AnalyzeInput"), "text")
    text = body["text"]
    try:
        check_text(text)
    except IntakeFileError as error:
        raise invalid({"text": [error.text.get(api_lang())]}) from None
    return analysis_to_api(analyze_text(catalog_for(api_org()), text))

"""Import every model so the metadata (and Alembic) sees all tables."""

from app.accounts.models import AuditEvent, LoginFailure, Organization, User
from app.api.models import ApiRateCounter, ApiToken
from app.catalog.models import CatalogOverride
from app.jobs.models import Job
from app.probation.models import (
    Candidate,
    Checkin,
    KpiActual,
    PlanEvaluator,
    PlanItem,
    Rating,
    TrialPlan,
)
from app.vacancies.models import Vacancy, VacancyTerm, VacancyVersion

__all__ = [
    "ApiRateCounter",
    "ApiToken",
    "AuditEvent",
    "Candidate",
    "CatalogOverride",
    "Checkin",
    "Job",
    "KpiActual",
    "LoginFailure",
    "Organization",
    "PlanEvaluator",
    "PlanItem",
    "Rating",
    "TrialPlan",
    "User",
    "Vacancy",
    "VacancyTerm",
    "VacancyVersion",
]

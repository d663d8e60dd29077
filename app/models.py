"""Import every model module so the metadata (and Alembic) sees all tables."""

import app.accounts.models
import app.api.models
import app.catalog.models
import app.jobs.models
import app.probation.models
import app.vacancies.models  # noqa: F401

"""Admin page: download the organization's full export as one JSON file."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from app.access import org_id, roles_required
from app.accounts.models import AuditEvent, User
from app.backup.export import dumps, export_organization, record_export
from app.catalog.models import CatalogOverride
from app.exports.filenames import export_filename
from app.extensions import db
from app.probation.models import Candidate, Rating, TrialPlan
from app.vacancies.models import Vacancy, VacancyVersion

bp = Blueprint("backup", __name__, url_prefix="/admin/export")

INCLUDED = (
    (_l("Users and their roles (without password hashes)"), User),
    (_l("Catalog changes of your organization"), CatalogOverride),
    (_l("Vacancies"), Vacancy),
    (_l("Saved versions of vacancies"), VacancyVersion),
    (_l("Trial plans with their tasks, KPIs, check-ins and evaluators"), TrialPlan),
    (_l("Candidates on probation"), Candidate),
    (_l("Ratings and comments"), Rating),
    (_l("Audit log entries"), AuditEvent),
)


@bp.route("")
@roles_required("admin")
def index():
    """What the export holds, with a download button."""
    counts = [
        (
            label,
            db.session.execute(
                select(func.count()).select_from(model).where(model.organization_id == org_id())
            ).scalar_one(),
        )
        for label, model in INCLUDED
    ]
    return render_template("backup/index.html", counts=counts)


@bp.route("/download")
@roles_required("admin")
def download():
    """The signed-in admin's own organization as a JSON attachment (audited)."""
    organization_id = org_id()
    name = current_user.organization.name
    db.session.commit()  # the export reads in a snapshot transaction of its own
    document = export_organization(organization_id, with_password_hashes=False)
    body = dumps(document)
    record_export(organization_id, current_user, document, via="web")
    response = Response(body, content_type="application/json; charset=utf-8")
    filename = export_filename(f"smm-{name}", date.today(), "json")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""Administration pages: the audit log and the organization's data export."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select

from app.access import org_id, roles_required
from app.accounts.models import AuditEvent, User
from app.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 50


@bp.route("/audit")
@roles_required("admin")
def audit():
    """Sign-ins, failed sign-ins, role changes, exports and erasures, newest first."""
    try:
        page = max(1, min(int(request.args.get("page", 1)), 10_000))
    except ValueError:
        page = 1
    action = request.args.get("action", "")[:40]
    query = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.organization_id == org_id())
    )
    if action:
        query = query.where(AuditEvent.action == action)
    rows = db.session.execute(
        query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(PER_PAGE + 1)
        .offset((page - 1) * PER_PAGE)
    ).all()
    actions = (
        db.session.execute(
            select(AuditEvent.action)
            .where(AuditEvent.organization_id == org_id())
            .distinct()
            .order_by(AuditEvent.action)
        )
        .scalars()
        .all()
    )
    return render_template(
        "admin/audit.html",
        rows=rows[:PER_PAGE],
        has_next=len(rows) > PER_PAGE,
        page=page,
        action=action,
        actions=actions,
    )

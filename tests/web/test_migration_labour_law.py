"""The labour-law migration gives existing organizations and plans their defaults."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from app import create_app
from app.extensions import db

BEFORE = "b7e1d4a09c52"


def test_existing_rows_get_russia_and_the_plan_defaults(tmp_path):
    url = "sqlite:///" + str(tmp_path / "law.sqlite3")
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision=BEFORE)
        assert "labour_law" not in {
            c["name"] for c in inspect(db.engine).get_columns("organizations")
        }
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO organizations (id, name, catalog_version, created_at) "
                    "VALUES (1, 'Acme', 1, '2026-01-01 00:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO trial_plans (id, organization_id, title, period_months, "
                    "start_date, pass_threshold, extend_threshold, language, version, "
                    "created_at, updated_at) VALUES (1, 1, 'План', 3, '2026-01-15', 75, 50, "
                    "'ru', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT labour_law FROM organizations")).scalar_one() == "ru"
            row = conn.execute(
                text(
                    "SELECT period_days, position_category, contract_term, min_coverage "
                    "FROM trial_plans"
                )
            ).one()
        assert tuple(row) == (None, "regular", "open", 80)
        downgrade(revision=BEFORE)
        columns = {c["name"] for c in inspect(db.engine).get_columns("trial_plans")}
        assert "min_coverage" not in columns and "period_days" not in columns
        db.engine.dispose()

"""vacancy list indexes carry the status and role filters

Revision ID: 8f3a61c2d7b4
Revises: 5e0b7a3c9d21
Create Date: 2026-11-26 08:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '8f3a61c2d7b4'
down_revision = '5e0b7a3c9d21'
branch_labels = None
depends_on = None

# Each sort order's index ends with the filter columns it lacks, so a filtered page deep
# in the list skips the vacancies that do not match inside the index instead of reading
# each one's row (status + role sorted by title, page 60 of 100,000: 66 ms -> 5 ms).
NEW = {
    'ix_vacancies_org_updated': ['organization_id', 'updated_at', 'id', 'status', 'role'],
    'ix_vacancies_org_created': ['organization_id', 'created_at', 'id', 'status', 'role'],
    'ix_vacancies_org_status_updated': ['organization_id', 'status', 'updated_at', 'id', 'role'],
    'ix_vacancies_org_role_updated': ['organization_id', 'role', 'updated_at', 'id', 'status'],
    'ix_vacancies_org_title': ['organization_id', 'title_key', 'id', 'status', 'role'],
}
OLD = {
    'ix_vacancies_org_updated': ['organization_id', 'updated_at'],
    'ix_vacancies_org_created': ['organization_id', 'created_at'],
    'ix_vacancies_org_status_updated': ['organization_id', 'status', 'updated_at'],
    'ix_vacancies_org_role_updated': ['organization_id', 'role', 'updated_at'],
    'ix_vacancies_org_title': ['organization_id', 'title_key'],
}


def _replace(indexes):
    with op.batch_alter_table('vacancies', schema=None) as batch_op:
        for name in indexes:
            batch_op.drop_index(name)
        for name, columns in indexes.items():
            batch_op.create_index(name, columns, unique=False)
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite' and bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    ).first():
        # An analyzed database keeps statistics per index; measure the new ones too, or
        # SQLite would take them for very selective indexes.
        for name in indexes:
            op.execute(f'ANALYZE {name}')


def upgrade():
    _replace(NEW)


def downgrade():
    _replace(OLD)

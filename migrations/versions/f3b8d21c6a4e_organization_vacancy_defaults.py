"""organization vacancy defaults: company intro, conditions, how to apply, city, office
address and workplace pre-filled into new vacancies

Revision ID: f3b8d21c6a4e
Revises: e5a2c8f47d10
Create Date: 2026-12-02 22:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3b8d21c6a4e'
down_revision = 'e5a2c8f47d10'
branch_labels = None
depends_on = None

COLUMNS = (
    ('vacancy_intro_md', sa.Text()),
    ('vacancy_conditions_md', sa.Text()),
    ('vacancy_apply_md', sa.Text()),
    ('vacancy_city', sa.String(length=120)),
    ('vacancy_address', sa.String(length=120)),
    ('vacancy_workplace', sa.String(length=12)),
)


def upgrade():
    # Existing organizations have no defaults (""). Plain ADD COLUMN, no batch copy:
    # other tables' foreign keys point at `organizations` (see c4e7a91f0b38).
    for name, type_ in COLUMNS:
        op.add_column('organizations', sa.Column(name, type_, server_default='', nullable=False))


def downgrade():
    for name, _type in reversed(COLUMNS):
        op.drop_column('organizations', name)

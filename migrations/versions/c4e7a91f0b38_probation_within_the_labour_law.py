"""probation within the labour law: organization law, plan period in days, position
category, contract term, minimum coverage

Revision ID: c4e7a91f0b38
Revises: b7e1d4a09c52
Create Date: 2026-11-27 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e7a91f0b38'
down_revision = 'b7e1d4a09c52'
branch_labels = None
depends_on = None


def upgrade():
    # Existing organizations are Russian employers (the default); existing plans keep
    # their months, count as most positions under an open-ended contract, and show a
    # verdict as final from 80 % coverage. Plain ADD COLUMN (no batch copy): SQLite adds
    # a NOT NULL column with a default in place, and copying `organizations` would fail
    # its foreign keys once other tables point at it.
    op.add_column('organizations', sa.Column('labour_law', sa.String(length=12), server_default='ru', nullable=False))
    op.add_column('trial_plans', sa.Column('period_days', sa.Integer(), nullable=True))
    op.add_column('trial_plans', sa.Column('position_category', sa.String(length=10), server_default='regular', nullable=False))
    op.add_column('trial_plans', sa.Column('contract_term', sa.String(length=10), server_default='open', nullable=False))
    op.add_column('trial_plans', sa.Column('min_coverage', sa.Float(), server_default='80', nullable=False))


def downgrade():
    # DROP COLUMN in place (SQLite 3.35+, PostgreSQL), for the same reason.
    op.drop_column('trial_plans', 'min_coverage')
    op.drop_column('trial_plans', 'contract_term')
    op.drop_column('trial_plans', 'position_category')
    op.drop_column('trial_plans', 'period_days')
    op.drop_column('organizations', 'labour_law')

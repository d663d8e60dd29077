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
    # verdict as final from 80 % coverage.
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('labour_law', sa.String(length=12), server_default='ru', nullable=False))

    with op.batch_alter_table('trial_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('period_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('position_category', sa.String(length=10), server_default='regular', nullable=False))
        batch_op.add_column(sa.Column('contract_term', sa.String(length=10), server_default='open', nullable=False))
        batch_op.add_column(sa.Column('min_coverage', sa.Float(), server_default='80', nullable=False))


def downgrade():
    with op.batch_alter_table('trial_plans', schema=None) as batch_op:
        batch_op.drop_column('min_coverage')
        batch_op.drop_column('contract_term')
        batch_op.drop_column('position_category')
        batch_op.drop_column('period_days')

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('labour_law')

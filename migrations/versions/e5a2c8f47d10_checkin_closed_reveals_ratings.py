"""a check-in can be closed: every evaluator then sees the others' ratings

Revision ID: e5a2c8f47d10
Revises: c4e7a91f0b38
Create Date: 2026-11-28 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5a2c8f47d10'
down_revision = 'c4e7a91f0b38'
branch_labels = None
depends_on = None


def upgrade():
    # Existing check-ins stay open (NULL): ratings stay blind until each evaluator submits.
    op.add_column('plan_checkins', sa.Column('closed_at', sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column('plan_checkins', 'closed_at')

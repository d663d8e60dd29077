"""public job pages: an organization's slug and opt-in, and the version each vacancy
published

Revision ID: b2c5e8f1a7d3
Revises: a3d9f1c6b2e8
Create Date: 2026-12-03 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2c5e8f1a7d3'
down_revision = 'a3d9f1c6b2e8'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, no batch copy: other tables' foreign keys point at both tables
    # (see c4e7a91f0b38); uniqueness of the slug is a unique index for the same reason.
    op.add_column('organizations', sa.Column('slug', sa.String(length=60), nullable=True))
    op.add_column(
        'organizations',
        sa.Column('public_jobs', sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_index('ix_organizations_slug', 'organizations', ['slug'], unique=True)
    op.add_column('vacancies', sa.Column('published_version', sa.Integer(), nullable=True))
    op.create_index(
        'ix_vacancies_org_status_published',
        'vacancies',
        ['organization_id', 'status', 'published_at', 'id', 'published_version'],
    )
    # What is published today is the current version (edits of a published vacancy were
    # public until now); archived ones were last public in their current version too.
    op.execute(
        "UPDATE vacancies SET published_version = version "
        "WHERE published_at IS NOT NULL AND status IN ('published', 'archived')"
    )


def downgrade():
    op.drop_index('ix_vacancies_org_status_published', table_name='vacancies')
    op.drop_column('vacancies', 'published_version')
    op.drop_index('ix_organizations_slug', table_name='organizations')
    op.drop_column('organizations', 'public_jobs')
    op.drop_column('organizations', 'slug')

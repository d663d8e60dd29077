"""vacancy_terms: every word with its lemmas, so that the search finds all its forms

Revision ID: a3d9f1c6b2e8
Revises: f1b9d3e6a7c2
Create Date: 2026-12-03 21:50:00.000000

"""
import re

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a3d9f1c6b2e8'
down_revision = 'f1b9d3e6a7c2'
branch_labels = None
depends_on = None

# Vacancies read per round: their terms are rebuilt and written in one executemany.
BATCH = 2000

vacancies = sa.table(
    'vacancies',
    sa.column('id', sa.Integer),
    sa.column('organization_id', sa.Integer),
    sa.column('title', sa.String),
    sa.column('data', sa.JSON),
)
terms = sa.table(
    'vacancy_terms',
    sa.column('organization_id', sa.Integer),
    sa.column('term', sa.String),
    sa.column('vacancy_id', sa.Integer),
)


def _rebuild(words_of):
    """Replace every vacancy's terms with `words_of(text)`, BATCH vacancies at a time
    (by id, so that memory stays flat however many there are)."""
    bind = op.get_bind()
    location = vacancies.c.data['location'].as_string()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(vacancies.c.id, vacancies.c.organization_id, vacancies.c.title, location)
            .where(vacancies.c.id > last)
            .order_by(vacancies.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        first, last = rows[0][0], rows[-1][0]
        bind.execute(
            terms.delete().where(terms.c.vacancy_id >= first, terms.c.vacancy_id <= last)
        )
        new = [
            {'organization_id': org, 'term': word, 'vacancy_id': vid}
            for vid, org, title, where in rows
            for word in words_of(f"{title} {where or ''} vac {vid}")
        ]
        if new:
            bind.execute(terms.insert(), new)


def upgrade():
    # The same words the app stores (app/domain/vacancies/search_words.py: the words as
    # written and as read, and their lemmas).
    from app.domain.vacancies.search_words import index_words

    _rebuild(index_words)


def _plain_words(text):
    """The words as the index held them before: case-folded, «ё» as «е»."""
    key = ' '.join(text.casefold().replace('ё', 'е').split())[:300]
    return list(dict.fromkeys(w[:40] for w in re.findall(r'\w+', key)))[:40]


def downgrade():
    _rebuild(_plain_words)

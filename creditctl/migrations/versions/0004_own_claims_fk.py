"""claims.updated_by_email_id gets its foreign key on PostgreSQL

0001 declared ``fk_claims_updated_by_email`` with ``use_alter=True``, which
``op.create_table`` skips: PostgreSQL databases never had it (SQLite did, inline).
Found by tests/integration/test_migrations.py (autogenerate compare on PostgreSQL).

Revision ID: 0004_own
Revises: 0001
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_own'
down_revision: str | Sequence[str] | None = '0003_desk'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = 'fk_claims_updated_by_email'


def _has_fk() -> bool:
    return any(fk.get('name') == FK for fk in sa.inspect(op.get_bind()).get_foreign_keys('claims'))


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql' and not _has_fk():
        op.create_foreign_key(FK, 'claims', 'emails', ['updated_by_email_id'], ['id'])


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql' and _has_fk():
        op.drop_constraint(FK, 'claims', type_='foreignkey')

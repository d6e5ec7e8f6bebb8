"""A partial index on the claim updates whose MongoDB mirror write is still owed

``ix_claim_updates_mirror_owed`` (``created_at`` where ``mirror_status`` is pending or
failed): ``creditctl health``'s mirror check, the ``/metrics`` mirror gauges, ``status``
and the sweep's re-kick read the backlog through it, so their cost follows the writes
still owed, not the history of claim updates (docs/scaling.md).

Revision ID: 0007_mirror
Revises: 0006_counts
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_mirror'
down_revision: str | Sequence[str] | None = '0006_counts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWED = "mirror_status IN ('pending', 'failed')"


def upgrade() -> None:
    with op.batch_alter_table('claim_updates', schema=None) as batch_op:
        batch_op.create_index(
            'ix_claim_updates_mirror_owed', ['created_at'], unique=False,
            postgresql_where=sa.text(OWED), sqlite_where=sa.text(OWED),
        )


def downgrade() -> None:
    with op.batch_alter_table('claim_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_updates_mirror_owed')

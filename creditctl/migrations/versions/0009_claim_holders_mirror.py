"""The MongoDB mirror of a holder change: ``claim_holders.mirror_status`` / ``mirrored_at``

A holder change (``creditctl review sold``, its undo) is written to the mirror through the
same outbox as a claim update: its row is ``pending`` until ``sync_mirror`` wrote it
(``mirrored``), ``failed`` when MongoDB answered but no single claim element fits,
``not_needed`` without a mirror. Rows recorded before this revision count as not needed.

Revision ID: 0009_holders_mirror
Revises: 0008_holders
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009_holders_mirror'
down_revision: str | Sequence[str] | None = '0008_holders'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('claim_holders', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('mirror_status', sa.String(length=32), nullable=False, server_default='not_needed')
        )
        batch_op.add_column(sa.Column('mirrored_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claim_holders', schema=None) as batch_op:
        batch_op.drop_column('mirrored_at')
        batch_op.drop_column('mirror_status')

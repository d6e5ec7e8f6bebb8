"""Three indexes no query reads, dropped: every webhook request wrote through them

* ``ix_emails_processing_status``: its column leads ``ix_emails_status_next``
  (``processing_status, next_attempt_at``), which serves every lookup it served;
* ``ix_emails_ticket_id``: no query filters emails by ``ticket_id`` (dedupe uses
  ``dedupe_key``, matching reads claims' ticket ids);
* ``ix_events_kind``: the metrics read events by primary-key range
  (``creditctl.metrics._event_sums``) and filter the kind within it.

An accepted webhook writes one email and two events: 24 index entries before, 20 after
(docs/scaling.md, "The webhook's write").

Revision ID: 0005_lean
Revises: 0004_own
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0005_lean'
down_revision: str | Sequence[str] | None = '0004_own'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.drop_index('ix_emails_processing_status')
        batch_op.drop_index('ix_emails_ticket_id')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_kind')


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_kind', ['kind'], unique=False)
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.create_index('ix_emails_ticket_id', ['ticket_id'], unique=False)
        batch_op.create_index('ix_emails_processing_status', ['processing_status'], unique=False)

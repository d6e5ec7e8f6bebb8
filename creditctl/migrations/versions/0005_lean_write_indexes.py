"""Three indexes no query reads, dropped: every webhook request wrote through them;
the email's body columns compressed with lz4 on PostgreSQL

* ``ix_emails_processing_status``: its column leads ``ix_emails_status_next``
  (``processing_status, next_attempt_at``), which serves every lookup it served;
* ``ix_emails_ticket_id``: no query filters emails by ``ticket_id`` (dedupe uses
  ``dedupe_key``, matching reads claims' ticket ids);
* ``ix_events_kind``: the metrics read events by primary-key range
  (``creditctl.metrics._event_sums``) and filter the kind within it.

An accepted webhook writes one email and two events: 24 index entries before, 20 after
(docs/scaling.md, "The webhook's write").

``raw_payload``, ``body_text`` and ``body_html`` (2–30 KB each, TOASTed) are compressed
with lz4 instead of pglz on PostgreSQL 14+ built with lz4: about a quarter less
PostgreSQL CPU per stored email, measured (docs/scaling.md). Only new values are
affected; a server without lz4 keeps pglz (the statement is skipped, not failed).

Revision ID: 0005_lean
Revises: 0004_own
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0005_lean'
down_revision: str | Sequence[str] | None = '0004_own'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


COMPRESSED = ('raw_payload', 'body_text', 'body_html')


def _set_compression(method: str) -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    alter = '; '.join(f'ALTER TABLE emails ALTER COLUMN {c} SET COMPRESSION {method}' for c in COMPRESSED)
    op.execute(f"DO $$ BEGIN IF current_setting('server_version_num')::int >= 140000 THEN EXECUTE "
               f"'{alter}'; END IF; EXCEPTION WHEN feature_not_supported THEN NULL; END $$")


def upgrade() -> None:
    _set_compression('lz4')
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.drop_index('ix_emails_processing_status')
        batch_op.drop_index('ix_emails_ticket_id')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_kind')


def downgrade() -> None:
    _set_compression('pglz')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_kind', ['kind'], unique=False)
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.create_index('ix_emails_ticket_id', ['ticket_id'], unique=False)
        batch_op.create_index('ix_emails_processing_status', ['processing_status'], unique=False)

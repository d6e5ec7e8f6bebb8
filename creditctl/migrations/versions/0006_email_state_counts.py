"""Email counts per state kept by triggers; partial indexes for the bounded reads

``email_state_counts`` (see ``creditctl.models.EmailStateCount``): on PostgreSQL an
``AFTER INSERT OR DELETE`` and an ``AFTER UPDATE OF`` the state/token columns trigger on
``emails`` add the row's old key −1 and new key +1 (with its token counts) to the row
of the writing backend (``slot = pg_backend_pid()``), so ``status`` and ``/metrics``
sum a few rows instead of counting every email (docs/scaling.md). The table starts
from a count of the existing emails. SQLite gets the table (schema agreement) but no
trigger; its readers count ``emails``.

``ix_emails_finished_at`` and ``ix_emails_leased`` are partial (``IS NOT NULL``): a new
email has neither, so the webhook's insert never writes them.

Revision ID: 0006_counts
Revises: 0005_lean
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_counts'
down_revision: str | Sequence[str] | None = '0005_lean'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "processing_status, match_status, by_person"
SUMS = "n, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens"


def _add(row: str, sign: str) -> str:
    """The upsert adding ``sign`` × ``row`` (OLD or NEW) to this backend's slot."""
    values = (f"pg_backend_pid(), {row}.processing_status, {row}.match_status, "
              f"coalesce({row}.decided_by = 'person', false), {sign}1, {sign}{row}.input_tokens, "
              f"{sign}{row}.output_tokens, {sign}{row}.cache_read_tokens, {sign}{row}.cache_write_tokens")
    sets = ", ".join(f"{c} = c.{c} + excluded.{c}" for c in SUMS.split(", "))
    return (f"INSERT INTO email_state_counts AS c (slot, {KEY}, {SUMS}) VALUES ({values}) "
            f"ON CONFLICT (slot, {KEY}) DO UPDATE SET {sets};")


FUNCTION = f"""
CREATE FUNCTION creditctl_email_state_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    {_add('OLD', '-')}
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    {_add('NEW', '+')}
  END IF;
  RETURN NULL;
END $$;
"""

WATCHED = ("processing_status", "match_status", "decided_by", "input_tokens", "output_tokens", "cache_read_tokens",
           "cache_write_tokens")


def upgrade() -> None:
    op.create_table(
        'email_state_counts',
        sa.Column('slot', sa.Integer(), nullable=False),
        sa.Column('processing_status', sa.String(length=32), nullable=False),
        sa.Column('match_status', sa.String(length=32), nullable=False),
        sa.Column('by_person', sa.Boolean(), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.Column('input_tokens', sa.BigInteger(), nullable=False),
        sa.Column('output_tokens', sa.BigInteger(), nullable=False),
        sa.Column('cache_read_tokens', sa.BigInteger(), nullable=False),
        sa.Column('cache_write_tokens', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('slot', 'processing_status', 'match_status', 'by_person'),
    )
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.create_index('ix_emails_finished_at', ['finished_at'], unique=False,
                              postgresql_where=sa.text('finished_at IS NOT NULL'),
                              sqlite_where=sa.text('finished_at IS NOT NULL'))
        batch_op.create_index('ix_emails_leased', ['lease_owner'], unique=False,
                              postgresql_where=sa.text('lease_owner IS NOT NULL'),
                              sqlite_where=sa.text('lease_owner IS NOT NULL'))
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("LOCK TABLE emails IN SHARE MODE")  # no write between the count and the trigger
    op.execute(FUNCTION)
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in WATCHED)
    op.execute("CREATE TRIGGER emails_state_count_rows AFTER INSERT OR DELETE ON emails "
               "FOR EACH ROW EXECUTE FUNCTION creditctl_email_state_count()")
    op.execute(f"CREATE TRIGGER emails_state_count_changes AFTER UPDATE OF {', '.join(WATCHED)} ON emails "
               f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION creditctl_email_state_count()")
    op.execute(f"INSERT INTO email_state_counts (slot, {KEY}, {SUMS}) "
               "SELECT 0, processing_status, match_status, coalesce(decided_by = 'person', false), count(*), "
               "sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens) "
               f"FROM emails GROUP BY 2, 3, 4")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS emails_state_count_changes ON emails")
        op.execute("DROP TRIGGER IF EXISTS emails_state_count_rows ON emails")
        op.execute("DROP FUNCTION IF EXISTS creditctl_email_state_count()")
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.drop_index('ix_emails_leased', sqlite_where=sa.text('lease_owner IS NOT NULL'))
        batch_op.drop_index('ix_emails_finished_at', sqlite_where=sa.text('finished_at IS NOT NULL'))
    op.drop_table('email_state_counts')

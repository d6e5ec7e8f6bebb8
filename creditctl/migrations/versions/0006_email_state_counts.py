"""Email counts per state kept by triggers; partial indexes for the bounded reads

``email_state_counts`` (see ``creditctl.models.EmailStateCount``): on PostgreSQL three
statement-level triggers on ``emails`` (insert, update, delete; with transition tables)
add each statement's net change per key — old rows −1, new rows +1, with their token
counts — to the row of the writing backend (``slot = pg_backend_pid()``): one upsert per
changed key per statement, however many rows it wrote (a per-row trigger made a bulk
statement quadratic: every row re-updated the same counter row). ``status`` and
``/metrics`` sum a few rows instead of counting every email (docs/scaling.md). The table starts
from a count of the existing emails. SQLite gets the table (schema agreement) but no
trigger; its readers count ``emails``.

``ix_emails_decided_by`` is dropped: a person's decisions are counted in the table now,
and no other query reads it (one index less for every webhook insert).
``ix_emails_finished_at`` and ``ix_emails_leased`` are partial (``IS NOT NULL``): a new
email has neither, so the webhook's insert never writes them.
``ix_emails_unfinished_received`` holds only unfinished emails: the oldest one (status,
/metrics) is its first entry; without it PostgreSQL walked ``ix_emails_received_at``
past every finished email (60 ms at 10^5 emails with none unfinished, bench/reads.py).

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

UNFINISHED = "processing_status IN ('received', 'queued', 'processing', 'parsed', 'extracted', 'retrying')"
KEY = "processing_status, match_status, by_person"
SUMS = "n, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens"


def _rows(table: str, sign: str) -> str:
    return (f"SELECT processing_status, match_status, coalesce(decided_by = 'person', false) AS by_person, "
            f"{sign}1 AS n, {sign}input_tokens AS input_tokens, {sign}output_tokens AS output_tokens, "
            f"{sign}cache_read_tokens AS cache_read_tokens, {sign}cache_write_tokens AS cache_write_tokens "
            f"FROM {table}")


def _function(name: str, parts: list[str]) -> str:
    """A statement-level trigger function adding the statement's net change per key to
    this backend's slot: one upsert per changed key per statement, however many rows."""
    sums = ", ".join(f"sum({c})" for c in SUMS.split(", "))
    changed = " OR ".join(f"sum({c}) <> 0" for c in SUMS.split(", "))
    sets = ", ".join(f"{c} = c.{c} + excluded.{c}" for c in SUMS.split(", "))
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO email_state_counts AS c (slot, {KEY}, {SUMS})
  SELECT pg_backend_pid(), {KEY}, {sums} FROM ({' UNION ALL '.join(parts)}) AS d
  GROUP BY {KEY} HAVING {changed}
  ON CONFLICT (slot, {KEY}) DO UPDATE SET {sets};
  RETURN NULL;
END $$;
"""


TRIGGERS = (  # (trigger, function, event, transition tables, rows it adds)
    ("emails_state_count_insert", "creditctl_email_state_count_insert", "INSERT", "NEW TABLE AS new_rows",
     [_rows("new_rows", "+")]),
    ("emails_state_count_delete", "creditctl_email_state_count_delete", "DELETE", "OLD TABLE AS old_rows",
     [_rows("old_rows", "-")]),
    ("emails_state_count_update", "creditctl_email_state_count_update", "UPDATE",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows", [_rows("old_rows", "-"), _rows("new_rows", "+")]),
)


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
        batch_op.drop_index('ix_emails_decided_by')  # status counts a person's decisions from the table
        batch_op.create_index('ix_emails_finished_at', ['finished_at'], unique=False,
                              postgresql_where=sa.text('finished_at IS NOT NULL'),
                              sqlite_where=sa.text('finished_at IS NOT NULL'))
        batch_op.create_index('ix_emails_leased', ['lease_owner'], unique=False,
                              postgresql_where=sa.text('lease_owner IS NOT NULL'),
                              sqlite_where=sa.text('lease_owner IS NOT NULL'))
        batch_op.create_index('ix_emails_unfinished_received', ['received_at'], unique=False,
                              postgresql_where=sa.text(UNFINISHED), sqlite_where=sa.text(UNFINISHED))
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("LOCK TABLE emails IN SHARE MODE")  # no write between the count and the triggers
    for trigger, function, event, tables, parts in TRIGGERS:
        op.execute(_function(function, parts))
        op.execute(f"CREATE TRIGGER {trigger} AFTER {event} ON emails REFERENCING {tables} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
    op.execute(f"INSERT INTO email_state_counts (slot, {KEY}, {SUMS}) "
               "SELECT 0, processing_status, match_status, coalesce(decided_by = 'person', false), count(*), "
               "sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens) "
               f"FROM emails GROUP BY 2, 3, 4")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for trigger, function, *_ in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON emails")
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.drop_index('ix_emails_unfinished_received', sqlite_where=sa.text(UNFINISHED))
        batch_op.create_index('ix_emails_decided_by', ['decided_by'], unique=False)
        batch_op.drop_index('ix_emails_leased', sqlite_where=sa.text('lease_owner IS NOT NULL'))
        batch_op.drop_index('ix_emails_finished_at', sqlite_where=sa.text('finished_at IS NOT NULL'))
    op.drop_table('email_state_counts')

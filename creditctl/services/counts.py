"""Email counts per state and token sums, read in time independent of the history.

On PostgreSQL, triggers keep ``email_state_counts`` exact (migration 0006_counts, see
``creditctl.models.EmailStateCount``): a read sums a few rows per key. On SQLite (the
embedded single-office store, no triggers) the same shape is counted from ``emails``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session

from creditctl.models import Email, EmailStateCount

COMPACT_LOCK = 0x63726564
"""``pg_try_advisory_xact_lock`` key: one compaction at a time (transaction-scoped, so it
holds under a transaction-mode connection pooler too, docs/scaling.md)."""


@dataclass(frozen=True)
class StateCount:
    """Emails in one (processing status, match status, decided by a person) and their tokens."""

    processing_status: str
    match_status: str
    by_person: bool
    n: int
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int


def state_counts(session: Session) -> list[StateCount]:
    """Every non-empty (processing status, match status, by person) with its email count
    and token sums. PostgreSQL: from ``email_state_counts`` (a few rows per key, whatever
    the number of emails); SQLite: one ``GROUP BY`` over ``emails``."""
    if session.get_bind().dialect.name == "postgresql":
        c = EmailStateCount
        query = select(
            c.processing_status,
            c.match_status,
            c.by_person,
            func.sum(c.n),
            func.sum(c.input_tokens),
            func.sum(c.output_tokens),
            func.sum(c.cache_read_tokens),
            func.sum(c.cache_write_tokens),
        ).group_by(c.processing_status, c.match_status, c.by_person)
    else:
        person = case((Email.decided_by == "person", True), else_=False)
        query = select(
            Email.processing_status,
            Email.match_status,
            person,
            func.count(),
            func.sum(Email.input_tokens),
            func.sum(Email.output_tokens),
            func.sum(Email.cache_read_tokens),
            func.sum(Email.cache_write_tokens),
        ).group_by(Email.processing_status, Email.match_status, person)
    out = []
    for ps, ms, by_person, n, i, o, cr, cw in session.execute(query):
        if n:
            out.append(
                StateCount(
                    str(ps), str(ms), bool(by_person), int(n), int(i or 0), int(o or 0), int(cr or 0), int(cw or 0)
                )
            )
    return out


_COMPACT = text("""
WITH gone AS (
  DELETE FROM email_state_counts WHERE ctid IN (
    SELECT ctid FROM email_state_counts
    WHERE slot <> 0 AND slot NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)
    FOR UPDATE SKIP LOCKED)
  RETURNING processing_status, match_status, by_person, n, input_tokens, output_tokens, cache_read_tokens,
            cache_write_tokens)
INSERT INTO email_state_counts AS c (slot, processing_status, match_status, by_person, n, input_tokens, output_tokens,
                                     cache_read_tokens, cache_write_tokens)
SELECT 0, processing_status, match_status, by_person, sum(n), sum(input_tokens), sum(output_tokens),
       sum(cache_read_tokens), sum(cache_write_tokens)
FROM gone GROUP BY processing_status, match_status, by_person
ON CONFLICT (slot, processing_status, match_status, by_person) DO UPDATE SET
  n = c.n + excluded.n, input_tokens = c.input_tokens + excluded.input_tokens,
  output_tokens = c.output_tokens + excluded.output_tokens,
  cache_read_tokens = c.cache_read_tokens + excluded.cache_read_tokens,
  cache_write_tokens = c.cache_write_tokens + excluded.cache_write_tokens
""")


def compact(session: Session) -> None:
    """Fold the rows of backends that have ended into slot 0 (PostgreSQL; nothing on
    SQLite), so the table stays a few rows per key. Never waits: rows a live transaction
    holds are skipped (``SKIP LOCKED``), and a second compaction running at the same time
    returns at once (advisory lock). Call inside a transaction (``session_scope``)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    if session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": COMPACT_LOCK}):
        session.execute(_COMPACT)

"""Email counts per state and token sums, read in time independent of the history.

On PostgreSQL, triggers keep ``email_state_counts`` exact (migration 0006_counts, see
``creditctl.models.EmailStateCount``): a read sums a few rows per key. On SQLite (the
embedded single-office store, no triggers) the same shape is counted from ``emails``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from creditctl.dbapi import Reader
from creditctl.pipeline.match_status import REVIEW_STATUSES

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session


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


_STATE_COUNTS_PG = """
SELECT processing_status, match_status, by_person, sum(n), sum(input_tokens), sum(output_tokens),
       sum(cache_read_tokens), sum(cache_write_tokens)
FROM email_state_counts GROUP BY processing_status, match_status, by_person
"""
_STATE_COUNTS_SQLITE = """
SELECT processing_status, match_status, CASE WHEN decided_by = 'person' THEN 1 ELSE 0 END AS by_person, count(*),
       sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens)
FROM emails GROUP BY processing_status, match_status, by_person
"""


def _dialect_name(bind: Session | Connection | Reader) -> str:
    if isinstance(bind, Reader):
        return bind.backend
    from sqlalchemy.engine import Connection

    return bind.dialect.name if isinstance(bind, Connection) else bind.get_bind().dialect.name


def _rows(bind: Session | Connection | Reader, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    """The rows of the plain ``sql`` on any of the three binds."""
    if isinstance(bind, Reader):
        return bind.rows(sql, params)
    from sqlalchemy import text

    result = bind.execute(text(sql), params or {})
    return list(result) if getattr(result, "returns_rows", True) else []


def state_counts(bind: Session | Connection | Reader) -> list[StateCount]:
    """Every non-empty (processing status, match status, by person) with its email count
    and token sums. PostgreSQL: from ``email_state_counts`` (a few rows per key, whatever
    the number of emails); SQLite: one ``GROUP BY`` over ``emails``. ``bind``: a session,
    a Core connection, or a DBAPI ``Reader`` (the reads that import no SQLAlchemy,
    creditctl/services/overview.py); plain SQL over the tables of ``models.Email`` /
    ``models.EmailStateCount``."""
    query = _STATE_COUNTS_PG if _dialect_name(bind) == "postgresql" else _STATE_COUNTS_SQLITE
    out = []
    for ps, ms, by_person, n, i, o, cr, cw in _rows(bind, query):
        if n:
            out.append(
                StateCount(
                    str(ps), str(ms), bool(by_person), int(n), int(i or 0), int(o or 0), int(cr or 0), int(cw or 0)
                )
            )
    return out


_COMPACT = """
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
"""


def compact(bind: Session | Connection | Reader) -> None:
    """Fold the rows of backends that have ended into slot 0 (PostgreSQL; nothing on
    SQLite), so the table stays a few rows per key. Never waits: rows a live transaction
    holds are skipped (``SKIP LOCKED``), and a second compaction running at the same time
    returns at once (advisory lock). Call inside a transaction (``session_scope``,
    ``engine.begin()`` or ``dbapi.reading``)."""
    if _dialect_name(bind) != "postgresql":
        return
    if _rows(bind, "SELECT pg_try_advisory_xact_lock(:key)", {"key": COMPACT_LOCK})[0][0]:
        _rows(bind, _COMPACT)


# waiting for review: the one definition -------------------------------------------------


def waiting_clause() -> Any:
    """SQL over ``emails``: the email waits for review — processing ``completed``, match
    status ``needs_review`` or ``no_match``, and no person decided it (``decided_by`` is not
    ``person`` and no ``review_note``). The one definition ``review list``, the desk's
    queue and badge use; ``waiting_count`` counts the same set from the state counts for
    ``status``, ``/desk/ops`` and ``/metrics``. An out-of-office (``not_creditor_reply`` /
    ``no_match``) does not wait."""
    from sqlalchemy import and_, or_

    from creditctl.models import Email

    return and_(
        Email.processing_status == "completed",
        Email.match_status.in_(REVIEW_STATUSES),
        or_(Email.decided_by.is_(None), Email.decided_by != "person"),
        Email.review_note.is_(None),
    )


def is_waiting(
    processing_status: str | None, match_status: str | None, decided_by: str | None, note: str | None
) -> bool:
    """``waiting_clause`` for one email's values (``review show``'s and the desk's ``waiting``)."""
    return (
        processing_status == "completed" and match_status in REVIEW_STATUSES and decided_by != "person" and note is None
    )


def waiting_count(rows: list[StateCount]) -> int:
    """How many emails wait for review (``waiting_clause``), from ``state_counts`` rows:
    completed, ``needs_review`` or ``no_match``, not decided by a person. (A review note
    without ``decided_by = 'person'`` is never written since reprocess clears both.)"""
    return sum(
        r.n
        for r in rows
        if r.processing_status == "completed" and r.match_status in REVIEW_STATUSES and not r.by_person
    )


_SOLD_STANDING = """
SELECT count(DISTINCT h.email_id) FROM claim_holders h JOIN emails e ON e.id = h.email_id
WHERE h.undone_at IS NULL AND e.decided_by = 'person' AND e.review_note LIKE :sold_note
"""


def decided_counts(bind: Session | Connection | Reader, rows: list[StateCount]) -> dict[str, int]:
    """The decisions of a person that stand, by kind: ``{"approved", "sold", "rejected"}``
    (``status``'s "decided by a person", ``/metrics``' ``creditctl_review_decisions``).
    ``rows``: ``state_counts``' rows (approved = decided by a person and ``auto_matched``);
    a sale (``review sold``: the new holder recorded, the email closed with its match status
    unchanged) is counted from ``claim_holders`` — one row per sale, never a scan of the
    emails — and is its own kind, never a rejection."""
    approved = sum(r.n for r in rows if r.by_person and r.match_status == "auto_matched")
    closed = sum(r.n for r in rows if r.by_person and r.match_status != "auto_matched")
    found = _rows(bind, _SOLD_STANDING, {"sold_note": "sold by %"})  # review.sold's note
    sold = min(int(found[0][0] or 0) if found else 0, closed)
    return {"approved": approved, "sold": sold, "rejected": closed - sold}

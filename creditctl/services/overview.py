"""The whole system's state (``creditctl status``, ``/api/status``, the desk's overview)
in plain SQL over the tables ``creditctl.models`` declares, run on a DBAPI connection
(``creditctl.dbapi.reading``): it imports neither the ORM and the models nor SQLAlchemy
itself, which were most of ``status --json``'s start-up
(docs/measurements/status-importtime.txt). The returned dict is the documented
``--json`` contract (README, "JSON output"); ``services.status.system_status`` is this
function.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from creditctl.dbapi import UNFINISHED_SQL, reading, utcnow
from creditctl.queue import WaitingIds
from creditctl.services import counts, unqueued
from creditctl.services.context import AppContext
from creditctl.services.mirror_backlog import mirror_backlog

# the partial index's predicate text (ix_emails_unfinished_received), see creditctl/metrics.py
_OLDEST = f"SELECT id, received_at FROM emails WHERE {UNFINISHED_SQL} ORDER BY received_at LIMIT 1"  # noqa: S608 - constant
_RECEIVED = "SELECT count(*) FROM emails WHERE received_at >= :since"
_FINISHED = "SELECT processing_status, count(*) FROM emails WHERE finished_at >= :since GROUP BY processing_status"
_WORKERS = "SELECT name, host, pid, seen_at, rss_mb FROM workers WHERE seen_at >= :since"
_HOLDING = "SELECT lease_owner, id, lease_expires_at FROM emails WHERE lease_owner IS NOT NULL ORDER BY id"
HEARTBEAT_STALE_S = 10.0
"""A worker writes its heartbeat every second: one not seen for longer has stopped (a
database outage, a crash) and its leases are not being renewed."""
_QUARANTINED = "SELECT count(*) FROM quarantine WHERE status = 'waiting'"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _lease(email_id: int, expires_at: datetime | None, now: datetime, lease_seconds: float) -> dict[str, Any]:
    """One held email's lease: ``expires_in_s`` (seconds, negative once expired; None when
    unknown) and ``expiring``: less than half the lease left, so at least one renewal (every
    third of ``lease_seconds``) was missed — the sweep re-queues it when it runs out."""
    left = round((expires_at - now).total_seconds(), 1) if expires_at is not None else None
    return {"id": email_id, "expires_in_s": left, "expiring": left is not None and left < lease_seconds / 2}


def system_status(
    ctx: AppContext,
    *,
    queue_depth: Mapping[str, int | str] | None = None,
    waiting: WaitingIds | None = None,
) -> dict[str, Any]:
    """Counts per state and match status, the oldest unfinished email, the last hour, live workers.

    ``queue_depth``: ``{"pending": N, "scheduled": M}``, or ``{"error": text}`` when the queue
    is unreachable, shown as given. ``waiting``: reads the queue's email ids (see
    ``unqueued.waiting_reader``); with it, ``not_in_queue`` is ``unqueued.not_in_queue``'s
    result (emails stored but not in the queue), else None. ``mirror_backlog``: the MongoDB
    mirror writes still owed (``services.mirror_backlog.mirror_backlog``). Each live worker
    (heartbeat within the lease time) has ``holding`` (email ids), ``leases`` (``_lease``
    per id), ``heartbeat_age_s`` and ``heartbeat_stale`` (older than ``HEARTBEAT_STALE_S``)."""
    now = utcnow()
    hour_ago = now - timedelta(hours=1)
    with reading(ctx.db_url) as db:
        counts.compact(db)  # its own transaction: the advisory lock ends with it
        db.commit()
        # per-state counts from the trigger-kept table (creditctl/services/counts.py): a few
        # rows whatever the number of emails; a person's decisions split out: approved / sold / rejected
        by_state: dict[str, int] = {}
        by_match: dict[str, int] = {}
        state_rows = counts.state_counts(db)
        for row in state_rows:
            by_state[row.processing_status] = by_state.get(row.processing_status, 0) + row.n
            by_match[row.match_status] = by_match.get(row.match_status, 0) + row.n
        oldest_rows = db.rows(_OLDEST, utc=("received_at",))
        oldest = oldest_rows[0] if oldest_rows else None
        received = db.scalar(_RECEIVED, {"since": hour_ago}) or 0
        finished: dict[str, int] = {str(st): int(n) for st, n in db.rows(_FINISHED, {"since": hour_ago})}
        live_since = now - timedelta(seconds=max(30.0, ctx.settings.lease_seconds))
        workers = db.rows(_WORKERS, {"since": live_since}, utc=("seen_at",), floats=("rss_mb",))
        holding: dict[str, list[int]] = {}
        leases: dict[str, list[dict[str, Any]]] = {}
        for owner, held_id, expires_at in db.rows(_HOLDING, utc=("lease_expires_at",)):
            holding.setdefault(owner, []).append(held_id)
            leases.setdefault(owner, []).append(_lease(held_id, expires_at, now, ctx.settings.lease_seconds))
        quarantined = db.scalar(_QUARANTINED) or 0
        decided = counts.decided_counts(db, state_rows)  # approved / sold / rejected: each its own kind
        mirror = mirror_backlog(db, now)
        stranded = unqueued.not_in_queue(db, ctx.settings, waiting=waiting) if waiting is not None else None
    done = sum(finished.values())
    return {
        "total": sum(by_state.values()),
        "by_status": by_state,
        "by_match_status": by_match,
        "decided_by_person": decided,
        # what `review list` shows (counts.waiting_clause): completed, needs_review or
        # no_match, not decided by a person
        "waiting_for_review": counts.waiting_count(state_rows),
        "oldest_unfinished": (
            {"id": oldest[0], "received_at": _iso(oldest[1]), "age_s": round((now - oldest[1]).total_seconds(), 1)}
            if oldest
            else None
        ),
        "last_hour": {
            "received": received,
            "finished": done,
            "failed": finished.get("failed", 0),
            "error_rate": round(finished.get("failed", 0) / done, 4) if done else 0.0,
        },
        "queue": queue_depth,
        "quarantined": quarantined,
        "mirror_backlog": mirror,
        "not_in_queue": stranded,
        "workers": [
            {
                "name": name,
                "host": host,
                "pid": pid,
                "seen_at": _iso(seen_at),
                "rss_mb": rss_mb,
                "holding": holding.get(name, []),
                "heartbeat_age_s": round((now - seen_at).total_seconds(), 1) if seen_at else None,
                "heartbeat_stale": seen_at is None or (now - seen_at).total_seconds() > HEARTBEAT_STALE_S,
                "leases": leases.get(name, []),
            }
            for name, host, pid, seen_at, rss_mb in workers
        ],
    }

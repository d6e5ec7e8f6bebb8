"""Emails stored but not in the queue: the rows only the sweep will move again.

A job a worker took from the queue while the database was down (``FailureNotRecorded``
before its lease), an enqueue that failed during a queue outage, a retry whose delayed
message could not be written: the row waits ``received``/``queued``/``retrying`` with no
message behind it until the sweep re-enqueues it (docs/retry-policy.md, "The path of a
failure"). Nothing is lost, but ``queue: pending 0`` next to a ``queued`` email looks like
an idle system, so ``status``, ``health`` and ``/metrics`` show these rows with the time
within which the sweep takes them back.

The sweep's rule (``services/operations.sweep``): a row is re-enqueued at the first sweep
after its clock (``received_at``, ``queued_at``, resp. ``next_attempt_at``) is older than
CREDITCTL_STUCK_GRACE_SECONDS; a sweep runs every CREDITCTL_SWEEP_INTERVAL seconds in
each worker. So a row is back in the queue at most grace + interval seconds after its
clock, while a worker runs.

Plain SQL on a ``dbapi.Reader``, like ``services.overview``: ``creditctl status`` imports
neither SQLAlchemy nor Huey unless there is a queue to read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from creditctl.dbapi import Reader, utcnow
from creditctl.queue import WaitingIds, waiting_email_ids
from creditctl.services import sweep_rule
from creditctl.services.sweep_rule import SWEEP_CLOCKS, sweep_bound_s

SETTLE_S = sweep_rule.SETTLE_S
"""Rows changed less than this many seconds ago are left out: between the intake's commit
and its enqueue, or a worker's take and its lease, a row briefly has no message."""

READ_LIMIT = 5_000
"""Above this many waiting messages the queue is not read (``status --watch`` re-reads it
every refresh); the count is then unknown (None)."""

SHOWN_IDS = 10

_CLOCK_COLUMNS = tuple(dict.fromkeys(SWEEP_CLOCKS.values()))
_ROWS = (
    f"SELECT id, processing_status, updated_at < :settled AS settled, {', '.join(_CLOCK_COLUMNS)} FROM emails "
    f"WHERE processing_status IN ({', '.join(repr(s) for s in SWEEP_CLOCKS)}) "
    "ORDER BY id LIMIT 1000"
)
_ONE_ROW = _ROWS.replace("ORDER BY", "AND id = :id ORDER BY")
_LIVE_WORKERS = "SELECT count(*) FROM workers WHERE seen_at >= :since"


def not_in_queue(
    db: Reader,
    settings: Any,
    *,
    waiting: WaitingIds | None,
    now: datetime | None = None,
    shown: int = SHOWN_IDS,
    settle_s: float = SETTLE_S,
    email_id: int | None = None,
) -> dict[str, Any] | None:
    """The stored emails without a queue message.

    Returns ``{"count": N, "ids": [first shown], "requeue_within_s": S, "due_in_s": D,
    "sweep_bound_s": B, "queue_down": Q}``, or None when the queue is too long to read.
    ``Q``: whether ``waiting`` raised (the queue is unreachable) — read whatever the count,
    0 included.
    ``S``: seconds until the sweep has re-enqueued the last of them (0 when overdue); with
    the queue down (``Q`` true: ``waiting`` raised) the sweep cannot, and ``S`` counts from
    the moment the queue answers again: a running worker then sweeps the never-enqueued
    rows at once (``sweep_rule.QUEUE_BACK_WITHIN_S``). ``D``: seconds
    until the last of them is past CREDITCTL_STUCK_GRACE_SECONDS (``creditctl reprocess
    --stuck`` takes a row only then; 0 when all are). ``B``: ``sweep_bound_s``. ``waiting``:
    reads the queue's ``process_email`` ids; None (or raising: the queue is down) counts only
    the ``received`` rows, which were never enqueued. Rows changed in the last ``SETTLE_S``
    seconds (``settle_s``) are not counted while the queue answers (with the queue down no
    enqueue is under way: they wait too). ``db``: a read transaction (``dbapi.reading``). Raises
    SQLAlchemy's ``DBAPIError`` subclasses when the database fails. ``email_id``: only that
    email (``email_note``, ``creditctl status ID``).
    """
    now = now or utcnow()
    params: dict[str, Any] = {"settled": now - timedelta(seconds=settle_s)}
    if email_id is not None:
        params["id"] = email_id
    rows = [
        _Row(r[0], r[1], bool(r[2]), dict(zip(_CLOCK_COLUMNS, r[3:], strict=True)))
        for r in db.rows(_ROWS if email_id is None else _ONE_ROW, params, utc=_CLOCK_COLUMNS)
    ]
    pending: set[int] | None = set()
    scheduled: set[int] | None = set()
    queue_down = False
    if waiting is not None:  # read even for ``received`` rows only, or none: a queue down is said whatever the count
        try:
            pending, scheduled = waiting()
        except Exception:  # noqa: BLE001 - the queue is down: only the never-enqueued rows are known
            pending = scheduled = None
            queue_down = True
    elif waiting is None:
        pending = scheduled = None
    if not queue_down:  # between a commit and its enqueue a row briefly has no message
        rows = [r for r in rows if r.settled]
        if waiting is not None and pending is None and any(r.processing_status != "received" for r in rows):
            return None  # too long to read: which queued rows have a message is unknown
    stranded = [
        r
        for r in rows
        if r.processing_status == "received"
        or (pending is not None and r.id not in pending and r.id not in (scheduled or set()))
    ]
    bound = sweep_bound_s(settings)
    clocks = [_clock(r) for r in stranded]
    latest = max((c for c in clocks if c is not None), default=None)
    within = max(0.0, (latest + timedelta(seconds=bound) - now).total_seconds()) if latest else 0.0
    grace = float(settings.stuck_grace_seconds)
    due = max(0.0, (latest + timedelta(seconds=grace) - now).total_seconds()) if latest else 0.0
    if queue_down and stranded:  # only never-enqueued rows are known: swept as soon as the queue answers
        within = sweep_rule.QUEUE_BACK_WITHIN_S
    return {
        "count": len(stranded),
        "ids": [r.id for r in stranded[:shown]],
        "requeue_within_s": round(within),
        "due_in_s": round(due),
        "sweep_bound_s": bound,
        "queue_down": queue_down,
    }


def email_note(
    db: Reader, settings: Any, email_id: int, *, waiting: WaitingIds, now: datetime | None = None
) -> dict[str, Any] | None:
    """One email stored but not in the queue (``creditctl status ID``), or None when it has a
    queue message, is not waiting (``received``/``queued``/``retrying``), or the queue is too
    long to read. The shape of ``not_in_queue`` (count 1), plus ``status`` (its processing
    status), ``sweep_interval_s`` (CREDITCTL_SWEEP_INTERVAL: each running worker sweeps that
    often, ``services/operations.sweep``), ``grace_s`` (CREDITCTL_STUCK_GRACE_SECONDS) and
    ``workers_alive`` (a worker's heartbeat within the lease time: the sweep runs only in a
    worker). ``waiting``: as for ``not_in_queue``. Raises SQLAlchemy's ``DBAPIError``
    subclasses when the database fails."""
    now = now or utcnow()
    found = not_in_queue(db, settings, waiting=waiting, now=now, email_id=email_id)
    if not found or not found["count"]:
        return None
    status = db.scalar("SELECT processing_status FROM emails WHERE id = :id", {"id": email_id})
    live_since = now - timedelta(seconds=max(30.0, float(settings.lease_seconds)))
    return {
        **found,
        "status": status,
        "sweep_interval_s": float(settings.sweep_interval),
        "grace_s": float(settings.stuck_grace_seconds),
        "workers_alive": bool(db.scalar(_LIVE_WORKERS, {"since": live_since})),
    }


class _Row(NamedTuple):
    id: int
    processing_status: str
    settled: bool  # unchanged for SETTLE_S seconds
    clocks: dict[str, datetime | None]


def _clock(row: _Row) -> datetime | None:
    """The time the sweep measures the row's grace from (``sweep_rule.SWEEP_CLOCKS``)."""
    return row.clocks[SWEEP_CLOCKS[row.processing_status]]


def waiting_reader(settings: Any, depth: Mapping[str, int | str]) -> WaitingIds:
    """The ``WaitingIds`` of a reading process (``creditctl status``) that has already read
    the queue's ``depth`` (``queue.read_queue_depth``, or ``{"error": …}``): an empty queue
    holds no ids (Huey is not even imported), an unreachable one raises, else the queue is
    read through ``queue.waiting_email_ids``."""

    def read() -> tuple[set[int] | None, set[int] | None]:
        if "error" in depth:
            raise ConnectionError(str(depth["error"]))
        if not depth.get("pending") and not depth.get("scheduled"):
            return set(), set()
        from creditctl.queue import make_huey

        return waiting_email_ids(make_huey(settings), limit=READ_LIMIT)

    return read

"""When the sweep takes a waiting email back: the one statement of its clock.

An email waiting ``received``, ``queued`` or ``retrying`` is re-enqueued by the sweep
(``services/operations.sweep``) once the column named here for its state is older than
CREDITCTL_STUCK_GRACE_SECONDS (docs/retry-policy.md, "The path of a failure"). The sweep's
query and the stranded-email view (``services/unqueued``, shown by ``status``, ``health``
and ``/metrics``) both read this table, so the time the view promises is the sweep's.

After a queue outage the rows known never to have been enqueued (``received``: the
intake's enqueue failed) are not made to wait the grace: when a worker sees the queue
answer again (``queue_outage_over``) it sweeps at once with ``queue_back`` and this rule
takes every ``received`` row then (``sweep_cutoffs``).

No SQLAlchemy or Huey import: ``creditctl status`` reads it on its fast path.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

SWEEP_CLOCKS: Mapping[str, str] = {
    "received": "received_at",
    "queued": "queued_at",
    "retrying": "next_attempt_at",
}
"""Waiting processing state → the ``emails`` column (timezone-aware UTC) its grace is
measured from: stored but never enqueued, queued (its message may be gone), retry due."""


def sweep_bound_s(settings: Any) -> float:
    """Seconds after a row's clock within which the sweep re-enqueues it (while a worker
    runs): CREDITCTL_STUCK_GRACE_SECONDS + CREDITCTL_SWEEP_INTERVAL (each worker sweeps
    every interval)."""
    return float(settings.stuck_grace_seconds) + float(settings.sweep_interval)


NEVER_ENQUEUED = "received"
"""The waiting state whose rows never had a queue message (stored, enqueue not done)."""

SETTLE_S = 5.0
"""Seconds a row must be unchanged before it counts as having no message: between the
intake's commit and its enqueue (or a worker's take and its lease) a row briefly has none."""

QUEUE_BACK_WITHIN_S = 2.0
"""Seconds within which a running worker sweeps after the queue answers again: its
housekeeper probes a queue outage once a second (``worker.QueueOutage.check``)."""


def sweep_cutoffs(settings: Any, now: datetime, *, queue_back: bool = False) -> dict[str, datetime]:
    """Waiting state → the time its ``SWEEP_CLOCKS`` column must be older than for the sweep
    to take the row (timezone-aware, like ``now``). Normally ``now`` minus
    CREDITCTL_STUCK_GRACE_SECONDS for every state; with ``queue_back`` (the sweep a worker
    runs when the queue answers after an outage) every never-enqueued ``received`` row is
    taken at once: it is known to have no message (its enqueue failed during the outage)."""
    grace = timedelta(seconds=float(settings.stuck_grace_seconds))
    cutoffs = {status: now - grace for status in SWEEP_CLOCKS}
    if queue_back:  # even one stored a moment ago: at worst its intake enqueues it too, and a
        # second message is harmless (a run takes the row's lease; tests/integration/test_production.py)
        cutoffs[NEVER_ENQUEUED] = now
    return cutoffs

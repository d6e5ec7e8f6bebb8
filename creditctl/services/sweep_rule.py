"""When the sweep takes a waiting email back: the one statement of its clock.

An email waiting ``received``, ``queued`` or ``retrying`` is re-enqueued by the sweep
(``services/operations.sweep``) once the column named here for its state is older than
CREDITCTL_STUCK_GRACE_SECONDS (docs/retry-policy.md, "The path of a failure"). The sweep's
query and the stranded-email view (``services/unqueued``, shown by ``status``, ``health``
and ``/metrics``) both read this table, so the time the view promises is the sweep's.

No SQLAlchemy or Huey import: ``creditctl status`` reads it on its fast path.
"""

from __future__ import annotations

from collections.abc import Mapping
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

"""``creditctl worker``: the Huey consumer plus a housekeeping thread.

Housekeeping (every second): the worker heartbeat row (``creditctl status`` lists live
workers), the sweep every CREDITCTL_SWEEP_INTERVAL seconds (Huey's periodic tasks
have minute resolution), the RSS limit (CREDITCTL_WORKER_MAX_RSS_MB: stop taking work,
finish, exit 0 so the supervisor restarts us fresh), and ``--burst`` (exit once the
queue and schedule are empty and nothing runs).

Shutdown (HUEY-NOTES.md): the consumer is created with ``graceful_signal='TERM'``, and
SIGINT is made graceful too (huey would otherwise treat it as "interrupt now"), so both
let running jobs finish, bounded by ``shutdown_timeout`` seconds; the process then
exits 0. A job cut off there keeps its lease (the worker threads are daemons and die
with the process) and the sweep re-enqueues it after the lease expires. A second
signal during the shutdown stops at once.

Outages: Huey's worker threads log a failed dequeue and back off (``max_delay``); the
Redis client reconnects on the next command; the database pool pre-pings. Each
housekeeping duty is guarded on its own, so a Redis outage does not stop the heartbeat
and a database outage does not stop the RSS check.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psutil
import structlog
from huey.consumer_options import ConsumerConfig
from sqlalchemy.dialects import postgresql, sqlite

from creditctl.db import is_sqlite, session_scope
from creditctl.models import Email, WorkerHeartbeat, utcnow
from creditctl.services import operations
from creditctl.tasks import Runtime

log = structlog.get_logger(__name__)


@dataclass
class WorkerOptions:
    workers: int = 4
    worker_type: str = "thread"
    burst: bool = False
    shutdown_timeout_s: float = 30.0
    max_delay_s: float = 1.0


def run_worker(runtime: Runtime, options: WorkerOptions) -> int:
    """Run the consumer on the main thread until stopped; returns the exit code (0)."""
    config = ConsumerConfig(
        workers=options.workers, worker_type=options.worker_type, periodic=True, initial_delay=0.05,
        backoff=1.15, max_delay=options.max_delay_s, check_worker_health=True, health_check_interval=5,
        scheduler_interval=1, shutdown_timeout=options.shutdown_timeout_s, graceful_signal="TERM",
        flush_locks=False, extra_locks=None, logfile=None, verbose=None, simple_log=None, max_tasks=None,
    )
    config.validate()
    consumer = runtime.huey.create_consumer(**config.values)
    _make_sigint_graceful(consumer)
    keeper = Housekeeper(runtime, options)
    keeper.start()
    try:
        consumer.run()
    finally:
        keeper.stop()
        _forget_worker(runtime)
    log.info("worker_exit", reason=keeper.exit_reason or "signal")
    return 0


def _make_sigint_graceful(consumer: Any) -> None:
    """Huey 3.5 maps the non-graceful signal (SIGINT when ``graceful_signal='TERM'``) to
    "interrupt running tasks"; the issue wants both signals graceful. ``_signal_actions``
    (signal → (restart, graceful)) is read when the consumer installs its handlers in
    ``run()``; if a later huey drops it, SIGINT keeps huey's meaning (logged)."""
    actions = getattr(consumer, "_signal_actions", None)
    if isinstance(actions, dict):
        actions[signal.SIGINT] = (False, True)
    else:
        log.warning("sigint_not_graceful", reason="huey consumer has no _signal_actions")


class Housekeeper(threading.Thread):
    """Once a second: RSS limit, heartbeat row, the sweep (every CREDITCTL_SWEEP_INTERVAL
    seconds), and the ``--burst`` drain check. Each duty fails alone (logged)."""

    def __init__(self, runtime: Runtime, options: WorkerOptions) -> None:
        super().__init__(name="housekeeper", daemon=True)
        self.runtime = runtime
        self.options = options
        self.exit_reason: str | None = None
        self._stop_event = threading.Event()
        self._idle_checks = 0

    def stop(self) -> None:
        self._stop_event.set()

    def run(self) -> None:
        settings = self.runtime.ctx.settings
        next_sweep = time.monotonic() + min(2.0, settings.sweep_interval)
        while not self._stop_event.wait(0.25 if self.options.burst else 1.0):
            rss = _rss_mb()
            if rss > settings.worker_max_rss_mb and not self.exit_reason:
                self._exit(f"RSS {rss:.0f} MB > CREDITCTL_WORKER_MAX_RSS_MB={settings.worker_max_rss_mb}")
            self._guarded("heartbeat", lambda: _heartbeat(self.runtime, rss))
            if time.monotonic() >= next_sweep:
                next_sweep = time.monotonic() + settings.sweep_interval
                self._guarded("sweep", lambda: operations.sweep(
                    self.runtime.ctx, waiting=lambda: operations.waiting_email_ids(self.runtime.huey)))
            if self.options.burst and not self.exit_reason and self._guarded("drain_check", self._drained):
                self._exit("burst: queue drained")

    def _guarded(self, duty: str, fn: Callable[[], Any]) -> Any:
        """Run one duty; a database or queue blip is logged, never kills housekeeping."""
        try:
            return fn()
        except Exception as exc:
            log.warning("housekeeping_failed", duty=duty, error=type(exc).__name__, detail=str(exc)[:300])
            return None

    def _drained(self) -> bool:
        huey = self.runtime.huey
        busy = huey.pending_count() or huey.scheduled_count()
        if not busy:
            with session_scope(self.runtime.ctx.db_url) as session:
                busy = session.query(Email.id).filter(Email.lease_owner == self.runtime.ctx.worker_name).first() is not None
        self._idle_checks = 0 if busy else self._idle_checks + 1
        return self._idle_checks >= 3

    def _exit(self, reason: str) -> None:
        self.exit_reason = reason
        log.warning("worker_stopping", reason=reason)
        os.kill(os.getpid(), signal.SIGTERM)  # graceful: stop dequeuing, finish running jobs, exit 0


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1_048_576


def _heartbeat(runtime: Runtime, rss: float) -> None:
    """Upsert this worker's row in ``workers`` (seen_at now, rss in MB)."""
    ctx = runtime.ctx
    now = utcnow()
    values = {"name": ctx.worker_name, "host": socket.gethostname(), "pid": os.getpid(), "started_at": now,
              "seen_at": now, "rss_mb": round(rss, 1)}
    insert = (sqlite.insert if is_sqlite(ctx.db_url) else postgresql.insert)(WorkerHeartbeat).values(**values)
    stmt = insert.on_conflict_do_update(index_elements=["name"], set_={"seen_at": now, "rss_mb": values["rss_mb"]})
    with session_scope(ctx.db_url) as session:
        session.execute(stmt)


def _forget_worker(runtime: Runtime) -> None:
    try:
        with session_scope(runtime.ctx.db_url) as session:
            row = session.get(WorkerHeartbeat, runtime.ctx.worker_name)
            if row is not None:
                session.delete(row)
    except Exception:
        pass

"""``creditctl worker``: the Huey consumer plus a housekeeping thread.

Housekeeping (every second): the worker heartbeat row (``creditctl status`` lists live
workers), the sweep every CREDITCTL_SWEEP_INTERVAL seconds (Huey's periodic tasks
have minute resolution), the RSS limit (CREDITCTL_WORKER_MAX_RSS_MB: stop taking work,
finish, exit 0 so the supervisor restarts us fresh), and ``--burst`` (exit once the
queue and schedule are empty and nothing runs).

The same housekeeping runs under ``huey_consumer huey_config.huey`` (started from Huey's
public ``on_startup`` hook, once per process: ``start_housekeeping``); README says what
that entry lacks.

Shutdown (docs/architecture.md, "Workers"): the consumer is created with ``graceful_signal='TERM'``, and
SIGINT is made graceful too (huey would otherwise treat it as "interrupt now"), so both
let running jobs finish, bounded by ``shutdown_timeout`` seconds; the process then
exits 0. A job cut off there keeps its lease (the worker threads are daemons and die
with the process) and the sweep re-enqueues it after the lease expires. A second
signal during the shutdown stops at once.

Outages: Huey's worker threads back off (``max_delay``) on a failed dequeue; the
outage is logged once when it starts and once when it ends with its length
(``QueueOutage``), not a traceback per poll. The Redis client reconnects on the next
command; the database pool pre-pings. Each
housekeeping duty is guarded on its own, so a Redis outage does not stop the heartbeat
and a database outage does not stop the RSS check.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psutil
import structlog
from huey.consumer_options import ConsumerConfig

from creditctl import db
from creditctl.outages import classify
from creditctl.queue import waiting_email_ids
from creditctl.services import operations, workers
from creditctl.tasks import Runtime, record_unrecorded_failures

log = structlog.get_logger(__name__)


@dataclass
class WorkerOptions:
    workers: int = 4
    worker_type: str = "thread"
    burst: bool = False
    shutdown_timeout_s: float = 30.0
    max_delay_s: float = 1.0


def run_worker(runtime: Runtime, options: WorkerOptions) -> int:
    """Run the consumer on the main thread until stopped; returns the exit code: 0, or 1
    when ``--burst`` gave up on an unreachable queue or database."""
    config = ConsumerConfig(
        workers=options.workers,
        worker_type=options.worker_type,
        periodic=True,
        initial_delay=0.05,
        backoff=1.15,
        max_delay=options.max_delay_s,
        check_worker_health=True,
        health_check_interval=5,
        scheduler_interval=1,
        shutdown_timeout=options.shutdown_timeout_s,
        graceful_signal="TERM",
        flush_locks=False,
        extra_locks=None,
        logfile=None,
        verbose=None,
        simple_log=None,
        max_tasks=None,
    )
    config.validate()
    limit_malloc_arenas()  # `creditctl worker` set it already, before any thread; idempotent
    if options.worker_type == "thread":  # every thread's job and lease keeper find a pooled connection
        db.ensure_pool_size(2 * options.workers + 1)
    _warm_up(runtime, pipeline=options.worker_type == "process")
    if options.worker_type == "process":
        # everything loaded so far is shared with the forked children; moved out of the
        # collector's reach, the children's collections do not write to (and so copy)
        # those pages (Python docs, gc.freeze)
        gc.freeze()
    consumer = runtime.huey.create_consumer(**config.values)
    make_sigint_graceful(consumer)
    outage = QueueOutage(runtime, level="warning" if options.burst else "error")
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(outage.filter)
    keeper = Housekeeper(runtime, options, outage=outage)
    keeper.start()
    try:
        consumer.run()
    finally:
        keeper.stop()
        for handler in handlers:
            handler.removeFilter(outage.filter)
        workers.forget(runtime.ctx)
    log.info("worker_exit", reason=keeper.exit_reason or "signal")
    return keeper.exit_code


MALLOC_ARENAS = 2
"""glibc malloc arenas a worker process keeps (``limit_malloc_arenas``)."""
_M_ARENA_MAX = -8
"""``mallopt`` parameter number of ``M_ARENA_MAX`` (glibc ``malloc.h``)."""


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process (``mallopt(M_ARENA_MAX, arenas)``),
    before the worker threads start.

    glibc gives threads that contend for malloc arenas of their own (up to 8 per core);
    the reading allocates its 10–30 KB texts outside Python's small-object allocator, so
    with several job threads those arenas fragment and the worker's RSS kept growing
    (docs/worker-performance.md, "Memory drift"). Two arenas cost no measurable speed
    here (the GIL serialises the threads' Python work anyway). An operator's own
    ``MALLOC_ARENA_MAX`` wins (then nothing is changed). Returns True when the cap was
    set; False without glibc (musl, macOS) or when ``MALLOC_ARENA_MAX`` is set.
    """
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # not glibc
        return False


def _warm_up(runtime: Runtime, *, pipeline: bool) -> None:
    """Build the configured extractor before taking jobs, and with ``pipeline`` (process
    workers: the consumer forks after this) run the reading once so every child starts
    warm (``reading.warm_up``). A configuration error is logged here and raised again by
    every job, as before."""
    from creditctl.services import reading

    try:
        built = reading.warm_up(runtime.ctx, pipeline=pipeline)
    except Exception as exc:  # noqa: BLE001 - the jobs report it, each with its email
        log.error("extractor_warm_up_failed", error=type(exc).__name__, detail=str(exc)[:300])
        return
    if built:
        log.info("extractor_ready", extractor=built)


def make_sigint_graceful(consumer: Any) -> bool:
    """Make SIGINT graceful too (with ``graceful_signal='TERM'`` Huey maps SIGINT to
    "interrupt running tasks"). The one use of a Huey private: ``consumer._signal_actions``
    (signal → (restart, graceful)), read when ``run()`` installs its handlers; Huey has no
    public way to make both signals graceful. Pinned by ``huey<3.6`` in pyproject;
    ``tests/integration/test_worker_entries.py`` fails when a Huey release changes it.
    Returns False (logged; SIGINT then keeps Huey's meaning) when the mapping is gone."""
    actions = getattr(consumer, "_signal_actions", None)
    if not (isinstance(actions, dict) and actions.get(signal.SIGTERM) == (False, True)):
        log.error("sigint_not_graceful", reason="huey consumer has no _signal_actions mapping")
        return False
    actions[signal.SIGINT] = (False, True)
    return True


_started: dict[int, Housekeeper] = {}
_started_lock = threading.Lock()


def start_housekeeping(
    runtime: Runtime, options: WorkerOptions | None = None, *, stop_signal: int = signal.SIGINT
) -> Housekeeper:
    """Start the process's one housekeeping thread unless it runs already (idempotent per
    process: Huey's ``on_startup`` hook calls it from every worker thread). ``stop_signal``
    is what the RSS limit sends to stop gracefully (``huey_consumer``'s graceful signal
    is SIGINT by default)."""
    with _started_lock:
        keeper = _started.get(os.getpid())
        if keeper is None or not keeper.is_alive():
            keeper = Housekeeper(runtime, options or WorkerOptions(), stop_signal=stop_signal)
            keeper.start()
            _started[os.getpid()] = keeper
        return keeper


class QueueOutage:
    """Logs a queue outage seen by the Huey consumer's threads once when it
    starts and once when it ends, with its length — instead of a traceback per poll.

    ``filter`` is a logging filter on this process's handlers: a huey record whose
    exception is an outage (``creditctl.outages.classify``) is dropped; the first one
    logs ``queue_outage``. The housekeeper calls ``check`` every second: while an outage
    is on it probes the queue, and logs ``queue_outage_over`` with ``duration_s`` when the
    queue answers again. ``level``: of the ``queue_outage`` line (``error``; ``warning``
    under ``--burst``).
    """

    def __init__(self, runtime: Runtime, *, level: str = "error") -> None:
        self.runtime = runtime
        self.level = level  # of the queue_outage line: warning under --burst, whose own last line says it
        self._lock = threading.Lock()
        self.started: float | None = None
        self.what = ""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith("huey") or not record.exc_info or record.exc_info[1] is None:
            return True
        found = classify(record.exc_info[1])
        if found is None or found.what != "queue":
            return True
        with self._lock:
            first = self.started is None
            if first:
                self.started = time.monotonic()
                self.what = found.what
        if first:
            getattr(log, self.level)(
                "queue_outage",
                what=found.what,
                error=found.error,
                note="logged once; queue_outage_over follows when it answers again",
            )
        return False

    def check(self) -> bool:
        """Probe the queue while an outage is on; log its end once. Returns True once,
        when the outage has just ended (the housekeeper then sweeps at once)."""
        if self.started is None:
            return False
        try:
            self.runtime.huey.pending_count()
        except Exception:  # noqa: BLE001 - still down: stay quiet
            return False
        with self._lock:
            started, self.started = self.started, None
        if started is None:
            return False
        log.warning("queue_outage_over", what=self.what, duration_s=round(time.monotonic() - started, 1))
        return True


class Housekeeper(threading.Thread):
    """Once a second: RSS limit, heartbeat row, the sweep (every CREDITCTL_SWEEP_INTERVAL
    seconds), and the ``--burst`` drain check. Each duty fails alone (logged)."""

    def __init__(
        self,
        runtime: Runtime,
        options: WorkerOptions,
        *,
        stop_signal: int = signal.SIGTERM,
        outage: QueueOutage | None = None,
    ) -> None:
        super().__init__(name="housekeeper", daemon=True)
        self.runtime = runtime
        self.options = options
        self.stop_signal = stop_signal
        self.outage = outage
        self._failing: dict[str, tuple[str, float]] = {}
        self.exit_reason: str | None = None
        self.exit_code = 0
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
            queue_back = self.outage is not None and bool(self._guarded("queue_outage_check", self.outage.check))
            self._guarded("heartbeat", functools.partial(workers.heartbeat, self.runtime.ctx, rss))
            # a job that died unrecorded in a database outage: recorded (its lease released) once it answers
            self._guarded("unrecorded_failures", functools.partial(record_unrecorded_failures, self.runtime))
            if queue_back or time.monotonic() >= next_sweep:
                next_sweep = time.monotonic() + settings.sweep_interval
                self._guarded("sweep", functools.partial(self._sweep, queue_back=queue_back))
            if self.options.burst and not self.exit_reason and self._guarded("drain_check", self._drained):
                self._exit("burst: queue drained")
            self._give_up_burst_on_outage()

    def _sweep(self, *, queue_back: bool = False) -> Any:
        """One sweep; ``queue_back`` when the queue has just answered after an outage: the
        emails stored but never enqueued are pushed now (``sweep_rule.sweep_cutoffs``)."""
        return operations.sweep(
            self.runtime.ctx,
            waiting=lambda: waiting_email_ids(self.runtime.huey, limit=operations.QUEUE_SCAN_LIMIT),
            queue_back=queue_back,
        )

    def _guarded(self, duty: str, fn: Callable[[], Any]) -> Any:
        """Run one duty; a failure never kills housekeeping. It is logged once when the
        duty starts failing and once when it works again (with how long it failed),
        not every second."""
        try:
            value = fn()
        except Exception as exc:  # noqa: BLE001 - housekeeping's boundary: a failing duty never kills the worker
            if duty not in self._failing:
                self._failing[duty] = (type(exc).__name__, time.monotonic())
                found = classify(exc)
                log.warning(
                    "housekeeping_failed",
                    duty=duty,
                    error=type(exc).__name__,
                    detail=str(exc)[:300],
                    outage=found.what if found else None,
                    note="logged once until it recovers",
                )
            return None
        failed = self._failing.pop(duty, None)
        if failed is not None:
            log.info(
                "housekeeping_recovered", duty=duty, error=failed[0], duration_s=round(time.monotonic() - failed[1], 1)
            )
        return value

    def _give_up_burst_on_outage(self) -> None:
        """``--burst`` cannot tell "drained" while the queue (or database) does not answer:
        after ``BURST_OUTAGE_S`` of failing drain checks it stops with exit code 1 and says
        so, instead of waiting for ever (nothing is lost: the emails stay stored)."""
        failing = self._failing.get("drain_check")
        if not self.options.burst or self.exit_reason or failing is None:
            return
        if time.monotonic() - failing[1] >= BURST_OUTAGE_S:
            self.exit_code = 1
            self._exit(
                f"burst: the queue or database did not answer for {BURST_OUTAGE_S:.0f} s ({failing[0]}); "
                "the emails stay stored: run the worker again when it is back"
            )

    def _drained(self) -> bool:
        huey = self.runtime.huey
        busy = huey.pending_count() or huey.scheduled_count() or workers.holds_leases(self.runtime.ctx)
        self._idle_checks = 0 if busy else self._idle_checks + 1
        return self._idle_checks >= 3

    def _exit(self, reason: str) -> None:
        self.exit_reason = reason
        log.warning("worker_stopping", reason=reason)
        os.kill(os.getpid(), self.stop_signal)  # graceful: stop dequeuing, finish running jobs, exit 0


BURST_OUTAGE_S = 10.0
"""How long ``--burst`` waits for an unreachable queue or database before it exits 1."""


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1_048_576

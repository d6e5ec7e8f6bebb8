"""Huey tasks and the permanent-failure signal handler (the sweep runs in the worker's
housekeeping thread, one per process: ``creditctl.worker``).

Tasks take ids and call services; every decision lives in the services. The tasks
are registered on a Huey instance by ``build_runtime`` (so tests can build their own
runtime on a MemoryHuey or a private Redis); ``creditctl worker`` builds its own
through ``cli.common.open_runtime`` and ``huey_config.py`` the one of
``huey_consumer huey_config.huey``.

Retries (docs/retry-policy.md): the retry state has one home, the email row
(``attempts``, ``next_attempt_at``). ``process_email`` declares no Huey retries. On
failure the service records the attempt and decides (``processing.record_failure``
with ``creditctl.retry``); a retry is a new delayed ``process_email`` message at the
decided delay (Retry-After honoured), enqueued here; if that enqueue fails the row is
``retrying`` with an overdue ``next_attempt_at`` and the sweep enqueues it. A permanent
or exhausted failure re-raises, and Huey emits SIGNAL_ERROR for the alert. When the
failure cannot even be recorded (database down), ``FailureNotRecorded`` is raised and
the worker keeps the failure (``processing.note_unrecorded``): its housekeeping records it
once the database answers (``record_unrecorded_failures``: ``retrying`` or ``failed``, the
lease released, the retry enqueued), so no live worker holds a lease no job renews. A
worker that exits first leaves the row in flight under its lease, and the sweep
re-enqueues it once the lease expires.

The permanent-failure alert (``on_final_failure``) listens to ERROR, TIMEOUT, LOCKED,
CANCELED and EXPIRED; it ignores ``FailureNotRecorded`` (nothing is final then) and,
for other tasks, signals Huey follows with a retry of its own (``task.retries``). A task that ends ``failed`` without raising (attempts used up by dead
workers) raises the alert itself, and the sweep (``alert_missed_failures``) alerts any failed
email a killed worker left without one. The handler only writes the alert row (``raise_failure_alert``, one
short transaction, idempotent) and enqueues the delivery task: the SMTP send happens in
``deliver_outbox``, off the worker's hot path, and never raises into the consumer.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import structlog
from huey import Huey, signals as S

from creditctl.exceptions import EmailMissing, TransientError
from creditctl.outages import QUEUE_ERRORS, classify
from creditctl.queue import make_huey
from creditctl.services import claims, notifications, processing
from creditctl.services.context import AppContext
from creditctl.services.intake import LIVE_PRIORITY
from creditctl.settings import Settings

log = structlog.get_logger(__name__)


class FailureNotRecorded(TransientError):
    """A job failed and its failure could not be recorded (database down); the email stays
    in flight under its lease until this worker records the failure when the database
    answers (``record_unrecorded_failures``), or the sweep re-enqueues it when the lease
    expires."""


FINAL_SIGNALS = (S.SIGNAL_ERROR, S.SIGNAL_TIMEOUT, S.SIGNAL_LOCKED, S.SIGNAL_CANCELED, S.SIGNAL_EXPIRED)


@dataclass
class Runtime:
    """One process's queue, tasks and service context."""

    huey: Huey
    ctx: AppContext
    process_email: Any
    deliver_outbox: Any
    sync_mirror: Any

    def enqueue(self, email_id: int, *, priority: int = 10, delay_s: float = 0.0) -> None:
        """Put ``email_id`` on the queue (``priority``: higher runs first; ``delay_s`` seconds)."""
        task = self.process_email.s(email_id, priority=priority, delay=delay_s if delay_s > 0 else None)
        self.huey.enqueue(task)


def build_runtime(
    settings: Settings, *, huey: Huey | None = None, ctx: AppContext | None = None, adapters: bool = True
) -> Runtime:
    """Create the Huey instance (unless given), register the tasks, wire the context.

    ``adapters``: build the notifier, mirror and Zendesk client from settings (tests
    pass their own in ``ctx``).
    """
    huey = huey or make_huey(settings)
    ctx = ctx or AppContext(settings=settings)
    if ctx.after_parse is None:
        ctx.after_parse = processing.pause_after_parse_hook(os.environ)  # test-only; None in production
    if adapters:
        wire_adapters(ctx)

    @huey.task(context=True, name="process_email")  # no Huey retries: see the module docstring
    def process_email_task(email_id: int, task: Any = None) -> str:
        # a Huey worker thread runs one job at a time: its log context is this job's alone
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(
            email_id=email_id, worker=ctx.worker_name, task_id=getattr(task, "id", None)
        )
        started = time.monotonic()
        status = "raised"  # the failure path binds next_status (retrying | failed)
        try:
            status = _process_email(email_id, task, started)
            return status
        finally:
            # the one summary line per job (processing binds attempt and ticket_id)
            log.info("job", status=status, duration_ms=round((time.monotonic() - started) * 1000, 1))
            structlog.contextvars.clear_contextvars()

    def _process_email(email_id: int, task: Any, started: float) -> str:
        try:
            outcome = processing.process_email(ctx, email_id)
            if outcome.status == "failed":
                # failed without an exception (attempts used up by workers that died mid-job):
                # no SIGNAL_ERROR follows, so the alert is raised here
                _alert_quietly(ctx, email_id, signal="attempts_exhausted")
            return outcome.status
        except EmailMissing:
            raise
        except Exception as exc:
            duration_ms = round((time.monotonic() - started) * 1000, 3)
            try:
                decision = processing.record_failure(ctx, email_id, exc, duration_ms=duration_ms)
            except Exception as record_exc:  # noqa: BLE001 - the job boundary: database down too; the lease runs out, the sweep re-enqueues
                log.error("record_failure_failed", email_id=email_id, error=type(record_exc).__name__)
                kept = processing.note_unrecorded(email_id, exc, duration_ms=duration_ms)
                raise FailureNotRecorded(
                    f"email {email_id}: {type(exc).__name__} not recorded ({type(record_exc).__name__}); "
                    + ("recorded when the database answers" if kept else "the sweep re-enqueues it")
                ) from exc
            if not decision.recorded:
                # terminal already, or another worker holds the row: nothing to retry
                return "skipped"
            structlog.contextvars.bind_contextvars(
                error_class=type(exc).__name__, next_status="retrying" if decision.retry else "failed"
            )
            if decision.retry:
                priority = getattr(task, "priority", None) or LIVE_PRIORITY
                try:
                    runtime.enqueue(email_id, priority=priority, delay_s=decision.delay_s)
                except QUEUE_ERRORS as enqueue_exc:  # queue down: the row is retrying, the sweep enqueues it when due
                    log.warning("retry_enqueue_failed", email_id=email_id, error=type(enqueue_exc).__name__)
                return "retrying"
            raise

    follow_up = _FollowUp()

    @huey.task(name="deliver_outbox")
    def deliver_outbox_task() -> None:
        try:
            report = notifications.deliver_outbox(ctx)
        except Exception as exc:
            if not outbox_outage(exc):
                raise
            return
        if report.next_due_s is not None and follow_up.claim(report.next_due_s):
            # alerts held for the storm window: come back when they are due
            huey.enqueue(deliver_outbox_task.s(delay=report.next_due_s + 0.01))

    @huey.task(retries=settings.max_retries, retry_delay=settings.retry_min_delay, context=True, name="sync_mirror")
    def sync_mirror_task(email_id: int, task: Any = None) -> None:
        try:
            claims.sync_mirror(ctx, email_id)
        except Exception as exc:
            policy = ctx.retry_policy
            attempt = settings.max_retries - (task.retries if task else 0) + 1
            claims.mark_mirror_error(ctx, email_id, f"{type(exc).__name__}: {exc}")
            if task is not None:
                if policy.is_retryable(exc) and task.retries > 0:
                    task.retry_delay = policy.delay_s(attempt, exc)
                    task.retry_backoff = None
                else:
                    task.retries = 0
            raise

    @huey.signal(*FINAL_SIGNALS)
    def on_final_failure(signal: str, task: Any, exc: BaseException | None = None, *_: Any) -> None:
        handle_final_signal(ctx, signal, task, exc)

    runtime = Runtime(huey, ctx, process_email_task, deliver_outbox_task, sync_mirror_task)
    ctx.enqueue = runtime.enqueue
    ctx.queue = huey
    ctx.enqueue_outbox = lambda: huey.enqueue(deliver_outbox_task.s())
    ctx.enqueue_mirror = lambda email_id: huey.enqueue(sync_mirror_task.s(email_id))
    return runtime


def record_unrecorded_failures(runtime: Runtime) -> int:
    """Record the failures this process could not record during a database outage
    (``processing.record_unrecorded``; a no-op without any) and do what the job would have
    done: enqueue the retry at its delay (a queue outage leaves the row ``retrying``, the
    sweep enqueues it when due), or raise the failure alert for a final failure. Returns
    how many were recorded. Raises the database's error while it is still down (the
    housekeeper's duty logs it once and tries again next second)."""
    ctx = runtime.ctx
    recorded = 0
    for job, decision in processing.record_unrecorded(ctx):
        if not decision.recorded:
            continue  # swept, re-claimed or terminal meanwhile: nothing of ours to do
        recorded += 1
        log.info("unrecorded_failure_recorded", email_id=job.email_id, attempt=job.attempt, retry=decision.retry)
        if decision.retry:
            try:
                runtime.enqueue(job.email_id, priority=LIVE_PRIORITY, delay_s=decision.delay_s)
            except QUEUE_ERRORS as enqueue_exc:  # queue down: the row is retrying, the sweep enqueues it when due
                log.warning("retry_enqueue_failed", email_id=job.email_id, error=type(enqueue_exc).__name__)
        else:
            _alert_quietly(ctx, job.email_id, error=f"{type(job.exc).__name__}: {job.exc}", signal=S.SIGNAL_ERROR)
    return recorded


def outbox_outage(exc: BaseException) -> bool:
    """Whether ``deliver_outbox`` failing with ``exc`` is a database outage (``outages.classify``,
    the one owner of that decision): then one calm warning line (``outbox_database_unreachable``:
    the rows stay in the outbox, the worker's sweep delivers them once the database answers)
    and True — the task ends without Huey's "Unhandled exception" traceback. False for any
    other failure (the caller raises it)."""
    found = classify(exc)
    if found is None or found.what != "database":
        return False
    log.warning(
        "outbox_database_unreachable",
        error=found.error,
        note="database unreachable: nothing is lost, the sweep delivers the outbox when it answers (will retry)",
    )
    return True


class _FollowUp:
    """At most one scheduled follow-up delivery per process at a time (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._due = 0.0

    def claim(self, delay_s: float) -> bool:
        """True when no follow-up is scheduled for the future; records the new one."""
        now = time.monotonic()
        with self._lock:
            if self._due > now:
                return False
            self._due = now + delay_s
            return True


def handle_final_signal(ctx: AppContext, signal: str, task: Any, exc: BaseException | None = None) -> bool:
    """The permanent-failure signal handler's logic (``on_final_failure``).

    Acts only for ``process_email`` tasks after which no retry follows: ``task.retries``
    is 0 (ERROR / TIMEOUT / LOCKED / CANCELED; Huey decrements it only when it
    requeues), or the task expired. Then queues the alert once
    (``notifications.raise_failure_alert``). Returns True when an alert was queued.
    Never raises: a failure here is logged; ``alert_catch_up`` raises the alert later.
    """
    if getattr(task, "name", "") != "process_email" or isinstance(exc, FailureNotRecorded):
        return False
    if signal != S.SIGNAL_EXPIRED and getattr(task, "retries", 0):
        return False  # a retry follows: never alert on a transient failure
    args = getattr(task, "args", None) or ()
    if not args:
        return False
    try:
        email_id = int(args[0])
    except (TypeError, ValueError):
        return False
    error = f"{type(exc).__name__}: {exc}" if exc is not None else None
    return _alert_quietly(ctx, email_id, error=error, signal=signal)


def _alert_quietly(ctx: AppContext, email_id: int, *, error: str | None = None, signal: str) -> bool:
    """``notifications.raise_failure_alert`` that logs instead of raising (never crash the worker)."""
    try:
        return notifications.raise_failure_alert(ctx, email_id, error=error, signal=signal)
    except Exception as exc:  # noqa: BLE001 - runs in Huey's error signal handler: never crash the worker
        log.error("alert_handler_failed", email_id=email_id, signal=signal, error=type(exc).__name__)
        return False


def wire_adapters(ctx: AppContext) -> None:
    """Build the notifier, the MongoDB mirror and the Zendesk client from settings."""
    from creditctl.adapters.notifier import make_notifier

    s = ctx.settings
    if ctx.notifier is None:
        ctx.notifier = make_notifier(s.smtp_url.get_secret_value() if s.smtp_url else None)
    if ctx.mirror is None and s.mongodb_url is not None:
        from creditctl.adapters.mirror import MongoMirror

        ctx.mirror = MongoMirror.from_url(s.mongodb_url.get_secret_value(), s.mongodb_database)
    if ctx.zendesk is None and s.zendesk_api_token is not None and (s.zendesk_subdomain or s.zendesk_base_url):
        from creditctl.adapters.zendesk import ZendeskClient, zendesk_base_url

        ctx.zendesk = ZendeskClient(
            base_url=s.zendesk_base_url or zendesk_base_url(s.zendesk_subdomain or ""),
            email=s.zendesk_email or "",
            api_token=s.zendesk_api_token.get_secret_value(),
        )

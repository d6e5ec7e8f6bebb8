"""Processing: one email's attempt through the state machine (docs/state-machine.md; the
table and every status write are owned by ``services/transitions.py``).

received ─▶ queued ─▶ processing ─▶ parsed ─▶ extracted ─▶ completed | not_creditor_reply
                          │ transient error, retries left ─▶ retrying ─▶ (queued again)
                          └ permanent error / retries exhausted ─▶ failed

A worker claims a row (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, a
compare-and-set UPDATE on SQLite) and commits the claim, holds a lease renewed by a
heartbeat thread, reads the email, and commits ``parsed``, ``extracted`` and the
decision in one transaction — two transactions per attempt; an extraction that was a
paid call (an LLM answered) commits ``parsed`` + ``extracted`` before the decision
(docs/state-machine.md, "Transactions of one attempt"). Every write after the claim is
conditioned on still holding the lease, so a worker whose lease was taken over writes
nothing (``LeaseLost``). The claim write and the ``completed`` transition share one
transaction: an email is either completed with its claim update, or neither.

A lease is identified by ``(lease_owner, attempts)``: ``lease_owner`` is the worker
process (``host:pid``, shared by its threads) and ``attempts`` grows by one on every
claim, so a thread whose lease was swept and re-claimed — even by another thread of
the same process — can no longer write.

Test hook: ``ctx.after_parse`` (None in production) is called with the email id right
after the email is cleaned (the claim committed, status ``processing``);
``tasks.build_runtime`` sets it, once per process, when ``CREDITCTL_TEST_PAUSE_AFTER_PARSE``
holds seconds (``pause_after_parse_hook``). Tests use it to kill or stop a worker "in the
middle of a job".
"""

from __future__ import annotations

import contextvars
import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import psutil
import structlog
from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from creditctl.db import is_sqlite, rowcount, session_scope
from creditctl.exceptions import EmailMissing, LeaseLost
from creditctl.models import IN_FLIGHT_STATUSES, TERMINAL_STATUSES, Email, ProcessingStatus as S, table_of, utcnow
from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.retry import error_class_name, error_text
from creditctl.services import transitions
from creditctl.services.context import AppContext
from creditctl.services.events import event_row, record_event, update_and_record
from creditctl.services.processing_types import FailureDecision, ProcessOutcome
from creditctl.services.transitions import Actor

if TYPE_CHECKING:
    from creditctl.pipeline.safety import Reading

log = structlog.get_logger(__name__)

CLAIMABLE = (S.RECEIVED, S.QUEUED, S.RETRYING)
IN_FLIGHT = IN_FLIGHT_STATUSES

PAUSE_AFTER_PARSE_ENV = "CREDITCTL_TEST_PAUSE_AFTER_PARSE"
"""Test hook (see the module docstring): seconds to sleep after the cleaning (status
``processing``), read once per process by ``pause_after_parse_hook``."""

_EMAILS = table_of(Email)

_current = threading.local()
"""The attempt this thread claimed last (``_current.claim = (email_id, attempt)``), so
``record_failure`` — called by the task after ``process_email`` raised — only touches
the row under this thread's own lease."""


@dataclass
class _Claimed:
    email_id: int
    attempt: int
    previous_status: str
    row: dict[str, Any] = field(default_factory=dict)


def process_email(ctx: AppContext, email_id: int) -> ProcessOutcome:
    """Run one attempt of the pipeline for ``email_id``.

    Returns the outcome. Raises ``EmailMissing`` (permanent) when the row does not exist,
    and any step's exception after recording it with ``record_failure`` semantics left to
    the caller (the Huey task calls ``record_failure`` and re-raises, so Huey retries).
    A lost lease ends the attempt quietly with status ``skipped``.
    """
    _current.claim = None
    claimed = claim_email(ctx, email_id)
    if isinstance(claimed, ProcessOutcome):
        return claimed
    _current.claim = (email_id, claimed.attempt)
    structlog.contextvars.bind_contextvars(attempt=claimed.attempt, ticket_id=claimed.row.get("ticket_id"))
    started = time.monotonic()
    debug = _debug_enabled(log)
    rss_before = _rss_mb() if debug else None
    lease = LeaseKeeper(ctx, email_id, claimed.attempt)
    lease.start()
    log_ = log.bind(email_id=email_id, attempt=claimed.attempt, worker=ctx.worker_name)
    try:
        # the "attempt succeeded" event commits with the final transition (decide_and_apply)
        outcome = _run_steps(ctx, claimed, lease, started)
    except LeaseLost:
        log_.warning("lease_lost")
        _record_skip(ctx, email_id, f"lease of attempt {claimed.attempt} lost to another worker")
        return ProcessOutcome(email_id, "skipped", detail="lease lost to another worker", attempt=claimed.attempt)
    finally:
        lease.stop()
        gc.collect(1)  # young generations only: a full one took ~640 ms here (language models) and holds the GIL
    duration_ms = (time.monotonic() - started) * 1000
    if debug:  # the RSS reads (psutil, two /proc reads) only when the line is written
        log_.debug(
            "job_done",
            status=outcome.status,
            match_status=outcome.match_status,
            duration_ms=round(duration_ms, 1),
            rss_mb_before=rss_before,
            rss_mb_after=_rss_mb(),
        )
    return outcome


def _debug_enabled(logger: Any) -> bool:
    """Whether ``logger`` (a structlog logger or lazy proxy) writes DEBUG lines (True when unknown)."""
    try:
        return bool(logger.bind().is_enabled_for(logging.DEBUG))
    except Exception:  # noqa: BLE001 - a wrapper without level filtering writes everything
        return True


def _rss_mb() -> float:
    return round(psutil.Process().memory_info().rss / 1_048_576, 1)


# claiming ----------------------------------------------------------------------------

CLAIM_WAIT_SECONDS = 2.0
"""How long (seconds) a worker keeps trying a row that is momentarily locked by another
transaction (the intake's bookkeeping, the sweep, an operator) before it skips it."""


class _Busy(ProcessOutcome):
    """A skip that may clear within milliseconds (row locked or changing under us)."""


def claim_email(ctx: AppContext, email_id: int) -> _Claimed | ProcessOutcome:
    """Take the lease on ``email_id`` or explain why not.

    Claimable: ``received``/``queued``/``retrying``, or in flight with an expired lease.
    Emails that already used ``1 + max_retries`` attempts are failed here (a poison
    email that kills its worker every time must end). A row momentarily locked by
    another transaction is tried again for up to ``CLAIM_WAIT_SECONDS`` (the message
    is this email's wake-up: dropping it would leave the row to the sweep). Every skip
    is recorded as a ``skip`` event on the email with its reason. Raises ``EmailMissing``.
    """
    deadline = time.monotonic() + CLAIM_WAIT_SECONDS
    pause = 0.02
    tries = 0
    while True:
        tries += 1
        claimed = _try_claim(ctx, email_id)
        if not isinstance(claimed, _Busy) or time.monotonic() + pause > deadline:
            break
        time.sleep(pause)
        pause = min(0.2, pause * 2)
    if isinstance(claimed, ProcessOutcome) and claimed.status == "skipped":
        detail = claimed.detail + (f" (tried {tries} times in {CLAIM_WAIT_SECONDS:g} s)" if tries > 1 else "")
        claimed = ProcessOutcome(email_id, "skipped", detail=detail)
        _record_skip(ctx, email_id, detail)
    return claimed


def _record_skip(ctx: AppContext, email_id: int, detail: str) -> None:
    """The ``skip`` event of a message that did not start an attempt (never raises)."""
    log.info("skip", email_id=email_id, reason=detail)
    try:
        with session_scope(ctx.db_url) as session:
            record_event(
                session, email_id, "skip", f"message skipped: {detail}", worker=ctx.worker_name, data={"reason": detail}
            )
    except Exception as exc:  # noqa: BLE001 - the skip stands; the log line above has it
        log.warning("skip_event_failed", email_id=email_id, error=type(exc).__name__)


def _try_claim(ctx: AppContext, email_id: int) -> _Claimed | ProcessOutcome:
    """One claim attempt (``claim_email``); ``_Busy`` when worth trying again at once.

    Core statements built once (the row read, ``transitions.claim_update``), no ORM
    objects: this runs once per email (docs/worker-performance.md, "Round 5")."""
    now = utcnow()
    with session_scope(ctx.db_url) as session:
        email = session.execute(
            _CLAIM_READ if is_sqlite(ctx.db_url) else _CLAIM_READ_LOCKED, {"w_id": email_id}
        ).first()
        if email is None:
            # with SKIP LOCKED, None means missing or locked by another worker: look without the lock
            if session.execute(_EXISTS, {"w_id": email_id}).first() is None:
                raise EmailMissing(f"email {email_id} does not exist")
            return _Busy(email_id, "skipped", detail="row locked by another transaction")
        previous = email.processing_status
        if previous in TERMINAL_STATUSES:
            return ProcessOutcome(email_id, "skipped", detail=f"already {previous}")
        attempts_used = email.attempts
        if attempts_used - (email.run_base or 0) >= 1 + ctx.settings.max_retries:
            return _give_up(session, ctx, email, now)
        params: dict[str, Any] = {"w_id": email_id, "w_attempts": attempts_used}
        if previous in IN_FLIGHT:  # only once its lease ran out
            params["w_now"] = now
        values = {
            "lease_owner": ctx.worker_name,
            "lease_expires_at": now + timedelta(seconds=ctx.settings.lease_seconds),
            "attempts": attempts_used + 1,
            "processing_at": now,
            "updated_at": now,
            "next_attempt_at": None,
        }
        note = ""
        if previous in IN_FLIGHT:
            note = f" (lease of {email.lease_owner} expired)"
        if email.runs and email.runs > 1:
            note += f" (run {email.runs})"
        started = event_row(
            email_id,
            "transition",
            f"attempt {attempts_used + 1} started{note}",
            from_status=previous,
            to_status=S.PROCESSING,
            worker=ctx.worker_name,
            attempt=attempts_used + 1,
        )
        # the compare-and-set and its event: one statement on PostgreSQL (events.update_and_record)
        cas = transitions.claim_update(previous, CLAIMABLE, IN_FLIGHT)
        if not update_and_record(session, cas, params, values, [started]):
            holder = email.lease_owner or "another worker"
            if previous in (S.RECEIVED, S.QUEUED, S.RETRYING):  # changed under us (SQLite): look again
                return _Busy(email_id, "skipped", detail=f"changed while claiming ({previous})")
            return ProcessOutcome(email_id, "skipped", detail=f"held by {holder} ({previous})")
        from creditctl.services import reading  # the pipeline loads with the first job: an idle worker stays small

        row = reading.email_values(email)
        row["raw_payload"] = bytes(email.raw_payload or b"")  # attachments are listed there
    return _Claimed(email_id, attempts_used + 1, previous, row)


def _give_up(session: Session, ctx: AppContext, email: Any, now: datetime) -> ProcessOutcome:
    """``email`` (the claim's row) used every attempt of its run: ``failed``, unless it
    changed since it was read (compare-and-set)."""
    previous, attempts_used = email.processing_status, email.attempts
    claimable = or_(
        _EMAILS.c.processing_status.in_(CLAIMABLE),
        (_EMAILS.c.processing_status.in_(IN_FLIGHT)) & (_EMAILS.c.lease_expires_at < now),
    )
    cas = session.execute(
        transitions.update_status(previous, S.FAILED, Actor.WORKER, email_id=email.id)
        .where(claimable)
        .values(
            finished_at=now,
            updated_at=now,
            lease_owner=None,
            lease_expires_at=None,
            last_error=email.last_error or f"gave up after {attempts_used} attempts",
            last_error_class=email.last_error_class or "AttemptsExhausted",
        )
    )
    if not rowcount(cas):
        return ProcessOutcome(email.id, "skipped", detail="claimed by another worker")
    record_event(
        session,
        email.id,
        "transition",
        f"failed: {attempts_used} attempts used",
        level="error",
        from_status=previous,
        to_status=S.FAILED,
        worker=ctx.worker_name,
    )
    return ProcessOutcome(email.id, S.FAILED, detail="attempts exhausted")


_CLAIM_READ = select(
    *(
        _EMAILS.c[name]
        for name in (
            "id",
            "ticket_id",
            "side_conversation_id",
            "subject",
            "from_email",
            "from_name",
            "body_text",
            "body_html",
            "headers",
            "received_at",
            "parsed",
            "raw_payload",
            "processing_status",
            "attempts",
            "run_base",
            "runs",
            "last_error",
            "last_error_class",
            "lease_owner",
        )
    )
).where(_EMAILS.c.id == bindparam("w_id"))
"""The claim's read of the row: what the claim decides on and what the reading needs
(``reading.email_values``), built once."""
_CLAIM_READ_LOCKED = _CLAIM_READ.with_for_update(skip_locked=True)
_EXISTS = select(_EMAILS.c.id).where(_EMAILS.c.id == bindparam("w_id"))


class LeaseKeeper:
    """Renews the lease of attempt ``attempt`` every third of ``lease_seconds`` while a job runs.

    ``lost`` turns True when a renewal finds the lease held by someone else (the row
    was swept after this worker stalled past the lease); writes then stop. A failed
    renewal (database down) is retried on the next tick; the lease then simply runs
    out if the outage outlasts it. The renewals of every job of a process run on one
    thread (``_LeaseRenewer``): a thread started and joined per job cost 10-16 ms of wall
    time per job at 32 worker threads, waiting for the GIL (docs/worker-performance.md,
    "Round 13"). After ``stop`` returns, no renewal of this keeper runs.
    """

    def __init__(self, ctx: AppContext, email_id: int, attempt: int | None = None) -> None:
        self.ctx = ctx
        self.email_id = email_id
        self.attempt = attempt
        self.lost = False
        self.interval = max(0.05, ctx.settings.lease_seconds / 3)
        self._lock = threading.Lock()  # held while this keeper's lease is renewed
        self._stopped = False

    def start(self) -> None:
        _lease_renewer().add(self)

    def stop(self) -> None:
        with self._lock:  # waits for a renewal of this keeper in progress
            self._stopped = True
        _lease_renewer().remove(self)

    def renew(self) -> bool:
        """Renew once (on the renewer's thread); False when this keeper is done (stopped or
        its lease lost), True to be renewed again after ``interval``."""
        with self._lock:
            if self._stopped:
                return False
            try:
                if not renew_lease(self.ctx, self.email_id, self.attempt):
                    self.lost = True
                    return False
            except Exception as exc:  # noqa: BLE001 - the job's heartbeat: whatever a renewal raises (a database blip), keep trying until the lease runs out
                log.warning("lease_renew_failed", email_id=self.email_id, error=type(exc).__name__)
            return True


class _LeaseRenewer:
    """One daemon thread per process renewing the leases of its running jobs
    (``LeaseKeeper``), each ``interval`` seconds after it was added or last renewed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._due: dict[LeaseKeeper, float] = {}
        self._wake_at = 0.0  # when the thread wakes next by itself (monotonic); 0: awake
        self._thread = threading.Thread(target=self._run, name="lease-renewer", daemon=True)
        self._thread.start()

    def add(self, keeper: LeaseKeeper) -> None:
        with self._cond:
            due = self._due[keeper] = time.monotonic() + keeper.interval
            if due < self._wake_at:  # due before the thread wakes anyway: wake it (else no wake-up per job)
                self._cond.notify()

    def remove(self, keeper: LeaseKeeper) -> None:
        with self._cond:
            self._due.pop(keeper, None)

    def _run(self) -> None:
        while True:
            with self._cond:
                now = time.monotonic()
                due = [k for k, at in self._due.items() if at <= now]
                if not due:
                    self._wake_at = min(self._due.values(), default=now + 60.0)
                    self._cond.wait(self._wake_at - now)
                    self._wake_at = 0.0
                    continue
            for keeper in due:
                again = keeper.renew()
                with self._cond:
                    if keeper in self._due:
                        if again:
                            self._due[keeper] = time.monotonic() + keeper.interval
                        else:
                            del self._due[keeper]


_renewer_lock = threading.Lock()
_renewer: tuple[int, _LeaseRenewer] | None = None


def _lease_renewer() -> _LeaseRenewer:
    """This process's ``_LeaseRenewer`` (a forked worker builds its own)."""
    global _renewer
    with _renewer_lock:
        if _renewer is None or _renewer[0] != os.getpid():
            _renewer = (os.getpid(), _LeaseRenewer())
        return _renewer[1]


def renew_lease(ctx: AppContext, email_id: int, attempt: int | None = None) -> bool:
    """Extend this worker's lease on ``email_id`` by ``lease_seconds`` from now.

    ``attempt``: the attempt number of the claim (None: any attempt of this worker).
    Returns False when the lease is no longer this claim's. Raises SQLAlchemy errors
    when the database is unreachable.
    """
    now = utcnow()
    cond = [Email.id == email_id, Email.lease_owner == ctx.worker_name, Email.processing_status.in_(IN_FLIGHT)]
    if attempt is not None:
        cond.append(Email.attempts == attempt)
    with session_scope(ctx.db_url) as session:
        result = session.execute(
            update(Email).where(*cond).values(lease_expires_at=now + timedelta(seconds=ctx.settings.lease_seconds))
        )
        return bool(rowcount(result))


@dataclass(frozen=True)
class Step:
    """One move of an attempt (docs/state-machine.md): to ``to_status``, with its
    transition event's ``message``, ``duration_ms`` (how long the work that led here
    took, milliseconds; /metrics reads it), the row's columns it sets (``values``) and
    when it was reached (``at``, timezone-aware; None: the commit's time) — the state's
    timestamp column (``parsed_at``, ``extracted_at``) and the event's time."""

    to_status: str
    message: str
    duration_ms: float | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    at: datetime | None = None


_STAMPS = {S.PARSED: "parsed_at", S.EXTRACTED: "extracted_at"}


def advance(
    session: Session,
    ctx: AppContext,
    email_id: int,
    from_status: str,
    steps: Sequence[Step],
    *,
    attempt: int,
    match_target: str | None = None,
    events: Sequence[dict[str, Any]] = (),
) -> None:
    """Move ``email_id`` from ``from_status`` through ``steps`` (in order) while holding
    the lease of attempt ``attempt``, in ``session``'s transaction.

    One compare-and-set (``transitions.leased_update``: every hop checked, the row must
    be in ``from_status`` under this worker's lease and attempt), then one INSERT of the
    steps' transition events followed by ``events`` (``events.event_row`` dicts; e.g. the
    claim write's, the attempt's) — on PostgreSQL both in one statement
    (``events.update_and_record``), no event written when the row did not move. A terminal last step also ends the lease and sets
    ``finished_at``; ``match_target`` moves ``match_status`` in the same statement. The
    session must hold no loaded ``Email`` object for the row (it is not refreshed).
    Raises ``LeaseLost`` when the row is not in ``from_status`` under this lease, and
    ``IllegalTransition`` for an undeclared hop.
    """
    now = utcnow()
    values: dict[str, Any] = {}
    for step in steps:
        values.update(step.values)
        stamp = _STAMPS.get(S(step.to_status))
        if stamp:
            values[stamp] = step.at or now
    last = steps[-1].to_status
    if last in TERMINAL_STATUSES:
        values.setdefault("finished_at", now)
        values.setdefault("lease_owner", None)
        values.setdefault("lease_expires_at", None)
    stmt = transitions.leased_update([from_status, *(step.to_status for step in steps)], match_target=match_target)
    params = {"w_id": email_id, "w_owner": ctx.worker_name, "w_attempt": attempt}
    values.setdefault("updated_at", now)  # a step's own value wins, as before
    rows = []
    source = from_status
    for step in steps:
        rows.append(
            event_row(
                email_id,
                "transition",
                step.message,
                from_status=source,
                to_status=step.to_status,
                worker=ctx.worker_name,
                attempt=attempt,
                duration_ms=round(step.duration_ms, 3) if step.duration_ms is not None else None,
                at=step.at,
            )
        )
        source = step.to_status
    # the compare-and-set and its events: one statement on PostgreSQL (events.update_and_record)
    if not update_and_record(session, stmt, params, values, [*rows, *events]):
        raise LeaseLost(f"email {email_id} is no longer {from_status} under {ctx.worker_name}")


# the steps ---------------------------------------------------------------------------


def _run_steps(ctx: AppContext, claimed: _Claimed, lease: LeaseKeeper, started: float) -> ProcessOutcome:
    """Clean, extract, decide; ``started``: ``time.monotonic()`` when the attempt began.

    Transactions (docs/state-machine.md, "Transactions of one attempt"): the reading is
    pure, so ``parsed`` and ``extracted`` commit with the decision, in the final
    transaction — unless the extraction was a paid call (``result.usage``: an LLM
    answered), whose result and token counts commit first, on their own, so a failure
    of the decision cannot lose them."""
    from creditctl.services import decide, reading

    email_id, attempt, row = claimed.email_id, claimed.attempt, claimed.row

    t0 = time.monotonic()
    parsed = reading.clean(ctx, row)
    t1 = time.monotonic()
    cleaned = Step(
        S.PARSED,
        f"cleaned: {parsed['tokens']} tokens, language {parsed['language'] or '?'}",
        duration_ms=(t1 - t0) * 1000,
        values={"parsed": parsed},
        at=utcnow(),
    )
    if ctx.after_parse is not None:  # test-only hook; None in production
        ctx.after_parse(email_id)
        _check_lease(lease, email_id)
        t1 = time.monotonic()

    chosen = reading.extractor_for(ctx)
    ahead = _read_ahead(ctx, row, parsed) if getattr(chosen, "name", "rules") != "rules" else None
    try:
        result: ExtractionResult = reading.extract(ctx, row, parsed, chosen=chosen)
    except BaseException:
        if ahead is not None:
            ahead.cancel()  # not started yet: not read at all; started: it ends by itself (pure)
        raise
    problems = reading.evidence_problems(result, row, parsed)
    extraction = result.model_dump(mode="json")
    extraction["evidence_problems"] = problems
    usage = result.usage
    t2 = time.monotonic()
    extracted = Step(
        S.EXTRACTED,
        f"extracted by {result.extractor}: {result.reply_kind.value}, "
        f"total {result.amounts.total if result.amounts.total is not None else '—'}",
        duration_ms=(t2 - t1) * 1000,
        values={
            "extraction": extraction,
            "extractor": result.extractor,
            "input_tokens": usage.input_tokens if usage else 0,
            "output_tokens": usage.output_tokens if usage else 0,
            "cache_read_tokens": usage.cache_read_input_tokens if usage else 0,
            "cache_write_tokens": usage.cache_creation_input_tokens if usage else 0,
        },
        at=utcnow(),
    )
    _check_lease(lease, email_id)
    from_status: str = S.PROCESSING
    steps: tuple[Step, ...] = (cleaned, extracted)
    if usage is not None:  # a paid call: its result commits before the decision (see above)
        call = event_row(
            email_id,
            "llm_call",  # a typed event /metrics counts by kind (indexed)
            f"{result.extractor} call ok",
            worker=ctx.worker_name,
            attempt=attempt,
            data={"extractor": result.extractor},
        )
        with session_scope(ctx.db_url) as session:
            advance(session, ctx, email_id, S.PROCESSING, steps, attempt=attempt, events=[call])
        from_status, steps = S.EXTRACTED, ()
        _check_lease(lease, email_id)
    outcome = decide.decide_and_apply(
        ctx,
        email_id=email_id,
        attempt=attempt,
        row=row,
        result=result,
        evidence_problems=problems,
        attempt_started=started,
        parsed=parsed,
        from_status=from_status,
        steps_before=steps,
        ahead=_ahead_readings(ahead),
    )
    t3 = time.monotonic()
    log.debug(
        "step_durations",
        email_id=email_id,
        clean_ms=round((t1 - t0) * 1000, 2),
        extract_ms=round((t2 - t1) * 1000, 2),
        decide_ms=round((t3 - t2) * 1000, 2),
    )
    return outcome


READ_AHEAD_THREADS = 2
"""Threads per worker process that read an email's second readings while its extractor's
request is in flight (``_read_ahead``). The reading is CPU under one GIL, so more threads
would not read faster; two keep one long email from holding up every other job's."""

_read_ahead_lock = threading.Lock()
_read_ahead_pool: tuple[int, ThreadPoolExecutor] | None = None


def _read_ahead(ctx: AppContext, row: dict[str, Any], parsed: dict[str, Any]) -> Future[list[Reading]]:
    """Start ``reading.readings_ahead`` (the rules second opinion and the other renderings:
    pure, a function of the email alone) on this process's read-ahead threads, in the job's
    context (its bound log fields), and return its future: the job's thread meanwhile waits
    for the extractor's answer (docs/worker-performance.md, "Round 12")."""
    global _read_ahead_pool
    with _read_ahead_lock:
        if _read_ahead_pool is None or _read_ahead_pool[0] != os.getpid():  # a forked worker: its own threads
            _read_ahead_pool = (
                os.getpid(),
                ThreadPoolExecutor(max_workers=READ_AHEAD_THREADS, thread_name_prefix="read-ahead"),
            )
        pool = _read_ahead_pool[1]
    from creditctl.services import reading

    return pool.submit(contextvars.copy_context().run, reading.readings_ahead, ctx.settings, row, parsed)


def _ahead_readings(ahead: Future[list[Reading]] | None) -> list[Reading] | None:
    """The read-ahead's readings (waiting for them if still being read), or None: none was
    started, or it raised — then the decision reads them itself, and raises there as before."""
    if ahead is None:
        return None
    try:
        return ahead.result()
    except Exception:  # noqa: BLE001 - read again by the decision, which raises it where it did before
        return None


def _check_lease(lease: LeaseKeeper, email_id: int) -> None:
    if lease.lost:
        raise LeaseLost(f"lease on email {email_id} was lost")


def pause_after_parse_hook(environ: Mapping[str, str]) -> Callable[[int], None] | None:
    """The ``CREDITCTL_TEST_PAUSE_AFTER_PARSE`` test hook for ``ctx.after_parse``: a
    function sleeping that many seconds (the lease keeps being renewed), or None when the
    variable is unset, empty or not a positive number. Read once per process."""
    raw = environ.get(PAUSE_AFTER_PARSE_ENV, "").strip()
    try:
        seconds = float(raw) if raw else 0.0
    except ValueError:
        return None
    if seconds <= 0:
        return None

    def pause(email_id: int) -> None:
        log.warning("test_pause_after_parse", email_id=email_id, seconds=seconds)
        time.sleep(seconds)

    return pause


# failures ----------------------------------------------------------------------------


def record_failure(
    ctx: AppContext,
    email_id: int,
    exc: BaseException,
    *,
    duration_ms: float | None = None,
    attempt: int | None = None,
) -> FailureDecision:
    """Record a failed attempt and decide what follows (the one place that does).

    Transient error with retries left → ``retrying`` with ``next_attempt_at``; otherwise
    → ``failed``. Only rows this thread's claim holds (or that are claimable) are
    changed, with a compare-and-set; a row already terminal, swept or re-claimed is left
    alone (``recorded=False``). ``attempt``: the claim's attempt number when the caller is
    not the thread that claimed it (``record_unrecorded``). Returns the decision the Huey
    task applies. Raises SQLAlchemy errors when the database fails.
    """
    policy = ctx.retry_policy
    now = utcnow()
    err_class = error_class_name(exc)
    message = error_text(exc)
    mine = getattr(_current, "claim", None)
    my_attempt = attempt if attempt is not None else (mine[1] if mine and mine[0] == email_id else None)
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            return FailureDecision(False, 0.0, 0, recorded=False)
        attempts = email.attempts
        previous = email.processing_status
        if previous in TERMINAL_STATUSES or (
            previous in IN_FLIGHT
            and (
                email.lease_owner not in (None, ctx.worker_name) or (my_attempt is not None and attempts != my_attempt)
            )
        ):
            return FailureDecision(False, 0.0, attempts, recorded=False)
        in_run = attempts - (email.run_base or 0)  # attempts keep counting across runs; the budget is per run
        retry = policy.should_retry(in_run, exc)
        delay = policy.delay_s(in_run, exc) if retry else 0.0
        common = dict(
            last_error=message, last_error_class=err_class, lease_owner=None, lease_expires_at=None, updated_at=now
        )
        if retry:
            target, values = S.RETRYING, dict(retrying_at=now, next_attempt_at=now + timedelta(seconds=delay), **common)
        else:
            target, values = S.FAILED, dict(finished_at=now, next_attempt_at=None, **common)
        # compare-and-set on what we read: a sweeper or another worker may have moved the row since
        cas = session.execute(
            transitions.update_status(previous, target, Actor.WORKER, email_id=email_id, entity=True)
            .where(Email.attempts == attempts, or_(Email.lease_owner.is_(None), Email.lease_owner == ctx.worker_name))
            .values(**values)
        )
        if not rowcount(cas):
            return FailureDecision(False, 0.0, attempts, recorded=False)
        record_event(
            session,
            email_id,
            "attempt",
            f"attempt {attempts} failed: {message}",
            level="warning",
            worker=ctx.worker_name,
            attempt=attempts,
            duration_ms=duration_ms,
            error_class=err_class,
        )
        if retry:
            record_event(
                session,
                email_id,
                "transition",
                f"retry {in_run} of {policy.max_retries} in {delay:.3g} s ({err_class})",
                level="warning",
                from_status=previous,
                to_status=S.RETRYING,
                worker=ctx.worker_name,
                attempt=attempts,
                error_class=err_class,
                data={"delay_s": delay},
            )
        else:
            why = "retries exhausted" if policy.is_retryable(exc) else "permanent error"
            record_event(
                session,
                email_id,
                "transition",
                f"failed ({why}): {message}",
                level="error",
                from_status=previous,
                to_status=S.FAILED,
                worker=ctx.worker_name,
                attempt=attempts,
                error_class=err_class,
            )
    log.warning(
        "attempt_failed",
        email_id=email_id,
        attempt=attempts,
        error_class=err_class,
        retry=retry,
        delay_s=round(delay, 3),
    )
    return FailureDecision(retry, delay, attempts)


@dataclass(frozen=True)
class Unrecorded:
    """A job of this process whose failure could not be recorded (database down): its row
    stays in flight under this worker's lease until ``record_unrecorded`` records it."""

    email_id: int
    attempt: int
    exc: BaseException
    duration_ms: float | None


_unrecorded_lock = threading.Lock()
_unrecorded: dict[int, Unrecorded] = {}
"""This process's jobs whose end is not recorded yet (email id → ``Unrecorded``)."""


def note_unrecorded(email_id: int, exc: BaseException, *, duration_ms: float | None = None) -> bool:
    """Remember that this thread's attempt on ``email_id`` failed with ``exc`` and that the
    failure could not be recorded: ``record_unrecorded`` records it (and so releases the
    lease) once the database answers. False when this thread holds no claim on it (the
    job died before its claim: no lease to release)."""
    mine = getattr(_current, "claim", None)
    if not mine or mine[0] != email_id:
        return False
    with _unrecorded_lock:
        _unrecorded[email_id] = Unrecorded(email_id, mine[1], exc, duration_ms)
    return True


def unrecorded_ids() -> list[int]:
    """The email ids of this process's jobs whose failure is not recorded yet."""
    with _unrecorded_lock:
        return sorted(_unrecorded)


def record_unrecorded(ctx: AppContext) -> list[tuple[Unrecorded, FailureDecision]]:
    """Record each failure ``note_unrecorded`` kept (``record_failure`` under that attempt's
    claim: ``retrying`` or ``failed``, the lease released), so the email is not held by a
    live worker's lease that no job renews. Returns (job, decision) for each one done —
    ``recorded`` False when the row had moved on (swept, re-claimed, terminal). Stops at the
    first one the database refuses (tried again on the next call) and raises that error;
    without kept failures it touches nothing."""
    with _unrecorded_lock:
        jobs = list(_unrecorded.values())
    done: list[tuple[Unrecorded, FailureDecision]] = []
    for job in jobs:
        decision = record_failure(ctx, job.email_id, job.exc, duration_ms=job.duration_ms, attempt=job.attempt)
        with _unrecorded_lock:
            if _unrecorded.get(job.email_id) is job:
                del _unrecorded[job.email_id]
        done.append((job, decision))
    return done

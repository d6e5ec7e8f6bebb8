"""Operator actions: the sweep, retry, and reprocess (enqueue side).

Every action is recorded as an event (kind ``operator`` or ``sweep``); bulk actions
are also an ``operations`` row with an id and an optional label.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import and_, func, or_, select, text

from creditctl import display
from creditctl.db import rowcount, session_scope
from creditctl.exceptions import OperationInterrupted, UsageError
from creditctl.models import (
    IN_FLIGHT_STATUSES,
    MIRROR_OWED_SQL,
    ClaimHolder,
    ClaimUpdate,
    Email,
    Event,
    Operation,
    ProcessingStatus as S,
    utcnow,
)
from creditctl.outages import QUEUE_ERRORS
from creditctl.pipeline.matching_types import MatchStatus
from creditctl.queue import WaitingIds, waiting_email_ids
from creditctl.services import notifications, transitions
from creditctl.services.context import AppContext
from creditctl.services.events import record_event
from creditctl.services.intake import BACKFILL_PRIORITY, LIVE_PRIORITY
from creditctl.services.sweep_rule import SWEEP_CLOCKS, sweep_cutoffs
from creditctl.services.transitions import Actor

log = structlog.get_logger(__name__)


# the sweep ---------------------------------------------------------------------------


@dataclass
class SweepReport:
    """What one sweep did: ``requeued`` ``[(email_id, reason)]``, rows whose message was
    still waiting in the queue (``still_queued``), enqueue failures, mirror and outbox
    kicks; ``queue_unreachable`` when the queue could not be read (nothing re-enqueued)."""

    requeued: list[tuple[int, str]] = field(default_factory=list)
    enqueue_failed: list[int] = field(default_factory=list)
    mirror_kicked: list[int] = field(default_factory=list)
    outbox_pending: int = 0
    still_queued: int = 0
    queue_unreachable: bool = False
    queue_error: str | None = None
    """The queue client's error class when ``queue_unreachable``."""
    queue_unread: bool = False
    """The queue was too long to read (``QUEUE_SCAN_LIMIT``): ``still_queued`` rows were left
    alone without knowing whether their message waits."""
    not_due: dict[str, Any] | None = None
    """``sweep_on_demand`` only: what still waits without a queue message after the sweep
    (``unqueued.not_in_queue``, all ids): rows younger than the grace, or the queue down."""


QUEUE_SCAN_LIMIT = 50_000
"""Above this many waiting messages the sweep does not read the queue and leaves
``queued``/``retrying`` rows alone this time (expired leases are still re-enqueued)."""


def sweep(
    ctx: AppContext, *, now: datetime | None = None, waiting: WaitingIds | None = None, queue_back: bool = False
) -> SweepReport:
    """Re-enqueue every email that a lost queue message or a dead worker left behind.

    Picks rows in ``received`` older than CREDITCTL_STUCK_GRACE_SECONDS (seconds), in
    ``queued`` longer than the grace whose message is no longer in the queue, in
    ``retrying`` past ``next_attempt_at`` + grace whose retry message is gone, and in
    flight (``processing``/``parsed``/``extracted``) with an expired lease. The queue is
    read (``waiting``; default: the queue behind ``ctx.enqueue``) so a long backlog is
    not enqueued a second time. When the queue is unreachable nothing is re-enqueued
    (``queue_unreachable``). Each row is taken with a compare-and-set on its status
    and ``updated_at``, so several sweepers running at once re-enqueue a row once; the
    reason is recorded as a ``sweep`` event. Safe to run any time. ``queue_back``: the
    queue has just answered after an outage (``worker.QueueOutage``): ``received`` rows,
    never enqueued, are taken without waiting the grace (``sweep_rule.sweep_cutoffs``).
    """
    now = now or utcnow()
    grace = timedelta(seconds=ctx.settings.stuck_grace_seconds)
    report = SweepReport()
    rows = _stale_rows(ctx, now, sweep_cutoffs(ctx.settings, now, queue_back=queue_back))
    if rows:
        try:
            pending, scheduled = _waiting_ids(ctx, waiting)
        except QUEUE_ERRORS as exc:  # the queue is down: enqueueing would fail too; the next sweep retries
            log.warning("sweep_queue_unreachable", error=type(exc).__name__, stuck=len(rows))
            report.queue_unreachable = True
            report.queue_error = type(exc).__name__
            report.enqueue_failed = [row[0] for row in rows]  # shown as "could not enqueue (queue unreachable)"
            return report
        report.queue_unread = pending is None
    for email_id, status, owner, updated_at, priority in rows:
        if _message_waiting(S(status), email_id, pending, scheduled):
            report.still_queued += 1
            continue
        _requeue(
            ctx,
            report,
            email_id=email_id,
            status=status,
            owner=owner,
            updated_at=updated_at,
            priority=priority,
            now=now,
        )
    _kick_pending_mirrors(ctx, report, now - grace)
    notifications.alert_missed_failures(ctx)
    report.outbox_pending = notifications.pending_outbox(ctx)
    if report.outbox_pending:
        notifications.deliver_outbox(ctx)
    if report.requeued or report.enqueue_failed:
        log.info(
            "sweep",
            requeued=len(report.requeued),
            enqueue_failed=len(report.enqueue_failed),
            still_queued=report.still_queued,
        )
    return report


def sweep_on_demand(ctx: AppContext, *, now: datetime | None = None) -> SweepReport:
    """``sweep`` for an operator (``creditctl reprocess --stuck``), who must learn what it
    could not do: after the sweep the queue is read once more, and ``not_due`` is filled
    with every email still stored without a queue message (``unqueued.not_in_queue``, all
    ids): rows younger than CREDITCTL_STUCK_GRACE_SECONDS, or any row while the queue is
    down. A queue that does not answer sets ``queue_unreachable`` even when no row was
    past its grace. Raises SQLAlchemy's errors when the database fails."""
    from creditctl.dbapi import reading
    from creditctl.services import unqueued

    report = sweep(ctx, now=now)

    def waiting() -> tuple[set[int] | None, set[int] | None]:
        try:
            return _waiting_ids(ctx, None)
        except QUEUE_ERRORS as exc:
            report.queue_unreachable = True
            report.queue_error = report.queue_error or type(exc).__name__
            raise

    if ctx.queue is not None and not report.queue_unreachable:
        try:  # probed even with nothing in the database to move: the operator asked for the queue's help
            ctx.queue.pending_count()
        except QUEUE_ERRORS as exc:
            report.queue_unreachable = True
            report.queue_error = type(exc).__name__
    with reading(ctx.db_url) as db:
        report.not_due = unqueued.not_in_queue(
            db,
            ctx.settings,
            waiting=waiting,
            now=now,
            shown=unqueued.READ_LIMIT,
        )
    return report


def not_in_queue_now(ctx: AppContext) -> dict[str, Any] | None:
    """The emails stored but not in the queue right now (``unqueued.not_in_queue``'s shape,
    the first ``unqueued.SHOWN_IDS`` ids), read with the queue behind ``ctx``; for
    ``creditctl retry --failed``, which finds no failed email but should name these. Raises
    SQLAlchemy's errors when the database fails (a queue down is in ``queue_down``)."""
    from creditctl.dbapi import reading
    from creditctl.services import unqueued

    with reading(ctx.db_url) as db:
        return unqueued.not_in_queue(db, ctx.settings, waiting=lambda: _waiting_ids(ctx, None))


def _stale_rows(ctx: AppContext, now: datetime, cutoffs: dict[str, datetime]) -> list[Any]:
    """(id, status, lease owner, updated_at, priority) of up to 1000 rows the sweep may
    re-enqueue (see ``sweep``; ``cutoffs``: ``sweep_rule.sweep_cutoffs``), highest priority first."""
    stale = or_(
        *(
            and_(Email.processing_status == status, getattr(Email, column) < cutoffs[status])
            for status, column in SWEEP_CLOCKS.items()
        ),
        and_(Email.processing_status.in_(IN_FLIGHT_STATUSES), Email.lease_expires_at < now),
    )
    with session_scope(ctx.db_url) as session:
        return list(
            session.execute(
                select(Email.id, Email.processing_status, Email.lease_owner, Email.updated_at, Email.priority)
                .where(stale)
                .order_by(Email.priority.desc(), Email.id)
                .limit(1000)
            ).all()
        )


_SWEEP_REASONS = {
    S.RECEIVED: "received but never enqueued",
    S.QUEUED: "queued but its message is gone",
    S.RETRYING: "retry is overdue",
}


def _requeue(
    ctx: AppContext,
    report: SweepReport,
    *,
    email_id: int,
    status: str,
    owner: str | None,
    updated_at: datetime,
    priority: int | None,
    now: datetime,
) -> None:
    """Take one stale row back to ``queued`` (compare-and-set on status and ``updated_at``;
    another sweeper may have won) and enqueue it; the outcome goes into ``report``."""
    reason = _SWEEP_REASONS.get(S(status), f"lease of {owner or '?'} expired in {status}")
    with session_scope(ctx.db_url) as session:
        cas = session.execute(
            transitions.update_status(status, S.QUEUED, Actor.SWEEP, email_id=email_id, entity=True)
            .where(Email.updated_at == updated_at)
            .values(queued_at=now, updated_at=now, lease_owner=None, lease_expires_at=None)
        )
        if not rowcount(cas):
            return
        record_event(
            session,
            email_id,
            "sweep",
            f"re-enqueued: {reason}",
            level="warning",
            from_status=status,
            to_status=S.QUEUED,
            worker=ctx.worker_name,
        )
    if _enqueue(ctx, email_id, priority or LIVE_PRIORITY):
        report.requeued.append((email_id, reason))
    else:
        report.enqueue_failed.append(email_id)


def _kick_pending_mirrors(ctx: AppContext, report: SweepReport, before: datetime) -> None:
    """Kick the mirror write of every email with a claim update or a holder change still
    pending since ``before``."""
    with session_scope(ctx.db_url) as session:
        pending_mirror = session.scalars(
            select(ClaimUpdate.email_id)
            # the partial index's predicate as text (ix_claim_updates_mirror_owed): a bound
            # value would not let PostgreSQL prove the index applies (creditctl/metrics.py)
            .where(text(MIRROR_OWED_SQL), ClaimUpdate.mirror_status == "pending", ClaimUpdate.created_at < before)
            .distinct()
            .limit(500)
        ).all()
        # a holder change (review sold, its undo) is owed through the same outbox (claims.record_holder)
        holders = session.scalars(
            select(ClaimHolder.email_id)
            .where(
                ClaimHolder.mirror_status == "pending",
                func.coalesce(ClaimHolder.undone_at, ClaimHolder.recorded_at) < before,
            )
            .distinct()
            .limit(500)
        ).all()
    for email_id in dict.fromkeys([*pending_mirror, *holders]):
        if notifications.kick_mirror(ctx, email_id):  # only a message written is "retried"
            report.mirror_kicked.append(email_id)


def _message_waiting(status: S, email_id: int, pending: set[int] | None, scheduled: set[int] | None) -> bool:
    """Whether a message that will (re)start ``email_id`` is still waiting in the queue."""
    if pending is None:  # queue too long to read, or not readable: be conservative for queued rows
        return status in (S.QUEUED, S.RETRYING)
    if status == S.RECEIVED:
        return False
    if status in (S.QUEUED, S.RETRYING):
        return email_id in pending or email_id in (scheduled or set())
    return email_id in pending  # in flight with an expired lease: only a ready message counts


def _waiting_ids(ctx: AppContext, waiting: WaitingIds | None) -> tuple[set[int] | None, set[int] | None]:
    if waiting is not None:
        return waiting()
    huey = ctx.queue
    if huey is None:
        return set(), set()
    return waiting_email_ids(huey, limit=QUEUE_SCAN_LIMIT)


def _enqueue(ctx: AppContext, email_id: int, priority: int) -> bool:
    if ctx.enqueue is None:
        return False
    try:
        ctx.enqueue(email_id, priority=priority)
        return True
    except QUEUE_ERRORS as exc:
        log.warning("enqueue_failed", email_id=email_id, error=type(exc).__name__)
        return False


# retry -------------------------------------------------------------------------------


@dataclass
class RetryPlan:
    """Emails that would be retried, and those refused with the reason."""

    eligible: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    mirror: bool = False
    """``retry --mirror``: the rows are owed mirror writes (``mirror_attempts``,
    ``mirror_last_error`` set), not failed emails."""

    @property
    def by_error_class(self) -> dict[str, int]:
        return dict(Counter(e["error_class"] or "none recorded" for e in self.eligible))


def plan_retry(
    ctx: AppContext,
    *,
    ids: list[int] | None = None,
    failed: bool = False,
    since: datetime | None = None,
    error_class: str | None = None,
    mirror: bool = False,
) -> RetryPlan:
    """Which emails ``creditctl retry`` would re-enqueue (nothing is written).

    ``ids``: explicit emails (refused with a reason unless failed, or — with ``mirror``
    — unless their mirror write is pending/failed). ``failed``: every failed email,
    optionally since ``since`` and of ``error_class`` (substring of the class name, any
    case). Raises ``UsageError`` when ``error_class`` is in no failed email's class.
    """
    plan = RetryPlan(mirror=mirror)
    with session_scope(ctx.db_url) as session:
        if ids:
            found = {e.id: e for e in session.scalars(select(Email).where(Email.id.in_(ids)))}
            for email_id in ids:
                email = found.get(email_id)
                if email is None:
                    plan.refused.append({"id": email_id, "reason": "no such email"})
                elif mirror:
                    if email.mirror_status in ("pending", "failed"):
                        plan.eligible.append(_retry_row(email))
                    else:
                        plan.refused.append(
                            {"id": email_id, "reason": f"mirror is {email.mirror_status}, nothing to redo"}
                        )
                else:
                    refusal = _push_refusal(email, utcnow())
                    if refusal:
                        plan.refused.append({"id": email_id, "reason": refusal})
                    else:
                        plan.eligible.append(_retry_row(email))
        elif failed or mirror:
            query = select(Email)
            if mirror:
                query = query.where(Email.mirror_status.in_(("pending", "failed")))
            else:
                query = query.where(Email.processing_status == S.FAILED)
            if since is not None:
                query = query.where(Email.finished_at >= since)
            if error_class:
                _check_error_class(session, error_class)
                query = query.where(func.lower(Email.last_error_class).contains(error_class.lower()))
            plan.eligible.extend(_retry_row(e) for e in session.scalars(query.order_by(Email.id)))
        if mirror:
            _add_mirror_history(session, plan.eligible)
    return plan


def _add_mirror_history(session: Any, rows: list[dict[str, Any]]) -> None:
    """Set ``mirror_attempts`` (the mirror writes that failed so far: the ``mirror``
    warnings) and ``mirror_last_error`` (the newest one's message, or None) on each row."""
    ids = [row["id"] for row in rows]
    if not ids:
        return
    found = session.execute(
        select(Event.email_id, Event.id, Event.message)
        .where(Event.email_id.in_(ids), Event.kind == "mirror", Event.level != "info")
        .order_by(Event.id)
    ).all()
    history: dict[int, tuple[int, str | None]] = {}
    for email_id, _, message in found:
        count, _last = history.get(email_id, (0, None))
        history[email_id] = (count + 1, message)
    for row in rows:
        row["mirror_attempts"], row["mirror_last_error"] = history.get(row["id"], (0, None))


def _check_error_class(session: Any, error_class: str) -> None:
    """Refuse an ``--error-class`` that no failed email's class contains (a typo would
    otherwise select nothing, silently). Raises ``UsageError`` naming the classes recorded
    on failed emails, with their counts."""
    recorded = session.execute(
        select(Email.last_error_class, func.count())
        .where(Email.processing_status == S.FAILED, Email.last_error_class.is_not(None))
        .group_by(Email.last_error_class)
        .order_by(Email.last_error_class)
    ).all()
    if any(error_class.lower() in str(name).lower() for name, _ in recorded):
        return
    if not recorded:
        raise UsageError(f"--error-class {error_class!r} matches nothing: no failed email has an error class")
    known = ", ".join(f"{name} ({n})" for name, n in recorded)
    raise UsageError(f"--error-class {error_class!r} matches no error class of a failed email; they are: {known}")


def _push_refusal(email: Email, now: datetime) -> str | None:
    """Why ``creditctl retry ID`` will not push ``email`` now, or None when it may: a
    failed email, or any email neither terminal nor held by a live lease."""
    status = email.processing_status
    if status == S.FAILED:
        return None
    if status in (S.COMPLETED, S.NOT_CREDITOR_REPLY):
        return f"is {status} (finished); use `creditctl reprocess --ids {email.id}` to run it again"
    if status in IN_FLIGHT_STATUSES and email.lease_expires_at is not None and email.lease_expires_at > now:
        return (
            f"is {status} under the live lease of {email.lease_owner} until "
            f"{display.at(email.lease_expires_at)}; wait, or see `creditctl status {email.id}`"
        )
    return None


def _retry_row(email: Email) -> dict[str, Any]:
    return {
        "id": email.id,
        "ticket_id": email.ticket_id,
        "status": email.processing_status,
        "attempts": email.attempts,
        "error_class": email.last_error_class,
        "last_error": email.last_error,
        "mirror_status": email.mirror_status,
    }


@dataclass
class RetryResult:
    enqueued: list[int] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    operation_id: int | None = None
    mirror: bool = False
    """``retry --mirror``: ``enqueued`` are mirror writes queued again, not emails."""


def execute_retry(ctx: AppContext, plan: RetryPlan, *, operator: str, mirror: bool = False) -> RetryResult:
    """Re-enqueue the eligible emails of ``plan`` (attempt history kept; the alert re-arms).

    Failed → ``queued`` with attempts reset to 0 (the event log keeps every earlier
    attempt). With ``mirror``: only the mirror task runs again.
    """
    result = RetryResult(refused=list(plan.refused), mirror=mirror)
    if not plan.eligible:
        return result
    with session_scope(ctx.db_url) as session:
        op = Operation(
            kind="retry_mirror" if mirror else "retry",
            operator=operator,
            params={"ids": [e["id"] for e in plan.eligible]},
            total=len(plan.eligible),
        )
        session.add(op)
        session.flush()
        result.operation_id = op.id
    for row in plan.eligible:
        if mirror:
            _retry_mirror(ctx, row["id"], operator, result)
        else:
            _retry_one(ctx, row, operator, result)
    with session_scope(ctx.db_url) as session:
        op = session.get_one(Operation, result.operation_id)
        op.enqueued, op.status, op.finished_at = len(result.enqueued), "done", utcnow()
    return result


def _retry_mirror(ctx: AppContext, email_id: int, operator: str, result: RetryResult) -> None:
    """``retry --mirror``: kick the mirror task again and say who asked, and whether the
    message was written (a queue down: ``result.failed``; the sweep kicks it later)."""
    kicked = notifications.kick_mirror(ctx, email_id)
    with session_scope(ctx.db_url) as session:
        record_event(
            session,
            email_id,
            "operator",
            f"mirror retry requested by {operator}"
            + ("" if kicked else ": enqueue failed (queue unreachable); the sweep retries the mirror write"),
            level="info" if kicked else "warning",
            worker=ctx.worker_name,
            data={"operation_id": result.operation_id},
        )
    if kicked:
        result.enqueued.append(email_id)
    else:
        result.failed.append(
            {
                "id": email_id,
                "reason": "queue unreachable; the mirror write is still pending, the sweep retries it",
                "queue_unreachable": True,
                "left_as": "mirror pending",
            }
        )


def _retry_one(ctx: AppContext, row: dict[str, Any], operator: str, result: RetryResult) -> None:
    """Take one planned email back to ``queued`` and enqueue it; when the enqueue fails,
    put it back as it was. The outcome goes into ``result``."""
    email_id, previous, now = row["id"], row["status"], utcnow()
    old_values = _take_for_retry(ctx, row, operator, result, now)
    if old_values is None:
        return
    if _enqueue(ctx, email_id, LIVE_PRIORITY):
        result.enqueued.append(email_id)
        return
    # the sweep takes back a waiting state by itself; a failed email waits for this command again
    then = (
        "the sweep queues it once the queue answers"
        if previous != S.FAILED  # waiting, or in flight with an expired lease: the sweep's rows
        else f"run `creditctl retry {email_id}` again when the queue is back"
    )
    with session_scope(ctx.db_url) as session:  # put it back as it was (queued_at too): the report stays true
        back = session.execute(
            _put_back(email_id, old_values).where(Email.queued_at == now).values(updated_at=utcnow())
        )
        if rowcount(back):
            record_event(
                session,
                email_id,
                "operator",
                f"retry by {operator}: enqueue failed (queue unreachable), nothing pushed; left as {previous}, {then}",
                level="warning",
                from_status=S.QUEUED,
                to_status=previous,
                worker=ctx.worker_name,
            )
    result.failed.append(
        {
            "id": email_id,
            "reason": f"queue unreachable; left as {previous}, {then}",
            "queue_unreachable": True,
            "left_as": previous,
        }
    )


def _take_for_retry(
    ctx: AppContext, row: dict[str, Any], operator: str, result: RetryResult, now: datetime
) -> dict[str, Any] | None:
    """The compare-and-set to ``queued`` of one planned email; returns the columns it had
    (for a put-back), or None when it may not be pushed or changed meanwhile (recorded in
    ``result.failed``)."""
    email_id, previous = row["id"], row["status"]
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            result.failed.append({"id": email_id, "reason": "no such email"})
            return None
        refusal = _push_refusal(email, now)
        if refusal or email.processing_status != previous:
            result.failed.append({"id": email_id, "reason": refusal or f"moved on to {email.processing_status}"})
            return None
        # read before the UPDATE below: an ORM-enabled update synchronises ``email`` to the new values
        before = {c: getattr(email, c) for c in ("queued_at", "next_attempt_at", "lease_owner", "lease_expires_at")}
        before.update(operation_id=email.operation_id, alerted_at=email.alerted_at, finished_at=email.finished_at)
        before.update(runs=email.runs, run_base=email.run_base)
        values: dict[str, Any] = dict(
            queued_at=now,
            updated_at=now,
            next_attempt_at=None,
            lease_owner=None,
            lease_expires_at=None,
            operation_id=result.operation_id,
        )
        if previous == S.FAILED:  # a new run: attempts keep counting, the retry budget starts again
            values.update(alerted_at=None, finished_at=None, runs=(email.runs or 1) + 1, run_base=email.attempts)
        cas = session.execute(
            transitions.update_status(previous, S.QUEUED, Actor.OPERATOR, email_id=email_id, entity=True)
            .where(Email.updated_at == email.updated_at)
            .values(**values)
        )
        if not rowcount(cas):
            result.failed.append({"id": email_id, "reason": "changed meanwhile; look again"})
            return None
        old_values = {k: before[k] for k in values if k != "updated_at"}
        old_values["processing_status"] = previous
        what = f" (run {values['runs']})" if "runs" in values else ""
        record_event(  # a request: whether the push worked is the next event's (or the worker's) to say
            session,
            email_id,
            "operator",
            f"retry requested by {operator} after {row['attempts']} attempts{what}",
            from_status=previous,
            to_status=S.QUEUED,
            worker=ctx.worker_name,
            data={"operation_id": result.operation_id},
        )
    return old_values


# reprocess (enqueue side) ------------------------------------------------------------


def enqueue_reprocess(
    ctx: AppContext,
    ids: list[int],
    *,
    operator: str,
    label: str | None,
    params: dict[str, Any],
    operation_id: int | None = None,
    batch_size: int | None = None,
    include_reviewed: bool = False,
) -> tuple[int, int]:
    """Re-queue finished emails for a backfill at ``BACKFILL_PRIORITY`` (below live traffic).

    Each email taken starts a new run (``runs`` + 1; ``attempts`` keeps counting, the
    retry budget starts again). An email whose enqueue fails (queue down) is put back
    exactly as it was, so the operation records only what really was enqueued and
    ``--resume`` takes the rest. A new operation records ``ids`` as its selection
    (``backfill.SELECTED_IDS_KEY`` in its params) before it takes any email, so a resume
    continues exactly that selection (``backfill.resume_ids``), whatever arrives meanwhile.
    Resumable: an existing ``operation_id`` skips emails already re-queued by it. Returns ``(operation_id, enqueued)``; the operation's
    ``status`` is ``enqueued`` when everything was, else ``partial``. Emails in flight
    are left alone, and so are emails a person decided in review
    (``backfill.not_decided_by_person``) unless ``include_reviewed``: then their review note
    is cleared with the run (a put-back restores it), so an email the re-read holds again
    waits in the review queue like any other.

    Raises ``OperationInterrupted`` (the database error as its cause, ``operation_id`` set)
    when the database is lost after the operation was recorded: ``--resume`` with that id
    continues it; the database error itself before that (nothing was taken).
    ``batch_size``: emails per transaction (``REPROCESS_BATCH``).
    """
    from creditctl.services.backfill import SELECTED_IDS_KEY

    with session_scope(ctx.db_url) as session:
        if operation_id is None:
            recorded = {**params, SELECTED_IDS_KEY: sorted(set(ids))}  # what --resume continues, durably first
            op = Operation(kind="reprocess", label=label, operator=operator, params=recorded, total=len(ids))
            session.add(op)
            session.flush()
            operation_id = op.id
        else:  # a resumed operation keeps its own --include-reviewed
            resumed = session.get(Operation, operation_id)
            include_reviewed = include_reviewed or bool(
                ((resumed.params if resumed else None) or {}).get("include_reviewed")
            )
    enqueued = 0
    size = batch_size or REPROCESS_BATCH
    try:
        for start in range(0, len(ids), size):
            now = utcnow()
            taken = _take_batch(
                ctx,
                ids[start : start + size],
                operation_id=operation_id,
                operator=operator,
                label=label,
                now=now,
                include_reviewed=include_reviewed,
            )
            done = _enqueue_batch(ctx, taken, operation_id=operation_id, now=now)
            enqueued += len(done)
            with session_scope(ctx.db_url) as session:
                op = session.get_one(Operation, operation_id)
                op.enqueued = (op.enqueued or 0) + len(done)
        with session_scope(ctx.db_url) as session:
            op = session.get_one(Operation, operation_id)
            op.status = "enqueued" if enqueued == len(ids) else "partial"
            op.finished_at = utcnow()
    except Exception as exc:
        from creditctl.outages import classify

        outage = classify(exc)
        if outage is None or outage.what != "database":
            raise
        # recorded (with its selection) before the first email was taken: a batch's taking
        # commits with its emails, so --resume OP takes exactly what this run did not
        raise OperationInterrupted(
            f"operation {operation_id} stopped after enqueuing {enqueued} of {len(ids)}",
            operation_id=operation_id,
            enqueued=enqueued,
            selected=len(ids),
        ) from exc
    return operation_id, enqueued


REPROCESS_BATCH = 200
"""Emails a reprocess takes back to ``queued`` in one transaction (then enqueues)."""


_FINISHED = (S.COMPLETED, S.NOT_CREDITOR_REPLY, S.FAILED)
_KEPT = (
    "processing_status",
    "finished_at",
    "operation_id",
    "priority",
    "match_status",
    "alerted_at",
    "runs",
    "run_base",
    "queued_at",
    "decided_by",
    "review_note",
)
"""The columns a reprocess changes and a put-back restores."""


def _take_batch(
    ctx: AppContext,
    batch: list[int],
    *,
    operation_id: int,
    operator: str,
    label: str | None,
    now: datetime,
    include_reviewed: bool = False,
) -> dict[int, dict[str, Any]]:
    """Take each finished email of ``batch`` not yet taken by this operation back to
    ``queued`` (a new run); an email a person decided only with ``include_reviewed``
    (its review note is cleared). Returns the ``_KEPT`` columns each had, by id."""
    from creditctl.services.backfill import not_decided_by_person

    taken: dict[int, dict[str, Any]] = {}
    with session_scope(ctx.db_url) as session:
        before = {
            r.id: r
            for r in session.execute(
                select(Email.id, Email.attempts, *[getattr(Email, k) for k in _KEPT]).where(Email.id.in_(batch))
            )
        }
        for email_id in batch:
            old = before.get(email_id)
            if old is None:
                continue
            stmt = transitions.update_status(
                _FINISHED,
                S.QUEUED,
                Actor.OPERATOR,
                email_id=email_id,
                match_target=MatchStatus.PENDING,
                entity=True,
            ).where(or_(Email.operation_id.is_(None), Email.operation_id != operation_id))
            if not include_reviewed:
                stmt = stmt.where(not_decided_by_person())
            cas = session.execute(
                stmt.values(
                    queued_at=now,
                    updated_at=now,
                    alerted_at=None,
                    finished_at=None,
                    operation_id=operation_id,
                    priority=BACKFILL_PRIORITY,
                    decided_by=None,
                    review_note=None,
                    runs=(old.runs or 1) + 1,
                    run_base=old.attempts,
                )
            )
            if rowcount(cas):
                taken[email_id] = {k: getattr(old, k) for k in _KEPT}
                record_event(
                    session,
                    email_id,
                    "operator",
                    f"reprocess (operation {operation_id}"
                    + (f", {label}" if label else "")
                    + f", run {(old.runs or 1) + 1}) by {operator}",
                    from_status=old.processing_status,
                    to_status=S.QUEUED,
                    worker=ctx.worker_name,
                    data={"operation_id": operation_id},
                )
    return taken


def _enqueue_batch(ctx: AppContext, taken: dict[int, dict[str, Any]], *, operation_id: int, now: datetime) -> list[int]:
    """Enqueue every taken email at ``BACKFILL_PRIORITY``; one whose enqueue fails is put
    back as it was (``--resume`` takes it again). Returns the ids enqueued."""
    done: list[int] = []
    for email_id, old_values in taken.items():
        if _enqueue(ctx, email_id, BACKFILL_PRIORITY):
            done.append(email_id)
            continue
        with session_scope(ctx.db_url) as session:  # put it back as it was: --resume takes it again
            back = session.execute(
                _put_back(email_id, old_values)
                .where(Email.operation_id == operation_id, Email.queued_at == now)
                .values(updated_at=utcnow())
            )
            if rowcount(back):
                record_event(
                    session,
                    email_id,
                    "operator",
                    f"reprocess (operation {operation_id}): enqueue failed (queue unreachable); "
                    f"left as {old_values['processing_status']}; `creditctl reprocess --resume "
                    f"{operation_id} --yes` takes it again",
                    level="warning",
                    from_status=S.QUEUED,
                    to_status=old_values["processing_status"],
                    worker=ctx.worker_name,
                    data={"operation_id": operation_id},
                )
    return done


def _put_back(email_id: int, old_values: dict[str, Any]) -> Any:
    """The compare-and-set UPDATE returning a ``queued`` email whose enqueue failed to
    the state (and columns) it had before the operator's command (``old_values``, with
    ``processing_status`` and possibly ``match_status``), so every report stays true."""
    values = dict(old_values)
    status = values.pop("processing_status")
    match = values.pop("match_status", None)
    return transitions.update_status(
        S.QUEUED, status, Actor.OPERATOR, email_id=email_id, match_target=match, entity=True
    ).values(**values)


def finished_count(ctx: AppContext, operation_id: int) -> int:
    """How many emails re-queued by operation ``operation_id`` are finished (completed,
    not a creditor reply, or failed) — what ``reprocess --wait`` follows."""
    with session_scope(ctx.db_url) as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(Email)
                .where(Email.operation_id == operation_id, Email.processing_status.in_(transitions.FINISHED))
            )
            or 0
        )

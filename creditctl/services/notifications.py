"""Notifications through an outbox: alerts, incident alerts, auto-match notices, Zendesk notes.

Whoever has something to say inserts an ``outbox`` row in its own transaction (unique
``dedupe_key``: one alert per failure, one notice per claim update) and kicks the
delivery task. ``deliver_outbox`` claims pending rows (compare-and-set, so several
workers never send one row twice), sends them, and leaves a failed send ``pending``
with a later ``next_attempt_at``. Nothing here runs on a worker's hot path beyond one
INSERT.

Alert storms: a permanent-failure alert is held until no other alert of the same
cause (error class) arrived for ``CREDITCTL_ALERT_WINDOW_SECONDS`` (at most
``STORM_MAX_HOLD_WINDOWS`` windows); when at least ``CREDITCTL_ALERT_STORM_THRESHOLD``
alerts of one cause are then due, one incident alert (count, sample of email ids,
sample error) replaces them. The delivery task re-schedules itself for held alerts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from creditctl.adapters.notifier import Message, render_alert, render_auto_match, render_incident_alert
from creditctl.db import rowcount, session_scope
from creditctl.exceptions import CreditctlError
from creditctl.models import IN_FLIGHT_STATUSES, Claim, Client, Email, Outbox, ProcessingStatus as S, utcnow
from creditctl.outages import QUEUE_ERRORS
from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.pipeline.gate import Verdict
from creditctl.services import transitions
from creditctl.services.context import AppContext
from creditctl.services.events import record_event
from creditctl.services.transitions import Actor

log = structlog.get_logger(__name__)

SENDING_LEASE = timedelta(minutes=5)
"""How long a claimed (``sending``) row is ours; after it another run may take it over."""
STORM_MAX_HOLD_WINDOWS = 10
"""A storm's alerts are held while failures keep coming, but at most this many windows."""
TAGS = {
    "auto_matched": "creditctl_auto_matched",
    "needs_review": "creditctl_needs_review",
    "no_match": "creditctl_needs_review",
    "failed": "creditctl_failed",
}


def _recipients(raw: str) -> list[str]:
    return [a.strip() for a in raw.replace(";", ",").split(",") if a.strip()]


def _insert(session: Session, row: Outbox) -> bool:
    """Insert an outbox row unless its dedupe key exists; True when inserted."""
    if session.scalar(select(Outbox.id).where(Outbox.dedupe_key == row.dedupe_key)) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return False
    return True


def kick_outbox(ctx: AppContext) -> None:
    """Ask the delivery task to run (never raises: the sweep delivers anyway)."""
    if ctx.enqueue_outbox is None:
        return
    try:
        ctx.enqueue_outbox()
    except QUEUE_ERRORS as exc:
        log.warning("outbox_kick_failed", error=type(exc).__name__)


def kick_mirror(ctx: AppContext, email_id: int) -> bool:
    """Ask the mirror task to push ``email_id``'s claim updates (the sweep catches up otherwise).
    Returns whether the message was written (False: no mirror queue, or the queue is down)."""
    enqueue_mirror = getattr(ctx, "enqueue_mirror", None)
    if enqueue_mirror is None:
        return False
    try:
        enqueue_mirror(email_id)
    except QUEUE_ERRORS as exc:
        log.warning("mirror_kick_failed", email_id=email_id, error=type(exc).__name__)
        return False
    return True


# alerts ------------------------------------------------------------------------------


def raise_failure_alert(ctx: AppContext, email_id: int, *, error: str | None = None, signal: str = "error") -> bool:
    """Record the permanent-failure alert of ``email_id`` once per failure (idempotent).

    Called by the Huey signal handler when no retry will follow (and by the tests).
    Sets ``failed`` when the task ended without the service recording it (timeout,
    lock, cancel, expiry). ``alerted_at`` on the email row is the once-only guard: a
    compare-and-set in the same transaction as the outbox insert, so a second call —
    a second handler, another worker, a restarted worker — finds it set and does
    nothing. ``creditctl retry`` clears it, so a later failure alerts again (its outbox
    row gets the next sequence number in ``alert:{email_id}:{n}``).

    Returns True when this call queued the alert; False when it existed already, the
    email is gone or finished successfully, or another worker holds a live lease on it.
    Raises SQLAlchemy errors when the database is unreachable (the caller logs them).
    """
    now = utcnow()
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None or not _may_alert(ctx, email, now):
            return False
        if email.processing_status != S.FAILED and not _mark_failed(session, ctx, email, now, error, signal):
            return False
        cas = session.execute(
            update(Email).where(Email.id == email_id, Email.alerted_at.is_(None)).values(alerted_at=now)
        )
        if not rowcount(cas):
            return False
        inserted = _queue_alert(session, ctx, email, error, signal)
    kick_outbox(ctx)
    return inserted


def _may_alert(ctx: AppContext, email: Email, now: datetime) -> bool:
    """Not finished successfully, not alerted yet, and no other worker holds a live lease on it."""
    if email.processing_status in (S.COMPLETED, S.NOT_CREDITOR_REPLY) or email.alerted_at is not None:
        return False
    # another worker running it right now: not a final failure
    return not (
        email.processing_status in IN_FLIGHT_STATUSES
        and email.lease_owner not in (None, ctx.worker_name)
        and email.lease_expires_at is not None
        and email.lease_expires_at > now
    )


def _mark_failed(
    session: Session, ctx: AppContext, email: Email, now: datetime, error: str | None, signal: str
) -> bool:
    """Move the email to ``failed`` (the task ended without the service recording it);
    False when a worker claimed or finished it since it was read."""
    previous, email_id = email.processing_status, email.id
    # compare-and-set on what was read: a worker may have claimed or finished it since
    moved = session.execute(
        transitions.update_status(previous, S.FAILED, Actor.WORKER, email_id=email_id, entity=True)
        .where(
            Email.attempts == email.attempts,
            or_(
                Email.lease_owner.is_(None),
                Email.lease_owner == ctx.worker_name,
                Email.lease_expires_at.is_(None),
                Email.lease_expires_at <= now,
            ),
        )
        .values(
            finished_at=now,
            next_attempt_at=None,
            lease_owner=None,
            lease_expires_at=None,
            last_error=email.last_error or error or f"task ended by {signal}",
            last_error_class=email.last_error_class or signal,
            updated_at=now,
        )
    )
    if not rowcount(moved):
        return False
    record_event(
        session,
        email_id,
        "transition",
        f"failed: task ended by {signal}",
        level="error",
        from_status=previous,
        to_status=S.FAILED,
        worker=ctx.worker_name,
    )
    session.flush()
    return True


def _queue_alert(session: Session, ctx: AppContext, email: Email, error: str | None, signal: str) -> bool:
    """Insert the alert's outbox row (``alert:{email_id}:{n}``, n counting this email's
    alerts); True when this call inserted it."""
    email_id = email.id
    error_line = email.last_error or error or "unknown error"
    subject, body = render_alert(
        email_id=email_id,
        ticket_id=email.ticket_id,
        sender=_sender(email),
        error=error_line,
        attempts=email.attempts,
        retry_command=f"creditctl retry {email_id}",
    )
    earlier = (
        session.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.email_id == email_id, Outbox.kind == "alert")
        )
        or 0
    )
    inserted = _insert(
        session,
        Outbox(
            kind="alert",
            dedupe_key=f"alert:{email_id}:{earlier + 1}",
            email_id=email_id,
            recipients=_recipients(ctx.settings.alert_email_to),
            subject=subject,
            body=body,
            payload={"error_class": email.last_error_class or signal, "error": error_line[:500]},
            status="pending",
        ),
    )
    if inserted:
        record_event(
            session,
            email_id,
            "alert",
            "permanent-failure alert queued",
            level="error",
            worker=ctx.worker_name,
            error_class=email.last_error_class,
        )
    return inserted


CATCH_UP_LOOKBACK = timedelta(days=1)
"""Failed emails older than this are not alerted by the catch-up (an operator saw them)."""


def alert_missed_failures(ctx: AppContext, *, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Raise the alert of every ``failed`` email that has none (idempotent; the periodic
    catch-up). This covers a worker killed between recording the failure and its signal
    handler, and a database blip inside the handler.

    Only emails that finished more than CREDITCTL_STUCK_GRACE_SECONDS ago (the handler
    had its chance) and less than ``CATCH_UP_LOOKBACK`` ago. Returns the email ids
    alerted now.
    """
    now = now or utcnow()
    grace = timedelta(seconds=ctx.settings.stuck_grace_seconds)
    with session_scope(ctx.db_url) as session:
        ids = session.scalars(
            select(Email.id)
            .where(
                Email.processing_status == S.FAILED,
                Email.alerted_at.is_(None),
                Email.finished_at < now - grace,
                Email.finished_at > now - CATCH_UP_LOOKBACK,
            )
            .order_by(Email.id)
            .limit(limit)
        ).all()
    return [email_id for email_id in ids if raise_failure_alert(ctx, email_id, signal="catch_up")]


def _sender(email: Email) -> str:
    """``Name <address>`` of the email's sender (``?`` when unknown)."""
    if email.from_name and email.from_email:
        return f"{email.from_name} <{email.from_email}>"
    return email.from_email or email.from_name or "?"


def queue_auto_match(
    session: Session,
    ctx: AppContext,
    *,
    email_id: int,
    claim_id: int | None,
    old_amount: Decimal | None,
    new_amount: Decimal,
    result: ExtractionResult,
    row: dict[str, Any],
    confidence: float,
    approved_by: str | None = None,
) -> bool:
    """Queue the office's auto-match notice (subject ``Gläubiger-Antwort: {client} - {creditor}``);
    True when a row was added (False: no such claim, or queued already)."""
    claim = session.get(Claim, claim_id) if claim_id else None
    if claim is None:
        return False
    client = session.get(Client, claim.client_id)
    subject, body = render_auto_match(
        client=client.name if client else "?",
        creditor=claim.creditor_name,
        sender=f"{row.get('from_name') or ''} <{row.get('from_email') or ''}>".strip(),
        old_amount=old_amount,
        new_amount=new_amount,
        currency=claim.currency,
        ticket_id=row.get("ticket_id"),
        side_conversation_id=row.get("side_conversation_id"),
        references=list(result.creditor_references),
        confidence=confidence,
        email_id=email_id,
    )
    if approved_by:
        body += f"\n\nFreigegeben von: {approved_by}\n"
    return _insert(
        session,
        Outbox(
            kind="auto_match",
            dedupe_key=f"auto_match:{email_id}:{claim_id}:{new_amount}",
            email_id=email_id,
            recipients=_recipients(ctx.settings.notify_email_to or ctx.settings.alert_email_to),
            subject=subject,
            body=body,
            status="pending",
        ),
    )


def queue_zendesk_note(
    session: Session,
    ctx: AppContext,
    *,
    email_id: int,
    row: dict[str, Any],
    verdict: Verdict,
    result: ExtractionResult,
    write_status: str | None,
) -> bool:
    """Queue the internal note + tags on the Zendesk ticket (only when Zendesk is configured);
    True when a row was added."""
    if ctx.zendesk is None:
        return False
    status = verdict.match_status if verdict.processing_status != S.NOT_CREDITOR_REPLY else "not_creditor_reply"
    lines = [
        f"creditctl: E-Mail {email_id} verarbeitet ({result.extractor}).",
        f"Art: {result.reply_kind.value}; Betrag: {result.amounts.total or '—'} {result.currency or ''}".rstrip(),
    ]
    if verdict.apply:
        lines.append(f"Forderung {verdict.claim_id} aktualisiert ({write_status}).")
    else:
        lines.append("Wartet auf Prüfung: " + "; ".join(verdict.reasons))
    lines.extend(f"Hinweis: {note}" for note in getattr(verdict, "notes", ()))
    tag = TAGS.get(status)
    return _insert(
        session,
        Outbox(
            kind="zendesk_note",
            dedupe_key=f"zendesk:{email_id}:{status}:{write_status}",
            email_id=email_id,
            subject=f"ticket {row.get('ticket_id')}",
            body="\n".join(lines),
            payload={"ticket_id": row.get("ticket_id"), "tags": [tag] if tag else []},
            status="pending",
        ),
    )


def queue_review_notice(
    session: Session, ctx: AppContext, *, email_id: int, key: str, subject: str, body: str, ticket_id: str | None
) -> None:
    """Queue a person's decision that the automatic notices do not cover (an undo, an
    approval again after an undo): the office's mail notice and, when Zendesk is
    configured, an internal note on the ticket. ``key`` makes each notice unique."""
    _insert(
        session,
        Outbox(
            kind="auto_match",
            dedupe_key=f"review:{key}",
            email_id=email_id,
            recipients=_recipients(ctx.settings.notify_email_to or ctx.settings.alert_email_to),
            subject=subject,
            body=body,
            status="pending",
        ),
    )
    if ctx.zendesk is not None and ticket_id:
        _insert(
            session,
            Outbox(
                kind="zendesk_note",
                dedupe_key=f"zendesk:review:{key}",
                email_id=email_id,
                subject=f"ticket {ticket_id}",
                body=f"creditctl: {body}",
                payload={"ticket_id": ticket_id, "tags": []},
                status="pending",
            ),
        )


# delivery ----------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    """Counts of one ``deliver_outbox`` run (rows, not messages: an incident is one
    message for many rows). ``next_due_s``: seconds until held alerts become due
    (None when nothing is held)."""

    sent: int = 0
    logged: int = 0
    failed: int = 0
    held: int = 0
    incidents: int = 0
    next_due_s: float | None = None
    errors: list[str] = field(default_factory=list)


def _plan_alerts(
    ctx: AppContext, alerts: list[Outbox], now: datetime, report: DeliveryReport
) -> list[tuple[str, list[Outbox]]]:
    """Group due alerts by cause (error class) into incidents and single alerts.

    A cause's alerts are held while its newest one is younger than
    CREDITCTL_ALERT_WINDOW_SECONDS (more failures of the same cause may follow), but no
    longer than ``STORM_MAX_HOLD_WINDOWS`` windows after its oldest. Then a group of at
    least CREDITCTL_ALERT_STORM_THRESHOLD alerts becomes one incident; smaller groups
    go out one by one.
    """
    window = timedelta(seconds=ctx.settings.alert_window_seconds)
    groups: dict[str, list[Outbox]] = defaultdict(list)
    for r in alerts:
        groups[(r.payload or {}).get("error_class", "?")].append(r)
    batches: list[tuple[str, list[Outbox]]] = []
    for cause, members in groups.items():
        newest = max(m.created_at for m in members)
        oldest = min(m.created_at for m in members)
        due_at = min(newest + window, oldest + window * STORM_MAX_HOLD_WINDOWS)
        if due_at > now:
            report.held += len(members)
            wait = (due_at - now).total_seconds()
            report.next_due_s = wait if report.next_due_s is None else min(report.next_due_s, wait)
            continue
        if len(members) >= ctx.settings.alert_storm_threshold:
            batches.append((f"incident:{cause}", members))
        else:
            batches.extend(("single", [m]) for m in members)
    return batches


def deliver_outbox(ctx: AppContext, *, limit: int = 500) -> DeliveryReport:
    """Send due outbox rows once each; failures stay pending with a backoff.

    A row is claimed by a compare-and-set ``pending → sending`` that also sets
    ``next_attempt_at`` to the end of a ``SENDING_LEASE``: several runs at once never
    send a row twice, and a run that died mid-send leaves the row to be taken over
    after the lease. A failed send goes back to ``pending`` with ``next_attempt_at``
    from the retry policy's backoff (``last_error`` says why). Returns the counts;
    never raises for a send failure. Raises SQLAlchemy errors when the database is down.
    """
    report = DeliveryReport()
    now = utcnow()
    with session_scope(ctx.db_url) as session:
        session.execute(
            update(Outbox).where(Outbox.status == "sending", Outbox.next_attempt_at < now).values(status="pending")
        )
        rows = session.scalars(
            select(Outbox)
            .where(Outbox.status == "pending", or_(Outbox.next_attempt_at.is_(None), Outbox.next_attempt_at <= now))
            .order_by(Outbox.id)
            .limit(limit)
        ).all()
        batches = _plan_alerts(ctx, [r for r in rows if r.kind == "alert"], now, report)
        batches.extend(("single", [r]) for r in rows if r.kind != "alert")
        plan = [(kind, [m.id for m in members]) for kind, members in batches]
    for kind, ids in plan:  # claim one batch at a time: the lease covers one send only
        if _claim(ctx, ids):
            _deliver_batch(ctx, kind, ids, report)
    return report


def _claim(ctx: AppContext, ids: list[int]) -> bool:
    """Take rows ``ids`` (all or none) from ``pending`` to ``sending`` under a lease."""
    now = utcnow()
    with session_scope(ctx.db_url) as session:
        savepoint = session.begin_nested()
        got = session.execute(
            update(Outbox)
            .where(Outbox.id.in_(ids), Outbox.status == "pending")
            .values(status="sending", attempts=Outbox.attempts + 1, next_attempt_at=now + SENDING_LEASE)
        )
        if rowcount(got) == len(ids):
            savepoint.commit()
            return True
        savepoint.rollback()  # another run took some of them: it sends the batch
        return False


def _batch_message(ctx: AppContext, kind: str, rows: list[Outbox]) -> tuple[list[str], str, str]:
    """(recipients, subject, body) of one batch: the first row's, or one incident alert
    for ``incident:<cause>`` batches (with a sample error)."""
    first = rows[0]
    recipients, subject, body = list(first.recipients or []), first.subject, first.body
    if kind.startswith("incident:"):
        cause = kind.split(":", 1)[1]
        quarantined = _is_quarantine(cause)
        subject, body = render_incident_alert(
            cause=cause,
            count=len(rows),
            sample_ids=(
                [
                    int((r.payload or {}).get("quarantine_id") or 0)
                    for r in rows
                    if (r.payload or {}).get("quarantine_id")
                ]
                if quarantined
                else [r.email_id for r in rows if r.email_id]
            )[:10],
            window_s=ctx.settings.alert_window_seconds,
            quarantined=quarantined,
        )
        sample_error = (first.payload or {}).get("error")
        if sample_error:
            where = (
                f"quarantined body {(first.payload or {}).get('quarantine_id')}"
                if quarantined
                else f"email {first.email_id}"
            )
            body += f"\nSample error ({where}):\n    {' '.join(str(sample_error).split())}\n"
    return recipients, subject, body


def _mark_rows(
    ctx: AppContext, session: Session, ids: list[int], status: str, error: str | None, incident: bool, now: datetime
) -> None:
    """Each outbox row of ``ids`` sent (or logged), or pending again with its next attempt."""
    for r in session.scalars(select(Outbox).where(Outbox.id.in_(ids))).all():
        if error is None:
            r.status, r.sent_at, r.last_error, r.next_attempt_at = status, now, None, None
            if incident:
                r.payload = {**(r.payload or {}), "incident_of": ids[0], "incident_count": len(ids)}
        else:
            r.status, r.last_error = "pending", error[:2000]
            r.next_attempt_at = now + timedelta(seconds=ctx.retry_policy.delay_s(min(r.attempts, 8)))


def _is_quarantine(cause: str) -> bool:
    """Whether an alert cause is the quarantine's (signed webhook bodies that could not be
    read, ``services.quarantine.ALERT_CAUSE``): they are not emails."""
    from creditctl.services.quarantine import ALERT_CAUSE

    return cause == ALERT_CAUSE


def incident_what(cause: str, count: int) -> str:
    """What an incident alert of ``count`` alerts of ``cause`` is about, for its event:
    ``"5 emails failed (RateLimitError)"``, or for the quarantine's cause
    ``"5 webhook bodies quarantined (signed but unreadable, not emails): creditctl quarantine list"``."""
    if _is_quarantine(cause):
        return f"{count} webhook bodies quarantined (signed but unreadable, not emails): creditctl quarantine list"
    return f"{count} emails failed ({cause})"


def _record_alert_delivery(
    ctx: AppContext, session: Session, kind: str, ids: list[int], email_ids: list[int], status: str, incident: bool
) -> None:
    """The events of a delivered alert: one for an incident, one per email (at most 500)."""
    if incident:
        record_event(
            session,
            None,
            "alert",
            f"incident alert {status}: {incident_what(kind[9:], len(ids))}",
            level="error",
            worker=ctx.worker_name,
            data={"email_ids": email_ids[:50], "count": len(ids)},
        )
    for email_id in email_ids[:500]:
        record_event(
            session,
            email_id,
            "notification",
            f"alert {status}" + (f" in an incident alert of {len(ids)} emails" if incident else ""),
            worker=ctx.worker_name,
            data={"outbox_ids": ids[:50]},
        )


def _count_delivery(report: DeliveryReport, n: int, status: str, error: str | None, incident: bool) -> None:
    if error is not None:
        report.failed += n
        report.errors.append(error)
        return
    report.incidents += incident
    if status == "sent":
        report.sent += n
    else:
        report.logged += n


def _deliver_batch(ctx: AppContext, kind: str, ids: list[int], report: DeliveryReport) -> None:
    incident = kind.startswith("incident:")
    with session_scope(ctx.db_url) as session:
        rows = list(session.scalars(select(Outbox).where(Outbox.id.in_(ids)).order_by(Outbox.id)).all())
        recipients, subject, body = _batch_message(ctx, kind, rows)
        email_ids = [r.email_id for r in rows if r.email_id]
        first = rows[0]
        snapshot = (first.kind, first.payload or {}, first.email_id)
    status, error = _send(ctx, snapshot, recipients, subject, body)
    now = utcnow()
    with session_scope(ctx.db_url) as session:
        _mark_rows(ctx, session, ids, status, error, incident, now)
        if error is None and snapshot[0] == "alert":
            _record_alert_delivery(ctx, session, kind, ids, email_ids, status, incident)
    _count_delivery(report, len(ids), status, error, incident)


def _send(
    ctx: AppContext, snapshot: tuple[str, dict[str, Any], int | None], recipients: list[str], subject: str, body: str
) -> tuple[str, str | None]:
    kind, payload, _email_id = snapshot
    try:
        if kind == "zendesk_note":
            if ctx.zendesk is None:
                return "skipped", None
            ctx.zendesk.add_internal_note(str(payload.get("ticket_id")), body, tags=payload.get("tags") or [])
            return "sent", None
        if not recipients or ctx.notifier is None:
            log.info("notification_logged", kind=kind, subject=subject)
            return "logged", None
        ctx.notifier.send(Message(to=tuple(recipients), subject=subject, body=body, mail_from=ctx.settings.mail_from))
        return ("sent" if type(ctx.notifier).__name__ != "LogNotifier" else "logged"), None
    # any send failure stays in the outbox to be retried: SMTP errors are OSErrors (smtplib.SMTPException
    # included), the Zendesk client raises CreditctlErrors, ValueError is a bad address or ticket id
    except (CreditctlError, OSError, ValueError) as exc:
        log.warning("notification_failed", kind=kind, error=type(exc).__name__)
        return "pending", f"{type(exc).__name__}: {exc}"


def pending_outbox(ctx: AppContext) -> int:
    """Rows still waiting to be sent."""
    from sqlalchemy import func

    with session_scope(ctx.db_url) as session:
        return (
            session.scalar(select(func.count()).select_from(Outbox).where(Outbox.status.in_(("pending", "sending"))))
            or 0
        )


__all__ = [
    "raise_failure_alert",
    "alert_missed_failures",
    "deliver_outbox",
    "queue_auto_match",
    "queue_zendesk_note",
    "kick_outbox",
    "kick_mirror",
    "pending_outbox",
]

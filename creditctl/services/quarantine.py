"""The quarantine: signed webhook bodies that failed validation, kept raw with the reason.
Each one raises an alert (through the notifications outbox, grouped by the
storm window like failure alerts) and waits for an operator: ``replay`` stores a
corrected body as a normal email linked to the quarantine row, ``dismiss`` closes it
with a reason. ``status``, ``health`` and ``/readyz`` count the waiting ones.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from creditctl import display
from creditctl.db import rowcount, session_scope
from creditctl.exceptions import InvalidPayload, NotFoundError, Refused, UsageError
from creditctl.models import Outbox, Quarantine, utcnow
from creditctl.services.context import AppContext
from creditctl.services.events import record_event

ALERT_CAUSE = "QuarantinedWebhookBody"
"""The cause quarantine alerts are grouped under (storm window: one incident alert)."""
STATES = ("waiting", "replayed", "dismissed")


def queue_alert(session: Session, ctx: AppContext, row: Quarantine) -> None:
    """Insert the alert of quarantine row ``row`` in ``session``'s transaction (once per row).
    The caller kicks the outbox after the commit (``notifications.kick_outbox``)."""
    from creditctl.services.notifications import _recipients

    subject = f"[creditctl] Webhook body quarantined (#{row.id}): not processed"
    body = (
        f"A signed Zendesk webhook request could not be read and was kept in the quarantine (#{row.id}).\n"
        f"Reason: {row.reason}\n\n"
        f"See it:      creditctl quarantine show {row.id}\n"
        f"Bring it in: creditctl quarantine replay {row.id} --file FIXED.json\n"
        f"Or close it: creditctl quarantine dismiss {row.id} --reason '…'\n"
        "A body that is not JSON usually means the trigger's template has an unescaped quote or newline.\n"
    )
    session.add(
        Outbox(
            kind="alert",
            dedupe_key=f"quarantine:{row.id}",
            email_id=None,
            recipients=_recipients(ctx.settings.alert_email_to),
            subject=subject,
            body=body,
            payload={"error_class": ALERT_CAUSE, "error": row.reason[:500], "quarantine_id": row.id},
            status="pending",
        )
    )
    row.alerted_at = utcnow()


def _summary(row: Quarantine) -> dict[str, Any]:
    return {
        "id": row.id,
        "received_at": _iso(row.received_at),
        "status": row.status,
        "reason": row.reason,
        "invocation_id": row.invocation_id,
        "bytes": len(row.raw_body or b""),
        "email_id": row.email_id,
        "resolved_at": _iso(row.resolved_at),
        "resolved_by": row.resolved_by,
        "resolution": row.resolution,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def waiting_count(ctx: AppContext) -> int:
    """How many quarantined bodies wait for an operator."""
    with session_scope(ctx.db_url) as session:
        return session.scalar(select(func.count()).select_from(Quarantine).where(Quarantine.status == "waiting")) or 0


def list_rows(ctx: AppContext, *, status: str | None = "waiting", limit: int = 50) -> list[dict[str, Any]]:
    """The newest ``limit`` quarantine rows (``status`` None: every state), newest first.
    Raises ``UsageError`` for an unknown ``status``."""
    if status is not None and status not in STATES:
        raise UsageError(f"--status {status!r} is not one of: {', '.join(STATES)}")
    with session_scope(ctx.db_url) as session:
        query = select(Quarantine).order_by(Quarantine.id.desc()).limit(max(0, limit))
        if status is not None:
            query = query.where(Quarantine.status == status)
        return [_summary(r) for r in session.scalars(query)]


def show(ctx: AppContext, quarantine_id: int) -> dict[str, Any]:
    """One row with its raw body (text, undecodable bytes replaced) and headers. Raises ``NotFoundError``."""
    with session_scope(ctx.db_url) as session:
        row = _get(session, quarantine_id)
        return {
            **_summary(row),
            "headers": row.headers or {},
            "raw_body": (row.raw_body or b"").decode("utf-8", "replace"),
        }


def _get(session: Session, quarantine_id: int) -> Quarantine:
    row = session.get(Quarantine, quarantine_id)
    if row is None:
        raise NotFoundError(f"no quarantine row {quarantine_id}; see `creditctl quarantine list --all`")
    return row


def _refuse_unless_waiting(row: Quarantine) -> None:
    """Raise ``Refused`` saying once what became of a row no longer waiting: its
    ``resolution`` ("replayed as email 9 (accepted)", "dismissed: why"), who and when."""
    if row.status != "waiting":
        what = row.resolution or (f"{row.status} as email {row.email_id}" if row.email_id else row.status)
        who = f" by {row.resolved_by}" if row.resolved_by else ""
        when = f" at {display.at(row.resolved_at)}" if row.resolved_at else ""  # a person reads it
        raise Refused(f"quarantine row {row.id} is already {what}{who}{when}; nothing done")


def replay(ctx: AppContext, quarantine_id: int, fixed_body: bytes, *, operator: str) -> dict[str, Any]:
    """Store ``fixed_body`` (the corrected webhook JSON) as a normal email linked to the
    quarantine row, enqueue it, and mark the row ``replayed``. A duplicate of an email
    already stored links to that one. Returns ``{"quarantine_id", "email_id", "status"}``
    (``accepted``/``duplicate``). Raises ``NotFoundError``, ``Refused`` (not waiting),
    ``QueueUnavailable`` (stored and the row replayed, but the queue is unreachable:
    ``intake.enqueue_stored``, the sweep enqueues it later),
    ``UsageError`` (the corrected body is still invalid: nothing is written).
    """
    from creditctl.services import intake

    with session_scope(ctx.db_url) as session:
        row = _get(session, quarantine_id)
        _refuse_unless_waiting(row)
        invocation_id = row.invocation_id
    try:
        payload = intake.parse_payload(fixed_body)
    except InvalidPayload as exc:
        raise UsageError(
            f"the corrected body is still invalid: {display.clause(exc.message)}; nothing stored"
        ) from None
    result = intake.store_email(ctx, payload, fixed_body, None, source="quarantine")
    now = utcnow()
    with session_scope(ctx.db_url) as session:
        cas = session.execute(
            update(Quarantine)
            .where(Quarantine.id == quarantine_id, Quarantine.status == "waiting")
            .values(
                status="replayed",
                email_id=result.email_id,
                resolved_at=now,
                resolved_by=operator,
                resolution=f"replayed as email {result.email_id} ({result.status})",
            )
        )
        if not rowcount(cas):
            raise Refused(
                f"quarantine row {quarantine_id} was resolved meanwhile; email {result.email_id} "
                f"({result.status}) stays"
            )
        record_event(
            session,
            result.email_id,
            "operator",
            f"replayed from quarantine #{quarantine_id} by {operator} (invocation {invocation_id or '-'})",
            worker=ctx.worker_name,
            data={"quarantine_id": quarantine_id},
        )
    if result.status == "accepted":
        # stored and linked: an unreachable queue says so as ingest does (QueueUnavailable, exit 1)
        intake.enqueue_stored(ctx, result.email_id, reason=f"quarantine replay #{quarantine_id}")
    return {"quarantine_id": quarantine_id, "email_id": result.email_id, "status": result.status}


def dismiss(ctx: AppContext, quarantine_id: int, *, reason: str, operator: str) -> dict[str, Any]:
    """Close a waiting row without an email, with the operator's ``reason``. Raises
    ``NotFoundError``, ``Refused`` (not waiting), ``UsageError`` (empty reason)."""
    if not reason.strip():
        raise UsageError("--reason must say why the body is dismissed")
    with session_scope(ctx.db_url) as session:
        row = _get(session, quarantine_id)
        _refuse_unless_waiting(row)
        row.status, row.resolved_at, row.resolved_by = "dismissed", utcnow(), operator
        row.resolution = f"dismissed: {reason.strip()[:1000]}"
        record_event(
            session,
            None,
            "operator",
            f"quarantine #{quarantine_id} dismissed by {operator}: {reason.strip()[:300]}",
            worker=ctx.worker_name,
            data={"quarantine_id": quarantine_id},
        )
        return _summary(row)

"""Operations actions and reads the desk's admin pages need beyond ``status`` and
``operations``: retry one failed email on a person's behalf (logged in the action
log) and the quarantined webhook bodies (read only; replay and dismiss belong to the
quarantine service)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from creditctl.db import session_scope
from creditctl.exceptions import Refused, UsageError
from creditctl.models import Quarantine, ReviewAction
from creditctl.services import operations, quarantine, users
from creditctl.services.context import AppContext

PREVIEW_CHARS = 400


def failed_emails(ctx: AppContext) -> list[dict[str, Any]]:
    """Failed emails (``id``, ``ticket_id``, ``status``, ``attempts``, ``error_class``,
    ``last_error``, ``mirror_status``), oldest id first."""
    return operations.plan_retry(ctx, failed=True).eligible


def retry_failed(ctx: AppContext, *, email_id: int, person: str, role: str) -> dict[str, Any]:
    """Re-enqueue one failed email as ``creditctl retry ID`` does, recording ``person``.
    Returns ``email_id``, ``operation_id``. Raises ``Refused`` when it is not failed (the
    reason says what it is) or could not be enqueued, ``Forbidden`` for a read-only role."""
    users.check_may_decide(role)
    plan = operations.plan_retry(ctx, ids=[email_id])
    if not plan.eligible:
        raise Refused(f"email {email_id} cannot be retried: {plan.refused[0]['reason'] if plan.refused else '?'}")
    if plan.eligible[0]["status"] != "failed":  # the failed page retries failed emails only
        raise Refused(
            f"email {email_id} is {plan.eligible[0]['status']}, no longer failed; "
            f"`creditctl retry {email_id}` pushes it now if it must be"
        )
    result = operations.execute_retry(ctx, plan, operator=person)
    if email_id not in result.enqueued:
        reason = result.failed[0]["reason"] if result.failed else "not enqueued"
        if "sweep" not in reason:
            raise Refused(f"email {email_id} was not retried: {reason}")
    with session_scope(ctx.db_url) as session:
        session.add(
            ReviewAction(
                email_id=email_id,
                action="retry",
                person=person,
                role=role,
                channel="desk",
                reason=f"operation {result.operation_id}",
            )
        )
    return {"email_id": email_id, "operation_id": result.operation_id}


def quarantined(ctx: AppContext, *, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The newest quarantined webhook bodies (``status``: only that state of
    ``quarantine.STATES`` — waiting, replayed, dismissed —; None: every state): ``id``,
    ``received_at`` (ISO), ``reason``, ``invocation_id``, ``size`` (bytes), ``preview`` (the
    first characters, decoded), ``status``, ``resolved_at`` (ISO or None), ``resolved_by``,
    ``resolution`` and ``email_id`` (the email a replay stored). Raises ``UsageError`` for an
    unknown ``status``."""
    if status is not None and status not in quarantine.STATES:
        raise UsageError(f"status {status!r} is not one of: {', '.join(quarantine.STATES)}")
    with session_scope(ctx.db_url) as session:
        query = select(Quarantine).order_by(Quarantine.id.desc()).limit(limit)
        if status is not None:
            query = query.where(Quarantine.status == status)
        return [
            {
                "id": q.id,
                "received_at": q.received_at.isoformat(),
                "reason": q.reason,
                "invocation_id": q.invocation_id,
                "size": len(q.raw_body or b""),
                "preview": (q.raw_body or b"")[:PREVIEW_CHARS].decode("utf-8", "replace"),
                "status": q.status,
                "resolved_at": q.resolved_at.isoformat() if q.resolved_at else None,
                "resolved_by": q.resolved_by,
                "resolution": q.resolution,
                "email_id": q.email_id,
            }
            for q in session.scalars(query)
        ]

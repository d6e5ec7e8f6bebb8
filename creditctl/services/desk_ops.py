"""Operations actions and reads the desk's admin pages need beyond ``status`` and
``operations``: retry one failed email on a person's behalf (logged in the action
log) and the quarantined webhook bodies (their replay and dismissal are the quarantine
service's, ``replay_quarantined`` / ``dismiss_quarantined`` only check the person's role)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from creditctl.db import session_scope
from creditctl.exceptions import Forbidden, Refused, UsageError
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


OPERATOR_ONLY = (
    "quarantine replay and dismiss are operator actions (admin), as on the command line; nothing was changed"
)


def _check_operator(role: str) -> None:
    """The quarantine's actions are the operator's, as ``creditctl quarantine`` (the desk's
    operations pages are admin only). Raises ``Forbidden`` for any other role."""
    if role != "admin":
        raise Forbidden(OPERATOR_ONLY)


def quarantined_one(ctx: AppContext, quarantine_id: int) -> dict[str, Any]:
    """One quarantined body as ``creditctl quarantine show`` has it (``quarantine.show``).
    Raises ``NotFoundError``."""
    return quarantine.show(ctx, quarantine_id)


def replay_quarantined(ctx: AppContext, *, quarantine_id: int, body: str, person: str, role: str) -> dict[str, Any]:
    """``creditctl quarantine replay ID --file FIXED`` on ``person``'s behalf: the corrected
    ``body`` (the webhook JSON, text) is stored as an email by ``quarantine.replay``, which
    records the audit event. Returns its document. Raises ``Forbidden`` (not an admin) and
    what ``quarantine.replay`` raises (``NotFoundError``, ``Refused``, ``UsageError``)."""
    _check_operator(role)
    return quarantine.replay(ctx, quarantine_id, body.encode("utf-8"), operator=person)


def dismiss_quarantined(ctx: AppContext, *, quarantine_id: int, reason: str, person: str, role: str) -> dict[str, Any]:
    """``creditctl quarantine dismiss ID --reason WHY`` on ``person``'s behalf
    (``quarantine.dismiss``, which records the audit event). Raises ``Forbidden`` (not an
    admin) and what ``quarantine.dismiss`` raises (``NotFoundError``, ``Refused``, ``UsageError``)."""
    _check_operator(role)
    return quarantine.dismiss(ctx, quarantine_id, reason=reason, operator=person)

"""Intake: a signed Zendesk webhook request becomes a durable ``received`` row, then a job.

Order (DESIGN.md): verify → validate → deduplicate → commit ``received`` → enqueue →
mark ``queued``. The row is committed before we answer; if the queue is down the row
stays ``received`` and the sweep enqueues it later (ZENDESK-NOTES.md: a 5xx feeds
Zendesk's circuit breaker, so only a database outage answers 503).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

import structlog
from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError, InterfaceError, DBAPIError

from creditctl import signature
from creditctl.db import session_scope
from creditctl.exceptions import InvalidPayload, SignatureInvalid, StorageUnavailable
from creditctl.models import Email, ProcessingStatus, Quarantine, utcnow
from creditctl.schemas import WebhookPayload
from creditctl.services.context import AppContext
from creditctl.services.events import record_event

log = structlog.get_logger(__name__)

LIVE_PRIORITY = 10
BACKFILL_PRIORITY = 1


@dataclass(frozen=True)
class IntakeResult:
    status: str  # "accepted" | "duplicate"
    email_id: int


def dedupe_key(payload: WebhookPayload) -> str:
    """Content key of an email: ticket + comment id, else ticket + a hash of the bodies.

    Zendesk may deliver one event several times, late and out of order
    (ZENDESK-NOTES.md, "Delivery"); this key makes a replay harmless.
    """
    if payload.comment_id:
        return f"t:{payload.ticket_id}:c:{payload.comment_id}"
    digest = hashlib.sha256(
        "\x00".join(
            [payload.side_conversation_id or "", payload.body_text or "", payload.body_html or ""]
        ).encode("utf-8", "replace")
    ).hexdigest()[:40]
    return f"t:{payload.ticket_id}:h:{digest}"


def _header(headers: Mapping[str, str], name: str) -> str | None:
    lower = name.lower()
    for key, value in headers.items():
        if key.lower() == lower:
            return value
    return None


def parse_payload(raw_body: bytes) -> WebhookPayload:
    """Decode and validate a webhook body. Raises ``InvalidPayload`` with the reason."""
    try:
        text = raw_body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidPayload(f"body is not valid UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "JSON nested too deeply"
        raise InvalidPayload(f"body is not JSON: {reason}") from None
    if not isinstance(data, dict):
        raise InvalidPayload("body must be a JSON object")
    try:
        return WebhookPayload.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()[:5]
        )
        raise InvalidPayload(f"invalid payload: {problems}") from None


def receive_webhook(
    ctx: AppContext,
    *,
    raw_body: bytes,
    headers: Mapping[str, str],
    verify_signature: bool = True,
) -> IntakeResult:
    """Store one webhook request durably and enqueue it.

    Returns ``IntakeResult("accepted"|"duplicate", email_id)``. Raises
    ``SignatureInvalid`` (→ 401), ``InvalidPayload`` (→ 400/422; a signed but invalid
    body is kept in the quarantine table first), ``StorageUnavailable`` (→ 503).
    A queue outage is not an error: the row stays ``received`` for the sweep.
    """
    if verify_signature and not signature.verify(
        ctx.settings.webhook_secrets,
        _header(headers, signature.TIMESTAMP_HEADER),
        raw_body,
        _header(headers, signature.SIGNATURE_HEADER),
    ):
        raise SignatureInvalid()
    invocation_id = _header(headers, signature.INVOCATION_HEADER) or None
    try:
        payload = parse_payload(raw_body)
    except InvalidPayload as exc:
        _quarantine(ctx, raw_body, headers, invocation_id, exc.message)
        raise
    try:
        result = store_email(ctx, payload, raw_body, invocation_id)
    except (OperationalError, InterfaceError) as exc:
        raise StorageUnavailable(f"database unavailable: {type(exc.orig).__name__ if hasattr(exc, 'orig') else exc}") from exc
    if result.status == "accepted":
        enqueue_email(ctx, result.email_id, reason="webhook")
    return result


def store_email(ctx: AppContext, payload: WebhookPayload, raw_body: bytes, invocation_id: str | None,
                *, source: str = "webhook") -> IntakeResult:
    """Commit one email as ``received`` unless it is a duplicate (invocation id or content key).

    Returns ``IntakeResult``; raises SQLAlchemy's ``OperationalError`` when the database is down.
    """
    key = dedupe_key(payload)
    existing = _find_duplicate(ctx, key, invocation_id)
    if existing is not None:
        return IntakeResult("duplicate", existing)
    try:
        with session_scope(ctx.db_url) as session:
            email = Email(
                ticket_id=payload.ticket_id,
                comment_id=payload.comment_id,
                side_conversation_id=payload.side_conversation_id,
                invocation_id=invocation_id,
                dedupe_key=key,
                from_email=payload.from_email,
                from_name=payload.from_name,
                subject=payload.subject,
                body_text=payload.body_text,
                body_html=payload.body_html,
                raw_payload=raw_body,
                headers=dict(payload.headers),
                source=source,
                processing_status=ProcessingStatus.RECEIVED,
                received_at=utcnow(),
                priority=LIVE_PRIORITY,
            )
            session.add(email)
            session.flush()
            record_event(
                session,
                email.id,
                "webhook",
                f"received from {'Zendesk' if source == 'webhook' else source}, ticket {payload.ticket_id}",
                to_status=ProcessingStatus.RECEIVED,
                worker=ctx.worker_name,
                data={"invocation_id": invocation_id, "bytes": len(raw_body)},
            )
            email_id = email.id
    except IntegrityError:
        existing = _find_duplicate(ctx, key, invocation_id)
        if existing is None:
            raise
        return IntakeResult("duplicate", existing)
    return IntakeResult("accepted", email_id)


def _find_duplicate(ctx: AppContext, key: str, invocation_id: str | None) -> int | None:
    with session_scope(ctx.db_url) as session:
        cond = Email.dedupe_key == key
        if invocation_id:
            cond = cond | (Email.invocation_id == invocation_id)
        return session.scalar(select(Email.id).where(cond).limit(1))


def _quarantine(ctx: AppContext, raw_body: bytes, headers: Mapping[str, str], invocation_id: str | None, reason: str) -> None:
    """Keep a signed request that failed validation, so nothing Zendesk sent is lost."""
    safe_headers = {
        k: v for k, v in headers.items() if k.lower() not in ("authorization", signature.SIGNATURE_HEADER.lower())
    }
    try:
        with session_scope(ctx.db_url) as session:
            session.add(
                Quarantine(
                    invocation_id=invocation_id,
                    reason=reason[:2000],
                    raw_body=raw_body,
                    headers=safe_headers,
                )
            )
    except DBAPIError as exc:
        raise StorageUnavailable("database unavailable while quarantining an invalid request") from exc


def enqueue_email(ctx: AppContext, email_id: int, *, reason: str, priority: int = LIVE_PRIORITY, delay_s: float = 0.0) -> bool:
    """Put ``email_id`` on the queue and mark it ``queued`` (only if still ``received``).

    Returns False (and records a warning event) when the queue is unreachable: the
    sweep re-enqueues the row later. Never raises for a queue outage, nor when only the
    ``queued`` bookkeeping fails after a successful enqueue (database gone meanwhile).
    """
    if ctx.enqueue is None:
        return False
    try:
        ctx.enqueue(email_id, priority=priority, delay_s=delay_s)
    except Exception as exc:  # the queue's client raises many types (redis, sqlite3)
        log.warning("enqueue_failed", email_id=email_id, error=type(exc).__name__)
        try:
            with session_scope(ctx.db_url) as session:
                record_event(
                    session, email_id, "error", f"enqueue failed ({type(exc).__name__}); the sweep will retry",
                    level="warning", worker=ctx.worker_name, error_class=type(exc).__name__,
                )
        except DBAPIError:
            pass
        return False
    try:
        with session_scope(ctx.db_url) as session:
            now = utcnow()
            result = session.execute(
                update(Email)
                .where(Email.id == email_id, Email.processing_status == ProcessingStatus.RECEIVED)
                .values(processing_status=ProcessingStatus.QUEUED, queued_at=now, updated_at=now)
            )
            if result.rowcount:
                record_event(
                    session, email_id, "transition", f"enqueued ({reason})",
                    from_status=ProcessingStatus.RECEIVED, to_status=ProcessingStatus.QUEUED,
                    worker=ctx.worker_name,
                )
    except DBAPIError as exc:
        # the message is on the queue and the row committed; only the bookkeeping is
        # missing (the row stays ``received``; a duplicate message later is harmless)
        log.warning("mark_queued_failed", email_id=email_id, error=type(exc).__name__)
    return True

"""Read models: one email's story, the whole system's state, and the event stream.

The dicts returned here are the documented ``--json`` contracts (README, "JSON output").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from creditctl.db import session_scope
from creditctl.exceptions import NotFoundError
from creditctl.models import (
    UNFINISHED_SQL,
    Claim,
    ClaimUpdate,
    Client,
    Email,
    Event,
    Quarantine,
    WorkerHeartbeat,
    utcnow,
)
from creditctl.pipeline.matching_types import REVIEW_STATUSES
from creditctl.services import counts
from creditctl.services.context import AppContext

STATE_TIMES = ("received_at", "queued_at", "processing_at", "parsed_at", "extracted_at", "retrying_at", "finished_at")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def event_dict(e: Event) -> dict[str, Any]:
    """One event as JSON (``tail --json`` line, ``status ID --json`` ``events`` item)."""
    return {
        "id": e.id,
        "email_id": e.email_id,
        "at": _iso(e.at),
        "kind": e.kind,
        "level": e.level,
        "from_status": e.from_status,
        "to_status": e.to_status,
        "message": e.message,
        "worker": e.worker,
        "attempt": e.attempt,
        "duration_ms": e.duration_ms,
        "error_class": e.error_class,
    }


def extracted_fields(extraction: dict[str, Any] | None) -> dict[str, Any]:
    """The extracted fields under the names ``creditctl extract --json`` uses."""
    keys = (
        "is_creditor_reply",
        "reply_kind",
        "creditor_name",
        "original_creditor",
        "client_name",
        "client_file_number",
        "creditor_references",
        "amounts",
        "currency",
        "statement_date",
        "confidence",
        "evidence",
        "extractor",
    )
    extraction = extraction or {}
    return {k: extraction.get(k) for k in keys}


def email_status(ctx: AppContext, email_id: int) -> dict[str, Any]:
    """Everything known about one email. Raises ``NotFoundError``."""
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(
                f"email {email_id} not found; recent emails are in `creditctl tail`, waiting ones in `creditctl review`"
            )
        events = session.scalars(select(Event).where(Event.email_id == email_id).order_by(Event.id)).all()
        updates = claim_updates(session, email_id)
        doc = {
            "id": email.id,
            "ticket_id": email.ticket_id,
            "comment_id": email.comment_id,
            "side_conversation_id": email.side_conversation_id,
            "from_email": email.from_email,
            "subject": email.subject,
            "processing_status": email.processing_status,
            "match_status": email.match_status,
            "mirror_status": email.mirror_status,
            "attempts": email.attempts,
            "runs": email.runs,
            "decided_by": email.decided_by,
            "last_error": email.last_error,
            "last_error_class": email.last_error_class,
            "next_attempt_at": _iso(email.next_attempt_at),
            "lease_owner": email.lease_owner,
            "lease_expires_at": _iso(email.lease_expires_at),
            "times": {k[:-3]: _iso(getattr(email, k)) for k in STATE_TIMES},
            "extractor": email.extractor,
            "tokens": {
                "input": email.input_tokens,
                "output": email.output_tokens,
                "cache_read": email.cache_read_tokens,
                "cache_write": email.cache_write_tokens,
            },
            "extracted": extracted_fields(email.extraction),
            "evidence_problems": (email.extraction or {}).get("evidence_problems", []),
            "match": email.match,
            "hold_reasons": hold_reasons(email.match_status, email.match),
            "readings": list((email.match or {}).get("readings") or []),
            "matched_claim_id": email.matched_claim_id,
            "alerted_at": _iso(email.alerted_at),
            "review_note": email.review_note,
            "events": [event_dict(e) for e in events],
            "claim_updates": updates,
        }
        doc.update(doc["extracted"])
        return doc


def hold_reasons(match_status: str | None, match: dict[str, Any] | None) -> list[str]:
    """Why an email is held (empty when it was applied or is not decided yet): the stored
    ``hold_reasons``, or — for rows decided before they were stored — the verdict reasons."""
    doc = match or {}
    if "hold_reasons" in doc:
        return list(doc.get("hold_reasons") or [])
    if match_status in ("needs_review", "no_match"):
        return list(doc.get("verdict_reasons") or [])
    return []


def claim_updates(session: Session, email_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ClaimUpdate, Claim, Client)
        .join(Claim, ClaimUpdate.claim_id == Claim.id)
        .join(Client, Claim.client_id == Client.id)
        .where(ClaimUpdate.email_id == email_id)
        .order_by(ClaimUpdate.id)
    ).all()
    return [
        {
            "id": cu.id,
            "claim_id": claim.id,
            "client_file_number": client.file_number,
            "client_name": client.name,
            "creditor_name": claim.creditor_name,
            "creditor_reference": claim.creditor_reference,
            "old_amount": str(cu.old_amount) if cu.old_amount is not None else None,
            "new_amount": str(cu.new_amount),
            "currency": cu.currency,
            "applied_by": cu.applied_by,
            "extractor": cu.extractor,
            "mirror_status": cu.mirror_status,
            "created_at": _iso(cu.created_at),
        }
        for cu, claim, client in rows
    ]


def system_status(ctx: AppContext, *, queue_depth: Mapping[str, int | str] | None = None) -> dict[str, Any]:
    """Counts per state and match status, the oldest unfinished email, the last hour, live workers.

    ``queue_depth``: ``{"pending": N, "scheduled": M}``, or ``{"error": text}`` when the queue
    is unreachable, shown as given."""
    now = utcnow()
    hour_ago = now - timedelta(hours=1)
    with session_scope(ctx.db_url) as session:
        counts.compact(session)
    with session_scope(ctx.db_url) as session:
        # per-state counts from the trigger-kept table (creditctl/services/counts.py): a few
        # rows whatever the number of emails; a person's decisions split out: approved / rejected
        by_state: dict[str, int] = {}
        by_match: dict[str, int] = {}
        decided: list[tuple[str, int]] = []
        for row in counts.state_counts(session):
            by_state[row.processing_status] = by_state.get(row.processing_status, 0) + row.n
            by_match[row.match_status] = by_match.get(row.match_status, 0) + row.n
            if row.by_person:
                decided.append((row.match_status, row.n))
        oldest = session.execute(
            # the partial index's predicate text (ix_emails_unfinished_received), see creditctl/metrics.py
            select(Email.id, Email.received_at).where(text(UNFINISHED_SQL)).order_by(Email.received_at).limit(1)
        ).first()
        received = session.scalar(select(func.count()).select_from(Email).where(Email.received_at >= hour_ago)) or 0
        finished = dict(
            session.execute(
                select(Email.processing_status, func.count())
                .where(Email.finished_at >= hour_ago)
                .group_by(Email.processing_status)
            ).all()
        )
        workers = session.scalars(
            select(WorkerHeartbeat).where(
                WorkerHeartbeat.seen_at >= now - timedelta(seconds=max(30.0, ctx.settings.lease_seconds))
            )
        ).all()
        holding: dict[str, list[int]] = {}
        for owner, held_id in session.execute(
            select(Email.lease_owner, Email.id).where(Email.lease_owner.is_not(None)).order_by(Email.id)
        ):
            if owner is not None:  # always: the query keeps leased rows only
                holding.setdefault(owner, []).append(held_id)
        done = sum(finished.values())
        quarantined = (
            session.scalar(select(func.count()).select_from(Quarantine).where(Quarantine.status == "waiting")) or 0
        )
    return {
        "total": sum(by_state.values()),
        "by_status": by_state,
        "by_match_status": by_match,
        "decided_by_person": {
            "approved": sum(n for st, n in decided if st == "auto_matched"),
            "rejected": sum(n for st, n in decided if st != "auto_matched"),
        },
        # what `review list` shows: held for a person and not decided by one yet
        "waiting_for_review": sum(by_match.get(st, 0) for st in REVIEW_STATUSES)
        - sum(n for st, n in decided if st in REVIEW_STATUSES),
        "oldest_unfinished": (
            {"id": oldest[0], "received_at": _iso(oldest[1]), "age_s": round((now - oldest[1]).total_seconds(), 1)}
            if oldest
            else None
        ),
        "last_hour": {
            "received": received,
            "finished": done,
            "failed": finished.get("failed", 0),
            "error_rate": round(finished.get("failed", 0) / done, 4) if done else 0.0,
        },
        "queue": queue_depth,
        "quarantined": quarantined,
        "workers": [
            {
                "name": w.name,
                "host": w.host,
                "pid": w.pid,
                "seen_at": _iso(w.seen_at),
                "rss_mb": w.rss_mb,
                "holding": holding.get(w.name, []),
            }
            for w in workers
        ],
    }


EVENT_LEVELS = ("debug", "info", "warning", "error")
MATCH_STATUSES = ("pending", "auto_matched", "needs_review", "no_match")


def validate_event_filters(
    *, status: str | None = None, level: str | None = None, match_state: str | None = None
) -> None:
    """Raise ``UsageError`` (exit 2) naming the valid values when a filter value is unknown."""
    from creditctl.exceptions import UsageError
    from creditctl.models import ProcessingStatus

    for option, value, valid in (
        ("--status", status, tuple(s.value for s in ProcessingStatus)),
        ("--level", level, EVENT_LEVELS),
        ("--match-status", match_state, MATCH_STATUSES),
    ):
        if value is not None and value not in valid:
            raise UsageError(f"{option} {value!r} is not one of: {', '.join(valid)}")


def _filtered(
    query: Any,
    *,
    since: datetime | None,
    email_id: int | None,
    status: str | None,
    creditor: str | None,
    level: str | None,
    match_state: str | None,
) -> Any:
    """``query`` over ``Event`` narrowed by the ``tail`` filters; each one is served by an
    index (events.at, email_id, to_status/from_status, level; emails.match_status,
    from_email/from_name and the matched claim's creditor for ``creditor``)."""
    if since is not None:
        query = query.where(Event.at >= since)
    if email_id is not None:
        query = query.where(Event.email_id == email_id)
    if status:
        query = query.where((Event.to_status == status) | (Event.from_status == status))
    if level:
        query = query.where(Event.level.in_(EVENT_LEVELS[EVENT_LEVELS.index(level) :]))
    if match_state:
        query = query.where(Event.email_id.in_(select(Email.id).where(Email.match_status == match_state)))
    if creditor:
        needle = f"%{creditor}%"
        query = query.where(
            Event.email_id.in_(
                select(Email.id)
                .outerjoin(Claim, Email.matched_claim_id == Claim.id)
                .where(
                    Email.from_email.ilike(needle) | Email.from_name.ilike(needle) | Claim.creditor_name.ilike(needle)
                )
            )
        )
    return query


def recent_events(
    ctx: AppContext,
    *,
    limit: int = 50,
    since: datetime | None = None,
    email_id: int | None = None,
    status: str | None = None,
    creditor: str | None = None,
    level: str | None = None,
    match_state: str | None = None,
) -> list[dict[str, Any]]:
    """The newest ``limit`` events matching the filters, oldest first (``tail``): reads only
    what it returns (``ORDER BY id DESC LIMIT limit``). Filter values: ``validate_event_filters``."""
    with session_scope(ctx.db_url) as session:
        query = _filtered(
            select(Event).order_by(Event.id.desc()).limit(max(0, limit)),
            since=since,
            email_id=email_id,
            status=status,
            creditor=creditor,
            level=level,
            match_state=match_state,
        )
        return [event_dict(e) for e in reversed(session.scalars(query).all())]


def events_after(
    ctx: AppContext,
    *,
    after_id: int = 0,
    since: datetime | None = None,
    email_id: int | None = None,
    status: str | None = None,
    creditor: str | None = None,
    level: str | None = None,
    match_state: str | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Events with id > ``after_id`` matching the filters, oldest first, at most ``limit`` (``tail -f``)."""
    with session_scope(ctx.db_url) as session:
        query = _filtered(
            select(Event).where(Event.id > after_id).order_by(Event.id).limit(limit),
            since=since,
            email_id=email_id,
            status=status,
            creditor=creditor,
            level=level,
            match_state=match_state,
        )
        return [event_dict(e) for e in session.scalars(query)]


def last_event_id(ctx: AppContext) -> int:
    """The id of the newest event (0 when there is none)."""
    with session_scope(ctx.db_url) as session:
        return session.scalar(select(func.max(Event.id))) or 0

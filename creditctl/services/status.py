"""Read models: one email's story, the whole system's state, and the event stream.

The dicts returned here are the documented ``--json`` contracts (README, "JSON output").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from creditctl.db import session_scope
from creditctl.exceptions import NotFoundError
from creditctl.models import (
    Claim,
    ClaimUpdate,
    Client,
    Email,
    Event,
)
from creditctl.queue import WaitingIds
from creditctl.services.context import AppContext
from creditctl.services.overview import system_status as system_status  # the overview lives ORM-free
from creditctl.services.stream import (  # the event stream lives ORM-free
    EVENT_FIELDS,
    EVENT_LEVELS as EVENT_LEVELS,
    MATCH_STATUSES as MATCH_STATUSES,
    event_doc,
    events_after as events_after,
    last_event_id as last_event_id,
    recent_events as recent_events,
    validate_event_filters as validate_event_filters,
)
from creditctl.services.sweep_rule import SWEEP_CLOCKS

STATE_TIMES = ("received_at", "queued_at", "processing_at", "parsed_at", "extracted_at", "retrying_at", "finished_at")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def event_dict(e: Event) -> dict[str, Any]:
    """One event as JSON (``tail --json`` line, ``status ID --json`` ``events`` item)."""
    return event_doc(tuple(getattr(e, name) for name in EVENT_FIELDS))


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


def email_status(ctx: AppContext, email_id: int, *, waiting: WaitingIds | None = None) -> dict[str, Any]:
    """Everything known about one email (``review_decision``: the person's approval or
    rejection that stands, ``review.decision_of``, or None). ``not_in_queue``: with
    ``waiting`` (``unqueued.waiting_reader``) and the email waiting ``received``/``queued``/
    ``retrying``, ``unqueued.email_note`` — stored but not in the queue, what re-enqueues it
    and when — else None (``waiting`` is called only then). Raises ``NotFoundError``."""
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(
                f"email {email_id} not found; recent emails are in `creditctl tail`, waiting ones in `creditctl review`"
            )
        events = session.scalars(select(Event).where(Event.email_id == email_id).order_by(Event.at, Event.id)).all()
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
        # a person's decision that stands (approved or rejected, by whom, when): the review
        # service's one rule, so the CLI says what the desk says
        from creditctl.services.review import decision_of, reading_warnings

        doc["review_decision"] = decision_of(session, email_id)
        # the extractor's warnings (README "status ID --json": every extract field), its "not
        # named" restated with what the matcher found, as the desk shows it
        doc["extracted"]["warnings"] = reading_warnings(email.extraction or {}, email.match)
        doc.update(doc["extracted"])
    doc["not_in_queue"] = None
    if waiting is not None and doc["processing_status"] in SWEEP_CLOCKS:
        from creditctl.dbapi import reading
        from creditctl.services import unqueued

        with reading(ctx.db_url) as db:
            doc["not_in_queue"] = unqueued.email_note(db, ctx.settings, email_id, waiting=waiting)
    return doc


def hold_reasons(match_status: str | None, match: dict[str, Any] | None) -> list[str]:
    """Why an email is held (empty when it was applied or is not decided yet), most severe
    first (``pipeline.gate.by_severity``: injection, dispute, enforcement, sale, credit
    before the reading, plausibility and matching): the stored ``hold_reasons``, or — for
    rows decided before they were stored — the verdict reasons. Every face that shows
    "the" reason shows the first of this list."""
    if match_status not in ("needs_review", "no_match"):
        # applied (a person's approval keeps why it was held in ``match["hold_reasons"]``,
        # README "status ID --json") or not decided yet: not held
        return []
    return stored_hold_reasons(match_status, match)


def stored_hold_reasons(match_status: str | None, match: dict[str, Any] | None) -> list[str]:
    """Why the gate held the email, whatever became of it since (a person's approval keeps
    them): the stored ``hold_reasons`` most severe first, or — for rows decided before they
    were stored — the verdict reasons when ``match_status`` is a review state."""
    from creditctl.pipeline.gate import by_severity

    doc = match or {}
    if "hold_reasons" in doc:
        return by_severity(str(r) for r in doc.get("hold_reasons") or [])
    if match_status in ("needs_review", "no_match"):
        return by_severity(str(r) for r in doc.get("verdict_reasons") or [])
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

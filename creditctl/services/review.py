"""Review: the person in the loop for emails the gate would not apply on its own.

An email waits for review when its processing is ``completed``, its ``match_status`` is
``needs_review`` or ``no_match`` and nobody closed it yet (``review_note`` is NULL).

* ``pending`` lists them with their candidates, scores, reasons, evidence and amounts.
* ``approve`` applies the write exactly as an automatic match does (DESIGN.md, issue 10
  item 3): ``claims.apply_claim_update`` (history row with ``applied_by="review:<who>"``,
  idempotency key, mirror outbox), the email's ``match_status`` set to ``auto_matched``
  with the claim, a ``review`` event, the auto-match notice (``Freigegeben von``) and
  the Zendesk note, all in ONE transaction; the mirror and outbox tasks are kicked after
  the commit.
* ``reject`` closes the review with the reason; no claim changes.

Closing is a compare-and-set on the email row (still waiting, ``review_note`` NULL), so
two operators approving the same email at once write the claim once.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from creditctl.db import session_scope
from creditctl.exceptions import CreditctlError, NotFoundError, Refused, UsageError
from creditctl.models import Claim, Client, Email, ProcessingStatus as S, utcnow
from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.pipeline.gate import MAX_CLAIM_AMOUNT, Verdict
from creditctl.pipeline.matching_types import MatchStatus
from creditctl.services import claims, notifications
from creditctl.services.clients import parse_amount_text
from creditctl.services.context import AppContext
from creditctl.services.events import record_event

REVIEW_STATUSES = (MatchStatus.NEEDS_REVIEW.value, MatchStatus.NO_MATCH.value)
_AMOUNT = re.compile(r"\d+(?:[.,]\d{1,2})?|\d{1,3}(?:\.\d{3})+,\d{1,2}")
"""Accepted ``--amount`` spellings: plain with a point or comma decimal, or German
thousands points with a comma decimal (``1.234`` alone is ambiguous and refused)."""


# listing -----------------------------------------------------------------------------

def pending(ctx: AppContext) -> list[dict[str, Any]]:
    """Emails waiting for a person, oldest first.

    Each item: ``id``, ``ticket_id``, ``side_conversation_id``, ``from_email``,
    ``from_name``, ``subject``, ``received_at`` (ISO 8601, UTC), ``match_status``,
    ``reasons`` (the gate's verdict reasons), ``candidates`` (list of ``claim_id``,
    ``score``, ``reasons``, ``client_file_number``, ``client_name``, ``creditor_name``,
    ``creditor_reference``, ``amount`` (str, the claim's current amount, or None),
    ``currency``; client fields None when the claim is gone), ``extracted``
    (``reply_kind``, ``total`` (str or None), ``currency``, ``creditor_name``,
    ``client_name``, ``client_file_number``, ``references``, ``evidence`` list of
    ``field``/``text``/``source``) and ``evidence_problems``.
    """
    with session_scope(ctx.db_url) as session:
        emails = session.scalars(
            select(Email)
            .where(Email.processing_status == S.COMPLETED, Email.match_status.in_(REVIEW_STATUSES),
                   Email.review_note.is_(None))
            .order_by(Email.received_at, Email.id)
        ).all()
        claim_ids = {c.get("claim_id") for e in emails for c in _candidates(e) if c.get("claim_id") is not None}
        claim_rows = _claims_by_id(session, claim_ids)
        return [_item(e, claim_rows) for e in emails]


def _candidates(email: Email) -> list[dict[str, Any]]:
    return [c for c in (email.match or {}).get("candidates") or [] if isinstance(c, dict)]


def _claims_by_id(session: Session, ids: set[int]) -> dict[int, tuple[Claim, Client]]:
    if not ids:
        return {}
    rows = session.execute(
        select(Claim, Client).join(Client, Claim.client_id == Client.id).where(Claim.id.in_(ids))
    ).all()
    return {claim.id: (claim, client) for claim, client in rows}


def _item(email: Email, claim_rows: dict[int, tuple[Claim, Client]]) -> dict[str, Any]:
    extraction = email.extraction or {}
    amounts = extraction.get("amounts") or {}
    candidates = []
    for cand in _candidates(email):
        claim, client = claim_rows.get(cand.get("claim_id"), (None, None))
        candidates.append({
            "claim_id": cand.get("claim_id"),
            "score": cand.get("score") or 0.0,
            "reasons": list(cand.get("reasons") or []),
            "client_file_number": client.file_number if client else None,
            "client_name": client.name if client else None,
            "creditor_name": claim.creditor_name if claim else None,
            "creditor_reference": claim.creditor_reference if claim else None,
            "amount": str(claim.amount) if claim is not None and claim.amount is not None else None,
            "currency": claim.currency if claim else None,
        })
    total = amounts.get("total")
    return {
        "id": email.id,
        "ticket_id": email.ticket_id,
        "side_conversation_id": email.side_conversation_id,
        "from_email": email.from_email,
        "from_name": email.from_name,
        "subject": email.subject,
        "received_at": email.received_at.isoformat() if email.received_at else None,
        "match_status": email.match_status,
        "reasons": list((email.match or {}).get("verdict_reasons") or []),
        "candidates": candidates,
        "extracted": {
            "reply_kind": extraction.get("reply_kind"),
            "total": str(total) if total is not None else None,
            "currency": extraction.get("currency"),
            "creditor_name": extraction.get("creditor_name"),
            "client_name": extraction.get("client_name"),
            "client_file_number": extraction.get("client_file_number"),
            "references": list(extraction.get("creditor_references") or []),
            "evidence": [
                {"field": ev.get("field"), "text": ev.get("text"), "source": ev.get("source", "body")}
                for ev in extraction.get("evidence") or [] if isinstance(ev, dict)
            ],
        },
        "evidence_problems": list(extraction.get("evidence_problems") or []),
    }


# deciding ----------------------------------------------------------------------------

def approve(ctx: AppContext, *, email_id: int, claim_id: int, amount_text: str | None,
            operator: str) -> dict[str, Any]:
    """Apply ``email_id``'s amount to ``claim_id`` as an automatic match would, recording
    ``operator`` as the approver.

    ``amount_text``: ``"1234.56"``, ``"1.234,56"`` or ``"1234,56"`` (Decimal, 2 places, in
    the claim's currency); None means the extracted total (refused when the extraction
    states another currency than the claim's). Returns ``email_id``, ``claim_id``,
    ``write_status`` (applied | unchanged | superseded | already_applied, see
    ``claims.WriteResult``), ``old_amount`` and ``new_amount`` (str or None),
    ``currency``, ``approved_by``.

    Raises ``NotFoundError`` for an unknown email or claim, ``UsageError`` when the email
    is not waiting for review, the amount is missing, unreadable or implausible.
    """
    who = _operator(operator)
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(f"email {email_id} does not exist")
        _ensure_waiting(email)
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise NotFoundError(f"claim {claim_id} does not exist; pick one from `creditctl review`")
        result = _reading(email)
        currency = (claim.currency or result.currency or "EUR").upper()
        amount = _amount(amount_text, result, currency)
        received_at: datetime | None = email.received_at
        row = _row(email)
        confidence = _candidate_score(email, claim_id)

        _close(session, email_id, match_status=MatchStatus.AUTO_MATCHED.value, matched_claim_id=claim_id,
               review_note=f"approved by {who}", decided_by="person")
        write = claims.apply_claim_update(
            session, ctx, email_id=email_id, claim_id=claim_id, new_amount=amount, currency=currency,
            extractor=email.extractor or "manual", applied_by=f"review:{who}", email_received_at=received_at,
        )
        applied = write.status == "applied"
        mirror_pending = applied and ctx.mirror is not None
        if mirror_pending:
            session.execute(update(Email).where(Email.id == email_id).values(mirror_status="pending"))
        old = str(write.old_amount) if write.old_amount is not None else None
        new = str(write.new_amount) if write.new_amount is not None else None
        record_event(session, email_id, "review",
                     f"approved by {who}: claim {claim_id} {write.status} ({old or '—'} → {new} {currency})",
                     worker=ctx.worker_name,
                     data={"operator": who, "decision": "approved", "claim_id": claim_id,
                           "write_status": write.status, "old": old, "new": new, "currency": currency,
                           "amount_given": amount_text is not None,
                           "among_candidates": confidence is not None})
        if applied:
            notifications.queue_auto_match(
                session, ctx, email_id=email_id, claim_id=claim_id, old_amount=write.old_amount,
                new_amount=write.new_amount or amount, result=result, row=row, confidence=confidence or 0.0,
                approved_by=who)
        verdict = Verdict(S.COMPLETED.value, MatchStatus.AUTO_MATCHED.value, True, claim_id, amount,
                          (f"approved by {who}",))
        notifications.queue_zendesk_note(session, ctx, email_id=email_id, row=row, verdict=verdict,
                                         result=result, write_status=write.status)
    if mirror_pending:
        notifications.kick_mirror(ctx, email_id)
    notifications.kick_outbox(ctx)
    return {"email_id": email_id, "claim_id": claim_id, "write_status": write.status, "old_amount": old,
            "new_amount": new, "currency": currency, "approved_by": who}


def reject(ctx: AppContext, *, email_id: int, reason: str, operator: str) -> dict[str, Any]:
    """Close ``email_id``'s review without changing any claim.

    Returns ``email_id``, ``status`` ("rejected"), ``reason``, ``by``. Raises
    ``NotFoundError`` for an unknown email, ``UsageError`` for an empty reason or an
    email not waiting for review.
    """
    who = _operator(operator)
    why = " ".join((reason or "").split())
    if not why:
        raise UsageError("give a reason: creditctl review reject ID --reason \"...\"")
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(f"email {email_id} does not exist")
        _ensure_waiting(email)
        _close(session, email_id, review_note=f"rejected by {who}: {why}", decided_by="person")
        record_event(session, email_id, "review", f"rejected by {who}: {why}", worker=ctx.worker_name,
                     data={"operator": who, "decision": "rejected", "reason": why})
    return {"email_id": email_id, "status": "rejected", "reason": why, "by": who}


# helpers -----------------------------------------------------------------------------

def _operator(operator: str) -> str:
    who = (operator or "").strip()
    if not who:
        raise UsageError("the operator's name is empty")
    return who


def _ensure_waiting(email: Email) -> None:
    """Raise ``Refused`` saying why ``email`` is not waiting for review."""
    if email.processing_status != S.COMPLETED:
        raise Refused(f"email {email.id} is not waiting for review: it is {email.processing_status}")
    if email.review_note is not None:
        raise Refused(f"email {email.id} was already reviewed ({email.review_note})")
    if email.match_status not in REVIEW_STATUSES:
        raise Refused(f"email {email.id} is not waiting for review: match status {email.match_status}")


def _close(session: Session, email_id: int, **values: Any) -> None:
    """Compare-and-set: close the review only if it is still open (else ``Refused``)."""
    done = session.execute(
        update(Email)
        .where(Email.id == email_id, Email.processing_status == S.COMPLETED,
               Email.match_status.in_(REVIEW_STATUSES), Email.review_note.is_(None))
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session="fetch")
    )
    if not done.rowcount:
        raise Refused(f"email {email_id} was reviewed or reprocessed meanwhile; see `creditctl status {email_id}`")


def _reading(email: Email) -> ExtractionResult:
    """The stored extraction as an ``ExtractionResult`` (a bare one when unreadable)."""
    doc = {k: v for k, v in (email.extraction or {}).items() if k != "evidence_problems"}
    try:
        return ExtractionResult.model_validate(doc)
    except ValidationError:
        return ExtractionResult(extractor=email.extractor or "manual")


def _amount(amount_text: str | None, result: ExtractionResult, claim_currency: str) -> Decimal:
    """The amount to apply (Decimal, 2 places); raises ``UsageError`` (see ``approve``)."""
    if amount_text is None:
        total = result.amounts.total
        if total is None:
            raise UsageError("no extracted amount; pass --amount")
        stated = (result.currency or "").upper()
        if stated and stated != claim_currency:
            raise UsageError(f"the extracted amount is in {stated}, the claim in {claim_currency}; "
                             f"pass --amount in {claim_currency}")
        amount = total.quantize(Decimal("0.01"))
    else:
        amount = _parse_amount(amount_text)
    if amount < 0 or amount > MAX_CLAIM_AMOUNT:
        raise UsageError(f"amount {amount} is implausible (0 to {MAX_CLAIM_AMOUNT})")
    return amount


def _parse_amount(text: str) -> Decimal:
    """``"1234.56"``, ``"1234,56"``, ``"1.234,56"`` (optionally with ``€``/``EUR``) →
    Decimal, 2 places. Anything else — ``"1.234"`` (a thousand, or one point two
    three?), ``"1,234.56"``, three decimals — is refused, never guessed or rounded."""
    bare = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if not _AMOUNT.fullmatch(bare):
        raise UsageError(f"--amount {text!r} is not an amount like 1234.56, 1234,56 or 1.234,56")
    try:
        value = parse_amount_text(bare, "--amount")
    except CreditctlError:
        raise UsageError(f"--amount {text!r} is not a number; write e.g. 1234.56 or 1.234,56") from None
    if value is None:
        raise UsageError("--amount is empty")
    return value


def _row(email: Email) -> dict[str, Any]:
    return {"ticket_id": email.ticket_id, "side_conversation_id": email.side_conversation_id,
            "from_email": email.from_email, "from_name": email.from_name, "received_at": email.received_at}


def _candidate_score(email: Email, claim_id: int) -> float | None:
    """The matcher's score for ``claim_id`` (None when it was not a candidate)."""
    for cand in _candidates(email):
        if cand.get("claim_id") == claim_id:
            try:
                return float(cand.get("score") or 0.0)
            except (TypeError, ValueError):
                return 0.0
    return None

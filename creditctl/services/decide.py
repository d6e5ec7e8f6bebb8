"""The last step of processing: match, gate, and (only when certain) the claim write.

The email's final transition, the claim write, its history row and the notification
rows commit in one transaction; the mirror and Zendesk write-back follow from outbox
rows, so neither can block or undo the claim write.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from creditctl.db import session_scope
from creditctl.models import Email, ProcessingStatus as S
from creditctl.pipeline import safety
from creditctl.pipeline.cleaning_quotes import postscript
from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE
from creditctl.pipeline.extraction.model import ExtractionResult, ReplyKind
from creditctl.pipeline.gate import ENFORCEMENT_MAIL, Verdict, applied_total, decide
from creditctl.pipeline.matching import creditor_problems, match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchResult, MatchStatus, MatchThresholds
from creditctl.pipeline.safety_claims import claim_problems
from creditctl.pipeline.safety_several import several_claims_problems
from creditctl.services import claims, notifications, reading
from creditctl.services.context import AppContext
from creditctl.services.counts import waiting_clause
from creditctl.services.events import event_row
from creditctl.services.processing_types import ProcessOutcome

if TYPE_CHECKING:
    from creditctl.services.processing import Step


def match_context(row: Mapping[str, Any], parsed: Mapping[str, Any]) -> MatchContext:
    """What the matcher reads of an email besides its extraction: the ticket, the side
    conversation, the sender and the cleaned reply text (``parsed["reply"]``)."""
    return MatchContext(
        ticket_id=row.get("ticket_id"),
        side_conversation_id=row.get("side_conversation_id"),
        from_email=row.get("from_email") or "",
        from_name=row.get("from_name") or "",
        reply_text=parsed.get("reply") or "",
    )


def thresholds(ctx: AppContext) -> MatchThresholds:
    s = ctx.settings
    return MatchThresholds(auto=s.match_auto_threshold, review=s.match_review_threshold, margin=s.match_margin)


def match_document(match: MatchResult | None, verdict: Verdict) -> dict[str, Any]:
    """The match and verdict as stored on the email (``emails.match``)."""
    return {
        "status": verdict.match_status,
        "claim_id": verdict.claim_id,
        "score": match.score if match else 0.0,
        "reason": match.reason if match else "",
        "candidates": [
            {
                "claim_id": c.claim_id,
                "score": round(c.score, 4),
                "reasons": list(c.reasons),
                # what the matcher found of the claim's creditor and client (the desk's
                # "not named" warnings and "sender unknown" mark read these, never the reasons)
                "creditor_found": c.creditor_found,
                "client_found": c.client_found,
            }
            for c in (match.candidates if match else ())
        ],
        "verdict_reasons": list(verdict.reasons),
        # why a person must look (empty when applied, or closed as not a creditor reply)
        "hold_reasons": [] if verdict.apply or verdict.processing_status != "completed" else list(verdict.reasons),
        "notes": list(verdict.notes),
        "readings": [dict(r) for r in verdict.readings],
        "readings_disagree": len({r.get("total") for r in verdict.readings if r.get("total") is not None}) > 1,
        "injection": verdict.injection,
        "credit": verdict.credit,
        "amount": str(verdict.amount) if verdict.amount is not None else None,
        # the claim the email is about even when held (the matcher's choice; for an
        # enforcement notice its one best candidate): ``pending_handover`` reads it
        "about_claim_id": about_claim(match),
    }


def about_claim(match: MatchResult | None) -> int | None:
    """The claim an email is about, held or not: the matcher's choice, else (an
    enforcement notice's context match) the one candidate scoring above all others; None
    when there is none or the best are tied."""
    if match is None:
        return None
    if match.claim_id is not None:
        return match.claim_id
    ranked = sorted(match.candidates, key=lambda c: c.score, reverse=True)
    if ranked and ranked[0].score > 0 and (len(ranked) == 1 or ranked[0].score > ranked[1].score):
        return ranked[0].claim_id
    return None


HANDOVER_HOLDS = (
    ("sold or assigned", ("claim sold or assigned to a new holder",)),
    ("under enforcement", ("court or bailiff enforcement", ENFORCEMENT_MAIL)),
)
"""The starts of a hold reason saying the email's own reading found the claim sold,
assigned or handed over (``ReplyKind.CLAIM_ASSIGNED``, ``safety.find_assignment``), or
under court, bailiff or enforcement action (``ReplyKind.ENFORCEMENT``, its safety flag),
with the words ``pending_handover`` names them by. A reason that only points at another
email's hold (``pending_handover``'s own) starts otherwise, so it never chains."""


def pending_handover(session: Session, email_id: int | None, claim_id: int) -> tuple[int, str] | None:
    """``(email id, what it reported)`` of an email still waiting for a person (``counts.
    waiting_clause``) whose hold says claim ``claim_id`` was sold, assigned, handed over or
    is under enforcement (``HANDOVER_HOLDS``), other than ``email_id``; the oldest, or None.

    While such an email waits, no other reply's figure is applied to that claim
    automatically: the holder or the situation of record may have changed. A person's
    decision on it (approve or reject) resolves it; ``undo`` puts it back to waiting."""
    query = (
        select(Email.id, Email.match)
        .where(waiting_clause(), Email.match["about_claim_id"].as_integer() == claim_id)
        .order_by(Email.received_at, Email.id)
    )
    if email_id is not None:
        query = query.where(Email.id != email_id)
    for other_id, match in session.execute(query):
        doc = match if isinstance(match, dict) else {}
        for reason in doc.get("hold_reasons") or []:
            for what, prefixes in HANDOVER_HOLDS:
                if isinstance(reason, str) and reason.startswith(prefixes):
                    return int(other_id), what
    return None


def handover_reason(claim_id: int, what: str, email_id: int) -> str:
    """The hold reason of a reply for claim ``claim_id`` while email ``email_id`` — which
    reported it ``what`` (a name of ``HANDOVER_HOLDS``) — waits for a person; the desk renders
    it in German (``desk/reasons.py``)."""
    return f"claim {claim_id} reported {what} in email {email_id}, waiting for review: a person decides"


def held_on(session: Session, email_id: int) -> list[int]:
    """The emails still waiting for a person (``counts.waiting_clause``) whose hold names
    ``email_id`` as the one reporting their claim sold, assigned, handed over or under
    enforcement (``handover_reason``): a person's decision on ``email_id`` changes what
    their hold depends on, so they are read again (``review._rejudge_held_on``). Oldest first."""
    about = (session.scalar(select(Email.match).where(Email.id == email_id)) or {}).get("about_claim_id")
    if about is None:
        return []
    query = (
        select(Email.id, Email.match)
        .where(waiting_clause(), Email.match["about_claim_id"].as_integer() == int(about), Email.id != email_id)
        .order_by(Email.received_at, Email.id)
    )
    found = []
    for other_id, match in session.execute(query):
        reasons = (match if isinstance(match, dict) else {}).get("hold_reasons") or []
        if any(
            isinstance(r, str) and r == handover_reason(int(about), what, email_id)
            for r in reasons
            for what, _ in HANDOVER_HOLDS
        ):
            found.append(int(other_id))
    return found


def waiting_on_claim(session: Session, email_id: int) -> list[int]:
    """The emails other than ``email_id`` still waiting for a person (``counts.waiting_clause``)
    about the claim ``email_id`` is about (``match.about_claim_id``): an undo of the decision on
    ``email_id`` changes that claim (its amount or holder) and puts its own hold back, so they are
    judged again on the claim as restored (``review._rejudge_waiting_on``). Oldest first."""
    about = (session.scalar(select(Email.match).where(Email.id == email_id)) or {}).get("about_claim_id")
    if about is None:
        return []
    query = (
        select(Email.id)
        .where(waiting_clause(), Email.match["about_claim_id"].as_integer() == int(about), Email.id != email_id)
        .order_by(Email.received_at, Email.id)
    )
    return [int(i) for i in session.scalars(query)]


def handover_hold(session: Session, email_id: int | None, claim_id: int) -> str | None:
    """The hold reason (``handover_reason``) for email ``email_id`` applying to claim
    ``claim_id`` while another email still waiting reports that claim sold, assigned, handed
    over or under enforcement (``pending_handover``), else None. The one check of the real
    run (``evaluate``) and of ``reprocess --dry-run`` (``backfill.dry_run``), so both agree."""
    pending = pending_handover(session, email_id, claim_id)
    if pending is None:
        return None
    other, what = pending
    return handover_reason(claim_id, what, other)


def _held_for_handover(session: Session, row: dict[str, Any], verdict: Verdict) -> Verdict:
    """``verdict``, or — when it would apply to a claim that an email still waiting for a
    person reported sold, assigned, handed over or under enforcement (``pending_handover``)
    — held with a reason naming that email."""
    if not verdict.apply or verdict.claim_id is None:
        return verdict
    reason = handover_hold(session, row.get("id"), verdict.claim_id)
    return verdict if reason is None else _held(verdict, reason)


def sold_reason(new_holder: str, sold_on: str, old_holder: str) -> str:
    """The hold reason of a reply from ``old_holder`` about a claim a person recorded sold to
    ``new_holder`` on ``sold_on`` (ISO date); the desk renders it in German (``desk/reasons.py``)."""
    return (
        f"claim sold to {new_holder} on {sold_on}: a reply of the previous holder {old_holder} "
        "is not applied, a person decides"
    )


_SOLD_REASON = re.compile(
    r"^claim sold to .+ on \d{4}-\d{2}-\d{2}: a reply of the previous holder (?P<old>.+) is not applied, "
)


def previous_holder_of(reason: str) -> str | None:
    """The previous holder a ``sold_reason`` names (the worker held the reply as that
    holder's), or None for any other reason — a reply reporting a sale among them."""
    m = _SOLD_REASON.match(reason)
    return m["old"] if m else None


def _held_for_sale(
    session: Session,
    ctx: AppContext,
    row: dict[str, Any],
    result: ExtractionResult,
    verdict: Verdict,
    candidates: Sequence[ClaimCandidate],
    parsed: dict[str, Any] | None,
    about: int | None,
) -> Verdict:
    """``verdict``, or — when the reply is about a claim (``verdict``'s, else ``about``) a
    person recorded sold or assigned (``claims.standing_holder_change``) and its creditor
    fits the previous holder (sender address or domain, or the creditor or agent it names:
    ``matching.creditor_problems``) but not the one holding it now — held with
    ``sold_reason`` first (instead of applying; before the other reasons of a hold). The
    new holder's replies are judged as any other."""
    claim_id = verdict.claim_id if verdict.claim_id is not None else about
    if claim_id is None or verdict.processing_status != "completed":
        return verdict
    change = claims.standing_holder_change(session, claim_id)
    current = next((c for c in candidates if c.claim_id == claim_id), None)
    if change is None or current is None:
        return verdict
    if parsed is None:
        parsed = reading.clean_values(ctx.settings, row)
    context = match_context(row, parsed)
    previous = replace(
        current,
        creditor_name=change.old_creditor_name,
        agent_name=change.old_agent_name,
        creditor_emails=tuple(change.old_creditor_emails or ()),
    )
    if creditor_problems(result, context, previous) or not creditor_problems(result, context, current):
        return verdict
    reason = sold_reason(change.new_creditor_name, change.sold_at.date().isoformat(), change.old_creditor_name)
    return Verdict(
        verdict.processing_status,
        MatchStatus.NEEDS_REVIEW if verdict.apply else verdict.match_status,
        False,
        None,
        None,
        (reason,) if verdict.apply else (reason, *(r for r in verdict.reasons if r != reason)),
        verdict.notes,
        verdict.readings,
        verdict.injection,
        verdict.credit,
    )


def judge(
    ctx: AppContext,
    row: dict[str, Any],
    result: ExtractionResult,
    evidence_problems: list[str],
    candidates: Sequence[ClaimCandidate],
    parsed: dict[str, Any] | None = None,
    *,
    ahead: list[safety.Reading] | None = None,
) -> tuple[MatchResult | None, Verdict]:
    """Match one reading against ``candidates``, run the safety layer and gate it.

    The one place processing, ``reprocess --dry-run`` and ``creditctl eval`` decide (pure:
    no I/O; the second readings are cleaning plus the rules extractor). ``parsed``: the
    cleaned email (``reading.clean_values``; cleaned here from ``row`` when None). The
    claim's currency and stored amount are taken from the matched candidate. ``ahead``:
    ``reading.readings_ahead`` of this email, read before the answer came (the worker), or
    None: read here (``reading.second_readings``; the same readings either way).
    """
    match = None
    claim_currency = None
    stored_amount = None
    if result.is_creditor_reply:
        if parsed is None:
            parsed = reading.clean_values(ctx.settings, row)
        context = match_context(row, parsed)
        match = match_claim(result, context, candidates, thresholds(ctx))
        if match.claim_id is not None:
            chosen = next((c for c in candidates if c.claim_id == match.claim_id), None)
            if chosen is not None:
                claim_currency, stored_amount = chosen.currency, chosen.amount
    elif result.reply_kind == ReplyKind.ENFORCEMENT and candidates:
        if parsed is None:
            parsed = reading.clean_values(ctx.settings, row)
        match = _context_match(ctx, row, result, candidates, parsed.get("reply") or "")
    report = None
    if result.is_creditor_reply and parsed is not None:
        report = safety_report(ctx, row, parsed, result, stored_amount, ahead=ahead)
        if match is not None and match.claim_id is not None:
            report = _with_claim_problems(report, parsed, result, match.claim_id, candidates)
    verdict = decide(result, match, evidence_problems, claim_currency=claim_currency, safety=report)
    if verdict.apply:  # the claim as judged: the write applies it only onto that claim
        verdict = replace(verdict, judged_amount=stored_amount)
    return match, verdict


def _context_match(
    ctx: AppContext,
    row: dict[str, Any],
    result: ExtractionResult,
    candidates: Sequence[ClaimCandidate],
    reply_text: str,
) -> MatchResult | None:
    """The claims a court, bailiff or enforcement notice (not a creditor's reply) names, as
    candidates for the person who reads it — context only: no claim is chosen (``claim_id``
    None, no reason), and the gate holds the email whatever they score
    (``pipeline.gate.ENFORCEMENT_MAIL``). None when no claim scores above 0."""
    context = MatchContext(
        ticket_id=row.get("ticket_id"),
        side_conversation_id=row.get("side_conversation_id"),
        from_email=row.get("from_email") or "",
        from_name=row.get("from_name") or "",
        reply_text=reply_text,
    )
    found = match_claim(result.model_copy(update={"is_creditor_reply": True}), context, candidates, thresholds(ctx))
    if not found.candidates or found.score <= 0:
        return None
    return MatchResult(MatchStatus.NEEDS_REVIEW, score=found.score, candidates=found.candidates)


def _with_claim_problems(
    report: safety.SafetyReport,
    parsed: dict[str, Any],
    result: ExtractionResult,
    claim_id: int,
    candidates: Sequence[ClaimCandidate],
) -> safety.SafetyReport:
    """``report`` with the checks of the reading against the office's claims
    (``pipeline.safety_claims``: another claim named too, a look-alike account, another
    person's date of birth; ``pipeline.safety_several``: a mail about several claims that
    does not tie the figure to the matched one) added to its reasons. The creditor's own text is the reply, its
    signature (a reference is often written there) and the attachments."""
    matched = next((c for c in candidates if c.claim_id == claim_id), None)
    if matched is None:
        return report
    attachments = [a.get("text") or "" for a in parsed.get("attachment_texts") or [] if isinstance(a, dict)]
    own_text = "\n".join([parsed.get("reply") or "", parsed.get("signature") or "", *attachments])
    total = applied_total(result)
    problems = claim_problems(
        own_text=own_text,
        matched=matched,
        candidates=candidates,
        references=result.creditor_references,
        total=total,
    ) + several_claims_problems(own_text=own_text, matched=matched, candidates=candidates, total=total)
    return replace(report, reasons=report.reasons + tuple(problems)) if problems else report


def safety_report(
    ctx: AppContext,
    row: dict[str, Any],
    parsed: dict[str, Any],
    result: ExtractionResult,
    stored_amount: Decimal | None,
    *,
    ahead: list[safety.Reading] | None = None,
) -> safety.SafetyReport:
    """The safety layer's checks (``pipeline.safety.check``) on one email's reading
    (``ahead``: as ``judge``'s)."""
    attachments = [a for a in parsed.get("attachment_texts") or [] if isinstance(a, dict)]
    own = {"body": parsed.get("reply") or ""}
    own.update({f"attachment:{a.get('file_name', '')}": a.get("text") or "" for a in attachments})
    if row.get("subject") and SEE_SUBJECT_RE.search(own["body"]):
        # "siehe Betreff" / "see subject": the subject is the creditor's text, checked like the body
        own["subject"] = row["subject"]
    html = row.get("body_html") or ""
    raw = [
        row.get("body_text") or "",
        safety.visible_and_hidden_text(html),
        row.get("subject") or "",
        parsed.get("reply") or "",
        parsed.get("signature") or "",
    ] + [a.get("text") or "" for a in attachments]
    evidence = [(ev.source, ev.text) for ev in result.evidence if ev.field in ("amounts.total", "total")]
    s = ctx.settings
    return safety.check(
        total=applied_total(result),
        reply_kind=result.reply_kind.value,
        own_texts=own,
        quoted_text=parsed.get("quoted") or "",
        raw_texts=raw,
        total_evidence=evidence,
        readings=reading.second_readings(s, row, parsed, result, ahead=ahead),
        stored_amount=stored_amount,
        bounds=plausibility_bounds(ctx),
        unread_attachments=[(a.get("file_name", ""), a["problem"]) for a in attachments if a.get("problem")],
        html=html,
        postscripts=[postscript(parsed.get("signature") or "")],
        joined=bool(parsed.get("joined")),
        subject=row.get("subject") or "",
    )


def plausibility_bounds(ctx: AppContext) -> safety.Bounds:
    """The plausibility bounds of the settings (``plausible_max_drop``, ``plausible_max_rise``):
    the gate's check and a person's typed amount in review use these same bounds."""
    s = ctx.settings
    return safety.Bounds(max_drop=Decimal(str(s.plausible_max_drop)), max_rise=Decimal(str(s.plausible_max_rise)))


def evaluate(
    session: Session,
    ctx: AppContext,
    row: dict[str, Any],
    result: ExtractionResult,
    evidence_problems: list[str],
    parsed: dict[str, Any] | None = None,
    *,
    ahead: list[safety.Reading] | None = None,
) -> tuple[MatchResult | None, Verdict]:
    """``judge`` (``ahead``: as there) against the claims as they are in ``session`` now (no writes) — except a
    claim whose current amount this very email wrote (a re-run after ``reprocess``): that
    one is judged as it was before the email's own write (``claims.amounts_before``), so
    re-reading an applied email with the same result changes nothing. A verdict that would
    apply to a claim another waiting email reported sold, assigned, handed over or under
    enforcement is held instead (``pending_handover``), and so is one from the previous
    holder of a claim a person recorded sold (``_held_for_sale``)."""
    candidates: list[ClaimCandidate] = []
    if result.is_creditor_reply or result.reply_kind == ReplyKind.ENFORCEMENT:  # enforcement: candidates as context
        email_id = row.get("id")
        candidates = (
            claims.load_candidates(session) if email_id is None else claims.load_candidates_for(session, email_id)
        )
    match, verdict = judge(ctx, row, result, evidence_problems, candidates, parsed, ahead=ahead)
    verdict = _held_for_handover(session, row, verdict)
    return match, _held_for_sale(session, ctx, row, result, verdict, candidates, parsed, about_claim(match))


_JUDGEMENTS = 3
"""How many times ``decide_and_apply`` judges an email whose matched claim another write
changed meanwhile (each judgement locks the claim it applies to, so the second holds unless
it matched another claim)."""

_CHANGED_WHILE_JUDGED = "the matched claim changed while the email was judged: a person decides"


def _held(verdict: Verdict, reason: str) -> Verdict:
    """``verdict`` (an applying one) held for a person, ``reason`` its only reason."""
    return Verdict(
        verdict.processing_status,
        MatchStatus.NEEDS_REVIEW,
        False,
        None,
        None,
        (reason,),
        verdict.notes,
        verdict.readings,
        verdict.injection,
        verdict.credit,
    )


def decide_and_apply(
    ctx: AppContext,
    *,
    email_id: int,
    attempt: int,
    row: dict[str, Any],
    result: ExtractionResult,
    evidence_problems: list[str],
    attempt_started: float | None = None,
    parsed: dict[str, Any] | None = None,
    from_status: str = S.EXTRACTED,
    steps_before: Sequence[Step] = (),
    ahead: list[safety.Reading] | None = None,
) -> ProcessOutcome:
    """Match, gate and finish ``email_id`` (status ``from_status`` under our lease).

    ``steps_before``: the attempt's earlier moves not committed yet (``parsed``,
    ``extracted``, from ``from_status``); they commit with the final one, in this
    transaction (docs/state-machine.md, "Transactions of one attempt").
    ``attempt_started``: ``time.monotonic()`` at the attempt's claim; when given, the
    ``attempt … succeeded`` event (``duration_ms``: the attempt up to this commit, in
    milliseconds) is written in the same transaction as the final transition. The
    transaction's events (the moves, the claim write's, the attempt's) are one INSERT.
    ``ahead``: the second readings read while the request was in flight (``judge``).
    An applying verdict is written only onto the claim as it was judged: when another
    write changed the claim meanwhile (``claims.apply_claim_update`` answers ``stale``),
    the gate judges the email again on the claim as it is now, locked by this transaction
    (docs/state-machine.md, "Transactions of one attempt").
    """
    from creditctl.services.processing import Step, advance

    started = time.monotonic()
    write = None
    events: list[dict[str, Any]] = []
    with session_scope(ctx.db_url) as session:
        match, verdict = evaluate(session, ctx, row, result, evidence_problems, parsed, ahead=ahead)
        for _ in range(_JUDGEMENTS):
            if not (verdict.apply and verdict.claim_id is not None and verdict.amount is not None):
                break
            write = claims.apply_claim_update(
                session,
                ctx,
                email_id=email_id,
                claim_id=verdict.claim_id,
                new_amount=verdict.amount,
                currency=(result.currency or "EUR").upper(),
                extractor=result.extractor,
                # a copy of a reply on another ticket is as old as its first arrival
                email_received_at=claims.first_arrival(
                    session, email_id, row.get("received_at"), ctx.settings.dedupe_window_days
                ),
                events=events,
                judged=claims.Judged(verdict.judged_amount),
            )
            if write.status != "stale":
                break
            # the claim changed after the gate judged the email (another worker's write):
            # the gate judges it again on the claim as it is now, still locked by us
            write = None
            match, verdict = evaluate(session, ctx, row, result, evidence_problems, parsed, ahead=ahead)
        else:
            if verdict.apply:  # the matched claim changed under every judgement: a person decides
                verdict = _held(verdict, _CHANGED_WHILE_JUDGED)
        # from all of the email's claim-update rows: a re-run (already_applied) keeps the
        # state of the first run's mirror write instead of hiding it as not_needed
        mirror_status = claims.email_mirror_status(session, email_id) if ctx.mirror else "not_needed"
        message = (
            f"{verdict.processing_status}: {verdict.match_status}"
            + (f", claim {verdict.claim_id} {write.status}" if write else "")
            + (f" — {'; '.join(verdict.reasons)}" if not verdict.apply else "")
        )
        final = Step(
            verdict.processing_status,
            message,
            duration_ms=(time.monotonic() - started) * 1000,
            values={
                "match": match_document(match, verdict),
                "matched_claim_id": verdict.claim_id,
                "mirror_status": mirror_status,
                "last_error": None,
                "last_error_class": None,
            },
        )
        if attempt_started is not None:
            events.append(
                event_row(
                    email_id,
                    "attempt",
                    f"attempt {attempt} succeeded: {verdict.processing_status}",
                    worker=ctx.worker_name,
                    attempt=attempt,
                    duration_ms=round((time.monotonic() - attempt_started) * 1000, 3),
                )
            )
        # the moves' events first, then the claim write's and the attempt's (one INSERT)
        advance(
            session,
            ctx,
            email_id,
            from_status,
            [*steps_before, final],
            attempt=attempt,
            match_target=verdict.match_status,
            events=events,
        )
        queued = False  # an outbox row to deliver: only then is the delivery task kicked
        if write is not None and write.status == "applied":
            queued = notifications.queue_auto_match(
                session,
                ctx,
                email_id=email_id,
                claim_id=verdict.claim_id,
                old_amount=write.old_amount,
                new_amount=write.new_amount or Decimal(0),
                result=result,
                row=row,
                confidence=match.score if match else 0.0,
            )
        queued = (
            notifications.queue_zendesk_note(
                session,
                ctx,
                email_id=email_id,
                row=row,
                verdict=verdict,
                result=result,
                write_status=write.status if write else None,
            )
            or queued
        )
    if mirror_status in ("pending", "failed"):
        notifications.kick_mirror(ctx, email_id)
    if queued:  # one queue message per email otherwise, and a delivery run that finds nothing
        notifications.kick_outbox(ctx)
    return ProcessOutcome(
        email_id, verdict.processing_status, verdict.match_status, detail="; ".join(verdict.reasons), attempt=attempt
    )

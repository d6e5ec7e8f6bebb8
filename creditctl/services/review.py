"""Review: the person in the loop for emails the gate would not apply on its own.

An email waits for review when its processing is ``completed``, its ``match_status`` is
``needs_review`` or ``no_match`` and no person decided it yet (``counts.waiting_clause``:
the one definition that ``status``, ``/desk/ops``, ``/metrics`` and this list share).

* ``pending`` lists them with their candidates, scores, reasons, evidence and amounts.
* ``approve`` applies the write exactly as an automatic match does (README, "What happens to an email";
  docs/state-machine.md): ``claims.apply_claim_update`` (history row with ``applied_by="review:<who>"``,
  idempotency key, mirror outbox), the email's ``match_status`` set to ``auto_matched``
  with the claim, a ``review`` event, the auto-match notice (``Freigegeben von``) and
  the Zendesk note, all in ONE transaction; the mirror and outbox tasks are kicked after
  the commit.
* ``reject`` closes the review with the reason; no claim changes.
* ``undo`` reverts an applied update (automatic or reviewed) with a compensating
  ``claim_updates`` row restoring the previous amount (mirrored through the same
  outbox), or reopens a rejected email; the email returns to the queue. A reviewer may
  undo within ``UNDO_WINDOW`` (24 h), an admin any time.

Safety: ``approve`` takes only a candidate claim unless an admin overrides with a
reason; without a typed amount it applies only a figure that passed ``amount_offer``
(the one rule deciding whether the extracted total may be offered or pre-filled); an
amount outside the gate's plausibility bounds (``safety.plausibility_problem``), typed or
the read figure, needs ``confirm_change``; and a newer email's write on the claim wins — the approval is
then NOT applied, says so, and the email keeps waiting — unless the reviewer overrides
it deliberately (``override_newer``, recorded in the action log).
Every decision is written to the action log (``review_actions``) with who and when.

Closing is a compare-and-set on the email row (still waiting, ``review_note`` NULL), so
two operators approving the same email at once write the claim once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from creditctl import display
from creditctl.db import is_sqlite, rowcount, session_scope
from creditctl.exceptions import NeedsConfirmation, NotFoundError, Refused, UsageError
from creditctl.models import (
    Claim,
    ClaimHolder,
    ClaimUpdate,
    Client,
    Email,
    ProcessingStatus as S,
    ReviewAction,
    utcnow,
)
from creditctl.pipeline.extraction.amounts import parse_amount as parse_money
from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.pipeline.extraction.reply_kind import names_authority
from creditctl.pipeline.extraction.rules import NOT_NAMED_WARNING
from creditctl.pipeline.gate import MAX_CLAIM_AMOUNT, PREFILL_KINDS, Verdict, by_severity, hold_kind
from creditctl.pipeline.matching import creditor_problems, override_problems
from creditctl.pipeline.matching_types import REVIEW_STATUSES, MatchContext, MatchStatus
from creditctl.pipeline.names import company_similarity, search_fold
from creditctl.pipeline.safety import plausibility_problem
from creditctl.services import claims, counts, notifications, transitions, users
from creditctl.services.context import AppContext
from creditctl.services.decide import previous_holder_of
from creditctl.services.events import record_event
from creditctl.services.status import hold_reasons, stored_hold_reasons
from creditctl.services.transitions import Actor

ROLES = ("reviewer", "admin")
UNDO_WINDOW = timedelta(hours=24)
"""How long a reviewer (not an admin) may undo an applied update."""
INJECTION_MARKERS = ("addressing an ai", "prompt injection", "prompt_injection", "injection")
"""Extraction warnings / safety flags meaning someone tried to steer the extractor."""

"""Accepted ``--amount`` spellings: plain with a point or comma decimal, or German
thousands points with a comma decimal (``1.234`` alone is a German thousand: ``_parse_amount``)."""


# listing -----------------------------------------------------------------------------


def pending(
    ctx: AppContext,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    creditor: str | None = None,
    reason: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Emails waiting for a person, oldest first.

    Filters: ``since``/``until`` (received at, timezone-aware), ``creditor`` (part of the
    creditor the reply names, the sender's address or name, or the creditor of the email's
    best match — its matched claim, else ``preselected_claim`` — never of a weak candidate;
    compared folded, ``names.search_fold``), ``search`` (every word must be found:
    ``_found``),
    ``reason`` (case-insensitive part of a hold or verdict reason, an evidence problem or
    the match status: ``_gives_reason``),
    ``limit`` (the first N after filtering).

    Each item: ``id``, ``ticket_id``, ``side_conversation_id``, ``from_email``,
    ``from_name``, ``subject``, ``received_at`` (ISO 8601, UTC), ``match_status``,
    ``amount_refused`` (a total was read but the safety checks refused it: a list shows
    no figure),
    ``reasons`` (the gate's verdict reasons), ``candidates`` (list of ``claim_id``,
    ``score``, ``reasons``, ``client_file_number``, ``client_name``, ``creditor_name``,
    ``creditor_reference``, ``amount`` (str, the claim's current amount, or None),
    ``currency``; client fields None when the claim is gone), ``reasons`` and
    ``hold_reasons`` most severe first (``pipeline.gate.by_severity``), ``extracted``
    (``reply_kind``, ``total`` (str or None), ``currency``, ``creditor_name``,
    ``client_name``, ``client_file_number``, ``references``, ``evidence`` list of
    ``field``/``text``/``source``) and ``evidence_problems``; ``hold_reasons``, ``notes``,
    ``readings`` (``source``, ``total``), ``readings_disagree``, ``default_amount`` (the
    amount ``approve`` applies without ``--amount``; None when there is none or the email
    was flagged) and ``no_default_amount`` (why not, or None),
    ``offer`` (see ``amount_offer``: ``amount`` str or None, ``withheld`` list of reasons;
    ``default_amount``/``no_default_amount`` restate it), ``creditor`` (the name shown:
    ``_creditor_shown``), ``creditor_from_candidate`` (bool: that name is only the top
    candidate's, the sender is unknown), ``client`` (the client shown: ``_client_shown``,
    or None), ``best_claim_id`` (the matched claim, else the candidate a form may
    pre-select, else None), ``new_holder`` (a reply about a sale: the holder it names,
    while ``creditor`` shows the best match's creditor: ``_holder_as_note``) and
    ``stale_reasons`` (hold reasons computed against an amount the claim no longer holds →
    its amount now: ``_stale_reasons``; a face marks them with ``stale_note``).
    """
    with session_scope(ctx.db_url) as session:
        query = select(Email).where(counts.waiting_clause()).order_by(Email.received_at, Email.id)
        if since is not None:
            query = query.where(Email.received_at >= since)
        if until is not None:
            query = query.where(Email.received_at < until)
        emails = session.scalars(query).all()
        claim_ids: set[int] = {c["claim_id"] for e in emails for c in _candidates(e) if c.get("claim_id") is not None}
        claim_rows = _claims_by_id(session, claim_ids)
        changes = _holder_changes(session, claim_ids)
        items = [_item(e, claim_rows, changes) for e in emails]
    for item, email in zip(items, emails, strict=True):
        item["best_claim_id"] = (email.match or {}).get("claim_id") or preselected_claim(ctx, item["candidates"])
        _holder_as_note(item)
        item["stale_reasons"] = _stale_reasons(item)
    if creditor:
        items = [i for i in items if _names_creditor(i, search_fold(creditor))]
    if reason:
        items = [i for i in items if _gives_reason(i, reason.casefold())]
    if search and search.split():
        items = [i for i in items if _found(i, search)]
    return items[:limit] if limit is not None else items


def _holder_as_note(item: dict[str, Any]) -> None:
    """A reply saying the claim was sold or assigned names the new holder as its creditor:
    the creditor shown (``creditor``) is then the best match's creditor — whose claim it
    is in the office's records — and the holder the reply names becomes ``new_holder``
    (a note). ``new_holder`` is None without a best match, for another hold (the previous
    holder writing after a recorded sale, ``decide.previous_holder_of``, reports none), and when the
    name read is the claim's own creditor or its collection agent (``company_similarity``
    ≥ 90: the collector reporting the sale is not its buyer)."""
    item["new_holder"] = None
    best = _best(item)
    if best is None or not best.get("creditor_name"):
        return
    if not any(hold_kind(str(r)) == "sale" and previous_holder_of(str(r)) is None for r in item["hold_reasons"]):
        return  # no sale reported (the previous holder's reply after a recorded sale reports none)
    read = str(item["extracted"].get("creditor_name") or "").strip()
    parties = [str(best[key]) for key in ("creditor_name", "agent_name") if best.get(key)]
    if read and max(company_similarity(read, party) for party in parties) < 90:
        item["new_holder"] = without_department(read)
    item["creditor"], item["creditor_from_candidate"] = best["creditor_name"], False


def _best(item: dict[str, Any]) -> dict[str, Any] | None:
    """The candidate document of the item's best match (``best_claim_id``), or None."""
    return next((c for c in item["candidates"] if c.get("claim_id") == item.get("best_claim_id")), None)


def _names_creditor(item: dict[str, Any], needle: str) -> bool:
    """Whether ``needle`` (folded, ``search_fold``) is part of the creditor the reply names,
    the sender's address or name, or the creditor of the best match (not of a weak candidate)."""
    best = _best(item) or {}
    return any(
        needle in search_fold(v or "")
        for v in (item["extracted"]["creditor_name"], item["from_email"], item["from_name"], best.get("creditor_name"))
    )


def _found(item: dict[str, Any], search: str) -> bool:
    """Whether every word of ``search`` is found in a waiting email's own fields: its id
    (``42`` or ``#42``: whole), sender address or name, subject, the client name, file
    number and creditor references read from it, the client shown, and the client, file
    number and reference of its best match (``best_claim_id``; never a weak candidate's).
    Words and fields are compared folded (``names.search_fold``: ``Oberlander`` finds
    ``Oberländer``); a word that is an amount (``1.260,80``, ``1260.80``) also finds the
    total read."""
    ext = item.get("extracted") or {}
    best = _best(item) or {}
    fields = [
        item.get("from_email"),
        item.get("from_name"),
        item.get("subject"),
        ext.get("client_name"),
        ext.get("client_file_number"),
        *(ext.get("references") or []),
        item.get("client"),
        best.get("client_name"),
        best.get("client_file_number"),
        best.get("creditor_reference"),
    ]
    text = [search_fold(str(f)) for f in fields if f]
    total = ext.get("total")

    def found(word: str) -> bool:
        if word.lstrip("#").isdigit():  # an id is whole; a number may be part of a reference
            if word.lstrip("#") == str(item["id"]):
                return True
            if word.startswith("#"):
                return False
        if any(ch.isdigit() for ch in word) and total is not None:
            figure = parse_money(word)
            if figure is not None and figure == Decimal(str(total)):
                return True
        folded = search_fold(word)
        return bool(folded) and any(folded in t for t in text)

    return all(found(w) for w in search.split())


def _gives_reason(item: dict[str, Any], needle: str) -> bool:
    """Whether ``needle`` (case-folded) is part of a reason the email waits for: a hold
    reason, a verdict reason, an evidence problem or its match status (every reason
    ``review list`` may show)."""
    shown = [*item["hold_reasons"], *item["reasons"], *item["evidence_problems"], item["match_status"]]
    return any(needle in str(r).casefold() for r in shown)


def waiting_count(ctx: AppContext) -> int:
    """How many emails wait for review in all (``counts.waiting_clause``, no filter)."""
    with session_scope(ctx.db_url) as session:
        return int(session.scalar(select(func.count()).select_from(Email).where(counts.waiting_clause())) or 0)


def _candidates(email: Email) -> list[dict[str, Any]]:
    return [c for c in (email.match or {}).get("candidates") or [] if isinstance(c, dict)]


def _holder_changes(session: Session, ids: set[int]) -> dict[int, list[ClaimHolder]]:
    """The standing holder changes (``review sold``, not undone) of the claims ``ids``, oldest first."""
    if not ids:
        return {}
    found: dict[int, list[ClaimHolder]] = {}
    query = (
        select(ClaimHolder)
        .where(ClaimHolder.claim_id.in_(ids), ClaimHolder.undone_at.is_(None))
        .order_by(ClaimHolder.recorded_at, ClaimHolder.id)
    )
    for row in session.scalars(query):
        found.setdefault(row.claim_id, []).append(row)
    return found


def _creditor_when_written(item: dict[str, Any], received_at: Any, changes: dict[int, list[ClaimHolder]]) -> None:
    """A waiting email whose shown creditor (``_creditor_shown``) is a claim's creditor of the
    records, when that claim changed holder after the email arrived, or the email is the
    previous holder's — its sender (address or domain) or the creditor the reply names
    (``company_similarity`` ≥ 90 with the holder's creditor or agent) fits the previous
    holder and not the new one, or the worker held it as the previous holder's reply
    (``decide.sold_reason``) —: the creditor it came from is the holder before that change,
    never the new holder, who did not write it. ``item["creditor"]`` is set to that earlier
    holder's name. Called by ``_item`` only: the list, ``review show`` and the desk agree."""
    sender = str(item.get("from_email") or "").strip().lower()
    domain = sender.rsplit("@", 1)[-1] if "@" in sender else None
    read = without_department(str(item["extracted"].get("creditor_name") or "").strip())
    held_for = {previous_holder_of(str(r)) for r in item["hold_reasons"]} - {None}

    def fits(emails: list[str] | None, holder_domain: str | None, *names: str | None) -> bool:
        by_sender = bool(sender) and (
            sender in [e.lower() for e in emails or []] or (domain is not None and domain == holder_domain)
        )
        return by_sender or (len(read) >= 2 and any(n and company_similarity(read, n) >= _SAME_COMPANY for n in names))

    def previous_holders(h: ClaimHolder) -> bool:
        held_as_old = h.old_creditor_name in held_for
        return held_as_old or (
            fits(h.old_creditor_emails, h.old_creditor_domain, h.old_creditor_name, h.old_agent_name)
            and not fits(h.new_creditor_emails, h.new_creditor_domain, h.new_creditor_name, h.new_agent_name)
        )

    for cand in item["candidates"]:
        if cand.get("creditor_name") != item["creditor"] or cand.get("claim_id") not in changes:
            continue
        before = [
            h
            for h in changes[cand["claim_id"]]
            if (received_at is not None and h.recorded_at > received_at) or previous_holders(h)
        ]
        if before:
            item["creditor"] = before[0].old_creditor_name
        return


_SAME_COMPANY = 90
"""``company_similarity`` from which the creditor a reply names is a holder's (as ``_holder_as_note``)."""


def _claims_by_id(session: Session, ids: set[int]) -> dict[int, tuple[Claim, Client]]:
    if not ids:
        return {}
    rows = session.execute(
        select(Claim, Client).join(Client, Claim.client_id == Client.id).where(Claim.id.in_(ids))
    ).all()
    return {claim.id: (claim, client) for claim, client in rows}


def _candidate_doc(cand: dict[str, Any], claim_rows: dict[int, tuple[Claim, Client]]) -> dict[str, Any]:
    """One matcher candidate with its claim's and client's fields (None when the claim is gone)."""
    cand_id: Any = cand.get("claim_id")
    found: tuple[Claim | None, Client | None] = claim_rows.get(cand_id) or (None, None)
    claim, client = found
    return {
        "claim_id": cand.get("claim_id"),
        "score": cand.get("score") or 0.0,
        "reasons": list(cand.get("reasons") or []),
        # the matcher's facts (``ScoredCandidate``); a match stored before they were kept
        # has neither: read as not found, so the desk warns rather than stays silent
        "creditor_found": bool(cand.get("creditor_found")),
        "client_found": bool(cand.get("client_found")),
        "client_file_number": client.file_number if client else None,
        "client_name": client.name if client else None,
        "creditor_name": claim.creditor_name if claim else None,
        "agent_name": claim.agent_name if claim else None,
        "creditor_reference": claim.creditor_reference if claim else None,
        "amount": str(claim.amount) if claim is not None and claim.amount is not None else None,
        "currency": claim.currency if claim else None,
    }


def _extracted_doc(extraction: dict[str, Any]) -> dict[str, Any]:
    """The reading's fields a reviewer sees (the total as a string, the evidence as dicts)."""
    total = (extraction.get("amounts") or {}).get("total")
    return {
        "reply_kind": extraction.get("reply_kind"),
        "total": str(total) if total is not None else None,
        "currency": extraction.get("currency"),
        "creditor_name": extraction.get("creditor_name"),
        "client_name": extraction.get("client_name"),
        "client_file_number": extraction.get("client_file_number"),
        "references": list(extraction.get("creditor_references") or []),
        "evidence": [
            {"field": ev.get("field"), "text": ev.get("text"), "source": ev.get("source", "body")}
            for ev in extraction.get("evidence") or []
            if isinstance(ev, dict)
        ],
    }


def _item(
    email: Email, claim_rows: dict[int, tuple[Claim, Client]], changes: dict[int, list[ClaimHolder]]
) -> dict[str, Any]:
    """One waiting email's fields (``pending``'s item); ``changes``: the standing holder
    changes of its candidates' claims (``_holder_changes``), for the creditor shown
    (``_creditor_shown``, then ``_creditor_when_written``)."""
    extraction = email.extraction or {}
    match = email.match or {}
    candidates = [_candidate_doc(cand, claim_rows) for cand in _candidates(email)]
    offer = amount_offer(extraction, email.match, candidates[0]["currency"] if candidates else None, email_flags(email))
    item = {
        "id": email.id,
        "ticket_id": email.ticket_id,
        "side_conversation_id": email.side_conversation_id,
        "from_email": email.from_email,
        "from_name": email.from_name,
        "subject": email.subject,
        "received_at": email.received_at.isoformat() if email.received_at else None,
        "match_status": email.match_status,
        "reasons": by_severity(str(r) for r in match.get("verdict_reasons") or []),
        "hold_reasons": hold_reasons(email.match_status, email.match),
        "notes": list(match.get("notes") or []),
        "readings": list(match.get("readings") or []),
        "readings_disagree": bool(match.get("readings_disagree")),
        "no_default_amount": "; ".join(offer["withheld"]) or None,
        "default_amount": offer["amount"],
        "amount_refused": _amount_refused(offer),
        "candidates": candidates,
        "extracted": _extracted_doc(extraction),
        "evidence_problems": list(extraction.get("evidence_problems") or []),
        "offer": offer,
        "creditor": _creditor_shown(email, extraction, candidates),
        "creditor_from_candidate": _creditor_from_candidate(email, extraction, candidates),
        "client": _client_shown(email, extraction, candidates),
    }
    _creditor_when_written(item, email.received_at, changes)
    return item


def _amount_refused(offer: dict[str, Any]) -> bool:
    """Whether a total was read but the safety checks refused it (``amount_offer`` withheld
    it for anything but its currency): lists show it as refused, never as the amount read."""
    withheld = [w for w in offer["withheld"] if not str(w).startswith("the amount is in")]
    return offer["amount"] is None and bool(withheld) and "no total amount was read" not in withheld


_DEPARTMENT = re.compile(
    r"^(?:(?:team|abteilung|department|dept\.?)\s+)?"
    r"(?:debitorenbuchhaltung|finanzbuchhaltung|buchhaltung|forderungsmanagement|inkassoabteilung|inkasso-abteilung"
    r"|mahnabteilung|mahnwesen|rechnungswesen|kundenservice|kundenbetreuung|accounts\s+receivable|accounts"
    r"|collections|credit\s+control|billing|customer\s+service|service\s+clients|comptabilit[ée]|contabilit[àa]"
    r"|debiteurenadministratie|team|abteilung)\b[\s,:|\-–—]*(?:(?:der|des|von|bei|of|at|de|du)\s+)?",
    re.IGNORECASE,
)
"""A department sign-off leading the name read (``Buchhaltung Fitnessclub Aktiv GmbH``):
the department is not the creditor."""


def without_department(name: str) -> str:
    """``name`` without a leading department word (Buchhaltung, Forderungsmanagement,
    Accounts, Team …); ``name`` itself when nothing else would be left."""
    rest = _DEPARTMENT.sub("", name.strip(), count=1).strip()
    return rest if len(rest) >= 2 else name.strip()


def _creditor_shown(email: Email, extraction: dict[str, Any], candidates: list[dict[str, Any]]) -> str:
    """The creditor a person sees for a waiting email (``review list``, the desk's queue): the
    creditor of the claim it was matched to (the records' name), else the name the reply
    gives without a leading department word (``without_department``), else the top
    candidate's creditor, else the sender's name or address."""
    matched = (email.match or {}).get("claim_id")
    read = str(extraction.get("creditor_name") or "").strip()
    return str(
        next((c["creditor_name"] for c in candidates if c.get("claim_id") == matched and c.get("creditor_name")), None)
        or (without_department(read) if read else None)
        or next((c["creditor_name"] for c in candidates if c.get("creditor_name")), None)
        or email.from_name
        or email.from_email
        or ""
    )


def _creditor_from_candidate(email: Email, extraction: dict[str, Any], candidates: list[dict[str, Any]]) -> bool:
    """Whether ``_creditor_shown`` names the top candidate's creditor only because neither a
    matched claim nor the reply names one, and the matcher found no evidence of that
    creditor either (the candidate's ``creditor_found``, ``ScoredCandidate``: not its stored
    sender address, domain or name): the sender is unknown, a face marks it."""
    matched = (email.match or {}).get("claim_id")
    if any(c.get("claim_id") == matched and c.get("creditor_name") for c in candidates):
        return False
    if str(extraction.get("creditor_name") or "").strip():
        return False
    top = next((c for c in candidates if c.get("creditor_name")), None)
    # the matcher found the claim's creditor (its stored sender address, its name): not unknown
    return top is not None and not top.get("creditor_found")


def _client_shown(email: Email, extraction: dict[str, Any], candidates: list[dict[str, Any]]) -> str | None:
    """The client a person sees for a waiting email (``review list``, the desk): the client
    of the claim it was matched to, else of the top candidate, else the name the reply
    gives — unless that is a court, bailiff or authority (``names_authority``: a court
    letter's subject names the court, never a client); None when there is none."""
    matched = (email.match or {}).get("claim_id")
    read = str(extraction.get("client_name") or "").strip()
    return (
        next((c["client_name"] for c in candidates if c.get("claim_id") == matched and c.get("client_name")), None)
        or next((c["client_name"] for c in candidates[:1] if c.get("client_name")), None)
        or (read if read and not names_authority(read) else None)
    )


def no_default_reason(match: dict[str, Any] | None) -> str | None:
    """Why review must not offer the extracted total as the default amount (None: it may):
    the email addresses the system (injection), states a credit, or its readings disagree."""
    doc = match or {}
    if doc.get("injection"):
        return "the email contains text addressing the system; its figures are not offered"
    if doc.get("credit"):
        return "the email states a credit or negative balance; no amount owed is offered"
    if doc.get("readings_disagree"):
        return "the readings of the total disagree; pick the amount yourself"
    return None


def email_flags(email: Email) -> list[str]:
    """Safety flags and hold reasons recorded on the email row by the safety layer
    (columns ``flags`` / ``hold_reasons`` / ``safety_flags`` when the schema has them;
    lists of strings or of ``{"code"|"kind"|"reason": …}`` dicts). Empty otherwise."""
    found: list[str] = []
    for name in ("flags", "hold_reasons", "safety_flags"):
        for item in getattr(email, name, None) or []:
            if isinstance(item, dict):
                item = item.get("code") or item.get("kind") or item.get("reason") or ""
            if item:
                found.append(str(item))
    return found


def amount_offer(
    extraction: dict[str, Any] | None,
    match: dict[str, Any] | None,
    claim_currency: str | None,
    flags: list[str] | None = None,
) -> dict[str, Any]:
    """The one rule deciding whether the extracted total may be offered to a person
    (pre-filled in the desk, applied by ``approve`` without a typed amount).

    Returns ``{"amount": str | None, "withheld": [reason, ...]}``: the total (Decimal
    string, 2 places) only when there is one, the extraction has no evidence problem,
    no warning or safety flag says text tried to steer the extractor (prompt
    injection), the email is not held for anything but matching or plausibility (a
    dispute, an injection flag, enforcement, a sale, a credit, several totals or any other
    problem of the reading: the person types the figure, ``pipeline.gate.PREFILL_KINDS``),
    the currency is the claim's, and the amount is plausible. Safety flags
    are read from ``extraction["flags"]``, ``extraction["hold_reasons"]`` and
    ``match["flags"]`` and ``flags`` (``email_flags(email)``: the safety layer's records
    on the email row plug in there).
    """
    extraction = extraction or {}
    total, withheld = _offered_total(extraction)
    withheld += [f"evidence: {p}" for p in extraction.get("evidence_problems") or []]
    all_flags = _all_flags(extraction, match, flags)
    signals = [str(w) for w in extraction.get("warnings") or []] + all_flags
    if any(_is_injection(w) for w in signals):
        withheld.append("the email contains text addressed to an AI system (prompt injection)")
    withheld += [f"flag: {f}" for f in all_flags if not _is_injection(f)]
    why_not = no_default_reason(match)
    if why_not and why_not not in withheld:
        withheld.append(why_not)
    withheld += _held_beyond_matching(match)
    withheld += _held_kind(extraction, withheld)
    withheld += _total_problems(total, (extraction.get("currency") or "").upper(), claim_currency)
    return {"amount": None if withheld or total is None else str(total), "withheld": withheld}


def _held_beyond_matching(match: dict[str, Any] | None) -> list[str]:
    """The first hold reason that is not about matching or plausibility, as a withheld
    reason (empty when the hold is only about those)."""
    doc = match or {}
    other = [r for r in stored_hold_reasons(doc.get("status"), doc) if hold_kind(r) not in PREFILL_KINDS]
    if not other:
        return []
    kind = hold_kind(other[0])
    if kind == "dispute":  # the creditor contests: there is no figure for a person to type
        return [f"held for dispute ({other[0]}): a dispute sets no amount; read the email and decide"]
    if kind == "enforcement":  # court or bailiff mail never updates a claim by itself (gate.ENFORCEMENT_MAIL)
        return [
            f"held for enforcement ({other[0]}): it sets no claim amount by itself; read it, then record what it "
            "means for the claim (approve a candidate with the amount you type only when the creditor's current "
            "figure is stated) or reject it to close it"
        ]
    return [f"held for {kind.replace('_', ' ')} ({other[0]}): type the amount after reading the email"]


HELD_KIND_FIGURE = {
    "claim_assigned": (
        "the claim was sold, assigned or handed over: the figure it states is not offered; record the new holder "
        "(review sold) or type the amount after reading the email"
    ),
    "enforcement": (
        "court, bailiff or enforcement mail: the sum it names is not offered; type the amount after reading the email"
    ),
    "dispute": "the creditor disputes: the figure beside the dispute is not offered; read the email and decide",
}
"""Reply kinds whose total is read (docs/evaluation.md, "The total of a held reply") but never
offered as the amount to apply, whatever the stored hold reasons say: why, per ``reply_kind``."""


def _held_kind(extraction: dict[str, Any], withheld: list[str]) -> list[str]:
    """The withheld reason of a reply whose kind never applies its figure (``HELD_KIND_FIGURE``);
    empty for other kinds, or when a stored hold reason already withholds it (``_held_beyond_matching``)."""
    why = HELD_KIND_FIGURE.get(str(extraction.get("reply_kind") or ""))
    if why is None or any(w.startswith("held for ") for w in withheld):
        return []
    return [why]


def _offered_total(extraction: dict[str, Any]) -> tuple[Decimal | None, list[str]]:
    """(the extracted total, 2 places, or None; why none)."""
    total_raw = (extraction.get("amounts") or {}).get("total")
    if total_raw is None:
        return None, ["no total amount was read"]
    try:
        return Decimal(str(total_raw)).quantize(Decimal("0.01")), []
    except ArithmeticError:
        return None, [f"the total {total_raw!r} is not a number"]


def _all_flags(extraction: dict[str, Any], match: dict[str, Any] | None, flags: list[str] | None) -> list[str]:
    """The safety flags of the extraction, the match and the email row, as strings."""
    return [
        str(f)
        for f in (extraction.get("flags") or [])
        + (extraction.get("hold_reasons") or [])
        + ((match or {}).get("flags") or [])
        + list(flags or [])
    ]


def _is_injection(signal: str) -> bool:
    return any(marker in signal.casefold() for marker in INJECTION_MARKERS)


def _total_problems(total: Decimal | None, stated: str, claim_currency: str | None) -> list[str]:
    """A total in another currency than the claim's, or outside 0..``MAX_CLAIM_AMOUNT``."""
    if total is None:
        return []
    problems = []
    if stated and claim_currency and stated != claim_currency.upper():
        problems.append(f"the amount is in {stated}, the claim in {claim_currency.upper()}")
    if not (0 <= total <= MAX_CLAIM_AMOUNT):
        problems.append(f"the amount {total} is implausible")
    return problems


# deciding ----------------------------------------------------------------------------


def _approvable(
    session: Session,
    email_id: int,
    claim_id: int,
    *,
    override: bool,
    role: str,
    why: str | None,
    confirm_mismatch: bool = False,
    confirm_sale: bool = False,
) -> tuple[Email, Claim, float | None, dict[str, list[str]]]:
    """(email, claim, the claim's candidate score or None, what was confirmed:
    ``approval_confirmations``'s ``mismatch`` and ``sale``) when ``claim_id`` may be approved
    for ``email_id``; raises ``NotFoundError``, ``Refused``, ``NeedsConfirmation`` or
    ``UsageError`` (see ``approve``)."""
    email = session.get(Email, email_id)
    if email is None:
        raise NotFoundError(f"email {email_id} does not exist")
    _ensure_waiting(email, session)
    claim = session.get(Claim, claim_id)
    listed = ", ".join(str(c.get("claim_id")) for c in _candidates(email)) or "none"
    if claim is None:
        raise NotFoundError(
            f"claim {claim_id} does not exist; the candidates for email {email_id} ({listed}) "
            f"are in `creditctl review show {email_id}`"
        )
    confidence = _candidate_score(email, claim_id)
    if confidence is None:
        if not override:
            raise Refused(
                f"claim {claim_id} is not a candidate for email {email_id} (candidates: {listed}, see "
                f"`creditctl review show {email_id}`); an admin may override with a reason (--override --reason ...)"
            )
        if role != "admin":
            raise Refused(f"only an admin may approve claim {claim_id}, which is not a candidate")
        if not why:
            raise UsageError('an override needs a reason (--reason "...")')
    # a candidate too: a weak one may be another creditor's claim (the same warning, one step)
    needed = approval_confirmations(session, email, claim_id, candidate=confidence is not None)
    confirmed = _confirmed(needed, mismatch=confirm_mismatch, sale=confirm_sale, candidate=confidence is not None)
    return email, claim, confidence, confirmed


CLIENT_DOUBT_HOLDS = (
    "the creditor cannot identify the client",
    "the reply says the client or the claim is unknown",
    "the reply cannot tell which client or claim is meant",
    "it may be about another person",
    "a figure for another person",
    "another account, or another person's",
)
"""Hold reasons saying the reply may not be about this client at all: the creditor does not
know the client (reply kind ``client_unknown``, its wording in any language), cannot tell
which client is meant, or states another person's date of birth, figure or reference. An
approval of such an email — onto a candidate too — needs the explicit confirmation an
override onto a claim that does not fit needs (``--confirm-mismatch``, the desk's checkbox):
the one list of which holds ask for it (``client_doubts``)."""


def client_doubts(reasons: Sequence[str]) -> list[str]:
    """The hold ``reasons`` of ``CLIENT_DOUBT_HOLDS`` (the reply may be about another person), in order."""
    return [r for r in reasons if any(marker in str(r) for marker in CLIENT_DOUBT_HOLDS)]


def approval_confirmations(session: Session, email: Email, claim_id: int, *, candidate: bool) -> dict[str, list[str]]:
    """What must be confirmed before ``email`` is approved onto ``claim_id`` — the one owner
    of it, for the CLI (``review approve``) and the desk alike (both through ``approve``).

    Returns ``{"mismatch": [...], "sale": [...]}``, each a list of plain sentences (empty:
    nothing to confirm). ``mismatch`` (``--confirm-mismatch``, the desk's mismatch
    checkbox): for an override (not ``candidate``) ``matching.override_problems`` (the
    claim's creditor does not fit the sender or the creditor named, the reply names not its
    client); for one of the matcher's ``candidate`` claims ``matching.creditor_problems``
    (its creditor fits neither); for both, a hold saying the reply may be about another
    person (``client_doubts``). ``sale`` (``--confirm-sale``, the desk's sale checkbox):
    another waiting email reports the claim sold, assigned, handed over or under
    enforcement (``decide.handover_hold``, the worker's hold)."""
    from creditctl.services.decide import handover_hold

    # another waiting email reports this claim sold or under enforcement: the worker's hold (decide.handover_hold)
    handover = handover_hold(session, email.id, claim_id)
    needed = {
        "mismatch": client_doubts(hold_reasons(email.match_status, email.match)),
        "sale": [handover] if handover else [],
    }
    loaded = claims.load_candidate(session, claim_id)
    if loaded is not None:
        context = MatchContext(
            ticket_id=email.ticket_id,
            side_conversation_id=email.side_conversation_id,
            from_email=email.from_email or "",
            from_name=email.from_name or "",
            reply_text=str((email.parsed or {}).get("reply") or ""),
        )
        needed["mismatch"] += (creditor_problems if candidate else override_problems)(_reading(email), context, loaded)
    return needed


def _confirmed(needed: dict[str, list[str]], *, mismatch: bool, sale: bool, candidate: bool) -> dict[str, list[str]]:
    """``needed`` (``approval_confirmations``) when each non-empty list is confirmed (for the
    event and the action log); else raises ``NeedsConfirmation`` naming every flag still
    missing (context ``mismatch`` and/or ``sale``: the unconfirmed sentences; ``candidate``)."""
    missing = {k: v for k, v in needed.items() if v and not {"mismatch": mismatch, "sale": sale}[k]}
    if not missing:
        return needed
    said = []
    if "mismatch" in missing:
        said.append(
            "; ".join(missing["mismatch"])
            + ": check the claim; to apply it anyway confirm the mismatch (--confirm-mismatch)"
        )
    if "sale" in missing:
        said.append(
            "; ".join(missing["sale"]) + ": to apply it anyway confirm the pending sale or hand-over (--confirm-sale)"
        )
    raise NeedsConfirmation("; and ".join(said), candidate=candidate, **missing)


def _queue_approval_notices(
    session: Session,
    ctx: AppContext,
    *,
    email: Email,
    claim_id: int,
    write: claims.WriteResult,
    amount: Decimal,
    currency: str,
    who: str,
    again: bool,
    result: ExtractionResult,
    row: Any,
    confidence: float | None,
) -> None:
    """The notices of an applied approval: the auto-match notice, and (``again``: an
    approval after an undo) a review notice naming the round."""
    email_id = email.id
    if again:  # the first approval's notice exists already: say it again, with the round
        old = str(write.old_amount) if write.old_amount is not None else None
        new = str(write.new_amount) if write.new_amount is not None else None
        notifications.queue_review_notice(
            session,
            ctx,
            email_id=email_id,
            key=f"approve:{write.update_id}",
            ticket_id=email.ticket_id,
            subject=f"Erneut freigegeben: E-Mail {email_id}, Forderung {claim_id}",
            body=f"E-Mail {email_id}: Forderung {claim_id} {old or '—'} → {new} {currency}, "
            f"erneut freigegeben von {who}.",
        )
    notifications.queue_auto_match(
        session,
        ctx,
        email_id=email_id,
        claim_id=claim_id,
        old_amount=write.old_amount,
        new_amount=write.new_amount or amount,
        result=result,
        row=row,
        confidence=confidence or 0.0,
        approved_by=who,
    )


def _log_decision(
    session: Session,
    ctx: AppContext,
    email_id: int,
    message: str,
    *,
    data: dict[str, Any],
    who: str,
    role: str,
    channel: str,
    action: str,
    level: str | None = None,
    **row: Any,
) -> None:
    """A person's decision on ``email_id`` in both logs: the ``review`` event (``message``,
    ``data``, ``level`` when given) and the action-log row (``ReviewAction``: ``action``,
    ``who``, ``role``, ``channel`` and the ``row``'s other columns) — the one place each
    review decision is recorded."""
    record_event(
        session, email_id, "review", message, worker=ctx.worker_name, data=data, **({"level": level} if level else {})
    )
    session.add(ReviewAction(email_id=email_id, action=action, person=who, role=role, channel=channel, **row))


def _record_approval(
    session: Session,
    ctx: AppContext,
    *,
    email_id: int,
    claim_id: int,
    write: claims.WriteResult,
    currency: str,
    who: str,
    role: str,
    channel: str,
    amount_given: bool,
    candidate: bool,
    why: str | None,
    override_newer: bool = False,
    mismatch: Sequence[str] = (),
    sale: Sequence[str] = (),
) -> None:
    """The approval's ``review`` event and its action-log row (``candidate``: the claim was
    among the matcher's candidates; otherwise an override; ``override_newer``: applied over
    a newer email's write, also an override)."""
    old = str(write.old_amount) if write.old_amount is not None else None
    new = str(write.new_amount) if write.new_amount is not None else None
    _log_decision(
        session,
        ctx,
        email_id,
        f"approved by {who}: claim {claim_id} {write.status} ({old or '—'} → {new} {currency})",
        data={
            "operator": who,
            "decision": "approved",
            "claim_id": claim_id,
            "write_status": write.status,
            "old": old,
            "new": new,
            "currency": currency,
            "amount_given": amount_given,
            "among_candidates": candidate,
            "override": not candidate or override_newer,
            "override_newer": override_newer,
            "mismatch_confirmed": list(mismatch),
            "sale_confirmed": list(sale),
            "reason": why,
        },
        who=who,
        role=role,
        channel=channel,
        action="approve",
        claim_id=claim_id,
        claim_update_id=write.update_id,
        old_amount=write.old_amount,
        new_amount=write.new_amount,
        currency=currency,
        override=not candidate or override_newer,
        reason=why or write.status,
    )


def approve(
    ctx: AppContext,
    *,
    email_id: int,
    claim_id: int,
    amount_text: str | None,
    operator: str,
    role: str = "admin",
    channel: str = "cli",
    override: bool = False,
    reason: str | None = None,
    confirm_change: bool = False,
    override_newer: bool = False,
    confirm_mismatch: bool = False,
    confirm_sale: bool = False,
    confirmed_amount: str | None = None,
) -> dict[str, Any]:
    """Apply ``email_id``'s amount to ``claim_id`` as an automatic match would, recording
    ``operator`` as the approver.

    ``amount_text``: ``"1234.56"``, ``"1.234,56"`` or ``"1234,56"`` (Decimal, 2 places, in
    the claim's currency); None means the extracted total (refused when the extraction
    states another currency than the claim's, or did not pass ``amount_offer``). An amount
    (typed, or the read figure) outside the gate's plausibility bounds against the claim's amount
    (``safety.plausibility_problem``, the settings' ``plausible_max_drop`` /
    ``plausible_max_rise``) needs ``confirm_change`` (this call's amount) or
    ``confirmed_amount`` (the figure the person confirmed, e.g. ``"4689.90"``: it counts
    only when it is the amount applied — a changed figure needs its own confirmation);
    else ``NeedsConfirmation`` (context ``amount``, ``stored``, ``confirmed``: the other
    figure confirmed, or None); the confirmation is kept in the action log. ``claim_id``
    must be one of the matcher's candidates, unless ``override`` is set by an ``admin``
    with a ``reason``. An approval onto a claim whose creditor fits neither the sender nor
    the creditor the reply names (a candidate too: a weak candidate may be another
    creditor's claim), or by override onto a claim whose client (name, reference, file
    number) the reply does not name, needs ``confirm_mismatch``; onto a claim another waiting
    email reports sold, assigned, handed over or under enforcement, ``confirm_sale`` (else
    ``NeedsConfirmation``, context ``mismatch`` and/or ``sale`` and ``candidate``: what is
    still to confirm, ``approval_confirmations``; the event records what was confirmed, data
    ``mismatch_confirmed`` and ``sale_confirmed``; the result has ``sale_confirmed`` when a sale was). ``role``:
    reviewer | admin; ``channel``: cli | desk (recorded in the action log).

    A newer email's write on the claim wins (``claims.newer_write`` with the reply's first
    arrival, ``claims.first_arrival``: a copy of a reply posted again on another ticket is as
    old as its first copy, the worker's rule ``claims.newer_figure_applied``): then nothing is
    applied, the email keeps waiting, a ``not_applied`` row goes to the action log, and
    the result says so (``applied`` False, ``message`` "not applied: email 12 (newer) set
    1900.00 on 2026-12-05; the claim stays 1900.00") — unless ``override_newer``: the
    reviewer's deliberate decision, applied and logged as an override.

    Returns ``email_id``, ``claim_id``, ``write_status`` (applied | unchanged |
    superseded | already_applied, see ``claims.WriteResult``), ``applied`` (bool: the
    claim now holds this email's amount through this approval), ``message`` (one plain
    sentence), ``old_amount`` and ``new_amount`` (the claim's amount before and after,
    str or None), ``requested_amount`` (str), ``currency``, ``approved_by`` and, when a
    newer email won, ``newer_email_id`` / ``newer_received_at`` (ISO).

    Raises ``NotFoundError`` for an unknown email or claim, ``Refused`` when the email is
    not waiting for review or the claim is not a candidate (without an admin's
    override), ``NeedsConfirmation`` (a ``Refused``) for an unconfirmed implausible typed
    amount, ``UsageError`` when the amount is missing, unreadable or implausible or
    an override has no reason.
    """
    who = _operator(operator)
    _check_role(role)
    why = " ".join((reason or "").split()) or None
    with session_scope(ctx.db_url) as session:
        email, claim, confidence, confirmations = _approvable(
            session,
            email_id,
            claim_id,
            override=override,
            role=role,
            why=why,
            confirm_mismatch=confirm_mismatch,
            confirm_sale=confirm_sale,
        )
        mismatch, sale = confirmations["mismatch"], confirmations["sale"]
        result = _reading(email)
        currency = (claim.currency or result.currency or "EUR").upper()
        amount = _amount(amount_text, result, currency, email)
        # locked (and read again) before the checks: they hold against the claim as written
        locked = claims.locked_claim(session, ctx, claim_id)
        change = _confirmed_change(
            ctx,
            amount,
            locked.amount if locked is not None else claim.amount,
            confirmed=confirm_change,
            confirmed_amount=confirmed_amount,
        )
        # a copy of a reply is as old as its first arrival: the worker's rule (claims.newer_figure_applied)
        received_at: datetime | None = claims.first_arrival(
            session, email_id, email.received_at, ctx.settings.dedupe_window_days
        )
        newer = claims.newer_write(session, locked, email_id, received_at) if locked is not None else None
        if newer is not None and not override_newer:
            return _not_applied(session, ctx, email_id, claim_id, newer, amount, currency, who, role, channel)
        confirmed = "mismatch confirmed: " + "; ".join(mismatch) if mismatch else None
        sold = "sale confirmed: " + "; ".join(sale) if sale else None
        notes = [n for n in (why, confirmed, sold, change, _newer_note(ctx, newer)) if n]
        write, undos = _apply_approval(
            session, ctx, email, claim_id, amount, currency, who, received_at=None if newer is not None else received_at
        )
        _record_approval(
            session,
            ctx,
            email_id=email_id,
            claim_id=claim_id,
            write=write,
            currency=currency,
            who=who,
            role=role,
            channel=channel,
            amount_given=amount_text is not None,
            candidate=confidence is not None,
            why="; ".join(notes) or None,
            override_newer=newer is not None,
            mismatch=mismatch,
            sale=sale,
        )
        row = _row(email)
        if write.status == "applied":
            _queue_approval_notices(
                session,
                ctx,
                email=email,
                claim_id=claim_id,
                write=write,
                amount=amount,
                currency=currency,
                who=who,
                again=bool(undos),
                result=result,
                row=row,
                confidence=confidence,
            )
        verdict = Verdict(
            S.COMPLETED.value, MatchStatus.AUTO_MATCHED.value, True, claim_id, amount, (f"approved by {who}",)
        )
        notifications.queue_zendesk_note(
            session, ctx, email_id=email_id, row=row, verdict=verdict, result=result, write_status=write.status
        )
    if write.status == "applied" and ctx.mirror is not None:
        notifications.kick_mirror(ctx, email_id)
    notifications.kick_outbox(ctx)
    return {
        **_approval_doc(email_id, claim_id, write, amount, currency, who),
        "rejudged": _rejudge_held_on(ctx, email_id, who),
        **({"sale_confirmed": list(sale)} if sale else {}),
    }


def _confirmed_change(
    ctx: AppContext, amount: Decimal, stored: Decimal | None, *, confirmed: bool, confirmed_amount: str | None = None
) -> str | None:
    """The plausibility check of the ``amount`` an approval applies — typed, or the figure
    read from the reply (a hold "reopens a claim stored as 0.00" offers that figure, and
    applying it is as big a change as typing it) — against the claim's ``stored`` amount
    (the gate's rule, ``safety.plausibility_problem``, with the settings' bounds): the one
    check for the CLI and the desk. Returns the confirmed problem for the action log
    (None: within the bounds);
    raises ``NeedsConfirmation`` (context ``amount``, ``stored``: each face words it) when
    it is outside them and neither ``confirmed`` nor ``confirmed_amount`` (the figure the
    person confirmed, read as ``_parse_amount`` does) is ``amount``: a confirmation names
    the figure it was given for, a changed figure needs its own (context ``confirmed``: the
    other figure, or None)."""
    from creditctl.services.decide import plausibility_bounds

    problem = plausibility_problem(amount, stored, plausibility_bounds(ctx))
    if problem is None:
        return None
    problem = problem.replace("total ", "amount ", 1).replace("the stored", "the claim's", 1)
    other = _other_confirmed(confirmed_amount, amount)
    if not confirmed and other is not None:
        raise NeedsConfirmation(
            f"{problem} (the confirmation was for {other}, not {amount}): check the figure; "
            "to apply it anyway confirm the change (--confirm-change)",
            amount=amount,
            stored=stored,
            confirmed=other,
        )
    if not confirmed and confirmed_amount is None:
        raise NeedsConfirmation(
            f"{problem}: check the figure; to apply it anyway confirm the change (--confirm-change)",
            amount=amount,
            stored=stored,
            confirmed=None,
        )
    return f"change confirmed: {problem}"


def _other_confirmed(confirmed_amount: str | None, amount: Decimal) -> Decimal | str | None:
    """The figure a confirmation was given for when it is not ``amount`` (a Decimal, or the
    text when it is no amount), None when it is ``amount`` or there is no confirmation."""
    if confirmed_amount is None:
        return None
    try:
        figure = _parse_amount(confirmed_amount)
    except UsageError:
        return confirmed_amount[:40]
    return None if figure == amount else figure


def _newer_note(ctx: AppContext, newer: claims.NewerWrite | None) -> str | None:
    """The action log's note of a deliberate ``override_newer`` (None without a newer write)."""
    if newer is None:
        return None
    return (
        f"override-newer: applied over email {newer.email_id} (newer), which had set {newer.amount} "
        f"on {_office_date(ctx, newer.received_at)}"
    )


def _office_date(ctx: AppContext, at: datetime) -> str:
    """``at``'s date in the office's timezone (ISO ``YYYY-MM-DD``)."""
    from zoneinfo import ZoneInfo

    return at.astimezone(ZoneInfo(ctx.settings.office_timezone)).date().isoformat()


def _not_applied(
    session: Session,
    ctx: AppContext,
    email_id: int,
    claim_id: int,
    newer: claims.NewerWrite,
    amount: Decimal,
    currency: str,
    who: str,
    role: str,
    channel: str,
) -> dict[str, Any]:
    """An approval a newer email's write wins over: the email keeps waiting, the attempt is
    logged (``not_applied``, no amounts: nothing changed) and ``approve``'s document says so."""
    stays = str(newer.amount) if newer.amount is not None else "—"
    message = (
        f"not applied: email {newer.email_id} (newer) set {stays} on {_office_date(ctx, newer.received_at)}; "
        f"the claim stays {stays}"
    )
    _log_decision(
        session,
        ctx,
        email_id,
        f"approval by {who} of {amount} {currency} for claim {claim_id} {message}",
        level="warning",
        data={
            "operator": who,
            "decision": "not_applied",
            "claim_id": claim_id,
            "requested": str(amount),
            "newer_email_id": newer.email_id,
        },
        who=who,
        role=role,
        channel=channel,
        action="not_applied",
        claim_id=claim_id,
        currency=currency,
        override=False,
        reason=f"{amount} {currency} {message}",
    )
    return {
        "email_id": email_id,
        "claim_id": claim_id,
        "write_status": "superseded",
        "applied": False,
        "message": message,
        "old_amount": _s(newer.amount),
        "new_amount": _s(newer.amount),
        "requested_amount": str(amount),
        "currency": currency,
        "approved_by": None,
        "newer_email_id": newer.email_id,
        "newer_received_at": newer.received_at.isoformat(),
    }


def _apply_approval(
    session: Session,
    ctx: AppContext,
    email: Email,
    claim_id: int,
    amount: Decimal,
    currency: str,
    who: str,
    *,
    received_at: datetime | None,
) -> tuple[claims.WriteResult, int]:
    """Close the review (compare-and-set) and write the claim; returns the write and the
    number of earlier undos of this email (an approval after an undo uses a fresh key).
    ``received_at``: the reply's first arrival (``claims.first_arrival``) for the claim
    write's newer-email rule; None skips that rule (a deliberate ``override_newer``)."""
    email_id = email.id
    undos = (
        session.scalar(
            select(func.count())
            .select_from(ClaimUpdate)
            .where(ClaimUpdate.email_id == email_id, ClaimUpdate.reverts_update_id.is_not(None))
        )
        or 0
    )
    key = f"{claims.idempotency_key(email_id, claim_id, amount)}-r{undos}" if undos else None
    _close(
        session,
        email_id,
        match_target=MatchStatus.AUTO_MATCHED.value,
        matched_claim_id=claim_id,
        review_note=f"approved by {who}",
        decided_by="person",
    )
    write = claims.apply_claim_update(
        session,
        ctx,
        email_id=email_id,
        claim_id=claim_id,
        new_amount=amount,
        currency=currency,
        extractor=email.extractor or "manual",
        applied_by=f"review:{who}",
        email_received_at=received_at,
        key=key,
    )
    if write.status == "applied" and ctx.mirror is not None:
        session.execute(update(Email).where(Email.id == email_id).values(mirror_status="pending"))
    return write, undos


def _approval_doc(
    email_id: int, claim_id: int, write: claims.WriteResult, amount: Decimal, currency: str, who: str
) -> dict[str, Any]:
    """``approve``'s document for a closed review (see ``approve``)."""
    old, new = _s(write.old_amount), _s(write.new_amount)
    messages = {
        "applied": f"applied: claim {claim_id} {old or '—'} → {new} {currency}",
        "unchanged": f"claim {claim_id} already stood at {new} {currency}; nothing changed",
        "already_applied": f"claim {claim_id} already holds {new} {currency} from this email; nothing changed",
    }
    return {
        "email_id": email_id,
        "claim_id": claim_id,
        "write_status": write.status,
        "applied": write.status in ("applied", "already_applied", "unchanged"),
        "message": messages.get(write.status, f"claim {claim_id} {write.status}"),
        "old_amount": old,
        "new_amount": new,
        "requested_amount": str(amount),
        "currency": currency,
        "approved_by": who,
    }


def reject(
    ctx: AppContext, *, email_id: int, reason: str, operator: str, role: str = "admin", channel: str = "cli"
) -> dict[str, Any]:
    """Close ``email_id``'s review without changing any claim.

    Returns ``email_id``, ``status`` ("rejected"), ``reason``, ``by`` and ``claim_kept``:
    None, or — when a claim still holds this email's own figure (an email applied before,
    moved to review by a ``reprocess``: ``standing_figure``) — ``{"claim_id", "amount",
    "restores", "currency", "undo"}``: rejecting changes no claim, so the claim keeps
    ``amount`` (str) and ``undo`` is the command that reverts it to ``restores`` (the
    amount before this email's write, str or None) through ``undo``. Raises
    ``NotFoundError`` for an unknown email, ``UsageError`` for an empty reason or an
    email not waiting for review.
    """
    who = _operator(operator)
    _check_role(role)
    why = " ".join((reason or "").split())
    if not why:
        raise UsageError('give a reason: creditctl review reject ID --reason "..."')
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(f"email {email_id} does not exist")
        _ensure_waiting(email, session)
        _close(session, email_id, review_note=f"rejected by {who}: {why}", decided_by="person")
        _log_decision(
            session,
            ctx,
            email_id,
            f"rejected by {who}: {why}",
            data={"operator": who, "decision": "rejected", "reason": why},
            who=who,
            role=role,
            channel=channel,
            action="reject",
            reason=why,
        )
        kept = standing_figure(session, email_id)
    rejudged = _rejudge_held_on(ctx, email_id, who)
    return {
        "email_id": email_id,
        "status": "rejected",
        "reason": why,
        "by": who,
        "claim_kept": kept,
        "rejudged": rejudged,
    }


def standing_figure(session: Session, email_id: int) -> dict[str, Any] | None:
    """The claim that holds ``email_id``'s own figure now: its standing update
    (``_last_update``) is the claim's last write. ``{"claim_id", "amount" (str), "restores"
    (the amount before that write, str or None), "currency", "undo" (the command that
    reverts it)}``; None when no claim holds a figure of this email (none applied, undone,
    or a later write replaced it)."""
    last = _last_update(session, email_id)
    if last is None:
        return None
    claim = session.get(Claim, last.claim_id)
    if claim is None or claim.updated_by_email_id != email_id or claim.amount != last.new_amount:
        return None
    return {
        "claim_id": claim.id,
        "amount": _s(claim.amount),
        "restores": _s(last.old_amount),
        "currency": last.currency,
        "undo": f"creditctl review undo {email_id}",
    }


def kept_sentence(email_id: int, kept: dict[str, Any]) -> str:
    """What rejecting ``email_id`` left on its claim (``standing_figure``), in one sentence:
    ``claim 4 keeps 612.40 EUR from this email; `creditctl review undo 9` reverts it to 2045.10 EUR``."""
    restores = f"{kept['restores']} {kept['currency']}" if kept.get("restores") is not None else "no amount"
    return (
        f"claim {kept['claim_id']} keeps {kept['amount']} {kept['currency']} from this email (rejecting changes "
        f"no claim); `{kept['undo']}` reverts it to {restores}"
    )


def sold(
    ctx: AppContext,
    *,
    email_id: int,
    holder: str,
    holder_reference: str | None = None,
    holder_emails: Sequence[str] = (),
    claim_id: int | None = None,
    operator: str,
    role: str = "admin",
    channel: str = "cli",
) -> dict[str, Any]:
    """Decide ``email_id`` as "claim sold / assigned": record ``holder`` as the new holder of
    its claim (``claims.record_holder``: the claim's creditor becomes the holder, the
    previous one is kept in ``claim_holders`` with the date and this email) and close the
    review without changing any amount. ``holder``: a creditor of the records (its
    addresses and agent are taken over, ``claims.known_holder``) or a new one (then
    ``holder_emails`` are the addresses it writes from, may be empty);
    ``holder_reference``: the holder's reference for the claim (the claim keeps its own
    when None). ``claim_id``: the claim sold, else the email's matched or ``about`` claim,
    else its one candidate. From then on replies of the previous holder about that claim
    are held (``decide.sold_reason``) and the new holder's apply; ``undo`` restores the
    previous holder.

    Returns ``email_id``, ``status`` ("sold"), ``claim_id``, ``old_holder``, ``new_holder``,
    ``holder_reference``, ``sold_at`` (ISO), ``known_holder`` (bool), ``by``. Raises
    ``NotFoundError`` (email or claim), ``UsageError`` (empty holder; no claim to choose),
    ``Refused`` (not waiting; a claim that is not a candidate; the claim already held by
    that holder).
    """
    who = _operator(operator)
    _check_role(role)
    name = " ".join((holder or "").split())
    if not name:
        raise UsageError("give the new holder: creditctl review sold ID --holder NAME")
    reference = " ".join((holder_reference or "").split()) or None
    emails = tuple(e.strip().lower() for e in holder_emails if e and e.strip())
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(f"email {email_id} does not exist")
        _ensure_waiting(email, session)
        target = _sold_claim(email, claim_id)
        if session.get(Claim, target) is None:
            raise NotFoundError(f"claim {target} does not exist")
        known = claims.known_holder(session, name)
        new = (
            claims.Holder(
                known.name, known.agent, tuple(dict.fromkeys((*known.emails, *emails))), known.domain, reference
            )
            if known is not None
            else claims.Holder(name, None, emails, None, reference)
        )
        sold_at = email.received_at or utcnow()
        try:
            row = claims.record_holder(
                session, ctx, claim_id=target, email_id=email_id, holder=new, sold_at=sold_at, by=who
            )
        except ValueError as exc:
            raise Refused(str(exc)) from exc
        what = f"claim {target} sold to {row.new_creditor_name} (was {row.old_creditor_name})"
        _close(session, email_id, review_note=f"sold by {who}: {what}", decided_by="person")
        _log_decision(
            session,
            ctx,
            email_id,
            f"recorded by {who}: {what}",
            data={"operator": who, "decision": "sold", "claim_id": target, "holder_change": row.id},
            who=who,
            role=role,
            channel=channel,
            action="sold",
            claim_id=target,
            reason=f"claim sold to {row.new_creditor_name} (was {row.old_creditor_name})",
        )
        if ctx.mirror is not None:  # the holder change is owed to the mirror (claims.record_holder)
            session.execute(update(Email).where(Email.id == email_id).values(mirror_status="pending"))
        doc = {
            "email_id": email_id,
            "status": "sold",
            "claim_id": target,
            "old_holder": row.old_creditor_name,
            "new_holder": row.new_creditor_name,
            "holder_reference": row.new_creditor_reference,
            "sold_at": sold_at.isoformat(),
            "known_holder": known is not None,
            "by": who,
        }
    if ctx.mirror is not None:  # committed: write it to the mirror now (the sweep catches up otherwise)
        notifications.kick_mirror(ctx, email_id)
    doc["rejudged"] = _rejudge_held_on(ctx, email_id, who)
    return doc


def _rejudge_held_on(ctx: AppContext, email_id: int, who: str) -> list[int]:
    """After a person's decision on ``email_id`` (committed): re-queue the emails waiting
    with a hold that names it as reporting their claim sold, assigned, handed over or under
    enforcement (``decide.held_on``), through the one owner of re-reading finished emails
    (``operations.enqueue_reprocess``, recorded as an operation), so their hold is judged
    again on the claim as the decision left it instead of naming a question already
    answered. Returns the ids re-queued ([] when none waits, or when the queue is down:
    they keep their hold, and ``creditctl reprocess --ids`` reads them again later)."""
    from creditctl.services.decide import held_on

    with session_scope(ctx.db_url) as session:
        ids = held_on(session, email_id)
    return _requeue_held(ctx, email_id, ids, label=f"held on email {email_id}, decided by {who}", who=who)


def _requeue_held(ctx: AppContext, email_id: int, ids: list[int], *, label: str, who: str) -> list[int]:
    """Re-queue ``ids`` (emails waiting on the decision on ``email_id``) as one reprocess operation
    (``operations.enqueue_reprocess``, params ``after_decision_on``); the ids when every one was
    enqueued, else [] (the decision is committed; ``creditctl reprocess --ids`` reads them later)."""
    from creditctl.services import operations

    if not ids or ctx.enqueue is None:
        return []
    try:
        _, enqueued = operations.enqueue_reprocess(
            ctx, ids, operator=who, label=label, params={"after_decision_on": email_id}
        )
    except Exception:  # noqa: BLE001 - the decision is committed; the re-read is owed, not lost (reprocess --ids)
        import structlog

        structlog.get_logger(__name__).warning("rejudge_failed", email_id=email_id, held=ids, exc_info=True)
        return []
    return ids if enqueued == len(ids) else []


def _compact(text: str) -> str:
    """``text`` folded (``search_fold``) without spaces, dashes, dots and slashes: how a
    reference or file number is compared ("BÖ-2024-0173" = "bo 2024/0173")."""
    return re.sub(r"[\s./_-]+", "", search_fold(text))


def claim_matches(ctx: AppContext, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """The claims a person means by ``text`` (the desk's search box, ``--claim``): the claim
    with that number (digits only); else the claims whose creditor's reference is ``text``
    (spaces, dashes, case and umlauts ignored); else, when ``text`` contains a client file
    number, that client's claims whose creditor, agent or reference contains every other
    word; else the claims where every word is found in the file number, client name,
    creditor, agent or reference. Each: ``claim_id``, ``client_file_number``,
    ``client_name``, ``creditor_name``, ``creditor_reference``, ``amount`` (str or None),
    ``currency``; at most ``limit``, by claim number."""
    wanted = " ".join((text or "").split())
    if not wanted:
        return []
    with session_scope(ctx.db_url) as session:
        rows = session.execute(select(Claim, Client).join(Client, Claim.client_id == Client.id).order_by(Claim.id))
        claims_all = [(c, cl) for c, cl in rows]
    if wanted.isdigit():
        found = [(c, cl) for c, cl in claims_all if c.id == int(wanted)]
    else:
        found = _claims_for_text(claims_all, wanted)
    return [
        {
            "claim_id": c.id,
            "client_file_number": cl.file_number,
            "client_name": cl.name,
            "creditor_name": c.creditor_name,
            "creditor_reference": c.creditor_reference,
            "amount": _s(c.amount),
            "currency": c.currency,
        }
        for c, cl in found[:limit]
    ]


def _claims_for_text(rows: list[tuple[Claim, Client]], text: str) -> list[tuple[Claim, Client]]:
    """``claim_matches``'s rules for a text that is not a claim number."""
    whole = _compact(text)
    by_reference = [(c, cl) for c, cl in rows if c.creditor_reference and _compact(c.creditor_reference) == whole]
    if by_reference:
        return by_reference
    words = search_fold(text).split()
    files = {_compact(cl.file_number) for _, cl in rows}
    named = [w for w in words if _compact(w) in files]
    if named:
        rest = [w for w in words if w not in named]
        return [
            (c, cl)
            for c, cl in rows
            if _compact(cl.file_number) in {_compact(w) for w in named}
            and all(
                w in search_fold(" ".join(filter(None, (c.creditor_name, c.agent_name, c.creditor_reference))))
                for w in rest
            )
        ]

    def haystack(c: Claim, cl: Client) -> str:
        return search_fold(
            " ".join(filter(None, (cl.file_number, cl.name, c.creditor_name, c.agent_name, c.creditor_reference)))
        )

    return [(c, cl) for c, cl in rows if all(w in haystack(c, cl) for w in words)]


def resolve_claim(ctx: AppContext, text: str) -> int:
    """The one claim ``text`` means (``claim_matches``). Raises ``NotFoundError`` when none
    fits and ``Refused`` listing the candidates (claim number, file number, client, creditor,
    reference) when several do — nothing is changed either way."""
    found = claim_matches(ctx, text)
    if not found:
        raise NotFoundError(
            f"no claim fits {text.strip()!r}: give the claim number, the creditor's reference, or the client's "
            "file number and the creditor"
        )
    if len(found) > 1:
        listed = "; ".join(
            f"claim {c['claim_id']}: {c['client_file_number']} {c['client_name']}, {c['creditor_name']} "
            f"{c['creditor_reference'] or '—'}"
            for c in found[:8]
        )
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise Refused(f"{text.strip()!r} fits {len(found)} claims ({listed}{more}): nothing was changed; say which")
    return int(found[0]["claim_id"])


def creditor_names(ctx: AppContext) -> list[str]:
    """Every creditor name of the records (the claims' holders now), sorted: what the desk
    offers to choose a sold claim's new holder from."""
    with session_scope(ctx.db_url) as session:
        return sorted(set(session.scalars(select(Claim.creditor_name))), key=str.casefold)


def _sold_claim(email: Email, claim_id: int | None) -> int:
    """The claim a "sold" decision is about: ``claim_id`` when it is one the email is about
    (matched, ``about_claim_id`` or a candidate; else ``Refused``), else the matched or
    ``about`` claim, else the one candidate; ``UsageError`` when there is no single one."""
    match = email.match or {}
    offered = [int(c["claim_id"]) for c in _candidates(email) if c.get("claim_id") is not None]
    about = [int(x) for x in (email.matched_claim_id, match.get("claim_id"), match.get("about_claim_id")) if x]
    if claim_id is not None:
        if claim_id not in {*offered, *about}:
            raise Refused(
                f"claim {claim_id} is not a candidate of email {email.id}; see `creditctl review show {email.id}`"
            )
        return claim_id
    if about:
        return about[0]
    if len(set(offered)) == 1:
        return offered[0]
    raise UsageError(
        f"email {email.id} names no single claim: choose it with --claim (see `creditctl review show {email.id}`)"
    )


def undo(
    ctx: AppContext,
    *,
    email_id: int,
    operator: str,
    role: str = "admin",
    channel: str = "cli",
    reason: str | None = None,
    confirm_other: bool = False,
) -> dict[str, Any]:
    """Revert ``email_id``'s applied claim update, or reopen its rejected review; the
    email returns to the review queue. Undoing another person's decision (``decision``:
    the last approval or rejection was recorded for someone else) needs ``confirm_other``
    (else ``NeedsConfirmation``, context ``decided_by``, ``action``, ``at``; nothing
    changes); the undo of an automatic apply (no person decided) needs none.

    The revert is a compensating ``claim_updates`` row (old amount = the claim's amount
    now, new amount = the amount before the update, ``applied_by="undo:<who>"``,
    ``reverts_update_id``), mirrored through the same outbox as any update. A reviewer
    may undo within ``UNDO_WINDOW`` of the update, an admin any time. Returns
    ``email_id``, ``undone`` (``update`` | ``rejection`` | ``sale``), ``claim_id``,
    ``restored_amount`` and ``replaced_amount`` (str or None), ``currency``, ``by`` and
    ``rejudged``: the emails waiting about the same claim, re-queued once the undo is committed
    (``_rejudge_waiting_on``) so they are judged again on the claim as restored.

    Raises ``NotFoundError`` for an unknown email, ``Refused`` when there is nothing to
    undo, the reviewer's 24 hours have passed, or the claim changed since (a later
    update must be undone first).
    """
    who = _operator(operator)
    _check_role(role)
    why = " ".join((reason or "").split()) or None
    sale: dict[str, Any] | None = None
    mirror_pending = False
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(f"email {email_id} does not exist")
        last = _last_update(session, email_id)
        if last is None and email.review_note and email.review_note.startswith("sold by "):
            _check_other(session, email_id, who, confirmed=confirm_other)
            sale = _undo_sale(session, ctx, email, who=who, role=role, channel=channel, why=why)
        elif last is None:
            if email.review_note and email.review_note.startswith("rejected"):
                _check_other(session, email_id, who, confirmed=confirm_other)
                sale = _undo_rejection(session, ctx, email, who=who, role=role, channel=channel, why=why)
            else:
                raise Refused(f"email {email_id} has no applied claim update to undo")
        else:
            _check_age(role, last.created_at, email_id)
            _check_other(session, email_id, who, confirmed=confirm_other)
            claim = _claim_to_restore(session, ctx, last)
            compensating = _compensate(
                session,
                last,
                claim,
                email_id=email_id,
                who=who,
                mirror_status="pending" if ctx.mirror is not None else "not_needed",
            )
            mirror_pending = ctx.mirror is not None
            _reopen(
                session,
                email_id,
                # an applied email a reprocess held and a person rejected (``reject``'s
                # ``claim_kept``) is waiting already: only its rejection is lifted
                match_target=MatchStatus.NEEDS_REVIEW.value if email.match_status == MatchStatus.AUTO_MATCHED else None,
                **({"mirror_status": "pending"} if mirror_pending else {}),
            )
            doc = _record_undo(session, ctx, email, last, compensating, who=who, role=role, channel=channel, why=why)
    if sale is not None:  # committed (a sale or a rejection undone): the mirror shows the previous holder again
        if ctx.mirror is not None and sale["undone"] == "sale":
            notifications.kick_mirror(ctx, email_id)
        sale["rejudged"] = _rejudge_waiting_on(ctx, email_id, who)
        return sale
    if mirror_pending:
        notifications.kick_mirror(ctx, email_id)
    notifications.kick_outbox(ctx)
    doc["rejudged"] = _rejudge_waiting_on(ctx, email_id, who)
    return doc


def _rejudge_waiting_on(ctx: AppContext, email_id: int, who: str) -> list[int]:
    """After an undo of the decision on ``email_id`` (committed): the emails still waiting for
    a person about the same claim (``decide.waiting_on_claim``) were judged on the claim as the
    decision left it — a recorded sale, an approved figure, a resolved report — so they are read
    again on the claim as the undo restored it, through the same owner as a decision's re-read
    (``_requeue_held``). Returns the ids re-queued ([] when none waits or the queue is down)."""
    from creditctl.services.decide import waiting_on_claim

    with session_scope(ctx.db_url) as session:
        ids = waiting_on_claim(session, email_id)
    return _requeue_held(
        ctx, email_id, ids, label=f"waiting on the claim of email {email_id}, undone by {who}", who=who
    )


def decision_of(session: Session, email_id: int) -> dict[str, Any] | None:
    """The person's decision ``email_id`` stands on now: its newest approval or rejection
    (an action-log row, ``_action_doc``'s keys: ``action``, ``person``, ``at``, ``claim_id``,
    ``old_amount``, ``new_amount``, ``currency``, ``reason``…) unless an undo followed
    it; None when no person's decision stands."""
    row = session.scalar(
        select(ReviewAction)
        .where(ReviewAction.email_id == email_id, ReviewAction.action.in_(("approve", "reject", "sold", "undo")))
        .order_by(ReviewAction.id.desc())
        .limit(1)
    )
    if row is None or row.action == "undo":
        return None
    doc = _action_doc(row)
    return doc if doc["action"] in ("approve", "reject", "sold") else None


def _check_other(session: Session, email_id: int, who: str, *, confirmed: bool) -> None:
    """Refuse (``NeedsConfirmation``) an unconfirmed undo of another person's decision."""
    decision = decision_of(session, email_id)
    if decision is None or confirmed or decision["person"] == who:
        return
    what = {"approve": "approved", "sold": "recorded as sold"}.get(decision["action"], "rejected")
    raise NeedsConfirmation(
        f"email {email_id} was {what} by {decision['person']} at {display.at(decision['at'])}: undoing another "
        "person's decision needs a confirmation (--confirm-other)",
        decided_by=decision["person"],
        action=decision["action"],
        at=decision["at"],
    )


def _last_update(session: Session, email_id: int) -> ClaimUpdate | None:
    """The email's last claim update that is neither a revert nor reverted (None: none)."""
    return session.scalar(
        select(ClaimUpdate)
        .where(
            ClaimUpdate.email_id == email_id,
            ClaimUpdate.reverts_update_id.is_(None),
            ClaimUpdate.reverted_by_update_id.is_(None),
        )
        .order_by(ClaimUpdate.id.desc())
        .limit(1)
    )


def _undo_rejection(
    session: Session, ctx: AppContext, email: Email, *, who: str, role: str, channel: str, why: str | None
) -> dict[str, Any]:
    """Reopen a rejected review (within the reviewer's window); returns ``undo``'s document."""
    email_id = email.id
    _check_age(role, email.updated_at, email_id)
    _reopen(session, email_id)
    _log_decision(
        session,
        ctx,
        email_id,
        f"rejection undone by {who}; back in the review queue",
        data={"operator": who, "decision": "undo", "reason": why},
        who=who,
        role=role,
        channel=channel,
        action="undo",
        reason=why or "rejection reopened",
    )
    return {
        "email_id": email_id,
        "undone": "rejection",
        "claim_id": None,
        "restored_amount": None,
        "replaced_amount": None,
        "currency": None,
        "by": who,
    }


def _undo_sale(
    session: Session, ctx: AppContext, email: Email, *, who: str, role: str, channel: str, why: str | None
) -> dict[str, Any]:
    """Undo a "sold" decision (``sold``): the claim's previous holder is restored
    (``claims.revert_holder``) and the email waits again; returns ``undo``'s document
    (``undone``: "sale", ``restored_holder``, ``replaced_holder``)."""
    email_id = email.id
    _check_age(role, email.updated_at, email_id)
    try:
        row = claims.revert_holder(session, ctx, email_id=email_id, by=who)
    except ValueError as exc:
        raise Refused(str(exc)) from exc
    if row is None:
        raise Refused(f"email {email_id} recorded no holder change to undo")
    _reopen(session, email_id, **({"mirror_status": "pending"} if ctx.mirror is not None else {}))
    what = f"claim {row.claim_id} back to {row.old_creditor_name} (was {row.new_creditor_name})"
    _log_decision(
        session,
        ctx,
        email_id,
        f"sale undone by {who}: {what}; back in the review queue",
        data={"operator": who, "decision": "undo", "claim_id": row.claim_id, "holder_change": row.id, "reason": why},
        who=who,
        role=role,
        channel=channel,
        action="undo",
        claim_id=row.claim_id,
        reason=why or f"sale undone: {what}",
    )
    return {
        "email_id": email_id,
        "undone": "sale",
        "claim_id": row.claim_id,
        "restored_amount": None,
        "replaced_amount": None,
        "restored_holder": row.old_creditor_name,
        "replaced_holder": row.new_creditor_name,
        "currency": None,
        "by": who,
    }


def _claim_to_restore(session: Session, ctx: AppContext, last: ClaimUpdate) -> Claim:
    """The claim ``last`` changed, locked (PostgreSQL); raises ``Refused`` when it changed
    since or had no amount before ``last``."""
    query = select(Claim).where(Claim.id == last.claim_id)
    if not is_sqlite(ctx.db_url):
        query = query.with_for_update()
    claim = session.scalar(query)
    later = session.execute(
        select(ClaimUpdate.id, ClaimUpdate.email_id, ClaimUpdate.new_amount, ClaimUpdate.currency)
        .where(
            ClaimUpdate.claim_id == last.claim_id,
            ClaimUpdate.id > last.id,
            ClaimUpdate.reverts_update_id.is_(None),
            ClaimUpdate.reverted_by_update_id.is_(None),
        )
        .order_by(ClaimUpdate.id.desc())
        .limit(1)
    ).first()
    if later is not None:  # named by its EMAIL: what `review undo` and the desk take
        raise Refused(
            f"claim {last.claim_id} changed after this email's update: email {later.email_id} set it to "
            f"{later.new_amount} {later.currency} (update {later.id}); undo that one first "
            f"(`creditctl review undo {later.email_id}`)"
        )
    if claim is None:
        raise Refused(f"claim {last.claim_id} is gone (changed outside the review); nothing undone")
    if claim.amount != last.new_amount:
        raise Refused(
            f"claim {last.claim_id} is now {claim.amount}, not the {last.new_amount} this email set "
            "(changed outside the review); nothing undone"
        )
    if last.old_amount is None:
        raise Refused(f"claim {last.claim_id} had no amount before this update; nothing to restore")
    return claim


def _compensate(
    session: Session, last: ClaimUpdate, claim: Claim, *, email_id: int, who: str, mirror_status: str
) -> ClaimUpdate:
    """Write the compensating update of ``last`` and put the claim back to its amount before it."""
    compensating = ClaimUpdate(
        claim_id=last.claim_id,
        email_id=email_id,
        old_amount=claim.amount,
        new_amount=last.old_amount,
        currency=last.currency,
        extractor=last.extractor,
        applied_by=f"undo:{who}",
        idempotency_key=f"undo-{last.id}",
        mirror_status=mirror_status,
        reverts_update_id=last.id,
    )
    session.add(compensating)
    session.flush()
    last.reverted_by_update_id = compensating.id
    before = session.scalar(
        select(ClaimUpdate.email_id)
        .where(
            ClaimUpdate.claim_id == last.claim_id,
            ClaimUpdate.id < last.id,
            ClaimUpdate.reverts_update_id.is_(None),
            ClaimUpdate.reverted_by_update_id.is_(None),
        )
        .order_by(ClaimUpdate.id.desc())
        .limit(1)
    )
    claim.amount = last.old_amount
    claim.updated_at = utcnow()
    claim.updated_by_email_id = before
    return compensating


def _record_undo(
    session: Session,
    ctx: AppContext,
    email: Email,
    last: ClaimUpdate,
    compensating: ClaimUpdate,
    *,
    who: str,
    role: str,
    channel: str,
    why: str | None,
) -> dict[str, Any]:
    """The undo's event, action-log row and review notice; returns ``undo``'s document."""
    email_id = email.id
    replaced, restored = str(compensating.old_amount), str(compensating.new_amount)
    _log_decision(
        session,
        ctx,
        email_id,
        f"undone by {who}: claim {last.claim_id} {replaced} → {restored} {last.currency}; back in the review queue",
        data={
            "operator": who,
            "decision": "undo",
            "claim_id": last.claim_id,
            "reverts": last.id,
            "old": replaced,
            "new": restored,
            "reason": why,
        },
        who=who,
        role=role,
        channel=channel,
        action="undo",
        claim_id=last.claim_id,
        claim_update_id=compensating.id,
        old_amount=compensating.old_amount,
        new_amount=compensating.new_amount,
        currency=last.currency,
        reason=why or f"reverts update {last.id}",
    )
    notifications.queue_review_notice(
        session,
        ctx,
        email_id=email_id,
        key=f"undo:{compensating.id}",
        ticket_id=email.ticket_id,
        subject=f"Rückgängig gemacht: E-Mail {email_id}, Forderung {last.claim_id}",
        body=f"E-Mail {email_id}: Änderung der Forderung {last.claim_id} rückgängig gemacht von {who} "
        f"({replaced} → {restored} {last.currency}); die E-Mail ist wieder in der Prüfliste."
        + (f" Grund: {why}" if why else ""),
    )
    return {
        "email_id": email_id,
        "undone": "update",
        "claim_id": last.claim_id,
        "restored_amount": restored,
        "replaced_amount": replaced,
        "currency": last.currency,
        "by": who,
    }


def _check_role(role: str) -> None:
    """Refuse a role that may not decide: a viewer (``users.check_may_decide``: ``Forbidden``),
    an unknown one (``UsageError``)."""
    if role == "viewer":
        users.check_may_decide(role)
    if role not in ROLES:
        raise UsageError(f"role {role!r}: one of {', '.join(ROLES)}")


def _check_age(role: str, at: datetime | None, email_id: int) -> None:
    if role != "admin" and (at is None or utcnow() - at > UNDO_WINDOW):
        raise Refused(f"the decision on email {email_id} is older than 24 hours: only an admin may undo it")


def _reopen(session: Session, email_id: int, *, match_target: str | None = None, **values: Any) -> None:
    """Put a decided email back in the review queue; ``match_target``: the match state an
    undone update returns to (``transitions.update_match``, from ``auto_matched``)."""
    stmt = (
        transitions.update_match(
            MatchStatus.AUTO_MATCHED.value, match_target, Actor.REVIEWER, email_id=email_id, entity=True
        )
        if match_target is not None
        else update(Email).where(Email.id == email_id)
    )
    session.execute(
        stmt.values(
            review_note=None, matched_claim_id=None, decided_by=None, updated_at=utcnow(), **values
        ).execution_options(synchronize_session="fetch")
    )


# reading -----------------------------------------------------------------------------


def _histories(session: Session, claim_ids: set[Any]) -> dict[int, list[dict[str, Any]]]:
    """Every claim update of ``claim_ids``, oldest first, by claim id."""
    histories: dict[int, list[dict[str, Any]]] = {}
    for cu in session.scalars(
        select(ClaimUpdate).where(ClaimUpdate.claim_id.in_(claim_ids or {-1})).order_by(ClaimUpdate.id)
    ):
        histories.setdefault(cu.claim_id, []).append(
            {
                "id": cu.id,
                "email_id": cu.email_id,
                "old_amount": _s(cu.old_amount),
                "new_amount": _s(cu.new_amount),
                "currency": cu.currency,
                "applied_by": cu.applied_by,
                "created_at": cu.created_at.isoformat(),
                "reverted": cu.reverted_by_update_id is not None,
                "reverts": cu.reverts_update_id,
            }
        )
    return histories


def _undoable(session: Session, email: Email) -> Any:
    """What an undo of ``email`` would revert: its last unreverted update (a dict),
    ``"rejection"`` for a rejected email, or None."""
    last = _last_update(session, email.id)
    if last is not None:
        return {
            "update_id": last.id,
            "claim_id": last.claim_id,
            "old_amount": _s(last.old_amount),
            "new_amount": _s(last.new_amount),
            "currency": last.currency,
            "applied_by": last.applied_by,
            "created_at": last.created_at.isoformat(),
        }
    if email.review_note and email.review_note.startswith("rejected"):
        return "rejection"
    if email.review_note and email.review_note.startswith("sold by "):
        return "sale"
    return None


def _email_fields(
    email: Email, extraction: dict[str, Any], parsed: dict[str, Any], item: dict[str, Any]
) -> dict[str, Any]:
    """``detail``'s fields of the email itself: state, bodies, cleaned parts, attachments,
    extracted fields, suspicious lines and warnings."""
    from creditctl.pipeline.extraction.reply_kind import find_injection_lines
    from creditctl.services.status import extracted_fields

    return {
        "waiting": counts.is_waiting(email.processing_status, email.match_status, email.decided_by, email.review_note),
        "processing_status": email.processing_status,
        "review_note": email.review_note,
        "matched_claim_id": email.matched_claim_id,
        "body_text": email.body_text,
        "body_html": email.body_html,
        "cleaned": {k: parsed.get(k) or "" for k in ("reply", "quoted", "signature")},
        "attachments": [
            {k: a.get(k) for k in ("file_name", "content_type", "text", "problem")}
            for a in parsed.get("attachment_texts") or []
            if isinstance(a, dict)
        ],
        "fields": extracted_fields(extraction),
        "suspicious": [
            line for part in ("reply", "signature", "quoted") for line in find_injection_lines(parsed.get(part) or "")
        ],
        "warnings": _warnings(extraction, item),
    }


def detail(ctx: AppContext, email_id: int) -> dict[str, Any]:
    """Everything a person needs to decide one email (``review show``, the desk's page).

    The ``pending`` item fields, plus ``waiting`` (bool), ``processing_status``,
    ``review_note``, ``body_text``, ``body_html`` (the original, to be shown inert),
    ``cleaned`` (``reply``, ``quoted``, ``signature``), ``attachments`` (``file_name``,
    ``content_type``, ``text``, ``problem``), ``fields`` (every extracted field),
    ``suspicious`` (sentences addressing an AI system: shown marked, never obeyed),
    ``warnings`` (extractor warnings, evidence problems, withheld offer reasons,
    plausibility), ``history`` per candidate (``claim_updates`` of that claim:
    ``id``, ``email_id``, ``old_amount``, ``new_amount``, ``applied_by``, ``created_at``,
    ``reverted``), ``undoable`` (the update an undo would revert, or ``"rejection"``, or
    None), ``actions`` (this email's action log), ``decision`` (the person's decision
    that stands, ``decision_of``, or None), ``superseded`` (the newest ``not_applied``
    action of a waiting email: its figure was refused because a newer email set the claim;
    then ``offer`` pre-fills nothing and names it), ``stale_reasons`` (hold reasons computed
    against an amount the claim no longer holds → its amount now: ``_stale_reasons``) and
    ``preselect`` (the claim id a form may
    pre-select, or None: ``preselected_claim``), ``holders`` per candidate (its recorded
    holder changes, ``claims.holder_history``) and ``sale`` (the standing holder change
    this email's "sold" decision recorded, or None). Raises ``NotFoundError``.
    """
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            raise NotFoundError(f"email {email_id} does not exist")
        claim_ids: set[int] = {c["claim_id"] for c in _candidates(email) if c.get("claim_id") is not None}
        if email.matched_claim_id:
            claim_ids.add(email.matched_claim_id)
        item = _item(email, _claims_by_id(session, claim_ids), _holder_changes(session, claim_ids))
        extraction = email.extraction or {}
        parsed = email.parsed or {}
        histories = _histories(session, claim_ids)
        undoable = _undoable(session, email)
        item.update(_email_fields(email, extraction, parsed, item))
        item.update({"undoable": undoable, "actions": _actions(session, ReviewAction.email_id == email_id)})
        item["decision"] = decision_of(session, email_id)
        item["superseded"] = _superseded(item["actions"]) if item["waiting"] else None
        if item["superseded"] is not None:  # its figure was refused: a newer email set the claim
            withheld = [*item["offer"]["withheld"], str(item["superseded"]["reason"])]
            item["offer"] = {**item["offer"], "amount": None, "withheld": withheld}
            item["default_amount"], item["no_default_amount"] = None, "; ".join(withheld)
        holders = claims.holder_history(session, claim_ids)
        for cand in item["candidates"]:
            cand["history"] = histories.get(cand["claim_id"], [])
            cand["holders"] = holders.get(cand["claim_id"], [])
        item["sale"] = next(
            (h for rows in holders.values() for h in rows if h["email_id"] == email_id and h["undone_at"] is None),
            None,
        )
        item["preselect"] = preselected_claim(ctx, item["candidates"])
        item["best_claim_id"] = email.matched_claim_id or (email.match or {}).get("claim_id") or item["preselect"]
        _holder_as_note(item)
        item["stale_reasons"] = _stale_reasons(item)
        if item["waiting"]:
            _newer_figures(session, ctx, email, item)
        return item


def newer_figure_note(claim_id: int, newer: claims.NewerWrite) -> str:
    """What a person reads before approving a reply onto claim ``claim_id`` when a newer
    reply's figure stands there (``claims.newer_figure_applied``)."""
    stays = str(newer.amount) if newer.amount is not None else "—"
    return f"claim {claim_id}: email {newer.email_id} (newer) set {stays}; approving this reply needs --override-newer"


def _newer_figures(session: Session, ctx: AppContext, email: Email, item: dict[str, Any]) -> None:
    """Mark on ``detail``'s ``item`` each candidate claim a newer reply already set — the
    worker's and ``approve``'s one decision, ``claims.newer_figure_applied`` (a copy of a reply
    is as old as its first arrival): the candidate's ``newer`` (``email_id``, ``amount`` str,
    ``received_at`` ISO), a warning, and when it is the claim the form shows
    (``_shown_candidate``), the figure is not offered as the default. A candidate another
    waiting email reports sold or under enforcement (``decide.handover_hold``) is warned of
    too: an approval onto it needs the sale's confirmation (``approval_confirmations``)."""
    from creditctl.services.decide import handover_hold

    shown = _shown_candidate(item)
    for cand in item["candidates"]:
        claim = session.get(Claim, cand["claim_id"])
        newer = (
            claims.newer_figure_applied(session, claim, email.id, email.received_at, ctx.settings.dedupe_window_days)
            if claim is not None
            else None
        )
        handover = handover_hold(session, email.id, cand["claim_id"])
        if handover is not None:  # the worker's hold; approving onto it needs a confirmation
            item["warnings"] = list(dict.fromkeys([*item["warnings"], handover]))
        if newer is None:
            continue
        cand["newer"] = {
            "email_id": newer.email_id,
            "amount": _s(newer.amount),
            "received_at": newer.received_at.isoformat(),
        }
        note = newer_figure_note(cand["claim_id"], newer)
        item["warnings"] = list(dict.fromkeys([*item["warnings"], note]))
        if shown is not None and cand["claim_id"] == shown.get("claim_id"):
            withheld = list(dict.fromkeys([*item["offer"]["withheld"], note]))
            item["offer"] = {**item["offer"], "amount": None, "withheld": withheld}
            item["default_amount"], item["no_default_amount"] = None, "; ".join(withheld)


STALE_NOTE = "computed against an earlier claim amount; stored now: {now}"
"""How every face (``review list``/``show``, the desk's queue and email page) marks a stale hold
reason (``_stale_reasons``) after it, in parentheses: the reason's figure and the claim's current one
both shown. The desk renders it in its language like any reason (``desk.reasons``)."""


def stale_note(item: dict[str, Any], reason: str) -> str | None:
    """The note after ``reason`` (one of ``item``'s hold reasons; ``item`` from ``pending`` or
    ``detail``) when it was computed against an amount the claim no longer holds
    (``STALE_NOTE`` with that amount now), else None."""
    now = (item.get("stale_reasons") or {}).get(str(reason))
    return STALE_NOTE.format(now=now) if now is not None else None


def list_reason(item: dict[str, Any]) -> str:
    """The one reason a list shows for a waiting email (``review list``, the desk's queue): the
    most severe hold reason (``pipeline.gate.by_severity``: an injection before a low score), else
    the verdict's reason, else an evidence problem, else the match status code."""
    return str((item["hold_reasons"] or item["reasons"] or item["evidence_problems"] or [item["match_status"]])[0])


_STORED_FIGURE = re.compile(r"from the (?:stored|claim's) (-?\d+(?:\.\d+)?)|claim stored as (-?\d+(?:\.\d+)?)")


def _stale_reasons(item: dict[str, Any]) -> dict[str, str]:
    """Hold reasons computed against a stored amount the claim no longer holds ("… from
    the stored 689.90" while the claim now holds 742.30): reason → the claim's amount now
    (str). The claim is the best match (``best_claim_id``), else the top candidate."""
    claim = _best(item) or (item["candidates"][0] if item["candidates"] else None)
    now = claim.get("amount") if claim else None
    if now is None:
        return {}
    stale = {}
    for reason in item["hold_reasons"]:
        found = _STORED_FIGURE.search(str(reason))
        if found is None:
            continue
        stored = found.group(1) or found.group(2)
        if Decimal(stored) != Decimal(str(now)):
            stale[str(reason)] = str(now)
    return stale


def _superseded(actions: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest ``not_applied`` action (an approval a newer email's write won over) not
    followed by an undo or another decision, or None; ``actions`` oldest first (``_actions``)."""
    newest_first: list[dict[str, Any]] = list(actions)[::-1]
    for action in newest_first:
        if action["action"] == "not_applied":
            return action
        if action["action"] in ("approve", "reject", "undo"):
            return None
    return None


def preselected_claim(ctx: AppContext, candidates: Sequence[dict[str, Any]]) -> int | None:
    """The candidate claim id a review form may pre-select: the best candidate when its
    score reaches the matcher's review threshold (``match_review_threshold``) and the
    runner-up is at least ``match_margin`` below it; None when candidates tie or the best
    is weak (the person chooses). ``candidates``: ``detail``'s, best first (``score`` float)."""
    from creditctl.services.decide import thresholds

    limits = thresholds(ctx)
    scores = [(float(c.get("score") or 0.0), c.get("claim_id")) for c in candidates if c.get("claim_id") is not None]
    if not scores:
        return None
    scores.sort(key=lambda pair: -pair[0])
    best, claim_id = scores[0]
    if best < limits.review or (len(scores) > 1 and round(best - scores[1][0], 3) < limits.margin):
        return None
    return int(claim_id) if claim_id is not None else None


def reading_warnings(extraction: dict[str, Any], match: dict[str, Any] | None) -> list[str]:
    """The reading's warnings as a person sees them (``status ID``, the desk): the reading's
    "creditor or client not named" restated with what the matcher found of the matched (else
    the top) candidate — its stored ``creditor_found`` / ``client_found``. ``extraction``:
    the stored reading; ``match``: the email's stored match (``decide.match_document``)."""
    found = [str(w) for w in extraction.get("warnings") or []]
    if NOT_NAMED_WARNING in found:
        candidates = [c for c in (match or {}).get("candidates") or [] if isinstance(c, dict)]
        item = {"candidates": candidates, "matched_claim_id": (match or {}).get("claim_id")}
        found = [w for w in found if w != NOT_NAMED_WARNING] + _parties_not_named(extraction, item)
    return found


def _warnings(extraction: dict[str, Any], item: dict[str, Any]) -> list[str]:
    """Every warning a person should see before deciding (deduplicated, in order)."""
    found = [str(w) for w in extraction.get("warnings") or []]
    if NOT_NAMED_WARNING in found:
        found = [w for w in found if w != NOT_NAMED_WARNING] + _parties_not_named(extraction, item)
    found += item["offer"]["withheld"]
    total = item["extracted"]["total"]
    top = item["candidates"][0] if item["candidates"] else None
    if total is not None and top and top.get("amount"):
        new, old = Decimal(total), Decimal(top["amount"])
        if old > 0 and (new > old * 3 or new < old / 10):
            found.append(f"plausibility: {total} differs strongly from the claim's current {top['amount']}")
    principal_sum = _sum_parts(extraction.get("amounts") or {})
    if total is not None and principal_sum is not None and principal_sum != Decimal(total):
        found.append(f"readings disagree: principal + interest + costs = {principal_sum}, total {total}")
    return list(dict.fromkeys(found))


CREDITOR_NOT_NAMED = "creditor not named in the email, nor the sender known for the claim"
CLIENT_NOT_NAMED = "client not named in the email"


def _shown_candidate(item: dict[str, Any]) -> dict[str, Any] | None:
    """The candidate whose creditor and client the pages show: the matched (or pre-selected)
    claim's, else the top candidate's, else None."""
    chosen = item.get("best_claim_id") or item.get("matched_claim_id")
    candidates = item.get("candidates") or []
    return next((c for c in candidates if chosen and c.get("claim_id") == chosen), None) or (
        candidates[0] if candidates else None
    )


def _parties_not_named(extraction: dict[str, Any], item: dict[str, Any]) -> list[str]:
    """The reading's "creditor or client not named" restated with what the matcher found
    (the shown candidate's ``creditor_found`` / ``client_found``): nothing when both are
    known (a reply naming its client, sent from the claim's stored address), else the
    one party neither the reading nor the matcher found, or the reading's warning when
    neither is."""
    candidate = _shown_candidate(item)
    creditor = bool(candidate and candidate.get("creditor_found"))
    client = bool(candidate and candidate.get("client_found"))
    creditor = creditor or bool(extraction.get("creditor_name") or extraction.get("original_creditor"))
    client = client or bool(
        extraction.get("client_name") or extraction.get("client_file_number") or extraction.get("creditor_references")
    )
    if creditor and client:
        return []
    if not (creditor or client):
        return [NOT_NAMED_WARNING]
    return [CLIENT_NOT_NAMED if creditor else CREDITOR_NOT_NAMED]


def _sum_parts(amounts: dict[str, Any]) -> Decimal | None:
    parts = [amounts.get(k) for k in ("principal", "interest", "costs")]
    if parts[0] is None:
        return None
    try:
        return sum((Decimal(str(p)) for p in parts if p is not None), Decimal(0)).quantize(Decimal("0.01"))
    except ArithmeticError:
        return None


def action_log(ctx: AppContext, *, limit: int = 200, person: str | None = None) -> list[dict[str, Any]]:
    """The newest decisions first: ``id``, ``at``, ``email_id``, ``action`` (approve |
    reject | undo), ``person``, ``role``, ``channel``, ``claim_id``, ``claim_update_id``,
    ``old_amount``, ``new_amount`` (str or None), ``currency``, ``override``, ``reason``."""
    with session_scope(ctx.db_url) as session:
        return _actions(session, ReviewAction.person == person if person else None, limit=limit, newest_first=True)


def _actions(session: Session, where: Any, *, limit: int = 500, newest_first: bool = False) -> list[dict[str, Any]]:
    query = select(ReviewAction).order_by(ReviewAction.id.desc() if newest_first else ReviewAction.id).limit(limit)
    if where is not None:
        query = query.where(where)
    return [_action_doc(a) for a in session.scalars(query)]


NAMED_BY = {
    "desk": "signed in",
    "cli": "login",
    "cli:by": "--by",
    "cli:env": "CREDITCTL_OPERATOR",
    "cli:sudo": "SUDO_USER",
}
"""How the person of an action-log row was established, by its stored channel: the desk's
sign-in, or for the CLI (``cli.common.operator_identity``) the ``--by`` option, the
``CREDITCTL_OPERATOR`` variable, the real login behind sudo, or the OS login."""


def _action_doc(a: ReviewAction) -> dict[str, Any]:
    """One action-log row as a dict. An approval recorded as ``superseded`` (before
    ``not_applied`` rows existed) changed nothing: it reads as ``not_applied``, without
    amounts, so no face shows it as a change."""
    doc = {
        "id": a.id,
        "at": a.at.isoformat(),
        "email_id": a.email_id,
        "action": a.action,
        "person": a.person,
        "role": a.role,
        "channel": a.channel.split(":", 1)[0],
        "named_by": NAMED_BY.get(a.channel, a.channel),
        "claim_id": a.claim_id,
        "claim_update_id": a.claim_update_id,
        "old_amount": _s(a.old_amount),
        "new_amount": _s(a.new_amount),
        "currency": a.currency,
        "override": a.override,
        "reason": a.reason,
    }
    if a.action == "approve" and a.reason == "superseded" and a.claim_update_id is None:
        requested = f" {a.new_amount} {a.currency or ''}".rstrip() if a.new_amount is not None else ""
        stays = f"; the claim stayed {a.old_amount}" if a.old_amount is not None else ""
        doc.update(
            action="not_applied",
            old_amount=None,
            new_amount=None,
            reason=f"{requested.strip()} not applied: a newer email had set the claim{stays}".strip(),
        )
    return doc


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


# helpers -----------------------------------------------------------------------------


def _operator(operator: str) -> str:
    who = (operator or "").strip()
    if not who:
        raise UsageError("the operator's name is empty")
    return who


def _ensure_waiting(email: Email, session: Session | None = None) -> None:
    """Raise ``Refused`` saying why ``email`` is not waiting for review; with ``session``,
    a decision someone else made meanwhile is named (who, when, what was set) and the
    message says this decision was not applied (the parallel approval's loser)."""
    if email.processing_status != S.COMPLETED:
        raise Refused(f"email {email.id} is not waiting for review: it is {email.processing_status}")
    decision = decision_of(session, email.id) if session is not None and email.review_note is not None else None
    if decision is not None:
        when = display.at(decision["at"])  # a person reads it: the office's zone, named
        if decision["action"] == "approve":
            raise Refused(
                f"email {email.id} was already reviewed: approved by {decision['person']} at {when}: claim "
                f"{decision['claim_id']} set {decision['old_amount'] or '—'} → {decision['new_amount']} "
                f"{decision['currency'] or 'EUR'}; your decision was not applied"
            )
        if decision["action"] == "sold":
            raise Refused(
                f"email {email.id} was already reviewed: recorded as sold by {decision['person']} at {when} "
                f"({decision['reason']}); your decision was not applied"
            )
        raise Refused(
            f"email {email.id} was already reviewed: rejected by {decision['person']} at {when}; your decision "
            "was not applied"
        )
    if email.review_note is not None:
        raise Refused(f"email {email.id} was already reviewed ({email.review_note})")
    if email.match_status not in REVIEW_STATUSES:
        raise Refused(f"email {email.id} is not waiting for review: match status {email.match_status}")


def _close(session: Session, email_id: int, *, match_target: str | None = None, **values: Any) -> None:
    """Compare-and-set: close the review only if it is still open (else ``Refused``);
    ``match_target``: the match state an approval moves to (``transitions.update_match``)."""
    if match_target is not None:
        stmt = transitions.update_match(REVIEW_STATUSES, match_target, Actor.REVIEWER, email_id=email_id, entity=True)
    else:
        stmt = update(Email).where(Email.id == email_id, Email.match_status.in_(REVIEW_STATUSES))
    done = session.execute(
        stmt.where(Email.processing_status == S.COMPLETED, Email.review_note.is_(None))
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session="fetch")
    )
    if not rowcount(done):
        raise Refused(f"email {email_id} was reviewed or reprocessed meanwhile; see `creditctl status {email_id}`")


def _reading(email: Email) -> ExtractionResult:
    """The stored extraction as an ``ExtractionResult`` (a bare one when unreadable)."""
    doc = {k: v for k, v in (email.extraction or {}).items() if k != "evidence_problems"}
    try:
        return ExtractionResult.model_validate(doc)
    except ValidationError:
        return ExtractionResult(extractor=email.extractor or "manual")


def _amount(amount_text: str | None, result: ExtractionResult, claim_currency: str, email: Email) -> Decimal:
    """The amount to apply (Decimal, 2 places); raises ``Refused`` when the extracted amount
    is withheld for safety or in another currency, ``UsageError`` for a missing or bad ``--amount``."""
    if amount_text is None:
        total = result.amounts.total
        if total is None:
            raise UsageError("no extracted amount; pass --amount")
        offer = amount_offer(email.extraction, email.match, claim_currency, email_flags(email))
        if offer["amount"] is None and not any(w.startswith("the amount is in") for w in offer["withheld"]):
            raise Refused(  # refused for safety (exit 1), not a usage error (README, exit codes)
                "the extracted amount did not pass the safety checks ("
                + "; ".join(offer["withheld"])
                + "); read the email and pass --amount"
            )
        stated = (result.currency or "").upper()
        if stated and stated != claim_currency:
            raise Refused(
                f"the extracted amount is in {stated}, the claim in {claim_currency}; pass --amount in {claim_currency}"
            )
        amount = total.quantize(Decimal("0.01"))
    else:
        amount = _parse_amount(amount_text)
    if amount < 0 or amount > MAX_CLAIM_AMOUNT:
        raise UsageError(f"amount {amount} is implausible (0 to {MAX_CLAIM_AMOUNT})")
    return amount


_GERMAN_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")
"""A typed amount with one point and exactly three digits after it (``1.234``, ``12.500``):
German thousands (an amount has no three decimals)."""


def _parse_amount(text: str) -> Decimal:
    """An amount the reviewer typed → Decimal euros, 2 places, read by the rules extractor's
    money parser (``pipeline/extraction/amounts.parse_amount``): ``1234.56``, ``1234,56``,
    ``1.234,56``, ``1,234.56``, ``1'234.50``, with or without ``€``/``EUR``; ``1.234``
    (one point, exactly three digits after it: ``_GERMAN_THOUSANDS``) is a German
    thousand, 1234.00. Anything else that parser finds ambiguous or that is not one amount
    is refused with ``UsageError``, never guessed or rounded; a credit mark
    (``-5``, ``5 CR``) is refused by the caller's range check."""
    if not text.strip():
        raise UsageError("--amount is empty")
    value = parse_money(text.strip())
    if value is None and _GERMAN_THOUSANDS.fullmatch(text.strip()):
        # "1.234": no amount has three decimals — a German thousands point (1234.00)
        value = Decimal(text.strip().replace(".", "")).quantize(Decimal("0.01"))
    if value is None:
        raise UsageError(
            f"--amount {text!r} is not one unambiguous amount like 1234.56, 1.234,56 or 1,234.56 "
            "(write 1234.00, 1.234,00 or 1,23)"
        )
    return value


def _row(email: Email) -> dict[str, Any]:
    return {
        "ticket_id": email.ticket_id,
        "side_conversation_id": email.side_conversation_id,
        "from_email": email.from_email,
        "from_name": email.from_name,
        "received_at": email.received_at,
    }


def _candidate_score(email: Email, claim_id: int) -> float | None:
    """The matcher's score for ``claim_id`` (None when it was not a candidate)."""
    for cand in _candidates(email):
        if cand.get("claim_id") == claim_id:
            try:
                return float(cand.get("score") or 0.0)
            except (TypeError, ValueError):
                return 0.0
    return None

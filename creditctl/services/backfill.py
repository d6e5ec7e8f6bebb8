"""Backfill (``creditctl reprocess``): choose the emails, and the dry run.

``select_ids`` picks the finished emails a backfill re-queues (the enqueue side is
``operations.enqueue_reprocess``). ``dry_run`` re-reads the stored raw emails with the
current code — cleaning, extraction, evidence check, matching and the gate, exactly as
the worker does (``decide.evaluate``) — and returns a diff against what is stored. It
writes nothing: every read runs in a session that is never committed, on a connection
the database itself keeps read-only (SQLite ``PRAGMA query_only``, PostgreSQL
``READ ONLY`` transactions), and on SQLite without the write lock the service layer's
sessions take, so a long dry run never blocks the live workers.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import structlog
from sqlalchemy import Engine, and_, create_engine, event, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, load_only

from creditctl.db import SQLITE_BUSY_TIMEOUT_S, get_engine
from creditctl.exceptions import NotFoundError, UsageError
from creditctl.models import Claim, Email, Operation, ProcessingStatus as S
from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.pipeline.gate import Verdict
from creditctl.pipeline.matching_types import ClaimCandidate, MatchStatus
from creditctl.services import claims, reading
from creditctl.services.context import AppContext
from creditctl.services.decide import handover_hold, judge
from creditctl.timeparse import check_range, parse_when

log = structlog.get_logger(__name__)

DEFAULT_STATUSES: tuple[str, ...] = (S.COMPLETED, S.NOT_CREDITOR_REPLY, S.FAILED)
"""What a backfill re-runs unless ``--status`` says otherwise: the finished states."""

BATCH_SIZE = 200
"""Rows fetched per round trip while streaming (``yield_per``)."""

DIFF_FIELDS = ("amount", "reply_kind", "creditor", "client", "match")
"""The fields the dry run compares, in display order."""


@dataclass
class Selection:
    """Which emails a backfill covers (every given filter must hold).

    ``since``/``until``: ``received_at`` in ``[since, until)`` (timezone-aware);
    ``statuses``: processing states (empty: ``DEFAULT_STATUSES``); ``creditor``: a
    substring (case-insensitive) of the extracted creditor name, the sender address or
    the sender name; ``ids``: only these emails; ``limit``: at most this many, lowest
    ids first; ``include_reviewed``: also emails a person decided (approved or rejected
    in review) — left alone otherwise, so a backfill never re-gates a person's decision
    unless the operator asks for it (``--include-reviewed``).
    """

    since: datetime | None = None
    until: datetime | None = None
    statuses: list[str] = field(default_factory=list)
    creditor: str | None = None
    ids: list[int] = field(default_factory=list)
    limit: int | None = None
    include_reviewed: bool = False

    def __post_init__(self) -> None:
        """Raises ``UsageError`` when the range selects nothing (``timeparse.check_range``: an
        empty or backwards range says so instead of "0 selected")."""
        check_range(self.since, self.until)


def check_ids_exist(session: Session, ids: Sequence[int]) -> None:
    """Raises ``NotFoundError`` naming the ``ids`` that are no email's id (README: not
    found is exit 1), so ``reprocess --ids 9999`` does not say "nothing to reprocess"."""
    if not ids:
        return
    known = set(session.scalars(select(Email.id).where(Email.id.in_(list(ids)))))
    missing = sorted(set(ids) - known)
    if missing:
        raise NotFoundError(
            f"no email with id {', '.join(map(str, missing))}; check the ids with `creditctl status` or `creditctl review`"
        )


def not_decided_by_person() -> Any:
    """SQL: nobody decided the email in review (``decided_by`` is not ``'person'`` and no
    ``review_note`` of an approval or rejection; NULL-safe)."""
    return and_(or_(Email.decided_by.is_(None), Email.decided_by != "person"), Email.review_note.is_(None))


def person_decision(decided_by: str | None, review_note: str | None) -> str | None:
    """What a person decided on an email (its review note, or "decided by a person"), None when nobody did."""
    if review_note:
        return review_note
    return "decided by a person" if decided_by == "person" else None


SKIPPED_REVIEWED = "a person decided it ({}); not re-read — --include-reviewed re-reads it"
"""The dry run's per-email line for an email a backfill leaves alone."""


# selecting --------------------------------------------------------------------------


SELECTED_IDS_KEY = "selected_ids"
"""The key of an operation's ``params`` holding the ids it selected at its start (ascending):
what ``--resume`` continues (``operations.enqueue_reprocess`` writes it with the operation)."""


def select_ids(ctx: AppContext, selection: Selection, *, resume: int | None = None) -> list[int]:
    """Ids (ascending) of the emails ``selection`` covers.

    With ``resume`` (the id of an earlier ``reprocess`` operation) ``selection`` is
    ignored and the operation's remaining emails are returned (``resume_ids``).

    Raises ``UsageError`` for an unknown status, ``NotFoundError`` when ``resume``
    names no reprocess operation or ``selection.ids`` names an email that does not exist.
    """
    if resume is not None:
        return resume_ids(ctx, resume).remaining
    with readonly_session(ctx.db_url) as session:
        check_ids_exist(session, selection.ids)
        return [e.id for e in _stream(session, selection, columns=_SELECT_COLUMNS, skip_reviewed=True)]


@dataclass
class ResumePlan:
    """Where reprocess operation ``operation_id`` stands, for ``--resume``.

    ``selected``: how many emails it selected at its start. Of those, ``remaining``
    (ids, ascending) are what a resume re-queues; ``done`` were re-queued by the
    operation already (never twice); ``later`` were re-queued by a later operation
    (``{email id: that operation's id}``); ``changed`` are no longer in a state the
    operation takes (in flight or queued again by something else, or decided by a person
    without ``--include-reviewed``). An email stored after the operation started is never
    in it.
    """

    operation_id: int
    selected: int
    remaining: list[int] = field(default_factory=list)
    done: list[int] = field(default_factory=list)
    later: dict[int, int] = field(default_factory=dict)
    changed: list[int] = field(default_factory=list)


def resume_ids(ctx: AppContext, resume: int) -> ResumePlan:
    """What resuming reprocess operation ``resume`` re-queues: the emails of the selection
    it recorded at its start (``SELECTED_IDS_KEY``) that it has not re-queued yet and that
    are still in a state it takes (``ResumePlan``). An operation recorded before selections
    were stored is re-selected by its command-line params — relative times such as ``2h``
    read against the moment it was created, emails received after that moment left out,
    the ones it took counting against its ``limit``.

    Raises ``NotFoundError`` when ``resume`` names no reprocess operation."""
    with readonly_session(ctx.db_url) as session:
        op = session.get(Operation, resume)
        if op is None or op.kind != "reprocess":
            raise NotFoundError(f"no reprocess operation {resume}; the id is printed when a reprocess starts")
        params = op.params or {}
        if params.get(SELECTED_IDS_KEY) is not None:
            return _resume_recorded(session, resume, params)
        selection = _resumed_selection(ctx, op)
        chosen = list(
            _stream(
                session, selection, columns=_SELECT_COLUMNS + (Email.operation_id,), resume=resume, skip_reviewed=True
            )
        )
        plan = ResumePlan(operation_id=resume, selected=len(chosen))
        for e in chosen:
            _classify(plan, e.id, e.operation_id, takeable=True)
        return plan


def _resume_recorded(session: Session, resume: int, params: dict[str, Any]) -> ResumePlan:
    """``resume_ids`` of an operation that recorded its selection: those ids, as they are now."""
    selected = sorted({int(i) for i in params[SELECTED_IDS_KEY]})
    plan = ResumePlan(operation_id=resume, selected=len(selected))
    statuses = set(_statuses(list(params.get("status") or []))) & set(DEFAULT_STATUSES)  # only finished are taken
    include_reviewed = bool(params.get("include_reviewed"))
    rows: dict[int, Any] = {}
    for start in range(0, len(selected), BATCH_SIZE):
        chunk = selected[start : start + BATCH_SIZE]
        query = select(
            Email.id, Email.operation_id, Email.processing_status, Email.decided_by, Email.review_note
        ).where(Email.id.in_(chunk))
        rows.update({r.id: r for r in session.execute(query)})
    for email_id in selected:
        row = rows.get(email_id)
        takeable = (
            row is not None
            and row.processing_status in statuses
            and (include_reviewed or person_decision(row.decided_by, row.review_note) is None)
        )
        _classify(plan, email_id, row.operation_id if row is not None else None, takeable=takeable)
    return plan


def _classify(plan: ResumePlan, email_id: int, operation_id: int | None, *, takeable: bool) -> None:
    if operation_id == plan.operation_id:
        plan.done.append(email_id)
    elif operation_id is not None and operation_id > plan.operation_id:  # ids grow: a later operation took it
        plan.later[email_id] = operation_id
    elif takeable:
        plan.remaining.append(email_id)
    else:
        plan.changed.append(email_id)


def _resumed_selection(ctx: AppContext, op: Operation) -> Selection:
    """The selection of an operation recorded without its ids, read again from its params;
    nothing received after the operation started."""
    params = op.params or {}
    tz = ctx.settings.office_timezone
    base = op.created_at

    def when(key: str) -> datetime | None:
        text = params.get(key)
        return parse_when(str(text), tz, now=base) if text else None

    until = when("until")
    return Selection(
        since=when("since"),
        until=base if until is None or until > base else until,
        statuses=list(params.get("status") or []),
        creditor=params.get("creditor") or None,
        ids=[int(i) for i in params.get("ids") or []],
        limit=params.get("limit"),
        include_reviewed=bool(params.get("include_reviewed")),
    )


_SELECT_COLUMNS = (Email.id, Email.from_email, Email.from_name)


def _stream(
    session: Session,
    selection: Selection,
    *,
    columns: Sequence[Any],
    resume: int | None = None,
    skip_reviewed: bool = False,
) -> Iterator[Email]:
    """The selected emails (ORM rows with only ``columns`` loaded), by id, streamed.

    ``resume``: emails already taken by that operation are included whatever their
    state now (the caller drops them), so ``limit`` keeps its original meaning.
    ``skip_reviewed``: leave out emails a person decided unless ``selection.include_reviewed``.
    """
    statuses = _statuses(selection.statuses)
    in_state = Email.processing_status.in_(statuses)
    query = select(Email).where(or_(in_state, Email.operation_id == resume) if resume is not None else in_state)
    if selection.since is not None:
        query = query.where(Email.received_at >= selection.since)
    if selection.until is not None:
        query = query.where(Email.received_at < selection.until)
    if selection.ids:
        query = query.where(Email.id.in_(sorted(set(selection.ids))))
    if skip_reviewed and not selection.include_reviewed:
        query = query.where(not_decided_by_person())
    loaded = list(columns)
    if selection.creditor:
        loaded += [Email.extraction, Email.from_email, Email.from_name]
    elif selection.limit is not None:
        query = query.limit(selection.limit)  # no filter left in Python: let the database cut
    query = query.options(load_only(*loaded)).order_by(Email.id).execution_options(yield_per=BATCH_SIZE)
    needle = (selection.creditor or "").casefold()
    taken = 0
    if selection.limit is not None and selection.limit <= 0:
        return
    for email in session.scalars(query):
        if needle and not _creditor_matches(needle, email):
            continue
        yield email
        taken += 1
        if selection.limit is not None and taken >= selection.limit:
            return


def _statuses(given: Sequence[str]) -> list[str]:
    if not given:
        return list(DEFAULT_STATUSES)
    known = {s.value for s in S}
    unknown = [s for s in given if s not in known]
    if unknown:
        raise UsageError(f"unknown status {', '.join(unknown)}; use one of {', '.join(sorted(known))}")
    return list(dict.fromkeys(given))


def _creditor_matches(needle: str, email: Email) -> bool:
    """``needle`` (casefolded) in the extracted creditor name, sender address or name."""
    name = (email.extraction or {}).get("creditor_name") or ""
    return any(needle in str(v).casefold() for v in (name, email.from_email or "", email.from_name or ""))


# the dry run -------------------------------------------------------------------------

_READ_COLUMNS = (
    Email.id,
    Email.ticket_id,
    Email.side_conversation_id,
    Email.subject,
    Email.from_email,
    Email.from_name,
    Email.body_text,
    Email.body_html,
    Email.headers,
    Email.received_at,
    Email.parsed,
    Email.extraction,
    Email.match_status,
    Email.matched_claim_id,
    Email.decided_by,
    Email.review_note,
)


def dry_run(ctx: AppContext, selection: Selection, *, workers: int = 1) -> dict[str, Any]:
    """Re-read the selected emails with the current code and diff against the stored result.

    Writes nothing. Per email: the stored raw bodies are cleaned, extracted (the
    configured extractor, or ``ctx.extractor_factory``), evidence-checked, matched
    against the claims (loaded once for the whole run) and gated — the logic of
    ``decide.evaluate``. Compared fields: ``amount`` (the total, Decimal as a string),
    ``reply_kind``, ``creditor`` (creditor name), ``client`` (client name) and
    ``match`` (``"<match_status>"`` or ``"auto_matched claim <id>"``).

    ``workers`` > 1: the re-reading (pure CPU) runs in that many forked processes
    (``_reread_in_processes``); the parent streams the rows and keeps the order, so the
    result is the same as with one. Without ``os.fork`` (not POSIX) it runs in-process.

    Returns::

        {"selected": N,
         "summary": {"unchanged", "changed", "newly_matched", "newly_needs_review", "errors",
                     "skipped"},
         "emails": [{"id", "received_at" (ISO UTC), "changes": {field: {"before", "after"}},
                     "before_match": {"status", "claim_id"}, "after_match": {...} | None,
                     "after_reasons": [str], "after_amount": str | None, "would_skip": str | None,
                     "skipped": str | None, "superseded": str | None, "error": str | None}]}

    ``would_skip``: the re-read would apply ``after_amount`` but the claim write would not —
    a newer email's figure is already applied (``claims.write_preview``, the write's own
    rule; ``WOULD_SKIP``), counted in ``would_skip``; not set when ``superseded`` says it
    (one decision, ``_at_write``: which of the two depends only on whether this email wrote
    the claim before).

    Each email is judged against the claims as they were before its own write
    (``claims.amounts_before``), also when a newer email wrote the claim since: re-reading
    an applied email with the same result shows no change. ``superseded`` (counted in
    ``superseded``): the re-read would apply to a claim this email wrote before, which now
    holds a newer email's figure — nothing would change (``claims.write_preview``). An email a person decided is not re-read unless
    ``selection.include_reviewed``: its item says so in ``skipped`` (counted in
    ``skipped``). ``after_reasons``: why the re-read would hold the email (most severe
    first; empty when it would apply).

    ``newly_matched``: after ``auto_matched``, before not; ``newly_needs_review``: after
    ``needs_review``, before not (both are also counted as ``changed``). An email whose
    re-reading raises is reported with its ``error`` (counted in ``errors``, not as
    changed or unchanged) and the run goes on. Raises ``UsageError`` for an unknown
    status or ``workers`` < 1, ``NotFoundError`` when ``selection.ids`` names an email that
    does not exist.
    """
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    started = time.monotonic()
    summary = {
        "unchanged": 0,
        "changed": 0,
        "newly_matched": 0,
        "newly_needs_review": 0,
        "errors": 0,
        "skipped": 0,
        "would_skip": 0,
        "superseded": 0,
    }
    emails: list[dict[str, Any]] = []
    with readonly_session(ctx.db_url) as session, readonly_session(ctx.db_url) as lookups:
        check_ids_exist(session, selection.ids)
        candidates = claims.load_candidates(session)
        stored = (
            _stored(email, before, selection.include_reviewed)
            for email, before in _with_baselines(lookups, _stream(session, selection, columns=_READ_COLUMNS))
        )
        if workers > 1 and hasattr(os, "fork"):
            items: Iterator[dict[str, Any]] = _reread_in_processes(ctx, stored, candidates, workers)
        else:
            items = (_compare(ctx, one, candidates) for one in stored)
        for item in items:
            _held_for_handover(lookups, item)  # as the real run (``decide.evaluate``); ``lookups``: not the stream's
            _at_write(ctx, lookups, item)  # as the real run's claim write (``claims.write_preview``)
            summary["superseded"] += item["superseded"] is not None
            emails.append(item)
            if item["error"] is not None:
                summary["errors"] += 1
                continue
            if item["skipped"] is not None:
                summary["skipped"] += 1
                continue
            summary["changed" if item["changes"] else "unchanged"] += 1
            summary["would_skip"] += item["would_skip"] is not None
            before, after = item["before_match"]["status"], item["after_match"]["status"]
            if after == MatchStatus.AUTO_MATCHED and before != MatchStatus.AUTO_MATCHED:
                summary["newly_matched"] += 1
            if after == MatchStatus.NEEDS_REVIEW and before != MatchStatus.NEEDS_REVIEW:
                summary["newly_needs_review"] += 1
    log.debug(
        "reprocess_dry_run",
        selected=len(emails),
        workers=workers,
        seconds=round(time.monotonic() - started, 3),
        **summary,
    )
    return {"selected": len(emails), "summary": summary, "emails": emails}


WOULD_SKIP = "would skip: a newer figure ({date}, {amount}) is already applied (email {email_id})"
"""The dry run's words for a figure the claim write would find superseded."""


def _at_write(ctx: AppContext, session: Session, item: dict[str, Any]) -> None:
    """Set ``item["superseded"]`` or ``item["would_skip"]`` (else both None) from the claim
    write's own decision (``claims.write_preview``) against the claim as it is now, when the
    re-read auto-matches a claim: a newer email's figure stands on it, so the real run writes
    nothing. ``superseded`` when this email itself wrote the claim before (its figure is not
    applied again); ``would_skip`` (``WOULD_SKIP``) when the re-read would apply a figure the
    write would skip."""
    item["would_skip"] = None
    item["superseded"] = None
    after = item.get("after_match") or {}
    if item.get("error") or item.get("skipped") or after.get("status") != MatchStatus.AUTO_MATCHED:
        return
    claim = session.get(Claim, after["claim_id"]) if after.get("claim_id") is not None else None
    if claim is None:
        return
    received = datetime.fromisoformat(item["received_at"]) if item.get("received_at") else None
    amount = Decimal(item["after_amount"]) if item.get("after_amount") is not None else None
    preview = claims.write_preview(
        session,
        claim,
        email_id=item["id"],
        amount=amount,
        received_at=received,
        window_days=ctx.settings.dedupe_window_days,
    )
    newer = preview.newer
    if preview.status != "superseded" or newer is None:
        return
    if preview.own_write_overwritten:
        shown = newer.amount if newer.amount is not None else "—"
        item["superseded"] = (
            f"superseded: claim {claim.id} now holds {shown} from email {newer.email_id} (newer); "
            "this email's figure is not applied again"
        )
        return
    if amount is None:
        return
    from zoneinfo import ZoneInfo

    day = newer.received_at.astimezone(ZoneInfo(ctx.settings.office_timezone)).date().isoformat()
    figure = f"{newer.amount} {claim.currency or ''}".strip() if newer.amount is not None else "—"
    item["would_skip"] = WOULD_SKIP.format(date=day, amount=figure, email_id=newer.email_id)


def _with_baselines(session: Session, emails: Iterator[Email]) -> Iterator[tuple[Email, dict[int, Decimal | None]]]:
    """Each of ``emails`` with the amounts of the claims it wrote before its own write
    (``claims.amounts_before``), read ``BATCH_SIZE`` emails at a time: an office's every
    applied email has such a baseline, so they are never all held at once."""
    while batch := list(itertools.islice(emails, BATCH_SIZE)):
        before = claims.amounts_before(session, [email.id for email in batch])
        for email in batch:
            yield email, before.get(email.id, {})


def _held_for_handover(session: Session, item: dict[str, Any]) -> None:
    """``item`` (a ``_compare`` result) held as the real run holds it (``decide.handover_hold``)
    when it would apply to a claim another waiting email reported sold, assigned, handed over
    or under enforcement: its ``after_match``, ``after_reasons`` and ``match`` change updated."""
    after = item.get("after_match")
    if item["error"] is not None or item["skipped"] is not None or not after:
        return
    if after["status"] != MatchStatus.AUTO_MATCHED or after["claim_id"] is None:
        return
    reason = handover_hold(session, item["id"], after["claim_id"])
    if reason is None:
        return
    held = {"status": str(MatchStatus.NEEDS_REVIEW), "claim_id": None}
    item["after_match"] = held
    item["after_reasons"] = [reason]
    before, now = match_label(item["before_match"]), match_label(held)
    item["changes"].pop("match", None)
    if not _same("match", before, now):
        item["changes"]["match"] = {"before": before, "after": now}


_CHUNK = 8
"""Emails handed to a dry-run process at a time (few enough that the order-keeping
parent never waits long on one slow chunk, enough to amortise the pipe)."""

_FORKED: dict[str, Any] = {}
"""What the forked dry-run processes inherit (the context and the candidates): set
before the pool forks, so neither is pickled (a test's extractor factory is a closure)."""


def _reread_in_processes(
    ctx: AppContext, stored: Iterator[dict[str, Any]], candidates: list[ClaimCandidate], workers: int
) -> Iterator[dict[str, Any]]:
    """``_compare`` of every stored email, in order, computed by ``workers`` forked processes.

    The parent runs the reading once first (``reading.warm_up``: imports, compiled
    patterns, language profiles), so the children start warm and share those pages.
    The children touch no database (``creditctl.db`` drops inherited pools at fork);
    the rows are streamed here, ``BATCH_SIZE`` at a time.
    """
    import multiprocessing

    reading.warm_up(ctx, pipeline=True)
    _FORKED.update(ctx=ctx, candidates=candidates)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # this thread streams the rows (the session is not shared with the pool's
            # feeder thread): a batch at a time, as fetched
            while batch := list(itertools.islice(stored, BATCH_SIZE)):
                yield from pool.map(_compare_forked, batch, chunksize=_CHUNK)
    finally:
        _FORKED.clear()


def _compare_forked(one: dict[str, Any]) -> dict[str, Any]:
    return _compare(_FORKED["ctx"], one, _FORKED["candidates"])


def _stored(email: Email, before: dict[int, Decimal | None], include_reviewed: bool) -> dict[str, Any]:
    """What the dry run needs of a stored email, as plain (picklable) values: the
    pipeline's row (``reading.email_values``), what the stored reading said, the claim
    amounts before its own write (``before``) and why it is skipped (a person's decision,
    unless ``include_reviewed``; None: re-read it)."""
    decision = None if include_reviewed else person_decision(email.decided_by, email.review_note)
    return {
        "id": email.id,
        "received_at": email.received_at.isoformat() if email.received_at else None,
        "row": reading.email_values(email),
        "extraction": email.extraction or {},
        "before_match": {"status": email.match_status, "claim_id": email.matched_claim_id},
        "before_amounts": before,
        "skipped": SKIPPED_REVIEWED.format(decision) if decision else None,
    }


def _compare(ctx: AppContext, one: dict[str, Any], candidates: list[ClaimCandidate]) -> dict[str, Any]:
    stored = one["extraction"]
    before_match = one["before_match"]
    item: dict[str, Any] = {
        "id": one["id"],
        "received_at": one["received_at"],
        "changes": {},
        "before_match": before_match,
        "after_match": None,
        "after_reasons": [],
        "skipped": one.get("skipped"),
        "superseded": None,
        "error": None,
        "after_amount": None,
        "would_skip": None,
    }
    if item["skipped"] is not None:
        return item
    try:
        result, verdict = reread(ctx, one["row"], claims.as_before(candidates, one.get("before_amounts") or {}))
    except Exception as exc:  # noqa: BLE001 - per-email boundary: one unreadable email must not stop the run; it is reported
        item["error"] = f"{type(exc).__name__}: {exc}"
        return item
    after_match = {"status": str(verdict.match_status), "claim_id": verdict.claim_id}
    item["after_match"] = after_match
    item["after_reasons"] = [] if verdict.apply else list(verdict.reasons)
    item["after_amount"] = str(verdict.amount) if verdict.apply and verdict.amount is not None else None
    before = {
        "amount": _amount_text((stored.get("amounts") or {}).get("total")),
        "reply_kind": stored.get("reply_kind"),
        "creditor": stored.get("creditor_name"),
        "client": stored.get("client_name"),
        "match": match_label(before_match),
    }
    after = {
        "amount": _amount_text(result.amounts.total),
        "reply_kind": result.reply_kind.value,
        "creditor": result.creditor_name,
        "client": result.client_name,
        "match": match_label(after_match),
    }
    for name in DIFF_FIELDS:
        if not _same(name, before[name], after[name]):
            item["changes"][name] = {"before": before[name], "after": after[name]}
    return item


def reread(ctx: AppContext, row: dict[str, Any], candidates: list[ClaimCandidate]) -> tuple[ExtractionResult, Verdict]:
    """Clean, extract, check evidence, match and gate one stored email (no I/O but the extractor),
    with the candidates loaded once for the whole run (``decide.judge``, as processing does)."""
    parsed = reading.clean_values(ctx.settings, row)
    result = reading.extract(ctx, row, parsed)
    problems = reading.evidence_problems(result, row, parsed)
    _match, verdict = judge(ctx, row, result, problems, candidates, parsed)
    return result, verdict


def match_label(match: dict[str, Any]) -> str:
    """``"auto_matched claim 7"``, ``"needs_review"``, … (the ``match`` field of the diff)."""
    status = str(match.get("status") or MatchStatus.PENDING)
    return f"{status} claim {match['claim_id']}" if match.get("claim_id") is not None else status


def _amount_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _same(name: str, before: Any, after: Any) -> bool:
    if name == "amount" and before is not None and after is not None:
        try:
            return Decimal(before) == Decimal(after)
        except InvalidOperation:
            return False
    return bool(before == after)


# read-only sessions ------------------------------------------------------------------


@contextmanager
def readonly_session(url: str) -> Iterator[Session]:
    """A session whose changes are never committed, on a connection that cannot write.

    SQLite: a separate short-lived engine with ``PRAGMA query_only=ON`` and deferred
    transactions (no ``BEGIN IMMEDIATE``: readers never take the write lock; WAL lets
    them read while workers write). PostgreSQL: the shared pool with
    ``postgresql_readonly``. Other backends: the shared pool (rollback only).
    """
    engine, own = _readonly_engine(url)
    session = Session(bind=engine, autoflush=False, expire_on_commit=False)
    try:
        yield session
    finally:
        session.rollback()
        session.close()
        if own:
            engine.dispose()


def _readonly_engine(url: str) -> tuple[Engine, bool]:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:  # a DB-API connection and its pool record
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            cur.execute("PRAGMA query_only=ON")
            cur.close()

        return engine, True
    if backend == "postgresql":
        return get_engine(url).execution_options(postgresql_readonly=True), False
    return get_engine(url), False

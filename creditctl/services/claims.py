"""The claim write and the MongoDB mirror.

Consistency design (transactional outbox): the SQL database is the source of truth.
One SQL transaction updates the claim, inserts the ``claim_updates`` history row (old
amount, new amount, email, extractor, unique ``idempotency_key``) and completes the
email. The history row doubles as the mirror's outbox: ``mirror_status='pending'``
until the mirror task has written the same key into MongoDB (``apply_claim_update`` is
idempotent by that key). A mirror outage is retried by that task with the retry policy
and never re-runs the SQL write; the sweep re-enqueues pending mirror rows;
``creditctl retry --mirror`` redoes it by hand; ``creditctl mirror check`` lists any
divergence. No compensation is needed because the SQL write is never undone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy import RowMapping, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from creditctl.db import is_sqlite, session_scope
from creditctl.models import Claim, ClaimHolder, ClaimUpdate, Client, Email, table_of, utcnow
from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.services.context import AppContext
from creditctl.services.events import event_row, record_event

log = structlog.get_logger(__name__)


def idempotency_key(email_id: int, claim_id: int, amount: Decimal) -> str:
    """Key of one claim write: the same email applying the same amount to the same claim."""
    raw = f"{email_id}:{claim_id}:{amount.quantize(Decimal('0.01'))}"
    return "cu-" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def load_candidates(session: Session) -> list[ClaimCandidate]:
    """Every claim of every client, as matching candidates, in claim id order.

    One Core SELECT of the needed columns (claims joined to clients), built once, no ORM
    objects: this runs once per creditor reply in the worker's hot path.
    """
    return [_candidate(row) for row in session.execute(_CANDIDATES).mappings()]


def load_candidates_for(session: Session, email_id: int) -> list[ClaimCandidate]:
    """``load_candidates`` as email ``email_id`` must be judged: a claim this very email
    wrote (a re-run after ``reprocess``), whether its figure still stands there or a newer
    email's write followed, with the amount it had before that write (``amounts_before``,
    ``as_before``): an applied email is judged against the claim as it was before its own
    write, never against a figure set after it.

    One statement (``_CANDIDATES_FOR``: the candidates with each claim's first standing
    write by this email joined), the same candidates as ``as_before(load_candidates(...),
    amounts_before(...))``: a round trip less per creditor reply in the worker's hot path
    (docs/worker-performance.md, "Round 13")."""
    candidates = []
    for row in session.execute(_CANDIDATES_FOR, {"before_email_id": email_id}).mappings():
        candidate = _candidate(row)
        if row["first_own_write"] is not None:
            candidate = replace(candidate, amount=row["amount_before_own_write"])
        candidates.append(candidate)
    return candidates


def load_candidate(session: Session, claim_id: int) -> ClaimCandidate | None:
    """Claim ``claim_id`` as a matching candidate (None when it does not exist)."""
    row = session.execute(_CANDIDATES.where(_CLAIMS.id == claim_id)).mappings().first()
    return _candidate(row) if row is not None else None


def _candidate(row: RowMapping) -> ClaimCandidate:
    return ClaimCandidate(
        **{k: row[k] for k in _CANDIDATE_FIELDS},
        client_date_of_birth=_date_or_none(row["client_date_of_birth"]),
        creditor_emails=tuple(row["creditor_emails"] or ()),
    )


_CLAIMS, _CLIENTS = table_of(Claim).c, table_of(Client).c
_CANDIDATES = (
    select(
        _CLAIMS.id.label("claim_id"),
        _CLAIMS.client_id,
        _CLIENTS.file_number.label("client_file_number"),
        _CLIENTS.name.label("client_name"),
        _CLAIMS.creditor_name,
        _CLIENTS.date_of_birth.label("client_date_of_birth"),
        _CLAIMS.agent_name,
        _CLAIMS.creditor_emails,
        _CLAIMS.creditor_reference,
        _CLAIMS.amount,
        _CLAIMS.currency,
        _CLAIMS.zendesk_ticket_id,
        _CLAIMS.side_conversation_id,
        _CLAIMS.updated_by_email_id,
    )
    .join_from(table_of(Claim), table_of(Client), _CLAIMS.client_id == _CLIENTS.id)
    .order_by(_CLAIMS.id)
)
"""The candidates read (Core, built once): the columns of ``ClaimCandidate`` and the claim's last writer."""

_UPDATES = table_of(ClaimUpdate).c
_FIRST_OWN_WRITES = (
    select(_UPDATES.claim_id, func.min(_UPDATES.id).label("first_id"))
    .where(
        _UPDATES.email_id == bindparam("before_email_id"),
        _UPDATES.reverts_update_id.is_(None),
        _UPDATES.reverted_by_update_id.is_(None),
    )
    .group_by(_UPDATES.claim_id)
    .subquery("first_own_writes")
)
_FIRST_WRITE = table_of(ClaimUpdate).alias("first_own_write")
_CANDIDATES_FOR = (
    _CANDIDATES.add_columns(
        _FIRST_OWN_WRITES.c.first_id.label("first_own_write"),
        _FIRST_WRITE.c.old_amount.label("amount_before_own_write"),
    )
    .outerjoin(_FIRST_OWN_WRITES, _FIRST_OWN_WRITES.c.claim_id == _CLAIMS.id)
    .outerjoin(_FIRST_WRITE, _FIRST_WRITE.c.id == _FIRST_OWN_WRITES.c.first_id)
)
"""``_CANDIDATES`` with, per claim, the first standing write (not a revert, not reverted) of
email ``before_email_id`` (its id, or NULL) and the amount the claim had before it:
``amounts_before`` of that email in the same statement (built once)."""
_CANDIDATE_FIELDS = (
    "claim_id",
    "client_id",
    "client_file_number",
    "client_name",
    "creditor_name",
    "agent_name",
    "creditor_reference",
    "amount",
    "currency",
    "zendesk_ticket_id",
    "side_conversation_id",
)


def amounts_before(session: Session, email_ids: Iterable[int] | None = None) -> dict[int, dict[int, Decimal | None]]:
    """For each email (of ``email_ids``; all when None) that wrote a claim and whose write
    stands (not reverted by ``review undo``): ``{email_id: {claim_id: the claim's amount
    before that email's first standing write}}`` (Decimal, or None when the claim had none)
    — also when a newer email's write followed it. Reverted updates and reverts do not
    count. A re-read of an applied email (``reprocess``) judges it against these amounts,
    the claim as it was BEFORE the email's own write (docs/state-machine.md,
    "Reprocessing"): otherwise the email would be compared with its own figure, or with
    a figure another email set after it. One query (indexed by email on a re-run)."""
    query = (
        select(ClaimUpdate.email_id, ClaimUpdate.claim_id, ClaimUpdate.old_amount)
        .where(
            ClaimUpdate.reverts_update_id.is_(None),
            ClaimUpdate.reverted_by_update_id.is_(None),
        )
        .order_by(ClaimUpdate.id)
    )
    if email_ids is not None:
        query = query.where(ClaimUpdate.email_id.in_(list(email_ids) or [-1]))
    found: dict[int, dict[int, Decimal | None]] = {}
    for email_id, claim_id, old in session.execute(query):
        found.setdefault(email_id, {}).setdefault(claim_id, old)
    return found


def as_before(candidates: Sequence[ClaimCandidate], before: Mapping[int, Decimal | None]) -> list[ClaimCandidate]:
    """``candidates`` with the amount of each claim in ``before`` (claim id → amount,
    ``amounts_before``) put back to what it was before the email's own write."""
    if not before:
        return list(candidates)
    return [replace(c, amount=before[c.claim_id]) if c.claim_id in before else c for c in candidates]


def _date_or_none(iso: str | None) -> date | None:
    """``iso`` (``YYYY-MM-DD``) as a date; None when empty or not a valid date."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


@dataclass(frozen=True)
class NewerWrite:
    """The newer email whose write stands on a claim: ``email_id``, its ``received_at``
    (timezone-aware) and the claim's ``amount`` (Decimal) it set."""

    email_id: int
    received_at: datetime
    amount: Decimal | None


def newer_write(session: Session, claim: Claim, email_id: int, email_received_at: datetime | None) -> NewerWrite | None:
    """The one "a newer email wins" rule: the email that last wrote ``claim``, when it is
    another email received after ``email_received_at`` (then ``email_id`` must not
    overwrite it); None otherwise (or when ``email_received_at`` is None)."""
    last_id = claim.updated_by_email_id
    if not last_id or last_id == email_id or email_received_at is None:
        return None
    last = session.scalar(select(Email.received_at).where(Email.id == last_id))
    if last is not None and last > email_received_at:
        return NewerWrite(last_id, last, claim.amount)
    return None


@dataclass(frozen=True)
class WritePreview:
    """What the claim write would decide now (``write_preview``): ``status`` applied |
    already_applied | unchanged | superseded | no_figure; ``newer``: the newer email's write
    standing on the claim (``superseded`` only); ``own_write_overwritten``: superseded, and this
    email itself wrote the claim before (a standing write, ``amounts_before``) — the dry run says
    "superseded" then, else "would skip"."""

    status: str
    newer: NewerWrite | None = None
    own_write_overwritten: bool = False


def newer_figure_applied(
    session: Session, claim: Claim, email_id: int, received_at: datetime | None, window_days: float
) -> NewerWrite | None:
    """The one decision "a newer figure is already applied, this email's write would not apply
    it", for the worker's write (``decide``, through ``apply_claim_update``) and the dry run
    (``write_preview``) alike: ``newer_write`` with the reply's ``first_arrival`` (a copy of a
    reply is as old as its first arrival). ``received_at``: the email's, timezone-aware."""
    return newer_write(session, claim, email_id, first_arrival(session, email_id, received_at, window_days))


def write_preview(
    session: Session,
    claim: Claim,
    *,
    email_id: int,
    amount: Decimal | None,
    received_at: datetime | None,
    window_days: float,
) -> WritePreview:
    """What the worker's write of ``amount`` (Decimal; None: the re-read would apply no
    figure) to ``claim`` for ``email_id`` would decide now, without writing (``reprocess
    --dry-run``): ``superseded`` when a newer figure is already applied
    (``newer_figure_applied``, whatever the amount: nothing is written then, whether or not
    this email's key is stored), else, by ``apply_claim_update``'s rules, ``already_applied``
    (its idempotency key is stored), ``unchanged`` or ``applied``; ``no_figure`` when ``amount``
    is None and nothing newer stands. ``received_at``: the email's, timezone-aware."""
    newer = newer_figure_applied(session, claim, email_id, received_at, window_days)
    if newer is not None:
        own = claim.id in amounts_before(session, [email_id]).get(email_id, {})
        return WritePreview("superseded", newer, own_write_overwritten=own)
    if amount is None:
        return WritePreview("no_figure")
    amount = amount.quantize(Decimal("0.01"))
    key = idempotency_key(email_id, claim.id, amount)
    if session.scalar(select(ClaimUpdate.id).where(ClaimUpdate.idempotency_key == key)) is not None:
        return WritePreview("already_applied")
    if claim.amount is not None and claim.amount == amount:
        return WritePreview("unchanged")
    return WritePreview("applied")


def _write_blocked(
    session: Session, claim: Claim, email_id: int, amount: Decimal, email_received_at: datetime | None
) -> tuple[str, NewerWrite | None]:
    """The claim write's decision once its key is new: ``superseded`` (a newer email's write
    stands, ``newer_write``), ``unchanged`` (the claim holds ``amount``) or ``applied``."""
    newer = newer_write(session, claim, email_id, email_received_at)
    if newer is not None:
        return "superseded", newer
    if claim.amount is not None and claim.amount == amount:
        return "unchanged", None
    return "applied", None


def first_arrival(session: Session, email_id: int, received_at: datetime | None, window_days: float) -> datetime | None:
    """When the reply ``email_id`` (received ``received_at``) first arrived: the earliest
    ``received_at`` of the emails with its content key (the same sender, subject and body,
    ``intake.content_key``) within ``window_days`` before it — a copy of a reply posted on
    another ticket is stored as its own email (it may be about another client), but it is
    as old as the first copy, so for ``newer_write`` a newer reply still wins over it.
    ``received_at`` itself when there is no earlier copy (or it is None, or the window is 0)."""
    if received_at is None or window_days <= 0:
        return received_at
    emails = table_of(Email)
    own_key = select(emails.c.content_key).where(emails.c.id == email_id).scalar_subquery()
    earliest = session.scalar(
        select(func.min(emails.c.received_at)).where(
            emails.c.content_key == own_key,
            emails.c.received_at >= received_at - timedelta(days=window_days),
            emails.c.received_at < received_at,
        )
    )
    return earliest if earliest is not None and earliest < received_at else received_at


def locked_claim(session: Session, ctx: AppContext, claim_id: int) -> Claim | None:
    """The claim row, locked for this transaction (``FOR UPDATE`` on PostgreSQL; SQLite
    transactions are ``BEGIN IMMEDIATE``) and read as it is now — also when the session
    loaded it earlier (``populate_existing``: the lock's read replaces any attributes read
    before another transaction's write); None when it is gone."""
    query = select(Claim).where(Claim.id == claim_id).execution_options(populate_existing=True)
    if not is_sqlite(ctx.db_url):
        query = query.with_for_update()
    return session.scalar(query)


def amount_to_judge(session: Session, claim: Claim, email_id: int) -> Decimal | None:
    """The amount of ``claim`` email ``email_id`` is judged against (Decimal, or None when
    none is stored): the claim's amount — or, when this email wrote the claim (a standing
    write: a re-run after ``reprocess``, whether or not a newer write followed), the amount
    before that write (``amounts_before``), as ``load_candidates_for`` gives the gate."""
    return amounts_before(session, [email_id]).get(email_id, {}).get(claim.id, claim.amount)


@dataclass(frozen=True)
class Judged:
    """The claim as the gate judged the email: ``amount``, the stored amount (Decimal, or
    None when it had none) the verdict was made on (``Verdict.judged_amount``)."""

    amount: Decimal | None


@dataclass(frozen=True)
class WriteResult:
    """``status``: applied | already_applied | unchanged | superseded | stale (the claim
    changed since the gate judged the email: nothing written, the caller judges again)."""

    status: str
    update_id: int | None = None
    old_amount: Decimal | None = None
    new_amount: Decimal | None = None


def apply_claim_update(
    session: Session,
    ctx: AppContext,
    *,
    email_id: int,
    claim_id: int,
    new_amount: Decimal,
    currency: str,
    extractor: str,
    applied_by: str = "auto",
    email_received_at: datetime | None = None,
    key: str | None = None,
    events: list[dict[str, Any]] | None = None,
    judged: Judged | None = None,
) -> WriteResult:
    """Write ``new_amount`` (Decimal, 2 places) to the claim inside the caller's transaction.

    Idempotent: a second call with the same email, claim and amount writes nothing
    (``already_applied``). An unchanged amount writes nothing (``unchanged``). An email
    older than the one that last updated the claim does not overwrite it
    (``superseded``; ``newer_write`` is that rule; ``email_received_at`` None skips it,
    as a reviewer's deliberate ``--override-newer`` does). The claim row is locked (``FOR UPDATE`` on PostgreSQL; SQLite
    transactions are ``BEGIN IMMEDIATE``). Raises ``KeyError`` when the claim is gone.
    ``key``: the idempotency key when not ``idempotency_key(email, claim, amount)`` (a
    review approving the same email again after an undo uses a fresh one). ``events``:
    the write's ``claim_update`` event is appended there (``events.event_row``) for the
    caller to insert with its own, instead of inserted here. ``judged``: the claim as the
    gate judged the email (the automatic path); when the locked claim no longer stands there
    (``amount_to_judge`` differs: another transaction wrote it meanwhile) nothing is written
    and the result is ``stale`` — the caller judges the email again on the claim as it is
    now (the row stays locked until its transaction ends, so that judgement holds for the
    write). None (a person's decision): not compared.
    """

    def note(message: str, data: dict[str, Any] | None = None) -> None:
        if events is None:
            record_event(session, email_id, "claim_update", message, worker=ctx.worker_name, data=data)
        else:
            events.append(event_row(email_id, "claim_update", message, worker=ctx.worker_name, data=data))

    amount = new_amount.quantize(Decimal("0.01"))
    key = key or idempotency_key(email_id, claim_id, amount)
    if session.scalar(select(ClaimUpdate.id).where(ClaimUpdate.idempotency_key == key)) is not None:
        return WriteResult("already_applied", new_amount=amount)
    claim = locked_claim(session, ctx, claim_id)
    if claim is None:
        raise KeyError(f"claim {claim_id} does not exist")
    old = claim.amount
    if judged is not None:
        now = amount_to_judge(session, claim, email_id)
        if now != judged.amount:
            seen = judged.amount if judged.amount is not None else "—"
            note(
                f"claim {claim_id} changed to {now if now is not None else '—'} {currency} after the email "
                f"was judged against {seen}: judged again on the claim as it is now"
            )
            return WriteResult("stale", old_amount=old, new_amount=amount)
    decided, newer = _write_blocked(session, claim, email_id, amount, email_received_at)
    if newer is not None:
        from creditctl import display

        # newer by arrival time, not by id: with several `serve` processes ids are not in arrival order
        note(
            f"claim {claim_id} not changed: email {newer.email_id} arrived later (received at "
            f"{display.at(newer.received_at)}; this email at {display.at(email_received_at)})"
        )
        return WriteResult("superseded", old_amount=old, new_amount=amount)
    if decided == "unchanged":
        note(f"claim {claim_id} unchanged at {amount} {currency}")
        return WriteResult("unchanged", old_amount=old, new_amount=amount)
    mirror_status = "pending" if ctx.mirror is not None else "not_needed"
    update = ClaimUpdate(
        claim_id=claim_id,
        email_id=email_id,
        old_amount=old,
        new_amount=amount,
        currency=currency,
        extractor=extractor,
        applied_by=applied_by,
        idempotency_key=key,
        mirror_status=mirror_status,
    )
    try:
        with session.begin_nested():
            session.add(update)
            session.flush()
    except IntegrityError:
        return WriteResult("already_applied", new_amount=amount)
    claim.amount = amount
    claim.updated_at = utcnow()
    claim.updated_by_email_id = email_id
    note(
        f"claim {claim_id}: {old if old is not None else '—'} → {amount} {currency}",
        {
            "claim_id": claim_id,
            "old": str(old) if old is not None else None,
            "new": str(amount),
            "key": key,
            "applied_by": applied_by,
        },
    )
    return WriteResult("applied", update.id, old, amount)


@dataclass(frozen=True)
class Holder:
    """Who holds a claim: the creditor's name, its agent, the addresses it writes from, its
    domain and the reference it keeps the claim under (any but the name may be None/empty)."""

    name: str
    agent: str | None = None
    emails: tuple[str, ...] = ()
    domain: str | None = None
    reference: str | None = None


def holder_of(claim: Claim) -> Holder:
    """The claim's holder as stored on the claim now."""
    return Holder(
        claim.creditor_name,
        claim.agent_name,
        tuple(claim.creditor_emails or ()),
        claim.creditor_domain,
        claim.creditor_reference,
    )


def known_holder(session: Session, name: str) -> Holder | None:
    """A creditor of the records called ``name`` (case and spacing ignored): the name, agent,
    addresses and domain of its claim last changed (no reference: that is per claim); None
    when no claim has that creditor."""
    wanted = " ".join(name.split()).casefold()
    for claim in session.scalars(select(Claim).order_by(Claim.id.desc())):
        if " ".join(claim.creditor_name.split()).casefold() == wanted:
            return Holder(
                claim.creditor_name, claim.agent_name, tuple(claim.creditor_emails or ()), claim.creditor_domain
            )
    return None


def standing_holder_change(session: Session, claim_id: int) -> ClaimHolder | None:
    """The claim's newest holder change that was not undone (None: never sold)."""
    return session.scalar(
        select(ClaimHolder)
        .where(ClaimHolder.claim_id == claim_id, ClaimHolder.undone_at.is_(None))
        .order_by(ClaimHolder.id.desc())
        .limit(1)
    )


def record_holder(
    session: Session,
    ctx: AppContext,
    *,
    claim_id: int,
    email_id: int,
    holder: Holder,
    sold_at: datetime,
    by: str,
) -> ClaimHolder:
    """Record that claim ``claim_id`` is now held by ``holder`` (sold or assigned, reported
    by email ``email_id`` at ``sold_at``), inside the caller's transaction: the claim's
    creditor name, agent, addresses and domain become the holder's, its reference the
    holder's when given (else it keeps its own), and a ``claim_holders`` row keeps who held
    it before. The amount is not touched. The claim row is locked. With a mirror the row is
    the mirror's outbox (``mirror_status`` pending; ``sync_mirror`` writes it; the caller
    kicks it after the commit, ``notifications.kick_mirror``). Raises ``KeyError`` when
    the claim is gone, ``ValueError`` when the holder is the one already holding it."""
    claim = locked_claim(session, ctx, claim_id)
    if claim is None:
        raise KeyError(f"claim {claim_id} does not exist")
    old = holder_of(claim)
    if " ".join(holder.name.split()).casefold() == " ".join(old.name.split()).casefold():
        raise ValueError(f"claim {claim_id} is already held by {old.name}")
    new = replace(holder, reference=holder.reference or old.reference)
    row = ClaimHolder(
        claim_id=claim_id,
        email_id=email_id,
        old_creditor_name=old.name,
        old_agent_name=old.agent,
        old_creditor_emails=list(old.emails),
        old_creditor_domain=old.domain,
        old_creditor_reference=old.reference,
        new_creditor_name=new.name,
        new_agent_name=new.agent,
        new_creditor_emails=list(new.emails),
        new_creditor_domain=new.domain,
        new_creditor_reference=new.reference,
        sold_at=sold_at,
        recorded_by=by,
        mirror_status="pending" if ctx.mirror is not None else "not_needed",  # the mirror's outbox
    )
    session.add(row)
    _set_holder(claim, new)
    session.flush()
    record_event(
        session,
        email_id,
        "claim_holder",
        f"claim {claim_id}: holder {old.name} → {new.name}",
        worker=ctx.worker_name,
        data={"claim_id": claim_id, "old": old.name, "new": new.name, "by": by, "holder_change": row.id},
    )
    return row


def revert_holder(session: Session, ctx: AppContext, *, email_id: int, by: str) -> ClaimHolder | None:
    """Undo the standing holder change email ``email_id`` recorded (``record_holder``): the
    claim gets its previous holder back and the row is marked undone (with a mirror, owed
    to it again: ``mirror_status`` pending). None when the email
    recorded none. Raises ``ValueError`` when a later holder change of that claim stands
    (undo that one first) or the claim's holder was changed outside this record."""
    row = session.scalar(
        select(ClaimHolder)
        .where(ClaimHolder.email_id == email_id, ClaimHolder.undone_at.is_(None))
        .order_by(ClaimHolder.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    later = standing_holder_change(session, row.claim_id)
    if later is not None and later.id != row.id:
        raise ValueError(
            f"claim {row.claim_id} changed holder again after this email (to {later.new_creditor_name}, "
            f"email {later.email_id}); undo that one first (`creditctl review undo {later.email_id}`)"
        )
    claim = locked_claim(session, ctx, row.claim_id)
    if claim is None:
        raise ValueError(f"claim {row.claim_id} is gone; nothing undone")
    if claim.creditor_name != row.new_creditor_name:
        raise ValueError(
            f"claim {row.claim_id} is now held by {claim.creditor_name}, not {row.new_creditor_name} "
            "(changed outside the review); nothing undone"
        )
    _set_holder(
        claim,
        Holder(
            row.old_creditor_name,
            row.old_agent_name,
            tuple(row.old_creditor_emails or ()),
            row.old_creditor_domain,
            row.old_creditor_reference,
        ),
    )
    row.undone_at, row.undone_by = utcnow(), by
    if ctx.mirror is not None:  # the mirror shows the previous holder again: owed like the change
        row.mirror_status, row.mirrored_at = "pending", None
    record_event(
        session,
        email_id,
        "claim_holder",
        f"claim {row.claim_id}: holder {row.new_creditor_name} → {row.old_creditor_name} (undone)",
        worker=ctx.worker_name,
        data={"claim_id": row.claim_id, "old": row.new_creditor_name, "new": row.old_creditor_name, "by": by},
    )
    return row


def _set_holder(claim: Claim, holder: Holder) -> None:
    claim.creditor_name = holder.name
    claim.agent_name = holder.agent
    claim.creditor_emails = list(holder.emails)
    claim.creditor_domain = holder.domain or (holder.emails[0].rsplit("@", 1)[-1] if holder.emails else None)
    claim.creditor_reference = holder.reference


def holder_history(session: Session, claim_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Every recorded holder change of ``claim_ids``, oldest first, by claim id: ``id``,
    ``email_id``, ``old`` / ``new`` (creditor names), ``old_reference`` / ``new_reference``,
    ``sold_at`` / ``recorded_at`` / ``undone_at`` (ISO or None), ``recorded_by``, ``undone_by``."""
    ids = set(claim_ids) or {-1}
    history: dict[int, list[dict[str, Any]]] = {}
    for row in session.scalars(select(ClaimHolder).where(ClaimHolder.claim_id.in_(ids)).order_by(ClaimHolder.id)):
        history.setdefault(row.claim_id, []).append(
            {
                "id": row.id,
                "email_id": row.email_id,
                "old": row.old_creditor_name,
                "new": row.new_creditor_name,
                "old_reference": row.old_creditor_reference,
                "new_reference": row.new_creditor_reference,
                "sold_at": row.sold_at.isoformat(),
                "recorded_at": row.recorded_at.isoformat() if row.recorded_at else None,
                "recorded_by": row.recorded_by,
                "undone_at": row.undone_at.isoformat() if row.undone_at else None,
                "undone_by": row.undone_by,
            }
        )
    return history


def sync_mirror(ctx: AppContext, email_id: int) -> dict[str, int]:
    """Push every pending claim update of ``email_id`` to the MongoDB mirror, then every
    pending holder change it recorded (``review sold``, its undo: ``_sync_holder_changes``).

    Returns counts by outcome. Raises the driver's connection errors (retryable:
    ``AutoReconnect``, ``ServerSelectionTimeoutError``) after marking nothing; rows that
    reached MongoDB are marked ``mirrored`` one by one, so a retry resumes.
    """
    counts: dict[str, int] = {}
    if ctx.mirror is None:
        return counts
    from creditctl.adapters.mirror import MirrorClaimUpdate

    with session_scope(ctx.db_url) as session:
        pending = session.execute(
            select(ClaimUpdate, Claim, Client, Email)
            .join(Claim, ClaimUpdate.claim_id == Claim.id)
            .join(Client, Claim.client_id == Client.id)
            .join(Email, ClaimUpdate.email_id == Email.id)
            .where(ClaimUpdate.email_id == email_id, ClaimUpdate.mirror_status.in_(("pending", "failed")))
        ).all()
        work = [
            (
                cu.id,
                MirrorClaimUpdate(
                    client_file_number=client.file_number,
                    creditor_reference=claim.creditor_reference,
                    creditor_emails=tuple(claim.creditor_emails or ()),
                    zendesk_ticket_id=claim.zendesk_ticket_id,
                    side_conversation_id=claim.side_conversation_id,
                    new_amount=cu.new_amount,
                    response_received_at=email.received_at,
                    response_text=_summary(email, cu, ctx.settings.office_timezone),
                    idempotency_key=cu.idempotency_key,
                ),
            )
            for cu, claim, client, email in pending
        ]
    for update_id, item in work:
        outcome = ctx.mirror.apply_claim_update(item)
        _record_mirror_outcome(ctx, email_id, ClaimUpdate, update_id, outcome, counts, f"for claim update {update_id}")
    _sync_holder_changes(ctx, email_id, counts)
    _refresh_email_mirror_status(ctx, email_id)
    return counts


def _record_mirror_outcome(
    ctx: AppContext,
    email_id: int,
    model: type[ClaimUpdate] | type[ClaimHolder],
    row_id: int,
    outcome: str,
    counts: dict[str, int],
    what: str,
) -> None:
    """Record one mirror write's ``outcome`` on its outbox row (``model`` ``row_id``:
    ``mirror_status`` mirrored or failed, ``mirrored_at``), count it in ``counts`` and log
    a ``mirror`` event "mirror OUTCOME " + ``what`` (``{claim_id}`` in it: the row's claim;
    info, or warning when failed)."""
    counts[outcome] = counts.get(outcome, 0) + 1
    status = "mirrored" if outcome in ("applied", "already_applied") else "failed"
    with session_scope(ctx.db_url) as session:
        row = session.get_one(model, row_id)
        assert isinstance(row, (ClaimUpdate, ClaimHolder))
        row.mirror_status = status
        row.mirrored_at = utcnow() if status == "mirrored" else None
        record_event(
            session,
            email_id,
            "mirror",
            f"mirror {outcome} " + what.format(claim_id=row.claim_id),
            level="info" if status == "mirrored" else "warning",
            worker=ctx.worker_name,
        )


def _sync_holder_changes(ctx: AppContext, email_id: int, counts: dict[str, int]) -> None:
    """``sync_mirror`` for the holder changes ``email_id`` recorded (``record_holder``,
    ``revert_holder``): each pending or failed ``claim_holders`` row is written to the
    claim's element (``MongoMirror.apply_holder_change``), keyed by the row and its undo,
    and marked ``mirrored`` (or ``failed``) one by one. Raises the mirror's outage errors
    after marking nothing more (the row stays pending: the retry, the sweep)."""
    from creditctl.adapters.mirror import MirrorHolderChange

    assert ctx.mirror is not None
    with session_scope(ctx.db_url) as session:
        pending = session.execute(
            select(ClaimHolder, Claim, Client)
            .join(Claim, ClaimHolder.claim_id == Claim.id)
            .join(Client, Claim.client_id == Client.id)
            .where(ClaimHolder.email_id == email_id, ClaimHolder.mirror_status.in_(("pending", "failed")))
            .order_by(ClaimHolder.id)
        ).all()
        work = []
        for row, claim, client in pending:
            undone = row.undone_at is not None
            shown = (
                (row.old_creditor_name, row.old_agent_name, row.old_creditor_reference, row.old_creditor_emails)
                if undone
                else (row.new_creditor_name, row.new_agent_name, row.new_creditor_reference, row.new_creditor_emails)
            )
            work.append(
                (
                    row.id,
                    MirrorHolderChange(
                        client_file_number=client.file_number,
                        references=tuple(r for r in (row.new_creditor_reference, row.old_creditor_reference) if r),
                        emails=(*(row.new_creditor_emails or ()), *(row.old_creditor_emails or ())),
                        zendesk_ticket_id=claim.zendesk_ticket_id,
                        side_conversation_id=claim.side_conversation_id,
                        creditor_name=shown[0],
                        agent_name=shown[1],
                        creditor_reference=shown[2],
                        creditor_emails=tuple(shown[3] or ()),
                        previous_creditor_name=row.new_creditor_name if undone else row.old_creditor_name,
                        email_id=email_id,
                        sold_at=row.sold_at,
                        recorded_by=row.undone_by if undone and row.undone_by else row.recorded_by,
                        undone=undone,
                        key=f"holder:{row.id}" + (f":undone:{row.undone_at.isoformat()}" if row.undone_at else ""),
                    ),
                )
            )
    for row_id, change in work:
        outcome = ctx.mirror.apply_holder_change(change)
        _record_mirror_outcome(
            ctx,
            email_id,
            ClaimHolder,
            row_id,
            outcome,
            counts,
            f"for holder change {row_id} of claim {{claim_id}}" + (" (undone)" if change.undone else ""),
        )


def email_mirror_status(session: Session, email_id: int) -> str:
    """The email's ``mirror_status`` derived from all its claim-update and holder-change rows (flushed ones
    of ``session`` included): ``not_needed`` (none, or mirror off), ``failed`` (any row
    failed), ``pending`` (any row waiting) or ``mirrored``."""
    session.flush()
    statuses = set(session.scalars(select(ClaimUpdate.mirror_status).where(ClaimUpdate.email_id == email_id)))
    statuses |= set(session.scalars(select(ClaimHolder.mirror_status).where(ClaimHolder.email_id == email_id)))
    if not statuses or statuses == {"not_needed"}:
        return "not_needed"
    if "failed" in statuses:
        return "failed"
    if "pending" in statuses:
        return "pending"
    return "mirrored"


def _refresh_email_mirror_status(ctx: AppContext, email_id: int) -> None:
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is None:
            return
        email.mirror_status = email_mirror_status(session, email_id)


def mark_mirror_error(ctx: AppContext, email_id: int, error: str) -> None:
    """Record that the mirror could not be written now (the retry follows)."""
    with session_scope(ctx.db_url) as session:
        email = session.get(Email, email_id)
        if email is not None:
            email.mirror_status = "pending"
            record_event(
                session,
                email_id,
                "mirror",
                f"mirror write failed: {error}",
                level="warning",
                worker=ctx.worker_name,
                error_class=error.split(":")[0],
            )


def _summary(email: Email, cu: ClaimUpdate, office_timezone: str) -> str:
    """The portal's ``creditor_response_text``: amount, currency and the reply's day in the
    office's zone (``office_timezone``, IANA), for a person (``1900.00 EUR laut Antwort vom 07.12.2026``)."""
    from zoneinfo import ZoneInfo

    subject = (email.subject or "").strip()[:120]
    day = email.received_at.astimezone(ZoneInfo(office_timezone))
    return f"{cu.new_amount} {cu.currency} laut Antwort vom {day:%d.%m.%Y}" + (f" ({subject})" if subject else "")

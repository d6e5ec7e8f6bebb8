"""Intake: a signed Zendesk webhook request becomes a durable ``received`` row, then a job.

Order (docs/zendesk-contract.md): verify → validate → deduplicate → commit ``received`` → mark
``queued`` (committed, lock released) → enqueue, so the worker that takes the message
always finds its row claimable (no lost wake-ups). The row is committed before we answer; if the queue is down the row
stays ``received`` and the sweep enqueues it later (docs/zendesk-contract.md: a 5xx feeds
Zendesk's circuit breaker, so only a database outage answers 503).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NoReturn, TypeVar

import structlog
from pydantic import ValidationError
from sqlalchemy import String, bindparam, case, cast, insert, literal, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from creditctl import signature
from creditctl.db import get_engine, is_disconnect_error, session_scope
from creditctl.dbapi import backend_name
from creditctl.exceptions import InvalidPayload, QueueUnavailable, SignatureInvalid, StorageUnavailable
from creditctl.models import Email, Event, ProcessingStatus, Quarantine, table_of, utcnow
from creditctl.outages import QUEUE_ERRORS
from creditctl.schemas import WebhookPayload, is_placeholder
from creditctl.services import notifications, quarantine, transitions
from creditctl.services.context import AppContext
from creditctl.services.events import record_event
from creditctl.services.transitions import Actor

log = structlog.get_logger(__name__)

LIVE_PRIORITY = 10
BACKFILL_PRIORITY = 1

T = TypeVar("T")
_EMAILS = table_of(Email)
_EVENTS = table_of(Event)


@dataclass(frozen=True)
class IntakeResult:
    status: str  # "accepted" | "duplicate"
    email_id: int
    queued_at: datetime | None = None
    """Set when the row was inserted already ``queued`` (``store_email(queued=True)``):
    the message is still to be sent (``send_to_queue``)."""


def signature_age_problem(timestamp: str | None, max_age_s: float, *, now: datetime | None = None) -> str | None:
    """Why the signature timestamp is not acceptable (does not parse, older than
    ``max_age_s`` seconds, or more than 5 minutes in the future), or None."""
    if not timestamp:
        return "signature timestamp missing"
    try:
        stamped = datetime.fromisoformat(timestamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return f"signature timestamp {timestamp[:40]!r} is not an ISO-8601 time"
    if stamped.tzinfo is None:
        return f"signature timestamp {timestamp[:40]!r} has no time zone"
    age = ((now or utcnow()) - stamped).total_seconds()
    if age > max_age_s:
        return (
            f"signature timestamp {timestamp[:40]} is {age:.0f} s old (CREDITCTL_WEBHOOK_MAX_AGE_SECONDS={max_age_s:g})"
        )
    if age < -300:
        return f"signature timestamp {timestamp[:40]} is {-age:.0f} s in the future"
    return None


def missing_signature_headers(headers: Mapping[str, str]) -> str | None:
    """Why the request cannot be checked at all: the signature headers Zendesk sends with
    every signed webhook request are absent or empty (header names matched case-blind), or None.

    A request without them was not signed (a legacy HTTP target, a proxy that drops headers,
    a hand-made request): the answer names the missing headers instead of "does not match"."""
    absent = [
        name
        for name in (signature.SIGNATURE_HEADER, signature.TIMESTAMP_HEADER)
        if not (_header(headers, name) or "").strip()
    ]
    if not absent:
        return None
    return (
        f"signature header{'s' if len(absent) > 1 else ''} missing ({', '.join(absent)}): the request was not "
        "signed; check the Zendesk trigger posts through a webhook with request signing "
        "(not a legacy HTTP target) and that no proxy drops these headers"
    )


_MISCONFIGURED_LOGGED: set[str] = set()
_MISCONFIGURED_UNRECORDED: list[str] = []  # logged, not yet in the event log (drain_misconfigured)


def drain_misconfigured() -> list[str]:
    """The trigger fields found misconfigured since the last call (each once per process),
    for the web layer to write as an event off the request's hot path (services/rejections.py)."""
    drained = []
    while _MISCONFIGURED_UNRECORDED:
        drained.append(_MISCONFIGURED_UNRECORDED.pop(0))
    return drained


def _misconfigured(field_name: str) -> None:
    """Log once per process that the Zendesk trigger sends ``field_name`` unrendered/empty."""
    if field_name not in _MISCONFIGURED_LOGGED:
        _MISCONFIGURED_LOGGED.add(field_name)
        _MISCONFIGURED_UNRECORDED.append(field_name)
        log.warning(
            "zendesk_trigger_misconfigured",
            field=field_name,
            detail="empty or an unrendered {{placeholder}}: treated as absent, deduplication falls back "
            "to the content; fix the trigger's JSON body (logged once per process)",
        )


FILE_TICKET_PREFIX = "file-"
"""The start of the ticket id an email stored from a file carries (``files.read_email_file``):
such an email came on no Zendesk ticket."""


def carries_ticket(ticket_id: str | None) -> bool:
    """Whether ``ticket_id`` names a Zendesk ticket (not empty, not a file's stand-in id)."""
    return bool(ticket_id) and not str(ticket_id).startswith(FILE_TICKET_PREFIX)


def content_twin_scope(ticket_id: Any) -> Any:
    """The SQL condition on ``emails`` under which a stored email with the same content key
    is a duplicate of a delivery on ``ticket_id`` (a string, or a bound parameter whose
    value may be NULL): the same ticket, or either side carries no Zendesk ticket
    (``carries_ticket``). A delivery on another ticket is another email — the same form
    letter about two clients posted on their two tickets is two replies
    (docs/zendesk-contract.md, "Delivery")."""
    column = _EMAILS.c.ticket_id
    return or_(ticket_id.is_(None), column == ticket_id, column.startswith(FILE_TICKET_PREFIX, autoescape=True))


def content_key(payload: WebhookPayload) -> str:
    """Sender + normalised subject + normalised body (case-folded, whitespace collapsed) +
    the attachments' names and sizes: the same reply under another ticket or comment id has
    the same key; the same text with another subject (a form letter naming the client only
    in the subject) or other attachments is another email. The sha256 hex digest of
    ``f"{sender}\\x00{body}\\x00{files}"`` in UTF-8 (``errors="replace"``), followed by
    ``f"\\x00{subject}"`` when the normalised subject (``normalised_subject``) is not empty,
    ``body`` being ``" ".join(text.split()).casefold()`` (``folded_words`` computes its UTF-8
    on bytes). docs/zendesk-contract.md, "Delivery"."""
    sender = (payload.from_email or "").strip().casefold()
    files = "\x01".join(sorted(f"{a.file_name.casefold()}:{a.size}" for a in payload.attachments))
    digest = hashlib.sha256(sender.encode("utf-8", "replace"))
    digest.update(b"\x00")
    digest.update(folded_words(payload.body_text or payload.body_html or ""))
    digest.update(b"\x00")
    digest.update(files.encode("utf-8", "replace"))
    subject = normalised_subject(payload.subject)
    if subject:
        digest.update(b"\x00")
        digest.update(subject.encode("utf-8", "replace"))
    return digest.hexdigest()


_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|wg|fw|fwd|sv|antw|tr)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+", re.IGNORECASE)
"""Reply/forward prefixes a mail client puts before a subject, repeated (``Re: AW: Fwd:``)."""


def normalised_subject(subject: str | None) -> str:
    """``subject`` without its reply/forward prefixes (Re:, AW:, Fwd:, WG:, …, repeated),
    whitespace collapsed, case-folded; "" for None."""
    if not subject:
        return ""
    return " ".join(_REPLY_PREFIX.sub("", subject).split()).casefold()


_ASCII_FOLD = bytes.maketrans(
    bytes(range(ord("A"), ord("Z") + 1)) + b"\x1c\x1d\x1e\x1f", bytes(range(ord("a"), ord("z") + 1)) + b"    "
)
"""ASCII's part of ``str.casefold`` and of ``str.split``'s whitespace that ``bytes.split``
lacks (U+001C–U+001F). Bytes below 0x80 never occur inside a multi-byte UTF-8 character."""
_LATIN1_FOLD = {
    **{bytes((0xC3, b)): bytes((0xC3, b + 0x20)) for b in (*range(0x80, 0x97), *range(0x98, 0x9F))},
    b"\xc3\x9f": b"ss",
    b"\xc2\xb5": "\u03bc".encode(),
    b"\xc2\x85": b" ",
    b"\xc2\xa0": b" ",
}
"""UTF-8 of the Latin-1 characters that case-fold (À–Ö and Ø–Þ: the character 0x20 above,
ß: ss, µ: μ) or are whitespace (NEL, NBSP: a space) → what ``folded_words`` puts instead."""
_LATIN1_SPECIAL = re.compile(b"\xc2[\x85\xa0\xb5]|\xc3[\x80-\x96\x98-\x9f]")
_ASCII = bytes(range(0x80))


def folded_words(text: str) -> bytes:
    """``" ".join(text.split()).casefold().encode("utf-8", "replace")``, computed on the
    UTF-8 bytes with C-level passes (encode, translate, replace, split/join) instead of
    Unicode case folding of every character (docs/scaling.md, "What one webhook request
    costs"). The non-ASCII characters (the bytes left after deleting ASCII: usually a few
    hundred) are looked at first: Latin-1 letters that fold and Latin-1 whitespace are
    replaced in the whole text (``_LATIN1_FOLD``); any other character that folds or is
    whitespace (``Ł``, ``Σ``, U+202F, a lone surrogate) sends the text to the expression
    itself."""
    if text.isascii():
        return b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split())
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (JSON allows "\\ud800"): "?" as before
        return " ".join(text.split()).casefold().encode("utf-8", "replace")
    # without its ASCII bytes, UTF-8 is still whole characters (bytes below 0x80 occur in
    # no multi-byte character; 0xC2/0xC3 only lead one)
    others = data.translate(None, _ASCII)
    specials = set(_LATIN1_SPECIAL.findall(others))
    for special in specials:
        others = others.replace(special, _LATIN1_FOLD[special])
    rest = others.translate(None, _ASCII).decode("utf-8")
    if rest.casefold() != rest or "".join(rest.split()) != rest:
        return " ".join(text.split()).casefold().encode("utf-8", "replace")
    data = data.translate(_ASCII_FOLD)
    for special in specials:
        data = data.replace(special, _LATIN1_FOLD[special])
    return b" ".join(data.split())


def dedupe_key(payload: WebhookPayload) -> str:
    """Content key of an email: ticket + comment id, else ticket + a hash of the bodies.

    Zendesk may deliver one event several times, late and out of order
    (docs/zendesk-contract.md, "Delivery"); this key makes a replay harmless.
    """
    if payload.comment_id:
        return f"t:{payload.ticket_id}:c:{payload.comment_id}"
    digest = hashlib.sha256(
        "\x00".join([payload.side_conversation_id or "", payload.body_text or "", payload.body_html or ""]).encode(
            "utf-8", "replace"
        )
    ).hexdigest()[:40]
    return f"t:{payload.ticket_id}:h:{digest}"


def _header(headers: Mapping[str, str], name: str) -> str | None:
    lower = name.lower()
    for key, value in headers.items():
        if key.lower() == lower:
            return value
    return None


def parse_payload(raw_body: bytes) -> WebhookPayload:
    """Decode and validate a webhook body. Raises ``InvalidPayload`` with the reason (for
    a body that is not JSON: the decoder's message with line, column and character
    offset, all 1-based but the offset)."""
    try:
        text = raw_body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidPayload(f"body is not valid UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:  # where it broke: an operator finds the spot in the quarantined body
        raise InvalidPayload(
            f"body is not JSON: {exc.msg}: line {exc.lineno}, column {exc.colno} (character {exc.pos})"
        ) from None
    except RecursionError:
        raise InvalidPayload("body is not JSON: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise InvalidPayload("body must be a JSON object")
    try:
        return WebhookPayload.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()[:5])
        raise InvalidPayload(f"invalid payload: {problems}") from None


@dataclass(frozen=True)
class Delivery:
    """One webhook request read and checked, before anything is stored (``read_delivery``)."""

    raw_body: bytes
    headers: Mapping[str, str]
    invocation_id: str | None
    payload: WebhookPayload | None
    """None when the body failed validation (``problem`` says why)."""
    problem: str | None = None


def read_delivery(
    ctx: AppContext, *, raw_body: bytes, headers: Mapping[str, str], verify_signature: bool = True
) -> Delivery:
    """Verify the signature and its age, take the invocation id, validate the body; no I/O.

    Returns a ``Delivery`` (``payload`` None and ``problem`` set for a signed body that is
    not a valid payload: ``refuse_invalid`` keeps it). Raises ``SignatureInvalid``."""
    if verify_signature:
        missing = missing_signature_headers(headers)
        if missing:
            raise SignatureInvalid(missing)
        timestamp = _header(headers, signature.TIMESTAMP_HEADER)
        if not signature.verify(
            ctx.settings.webhook_secrets, timestamp, raw_body, _header(headers, signature.SIGNATURE_HEADER)
        ):
            raise SignatureInvalid()
        problem = signature_age_problem(timestamp, ctx.settings.webhook_max_age_seconds)
        if problem:
            raise SignatureInvalid(problem)
    invocation_id = _header(headers, signature.INVOCATION_HEADER) or None
    if invocation_id is not None and (is_placeholder(invocation_id) or not invocation_id.strip()):
        _misconfigured(signature.INVOCATION_HEADER)
        invocation_id = None
    try:
        payload = parse_payload(raw_body)
    except InvalidPayload as exc:
        return Delivery(raw_body, headers, invocation_id, None, exc.message)
    for name in payload.placeholder_fields:
        _misconfigured(name)
    return Delivery(raw_body, headers, invocation_id, payload)


def refuse_invalid(ctx: AppContext, delivery: Delivery) -> NoReturn:
    """Keep an invalid delivery in the quarantine table, then raise ``InvalidPayload`` with
    its reason (``StorageUnavailable`` when the database is down)."""
    reason = delivery.problem or "invalid payload"
    _quarantine(ctx, delivery.raw_body, delivery.headers, delivery.invocation_id, reason)
    raise InvalidPayload(reason)


STORAGE_ERRORS = (OperationalError, InterfaceError)
"""SQLAlchemy's errors meaning the database is unreachable (``unavailable``)."""


def unavailable(exc: BaseException) -> StorageUnavailable:
    """The ``StorageUnavailable`` (→ 503) for a database error ``exc`` (SQLAlchemy's or the
    driver's), naming the driver's error class only: ``database unavailable: OperationalError``."""
    orig = getattr(exc, "orig", None)
    name = type(orig if orig is not None else exc).__name__
    if name in ("QueryCanceled", "TimeoutError"):  # the intake's bound (creditctl/adapters/async_intake.py)
        name += " (no answer within CREDITCTL_WEBHOOK_DB_TIMEOUT_SECONDS)"
    return StorageUnavailable(f"database unavailable: {name}")


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
    ``creditctl/adapters/async_intake.py`` runs the same steps with asynchronous waits.
    """
    delivery = read_delivery(ctx, raw_body=raw_body, headers=headers, verify_signature=verify_signature)
    if delivery.payload is None:
        refuse_invalid(ctx, delivery)
    try:
        result = store_email(ctx, delivery.payload, raw_body, delivery.invocation_id, queued=ctx.enqueue is not None)
    except STORAGE_ERRORS as exc:
        raise unavailable(exc) from exc
    if result.status == "accepted":
        if result.queued_at is not None:
            send_to_queue(ctx, result.email_id, marked_at=result.queued_at)
        else:
            enqueue_email(ctx, result.email_id, reason="webhook")
    return result


def store_email(
    ctx: AppContext,
    payload: WebhookPayload,
    raw_body: bytes,
    invocation_id: str | None,
    *,
    source: str = "webhook",
    queued: bool = False,
) -> IntakeResult:
    """Commit one email as ``received`` (with its ``webhook`` event) unless it is a
    duplicate (same invocation id or content key, ``dedupe_key``).

    One statement on PostgreSQL (``INSERT … ON CONFLICT DO NOTHING RETURNING id`` feeding
    the event's ``INSERT … SELECT`` in a CTE), two in one transaction on SQLite; the
    duplicate lookup runs only when the insert conflicted. A lost connection (server
    restart) is retried once: the statement is idempotent. Returns ``IntakeResult``;
    raises SQLAlchemy's ``OperationalError`` when the database is down.

    ``queued`` (PostgreSQL; ignored on SQLite): the same single statement also looks up
    the content duplicate and inserts the row already moved ``received`` → ``queued``
    with both events (``webhook`` and the ``enqueued`` transition) — one round trip and
    one commit per accepted email instead of three. The result's ``queued_at`` is then
    set and the caller sends the message with ``send_to_queue``.
    """
    key = dedupe_key(payload)
    content = content_key(payload)
    now = utcnow()
    window_days = ctx.settings.dedupe_window_days
    if queued and get_engine(ctx.db_url).dialect.name == "postgresql":
        return _store_queued(ctx, payload, raw_body, invocation_id, source, key, content, now)
    if window_days > 0:
        same = _with_reconnect(
            lambda: _find_content_duplicate(ctx, content, payload.ticket_id, now - timedelta(days=window_days))
        )
        if same is not None:
            return _content_duplicate(ctx, same, window_days, payload.ticket_id, invocation_id, key)
    row = _email_row(ctx, payload, raw_body, invocation_id, source, key, content, now, queued=False)
    event = _event_row(
        "webhook",
        f"received from {'Zendesk' if source == 'webhook' else source}, ticket {payload.ticket_id}",
        at=now,
        to_status=ProcessingStatus.RECEIVED.value,
        worker=ctx.worker_name,
        data={"invocation_id": invocation_id, "bytes": len(raw_body)},
    )
    for _ in range(3):
        try:
            email_id = _with_reconnect(lambda: _insert_received(ctx.db_url, row, event))
        except IntegrityError:
            existing = _with_reconnect(lambda: _find_duplicate(ctx, key, invocation_id))
            if existing is None:
                raise
            _note_duplicate(ctx, existing[0], existing[1], invocation_id)
            return IntakeResult("duplicate", existing[0])
        if email_id is not None:
            return IntakeResult("accepted", email_id)
        existing = _with_reconnect(lambda: _find_duplicate(ctx, key, invocation_id))
        if existing is not None:
            _note_duplicate(ctx, existing[0], existing[1], invocation_id)
            return IntakeResult("duplicate", existing[0])
        # the conflicting row vanished between the two statements (deleted): insert again
    raise RuntimeError(f"email with key {key!r} conflicted but was not found, three times")


def _email_row(
    ctx: AppContext,
    payload: WebhookPayload,
    raw_body: bytes,
    invocation_id: str | None,
    source: str,
    key: str,
    content: str,
    now: datetime,
    *,
    queued: bool,
) -> dict[str, Any]:
    return dict(
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
        **transitions.initial_values(Actor.INTAKE, queued=queued),
        received_at=now,
        updated_at=now,
        priority=LIVE_PRIORITY,
        content_key=content,
    )


@dataclass(frozen=True)
class QueuedInsert:
    """The PostgreSQL intake statement for one email (``plan_queued``): run ``sql`` with
    ``params`` in autocommit; its one row ``(new id or None, content duplicate's id or None)``
    goes to ``accepted``, and when that is None to ``settle_conflict``."""

    sql: str
    params: dict[str, Any]
    payload: WebhookPayload
    invocation_id: str | None
    key: str
    now: datetime
    window_days: float

    def accepted(self, row: tuple[Any, ...] | None) -> IntakeResult | None:
        """The answer when the statement inserted the row (``row[0]``), else None. No I/O."""
        if row is not None and row[0] is not None:
            return IntakeResult("accepted", int(row[0]), queued_at=self.now)
        return None


def uses_one_statement(ctx: AppContext) -> bool:
    """Whether an accepted webhook email is one statement (``plan_queued``): PostgreSQL with a queue."""
    return ctx.enqueue is not None and backend_name(ctx.db_url) == "postgresql"  # no engine built (no I/O)


def plan_queued(
    ctx: AppContext,
    payload: WebhookPayload,
    raw_body: bytes,
    invocation_id: str | None,
    *,
    source: str = "webhook",
    key: str | None = None,
    content: str | None = None,
    now: datetime | None = None,
) -> QueuedInsert:
    """``store_email(queued=True)``'s statement on PostgreSQL (``_store_queued_sql``) with this
    email's values; the keys and ``now`` are computed when not given. No I/O."""
    key = dedupe_key(payload) if key is None else key
    content = content_key(payload) if content is None else content
    now = utcnow() if now is None else now
    window_days = ctx.settings.dedupe_window_days
    sql, constants = _store_queued_sql(get_engine(ctx.db_url).dialect)
    params = {
        **constants,
        "em_ticket_id": payload.ticket_id,
        "em_comment_id": payload.comment_id,
        "em_side_conversation_id": payload.side_conversation_id,
        "em_invocation_id": invocation_id,
        "em_dedupe_key": key,
        "em_from_email": payload.from_email,
        "em_from_name": payload.from_name,
        "em_subject": payload.subject,
        "em_body_text": payload.body_text,
        "em_body_html": payload.body_html,
        "em_raw_payload": raw_body,
        "em_headers": json.dumps(payload.headers),
        "em_source": source,
        "em_priority": LIVE_PRIORITY,
        "em_content_key": content,
        "now": now,
        "worker": ctx.worker_name,
        "dup_key": content if window_days > 0 else None,
        "dup_since": now - timedelta(days=max(0.0, window_days)),
        "dup_ticket": payload.ticket_id if carries_ticket(payload.ticket_id) else None,
        "ev_message": _received_message(source, payload.ticket_id),
        "ev_data": json.dumps({"invocation_id": invocation_id, "bytes": len(raw_body)}),
        "ev2_message": "enqueued (webhook)",
    }
    return QueuedInsert(sql, params, payload, invocation_id, key, now, window_days)


def settle_conflict(
    ctx: AppContext, plan: QueuedInsert, row: tuple[Any, ...] | None, conflict: Exception | None = None
) -> IntakeResult | None:
    """The answer when ``plan``'s statement inserted nothing: ``row`` is its result, or None
    when it raised ``conflict`` (a unique violation). A duplicate (noted on the kept email),
    or None when the conflicting row vanished meanwhile (deleted: insert again). Re-raises
    ``conflict`` when no duplicate explains it; raises SQLAlchemy's ``OperationalError``
    when the database is down."""
    same = row[1] if row is not None else None
    if same is not None:
        return _content_duplicate(ctx, same, plan.window_days, plan.payload.ticket_id, plan.invocation_id, plan.key)
    existing = _with_reconnect(lambda: _find_duplicate(ctx, plan.key, plan.invocation_id))
    if existing is None:
        if conflict is not None:
            raise conflict
        return None
    _note_duplicate(ctx, existing[0], existing[1], plan.invocation_id)
    return IntakeResult("duplicate", existing[0])


def _store_queued(
    ctx: AppContext,
    payload: WebhookPayload,
    raw_body: bytes,
    invocation_id: str | None,
    source: str,
    key: str,
    content: str,
    now: datetime,
) -> IntakeResult:
    """``store_email(queued=True)`` on PostgreSQL: one statement (``plan_queued``) in
    autocommit; the duplicate paths in ``settle_conflict``."""
    engine = get_engine(ctx.db_url)
    plan = plan_queued(ctx, payload, raw_body, invocation_id, source=source, key=key, content=content, now=now)

    def run() -> tuple[Any, ...]:
        # one statement is atomic on its own: in autocommit it commits within its own round
        # trip, instead of three (BEGIN, the statement, COMMIT) with the serve process's
        # CPU for each (docs/scaling.md, "What one webhook request costs")
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            return tuple(conn.exec_driver_sql(plan.sql, plan.params).one())

    for _ in range(3):
        try:
            row: tuple[Any, ...] | None = _with_reconnect(run)
            conflict: Exception | None = None
        except IntegrityError as exc:
            row, conflict = None, exc
        result = plan.accepted(row) or settle_conflict(ctx, plan, row, conflict)
        if result is not None:
            return result
        # the conflicting row vanished between the two statements (deleted): insert again
    raise RuntimeError(f"email with key {key!r} conflicted but was not found, three times")


def _received_message(source: str, ticket_id: str) -> str:
    """The message of an email's first (``webhook``) event."""
    return f"received from {'Zendesk' if source == 'webhook' else source}, ticket {ticket_id}"[:4000]


def _with_reconnect(fn: Callable[[], T]) -> T:
    """``fn()``, once more when it failed on a connection the server had dropped (restart)."""
    try:
        return fn()
    except DBAPIError as exc:
        if not is_disconnect_error(exc):
            raise
        log.info("db_reconnect", error=type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__)
        return fn()


def _event_row(
    kind: str,
    message: str,
    *,
    at: datetime,
    level: str = "info",
    from_status: str | None = None,
    to_status: str | None = None,
    worker: str | None = None,
    error_class: str | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``events`` row ``record_event`` would write (same columns and truncation)."""
    return dict(
        at=at,
        kind=kind,
        level=level,
        from_status=from_status,
        to_status=to_status,
        message=message[:4000],
        worker=worker,
        error_class=error_class,
        data=data,
    )


EMAIL_COLUMNS = (
    "ticket_id",
    "comment_id",
    "side_conversation_id",
    "invocation_id",
    "dedupe_key",
    "from_email",
    "from_name",
    "subject",
    "body_text",
    "body_html",
    "raw_payload",
    "headers",
    "source",
    "processing_status",
    "match_status",
    "received_at",
    "updated_at",
    "priority",
    "content_key",
)
"""Columns the intake sets (bound as ``em_<name>``); the others take the model's defaults."""
EVENT_COLUMNS = ("at", "kind", "level", "from_status", "to_status", "message", "worker", "error_class", "data")
"""Columns of an intake event (bound as ``ev_<name>``; ``_event_row`` gives them)."""


@dataclass(frozen=True)
class _Statements:
    """The intake's statements for one dialect, built once (compiled once, cached by
    SQLAlchemy). PostgreSQL: ``store``/``queued`` do the row and its event in one
    statement (a data-modifying CTE feeding ``INSERT … SELECT``); SQLite: the row
    statement returns the id and ``event`` is executed after it when a row changed."""

    store: Any
    queued: Any
    event: Any | None


def _event_params(event: dict[str, Any], email_id: int | None = None) -> dict[str, Any]:
    params = {f"ev_{k}": v for k, v in event.items()}
    if email_id is not None:
        params["ev_email_id"] = email_id
    return params


@functools.cache
def _statements(dialect: str) -> _Statements:
    """Build the intake statements for ``dialect`` ("postgresql" or "sqlite")."""

    def bound(prefix: str, table: Any, name: str) -> Any:
        return bindparam(prefix + name, type_=table.c[name].type)

    row = {n: bound("em_", _EMAILS, n) for n in EMAIL_COLUMNS}
    change = transitions.update_status(
        ProcessingStatus.RECEIVED, ProcessingStatus.QUEUED, Actor.INTAKE, email_id=bindparam("em_id")
    ).values(queued_at=bound("em_", _EMAILS, "queued_at"), updated_at=bound("em_", _EMAILS, "queued_at"))
    if dialect == "postgresql":

        def event_from(source_id: Any) -> Any:
            # INSERT … SELECT does not infer a bound value's type from the target column: cast each
            values = [cast(bound("ev_", _EVENTS, n), _EVENTS.c[n].type) for n in EVENT_COLUMNS]
            return insert(_EVENTS).from_select(["email_id", *EVENT_COLUMNS], select(source_id, *values))

        new = pg_insert(_EMAILS).values(row).on_conflict_do_nothing().returning(_EMAILS.c.id).cte("new_email")
        moved = change.returning(_EMAILS.c.id).cte("queued_email")
        return _Statements(
            store=event_from(new.c.id).returning(_EVENTS.c.email_id),
            queued=event_from(moved.c.id),
            event=None,
        )
    event = insert(_EVENTS).values(
        email_id=bindparam("ev_email_id"), **{n: bound("ev_", _EVENTS, n) for n in EVENT_COLUMNS}
    )
    return _Statements(
        store=sqlite_insert(_EMAILS).values(row).on_conflict_do_nothing().returning(_EMAILS.c.id),
        queued=change,
        event=event,
    )


_STORE_QUEUED_PARAMS = frozenset(
    (
        *(
            f"em_{n}"
            for n in EMAIL_COLUMNS
            if n not in ("processing_status", "match_status", "received_at", "updated_at")
        ),
        *("now", "worker", "dup_key", "dup_since", "dup_ticket", "ev_message", "ev_data", "ev2_message"),
    )
)
"""The values ``_store_queued`` binds per request; everything else in the statement is a
constant compiled into it (``_store_queued_sql``)."""


@functools.cache
def _store_queued_sql(dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """The PostgreSQL intake statement as the driver's SQL text and its constant parameters,
    compiled once per dialect; executed with ``exec_driver_sql`` (docs/scaling.md, "What one
    webhook request costs": no per-request compilation, parameter processing or defaults).

    ``WITH dup AS (SELECT id … content_key = :dup_key AND received_at >= :dup_since AND
    (the ticket scope of :dup_ticket, ``content_twin_scope``) ORDER BY
    id LIMIT 1), new_email AS (INSERT INTO emails … SELECT … WHERE NOT EXISTS (SELECT FROM
    dup) ON CONFLICT DO NOTHING RETURNING id), ev AS (INSERT INTO events … the ``webhook``
    and the ``enqueued`` transition events FROM new_email RETURNING email_id) SELECT (SELECT
    min(email_id) FROM ev), (SELECT id FROM dup)`` → ``(new id or NULL, content duplicate's
    id or NULL)``; ``dup_key`` NULL: no content window (never matches). Values are bound as
    the driver takes them: text, bytes, ints, aware datetimes; JSON as its text (cast in SQL).
    Raises ``RuntimeError`` when the model gained a column default computed in Python that
    this statement does not set."""
    from sqlalchemy import JSON, ColumnDefault, DateTime, exists, func, literal_column, null, union_all

    def value(name: str, column: Any) -> Any:
        if f"em_{name}" in _STORE_QUEUED_PARAMS:
            json_text = isinstance(column.type, JSON)
            param = bindparam(f"em_{name}", type_=String() if json_text else column.type)
            return cast(param, column.type)
        return literal(constants[name], column.type)

    now = bindparam("now", type_=DateTime(timezone=True))
    constants: dict[str, Any] = {
        **transitions.initial_values(Actor.INTAKE, queued=True),
    }
    columns: dict[str, Any] = {
        n: value(n, _EMAILS.c[n]) for n in EMAIL_COLUMNS if n not in ("received_at", "updated_at")
    }
    columns.update(received_at=now, updated_at=now, queued_at=now)
    for column in _EMAILS.c:
        if column.name in columns or column.primary_key or column.default is None:
            continue
        if not (isinstance(column.default, ColumnDefault) and column.default.is_scalar):
            raise RuntimeError(f"emails.{column.name} has a computed default: set it in _store_queued_sql")
        columns[column.name] = literal(column.default.arg, column.type)
    dup = (
        select(_EMAILS.c.id)
        .where(
            _EMAILS.c.content_key == bindparam("dup_key", type_=String()),
            _EMAILS.c.received_at >= bindparam("dup_since", type_=DateTime(timezone=True)),
            content_twin_scope(cast(bindparam("dup_ticket", type_=String()), String())),
        )
        .order_by(_EMAILS.c.id)
        .limit(1)
        .cte("dup")
    )
    rows = select(*columns.values()).where(~exists(select(literal_column("1")).select_from(dup)))
    new = (
        pg_insert(_EMAILS)
        .from_select(list(columns), rows)
        .on_conflict_do_nothing()
        .returning(_EMAILS.c.id)
        .cte("new_email")
    )

    def event(kind: str, message: str, from_status: str | None, to_status: str, data: str | None) -> Any:
        def text_or_null(text: str | None) -> Any:
            return null() if text is None else literal(text, String())

        return select(
            new.c.id,
            now,
            literal(kind, String()),
            literal("info", String()),
            text_or_null(from_status),
            literal(to_status, String()),
            bindparam(message, type_=String()),
            bindparam("worker", type_=String()),
            null(),
            null() if data is None else cast(bindparam(data, type_=String()), JSON),
        )

    received, queued = ProcessingStatus.RECEIVED.value, ProcessingStatus.QUEUED.value
    events = union_all(
        event("webhook", "ev_message", None, received, "ev_data"),
        event("transition", "ev2_message", received, queued, None),
    )
    ev = insert(_EVENTS).from_select(["email_id", *EVENT_COLUMNS], events).returning(_EVENTS.c.email_id).cte("ev")
    statement = select(select(func.min(ev.c.email_id)).scalar_subquery(), select(dup.c.id).scalar_subquery())
    compiled = statement.compile(dialect=dialect)
    missing = _STORE_QUEUED_PARAMS - set(compiled.params)
    if missing:
        raise RuntimeError(f"the intake statement does not bind {sorted(missing)}")
    return compiled.string, {k: v for k, v in compiled.params.items() if k not in _STORE_QUEUED_PARAMS}


def _insert_received(url: str, row: dict[str, Any], event: dict[str, Any]) -> int | None:
    """Insert the email and its event in one transaction; the new id, or None on conflict."""
    engine = get_engine(url)
    sql = _statements(engine.dialect.name)
    params = {f"em_{k}": v for k, v in row.items()}
    with engine.begin() as conn:
        if sql.event is None:
            return conn.execute(sql.store, {**params, **_event_params(event)}).scalar()
        email_id = conn.execute(sql.store, params).scalar()
        if email_id is not None:
            conn.execute(sql.event, _event_params(event, email_id))
        return email_id


def _find_duplicate(ctx: AppContext, key: str, invocation_id: str | None) -> tuple[int, str] | None:
    """``(email_id, which key matched)`` of the email this delivery repeats, or None."""
    cond = _EMAILS.c.dedupe_key == key
    if invocation_id:
        cond = cond | (_EMAILS.c.invocation_id == invocation_id)
    query = select(_EMAILS.c.id, _EMAILS.c.invocation_id, _EMAILS.c.dedupe_key).where(cond)
    if invocation_id:  # the same delivery is the first rule: its row first when both match
        query = query.order_by(case((_EMAILS.c.invocation_id == invocation_id, 0), else_=1))
    with get_engine(ctx.db_url).connect() as conn:
        found = conn.execute(query.limit(1)).first()
    if found is None:
        return None
    if invocation_id and found[1] == invocation_id:
        return found[0], f"the same delivery (invocation id {invocation_id})"
    what = "ticket + comment id" if ":c:" in key else "ticket + body hash"
    return found[0], f"the same {what} ({key[:60]})"


def _find_content_duplicate(ctx: AppContext, content: str, ticket_id: str, since: datetime) -> int | None:
    """The oldest email with content key ``content`` received since ``since`` (indexed) that
    a delivery on ``ticket_id`` repeats (``content_twin_scope``), or None."""
    scope = content_twin_scope(literal(ticket_id if carries_ticket(ticket_id) else None, String()))
    with get_engine(ctx.db_url).connect() as conn:
        return conn.execute(
            select(_EMAILS.c.id)
            .where(_EMAILS.c.content_key == content, _EMAILS.c.received_at >= since, scope)
            .order_by(_EMAILS.c.id)
            .limit(1)
        ).scalar()


def _content_duplicate(
    ctx: AppContext, same: int, window_days: float, ticket_id: str, invocation_id: str | None, key: str
) -> IntakeResult:
    """The answer for a body the same sender sent within the dedupe window: noted on the kept email.

    The content lookup runs first (it saves the insert), but the note names the first rule
    that matches in the documented order (docs/zendesk-contract.md): the same delivery
    (invocation id), then the same ticket + comment id (``dedupe_key``), then the same
    content. A plain re-delivery is thus "the same delivery", not "the same body"."""
    existing = _with_reconnect(lambda: _find_duplicate(ctx, key, invocation_id))
    if existing is not None:
        _note_duplicate(ctx, existing[0], existing[1], invocation_id)
        return IntakeResult("duplicate", existing[0])
    _note_duplicate(
        ctx,
        same,
        f"the same subject and body from the same sender within {window_days:g} days on the same ticket "
        f"(content key; this delivery: ticket {ticket_id})",
        invocation_id,
    )
    return IntakeResult("duplicate", same)


def _note_duplicate(ctx: AppContext, email_id: int, matched: str, invocation_id: str | None) -> None:
    """A ``duplicate`` event on the kept email saying which key matched (``status ID``). Never raises."""
    try:
        with session_scope(ctx.db_url) as session:
            record_event(
                session,
                email_id,
                "duplicate",
                f"duplicate delivery ignored: matched {matched}",
                worker=ctx.worker_name,
                data={"matched": matched, "invocation_id": invocation_id},
            )
    except DBAPIError as exc:
        log.warning("duplicate_event_failed", email_id=email_id, error=type(exc).__name__)


def _quarantine(
    ctx: AppContext, raw_body: bytes, headers: Mapping[str, str], invocation_id: str | None, reason: str
) -> None:
    """Keep a signed request that failed validation, so nothing Zendesk sent is lost."""
    safe_headers = {
        k: v for k, v in headers.items() if k.lower() not in ("authorization", signature.SIGNATURE_HEADER.lower())
    }
    try:
        with session_scope(ctx.db_url) as session:
            row = Quarantine(invocation_id=invocation_id, reason=reason[:2000], raw_body=raw_body, headers=safe_headers)
            session.add(row)
            session.flush()
            record_event(
                session,
                None,
                "webhook",
                f"rejected and quarantined (#{row.id}): {reason[:300]}",
                level="warning",
                worker=ctx.worker_name,
                data={"quarantine_id": row.id},
            )
            quarantine.queue_alert(session, ctx, row)
    except DBAPIError as exc:
        raise StorageUnavailable("database unavailable while quarantining an invalid request") from exc
    try:
        notifications.kick_outbox(ctx)
    except Exception as exc:  # noqa: BLE001 - the alert row is committed; the sweep delivers it
        log.warning("outbox_kick_failed", error=type(exc).__name__)


def enqueue_email(
    ctx: AppContext, email_id: int, *, reason: str, priority: int = LIVE_PRIORITY, delay_s: float = 0.0
) -> bool:
    """Mark ``email_id`` ``queued`` (only if still ``received``), then put it on the queue.

    The order matters (no lost wake-ups): the ``queued`` bookkeeping commits and
    releases its row lock *before* the message exists, so an idle worker that takes the
    message within milliseconds always finds the row claimable. When the queue is
    unreachable the row goes back to ``received`` (with a warning event) and False is
    returned: the sweep enqueues it later. Never raises for a queue outage, nor when
    the bookkeeping fails (database gone meanwhile: the message is still sent; a
    ``received`` row is claimable too).
    """
    if ctx.enqueue is None:
        return False
    marked_at: datetime | None = None
    try:
        marked_at = _with_reconnect(lambda: _mark_queued(ctx, email_id, reason))
    except DBAPIError as exc:
        log.warning("mark_queued_failed", email_id=email_id, error=type(exc).__name__)
    return send_to_queue(ctx, email_id, marked_at=marked_at, priority=priority, delay_s=delay_s)


def enqueue_stored(ctx: AppContext, email_id: int, *, reason: str) -> None:
    """``enqueue_email`` for an email an operator's command just stored (``ingest``,
    ``quarantine replay``, the desk's replay): the one owner of "stored but not queued".
    Raises ``QueueUnavailable`` ("stored as email 101, but the queue is unreachable: …",
    exit 1 on the command line) when the queue is unreachable — the email is stored and
    the sweep enqueues it once the queue is back. Returns None when it is queued."""
    if not enqueue_email(ctx, email_id, reason=reason):
        raise QueueUnavailable(
            f"stored as email {email_id}, but the queue is unreachable: the sweep "
            "enqueues it once the queue is back (nothing is lost)"
        )


def send_to_queue(
    ctx: AppContext, email_id: int, *, marked_at: datetime | None, priority: int = LIVE_PRIORITY, delay_s: float = 0.0
) -> bool:
    """Put ``email_id``'s message on the queue after its ``queued`` bookkeeping committed
    (``marked_at``: the ``queued_at`` it set, None when it was not set). When the queue is
    unreachable the row goes back to ``received`` (only if still ``queued`` at
    ``marked_at``) with a warning event, and False is returned. Never raises for a queue
    or database outage."""
    if ctx.enqueue is None:
        return False
    try:
        ctx.enqueue(email_id, priority=priority, delay_s=delay_s)
    except QUEUE_ERRORS as exc:
        log.warning("enqueue_failed", email_id=email_id, error=type(exc).__name__)
        try:
            with session_scope(ctx.db_url) as session:
                if marked_at is not None:
                    session.execute(
                        transitions.update_status(
                            ProcessingStatus.QUEUED, ProcessingStatus.RECEIVED, Actor.INTAKE, email_id=email_id
                        )
                        .where(_EMAILS.c.queued_at == marked_at)
                        .values(queued_at=None, updated_at=utcnow())
                    )
                record_event(
                    session,
                    email_id,
                    "error",
                    f"enqueue failed ({type(exc).__name__}); the sweep will retry",
                    level="warning",
                    worker=ctx.worker_name,
                    error_class=type(exc).__name__,
                    from_status=ProcessingStatus.QUEUED.value if marked_at is not None else None,
                    to_status=ProcessingStatus.RECEIVED.value if marked_at is not None else None,
                )
        except DBAPIError:
            pass
        return False
    return True


def _mark_queued(ctx: AppContext, email_id: int, reason: str) -> datetime | None:
    """``received`` → ``queued`` with its transition event, atomically; returns the
    ``queued_at`` it set, or None when the row was not ``received`` (nothing written).
    PostgreSQL: one statement; SQLite: two in one transaction (``_statements``)."""
    now = utcnow()
    event = _event_row(
        "transition",
        f"enqueued ({reason})",
        at=now,
        from_status=ProcessingStatus.RECEIVED.value,
        to_status=ProcessingStatus.QUEUED.value,
        worker=ctx.worker_name,
    )
    params = dict(em_id=email_id, em_queued_at=now)
    engine = get_engine(ctx.db_url)
    sql = _statements(engine.dialect.name)
    with engine.begin() as conn:
        if sql.event is None:
            changed = conn.execute(sql.queued, {**params, **_event_params(event)}).rowcount
        else:
            changed = conn.execute(sql.queued, params).rowcount
            if changed:
                conn.execute(sql.event, _event_params(event, email_id))
    return now if changed else None

"""SQLAlchemy 2 models: the source of truth. No use case lives here.

Money columns are ``Numeric(14, 2)`` read as ``Decimal`` euros (or the claim's currency).
Every time column is timezone-aware UTC (``UtcDateTime`` normalises SQLite's naive values).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# re-exported: models is where callers look for them (they live apart so the ORM-free
# reads share them, creditctl/dbtypes.py)
from creditctl.dbapi import MIRROR_OWED_SQL as MIRROR_OWED_SQL
from creditctl.dbtypes import UNFINISHED_SQL as UNFINISHED_SQL, UtcDateTime as UtcDateTime, utcnow as utcnow

BigId = BigInteger().with_variant(Integer(), "sqlite")
Money = Numeric(14, 2, asdecimal=True)


class ProcessingStatus(StrEnum):
    """The email's states; the transitions are declared in ``services/transitions.py`` (docs/state-machine.md)."""

    RECEIVED = "received"
    QUEUED = "queued"
    PROCESSING = "processing"
    PARSED = "parsed"
    EXTRACTED = "extracted"
    RETRYING = "retrying"
    COMPLETED = "completed"
    NOT_CREDITOR_REPLY = "not_creditor_reply"
    FAILED = "failed"


TERMINAL_STATUSES = frozenset(
    {ProcessingStatus.COMPLETED, ProcessingStatus.NOT_CREDITOR_REPLY, ProcessingStatus.FAILED}
)
UNFINISHED_STATUSES = frozenset(set(ProcessingStatus) - TERMINAL_STATUSES)
IN_FLIGHT_STATUSES = (ProcessingStatus.PROCESSING, ProcessingStatus.PARSED, ProcessingStatus.EXTRACTED)
"""States in which a worker holds the row under a lease."""


class Base(DeclarativeBase):
    pass


def table_of(model: type[Base]) -> Table:
    """``model.__table__`` as the ``Table`` it is (SQLAlchemy types it as a ``FromClause``),
    for Core statements. Raises ``TypeError`` for a model mapped to something else."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a Table")
    return table


class Email(Base):
    """One creditor email as Zendesk posted it, and where it is in the state machine."""

    __tablename__ = "emails"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(64))
    comment_id: Mapped[str | None] = mapped_column(String(64))
    side_conversation_id: Mapped[str | None] = mapped_column(String(64))
    invocation_id: Mapped[str | None] = mapped_column(String(128), unique=True)
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    from_email: Mapped[str] = mapped_column(String(320), default="")
    from_name: Mapped[str] = mapped_column(String(320), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    raw_payload: Mapped[bytes] = mapped_column(LargeBinary)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(32), default="webhook")

    processing_status: Mapped[str] = mapped_column(String(32))  # ix_emails_status_next leads with it
    match_status: Mapped[str] = mapped_column(String(32), default="pending", index=True)
    mirror_status: Mapped[str] = mapped_column(String(32), default="not_needed")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_class: Mapped[str | None] = mapped_column(String(128))
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    priority: Mapped[int] = mapped_column(Integer, default=10)
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operations.id"))

    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    queued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    processing_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    parsed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    extracted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    retrying_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    # results of the pipeline steps (JSON documents, re-derivable from the raw payload)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    match: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    matched_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    extractor: Mapped[str | None] = mapped_column(String(32))
    input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cache_read_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cache_write_tokens: Mapped[int] = mapped_column(Integer, default=0)
    alerted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)
    # migration 0002_live: who decided the match ("person" after review
    # approve/reject, else None), the run number (1 + reprocess/retry runs), and the
    # content key (sender + normalised body) for deduplication across ticket/comment ids
    decided_by: Mapped[str | None] = mapped_column(String(16))  # counted in email_state_counts (0006)
    runs: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    run_base: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # attempts before this run
    content_key: Mapped[str | None] = mapped_column(String(128))

    events: Mapped[list[Event]] = relationship(back_populates="email", order_by="Event.id", lazy="select")

    __table_args__ = (
        Index("ix_emails_status_next", "processing_status", "next_attempt_at"),
        Index("ix_emails_content_key_received", "content_key", "received_at"),
        # partial (migration 0006_counts): a new email has neither, so the webhook never
        # writes them; they keep "finished in the last hour" and "who holds a lease" bounded
        Index(
            "ix_emails_finished_at",
            "finished_at",
            postgresql_where=text("finished_at IS NOT NULL"),
            sqlite_where=text("finished_at IS NOT NULL"),
        ),
        Index(
            "ix_emails_leased",
            "lease_owner",
            postgresql_where=text("lease_owner IS NOT NULL"),
            sqlite_where=text("lease_owner IS NOT NULL"),
        ),
        # the oldest unfinished email (status, /metrics) is its first entry, however many
        # finished ones there are (without it PostgreSQL may walk received_at past all of them)
        Index(
            "ix_emails_unfinished_received",
            "received_at",
            postgresql_where=text(UNFINISHED_SQL),
            sqlite_where=text(UNFINISHED_SQL),
        ),
    )


class Event(Base):
    """Append-only log of what happened to which email, when, by which process."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    email_id: Mapped[int | None] = mapped_column(ForeignKey("emails.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(48))  # transition, attempt, error, operator, alert, webhook, sweep, skip
    level: Mapped[str] = mapped_column(String(12), default="info", index=True)
    from_status: Mapped[str | None] = mapped_column(String(32), index=True)
    to_status: Mapped[str | None] = mapped_column(String(32), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str | None] = mapped_column(String(128))
    attempt: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[float | None] = mapped_column(Numeric(12, 3, asdecimal=False))
    error_class: Mapped[str | None] = mapped_column(String(128))
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    email: Mapped[Email | None] = relationship(back_populates="events")


class Client(Base):
    """A client of the office, keyed by the office's file number (Aktenzeichen)."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    file_number: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(320))
    date_of_birth: Mapped[str | None] = mapped_column(String(10))  # ISO date
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    claims: Mapped[list[Claim]] = relationship(back_populates="client", order_by="Claim.id")


class Claim(Base):
    """One creditor's claim against one client (what a creditor reply updates)."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    creditor_name: Mapped[str] = mapped_column(String(320))
    agent_name: Mapped[str | None] = mapped_column(String(320))
    creditor_emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    creditor_domain: Mapped[str | None] = mapped_column(String(255), index=True)
    creditor_reference: Mapped[str | None] = mapped_column(String(128), index=True)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    zendesk_ticket_id: Mapped[str | None] = mapped_column(String(64), index=True)
    side_conversation_id: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_by_email_id: Mapped[int | None] = mapped_column(
        ForeignKey("emails.id", use_alter=True, name="fk_claims_updated_by_email")
    )

    client: Mapped[Client] = relationship(back_populates="claims")

    __table_args__ = (UniqueConstraint("client_id", "creditor_name", "creditor_reference", name="uq_claim_identity"),)


class ClaimUpdate(Base):
    """History of claim writes; ``idempotency_key`` makes a re-run write nothing twice."""

    __tablename__ = "claim_updates"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    email_id: Mapped[int] = mapped_column(ForeignKey("emails.id"), index=True)
    old_amount: Mapped[Decimal | None] = mapped_column(Money)
    new_amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    extractor: Mapped[str] = mapped_column(String(32), default="rules")
    applied_by: Mapped[str] = mapped_column(String(128), default="auto")
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    mirror_status: Mapped[str] = mapped_column(String(32), default="not_needed")
    mirrored_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reverts_update_id: Mapped[int | None] = mapped_column(BigId)
    """Set on a compensating row (an undo): the update it reverts."""
    reverted_by_update_id: Mapped[int | None] = mapped_column(BigId)
    """Set on an update that was undone: the compensating row."""

    __table_args__ = (
        # partial (migration 0007_mirror): only the mirror writes still owed, so the
        # health check, /metrics and the sweep read the backlog, not the history
        Index(
            "ix_claim_updates_mirror_owed",
            "created_at",
            postgresql_where=text(MIRROR_OWED_SQL),
            sqlite_where=text(MIRROR_OWED_SQL),
        ),
    )


class ClaimHolder(Base):
    """One change of a claim's holder recorded by a person (the claim sold or assigned,
    ``services.review.sold``): who held it before (name, agent, addresses, reference), who
    holds it now, the email that reported it, when and by whom. ``undone_at`` is set when
    the change was undone (the previous holder restored). Written only by
    ``services.claims.record_holder`` / ``revert_holder``."""

    __tablename__ = "claim_holders"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    email_id: Mapped[int] = mapped_column(ForeignKey("emails.id"), index=True)
    old_creditor_name: Mapped[str] = mapped_column(String(320))
    old_agent_name: Mapped[str | None] = mapped_column(String(320))
    old_creditor_emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    old_creditor_domain: Mapped[str | None] = mapped_column(String(255))
    old_creditor_reference: Mapped[str | None] = mapped_column(String(128))
    new_creditor_name: Mapped[str] = mapped_column(String(320))
    new_agent_name: Mapped[str | None] = mapped_column(String(320))
    new_creditor_emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    new_creditor_domain: Mapped[str | None] = mapped_column(String(255))
    new_creditor_reference: Mapped[str | None] = mapped_column(String(128))
    sold_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """When the sale was reported: the reporting email's arrival."""
    recorded_by: Mapped[str] = mapped_column(String(128))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    undone_by: Mapped[str | None] = mapped_column(String(128))
    mirror_status: Mapped[str] = mapped_column(String(32), default="not_needed", server_default="not_needed")
    """The MongoDB mirror's outbox, as ``claim_updates.mirror_status``: ``pending`` until
    ``claims.sync_mirror`` wrote the change (or its undo) to the claim's element."""
    mirrored_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Outbox(Base):
    """Notifications to send (alerts, auto-match notices); delivered by a task, retried until sent."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))  # alert, incident, auto_match, zendesk_note
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    email_id: Mapped[int | None] = mapped_column(ForeignKey("emails.id"), index=True)
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending, sent, logged, suppressed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Operation(Base):
    """An operator action over many emails (reprocess, bulk retry), with an id and a label."""

    __tablename__ = "operations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str | None] = mapped_column(String(200))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    total: Mapped[int] = mapped_column(Integer, default=0)
    enqueued: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="running")
    operator: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MetricRollup(Base):
    """Totals of event-derived metrics up to a watermark (``/metrics`` adds only the
    events after it, so a scrape costs the same whatever the history; migration 0002_live).
    The row ``("_watermark", "")`` holds the last folded event id."""

    __tablename__ = "metric_rollups"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[float] = mapped_column(Numeric(20, 6, asdecimal=False), default=0)


class EmailStateCount(Base):
    """How many emails are in each (processing status, match status, decided by a person)
    and their token sums, kept exact by PostgreSQL triggers on ``emails`` (migration
    0006_counts) so ``status`` and ``/metrics`` read a few rows, not every email.

    ``slot`` is the writing backend's pid: a backend runs one transaction at a time, so
    no two transactions ever wait on the same row (no lock contention, no deadlock);
    ``creditctl.services.counts.compact`` folds the rows of finished backends into slot 0.
    The rows of one key summed over all slots are the truth. SQLite has no trigger: the
    readers count ``emails`` there."""

    __tablename__ = "email_state_counts"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    processing_status: Mapped[str] = mapped_column(String(32), primary_key=True)
    match_status: Mapped[str] = mapped_column(String(32), primary_key=True)
    by_person: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, default=0)
    input_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    output_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    cache_read_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    cache_write_tokens: Mapped[int] = mapped_column(BigInteger, default=0)


class WorkerHeartbeat(Base):
    """Live workers: one row per worker process, renewed while it runs."""

    __tablename__ = "workers"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    rss_mb: Mapped[float | None] = mapped_column(Numeric(10, 1, asdecimal=False))


class Quarantine(Base):
    """Signed webhook requests that failed validation: kept, raw, with the reason."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    invocation_id: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    raw_body: Mapped[bytes] = mapped_column(LargeBinary)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # migration 0002_live: waiting → replayed (email_id) | dismissed
    status: Mapped[str] = mapped_column(String(16), default="waiting", server_default="waiting", index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(128))
    resolution: Mapped[str | None] = mapped_column(Text)
    email_id: Mapped[int | None] = mapped_column(BigId)
    alerted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Attachment(Base):
    """One attachment's content, stored once by its SHA-256, with the text read from it.

    ``text`` is empty and ``problem`` says why when it could not be read (encrypted,
    broken, too large, needs OCR …); ``pages`` is the page count of a PDF (None for
    other kinds); ``ocr`` whether Tesseract read any of it; ``read_ms`` how long the
    reading took (milliseconds). The bytes themselves are not kept.
    """

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(1000), default="")
    content_type: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int | None] = mapped_column(Integer)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    read_ms: Mapped[float | None] = mapped_column(Numeric(12, 3, asdecimal=False))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class EmailAttachment(Base):
    """Which email carried which attachment, under which file name."""

    __tablename__ = "email_attachments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    email_id: Mapped[int] = mapped_column(ForeignKey("emails.id"), index=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(1000), default="")

    __table_args__ = (UniqueConstraint("email_id", "attachment_id", "file_name", name="uq_email_attachment"),)


class DeskUser(Base):
    """A person who signs in to the review desk (``role``: reviewer | admin)."""

    __tablename__ = "desk_users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="reviewer")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DeskSession(Base):
    """A signed-in browser: the SHA-256 of the cookie's random token, never the token."""

    __tablename__ = "desk_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DeskLoginFailure(Base):
    """One failed sign-in (rate limiting per account and per address)."""

    __tablename__ = "desk_login_failures"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class DeskKey(Base):
    """Named secrets of the desk shared by every server process (the CSRF signing key)."""

    __tablename__ = "desk_keys"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class ReviewAction(Base):
    """The action log: every person's decision (approve, reject, undo, retry), who and when."""

    __tablename__ = "review_actions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    email_id: Mapped[int] = mapped_column(ForeignKey("emails.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    person: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8), default="cli")  # cli | desk
    claim_id: Mapped[int | None] = mapped_column(BigId)
    claim_update_id: Mapped[int | None] = mapped_column(BigId)
    old_amount: Mapped[Decimal | None] = mapped_column(Money)
    new_amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    override: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)

"""Attachments of a stored email: fetched by the worker (never in the webhook request),
read to text, stored once by content hash, linked to the email.

Where the bytes come from:

* a webhook email — the ``attachments`` list of the stored payload (``content_url``,
  ``file_name``, ``content_type``, ``size``), downloaded with ``ctx.zendesk``
  (``ZendeskClient.download_attachment``, capped at ``CREDITCTL_ATTACHMENT_MAX_BYTES``);
* an ingested ``.eml`` — its MIME parts (``store_mime_attachments`` at ingest time).

Retry policy (docs/retry-policy.md): a 5xx, 429 or timeout raises the adapter's
``TransientError`` — the whole email is retried; a 403/404/410, a 401, or an
attachment over the size cap is permanent *for that attachment only*: it gets a
``problem`` and the email is read without it. Without Zendesk API credentials nothing
is downloaded (problem ``"not fetched: Zendesk API credentials not configured"``).

An attachment already read (same SHA-256) is not read again — except one that
"needs OCR" when Tesseract has since become available.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from creditctl.adapters.ocr import TESSERACT
from creditctl.db import session_scope
from creditctl.models import Attachment, Email, EmailAttachment
from creditctl.pipeline.attachments import ReadLimits, read_attachment
from creditctl.pipeline.mime import MimeAttachment, parse_mime
from creditctl.services.context import AppContext

log = structlog.get_logger(__name__)

NOT_CONFIGURED = "not fetched: Zendesk API credentials not configured"

__all__ = [
    "read_for_email",
    "read_mime_attachments",
    "store_mime_attachments",
    "attachment_dict",
    "listed_attachments",
    "NOT_CONFIGURED",
]


@dataclass(frozen=True)
class Listed:
    """One attachment as the email lists it; ``data`` is set when the bytes came with it (MIME)."""

    file_name: str
    content_type: str
    size: int
    content_url: str = ""
    data: bytes | None = None


def listed_attachments(raw_payload: bytes) -> list[Listed]:
    """The attachments a stored raw payload lists: a webhook JSON body's ``attachments``,
    or the MIME parts of an ingested ``.eml``. Never raises (garbage lists nothing)."""
    try:
        data = json.loads(raw_payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if isinstance(data, dict):
        out = []
        for item in data.get("attachments") or []:
            if not isinstance(item, dict):
                continue
            try:
                size = int(item.get("size") or 0)
            except (TypeError, ValueError):
                size = 0
            out.append(
                Listed(
                    str(item.get("file_name") or ""),
                    str(item.get("content_type") or ""),
                    size,
                    str(item.get("content_url") or ""),
                )
            )
        return out
    if data is not None:
        return []
    return [Listed(a.file_name, a.content_type, len(a.data), data=a.data) for a in parse_mime(raw_payload).attachments]


def attachment_dict(file_name: str, content_type: str, text: str, problem: str | None, **extra: Any) -> dict[str, Any]:
    """The ``parsed["attachment_texts"]`` item: ``file_name``, ``content_type``, ``text``,
    ``problem``, ``source`` (``attachment:<file name>``), plus ``extra`` (``kind``,
    ``size``, ``pages``, ``ocr``, ``read_ms``, ``sha256`` when read)."""
    return {
        "file_name": file_name,
        "content_type": content_type,
        "text": text,
        "problem": problem,
        "source": f"attachment:{file_name}",
        **extra,
    }


def _unique_names(names: Iterable[str]) -> list[str]:
    """File names made unique per email (evidence sources are keyed by name):
    ``""`` → ``attachment-1``; a repeated ``a.pdf`` → ``a (2).pdf``."""
    seen: set[str] = set()
    out = []
    for index, name in enumerate(names, start=1):
        name = name.strip() or f"attachment-{index}"
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            stem, dot, ext = name.rpartition(".")
            candidate = f"{stem} ({n}).{ext}" if dot and stem else f"{name} ({n})"
        seen.add(candidate)
        out.append(candidate)
    return out


def _limits(ctx_settings: Any) -> ReadLimits:
    return ReadLimits(max_bytes=ctx_settings.attachment_max_bytes)


# --- storing ------------------------------------------------------------------------------
def _row_dict(att: Attachment, file_name: str) -> dict[str, Any]:
    return attachment_dict(
        file_name,
        att.content_type,
        att.text or "",
        att.problem,
        sha256=att.sha256,
        size=att.size,
        pages=att.pages,
        ocr=att.ocr,
        read_ms=att.read_ms,
    )


def _stale(att: Attachment) -> bool:
    """A stored reading worth redoing: it needed OCR and Tesseract is now installed."""
    return bool(att.problem and att.problem.startswith("needs OCR") and TESSERACT.available())


def read_and_store(
    db_url: str, data: bytes, *, file_name: str, content_type: str, limits: ReadLimits, email_id: int | None = None
) -> dict[str, Any]:
    """Read ``data`` unless an attachment with its SHA-256 is stored (and not stale), store
    it once, link it to ``email_id`` under ``file_name``. Returns the attachment dict.

    Raises SQLAlchemy errors when the database is unreachable (transient for the worker).
    """
    digest = hashlib.sha256(data).hexdigest()
    with session_scope(db_url) as session:
        att = session.scalar(select(Attachment).where(Attachment.sha256 == digest))
        if att is not None and not _stale(att):
            _link(session, email_id, att.id, file_name)
            return _row_dict(att, file_name)
    read = read_attachment(data, file_name=file_name, content_type=content_type, limits=limits, ocr=TESSERACT)
    values = dict(
        file_name=file_name[:1000],
        content_type=(content_type or "")[:255],
        size=len(data),
        text=read.text,
        problem=read.problem,
        pages=read.pages,
        ocr=read.ocr,
        read_ms=read.read_ms,
    )
    log.info(
        "attachment_read",
        kind=read.kind,
        bytes=len(data),
        pages=read.pages,
        ocr=read.ocr,
        chars=len(read.text),
        read_ms=read.read_ms,
        problem=read.problem,
    )
    try:
        with session_scope(db_url) as session:
            att = session.scalar(select(Attachment).where(Attachment.sha256 == digest))
            if att is None:
                att = Attachment(sha256=digest, **values)
                session.add(att)
                session.flush()
            else:  # a stale reading, redone
                for key, value in values.items():
                    if key != "file_name":
                        setattr(att, key, value)
            _link(session, email_id, att.id, file_name)
    except IntegrityError:  # another worker stored the same bytes at the same moment
        with session_scope(db_url) as session:
            att = session.scalar(select(Attachment).where(Attachment.sha256 == digest))
            if att is None:
                raise
            _link(session, email_id, att.id, file_name)
    return attachment_dict(
        file_name,
        content_type,
        read.text,
        read.problem,
        sha256=digest,
        size=len(data),
        pages=read.pages,
        ocr=read.ocr,
        read_ms=read.read_ms,
        kind=read.kind,
    )


def _link(session: Any, email_id: int | None, attachment_id: int, file_name: str) -> None:
    if email_id is None:
        return
    exists = session.scalar(
        select(EmailAttachment.id).where(
            EmailAttachment.email_id == email_id,
            EmailAttachment.attachment_id == attachment_id,
            EmailAttachment.file_name == file_name[:1000],
        )
    )
    if exists is None:
        session.add(EmailAttachment(email_id=email_id, attachment_id=attachment_id, file_name=file_name[:1000]))


def _linked(db_url: str, email_id: int) -> dict[str, Attachment]:
    """The attachments already stored for ``email_id``, by (unique) file name."""
    with session_scope(db_url) as session:
        rows = session.execute(
            select(EmailAttachment.file_name, Attachment)
            .join(Attachment, EmailAttachment.attachment_id == Attachment.id)
            .where(EmailAttachment.email_id == email_id)
            .order_by(EmailAttachment.id)
        ).all()
        session.expunge_all()
    return {name: att for name, att in rows}


# --- the worker's step --------------------------------------------------------------------
def read_for_email(ctx: AppContext, row: dict[str, Any]) -> list[dict[str, Any]]:
    """Every attachment of the stored email ``row["id"]`` as text (``attachment_dict`` items,
    in the email's order), downloading and reading what is not stored yet. The webhook
    payload is ``row["raw_payload"]`` (bytes) when present, else read from the database.

    Raises the adapter's ``TransientError`` (``ZendeskUnavailable``/``ZendeskTimeout``)
    on a 5xx, 429 or timeout — the email is retried; SQLAlchemy errors when the database
    is down. Permanent download failures become the attachment's ``problem``.
    """
    email_id = row.get("id")
    if email_id is None:
        return []
    raw = row.get("raw_payload")  # the worker's claim already read it: no second round trip
    if raw is None:
        with session_scope(ctx.db_url) as session:
            email = session.get(Email, email_id)
            raw = bytes(email.raw_payload or b"") if email is not None else b""
    listed = listed_attachments(raw)
    if not listed:
        return []
    stored = _linked(ctx.db_url, email_id)
    limits = _limits(ctx.settings)
    out = []
    for item, name in zip(listed, _unique_names(a.file_name for a in listed), strict=True):
        att = stored.get(name)
        if att is not None and not _stale(att):
            out.append(_row_dict(att, name))
            continue
        data, problem = _bytes_of(ctx, item)
        if data is None:
            out.append(attachment_dict(name, item.content_type, "", problem, size=item.size))
            continue
        out.append(
            read_and_store(
                ctx.db_url, data, file_name=name, content_type=item.content_type, limits=limits, email_id=email_id
            )
        )
    return out


def _bytes_of(ctx: AppContext, item: Listed) -> tuple[bytes | None, str | None]:
    """(bytes, None) or (None, problem). Raises TransientError for a passing failure."""
    from creditctl.adapters.zendesk import AttachmentTooLarge, AttachmentUnavailable, ZendeskAuthFailed

    if item.data is not None:
        return item.data, None
    if ctx.zendesk is None:
        return None, NOT_CONFIGURED
    if not item.content_url:
        return None, "not fetched: the webhook payload gives no content_url"
    cap = ctx.settings.attachment_max_bytes
    if item.size > cap:
        return None, (
            f"too large: {item.size} bytes, over the limit of {cap}; not fetched "
            "(raise CREDITCTL_ATTACHMENT_MAX_BYTES to read it)"
        )
    try:
        return ctx.zendesk.download_attachment(item.content_url, max_bytes=cap), None
    except AttachmentTooLarge as exc:
        return None, f"too large: {exc}"
    except AttachmentUnavailable as exc:
        return None, f"not available: {exc}"
    except ZendeskAuthFailed as exc:
        return None, f"not fetched: {exc}"


# --- .eml files ---------------------------------------------------------------------------
def read_mime_attachments(settings: Any, attachments: Iterable[MimeAttachment]) -> list[dict[str, Any]]:
    """Read MIME attachments to ``attachment_dict`` items without a database (``creditctl
    clean/extract FILE.eml``). Never raises."""
    attachments = list(attachments)
    out = []
    for att, name in zip(attachments, _unique_names(a.file_name for a in attachments), strict=True):
        read = read_attachment(
            att.data, file_name=name, content_type=att.content_type, limits=_limits(settings), ocr=TESSERACT
        )
        out.append(
            attachment_dict(
                name,
                att.content_type,
                read.text,
                read.problem,
                kind=read.kind,
                size=len(att.data),
                pages=read.pages,
                ocr=read.ocr,
                read_ms=read.read_ms,
                sha256=hashlib.sha256(att.data).hexdigest(),
            )
        )
    return out


def store_mime_attachments(
    ctx: AppContext, email_id: int, attachments: Iterable[MimeAttachment]
) -> list[dict[str, Any]]:
    """Read and store the MIME attachments of an ingested email (once per content hash),
    linked to ``email_id``. Returns the ``attachment_dict`` items."""
    attachments = list(attachments)
    limits = _limits(ctx.settings)
    return [
        read_and_store(
            ctx.db_url, att.data, file_name=name, content_type=att.content_type, limits=limits, email_id=email_id
        )
        for att, name in zip(attachments, _unique_names(a.file_name for a in attachments), strict=True)
    ]

"""Email files for ``creditctl clean``, ``extract`` and ``ingest``: an ``.eml`` (raw MIME),
a webhook ``.json`` payload, an ``.html`` or a ``.txt`` body."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from creditctl.exceptions import UsageError
from creditctl.pipeline.mime import parse_mime
from creditctl.schemas import WebhookPayload
from creditctl.services import attachments, intake, reading
from creditctl.services.context import AppContext
from creditctl.settings import Settings

MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm")
"""Files read as one email's body (besides .eml/MIME and .json payloads); a file without a
suffix is an email only when it starts with email headers (``_is_mime``)."""


def read_email_file(path: Path) -> tuple[dict[str, Any], bytes]:
    """Read ``path`` into a webhook-shaped dict (the payload fields) and its raw bytes.

    Raises ``UsageError`` for an unreadable, oversized or invalid file.
    """
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(f"{path} is larger than {MAX_FILE_BYTES // 1048576} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"{path} is not a JSON webhook payload: {exc}") from None
        if not isinstance(data, dict):
            raise UsageError(f"{path}: a webhook payload is a JSON object")
        if not str(data.get("body_text") or "").strip() and not str(data.get("body_html") or "").strip():
            raise UsageError(f"{path}: the payload has no body_text or body_html (README shows the trigger body)")
        return data, raw
    file_id = hashlib.sha256(raw).hexdigest()[:16]
    if _is_mime(path, raw):
        mime = parse_mime(raw)
        return {
            "ticket_id": f"{intake.FILE_TICKET_PREFIX}{file_id}",
            "comment_id": mime.message_id or f"{intake.FILE_TICKET_PREFIX}{file_id}",
            "subject": mime.subject,
            "from_email": mime.from_email,
            "from_name": mime.from_name,
            "body_text": mime.text_body,
            "body_html": mime.html_body,
            "headers": mime.headers,
            "attachments": [
                {"file_name": a.file_name, "content_type": a.content_type, "size": len(a.data)}
                for a in mime.attachments
            ],
        }, raw
    if not suffix:
        # no suffix and no email headers at the top (From:, Subject:, Received: …): any file,
        # /etc/hostname say, would become an email "from <>"; a bare body needs .txt or .html
        raise UsageError(
            f"{path}: not an email (no From:/Subject: headers at the top and no .eml, .json, .html or .txt "
            "suffix); save a reply's text as .txt to store it as a body"
        )
    if suffix not in TEXT_SUFFIXES:
        raise UsageError(
            f"{path}: not an email file (.eml, .json webhook payload, .html or .txt); "
            "a PDF or an image arrives as an attachment of an email"
        )
    if b"\x00" in raw[:8192]:
        raise UsageError(f"{path}: binary content, not an email's text")
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        raise UsageError(f"{path} is empty: nothing to store")
    body = {"body_html": text} if suffix in (".html", ".htm") or "<html" in text[:2000].lower() else {"body_text": text}
    return {
        "ticket_id": f"{intake.FILE_TICKET_PREFIX}{file_id}",
        "comment_id": f"{intake.FILE_TICKET_PREFIX}{file_id}",
        **body,
    }, raw


def _is_mime(path: Path, raw: bytes) -> bool:
    """Whether ``path`` holds a raw MIME message (``.eml``, or headers at the top)."""
    if path.suffix.lower() == ".json":
        return False
    return (
        path.suffix.lower() == ".eml"
        or bool(raw[:2000].lower().count(b"\nsubject:"))
        or raw[:5].lower() in (b"from:", b"recei", b"retur")
    )


def _row(data: dict[str, Any], attachments: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "ticket_id": str(data.get("ticket_id") or ""),
        "side_conversation_id": data.get("side_conversation_id"),
        "subject": data.get("subject") or "",
        "from_email": data.get("from_email") or "",
        "from_name": data.get("from_name") or "",
        "body_text": data.get("body_text"),
        "body_html": data.get("body_html"),
        "headers": data.get("headers") or {},
        "attachments": attachments or [],
    }


def _file_attachments(settings: Settings, path: Path, raw: bytes, data: dict[str, Any]) -> list[dict[str, Any]]:
    """An ``.eml``'s attachments read from its MIME parts; a webhook ``.json``'s listed
    attachments (not downloaded here: no database, no worker) with a problem saying so."""
    if _is_mime(path, raw):
        return attachments.read_mime_attachments(settings, parse_mime(raw).attachments)
    return [
        attachments.attachment_dict(
            a.get("file_name") or f"attachment-{i}",
            a.get("content_type") or "",
            "",
            "not fetched: `creditctl clean/extract` reads a webhook file offline",
        )
        for i, a in enumerate(data.get("attachments") or [], start=1)
        if isinstance(a, dict)
    ]


def clean_file(settings: Settings, *, path: Path) -> dict[str, Any]:
    """Clean one file: ``{"reply", "quoted", "signature", "language", "tokens", "truncated",
    "attachments" (file names), "attachment_texts" (``file_name``, ``content_type``,
    ``text``, ``problem``, ``source``, ``kind``, ``pages``, ``ocr``, ``read_ms`` …)}``."""
    data, raw = read_email_file(path)
    doc = reading.clean_values(settings, _row(data, _file_attachments(settings, path, raw, data)))
    doc["attachments"] = [a.get("file_name", "") for a in data.get("attachments") or []] or doc["attachments"]
    return doc


def extract_file(settings: Settings, *, path: Path, extractor: str | None = None) -> dict[str, Any]:
    """Clean and extract one file without a database; the ``extract --json`` document.

    Attachments of an ``.eml`` are read from its MIME parts; every field's evidence
    names its source (``body``, ``attachment:<file name>`` …)."""
    data, raw = read_email_file(path)
    row = _row(data, _file_attachments(settings, path, raw, data))
    parsed = reading.clean_values(settings, row)
    ctx = AppContext(settings=settings)
    result = reading.extract(ctx, row, parsed, extractor=None if extractor == "auto" else extractor)
    doc = result.model_dump(mode="json", exclude={"usage"} if result.usage is None else set())
    doc["evidence_problems"] = reading.evidence_problems(result, row, parsed)
    return doc


def ingest_file(ctx: AppContext, *, path: Path) -> intake.IntakeResult:
    """Store one file as an email (source ``ingest``) and enqueue it; duplicates are detected.

    An ``.eml``'s attachments are read from its MIME parts and stored (once per content
    hash, linked to the email) before the email is enqueued."""
    data, raw = read_email_file(path)
    try:
        payload = WebhookPayload.model_validate(data)
    except ValidationError as exc:
        raise UsageError(f"{path}: not a usable email ({exc})") from None
    result = intake.store_email(ctx, payload, raw, None, source="ingest")
    if result.status == "accepted" and _is_mime(path, raw):
        attachments.store_mime_attachments(ctx, result.email_id, parse_mime(raw).attachments)
    if result.status == "accepted":
        intake.enqueue_stored(ctx, result.email_id, reason="ingest")
    return result

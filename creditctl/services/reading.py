"""Reading an email: the cleaning and extraction steps, wired to settings.

Used by processing (the worker), by ``reprocess --dry-run`` and by ``creditctl
clean``/``extract`` (no database), so an operator sees exactly what the worker saw.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from creditctl.exceptions import ConfigurationError
from creditctl.models import Email
from creditctl.pipeline.cleaning import ParsedEmail, parse_email
from creditctl.pipeline.cleaning_text import attachment_text
from creditctl.pipeline.extraction.evidence import verify_evidence
from creditctl.pipeline.extraction.model import AttachmentText, ExtractionInput, ExtractionResult, Extractor
from creditctl.services.context import AppContext
from creditctl.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Row

    from creditctl.pipeline.safety import Reading


def email_values(email: Email | Row[Any]) -> dict[str, Any]:
    """The fields of a stored email the pipeline reads, as plain values (``email``: the
    ORM object, or a row holding those columns by name, as the worker's claim reads it)."""
    return {
        "id": email.id,
        "ticket_id": email.ticket_id,
        "side_conversation_id": email.side_conversation_id,
        "subject": email.subject or "",
        "from_email": email.from_email or "",
        "from_name": email.from_name or "",
        "body_text": email.body_text,
        "body_html": email.body_html,
        "headers": dict(email.headers or {}),
        "received_at": email.received_at,
        "attachments": list((email.parsed or {}).get("attachment_texts", [])),
    }


def parsed_document(parsed: ParsedEmail) -> dict[str, Any]:
    """A ``ParsedEmail`` as the JSON stored on the row (keys as ``creditctl clean --json``)."""
    return {
        "reply": parsed.reply,
        "quoted": parsed.quoted,
        "signature": parsed.signature,
        "language": parsed.language,
        "tokens": parsed.tokens,
        "truncated": parsed.truncated,
        "text_for_extraction": parsed.text_for_extraction,
        "attachments": list(parsed.attachments),
        "joined": parsed.joined,
    }


def clean_values(settings: Settings, row: dict[str, Any]) -> dict[str, Any]:
    """Clean one email's bodies (pure; no database). Returns the parsed document."""
    parsed = parse_email(
        row.get("body_html"),
        row.get("body_text"),
        row.get("headers") or {},
        token_budget=settings.token_budget,
        sender=row.get("from_email") or "",
    )
    doc = parsed_document(parsed)
    # an attachment's text is read like the body: ligatures decomposed ("Noch oﬀen" → "Noch offen"),
    # Unicode spaces as one space (pipeline.cleaning_text.normalise_chars); a money figure glued to the words of a
    # PDF's run-together columns set apart ("Restschuld gesamt8.122,64 EURSeite" → "… gesamt 8.122,64 EUR Seite"); a
    # PDF's letter-spaced figures and labels re-joined ("G e s a m t   5 4 1 , 8 0" → "Gesamt   541,80")
    doc["attachment_texts"] = [
        {**a, "text": attachment_text(a.get("text") or "")} if isinstance(a, dict) else a
        for a in row.get("attachments") or []
    ]
    return doc


def clean(ctx: AppContext, row: dict[str, Any]) -> dict[str, Any]:
    """The worker's clean step: the bodies, plus the text of every attachment of the
    stored email (fetched and read by ``services.attachments.read_for_email``; raises its
    ``TransientError`` on a 5xx/timeout so the email is retried)."""
    from creditctl.services.attachments import read_for_email

    if row.get("id") is not None:
        row = {**row, "attachments": read_for_email(ctx, row)}
    return clean_values(ctx.settings, row)


def extraction_input(row: dict[str, Any], parsed: dict[str, Any]) -> ExtractionInput:
    """Build the extractor's input from a stored row and its parsed document."""
    attachments = tuple(
        AttachmentText(
            file_name=a.get("file_name", ""),
            text=a.get("text", ""),
            content_type=a.get("content_type", ""),
            problem=a.get("problem"),
        )
        for a in parsed.get("attachment_texts") or []
    )
    return ExtractionInput(
        reply_text=parsed.get("reply") or "",
        subject=row.get("subject") or "",
        from_email=row.get("from_email") or "",
        from_name=row.get("from_name") or "",
        headers={str(k): str(v) for k, v in (row.get("headers") or {}).items()},
        quoted_text=parsed.get("quoted") or "",
        signature_text=parsed.get("signature") or "",
        attachments=attachments,
        language=parsed.get("language"),
    )


def extractor_for(ctx: AppContext, extractor: str | None = None) -> Extractor:
    """The configured extractor (or ``extractor``: rules|claude): ``ctx.extractor_factory``'s,
    else ``make_extractor``'s. Raises ``ConfigurationError``."""
    factory = ctx.extractor_factory
    return factory(extractor) if factory else make_extractor(ctx.settings, extractor)


def extract(
    ctx: AppContext,
    row: dict[str, Any],
    parsed: dict[str, Any],
    *,
    extractor: str | None = None,
    chosen: Extractor | None = None,
) -> ExtractionResult:
    """Run the configured extractor (or ``extractor``: rules|claude; or ``chosen``, one
    ``extractor_for`` gave) on a parsed email."""
    if chosen is None:
        chosen = extractor_for(ctx, extractor)
    email = extraction_input(row, parsed)
    result = chosen.extract(email)
    if not chosen.reconciles_attachments:  # a typed capability of the Extractor protocol
        from creditctl.pipeline.extraction.attachment_amounts import reconcile_attachment_amounts

        result = reconcile_attachment_amounts(email, result)
    return result


def source_texts(row: dict[str, Any], parsed: dict[str, Any]) -> dict[str, str]:
    """Every text an extractor may cite, by source name (see ``Evidence.source``).

    ``headers`` is the sender line ``"{from_name} <{from_email}>"`` followed by one
    ``Name: value`` line per header — the same text the extractors are given
    (``evidence.evidence_sources``), so a creditor name cited from the sender verifies
    also when the webhook payload carries no ``headers`` object; ``sender`` is that
    line alone.
    """
    sender = f"{row.get('from_name') or ''} <{row.get('from_email') or ''}>"
    texts = {
        "body": parsed.get("reply") or "",
        "quoted": parsed.get("quoted") or "",
        "signature": parsed.get("signature") or "",
        "subject": row.get("subject") or "",
        "headers": "\n".join([sender] + [f"{k}: {v}" for k, v in (row.get("headers") or {}).items()]),
        "sender": sender,
    }
    for att in parsed.get("attachment_texts") or []:
        texts[f"attachment:{att.get('file_name', '')}"] = att.get("text", "")
    return texts


def evidence_problems(result: ExtractionResult, row: dict[str, Any], parsed: dict[str, Any]) -> list[str]:
    """Problems found by the evidence check (empty: every value is supported by the email)."""
    return list(verify_evidence(result, source_texts(row, parsed)))


def second_readings(
    settings: Settings,
    row: dict[str, Any],
    parsed: dict[str, Any],
    result: ExtractionResult,
    *,
    ahead: list[Reading] | None = None,
) -> list[Reading]:
    """The total as read from the other renderings of the same email, for the safety
    layer's "two readings agree" check (pure: cleaning and the rules extractor only).

    The primary reading (``result``) comes first. Then: with both bodies, each body alone
    (``body_text``, ``body_html``); with HTML, the HTML with inline tags joined without a
    separator (``html_inline_joined``: a number split over ``<span>``s reads whole); with
    a text body only, the NFKC-normalised text (``text_nfkc``); with Claude as the
    extractor, the rules extractor's reading of the same cleaned email
    (``rules_second_opinion``). A rendering that reads no total has no opinion.

    ``ahead``: ``readings_ahead(settings, row, parsed)``, read while the extractor's request
    was in flight (the worker does: ``services.processing``); used for a result of any
    extractor but the rules extractor (whose own reading of ``parsed`` is the primary), and
    then the list is exactly what this function reads without it.
    """
    from creditctl.pipeline.safety import Reading

    primary = Reading(f"primary ({result.extractor})", _settled_total(result))
    if ahead is not None and result.extractor != "rules":
        return [primary, *ahead]
    seed = _settled_total(result) if result.extractor == "rules" else _NOT_READ
    return [primary, *_other_readings(settings, row, parsed, seed)]


def readings_ahead(settings: Settings, row: dict[str, Any], parsed: dict[str, Any]) -> list[Reading]:
    """The readings ``second_readings`` adds after the primary one for a result not read by
    the rules extractor (a Claude answer): the rules extractor's reading of ``parsed``
    (``rules_second_opinion``) and of the email's other renderings. Pure, and a function of
    the email alone (not of the answer), so the worker reads them while the request is in
    flight; pass them to ``second_readings(..., ahead=...)``. Raises what the cleaning or the
    rules extractor raises."""
    return _other_readings(settings, row, parsed, _NOT_READ)


_NOT_READ = object()
"""``_other_readings``' seed when the primary reading is not the rules extractor's."""


def _other_readings(settings: Settings, row: dict[str, Any], parsed: dict[str, Any], seed: Any) -> list[Reading]:
    """The readings after the primary one (``second_readings``). ``seed``: the rules
    extractor's total of ``parsed`` when the primary reading is that (a rendering that cleans
    like ``parsed`` then reads it, unread again), else ``_NOT_READ`` (and the rules reading of
    ``parsed`` is the ``rules_second_opinion``)."""
    from creditctl.pipeline.cleaning import parse_parts
    from creditctl.pipeline.extraction.rules import RulesExtractor
    from creditctl.pipeline.safety import Reading, join_inline_html, normalise

    rules = RulesExtractor()
    readings: list[Reading] = []
    # A rendering that cleans to the same texts as one already read reads the same total
    # (the rules extractor is a pure function of them): e.g. the HTML body alone usually
    # cleans exactly like both bodies together. Read each distinct cleaning once.
    totals: dict[tuple[Any, ...], Any] = {}
    if seed is not _NOT_READ:
        totals[_reading_key(parsed)] = seed

    def read_doc(doc: dict[str, Any]) -> Any:
        key = _reading_key(doc)
        if key not in totals:
            doc = {**doc, "attachment_texts": parsed.get("attachment_texts") or []}
            totals[key] = _settled_total(rules.extract_total(extraction_input(row, doc)))
        return totals[key]

    def read(html: str | None, text: str | None) -> Any:
        # the parts and the language are all a reading of the total uses (``_reading_key``,
        # ``extraction_input``): not the extraction text nor its token count
        parts, language = parse_parts(html, text, row.get("headers") or {}, sender=row.get("from_email") or "")
        return read_doc(
            {"reply": parts.reply, "quoted": parts.quoted, "signature": parts.signature, "language": language}
        )

    html, text = row.get("body_html") or "", row.get("body_text") or ""
    if seed is _NOT_READ:
        readings.append(Reading("rules_second_opinion", read_doc(parsed)))
    if html.strip() and text.strip():
        readings.append(Reading("body_text", read(None, text)))
        readings.append(Reading("body_html", read(html, None)))
    if html.strip():
        joined = join_inline_html(html)
        if joined != html:
            readings.append(Reading("html_inline_joined", read(joined, None)))
    elif text.strip():
        normal = normalise(text)
        if normal != text:
            readings.append(Reading("text_nfkc", read(None, normal)))
    return readings


def _reading_key(doc: dict[str, Any]) -> tuple[Any, ...]:
    """What of a parsed document the rules extractor reads (besides the row's fields and
    the attachments, the same for every rendering of one email)."""
    return (doc.get("reply") or "", doc.get("quoted") or "", doc.get("signature") or "", doc.get("language"))


def _settled_total(result: ExtractionResult) -> Any:
    """The total a reading would apply (0.00 for a settled reply that states none)."""
    from decimal import Decimal

    if result.amounts.total is None and result.reply_kind.value == "claim_settled":
        return Decimal("0.00")
    return result.amounts.total


def choose_extractor_name(settings: Settings, requested: str | None = None) -> str:
    """``rules`` or ``claude``: ``auto`` means Claude when ANTHROPIC_API_KEY is set."""
    name = requested or settings.extractor
    if name == "auto":
        return "claude" if os.environ.get("ANTHROPIC_API_KEY") else "rules"
    if name not in ("rules", "claude"):
        raise ConfigurationError(f"unknown extractor {name!r}; use rules, claude or auto")
    return name


_EXTRACTOR_LOCK = threading.Lock()
"""One builder at a time: without it, every worker thread that starts its first job at
once misses the cache and builds its own SDK client (an SSL context each)."""


def make_extractor(settings: Settings, requested: str | None = None) -> Extractor:
    """The extractor for ``settings`` (cached per process, so the SDK client is reused and
    its connection pool shared by every worker thread). Raises ``ConfigurationError``."""
    name = choose_extractor_name(settings, requested)
    with _EXTRACTOR_LOCK:
        return _extractor(name, settings.claude_model, settings.claude_max_tokens, settings.claude_timeout)


_WARM_UP_ROW: dict[str, Any] = {
    "id": None,
    "ticket_id": None,
    "side_conversation_id": None,
    "subject": "AW: Forderung BÖ-2024-0001",
    "from_email": "forderung@inkasso.example",
    "from_name": "Beispiel Inkasso GmbH",
    "headers": {},
    "body_text": "Sehr geehrte Damen und Herren,\n\nIhr Zeichen: BÖ-2024-0001\nDie Forderung beträgt "
    "zum 01.03.2024 insgesamt 1.234,56 EUR.\n\nMit freundlichen Grüßen\nBeispiel Inkasso GmbH",
    "body_html": "<p>Die Forderung beträgt insgesamt <b>1.234,56&nbsp;EUR</b>.</p>",
    "received_at": None,
    "attachments": [],
}
"""A made-up reply that takes every step of a reading (both bodies, a file number, an amount)."""


def warm_up(ctx: AppContext, *, pipeline: bool = False) -> str | None:
    """Prepare a worker before its first job (a worker calls it at start).

    The configured Claude extractor is built (the SDK import and its client would
    otherwise stall the first jobs of every thread at once), and the whole reading runs
    once on a made-up email (``_WARM_UP_ROW``: imports, compiled patterns, language
    profiles) — with Claude, and with ``pipeline``: what a worker about to fork its
    processes asks, so that every child starts warm and shares those pages. A Claude
    extractor with a ``warm_up`` method builds the SDK's response models too. A rules
    worker with threads loads the pipeline with its first email (idle, it stays small).
    Returns the extractor built (None: none). Raises ``ConfigurationError`` when the
    configured extractor cannot be built.
    """
    claude = ctx.extractor_factory is None and choose_extractor_name(ctx.settings) == "claude"
    if pipeline or claude:  # a Claude worker starts many threads at once: their first jobs would all wait
        from creditctl.pipeline.extraction.rules import RulesExtractor
        from creditctl.services import attachments  # noqa: F401 - ``clean`` imports it: not in every first job at once
        from creditctl.services.decide import judge

        parsed = clean_values(ctx.settings, _WARM_UP_ROW)
        result = RulesExtractor().extract(extraction_input(_WARM_UP_ROW, parsed))
        judge(ctx, _WARM_UP_ROW, result, evidence_problems(result, _WARM_UP_ROW, parsed), [], parsed)
    if not claude:
        return None
    extractor = make_extractor(ctx.settings)
    warm = getattr(extractor, "warm_up", None)  # the SDK's response models (adapters/claude.py)
    if callable(warm):
        warm()
    return extractor.name


@lru_cache(maxsize=4)
def _extractor(name: str, model: str, max_tokens: int, timeout_s: float) -> Extractor:
    if name == "claude":
        if not os.environ.get("ANTHROPIC_API_KEY"):
            raise ConfigurationError("CREDITCTL_EXTRACTOR=claude needs ANTHROPIC_API_KEY")
        from creditctl.adapters.claude import ClaudeExtractor

        return ClaudeExtractor(model=model, max_tokens=max_tokens, timeout_s=timeout_s)
    from creditctl.pipeline.extraction.rules import RulesExtractor

    return RulesExtractor()

"""Email cleaning: the text the extractor reads.

``parse_email`` turns an e-mail body (HTML and/or plain text) into the latest reply,
the quoted history, the signature/legal footer, the language, and a text cut to a
token budget. Pure function: values in, values out, never raises.

HTML -> text with inscriptis (``cleaning_html``); quote headers from our table of
languages x mail-client forms (``cleaning_headers``, used by ``cleaning_quotes``);
characters (Unicode spaces, ligatures) in ``cleaning_text``; language by a stopword
count (``cleaning_language``). See those modules for the rules and their fixtures.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from creditctl.pipeline.cleaning_html import html_split_quote, html_to_text
from creditctl.pipeline.cleaning_language import detect_language, letter_language
from creditctl.pipeline.cleaning_quotes import (
    TextParts,
    internal_forward,
    marked_answers_in_quote,
    normalize_plain,
    split_text,
)

__all__ = [
    "ParsedEmail",
    "parse_email",
    "parse_parts",
    "html_to_text",
    "estimate_tokens",
    "detect_language",
    "TRUNCATION_MARKER",
]

TRUNCATION_MARKER = "[… gekürzt / truncated …]"
QUOTED_HEADING = "--- Zitierter Verlauf / quoted history ---"
SIGNATURE_HEADING = "--- Signatur / signature ---"
_MAX_INPUT_CHARS = 2_000_000  # longer bodies are cut before parsing (keeps worst case bounded)


@dataclass(frozen=True)
class ParsedEmail:
    """A cleaned e-mail.

    ``reply``: the latest reply as clean text (what the extractor reads first).
    ``quoted``: the quoted history (kept for references). ``signature``: signature,
    mobile signature and legal footer. ``language``: ISO 639-1 code or ``None``.
    ``tokens``: ``estimate_tokens(text_for_extraction)``. ``truncated``: whether
    ``text_for_extraction`` was cut. ``attachments``: attachment file names.
    ``forwarded``: the body is a forward with no text of its own: ``reply`` is the
    newest forwarded message, written by whoever sent it (possibly the office itself) -
    a gate should not treat it as the creditor's own statement without a look.
    ``joined``: ``reply`` ends with the creditor's own text read from below a quote header
    (inline answers, a colleague's forwarded answer: ``TextParts.joined``).
    """

    reply: str
    quoted: str
    signature: str
    language: str | None
    tokens: int
    truncated: bool
    text_for_extraction: str
    attachments: tuple[str, ...] = ()
    forwarded: bool = False
    joined: bool = False


# --- token estimate -------------------------------------------------------------
_PIECES = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def estimate_tokens(text: str) -> int:
    """Offline, conservative token estimate of ``text`` (int >= 0).

    BPE tokenizers (Claude's included) average ~3.5-4 characters per token on
    German/English prose, but split numbers, punctuation and rare words finer. The
    estimate is the larger of ``ceil(chars / 3.5)`` and the count of word and
    punctuation pieces, so it tends to over-estimate (a budget is never exceeded
    by prose). No network, no tokenizer download.
    """
    if not text:
        return 0
    return max(math.ceil(len(text) / 3.5), len(_PIECES.findall(text)))


def _fits(text: str, budget: int) -> bool:
    """``estimate_tokens(text) <= budget``, without counting the pieces of a text whose
    length alone is over the budget (a long quoted history is never tokenised whole)."""
    if math.ceil(len(text) / 3.5) > budget:
        return False
    return estimate_tokens(text) <= budget


def _cut_to_tokens(text: str, budget: int) -> str:
    """Longest prefix of ``text`` (cut at a line or word boundary) within ``budget`` tokens."""
    if budget <= 0:
        return ""
    if _fits(text, budget):
        return text
    # estimate_tokens(text[:n]) == max(ceil(n / 3.5), pieces ending at or before n)
    # (+1 for a piece cut in half - ignored, the boundary step below drops it).
    # No prefix longer than 3.5 * budget characters fits, so only pieces up to there count.
    lo, hi = 0, min(len(text), math.floor(budget * 3.5))
    # the pieces of text[:hi + 1] are those of text up to there; only the last may end past hi
    ends = [m.end() for m in _PIECES.finditer(text, 0, hi + 1)]
    if ends and ends[-1] > hi:
        ends.pop()
    while lo < hi:  # binary search on the character length
        mid = (lo + hi + 1) // 2
        if max(math.ceil(mid / 3.5), bisect.bisect_right(ends, mid) + 1) <= budget:
            lo = mid
        else:
            hi = mid - 1
    prefix = text[:lo]
    nl = prefix.rfind("\n")
    if nl > lo * 0.7:
        return prefix[:nl]
    sp = prefix.rfind(" ")
    return prefix[:sp] if sp > lo * 0.7 else prefix


def _build_extraction_text(reply: str, signature: str, quoted: str, budget: int) -> tuple[str, bool, int]:
    """Reply, then signature, then quoted history; cut the quoted history first,
    the signature next, the reply last. A cut is shown by ``TRUNCATION_MARKER``.
    Returns (text, whether cut, ``estimate_tokens(text)``: counted once)."""
    marker_cost = estimate_tokens(TRUNCATION_MARKER) + 2
    sections = [("", reply), (SIGNATURE_HEADING, signature), (QUOTED_HEADING, quoted)]
    sections = [(h, body) for h, body in sections if body.strip()]
    full = "\n\n".join((f"{h}\n{b}" if h else b) for h, b in sections)
    if math.ceil(len(full) / 3.5) <= budget:  # ``_fits``, keeping the count
        tokens = estimate_tokens(full)
        if tokens <= budget:
            return full, False, tokens
    out: list[str] = []
    left = budget - marker_cost
    for heading, body in sections:
        block = f"{heading}\n{body}" if heading else body
        if _fits(block, left - 1):
            out.append(block)
            left -= estimate_tokens(block) + 1
            continue
        room = left - (estimate_tokens(heading) + 1 if heading else 0)
        part = _cut_to_tokens(body, room) if room > 20 or not out else ""
        if part.strip():
            out.append((f"{heading}\n{part}" if heading else part).rstrip())
        break
    out.append(TRUNCATION_MARKER)
    text = "\n\n".join(out)
    return text, True, estimate_tokens(text)


# --- attachments listed in the body ----------------------------------------------
_ATTACH_RX = re.compile(
    r"<<\s*([^<>\n]{1,120}\.[A-Za-z0-9]{2,5})\s*>>"  # Outlook '<<Rechnung.pdf>>'
    r"|\[(?:cid:)?([^\[\]\n]{1,120}\.(?:pdf|docx?|xlsx?|jpe?g|png|tiff?|zip|txt|csv|eml|msg))\]",
    re.IGNORECASE,
)


def _attachments(bodies: Iterable[str], headers: dict[str, str], extra: Iterable[str]) -> tuple[str, ...]:
    names: list[str] = [n.strip() for n in extra if n and n.strip()]
    hdr = next((v for k, v in headers.items() if k.lower() in ("x-attachments", "x-attachment-names")), "")
    names += [n.strip() for n in re.split(r"[;,]", hdr) if n.strip()]
    for body in bodies:
        for m in _ATTACH_RX.finditer(body):
            names.append((m.group(1) or m.group(2)).strip())
    return tuple(dict.fromkeys(names))


_HTML_QUOTE_ATTRIBUTION = re.compile(r"(?:\d.*:|@.*:|wrote:|schrieb.*:)\s*$", re.IGNORECASE)


_PARTS_CACHE = 32
"""Bodies whose split is kept (``_split_bodies``): the safety layer re-reads the same
HTML and the same text body of an email alone (docs/worker-performance.md, "Where the
time goes"); the split is pure, so each distinct body is split once per process while
it is recent."""


@lru_cache(maxsize=_PARTS_CACHE)
def _parts_from_html(html: str) -> TextParts:
    reply_text, dom_quoted = html_split_quote(html)
    if dom_quoted and not reply_text.strip():
        # nothing above the client's quote container: a Gmail forward with no text of
        # its own is split like the plain text (``TextParts.forwarded``); any other
        # quote (a bare blockquote) stays quoted
        forward = split_text(dom_quoted)
        if forward.forwarded:
            return forward
    parts = split_text(reply_text)
    reply_lines = parts.reply.split("\n") if parts.reply else []
    quoted = [q for q in (parts.quoted, dom_quoted) if q]
    # A verb-less attribution line just above the DOM quote belongs to it
    # (mailgun-talon/html_replies/mail_ru.html: '… от Alexander L <abc@example.com>:').
    if (
        dom_quoted
        and reply_lines
        and not parts.signature
        and _HTML_QUOTE_ATTRIBUTION.search(reply_lines[-1])
        and re.search(r"\d", reply_lines[-1])
        and len(reply_lines) > 1
    ):
        quoted.insert(0, reply_lines.pop())
    reply = "\n".join(reply_lines).strip("\n")
    return _with_quoted_answers(
        TextParts(
            reply=reply,
            quoted="\n\n".join(quoted),
            signature=parts.signature,
            forwarded=parts.forwarded,
            joined=parts.joined,
        ),
        dom_quoted,
    )


def _with_quoted_answers(parts: TextParts, dom_quoted: str) -> TextParts:
    """``parts`` with the creditor's answers marked under the office's questions inside the HTML
    quote container (``marked_answers_in_quote``) joined to the reply and taken from the quote
    (``joined`` set). Unchanged without a reply of its own, for a forward, or without such answers."""
    if not dom_quoted or not parts.reply or parts.forwarded:
        return parts
    answers, dom_rest = marked_answers_in_quote(dom_quoted)
    if not answers:
        return parts
    head = parts.quoted[: len(parts.quoted) - len(dom_quoted)] if parts.quoted.endswith(dom_quoted) else ""
    return TextParts(
        reply=parts.reply + "\n\n" + answers,
        quoted=head + dom_rest,
        signature=parts.signature,
        forwarded=parts.forwarded,
        joined=True,
    )


_split_text = lru_cache(maxsize=_PARTS_CACHE)(split_text)
"""``split_text`` cached like ``_parts_from_html`` (``TextParts`` is frozen)."""


def _split_bodies(html_body: str, text_body: str) -> TextParts:
    """Reply/quoted/signature from the HTML body when it yields text, else the plain
    text. Never raises: on an internal error the whole text becomes the reply."""
    try:
        parts = _parts_from_html(html_body) if html_body.strip() else TextParts("", "", "")
        if not (parts.reply or parts.quoted or parts.signature) and text_body.strip():
            parts = _split_text(text_body)
        return parts
    except Exception:  # noqa: BLE001 - last-resort guard: cleaning must never crash the pipeline
        fallback = normalize_plain(text_body) if text_body.strip() else _safe_html_text(html_body)
        return TextParts(reply=fallback.strip(), quoted="", signature="")


def _language(parts: TextParts, headers: dict[str, str]) -> str | None:
    """Language of the reply (or reply + quote), else the ``Content-Language`` header."""
    language = letter_language(parts.reply) or letter_language(parts.reply + "\n" + parts.quoted)
    if language is None:
        hint = next((v for k, v in headers.items() if k.lower() == "content-language"), "")
        language = hint.split(",")[0].strip()[:2].lower() or None
    return language


def parse_parts(
    html_body: str | None, text_body: str | None, headers: dict[str, str] | None = None, *, sender: str = ""
) -> tuple[TextParts, str | None]:
    """(reply / quoted / signature, language) of ``parse_email`` — what a reader of the
    parts needs, without the extraction text, its token count and the attachment names
    (the safety layer's second readings: docs/worker-performance.md, "Round 4"). Arguments
    as ``parse_email``'s; never raises."""
    html_body = (html_body or "")[:_MAX_INPUT_CHARS]
    text_body = (text_body or "")[:_MAX_INPUT_CHARS]
    parts = internal_forward(_split_bodies(html_body, text_body), sender)
    return parts, _language(parts, dict(headers or {}))


def parse_email(
    html_body: str | None,
    text_body: str | None,
    headers: dict[str, str] | None = None,
    *,
    token_budget: int = 3000,
    attachment_names: Iterable[str] = (),
    sender: str = "",
) -> ParsedEmail:
    """Clean one e-mail body for extraction.

    Args:
        html_body: the HTML body or ``None``; preferred when it yields text (tables
            keep their cell structure there).
        text_body: the plain-text body or ``None``; used when there is no usable HTML.
        headers: e-mail headers (optional); ``Content-Language`` is used when the
            text is too short to detect a language, ``X-Attachments`` adds names.
        token_budget: maximum ``estimate_tokens`` of ``text_for_extraction``
            (settings ``token_budget``, default 3000).
        attachment_names: attachment file names known to the caller (MIME parts,
            Zendesk attachments), listed first in ``attachments``.
        sender: the sender's address (``from_email``); a forward inside the sender's
            own firm at the top of the quote joins the reply (``internal_forward``).
    Returns:
        ``ParsedEmail``. Never raises: unparseable input gives empty strings.
    """
    headers = dict(headers or {})
    html_body = (html_body or "")[:_MAX_INPUT_CHARS]
    text_body = (text_body or "")[:_MAX_INPUT_CHARS]
    parts, language = parse_parts(html_body, text_body, headers, sender=sender)
    text, truncated, tokens = _build_extraction_text(parts.reply, parts.signature, parts.quoted, token_budget)
    return ParsedEmail(
        reply=parts.reply,
        quoted=parts.quoted,
        signature=parts.signature,
        language=language,
        tokens=tokens,
        truncated=truncated,
        text_for_extraction=text,
        attachments=_attachments((html_body, text_body), headers, attachment_names),
        forwarded=parts.forwarded,
        joined=parts.joined,
    )


def _safe_html_text(html: str) -> str:
    try:
        return html_to_text(html)
    except Exception:  # noqa: BLE001
        return re.sub(r"<[^>]{0,2000}>", " ", html)

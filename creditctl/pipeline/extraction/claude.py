"""The Claude extractor's pure half: the answer's wire model, its parsing and validation.

The network half — the anthropic SDK client, ``WIRE_SCHEMA`` and the translation of the
SDK's errors — is ``creditctl.adapters.claude`` (``ClaudeExtractor``); this module
imports no SDK. How the call is made (anthropic SDK 2.14, read from its source):

- ``anthropic.Anthropic(max_retries=0, timeout=timeout_s)``: the SDK never retries;
  the adapter translates the SDK's exceptions into ``ServiceUnavailable`` (transient)
  or ``ServiceRejected`` (permanent) with the SDK error as cause: ``RateLimitError`` (429, wait in
  ``e.response.headers["retry-after"]``), ``OverloadedError`` (529),
  ``InternalServerError`` (5xx), ``APIConnectionError`` / ``APITimeoutError``,
  ``BadRequestError`` (400), ``AuthenticationError`` (401) and the rest.
- Structured output: ``output_config={"format": {"type": "json_schema", "schema":
  WIRE_SCHEMA}}`` — ``anthropic.transform_schema(ClaudeAnswer)`` (what
  ``messages.parse(output_format=ClaudeAnswer)`` sends) made compact by
  ``compact_schema`` (no titles/descriptions, refs inlined, ``""`` instead of null
  for strings): ~1,480 characters instead of ~3,200, billed as input on every call. We call ``messages.create``
  and validate the text ourselves so that ``stop_reason`` is checked *before* any
  parsing (``parse`` validates inside the SDK call and raises a bare pydantic
  error on a truncated answer).
- No ``temperature``: ``messages.create`` in 2.14 has no such parameter (a
  TypeError); no extended thinking, bounded ``max_tokens``.
- The system prompt is a list of text blocks, the stable one with
  ``cache_control: {"type": "ephemeral"}`` (prompt caching, see ``prompt.py``).

Output validation: the wire model ``ClaudeAnswer`` carries amounts as strings
copied from the email; ``parse_amount`` turns ``"1.234,56"`` into
``Decimal("1234.56")`` and refuses anything ambiguous (``"1.234"``) or unreadable;
a refused amount becomes None with a warning and confidence 0 (so the email goes to
review). ``parse_amount`` is deliberately independent of the rules extractor's
``amounts.parse_amount``: the evidence check re-reads each amount's evidence text
with that one, so an amount survives only when two separate readings agree. The two are
an intended pair (both docstrings say so); their shared table of inputs on which they
must agree or both refuse is ``tests/unit/test_money_parsers.py``, and the rules both
follow are spelled out in ``parse_amount``'s docstring: a currency settles one group
(``1.234 €``), one decimal has one reading (``12,3``), a sign or credit mark is read
(``-12,00 €``: the safety layer holds the credit).

An answer wrapped in a Markdown fence (```` ```json … ``` ````) or in prose is used
when exactly one JSON object can be recovered from it (``recover_json_object``); when
none (or more than one) can, it raises ``UnparseableModelAnswer``, a transient error
that is retried (the model answers differently next time). An answer truncated at
``max_tokens``, refused, or a JSON object that does not match the schema raises
``MalformedModelOutput`` (permanent): nothing partial is ever used. The evidence check
(amounts present in the email) is ``evidence.verify_evidence``'s job, not this
module's.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from creditctl.exceptions import PermanentError, TransientError
from creditctl.pipeline.extraction.model import (
    Amounts,
    Evidence,
    ExtractionResult,
    ReplyKind,
    TokenUsage,
)

__all__ = [
    "AmountFormatError",
    "ClaudeAnswer",
    "EXTRACTOR_NAME",
    "MalformedModelOutput",
    "UnparseableModelAnswer",
    "recover_json_object",
    "compact_schema",
    "parse_amount",
    "to_result",
]


EXTRACTOR_NAME = "claude"
"""``ExtractionResult.extractor`` of Claude's readings (``adapters.claude.ClaudeExtractor.name``)."""


class MalformedModelOutput(PermanentError):
    """Claude's answer is not one complete JSON object in the requested schema; nothing of it was used.

    Raised for: an answer cut at ``max_tokens`` (raise CREDITCTL_CLAUDE_MAX_TOKENS),
    a refusal, or JSON that does not match the schema (an answer with no single JSON
    object is ``UnparseableModelAnswer``, transient). It is a ``PermanentError`` (not retried
    automatically: the same email and settings would most likely fail the same
    way); fix the cause, then ``creditctl retry ID``. ``usage`` holds the tokens the
    failed call cost (also in ``context["usage"]``).
    """

    def __init__(self, message: str | None = None, *, usage: TokenUsage | None = None, **context: object) -> None:
        super().__init__(message, usage=usage, **context)
        self.usage = usage


class UnparseableModelAnswer(TransientError):
    """Claude's answer holds no single JSON object (prose only, empty, invalid JSON, or
    several objects); nothing of it was used. Transient: retried with the retry policy,
    never permanent on the first try. ``usage`` holds the tokens the call cost."""

    def __init__(
        self,
        message: str | None = None,
        *,
        usage: TokenUsage | None = None,
        retry_after: float | None = None,
        **context: object,
    ) -> None:
        super().__init__(message, retry_after=retry_after, usage=usage, **context)
        self.usage = usage


_FENCE = re.compile(r"```[ \t]*(?:json|JSON)?[ \t]*\n?(.*?)```", re.S)


def recover_json_object(text: str) -> str | None:
    """The one JSON object in ``text`` (bare, in a Markdown fence, or among prose), as
    its JSON text; None when there is none or more than one (never guesses)."""
    stripped = text.strip()
    try:
        if isinstance(json.loads(stripped), dict):
            return stripped
    except ValueError:
        pass
    fenced = _FENCE.findall(stripped)
    found: list[str] = []
    decoder = json.JSONDecoder()
    for chunk in fenced or [stripped]:
        i = 0
        while (start := chunk.find("{", i)) >= 0:
            try:
                obj, end = decoder.raw_decode(chunk, start)
            except ValueError:
                i = start + 1
                continue
            if isinstance(obj, dict):
                found.append(chunk[start:end])
            i = end
    return found[0] if len(found) == 1 else None


class AmountFormatError(ValueError):
    """An amount string cannot be read as exactly one Decimal (ambiguous or malformed)."""


# --------------------------------------------------------------------------- wire model


class WireAmounts(BaseModel):
    """Amounts of the current claim, each copied as written in the email, or null."""

    model_config = ConfigDict(extra="forbid", strict=True)

    principal: str | None = Field(description="Hauptforderung / principal, as written, or null")
    interest: str | None = Field(description="Zinsen / interest, as written, or null")
    costs: str | None = Field(description="Kosten, Mahn-/Inkassokosten / costs, as written, or null")
    total: str | None = Field(description="Gesamtforderung / current total claim, as written, or null")


class WireEvidence(BaseModel):
    """The exact span of email text a field's value came from."""

    model_config = ConfigDict(extra="forbid", strict=True)

    field: str = Field(description='field name, e.g. "creditor_name" or "amounts.total"')
    text: str = Field(description="exact span copied verbatim from the email")
    source: str = Field(description='"body", "subject", "headers", "quoted" or "attachment:<file name>"')


class ClaudeAnswer(BaseModel):
    """What Claude fills (validates the answer; ``WIRE_SCHEMA`` is its compact schema).

    Every key is required; ``""`` (what the compact schema asks for) or null means not stated.
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    is_creditor_reply: bool
    reply_kind: ReplyKind
    creditor_name: str | None
    original_creditor: str | None
    client_name: str | None
    client_date_of_birth: str | None = Field(description="YYYY-MM-DD or null")
    client_file_number: str | None
    creditor_references: list[str]
    amounts: WireAmounts
    currency: str | None = Field(description="ISO 4217 code, e.g. EUR")
    statement_date: str | None = Field(description="YYYY-MM-DD or null")
    confidence: float = Field(description="0.0 to 1.0")
    evidence: list[WireEvidence]


_NULLABLE_STRING = [{"type": "string"}, {"type": "null"}]


def compact_schema(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> dict[str, Any]:
    """``schema`` (a JSON schema dict) shrunk to what constrains the answer, for fewer input tokens.

    Removes ``title`` and ``description`` (the system prompt defines every field, once),
    inlines each ``$ref`` (each definition is used once) and turns a nullable string
    (``anyOf: [string, null]``) into a plain ``string`` — the prompt asks for ``""``
    when a value is not stated, and ``to_result`` reads ``""`` as None. Keeps
    ``type``, ``enum``, ``properties``, ``items``, ``required`` and
    ``additionalProperties: false`` (which structured output needs on every object).
    """
    defs = schema.get("$defs", {}) if defs is None else defs
    if "$ref" in schema:
        return compact_schema(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if schema.get("anyOf") == _NULLABLE_STRING:
        return {"type": "string"}
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ("title", "description", "$defs"):
            continue
        if key == "properties":
            out[key] = {name: compact_schema(sub, defs) for name, sub in value.items()}
        elif key == "items" or (isinstance(value, dict) and key != "properties"):
            out[key] = compact_schema(value, defs)
        elif key == "anyOf":
            out[key] = [compact_schema(v, defs) for v in value]
        else:
            out[key] = value
    return out


# --------------------------------------------------------------------------- amounts

_CURRENCY_TOKENS = {
    "€": "EUR",
    "EUR": "EUR",
    "EURO": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "$": "USD",
    "USD": "USD",
    "CHF": "CHF",
    "SFR": "CHF",
    "FR.": "CHF",
}
_CURRENCY_RE = re.compile(r"(?i)(€|£|\$|\bEURO\b|\bEUR\b|\bGBP\b|\bUSD\b|\bCHF\b|\bSFR\b|\bFR\.)")
_SPACE_GROUP_RE = re.compile(r"(?<=\d)[ \u00a0\u2000-\u200a\u202f\u205f\u3000](?=\d)")
_DASH_CENTS_RE = re.compile(r"([.,])-{1,2}$")  # "1.500,--" / "1.500,-" / "1.500,–" (dashes folded)
_CENTS = Decimal("0.01")
#: Apostrophe look-alikes written as Swiss thousands separators (’ ʼ ′ ‘ ´ ＇).
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u2032\u00b4\uff07"})
#: Minus look-alikes (minus sign, figure dash, en/em dash, small and full-width hyphen-minus).
_MINUS_TABLE = str.maketrans({c: "-" for c in "\u2212\u2012\u2013\u2014\ufe63\uff0d"})
#: A credit (H, Haben, CR: negative) or debit (S, Soll, DR) mark after the figure; case as written.
_MARK_RE = re.compile(r"(?<!\s)\s(Haben|Soll|CR|DR|Cr|Dr|H|S)$")
_CREDIT_MARKS = {"Haben", "CR", "Cr", "H"}
_CUR = r"(?:€|£|\$|EURO|EUR|GBP|USD|CHF|SFR|FR\.)"
#: Where a minus may stand: before the figure or its currency, or right after the figure.
_SIGNED_RES = (
    re.compile(rf"(?i)-(?P<rest>{_CUR}\s?\d.*)"),  # -€ 12,00
    re.compile(rf"(?i)(?P<pre>[€£$]\s?|{_CUR}\s)?-(?P<rest>\d.*)"),  # -12,00 € / € -12,00 (not EUR-12: an identifier)
    re.compile(rf"(?i)(?P<rest>.*\d)-(?P<post>\s?{_CUR})?"),  # 150,00- / 150,00- €
)
_CUR_WORD = r"(?:€|£|\$|\bEURO\b|\bEUR\b|\bGBP\b|\bUSD\b|\bCHF\b|\bSFR\b|\bFR\.)"
_EDGE_CURRENCY_RE = re.compile(  # a currency code after the figure needs a space: "12,00 EUR", not "12,-EUR"
    rf"(?i)(?:(?P<c1>{_CUR_WORD})\s?)?(?P<num>.*?)(?:\s?(?P<c2>[€£$])|\s(?P<c2w>{_CUR_WORD}))?"
)


def currency_in(text: str) -> str | None:
    """The ISO code of the currency sign or code in an amount string (``"1,00 €"`` -> ``"EUR"``), else None."""
    match = _CURRENCY_RE.search(text)
    return _CURRENCY_TOKENS[match.group(1).upper()] if match else None


def _ungroup(integer: str, sep: str | None) -> str:
    """``integer`` with thousands separators ``sep`` removed, checking 3-digit groups."""
    if sep is None:
        if not integer.isdigit():
            raise AmountFormatError(f"not a number: {integer!r}")
        return integer
    groups = integer.split(sep)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise AmountFormatError(f"irregular digit groups: {integer!r}")
    if not all(g.isdigit() for g in groups):
        raise AmountFormatError(f"not a number: {integer!r}")
    return "".join(groups)


def _split_sign(text: str) -> tuple[str, bool]:
    """(``text`` without its sign or mark, negative?). A minus counts right before the
    figure or its currency, or right after the figure (``150,00-``); ``H``/``Haben``/
    ``CR`` after it is a credit (negative), ``S``/``Soll``/``DR`` a debit."""
    negative = False
    mark = _MARK_RE.search(text)
    if mark:
        negative = mark.group(1) in _CREDIT_MARKS
        text = text[: mark.start()].rstrip()
    for signed in _SIGNED_RES:
        m = signed.fullmatch(text)
        if m:
            parts = m.groupdict()
            pre = (parts.get("pre") or "").rstrip()
            return (pre + " " if pre else "") + parts["rest"] + (parts.get("post") or ""), True
    return text, negative


def _bare_figure(text: str) -> tuple[str, bool]:
    """(the figure without its currency, whether a currency was written). At most one
    currency, before or after the figure (``€ 12``, ``12 €``); one anywhere else
    (``9€10``) or a second one refuses."""
    m = _EDGE_CURRENCY_RE.fullmatch(text)
    if m is None or _CURRENCY_RE.search(m.group("num")) or m.group("num") != m.group("num").strip():
        raise AmountFormatError(f"not an amount: {text!r}")
    after = m.group("c2") or m.group("c2w")
    if m.group("c1") and after:
        raise AmountFormatError(f"two currencies: {text!r}")
    return m.group("num"), bool(m.group("c1") or after)


def _separators(s: str, text: str, has_currency: bool) -> tuple[str | None, str | None]:
    """(decimal separator, group separator) of the bare figure ``s``; raises
    ``AmountFormatError`` when they are mixed or (without a currency) ambiguous."""
    group_sep: str | None = "'" if "'" in s else None
    dots, commas = s.count("."), s.count(",")
    if group_sep and dots and commas:
        raise AmountFormatError(f"mixed separators: {text!r}")
    if dots and commas:
        decimal_sep = "." if s.rfind(".") > s.rfind(",") else ","
        if s.count(decimal_sep) != 1 or group_sep:
            raise AmountFormatError(f"mixed separators: {text!r}")
        return decimal_sep, "," if decimal_sep == "." else "."
    if not (dots or commas):
        return None, group_sep
    return _one_kind_of_separator(s, "." if dots else ",", group_sep, text, has_currency)


def _one_kind_of_separator(
    s: str, sep: str, group_sep: str | None, text: str, has_currency: bool
) -> tuple[str | None, str | None]:
    """``_separators`` when only ``sep`` (``.`` or ``,``) occurs: a decimal separator,
    unless it repeats or three digits follow it once (then a group separator)."""
    if s.count(sep) == 1 and len(s) - s.index(sep) - 1 != 3:
        return sep, group_sep
    if group_sep:
        raise AmountFormatError(f"mixed separators: {text!r}")
    if s.count(sep) == 1 and not has_currency:
        raise AmountFormatError(f"ambiguous: {text!r} could be thousands or decimals")
    return None, sep  # "1.234.567"; "1.234 €" (no currency has three decimal places)


def parse_amount(text: str) -> Decimal:
    """One amount string as written in an email -> ``Decimal`` with 2 places.

    Accepts German, English and Swiss notation, with or without currency:
    ``"1.234,56"``, ``"2,137.40"``, ``"1 234,56 €"`` (any Unicode space),
    ``"CHF 1'245.30"`` (any apostrophe look-alike), ``"1.500,--"``, ``"28234,23"``,
    ``"1.234.567"``, ``"1234.56"``, ``"12,3"`` (12.30: one decimal has one reading),
    ``"1.234 €"`` (1234.00: a currency settles it, no currency read has three decimal
    places), ``"-12,00 €"`` / ``"150,00-"`` / ``"150,00 CR"`` / ``"150,00 H"``
    (-12.00 / -150.00: the sign is read, never dropped — a credit is the safety
    layer's to hold, and it must see the sign).
    Raises ``AmountFormatError`` for anything that is not exactly one reading:
    one ``.``/``,`` followed by exactly three digits and no currency (``"1.234"`` —
    1234 in German, 1.234 in English), more than two decimals, irregular digit groups,
    a ``+`` or parenthesised figure, letters, or nothing at all. Never guesses. The
    intended pair of ``amounts.parse_amount`` (see the module docstring; shared table:
    ``tests/unit/test_money_parsers.py``), written independently of it.
    """
    unsigned, negative = _split_sign(text.translate(_MINUS_TABLE).strip())
    figure, has_currency = _bare_figure(unsigned)
    s = _DASH_CENTS_RE.sub(r"\g<1>00", figure).translate(_APOSTROPHE_TABLE)
    if "'" in s and _SPACE_GROUP_RE.search(s):
        raise AmountFormatError(f"mixed separators: {text!r}")
    s = _SPACE_GROUP_RE.sub("'", s)
    if not s or not re.fullmatch(r"[0-9.,']+", s):
        raise AmountFormatError(f"not an amount: {text!r}")
    decimal_sep, group_sep = _separators(s, text, has_currency)
    integer, fraction = s.split(decimal_sep) if decimal_sep else (s, "0")
    if decimal_sep is not None and (not (1 <= len(fraction) <= 2) or not fraction.isdigit()):
        raise AmountFormatError(f"not two decimals: {text!r}")
    if not integer:
        raise AmountFormatError(f"no integer part: {text!r}")
    value = Decimal(f"{_ungroup(integer, group_sep)}.{fraction}").quantize(_CENTS)
    return -value if negative and value else value


# --------------------------------------------------------------------------- conversion

#: Evidence sources, as ``evidence.evidence_sources`` names them.
_EVIDENCE_SOURCES = {"body", "signature", "subject", "headers", "quoted"}
#: Section names of the prompt that mean a source under another name.
_SOURCE_ALIASES = {"reply": "body", "from": "headers"}


def _clean(value: str | None) -> str | None:
    """Stripped text, or None when empty."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _source(raw: str, attachment_names: dict[str, str], warnings: list[str]) -> str:
    """An evidence source in ``evidence.evidence_sources``' vocabulary.

    ``reply`` -> ``body``, ``from`` -> ``headers``; ``attachment:<name as shown in
    the prompt>`` -> ``attachment:<real file name>`` via ``attachment_names``. An
    unknown source is kept as given (the evidence check then rejects it) with a warning.
    """
    value = raw.strip()
    lowered = value.lower()
    if lowered in _EVIDENCE_SOURCES:
        return lowered
    if lowered in _SOURCE_ALIASES:
        return _SOURCE_ALIASES[lowered]
    if lowered.startswith("attachment:"):
        shown = value.split(":", 1)[1].strip()
        return "attachment:" + attachment_names.get(shown, shown)
    warnings.append(f"evidence source {raw!r} unknown")
    return value


def _currency(raw: str | None, warnings: list[str]) -> str | None:
    """An ISO 4217 code from Claude's currency field, or None with a warning."""
    value = _clean(raw)
    if value is None:
        return None
    code = _CURRENCY_TOKENS.get(value.upper(), value.upper())
    if not re.fullmatch(r"[A-Z]{3}", code):
        warnings.append(f"currency {raw!r} is not an ISO 4217 code; left empty")
        return None
    return code


def _amount(
    name: str, raw: str | None, currency: str | None, warnings: list[str]
) -> tuple[Decimal | None, str | None, bool]:
    """(value, currency, distrust) of one of Claude's amount strings: a refused amount or
    one whose currency sign contradicts ``currency`` is None and distrusted; a sign in
    it names the currency when none was given."""
    if raw is None or not raw.strip():
        return None, currency, False
    try:
        value = parse_amount(raw)
    except AmountFormatError as exc:
        warnings.append(f"amounts.{name}: {exc}; left empty, needs review")
        return None, currency, True
    sign = currency_in(raw)
    if sign and currency and sign != currency:
        warnings.append(f"amounts.{name}: {raw!r} is in {sign}, not {currency}; left empty, needs review")
        return None, currency, True
    return value, currency or sign, False


def _amounts(
    answer: ClaudeAnswer, currency: str | None, warnings: list[str]
) -> tuple[dict[str, Decimal | None], str | None, bool]:
    """(the four amounts by name, the currency, whether any amount was refused)."""
    amounts: dict[str, Decimal | None] = {}
    distrust = False
    for name in ("principal", "interest", "costs", "total"):
        amounts[name], currency, refused = _amount(name, getattr(answer.amounts, name), currency, warnings)
        distrust = distrust or refused
    return amounts, currency, distrust


def _iso_date(raw: str | None, field: str, warnings: list[str]) -> date | None:
    """A ``YYYY-MM-DD`` date, or None (with a warning naming ``field`` when something else
    was written)."""
    raw_date = _clean(raw)
    if raw_date is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw_date):
            raise ValueError(raw_date)
        return date.fromisoformat(raw_date)
    except ValueError:
        warnings.append(f"{field} {raw_date!r} is not YYYY-MM-DD; left empty")
        return None


def _confidence(confidence: float, warnings: list[str]) -> float:
    """``confidence`` when finite and within 0..1, else 0 with a warning."""
    if not math.isfinite(confidence) or not 0.0 <= confidence <= 1.0:
        warnings.append(f"confidence {confidence!r} outside 0..1; set to 0")
        return 0.0
    return confidence


def to_result(
    answer: ClaudeAnswer,
    *,
    usage: TokenUsage | None = None,
    attachment_names: dict[str, str] | None = None,
) -> ExtractionResult:
    """Claude's validated wire answer -> ``ExtractionResult`` (extractor ``"claude"``).

    Amounts go through ``parse_amount``; a refused amount (or a currency sign in
    it that contradicts ``currency``) becomes None, adds a warning and sets
    confidence to 0. A bad ``statement_date`` or ``client_date_of_birth`` becomes None
    with a warning. A
    confidence outside 0..1 becomes 0. ``attachment_names`` maps an attachment
    name as shown in the prompt to its real file name (``prompt.attachment_label``).
    """
    warnings: list[str] = []
    amounts, currency, distrust = _amounts(answer, _currency(answer.currency, warnings), warnings)
    statement_date = _iso_date(answer.statement_date, "statement_date", warnings)
    date_of_birth = _iso_date(answer.client_date_of_birth, "client_date_of_birth", warnings)
    confidence = _confidence(answer.confidence, warnings)
    if distrust:
        confidence = 0.0
    references = list(dict.fromkeys(ref.strip() for ref in answer.creditor_references if ref.strip()))
    evidence = [
        Evidence(field=e.field.strip(), text=e.text, source=_source(e.source, attachment_names or {}, warnings))
        for e in answer.evidence
        if e.text.strip()
    ]
    return ExtractionResult(
        is_creditor_reply=answer.is_creditor_reply,
        reply_kind=answer.reply_kind,
        creditor_name=_clean(answer.creditor_name),
        original_creditor=_clean(answer.original_creditor),
        client_name=_clean(answer.client_name),
        client_date_of_birth=date_of_birth,
        client_file_number=_clean(answer.client_file_number),
        creditor_references=references,
        amounts=Amounts(**amounts),
        currency=currency,
        statement_date=statement_date,
        confidence=confidence,
        evidence=evidence,
        extractor=EXTRACTOR_NAME,
        warnings=warnings,
        usage=usage,
    )


def _usage(message: Any) -> TokenUsage:
    """Token counts of one Messages API response (cache fields may be absent: 0)."""
    u = getattr(message, "usage", None)
    if u is None:
        return TokenUsage()
    return TokenUsage(
        input_tokens=u.input_tokens or 0,
        output_tokens=u.output_tokens or 0,
        cache_creation_input_tokens=u.cache_creation_input_tokens or 0,
        cache_read_input_tokens=u.cache_read_input_tokens or 0,
    )


def parse_answer(message: Any) -> ClaudeAnswer:
    """A Messages API response -> the validated ``ClaudeAnswer``.

    The text may be one bare JSON object, or one wrapped in a Markdown fence or prose
    (``recover_json_object``). Raises ``UnparseableModelAnswer`` (transient, retried)
    when no single object can be recovered, ``MalformedModelOutput`` (permanent) when
    ``stop_reason`` is not ``end_turn``/``stop_sequence`` (cut off, refused) or the
    object does not match the schema.
    """
    usage = _usage(message)
    stop = getattr(message, "stop_reason", None)
    if stop == "max_tokens":
        raise MalformedModelOutput(
            "Claude's answer was cut off at max_tokens; nothing of it was used (raise CREDITCTL_CLAUDE_MAX_TOKENS)",
            usage=usage,
            stop_reason=stop,
        )
    if stop not in ("end_turn", "stop_sequence"):
        raise MalformedModelOutput(
            f"Claude stopped with {stop!r}; nothing of the answer was used", usage=usage, stop_reason=stop
        )
    text = "".join(block.text for block in message.content if getattr(block, "type", None) == "text")
    if not text.strip():
        raise UnparseableModelAnswer("Claude's answer has no text; retried", usage=usage, stop_reason=stop)
    recovered = recover_json_object(text)
    if recovered is None:
        raise UnparseableModelAnswer(
            "Claude's answer holds no single JSON object (prose, invalid JSON or several objects); "
            "nothing of it was used; retried",
            usage=usage,
            answer_start=text.strip()[:40],
        )
    try:
        return ClaudeAnswer.model_validate_json(recovered)
    except pydantic.ValidationError as exc:
        raise MalformedModelOutput(
            f"Claude's answer does not match the schema: {exc.error_count()} error(s), first: {exc.errors()[0]['msg']}",
            usage=usage,
        ) from exc

"""The one extraction result, shared by the rules and the Claude extractor.

Values in, values out: an ``ExtractionInput`` (the cleaned email) goes in, an
``ExtractionResult`` comes out. Money is ``Decimal`` euros (or the stated currency).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, Field


class ReplyKind(StrEnum):
    """What the creditor's reply says."""

    CLAIM_STATEMENT = "claim_statement"
    CLAIM_SETTLED = "claim_settled"  # settled / nothing owed
    DISPUTE = "dispute"  # dispute or rejection
    DOCUMENT_REQUEST = "document_request"  # documents or power of attorney requested
    CLIENT_UNKNOWN = "client_unknown"  # cannot identify the client
    SETTLEMENT_PROPOSAL = "settlement_proposal"  # settlement or instalment proposal
    CLAIM_ASSIGNED = "claim_assigned"  # sold or assigned: a new holder is named; never applied
    ENFORCEMENT = "enforcement"  # court, bailiff or enforcement mail; never applied
    AUTO_REPLY = "auto_reply"
    OTHER = "other"


class Evidence(BaseModel):
    """Where a field's value came from: the exact text span, and its source.

    ``source`` is ``body``, ``subject``, ``headers``, ``quoted`` or ``attachment:<file name>``.
    """

    field: str
    text: str
    source: str = "body"


class Amounts(BaseModel):
    """Claim amounts as Decimal (2 places), in ``ExtractionResult.currency``; None when not stated."""

    principal: Decimal | None = None
    interest: Decimal | None = None
    costs: Decimal | None = None
    total: Decimal | None = None


class TokenUsage(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0


class ExtractionResult(BaseModel):
    """What an extractor read from one email.

    JSON keys are the contract of ``creditctl extract --json`` (README).
    """

    is_creditor_reply: bool = False
    reply_kind: ReplyKind = ReplyKind.OTHER
    creditor_name: str | None = None
    original_creditor: str | None = None
    client_name: str | None = None
    client_file_number: str | None = None
    client_date_of_birth: date | None = None  # "geboren am 17.02.1991", "née le 17/02/1991"
    creditor_references: list[str] = Field(default_factory=list)
    amounts: Amounts = Field(default_factory=Amounts)
    currency: str | None = None  # ISO 4217
    statement_date: date | None = None
    confidence: float = Field(0.0, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)
    extractor: str = "rules"
    warnings: list[str] = Field(default_factory=list)
    usage: TokenUsage | None = None

    @property
    def claim_amount(self) -> Decimal | None:
        """The amount that would be applied: the total, else None."""
        return self.amounts.total


@dataclass(frozen=True)
class AttachmentText:
    """Text read from one attachment (empty when unreadable; ``problem`` says why)."""

    file_name: str
    text: str
    content_type: str = ""
    problem: str | None = None


@dataclass(frozen=True)
class ExtractionInput:
    """The cleaned email as an extractor sees it (all text already decoded)."""

    reply_text: str
    subject: str = ""
    from_email: str = ""
    from_name: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    quoted_text: str = ""
    signature_text: str = ""
    attachments: tuple[AttachmentText, ...] = ()
    language: str | None = None


class Extractor(Protocol):
    """Anything that turns an ``ExtractionInput`` into an ``ExtractionResult``.

    Errors: transient failures raise exceptions the retry policy classifies as
    retryable (``TransientError``, what the adapters translate SDK errors into); invalid model output raises
    ``creditctl.exceptions.PermanentError`` or yields a low-confidence result.
    """

    name: str
    reconciles_attachments: bool
    """True when ``extract`` already reconciles the body's amounts with the attachments'
    (``attachment_amounts.reconcile_attachment_amounts``); otherwise the caller does."""

    def extract(self, email: ExtractionInput) -> ExtractionResult: ...

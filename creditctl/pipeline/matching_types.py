"""Values the matching step takes and returns (no sessions, no models)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from creditctl.pipeline.match_status import REVIEW_STATUSES, MatchStatus

__all__ = [
    "REVIEW_STATUSES",
    "ClaimCandidate",
    "MatchContext",
    "MatchResult",
    "MatchStatus",
    "MatchThresholds",
    "ScoredCandidate",
]


@dataclass(frozen=True)
class ClaimCandidate:
    """One creditor claim of one client, as stored in our records."""

    claim_id: int
    client_id: int
    client_file_number: str
    client_name: str
    creditor_name: str
    client_date_of_birth: date | None = None
    agent_name: str | None = None
    creditor_emails: tuple[str, ...] = ()
    creditor_reference: str | None = None
    amount: Decimal | None = None
    currency: str = "EUR"
    zendesk_ticket_id: str | None = None
    side_conversation_id: str | None = None


@dataclass(frozen=True)
class MatchContext:
    """Where the email came from: the Zendesk thread and the sender."""

    ticket_id: str | None = None
    side_conversation_id: str | None = None
    from_email: str = ""
    from_name: str = ""
    # the creditor's own text (cleaned reply, no quoted history): searched for the
    # office's stored references and client names the reading missed
    reply_text: str = ""


@dataclass(frozen=True)
class ScoredCandidate:
    """One claim the matcher scored: ``score`` 0..1, ``reasons`` (the evidence in words, for
    people), and what it found of the claim's parties as facts the faces read (never the
    words): ``creditor_found`` — the sender's address or domain stored for the claim, its
    creditor's or agent's name, or its own thread with a known sender; ``client_found`` — its
    reference, file number, date of birth or client name."""

    claim_id: int
    score: float  # 0..1
    reasons: tuple[str, ...] = ()
    creditor_found: bool = False
    client_found: bool = False


@dataclass(frozen=True)
class MatchResult:
    """The decision: ``status``, the chosen claim (only when auto_matched), all scored candidates."""

    status: MatchStatus
    claim_id: int | None = None
    score: float = 0.0
    candidates: tuple[ScoredCandidate, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class MatchThresholds:
    auto: float = 0.80
    review: float = 0.60
    margin: float = 0.10

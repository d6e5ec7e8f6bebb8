"""The gate: may this reading of this email change a claim? Values in, a verdict out.

Only a certain reading is applied (the office's rule: nothing uncertain applied at
all). A claim changes only when every condition holds: a creditor reply that states a
claim, a total amount with evidence in the email, no evidence problem, the currency of
the claim, enough extractor confidence, and an automatic match to exactly one claim.
Anything else waits for a person (``needs_review``) or is closed (``no_match`` /
``not_creditor_reply``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from creditctl.pipeline.extraction.model import ExtractionResult, ReplyKind
from creditctl.pipeline.matching_types import MatchResult, MatchStatus

MIN_CONFIDENCE = 0.8
MAX_CLAIM_AMOUNT = Decimal("10000000.00")


@dataclass(frozen=True)
class Verdict:
    """``processing_status`` and ``match_status`` to set, the claim and amount to apply
    (both None unless ``apply``), and the reasons a person reads."""

    processing_status: str  # completed | not_creditor_reply
    match_status: str  # auto_matched | needs_review | no_match
    apply: bool
    claim_id: int | None
    amount: Decimal | None
    reasons: tuple[str, ...]


def decide(
    result: ExtractionResult,
    match: MatchResult | None,
    evidence_problems: list[str],
    *,
    claim_currency: str | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> Verdict:
    """Decide the outcome of one email (see the module docstring for the rule)."""
    if not result.is_creditor_reply:
        return Verdict("not_creditor_reply", MatchStatus.NO_MATCH, False, None, None,
                       (f"not a creditor reply ({result.reply_kind.value})",))
    if match is None or match.status == MatchStatus.NO_MATCH:
        why = match.reason if match and match.reason else "no claim of ours matches"
        return Verdict("completed", MatchStatus.NO_MATCH, False, None, None, (why,))
    reasons: list[str] = []
    if match.status != MatchStatus.AUTO_MATCHED or match.claim_id is None:
        reasons.append(match.reason or "match is not certain")
    if result.reply_kind != ReplyKind.CLAIM_STATEMENT:
        reasons.append(f"reply is {result.reply_kind.value.replace('_', ' ')}: a person decides")
    total = result.amounts.total
    if total is None:
        reasons.append("no claim total found")
    elif total < 0 or total > MAX_CLAIM_AMOUNT:
        reasons.append(f"implausible total {total}")
    if evidence_problems:
        reasons.extend(f"evidence: {p}" for p in evidence_problems)
    if result.confidence < min_confidence:
        reasons.append(f"extractor confidence {result.confidence:.2f} < {min_confidence:.2f}")
    currency = (result.currency or "").upper()
    if total is not None and claim_currency and currency and currency != claim_currency.upper():
        reasons.append(f"currency {currency} differs from the claim's {claim_currency.upper()}")
    if total is not None and not currency:
        reasons.append("currency not stated")
    if reasons:
        return Verdict("completed", MatchStatus.NEEDS_REVIEW, False, None, None, tuple(reasons))
    return Verdict("completed", MatchStatus.AUTO_MATCHED, True, match.claim_id, total,
                   (match.reason or "matched",))

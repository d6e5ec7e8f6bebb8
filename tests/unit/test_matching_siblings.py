"""One client, two claims of one creditor: the reference the reply names decides."""

from __future__ import annotations

from decimal import Decimal

from creditctl.pipeline.extraction.model import ExtractionResult, ReplyKind
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchStatus

BANK = "forderungen@sparkasse-rn.example"
LOAN = ClaimCandidate(
    claim_id=8,
    client_id=7,
    client_file_number="BÖ-2025-0107",
    client_name="Jonas Albrecht",
    creditor_name="Sparkasse Rhein-Neckar",
    creditor_emails=(BANK,),
    creditor_reference="1002345678",
    amount=Decimal("2450.00"),
)
OVERDRAFT = ClaimCandidate(
    claim_id=9,
    client_id=7,
    client_file_number="BÖ-2025-0107",
    client_name="Jonas Albrecht",
    creditor_name="Sparkasse Rhein-Neckar",
    creditor_emails=(BANK,),
    creditor_reference="1002345999",
    amount=Decimal("610.00"),
)
CONTEXT = MatchContext(ticket_id=None, side_conversation_id=None, from_email=BANK, from_name="Sparkasse Rhein-Neckar")


def reply(refs: list[str]) -> ExtractionResult:
    return ExtractionResult(
        is_creditor_reply=True,
        reply_kind=ReplyKind.CLAIM_STATEMENT,
        creditor_name="Sparkasse Rhein-Neckar",
        client_name="Jonas Albrecht",
        client_file_number="BÖ-2025-0107",
        creditor_references=refs,
    )


def test_the_named_reference_picks_one_of_the_clients_two_claims() -> None:
    for ref, claim_id in (("1002345678", 8), ("1002345999", 9)):
        result = match_claim(reply([ref]), CONTEXT, [LOAN, OVERDRAFT])
        assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, claim_id)


def test_without_a_reference_the_two_claims_stay_a_question() -> None:
    result = match_claim(reply([]), CONTEXT, [LOAN, OVERDRAFT])
    assert result.status == MatchStatus.NEEDS_REVIEW and result.claim_id is None


def test_both_references_named_stays_a_question() -> None:
    result = match_claim(reply(["1002345678", "1002345999"]), CONTEXT, [LOAN, OVERDRAFT])
    assert result.status == MatchStatus.NEEDS_REVIEW

"""The office's own records found in a creditor's text the reader's patterns missed:
a stored creditor reference or a client's full name stated verbatim is evidence; a
reference one character off or a near-name is not; the sender alone lists its claims
as candidates (never applied)."""

from decimal import Decimal

from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchStatus

KW = "konto@kb-weser.example"
CLAIMS = [
    ClaimCandidate(
        claim_id=12,
        client_id=4,
        client_file_number="BÖ-2026-0004",
        client_name="Heike Albers",
        creditor_name="Kreditbank Weser",
        creditor_emails=(KW,),
        creditor_reference="KW-1001",
        amount=Decimal("4300.00"),
    ),
    ClaimCandidate(
        claim_id=9,
        client_id=7,
        client_file_number="BÖ-2026-0007",
        client_name="Jonas Brandt",
        creditor_name="Bergbank eG",
        creditor_emails=("forderung@bergbank.example",),
        creditor_reference="BB-55120",
        amount=Decimal("900.00"),
    ),
]


def _match(body: str, claims: list[ClaimCandidate] = CLAIMS):
    extraction = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email=KW))
    return extraction, match_claim(extraction, MatchContext(from_email=KW, reply_text=body), claims)


def test_the_stored_reference_and_full_name_in_the_text_match_the_claim() -> None:
    extraction, result = _match("Saldo KW-1001 Heike Albers: 4.240,00 EUR")
    assert not extraction.creditor_references and not extraction.client_name  # the reader missed both
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 12)


def test_the_full_name_alone_in_the_text_is_client_evidence() -> None:
    _, result = _match("Saldo Albers, Heike: 4.240,00 EUR")
    assert result.candidates and result.candidates[0].claim_id == 12
    assert "client name stated in the reply" in result.candidates[0].reasons


def test_a_reference_one_digit_off_and_a_near_name_are_nothing() -> None:
    _, result = _match("Saldo KW-1002 Heike Alber: 4.240,00 EUR")
    assert result.status == MatchStatus.NO_MATCH
    assert result.reason.startswith("no client name, file number or reference recognised in the reply")
    # the claim the sender matches is listed for a person to choose, never applied
    assert [(c.claim_id, c.score) for c in result.candidates] == [(12, 0.0)]
    assert result.claim_id is None


def test_two_clients_named_in_the_text_go_to_review() -> None:
    twin = ClaimCandidate(
        claim_id=13,
        client_id=5,
        client_file_number="BÖ-2026-0005",
        client_name="Kai Albers",
        creditor_name="Kreditbank Weser",
        creditor_emails=(KW,),
        creditor_reference="KW-1002",
    )
    _, result = _match("Saldo Heike Albers und Kai Albers: 4.240,00 EUR", [*CLAIMS, twin])
    assert result.status == MatchStatus.NEEDS_REVIEW
    assert {c.claim_id for c in result.candidates} == {12, 13}


def test_without_the_text_nothing_is_found() -> None:
    body = "Saldo KW-1001 Heike Albers: 4.240,00 EUR"
    extraction = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email=KW))
    result = match_claim(extraction, MatchContext(from_email=KW), CLAIMS)
    assert result.status == MatchStatus.NO_MATCH


def test_an_override_onto_another_creditors_claim_of_another_client_is_named() -> None:
    from creditctl.pipeline.matching import override_problems

    body = "Saldo KW-1001 Heike Albers: 4.240,00 EUR"
    extraction = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email=KW))
    context = MatchContext(from_email=KW, reply_text=body)
    assert override_problems(extraction, context, CLAIMS[0]) == []  # Kreditbank Weser's claim of Heike Albers
    problems = override_problems(extraction, context, CLAIMS[1])  # Bergbank eG, Jonas Brandt
    assert problems == [
        "claim 9's creditor Bergbank eG does not fit the sender konto@kb-weser.example nor the creditor the reply names",
        "the reply names neither claim 9's client Jonas Brandt nor its reference",
    ]

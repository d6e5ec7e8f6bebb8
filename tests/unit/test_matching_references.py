"""Matching with the references the rules extractor reads: one agent, one
client, two claims — the reference tells them apart, and without it nothing is guessed."""

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import MatchStatus
from tests.unit.test_matching import CLAIMS, RPI, ctx


@pytest.mark.parametrize(
    ("reference_line", "status", "claim_id"),
    [
        ("Aktenzeichen: RPI-7712-5120-02", MatchStatus.AUTO_MATCHED, 103),
        ("Unser Zeichen RPI 7712 4408 19", MatchStatus.AUTO_MATCHED, 101),
        ("", MatchStatus.NEEDS_REVIEW, None),  # two claims of one client with the same agent: never a guess
        (
            "Ihr Zeichen: RPI-7712-5120-02",
            MatchStatus.NEEDS_REVIEW,
            None,
        ),  # the office's label: not the creditor's reference
    ],
)
def test_the_reference_read_tells_two_claims_of_one_client_apart(
    reference_line: str, status: MatchStatus, claim_id
) -> None:
    body = (
        f"Sehr geehrte Damen und Herren,\n\nzu Ihrer Mandantin Frau Tamara Reinholz: {reference_line}\n"
        "Die Gesamtforderung beträgt 412,00 €.\n\nMit freundlichen Grüßen\nRheinpfalz Inkasso GmbH\n"
    )
    extraction = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email=RPI))
    result = match_claim(extraction, ctx(RPI), CLAIMS)
    assert (result.status, result.claim_id) == (status, claim_id)

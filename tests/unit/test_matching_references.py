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


def test_a_replys_own_references_are_not_cached() -> None:
    # every email states references of its own: cached, they would grow the process
    # with the number of emails (docs/worker-performance.md, "Memory"); the claims'
    # references, compared for every email, stay cached
    from creditctl.pipeline.names import loose_key, normalize_reference

    body = (
        "Sehr geehrte Damen und Herren,\n\nzu Ihrer Mandantin Frau Tamara Reinholz: "
        "Aktenzeichen: RPI-7712-5120-02, Vorgang ZQ-9931-UNIQUE-7\n"
        "Die Gesamtforderung beträgt 412,00 €.\n\nMit freundlichen Grüßen\nRheinpfalz Inkasso GmbH\n"
    )
    extraction = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email=RPI))
    assert extraction.creditor_references
    match_claim(extraction, ctx(RPI), CLAIMS)  # the claims' keys are cached now
    before = (normalize_reference.cache_info().currsize, loose_key.cache_info().currsize)

    for i in range(50):
        changed = extraction.model_copy(update={"creditor_references": [f"ZQ-{i:04d}-4711", "RPI-7712-5120-02"]})
        assert match_claim(changed, ctx(RPI), CLAIMS).claim_id == 103

    assert (normalize_reference.cache_info().currsize, loose_key.cache_info().currsize) == before

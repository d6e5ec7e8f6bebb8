"""What the matcher found of a claim's creditor and client, read once (``matching.parties_found``),
and the desk's warnings and queue mark that read it (``services.review``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import NOT_NAMED_WARNING, RulesExtractor
from creditctl.pipeline.matching import match_claim, parties_found
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext
from creditctl.services import review

_CLAIM = ClaimCandidate(
    claim_id=7,
    client_id=3,
    client_file_number="2026-0117",
    client_name="Jeroen de Vries",
    creditor_name="Noordzee Energie B.V.",
    creditor_emails=("incasso@noordzee-energie.example",),
    creditor_reference="4471-2290",
)
_OTHER = ClaimCandidate(
    claim_id=8,
    client_id=4,
    client_file_number="2026-0118",
    client_name="Anna Keller",
    creditor_name="Stadtwerke Nord GmbH",
    creditor_emails=("forderung@stadtwerke-nord.example",),
)

# the client named, no creditor name written, sent from the claim's stored address
_BODIES = [
    "Dear Sir or Madam,\n\nregarding your client Jeroen de Vries, our reference 4471-2290, the outstanding "
    "balance is EUR 1,234.56.\n\nKind regards\nAccounts team",
    "Geachte heer, mevrouw,\n\nInzake uw cliënt Jeroen de Vries, ons kenmerk 4471-2290, bedraagt de openstaande "
    "vordering € 1.234,56.\n\nMet vriendelijke groet,\nDebiteurenadministratie",
    "Sehr geehrte Damen und Herren,\n\nbetreffend Ihren Mandanten Jeroen de Vries, unser Zeichen 4471-2290, "
    "beträgt die offene Forderung 1.234,56 EUR.\n\nMit freundlichen Grüßen\nForderungsmanagement",
]


def _read_and_match(body: str, sender: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email=sender, from_name="Team"))
    match = match_claim(result, MatchContext(from_email=sender, reply_text=body), [_CLAIM, _OTHER])
    candidates = [{"claim_id": c.claim_id, "reasons": list(c.reasons)} for c in match.candidates]
    return result.model_dump(mode="json"), candidates


@pytest.mark.parametrize("body", _BODIES)
def test_a_reply_naming_its_client_from_the_stored_address_has_no_not_named_warning(body: str) -> None:
    extraction, candidates = _read_and_match(body, "incasso@noordzee-energie.example")
    assert NOT_NAMED_WARNING in extraction["warnings"]  # the reading alone cannot tell the sender
    item = {"candidates": candidates, "best_claim_id": 7, "offer": {"withheld": []}, "extracted": {"total": None}}
    warnings = review._warnings(extraction, item)
    assert not [w for w in warnings if "not named" in w]


@pytest.mark.parametrize("body", _BODIES)
def test_a_reply_from_an_unknown_sender_still_says_the_creditor_is_not_named(body: str) -> None:
    extraction, candidates = _read_and_match(body, "someone@mailbox.example")
    item = {"candidates": candidates, "best_claim_id": None, "offer": {"withheld": []}, "extracted": {"total": None}}
    assert review.CREDITOR_NOT_NAMED in review._warnings(extraction, item)
    assert NOT_NAMED_WARNING not in review._warnings(extraction, item)


@pytest.mark.parametrize(
    ("reasons", "found"),
    [
        (["sender address matches", "creditor reference 4471-2290 matches"], (True, True)),
        (["sender domain noordzee-energie.example matches", "client name 0.98"], (True, True)),
        (["client name stated in the reply", "creditor name 0.91"], (True, True)),
        (["reply in the claim's thread", "client file number 2026-0117 matches"], (True, True)),
        (["agent name 0.92", "client date of birth matches"], (True, True)),
        # near misses: a foreign sender in the thread, a differing original creditor, a penalty
        (["reply in the claim's thread, sender unknown"], (False, False)),
        (["original creditor Stadtwerke Nord GmbH differs", "file number names another client"], (False, False)),
        (["client name 0.85"], (False, True)),
        (["sender address matches"], (True, False)),
        ([], (False, False)),
    ],
)
def test_parties_found_reads_the_matchers_reasons(reasons: list[str], found: tuple[bool, bool]) -> None:
    assert parties_found(reasons) == found


def _email(claim_id: int | None = None) -> Any:
    return SimpleNamespace(match={"claim_id": claim_id} if claim_id else {}, from_name="Team", from_email="x@y.example")


def test_the_queue_marks_no_sender_unknown_when_the_matcher_knows_the_sender() -> None:
    known = [{"claim_id": 7, "creditor_name": "Noordzee Energie B.V.", "reasons": ["sender address matches"]}]
    unknown = [{"claim_id": 7, "creditor_name": "Noordzee Energie B.V.", "reasons": ["client name 0.98"]}]
    assert review._creditor_from_candidate(_email(), {}, known) is False
    assert review._creditor_from_candidate(_email(), {}, unknown) is True
    # a creditor name read from the reply is never "unknown"
    assert review._creditor_from_candidate(_email(), {"creditor_name": "Noordzee Energie"}, unknown) is False


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "total 1568.00 is a rise of 900% from the stored 156.80 (more than 200%): a person checks it",
            "total 1234.00 is a rise of 295% from the stored 312.40 (more than 200%): a person checks it",
        ),
        (
            "total 3598.14 is a drop of 60% from the stored 8950.00 (more than 50%): a person checks it",
            "total 120.00 is a drop of 90% from the stored 1200.00 (more than 50%)",
        ),
    ],
)
def test_the_reason_filter_groups_a_wrapped_reason_by_its_kind_not_its_figures(first: str, second: str) -> None:
    from creditctl.desk.reasons import family_of

    assert family_of(first) is not None
    assert family_of(first) == family_of(second)
    # near miss: a reason of another kind is another entry; one without figures is its own
    assert family_of(first) != family_of("best score 0.45 below 0.60")
    assert family_of("reply states no claim: a person decides") is None

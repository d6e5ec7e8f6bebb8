"""What the matcher found of a claim's creditor and client, as facts on its result
(``ScoredCandidate.creditor_found`` / ``client_found``), stored with the match
(``decide.match_document``), and the desk's warnings and queue mark that read them
(``services.review``) — never the reason words."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput, ExtractionResult
from creditctl.pipeline.extraction.rules import NOT_NAMED_WARNING, RulesExtractor
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchResult
from creditctl.services import review
from creditctl.services.decide import match_document

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
    return result.model_dump(mode="json"), _stored(match)


def _stored(match: MatchResult) -> list[dict[str, Any]]:
    """The candidates as the email's stored match carries them (what the desk reads)."""
    verdict = SimpleNamespace(
        match_status=match.status,
        claim_id=match.claim_id,
        apply=False,
        processing_status="completed",
        reasons=(),
        notes=(),
        readings=(),
        injection=None,
        credit=None,
        amount=None,
    )
    return list(match_document(match, verdict)["candidates"])  # type: ignore[arg-type]


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
    item: dict[str, Any] = {
        "candidates": candidates,
        "best_claim_id": None,
        "offer": {"withheld": []},
        "extracted": {"total": None},
    }
    assert review.CREDITOR_NOT_NAMED in review._warnings(extraction, item)
    assert NOT_NAMED_WARNING not in review._warnings(extraction, item)


_AGENT_CLAIM = ClaimCandidate(
    claim_id=9,
    client_id=5,
    client_file_number="2026-0119",
    client_name="Marie Dubois",
    creditor_name="Banque Rhône SA",
    agent_name="Recouvra Loire SAS",
    creditor_reference="RL-2024-55190",
    client_date_of_birth=None,
    zendesk_ticket_id="5501",
)


def _found(
    extraction: ExtractionResult, ctx: MatchContext, claims: list[ClaimCandidate]
) -> dict[int, tuple[bool, bool]]:
    return {c.claim_id: (c.creditor_found, c.client_found) for c in match_claim(extraction, ctx, claims).candidates}


@pytest.mark.parametrize(
    ("extraction", "ctx", "found"),
    [
        # the reference and the stored address: both parties
        (
            ExtractionResult(is_creditor_reply=True, creditor_references=["4471-2290"]),
            MatchContext(from_email="incasso@noordzee-energie.example"),
            {7: (True, True)},
        ),
        # the client's name and the stored domain (another mailbox of it)
        (
            ExtractionResult(is_creditor_reply=True, client_name="Jeroen de Vries"),
            MatchContext(from_email="klantenservice@noordzee-energie.example"),
            {7: (True, True)},
        ),
        # the creditor's name written, the client by file number, an unknown sender
        (
            ExtractionResult(
                is_creditor_reply=True, creditor_name="Noordzee Energie BV", client_file_number="2026-0117"
            ),
            MatchContext(from_email="someone@mailbox.example"),
            {7: (True, True)},
        ),
        # the claim's agent writing, the claim by reference
        (
            ExtractionResult(
                is_creditor_reply=True, creditor_name="Recouvra Loire SAS", creditor_references=["RL-2024-55190"]
            ),
            MatchContext(from_email="service@recouvra.example"),
            {9: (True, True)},
        ),
        # near misses: the client's name only, from an unknown sender — no creditor found
        (
            ExtractionResult(is_creditor_reply=True, client_name="Jeroen de Vries"),
            MatchContext(from_email="someone@mailbox.example"),
            {7: (False, True)},
        ),
        # the claim's thread from a sender not known for it: neither party
        (
            ExtractionResult(is_creditor_reply=True),
            MatchContext(ticket_id="5501", from_email="someone@mailbox.example"),
            {9: (False, False)},
        ),
        # the claim's thread from an unknown address that names the claim's agent: creditor only
        (
            ExtractionResult(is_creditor_reply=True, creditor_name="Recouvra Loire SAS"),
            MatchContext(ticket_id="5501", from_email="someone@mailbox.example"),
            {9: (True, False)},
        ),
        # no client evidence at all, the sender stored for a claim: that claim, creditor only
        (
            ExtractionResult(is_creditor_reply=True),
            MatchContext(from_email="forderung@stadtwerke-nord.example"),
            {8: (True, False)},
        ),
    ],
)
def test_the_matcher_states_which_parties_it_found(
    extraction: ExtractionResult, ctx: MatchContext, found: dict[int, tuple[bool, bool]]
) -> None:
    got = _found(extraction, ctx, [_CLAIM, _OTHER, _AGENT_CLAIM])
    assert {k: got.get(k) for k in found} == found


def test_the_stored_match_carries_the_facts_and_the_desk_reads_them_not_the_words() -> None:
    extraction, stored = _read_and_match(_BODIES[0], "incasso@noordzee-energie.example")
    assert stored[0]["creditor_found"] is True and stored[0]["client_found"] is True
    # the words alone say nothing to the desk: a candidate whose reasons read "sender address
    # matches" but whose facts say otherwise is treated by the facts
    worded = [{**stored[0], "creditor_found": False, "client_found": False}]
    item = {"candidates": worded, "best_claim_id": 7, "offer": {"withheld": []}, "extracted": {"total": None}}
    assert NOT_NAMED_WARNING in review._warnings(
        {
            **extraction,
            "creditor_name": None,
            "client_name": None,
            "client_file_number": None,
            "creditor_references": [],
        },
        item,
    )


def _email(claim_id: int | None = None) -> Any:
    return SimpleNamespace(match={"claim_id": claim_id} if claim_id else {}, from_name="Team", from_email="x@y.example")


def test_the_queue_marks_no_sender_unknown_when_the_matcher_knows_the_sender() -> None:
    known = [{"claim_id": 7, "creditor_name": "Noordzee Energie B.V.", "creditor_found": True, "client_found": True}]
    unknown = [{"claim_id": 7, "creditor_name": "Noordzee Energie B.V.", "creditor_found": False, "client_found": True}]
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


@pytest.mark.parametrize("body", _BODIES)
def test_status_id_restates_not_named_with_the_stored_facts(body: str) -> None:
    """``status ID`` shows the reading's warnings as the desk does (``review.reading_warnings``):
    a reply naming its client from the claim's stored address has no "not named" warning; from
    an unknown sender the creditor is the one not named."""
    extraction, known = _read_and_match(body, "incasso@noordzee-energie.example")
    assert NOT_NAMED_WARNING in extraction["warnings"]
    match = {"claim_id": 7, "candidates": known}
    assert not [w for w in review.reading_warnings(extraction, match) if "not named" in w]
    extraction, unknown = _read_and_match(body, "someone@mailbox.example")
    shown = review.reading_warnings(extraction, {"claim_id": None, "candidates": unknown})
    assert review.CREDITOR_NOT_NAMED in shown and NOT_NAMED_WARNING not in shown

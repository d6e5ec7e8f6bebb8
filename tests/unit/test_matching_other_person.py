"""A reply naming a relative or namesake of the claim's client is not the client's reply.

Found by an operator trial: a collection agency answered on the claim's own ticket, from the
claim's sender, "zu Herrn Peter Langhof beträgt unsere Forderung 1.410,00 EUR" — the claim's
client is Petra Langhoff — and the figure was applied to her claim. The surnames pair up, the
given names do not: another person (``names.other_person``), held by the matcher with that
reason however strongly the thread, the sender or a reference points to the claim.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import ExtractionResult, ReplyKind
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchStatus
from creditctl.pipeline.names import other_person

AGENCY = "forderungen@creditreform-bonn.example"


@pytest.mark.parametrize(
    ("named", "client"),
    [
        ("Peter Langhof", "Petra Langhoff"),  # de: another given name, the surname one typo apart
        ("Herrn Peter Langhoff", "Frau Petra Langhoff"),
        ("Michael Weber", "Michaela Weber"),
        ("Daniel Schulz", "Daniela Schulz"),
        ("Anna Schulz", "Hanna Schulz"),
        ("Jan Kowalski", "Jana Kowalski"),  # pl
        ("Mr Paul Hughes", "Paula Hughes"),  # en
        ("M. Jean Dupont", "Jeanne Dupont"),  # fr: "M." is a title here, not an initial
        ("de heer Jan de Vries", "Janneke de Vries"),  # nl
        ("Giovanni Rossi", "Giovanna Rossi"),  # it
        ("Francisco García", "Francisca Garcia"),  # es
        ("Lars Nilsson", "Lena Nilsson"),  # sv
        ("Kowalski, Piotr", "Anna Kowalski"),  # surname first with a comma
    ],
)
def test_a_relative_or_namesake_is_another_person(named: str, client: str) -> None:
    assert other_person(named, client)


@pytest.mark.parametrize(
    ("named", "client"),
    [
        ("Petra Langhof", "Petra Langhoff"),  # one typo in the surname
        ("P. Langhoff", "Petra Langhoff"),  # an initial
        ("Frau P. Langhoff", "Petra Langhoff"),
        ("Langhoff, Petra", "Petra Langhoff"),
        ("LANGHOFF, Petra", "Petra Langhoff"),
        ("Weber Michael", "Michael Weber"),  # surname first without a comma
        ("Petra Maria Langhoff", "Petra Langhoff"),  # a middle name
        ("Hans-Peter Müller", "Peter Müller"),  # a double given name
        ("Jürgen Müller", "Juergen Mueller"),  # transliteration
        ("Mehmet Yılmaz", "Mehmet Yilmaz"),
        ("José García", "Jose Garcia"),
        ("Mohamed Alhaddad", "Mohammed Al-Haddad"),  # a doubled letter, a particle
        ("Mathias Schmitt", "Matthias Schmitt"),
        ("Sabine Maier", "Sabine Meyer"),  # a surname spelling: left to person_similarity
        ("Langhoff", "Petra Langhoff"),  # a surname alone: not judged
        ("Lena Voss", "Claudia Fischer"),  # no surname in common (a misread name): not judged
        ("", "Petra Langhoff"),
    ],
)
def test_the_same_person_in_another_spelling_is_not_another_person(named: str, client: str) -> None:
    assert not other_person(named, client)


CLAIM = ClaimCandidate(
    claim_id=1,
    client_id=1,
    client_file_number="BÖ-2026-0101",
    client_name="Petra Langhoff",
    creditor_name="Telekom Deutschland GmbH",
    agent_name="Creditreform Bonn",
    creditor_emails=(AGENCY,),
    creditor_reference="TK-4471-0092",
    amount=Decimal("1298.40"),
    zendesk_ticket_id="9001",
)


def _reply(client_name: str, refs: list[str] | None = None) -> ExtractionResult:
    return ExtractionResult(
        is_creditor_reply=True,
        reply_kind=ReplyKind.CLAIM_STATEMENT,
        client_name=client_name,
        creditor_references=refs or [],
        total=Decimal("1410.00"),
    )


def _ctx() -> MatchContext:
    return MatchContext(ticket_id="9001", side_conversation_id=None, from_email=AGENCY, from_name="Creditreform Bonn")


def test_the_claims_thread_and_sender_do_not_outweigh_another_person_named() -> None:
    result = match_claim(_reply("Peter Langhof"), _ctx(), [CLAIM])
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.claim_id is None
    assert result.reason == "the reply names Peter Langhof; claim 1's client is Petra Langhoff"


def test_the_claims_own_reference_outweighs_a_relative_named() -> None:
    # a funeral home names the deceased mother beside the son's claim reference
    result = match_claim(_reply("Peter Langhof", ["TK-4471-0092"]), _ctx(), [CLAIM])
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 1)


@pytest.mark.parametrize("named", ["Petra Langhoff", "Petra Langhof", "P. Langhoff", "Langhoff, Petra"])
def test_the_client_in_another_spelling_still_matches(named: str) -> None:
    result = match_claim(_reply(named), _ctx(), [CLAIM])
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 1)

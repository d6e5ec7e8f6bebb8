"""A reply naming ANOTHER client of the office is not the reply of the ticket's client.

Found by an operator trial: a creditor answered on Hans Brunnermann's ticket, from the address
stored for his claim, "in der Sache Frau Giulia Ferraresi beträgt unsere Forderung 1.150,00
EUR" — Giulia Ferraresi is another client of ours — and the figure was applied to his claim
(thread and sender only, no client evidence for it). When the reply names another client (a
strong name match to that client's record, or that client's claim reference or file number)
and not the chosen claim's client, the matcher holds with a reason naming the other client
(``matching._other_client_reason``); a reply naming the chosen client still applies.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import Amounts, ExtractionInput, ExtractionResult, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.gate import decide, hold_kind
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchResult, MatchStatus
from creditctl.pipeline.safety import SafetyReport

SENDER = "forderung@rheinland-inkasso.example"
BRUNNERMANN = ClaimCandidate(
    claim_id=11,
    client_id=1,
    client_file_number="BÖ-2026-0011",
    client_name="Hans Brunnermann",
    creditor_name="Rheinland Inkasso GmbH",
    creditor_emails=(SENDER,),
    creditor_reference="RI-55120-7",
    amount=Decimal("1020.00"),
    zendesk_ticket_id="7001",
)
FERRARESI = ClaimCandidate(
    claim_id=22,
    client_id=2,
    client_file_number="BÖ-2026-0022",
    client_name="Giulia Ferraresi",
    creditor_name="Stadtwerke Lindau",
    creditor_emails=("kasse@stadtwerke-lindau.example",),
    creditor_reference="SWL-88301",
    amount=Decimal("1100.00"),
    zendesk_ticket_id="7002",
)
PEMBERTON = ClaimCandidate(
    claim_id=33,
    client_id=3,
    client_file_number="BÖ-2026-0033",
    client_name="Oliver Pemberton",
    creditor_name="Lowell Financial Ltd",
    creditor_emails=("claims@lowell-financial.example",),
    creditor_reference="LW-4471902",
    amount=Decimal("640.00"),
    zendesk_ticket_id="7003",
)
CLAIMS = [BRUNNERMANN, FERRARESI, PEMBERTON]


def _match(body: str, quoted: str = "", signature: str = "") -> MatchResult:
    extraction = RulesExtractor().extract(
        ExtractionInput(reply_text=body, from_email=SENDER, quoted_text=quoted, signature_text=signature)
    )
    ctx = MatchContext(ticket_id="7001", from_email=SENDER, from_name="Rheinland Inkasso", reply_text=body)
    return match_claim(extraction, ctx, CLAIMS)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (
            "Sehr geehrte Damen und Herren,\nin der Sache Frau Giulia Ferraresi beträgt unsere Forderung 1.150,00 EUR.",
            "Giulia Ferraresi",
        ),  # de
        (
            "Sehr geehrte Damen und Herren,\nzu Herrn Oliver Pemberton beträgt die Gesamtforderung 1.150,00 EUR.",
            "Oliver Pemberton",
        ),
        (
            "Dear Sir or Madam,\nregarding Mrs Giulia Ferraresi, the outstanding balance is EUR 1,150.00.",
            "Giulia Ferraresi",
        ),  # en
        ("Dear Sir or Madam,\nre Mr Oliver Pemberton: the total amount due is EUR 1,150.00.", "Oliver Pemberton"),
        (
            "Geachte heer/mevrouw,\ninzake Mevrouw Giulia Ferraresi bedraagt onze vordering € 1.150,00.",
            "Giulia Ferraresi",
        ),  # nl
        (
            "Madame, Monsieur,\nconcernant Madame Giulia Ferraresi, le solde restant dû est de 1 150,00 EUR.",
            "Giulia Ferraresi",
        ),  # fr
        (
            "Gentili Signori,\nin merito alla Signora Giulia Ferraresi il saldo dovuto è di 1.150,00 EUR.",
            "Giulia Ferraresi",
        ),  # it
    ],
)
def test_a_reply_naming_another_client_on_the_ticket_is_held(body: str, named: str) -> None:
    result = _match(body)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.claim_id is None
    assert named in result.reason and "another client of ours" in result.reason


def test_the_reason_names_both_clients() -> None:
    result = _match(
        "Sehr geehrte Damen und Herren,\nin der Sache Frau Giulia Ferraresi beträgt unsere Forderung 1.150,00 EUR."
    )
    assert result.reason == (
        "the reply names Giulia Ferraresi, another client of ours, not Hans Brunnermann: a person assigns it"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Sehr geehrte Damen und Herren,\nunsere Forderung zum Az. LW-4471902 beträgt 1.150,00 EUR.",  # de
        "Dear Sir or Madam,\nthe balance on account LW-4471902 is EUR 1,150.00.",  # en
        "Madame, Monsieur,\nle solde du dossier BÖ-2026-0033 est de 1 150,00 EUR.",  # fr: the file number
    ],
)
def test_another_claims_reference_or_file_number_alone_outweighs_the_thread(body: str) -> None:
    result = _match(body)
    assert result.status is MatchStatus.NEEDS_REVIEW
    assert result.claim_id is None


@pytest.mark.parametrize(
    "body",
    [
        # the chosen client named
        "Sehr geehrte Damen und Herren,\nin der Sache Herrn Hans Brunnermann beträgt unsere Forderung 1.150,00 EUR.",
        "Dear Sir or Madam,\nregarding Mr Hans Brunnermann, the outstanding balance is EUR 1,150.00.",
        # a company or a caseworker's name that is no client of ours
        "Sehr geehrte Damen und Herren,\nim Auftrag der Lindner Versand GmbH beträgt unsere Forderung 1.150,00 EUR.\n"
        "Ihr Ansprechpartner: Herr Markus Feldhaus",
        "Dear Sir or Madam,\nthe outstanding balance is EUR 1,150.00. Your contact: Mrs Sarah Whitfield",
        # the thread's client by reference
        "Sehr geehrte Damen und Herren,\nzu Az. RI-55120-7 beträgt unsere Forderung 1.150,00 EUR.",
    ],
)
def test_a_reply_naming_no_other_client_still_applies(body: str) -> None:
    result = _match(body)
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 11)


def test_the_offices_caseworker_in_the_signature_is_no_other_client() -> None:
    result = _match(
        "Sehr geehrte Damen und Herren,\nunsere Forderung beträgt 1.150,00 EUR.",
        signature="Mit freundlichen Grüßen\nFrau Giulia Ferraresi\nSachbearbeitung",
    )
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 11)


def test_a_client_named_only_in_the_quoted_office_letter_is_no_other_client() -> None:
    result = _match(
        "Sehr geehrte Damen und Herren,\nunsere Forderung beträgt 1.150,00 EUR.",
        quoted="Schuldnerberatung Nord\nBetreff: Herr Hans Brunnermann, Az. BÖ-2026-0011\n"
        "Bitte teilen Sie uns die aktuelle Forderung mit. Ihre Ansprechpartnerin: Frau Sarah Whitfield",
    )
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 11)


def test_a_reply_naming_both_clients_keeps_the_several_claims_rule() -> None:
    # both named: the other rules decide (here the margin between the two clients' claims)
    result = _match(
        "Sehr geehrte Damen und Herren,\nzu Herrn Hans Brunnermann und Frau Giulia Ferraresi "
        "beträgt unsere Forderung 1.150,00 EUR."
    )
    assert "another client of ours" not in result.reason


OTHER_CLIENT = "the reply names Giulia Ferraresi, another client of ours, not Hans Brunnermann: a person assigns it"
RISE = "total 1150.00 is a rise of 134% from the stored 491.45 (more than 100%): a person checks it"


@pytest.mark.parametrize(
    "reason",
    [OTHER_CLIENT, "the reply names Peter Langhof; claim 1's client is Petra Langhoff"],
)
def test_another_client_or_person_is_a_matching_hold(reason: str) -> None:
    assert hold_kind(reason) == "matching"


def test_an_implausible_figure_and_the_client_doubt_are_both_listed() -> None:
    extraction = ExtractionResult(
        is_creditor_reply=True,
        reply_kind=ReplyKind.CLAIM_STATEMENT,
        amounts=Amounts(total=Decimal("1150.00")),
        currency="EUR",
        confidence=0.9,
    )
    match = MatchResult(MatchStatus.NEEDS_REVIEW, score=0.97, reason=OTHER_CLIENT)
    verdict = decide(extraction, match, [], claim_currency="EUR", safety=SafetyReport(reasons=(RISE,)))
    assert verdict.reasons == (RISE, OTHER_CLIENT)

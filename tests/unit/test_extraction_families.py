"""Families of creditor wording the rules extractor reads (second reading round).

Each table states inputs in several languages and what must (or must not) come out;
the near-misses ("wir bestreiten … nicht", "has not been paid in full") are part of
every family.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels
from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.parties import signed_organisation, without_genitive
from creditctl.pipeline.extraction.references import find_bracketed_references, find_references
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.extraction.rules import RulesExtractor


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Wir bestreiten die Teilzahlung nicht.", ReplyKind.CLAIM_STATEMENT),
        ("Wir bestreiten die Forderung.", ReplyKind.DISPUTE),
        ("Vi bestrider ikke kravet.", ReplyKind.CLAIM_STATEMENT),
        ("Vi bestrider kravet.", ReplyKind.DISPUTE),
        ("Non contestiamo il pagamento.", ReplyKind.CLAIM_STATEMENT),
        ("Wij betwisten de vordering niet.", ReplyKind.CLAIM_STATEMENT),
        ("We contest your client's claim.", ReplyKind.DISPUTE),
        ("The bill has not been paid in full.", ReplyKind.CLAIM_STATEMENT),
        ("The bill has been paid in full.", ReplyKind.CLAIM_SETTLED),
        ("Der er betalt 500 kr. på sagen.", ReplyKind.CLAIM_STATEMENT),
        ("Fakturaen er betalt.", ReplyKind.CLAIM_SETTLED),
        ("Lasku on maksettu.", ReplyKind.CLAIM_SETTLED),
        ("La facture n'est pas soldée.", ReplyKind.CLAIM_STATEMENT),
        ("Le compte de votre cliente est soldé.", ReplyKind.CLAIM_SETTLED),
        ("Il Sig. Greco ha estinto il debito.", ReplyKind.CLAIM_SETTLED),
        ("Das Konto wurde glattgestellt.", ReplyKind.CLAIM_SETTLED),
        ("Een betalingsregeling van € 25,00 per maand is helaas niet mogelijk.", ReplyKind.CLAIM_STATEMENT),
        ("Non è possibile accordare un saldo e stralcio.", ReplyKind.CLAIM_STATEMENT),
        ("Siamo disponibili a un saldo e stralcio di € 900,00.", ReplyKind.SETTLEMENT_PROPOSAL),
        ("Vi behöver en fullmakt.", ReplyKind.DOCUMENT_REQUEST),
        ("Tarvitsemme valtakirjan.", ReplyKind.DOCUMENT_REQUEST),
        ("The account has not been sold or assigned to any third party.", ReplyKind.CLAIM_STATEMENT),
        ("The account was sold to Lowmoor Portfolio Ltd.", ReplyKind.CLAIM_ASSIGNED),
        ("Den Widerspruch Ihres Mandanten können wir nicht anerkennen.", ReplyKind.DISPUTE),
        ("Wij wijzen het verzoek van uw cliënte tot kwijtschelding af.", ReplyKind.DISPUTE),
        ("Il Sig. Riva non risulta tra i nostri clienti.", ReplyKind.CLIENT_UNKNOWN),
        ("The account has been closed and there is nothing further owed.", ReplyKind.CLAIM_SETTLED),
        ("Wij stellen een schikking voor van € 1.300,00.", ReplyKind.SETTLEMENT_PROPOSAL),
        ("Emme hyväksy asiakkaanne muistutusta.", ReplyKind.DISPUTE),
        ("In assenza di una delega sottoscritta non possiamo fornire informazioni.", ReplyKind.DOCUMENT_REQUEST),
        ("No impugnamos el pago realizado.", ReplyKind.CLAIM_STATEMENT),
        ("En afdragsordning er desværre ikke mulig.", ReplyKind.CLAIM_STATEMENT),
    ],
)
def test_reply_kind_families_and_near_misses(text: str, kind: ReplyKind) -> None:
    assert classify_text(text, has_claim_amount=True).kind is kind


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Kassenzeichen 5.1234.567890.3", ["5.1234.567890.3"]),
        ("Beitragsnummer 512 345 678", ["512 345 678"]),
        ("Ihre Anfrage (557120) – Herr Krämer", ["557120"]),
        ("Your request [#4471209] has been updated", ["4471209"]),
        ("Case: 00123456", ["00123456"]),
        ("N.º de cliente: 445566", ["445566"]),
        ("Référence dossier : RC-2026-88412", ["RC-2026-88412"]),
        ("au titre du contrat numéro 00441298", ["00441298"]),
        ("Referencia del contrato: 0049-1182-77", ["0049-1182-77"]),
        ("Saksnr: 2026-55120", ["2026-55120"]),
        ("Mieternummer: 0815-2210, Telefonnummer 0711 12345", ["0815-2210"]),
        ("verurteilt vom Amtsgericht Hagen (Az. 12 C 345/26). Unser Zeichen: KX/4471-26", ["KX/4471-26"]),
    ],
)
def test_reference_families(text: str, refs: list[str]) -> None:
    assert [r.value for r in find_references(text)] == refs


def test_an_unlabelled_id_in_brackets_after_the_clients_name_is_a_reference() -> None:
    found = find_bracketed_references("die Forderung gegen Frau Tamara Reinholz (RPI-7712-4408-19) wurde verkauft")
    assert [r.value for r in found] == ["RPI-7712-4408-19"]
    assert find_bracketed_references("Frau Tamara Reinholz (geb. 01.02.1980)") == []


def test_the_last_row_of_a_running_balance_column_is_the_total() -> None:
    text = (
        "Date | Description | Amount | Balance\n01/08/2026 | Balance brought forward | | £1,250.00\n"
        "20/08/2026 | Payment | -£100.00 | £1,150.00\n01/09/2026 | Interest | £12.30 | £1,162.30\n"
    )
    found = amounts_with_labels(text)
    totals = [f.amount for f in found if amount_role(f) == "total"]
    assert totals == [Decimal("1162.30")]
    assert [amount_role(f) for f in found if f.amount == Decimal("12.30")] == ["interest"]


def test_a_rest_word_after_a_payment_word_names_the_total() -> None:
    [found] = amounts_with_labels("Nach Verrechnung beträgt die Restforderung 1.480,00 €.")
    assert amount_role(found) == "total"
    [found] = amounts_with_labels("Die Restforderung nach Abzug der Rate von 50,00 €.")
    assert amount_role(found) == "other"


def test_genitive_and_signed_organisation() -> None:
    assert without_genitive("Kari Olsens", "SV: Kari Olsen") == "Kari Olsen"
    assert without_genitive("Timo Laineen", "VS: Timo Laine") == "Timo Laine"
    assert without_genitive("Anna Peters", "Frau Anna Peters") == "Anna Peters"
    assert (
        signed_organisation("Beitragsservice Nord", ("Mit freundlichen Grüßen\nBeitragsservice Nord\n",))
        == "Beitragsservice Nord"
    )
    assert signed_organisation("Petra Wolff", ("Petra Wolff\n",)) is None
    assert signed_organisation("Beitragsservice Nord", ("Mit freundlichen Grüßen\n",)) is None


@pytest.mark.parametrize(
    ("language", "currency", "certain_possible"),
    [("sv", "SEK", False), ("no", "NOK", False), ("de", None, False)],
)
def test_kr_from_a_non_nordic_domain_is_read_by_language_and_held(
    language: str, currency: str | None, certain_possible: bool
) -> None:
    result = RulesExtractor().extract(
        ExtractionInput(
            reply_text="Hej,\n\nUtestående skuld uppgår till 12 345,50 kr.\n\nNordinkasso AB\n",
            from_email="a@nordinkasso.com",
            from_name="Nordinkasso AB",
            language=language,
        )
    )
    assert result.currency == currency
    assert result.amounts.total == Decimal("12345.50")
    assert (result.confidence >= 0.8) is certain_possible

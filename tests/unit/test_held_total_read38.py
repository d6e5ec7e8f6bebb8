"""Reading round 38: the total of held mail (docs/evaluation.md, "The total of a held reply").

A sold, assigned or handed-over claim's figure and the sum court or bailiff mail enforces are read as
the held reply's total, in several languages; near-misses (a fee, an instalment, a deadline's payment,
an offer beside the enforced sum) are not; the kind still holds every one of them, and review never
offers a held kind's figure as the amount to apply.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.held_total import held_figure
from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.services.review import HELD_KIND_FIGURE, amount_offer

SALE_FIGURES = [
    ("Zum Verkaufszeitpunkt betrug der Saldo 3.912,44 EUR.", "3912.44"),
    ("Der Rückstand betrug bei Übergabe 768,90 €.", "768.90"),
    ("At the time of the sale the balance was £2,364.81.", "2364.81"),
    ("Ten tijde van de overdracht bedroeg het saldo € 1.061,30.", "1061.30"),
    ("Au moment de la cession, le solde s'élevait à 502,70 €.", "502.70"),
    ("Al momento della cessione il debito ammontava a 4.630,00 €.", "4630.00"),
    ("En el momento de la cesión la deuda ascendía a 2.901,00 €.", "2901.00"),
    ("Ved overdragelsen var saldoen 3 612,00 NOK.", "3612.00"),
]
ENFORCED_SUMS = [
    ("Betriebene Forderung samt Kosten: EUR 312,40", "312.40"),
    ("Kwota egzekwowana wraz z odsetkami i kosztami: 9 210,40 zł", "9210.40"),
    ("Judgment sum: £1,318.22", "1318.22"),
    ("Montant poursuivi : 1 028,55 €", "1028.55"),
    ("Somma precettata: 3.200,00 €", "3200.00"),
    ("Ulosotossa perittävä määrä on 512,40 €.", "512.40"),
]
NEAR_MISSES = [
    "Gebühr des Gerichtsvollziehers bei Übergabe: 35,00 EUR",  # a fee
    "Bei Übergabe wurde eine monatliche Rate von 50,00 € vereinbart.",  # an instalment
    "At the time of the sale a payment of £120.00 was received.",  # a payment
    "Betriebene Forderung: bitte zahlen Sie bis zum 10.12.2026 einen Betrag von 150,00 EUR.",  # a deadline sum
    "Montant poursuivi : 1 028,55 €. Montant poursuivi après remise : 900,00 €.",  # two figures: none
    "Der Saldo beträgt 1.234,00 EUR.",  # no anchor: the ordinary rules decide
]


@pytest.mark.parametrize(("text", "figure"), SALE_FIGURES)
def test_the_figure_at_a_sale_or_hand_over_is_read_in_every_language(text: str, figure: str) -> None:
    found = held_figure([text], enforcement=False)
    assert found is not None and found.amount == Decimal(figure)


@pytest.mark.parametrize(("text", "figure"), ENFORCED_SUMS)
def test_the_enforced_sum_is_read_for_enforcement_only(text: str, figure: str) -> None:
    found = held_figure([text], enforcement=True)
    assert found is not None and found.amount == Decimal(figure)
    assert held_figure([text], enforcement=False) is None  # not for a sale's reply


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_fee_instalment_payment_deadline_sum_or_two_figures_is_not_the_held_total(text: str) -> None:
    assert held_figure([text], enforcement=True) is None


def _sold(body: str) -> ExtractionInput:
    return ExtractionInput(
        reply_text=body + "\n\nMit freundlichen Grüßen\nSparkasse Vorderpfalz AG",
        subject="AW: Jürgen Albrecht",
        from_email="kredit@sparkasse.example",
        from_name="Sparkasse Vorderpfalz AG",
    )


def test_a_sold_claims_figure_at_the_sale_is_read_never_certain() -> None:
    body = (
        "die Forderung aus dem Darlehensvertrag Nr. 4402118733 haben wir an die Aurum Portfolio GmbH verkauft "
        "und abgetreten.\nZum Verkaufszeitpunkt betrug der Saldo 3.912,44 EUR."
    )
    result = RulesExtractor().extract(_sold(body))
    assert result.reply_kind is ReplyKind.CLAIM_ASSIGNED
    assert (result.amounts.total, result.currency) == (Decimal("3912.44"), "EUR")
    assert result.confidence < 0.8


def test_the_new_holders_balance_beats_the_figure_at_the_sale() -> None:
    body = (
        "die Forderung haben wir am 30.09.2026 von der Sparkasse Vorderpfalz erworben. Zum Verkaufszeitpunkt "
        "betrug der Saldo 3.912,44 EUR. Die aktuelle Gesamtforderung beträgt 4.105,20 EUR."
    )
    result = RulesExtractor().extract(_sold(body))
    assert result.reply_kind is ReplyKind.CLAIM_ASSIGNED
    assert result.amounts.total == Decimal("4105.20")


def test_court_mail_reads_the_enforced_sum_not_the_fee() -> None:
    body = (
        "in der Zwangsvollstreckungssache Sparkasse Oberland ./. Jürgen Meier habe ich Termin zur Abnahme der "
        "Vermögensauskunft bestimmt.\n\nDie Forderung laut Vollstreckungsauftrag beträgt 3.702,55 EUR zuzüglich "
        "meiner Kosten.\nGebühr: 35,00 EUR"
    )
    result = RulesExtractor().extract(
        ExtractionInput(reply_text=body, from_name="Obergerichtsvollzieherin Hoffmann", from_email="gv@justiz.example")
    )
    assert (result.is_creditor_reply, result.reply_kind) == (False, ReplyKind.ENFORCEMENT)
    assert result.amounts.total == Decimal("3702.55")


@pytest.mark.parametrize("kind", sorted(HELD_KIND_FIGURE))
def test_review_never_offers_a_held_kinds_figure_even_without_a_stored_hold_reason(kind: str) -> None:
    extraction = {"reply_kind": kind, "amounts": {"total": "1512.40"}, "currency": "EUR"}
    offer = amount_offer(extraction, {"status": "needs_review"}, "EUR")
    assert offer["amount"] is None and HELD_KIND_FIGURE[kind] in offer["withheld"]


def test_review_still_offers_a_clear_statements_figure() -> None:
    extraction = {"reply_kind": "claim_statement", "amounts": {"total": "1512.40"}, "currency": "EUR"}
    assert amount_offer(extraction, {"status": "needs_review"}, "EUR")["amount"] == "1512.40"

"""Reading round 31 (read31): the current total, exact
(docs/evaluation.md, "Reading round 31 (read31)").

Each family: positives in several languages and near-misses that must keep their reading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels
from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor


def _roles(text: str) -> list[tuple[str, str | None]]:
    return [(str(f.amount), amount_role(f)) for f in amounts_with_labels(text)]


def _total(body: str) -> Decimal | None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="Re: claim", from_name="Creditor"))
    return result.amounts.total


# --- a payment's receipt and date, then the figure as it stands -------------------------------------

AFTER_RECEIPT = [
    "After the payment of £95.00 received on 20/11/2026, the balance outstanding is £115.00.",
    "Tras el pago parcial de 95,00 € recibido el 20/11/2026 el importe pendiente de pago asciende a 115,00 €.",
    "Após o pagamento de 95,00 € recebido em 20/11/2026, o saldo atual é de 115,00 €.",
    "Na de betaling van € 95,00 ontvangen op 20-11-2026, bedraagt het openstaande saldo € 115,00.",
    "Efter betalningen på 95,00 kr mottagen den 20/11/2026 är den utestående skulden 115,00 kr.",
    "Dopo il pagamento di € 95,00 ricevuto il 20/11/2026, il debito residuo è di € 115,00.",
]


@pytest.mark.parametrize("text", AFTER_RECEIPT)
def test_a_payments_receipt_names_the_payment_not_the_figure_after_it(text: str) -> None:
    assert _roles(text) == [("95.00", "other"), ("115.00", "total")]


def test_a_payment_named_by_its_date_alone_is_when_not_what() -> None:
    text = "Após o pagamento recebido em 30/11/2026, o montante em dívida do contrato LC-300781 é de 1.948,70 €."
    assert _roles(text) == [("1948.70", "total")]
    assert _total(text) == Decimal("1948.70")


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: a second payment received is still a payment
        "We received £95.00 on 20/11/2026 and a further £115.00 received on 25/11/2026.",
        "The payment of £95.00 received on 20/11/2026, and a further payment of £20.00.",
    ],
)
def test_a_second_payment_stays_a_payment(text: str) -> None:
    assert all(role == "other" for _, role in _roles(text))


# --- the figure now after an earlier one: "era di … ora è di" ------------------------------------------


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("Il debito era di € 820,00; dopo i versamenti di ottobre e novembre ora è di € 595,00.", "595.00"),
        ("La deuda era de 820,00 €; tras los pagos de octubre ahora es de 595,00 €.", "595.00"),
        ("O saldo anterior era de 1.940,00 €. Após o pagamento, o saldo atual é de 1.865,00 €.", "1865.00"),
        ("La dette était de 820,00 € ; après vos versements elle est désormais de 595,00 €.", "595.00"),
        ("De vordering bedroeg € 820,00; na uw betalingen is het saldo nu € 595,00.", "595.00"),
        (
            "Valor inicial da dívida: 640,00 €\nValor atualizado à data de 04/12/2026 (com juros e encargos): 702,30 €",
            "702.30",
        ),
    ],
)
def test_the_figure_now_beside_an_earlier_one(text: str, now: str) -> None:
    assert _total(text) == Decimal(now)


def test_the_earlier_figure_alone_is_no_claim_now() -> None:
    assert _total("Il debito era di € 820,00 alla data della Vostra lettera.") is None


# --- the future of "amounts to": a figure of a later date -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "l'importo da versare entro il 31/01/2027, comprensivo degli interessi maturandi a tale data, sarà di € 338,90.",
        "The amount payable by 31/01/2027, including interest to that date, will be £338.90.",
        "Le montant à régler au 31/01/2027, intérêts compris, sera de 338,90 €.",
        "El importe a pagar el 31/01/2027, con intereses, será de 338,90 €.",
        "O valor a pagar em 31/01/2027 será de 338,90 €.",
    ],
)
def test_a_future_figure_is_no_total(text: str) -> None:
    assert _roles(text) == [("338.90", "other")]
    assert _total(text) is None


def test_will_after_the_figure_is_not_its_future() -> None:
    assert _roles("The balance is £338.90 and it will be collected by direct debit.") == [("338.90", "total")]


# --- what a figure holds, said around it, is no component ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "per la pratica EN-8812-002 l'importo ancora dovuto è pari a € 1.236,40, comprensivo degli interessi di mora.",
        "ad oggi residuano € 1.425,30, comprensivi di interessi di mora.",
        "Il saldo (con interessi e spese) ammonta a € 812,40.",
        "The balance (with interest and charges) is £812.40.",
        "O valor em dívida (com juros e encargos) é de 812,40 €.",
        "El saldo pendiente (con intereses y gastos) asciende a 812,40 €.",
    ],
)
def test_an_inclusive_phrase_names_no_component(text: str) -> None:
    assert [role for _, role in _roles(text)] == ["total"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # near-misses: the component named by itself keeps its role
        ("Die Zinsen (mit 5 % p.a.) betragen 12,00 €.", "interest"),
        ("Gli interessi di mora ammontano a € 12,00.", "interest"),
        ("De vertragingsrente bedraagt € 21,35.", "interest"),
        ("Wettelijke rente € 21,35", "interest"),
    ],
)
def test_components_keep_their_role(text: str, role: str) -> None:
    assert [r for _, r in _roles(text)] == [role]


# --- a current account or month is no interest (Dutch "rente" compounds) ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "lo scoperto del conto corrente CC-0099123 intestato al Sig. Marco Bianchi ammonta a € 2.198,40.",
        "O saldo devedor da conta corrente 0099123 é de 2.198,40 €.",
        "Il saldo del mese corrente ammonta a € 2.198,40.",
    ],
)
def test_a_current_account_is_no_interest(text: str) -> None:
    assert [role for _, role in _roles(text)] == ["total"]

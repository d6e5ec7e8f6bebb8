"""Reading round 29 (docs/evaluation.md): clear replies of large senders applied, and figures for
several claims held — written as families with positives in several languages and near-misses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.labels import says_paid
from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.pipeline.reply_wording import settled_reasons
from creditctl.pipeline.safety_several import _identifiers, several_claims_problems


def _claim(ref: str) -> ClaimCandidate:
    return ClaimCandidate(
        claim_id=1,
        client_id=1,
        client_file_number="BÖ-2025-0314",
        client_name="Katharina Schulz",
        creditor_name="Stadtkasse Köln",
        creditor_reference=ref,
    )


@pytest.mark.parametrize(
    ("ref", "rows", "total"),
    [
        # a city's notices with dot-grouped numbers, one row each, then their sum
        (
            "540011207731",
            "Kassenzeichen 5400.1120.7731 (Grundbesitzabgaben)  312,30 EUR\n"
            "Kassenzeichen 5400.1120.8842 (Hundesteuer)  163,80 EUR\nZusammen offen: 476,10 EUR",
            "476.10",
        ),
        # an Italian collector's files with dots
        (
            "2026104471",
            "Pratica 2026.10.4471: € 812,40\nPratica 2026.10.4490: € 410,00\nTotale: € 1.222,40",
            "1222.40",
        ),
    ],
)
def test_rows_per_dot_grouped_identifier_then_their_sum_hold_as_several_claims(ref: str, rows: str, total: str) -> None:
    reasons = several_claims_problems(
        own_text="Sehr geehrte Damen und Herren,\n\n" + rows + "\n",
        matched=_claim(ref),
        candidates=[_claim(ref)],
        total=Decimal(total),
    )
    assert reasons and "several claims" in reasons[0]


def test_one_dot_grouped_notice_with_its_figure_still_applies() -> None:
    text = "Zum Kassenzeichen 5400.1120.7731 sind derzeit 312,30 EUR offen.\nStand: 30.11.2026\n"
    assert (
        several_claims_problems(own_text=text, matched=_claim("540011207731"), candidates=[], total=Decimal("312.30"))
        == []
    )


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("Kassenzeichen 5400.1120.7731  312,30 EUR", {"540011207731"}),
        ("Pratica 2026.10.4471: € 812,40", {"2026104471"}),
        # grouped like an amount, it stays an amount ("81.004.552")
        ("Police 81.004.552 CHF 388.20", set()),
        # dates and periods are still no identifiers, in every form
        ("Stand 30.11.2026: 312,30 EUR", set()),
        ("Zeitraum 07/2025-09/2025 312,30 EUR", set()),
        ("Abrechnung 2022/2023 312,30 EUR", set()),
        ("Zeitraum 2026.10 bis 2026.11: 312,30 EUR", set()),
        ("per 12.2026 312,30 EUR", set()),
        ("am 2026-11-30 312,30 EUR", set()),
    ],
)
def test_a_dot_grouped_number_is_an_identifier_and_a_date_is_none(sentence: str, keys: set[str]) -> None:
    assert _identifiers(sentence) == keys


@pytest.mark.parametrize(
    "after",
    [
        "se abonó el 28/11/2026",  # es, reflexive past
        "se pagó íntegramente",
        "betalades in i sin helhet den 30 november 2026",  # sv, s-passive
        "indbetaltes den 3. december",  # da
        "maksettiin 30.11.2026",  # fi
        "spłacono w całości",  # pl, impersonal
    ],
)
def test_a_reflexive_or_s_passive_past_says_the_figure_was_paid(after: str) -> None:
    assert says_paid(after)


@pytest.mark.parametrize(
    "after",
    [
        "se abonará el 30/12/2026",  # a future
        "betalades inte",  # negated after the verb
        "betaltes ikke",
        "se debe abonar antes del 15/12",
    ],
)
def test_a_future_or_negated_payment_is_no_payment(after: str) -> None:
    assert not says_paid(after)


@pytest.mark.parametrize(
    "text",
    [
        # a paid sum in apposition, its verb after the closing comma
        "la deuda ha quedado totalmente liquidada. El último plazo, por importe de 248,60 EUR, se abonó el 28/11/2026. "
        "Saldo pendiente a fecha de hoy: 0,00 EUR.",
        # the debt paid in full with a sum named after it
        "a dívida se encontra extinta. O valor em dívida de 640,00 € foi pago integralmente em 02/12/2026 com o montante "
        "de 675,20 €. Valor atualmente em dívida: 0,00 €.",
        # the original debt paid in full (s-passive)
        "ärendet är avslutat. Den ursprungliga skulden på 1 290,00 kr betalades in i sin helhet den 30 november 2026 "
        "(betalt belopp 1 290,00 kr). Återstående skuld: 0,00 kr.",
        "Die Forderung ist ausgeglichen. Die letzte Rate, in Höhe von 248,60 €, wurde am 28.11.2026 bezahlt. Saldo: 0,00 €.",
    ],
)
def test_a_settled_reply_naming_the_sums_paid_applies_zero(text: str) -> None:
    assert settled_reasons({"body": text}, text, Decimal("0")) == []


@pytest.mark.parametrize(
    "text",
    [
        # a figure still owed beside the settled words holds, in every form
        "Die Hauptforderung ist beglichen. Offen sind noch Mahnkosten von 35,00 €.",
        "La deuda principal está liquidada; queda pendiente un importe de 48,00 EUR.",
        "Skulden är betald, men en avgift på 60,00 kr betalades inte och återstår.",
        "El último plazo, por importe de 248,60 EUR, no se abonó y sigue pendiente. La deuda está liquidada.",
    ],
)
def test_a_figure_still_owed_beside_settled_words_holds(text: str) -> None:
    assert settled_reasons({"body": text}, text, Decimal("0"))

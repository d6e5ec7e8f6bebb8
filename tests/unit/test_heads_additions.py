"""A figure at the head of a list of charges added on top of it is no total
(creditctl/pipeline/extraction/amounts.py, ``heads_additions``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import (
    HEADS_ADDITIONS_WARNING,
    AmountChoice,
    amounts_with_labels,
    choose_amounts,
)


def _choose(text: str) -> AmountChoice:
    return choose_amounts([(f, "body") for f in amounts_with_labels(text)], texts={"body": text})


def test_a_weak_total_above_interest_and_costs_is_no_total() -> None:
    text = (
        "Hierbij het actuele overzicht.\n\n"
        "Openstaande premies 2026         € 1.044,90\n"
        "Wettelijke rente                 €    21,35\n"
        "Incassokosten                    €   122,00\n"
        "Per 31-12-2025 bedroeg het saldo 1.057,18 €.\n"
    )
    choice = _choose(text)
    assert choice.amounts.total is None
    assert HEADS_ADDITIONS_WARNING in choice.warnings


def test_one_charge_below_the_arrears_makes_them_a_part() -> None:
    text = (
        "Arrears on closed electricity account: EUR 896.40\n"
        "Collection charges: EUR 116.00\n"
        "As at 31 December 2025 the balance on the account was EUR 904.19.\n"
    )
    assert _choose(text).amounts.total is None


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # a strong total heading its breakdown
        ("Gesamtforderung: 1.188,25 €\nZinsen: 21,35 €\nInkassokosten: 122,00 €\n", "1188.25"),
        # the rows say they are parts of the figure above
        ("Offener Betrag: 1.188,25 €\ndavon Zinsen: 21,35 €\ndavon Kosten: 122,00 €\n", "1188.25"),
        # the head figure is stated again as the balance
        (
            "Kontostand 2.246,18 EUR\nZinsen 13,90 EUR\nKosten 5,00 EUR\n\nDer Saldo beträgt damit 2.246,18 EUR.\n",
            "2246.18",
        ),
    ],
)
def test_a_total_heading_its_own_breakdown_stays_the_total(text: str, total: str) -> None:
    assert _choose(text).amounts.total == Decimal(total)

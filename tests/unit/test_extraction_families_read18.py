"""Families of reading round 18 (tuning_q and the decoy mutants of tests/hold_families/decoys.py):
a figure that is not the current claim — the rest of a debt waived after a settlement, a balance
in the past tense of "amounts to" — is never read as the total, in several languages, and the
plain statements beside them still are.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels


def _roles(text: str) -> dict[Decimal, str | None]:
    return {f.amount: amount_role(f) for f in amounts_with_labels(text)}


WAIVED_REST = [
    ("Som aftalt eftergives restgælden på kr. 2.515,40 over for Jysk Elnet A/S.", Decimal("2515.40")),
    ("Enligt överenskommelse efterskänks restskulden på 2 515,40 kr.", Decimal("2515.40")),
    ("Som avtalt ettergis restgjelden på kr 2 515,40.", Decimal("2515.40")),
    ("Verzichtet wird auf die Restforderung von 2.515,40 €.", Decimal("2515.40")),
    ("We have waived the remaining balance of £2,515.40.", Decimal("2515.40")),
    ("Kwijtgescholden wordt het restant van € 2.515,40.", Decimal("2515.40")),
    ("È stato condonato il residuo di € 2.515,40.", Decimal("2515.40")),
]
# Not read yet (the waiving verb after the figure, "Auf die Restforderung von 2.515,40 € wird
# verzichtet"): the label before the figure decides its role.


@pytest.mark.parametrize(("text", "figure"), WAIVED_REST)
def test_a_waived_rest_is_no_total(text: str, figure: Decimal) -> None:
    assert _roles(text).get(figure) != "total"


PAYMENT_RECEIVED = [
    ("dass am 19.11.2026 der Betrag von EUR 412,70 eingelangt ist.", Decimal("412.70")),  # AT
    ("Am 19.11.2026 ist der Betrag von 412,70 € eingegangen.", Decimal("412.70")),
]


@pytest.mark.parametrize(("text", "figure"), PAYMENT_RECEIVED)
def test_a_payment_received_is_no_total(text: str, figure: Decimal) -> None:
    assert _roles(text).get(figure) != "total"


PAST_AMOUNTS_TO = [
    ("Per den 31 december 2025 uppgick saldot till 4 120,00 kr.", Decimal("4120.00")),
    ("Pr. 31.12.2025 udgjorde saldoen 4.120,00 kr.", Decimal("4120.00")),
    ("Per 31.12.2025 utgjorde saldoen kr 4 120,00.", Decimal("4120.00")),
]


@pytest.mark.parametrize(("text", "figure"), PAST_AMOUNTS_TO)
def test_a_balance_in_the_past_tense_is_no_total(text: str, figure: Decimal) -> None:
    assert _roles(text).get(figure) != "total"


CURRENT = [
    ("Restgælden udgør kr. 2.515,40.", Decimal("2515.40")),
    ("Restskulden uppgår till 2 515,40 kr.", Decimal("2515.40")),
    ("Die Restforderung beträgt 2.515,40 €.", Decimal("2515.40")),
    ("The remaining balance is £2,515.40.", Decimal("2515.40")),
    ("Nach Verrechnung der Zahlung beträgt die Restforderung 2.515,40 €.", Decimal("2515.40")),
]


@pytest.mark.parametrize(("text", "figure"), CURRENT)
def test_the_current_rest_is_still_the_total(text: str, figure: Decimal) -> None:
    assert _roles(text).get(figure) == "total"

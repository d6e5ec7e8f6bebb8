"""A reply that says the claim is unchanged / still stands, with the figure only in the
quoted letter, gets the specific reason naming that figure (in several languages); a
payment confirmation or a bare acknowledgement keeps the generic "reply states no claim"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_reason_truth import _QUOTED, FITNESS, _german, judge  # noqa: F401 - judge is a fixture

SPECIFIC = "the reply refers to the figure of the quoted letter (480.00) without restating it: a person confirms"
GENERIC = "reply states no claim: a person decides"


@pytest.mark.parametrize(
    "sentence",
    [
        "die Forderung gegen Frau Petra Schulze (Vertrag FW-10293) ist unverändert offen.",
        "die Forderung gegen Frau Petra Schulze (Vertrag FW-10293) besteht weiterhin.",
        "The balance on account FW-10293 for Ms Petra Schulze is unchanged.",
        "The balance on Ms Schulze's contract FW-10293 remains the same.",
        "het saldo van mevrouw Petra Schulze (contract FW-10293) is ongewijzigd.",
        "le solde de Mme Petra Schulze (contrat FW-10293) reste inchangé.",
        "il saldo della signora Petra Schulze (contratto FW-10293) rimane invariato.",
        "el saldo de la señora Petra Schulze (contrato FW-10293) sigue sin cambios.",
        "saldot för Petra Schulze (avtal FW-10293) kvarstår oförändrat.",
    ],
)
def test_an_unchanged_claim_points_to_the_quoted_figure(judge: Any, sentence: str) -> None:  # noqa: F811
    result, verdict = judge(**FITNESS, body_text="Hallo,\n\n" + sentence + _QUOTED.format(figure="480,00 €"))
    assert result.amounts.total is None
    assert not verdict.apply and verdict.amount is None
    assert SPECIFIC in verdict.reasons, verdict.reasons
    assert GENERIC not in verdict.reasons
    assert _german(SPECIFIC).startswith("Die Antwort verweist auf den Betrag unseres zitierten Schreibens")


@pytest.mark.parametrize(
    "sentence",
    [
        "wir bestätigen den Eingang Ihres Schreibens zu Frau Petra Schulze (Vertrag FW-10293).",
        "we confirm receipt of the payment for Ms Petra Schulze (contract FW-10293). Thank you.",
    ],
)
def test_an_acknowledgement_keeps_the_generic_reason(judge: Any, sentence: str) -> None:  # noqa: F811
    result, verdict = judge(**FITNESS, body_text="Hallo,\n\n" + sentence + _QUOTED.format(figure="480,00 €"))
    assert not verdict.apply
    assert SPECIFIC not in verdict.reasons, verdict.reasons

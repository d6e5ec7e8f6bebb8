"""A mail about several claims never changes one claim with a sum or another claim's figure
(creditctl/pipeline/safety_several.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.pipeline.safety_several import several_claims_problems


def _claim(
    claim_id: int, ref: str | None, *, client_id: int = 1, creditor: str = "Stadtkasse Lindau"
) -> ClaimCandidate:
    return ClaimCandidate(
        claim_id=claim_id,
        client_id=client_id,
        client_file_number="BÖ-2026-0301",
        client_name="Jana Meyer",
        creditor_name=creditor,
        creditor_reference=ref,
    )


MATCHED = _claim(1, "5.0172.334455.1")
SIBLING = _claim(2, "GS-2026-88", client_id=1)
OTHER_CLIENT = _claim(3, "GS-2026-99", client_id=2)


def _problems(text: str, total: str, candidates: list[ClaimCandidate] | None = None) -> list[str]:
    return several_claims_problems(
        own_text=text, matched=MATCHED, candidates=candidates or [MATCHED], total=Decimal(total)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Für beide Forderungen zusammen sind derzeit 512,30 € offen.",
        "Frau Meyer hat bei uns zwei Verträge. Offen sind 512,30 €.",
        "The two accounts together show a balance of £512.30.",
        "Combined balance: €512.30",
        "Les deux dossiers présentent un solde de 512,30 €.",
        "Per le due pratiche l'esposizione è di € 512,30.",
        "Para ambos expedientes el saldo es de 512,30 €.",
        "För båda ärendena återstår 512,30 kr.",
    ],
)
def test_a_mail_about_several_claims_holds_a_figure_not_tied_to_the_reference(text: str) -> None:
    reasons = _problems(text, "512.30")
    assert reasons and "several claims" in reasons[0]


def test_the_figure_in_the_sentence_of_the_claims_reference_applies() -> None:
    text = (
        "Frau Meyer hat bei uns zwei Verträge.\n"
        "Für das Kassenzeichen 5.0172.334455.1 sind derzeit 312,30 € offen.\n"
        "Zum anderen Vertrag erhalten Sie gesondert Nachricht."
    )
    assert _problems(text, "312.30") == []


def test_a_second_claims_line_with_another_reference_holds() -> None:
    text = "Offen sind derzeit 312,30 €.\nZu dem weiteren Vertrag 4711-2233-9 sind außerdem 200,00 € offen."
    assert "several claims" in _problems(text, "312.30")[0]


def test_rows_per_claim_hold_the_sum_row() -> None:
    text = "5.0172.334455.1  Grundsteuer      312,30 €\n5.0172.334455.7  Gewerbesteuer    200,00 €\nSumme 512,30 €"
    reasons = _problems(text, "512.30")
    assert reasons and "figures for several claims" in reasons[0]


def test_a_sum_the_reader_formed_is_never_applied_with_a_sibling_claim() -> None:
    text = "Bescheid vom 01.03.2026: 312,30 €\nBescheid vom 01.06.2026: 200,00 €"
    reasons = _problems(text, "512.30", [MATCHED, SIBLING])
    assert reasons and "not written in the reply" in reasons[0]
    # another client's claim of the creditor is no sibling: the written-total rule does not apply
    assert _problems(text, "512.30", [MATCHED, OTHER_CLIENT]) == []


def test_with_a_sibling_notices_count_as_claims() -> None:
    text = "Es bestehen zwei Bescheide. Der Rückstand beträgt 512,30 €."
    assert _problems(text, "512.30", [MATCHED]) == []
    assert "several claims" in _problems(text, "512.30", [MATCHED, SIBLING])[0]


@pytest.mark.parametrize(
    "text",
    [
        # one claim: an invoice list, a date, a postcode, the original loan number of the same claim
        "Rechnung 2026-100233 vom 01.09.2026: 120,00 €\nRechnung 2026-100234 vom 01.10.2026: 80,00 €\nOffen: 200,00 €",
        "Stand zum 30.11.2026: offen 200,00 €. Lindenweg 3, 23552 Lübeck",
        "Pratica n. 5.0172.334455.1 (contratto n. 0077120448, importo finanziato € 9.000,00): saldo € 200,00",
        "Die zweite Rate ist am 01.12.2026 fällig. Offen sind 200,00 €.",
    ],
)
def test_one_claim_with_its_details_is_no_mail_about_several(text: str) -> None:
    assert _problems(text, "200.00") == []


def test_with_a_sibling_one_notices_figure_is_not_applied_to_the_claim() -> None:
    text = (
        "Gegen Frau Meyer bestehen folgende Rückstände:\n"
        "1) Bescheid vom 10.03.2026 (Grundsteuer): offen 312,30 EUR\n"
        "2) Bescheid vom 21.10.2026 (Abfallgebühren): offen 200,00 EUR\n"
    )
    assert "several claims" in _problems(text, "312.30", [MATCHED, SIBLING])[0]
    assert _problems(text, "312.30", [MATCHED]) == []

"""Reading round 29 (docs/evaluation.md): clear replies of large senders applied, and figures for
several claims held — written as families with positives in several languages and near-misses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.matching_types import ClaimCandidate
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

"""Reading round 40 (docs/evaluation.md, "Reading round 40 (read40)"): the current total named inside a settlement
offer's own sentence ("we would accept EUR 800.00 in full and final settlement of the balance of EUR 1,318.60") is the
total, in every language of the tables; the offer's own sum is not; near-misses (no balance named, the balance after the
settlement, an original balance, the office's figure quoted back) stay without a total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, find_amounts
from creditctl.pipeline.extraction.labels import offer_object
from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.reply_wording import current_figure_reasons, labelled_figures

_TOTAL = Decimal("1318.60")
_OFFER = Decimal("800.00")


def _read(text: str):
    return RulesExtractor().extract(ExtractionInput(reply_text=text))


def _roles(text: str) -> dict[Decimal, str | None]:
    return {f.amount: amount_role(f) for f in find_amounts(text)}


_POSITIVES = [
    "We would accept EUR 800.00 in full and final settlement of the balance of EUR 1,318.60.",
    "We are prepared to accept £800.00 in full and final settlement of the outstanding balance of £1,318.60.",
    "To settle the balance of £1,318.60 we would accept £800.00.",
    "We will accept £800.00 in settlement of your client's debt of £1,318.60.",
    "Zur Erledigung der offenen Forderung in Höhe von 1.318,60 € akzeptieren wir 800,00 €.",
    "Wir akzeptieren statt der offenen 1.318,60 € nur 800,00 €.",
    "Zur Abgeltung der gesamten Restforderung von 1.318,60 EUR akzeptieren wir einmalig 800,00 EUR.",
    "Pour solder la créance de 1 318,60 € nous acceptons 800,00 €.",
    "En règlement définitif du solde restant dû de 1 318,60 €, nous acceptons 800,00 €.",
    "Ter finale kwijting van het openstaande saldo van € 1.318,60 accepteren wij € 800,00.",
    "A saldo e stralcio del debito di 1.318,60 € accettiamo 800,00 €.",
    "Para cancelar la deuda de 1.318,60 € aceptamos 800,00 €.",
    "Til endelig indfrielse af restgælden på 1.318,60 kr. accepterer vi 800,00 kr.",
    "Som slutlig reglering av skulden på 1 318,60 kr accepterar vi 800,00 kr.",
    "Som endelig oppgjør av gjelden på kr 1 318,60 aksepterer vi kr 800,00.",
]


@pytest.mark.parametrize("sentence", _POSITIVES)
def test_the_balance_an_offer_settles_is_the_total(sentence: str) -> None:
    roles = _roles(sentence)
    assert roles[_TOTAL] == "total"
    assert roles[_OFFER] != "total"
    result = _read(f"Dear Sirs,\n\n{sentence}\n\nKind regards")
    assert result.amounts.total == _TOTAL


@pytest.mark.parametrize("sentence", _POSITIVES)
def test_the_safety_layer_reads_the_settled_balance_as_the_claim(sentence: str) -> None:
    text = f"Dear Sirs,\n\n{sentence}\n\nKind regards"
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[_TOTAL] == "claim"
    assert kinds[_OFFER] != "claim"
    assert current_figure_reasons({"body": text}, _TOTAL, text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # no balance named: the offer's sum alone
        "We would accept EUR 800.00 in full and final settlement.",
        "We would accept EUR 800.00 in full and final settlement of the account.",
        # the balance after the settlement, not the claim now
        "We would accept EUR 800.00 in full and final settlement; the balance after the settlement would be EUR 518.60.",
        # a balance named as past or original
        "We would accept EUR 800.00 in full and final settlement of the original balance of EUR 1,318.60.",
        "Zur Erledigung der ursprünglichen Forderung von 1.318,60 € akzeptieren wir 800,00 €.",
        "Pour solder la créance initiale de 1 318,60 € nous acceptons 800,00 €.",
        # the office's figure quoted back
        "We would accept EUR 800.00 in full and final settlement of the balance of EUR 1,318.60 stated in your letter.",
        "Zur Erledigung der von Ihnen genannten Forderung von 1.318,60 € akzeptieren wir 800,00 €.",
    ],
)
def test_near_misses_take_no_total_from_the_offer(sentence: str) -> None:
    text = f"Dear Sirs,\n\n{sentence}\n\nKind regards"
    total = _read(text).amounts.total
    assert total not in {_TOTAL, Decimal("518.60")}
    if total is not None:  # an unlabelled offer sum the reader fell back on is still no stated claim: held
        assert current_figure_reasons({"body": text}, total, text) != []


@pytest.mark.parametrize(
    ("label", "after", "expected"),
    [
        ("in full and final settlement of the balance of", "", True),
        ("zur Erledigung der offenen Forderung in Höhe von", "akzeptieren wir", True),
        ("ter finale kwijting van het openstaande saldo van €", "accepteren wij", True),
        ("statt der offenen", "nur", True),
        ("au lieu des", "dus, nous acceptons", True),
        ("the balance after the settlement would be", "", False),
        ("in full and final settlement of the original balance of", "", False),
        ("in full and final settlement of the balance of", "quoted in your letter", False),
        ("to settle the balance of", "was reduced to", False),
        ("the settlement amount of", "", False),
        ("statt", "", False),
        ("zur Erledigung der ursprünglichen Forderung von", "", False),
        ("pour solder la créance initiale de", "", False),
        ("zur Erledigung der von Ihnen genannten Forderung von", "", False),
        ("we would accept", "in full and final settlement", False),
    ],
)
def test_offer_object_table(label: str, after: str, expected: bool) -> None:
    assert offer_object(label, after) is expected


def test_a_figure_given_up_without_an_owing_word_is_no_stated_claim() -> None:
    text = "Sehr geehrte Damen und Herren,\n\nStatt 1.318,60 € akzeptieren wir 800,00 €.\n\nMit freundlichen Grüßen"
    assert _roles(text)[_OFFER] != "total"
    assert _read(text).amounts.total != _OFFER
    assert {f.value: f.kind for f in labelled_figures(text)}[_TOTAL] != "claim"
    assert current_figure_reasons({"body": text}, _TOTAL, text) != []


def test_a_balance_beside_an_offer_still_applies_as_before() -> None:
    text = (
        "Dear Sirs,\n\nThe balance on your client's account is £3,000.00. We are prepared to accept £1,500.00 in full "
        "and final settlement if paid by 31 January 2027.\n\nRegards"
    )
    assert _read(text).amounts.total == Decimal("3000.00")

"""The two money parsers are an intended pair: ``pipeline/extraction/amounts.parse_amount``
(the rules extractor's, and the evidence check's) and ``pipeline/extraction/claude.parse_amount``
(Claude's answers) read the same literals independently, so an amount survives only when
two separate readings agree. This is their shared table: on every input they must agree
on the value or both refuse.

``KNOWN_DISAGREEMENTS`` are strict xfails: when a rewrite makes them agree, the test
fails until the input moves into ``AGREE`` (or both refuse it on purpose)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction import amounts, claude

REFUSED = None

AGREE = [
    ("1.234,56 €", Decimal("1234.56")),
    ("1.234,56", Decimal("1234.56")),
    ("2,137.40", Decimal("2137.40")),
    ("EUR 2,137.40", Decimal("2137.40")),
    ("1 234,56", Decimal("1234.56")),
    ("1\u00a0234,56 €", Decimal("1234.56")),
    ("CHF 1'245.30", Decimal("1245.30")),
    ("1.500,-- €", Decimal("1500.00")),
    ("1.500,--", Decimal("1500.00")),
    ("28234,23", Decimal("28234.23")),
    ("1234.56", Decimal("1234.56")),
    ("1.234.567", Decimal("1234567.00")),
    ("1.000.000,00", Decimal("1000000.00")),
    ("€ 686,41", Decimal("686.41")),
    ("686,41 EUR", Decimal("686.41")),
    ("0,99 €", Decimal("0.99")),
    ("12 EUR", Decimal("12.00")),
    ("540", Decimal("540.00")),
    ("2.137,4 €", Decimal("2137.40")),  # one decimal beside a currency
    ("1.234", REFUSED),  # thousands in German, decimals in English: never guessed
    ("12,345", REFUSED),
    ("1.234.56", REFUSED),
    ("1.234,567", REFUSED),
    ("12,00 € zzgl.", REFUSED),
    ("abc", REFUSED),
    ("", REFUSED),
]

KNOWN_DISAGREEMENTS = [
    "1.234 €",  # amounts: 1234.00 (the currency settles it); claude: refused as ambiguous
    "-12,00 €",  # amounts: -12.00; claude: refuses a sign
    "12,3",  # amounts: refused; claude: 12.30
    "1,5",  # amounts: refused; claude: 1.50
]


def _claude(text: str) -> Decimal | None:
    try:
        return claude.parse_amount(text)
    except claude.AmountFormatError:
        return REFUSED


@pytest.mark.parametrize(("text", "value"), AGREE, ids=[repr(t) for t, _ in AGREE])
def test_both_parsers_agree_or_both_refuse(text, value):
    assert amounts.parse_amount(text) == value
    assert _claude(text) == value


@pytest.mark.parametrize("text", [pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="known disagreement"))
                                  for t in KNOWN_DISAGREEMENTS], ids=repr)
def test_known_disagreements(text):
    assert amounts.parse_amount(text) == _claude(text)

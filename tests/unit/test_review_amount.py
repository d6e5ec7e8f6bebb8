"""The amount a reviewer types is read by the extractor's money parser: every unambiguous
format is taken, anything ambiguous refused (services/review.py ``_parse_amount``)."""

from decimal import Decimal

import pytest

from creditctl.exceptions import UsageError
from creditctl.services.review import _parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,480.00", "2480.00"),
        ("2.480,00", "2480.00"),
        ("2480", "2480.00"),
        ("1'234.50", "1234.50"),
        ("12,5 €", "12.50"),
        ("EUR 99.90", "99.90"),
        ("1234,56", "1234.56"),
        # one point with exactly three digits after it: German thousands (no amount has 3 decimals)
        ("1.234", "1234.00"),
        ("12.345", "12345.00"),
        ("100.000", "100000.00"),
    ],
)
def test_unambiguous_amounts_are_taken(text, value):
    assert _parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1.234.56", "1.2345", "0.123", "1234.567", "abc", "", "  ", "12 or 13"])
def test_ambiguous_or_garbled_amounts_are_refused(text):
    with pytest.raises(UsageError):
        _parse_amount(text)

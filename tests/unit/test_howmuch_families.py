"""How-much families (docs/evaluation.md): the reading of totals in statements, tables and
restated figures, in several languages and layouts, with near misses that must not trip."""

from decimal import Decimal

import pytest

from creditctl.pipeline.safety import number_tokens


def _values(text: str) -> list[Decimal | None]:
    return [t.value for t in number_tokens(text)]


# --- a statement row whose label ends in a digit: the column gap ends the label's number ----
@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("30.09.2026   Kontoführung Q3                 15,00                    3.241,87 S", ["15.00", "3241.87"]),
        ("01.10.2026   Rate 3/12          120,00          1.480,00", ["120.00", "1480.00"]),
        ("Invoice INV2026    £45.00    £1,245.00", ["45.00", "1245.00"]),
        ("Factuur F24-118   12,50   1.012,50", ["12.50", "1012.50"]),
        ("Frais dossier D7      40,00      2 140,00", ["40.00", "2140.00"]),
        ("Avgift kv4     60,00     19 120,00", ["60.00", "19120.00"]),
    ],
)
def test_column_gap_after_a_label_number(row: str, cells: list[str]) -> None:
    values = _values(row)
    for cell in cells:
        assert Decimal(cell) in values


@pytest.mark.parametrize(
    "text",
    [
        "A12  345,67",  # glued to a letter and possibly one number spaced out: no tail read alone
        "Konto Q3 15,00",  # one space: the run is the identifier's (unchanged)
        "Ref 4. 018,75",  # the split-number edge stays refused
    ],
)
def test_no_fragment_is_read_alone(text: str) -> None:
    values = _values(text)
    assert Decimal("345.67") not in values
    assert Decimal("15.00") not in values
    assert Decimal("18.75") not in values


def test_spaced_thousands_stay_one_number() -> None:
    assert _values("Saldo 1 234,56 EUR") == [Decimal("1234.56")]
    assert _values("Saldo 12 345,67") == [Decimal("12345.67")]

"""Money literals: parse_amount and find_amounts (creditctl.pipeline.extraction.amounts)."""

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import find_amounts, parse_amount


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("1.234,56 €", "1234.56"),
        ("1.234,56 EUR", "1234.56"),
        ("EUR 1.234,56", "1234.56"),
        ("€ 249,97", "249.97"),
        ("1.500,-- €", "1500.00"),
        ("1.500,- €", "1500.00"),
        ("EUR 2,137.40", "2137.40"),
        ("1 234,56 €", "1234.56"),
        ("1\u00a0234,56 €", "1234.56"),
        ("1\u202f234,56 €", "1234.56"),
        ("28234,23 EUR", "28234.23"),
        ("£2,310.00", "2310.00"),
        ("CHF 1'245.30", "1245.30"),
        ("USD 1,234.56", "1234.56"),
        ("1.234.567,89 €", "1234567.89"),
        ("1.234 €", "1234.00"),
        ("0,00 €", "0.00"),
    ],
)
def test_parse_amount_formats(literal: str, expected: str) -> None:
    value = parse_amount(literal)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize("literal", ["1.234", "1,234", "1.5", "1.234.56", "12.11.2026", "abc", "", "1.234,5 €"])
def test_parse_amount_rejects_ambiguous_or_malformed(literal: str) -> None:
    assert parse_amount(literal) is None


def test_locale_amount_is_never_read_as_small_or_huge() -> None:
    value = parse_amount("1.234,56")
    assert value == Decimal("1234.56")
    assert value not in (Decimal("1.23456"), Decimal("123456"))


def test_find_amounts_table_row_label_and_span() -> None:
    text = "Position | Betrag\nHauptforderung | 1.204,50 €\nZinsen | 38,12\n"
    found = find_amounts(text)
    assert [(f.label, f.amount, f.currency) for f in found] == [
        ("Hauptforderung", Decimal("1204.50"), "EUR"),
        ("Zinsen", Decimal("38.12"), None),
    ]
    assert text[found[0].start : found[0].end] == found[0].text == "1.204,50 €"


def test_find_amounts_several_in_one_line_get_their_own_labels() -> None:
    text = "Hauptforderung 1.000,00 €, Zinsen 50,00 € und Kosten 20,00 €, insgesamt 1.070,00 €."
    assert [(f.label.split()[-1], f.amount) for f in find_amounts(text)] == [
        ("Hauptforderung", Decimal("1000.00")),
        ("Zinsen", Decimal("50.00")),
        ("Kosten", Decimal("20.00")),
        ("insgesamt", Decimal("1070.00")),
    ]


def test_find_amounts_ignores_dates_ibans_phones_and_bare_numbers() -> None:
    text = (
        "Stand 12.11.2026, IBAN DE89 3704 0044 0532 0130 00, Tel. 0621 123 456\n"
        "Kundennummer 1.234 und Vertrag 55120934\n"
    )
    assert find_amounts(text) == []


def test_find_amounts_currencies() -> None:
    found = find_amounts("£2,310.00 and CHF 1'245.30 and USD 1,234.56 and 28234,23 EUR")
    assert [(f.amount, f.currency) for f in found] == [
        (Decimal("2310.00"), "GBP"),
        (Decimal("1245.30"), "CHF"),
        (Decimal("1234.56"), "USD"),
        (Decimal("28234.23"), "EUR"),
    ]

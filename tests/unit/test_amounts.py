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
        ("1.234,5 €", "1234.50"),  # one decimal next to a currency; was wrongly rejected
        ("1.5", "1.50"),  # a literal given as an amount: one decimal has one reading (test_money_parsers.py)
        ("1 234", "1234.00"),  # a space is never a decimal separator
    ],
)
def test_parse_amount_formats(literal: str, expected: str) -> None:
    value = parse_amount(literal)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize("literal", ["1.234", "1,234", "1.234.56", "12.11.2026", "abc", "", "£53€", "-4,31-"])
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


# --- amount roles (amount_role, choose_amounts) -------------------------------------
from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels, choose_amounts  # noqa: E402


def _role(line: str) -> str | None:
    (found,) = find_amounts(line)
    return amount_role(found)


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Principal outstanding     1,480.00 EUR", "principal"),  # a component beats "outstanding"
        ("Darin enthalten sind Zinsen in Höhe von 192,38 EUR.", "interest"),  # … and "in Höhe von"
        ("Gesamtforderung inkl. Zinsen und Kosten: 1.370,02 €", "total"),  # "inkl." parts do not count
        ("Total outstanding        1,696.35 EUR", "total"),
        ("Saldo Kreditkarte EUR 3.004,12", "total"),
        ("Balance brought forward: £2,100.00", "other"),  # history, not the claim
        ("nach Verrechnung der Zahlungseingänge über je 50,00 €", "other"),
        ("Der eingeräumte Dispositionskredit über 2.000,00 EUR wurde gekündigt.", "other"),
        ("Gerne akzeptieren wir eine monatliche Rate von 50,00 €", "other"),
    ],
)
def test_amount_role(line: str, role: str) -> None:
    assert _role(line) == role


def _choose(text: str):
    return choose_amounts([(f, "body") for f in amounts_with_labels(text)])


def test_a_sum_row_that_adds_up_is_taken_among_several_totals() -> None:
    choice = _choose("Saldo Kreditkarte EUR 3.004,12\nzzgl. Zinsen bis 30.11.2026 EUR 41,70\nSumme EUR 3.045,82\n")
    assert choice.amounts.total == Decimal("3045.82") and choice.certain


def test_several_totals_that_do_not_add_up_take_none() -> None:
    choice = _choose("Gesamtforderung: 1.370,02 €\nnach Zahlung offener Saldo: 1.170,02 €\n")
    assert choice.amounts.total is None and not choice.certain
    assert any("several different totals" in w for w in choice.warnings)


def test_a_negative_balance_is_the_amount_owed_but_uncertain() -> None:
    choice = _choose(
        "Kontokorrentkonto 1234: Saldo -3.412,18 EUR\nKarte 4990: Saldo -1.087,40 EUR\nGesamtsaldo: -4.499,58 EUR\n"
    )
    assert choice.amounts.total == Decimal("4499.58")
    assert not choice.certain and "negative balance read as the amount owed" in choice.warnings


def test_interest_named_inside_a_balance_sentence_is_a_component() -> None:
    choice = _choose(
        "teilen wir mit, dass sich der offene Saldo zum 15.11.2026 auf 8.612,55 EUR beläuft.\n\n"
        "Darin enthalten sind Zinsen in Höhe von 192,38 EUR.\n"
    )
    assert (choice.amounts.total, choice.amounts.interest) == (Decimal("8612.55"), Decimal("192.38"))
    assert choice.certain


@pytest.mark.parametrize(
    "text",
    [
        "Die Hauptforderung beträgt 540,00 EUR. Zinsen und Kosten werden gesondert berechnet.",
        "Hauptforderung 500,00 EUR zzgl. Zinsen und Inkassokosten",
        "The principal amount is EUR 2,310.00, plus contractual interest and charges.",
        "Hoofdsom: € 410,00 te vermeerderen met rente en kosten",
    ],
)
def test_a_principal_alone_is_no_total(text):
    """Interest and costs come on top of a principal: alone it is not the claim."""
    assert _choose(text).amounts.total is None


def test_principal_and_interest_are_summed():
    choice = _choose("Hauptforderung: 500,00 EUR\nZinsen: 12,40 EUR\nKosten: 37,60 EUR")
    assert choice.amounts.total == Decimal("550.00")

"""The one number tokeniser (creditctl.pipeline.extraction.numbers) and what find_amounts
builds on it: every separator, apostrophe look-alikes, one decimal, whole units, signs
and credit marks; a fragment of a longer number is never an amount."""

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import find_amounts, parse_amount
from creditctl.pipeline.extraction.numbers import normalise, scan_numbers

SPACES = {
    "space": " ",
    "no-break space U+00A0": "\u00a0",
    "figure space U+2007": "\u2007",
    "thin space U+2009": "\u2009",
    "narrow no-break space U+202F": "\u202f",
    "punctuation space U+2008": "\u2008",
}
APOSTROPHES = {"ascii '": "'", "right quote ’": "’", "modifier letter ʼ": "ʼ", "prime ′": "′", "left quote ‘": "‘"}


@pytest.mark.parametrize("space", SPACES.values(), ids=SPACES.keys())
@pytest.mark.parametrize(
    ("template", "expected"),
    [("1{s}234,56 €", "1234.56"), ("EUR 12{s}345{s}678,90", "12345678.90"), ("1{s}234.56 GBP", "1234.56")],
)
def test_every_space_separator_groups_thousands(space: str, template: str, expected: str) -> None:
    assert parse_amount(template.format(s=space)) == Decimal(expected)
    (found,) = find_amounts("Gesamtforderung: " + template.format(s=space))
    assert found.amount == Decimal(expected)  # never the tail "234,56"


@pytest.mark.parametrize("apostrophe", APOSTROPHES.values(), ids=APOSTROPHES.keys())
@pytest.mark.parametrize(
    ("template", "expected"),
    [("CHF 1{a}234.50", "1234.50"), ("Fr. 12{a}480.–", "12480.00"), ("1{a}234{a}567.05 CHF", "1234567.05")],
)
def test_swiss_apostrophe_look_alikes(apostrophe: str, template: str, expected: str) -> None:
    assert parse_amount(template.format(a=apostrophe)) == Decimal(expected)


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("1.500,– €", "1500.00"),
        ("1.500,- €", "1500.00"),
        ("1.500,-- €", "1500.00"),
        ("EUR 1.500,—", "1500.00"),
        ("CHF 2'480.–", "2480.00"),
        ("12,5 €", "12.50"),
        ("EUR 1.234,5", "1234.50"),
        ("£7.5", "7.50"),
        ("150,00-", "-150.00"),
        ("150,00- EUR", "-150.00"),
        ("-150,00 €", "-150.00"),
        ("EUR -150,00", "-150.00"),
        ("−150,00 €", "-150.00"),
        ("150,00 EUR H", "-150.00"),
        ("150,00 EUR Haben", "-150.00"),
        ("£212.45 CR", "-212.45"),
        ("150,00 EUR S", "150.00"),
        ("150,00 EUR Soll", "150.00"),
        ("£212.45 DR", "212.45"),
        ("1\uff0c234.00 USD", "1234.00"),  # full-width comma: NFKC
        ("12 450,80 kr", "12450.80"),
        ("NOK 14 870,50", "14870.50"),
        ("SEK 1 000", "1000.00"),
    ],
)
def test_token_formats_and_signs(literal: str, expected: str) -> None:
    assert parse_amount(literal) == Decimal(expected)


@pytest.mark.parametrize(
    ("literal", "credit"),
    [
        ("150,00-", True),
        ("150,00 EUR H", True),
        ("£212.45 CR", True),
        ("150,00 EUR Haben", True),
        ("-150,00 €", False),
        ("150,00 EUR S", False),
        ("150,00 €", False),
    ],
)
def test_credit_marks_are_flagged(literal: str, credit: bool) -> None:
    (token,) = scan_numbers(literal)
    assert token.credit is credit


@pytest.mark.parametrize(
    "text",
    [
        "KTO 4471 2290 03",  # a reference in digit groups
        "IBAN DE89 3704 0044 0532 0130 00",
        "RE-2026-11873",  # numbers inside a reference
        "Tel. 0621 123 456",
        "am 15.06.2026",
        "AZ 26-4471102-0-3",
        "Vertrag 55120934",  # a bare integer is no money
        "Zinssatz 5,12 %",
        "Version 1.5",
    ],
)
def test_fragments_and_non_money_are_never_amounts(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "literal", "amount"),
    [
        ("Restforderung per 30.09.2026 28234,23 EUR", "28234,23 EUR", "28234.23"),  # the year is not a group
        ("Rechnung Nr. 4711 150,00 €", "150,00 €", "150.00"),
        ("per 1. Dezember 2026 CHF 2'480.–.", "CHF 2'480.–", "2480.00"),  # CHF belongs to the next number
        ("Saldo 1\u2009234,56 EUR", "1\u2009234,56 EUR", "1234.56"),
    ],
)
def test_amounts_are_whole_tokens_with_exact_spans(text: str, literal: str, amount: str) -> None:
    (found,) = find_amounts(text)
    assert found.text == literal == text[found.start : found.end]
    assert found.amount == Decimal(amount)


def test_digits_between_two_grouped_numbers_are_not_joined() -> None:
    assert [f.amount for f in find_amounts("1 234,56 € und 2 000,00 €")] == [Decimal("1234.56"), Decimal("2000.00")]


@pytest.mark.parametrize("literal", ["1.234", "1,234", "1.234.56", "1,234,56"])
def test_ambiguous_tokens_have_no_value_without_a_currency(literal: str) -> None:
    assert parse_amount(literal) is None


@pytest.mark.parametrize(("literal", "amount"), [("1 234", "1234.00"), ("1.5", "1.50"), ("12'345", "12345.00")])
def test_running_text_needs_a_currency_a_literal_does_not(literal: str, amount: str) -> None:
    # in running text "1.5" may be a rate or a version and "1 234" two numbers; a literal
    # given as an amount has one reading (the money-parser pair's rule, test_money_parsers.py)
    assert [t.value for t in scan_numbers(f"Stand {literal} heute")] == [None]
    assert parse_amount(literal) == Decimal(amount)


def test_currency_in_a_caption_counts_for_the_table_below() -> None:
    text = "Position | Betrag in EUR\nHauptforderung | 1.000,00\nGesamt | 1.050,00\n"
    assert [(f.amount, f.currency) for f in find_amounts(text)] == [
        (Decimal("1000.00"), "EUR"),
        (Decimal("1050.00"), "EUR"),
    ]


def test_normalise_keeps_length_and_folds_look_alikes() -> None:
    raw = "1\u2009234,56\u00a0€ – 1’000 ＥＵＲ"
    norm = normalise(raw)
    assert len(norm) == len(raw)
    assert norm == "1 234,56 € - 1'000 EUR"


def test_a_labelled_amount_without_currency_on_its_line_is_not_dropped() -> None:
    # "1.000,00 with the currency elsewhere was dropped and the total was the rest"
    text = "Hauptforderung: 1.000,00\nZinsen: 50,00 €\nKosten: 20,00 €\n"
    assert [f.amount for f in find_amounts(text)] == [Decimal("1000.00"), Decimal("50.00"), Decimal("20.00")]


def test_a_rate_is_never_money() -> None:
    assert find_amounts("Zinssatz 5,25\nSollzins p.a. 12,90\n") == []


# A currency settles a lone group (``EUR 1.234``) only where the text writes the other
# separator as its decimal mark: its own amounts tell, else its language does.
@pytest.mark.parametrize(
    "text",
    [
        "Dear Sir or Madam, the outstanding balance of our claim is EUR 1.234. Please let us know.",
        "Dear Sir, we confirm that your client owes us €1.234 in total. Kind regards",
        "Your client's balance is EUR 1.234 and the instalment was EUR 40.00 per month for the account.",
        # German text whose other amounts write a decimal point: the lone group is not settled either
        "Sehr geehrte Damen und Herren, die Forderung beträgt EUR 1.234, die Rate 40.00 EUR.",
        # the comma mirror: a comma-decimal text's lone comma group
        "Sehr geehrte Damen und Herren, die Forderung beträgt 1,234 EUR und ist noch offen.",
        "Geachte heer, de vordering bedraagt EUR 1,234 en is nog niet betaald door de klant.",
        # both conventions in one text: nothing settles it
        "Dear Sir, the balance is EUR 1.234; principal EUR 1,000.50 and costs EUR 233,50 for the client.",
    ],
)
def test_a_lone_group_the_text_leaves_ambiguous_is_no_amount(text: str) -> None:
    assert not [f for f in find_amounts(text) if "1.234" in f.text or "1,234" in f.text]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Sehr geehrte Damen und Herren, die Forderung beträgt EUR 1.234 und ist noch offen.", "1234.00"),
        ("Madame, Monsieur, le solde de la créance est de 1.234 EUR pour votre client.", "1234.00"),
        ("Geachte heer, mevrouw, de vordering bedraagt € 1.234 en is nog niet voldaan door de klant.", "1234.00"),
        ("Gentili signori, il saldo del credito è di EUR 1.234 per il vostro cliente.", "1234.00"),
        ("Estimados señores, el saldo de la deuda es de 1.234 EUR para su cliente.", "1234.00"),
        ("Hej, skulden för er klient är 1.234 kr och den är fortfarande obetald.", "1234.00"),
        # an English text whose other amounts write a decimal comma settles it
        ("Dear Sir, the balance is EUR 1.234 (principal EUR 1.000,00, costs EUR 234,00) for your client.", "1234.00"),
        # an English text's comma group is its thousands
        ("Dear Sir or Madam, the outstanding balance of our claim is EUR 1,234. Kind regards", "1234.00"),
        # nothing known of the text: the tokeniser's reading (no currency has three decimals)
        ("EUR 1.234", "1234.00"),
    ],
)
def test_a_lone_group_the_text_settles_is_thousands(text: str, amount: str) -> None:
    assert Decimal(amount) in [f.amount for f in find_amounts(text)]


def test_unambiguous_english_amounts_still_read() -> None:
    text = "Dear Sir or Madam, the outstanding balance is EUR 1,234.56 and the fee EUR 12.50. Kind regards"
    assert [f.amount for f in find_amounts(text)] == [Decimal("1234.56"), Decimal("12.50")]

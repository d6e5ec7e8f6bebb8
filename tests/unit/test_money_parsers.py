"""The two money parsers are an intended pair: ``pipeline/extraction/amounts.parse_amount``
(the rules extractor's, and the evidence check's) and ``pipeline/extraction/claude.parse_amount``
(Claude's answers) read the same literals independently, so an amount survives only when
two separate readings agree. This is their shared table: on every input they must agree
on the value or both refuse. Both docstrings state the rules this table holds them to:

* a literal with two readings is refused unless a currency settles it: ``"1.234"`` and
  ``"12,345"`` are refused (1234 in German, 1.234 in English), ``"1.234 €"`` is 1234.00
  (no currency either reads has three decimal places, so with a currency only the
  thousands reading is money);
* a one-digit decimal part has one reading: ``"12,3"`` / ``"1.5"`` are 12.30 / 1.50, with
  or without a currency;
* a space (any Unicode space: U+00A0, U+202F, U+2009, U+2007) or an apostrophe (any
  look-alike: ’ ʼ ′) is never a decimal separator: ``"1 234"`` is 1234.00;
* a sign or a credit mark is read, never dropped: ``"-12,00 €"``, ``"150,00-"``,
  ``"150,00 CR"``, ``"150,00 H"`` are negative. Whether a credit may be applied is the
  safety layer's question (``pipeline/safety.py``: a negative total is held as a credit),
  and it can only ask it when the parser keeps the sign;
* a parenthesised or ``+`` figure, two signs, two currencies, a currency inside the
  figure or a code glued to it are refused.

A tiny property check runs both parsers over random strings of the characters these
rules speak about and asserts they agree everywhere.
"""

from __future__ import annotations

import random
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
    ("1\u202f234,56", Decimal("1234.56")),  # narrow no-break space
    ("1\u2009234,56", Decimal("1234.56")),  # thin space
    ("1\u2007234,56", Decimal("1234.56")),  # figure space
    ("CHF 1'245.30", Decimal("1245.30")),
    ("1’234.50", Decimal("1234.50")),  # right single quotation mark
    ("1ʼ234.50", Decimal("1234.50")),  # modifier letter apostrophe
    ("1′234.50", Decimal("1234.50")),  # prime
    ("12'345", Decimal("12345.00")),  # an apostrophe is never a decimal separator
    ("1 234", Decimal("1234.00")),  # nor is a space
    ("1.500,-- €", Decimal("1500.00")),
    ("1.500,--", Decimal("1500.00")),
    ("1.500,–", Decimal("1500.00")),  # en dash: whole euros
    ("1.500,– €", Decimal("1500.00")),
    ("12,-", Decimal("12.00")),
    ("28234,23", Decimal("28234.23")),
    ("1234.56", Decimal("1234.56")),
    ("1.234.567", Decimal("1234567.00")),
    ("1.000.000,00", Decimal("1000000.00")),
    ("1,234,567.89", Decimal("1234567.89")),
    ("€ 686,41", Decimal("686.41")),
    ("686,41 EUR", Decimal("686.41")),
    ("£1,234.56", Decimal("1234.56")),
    ("0,99 €", Decimal("0.99")),
    ("12 EUR", Decimal("12.00")),
    ("540", Decimal("540.00")),
    ("2.137,4 €", Decimal("2137.40")),  # one decimal beside a currency
    # a currency settles one group after '.' or ',': no currency read has three decimals
    ("1.234 €", Decimal("1234.00")),
    ("€ 1.234", Decimal("1234.00")),
    ("1,234 €", Decimal("1234.00")),
    ("100.000 EUR", Decimal("100000.00")),
    # one decimal has one reading
    ("12,3", Decimal("12.30")),
    ("1,5", Decimal("1.50")),
    ("1.5", Decimal("1.50")),
    ("1.234,5", Decimal("1234.50")),
    ("1,234.5", Decimal("1234.50")),
    # signs and credit marks are read (the safety layer holds a credit)
    ("-12,00 €", Decimal("-12.00")),
    ("−12,00 €", Decimal("-12.00")),  # minus sign U+2212
    ("-150,00", Decimal("-150.00")),
    ("€ -12,00", Decimal("-12.00")),
    ("-€ 12,00", Decimal("-12.00")),
    ("150,00-", Decimal("-150.00")),  # trailing minus (SAP, bank statements)
    ("150,00- €", Decimal("-150.00")),
    ("-1.500,--", Decimal("-1500.00")),
    ("150,00 CR", Decimal("-150.00")),
    ("150,00 Cr", Decimal("-150.00")),
    ("150,00 H", Decimal("-150.00")),
    ("150,00 Haben", Decimal("-150.00")),
    ("12,00 EUR H", Decimal("-12.00")),
    ("150,00 S", Decimal("150.00")),  # Soll: a debit, owed
    ("150,00 DR", Decimal("150.00")),
    ("-0,00", Decimal("0.00")),
    # refused by both
    ("1.234", REFUSED),  # thousands in German, decimals in English: never guessed
    ("12,345", REFUSED),
    ("1.234.56", REFUSED),
    ("1.234,567", REFUSED),
    ("12,00 € zzgl.", REFUSED),
    ("abc", REFUSED),
    ("", REFUSED),
    ("(150,00)", REFUSED),  # parenthesised negatives: neither reads them
    ("(12,00 €)", REFUSED),
    ("+12,00", REFUSED),
    ("- 12,00", REFUSED),  # a sign apart from the figure
    ("150,00 -", REFUSED),
    ("12,00 €-", REFUSED),
    ("-4,31-", REFUSED),  # two signs
    ("EUR-12,00", REFUSED),  # an identifier, not a signed amount
    ("150,00 cr", REFUSED),  # the marks are case-sensitive
    ("£53€", REFUSED),  # two currencies
    ("9€10", REFUSED),  # a currency inside the figure
    ("EUR1.234,56", REFUSED),  # a code glued to the figure
    ("1.234,56EUR", REFUSED),
    ("12,-EUR", REFUSED),
    ("8'780 171", REFUSED),  # mixed group separators
    ("1 500, --", REFUSED),
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


_ALPHABET = [
    *"0123456789" * 3,
    *".,' -€",
    "EUR",
    "CHF ",
    "£",
    "$",
    " CR",
    " H",
    " S",
    " Haben",
    "(",
    ")",
    "+",
    "\u202f",
    "\u2009",
    "\u2007",
    "\u00a0",
    "’",
    "ʼ",
    "′",
    "–",
    "−",
    "x",
]


def test_both_parsers_agree_on_random_literals():
    rnd = random.Random(20261206)
    disagreements = []
    for _ in range(20000):
        text = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(1, 9)))
        if amounts.parse_amount(text) != _claude(text):
            disagreements.append((text, amounts.parse_amount(text), _claude(text)))
    assert disagreements[:10] == []

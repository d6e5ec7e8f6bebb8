"""How-much families (docs/evaluation.md): the reading of totals in statements, tables and
restated figures, in several languages and layouts, with near misses that must not trip."""

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels
from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.safety import find_credit_marks, number_tokens
from tests.amount_reading import body_total as _total


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


# --- "until paid": interest runs until the debt is paid; the claim is not settled ---------


@pytest.mark.parametrize(
    "text",
    [
        "Kvar att betala: 19 120,00 kr. Ränta löper med 8,75 % tills skulden är betald.",
        "Offen: 1.240,00 €. Zinsen laufen bis zur vollständigen Bezahlung der Forderung weiter.",
        "Openstaand: € 812,40. De rente loopt door tot volledige betaling van de vordering.",
        "Restant dû : 640,00 €. Les intérêts courent jusqu'au complet paiement de la dette.",
        "Totale dovuto: 1.020,00 €. Gli interessi maturano fino al completo saldo del debito.",
        "Total pendiente: 910,00 €. Los intereses se devengan hasta que la deuda esté pagada.",
        "Restbeløb: 4.200,00 kr. Renter påløber indtil gælden er betalt.",
    ],
)
def test_until_paid_is_no_settled_reply(text: str) -> None:
    assert classify_text(text, has_claim_amount=True).kind is not ReplyKind.CLAIM_SETTLED


@pytest.mark.parametrize(
    "text",
    [
        "Die Forderung ist vollständig bezahlt.",
        "Skulden är betald i sin helhet.",
        "The account has been paid in full.",
    ],
)
def test_settled_without_until_stays_settled(text: str) -> None:
    assert classify_text(text, has_claim_amount=False).kind is ReplyKind.CLAIM_SETTLED


# --- instalments paid on account: a deduction row, not a credit ---------------------------
@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Kapitalbelopp: 16 780,00 kr\nAvbetalningar 2026: -466,00 kr\nKvar att betala: 16 314,00 kr", "16314.00"),
        ("Hauptforderung 1.000,00 €\nRatenzahlungen -120,00 €\nRestforderung 880,00 €", "880.00"),
        ("Balance £900.00\nInstalments received -£150.00\nNow due £750.00", "750.00"),
        ("Capital 800,00 €\nAcomptes versés -100,00 €\nReste dû 700,00 €", "700.00"),
        ("Hoofdsom € 500,00\nAfbetalingen -€ 50,00\nOpenstaand € 450,00", "450.00"),
    ],
)
def test_instalment_rows_are_deductions(text: str, total: str) -> None:
    assert find_credit_marks(text, Decimal(total)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Avbetalningar 2026: -466,00 kr",  # the figure itself read as the total: still a credit
    ],
)
def test_a_deduction_row_as_the_total_is_still_a_credit(text: str) -> None:
    assert find_credit_marks(text, Decimal("466.00")) != []


# --- a periodic charge stated beside the arrears is not a second total --------------------


def _roles(text: str) -> dict[Decimal, str | None]:
    return {f.amount: amount_role(f) for f in amounts_with_labels(text)}


@pytest.mark.parametrize(
    ("text", "periodic"),
    [
        ("Totaal openstaand: € 2.512,00\nDe kale huur bedraagt € 812,50.", "812.50"),
        ("Mietrückstand gesamt: 2.512,00 €\nDie Kaltmiete beträgt 812,50 €.", "812.50"),
        ("Total arrears: £2,512.00\nThe monthly rent is £812.50.", "812.50"),
        ("Total impayé : 2 512,00 €\nLe loyer mensuel s'élève à 812,50 €.", "812.50"),
        ("Totale arretrati: 2.512,00 €\nIl canone mensile ammonta a 812,50 €.", "812.50"),
        ("Total pendiente: 2.512,00 €\nLa renta mensual asciende a 812,50 €.", "812.50"),
        ("Hyresskuld totalt: 2 512,00 kr\nMånadshyra uppgår till 812,50 kr.", "812.50"),
    ],
)
def test_periodic_charge_beside_the_arrears(text: str, periodic: str) -> None:
    assert _roles(text)[Decimal(periodic)] == "other"
    assert _total(text) == Decimal("2512.00")


@pytest.mark.parametrize(
    "text",
    [
        "Mietrückstand: 2.512,00 €",
        "Huurachterstand: € 2.512,00",
        "Rent arrears: £2,512.00",
        "Arriéré de loyer : 2 512,00 €",
    ],
)
def test_arrears_of_rent_stay_the_claim(text: str) -> None:
    assert _total(text) == Decimal("2512.00")


# --- Polish and Czech statements --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "kapitał: 3 820,00 zł\nodsetki ustawowe: 402,12 zł\nkoszty windykacji: 166,00 zł\n"
            "Do zapłaty łącznie: 4 388,12 zł\nOstatnia wpłata 100,00 zł wpłynęła 18.09.2026 r.",
            "4388.12",
        ),
        ("Zadłużenie wynosi 1 250,00 zł. Rata miesięczna 150,00 zł.", "1250.00"),
        ("Pozostało do zapłaty: 980,40 zł (po wpłacie 100,00 zł).", "980.40"),
        (
            "Jistina: 12 000,00 Kč\nÚroky z prodlení: 840,00 Kč\nNáklady: 1 200,00 Kč\nCelkem k úhradě: 14 040,00 Kč",
            "14040.00",
        ),
        ("Dlužná částka činí 5 300,00 Kč. Měsíční splátka 500,00 Kč.", "5300.00"),
    ],
)
def test_polish_and_czech_statements(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


def test_share_capital_in_a_polish_footer_is_no_total() -> None:
    text = "Do zapłaty łącznie: 4 388,12 zł\nWindykacja Expert Sp. z o.o., kapitał zakładowy 500 000,00 zł"
    assert _roles(text)[Decimal("500000.00")] == "other"
    assert _total(text) == Decimal("4388.12")

"""How-much structure (docs/evaluation.md): an itemised list without a total is summed with
checks, a later correction replaces the figure it corrects, the base of a percentage is no
total, a statement's movements are no credits — each in several languages, with near misses."""

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels, choose_amounts
from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.safety import find_credit_marks, listed_rows_sum, stated_parts_sum


def _total(text: str) -> Decimal | None:
    items = [(f, "body") for f in amounts_with_labels(text)]
    return choose_amounts(items, texts={"body": text}).amounts.total


# --- an itemised list announced as the claim's parts: summed ----------------------------
@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("De vordering bestaat uit:\nHoofdsom: € 820,00\nRente: € 34,15\nIncassokosten: € 123,00\n", "977.15"),
        (
            "The account is made up of the following:\n• Roaming charges: £512.18\n• Monthly plan: £80.00\n"
            "• Late payment fees: £75.00\n\nNo payments have been received.",
            "667.18",
        ),
        (
            "Les montants suivants restent ouverts :\n  primes impayées ...... CHF 637.40\n"
            "  participation aux coûts ..... CHF 618.70\n  frais de rappel ..... CHF 40.00\n",
            "1296.10",
        ),
        ("Die Forderung setzt sich wie folgt zusammen:\nWarenlieferung 300,00 €\nMahngebühren 15,00 €\n", "315.00"),
        ("La deuda se compone de:\nFactura 410,00 €\nGastos de gestión 40,00 €\n", "450.00"),
        ("Skulden består av:\nFaktura 2 400,00 kr\nPåminnelseavgift 60,00 kr\n", "2460.00"),
        (
            "Item | EUR\nPrincipal | 598.00\nStatutory interest | 30.40\nRecovery costs (EUR 40 flat) | 40.00\n"
            "All of the above items are currently due.",
            "668.40",
        ),
    ],
)
def test_announced_list_is_summed(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


@pytest.mark.parametrize(
    ("text", "naive"),
    [
        # the last row is the list's own total: it is the claim, not one more part
        (
            "Die Forderung setzt sich wie folgt zusammen:\nHauptforderung 500,00 €\nZinsen 12,40 €\nSaldo 512,40 €\n",
            "1024.80",
        ),
        # a subtotal row: the rows above add up to it
        (
            "La dette se compose de :\nFacture A 100,00 €\nFacture B 50,00 €\nSous-total 150,00 €\nFrais 10,00 €\n",
            "310.00",
        ),
        # a payment received in the list: not a part of the claim
        ("The balance is made up of:\nInvoice £400.00\nPayment received £100.00\nFees £20.00\n", "520.00"),
        # a total stated elsewhere: the list is its breakdown
        ("Gesamtforderung: 800,00 €\nSie besteht aus:\nHauptforderung 700,00 €\nKosten 90,00 €\n", "790.00"),
    ],
)
def test_list_that_fails_a_check_is_not_summed(text: str, naive: str) -> None:
    assert _total(text) != Decimal(naive)


def test_unannounced_list_without_principal_is_not_summed() -> None:
    assert _total("Roaming: £512.18\nPlan: £80.00\nFees: £75.00\n") is None


# --- the safety layer's check of a summed total ------------------------------------------
@pytest.mark.parametrize(
    ("text", "total", "ok"),
    [
        ("Hoofdsom: € 820,00\nRente: € 34,15\nIncassokosten: € 123,00", "977.15", True),
        ("Hauptforderung 500,00 €\nZinsen 12,40 €\n\nMahnkosten 5,00 €", "517.40", False),  # not consecutive
        ("Hauptforderung 500,00 €\nZinsen 12,40 € und 3,00 €\nMahnkosten 5,00 €", "517.40", False),  # two figures
        ("Betrag 4. 018,75 €\nKosten 0,00 €", "18.75", False),  # a fragment never counts
    ],
)
def test_listed_rows_sum(text: str, total: str, ok: bool) -> None:
    assert listed_rows_sum(text, Decimal(total)) is ok


@pytest.mark.parametrize(
    ("text", "total", "ok"),
    [
        (
            "In der Sache setzen sich die Ansprüche aus einer Hauptforderung von 1.212,40 EUR, Zinsen von "
            "96,31 EUR sowie Kosten von 283,05 EUR zusammen.",
            "1591.76",
            True,
        ),
        ("The debt is made up of principal of £400.00 and charges of £35.50.", "435.50", True),
        ("Het bedrag bestaat uit € 300,00 hoofdsom en € 45,00 kosten.", "345.00", True),
        # no composition phrase: two figures of a sentence are no parts
        ("Wir haben 400,00 € erhalten, offen sind 35,50 €.", "435.50", False),
    ],
)
def test_stated_parts_sum(text: str, total: str, ok: bool) -> None:
    assert stated_parts_sum(text, Decimal(total)) is ok


# --- a correction later in the same reply --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Der Sollsaldo beträgt 1.262,80 EUR.\nKorrektur: die Zinsen wurden storniert. Der richtige Sollsaldo "
            "beträgt damit 1.231,30 EUR.",
            "1231.30",
        ),
        ("The balance is £980.00. Correction: the correct balance is £940.00.", "940.00"),
        ("Le solde s'élève à 640,00 €. Rectification : le montant exact du solde est de 610,00 €.", "610.00"),
        ("Il saldo è di 500,00 €. Rettifica: il saldo corretto è di 470,00 €.", "470.00"),
        ("Het saldo bedraagt € 720,00. Correctie: het juiste saldo is € 700,00.", "700.00"),
    ],
)
def test_a_later_correction_wins(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


def test_two_totals_without_a_correction_stay_undecided() -> None:
    assert _total("Der Saldo beträgt 1.262,80 EUR. Die Restforderung beträgt 1.100,00 EUR.") is None


# --- the base of a percentage is no total ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("aufgerechnet in Höhe von 10 % des maßgebenden Regelbedarfs (563,00 €), also monatlich 56,30 €", "563.00"),
        ("we deduct 30% of his income (£1,200.00) each month", "1200.00"),
        ("een inhouding van 10 % van het inkomen (€ 1.400,00)", "1400.00"),
    ],
)
def test_percentage_base_is_other(text: str, base: str) -> None:
    roles = {f.amount: amount_role(f) for f in amounts_with_labels(text)}
    assert roles[Decimal(base)] == "other"


# --- a statement's negative rows that add up to the total are movements, not credits ----
@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "01.07.2026  Saldo  kr.  6.125,00\n01.08.2026  A conto  kr.  1.140,00\n15.08.2026  Indbetaling  kr. -1.000,00\n"
            "30.09.2026  Rykkergebyr  kr.  200,00\n31.10.2026  Renter 0,8 % pr. md.  kr.  -55,00 (tilbageført)\n"
            "Restbeløb i alt kr. 6.410,00",
            "6410.00",
        ),
        ("Saldo 31.10. 480,00 €\nStorno Mahngebühr -5,00 €\nZinsen 2,10 €\nNeuer Saldo 477,10 €", "477.10"),
    ],
)
def test_statement_movements_are_no_credit(text: str, total: str) -> None:
    assert find_credit_marks(text, Decimal(total)) == []


def test_a_negative_balance_is_still_a_credit() -> None:
    assert find_credit_marks("Saldo 31.10. 480,00 €\nZahlung -500,00 €\nNeuer Saldo -20,00 €", Decimal("20.00"))


def test_card_statement_payment_row_marked_cr_is_a_movement() -> None:
    text = (
        "Credit limit   £3,500.00\nPrevious balance   £3,870.15\n\nDate   Description   Debit (£)   Credit (£)\n"
        "03/10/26   PAYMENT RECEIVED - THANK YOU      40.00 CR\n28/10/26   INTEREST (29.9% APR)   67.29\n"
        "28/10/26   OVERLIMIT FEE   15.00\n\nClosing balance   £3,912.44"
    )
    assert find_credit_marks(text, Decimal("3912.44")) == []
    # the same rows do not add up to another figure: the CR mark stays a credit
    assert find_credit_marks(text, Decimal("3952.44")) != []


def test_gaps_do_not_count_for_a_summed_total() -> None:
    assert not listed_rows_sum("Hauptforderung 500,00 €\n\nZinsen 12,40 €", Decimal("512.40"))


# --- an instalment of another period beside the arrears --------------------------------------
@pytest.mark.parametrize(
    ("text", "arrears", "instalment"),
    [
        (
            "Es besteht ein Rückstand von 275,40 Euro. Der Beitrag ist vierteljährlich mit 55,08 Euro zu zahlen.",
            "275.40",
            "55.08",
        ),
        ("Arrears: £275.40. The quarterly charge of £55.08 is payable in advance.", "275.40", "55.08"),
        ("Achterstand: € 275,40. Per kwartaal is € 55,08 te betalen.", "275.40", "55.08"),
        ("Arriéré : 275,40 €. La cotisation trimestrielle de 55,08 € reste payable.", "275.40", "55.08"),
    ],
)
def test_instalment_of_another_period_is_other(text: str, arrears: str, instalment: str) -> None:
    roles = {f.amount: amount_role(f) for f in amounts_with_labels(text)}
    assert roles[Decimal(instalment)] == "other"
    assert _total(text) == Decimal(arrears)


# --- a sum paid is no settled claim ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seven instalments have fallen due and £766.80 has been paid. The total currently owed is £1,838.00.",
        "Es sind 300,00 € bezahlt worden; offen sind noch 1.200,00 €.",
        "Er is € 250,00 betaald; het openstaande saldo bedraagt € 980,00.",
    ],
)
def test_a_sum_paid_is_no_settled_reply(text: str) -> None:
    assert classify_text(text, has_claim_amount=True).kind is not ReplyKind.CLAIM_SETTLED


@pytest.mark.parametrize(
    "text",
    [
        "The account has been paid in full.",
        "The balance of £766.80 has been fully paid.",
        "Die Forderung über 318,20 € wurde vollständig bezahlt.",
    ],
)
def test_paid_in_full_stays_settled(text: str) -> None:
    assert classify_text(text, has_claim_amount=False).kind is ReplyKind.CLAIM_SETTLED


# --- N like payments deducted between two totals ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "rest"),
    [
        (
            "Erstattung in Höhe von insgesamt 2.508,00 Euro. Es wurden drei monatliche Raten zu je 108,00 Euro "
            "gezahlt. Der noch offene Betrag beläuft sich auf 2.184,00 Euro.",
            "2184.00",
        ),
        (
            "The total claim was £2,508.00. Three instalments of £108.00 each were paid. The balance is now £2,184.00.",
            "2184.00",
        ),
    ],
)
def test_like_payments_counted(text: str, rest: str) -> None:
    assert _total(text) == Decimal(rest)


def test_a_refund_set_off_is_no_total() -> None:
    text = (
        "Der Rückstand betrug zum 30.09.2026 1.943,50 €. Die Erstattung aus der Veranlagung 2025 in Höhe von "
        "412,00 € wurde verrechnet. Weitere Säumniszuschläge von 19,00 € sind entstanden.\n"
        "Der Rückstand beläuft sich heute somit auf 1.550,50 €."
    )
    assert _total(text) == Decimal("1550.50")

"""Families of reading round 19 (the current total, exact; tuning_q and tuning_r): an item's due
date is no predicate; a running-balance table's booking cell is no total; an instalment run for
a counted number of periods is deducted that many times; "nach zwei Raten" says when; a list
announced as arrears is summed; an accepted settlement holds — in several languages, with the
near misses that must stay as they were (docs/evaluation.md, "Reading round 19").
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import (
    amount_role,
    amounts_with_labels,
    choose_amounts,
    times,
    with_text_currency,
)
from creditctl.pipeline.safety_claims import _SETTLEMENT_ACCEPTED
from tests.amount_reading import body_total, body_total_certain


def _roles(text: str) -> dict[Decimal, str | None]:
    return {f.amount: amount_role(f) for f in amounts_with_labels(text)}


def _listed_total(text: str) -> Decimal | None:
    """The total read from ``text`` as the body, its lines available (an itemised list is summed)."""
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)], texts={"body": text})
    return choice.amounts.total


DUE_DATE_ITEMS = [
    "Open invoices:\n• Order 7731-AX (Shoe Planet) 119.99 EUR – due 14 Aug 2026\n"
    "• Order 7731-BK (Homely Living) 159.98 EUR – due 02 Sep 2026\n• Interest 7.50 EUR\n\n"
    "Total outstanding as of today: EUR 287.47\n",
    "Offene Rechnungen:\n- Rechnung 4711 119,99 EUR fällig am 14.08.2026\n- Rechnung 4712 159,98 EUR fällig am 02.09.2026\n"
    "- Zinsen 7,50 EUR\n\nGesamtforderung heute: 287,47 EUR\n",
    "Factures impayées :\n- Facture F-88 : 119,99 € échéance le 14/08/2026\n- Facture F-89 : 159,98 € échéance le 02/09/2026\n"
    "- Intérêts 7,50 €\n\nSolde total dû : 287,47 €\n",
]


@pytest.mark.parametrize("text", DUE_DATE_ITEMS)
def test_an_items_due_date_names_no_total(text: str) -> None:
    roles = _roles(text)
    assert roles[Decimal("119.99")] != "total" and roles[Decimal("159.98")] != "total"
    assert body_total_certain(text) == (Decimal("287.47"), True)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Your balance of £80.00 is now due.", Decimal("80.00")),
        ("Es sind noch 492,37 € fällig.", Decimal("492.37")),
        ("Amount 312.47 EUR due", Decimal("312.47")),  # a predicate alone, no date: still the total
    ],
)
def test_a_predicate_without_a_date_still_names_the_total(text: str, figure: Decimal) -> None:
    assert _roles(text)[figure] == "total"


RUNNING_BALANCE_OPENING = [
    "Date          Description                     Debit      Credit     Balance\n"
    "14/01/2026    Balance transferred          1,402.77                 1,402.77\n"
    "03/03/2026    Payment received                         50.00        1,352.77\n"
    "11/09/2026    Returned payment fee            5.41                  1,358.18\n"
    "06/11/2026    Payment received                         60.00        1,298.18\n"
    "Current balance                                                   £1,298.18\n",
    "Datum | Buchungstext | Soll | Haben | Saldo\n"
    "01.01.2026 | Saldovortrag | 1.402,77 | | 1.402,77\n"
    "03.03.2026 | Zahlung | | 50,00 | 1.352,77\n"
    "11.09.2026 | Rücklastschriftgebühr | 5,41 | | 1.358,18\n"
    "06.11.2026 | Zahlung | | 60,00 | 1.298,18\n",
]


@pytest.mark.parametrize("text", RUNNING_BALANCE_OPENING)
def test_a_balance_rows_booking_cell_is_no_second_total(text: str) -> None:
    assert body_total(text) == Decimal("1298.18")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Seit Juli wird diese mit monatlich 56,30 EUR gegen die laufenden Leistungen aufgerechnet (3 Monate).", 3),
        ("Seit 01/2026 wird aufgerechnet (monatlich 20,00 Euro, bislang 4 Monate = 80,00 Euro).", 4),
        ("We have collected £45.00 a month for 6 months.", 6),
        ("Er zahlt 50,00 € im Monat seit 3 Jahren.", 1),  # years of a tenancy, no count of the payments
        ("Die Rate von 50,00 € (3 Monate)", 1),  # no per-period figure
    ],
)
def test_a_per_period_figure_counts_its_periods(text: str, count: int) -> None:
    first = amounts_with_labels(text)[0]
    assert times(first) == count


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Mit Bescheid vom 10.03.2026 wurde eine Forderung in Höhe von 960,00 EUR festgesetzt. Seit Juli 2026 "
            "wird diese mit monatlich 56,30 EUR gegen die laufenden Leistungen aufgerechnet (3 Monate).\n"
            "Noch offen: 791,10 EUR.",
            Decimal("791.10"),
        ),
        (
            "The overpayment of £960.00 was set at 10 March. Since July we have deducted £56.30 a month "
            "for 3 months.\nStill outstanding: £791.10.",
            Decimal("791.10"),
        ),
        (  # the count does not explain the change: nothing is chosen
            "Mit Bescheid wurde eine Forderung in Höhe von 960,00 EUR festgesetzt. Seit Juli wird mit monatlich "
            "56,30 EUR aufgerechnet (2 Monate).\nNoch offen: 791,10 EUR.",
            None,
        ),
    ],
)
def test_a_rest_after_counted_instalments(text: str, total: Decimal | None) -> None:
    assert body_total(text) == total


@pytest.mark.parametrize(
    "text",
    [
        "Herr Maier zahlt seit September monatliche Raten von 79,00 €. Die Restforderung beträgt nach zwei Raten 1.738,00 €.",
        "He pays monthly instalments of £79.00. The remaining balance after two instalments is £1,738.00.",
        "Hij betaalt termijnen van € 79,00. Het restant bedraagt na twee termijnen € 1.738,00.",
    ],
)
def test_after_n_instalments_says_when_not_what(text: str) -> None:
    assert _roles(text)[Decimal("1738.00")] == "total"
    assert body_total(text) == Decimal("1738.00")


ARREARS_LISTS = [
    (
        "für Frau Weber bestehen auf dem Beitragskonto folgende Rückstände:\n"
        "- Beiträge 04/2026–10/2026: 1.050,00 €\n- Säumniszuschläge: 84,50 €\n- Mahngebühren: 12,00 €\n"
        "Der monatliche Beitrag beträgt ab 01/2027 voraussichtlich 231,40 €.",
        Decimal("1146.50"),
    ),
    (
        "The account shows the following arrears:\n- Rent Sep–Nov: £1,050.00\n- Late fees: £84.50\n- Admin fee: £12.00\n",
        Decimal("1146.50"),
    ),
]


@pytest.mark.parametrize(("text", "total"), ARREARS_LISTS)
def test_a_list_announced_as_arrears_is_summed(text: str, total: Decimal) -> None:
    assert _listed_total(text) == total


def test_a_list_with_a_stated_total_is_not_summed() -> None:
    text = "folgende Rückstände:\n- Beiträge: 1.050,00 €\n- Mahngebühren: 12,00 €\nGesamtrückstand: 1.100,00 €\n"
    assert _listed_total(text) != Decimal("1062.00")


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("il Comitato Crediti ha accolto la proposta di saldo e stralcio per la posizione", True),
        ("Your client's offer of £3,000.00 has been accepted.", True),
        ("Ihr Vergleichsangebot über 3.000,00 € wurde angenommen.", True),
        ("La propuesta de quita ha sido aceptada.", True),
        ("Wij gaan akkoord met het voorstel van uw cliënt.", True),
        ("Votre proposition a été acceptée par notre service.", True),
        ("Ihr Angebot wurde nicht angenommen; offen sind 5.987,12 €.", False),
        ("Your client's offer was not accepted; the balance is £5,987.12.", False),
        ("Card payments are accepted online.", False),
    ],
)
def test_an_accepted_settlement_is_found(text: str, accepted: bool) -> None:
    assert bool(_SETTLEMENT_ACCEPTED.search(text)) is accepted


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "mit Bescheid wurde Kindergeld in Höhe von 1.650,00 Euro zurückgefordert. Seit September wird aufgerechnet "
            "(monatlich 55,00 Euro; bisher September, Oktober, November = 165,00 Euro).\n"
            "Es besteht noch eine Restforderung von 1.485,00 Euro.",
            Decimal("1485.00"),
        ),
        (
            "An overpayment of £1,650.00 was recovered from benefit at £55.00 a week; so far £165.00.\n"
            "The remaining balance is £1,485.00.",
            Decimal("1485.00"),
        ),
        (  # the figure "so far" does not make up the difference: nothing chosen
            "mit Bescheid wurde Kindergeld in Höhe von 1.650,00 Euro zurückgefordert (bisher 120,00 Euro aufgerechnet).\n"
            "Es besteht noch eine Restforderung von 1.485,00 Euro.",
            None,
        ),
    ],
)
def test_a_sum_deducted_so_far_explains_the_rest(text: str, total: Decimal | None) -> None:
    assert body_total(text) == total


SOLL_HABEN = (
    "Buchungstag  Vorgang                            Soll          Haben\n"
    "01.10.2026   Saldo alt                        2.310,55 S\n"
    "30.10.2026   Überweisung Meier, Karin                          50,00\n"
    "31.10.2026   Verzugszinsen 10/2026               21,87\n"
    "30.11.2026   Überweisung Meier, Karin                          50,00\n"
    "30.11.2026   Verzugszinsen 11/2026               21,13\n"
    "01.12.2026   Mahnentgelt                          5,00\n"
    "04.12.2026   Rücklastschrift Entgelt              3,00\n"
    "04.12.2026   Saldo neu                         2.261,55 S\n"
)


def test_an_aligned_credit_column_is_deducted() -> None:
    roles = [(f.amount, amount_role(f)) for f in amounts_with_labels(SOLL_HABEN)]
    assert (Decimal("50.00"), "other") in roles
    assert body_total(SOLL_HABEN) == Decimal("2261.55")  # no currency stated: not certain


def test_an_aligned_table_without_a_credit_column_is_unchanged() -> None:
    text = SOLL_HABEN.replace("Haben\n", "Notiz\n", 1)
    assert body_total(text) is None  # the payments add up to nothing: a person decides


@pytest.mark.parametrize(
    "text",
    [
        "Principal                  958,40 EUR\nFrais de rappel             15,00 EUR\n"
        "Paiement reçu              -60,00 EUR\nÀ payer                    913,40 EUR\n",
        "Montant à payer : 913,40 EUR",
    ],
)
def test_a_payer_names_the_total(text: str) -> None:
    assert body_total(text) == Decimal("913.40")


@pytest.mark.parametrize(
    "text",
    [
        "die Restschuld per 04.12.2026 beträgt nach Verrechnung aller Zahlungen und Verzugszinsen 8.712,35 €.",
        "die Restschuld beträgt nach Verrechnung aller Zahlungen 8.712,35 €.",
        "the balance after all payments and interest is £8,712.35.",
    ],
)
def test_after_payments_and_interest_says_when(text: str) -> None:
    assert [amount_role(f) for f in amounts_with_labels(text)] == ["total"]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Alle Beträge in Schweizer Franken.", "CHF"),
        ("Kontoauszug Staats- und Gemeindesteuern (Fr.), Stand 04.12.2026", "CHF"),
        ("All amounts are in pounds sterling.", "GBP"),
        ("Alle beløb i danske kroner.", "DKK"),
    ],
)
def test_a_currency_named_in_words(sentence: str, code: str) -> None:
    text = f"{sentence}\nTotal Ausstand                               3'997.60\n"
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    assert choice.currency is None
    assert with_text_currency(choice, [("body", text)]).currency == code


def test_frau_abbreviated_is_no_currency() -> None:
    text = "Sehr geehrte Fr. Ostendorf,\nTotal Ausstand                               3'997.60\n"
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    assert with_text_currency(choice, [("body", text)]).currency is None


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        (
            "zu der Lebensversicherung Nr. LV-4471 (Versicherungssumme 25.000,00 EUR, Monatsbeitrag 61,99 EUR):",
            "25000.00",
        ),
        ("the policy (sum assured £25,000.00) has lapsed.", "25000.00"),
        ("der Rückkaufswert beträgt derzeit 1.240,00 EUR.", "1240.00"),
    ],
)
def test_a_sum_insured_is_no_total(text: str, figure: str) -> None:
    assert _roles(text)[Decimal(figure)] != "total"


def test_a_debit_balance_minus_is_owed() -> None:
    text = (
        "Data        Descrizione                   Dare        Avere       Saldo\n"
        "01/10/2026  Saldo iniziale                                        -5.912,44\n"
        "31/10/2026  Interessi di mora             38,20                   -5.950,64\n"
        "Saldo debitore al 31/10/2026: -5.950,64 EUR\n"
    )
    assert body_total(text) == Decimal("5950.64")


def test_a_minus_without_a_debit_word_stays_a_credit() -> None:
    assert body_total("Saldo al 31/10/2026: -5.950,64 EUR") == Decimal("-5950.64")


@pytest.mark.parametrize(
    "text",
    [
        "Monatliche Rate: 43,33 €\nOffene Raten: 6\nMahngebühren: 12,00 €\n"
        "Summe aller offenen Raten inkl. Gebühren: 271,97 €\ndavon bereits fällig: 98,66 €\n",
        "Monthly instalment: £43.33\nTotal of all outstanding instalments incl. fees: £271.97\nof which overdue: £98.66\n",
        "Maandtermijn: € 43,33\nTotaal van alle openstaande termijnen: € 271,97\n",
    ],
)
def test_the_sum_of_all_open_instalments_is_the_total(text: str) -> None:
    assert body_total(text) == Decimal("271.97")


def test_one_open_instalment_is_still_no_total() -> None:
    assert _roles("Die nächste offene Rate beträgt 43,33 €.")[Decimal("43.33")] != "total"


@pytest.mark.parametrize(
    "text",
    [
        "Arrears on closed electricity account: EUR 896.40\nCollection charges: EUR 116.00\n"
        "As at 31 December 2025 the balance on the account was EUR 904.19.\n",
        "Openstaande premies 2026         € 1.044,90\nWettelijke rente                 €    21,35\n"
        "Incassokosten                    €   122,00\nPer 31-12-2025 bedroeg het saldo 1.057,18 €.\n",
        "Beitragsrückstand 2026: 896,40 €\nMahnkosten: 16,00 €\nVerzugszinsen: 8,20 €\n",
    ],
)
def test_a_balance_row_with_charges_below_it_unadded_is_no_total(text: str) -> None:
    assert body_total(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # its breakdown below it
        "zadłużenie na dzień 01.12.2026 wynosi 1 598,20 zł, w tym:\nkapitał 1 320,00 zł\n"
        "odsetki umowne i karne 198,20 zł\nkoszty windykacji 80,00 zł\n",
        # in prose, a sentence ends after it
        "Die Forderung besteht weiterhin, aktuell in Höhe von 1.598,20 €.\nMahngebühren 15,00 €\n",
        # a sum row follows
        "Offener Betrag Rechnungen: 1.502,20 €\nMahnkosten: 96,00 €\nGesamtforderung: 1.598,20 €\n",
    ],
)
def test_a_balance_with_its_breakdown_or_a_sum_row_still_reads(text: str) -> None:
    assert body_total(text) == Decimal("1598.20")


@pytest.mark.parametrize(
    ("text", "settled"),
    [
        (
            "Udlejer har accepteret at eftergive restgælden på 3.402,10 kr.\nSagen er hermed afsluttet, og der skyldes ikke yderligere.",
            True,
        ),
        ("Vi bekræfter modtagelsen. Sagen er hermed afsluttet, og der er ikke længere noget udestående.", True),
        ("Der skyldes fortsat 3.402,10 kr.", False),
    ],
)
def test_danish_settled_wording(text: str, settled: bool) -> None:
    from creditctl.pipeline.extraction.model import ReplyKind
    from creditctl.pipeline.extraction.reply_kind import classify_text

    kind = classify_text(text, has_claim_amount=not settled).kind
    assert (kind is ReplyKind.CLAIM_SETTLED) is settled


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("Der aktuelle Rückstand auf dem Beitragskonto ist im Betreff dieser Nachricht genannt.", True),
        ("The current balance is stated in the subject of this email.", True),
        ("Im Betreff Ihres Schreibens nennen Sie einen Betrag von 385,52 €.", False),
    ],
)
def test_the_subject_pointed_at(text: str, points: bool) -> None:
    from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE

    assert bool(SEE_SUBJECT_RE.search(text)) is points

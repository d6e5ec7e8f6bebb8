"""Reading round 26 (read26): the current total, exact — families of tuning_k … tuning_v
(docs/evaluation.md, "Reading round 26 (read26)").

Each family: positives in several languages and near-misses that must still hold (or keep
their label)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import (
    amounts_with_labels,
    bracketed_breakdown,
    choose_amounts,
    dated_column_total,
    find_amounts,
)
from creditctl.pipeline.reply_wording import current_figure_reasons, labelled_figures, several_totals_reasons
from creditctl.pipeline.safety import find_credit_marks

# --- a part's figure right before the total's label: the label is the total's -----------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Für den Zeitraum sind Beiträge nicht gezahlt worden; zusammen mit den festgesetzten "
            "Säumniszuschlägen von 8,00 Euro beläuft sich der Gesamtrückstand damit auf 393,56 Euro.",
            "393.56",
        ),
        (
            "Na aftrek van de tussenkomst van het ziekenfonds en inclusief herinneringskosten van € 25,00 "
            "bedraagt het openstaand saldo € 537,30.",
            "537.30",
        ),
        ("Etter renter for november og et purregebyr på kr 35,00 er saldo å betale i dag kr 7 431,74.", "7431.74"),
        ("The balance today is £4,251.80 - the £51.80 difference is the October arrears fee.", "4251.80"),
        ("Samen met de aanmaningskosten van € 15,00 bedraagt het saldo € 415,00.", "415.00"),
    ],
)
def test_a_parts_figure_before_the_totals_label_is_no_second_total(text: str, total: str) -> None:
    assert several_totals_reasons({"body": text}, Decimal(total)) == []


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # two balances, each with its own label: still several totals
        ("Der Saldo laut Kontoauszug beträgt 620,00 €. Der Saldo laut Mahnung beträgt 2.580,00 €.", "2580.00"),
        # a predicate right after the figure names that figure, whatever follows it
        ("Es sind 1.200,00 € offen und der Saldo beträgt heute 1.350,00 €.", "1350.00"),
        ("There is £900.00 outstanding and the total balance is £1,100.00.", "1100.00"),
    ],
)
def test_two_figures_each_labelled_a_balance_still_hold(text: str, total: str) -> None:
    assert several_totals_reasons({"body": text}, Decimal(total)) != []


def test_the_label_of_next_flag_is_set_only_without_own_words() -> None:
    figures = labelled_figures("Zusammen mit Mahnkosten von 12,00 € beträgt die Forderung 312,00 €.")
    assert [(f.value, f.label_of_next) for f in figures] == [(Decimal("12.00"), True), (Decimal("312.00"), False)]
    own = labelled_figures("Offen sind 300,00 €, die Forderung beträgt 312,00 €.")
    assert not any(f.label_of_next for f in own)


# --- a total broken down in the bracket right after it ------------------------------------------


def _total(text: str) -> Decimal | None:
    items = [(f, "body") for f in amounts_with_labels(text)]
    return choose_amounts(items, texts={"body": text}).amounts.total


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Die offene Gesamtforderung beläuft sich zum 04.12.2026 auf 9.921,40 EUR (Restschuld 9.104,33 EUR, "
            "rückständige Raten 842,00 EUR, Verzugszinsen 245,07 EUR, Kosten 30,00 EUR, abzüglich Zahlungen 300,00 EUR).",
            "9921.40",
        ),
        (
            "The total balance outstanding is £2,410.00 (remaining balance £2,300.00, interest £150.00, "
            "less payments £40.00).",
            "2410.00",
        ),
        (
            "Le solde total s'élève à 1 180,00 € (solde restant 1 000,00 €, frais 200,00 €, moins versements 20,00 €).",
            "1180.00",
        ),
    ],
)
def test_a_total_broken_down_in_its_bracket_is_taken(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


@pytest.mark.parametrize(
    "text",
    [
        # the bracket's figures do not add up to it: a person compares
        "Die offene Gesamtforderung beläuft sich auf 9.921,40 EUR (Restschuld 9.104,33 EUR, Kosten 30,00 EUR).",
        # the other total stands outside the bracket
        "Die Gesamtforderung beträgt 1.000,00 EUR (Zinsen 20,00 EUR, Kosten 30,00 EUR). Die Restschuld beträgt 950,00 EUR.",
    ],
)
def test_a_bracket_that_does_not_explain_the_total_takes_nothing(text: str) -> None:
    items = [(f, "body") for f in find_amounts(text)]
    totals = [
        i
        for i in items
        if i[0].amount in (Decimal("9921.40"), Decimal("9104.33"), Decimal("1000.00"), Decimal("950.00"))
    ]
    assert bracketed_breakdown(totals, items, {"body": text}) is None


# --- statements marking balances DR / Soll ------------------------------------------------------


def test_a_cr_booking_above_a_dr_closing_balance_is_a_movement() -> None:
    text = (
        "01/10/2026   Balance brought forward                             €3,350.00 DR\n"
        "09/10/2026   Voluntary termination – vehicle sale €1,450.00 CR  €1,900.00 DR\n"
        "09/10/2026   Collection & sale costs              €195.00        €2,095.00 DR\n"
        "30/11/2026   Arrears interest                     €23.40         €2,118.40 DR\n"
        "             Closing balance                                     €2,118.40 DR\n"
    )
    assert find_credit_marks(text, Decimal("2118.40")) == []


def test_not_in_credit_beside_a_dr_balance() -> None:
    text = (
        "Mr Okafor's account is NOT in credit – the £18.22 credit we mentioned belonged to his old supply address.\n"
        "  Opening balance 01/06/2026      £612.44 DR\n"
        "  Closing balance 30/11/2026      £648.90 DR\n"
    )
    assert find_credit_marks(text, Decimal("648.90")) == []
    german = "Es besteht kein Guthaben.\nSaldo alt 1.200,00 S\nZahlung 100,00 H\nSaldo neu 1.100,00 S\n"
    assert find_credit_marks(german, Decimal("1100.00")) == []


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # the closing balance is a credit: still held, whatever figure was read
        ("Balance brought forward €300.00 DR\nPayment €500.00 CR\nClosing balance €200.00 CR\n", "300.00"),
        # the total is not the last marked balance
        ("Balance 01/10 €300.00 DR\nBalance 30/11 €120.00 CR\n", "300.00"),
        # no debit mark on the total: the credit word counts
        ("Your account is not in credit any more? It is in credit by £40.00. Balance £648.90.\n", "648.90"),
        # a negated credit word without a debit-marked total still counts
        ("The account is not in credit. Balance £648.90\nRefund £18.22 CR\n", "648.90"),
    ],
)
def test_credits_still_found(text: str, total: str) -> None:
    assert find_credit_marks(text, Decimal(total)) != []


# --- a table comparing two dates: the latest column states the claim ----------------------------

_DATED = {
    "de": (
        "zum Vergleich die Aufstellung vom letzten Monat und von heute:\n"
        "Position | Stand 01.11.2026 Betrag in EUR | Stand 04.12.2026 Betrag in EUR\n"
        "Hauptforderung | 689,90 | 689,90\nZinsen | 21,50 | 29,95\nInkassokosten | 60,00 | 60,00\nGesamt | 771,40 | 779,85\n",
        "779.85",
    ),
    "en": (
        "Item | as at 31/10/2026 | as at 30/11/2026\nPrincipal | £1,200.00 | £1,200.00\n"
        "Interest | £35.10 | £48.60\nCharges | £25.00 | £50.00\nTotal | £1,260.10 | £1,298.60\n",
        "1298.60",
    ),
    "fr": (
        "Poste | au 2026-10-31 | au 2026-11-30\nPrincipal | 900,00 € | 900,00 €\nIntérêts | 12,40 € | 18,70 €\n"
        "Total | 912,40 € | 918,70 €\n",
        "918.70",
    ),
    # the later date in the first column
    "nl": (
        "Post | Stand 30-11-2026 | Stand 31-10-2026\nHoofdsom | 500,00 | 500,00\nRente | 9,00 | 6,00\nTotaal | 509,00 | 506,00\n",
        "509.00",
    ),
}


@pytest.mark.parametrize("lang", sorted(_DATED))
def test_the_latest_dated_column_states_the_total(lang: str) -> None:
    text, total = _DATED[lang]
    assert _total(text) == Decimal(total)
    assert dated_column_total(text) == Decimal(total)
    assert current_figure_reasons({"body": text}, Decimal(total), text) == []


@pytest.mark.parametrize(
    "text",
    [
        # columns without dates: nothing is said about which is current
        "Position | Vertrag A | Vertrag B\nHauptforderung | 689,90 | 500,00\nZinsen | 21,50 | 29,95\nGesamt | 711,40 | 529,95\n",
        # the latest column does not add up to its total row
        "Position | Stand 01.11.2026 | Stand 04.12.2026\nHauptforderung | 689,90 | 689,90\nZinsen | 21,50 | 29,95\n"
        "Gesamt | 711,40 | 799,85\n",
        # one dated column only
        "Position | Stand 04.12.2026 | Bemerkung\nHauptforderung | 689,90 | offen\nGesamt | 689,90 | offen\n",
    ],
)
def test_tables_that_do_not_date_their_columns_name_no_current_column(text: str) -> None:
    assert dated_column_total(text) is None


def test_zum_vergleich_is_no_settlement() -> None:
    from creditctl.pipeline.reply_wording import find_phrases

    assert find_phrases("settlement", "zum Vergleich die Aufstellung vom letzten Monat und von heute") == []
    assert find_phrases("settlement", "Wir bieten einen Vergleich über 500,00 € an.") != []


# --- "Heute offen:" names the figure as it stands today -----------------------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Heute offen: 338,80 EUR (Beiträge 2025 und 2026 zzgl. Mahnkosten; 286,40 EUR war der Stand vom Juli).",
            "338.80",
        ),
        ("Per heute offen: 237,90 EUR.", "237.90"),
        ("Stand heute offen: 1.024,00 €", "1024.00"),
        ("Offen: 88,00 €", "88.00"),
    ],
)
def test_offen_today_labels_the_total(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


def test_a_past_stand_beside_it_is_no_total() -> None:
    # the figure of July is no current total, and "heute" alone labels nothing
    assert _total("286,40 EUR war der Stand vom Juli.") is None
    assert _total("Heute haben wir 50,00 EUR erhalten.") is None


# --- an included part's figure right before the claim's own figure -----------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "der Rückstand auf dem Beitragskonto 512 334 889 beträgt für den Zeitraum 01.10.2024 bis 30.11.2026 "
            "einschließlich eines Säumniszuschlags von 8,00 Euro 485,36 Euro.",
            "485.36",
        ),
        ("Der Rückstand beträgt einschließlich eines Säumniszuschlags von 8,00 Euro derzeit 385,86 Euro.", "385.86"),
        ("Het saldo bedraagt inclusief aanmaningskosten van € 15,00 € 415,00.", "415.00"),
    ],
)
def test_the_figure_after_an_included_part_is_the_total(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)
    assert current_figure_reasons({"body": text}, Decimal(total), text) == []


def test_a_claim_named_with_its_parts_keeps_its_figure() -> None:
    text = "Es besteht eine Restforderung einschließlich Mahnkosten von 845,12 EUR."
    assert _total(text) == Decimal("845.12")


# --- Polish: "obecnie wynosi" names the figure as it stands now ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "zadłużenie wynosiło poprzednio 1 280,00 zł, obecnie wynosi 1 315,60 zł (doliczono odsetki za zwłokę).",
        "Saldo konta aktualnie wynosi 1 315,60 zł.",
    ],
)
def test_polish_current_figure(text: str) -> None:
    assert _total(text) == Decimal("1315.60")
    assert current_figure_reasons({"body": text}, Decimal("1315.60"), text) == []


def test_polish_past_figure_is_no_total() -> None:
    assert _total("Zadłużenie wynosiło 1 280,00 zł.") is None


# --- a scanned statement's result row: "0ffen per 27.11.2026" -----------------------------------


def test_a_scans_zero_for_the_letter_o_is_folded_in_labels() -> None:
    from creditctl.pipeline.extraction.labels import ocr_folded

    assert ocr_folded("0ffen per 27.11.2026") == "offen per 27.11.2026"
    assert ocr_folded("0utstanding balance") == "outstanding balance"
    # figures, dates and references keep their zeros
    for kept in ("0,00 EUR", "Rechnung 00123", "27.11.2026", "Ref 0AB1", "10ffen"):
        assert ocr_folded(kept) == kept


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "  Rechnungsbetrag              1.476,00\n  Mahnspesen (2 x 18,00)          36,00\n"
            "  Zinsen 4 % 14.11.24-27.11.26   121,06\n  0ffen per 27.11.2026   EUR   1.633,06\n",
            "1633.06",
        ),
        ("Offen zum 30.11.2026: 412,80 €", "412.80"),
    ],
)
def test_offen_per_date_labels_the_result_row(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)
    assert current_figure_reasons({"body": text}, Decimal(total), text) == []


# --- an account's debit side named after the figure ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Nach Schlussrechnung vom 10.11. (Restlaufzeitentgelt 27,75 €) steht das Konto bei 640,15 € im Soll.",
            "640.15",
        ),
        ("After the final bill the account stands at £640.15 in debit.", "640.15"),
        ("Na de eindafrekening staat de rekening op € 640,15 in het debet.", "640.15"),
    ],
)
def test_a_debit_side_after_the_figure_names_the_total(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


def test_a_credit_after_the_figure_is_still_no_debt() -> None:
    text = "Nach Schlussrechnung steht das Konto bei 40,15 € im Haben."
    assert find_credit_marks(text, Decimal("40.15")) != []


# --- the client surname first in a statement's booking row --------------------------------------


def _meier_claim() -> object:
    from creditctl.pipeline.matching_types import ClaimCandidate

    return ClaimCandidate(
        1, 1, creditor_reference="0041882761", client_file_number="BÖ-2026-0001", client_name="Karin Meier",
        creditor_name="Sparkasse Nord", agent_name=None, creditor_emails=("konto@sparkasse.example",),
        client_date_of_birth=None,
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Konto Ihrer Mandantin Karin Meier\n01.10.2026   Saldo alt   2.310,55 S\n"
        "30.10.2026   Überweisung Meier, Karin     50,00\n04.12.2026   Saldo neu   2.260,55 S\n",
        "Account of Karin Meier\n30/10/2026  Payment Meier, Karin  £50.00\n04/12/2026  Closing balance £2,260.55\n",
        "Rekening van Karin Meier\n30-10-2026  Storting Meier, Karin  € 50,00\n04-12-2026  Saldo € 2.260,55\n",
    ],
)
def test_the_clients_own_payment_row_names_no_other_person(text: str) -> None:
    from creditctl.pipeline.safety_claims import claim_problems

    claim = _meier_claim()
    assert (
        claim_problems(own_text=text, matched=claim, candidates=[claim], references=[], total=Decimal("2260.55")) == []
    )  # type: ignore[list-item,arg-type]


def test_another_meier_in_a_booking_row_still_holds() -> None:
    from creditctl.pipeline.safety_claims import claim_problems

    claim = _meier_claim()
    text = "Karin Meier   1.850,55 EUR\nÜberweisung Meier, Karin   50,00 EUR\nJonas Meier   410,00 EUR\nGesamt   2.260,55 EUR\n"
    reasons = claim_problems(own_text=text, matched=claim, candidates=[claim], references=[], total=Decimal("2260.55"))  # type: ignore[list-item,arg-type]
    assert reasons and "another person" in reasons[0]


# --- a balance per row, then the total due --------------------------------------------------------

_PER_ROW = {
    "fr": (
        "Montants en EUR\nMois          Loyer     Charges   Payé      Solde\n"
        "juillet 2026  620,00    85,00     705,00      0,00\naoût 2026     620,00    85,00     300,00    405,00\n"
        "sept. 2026    635,20    85,00     200,00    520,20\noct. 2026     635,20    85,00     200,00    520,20\n"
        "Arriéré antérieur (décompte du 30/06/2026)               525,00\n"
        "Indemnité forfaitaire de retard                           42,00\n"
        "Total dû au 31/10/2026                                2.012,40\n",
        "2012.40",
    ),
    "de": (
        "Beträge in EUR\nMonat        Miete     NK       gezahlt   Rückstand\n"
        "09/2026      700,00    150,00   600,00    250,00\n10/2026      700,00    150,00   850,00      0,00\n"
        "11/2026      700,00    150,00   500,00    350,00\nMahngebühren                                 10,00\n"
        "Gesamtrückstand                              610,00\n",
        "610.00",
    ),
    "en": (
        "All amounts in GBP\nMonth      Rent      Service   Paid      Arrears\n"
        "Sep 2026   800.00    50.00     700.00    150.00\nOct 2026   800.00    50.00     650.00    200.00\n"
        "Total arrears                            350.00\n",
        "350.00",
    ),
}


@pytest.mark.parametrize("lang", sorted(_PER_ROW))
def test_row_balances_add_up_to_the_total(lang: str) -> None:
    text, total = _PER_ROW[lang]
    assert _total(text) == Decimal(total)


def test_a_last_column_that_is_no_row_balance_settles_nothing() -> None:
    # the last column is another charge, not charges less paid: the per-row rule does not apply
    rows = [
        f
        for f in amounts_with_labels(
            "Monat   Miete   NK   Mahnung\n09/2026   700,00   150,00   5,00\n10/2026   700,00   150,00   5,00\n"
        )
    ]
    from creditctl.pipeline.extraction.amounts import _row_balances_add_up

    assert not _row_balances_add_up(rows, Decimal("10.00"))
    # balances per row that do not add up to the total row
    text = _PER_ROW["en"][0].replace("350.00\n", "360.00\n")
    balances = [f for f in amounts_with_labels(text) if f.line_no in (2, 3)]
    assert not _row_balances_add_up(balances, Decimal("360.00"))


# --- an original claim, N like payments, the rest: arithmetic over the multiples ----------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Ihre Mandantin wurde zur Erstattung in Höhe von insgesamt 2.508,00 Euro verpflichtet. Auf die Forderung "
            "wurden drei monatliche Raten zu je 108,00 Euro gezahlt. Der noch offene Betrag beläuft sich auf 2.184,00 Euro.",
            "2184.00",
        ),
        (
            "The total claim was £2,508.00. Three instalments of £108.00 each have been received. "
            "The outstanding balance is £2,184.00.",
            "2184.00",
        ),
    ],
)
def test_an_original_total_less_n_like_payments_is_no_second_total(text: str, total: str) -> None:
    assert several_totals_reasons({"body": text}, Decimal(total)) == []


def test_multiples_that_do_not_explain_the_rest_still_hold() -> None:
    text = (
        "Die Forderung beträgt insgesamt 2.508,00 Euro. Es wurden drei Raten zu je 100,00 Euro gezahlt. "
        "Der noch offene Betrag beläuft sich auf 2.184,00 Euro."
    )
    assert several_totals_reasons({"body": text}, Decimal("2184.00")) != []


# --- pointers to the subject line, and a rest after a dated payment ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "het bedrag dat daarna nog te betalen is, ziet u in het onderwerp van deze mail.",
        "Den offenen Betrag sehen Sie im Betreff dieser Nachricht.",
        "You can see in the subject line what is still owed.",
        "Le solde, vous le voyez dans l'objet de ce courriel.",
    ],
)
def test_more_pointers_to_the_subject(text: str) -> None:
    from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE

    assert SEE_SUBJECT_RE.search(text)


def test_the_offices_subject_is_no_pointer() -> None:
    from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE

    assert not SEE_SUBJECT_RE.search("Wie Sie im Betreff Ihres Schreibens angeben, …")
    assert not SEE_SUBJECT_RE.search("Wir sehen Sie gerne in unserem Büro.")


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Akkoord met een betalingsregeling van € 50,00 per maand, eerste termijn uiterlijk 15-12-2026. "
            "Restant na verwerking van de betaling van 20-11: € 874,35.",
            "874.35",
        ),
        ("Restforderung nach Verrechnung der Zahlung vom 20.11.: 874,35 €.", "874.35"),
    ],
)
def test_a_rest_after_a_dated_payment_is_the_current_figure(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)
    assert current_figure_reasons({"body": text}, Decimal(total), text) == []

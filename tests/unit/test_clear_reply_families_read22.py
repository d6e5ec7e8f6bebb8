"""Families of reading round 22 (clear replies held: tuning_r/s/n/p): each table mixes
languages and forms beyond the example that showed the gap, and keeps near-misses that
must NOT trip (docs/evaluation.md, "Tenth reading round")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning import parse_email
from creditctl.pipeline.extraction.amounts import (
    AmountChoice,
    amounts_with_labels,
    choose_amounts,
    with_text_currency,
)
from creditctl.pipeline.extraction.model import Amounts
from creditctl.pipeline.reply_wording import labelled_figures, settled_reasons
from tests.amount_reading import body_total, roles

# --- labels of the current figure the reader did not know ------------------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # a statement's result row in French
        (
            "Principal                958,40 EUR\nFrais de rappel           15,00 EUR\n"
            "Paiement reçu            -60,00 EUR\n               -------------\nÀ payer                913,40 EUR",
            "913.40",
        ),
        ("Reste à payer : 412,50 €", "412.50"),
        ("Net à payer 1.050,36 EUR", "1050.36"),
        # the arrears named after the figure
        ("zum Beitragskonto 478 902 163 sind derzeit 385,86 Euro rückständig.", "385.86"),
        # what the rest takes into account, with a rate and a legal basis in it
        (
            "Unter Berücksichtigung der Verzugszinsen (4 % p.a.) und unserer Kosten gem. Inkassogebühren-VO "
            "haftet per heute ein Betrag von EUR 812,40 unberichtigt aus.",
            "812.40",
        ),
        (
            "Die Restschuld per 04.12.2026 beträgt nach Verrechnung aller Zahlungen und Verzugszinsen 8.712,35 €.",
            "8712.35",
        ),
    ],
)
def test_current_figure_labels(text: str, total: str) -> None:
    assert body_total(text) == Decimal(total)


@pytest.mark.parametrize(
    "text",
    [
        # the payments named with their own figure stay payments, not the claim
        "Nach Verrechnung der geleisteten Zahlungen von 150,00 € beträgt die Restforderung 412,50 €.",
        "Die monatliche Rate à payer est de 50,00 €. Le solde restant dû s'élève à 412,50 €.",
    ],
)
def test_payments_and_rates_stay_deductions(text: str) -> None:
    assert body_total(text) == Decimal("412.50")
    assert dict(roles(text)).get(Decimal("412.50")) == "total"


# --- the rest after one stated deduction ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Mit Bescheid vom 17.03.2026 wurde Kindergeld in Höhe von 1.650,00 Euro zurückgefordert. Seit "
            "September wird der Betrag aufgerechnet (monatlich 55,00 Euro; bisher September, Oktober, November "
            "= 165,00 Euro).\n\nEs besteht noch eine Restforderung von 1.485,00 Euro.",
            "1485.00",
        ),
        (
            "Die Rückforderung wurde in Höhe von 1.650,00 Euro festgesetzt. Seit 01/2026 wird aufgerechnet "
            "(monatlich 20,00 Euro, bislang 4 Monate = 80,00 Euro).\n\nDie Forderung ist derzeit noch in Höhe "
            "von 1.570,00 Euro offen.",
            "1570.00",
        ),
    ],
)
def test_rest_after_one_stated_deduction(text: str, total: str) -> None:
    assert body_total(text) == Decimal(total)


@pytest.mark.parametrize(
    "text",
    [
        # the difference is stated nowhere: a person decides which figure is current
        "Die Forderung wurde in Höhe von 1.650,00 Euro festgesetzt (bisher gezahlt: 100,00 Euro). "
        "Es besteht noch eine Restforderung von 1.485,00 Euro.",
        # no figure between them: two totals, none taken
        "Die Forderung wurde in Höhe von 1.650,00 Euro festgesetzt. Es besteht noch eine Restforderung von 1.485,00 Euro.",
    ],
)
def test_no_rest_without_the_exact_difference(text: str) -> None:
    assert body_total(text) is None


# --- a running-balance table whose first booking names the claim -----------------------------

_LEDGER = (
    "Datum       Text                     Soll       Haben      Saldo\n"
    "01.09.2026  Übernahme Forderung    2'418.60               2'418.60\n"
    "30.09.2026  Verzugszins               9.95               2'428.55\n"
    "24.10.2026  Zahlung Schuldner                  100.00     2'328.55\n"
    "30.11.2026  Verzugszins               9.70               2'338.25\n"
)


def test_running_balance_beats_the_first_booking() -> None:
    assert body_total(_LEDGER) == Decimal("2338.25")


def test_a_total_outside_the_ledger_still_holds() -> None:
    text = _LEDGER + "\nDie Gesamtforderung beträgt laut Mahnbescheid 2.600,00 CHF.\n"
    assert body_total(text) is None


# --- the Swiss franc named in words or as a caption ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Saldo 2'497.35\n\nAlle Beträge in Schweizer Franken.", "CHF"),
        ("Kontoauszug Staats- und Gemeindesteuern (Fr.), Stand 04.12.2026\nTotal Ausstand 3'997.60", "CHF"),
        ("Tous les montants en francs suisses. Solde 412.50", "CHF"),
        # "Fr." for Frau names no currency
        ("Sehr geehrte Fr. Meyer, der Saldo beträgt 412,50.", None),
    ],
)
def test_currency_named_in_words(text: str, currency: str | None) -> None:
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    choice = AmountChoice(Amounts(total=choice.amounts.total), None, [], [], False)
    assert with_text_currency(choice, [("body", text)]).currency == currency


# --- a figure after an aside in brackets is named by the words around it -----------------------


def test_bracket_aside_before_the_figure() -> None:
    text = (
        "nous vous confirmons que le solde débiteur du prêt de votre cliente (montant initial 5 000,00 €, "
        "mensualité 142,18 €) s'élève à 2 541,12 € à la date du 03/12/2026."
    )
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[Decimal("2541.12")] == "claim"
    assert kinds[Decimal("142.18")] == "other"


def test_bracket_aside_after_another_figure_names_nothing() -> None:
    text = (
        "der offene Saldo beträgt per heute 412,73 EUR (darin Mahngebühren 2 x 2,50 EUR und die "
        "Sperrandrohungsgebühr von 19,10 EUR). Abschlag ab Januar: 64,00 EUR mtl."
    )
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[Decimal("412.73")] == "claim"
    assert kinds[Decimal("64.00")] != "claim"


# --- a settled newest message above a ticket's older comments -------------------------------

_TICKET = (
    "Siobhán Keane (Emerald Recoveries)\nDec 4, 2026, 10:05 GMT\n\nHello,\n{newest}\nKind regards, Siobhán\n\n"
    "Ciarán Walsh (Emerald Recoveries)\nDec 3, 2026, 16:40 GMT\n\nThe balance due today is €702.40.\n"
)


def test_settled_newest_comment_over_older_balance() -> None:
    text = _TICKET.format(newest="Ms Popescu paid the account in full on 1 December. The balance is now nil.")
    assert settled_reasons({"body": text}, text, Decimal("0.00")) == []


def test_older_balance_still_holds_when_the_newest_does_not_say_settled() -> None:
    text = _TICKET.format(newest="We have closed our file.")
    assert settled_reasons({"body": text}, text, Decimal("0.00"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Op 25-11-2026 is het volledige bedrag door cliënte voldaan; er staat niets meer open.",
        "Er staat niets meer open.",
    ],
)
def test_dutch_settled_wording(sentence: str) -> None:
    assert not settled_reasons({"body": sentence}, sentence, Decimal("0.00"))
    assert settled_reasons({"body": sentence}, sentence, Decimal("412.50"))


# --- an inline answer below a question with an aside ------------------------------------------


def test_answer_below_a_question_with_an_aside_is_the_reply() -> None:
    body = (
        "Goedemiddag, zie onze antwoorden hieronder in de tekst.\n\nMet vriendelijke groet,\nDe Vaart B.V.\n\n"
        "-----Oorspronkelijk bericht-----\nVan: Beratung <post@beratung.example>\n"
        "Verzonden: maandag 30 november 2026 09:15\nAan: dossiers@devaart.example\nOnderwerp: Vragen\n\n"
        "> 1. Wat is het actuele saldo? (bij ons bekend: € 1.012,40)\n"
        "Nihil. Het volledige bedrag is voldaan.\n"
        "> 2. Zijn er nog andere dossiers?\nNee.\n"
    )
    parsed = parse_email(None, body)
    assert "Nihil. Het volledige bedrag is voldaan." in parsed.reply
    assert "1.012,40" not in parsed.reply


def test_a_wrapped_quote_line_stays_quoted() -> None:
    body = (
        "Siehe unten.\n\nAm 30.11.2026 schrieb Beratung <post@beratung.example>:\n"
        "> Nach unseren Unterlagen beträgt die Forderung (Stand Oktober)\n"
        "612,40 EUR laut Ihrem letzten Schreiben.\n> Bitte bestätigen Sie.\n"
    )
    parsed = parse_email(None, body)
    assert "612,40" not in parsed.reply


# --- an account closed to further orders is no collection paused ----------------------------


def test_account_suspended_from_orders_is_no_pause() -> None:
    from creditctl.pipeline.reply_wording import find_phrases

    assert not find_phrases("suspended", "Please note that the account has been suspended from further orders.")
    assert not find_phrases("suspended", "The account is suspended from new purchases until the arrears are cleared.")
    assert find_phrases("suspended", "Please note that the account has been suspended while we review the file.")
    assert find_phrases("suspended", "Collection on the account has been suspended for 30 days.")


# --- a minus on a line naming a debit balance is what the client owes ----------------------


def test_saldo_debitore_minus_is_owed() -> None:
    from creditctl.pipeline.safety import find_credit_marks

    text = (
        "Data        Descrizione          Dare      Avere     Saldo\n"
        "01/10/2026  Saldo iniziale                           -5.912,44\n"
        "31/10/2026  Interessi di mora    38,20               -5.950,64\n\n"
        "Saldo debitore al 31/10/2026: -5.950,64 EUR\n"
    )
    assert body_total(text) == Decimal("5950.64")
    assert find_credit_marks(text, Decimal("5950.64")) == []


def test_a_bare_minus_balance_stays_a_credit() -> None:
    from creditctl.pipeline.safety import find_credit_marks

    text = "Saldo al 31/10/2026: -5.950,64 EUR\n"
    assert body_total(text) == Decimal("-5950.64")
    assert find_credit_marks(text, Decimal("5950.64"))


def test_bracket_aside_closing_the_sentence_before() -> None:
    text = (
        "für Herrn Kevin Schulte werden die Abfall- und Straßenreinigungsgebühren geführt (vierteljährlich 67,50 €). "
        "Zum Stichtag 31.10.2026 sind einschließlich Säumniszuschlägen (1 % pro angefangenem Monat) und "
        "Mahngebühren insgesamt 337,00 € rückständig."
    )
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[Decimal("337.00")] == "claim"


# --- tuning_t: answers, forwards and threads that state the figure plainly -------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Restbeløpet er per i dag kr 6 402,00, inkludert forsinkelsesrenter og salærer.", "6402.00"),
        ("Die Restschuld beträgt nach Verbuchung aller Zahlungen 371,25 €; darin sind die Zinsen enthalten.", "371.25"),
        (
            "Aus den Monatsbeiträgen Mai bis September (je 12,90 €) und den Mahnkosten ergibt sich ein "
            "Beitragsrückstand inkl. Mahnkosten von 501,30 €, der weiterhin offen ist.",
            "501.30",
        ),
        (
            "zum Stichtag 30.11.2026 bestehen Beitragsrückstände einschließlich Säumniszuschlägen in Höhe von 905,40 €.",
            "905.40",
        ),
        (
            "Der Rückstand beträgt einschließlich eines Säumniszuschlags von 8,00 Euro derzeit 385,86 Euro. "
            "Der monatliche Rundfunkbeitrag beträgt 18,36 Euro.",
            "385.86",
        ),
    ],
)
def test_tuning_t_labels(text: str, total: str) -> None:
    assert body_total(text) == Decimal(total)


def test_a_part_with_its_figure_and_no_figure_after_stays_the_claim() -> None:
    # "Restforderung … einschließlich Mahnkosten von 845,12 EUR": the figure is the claim's, its parts included
    assert body_total("Es besteht eine Restforderung einschließlich Mahnkosten von 845,12 EUR.") == Decimal("845.12")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("£3,498.12 as at today's date. Interest has been frozen since we took instructions.", "3498.12"),
        ("Vi confermiamo che l'esposizione debitoria complessiva ad oggi è pari a € 2.716,40.", "2716.40"),
        ("Der Rückstand beträgt einschließlich eines Säumniszuschlags von 8,00 Euro derzeit 385,86 Euro.", "385.86"),
    ],
)
def test_safety_reads_the_claim_word(text: str, value: str) -> None:
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[Decimal(value)] == "claim"


def test_forward_separator_is_no_handover() -> None:
    from creditctl.pipeline.safety_handover import handover_phrase

    text = "Forderungsstand: € 438,50\n\n----- Weitergeleitet von Petra Gruber/ALPENINKASSO am 03.12.2026 10:12 -----\n"
    assert handover_phrase(text) is None
    sold = "Die Forderung wurde am 01.12.2026 an die Alpen Inkasso GmbH weitergeleitet.\n"
    assert handover_phrase(sold) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Le solde du dossier est désormais de 0,00 € et le dossier est clôturé auprès de notre mandant.",
        "Le dossier a été clôturé.",
    ],
)
def test_french_settled_wording(sentence: str) -> None:
    assert not settled_reasons({"body": sentence}, sentence, Decimal("0.00"))
    assert settled_reasons({"body": sentence}, sentence, Decimal("412.50"))


def test_balance_carried_forward_is_no_second_total() -> None:
    from creditctl.pipeline.reply_wording import several_totals_reasons

    text = (
        "Buchungstag  Vorgang                          Soll        Haben\n"
        "01.10.2026   Saldovortrag                     2.315,77\n"
        "30.10.2026   Gutschrift Überweisung                       100,00\n"
        "31.10.2026   Sollzinsen 10/2026                  21,40\n"
        "             Saldo per 30.11.2026             2.165,92 S\n"
    )
    assert several_totals_reasons({"body": text}, Decimal("2165.92")) == []
    two = "Der Saldo per 31.10.2026 beträgt 2.315,77 EUR.\nDer Saldo per 30.11.2026 beträgt 2.165,92 EUR.\n"
    assert several_totals_reasons({"body": two}, Decimal("2165.92"))


@pytest.mark.parametrize(
    "text",
    [
        "der Saldo beläuft sich aktuell auf EUR 1.050,30; die Zinsen laufen weiter (derzeit EUR 0,19 pro Tag).",
        "Der Saldo beträgt 1.050,30 €. Die Zinsen laufen taggenau weiter (derzeit 0,19 € täglich).",
        "The balance is £1,050.30. Interest continues to accrue at £0.19 a day.",
        "Le solde est de 1 050,30 €; les intérêts courent (0,19 € par jour).",
    ],
)
def test_interest_per_day_is_no_second_total(text: str) -> None:
    assert body_total(text) == Decimal("1050.30")


def test_a_payment_booked_on_the_arrears_is_no_total() -> None:
    text = (
        "Die Zahlung Ihrer Mandantin über 100,00 € vom 28.11.2026 haben wir auf die ältesten Rückstände verbucht. "
        "Vorher bestand ein Rückstand von 1.480,25 €, nun beträgt der Beitragsrückstand noch 1.380,25 €."
    )
    assert body_total(text) == Decimal("1380.25")


def test_a_part_after_a_dash_includes_is_no_second_total() -> None:
    text = "ANSWER: €968.45 as of today - this includes the €34.35 late payment fees added in October."
    assert body_total(text) == Decimal("968.45")
    assert dict(roles(text))[Decimal("34.35")] == "other"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kaufpreis Handy war € 1.199,00, davon sind jetzt noch € 476,30 offen.", "476.30"),
        ("Na verwerking daarvan staat er in dit dossier nog € 1.612,80 open.", "1612.80"),
    ],
)
def test_the_rest_still_open_is_the_claim(text: str, value: str) -> None:
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[Decimal(value)] == "claim"


def test_of_which_paid_stays_other() -> None:
    kinds = {f.value: f.kind for f in labelled_figures("Die Forderung beträgt 500,00 €, davon bezahlt 120,00 €.")}
    assert kinds[Decimal("120.00")] == "other"


def test_nothing_left_to_pay_is_settled() -> None:
    from creditctl.pipeline.extraction.model import ReplyKind
    from creditctl.pipeline.extraction.reply_kind import classify_text

    text = "The purchase has been fully credited. There is nothing left to pay on this purchase."
    assert not settled_reasons({"body": text}, text, Decimal("0.00"))
    assert settled_reasons({"body": text}, text, Decimal("159.90"))
    assert classify_text(text, has_claim_amount=False).kind is ReplyKind.CLAIM_SETTLED


def test_austrian_outstanding_wrapped_over_lines() -> None:
    text = (
        "Unter Berücksichtigung der Verzugszinsen (4 % p.a.) und\nunserer Kosten gem. Inkassogebühren-VO haftet per "
        "heute\nein Betrag von EUR 812,40 unberichtigt aus."
    )
    assert body_total(text) == Decimal("812.40")

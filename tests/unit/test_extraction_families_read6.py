"""Families of creditor wording (sixth reading round, tuned on ``tests/data/tuning_f``):
each table mixes languages and forms beyond the example, and keeps near-misses that must
NOT trip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning import parse_email
from creditctl.pipeline.extraction.amounts import (
    find_amounts,
    running_balance_total,
)
from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.extraction.parties import client_name
from creditctl.pipeline.extraction.references import find_references
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.reply_wording import find_phrases, labelled_figures, wording_reasons
from creditctl.pipeline.safety import find_credit_marks
from tests.amount_reading import body_total as _total, roles as _roles

D = Decimal


def _reasons(total: str, body: str) -> list[str]:
    return wording_reasons(total=D(total), own_texts={"body": body})


# ---------------------------------------------------------------- currencies of central Europe


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Do zapłaty pozostało 5 611,72 zł.", "5611.72", "PLN"),
        ("The total amount is PLN 5 611,72.", "5611.72", "PLN"),
        ("Die Restschuld beträgt 1.250,00 zł", "1250.00", "PLN"),
        ("Dlužná částka celkem 26 180,00 Kč", "26180.00", "CZK"),
        ("Outstanding: CZK 26,180.00", "26180.00", "CZK"),
        ("Saldo 312,00 Kč.", "312.00", "CZK"),
    ],
)
def test_zloty_and_koruna_are_currencies(text: str, amount: str, currency: str) -> None:
    assert [(f.amount, f.currency) for f in find_amounts(text)] == [(D(amount), currency)]


@pytest.mark.parametrize("text", ["ul. Złota 12, 00-120 Warszawa", "Kčs-Nummer 12 der Akte", "PLN-Konto Nr. 1200"])
def test_a_currency_word_inside_other_words_is_no_amount(text: str) -> None:
    assert find_amounts(text) == []


# ---------------------------------------------------------------- a dash in an address is no minus


@pytest.mark.parametrize(
    "text",
    [
        "RCS Lyon B 412 998 031 – 14, quai Perrache, 69002 Lyon",
        "Recouvrement Meuse SRL, Rue de Fer 31 – 5000 Namur – BCE 0644.381.207",
        "Kaai 14 – 2000 Antwerpen",
        "Via Marsala 44 - 40126 Bologna",
    ],
)
def test_a_spaced_dash_before_a_house_number_or_postcode_is_no_credit(text: str) -> None:
    assert find_credit_marks(text, D("314.74")) == []


@pytest.mark.parametrize(
    "text",
    ["Saldo: - 150,00 €", "Kontostand 31.10. - 150,00 EUR", "Balance – 150 EUR in your favour", "Saldo 150,00-"],
)
def test_a_minus_on_money_is_still_a_credit(text: str) -> None:
    assert find_credit_marks(text, D("150.00")) != []


# ---------------------------------------------------------------- "noch" / "nog" / "still": the rest


@pytest.mark.parametrize(
    "text",
    [
        "Nach Verrechnung der Aufrechnungsbeträge beträgt die Forderung noch 948,40 €.",
        "Nach Abzug der Zahlungen beläuft sich die Schuld noch auf 948,40 €.",
        "Na verrekening van de betalingen bedraagt de vordering nog € 948,40.",
        "Efter avdrag för betalningarna är skulden fortfarande 948,40 kr.",
    ],
)
def test_a_claim_word_with_still_names_the_rest_after_payments(text: str) -> None:
    assert _roles(text)[-1] == (D("948.40"), "total")


@pytest.mark.parametrize(
    "text",
    [
        "Wir haben noch 50,00 € Zahlung erhalten.",  # "noch" without a claim word: a payment
        "Es sind noch 3 Raten zu je 50,00 € offen.",  # an instalment
    ],
)
def test_still_without_a_claim_word_names_no_total(text: str) -> None:
    assert _roles(text)[-1][1] != "total"


# ---------------------------------------------------------------- the loan's original amount


@pytest.mark.parametrize(
    "text",
    [
        "prestito personale del 03/2021, importo finanziato € 2.500,00",
        "montant emprunté : 2 500,00 €",
        "importe financiado de 2.500,00 €",
        "geleend bedrag € 2.500,00",
        "lånebelopp 2 500,00 kr",
        "lainamäärä 2 500,00 €",
        "kwota pożyczki 2 500,00 zł",
        "amount borrowed: £2,500.00",
    ],
)
def test_the_original_loan_amount_is_not_the_claim(text: str) -> None:
    assert _roles(text)[-1][1] == "other"


def test_a_loan_amount_beside_the_balance_is_not_a_second_total() -> None:
    body = (
        "per la pratica in oggetto (prestito personale del 03/2021, importo finanziato € 2.500,00, rata "
        "mensile € 86,50) il saldo residuo alla data odierna ammonta a € 1.212,40 comprensivo di interessi."
    )
    assert not any("several different totals" in r for r in _reasons("1212.40", body))
    assert [f.kind for f in labelled_figures(body) if f.value == D("2500.00")] == ["other"]


# ---------------------------------------------------------------- a sentence does not start in lower case


@pytest.mark.parametrize(
    "body",
    [
        "Restgæld pr. dags dato: kr. 2.318,50\nHeraf renter kr. 118,50 og gebyr kr. 100,00.",
        "Saldo ca. heute: 2.318,50 €. Zinsen 118,50 €.",
        "Outstanding balance approx. today: EUR 2,318.50. Interest EUR 118.50.",
    ],
)
def test_an_abbreviation_before_a_lower_case_word_keeps_the_label(body: str) -> None:
    assert _reasons("2318.50", body) == []


# ---------------------------------------------------------------- collective debt procedures


@pytest.mark.parametrize(
    "text",
    [
        "le dossier déposé auprès de la commission de surendettement a été déclaré recevable",
        "Über das Vermögen Ihres Mandanten wurde das Verbraucherinsolvenzverfahren eröffnet.",
        "Your client has entered into an Individual Voluntary Arrangement.",
        "De schuldenaar is toegelaten tot de schuldsanering (WSNP).",
        "la procedura di sovraindebitamento è stata aperta",
        "el deudor se ha acogido a la ley de segunda oportunidad (concurso consecutivo)",
        "Gäldenären har beviljats skuldsanering.",
        "Skyldneren er under gældssanering.",
        "Saken inngår i gjeldsordning.",
        "Velallinen on velkajärjestelyssä.",
    ],
)
def test_a_collective_debt_procedure_is_held(text: str) -> None:
    body = text + " Nous avons déclaré notre créance pour un montant de 7 512,03 €."
    assert any("insolvency or collective debt procedure" in r for r in _reasons("7512.03", body))


@pytest.mark.parametrize(
    "text",
    [
        "Le solde restant dû s'élève à 7 512,03 €.",
        "Die Gesamtforderung beträgt 7.512,03 €; ein Insolvenzverfahren ist nicht eröffnet.",
        "Finanziaria Aurora S.p.A. – P.IVA 03311220377. Il saldo residuo ammonta a € 7.512,03.",
    ],
)
def test_no_procedure_or_a_negated_one_does_not_hold(text: str) -> None:
    assert not any("insolvency" in r for r in _reasons("7512.03", text))


@pytest.mark.parametrize(
    "text",
    [
        "La procédure de surendettement a été déclarée recevable. Notre créance s'élève à 7 512,03 €.",
        "Das Privatinsolvenzverfahren wurde eröffnet; wir haben 7.512,03 € zur Tabelle angemeldet.",
    ],
)
def test_a_collective_procedure_is_reply_kind_other(text: str) -> None:
    assert classify_text(text, has_claim_amount=True).kind is ReplyKind.OTHER


# ---------------------------------------------------------------- settled "in its entirety"


@pytest.mark.parametrize(
    "text",
    [
        "Asia on maksettu kokonaisuudessaan 12.11.2026.",
        "la deuda fue abonada en su totalidad el pasado 06/11/2026",
        "il debito è stato pagato per intero",
        "la créance a été réglée en totalité",
        "de vordering is in haar geheel betaald",
        "Gælden er betalt fuldt ud.",
    ],
)
def test_settled_in_full_in_every_language(text: str) -> None:
    assert find_phrases("settled", text)


@pytest.mark.parametrize("text", ["la deuda no fue abonada en su totalidad", "Asia ei ole maksettu kokonaisuudessaan."])
def test_settled_in_full_negated_does_not_count(text: str) -> None:
    assert not find_phrases("settled", text)


# ---------------------------------------------------------------- an amount inside a parenthesis


def test_an_amount_in_a_parenthesis_is_named_by_the_parenthesis() -> None:
    text = (
        "le confirmo que la deuda de D. Javier Morales (cargo por cambio de vuelo y tasas, reserva XJ7Q2M, "
        "148,00 €) fue abonada en su totalidad el pasado 06/11/2026. Saldo pendiente: 0,00 €."
    )
    assert _total(text) == D("0.00")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Die Forderung (ursprünglich 1.455,00 €) wird aufgerechnet.", "other"),
        ("Gesamtforderung (Hauptforderung 1.000,00 €, Zinsen 50,00 €) 1.050,00 €", "principal"),
        ("Der offene Betrag (1.234,56 €) ist sofort fällig.", "total"),  # no words of its own: the label outside
    ],
)
def test_parenthesis_labels(text: str, role: str) -> None:
    assert _roles(text)[0][1] == role


# ---------------------------------------------------------------- Soll/Haben: balance = debit sum - credit sum


def test_a_debit_credit_statement_gives_the_balance_row() -> None:
    text = (
        "Datum       Buchungstext              Soll      Haben\n"
        "01.08.2026  Abschlag Strom 08/26      58,00\n"
        "15.09.2026  Zahlung                             58,00\n"
        "12.10.2026  Jahresabrechnung          187,35\n"
        "                                    --------  --------\n"
        "Summe                                245,35     58,00\n"
        "Saldo zu unseren Gunsten                        187,35\n"
    )
    assert _total(text) == D("187.35")


def test_a_debit_credit_statement_that_does_not_add_up_gives_no_total() -> None:
    text = "Summe                                245,35     50,00\nSaldo zu unseren Gunsten                        187,35\n"
    assert _total(text) is None


# ---------------------------------------------------------------- a forward inside the sender's firm

_OFFICE_LETTER = (
    "From: Schuldnerberatung Böblingen <team@sb-boeblingen.example>\n"
    "Sent: 17 November 2026 11:30\nTo: Recoveries\nSubject: Kowalczyk\n\n"
    "Dear Sirs, please confirm the balance. Our records: GBP 1,077.35.\n"
)


@pytest.mark.parametrize(
    ("body", "sender"),
    [
        (
            "Hi,\n\nSee below from our client services team, balance confirmed.\n\nThanks\nJess\n\n"
            "---------- Forwarded message ---------\n"
            "From: Client Services <clientservices@northgate-recoveries.example>\n"
            "Date: Tue, 24 Nov 2026 at 16:05\nSubject: FW: Kowalczyk\nTo: Recoveries <r@northgate-recoveries.example>\n\n"
            "Current balance £1,102.35, no payments since March.\nMark\n\n" + _OFFICE_LETTER,
            "recoveries@northgate-recoveries.example",
        ),
        (
            "Sehr geehrte Damen und Herren,\n\nzur Info unten die Auskunft unserer Buchhaltung.\n\nLG\nSabine Huber\n\n"
            "Von: Buchhaltung Gruber <buchhaltung@gruber-hv.example>\nGesendet: Mittwoch, 25. November 2026 14:20\n"
            "An: Huber Sabine <s.huber@gruber-hv.example>\nBetreff: WG: Mietrückstand\n\n"
            "Hallo Sabine,\noffen € 1.102,35.\nlg Tanja\n\n" + _OFFICE_LETTER,
            "s.huber@post.gruber-hv.example",  # a subdomain of the colleague's domain is the same firm
        ),
        (
            "Zie hieronder het antwoord van onze afdeling.\n\n"
            "Van: Debiteurenbeheer <debiteuren@vandijk.example>\nVerzonden: dinsdag 24 november 2026 16:05\n"
            "Aan: Incasso <incasso@vandijk.example>\nOnderwerp: saldo\n\nHet saldo bedraagt € 1.102,35.\n\n"
            + _OFFICE_LETTER,
            "incasso@vandijk.example",
        ),
    ],
)
def test_a_colleagues_forwarded_answer_joins_the_reply(body: str, sender: str) -> None:
    parsed = parse_email(None, body, sender=sender)
    assert "1.102,35" in parsed.reply or "1,102.35" in parsed.reply
    assert "1,077.35" in parsed.quoted and "1,077.35" not in parsed.reply


@pytest.mark.parametrize(
    ("body", "sender"),
    [
        # the office's letter forwarded: another domain
        ("See below.\n\n" + _OFFICE_LETTER, "recoveries@northgate-recoveries.example"),
        # the newest text states its own figure: the forwarded one is older
        (
            "Die Gesamtforderung beträgt 1.512,30 €.\n\n---------- Weitergeleitete Nachricht ---------\n"
            "Von: Buchhaltung <buchhaltung@mi.example>\nDatum: Mo., 2. Nov. 2026 um 16:40\nBetreff: Köhler\n"
            "An: Forderungen <forderungen@mi.example>\n\nStand letzte Woche: 1.102,35 €.\n\n" + _OFFICE_LETTER,
            "forderungen@mi.example",
        ),
        # two people on a free-mail domain are no colleagues
        (
            "See below.\n\nFrom: Someone <someone@gmail.com>\nSent: 17 November 2026\nTo: x\nSubject: y\n\n"
            "Balance £1,102.35.\n",
            "other@gmail.com",
        ),
    ],
)
def test_other_forwards_stay_quoted(body: str, sender: str) -> None:
    parsed = parse_email(None, body, sender=sender)
    assert "1.102,35" not in parsed.reply and "1,102.35" not in parsed.reply


# ---------------------------------------------------------------- Swedish whole kronor "3 495:-"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Totalt att betala      3 495:-", "3495.00"),
        ("Kapital                2 940:-", "2940.00"),
        ("Summa: 1 250:- kr", "1250.00"),
        ("Att betala 495:--", "495.00"),
    ],
)
def test_whole_kronor_with_colon_dash(text: str, amount: str) -> None:
    assert [(f.amount, f.currency) for f in find_amounts(text)] == [(D(amount), "KR")]


@pytest.mark.parametrize("text", ["Mötet är kl 12:30 idag", "Ratio 3:1 enligt avtalet", "Tid: 10:-15"])
def test_a_time_or_a_ratio_is_no_kronor_amount(text: str) -> None:
    assert find_amounts(text) == []


# ---------------------------------------------------------------- advance payments on account


@pytest.mark.parametrize(
    "text",
    [
        "Der Abschlag für die neue Wohnung beträgt ab Januar 74,00 EUR",
        "Abschlagszahlung monatlich: 74,00 €",
        "Het voorschot bedraagt vanaf januari € 74,00",
        "L'acompte mensuel est de 74,00 €",
        "L'acconto mensile è di 74,00 €",
    ],
)
def test_an_advance_payment_is_not_the_claim(text: str) -> None:
    assert _roles(text)[-1][1] == "other"


def test_an_advance_payment_beside_the_rest_is_no_second_total() -> None:
    body = (
        "für Herrn Klaus Meyer besteht eine Restforderung aus der Schlussrechnung vom 02.10.2026 (Gas, "
        "Verbrauchsstelle Lindauer Str. 40) einschließlich Mahnkosten von 845,12 EUR. Der Abschlag für die neue "
        "Wohnung beträgt ab Januar 74,00 EUR und ist in der Restforderung nicht enthalten."
    )
    assert _reasons("845.12", body) == []


# ---------------------------------------------------------------- the balance a payment brings about


@pytest.mark.parametrize(
    "text",
    [
        "wij hebben een betaling van € 50,00 ontvangen, waarmee het saldo in dit dossier op € 660,75 komt",
        "We received your payment of £50.00, bringing the balance to £660.75.",
        "Zahlung von 50,00 € erhalten, wodurch sich die Forderung auf 660,75 € reduziert.",
        "Nous avons reçu un versement de 50,00 €, ce qui ramène le solde à 660,75 €.",
    ],
)
def test_the_balance_after_a_payment_is_the_total(text: str) -> None:
    assert _roles(text) == [(D("50.00"), "other"), (D("660.75"), "total")]


# ---------------------------------------------------------------- what a total includes is no label of its own


@pytest.mark.parametrize(
    "body",
    [
        "Offener Gesamtbetrag inkl. Mahngebühren: 229,97 €\nDie nächste Rate von 45,00 € ist am 1.12. fällig.",
        "Total balance including interest and fees: £229.97. Your next instalment of £45.00 is due on 1 December.",
        "Saldo totale comprensivo di spese: 229,97 €. La prossima rata di 45,00 € scade il 1 dicembre.",
    ],
)
def test_an_inclusive_clause_does_not_hide_the_total_label(body: str) -> None:
    assert _reasons("229.97", body) == []


def test_a_fee_alone_is_still_not_the_total() -> None:
    body = "Mahngebühren: 229,97 €\nDie nächste Rate von 45,00 € ist am 1.12. fällig."
    assert _reasons("229.97", body) != []


# ---------------------------------------------------------------- ticket systems: one block per message


@pytest.mark.parametrize(
    ("marker", "author", "date", "office_date"),
    [
        (
            "##- Please type your reply above this line -##",
            "Niamh Doyle (Claddagh Collections)",
            "Nov 26, 2026, 11:02 GMT",
            "Nov 20, 2026, 08:40 GMT",
        ),
        (
            "##- Gelieve boven deze lijn te antwoorden -##",
            "Kristof V. (Incassokantoor Schelde)",
            "26 nov. 2026 10:44 CET",
            "19 nov. 2026 08:02 CET",
        ),
        (
            "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein -##",
            "Lea (Zahlwerk Pay)",
            "1. Dez. 2026, 10:22 MEZ",
            "24. Nov. 2026, 09:00 MEZ",
        ),
        (
            "##- Veuillez répondre au-dessus de cette ligne -##",
            "Sophie Lambert",
            "26/11/2026 10:44",
            "19/11/2026 08:02",
        ),
    ],
)
def test_a_ticket_thread_keeps_the_office_message_quoted(marker: str, author: str, date: str, office_date: str) -> None:
    body = (
        f"{marker}\n\nYour request (55120) has been updated.\n\n{author}\n{date}\n\nHello,\n"
        "the balance is EUR 1,254.93.\n\nRegards\n\n"
        f"Schuldnerberatung Böblingen\n{office_date}\n\nPlease advise the balance (our records: EUR 1,206.18).\n"
    )
    parsed = parse_email(None, body)
    assert "1,254.93" in parsed.reply and "1,206.18" not in parsed.reply
    assert "1,206.18" in parsed.quoted


def test_without_a_ticket_marker_a_name_and_a_date_line_do_not_cut_the_reply() -> None:
    body = "Hello,\nthe balance was confirmed by\n\nJohn Smith\nNov 20, 2026, 08:40 GMT\n\nand is EUR 1,254.93.\n"
    assert "1,254.93" in parse_email(None, body).reply


# ---------------------------------------------------------------- credit notes and former figures


@pytest.mark.parametrize(
    "text",
    [
        "Na correctie werd een creditnota (CN-2026-04412) van € 312,40 opgemaakt. Na verwerking daarvan "
        "bedraagt het openstaande saldo nog € 942,53 (vroeger € 1.254,93).",
        "A credit note of £312.40 was issued. The outstanding balance is now £942.53 (previously £1,254.93).",
        "Nach einer Gutschrift von 312,40 € beträgt die offene Forderung 942,53 € (früher 1.254,93 €).",
        "Une note de crédit de 312,40 € a été émise ; le solde restant dû est de 942,53 € (auparavant 1 254,93 €).",
        "En kreditnota på 312,40 kr har utfärdats. Skulden är nu 942,53 kr (tidigare 1 254,93 kr).",
    ],
)
def test_a_credit_note_and_a_former_figure_are_not_totals(text: str) -> None:
    roles = dict(_roles(text))
    assert roles[D("312.40")] == "other" and roles[D("1254.93")] == "other"
    assert _total(text) == D("942.53")


def test_avoir_as_a_verb_is_no_credit_note() -> None:
    assert _roles("Nous devons avoir le solde de 942,53 € au plus tard le 1er décembre.")[0][1] != "other"


# ---------------------------------------------------------------- compound claim words (sv, da, no, fi, nl)


@pytest.mark.parametrize(
    "body",
    [
        "Eva Lindqvists hyresskuld uppgår idag till 10 350 kr. Månadshyran är 6 900 kr och december är inte inräknad.",
        "Kundens restgæld udgør 10.350,00 kr. Den månedlige ydelse er 690,00 kr.",
        "Husleiegjelden er 10 350,00 kr. Månedlig leie er 6 900,00 kr.",
        "Vuokravelka on 10 350,00 €. Kuukausivuokra on 690,00 €.",
        "De huurschuld bedraagt € 10.350,00. De maandelijkse huur is € 690,00.",
    ],
)
def test_a_compound_claim_word_labels_the_total(body: str) -> None:
    assert _reasons("10350.00", body) == []


def test_the_monthly_rent_beside_a_compound_claim_word_is_still_not_the_total() -> None:
    body = "Eva Lindqvists hyresskuld uppgår idag till 10 350 kr. Månadshyran är 6 900 kr."
    assert _reasons("6900.00", body) != []


# ---------------------------------------------------------------- Austrian "aushaften"


def test_outstanding_in_austrian_wording() -> None:
    body = (
        "dass zum Stichtag 30.11.2026 (Mietzins derzeit € 612,00 monatlich) einschließlich der "
        "November-Vorschreibung noch € 1.812,00 unberichtigt aushaften. Eine Teilzahlung über € 440,00 wurde "
        "bereits berücksichtigt."
    )
    assert _total(body) == D("1812.00")
    assert _reasons("1812.00", body) == []


# ---------------------------------------------------------------- CSV statements with a balance column


@pytest.mark.parametrize(
    ("header", "balance_word"),
    [
        ("Datum;Popis;Částka CZK;Zůstatek CZK", "Zůstatek"),
        ("Datum;Buchungstext;Betrag EUR;Saldo EUR", "Saldo"),
        ("Date;Description;Amount;Balance", "Balance"),
    ],
)
def test_the_last_balance_of_a_csv_statement_is_the_total(header: str, balance_word: str) -> None:
    text = (
        f"{header}\n31.08.2026;{balance_word};;24 600,00\n30.09.2026;Úrok;260,00;24 860,00\n"
        "15.11.2026;Upomínka;800,00;25 660,00\n"
    )
    assert _total(text) == D("25660.00")
    assert (
        wording_reasons(total=D("25660.00"), own_texts={"body": "See the attachment.", "attachment:x.csv": text}) == []
    )


def test_a_csv_list_without_a_balance_column_has_no_running_balance() -> None:
    text = "Date;Description;Amount\n31.08.2026;Loan;24 600,00\n30.09.2026;Interest;260,00\n"
    assert running_balance_total(text) is None
    assert running_balance_total(text.replace("Amount", "Amount;Balance") + "30.10.2026;Fee;5,00;24 865,00\n") == D(
        "24865.00"
    )


# ---------------------------------------------------------------- space-aligned running balance


@pytest.mark.parametrize(
    "header",
    [
        "Datum       Vorgang                         Betrag     Saldo",
        "Date        Description                     Amount     Balance",
        "Datum       Omschrijving                    Bedrag     Saldo",
    ],
)
def test_a_space_aligned_statement_gives_its_last_balance(header: str) -> None:
    text = (
        f"{header}\n"
        "14.05.2026  Kauf elektroshop-xl.example     384,90     384,90\n"
        "30.07.2026  1. Mahnung, Mahnspesen           12,50     397,40\n"
        "30.09.2026  Verzugszinsen 4 %                 5,00     402,40\n"
    )
    assert running_balance_total(text) == D("402.40")
    assert _total(text + "Offen sind noch 402,4 € – bitte überweisen.") == D("402.40")


def test_a_space_aligned_table_without_a_balance_column_has_none() -> None:
    text = (
        "Datum       Buchungstext              Soll      Haben\n"
        "01.08.2026  Abschlag Strom 08/26      58,00\n"
        "15.09.2026  Zahlung                             58,00\n"
    )
    assert running_balance_total(text) is None


# ---------------------------------------------------------------- a fee written off, "offen: 0,00"


def test_a_return_with_fees_written_off_is_settled() -> None:
    body = (
        "Wir haben die Bestellung (219,97 €) storniert und die Mahngebühren ausgebucht.\n"
        "Bestellwert        219,97 €\nGutschrift Retoure -219,97 €\nMahngebühren        0,00 €\n"
        "offen:              0,00 €\nFrau Meier muss nichts mehr bezahlen."
    )
    assert _total(body) == D("0.00")
    assert wording_reasons(total=D("0.00"), own_texts={"body": body}) == []


@pytest.mark.parametrize(
    "text",
    ["Die Forderung haben wir ausgebucht.", "Der Restbetrag wurde abgeschrieben.", "Die Forderung ist ausgebucht."],
)
def test_the_claim_written_off_is_still_held(text: str) -> None:
    assert find_phrases("written_off", text)


def test_fees_written_off_are_no_claim_written_off() -> None:
    assert not find_phrases("written_off", "Die Mahngebühren ausgebucht, die Zinsen abgeschrieben.")


# ---------------------------------------------------------------- answers marked as such inside a quoted letter


@pytest.mark.parametrize(
    "marker", ["ANSWER:", "Antwort:", "Antwoord:", "Réponse :", "Risposta:", "Respuesta:", "Svar:"]
)
def test_marked_inline_answers_below_an_unquoted_letter_join_the_reply(marker: str) -> None:
    body = (
        "Hi,\n\nPlease see our answers below.\n\nRegards\nCiarán\n\n-----Original Message-----\n"
        "From: Schuldnerberatung Böblingen <team@sb-boeblingen.example>\nSent: 20 November 2026 14:02\n"
        "To: arrears@liffeycu.example\nSubject: Member\n\nDear Sir or Madam,\nour records show EUR 3,145.00.\n\n"
        f"> 1. What is the current balance of the loan?\n{marker} EUR 2,987.45 as at 25/11/2026.\n"
        f"> 2. Is interest still being charged?\n{marker} Interest is frozen.\n\nKind regards, the office\n"
    )
    parsed = parse_email(None, body)
    assert "2,987.45" in parsed.reply and "3,145.00" not in parsed.reply
    assert parsed.reply.index("2,987.45") < parsed.reply.index("frozen")


def test_unmarked_lines_below_a_quoted_question_stay_quoted() -> None:
    body = (
        "Hi,\n\nsee below.\n\n-----Original Message-----\nFrom: Office <team@sb-boeblingen.example>\n"
        "Sent: 20 November 2026 14:02\nTo: x@y.example\nSubject: s\n\nDear Sir,\n"
        "> our records show\nEUR 3,145.00 as the balance.\n"
    )
    assert "3,145.00" not in parse_email(None, body).reply


# ---------------------------------------------------------------- references: "account (…)", "kontrakt …"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The balance on Ms Brennan's Shamrock Energy account (SE00473312) is €497.66.", "SE00473312"),
        ("Your client's loan account (LCU-88213) shows EUR 2,987.45.", "LCU-88213"),
        ("Avser kontrakt 4711-0032-2, Kungsgatan 14 B", "4711-0032-2"),
        ("Lejeaftale 55-1020 er opsagt.", None),  # a compound is no bare label
        ("Vuokrasopimus 2291-4", None),
        ("Gælder aftale 55-1020 for lejemålet", "55-1020"),
    ],
)
def test_account_in_parentheses_and_contract_numbers(text: str, value: str | None) -> None:
    found = [r.value for r in find_references(text)]
    assert (value in found) if value else found == []


@pytest.mark.parametrize("text", ["the account (2 payments) was closed", "vårt kontrakt med er", "account (see below)"])
def test_no_reference_without_an_identifier(text: str) -> None:
    assert find_references(text) == []


# ---------------------------------------------------------------- "of which": a part of the total just stated


@pytest.mark.parametrize(
    "text",
    [
        "The total outstanding balance on the agreement is £8,712.30, of which £1,240.00 is in arrears.",
        "Die Gesamtforderung beträgt 8.712,30 €, davon 1.240,00 € im Rückstand.",
        "Het totale saldo bedraagt € 8.712,30, waarvan € 1.240,00 achterstallig.",
        "Le solde total s'élève à 8 712,30 €, dont 1 240,00 € d'impayés.",
        "Il saldo totale ammonta a 8.712,30 €, di cui 1.240,00 € scaduti.",
        "Den totala skulden är 8 712,30 kr, varav 1 240,00 kr är förfallet.",
    ],
)
def test_of_which_names_a_part_not_a_second_total(text: str) -> None:
    assert _total(text) == D("8712.30")


# ---------------------------------------------------------------- brackets right before or around an amount


def test_a_closed_aside_before_the_amount_keeps_the_label() -> None:
    text = (
        "laut Mietenbuchhaltung beträgt der Rückstand von Frau Demir (Nutzungsvertrag 3-221-05) 1.940,00 €. "
        "Die Kollegen nennen mir dagegen einen Rückstand von 2.314,47 €."
    )
    assert _roles(text) == [(D("1940.00"), "total"), (D("2314.47"), "total")]
    assert _total(text) is None  # two figures for one claim: none taken


def test_a_deduction_in_brackets_stays_a_deduction() -> None:
    text = "Stand lt. Buchhaltung nach Verrechnung der Kaution (€ 1.000,00): offen € 1.452,–."
    assert _total(text) == D("1452.00")


# ---------------------------------------------------------------- surnames with an inner capital


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Your client Mr Ryan O'Connor owes us £371.10.", "Ryan O'Connor"),
        ("for our customer Mrs Siobhan McDonald the balance is", "Siobhan McDonald"),
        ("Unser Kunde Herr Marco D’Amico schuldet 120,00 €.", "Marco D’Amico"),
        ("your client Mr Ewan MacLeod", "Ewan MacLeod"),
        ("Ihre Mandantin Frau Sabine Meyer-Lüdenscheidt", "Sabine Meyer-Lüdenscheidt"),
    ],
)
def test_surnames_with_an_inner_capital(text: str, name: str) -> None:
    found = client_name(text)
    assert found is not None and found[0] == name


def test_an_all_capital_word_after_a_name_is_not_taken() -> None:
    found = client_name("Your client Mr Ryan O'Connor EUR 371.10")
    assert found is not None and found[0] == "Ryan O'Connor"

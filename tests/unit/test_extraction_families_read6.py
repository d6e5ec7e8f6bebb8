"""Families of creditor wording (sixth reading round, tuned on ``tests/data/tuning_f``):
each table mixes languages and forms beyond the example, and keeps near-misses that must
NOT trip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels, choose_amounts, find_amounts
from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.reply_wording import find_phrases, labelled_figures, wording_reasons
from creditctl.pipeline.safety import find_credit_marks

D = Decimal


def _roles(text: str) -> list[tuple[Decimal, str | None]]:
    return [(f.amount, amount_role(f)) for f in find_amounts(text)]


def _total(text: str) -> Decimal | None:
    return choose_amounts([(f, "body") for f in amounts_with_labels(text)]).amounts.total


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

"""Reading round 34 (read34): which figure is the creditor's current total, read exactly
(docs/evaluation.md, "Reading round 34 (read34)").

Each family: positives in several languages and near-misses that must keep their reading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning_text import separate_glued_amounts
from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels, find_amounts
from creditctl.pipeline.extraction.later_total import announces_total_later
from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.reply_wording import find_phrases, several_totals_reasons


def _roles(text: str) -> list[tuple[str, str | None]]:
    return [(str(f.amount), amount_role(f)) for f in amounts_with_labels(text)]


def _total(body: str) -> Decimal | None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="Re: claim", from_name="Creditor"))
    return result.amounts.total


# --- the total announced for later: the parts stated are not summed ----------------------------------

TOTAL_LATER = [
    "Hauptforderung: 1.180,00 EUR\nZinsen bis 30.11.2026: 64,12 EUR\n\n"
    "Die angefallenen Kosten und die Gesamtforderung teilen wir Ihnen nach Abschluss unserer Prüfung gesondert mit.",
    "The principal outstanding is €2,150.00 and interest accrued to date is €61.30. Fees and charges are being "
    "reviewed, and a full statement showing the balance due will follow under separate cover.",
    "In het dossier bedraagt de hoofdsom € 845,20 en de wettelijke rente tot heden € 18,15. De incassokosten worden "
    "nog herberekend; het totaalbedrag ontvangt u binnenkort in een afzonderlijke brief.",
    "Le principal impayé est de 1 480,00 € et les frais de relance de 24,00 €. Les pénalités étant en cours de "
    "calcul, le décompte définitif vous sera adressé prochainement.",
    "Il capitale residuo è di € 1.480,00 e gli interessi di mora ammontano a € 24,00. Le spese sono in corso di "
    "calcolo; l'importo complessivo Vi sarà comunicato con separata comunicazione.",
    "El principal pendiente es de 1.480,00 € y los intereses de demora de 24,00 €. Los gastos están en proceso de "
    "cálculo; el importe total le será comunicado por separado.",
    "Należność główna wynosi 4 380,00 zł, a odsetki 92,60 zł. Całkowita kwota zadłużenia zostanie przesłana "
    "odrębnym pismem po zaksięgowaniu kosztów.",
    "Kapitalbeloppet är 4 380,00 kr och räntan 92,60 kr. Avgifterna beräknas fortfarande; det totala beloppet "
    "meddelas separat.",
]


@pytest.mark.parametrize("body", TOTAL_LATER)
def test_parts_with_the_total_announced_for_later_are_not_summed(body: str) -> None:
    assert announces_total_later(body)
    assert _total(body) is None


@pytest.mark.parametrize(
    ("body", "total"),
    [
        # near-misses: the parts alone are still summed; something else that follows is no total
        ("Hauptforderung: 1.180,00 EUR\nZinsen bis 30.11.2026: 64,12 EUR\n", Decimal("1244.12")),
        (
            "Hauptforderung: 1.180,00 EUR\nZinsen bis 30.11.2026: 64,12 EUR\n\nEine Ratenvereinbarung schicken wir "
            "Ihnen gerne zu.",
            Decimal("1244.12"),
        ),
        ("The principal is £1,180.00 and interest is £64.12. Our bank details follow below.", Decimal("1244.12")),
        # a total stated now is read, whatever else follows
        (
            "Die Gesamtforderung beträgt 1.244,12 EUR. Eine Forderungsaufstellung senden wir Ihnen gesondert zu.",
            Decimal("1244.12"),
        ),
        ("The balance due is €2,211.30; a full statement will follow under separate cover.", Decimal("2211.30")),
    ],
)
def test_parts_and_stated_totals_without_such_an_announcement_read_as_before(body: str, total: Decimal) -> None:
    assert _total(body) == total


# --- the sum to pay: "Importo da saldare", "Amount to pay", "Te voldoen bedrag", "Montant à régler" … ------

TO_PAY = ["Importo da saldare", "Amount to pay", "Amount left to pay", "Te voldoen bedrag", "Montant à régler",
          "Importe a pagar", "Valor a pagar", "Maksettava"]  # fmt: skip


@pytest.mark.parametrize("label", TO_PAY)
def test_the_sum_to_pay_is_a_total(label: str) -> None:
    assert _roles(f"{label}: € 2.187,60") == [("2187.60", "total")]


@pytest.mark.parametrize(
    "label", ["Monthly amount to pay", "Rata mensile da saldare", "Cuota mensual a pagar", "Mensualité à régler"]
)
def test_an_instalment_to_pay_stays_an_instalment(label: str) -> None:
    assert _roles(f"{label}: € 187,60") == [("187.60", "other")]


def test_an_italian_statement_closed_by_the_sum_to_settle_reads_it() -> None:
    body = (
        "Bollette insolute (03/2026 - 08/2026)   € 2.115,40\nInteressi di mora                        € 42,20\n"
        "Spese di sollecito                       € 30,00\nImporto da saldare                       € 2.187,60\n"
    )
    assert _total(body) == Decimal("2187.60")


# --- a bracket listing the parts a figure is made of names no part --------------------------------

MADE_OF = [
    "In obiger Angelegenheit haften mit heutigem Tag EUR 1984,30 (Kapital, Zinsen und Kosten) unberichtigt aus.",
    "The balance is €1,984.30 (principal, interest and costs).",
    "Het openstaande bedrag is € 1.984,30 (hoofdsom, rente en kosten).",
    "Die offene Forderung beträgt 1.984,30 € (Hauptforderung, Zinsen, Kosten).",
    "Il saldo è di € 1.984,30 (capitale, interessi e spese).",
]


@pytest.mark.parametrize("text", MADE_OF)
def test_a_bracket_of_parts_names_what_the_figure_holds(text: str) -> None:
    assert _roles(text) == [("1984.30", "total")]
    assert _total(text) == Decimal("1984.30")


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # near-misses: a part named by itself keeps its role, with or without a bracket
        ("Zinsen (Kapital 1.000,00) 84,30 €", [("1000.00", "principal"), ("84.30", "interest")]),
        ("Die Kosten (Mahnung) betragen 12,00 €", [("12.00", "costs")]),
        ("Hauptforderung 1.900,00 EUR (Kapital)", [("1900.00", "principal")]),
        ("Für die Raten haften Sie mit 50,00 € monatlich.", [("50.00", "other")]),
    ],
)
def test_a_part_named_by_itself_keeps_its_role(text: str, roles: list[tuple[str, str | None]]) -> None:
    assert _roles(text) == roles


# --- what a total takes into account, listed before it, names no part ------------------------------

TAKING_INTO_ACCOUNT = [
    "Compte tenu des intérêts et des frais, le solde actuel du dossier CF-77120-3391 est de 2 744,90 €.",
    "Unter Berücksichtigung weiterer Rückstände, Zinsen und Teilzahlungen beträgt die aktuelle Gesamtforderung "
    "2.744,90 EUR.",
    "Taking into account interest, charges and the payments received, the balance now stands at €2,744.90.",
    "Tenuto conto degli interessi e dei pagamenti ricevuti, il saldo è di € 2.744,90.",
    "Teniendo en cuenta los intereses y los gastos, el saldo asciende a 2.744,90 €.",
]


@pytest.mark.parametrize("text", TAKING_INTO_ACCOUNT)
def test_what_a_total_takes_into_account_names_no_part(text: str) -> None:
    assert _roles(text) == [("2744.90", "total")]


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: the part named with its own figure stays that part
        "Taking into account payments of £50.00, the balance is £300.00.",
        "Compte tenu des versements de 50,00 €, le solde est de 300,00 €.",
        "Nach Verrechnung der Zahlungen von 50,00 € beträgt die Restforderung 300,00 €.",
    ],
)
def test_a_part_with_its_own_figure_stays_a_part(text: str) -> None:
    assert _roles(text)[0] == ("50.00", "other")
    assert _total(text) == Decimal("300.00")


# --- an earlier figure beside the figure now -------------------------------------------------------

EARLIER_AND_NOW = [
    "in unserem Schreiben vom 02.10.2026 hatten wir Ihnen für Frau Sabine Krüger (geb. 09.09.1973) eine Forderung "
    "von 228,60 € genannt. Inzwischen beträgt die Forderung einschließlich der weiteren Zinsen und Kosten 251,30 €.",
    "Our letter of 3 October 2026 quoted a balance of €228.60 on the account. Following interest and the November "
    "fee, the balance now stands at €251.30.",
    "Une ordonnance d'injonction de payer a été rendue le 12/10/2023 pour un montant de 228,60 € en principal.\n\n"
    "Compte tenu des intérêts et des frais, le solde actuel du dossier est de 251,30 €.",
    "Nella nostra lettera del 03/10/2026 il saldo indicato era di € 228,60. Ad oggi il saldo è di € 251,30.",
    "In ons schrijven van 3 oktober 2026 noemden wij een saldo van € 228,60. Inmiddels bedraagt het saldo € 251,30.",
]


@pytest.mark.parametrize("body", EARLIER_AND_NOW)
def test_the_figure_now_beside_an_earlier_one_is_the_total(body: str) -> None:
    assert _total(body) == Decimal("251.30")


@pytest.mark.parametrize(
    "body",
    [
        # near-misses: two figures both current, an earlier figure without words tying it to the past, or the
        # figure now before the earlier one — a person compares them
        "Die Forderung beträgt 228,60 €. Die aktuelle Forderung beträgt 251,30 €.",
        "Der aktuelle Saldo beträgt 228,60 €. Inzwischen beträgt die Forderung 251,30 €.",
        "Inzwischen beträgt die Forderung 251,30 €. In unserem Schreiben vom 02.10.2026 hatten wir eine Forderung "
        "von 228,60 € genannt.",
    ],
)
def test_figures_not_told_apart_by_time_take_no_total(body: str) -> None:
    assert _total(body) is None


# --- a date after a currency is no amount --------------------------------------------------------------

DATES_AFTER = [
    ("A jelenlegi tartozás 2 512 340 Ft; amennyiben 1 800 000 Ft 2027. március 31-ig megfizetésre kerül", "2512340.00"),
    ("Zbývá uhradit 12 400,00 Kč 31. 3. 2027 nejpozději.", "12400.00"),
    ("Do zapłaty 500,00 zł 2026-12-31 na konto.", "500.00"),
    ("Saldo 1.234,56 € 31. März 2027 fällig.", "1234.56"),
    ("Kopā 320,00 EUR 2027. gada 31. martā.", "320.00"),
]


@pytest.mark.parametrize(("text", "first"), DATES_AFTER)
def test_a_date_after_a_currency_is_no_amount(text: str, first: str) -> None:
    found = find_amounts(text)
    assert str(found[0].amount) == first
    assert all(f.amount not in (Decimal("2027.00"), Decimal("2026.00"), Decimal("31.00")) for f in found)


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # near-misses: a year before a currency's own figure, and figures that only look like years
        ("2026 CHF 2'480.–", ["2480.00"]),
        ("Total EUR 2027.50", ["2027.50"]),
        ("the balance is £2,027.00", ["2027.00"]),
        ("Kwota 2026,50 zł", ["2026.50"]),
        ("Betrag: EUR 1.500,00 zum 15. 12. 2026", ["1500.00"]),
    ],
)
def test_figures_that_look_like_years_are_still_amounts(text: str, amounts: list[str]) -> None:
    assert [str(f.amount) for f in find_amounts(text)] == amounts


# --- a PDF's run-together columns: the money figure set apart from the words glued to it ----------------

GLUED = [
    ("Kosten120,00 EURRestschuld gesamt8.122,64 EURSeite 1 von 1", "Kosten 120,00 EUR Restschuld gesamt 8.122,64 EUR Seite 1 von 1"),
    ("Wettelijke rente€ 22,70Incassokosten€ 149,00Openstaand saldo€ 1.344,10Datum", "Wettelijke rente€ 22,70 Incassokosten€ 149,00 Openstaand saldo€ 1.344,10 Datum"),
    ("Solde dû1 204,50 €Date", "Solde dû 1 204,50 € Date"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_a_money_figure_glued_to_words_is_set_apart(text: str, expected: str) -> None:
    assert separate_glued_amounts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: references, dates, figures without a currency or decimals, a currency word run on
        "Kontonummer DKB-RK-5501827Ratenkredit",
        "geb. 09.09.1973Stand 30.11.2026Restkapital",
        "Rechnung RE2026.11 vom 3.3.",
        "Saldo 1.234,56 EURO",
        "Saldo 12,50 EUR.",
    ],
)
def test_what_is_no_glued_money_figure_stays(text: str) -> None:
    assert separate_glued_amounts(text) == text


# --- the office's own figure, echoed by the creditor, is no total ------------------------------------

OFFICE_FIGURE = [
    "Sie nennen darin einen Betrag von EUR 960,00. Wir prüfen derzeit das Kundenkonto.",
    "In uw brief noemt u een bedrag van € 960,00. Wij zoeken dit uit.",
    "Your letter quotes a balance of £960.00. We are looking into the account.",
    "Vous indiquez un montant de 960,00 €. Nous vérifions le dossier.",
    "Nella Vostra lettera indicate un importo di € 960,00. Stiamo verificando.",
    "Ustedes indican un importe de 960,00 €. Estamos revisando el expediente.",
    "I angiver et beløb på 960,00 kr. Vi undersøger sagen.",
]


@pytest.mark.parametrize("text", OFFICE_FIGURE)
def test_the_figure_the_offices_letter_names_is_no_total(text: str) -> None:
    assert _roles(text) == [("960.00", "other")]
    assert _total(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: the creditor's own figure beside the office's, or a letter that only asks for it
        "Ihr Schreiben nennt einen Betrag von 960,00 €; die Forderung beträgt 1.020,00 €.",
        "You quote a balance of £960.00; the balance is £1,020.00.",
        "Your letter of 3 November asks for the balance, which is £1,020.00.",
    ],
)
def test_the_creditors_own_figure_beside_it_is_the_total(text: str) -> None:
    assert _total(text) == Decimal("1020.00")


@pytest.mark.parametrize("body", EARLIER_AND_NOW)
def test_the_safety_layer_reads_the_earlier_figure_as_no_second_total(body: str) -> None:
    assert several_totals_reasons({"body": body}, Decimal("251.30")) == []


@pytest.mark.parametrize(
    "body",
    [
        # near-misses: both current, or the earlier figure applied — still two totals for a person
        "Der aktuelle Saldo beträgt 228,60 €. Inzwischen beträgt die Forderung 251,30 €.",
        "Our letter of 3 October 2026 quoted a balance of €251.30. The balance now stands at €228.60.",
    ],
)
def test_two_figures_not_told_apart_by_time_still_hold(body: str) -> None:
    assert several_totals_reasons({"body": body}, Decimal("251.30"))


@pytest.mark.parametrize(
    "text",
    [
        "A jelenlegi tartozás 2 512 340 Ft; amennyiben március 31-ig 1 800 000 Ft egy összegben megfizetésre "
        "kerül, a fennmaradó részről lemondunk.",
        "Aktuální dluh je 2 512 340 Kč; pokud do 31. 3. 2027 jednorázově uhradíte 1 800 000 Kč, zbytek odpustíme.",
        "Zadłużenie wynosi 2 512 340,00 zł; jeżeli jednorazowo wpłaci 1 800 000,00 zł do 31.03.2027, umorzymy resztę.",
    ],
)
def test_a_lump_sum_offered_beside_the_debt_is_no_total(text: str) -> None:
    roles = _roles(text)
    assert roles[0][1] == "total" and roles[1][1] == "other"
    assert _total(text) == Decimal("2512340.00")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # a currency written with its dot before the next figure is that figure's, never the year's before it
        ("Saldoen pr. 30. november 2026 kr. 21.630,00.", "21630.00"),
        ("Restgælden udgør pr. 1. december 2026 kr. 4.200,00.", "4200.00"),
        ("Offen per 30. November 2026 Fr. 1'234.50.", "1234.50"),
    ],
)
def test_a_dotted_currency_before_a_figure_is_not_the_years(text: str, amount: str) -> None:
    assert [str(f.amount) for f in find_amounts(text)] == [amount]


@pytest.mark.parametrize(
    ("text", "amount"), [("Restbeløb 4.200,00 kr.", "4200.00"), ("Betrag 120,00 kr. Danke", "120.00")]
)
def test_a_dotted_currency_after_its_figure_stays_its_own(text: str, amount: str) -> None:
    assert [str(f.amount) for f in find_amounts(text)] == [amount]


# --- a reminder's fee or letter is no dispute ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "avoin saldo on 412,30 euroa, sisältäen maksamattomat laskut ja muistutusmaksut",
        "Olemme lähettäneet muistutuskirjeen 12.11.2026.",
    ],
)
def test_a_reminders_fee_or_letter_is_no_dispute(text: str) -> None:
    assert find_phrases("dispute", text) == []


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: the creditor rejecting, or the client's objection, still are
        "Nous rejetons votre demande.",
        "Le rejet de votre proposition est définitif.",
        "Asiakas on tehnyt muistutuksen laskusta.",
        "Nous contestons le montant.",
    ],
)
def test_a_rejection_or_an_objection_still_is_a_dispute(text: str) -> None:
    assert find_phrases("dispute", text)

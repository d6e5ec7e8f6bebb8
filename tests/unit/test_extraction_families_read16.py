"""Families of reading round 16 (tuning_o and the total misses of tuning_f/k/l/m/n): each
table mixes languages and forms beyond the example that showed the gap, and keeps
near-misses that must NOT trip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.reply_wording import find_phrases, wording_reasons

# ------------------------------------- the claim is not (or not certainly) this client's

NOT_THIS_CLIENT = [
    # we do not know the person
    "Wir kennen diese Person nicht. Der offene Betrag beträgt 412,50 €.",
    "Wir kennen Herrn Vogt leider nicht. Offen sind 412,50 €.",
    "We do not know this person. The balance on account 4471 is £412.50.",
    "We don't know your client. The balance on account 4471 is £412.50.",
    "Wij kennen deze persoon niet. Het openstaande saldo bedraagt € 412,50.",
    "Nous ne connaissons pas cette personne. Le solde s'élève à 412,50 €.",
    "Non conosciamo questa persona. Il saldo è di 412,50 €.",
    "No conocemos a esta persona. El saldo pendiente es de 412,50 €.",
    "Vi känner inte till denna person. Saldot är 4 125,00 kr.",
    "Vi kender ikke denne person. Saldoen er 4.125,00 kr.",
    "Vi kjenner ikke denne personen. Saldoen er 4 125,00 kr.",
    "Emme tunne tätä henkilöä. Saldo on 412,50 €.",
    # no contract or account under this name
    "Unter diesem Namen besteht bei uns kein Vertrag. Die genannte Kundennummer weist 412,50 € aus.",
    "Unter dem Namen Ihrer Mandantin führen wir kein Konto. Offen sind 412,50 €.",
    "Wir haben keinen Vertrag auf diesen Namen. Saldo: 412,50 €.",
    "We have no account in this name. The balance is £412.50.",
    "There is no contract under this name. Balance: £412.50.",
    "We do not hold any agreement in the name you gave. Balance £412.50.",
    "We don't have any record of this customer. Balance £412.50.",
    "Op deze naam is bij ons geen contract bekend. Saldo € 412,50.",
    "Er is geen overeenkomst op deze naam. Saldo € 412,50.",
    "Aucun contrat n'existe à ce nom. Le solde est de 412,50 €.",
    "Non risulta alcun contratto a questo nome. Saldo 412,50 €.",
    "Non abbiamo nessun contratto a questo nome. Saldo 412,50 €.",
    "No existe ningún contrato a este nombre. Saldo: 412,50 €.",
    "Det finns inget avtal i detta namn. Saldo 4 125,00 kr.",
    "Der er ingen aftale i dette navn. Saldo 4.125,00 kr.",
    # not (never) a member or customer
    "Frau Berger ist nicht Mitglied in unserem Verein. Der Beitragsrückstand beträgt 412,50 €.",
    "Herr Vogt ist kein Kunde von uns. Der Betrag beträgt 412,50 €.",
    "Herr Thiel ist bei uns weder Auftraggeber noch Schuldner. Die Rechnung über 412,50 € ging an Frau Thiel.",
    "The person you name is not a member of our club. The arrears are £412.50.",
    "Mr Vogt has never been a customer of ours; the balance of £412.50 is on another file.",
    "Mevrouw Berger is geen lid van onze vereniging; het bedrag is € 412,50.",
    "Madame Berger n'est pas cliente chez nous ; le montant est de 412,50 €.",
    "La signora Berger non è nostra cliente; l'importo è di 412,50 €.",
    "La señora Berger no es socia de nuestro club; el importe es de 412,50 €.",
    "Personen är inte medlem hos oss; beloppet är 4 125,00 kr.",
    "Personen er ikke medlem hos os; beløbet er 4.125,00 kr.",
    "Wir vertreten viele Gläubiger, haben aber zu dieser Person keine Forderung im Bestand. Nach Ihren Angaben 412,50 €.",
    # a namesake
    "Es handelt sich offenbar um einen Namensvetter. Der Saldo beträgt 412,50 €.",
    "This appears to be a namesake. The balance is £412.50.",
    "Het gaat om een naamgenoot; het saldo is € 412,50.",
    "Il s'agit d'un homonyme : le solde est de 412,50 €.",
    "Se trata de un homónimo: el saldo es de 412,50 €.",
    # the figure concerns another customer or member
    "Der genannte Betrag von 412,50 € bezieht sich auf einen anderen Kunden.",
    "The balance of £412.50 relates to a different customer.",
    "The arrears of £412.50 belong to another member.",
    "Het bedrag van € 412,50 betreft een ander lid.",
    "Le montant de 412,50 € concerne un autre client.",
    "L'importo di 412,50 € si riferisce a un altro cliente.",
    "El importe de 412,50 € corresponde a otro socio.",
    "Beloppet 4 125,00 kr avser en annan medlem.",
    "Beløbet på 4.125,00 kr vedrører en anden kunde.",
    # the letter cannot be assigned
    "Wir können Ihr Schreiben keinem Vorgang zuordnen. Offen: 412,50 €.",
    "Ihr Schreiben können wir leider nicht zuordnen. Offener Betrag 412,50 €.",
    "We are unable to match your letter to any of our customers. Outstanding £412.50.",
    "We cannot allocate your letter to an account. The amount outstanding is £412.50.",
    "Wij kunnen uw brief niet plaatsen. Openstaand: € 412,50.",
    "Nous ne pouvons pas attribuer votre courrier à un dossier. Solde : 412,50 €.",
    "Non siamo in grado di abbinare la vostra lettera. Saldo 412,50 €.",
    "No hemos podido asignar su carta a ningún expediente. Saldo 412,50 €.",
]

STILL_THE_CLIENTS = [
    "Wir kennen Ihre Mandantin seit Jahren. Der offene Betrag beträgt 412,50 €.",
    "Die von Ihnen genannte Kundin ist bei uns unter der Nummer 4471 geführt. Offen sind 412,50 €.",
    "Die Mitgliedschaft von Frau Berger endete am 30.06.2026, der Beitragsrückstand beträgt 412,50 €.",
    "Herr Vogt ist seit 2025 kein Mitglied mehr; offen sind noch 412,50 €.",
    "We know your client well. The balance is £412.50.",
    "The customer you named holds account 4471; the balance is £412.50.",
    "Her membership ended in June; the balance is £412.50.",
    "Mr Vogt is no longer a customer of ours, but the balance of £412.50 remains outstanding.",
    "Mr Vogt has not been a customer since 2024; the final balance is £412.50.",
    "Uw cliënte is bij ons bekend onder klantnummer 4471. Saldo € 412,50.",
    "Mevrouw Berger is geen lid meer; het saldo bedraagt € 412,50.",
    "Votre client est bien connu de nos services. Le solde s'élève à 412,50 €.",
    "Madame Berger n'est plus membre depuis juin ; le solde est de 412,50 €.",
    "La cliente da voi indicata risulta nei nostri archivi. Il saldo è di 412,50 €.",
    "La señora Berger ya no es socia; el saldo es de 412,50 €.",
    # another case of another debtor named beside the client's own figure (tuning_l/081)
    "I sag 7730-2214 udgør det samlede skyldige beløb 5 044,00 kr. NB: Den sag, I nævnte i jeres brev (7730-2290), "
    "vedrører en anden skyldner og kan ikke oplyses.",
    # a payment, not the person, cannot be assigned
    "We do not know the reason for the late payment. The balance is £412.50.",
]


@pytest.mark.parametrize("text", NOT_THIS_CLIENT)
def test_a_claim_not_this_clients_is_found(text: str) -> None:
    assert find_phrases("unknown", text), text


@pytest.mark.parametrize("text", STILL_THE_CLIENTS)
def test_the_clients_own_claim_is_not_called_unknown(text: str) -> None:
    assert not find_phrases("unknown", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Herr Vogt ist kein Kunde von uns. Der offene Saldo beträgt 412,50 €.",
        "The balance of £412.50 relates to a different customer.",
        "Le montant de 412,50 € concerne un autre client.",
    ],
)
def test_the_safety_layer_holds_a_figure_that_is_not_this_clients(text: str) -> None:
    reasons = wording_reasons(total=Decimal("412.50"), own_texts={"body": text})
    assert any("client or the claim is unknown" in r for r in reasons), reasons


# ------------------------------------------------------------ which figure is the total

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels  # noqa: E402
from creditctl.pipeline.extraction.numbers import scan_numbers  # noqa: E402
from creditctl.pipeline.extraction.reply_kind import classify_text  # noqa: E402
from creditctl.pipeline.reply_wording import unwrapped  # noqa: E402
from creditctl.pipeline.safety import number_tokens  # noqa: E402


def _role_of(text: str, value: str) -> str | None:
    found = [f for f in amounts_with_labels(text) if f.amount == Decimal(value)]
    assert found, (text, value)
    return amount_role(found[0])


NOT_THE_TOTAL = [
    # a per-period rate right after the figure
    ("Die Prämie 2027 beträgt neu Fr. 331.20 pro Monat.", "331.20"),
    ("Tarifa Movilnet 25GB: 14,95 €/mes", "14.95"),
    ("The new direct debit is £45.00 per month.", "45.00"),
    ("Le nouveau montant est de 39,90 € par mois.", "39.90"),
    ("Het voorschot wordt € 58,00 per maand.", "58.00"),
    # a payment noun right after the figure
    ("Following the £14.00 payment that cleared on 02 Dec, the balance now stands at £441.00.", "14.00"),
    ("After your €50.00 refund was processed the balance is €120.00.", "50.00"),
    # a figure its own clause says was paid
    ("Herr Brunner hat am 21.11.2026 den offenen Betrag von CHF 2'415.50 vollständig überwiesen.", "2415.50"),
    ("The outstanding balance of £120.00 was paid on 3 May; nothing further is owed.", "120.00"),
    ("Le solde de 640,00 € a été réglé le 3 mai.", "640.00"),
    # a unit price
    (
        "Sur le forfait et les 3 heures supplémentaires à 52 € que nous avions facturées, il reste à régler 640,00 €.",
        "52.00",
    ),
    ("Die Arbeiten (3 Std. a 68,00 €) wurden ausgeführt; offen sind 1.633,06 €.", "68.00"),
    ("Four extra sessions @ £40.00 were added; the balance is £640.00.", "40.00"),
    # a monthly premium or fee, a benefit rate, a figure before a payment
    ("Die Monatsprämie 2027 beträgt Fr. 361.40.", "361.40"),
    ("Die Aufrechnung läuft weiter; der Regelbedarf beträgt derzeit 563,00 €.", "563.00"),
    ("Vorher bestand ein Rückstand von 1.480,25 €, nun beträgt der Beitragsrückstand noch 1.380,25 €.", "1480.25"),
    # a payment received (Austrian)
    ("Wir teilen mit, dass am 19.11.2026 der Betrag von EUR 412,70 eingelangt ist.", "412.70"),
]

STILL_THE_TOTAL = [
    ("Vorher bestand ein Rückstand von 1.480,25 €, nun beträgt der Beitragsrückstand noch 1.380,25 €.", "1380.25"),
    ("Following the £14.00 payment that cleared on 02 Dec, the balance now stands at £441.00.", "441.00"),
    ("Unter Berücksichtigung unserer Kosten und Zinsen beläuft sich die Forderung heute auf 512,40 EUR.", "512.40"),
    ("Taking into account our costs and interest the balance is now £512.40.", "512.40"),
    ("Amount to clear: €512.70", "512.70"),
    ("Sur le forfait de conduite il reste à régler 640,00 € à ce jour.", "640.00"),
    ("Kontostand inkl. Zinsen 512,40 €", "512.40"),
    (
        "für Herrn Meyer besteht eine Restforderung aus der Schlussrechnung vom 02.10.2026 einschließlich Mahnkosten von 845,12 EUR.",
        "845.12",
    ),
    ("Der offene Betrag von 412,50 € ist bis zum 15.12. zu überweisen.", "412.50"),
    ("nous vous informons que le montant restant dû au 30/11/2026 s'élève à 2 912,44 €, intérêts inclus.", "2912.44"),
    ("Le solde au 30 novembre s'élève à 2 912,44 €.", "2912.44"),
    (
        "Nach Verrechnung der Geschwisterermäßigung ergibt sich bis einschließlich November ein Gesamtrückstand von 530,00 €.",
        "530.00",
    ),
    ("Nach Ausbuchung der Inkassospesen des Büros ist derzeit ein Betrag von € 2.388,60 aushaftend.", "2388.60"),
    ("After the removal of the collection fees, the balance is £2,388.60.", "2388.60"),
    ("Der Zahlungsrückstand beträgt 300,00 € pro Vertrag.", "300.00"),
]


@pytest.mark.parametrize(("text", "value"), NOT_THE_TOTAL)
def test_a_rate_a_payment_or_a_past_figure_is_no_total(text: str, value: str) -> None:
    assert _role_of(text, value) != "total"


@pytest.mark.parametrize(("text", "value"), STILL_THE_TOTAL)
def test_the_current_figure_stays_the_total(text: str, value: str) -> None:
    assert _role_of(text, value) == "total"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "na aftrek van het ziekenfonds en inclusief herinneringskosten van € 25,00 bedraagt het openstaand saldo € 537,30.",
            "25.00",
        ),
        ("Including reminder fees of £25.00 the outstanding balance is £537.30.", "25.00"),
        ("Einschließlich Mahnkosten von 25,00 € beträgt die Forderung 537,30 €.", "25.00"),
    ],
)
def test_an_included_part_with_its_own_figure_is_a_component(text: str, value: str) -> None:
    assert _role_of(text, value) == "costs"
    assert _role_of(text, "537.30") == "total"


def test_the_amount_a_total_includes_is_a_part() -> None:
    assert (
        _role_of("Amount to clear: €512.70\n\nThis includes the €26.50 returned direct debit charge.", "26.50")
        != "total"
    )


STATEMENT_ROWS = [
    "71188411   03.08.2026  17.08.2026   74,31 €    offen\n71266902   03.09.2026  17.09.2026   49,99 €    offen\n\nGesamtsaldo: 124,30 €",
    "Factura 2026-0588   periodo jul-ago   98,12 €   pendiente\nRecargo de apremio    23,00 €   pendiente\n\nEl total adeudado es de 121,12 €.",
    "INV-4410    01/10/2026    £74.31    unpaid\nINV-4471    01/11/2026    £49.99    outstanding\n\nTotal due: £124.30",
]


@pytest.mark.parametrize("text", STATEMENT_ROWS)
def test_a_statement_rows_status_cell_names_no_total(text: str) -> None:
    roles = {f.amount: amount_role(f) for f in amounts_with_labels(text)}
    totals = [v for v, r in roles.items() if r == "total"]
    assert len(totals) == 1 and totals[0] == max(roles), roles


def test_a_labelled_row_keeps_its_label() -> None:
    text = "Mahnkosten                          40,00 €    offen\nOffener Betrag                     318,77 €    offen"
    roles = {f.amount: amount_role(f) for f in amounts_with_labels(text)}
    assert roles[Decimal("40.00")] == "costs" and roles[Decimal("318.77")] == "total"


# ------------------------------------------------------------------------------ credits

CREDITS = [
    ("Kontostand nach Abrechnung: 41,20 € Guthaben zu seinen Gunsten.", "41.20"),
    ("Saldo nach Schlussrechnung: 23,40 € Guthaben.", "23.40"),
    ("Die zu viel gezahlten 19,99 € erstatten wir innerhalb von 5 Tagen.", "19.99"),
    ("Current balance: €41.20 in your client's favour.", "41.20"),
    ("Balance after the meter reading: £42.17 in credit.", "42.17"),
    ("Solde après régularisation : 42,17 € en votre faveur.", "42.17"),
]


@pytest.mark.parametrize(("text", "value"), CREDITS)
def test_a_credit_named_right_after_its_figure(text: str, value: str) -> None:
    assert _role_of(text, value) == "credit"


@pytest.mark.parametrize("text", ["Saldo                86,19 €-", "Saldo 86,19 EUR-", "Balance 86.19 GBP-"])
def test_a_minus_after_the_currency_is_a_credit(text: str) -> None:
    token = [t for t in scan_numbers(text) if t.value is not None][-1]
    assert token.credit and token.value == Decimal("-86.19")
    assert any(t.negative for t in number_tokens(text))


@pytest.mark.parametrize("text", ["Betrag 86,19 € - 10,00 € Gutschrift", "Saldo 86,19 €-Gutschein"])
def test_a_dash_between_figures_is_no_credit(text: str) -> None:
    assert not scan_numbers(text)[0].credit


# --------------------------------------------- a phrase hard-wrapped over two lines

WRAPPED = (
    "Unsere Auftraggeber haben das Mietverhältnis fristlos gekündigt; die Räumungsklage wurde am 27.11.2026 beim Amtsgericht\n"
    "Karlsruhe eingereicht (Az. des Gerichts liegt noch nicht vor)."
)


def test_a_wrapped_line_is_read_as_one_sentence_with_the_same_offsets() -> None:
    assert len(unwrapped(WRAPPED)) == len(WRAPPED) and "\n" not in unwrapped(WRAPPED)
    assert find_phrases("enforcement", WRAPPED)


def test_short_lines_and_tables_stay_apart() -> None:
    text = "Mit freundlichen Grüßen\nAlpenland Inkasso GmbH\n\nDatum        Text                                      Fr.\n01.08.2026   Vortrag   1'234.50"
    assert unwrapped(text) == text


# ------------------------------------------------------------- kinds: settled, sold, court


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Der Akt wurde nach vollständiger Zahlung geschlossen; es besteht keine offene Forderung mehr.",
            "claim_settled",
        ),
        ("La deuda quedó cancelada mediante pago el 15/10/2026.", "claim_settled"),
        ("Importe pendiente: 0,00 €", "claim_settled"),
        ("Die Räumungsklage wurde am 27.11.2026 beim Amtsgericht Karlsruhe eingereicht.", "enforcement"),
        # near-misses: a lawsuit only announced; a partial payment
        ("Sollte keine Zahlung eingehen, wird Klage eingereicht werden. Offen sind 400,00 €.", "claim_statement"),
        ("La factura quedó pagada parcialmente; el importe pendiente es de 40,00 €.", "claim_statement"),
    ],
)
def test_reply_kinds_of_the_round(text: str, kind: str) -> None:
    assert classify_text(text, has_claim_amount=True).kind.value == kind


def test_a_czech_assignment_holds() -> None:
    text = "pohledávka ze smlouvy KP-5520193 byla ke dni 1. 12. 2026 postoupena společnosti Evropská inkasní a.s."
    assert find_phrases("sold", text)


@pytest.mark.parametrize(
    "text",
    [
        "La Banca ha proceduto allo stralcio contabile della posizione. Il saldo contabile risulta pari a € 0,00.",
        "Die Räumungsklage wurde am 27.11.2026 beim Amtsgericht Karlsruhe eingereicht.",
        "Der Mietrückstand beträgt 1.485,00 €; die Zahlungsklage ist beim Bezirksgericht erhoben.",
    ],
)
def test_a_write_off_or_a_lawsuit_filed_holds(text: str) -> None:
    assert wording_reasons(total=Decimal("0.00") if "0,00" in text else Decimal("1485.00"), own_texts={"body": text})

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

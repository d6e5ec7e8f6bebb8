"""Families of reading round 25 (docs/evaluation.md, "Reading round 25 (read25)"): one figure for
several contracts (one of them unknown to the office, or two supplies while the office holds two
claims of the supplier), enforcement in every language, settled as a record's status field says it,
several figures of equal standing in Romance replies, a guarantor's figure, a table row with a
column per date. Each table mixes languages; near-misses that must still apply stand beside the
positives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.extraction.parties import dates_of_birth
from creditctl.pipeline.reply_wording import find_phrases
from creditctl.pipeline.safety import find_enforcement
from tests.case_judge import case_judge


def _claim(creditor: str, email: str, ref: str, amount: str) -> dict[str, Any]:
    return {
        "creditor_name": creditor,
        "agent_name": None,
        "creditor_emails": [email],
        "creditor_reference": ref,
        "amount": amount,
        "currency": "EUR",
        "zendesk_ticket_id": None,
    }


LEASING = ("Leasfix Leasing GmbH", "service@leasfix.example")
ENERGY = ("Stadtwerke Nordhafen GmbH", "kundenservice@stadtwerke-nordhafen.example")
RECORDS = [
    # one leasing contract known to the office
    {
        "file_number": "R25-0001",
        "name": "Jonas Petersen",
        "date_of_birth": "1980-02-03",
        "claims": [_claim(*LEASING, "LV-4410227", "4100.00")],
    },
    # two claims of one energy supplier (gas and electricity)
    {
        "file_number": "R25-0002",
        "name": "Marta Kowalczyk",
        "date_of_birth": "1975-05-06",
        "claims": [_claim(*ENERGY, "7700112233", "600.00"), _claim(*ENERGY, "7700112244", "300.00")],
    },
]
"""A client with one leasing contract of 4,100.00; a client with two claims of one energy supplier."""

Judge = Callable[[str, tuple[str, str]], Any]


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Judge]:
    with case_judge(RECORDS, tmp_path_factory.mktemp("db")) as judge_case:

        def run(body: str, sender: tuple[str, str] = LEASING) -> Any:
            case = {"subject": "AW: Ihr Schreiben", "from_email": sender[1], "from_name": sender[0], "body_text": body}
            return judge_case(**case)[2]

        yield run


_FRAME = {
    "de": ("Sehr geehrte Damen und Herren,\n\n", "\n\nMit freundlichen Grüßen\n{firm}"),
    "en": ("Dear Sir or Madam,\n\n", "\n\nKind regards\n{firm}"),
    "nl": ("Geachte heer, mevrouw,\n\n", "\n\nMet vriendelijke groet\n{firm}"),
    "it": ("Gentili Signori,\n\n", "\n\nCordiali saluti\n{firm}"),
    "fr": ("Madame, Monsieur,\n\n", "\n\nCordialement\n{firm}"),
    "es": ("Estimados señores:\n\n", "\n\nAtentamente\n{firm}"),
    "fi": ("Hei,\n\n", "\n\nYstävällisin terveisin\n{firm}"),
    "cs": ("Dobrý den,\n\n", "\n\nS pozdravem\n{firm}"),
}


def _mail(lang: str, text: str, firm: str) -> str:
    head, foot = _FRAME[lang]
    return head + text + foot.format(firm=firm)


# --- (a) one figure for several contracts, one unknown to the office ---------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Ihr Mandant Jonas Petersen hat bei uns die Leasingverträge LV-4410227 und LV-4410391. Der offene Betrag beläuft sich auf 4.250,80 EUR.",
        ),
        (
            "de",
            "zu Ihrem Mandanten Jonas Petersen bestehen folgende Verträge:\nLeasingvertrag LV-4410227\nLeasingvertrag LV-4410391\n\nOffener Gesamtbetrag: 4.250,80 EUR",
        ),
        (
            "de",
            "für Herrn Jonas Petersen führen wir zwei Leasingverträge (LV-4410227, LV-4410391). Offen sind derzeit 4.250,80 EUR.",
        ),
        (
            "de",
            "betreffend Leasingvertrag Nr. LV-4410227 sowie Leasingvertrag Nr. LV-4410391 Ihres Mandanten Jonas Petersen beträgt die offene Forderung 4.250,80 EUR.",
        ),
        (
            "en",
            "Re: Jonas Petersen, lease agreements LV-4410227 and LV-4410391\n\nThe outstanding balance is EUR 4,250.80.",
        ),
        (
            "nl",
            "Uw cliënt Jonas Petersen heeft bij ons de leasecontracten LV-4410227 en LV-4410391. Het openstaande saldo bedraagt € 4.250,80.",
        ),
        (
            "it",
            "il Suo assistito Jonas Petersen ha con noi i contratti di leasing n. LV-4410227 e n. LV-4410391. L'importo complessivo dovuto è di € 4.250,80.",
        ),
        ("fi", "Jonas Petersenin molempien sopimusten (LV-4410227 ja LV-4410391) yhteenlaskettu velka on 4 250,80 €."),
        (
            "cs",
            "celkový dluh pana Jonase Petersena za leasing (smlouva LV-4410227) a úvěr (smlouva LV-4410391) činí 4 250,80 EUR.",
        ),
        (
            "es",
            "todos los contratos de leasing de D. Jonas Petersen (LV-4410227) suman un saldo pendiente de 4.250,80 €.",
        ),
    ],
)
def test_one_figure_for_several_contracts_is_held(judge: Judge, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text, LEASING[0]))
    assert not verdict.apply, (verdict.amount, verdict.reasons)
    assert any("several claims" in str(r) for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a customer number beside the one contract: one claim
        (
            "de",
            "Kundennummer 99812345, Leasingvertrag LV-4410227 (Jonas Petersen): Der offene Betrag beläuft sich auf 4.250,80 EUR.",
        ),
        (
            "en",
            "Re: Jonas Petersen, lease agreement LV-4410227, customer no. 99812345\n\nThe outstanding balance is EUR 4,250.80.",
        ),
        # the same contract written twice
        (
            "de",
            "Leasingvertrag LV-4410227 (Jonas Petersen): Der offene Betrag zum Leasingvertrag LV-4410227 beträgt 4.250,80 EUR.",
        ),
        # the contract and an invoice of it
        (
            "it",
            "contratto di leasing n. LV-4410227, Sig. Jonas Petersen, fattura n. 2026118834: l'importo dovuto è di € 4.250,80.",
        ),
    ],
)
def test_one_contract_with_its_numbers_still_applies(judge: Judge, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text, LEASING[0]))
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal("4250.80")


# --- (b) one balance for two supplies while the office holds two claims of the supplier ---------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "zu Ihrer Anfrage zum Gaskonto 7700112233 von Frau Marta Kowalczyk: Der offene Saldo für Strom und Gas beträgt 812,40 EUR.",
        ),
        (
            "de",
            "Kundin Marta Kowalczyk, Vertragskonto 7700112233. Ihr Strom- und Gaskonto weist einen offenen Saldo von 812,40 EUR auf.",
        ),
        ("de", "Frau Marta Kowalczyk, Kundennummer 7700112233: Der Gesamtsaldo (Strom/Gas) beträgt 812,40 EUR."),
        (
            "en",
            "Marta Kowalczyk, account 7700112233. The balance on your client's electricity and gas account is EUR 812.40.",
        ),
        (
            "it",
            "la cliente Marta Kowalczyk, codice cliente 7700112233, presenta un saldo di € 812,40 per le forniture di luce e gas.",
        ),
        (
            "nl",
            "mevrouw Marta Kowalczyk, klantnummer 7700112233: het openstaande saldo voor elektriciteit en gas bedraagt € 812,40.",
        ),
        ("fr", "Mme Marta Kowalczyk, compte 7700112233 : le solde pour l'électricité et le gaz s'élève à 812,40 €."),
        ("es", "Dña. Marta Kowalczyk, cuenta 7700112233: el saldo pendiente de luz y gas asciende a 812,40 €."),
    ],
)
def test_one_balance_for_two_supplies_with_two_claims_is_held(judge: Judge, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text, ENERGY[0]), ENERGY)
    assert not verdict.apply, (verdict.amount, verdict.reasons)
    assert any("several claims" in str(r) for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Frau Marta Kowalczyk, Gaskonto 7700112233: Der offene Saldo beträgt 812,40 EUR."),
        ("en", "Marta Kowalczyk, gas account 7700112233: the outstanding balance is EUR 812.40."),
    ],
)
def test_one_supply_named_with_its_account_still_applies(judge: Judge, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text, ENERGY[0]), ENERGY)
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal("812.40")


# --- (c) enforcement in every language ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Soudní exekutor JUDr. Karel Dvořák nařídil exekuci.",  # cs
        "Vám sdělujeme, že byla nařízena exekuce.",
        "Exekuční řízení bylo zahájeno.",
        "bola súdnym exekútorom začatá exekúcia.",  # sk
        "Novak Petr ügyében végrehajtási eljárás indult.",  # hu
        "A végrehajtó letiltotta a munkabért.",
        "a fost începută executarea silită de către executorul judecătoresc.",  # ro
        "u predmetu pokrenuta je ovrha.",  # hr
        "Pokrenut je ovršni postupak.",
        "v zadevi je bila uvedena izvršba.",  # sl
        "komornik sądowy wszczął postępowanie.",  # pl
        "an execution order has been issued by the court.",  # en
    ],
)
def test_enforcement_words_of_every_language(text: str) -> None:
    assert find_enforcement(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Dlužná částka činí 1 612,40 EUR.",
        "Exekuci zahajovat nebudeme, pokud budou splátky hrazeny řádně.",  # cs, negated verb
        "Plačilo je bilo izvršeno 3. 11. 2026.",  # sl: a payment carried out
        "Kindly execute the transfer by Friday.",
    ],
)
def test_no_enforcement_step(text: str) -> None:
    assert find_enforcement(text) is None, text
    assert not find_phrases("enforcement", text), text


# --- (d) settled as a record's field says it ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Status: bezahlt\nBetrag: 538,20 EUR",
        "Stato: saldato\nImporto: € 538,20",
        "statut : soldé ; montant : 538,20 €",
        "Estado: pagado. Importe: 538,20 €.",
        "Status: betaald\nBedrag: € 538,20",
        "Status: betald\nBelopp: 538,20 EUR",
        "Status: Paid\nAmount: EUR 538.20",
        "Offener Betrag: 538,20 EUR – erledigt durch Zahlung vom 03.11.2026",
    ],
)
def test_a_status_field_says_settled(text: str) -> None:
    assert find_phrases("settled", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Status: offen\nBetrag: 538,20 EUR",
        "Status: Closed\nAmount: EUR 538.20",  # a ticket closed says nothing of the claim
        "Stato: in lavorazione\nImporto: € 538,20",
        "Status: partially paid\nBalance: EUR 538.20",
    ],
)
def test_a_status_field_that_does_not_say_settled(text: str) -> None:
    assert not find_phrases("settled", text), text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Kundenkonto LV-4410227, Jonas Petersen\n\nStatus: bezahlt\nBetrag: 538,20 EUR\nZahlungseingang: 03.11.2026",
        ),
        ("fr", "compte LV-4410227, M. Jonas Petersen : statut : soldé ; montant : 538,20 € ; réglé le 03/11/2026."),
        ("es", "cuenta LV-4410227, D. Jonas Petersen. Estado: pagado. Importe: 538,20 €."),
        ("it", "posizione LV-4410227, Sig. Jonas Petersen.\nImporto: € 538,20\nStato: saldato"),
        (
            "de",
            "Kundenkonto LV-4410227, Jonas Petersen:\nOffener Betrag: 538,20 EUR – erledigt durch Zahlung vom 03.11.2026",
        ),
    ],
)
def test_the_paid_sum_of_a_settled_record_is_never_applied(judge: Judge, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text, LEASING[0]))
    assert not (verdict.apply and verdict.amount == Decimal("538.20")), verdict.reasons


# --- (e) several figures of equal standing, a guarantor, a row per date ----------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "it",
            "pratica LV-4410227, Sig. Jonas Petersen.\nDebito residuo: € 2.412,60\nImporto da recuperare: € 2.180,00",
        ),
        (
            "it",
            "il Sig. Jonas Petersen (pratica LV-4410227) risulta debitore di € 2.412,60; l'esposizione complessiva è pari a € 2.180,00.",
        ),
        ("es", "expediente LV-4410227, D. Jonas Petersen.\nImporte adeudado: 2.412,60 €\nDeuda pendiente: 2.180,00 €"),
        ("fr", "dossier LV-4410227, M. Jonas Petersen.\nMontant dû : 2 412,60 €\nReste dû : 2 180,00 €"),
        # a table with a column per date whose later column does not add up: the row of the total states
        # two totals and neither is shown to be the current one (a later column that adds up is the
        # current claim: read26, test_reading_families_read26)
        (
            "it",
            "pratica LV-4410227, Sig. Jonas Petersen\n\nVoce | al 30/09/2026 | al 04/12/2026\nCapitale | € 2.100,00 | € 2.100,00\nInteressi | € 50,00 | € 250,00\nSpese | € 30,00 | € 30,00\nTotale dovuto | € 2.180,00 | € 2.412,60",
        ),
        # a guarantor's liability
        (
            "fr",
            "pour le dossier LV-4410227, la caution de M. Jonas Petersen, Mme Claire Petersen, a été mise en demeure de régler la somme de 2 412,60 €.",
        ),
        (
            "en",
            "Re lease LV-4410227 (Jonas Petersen): the guarantor has been asked to pay EUR 2,412.60 under the guarantee.",
        ),
    ],
)
def test_figures_of_equal_standing_or_of_another_person_are_held(judge: Judge, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text, LEASING[0]))
    assert not verdict.apply, (verdict.amount, verdict.reasons)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "it",
            "pratica LV-4410227, Sig. Jonas Petersen: importo capitale € 2.180,00, importo totale dovuto € 4.250,80.",
        ),
        (
            "it",
            "pratica LV-4410227, Sig. Jonas Petersen: l'importo dovuto ammonta a € 4.250,80 (di cui interessi € 150,80).",
        ),
        # a breakdown on one row, each cell with its own label
        (
            "de",
            "Forderungskonto LV-4410227 (Jonas Petersen): Hauptforderung 4.000,00 | Zinsen 150,80 | Kosten 100,00 | Saldo 4.250,80 EUR",
        ),
        ("es", "expediente LV-4410227, D. Jonas Petersen: el importe adeudado asciende a 4.250,80 €."),
    ],
)
def test_one_current_figure_with_its_parts_still_applies(judge: Judge, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text, LEASING[0]))
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal("4250.80")


@pytest.mark.parametrize(
    "text",
    [
        "Cliente: João Pereira Santos, nascido em 14/03/1969",
        "Klient: Jan Nowak, urodzony 14.03.1969",
        "Dlužník: Jan Novák, narozen 14.03.1969",
        "Adós: Kovács János, szül. 1969-03-14",
        "Debitor: Ion Popescu, născut la 14.03.1969",
        "Dužnik: Ivan Horvat, rođen 14.03.1969",
        "Kunde: Ole Hansen, fødselsdato 14.03.1969",
    ],
)
def test_dates_of_birth_in_more_languages(text: str) -> None:
    assert [d.isoformat() for d in dates_of_birth(text)] == ["1969-03-14"], text


# --- settled as "no arrears any more", singular and compound (the lead, at integration) -------------


@pytest.mark.parametrize(
    "text",
    [
        "es besteht kein Beitragsrückstand mehr.",
        "Nach Ihrer Zahlung besteht kein offener Mietrückstand mehr.",
        "Für den Vertrag bestehen keine Beitragsschulden mehr.",
        "Es gibt keinen Zahlungsrückstand mehr.",
        "Damit besteht keine offene Forderung mehr.",
    ],
)
def test_no_arrears_any_more_is_settled(text: str) -> None:
    assert find_phrases("settled", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Der Beitragsrückstand beträgt 538,20 EUR.",
        "Ein Rückstand von 538,20 EUR ist weiterhin offen; kein Vergleich mehr möglich.",
        "Es besteht ein Mietrückstand; eine Ratenzahlung ist nicht mehr möglich.",
    ],
)
def test_arrears_still_owed_are_not_settled(text: str) -> None:
    assert not find_phrases("settled", text), text

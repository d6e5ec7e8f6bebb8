"""Families of reading round 23 (docs/evaluation.md, "Reading round 23 (read23)"): a settled reply
that also states an amount, several amounts in one reply, ticket comments out of date order. Each
table mixes languages; near-misses that must not trip stand beside the positives."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.extraction.labels import says_paid, settles_a_part
from creditctl.pipeline.safety_thread import dates_out_of_order, newest_message, newest_message_span
from tests.amount_reading import body_total
from tests.case_judge import body_judge, one_claim_records

RECORDS = one_claim_records(
    file_number="BÖ-2026-0500",
    name="Anna Rossi",
    date_of_birth="1980-01-01",
    creditor=("Kredit Beispiel GmbH", "forderung@kredit-beispiel.example"),
    reference="PR-448812",
    amount="1400.00",
    ticket_id="777",
)
"""One client with one claim of 1,400.00 EUR; the replies below name 1,250.00 as paid (not the stored figure)."""


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    creditor = ("Kredit Beispiel GmbH", "forderung@kredit-beispiel.example")
    subject = "RE: Anna Rossi, Ihr Zeichen BÖ-2026-0500"
    with body_judge(RECORDS, tmp_path_factory.mktemp("db"), creditor=creditor, subject=subject) as judge:
        yield judge


_OPEN = {
    "de": (
        "Sehr geehrte Damen und Herren,\n\nbetreffend Ihre Mandantin Anna Rossi, Vertrag PR-448812: ",
        "Mit freundlichen Grüßen",
    ),
    "en": ("Dear Sir or Madam,\n\nRe your client Anna Rossi, account PR-448812: ", "Kind regards"),
    "it": ("Gentili Signori,\n\nin riferimento alla Sig.ra Anna Rossi, pratica PR-448812: ", "Cordiali saluti"),
    "fr": ("Madame, Monsieur,\n\nconcernant votre cliente Anna Rossi, dossier PR-448812 : ", "Cordialement"),
    "es": ("Estimados señores:\n\nen relación con su cliente Anna Rossi, expediente PR-448812: ", "Atentamente"),
    "nl": ("Geachte heer, mevrouw,\n\ninzake uw cliënt Anna Rossi, dossier PR-448812: ", "Met vriendelijke groet"),
    "pt": (
        "Exmos. Senhores,\n\nrelativamente à sua cliente Anna Rossi, processo PR-448812: ",
        "Com os melhores cumprimentos",
    ),
    "pl": ("Szanowni Państwo,\n\nw sprawie Pani Anna Rossi, sprawa PR-448812: ", "Z poważaniem"),
    "fi": ("Hei,\n\nasiakkaanne Anna Rossi, asia PR-448812: ", "Ystävällisin terveisin"),
    "no": ("Hei,\n\nvedrørende deres klient Anna Rossi, sak PR-448812: ", "Med vennlig hilsen"),
}


def _mail(lang: str, text: str) -> str:
    head, closing = _OPEN[lang]
    return f"{head}{text}\n\n{closing}\nKredit Beispiel GmbH"


# --- which figure a "paid" clause speaks of -------------------------------------------------------


@pytest.mark.parametrize(
    "after",
    [
        "wurde am 12.11.2026 bezahlt",
        "ist durch Zahlung erfüllt",
        "wurden von Ihrer Mandantin überwiesen",
        "was paid in full on 14 November 2026",
        "has been received",
        "is op 12-11-2026 volledig voldaan",
        "op 12-11 betaald",
        "a été intégralement réglée",
        "è stato corrisposto per intero",
        "fue abonado el 12/11",
        "ha sido pagada en su totalidad",
        "foi integralmente pago",
        "är till fullo betald",
        "er betalt fuldt ud",
        "on maksettu kokonaan",
        "została spłacona w całości",
    ],
)
def test_a_clause_saying_the_figure_was_paid(after: str) -> None:
    assert says_paid(after)


@pytest.mark.parametrize(
    "after",
    [
        # negated, not yet, still open, an obligation, a future, a request
        "ist noch nicht bezahlt",
        "wurde bis heute nicht bezahlt und ist weiterhin offen",
        "muss bis 15.12. überwiesen werden",
        "bitte bis zum 15.12. überweisen",
        "must be paid by 15 December",
        "is to be paid by 15 December",
        "will be refunded",
        "non è ancora stato versato",
        "moet uiterlijk 15-12 betaald worden",
        "zijn nog niet voldaan",
        "n'a pas été payée",
        "no ha sido pagada",
        "är inte betald",
        "nie została zapłacona",
        # the figure is the balance; the payment is another
        "is the balance after the payment received",
        "offen, sobald die Zahlung eingegangen ist",
        "due after the instalment was paid",
        "including the fee you paid last month",
        "is due",
        "ist fällig",
        # a condition or a request, not a fact: the figure is still owed
        "provided payment is received by 15 December",
        "siempre que el pago se realice antes del 15 de diciembre",
        "bedes indbetalt senest den 15. december",
    ],
)
def test_a_clause_that_does_not_say_the_figure_was_paid(after: str) -> None:
    assert not says_paid(after)


@pytest.mark.parametrize(
    "text",
    [
        "Der Betrag von 1.250,00 € wurde am 12.11.2026 bezahlt.",
        "Die Forderung über 1.250,00 € ist durch Zahlung erfüllt.",
        "l'importo dovuto di € 1.250,00 è stato corrisposto per intero.",
        "het openstaande bedrag van € 1.250,00 is op 12-11-2026 volledig voldaan.",
        "The outstanding balance of EUR 1,250.00 was paid on 14/11/2026.",
        "Amount settled: EUR 1,250.00",
        "Importo saldato: € 1.250,00",
        "Montant réglé : 1 250,00 €",
    ],
)
def test_a_figure_said_paid_is_never_the_total(text: str) -> None:
    assert body_total(text) is None


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Der Betrag von 1.180,00 € muss bis zum 15.12.2026 überwiesen werden.", "1180.00"),
        ("Der Betrag von 1.180,00 € wurde bis heute nicht bezahlt und ist weiterhin offen.", "1180.00"),
        ("The balance of EUR 1,180.00 is to be paid by 15 December 2026.", "1180.00"),
        ("Ihre Mandantin hat 200,00 € bezahlt. Die Restforderung beträgt 1.180,00 €.", "1180.00"),
        ("after the refund the balance is EUR 1,180.00.", "1180.00"),
    ],
)
def test_a_figure_still_owed_stays_the_total(text: str, total: str) -> None:
    assert body_total(text) == Decimal(total)


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Die Rate für November über 100,00 € ist beglichen", True),
        ("The November instalment of EUR 100.00 has been paid", True),
        ("de termijn van november is voldaan", True),
        ("l'échéance de novembre est réglée", True),
        ("la rata di novembre è stata saldata", True),
        ("la cuota de noviembre está pagada", True),
        ("Die Forderung ist vollständig beglichen", False),
        ("The account has been paid in full", False),
        ("Invoice 4471 has been paid in full", False),  # an invoice may be the claim itself
    ],
)
def test_a_settled_sentence_about_one_instalment(sentence: str, part: bool) -> None:
    assert settles_a_part(sentence) is part


# --- settled replies that also state an amount: 0.00 applied, never the amount ---------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Der Betrag von 1.250,00 € wurde am 12.11.2026 bezahlt. Damit ist die Angelegenheit für uns erledigt."),
        ("de", "Die Forderung über 1.250,00 € ist durch Zahlung erfüllt."),
        ("de", "Die ursprüngliche Forderung in Höhe von 1.250,00 € ist vollständig ausgeglichen."),
        ("it", "l'importo dovuto di € 1.250,00 è stato corrisposto per intero. La pratica è archiviata."),
        ("it", "il credito originario di € 1.250,00 è stato interamente soddisfatto."),
        ("it", "l'importo di € 1.250,00 è stato versato e la posizione risulta regolarizzata."),
        ("it", "la Sua assistita ha versato € 1.250,00 a saldo; nulla è più dovuto."),
        ("en", "The outstanding balance of EUR 1,250.00 was cleared on 14/11/2026 and the account is closed."),
        ("en", "Your client paid off the remaining EUR 1,250.00 last week. The account shows a zero balance."),
        ("fr", "le montant initial de 1 250,00 € a été entièrement remboursé."),
        ("fr", "votre cliente a payé la somme de 1 250,00 € le 12/11/2026. Le dossier est clos."),
        ("pt", "a dívida de 1.250,00 € foi liquidada na totalidade."),
        ("es", "su cliente abonó 1.250,00 € el 12/11/2026; la deuda está cancelada."),
    ],
)
def test_a_settled_reply_stating_the_paid_sum_applies_zero(judge: Any, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text))
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal("0.00")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "uw cliënt heeft het openstaande bedrag van € 1.250,00 betaald."),
        ("en", "Amount settled: EUR 1,250.00. Status: closed."),
        ("de", "Gezahlte Summe: 1.250,00 EUR. Die Akte ist geschlossen."),
        ("it", "totale pagato: € 1.250,00. Posizione chiusa."),
        ("pl", "kwota 1.250,00 EUR została zapłacona. Sprawa została zamknięta."),
    ],
)
def test_a_paid_sum_is_never_applied_as_the_claim(judge: Any, lang: str, text: str) -> None:
    """Held or applied as 0.00 — never 1,250.00 (what was paid)."""
    verdict = judge(_mail(lang, text))
    assert not verdict.apply or verdict.amount == Decimal("0.00"), verdict.reasons


@pytest.mark.parametrize(
    ("lang", "text", "amount"),
    [
        # a payment with the rest stated: the rest
        ("de", "Wir haben eine Zahlung von 500,00 € erhalten. Die Restforderung beträgt 750,00 €.", "750.00"),
        ("it", "abbiamo ricevuto il pagamento di € 500,00. Il residuo ancora dovuto è di € 750,00.", "750.00"),
        ("fr", "nous avons reçu un règlement de 500,00 €. Le solde restant dû s'élève à 750,00 €.", "750.00"),
        ("es", "hemos recibido un pago de 500,00 €. El importe pendiente es de 750,00 €.", "750.00"),
        # one instalment or month settled, the rest open: the rest
        ("de", "Die Rate für November über 100,00 € ist beglichen. Offen sind noch 1.150,00 €.", "1150.00"),
        (
            "en",
            "The November instalment of EUR 100.00 has been paid. The outstanding balance is now EUR 1,150.00.",
            "1150.00",
        ),
        ("nl", "de termijn van november ad € 100,00 is voldaan. Openstaand blijft € 1.150,00.", "1150.00"),
    ],
)
def test_a_payment_beside_the_rest_applies_the_rest(judge: Any, lang: str, text: str, amount: str) -> None:
    verdict = judge(_mail(lang, text))
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal(amount)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a credit after an overpayment: never applied as owed, never as 0.00
        (
            "en",
            "The account was overpaid and is settled; there is a credit balance of EUR 35.00 in your client's favour.",
        ),
        ("it", "la posizione è saldata e risulta un credito a favore della cliente di € 35,00."),
        ("de", "Die Forderung ist ausgeglichen, es besteht ein Guthaben von 35,00 € zugunsten Ihrer Mandantin."),
        # an earlier balance cleared, a new one open: a person decides
        (
            "en",
            "Your client's previous balance of EUR 300.00 was cleared in March; a new balance of EUR 450.00 is now outstanding.",
        ),
        # an invoice paid in full beside a balance: which claim was settled is for a person
        ("en", "Invoice 4471 has been paid in full. The remaining balance on account PR-448812 is EUR 1,180.00."),
    ],
)
def test_settled_look_alikes_are_held(judge: Any, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text))
    assert not verdict.apply, (verdict.amount, verdict.reasons)


# --- ticket comments whose dates contradict their order --------------------------------------------


@pytest.mark.parametrize(
    "history",
    [
        # ServiceNow: the entry on top is older than the one below it
        "Case CS0098812 has been updated.\n\n2026-11-20 09:14:51 GMT - Aoife Byrne (Additional comments)\n"
        "The balance is €2,140.00.\n\n2026-12-03 16:22:07 GMT - Aoife Byrne (Additional comments)\n"
        "The balance is €1,990.00.",
        # Zendesk in Danish, oldest on top (ascending)
        "##- Skriv dit svar over denne linje -##\n\nLouise Madsen (Ørsted)\n12. nov. 2026 10:02 CET\n\n"
        "Restgælden er 2.240,00 kr.\n\nLouise Madsen (Ørsted)\n3. dec. 2026 14:55 CET\n\nRestgælden er nu 2.340,00 kr.",
        # Zendesk in English: an older comment placed above the newest
        "##- Please type your reply above this line -##\n\nCustomer Support, 2 Oct 2026, 10:14 BST\n\n"
        "The outstanding balance is £1,416.31.\n\nCallum (Lowmoor)\n\nDec 3, 2026, 14:18 GMT\n\n"
        "The current outstanding balance is £1,601.05.\n\nSchuldnerberatung\n\nNov 24, 2026, 09:02 GMT\n\nPlease confirm.",
        # German mail thread: "Am … schrieb" headers out of order
        "Der Saldo beträgt 812,40 €.\n\nAm 20.11.2026 um 09:12 schrieb Petra Gruber:\n> Saldo 790,00 €\n\n"
        "Am 28.11.2026 um 14:30 schrieb Petra Gruber:\n> Saldo 801,10 €",
        # Italian, day-month names
        "Il saldo è di € 512,30.\n\nMarco Neri, 2 novembre 2026 10:02\nsaldo € 498,00\n\nMarco Neri, 30 novembre 2026 16:40\nsaldo € 505,00",
    ],
)
def test_ticket_comments_out_of_date_order_are_found(history: str) -> None:
    assert dates_out_of_order(history) is not None


@pytest.mark.parametrize(
    "history",
    [
        # newest first, as ticket systems list them
        "Case CS0098812 has been updated.\n\n2026-12-03 16:22:07 GMT - Aoife Byrne (Additional comments)\n"
        "The balance is €1,990.00.\n\n2026-11-20 09:14:51 GMT - Aoife Byrne (Additional comments)\nThe balance is €2,140.00.",
        "##- Please type your reply above this line -##\n\nCallum (Lowmoor)\n\nDec 3, 2026, 14:18 GMT\n\n"
        "The balance is £1,601.05.\n\nSchuldnerberatung\n\nNov 24, 2026, 09:02 GMT\n\nPlease confirm.",
        # one dated header only; undated Jira comments
        "Der Saldo beträgt 812,40 €.\n\nAm 20.11.2026 um 09:12 schrieb Schuldnerberatung:\n> Bitte bestätigen",
        "Laura Nieminen commented:\n\navoin saldo 1 162,80 €.\n\nLaura Nieminen commented:\n\navoin saldo 1 198,30 €.",
        # a forward's header block dated before the office's letter quoted below it: no ticket order
        "Gesamtforderung 1.512,30 €.\n\n---------- Weitergeleitete Nachricht ---------\nVon: Buchhaltung <b@x.example>\n"
        "Datum: Mo., 2. Nov. 2026 um 16:40\nBetreff: Köhler\n\nStand: 1.430,00 €\n\n"
        "Am 03.11.2026 um 10:02 schrieb Schuldnerberatung <s@y.example>:\n> Bitte um Auskunft",
        # dates in the text that are no message headers
        "Stand 03.12.2026 14:18: Saldo 812,40 €. Zahlung am 20.11.2026 10:00 verbucht.",
    ],
)
def test_clear_histories_are_in_order(history: str) -> None:
    assert dates_out_of_order(history) is None


def test_an_internal_note_is_not_the_public_answer() -> None:
    """A ticket's internal note ends the public comment above it: its figure is no part of the newest message."""
    text = (
        "Reply above this line.\n\nSara Holm commented:\n\nHej, vi återkommer så snart som möjligt.\n\n"
        "Sara Holm added an internal note:\n\nSaldo enligt systemet 2 214,00 kr, kontrollera mot betalningar."
    )
    start, end = newest_message_span(text)
    assert "2 214,00" not in text[start:end]
    public_first = (
        "Reply above this line.\n\nAnna Wójcik commented:\n\nZadłużenie wynosi 4 702,90 zł.\n\n"
        "Anna Wójcik added an internal note:\n\nstare saldo 4 688,20 zł"
    )
    assert newest_message(public_first).rstrip().endswith("4 702,90 zł.")
    # a sentence that only mentions an internal note is no header
    mention = "Please see the internal note below.\nThe balance is £812.40."
    assert newest_message_span(mention) == (0, len(mention))


# --- several amounts, several claims: in every language ---------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # several claims named as such
        ("it", "l'importo complessivo dovuto per entrambi i contratti è di € 1.410,90."),
        ("it", "per le due polizze intestate alla cliente risulta un debito totale di € 1.410,90."),
        ("pt", "a sua cliente tem dois contratos connosco, com um total em dívida de 1.410,90 €."),
        ("pl", "Pani ma u nas dwie umowy; łączne zadłużenie wynosi 1.410,90 EUR."),
        ("fi", "asiakkaallanne on kaksi sopimusta; yhteensä velkaa on 1 410,90 €."),
        # each / respectively
        ("it", "per ciascuno dei contratti risulta uno scoperto di € 705,45."),
        ("it", "i saldi delle posizioni PR-448812 e PR-448813 ammontano rispettivamente a € 812,40 e € 598,50."),
        ("es", "los saldos pendientes son respectivamente 812,40 € y 598,50 €."),
        ("es", "por cada uno de los contratos quedan pendientes 705,45 €."),
        ("pt", "os valores em dívida são, respetivamente, 812,40 € e 598,50 €."),
        ("fr", "pour chacun des contrats, le solde est de 705,45 €."),
        ("pl", "zadłużenie wynosi odpowiednio 812,40 EUR i 598,50 EUR."),
        ("no", "for hver av de to avtalene er restbeløpet 705,45 €."),
        ("de", "Der Rückstand beträgt je Vertrag 705,45 €."),
        # two figures of equal standing, neither named the current total
        ("es", "su cliente adeuda 812,40 € y 598,50 €."),
        ("it", "risultano a carico della Sua assistita importi scoperti di € 812,40 e € 598,50."),
    ],
)
def test_several_claims_or_equal_figures_are_held(judge: Any, lang: str, text: str) -> None:
    verdict = judge(_mail(lang, text))
    assert not verdict.apply, (verdict.amount, verdict.reasons)


@pytest.mark.parametrize(
    ("lang", "text", "amount"),
    [
        ("it", "per la pratica PR-448812 il saldo è di € 812,40; l'altra pratica è stata chiusa.", "812.40"),
        # one customer number with two supply points: one account, its total (tuning_q q025's family)
        (
            "it",
            "sul codice cliente PR-448812 risultano due utenze; il saldo complessivo del conto è di € 812,40.",
            "812.40",
        ),
        ("es", "la deuda de 812,40 € puede pagarse en dos cuotas de 406,20 € cada una.", "812.40"),
        ("de", "Die Forderung beträgt 812,40 €. Sie kann in drei Raten zu je 270,80 € beglichen werden.", "812.40"),
        ("en", "The balance is EUR 812.40, made up of EUR 750.00 principal and EUR 62.40 costs.", "812.40"),
        ("fr", "le solde est de 812,40 €, correspondant aux deux derniers mois de loyer.", "812.40"),
        ("pl", "zadłużenie wynosi 812,40 EUR, w tym dwie zaległe raty.", "812.40"),
    ],
)
def test_one_claim_with_parts_or_instalments_still_applies(judge: Any, lang: str, text: str, amount: str) -> None:
    verdict = judge(_mail(lang, text))
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal(amount)


# --- the newest comment, article separators, rows booked to nil ---------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "amount"),
    [
        # the newest ServiceNow entry says settled; the older one's figure is history
        (
            "es",
            "Se ha actualizado el caso CS0104417.\n\n2026-12-04 12:30:19 CET - Marta López (Comentarios adicionales)\n"
            "Les confirmamos que hemos recibido el pago y que la deuda del contrato PR-448812 está saldada. "
            "No queda ningún importe pendiente.\n\n2026-11-19 09:12:44 CET - Marta López (Comentarios adicionales)\n"
            "El importe pendiente del contrato PR-448812 asciende a 642,20 €.",
            "0.00",
        ),
        # OTRS articles, the newest on top with its header fields
        (
            "de",
            '--- Artikel #3 ---\nVon: "Forderungsmanagement" <forderung@kredit-beispiel.example>\n'
            "Erstellt: 03.12.2026 14:18:22\n\nSehr geehrte Damen und Herren,\ndie offene Forderung aus dem Vertrag "
            'PR-448812 (Anna Rossi) beträgt aktuell 1.261,70 €.\n\n--- Artikel #2 ---\nVon: "Forderungsmanagement" '
            "<forderung@kredit-beispiel.example>\nErstellt: 20.11.2026 09:02:10\n\ndie offene Forderung beträgt 1.238,20 €.",
            "1261.70",
        ),
        # a statement whose rows are booked to a zero balance
        (
            "de",
            "Guten Tag,\n\nzum Vertrag PR-448812 (Anna Rossi) teilen wir den Kontostand mit:\n\n"
            "Hauptforderung            1.104,60 EUR\nZinsen                       38,40 EUR\n"
            "Inkassokosten                77,00 EUR\nZahlung 14.11.2026       -1.220,00 EUR\n"
            "----------------------------------------\nSaldo:                        0,00 EUR (ausgeglichen am 14.11.2026)\n\n"
            "Die Akte wird geschlossen.\n\nFreundliche Grüße\nKredit Beispiel GmbH",
            "0.00",
        ),
    ],
)
def test_the_newest_comment_or_the_statement_decides(judge: Any, lang: str, text: str, amount: str) -> None:
    verdict = judge(text)
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal(amount)


@pytest.mark.parametrize(
    "text",
    [
        "Vi har mottagit betalningen på 1 250,00 € den 20 november 2026. Skulden är betald och ärendet är avslutat hos oss.",
        "Vi har modtaget betalingen på 1.250,00 €. Gælden er betalt, og sagen er afsluttet.",
    ],
)
def test_nordic_settled_with_the_paid_sum_applies_zero(judge: Any, text: str) -> None:
    verdict = judge(_mail("no", text))
    assert verdict.apply, verdict.reasons
    assert verdict.amount == Decimal("0.00")


def test_rows_that_do_not_add_up_to_the_zero_row_are_still_owed(judge: Any) -> None:
    """Near miss: a zero row below rows that do not add up to it is no statement booked to nil."""
    text = (
        "Guten Tag,\n\nzum Vertrag PR-448812 (Anna Rossi):\n\nHauptforderung            1.104,60 EUR\n"
        "Zinsen                       38,40 EUR\nInkassokosten                77,00 EUR\n"
        "Saldo Mahngebühren:          0,00 EUR\n\nFreundliche Grüße\nKredit Beispiel GmbH"
    )
    verdict = judge(text)
    assert not verdict.apply or verdict.amount != Decimal("0.00"), verdict.reasons

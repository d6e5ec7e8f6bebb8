"""Families of references and quote headers (reading round on ``tests/data/tuning_m``,
``tuning_n`` and ``tuning_p``: creditors who number their files in the office's shape,
line-broken and spaced values, inline answers): each table mixes languages and forms
beyond the example that showed the gap, and keeps near-misses that must NOT trip.
"""

from __future__ import annotations

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.references import normalise_reference
from creditctl.pipeline.extraction.rules import RulesExtractor


def _read(body: str, subject: str = "", quoted: str = "") -> tuple[str | None, list[str]]:
    result = RulesExtractor().extract(
        ExtractionInput(
            reply_text=body,
            subject=subject,
            quoted_text=quoted,
            from_email="service@example-creditor.example",
            from_name="Example Creditor GmbH",
        )
    )
    return result.client_file_number, [normalise_reference(r) for r in result.creditor_references]


# ------------------------- a creditor's file number of the office's shape, unlabelled, is kept

CREDITOR_SHAPED = [
    ("Reuter ./. Meyer – NLI-2024-118842", "Die aktuelle Forderung entnehmen Sie dem Betreff.", "NLI-2024-118842"),
    ("VS: Aino Virtanen / PP-2026-30418", "Maksamatta on yhteensä 812,40 €.", "PP-2026-30418"),
    ("Perintäasia PP-2026-30418", "Asia on siirretty ulosottoon.", "PP-2026-30418"),
    ("Re: AW: Jana Meyer FS-2025-118", "offen sind noch 1.180,00 €.", "FS-2025-118"),
    ("Versandhaus Elbe c/ Yildirim – CE-2025-120455", "Le solde est de 771,40 EUR.", "CE-2025-120455"),
    ("Pratica ADR-2024-07781 – Rossi", "Il saldo è di 312,00 EUR.", "ADR-2024-07781"),
]


@pytest.mark.parametrize(("subject", "body", "ref"), CREDITOR_SHAPED)
def test_an_unlabelled_value_of_the_office_shape_is_also_a_creditor_reference(
    subject: str, body: str, ref: str
) -> None:
    _file, refs = _read(body, subject=subject)
    assert ref in refs


def test_the_office_number_in_the_quoted_letter_makes_the_subject_value_the_creditors() -> None:
    quoted = (
        "Am 24.11.2026 um 09:30 schrieb Schuldnerberatung <post@sb.example>:\n"
        "> wir vertreten Frau Jana Meyer (Az. BÖ-2026-0301). Bitte teilen Sie die Höhe mit."
    )
    file_number, refs = _read("offen sind noch 1.180,00 €.", subject="Re: Jana Meyer FS-2025-118", quoted=quoted)
    assert file_number == "BÖ-2026-0301"
    assert refs == ["FS-2025-118"]


# near-misses: a number the office labels as its own never becomes a creditor reference
OFFICE_LABELLED = [
    ("AW: Ihr Zeichen BÖ-2026-0311", "Die Forderung beträgt 618,90 EUR.", ""),
    ("RE: your ref BÖ-2026-0311", "The balance is EUR 618.90.", ""),
    ("Re: Forderung Meyer", "Le solde est de 618,90 EUR. Votre référence : BÖ-2026-0311", ""),
    ("AW: Anfrage", "Die Forderung beträgt 618,90 EUR.", "> Unser Zeichen: BÖ-2026-0311\n> Bitte um Aufstellung."),
    ("AW: Anfrage", "Die Forderung beträgt 618,90 EUR.", "> Aktenzeichen: BÖ-2026-0311\n> Bitte um Aufstellung."),
]


@pytest.mark.parametrize(("subject", "body", "quoted"), OFFICE_LABELLED)
def test_a_file_number_labelled_as_the_offices_is_no_creditor_reference(subject: str, body: str, quoted: str) -> None:
    file_number, refs = _read(body, subject=subject, quoted=quoted)
    assert file_number == "BÖ-2026-0311"
    assert "BÖ-2026-0311" not in refs


# ------------------------------------------- labelled values in the forms creditors write them

from creditctl.pipeline.extraction.references import (  # noqa: E402
    find_column_references,
    find_references,
    find_subject_identifiers,
)

LABELLED_FORMS = [
    # spaced groups after a letter, a check digit before a bracket
    ("zum Beitragskonto K 771 204 558 (Herr Krüger)", "K771204558"),
    ("dass das Vertragskonto 4100 2281 7 (Lieferstelle Kassel)", "410022817"),
    ("AW: Brunner / Ihr Fall IH 2026 118 473", "IH2026118473"),
    ("Vedr. sag SAG 2026-7781", "SAG2026-7781"),
    ("Der Akt KIO 55/26-0912 wurde abgelegt.", "KIO55/26-0912"),
    ("case AB 1234 567 890 is closed", "AB1234567890"),
    # a letter code broken over a line after a dash
    ("Ons kenmerk: VDP-2026-\n04471\nUw kenmerk: BÖ-2026-0170", "VDP-2026-04471"),
    ("Notre référence : RCV-24-\n118842\n", "RCV-24-118842"),
    # tax numbers with or without spaced slashes, no dash in the label
    ("wegen der Rückstände (StNr. 318 / 5512 / 0937) in Höhe von", "318/5512/0937"),
    ("Rückstände Ostendorf, StNr 318/5512/0937", "318/5512/0937"),
    # a tenant's, subscriber's, member's, patient's or household's number
    ("Mieternummer: 1207-03-11", "1207-03-11"),
    ("Mieternr. 1207-03-11", "1207-03-11"),
    ("für das Jahresabo Nr. 88-1204 (Herr Brunner)", "88-1204"),
    ("betreffend Frau Hofstätter, Fallzahl 2407-118836 (Aufenthalt)", "2407-118836"),
    ("Bedarfsgemeinschaft 35402//0012345:", "35402//0012345"),
    ("op mevrouw J. de Vries (incassodossier 2025-33817)", "2025-33817"),
    # dot leaders between label and value
    ("N. pratica ........ RA/2026/11873", "RA/2026/11873"),
    ("Codice cliente .... 00771845", "00771845"),
    ("Kundennummer ......... 4471209", "4471209"),
    # the one invoice the claim is, on its line with the amount
    ("Hauptforderung (Rechnung 77-4410 v. 02.02.2026)     1.288,00 €", "77-4410"),
    ("(patiëntnummer 7720193, factuur 2025/118803): het openstaand saldo € 537,30", "2025/118803"),
]


@pytest.mark.parametrize(("text", "ref"), LABELLED_FORMS)
def test_a_labelled_value_is_read_whole(text: str, ref: str) -> None:
    assert ref in [normalise_reference(r.value) for r in find_references(text)]


NOT_A_REFERENCE = [
    ("Vertrag vom 12.03.2026", "12.03.2026"),
    ("Ihr Fall vom 12.03.2026", "12.03.2026"),
    ("Kundennummer: 2026-03-11", "2026-03-11"),  # an ISO date of this century stays a date
    ("Mitglied seit 2019", "2019"),
    ("Abo seit 01.01.2025", "01.01.2025"),
    ("Steuer: 19 %", "19"),
]


@pytest.mark.parametrize(("text", "value"), NOT_A_REFERENCE)
def test_near_misses_are_no_reference(text: str, value: str) -> None:
    assert normalise_reference(value) not in [normalise_reference(r.value) for r in find_references(text)]


def test_a_list_of_invoices_stays_itemisation() -> None:
    text = "Rechnung 2026-101 vom 01.09.2026: 120,00 €\nRechnung 2026-102 vom 01.10.2026: 80,00 €\n"
    assert find_references(text) == []


LISTED = [
    ("die Bestellungen PL-8830124 und PL-8830991 sind offen", ["PL-8830124", "PL-8830991"]),
    ("Vertragsnummer 4711-01, 4711-02 und 4711-03", ["4711-01", "4711-02", "4711-03"]),
    ("le dossier n° RC-1188 et RC-1190 restent ouverts", ["RC-1188", "RC-1190"]),
    # another shape ends the list: an amount, a date
    ("Kundennummer 123456, 12,50 EUR offen", ["123456"]),
    ("Vertragsnummer 4711-01 und 01.12.2026", ["4711-01"]),
]


@pytest.mark.parametrize(("text", "refs"), LISTED)
def test_values_listed_after_one_label(text: str, refs: list[str]) -> None:
    assert [r.value for r in find_references(text)] == refs


SUBJECT_IDS = [
    ("Mitglied 7001-2238 – Zählerstände", "7001-2238"),
    ("Re: huurachterstand F. de Vries 88120-3 – actueel saldo € 1.899,50", "88120-3"),
    ("Gjeldsordning – Ingrid Halvorsen – 2026-448817", "2026-448817"),
    ("Abo 88-1204 Brunner", "88-1204"),
]


@pytest.mark.parametrize(("subject", "ref"), SUBJECT_IDS)
def test_an_unlabelled_dashed_number_of_a_subject(subject: str, ref: str) -> None:
    assert ref in [r.value for r in find_subject_identifiers(subject)]


@pytest.mark.parametrize(
    "subject", ["Abrechnung 2026-12", "Tel. 0381-4400218", "Raten 2025-11 bis 2026-02", "Saldo 12-50"]
)
def test_a_year_month_a_phone_or_a_short_number_is_no_subject_identifier(subject: str) -> None:
    assert find_subject_identifiers(subject) == []


def test_a_dated_header_still_names_its_reference_column() -> None:
    table = (
        "Konto/Vertrag        Produkt            Saldo 01.12.2026\n"
        "7012 558 340         Ratenkredit        8.612,44 EUR\n"
        "0701 2558 00         Girokonto (Dispo)  1.356,12 EUR\n"
    )
    assert [r.value for r in find_column_references(table)] == ["7012 558 340", "0701 2558 00"]


def test_a_key_value_row_is_no_header() -> None:
    assert find_column_references("Kunden-Nr. | 100 200 300\nBetrag | 120,00 EUR\n") == []


# ------------------------------------ a figure the sender asked its principal to confirm holds

from creditctl.pipeline.reply_wording import contradiction_reasons  # noqa: E402

ASKED_TO_CONFIRM = [
    "Nous avons demandé au créancier de confirmer le montant exact et reviendrons vers vous.",
    "Nous avons demandé à Télécom Azur de nous confirmer le solde.",
    "Abbiamo chiesto al creditore di confermare l'importo esatto.",
    "Hemos solicitado al acreedor que nos confirme el importe exacto.",
    "Wij hebben de opdrachtgever gevraagd het bedrag te bevestigen.",
    "Wir haben die Gläubigerin gebeten, den genauen Betrag zu bestätigen.",
    "We have asked our client to confirm the exact balance.",
]


@pytest.mark.parametrize("text", ASKED_TO_CONFIRM)
def test_a_figure_awaiting_the_principals_confirmation_holds(text: str) -> None:
    assert any("provisional" in r for r in contradiction_reasons(f"Le solde est de 781,40 €. {text}"))


CONFIRMED = [
    "Nous vous confirmons le montant de 781,40 €.",
    "Vi confermiamo l'importo di 781,40 €.",
    "Wir bestätigen den Betrag von 781,40 €.",
    "Le créancier nous a confirmé le montant exact.",
]


@pytest.mark.parametrize("text", CONFIRMED)
def test_a_confirmed_figure_is_no_provisional_one(text: str) -> None:
    assert not any("provisional" in r for r in contradiction_reasons(text))


# ------------------------------------------------- answers written into the office's questions

from creditctl.pipeline.cleaning import parse_email  # noqa: E402
from creditctl.pipeline.extraction.references import find_body_identifiers  # noqa: E402

ANSWERS_AFTER_QUESTIONS = [
    (
        "Bonjour, voir nos réponses ci-dessous.\n\nÉlodie Garnier\n\n"
        "Le mer. 2 déc. 2026 à 09:30, Beratung <b@sb.example> a écrit :\n"
        "> 1) Votre numéro de dossier ?\nRC-88412/LM\n"
        "> 2) Le montant de 743,18 € est-il toujours d'actualité ?\nNon. Restant dû : 803,10 €.\n",
        "803,10",
        "743,18",
    ),
    (
        "Hallo, Antworten unten.\n\n"
        "Am 02.12.2026 um 09:30 schrieb Beratung <b@sb.example>:\n"
        "> Wie hoch ist die Forderung heute?\nAktuell 1.204,50 EUR.\n> Ist der Betrag von 999,99 EUR noch aktuell?\nNein.\n",
        "1.204,50",
        "999,99",
    ),
]


@pytest.mark.parametrize(("body", "answer", "question_figure"), ANSWERS_AFTER_QUESTIONS)
def test_an_answer_below_a_question_is_the_reply(body: str, answer: str, question_figure: str) -> None:
    parsed = parse_email(None, body)
    assert answer in parsed.reply
    assert question_figure not in parsed.reply  # the office's figure stays quoted


def test_a_wrapped_quote_line_stays_quoted() -> None:
    body = (
        "Danke, wir melden uns.\n\n"
        "Am 02.12.2026 um 09:30 schrieb Beratung <b@sb.example>:\n"
        "> Nach unseren Unterlagen beträgt die Forderung\n999,99 EUR; bitte teilen Sie uns den Stand mit.\n"
    )
    assert "999,99" not in parse_email(None, body).reply


def test_answers_marked_in_the_offices_unquoted_letter() -> None:
    body = (
        "Hi,\n\nPlease see our answers below.\n\nRegards,\nAoife\n\n"
        "________________________________\n"
        "From: Beratung <b@sb.example>\nSent: Tuesday, December 1, 2026 10:31 AM\nTo: Cases <c@x.example>\n"
        "Subject: Niall Brennan\n\n"
        "Dear Sir/Madam,\nOur file shows EUR 934.10 owed.\n\n"
        "1. Please state your reference.\n>> ANSWER: SCM-448120\n"
        "2. What is the current balance?\n>> ANSWER: EUR 968.45 as of today.\n"
    )
    parsed = parse_email(None, body)
    assert "ANSWER: SCM-448120" in parsed.reply and "968.45" in parsed.reply
    assert "934.10" not in parsed.reply


ALONE = [
    ("Non.\nRC-88412/LM\nOui, 40,00 € par mois.", "RC-88412/LM"),
    ("ANSWER: SCM-448120 (Emerald account 0877 441 209)", "SCM-448120"),
    ("Antwort: KD-4471/26\n", "KD-4471/26"),
    ("Svar: 2025/ABC/1187\n", "2025/ABC/1187"),
]


@pytest.mark.parametrize(("text", "ref"), ALONE)
def test_a_code_alone_on_its_line_is_a_reference(text: str, ref: str) -> None:
    assert ref in [r.value for r in find_body_identifiers(text)]


@pytest.mark.parametrize("text", ["12/2026\n", "COVID-19\n", "D-18055 Rostock\n", "Seite 1/2\n", "EUR-Raten\n"])
def test_a_date_a_word_or_an_address_alone_is_no_reference(text: str) -> None:
    assert find_body_identifiers(text) == []


@pytest.mark.parametrize("text", ["ESTRATTO CONTO AL 30/11/2026", "Konto PER 01.12.2026", "Akte VOM 02.12.2026"])
def test_a_short_word_and_a_date_is_no_reference(text: str) -> None:
    assert find_references(text) == []


# ------------------------------------------- "together with" names a part, not the sum

from creditctl.pipeline.extraction.amounts import amount_role, find_amounts  # noqa: E402

ALONG_WITH = [
    (
        "nicht gezahlt; zusammen mit den festgesetzten Säumniszuschlägen von 8,00 Euro beläuft sich "
        "der Gesamtrückstand auf 393,56 Euro.",
        "8.00",
    ),
    ("Samen met de incassokosten van € 40,00 bedraagt het totaal € 512,00.", "40.00"),
    ("Tillsammans med avgiften på 60,00 kr uppgår skulden totalt till 1 460,00 kr.", "60.00"),
]


@pytest.mark.parametrize(("text", "part"), ALONG_WITH)
def test_a_part_named_along_with_the_total_is_no_total(text: str, part: str) -> None:
    roles = {str(f.amount): amount_role(f) for f in find_amounts(text)}
    assert roles[part] != "total"


@pytest.mark.parametrize(
    "text", ["Monate à 255,00 €, zusammen 2.295,00 €", "Rückstand zusammen 468,00 €", "samen € 512,00"]
)
def test_a_bare_together_still_sums(text: str) -> None:
    assert amount_role(find_amounts(text)[-1]) == "total"


# ------------------------------------------------------- the reply points to its subject line

from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE  # noqa: E402


@pytest.mark.parametrize(
    "body",
    [
        "die aktuelle Forderungshöhe entnehmen Sie bitte dem Betreff.",
        "Die Höhe ist dem Betreff zu entnehmen.",
        "Der Stand ergibt sich aus dem Betreff.",
        "Den Saldo finden Sie oben im Betreff.",
        "The balance can be found in the subject line.",
        "Het saldo vindt u in het onderwerp.",
        "Le solde figure en objet.",
        "Il saldo è riportato in oggetto.",
        "El saldo figura en el asunto.",
    ],
)
def test_more_pointers_to_the_subject(body: str) -> None:
    assert SEE_SUBJECT_RE.search(body)


@pytest.mark.parametrize(
    "body",
    [
        "wie Sie dem Betreff Ihres Schreibens entnehmen",  # the office's subject
        "Betreff: Forderung Meyer",
        "Den Betreff haben wir geändert.",
    ],
)
def test_a_mention_of_the_subject_is_no_pointer(body: str) -> None:
    assert not SEE_SUBJECT_RE.search(body)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("IMPORTO ATTUALE AL 04/12/2026: EUR 1.932,10 (INTERESSI AGGIORNATI).", "total"),
        ("Il debito attuale è di EUR 1.932,10.", "total"),
        ("Saldo complessivo attuale: EUR 1.932,10", "total"),
        ("SÌ, MINIMO EUR 60,00 MENSILI.", "other"),
    ],
)
def test_the_current_figure_in_italian(text: str, role: str) -> None:
    assert amount_role(find_amounts(text)[0]) == role


# ------------------------------------------ a hand-over only threatened is no assignment (kind)

from creditctl.pipeline.extraction.model import ReplyKind  # noqa: E402
from creditctl.pipeline.extraction.reply_kind import classify_text  # noqa: E402

THREATENED_HANDOVER = [
    "Ein Betrag von 436,80 € ist offen. Sollte bis zum 20.12.2026 keine Zahlung eingehen, müssten wir die "
    "Forderung an ein Inkassounternehmen übergeben.",
    "Offen sind 436,80 €. Falls keine Zahlung erfolgt, wird die Forderung an einen externen Inkassodienstleister abgegeben.",
    "The balance is £436.80. If it remains unpaid, the account may be sold to a debt purchaser.",
    "Het openstaande bedrag is € 436,80. Indien niet betaald, kan de vordering worden overgedragen aan een incassobureau.",
]


@pytest.mark.parametrize("text", THREATENED_HANDOVER)
def test_a_threatened_handover_is_no_assignment(text: str) -> None:
    assert classify_text(text, has_claim_amount=True).kind is not ReplyKind.CLAIM_ASSIGNED


DONE_HANDOVER = [
    "Die Forderung wurde an die Lumo Inkasso GmbH verkauft. Sie können sich ab sofort an diese wenden.",
    "Wir haben die Forderung an einen externen Inkassodienstleister abgegeben.",
    "The account was sold to Lowell Portfolio Ltd on 01/12/2026; you may contact them directly.",
    "De vordering is verkocht aan Dijkstra Incasso B.V.",
    # "can" and Swedish "om att" (that) are no condition
    "Wir können Ihnen mitteilen, dass die Forderung an die Lumo Inkasso GmbH verkauft wurde.",
    "Vi vill informera om att fordran har överlåtits till Borealis Fordringsförvaltning AB per den 1 oktober 2026.",
]


@pytest.mark.parametrize("text", DONE_HANDOVER)
def test_a_handover_that_happened_is_an_assignment(text: str) -> None:
    assert classify_text(text, has_claim_amount=True).kind is ReplyKind.CLAIM_ASSIGNED


# ------------------------------------------------------------- a settled file, in Spanish

SETTLED_ES = [
    "El expediente queda cerrado y saldado; no existe ninguna cantidad pendiente a día de hoy.",
    "La deuda ha quedado saldada tras el pago del 24/11/2026.",
    "No queda ninguna suma pendiente.",
    "No hay cantidad pendiente en este expediente.",
]


@pytest.mark.parametrize("text", SETTLED_ES)
def test_a_settled_file_in_spanish(text: str) -> None:
    assert classify_text(text, has_claim_amount=False).kind is ReplyKind.CLAIM_SETTLED


NOT_SETTLED_ES = [
    "Si abona 1.250,00 € antes del 15/12, la deuda quedará saldada.",
    "Queda pendiente una cantidad de 300,00 €.",
    "El expediente queda abierto; la deuda pendiente asciende a 1.590,40 €.",
]


@pytest.mark.parametrize("text", NOT_SETTLED_ES)
def test_an_open_or_conditional_file_in_spanish_is_not_settled(text: str) -> None:
    assert classify_text(text, has_claim_amount=True).kind is not ReplyKind.CLAIM_SETTLED


def test_spaced_digit_groups_after_a_case_word() -> None:
    refs = [r.value for r in find_references("(créancier : Opéra Télécom SA, contrat 0099 4471 220).")]
    assert refs == ["0099 4471 220"]
    assert find_references("Vertrag 12 345,00 EUR") == []


def test_the_keys_of_a_table_without_header() -> None:
    rows = (
        " KCM/90177/NG  Pulse Gym Ltd           outstanding £174.00\n"
        " KCM/90412/NG  QuickCart Direct Ltd    outstanding £369.63\n"
    )
    assert [r.value for r in find_body_identifiers(rows)] == ["KCM/90177/NG", "KCM/90412/NG"]


@pytest.mark.parametrize("text", ["12/2026   Beitrag  18,36\n", "D-18055  Rostock\n", "CH-8400\n", "Seite 1/2   \n"])
def test_a_date_or_a_postcode_starting_a_row_is_no_key(text: str) -> None:
    assert find_body_identifiers(text) == []


# ------------------------------- a department's answer forwarded inside the firm, without addresses

INTERNAL_NO_ADDRESS = (
    "Sehr geehrte Frau Kowalczyk,\n\nanbei die Antwort unserer Sanierungsabteilung zu Ihrer Anfrage.\n\n"
    "Freundliche Grüße\nAnja Möller\n\n"
    "-----Ursprüngliche Nachricht-----\nVon: Sanierung / Abwicklung\nGesendet: Donnerstag, 3. Dezember 2026 15:40\n"
    "An: KreditService\nBetreff: WG: Anfrage – Darlehen 0044718263\n\n"
    "Hallo Anja,\nDarlehenskonto 0044718263\nSaldo per 30.11.2026:   -4.012,33 EUR (Soll)\n\nGruß Ralf\n\n"
    "-----Ursprüngliche Nachricht-----\nVon: Beratung <beratung@sb.example>\nGesendet: Freitag, 27. November 2026 10:40\n"
    "An: KreditService\nBetreff: Anfrage\n\nWir bitten um eine Aufstellung (unser Stand: 3.921,77 €).\n"
)

PORTAL_NOTICE = (
    "Hallo,\n\nSie haben eine neue Nachricht im Kaufzone24-Kundenportal erhalten.\n\n"
    "Betreff: Kundennummer 20881347 – Kontostand\nVon: Kaufzone24 Buchhaltung\nDatum: 05.12.2026 10:17\n\n"
    "„nach Eingang der Zahlung von 15,00 € beträgt der offene Saldo nun 644,30 €.“\n"
)


def test_a_departments_answer_forwarded_without_addresses_is_the_reply() -> None:
    parsed = parse_email(None, INTERNAL_NO_ADDRESS, sender="kreditservice@sparkasse.example")
    assert "4.012,33" in parsed.reply
    assert "3.921,77" not in parsed.reply  # the office's letter stays quoted


def test_a_portal_notice_of_a_new_message_is_the_reply() -> None:
    parsed = parse_email(None, PORTAL_NOTICE, sender="noreply@kaufzone24.example")
    assert "644,30" in parsed.reply
    assert "15,00" in parsed.reply


def test_without_the_announcement_an_addressless_message_stays_history() -> None:
    body = INTERNAL_NO_ADDRESS.replace("anbei die Antwort unserer Sanierungsabteilung zu Ihrer Anfrage.", "danke.")
    assert "4.012,33" not in parse_email(None, body, sender="kreditservice@sparkasse.example").reply


def test_an_announced_message_of_a_person_stays_history() -> None:
    body = PORTAL_NOTICE.replace("Von: Kaufzone24 Buchhaltung", "Von: Beratungsstelle Lisa Kowalczyk")
    assert "644,30" not in parse_email(None, body, sender="noreply@kaufzone24.example").reply


@pytest.mark.parametrize(
    ("subject", "ref"),
    [
        ("AW: Aksoy, Mehmet / Funkwelt Mobil - AI-91002/25", "AI-91002/25"),
        ("Re: VDB 2291047 Maier", "VDB 2291047"),
        ("Mieterin Demir, MN 04-117-3", "MN 04-117-3"),
    ],
)
def test_more_unlabelled_subject_identifiers(subject: str, ref: str) -> None:
    assert ref in [r.value for r in find_subject_identifiers(subject)]


@pytest.mark.parametrize(
    "subject", ["Betrag EUR 12345", "PLZ 18055 Rostock", "KW 48 2026", "Mobil: 0176-2291407", "Re: Frau Meyer 12345"]
)
def test_no_identifier_in_a_currency_a_postcode_or_a_phone(subject: str) -> None:
    assert find_subject_identifiers(subject) == []


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Notre référence à rappeler : RX-778120.", "RX-778120"),
        ("asianne PK4471-0921 on siirretty ulosottoon", "PK4471-0921"),
    ],
)
def test_labels_with_a_short_word_or_a_possessive(text: str, ref: str) -> None:
    assert [r.value for r in find_references(text)] == [ref]

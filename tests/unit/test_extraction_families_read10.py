"""Families of case identifiers and client names (reading round on ``tests/data/tuning_j``,
mail written by an outside writer, and the missed references and names of the earlier
tuning suites): each table mixes languages and forms beyond the example that showed the
gap, and keeps near-misses that must NOT trip.
"""

from __future__ import annotations

import re

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.references import (
    find_references,
    find_subject_identifiers,
    normalise_reference,
)
from creditctl.pipeline.extraction.rules import RulesExtractor


def _input(subject: str, body: str, quoted: str = "", **kw: object) -> ExtractionInput:
    return ExtractionInput(
        reply_text=body,
        subject=subject,
        from_email=str(kw.get("from_email", "team@creditor.example")),
        from_name=str(kw.get("from_name", "Team")),
        quoted_text=quoted,
        headers={str(k): str(v) for k, v in dict(kw.get("headers", {})).items()},  # type: ignore[call-overload]
    )


def _refs(result_refs: list[str]) -> set[str]:
    return {normalise_reference(r) for r in result_refs}


# ------------------------------------------------------ references of machine mail are read

MACHINE_MAIL = [
    (
        "Automatische Antwort: Forderung Karin Maier / Az. NFM-24-118735",
        "Ich bin bis 12.12. abwesend.",
        "",
        "NFM-24-118735",
    ),
    ("Automatic reply: Aoife Brennan – account SE00473312", "I am out of the office until Monday.", "", "SE00473312"),
    ("Automatisk svar: Henrik Lindqvist – saksnr. FK-773021", "Jeg er på ferie til 4. januar.", "", "FK-773021"),
    ("Réponse automatique : dossier n° RX-778120", "Je suis absente jusqu'au 3 janvier.", "", "RX-778120"),
    (
        "Undeliverable: Kundenanfrage",
        "Delivery has failed to these recipients: forderung@creditor.example",
        "wir vertreten Frau Karin Meyer (Vertragskonto 410022789). Bitte nennen Sie den Saldo.",
        "410022789",
    ),
]


@pytest.mark.parametrize(("subject", "body", "quoted", "ref"), MACHINE_MAIL)
def test_an_auto_reply_or_bounce_still_names_its_case(subject: str, body: str, quoted: str, ref: str) -> None:
    headers = {"Auto-Submitted": "auto-replied"}
    result = RulesExtractor().extract(_input(subject, body, quoted, headers=headers, from_name="Mail Delivery"))
    assert result.is_creditor_reply is False
    assert normalise_reference(ref) in _refs(result.creditor_references)
    assert result.amounts.total is None


# ------------------------------------------------ a law firm's file number with the initials

LAW_FIRM = [
    ("unser Az. 118/25 DR", "118/25 DR"),
    ("Unser Zeichen: 221/24 BR07 – Sparkasse Allgäu", "221/24 BR07"),
    ("Aktenzeichen 317/24BV", "317/24BV"),
    ("Unser Geschäftszeichen 2211/26 KE.", "2211/26 KE"),
]


@pytest.mark.parametrize(("text", "ref"), LAW_FIRM)
def test_a_law_firm_file_number_keeps_the_lawyers_initials(text: str, ref: str) -> None:
    values = [r.value for r in find_references(text)]
    assert ref in values
    bare = re.match(r"\d+/\d+", ref)
    assert bare is not None and bare.group(0) in values  # offices file it with or without the initials


LAW_FIRM_NEAR = [
    ("Az. 118/25 vom 12.03.2026", "118/25"),
    ("Az.: 118/25 EUR 12,00 Kosten", "118/25"),
    ("Az. 118/25 AG Hamburg", "118/25"),
    ("Az. 118/25. Danke", "118/25"),
]


@pytest.mark.parametrize(("text", "ref"), LAW_FIRM_NEAR)
def test_a_word_or_currency_after_the_number_is_no_initials(text: str, ref: str) -> None:
    assert [r.value for r in find_references(text)] == [ref]


@pytest.mark.parametrize(
    ("subject", "ref"),
    [
        ("Brandt ./. Hoffmann – 118/25 KE", "118/25 KE"),
        ("Ihr Zeichen BÖ-2024-0502 – Sparkasse Allgäu ./. Meyer – 221/24 BR07", "221/24 BR07"),
    ],
)
def test_a_law_firm_file_number_in_a_subject_line_is_read_unlabelled(subject: str, ref: str) -> None:
    assert ref in [r.value for r in find_subject_identifiers(subject)]


@pytest.mark.parametrize("subject", ["Rechnung 12/25 vom 3.4.", "AW: Termin 10/26 AG Essen", "Re: 3/25 EUR offen"])
def test_fractions_and_dates_in_a_subject_are_no_law_firm_number(subject: str) -> None:
    assert find_subject_identifiers(subject) == []


# ------------------------------------------------ labels and value forms in every language

LABELLED = [
    ("Pratica PR 2024 008812 - proposta di saldo e stralcio", "PR 2024 008812"),
    ("Unser Dossier-Nr.: 25-0093317", "25-0093317"),
    ("für sie ist noch die Bestellung 301-8841277 offen", "301-8841277"),
    ("order 4471-22019 was returned", "4471-22019"),
    ("Mevrouw de Jong (relatienummer R 1180447, huurcontract 200331-07)", "R 1180447"),
    ("Mevrouw de Jong (relatienummer R 1180447, huurcontract 200331-07)", "200331-07"),
    ("bestelling 88120-44 van 3 juni", "88120-44"),
    ("Gläubigerin: Bergmatt Versand AG, Kunden-Nr. K 4471209", "K 4471209"),
    ("Créancier : Belnet Telecom SA – réf. client 6100 4471 22\n", "6100 4471 22"),
    ("Toimeksiantaja: Revontuli Energia Oy, laskunumero 7713 0042 (sähkölasku 03/2026)", "7713 0042"),
    ("(numer sprawy WK/2025/03318, umowa pożyczki nr AP/2023/441820)", "AP/2023/441820"),
    ("z tytułu umowy pożyczki nr AP/2023/441820", "AP/2023/441820"),
    ("sygnatura akt: KM 1182/25", "KM 1182/25"),
    ("Ons dossiernummer: 2025.118.\n447\nUw kenmerk: BÖ-2026-0307", "2025.118.\n447"),
]


@pytest.mark.parametrize(("text", "ref"), LABELLED)
def test_reference_labels_and_value_forms_in_every_language(text: str, ref: str) -> None:
    assert normalise_reference(ref) in {normalise_reference(r.value) for r in find_references(text)}


NOT_REFERENCES = [
    "die Bestellung vom 02.08.2026 ist bezahlt",
    "Vorgang vom 12.03.2026 und folgende",
    "Kundennummer: 44.120.\n2026 haben wir die Raten erhalten",
    "order 12 items",
    "Pratica del 2024 chiusa",
]


@pytest.mark.parametrize("text", NOT_REFERENCES)
def test_dates_counts_and_next_lines_are_no_reference_values(text: str) -> None:
    values = {normalise_reference(r.value) for r in find_references(text)}
    assert not any("2026" in v or v in {"12", "2024"} for v in values), values


# -------------------------------------------------------------- references in table columns

TABLES = [
    (
        "Kreditkonto | Art | Monatsrate | Saldo in EUR\n7700118820 | Ratenkredit | 149,00 | 4.512,60\n"
        "7700118839 | Ratenkredit | 74,90 | 1.000,00\n",
        ["7700118820", "7700118839"],
    ),
    (
        "Kenmerk       Debiteur              Openstaand\nVDB-2291047   S. Maier, Böblingen   € 660,75\n"
        "VDB-2293315   D. Janssens, Gent     € 1.120,00\n",
        ["VDB-2291047", "VDB-2293315"],
    ),
    (
        "Account          Product           Balance\nLC-4410872       Credit card       £1,980.00\n"
        "LC-4410873       Personal loan     £3,100.00\n",
        ["LC-4410872", "LC-4410873"],
    ),
    ("Kreditkonto | Posten | EUR\n7700 120514 | Restkapital | 2.712,80\n", ["7700 120514"]),
    ("Dossier n°\tDébiteur\tSolde\nRX-77812\tM. Martin\t312,00 €\n", ["RX-77812"]),
]


@pytest.mark.parametrize(("text", "refs"), TABLES)
def test_references_in_a_column_under_a_label_with_pipes_tabs_or_spaces(text: str, refs: list[str]) -> None:
    from creditctl.pipeline.extraction.references import find_column_references

    assert [r.value for r in find_column_references(text)] == refs


@pytest.mark.parametrize(
    "text",
    [
        "Datum        Text        Betrag\n01.09.2026   Zinsen      12,00\n",
        "Ihr Zeichen | Betrag\nBÖ-2026-0301 | 120,00\n",
        "Monat      Rate      Saldo\n09/2026    120,00    1.200,00\n",
    ],
)
def test_a_table_without_a_reference_column_gives_no_reference(text: str) -> None:
    from creditctl.pipeline.extraction.references import find_column_references

    assert find_column_references(text) == []


# ------------------------------------------- the creditor's own number in the office's shape


def test_a_value_the_creditor_labels_as_its_own_is_no_office_file_number() -> None:
    email = _input(
        "Siobhán Murphy - Ref SCS-2025-004471",
        "Dear Sir or Madam,\n\nTotal amount due: EUR 768.40\n\n"
        "Please quote our reference SCS-2025-004471 on all correspondence.\n\nShannon Card Services Ltd",
    )
    result = RulesExtractor().extract(email)
    assert result.client_file_number is None
    assert "SCS-2025-004471" in result.creditor_references


def test_the_office_number_in_the_subject_is_still_the_office_file_number() -> None:
    email = _input(
        "AW: Karin Maier – BÖ-2026-0301",
        "Sehr geehrte Damen und Herren,\n\nunser Zeichen: NS-25-223104\nder Saldo beträgt 1.204,50 €.\n\nNordstern GmbH",
    )
    result = RulesExtractor().extract(email)
    assert result.client_file_number == "BÖ-2026-0301"
    assert "NS-25-223104" in result.creditor_references


MORE_FORMS = [
    ("Restgælden i sag 24-55810 (Lars Østergaard) er kr. 8 640,00", "24-55810"),
    ("Ärende 14-5512 gäller", "14-5512"),
    ("con riferimento al\ncliente Sig. Marco Bianchi, codice cliente CC-\n40021873, Vi comunichiamo", "CC-\n40021873"),
    ("Az.: NS / 25 / 118377\nSchuldner: Kevin Schulz", "NS / 25 / 118377"),
    ("Solbank Financiera, S.A. | Ref. expte.: EXP-2024-77410 | Tel. 912 447 180", "EXP-2024-77410"),
    ("Paiement : BE71 0961 2345 6769 – communication structurée +++071/2445/11856+++\n", "071/2445/11856"),
    ("Betaling met gestructureerde mededeling +++071/2445/11856+++", "071/2445/11856"),
]


@pytest.mark.parametrize(("text", "ref"), MORE_FORMS)
def test_case_words_wrapped_codes_spaced_slashes_and_payment_messages(text: str, ref: str) -> None:
    assert normalise_reference(ref) in {normalise_reference(r.value) for r in find_references(text)}


@pytest.mark.parametrize(
    "text",
    ["Kundennummer 4471-\n2026 war ein gutes Jahr", "Az. 12 / 3 / 2026 bleibt", "sag 12 ting", "Tel. 912 447 180"],
)
def test_wrapped_years_dates_and_phone_numbers_are_no_reference(text: str) -> None:
    values = {normalise_reference(r.value) for r in find_references(text)}
    assert not any("2026" in v or "447180" in v or v == "12" for v in values), values


@pytest.mark.parametrize(
    ("body", "ref"),
    [
        ("Hallo Frau Bender, aktueller Saldo zu NS-25-114802: 409,65 €.\nNordstern GmbH", "NS-25-114802"),
        (
            "Mit freundlichen Grüßen\nNordstern Forderungsmanagement GmbH\n\nNFM-23-099120\n\nDie Forderung beträgt 120,00 €.",
            "NFM-23-099120",
        ),
        ("Le dernier versement (communication +++071/2445/11856+++) est reçu. Solde : 0,00 €.", "071/2445/11856"),
    ],
)
def test_an_unlabelled_case_code_in_the_reply_is_read(body: str, ref: str) -> None:
    result = RulesExtractor().extract(_input("AW: Anfrage", body))
    assert normalise_reference(ref) in _refs(result.creditor_references)


@pytest.mark.parametrize(
    "body",
    [
        "Ihr Zeichen BÖ-2026-0301: der Saldo beträgt 409,65 €.",
        "Die Rufnummer 0201-44-118802 erreichen Sie werktags.",
        "Artikel ab-12-3456 ist ausverkauft; offen sind 12,00 €.",
    ],
)
def test_office_numbers_phone_numbers_and_lower_case_codes_are_no_unlabelled_reference(body: str) -> None:
    from creditctl.pipeline.extraction.references import find_body_identifiers

    assert find_body_identifiers(body) == []


# ------------------------------------------------------------------- client names, every form

NAMES = [
    (
        "Anfrage zu unserem gemeinsamen Kunden Herrn Dr. Konstantin Weiß-Hoffmann teilen wir mit",
        "Konstantin Weiß-Hoffmann",
    ),
    ("Kontoinhaber: Dr. Konstantin Weiß-Hoffmann, geb. 14.03.1971", "Konstantin Weiß-Hoffmann"),
    ("Debiteur: dhr. H. van der Berg\n", "H. van der Berg"),
    ("Hierbij het overzicht inzake dhr. H. van den Berg (dossier 2025.118.447)", "H. van den Berg"),
    ("für den Kunden K. Schulz mit der Referenz KLV-4402-88", "K. Schulz"),
    ("We refer to the request made by Mr G O'Connell under sections 77-78", "G O'Connell"),
    ("Besten Dank für Ihre Anfrage betreffend Frau B. Zürcher.", "B. Zürcher"),
    ("Kundin: Frau Ö. Yılmaz, Rufnummer 0176 44120987", "Ö. Yılmaz"),
    ("Herr Pohl hat gegen die Beitragsfestsetzung Widerspruch eingelegt.", "Pohl"),
    ("Frau Schäfer hat gegen den Einkommensteuerbescheid Einspruch eingelegt.", "Schäfer"),
    ("Nous vous informons que la créance détenue sur Mme Marchand (dossier CL-0098-55231) a été cédée.", "Marchand"),
    ("Zu Akt 2025/114873 (Hr. Brenner) stimmt unsere Auftraggeberin zu.", "Brenner"),
    ("Mrs O'Rourke has paid the arrears.", "O'Rourke"),
    ("een dagvaarding uitgebracht aan dhr. Van der Berg. De zaak dient", "Van der Berg"),
    ("Ihre Forderung gegen Herrn Dipl.-Ing. Max Gruber ist offen", "Max Gruber"),
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_client_names_with_titles_initials_and_surnames_alone(text: str, name: str) -> None:
    from creditctl.pipeline.extraction.parties import client_name

    found = client_name(text)
    assert found is not None and found[0] == name


NOT_CLIENTS = [
    "Sehr geehrte Frau Bender,\nder Saldo ist offen.",
    "Dear Mrs Hale,\nthe balance is open.",
    "Hallo Frau Bender, anbei die Aufstellung.",
    "Geachte mevrouw De Wit,\nhet saldo staat open.",
    "Bonjour Madame Petit, voici le décompte.",
]


@pytest.mark.parametrize("text", NOT_CLIENTS)
def test_a_salutation_names_no_client(text: str) -> None:
    from creditctl.pipeline.extraction.parties import client_name

    assert client_name(text) is None


def test_a_full_name_anywhere_beats_a_surname_alone() -> None:
    email = _input(
        "AW: Forderung Fatma Demir",
        "Sehr geehrte Damen und Herren,\n\nFrau Demir schuldet noch 1.204,50 €.\n\nNordstern GmbH",
    )
    assert RulesExtractor().extract(email).client_name == "Fatma Demir"


def test_initials_beat_a_surname_alone_and_the_first_named_person_wins() -> None:
    from creditctl.pipeline.extraction.parties import client_name

    text = "für Frau Sabine Krüger (Mitbewohner: Herr Michael Krüger), Mieterkonto MK 118-04-22"
    assert client_name(text) == ("Sabine Krüger", "Frau Sabine Krüger")
    assert client_name("Herr Meyer, d.h. Herr K. Meyer, hat gezahlt") == ("K. Meyer", "Herr K. Meyer")


def test_the_writer_signing_the_letter_is_never_the_client() -> None:
    email = _input(
        "Autohaus Sternberg ./. Demir – 412/25 KV",
        "Sehr geehrte Frau Bender,\n\ndie Gesamtforderung unserer Mandantin gegen Frau Demir beläuft sich auf "
        "3.512,80 €.\n\nMit freundlichen Grüßen\nDr. Ralf Kessler, Rechtsanwalt",
        from_name="RA Dr. Kessler",
    )
    assert RulesExtractor().extract(email).client_name == "Demir"


SURNAME_FIRST = [
    ("Schuldner:          Meyer, Thomas (geb. 30.06.1979)", "Thomas Meyer"),
    ("Schuldner/in | Hartmann, Nicole\n", "Nicole Hartmann"),
    ("Débiteur / Schuldenaar : LAMBERT Jean-Pierre\n", "Jean-Pierre Lambert"),
    ("Débitrice : Mme MARCHAND Claire, 14 rue des Tanneurs", "Claire Marchand"),
    ("Debtor: O'CONNELL, Gareth\n", "Gareth O'Connell"),
    ("in der Angelegenheit Heinz-Dieter Pohl, BG-Nummer 36102BG0044718", "Heinz-Dieter Pohl"),
    ("Nous avons reçu votre courrier concernant Mme Sophie Martin.", "Sophie Martin"),
]


@pytest.mark.parametrize(("text", "name"), SURNAME_FIRST)
def test_surname_first_capitals_and_labels_of_several_forms(text: str, name: str) -> None:
    from creditctl.pipeline.extraction.parties import client_name

    found = client_name(text)
    assert found is not None and found[0] == name


@pytest.mark.parametrize(
    "text",
    [
        "zu Ihrer Anfrage betreffend Frau Meyer, Gelsenfurt, teilen wir mit",
        "betreffend Ihre Anfrage vom 3. März",
        "Schuldner: MEYER GMBH Berlin",
        "regarding Account Number 4471",
    ],
)
def test_a_town_after_a_comma_a_company_or_a_pronoun_is_no_first_name(text: str) -> None:
    from creditctl.pipeline.extraction.parties import client_name

    found = client_name(text)
    assert found is None or found[0] == "Meyer"


BRACKETED = [
    ("AW: Sag 24-55810", "Hej\n\nRestgælden i sag 24-55810 (Lars Østergaard) er kr. 8.912,50.", "Lars Østergaard"),
    ("Az. NS-25-230955 – Hartmann", "im Verfahren NS-25-230955 (Hartmann) beträgt die Forderung 812,00 €.", "Hartmann"),
    ("RE: dossier", "Pour le dossier CL-0098-55231 (Mme Marchand), le solde est de 312,00 €.", "Marchand"),
]


@pytest.mark.parametrize(("subject", "body", "name"), BRACKETED)
def test_a_client_in_brackets_after_the_case_identifier(subject: str, body: str, name: str) -> None:
    assert RulesExtractor().extract(_input(subject, body)).client_name == name


def test_a_bracketed_word_after_an_identifier_is_no_surname_unless_named_again() -> None:
    body = "Ratenkredit 4471-2290 (Pkw) mit einem Saldo von 4.512,60 €."
    assert RulesExtractor().extract(_input("AW: Anfrage", body)).client_name is None


def test_a_topic_word_before_the_name_in_a_subject_is_left_out() -> None:
    email = _input(
        "[Zahlo Pay] Re: Offener Betrag Sabine Krüger ZP-7H3K-99QX",
        "Hallo,\n\ndanke für deine Nachricht! Für Sabine Krüger ist bei uns noch 129,99 € offen.",
    )
    assert RulesExtractor().extract(email).client_name == "Sabine Krüger"


def test_the_office_letters_order_of_the_name_wins_over_surname_first() -> None:
    email = _input(
        "R: Richiesta situazione debitoria Sig. Bianchi Marco",
        "Buongiorno,\n\nper il Sig. Bianchi Marco il debito residuo è di € 312,40.",
        quoted="Gentili Signori, assistiamo il Sig. Marco Bianchi (ns. rif. BÖ-2026-0329).",
    )
    assert RulesExtractor().extract(email).client_name == "Marco Bianchi"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("We have received your email [Ticket #448812]", "Your ticket number is 448812.\nFlexPay Support"),
        (
            "[Ticket#2026110312000491] Ihre Anfrage ist eingegangen",
            "Ihre Anfrage wurde unter der Ticketnummer 2026110312000491 erfasst.",
        ),
    ],
)
def test_an_acknowledgements_own_ticket_number_is_no_reference(subject: str, body: str) -> None:
    result = RulesExtractor().extract(_input(subject, body, headers={"Auto-Submitted": "auto-replied"}))
    assert result.creditor_references == []


def test_an_auto_reply_keeps_a_case_number_beside_its_ticket() -> None:
    subject = "Automatiskt svar: Ärende KI-7740-118 – Eva Lindqvist [Ticket #55120]"
    result = RulesExtractor().extract(
        _input(subject, "Jag är föräldraledig.", headers={"Auto-Submitted": "auto-replied"})
    )
    assert result.creditor_references == ["KI-7740-118"]


def test_an_invoice_column_of_an_itemised_list_is_no_case_reference() -> None:
    from creditctl.pipeline.extraction.references import find_column_references

    text = "Rechnung | Datum | Betrag\nRE-2026-11873 | 14.06.2026 | 89,90 €\nRE-2026-13402 | 14.07.2026 | 89,90 €\n"
    assert find_column_references(text) == []

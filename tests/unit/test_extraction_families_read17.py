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

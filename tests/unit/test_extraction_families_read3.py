"""Families of creditor wording (third reading round): references in every form and
place, amount formats, reply kinds that must never apply, and the safety layer's
"settled" reading in ten languages. Each table mixes languages and keeps near-misses
(things that must NOT be read) next to the hits.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import find_amounts
from creditctl.pipeline.extraction.model import ExtractionInput, ExtractionResult, ReplyKind
from creditctl.pipeline.extraction.parties import client_name, signed_organisation
from creditctl.pipeline.extraction.references import (
    find_bracketed_references,
    find_file_numbers,
    find_references,
    find_subject_identifiers,
    normalise_reference,
)
from creditctl.pipeline.extraction.reply_kind import classify_text, machine_mail
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.reply_wording import find_phrases
from creditctl.pipeline.safety import number_tokens, settled_phrase

# ---------------------------------------------------------------- family 1: references


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        # German: landlords, public creditors, tax office, payment purpose, Austrian "Akt"
        ("Mietvertrag-Nr.: MV 2231/07\nObjekt-Nr. 0815-3, Lindenstraße 4", ["MV 2231/07", "0815-3"]),
        ("für Herrn Yusuf Demir, Kassenzeichen 5.1234.567890.3, besteht", ["5.1234.567890.3"]),
        ("(Steuernummer 350/5102/1188) folgende Beträge", ["350/5102/1188"]),
        ("Verwendungszweck: 4471190023", ["4471190023"]),
        ("Aktenzeichen (bitte stets angeben): KI-4471-26", ["KI-4471-26"]),
        ("Umsätze des Kontokorrentkontos 0087 6543 21 von Frau", ["0087 6543 21"]),
        ("Vorgangs-Nr. #88412\nMandantennummer: 10 442 71", ["88412", "10 442 71"]),
        ("Unser Akt: 2026/44812", ["2026/44812"]),
        # English
        ("Loan ID: LN-2231", ["LN-2231"]),
        ("Payment reference 44120991", ["44120991"]),
        ("Our case reference: DCA/4471", ["DCA/4471"]),
        # Dutch / Flemish: a qualifier word before the colon
        ("Klantnummer opdrachtgever: 7781-220", ["7781-220"]),
        ("Relatienummer: 88120", ["88120"]),
        ("Onze referte: 2026/4471/BE", ["2026/4471/BE"]),
        # French, Italian, Spanish: the longer label wins over "riferimento" alone
        ("Nos réf. : RC/2026/4471", ["RC/2026/4471"]),
        ("N° allocataire 1234567", ["1234567"]),
        ("riferimento contratto BL-88123", ["BL-88123"]),
        ("Codice pratica: PR-5512", ["PR-5512"]),
        ("Código de cliente: 44-8812", ["44-8812"]),
        # Nordic payment references
        ("OCR-nummer 4471229900", ["4471229900"]),
        ("KID: 0044712290", ["0044712290"]),
        ("Viitteemme: 4471/2026", ["4471/2026"]),
        # forms: an aside between dashes, "-Nr." after any label, long digit groups, a check digit, a letter suffix
        ("Unser Aktenzeichen – bitte stets angeben –: KI-4471-26", ["KI-4471-26"]),
        ("Versicherungsschein-Nr.: VS 4471229", ["VS 4471229"]),
        ("Vertrags-Nr.: 12 345 678 9", ["12 345 678 9"]),
        ("Viitenumero: 1234 5678 9012 3", ["1234 5678 9012 3"]),
        ("Aktenzeichen: 44 71 22/26-K", ["44 71 22/26-K"]),
        ("Konto 4471 2290 seit 5.000,00 € im Soll", ["4471 2290"]),
        # never references: phones, IBANs, VAT ids, company registers, regulators, dates
        ("Tel. 0221 998877", []),
        ("IBAN: DE12 4165 0001 0000 1234 56", []),
        ("USt-IdNr.: DE123456789", []),
        ("Ondernemingsnummer 0123.456.789", []),
        ("Registered in England No. 04412233 | FCA ref 661234", []),
        ("bis zum 14.11.2026 bezahlen", []),
        ("the kid 12345 was", []),
    ],
)
def test_reference_labels_in_every_language_and_what_is_never_a_reference(text: str, refs: list[str]) -> None:
    assert [r.value for r in find_references(text)] == refs


def test_the_office_reference_label_is_not_the_creditors_reference() -> None:
    # in a reply "Vos réf." / "Viitteenne" name the office's reference
    assert find_references("Vos réf. : AB-1234") == []
    assert [r.value for r in find_references("Vos réf. : AB-1234", quoted=True)] == ["AB-1234"]


@pytest.mark.parametrize(
    ("subject", "ids"),
    [
        ("Re: Owen Price – HX-5521-07", ["HX-5521-07"]),
        ("SV: Mette Jensen – sag DK-8812-44", ["DK-8812-44"]),
        ("AW: Forderung 2025/26 Jana Weber", []),  # no letter: a period, not an id
        ("AW: Termin am 12-11-2026", []),
        ("RE: Lindner KG (HRB-1234)", []),
        ("AW: Forderung 4471190023 – Tamara Reinholz", ["4471190023"]),
        ("AW: 1.234,56 EUR offen, Tel. 0221998877", []),
    ],
)
def test_unlabelled_identifiers_of_a_subject_line(subject: str, ids: list[str]) -> None:
    assert [r.value for r in find_subject_identifiers(subject)] == ids


def test_a_file_number_in_a_subject_is_the_offices_whatever_the_label() -> None:
    subject = "WG: AW: Unser Zeichen BÖ-2026-0415, Ihr Zeichen KV-4471/26"
    assert [v for v, _, _ in find_file_numbers(subject, subject=True)] == ["BÖ-2026-0415"]
    assert find_file_numbers(subject) == []  # read as a body, "Unser Zeichen" would be the creditor's


def test_an_id_in_brackets_after_a_bare_name_but_not_a_register_number() -> None:
    assert [r.value for r in find_bracketed_references("für Karin Nilsson (SK-71-2287) beträgt")] == ["SK-71-2287"]
    assert find_bracketed_references("Modehaus Lindner (HRB 1234) vertreten") == []


def _extract(subject: str, body: str, from_name: str = "Zahlwerk Inkasso GmbH", quoted: str = "") -> ExtractionResult:
    return RulesExtractor().extract(
        ExtractionInput(
            reply_text=body,
            subject=subject,
            from_email="team@zahlwerk.example",
            from_name=from_name,
            quoted_text=quoted,
        )
    )


def test_the_subject_is_read_from_both_sides_and_the_office_number_from_the_quote() -> None:
    result = _extract(
        "AW: Ihr Az. 123/45 – Forderung Carsten Vogel",
        "Sehr geehrte Damen und Herren,\n\nin der Angelegenheit Ihres Mandanten Herrn Carsten Vogel beläuft sich "
        "die Forderung auf 2.115,80 €.\n\nMit freundlichen Grüßen\nZahlwerk Inkasso GmbH",
        quoted="wir vertreten Herrn Carsten Vogel (Unser Zeichen: BÖ-2026-0313).",
    )
    assert [normalise_reference(r) for r in result.creditor_references] == ["123/45"]
    assert result.client_file_number == "BÖ-2026-0313"
    sources = {e.source for e in result.evidence if e.field == "creditor_references"}
    assert sources == {"subject"}


# ---------------------------------------------------------------- family 2: totals


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("Restforderung 1.500,– €", "1500.00", "EUR"),
        ("EUR 1.500,--", "1500.00", "EUR"),
        ("Nog te betalen: € 445,-", "445.00", "EUR"),
        ("312,5 €", "312.50", "EUR"),
        ("4\u2007210,00 EUR", "4210.00", "EUR"),
        ("2\u2009345,67 €", "2345.67", "EUR"),
        ("2\u202f340,15\u202f€", "2340.15", "EUR"),
        ("£ 845.00", "845.00", "GBP"),
        ("4.350,00 DKK", "4350.00", "DKK"),
        ("CHF 2'345.60", "2345.60", "CHF"),
    ],
)
def test_amount_formats(text: str, value: str, currency: str) -> None:
    found = find_amounts(text)
    assert [(a.amount, a.currency) for a in found] == [(Decimal(value), currency)]


@pytest.mark.parametrize("apostrophe", ["’", "‘", "`", "´", "ʹ", "ʻ", "ʼ", "′", "ˈ", "ˊ", "‛", "＇", "՚", "ꞌ"])
def test_every_apostrophe_look_alike_is_a_thousands_separator_for_reader_and_safety(apostrophe: str) -> None:
    text = f"CHF 1{apostrophe}234.50"
    assert [a.amount for a in find_amounts(text)] == [Decimal("1234.50")]
    assert [t.value for t in number_tokens(text)] == [Decimal("1234.50")]


def test_an_instalment_is_not_the_total_and_a_caption_currency_counts() -> None:
    result = _extract(
        "AW: Ratenplan Bernd Krause",
        "Darlehensnummer 7712-4400\nHerr Bernd Krause zahlt derzeit eine monatliche Rate von 50,00 €. "
        "Die Restschuld beträgt 1.450,00 €.\n\nKaufkredit Bank AG",
        from_name="Kaufkredit Bank AG",
    )
    assert result.amounts.total == Decimal("1450.00")
    table = _extract(
        "AW: Forderungsaufstellung Tobias Kern",
        "Darlehensnummer 7712 4400 19 – Herr Tobias Kern\n\nPosition | Betrag (EUR)\nHauptforderung | 3.400,00\n"
        "Zinsen | 212,30\nKosten | 45,00\nGesamtforderung | 3.657,30\n\nWestfalen Kredit AG",
        from_name="Westfalen Kredit AG",
    )
    assert (table.amounts.total, table.currency) == (Decimal("3657.30"), "EUR")


# ---------------------------------------------------------------- family 3: reply kinds


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Die Forderung über 845,00 € prüfen wir noch; wir melden uns.",
            ReplyKind.OTHER,
        ),  # still checking: not a dispute, held
        ("Der Betrag von 845,00 € wird derzeit geprüft.", ReplyKind.OTHER),  # still checking: not a dispute, held
        ("Die Forderung über 845,00 € wurde geprüft und ist korrekt.", ReplyKind.CLAIM_STATEMENT),
        ("The balance of £612.40 is currently under query with our billing team.", ReplyKind.DISPUTE),
        ("Il credito di € 430,00 è contestato dal cliente.", ReplyKind.DISPUTE),
        ("La deuda de 512,00 € ha sido impugnada.", ReplyKind.DISPUTE),
        ("Le montant de 655,00 € est actuellement contesté.", ReplyKind.DISPUTE),
        ("De vordering van € 512,00 is in onderzoek.", ReplyKind.OTHER),  # still checking: not a dispute, held
        ("Die Forderung über 1.118,40 € wurde nicht bestritten.", ReplyKind.CLAIM_STATEMENT),
    ],
)
def test_disputes_and_claims_under_review(text: str, kind: ReplyKind) -> None:
    assert classify_text(text, has_claim_amount=True).kind is kind


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Die Forderung über 845,00 € prüfen wir noch; wir melden uns.", True),
        ("The balance of £612.40 is currently under query.", True),
        ("Le dossier est en cours d'examen.", True),
        ("La deuda está pendiente de resolución.", True),
        ("Il credito è in corso di verifica.", True),
        ("Die Forderung wurde geprüft und beträgt 845,00 €.", False),
        ("Wir haben die Forderung geprüft.", False),
        ("Bitte prüfen Sie noch einmal Ihre Unterlagen. Die Forderung beträgt 100,00 €.", False),
        ("As you queried, the balance is £100.00.", False),
        ("Die Forderung ist unstrittig und beträgt 100,00 €.", False),
        ("Einwendungen gegen die Forderung sind uns nicht bekannt.", False),
        ("Ihr Mandant hat Einwendungen erhoben; die Forderung beträgt 100,00 €.", True),
    ],
)
def test_the_safety_layer_holds_a_claim_under_review(text: str, hit: bool) -> None:
    assert bool(find_phrases("dispute", text)) is hit


@pytest.mark.parametrize(
    ("text", "settled"),
    [
        ("De vordering is volledig voldaan; er staat niets meer open.", True),
        ("Skulden är slutbetald.", True),
        ("Le dossier est intégralement réglé.", True),
        ("Lasku on maksettu kokonaan.", True),
        ("The account has not been settled.", False),
        ("De vordering is nog niet voldaan.", False),
    ],
)
def test_settled_wording_in_every_language_lets_0_00_apply(text: str, settled: bool) -> None:
    assert (settled_phrase(text) is not None) is settled


def test_a_ticket_acknowledgement_is_machine_mail_even_from_its_signature() -> None:
    result = _extract(
        "[Ticket#2026110312000491] Ihre Anfrage ist eingegangen",
        "Vielen Dank für Ihre Nachricht. Ihre Anfrage wurde unter der Ticketnummer 2026110312000491 erfasst.",
        from_name="Versandhaus Mayer Kundenservice",
    )
    assert (result.is_creditor_reply, result.reply_kind) == (False, ReplyKind.AUTO_REPLY)
    signed = RulesExtractor().extract(
        ExtractionInput(
            reply_text="Vielen Dank für Ihre Nachricht. Wir bearbeiten Ihr Anliegen schnellstmöglich.",
            signature_text="Diese E-Mail wurde automatisch erstellt, bitte antworten Sie nicht darauf.",
            subject="Ihre Anfrage",
            from_email="noreply@x.example",
            from_name="Versandhaus Mayer",
        )
    )
    assert (signed.is_creditor_reply, signed.reply_kind) == (False, ReplyKind.AUTO_REPLY)
    assert (
        machine_mail(
            "Ihre Anfrage", "noreply@x.example", "X", {}, "Ihre Anfrage wurde unter der Ticketnummer 2026-4471 erfasst."
        )
        is not None
    )
    # a real answer that states an amount is not an acknowledgement
    assert (
        machine_mail(
            "AW: Forderung", "a@x.example", "X", {}, "Ihre Anfrage ist eingegangen. Die Forderung beträgt 845,00 €."
        )
        is None
    )


def test_clients_after_a_balance_word_and_without_a_trailing_pronoun() -> None:
    assert client_name("Utestående saldo för Björn Lindqvist är 12 450,00 kr.")[0] == "Björn Lindqvist"  # type: ignore[index]
    assert client_name("Restbeløb for Mette Jensen: 4.350,00 DKK")[0] == "Mette Jensen"  # type: ignore[index]
    assert client_name("in merito al Sig. Matteo Ricci Vi comunichiamo")[0] == "Matteo Ricci"  # type: ignore[index]
    assert (
        signed_organisation(
            "ARD ZDF Deutschlandradio Beitragsservice", ("Mit freundlichen Grüßen\nIhr Beitragsservice",)
        )
        == "ARD ZDF Deutschlandradio Beitragsservice"
    )
    assert (
        signed_organisation("HM Revenue & Customs", ("Debt Management\nHM Revenue & Customs",))
        == "HM Revenue & Customs"
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ärendet har överlämnats till Kronofogden. Skulden uppgår till 1 245,00 EUR.", ReplyKind.ENFORCEMENT),
        ("Die Akte wurde an den Gerichtsvollzieher übergeben. Forderung 1.340,00 €.", ReplyKind.ENFORCEMENT),
        (
            "Sollte keine Zahlung erfolgen, werden wir die Zwangsvollstreckung einleiten. Die Forderung beträgt 100,00 €.",
            ReplyKind.CLAIM_STATEMENT,
        ),
        ("Personen Ola Nordmann er ukjent for oss.", ReplyKind.CLIENT_UNKNOWN),
        ("Asiakas Matti Virtanen on meille tuntematon.", ReplyKind.CLIENT_UNKNOWN),
        ("La persona Elena Torres es desconocida para nosotros.", ReplyKind.CLIENT_UNKNOWN),
        ("Madame Lambert nous est inconnue.", ReplyKind.CLIENT_UNKNOWN),
        ("Herr Otto ist uns leider unbekannt.", ReplyKind.CLIENT_UNKNOWN),
    ],
)
def test_enforcement_reported_by_the_creditor_and_unknown_clients(text: str, kind: ReplyKind) -> None:
    assert classify_text(text, has_claim_amount=True).kind is kind


def test_an_unqualified_label_in_the_quoted_office_letter_names_the_offices_number() -> None:
    assert [v for v, _, _ in find_file_numbers("> Aktenzeichen: BÖ-2026-0301", quoted=True)] == ["BÖ-2026-0301"]
    assert find_file_numbers("> Ihr Zeichen: BÖ-2026-0301", quoted=True) == []  # the office addressing the creditor
    assert find_file_numbers("Aktenzeichen: BÖ-2026-0301") == []  # in the reply: the creditor's own


@pytest.mark.parametrize("header", ["Saldo", "Saldo (EUR)", "Saldo in €", "Balance (£)"])
def test_the_last_row_of_a_balance_column_with_a_currency_in_its_header_is_the_total(header: str) -> None:
    body = (
        f"Frau Jana Weber\nDatum | Soll | Haben | {header}\n01.10.2026 | 1.000,00 | | 1.000,00\n"
        "15.10.2026 | | 100,00 | 900,00\n\nMuster Inkasso GmbH"
    )
    result = _extract("AW: Jana Weber", body, from_name="Muster Inkasso GmbH")
    assert result.amounts.total == Decimal("900.00")


@pytest.mark.parametrize(
    "sentence",
    [
        "die von Ihnen genannte Forderung von 1.000,00 € ist nicht mehr aktuell. Die aktuelle Gesamtforderung beträgt 1.150,00 €.",
        "The balance you quoted of €1,000.00 is no longer correct. The current balance is €1,150.00.",
        "Het door u genoemde bedrag van € 1.000,00 is niet meer actueel. Het openstaand saldo bedraagt € 1.150,00.",
    ],
)
def test_the_offices_outdated_figure_restated_to_correct_it_is_not_the_total(sentence: str) -> None:
    result = _extract(
        "AW: Ute Schramm",
        f"Frau Ute Schramm, Aktenzeichen MF-44120:\n{sentence}\n\nMain Forderung GmbH",
        from_name="Main Forderung GmbH",
    )
    assert result.amounts.total == Decimal("1150.00")


def test_the_client_named_in_the_quoted_office_letter() -> None:
    assert client_name("> vi företräder Oskar Lund (vår referens: BÖ-2026-0512).")[0] == "Oskar Lund"  # type: ignore[index]
    assert client_name("> we act for Mr Aidan Walsh (our ref: BÖ-2026-0335).")[0] == "Aidan Walsh"  # type: ignore[index]
    assert client_name("Thanks for your message about Jessica Hall.")[0] == "Jessica Hall"  # type: ignore[index]
    assert client_name("Wir vertreten die Interessen unserer Mandantin.") is None
    # a line that opens with the person and then their balance
    assert client_name("Juha Mäkinen, maksettava yhteensä 1 245,80 €.")[0] == "Juha Mäkinen"  # type: ignore[index]
    assert client_name("Kari Olsen – totalt å betale: kr 4 200,-")[0] == "Kari Olsen"  # type: ignore[index]
    assert client_name("Jana Weber, geboren am 1.1.1980") is None


def test_references_under_a_header_row_of_a_table() -> None:
    from creditctl.pipeline.extraction.references import find_column_references

    text = "Kundennummer | Vertragsnummer | Offener Betrag\n4471229 | VN-88120 | 120,00 €"
    assert [r.value for r in find_column_references(text)] == ["4471229", "VN-88120"]
    assert [
        r.value for r in find_column_references("Customer no.\tAgreement no.\tBalance\n4471229\tAG-88120\t£120.00")
    ] == ["4471229", "AG-88120"]
    # a key/value row is no header; the office's own column is not the creditor's
    assert find_column_references("Kunden-Nr. | 100 200 300\nRestschuld per 30.11.2026 | 1.020,– EUR") == []
    assert [r.value for r in find_column_references("Ihr Zeichen | Unser Zeichen\nBÖ-2026-0001 | KK-4471")] == [
        "KK-4471"
    ]


def test_a_bare_invoice_label_is_a_reference_in_prose_but_not_in_a_list_of_invoices() -> None:
    assert [r.value for r in find_references("zu Rechnung 2026-11873 vom 14.06.2026 teilen wir mit")] == ["2026-11873"]
    # a list of invoices (several rows with amounts) is itemisation; one row alone is the claim's invoice
    assert (
        find_references("Rechnung 2026-101 vom 01.09.2026: 120,00 €\nRechnung 2026-102 vom 01.10.2026: 80,00 €") == []
    )
    assert [r.value for r in find_references("Rechnung 2026-101 vom 01.09.2026: 120,00 €")] == ["2026-101"]
    assert [r.value for r in find_references("Facture F-2026-118 impayée")] == ["F-2026-118"]


@pytest.mark.parametrize(
    ("from_name", "signature", "expected"),
    [
        (
            "Lowther Credit Management",
            "Kind regards\nCollections Team\nLowther Credit Management",
            "Lowther Credit Management",
        ),
        ("Finanzamt Bochum-Mitte", "Mit freundlichen Grüßen\nIhr Finanzamt Bochum-Mitte", "Finanzamt Bochum-Mitte"),
        ("Klarna", "Best regards\nKlarna Customer Service", "Klarna"),
        ("Hausverwaltung Sonnenhof", "Mit freundlichen Grüßen\nHausverwaltung Sonnenhof", "Hausverwaltung Sonnenhof"),
        # not signed with it, a person's name, the office itself, an address
        ("Klarna", "Best regards\nAnna", None),
        ("Sabine Kortmann", "Sabine Kortmann", None),
        ("Schuldnerberatung Böhmer e.V.", "Schuldnerberatung Böhmer e.V.", None),
        ("info@klarna.example", "info@klarna.example Customer Service", None),
    ],
)
def test_organisations_without_a_legal_form_signed_by_name_or_team(
    from_name: str, signature: str, expected: str | None
) -> None:
    assert signed_organisation(from_name, (signature,)) == expected


def test_a_creditor_reporting_enforcement_is_read_but_a_bailiffs_letter_is_not_a_reply() -> None:
    creditor = _extract(
        "AW: Forderung Dennis Hartmann / NI-30877",
        "Sehr geehrte Damen und Herren,\n\nin Sachen Santander Consumer Bank AG ./. Dennis Hartmann (NI-30877) wurde der "
        "Gerichtsvollzieher mit der Zwangsvollstreckung beauftragt. Der Termin zur Abnahme der Vermögensauskunft ist am "
        "15.12.2026. Die titulierte Forderung beträgt 4.402,10 €.\n\nMit freundlichen Grüßen\nNordstern Inkasso GmbH",
        from_name="Nordstern Inkasso GmbH",
    )
    assert (creditor.is_creditor_reply, creditor.reply_kind) == (True, ReplyKind.ENFORCEMENT)
    assert "NI-30877" in creditor.creditor_references and creditor.amounts.total == Decimal("4402.10")
    bailiff = RulesExtractor().extract(
        ExtractionInput(
            reply_text="in der Zwangsvollstreckungssache Versandhaus Nord GmbH ./. Ralf Winter ist der Termin zur Abnahme der "
            "Vermögensauskunft am 20.11.2026.\n\nSchmidt\nObergerichtsvollzieher",
            subject="DR II 1234/26",
            from_email="gv.schmidt@justiz.example",
            from_name="Obergerichtsvollzieher Schmidt",
        )
    )
    assert (bailiff.is_creditor_reply, bailiff.reply_kind) == (False, ReplyKind.ENFORCEMENT)


def test_a_fee_alone_is_not_the_claim_total_and_instalment_wording_is_a_proposal() -> None:
    fee = _extract(
        "AW: Akte LB-89-2093",
        "für die Bearbeitung der Akte LB-89-2093 Ihres Mandanten Herrn Jörg Schmitt "
        "berechnen wir eine Gebühr von 35,00 €.\n\nLeipziger Bank AG",
        from_name="Leipziger Bank AG",
    )
    assert fee.amounts.total is None and fee.amounts.costs == Decimal("35.00")
    parts = _extract(
        "AW: Konto Timo Brandt",
        "Kundennummer 5512-447\nHauptforderung: 500,00 €\nZinsen: 12,40 €\n"
        "Mahnkosten: 5,00 €\n(Herr Timo Brandt)\n\nOnline Möbel GmbH",
        from_name="Online Möbel GmbH",
    )
    assert parts.amounts.total == Decimal("517.40")  # components with their principal are summed
    for text in (
        "Ihr Mandant kann die Schuld in monatlichen Raten von 75,00 € begleichen.",
        "Pour votre client, nous acceptons des mensualités de 80,00 €.",
    ):
        assert classify_text(text, has_claim_amount=False).kind is ReplyKind.SETTLEMENT_PROPOSAL


_HOLD_WORDING = [
    "Ihre Mandantin Frau Jana Weber hat der Forderung über 1.100,00 € widersprochen; wir klären den Sachverhalt.",
    "Die Forderung über 1.100,00 € (Frau Jana Weber) ist streitig.",
    "Frau Jana Weber beanstandet die Rechnung über 1.100,00 €; die Beanstandung wird bearbeitet.",
    "Aufgrund der Reklamation von Frau Jana Weber ist die Forderung über 1.100,00 € vorerst zurückgestellt.",
    "Wir halten die Forderung über 1.100,00 € gegen Frau Jana Weber vorerst an, bis die Prüfung abgeschlossen ist.",
    "Ms Jana Weber has raised a complaint about the balance of €1,100.00, which we are investigating.",
    "The balance of €1,100.00 for Ms Jana Weber is on hold pending the outcome of her complaint.",
    "Your client Ms Jana Weber has challenged the debt of €1,100.00.",
    "Mevrouw Jana Weber heeft bezwaar gemaakt tegen de vordering van € 1.100,00; wij onderzoeken dit.",
    "Mme Jana Weber conteste le montant de 1 100,00 €; le dossier est en litige.",
    "La Sig.ra Jana Weber ha presentato reclamo per l'importo di € 1.100,00.",
    "Dña. Jana Weber ha presentado una reclamación sobre la deuda de 1.100,00 €.",
    "Jana Weber on riitauttanut 1 100,00 € saatavan.",
    "Die Forderung in Höhe von 1.100,00 € gegen Frau Jana Weber wird von uns nicht weiter verfolgt.",
    "Wir haben die Forderung über 1.100,00 € gegen Frau Jana Weber ausgebucht.",
    "The balance of €1,100.00 for Ms Jana Weber has been written off.",
    # sold, passed to or managed by another holder; court proceedings the creditor started
    "Die Forderung gegen Frau Jana Weber (1.100,00 €) wird seit dem 01.10.2026 von der Delta Inkasso GmbH verwaltet.",
    "Die Forderung über 1.100,00 € gegen Frau Jana Weber ist auf die Alpha Finance AG übergegangen.",
    "Mit Wirkung zum 01.10.2026 ist die Beta Kapital GmbH Inhaberin der Forderung gegen Frau Jana Weber über 1.100,00 €.",
    "Ms Jana Weber's account (balance €1,100.00) is now owned by Lowell Portfolio Ltd; please contact them directly.",
    "We have transferred Ms Jana Weber's account with a balance of €1,100.00 to Intrum.",
    "De vordering van € 1.100,00 op mevrouw Jana Weber is overgenomen door Lowell Nederland B.V.",
    "La créance de 1 100,00 € sur Mme Jana Weber a été rachetée par Hoist Finance.",
    "Il credito di € 1.100,00 nei confronti della Sig.ra Jana Weber è stato acquistato da Banca Ifis.",
    "La deuda de 1.100,00 € de Dña. Jana Weber ha sido adquirida por Intrum.",
    "Fordran på 1 100,00 EUR mot Jana Weber har övertagits av Intrum AB.",
    "Wir haben einen Mahnbescheid über 1.100,00 € gegen Frau Jana Weber beantragt.",
    "Wir haben gegen Frau Jana Weber Klage über 1.100,00 € erhoben.",
]
_APPLY_WORDING = [
    "Die Forderung gegen Ihre Mandantin Frau Jana Weber beträgt 1.100,00 €. Bitte überweisen Sie den Betrag bis 15.12.2026.",
    "Wir haben die Forderung gegen Frau Jana Weber geprüft. Sie beträgt 1.100,00 €.",
    "Die Forderung gegen Frau Jana Weber beträgt 1.100,00 €. Wir stellen die Forderung für 30 Tage ruhend.",
    "We have reviewed the account of Ms Jana Weber and can confirm the outstanding balance is EUR 1,100.00.",
    "The account of Ms Jana Weber is not in dispute. The balance is €1,100.00.",
    "Ms Jana Weber currently owes EUR 1,100.00. If you wish to discuss a payment arrangement, please call us.",
    "Le solde restant dû par Mme Jana Weber s'élève à 1 100,00 €. Nous suspendons les relances pendant 30 jours.",
    "Utestående saldo för Jana Weber är 1 100,00 EUR. Vi pausar ärendet i 30 dagar.",
    "The balance of Ms Jana Weber is €1,100.00. We have transferred the file to our legal team.",
    "Il debito residuo della Sig.ra Jana Weber ammonta a € 1.100,00 per l'articolo acquistato.",
]


def _would_apply(body: str) -> bool:
    from creditctl.pipeline import safety
    from creditctl.pipeline.gate import applied_total, decide
    from creditctl.pipeline.matching_types import MatchResult, MatchStatus

    text = f"Sehr geehrte Damen und Herren,\n\n{body}\n\nMit freundlichen Grüßen\nMuster Inkasso GmbH"
    result = _extract("AW: Forderung Jana Weber", text, from_name="Muster Inkasso GmbH")
    report = safety.check(
        total=applied_total(result),
        reply_kind=result.reply_kind.value,
        own_texts={"body": text},
        quoted_text="",
        raw_texts=[text],
        total_evidence=[(e.source, e.text) for e in result.evidence if e.field == "amounts.total"],
    )
    verdict = decide(result, MatchResult(MatchStatus.AUTO_MATCHED, claim_id=0, score=1.0), [], safety=report)
    return bool(verdict.apply)


@pytest.mark.parametrize("body", _HOLD_WORDING)
def test_objections_complaints_and_written_off_claims_never_apply(body: str) -> None:
    assert not _would_apply(body)


@pytest.mark.parametrize("body", _APPLY_WORDING)
def test_clear_statements_beside_harmless_wording_still_apply(body: str) -> None:
    assert _would_apply(body)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Die Forderung über 1.100,00 € gegen Herrn Sven Kramer ist auf die Alpha Finance AG übergegangen.",
            ReplyKind.CLAIM_ASSIGNED,
        ),
        ("Mr Harry Evans's account is now owned by Lowell Portfolio Ltd.", ReplyKind.CLAIM_ASSIGNED),
        (
            "Il credito di € 1.100,00 nei confronti della Sig.ra Chiara Lombardi è stato acquistato da Banca Ifis S.p.A.",
            ReplyKind.CLAIM_ASSIGNED,
        ),
        ("La deuda de 1.100,00 € de D. Raúl Molina ha sido adquirida por Intrum.", ReplyKind.CLAIM_ASSIGNED),
        ("Wir haben gegen Ihre Mandantin einen Mahnbescheid über 1.100,00 € beantragt.", ReplyKind.ENFORCEMENT),
        ("Wir haben die Forderung über 1.100,00 € gegen Herrn Haas ausgebucht.", ReplyKind.CLAIM_SETTLED),
        ("Il debito residuo per l'articolo acquistato ammonta a € 1.100,00.", ReplyKind.CLAIM_STATEMENT),
    ],
)
def test_sold_passed_on_court_order_and_written_off_kinds(text: str, kind: ReplyKind) -> None:
    assert classify_text(text, has_claim_amount=True).kind is kind


@pytest.mark.parametrize(
    "body",
    [
        "The balance on Ms Jana Weber's account is £0.00.",
        "Kravet mot Jana Weber er innfridd.",
        "De vordering op mevrouw Jana Weber is volledig voldaan.",
        "La posizione della Sig.ra Jana Weber risulta interamente saldata.",
    ],
)
def test_settled_replies_apply_0_00_in_every_language(body: str) -> None:
    from creditctl.pipeline import safety
    from creditctl.pipeline.gate import applied_total, decide
    from creditctl.pipeline.matching_types import MatchResult, MatchStatus

    text = f"{body}\n\nMuster Inkasso GmbH"
    result = _extract("AW: Forderung Jana Weber", text, from_name="Muster Inkasso GmbH")
    report = safety.check(
        total=applied_total(result),
        reply_kind=result.reply_kind.value,
        own_texts={"body": text},
        quoted_text="",
        raw_texts=[text],
        total_evidence=[],
    )
    verdict = decide(result, MatchResult(MatchStatus.AUTO_MATCHED, claim_id=0, score=1.0), [], safety=report)
    assert verdict.apply and applied_total(result) == Decimal("0.00")


@pytest.mark.parametrize(
    ("body", "machine"),
    [
        (
            "Vielen Dank für Ihre E-Mail. Wir haben Ihre Anfrage erhalten und werden uns schnellstmöglich bei Ihnen melden.",
            True,
        ),
        ("Thanks for contacting us. Your request (557120) has been received and is being reviewed.", True),
        (
            "Bedankt voor uw e-mail. Wij hebben uw bericht in goede orde ontvangen en nemen binnen 5 werkdagen contact met u op.",
            True,
        ),
        ("Nous avons bien reçu votre message et nous vous répondrons dans les meilleurs délais.", True),
        ("Gentile cliente, abbiamo ricevuto la sua richiesta e la contatteremo al più presto.", True),
        ("Hemos recibido su consulta y le responderemos lo antes posible.", True),
        ("Tack för ditt mejl! Vi har tagit emot ditt ärende och återkommer så snart vi kan.", True),
        # a real answer with the figure is no receipt
        (
            "Wir haben Ihre Anfrage erhalten und melden uns mit der Aufstellung: die Forderung beträgt 1.234,56 €.",
            False,
        ),
    ],
)
def test_receipts_that_promise_an_answer_are_machine_mail(body: str, machine: bool) -> None:
    assert (machine_mail("Re: Forderung", "service@x.example", "X Service", {}, body) is not None) is machine

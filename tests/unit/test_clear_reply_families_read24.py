"""Families of reading round 24 (clear replies held for nothing; who the reply is about):
each table mixes countries, languages and forms, and keeps near-misses that must still hold
(docs/evaluation.md, "Reading round 24 (read24)")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.implied_currency import implied_currency
from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.parties import in_given_name_order
from creditctl.pipeline.extraction.reply_kind import enforcement_mail
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.matching import match_claim
from creditctl.pipeline.matching_types import ClaimCandidate, MatchContext, MatchStatus
from creditctl.pipeline.reply_wording import find_phrases
from creditctl.pipeline.safety import find_credit_marks, find_enforcement
from creditctl.pipeline.safety_claims import claim_problems

# --- the currency of a statement whose figures carry none -------------------------------------


@pytest.mark.parametrize(
    ("own", "language", "code"),
    [
        # Austria: Firmenbuch number and UID in the footer
        ("Alpenpost Versand GmbH, Industriezeile 7, 4020 Linz · FN 188204 k · UID ATU 58220411", "de", "EUR"),
        # Germany: a five-digit postcode before the town in a German letter
        ("Hausverwaltung Grünlich & Söhne GmbH · Bahnhofstr. 18 · 74388 Talheim", "de", "EUR"),
        # Germany: the Handelsregister
        ("Am Sandtorkai 61 · Vorstand: Dr. Ole Kramer · AG Hamburg HRB 77190", "de", "EUR"),
        # Switzerland: the enterprise number, a Swiss telephone, a prefixed postcode
        ("Garage Zürisee AG · CHE-112.334.556 MWST", "de", "CHF"),
        ("Tel. +41 44 211 22 33", "de", "CHF"),
        ("Rue du Lac 4, CH-1200 Genève", "fr", "CHF"),
        # an IBAN of the sender's bank
        ("IBAN: NL91 ABNA 0417 1643 00", "nl", "EUR"),
        ("Bankverbindung IBAN AT61 1904 3002 3457 3201", "de", "EUR"),
        ("Sort code 40-11-62, tel +44 20 7946 0018", "en", "GBP"),
        ("P.IVA IT01234567890 – tel. +39 02 1234 5678", "it", "EUR"),
        ("Tél. 0033 1 44 55 66 77 – TVA FR40303265045", "fr", "EUR"),
        ("Mvh Nordkrav AS, tlf +47 22 33 44 55", "no", "NOK"),
    ],
)
def test_the_senders_country_names_the_currency(own: str, language: str, code: str) -> None:
    found = implied_currency([("signature", own)], "", "post@firm.example", language)
    assert found is not None and found[0] == code
    assert found[1] in own and found[2] == "signature"


@pytest.mark.parametrize(
    ("own", "quoted", "sender", "language"),
    [
        # nothing says where the sender writes from, nothing quoted
        ("Mit freundlichen Grüßen\nNordlicht Inkasso GmbH – Team 2", "", "x@nordlicht.example", "de"),
        # two countries: a Swiss sender's letter about a client's German address
        (
            "Herrn Max Müller, Hauptstr. 5, 79539 Lörrach\nGarage Zürisee AG · CHE-112.334.556 MWST",
            "",
            "a@b.example",
            "de",
        ),
        # Swiss telephone, German sender domain
        ("Tel. +41 44 211 22 33", "", "info@garage.de", "de"),
        # the quoted letter names two currencies
        ("Saldo 412,60", "Wir haben 388,00 € notiert (damals CHF 400.00).", "x@firm.example", "de"),
        # a five-digit figure before a word is no postcode outside a German letter, and a sum in Euro none at all
        ("Kontoauszug 20457 Hamburg", "", "x@firm.example", "en"),
        ("Gesamt 12345 Euro offen", "", "x@firm.example", "de"),
    ],
)
def test_no_currency_is_implied(own: str, quoted: str, sender: str, language: str) -> None:
    assert implied_currency([("body", own)], quoted, sender, language) is None


def test_the_quoted_letters_one_currency_answers_when_the_sender_says_nothing() -> None:
    found = implied_currency([("body", "Saldo 412,60")], "> Wir haben 388,00 € notiert.", "t@nl.example", "de")
    assert found == ("EUR", "€", "quoted")
    # the sender's own country comes first: a Swiss telephone beside a letter in euros names CHF
    found = implied_currency([("body", "Saldo 412.60\nTel. +41 44 211 22 33")], "> 388,00 €", "t@x.example", "de")
    assert found is not None and found[0] == "CHF"


def test_the_senders_country_domain() -> None:
    assert implied_currency([("body", "Saldo 99,00")], "", "konto@wohnbau.at", "de") == (
        "EUR",
        "konto@wohnbau.at",
        "sender",
    )
    assert implied_currency([("body", "Saldo 99.00")], "", "konto@garage.ch", "de") == (
        "CHF",
        "konto@garage.ch",
        "sender",
    )


_STATEMENT = (
    "Sehr geehrte Damen und Herren,\n\nwie gewünscht der Kontoauszug für Herrn Marco Meyer, Kundennummer 33-801-5590:\n\n"
    "Datum       Text                          Soll      Haben\n"
    "12.05.2026  Rechnung 2611874 (Jacke)     119,90\n"
    "03.07.2026  Mahnspesen                     9,90\n"
    "14.10.2026  Zahlung Danke                          20,00\n"
    "Saldo zu unseren Gunsten per 30.11.2026:  109,80\n\n"
    "Mit freundlichen Grüßen\n"
)


@pytest.mark.parametrize(
    ("footer", "code"),
    [
        ("Alpenpost Versand GmbH, Industriezeile 7, 4020 Linz · FN 188204 k", "EUR"),
        ("Alpenpost Versand AG · Zürcherstrasse 7 · CH-8400 Winterthur · CHE-188.204.411 MWST", "CHF"),
        ("Alpenpost Versand GmbH · Bahnhofstraße 7 · 80331 München · HRB 188204", "EUR"),
    ],
)
def test_a_bare_statement_reads_the_senders_currency(footer: str, code: str) -> None:
    result = RulesExtractor().extract(
        ExtractionInput(reply_text=_STATEMENT + footer, from_email="kundenservice@alpenpost.example", language="de")
    )
    assert result.amounts.total == Decimal("109.80")
    assert result.currency == code
    assert any(e.field == "currency" and e.text in footer for e in result.evidence)


def test_a_bare_statement_without_any_sign_of_its_country_states_no_currency() -> None:
    result = RulesExtractor().extract(
        ExtractionInput(
            reply_text=_STATEMENT + "Alpenpost Versand – Team 2", from_email="k@alpenpost.example", language="de"
        )
    )
    assert result.amounts.total == Decimal("109.80")
    assert result.currency is None


def test_a_stated_currency_is_never_replaced() -> None:
    text = _STATEMENT.replace("109,80", "109,80 CHF") + "Alpenpost Versand GmbH, 4020 Linz · FN 188204 k"
    result = RulesExtractor().extract(ExtractionInput(reply_text=text, from_email="k@alpenpost.example", language="de"))
    assert result.currency == "CHF"


# --- which of one client's claims: the other contract answered separately ---------------------

_HB = "kreditservice@hanse-bank.example"
_SIBLINGS = [
    ClaimCandidate(
        claim_id=1,
        client_id=3,
        client_file_number="BÖ-2026-0303",
        client_name="Klaus Meier",
        creditor_name="Hanse Bank AG",
        creditor_emails=(_HB,),
        creditor_reference="7700-1234-01",
        amount=Decimal("8420.00"),
    ),
    ClaimCandidate(
        claim_id=2,
        client_id=3,
        client_file_number="BÖ-2026-0303",
        client_name="Klaus Meier",
        creditor_name="Hanse Bank AG",
        creditor_emails=(_HB,),
        creditor_reference="7700-1234-02",
        amount=Decimal("1290.35"),
    ),
]


def _sibling_match(body: str):
    extraction = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email=_HB))
    return extraction, match_claim(extraction, MatchContext(from_email=_HB, reply_text=body), _SIBLINGS)


@pytest.mark.parametrize(
    "aside",
    [
        "Zum Kreditkartenkonto 7700-1234-02 erhalten Sie eine gesonderte Antwort unserer Kartenabteilung.",
        "Den Kartenvertrag 7700-1234-02 beantworten wir Ihnen mit gesondertem Schreiben.",
        "The card account 7700-1234-02 will be dealt with under separate cover.",
        "Over de kaartrekening 7700-1234-02 ontvangt u een afzonderlijke brief.",
        "Le compte carte 7700-1234-02 fera l'objet d'un courrier séparé.",
        "Per il conto carta 7700-1234-02 riceverete una comunicazione separata.",
        "Sobre la tarjeta 7700-1234-02 le enviaremos una respuesta aparte.",
        "Kortkontot 7700-1234-02 besvaras i ett separat brev.",
    ],
)
def test_a_contract_answered_separately_is_no_reference_and_the_other_claim_matches(aside: str) -> None:
    body = f"Herr Klaus Meier, Ratenkredit Nr. 7700-1234-01: Restschuld 8.655,42 EUR.\n\n{aside}\n\nHanse Bank AG"
    extraction, result = _sibling_match(body)
    assert extraction.creditor_references == ["7700-1234-01"]
    assert (result.status, result.claim_id) == (MatchStatus.AUTO_MATCHED, 1)


@pytest.mark.parametrize(
    "other",
    [
        # both contracts named with figures, neither set aside: a person decides
        "Kreditkartenkonto 7700-1234-02: Saldo 1.341,85 EUR.",
        # the other contract stated open as well
        "Zum Kreditkartenkonto 7700-1234-02 sind ebenfalls 1.341,85 EUR offen.",
    ],
)
def test_both_contracts_stated_still_go_to_a_person(other: str) -> None:
    body = f"Herr Klaus Meier, Ratenkredit Nr. 7700-1234-01: Restschuld 8.655,42 EUR.\n\n{other}\n\nHanse Bank AG"
    extraction, result = _sibling_match(body)
    assert "7700-1234-02" in extraction.creditor_references
    assert result.status != MatchStatus.AUTO_MATCHED


# --- court and enforcement words that report no step: a cost row, a hypothesis, not yet taken --


def _enforcement_found(text: str) -> list[str]:
    """Every reader of court and enforcement wording: the reply-wording table, the safety layer's
    own table and the reply-kind classifier's phrases only courts write."""
    found = find_phrases("enforcement", text)
    if (phrase := find_enforcement(text)) is not None:
        found.append(phrase)
    if (mail := enforcement_mail("AW: Anfrage", "Firma", "post@firma.example", "", text)) is not None:
        found.append(mail.text)
    return found


@pytest.mark.parametrize(
    "text",
    [
        # a cost row of the claim: Swiss, Austrian, German
        "Prämien 07–09/2026            CHF 1'011.60\nBetreibungskosten (angefallen) CHF    73.30\nTotal offen: CHF 1'206.70",
        "Mahnspesen   CHF 30.00\nBetreibungskosten (Zahlungsbefehl Nr. 26/4471)   CHF 73.30\nTotal offene Posten CHF 3'412.85",
        "Betreibungskosten (bereits angefallen, Betreibung Nr. 2026/44871)  CHF    73.30\nOffener Betrag total: CHF 2'188.25",
        "Spesen Zahlungsbefehl-Vorbereitung    CHF      17.00\nTotal offen per heute: CHF 712.60",
        "Kapital  € 598,00\nBetreibungskosten gem. VO BGBl 141/1996   € 69,00\nGesamtsaldo   € 712,40",
        "Exekutionskosten    € 48,20\nGesamtsaldo    € 1.240,20",
        "Der aktuelle Ausstand beträgt CHF 2'248.25 (Prämien, Mahnspesen und die bereits angefallenen Betreibungskosten).",
        # a step named only as a hypothesis
        "Im Falle eines gerichtlichen Mahnverfahrens entstünden weitere Kosten (Gerichtskosten ca. 38,00 €). "
        "Gesamtforderung 1.519,27 €.",
        "In the event of legal proceedings further costs would arise. The balance is £1,519.27.",
        "En cas de procédure judiciaire, des frais supplémentaires seraient dus. Solde : 1 519,27 €.",
        "In caso di decreto ingiuntivo si aggiungerebbero ulteriori spese. Saldo: 1.519,27 €.",
        # a step not taken yet
        "Die Gesamtforderung beträgt 2.231,45 €, worin die Kosten des Mahnbescheidsantrags (noch nicht gestellt) nicht enthalten sind.",
    ],
)
def test_court_and_enforcement_words_that_report_no_step(text: str) -> None:
    assert _enforcement_found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the step itself is reported beside the cost
        "Wir haben beim Betreibungsamt Zürich 4 die Betreibung eingeleitet. Der Zahlungsbefehl über CHF 2'188.25 "
        "zuzüglich Betreibungskosten wird in den nächsten Tagen zugestellt.",
        "Der Gerichtsvollzieher ist beauftragt; seine Kosten von 45,00 € sind im Saldo enthalten.",
        "Die Gehaltsexekution ist bewilligt. Exekutionskosten € 48,20.",
        "A County Court Judgment was entered against your client; court costs of £50.00 are included.",
        # a lawsuit filed, its amount and the court named between noun and participle
        "Gegen Herrn Franz Leitner wurde am 28.11.2026 beim Bezirksgericht Favoriten eine Klage auf Zahlung des "
        "Mietzinsrückstandes von EUR 2.020,80 und Räumung eingebracht.",
        # court costs as a row: a court case was brought
        "Gerichtskosten 45,00 EUR, Hauptforderung 500,00 EUR, gesamt 545,00 EUR",
        # a condition of another clause does not make the step hypothetical
        "Im Falle einer Zahlung stellen wir die Zwangsvollstreckung ein, die seit 01.11. läuft.",
    ],
)
def test_court_and_enforcement_steps_reported_still_hold(text: str) -> None:
    assert _enforcement_found(text)


# --- a bank's minus seen from the account holder's side is owed, not a credit ------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Kontostand per 01.12.2026: -1.356,12 EUR (zu Lasten des Kontoinhabers)", "1356.12"),
        ("Saldo al 30/11/2026: -1.356,12 EUR (a carico del correntista)", "1356.12"),
        ("Saldo per 30-11-2026: € -1.356,12 (ten laste van de rekeninghouder)", "1356.12"),
        ("Solde au 30/11/2026 : -1 356,12 EUR (au débit du compte)", "1356.12"),
        # movements with the holder's signs adding up to minus the balance the bank states in its favour
        (
            "Buchung     Text                         Betrag\n"
            "30.09.2026  Rechnungsabschluss          -2.288,14\n"
            "31.10.2026  Sollzinsen 11,90 % p.a.        -22,69\n"
            "15.11.2026  Gutschrift Lohn                250,00\n"
            "30.11.2026  Entgelt Mahnung                 -5,00\n\n"
            "Saldo zu unseren Gunsten per 30.11.2026: 2.065,83 EUR",
            "2065.83",
        ),
        (
            "Date        Description              Amount\n"
            "30/09/2026  Closing balance          -2,288.14\n"
            "15/11/2026  Payment received           250.00\n"
            "30/11/2026  Arrears fee                -12.00\n\n"
            "Balance in our favour: £2,050.14",
            "2050.14",
        ),
    ],
)
def test_a_banks_minus_for_what_the_client_owes_is_no_credit(text: str, total: str) -> None:
    assert find_credit_marks(text, Decimal(total)) == []


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # a credit in the client's favour stays a credit
        ("Kontostand per 01.12.2026: -1.356,12 EUR (Guthaben des Kontoinhabers)", "1356.12"),
        ("Kontostand per 01.12.2026: -1.356,12 EUR", "1356.12"),
        # rows adding up to minus the total without the bank saying it is in its favour
        (
            "30.09.2026  Rechnungsabschluss          -2.288,14\n15.11.2026  Gutschrift Lohn                250,00\n\n"
            "Saldo per 30.11.2026: 2.038,14 EUR",
            "2038.14",
        ),
        # the rows do not add up to the balance
        (
            "30.09.2026  Rechnungsabschluss          -2.288,14\n15.11.2026  Gutschrift Lohn                250,00\n\n"
            "Saldo zu unseren Gunsten per 30.11.2026: 2.000,00 EUR",
            "2000.00",
        ),
    ],
)
def test_a_minus_without_a_debit_reading_is_still_a_credit(text: str, total: str) -> None:
    assert find_credit_marks(text, Decimal(total))


# --- the client's address after the name is no other person ------------------------------------


def _brunner(client: str = "Hans-Peter Brunner") -> ClaimCandidate:
    return ClaimCandidate(
        claim_id=7,
        client_id=7,
        client_file_number="BÖ-2026-0215",
        client_name=client,
        creditor_name="TeleAlp AG",
        creditor_emails=("debitoren@telealp.example",),
        creditor_reference="8.1144.2290",
        amount=Decimal("388.60"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Zu Kundennummer 8.1144.2290 (Herr Hans-Peter Brunner, Zürcherstrasse 12, 8400 Winterthur) sind die "
        "Rechnungen 2026-0811 (CHF 129.90) und 2026-0911 (CHF 129.90) offen. Ausstehender Betrag somit total CHF 259.80.",
        "Account 8.1144.2290 (Mr Hans-Peter Brunner, Station Road 4, Leeds): invoices £129.90 and £129.90. Total £259.80.",
        "Klantnummer 8.1144.2290 (dhr. Hans-Peter Brunner, Dorpstraat 12, Gent): facturen € 129,90 en € 129,90. Totaal € 259,80.",
        "Kundnummer 8.1144.2290 (Hans-Peter Brunner, Storgatan 3, Malmö): fakturor 129,90 kr och 129,90 kr. Totalt 259,80 kr.",
    ],
)
def test_the_clients_address_is_no_other_person(text: str) -> None:
    matched = _brunner()
    assert claim_problems(own_text=text, matched=matched, candidates=[matched], references=["8.1144.2290"]) == []


@pytest.mark.parametrize(
    "text",
    [
        # a relative of the client's name with a figure of their own, by comma or given name first
        "Herr Hans-Peter Brunner, Konto 8.1144.2290:  CHF 259.80\nBrunner, Ursula  CHF 129.90\nTotal CHF 389.70",
        "Hans-Peter Brunner  CHF 259.80\nUrsula Brunner  CHF 129.90\nTotal CHF 389.70",
    ],
)
def test_another_person_of_the_clients_name_still_holds(text: str) -> None:
    matched = _brunner()
    reasons = claim_problems(own_text=text, matched=matched, candidates=[matched], references=["8.1144.2290"])
    assert reasons and "another person" in reasons[0]


# --- the client's name written surname first: the mail itself says which word is the surname ---


@pytest.mark.parametrize(
    ("name", "quoted", "texts", "turned"),
    [
        # the turned name after a title elsewhere in the mail
        (
            "Brandtner Sophie",
            "",
            "AW: Akt AI-2026/55102 Brandtner Sophie\nbetreffend Frau Sophie Brandtner (Mobilfunk)",
            "Sophie Brandtner",
        ),
        # the first word alone after a title, in several languages
        (
            "Rinaldi Giulia",
            "",
            "pratica RA 2026 11873 – Rinaldi Giulia\nla posizione della Sig.ra Rinaldi risulta chiusa",
            "Giulia Rinaldi",
        ),
        ("Rüegg Marco", "", "Betreibung – Rüegg Marco\nDie Ankündigung erhält Herr Rüegg direkt.", "Marco Rüegg"),
        ("Popescu Ioana", "", "Uw kenmerk – mevrouw Popescu\nhet dossier van mevrouw Popescu Ioana", "Ioana Popescu"),
        ("Moreau Luc", "", "Dossier Moreau Luc – M. Moreau reste redevable", "Luc Moreau"),
        # the office's quoted letter writes it the other way round: its spelling is taken
        (
            "Weiss Jürgen",
            "> für unseren Mandanten Jürgen Weiß (BÖ-2025-0340)",
            "Schuldner: Weiss Jürgen",
            "Jürgen Weiß",
        ),
    ],
)
def test_a_name_written_surname_first_is_turned_when_the_mail_says_so(
    name: str, quoted: str, texts: str, turned: str
) -> None:
    assert in_given_name_order(name, quoted, texts) == turned


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        # nothing in the mail tells the surname: never a guess from the words
        ("Gruber Elisabeth", "Schuldnerin: Gruber Elisabeth, geb. 14.02.1966"),
        # given name first already, the full name after a title
        ("Marco Rüegg", "Herr Marco Rüegg hat am 03.11. bezahlt."),
        # both words stand alone after a title: undecided
        ("Martin Frank", "Herr Martin und Herr Frank"),
    ],
)
def test_a_name_is_left_as_read_when_the_mail_does_not_say(name: str, texts: str) -> None:
    assert in_given_name_order(name, "", texts) == name


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        # an initial or a surname in capitals says the order already
        ("W. Maier", "Versicherungsnehmer Herr W. Maier"),
        ("Sophie Martin", "Dossier de Mme MARTIN Sophie"),
        ("MARTIN Sophie", "Dossier de Mme MARTIN Sophie"),
    ],
)
def test_initials_and_capitals_are_left_as_read(name: str, texts: str) -> None:
    assert in_given_name_order(name, "", texts) == name

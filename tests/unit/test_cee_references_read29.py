"""Reading round 29 (docs/evaluation.md): the creditor's reference and the creditor's own name in
the languages of Central and Eastern Europe, Greece and Turkey — the case words that inflect before
a letter code, the labels written after their value, the office letter's "zu Ihrem Zeichen", and
the legal forms of these countries."""

from __future__ import annotations

import pytest

from creditctl.pipeline.extraction import parties
from creditctl.pipeline.extraction.references import (
    find_office_file_numbers,
    find_references,
    find_suffixed_references,
    normalise_reference,
)


def _values(text: str, *, quoted: bool = False) -> list[str]:
    return [normalise_reference(r.value) for r in find_references(text, quoted=quoted)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Czech and Slovak: the contract in any case, its number abbreviated, the customer number
        ("evidujeme ke smlouvě AB-55120931 celkovou dlužnou částku 69 210,40 Kč.", "AB-55120931"),
        ("k dotazu na pana Jan Dvorak, smlouva HC-3390127754: celková dlužná částka", "HC-3390127754"),
        ("přehled pohledávky dlužníka Jan Dvořák, č. smlouvy HC-3390127745.", "HC-3390127745"),
        ("pod jménem Petra Nováková a číslem AB-55120931 jsme nenalezli", "AB-55120931"),
        ("zákazníčka Zuzana Horváthová, číslo zmluvy ST-1180023945:", "ST-1180023945"),
        ("k zmluve ST-1180023945 neevidujeme žiadny nedoplatok", "ST-1180023945"),
        ("variabilný symbol: 4471203388", "4471203388"),
        # Polish: the account, case, contract, number
        ("dotyczące klienta Łukasz Kowalski, nr konta OPL/2024/883412, informujemy:", "OPL/2024/883412"),
        ("aktualne zadłużenie w sprawie KR-88230117 wynosi 11 512,44 zł.", "KR-88230117"),
        ("zadłużenie z tytułu umowy PGE-40033921 zostało spłacone", "PGE-40033921"),
        ("nie odnaleźliśmy klienta ani numeru P4-2210987.", "P4-2210987"),
        # Hungarian, Romanian, Croatian, Slovene, Lithuanian
        ("Szabó Gábor ügyfelünk (szerződésszám: MT-20551234) tartozása", "MT-20551234"),
        ("ügyfélszám: 30019944", "30019944"),
        ("Pentru clientul Andrei Popescu, cont ORO-1029384756, situația:", "ORO-1029384756"),
        ("doamna Ioana Dumitru, cod client ENEL-30112874, a achitat integral", "ENEL-30112874"),
        ("za korisnika Ivan Horvat, broj ugovora HT-4401928374, stanje:", "HT-4401928374"),
        ("dugovanje klijenta po kreditu ZB-2390011847 iznosi:", "ZB-2390011847"),
        ("za naročnika Marko Novak, številka pogodbe TS-88201734, stanje", "TS-88201734"),
        ("dolg naročnika po pogodbi TS-88201734 je poravnan", "TS-88201734"),
        ("Klientas Tomas Kazlauskas, sutarties Nr. TL-6602931, įsiskolinimas", "TL-6602931"),
        ("kredito sutarties SWB-4471029 bendra mokėtina suma", "SWB-4471029"),
        # Bulgarian, Greek, Turkish
        ("За клиента Георги Иванов, договор VB-55012938, към 04.12.2026 г.:", "VB-55012938"),
        ("Общо дължимата сума по договор № PK-3302918 е 2 288,70 EUR", "PK-3302918"),
        ("Για τον πελάτη, αρ. λογαριασμού CM-6940012233, κατάσταση:", "CM-6940012233"),
        ("το υπόλοιπο για τη σύμβαση EB-0026571930 ανέρχεται σε", "EB-0026571930"),
        ("Sözleşme no: 4471-2290", "4471-2290"),
        # a rented flat; a bare "Nummer" before a letter code (German of a non-native writer)
        ("de Stand vum Locataire Luc Weber, Appartement RM-APP-14:", "RM-APP-14"),
        ("für Herr Mehmet Yilmaz, Nummer TC-5321987654, offene Betrag", "TC-5321987654"),
    ],
)
def test_a_case_word_of_these_languages_labels_the_reference(text: str, value: str) -> None:
    assert normalise_reference(value) in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        # a case word before a plain number is no label: a phone, a sum, a bank account, a date
        "Kontaktujte nás na čísle 603 123 456.",
        "smlouva ze dne 12. 3. 2024 byla ukončena",
        "saldo na koncie 4 008,60 zł",
        "w sprawie 2026 r. informujemy",
        "a szerződés 2026. 12. 04-én megszűnt",
        "contul 12345678 al băncii",
        "po ugovoru od 12.10.2026.",
        "договор от 12.10.2026 г.",
        # Czech "smlouvy" before an amount
        "dlužná částka ke smlouvě činí 41 070,00 Kč",
    ],
)
def test_a_case_word_before_no_letter_code_labels_nothing(text: str) -> None:
    assert _values(text) == []


def test_the_listed_contracts_of_one_label_are_each_a_reference() -> None:
    assert _values("pohledávky ke smlouvě AB-55120931 a AB-55120977") == ["AB-55120931", "AB-55120977"]
    assert _values("z tytułu umowy PGE-40033921 oraz PGE-40033977") == ["PGE-40033921", "PGE-40033977"]
    # a value of another shape ends the list
    assert _values("ke smlouvě AB-55120931 a 12.10.2026") == ["AB-55120931"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kovács Éva OTP-11773300-41 számú hitelszerződéséből eredő tartozás", "OTP-11773300-41"),
        ("Szabó Gábor PRV-771203 számú szerződéséből eredő követelést", "PRV-771203"),
        ("Mehmet Yılmaz adına kayıtlı TC-5321987654 numaralı hat için", "TC-5321987654"),
        ("GB-77120394 nolu hesap", "GB-77120394"),
    ],
)
def test_a_label_written_after_its_value_names_it(text: str, value: str) -> None:
    assert [r.value for r in find_suffixed_references(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "BÖ-2026-0307 számú ügyiratunk",  # the office's own file number
        "a 2026/18844 számú dosszié",  # a court's year-first number, no letter code
        "İstanbul 12. İcra Dairesi'nin 2026/18844 E. sayılı dosyası",  # the enforcement office's file
        "OTP-11773300-41 számla",  # no number word after it
    ],
)
def test_no_suffixed_reference_without_a_letter_code_and_its_number_word(text: str) -> None:
    assert find_suffixed_references(text) == []


def test_the_office_letter_asking_about_ihrem_zeichen_names_the_creditors_reference() -> None:
    quote = "Bitte teilen Sie uns die aktuelle Gesamtforderung zu Ihrem Zeichen AB-55120931 mit."
    assert _values(quote, quoted=True) == ["AB-55120931"]
    # in the creditor's reply, "zu Ihrem Zeichen" is the office's own number, never the creditor's
    reply = "Zu Ihrem Zeichen BÖ-2026-0301 teilen wir mit:"
    assert _values(reply) == []
    assert find_office_file_numbers(reply) == ["BÖ-2026-0301"]
    # and "unserem Zeichen" in the office's quoted letter is the office's
    assert find_office_file_numbers("Bezug: unserem Zeichen BÖ-2026-0301", quoted=True) == ["BÖ-2026-0301"]


@pytest.mark.parametrize(
    "name",
    [
        "Magyar Telekom Nyrt.",
        "Provident Pénzügyi Zrt.",
        "E.ON Energiakereskedelmi Kft.",
        "Imobiliara Carpați S.R.L.",
        "Hrvatski Telekom d.d.",
        "Zagrebačka banka d.d.",
        "Telekom Slovenije d.o.o.",
        "Telia Lietuva, AB",
        "Home Credit Slovakia, a.s.",
        "Виваком България ЕАД",
        "Профи Кредит България ЕООД",
        "Eurobank Ergasias Υπηρεσιών και Συμμετοχών Α.Ε.",
        "Cosmote Κινητές Τηλεπικοινωνίες Μ.Α.Ε.",
        "Turkcell İletişim Hizmetleri A.Ş.",
    ],
)
def test_a_signature_line_with_these_legal_forms_is_the_company(name: str) -> None:
    found = parties.company_line(f"S pozdravem\n{name}\n")
    assert found is not None and found[0] == name


@pytest.mark.parametrize(
    "text",
    [
        "Uw brief d.d. 12-11-2026 hebben wir ontvangen.",  # Dutch "de dato" before a date
        "Factuur d.d. 01-10-2026",
        "Zahlung an Meier, AG Hagen",  # a court after a comma, not a legal form
        "Wir haben mit Frau Berg, AB gesprochen.",
        "Hej Anna, AB Svensk Inkasso har ärendet.",
    ],
)
def test_look_alikes_of_these_legal_forms_name_no_company(text: str) -> None:
    assert parties.COMPANY_RE.search(text) is None


def test_a_housing_community_or_postal_operator_signing_with_its_display_name_is_the_sender() -> None:
    assert (
        parties.signed_organisation(
            "Wspólnota Mieszkaniowa Ogrodowa 12",
            ("Razem do zapłaty: 4 008,60 zł\n\nZarząd Wspólnoty Mieszkaniowej Ogrodowa 12",),
            "wm-ogrodowa12.example",
        )
        == "Wspólnota Mieszkaniowa Ogrodowa 12"
    )
    assert parties.signed_organisation("POST Luxembourg", ("Meilleures salutations\nPOST Luxembourg",)) == (
        "POST Luxembourg"
    )
    # a person's display name is never taken for the organisation
    assert parties.signed_organisation("Anna Nowak", ("Pozdrawiam\nAnna Nowak",), "gmail.com") is None

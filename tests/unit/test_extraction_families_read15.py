"""Families of creditor names and case identifiers of small creditors (reading round on
``tests/data/tuning_n``: practices, clubs, driving schools, portals, private landlords):
each table mixes languages and forms beyond the example that showed the gap, and keeps
near-misses that must NOT trip.
"""

from __future__ import annotations

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.parties import COMPANY_RE, company_line, last_company
from creditctl.pipeline.extraction.references import find_references
from creditctl.pipeline.extraction.rules import RulesExtractor

# ------------------------------------------- a signer's closing, role or name is not the firm's

SIGNED_LINES = [
    ("Mette Holm, Dansk Inkasso Service ApS", "Dansk Inkasso Service ApS"),
    ("M. Thiessen, Nordlicht Inkasso GmbH", "Nordlicht Inkasso GmbH"),
    ("Holger Wendt, Volksbank Rheinaue eG", "Volksbank Rheinaue eG"),
    ("Anna Maria Berg-Olsen, Nordlys Finans AS", "Nordlys Finans AS"),
    ("Kassenwart TSV Grünwiese 1898 e.V.", "TSV Grünwiese 1898 e.V."),
    ("Mvh Kronvall Inkasso AB", "Kronvall Inkasso AB"),
    ("Treasurer Riverside Rowing Club Ltd", "Riverside Rowing Club Ltd"),
    ("Penningmeester Sportvereniging De Vaart B.V.", "Sportvereniging De Vaart B.V."),
]

NOT_A_SIGNER = [
    # a comma inside the firm's own name, a single partner's name, a bare legal form after the comma
    "Solbank Financiera, S.A.",
    "Hahn, Kolb & Partner mbB",
    "Müller, Schmidt & Partner GmbH",
    "Anna Berg, Kronos AB",
]


@pytest.mark.parametrize(("line", "firm"), SIGNED_LINES)
def test_the_firm_is_read_without_the_signer(line: str, firm: str) -> None:
    found = company_line(f"Mit freundlichen Grüßen\n{line}\nTel. 040 123")
    assert found is not None and found[0] == firm


@pytest.mark.parametrize("line", NOT_A_SIGNER)
def test_a_firm_name_with_a_comma_stays_whole(line: str) -> None:
    found = company_line(f"Regards\n{line}\n")
    assert found is not None and found[0] == line


# ------------------------------------------------ the sender in the footer of a flattened mail

FLAT_FOOTERS = [
    (
        "Hallo, Sie haben eine neue Nachricht. Bitte antworten Sie nicht auf diese E-Mail. "
        "Funkwelle Mobil GmbH, Kaistraße 8, 40221 Düsseldorf",
        "Funkwelle Mobil GmbH",
    ),
    (
        "Dear customer, your statement is ready. Please do not reply to this email. Brightline Energy Ltd, 4 Quay St",
        "Brightline Energy Ltd",
    ),
    (
        "Bonjour, votre relevé est disponible. Merci de ne pas répondre à ce message. Orion Télécom SAS, 12 rue X",
        "Orion Télécom SAS",
    ),
]


@pytest.mark.parametrize(("text", "firm"), FLAT_FOOTERS)
def test_a_footer_on_a_line_opened_by_a_greeting_names_the_sender(text: str, firm: str) -> None:
    found = last_company(COMPANY_RE, text)
    assert found is not None and found[0] == firm


@pytest.mark.parametrize(
    "text",
    [
        "Sehr geehrte Damen und Herren der Alpha Inkasso GmbH,",
        "Dear Sirs at Brightline Energy Ltd,",
        "Hallo liebe Kollegen der Nordlicht Inkasso GmbH, danke",
    ],
)
def test_a_firm_in_the_salutation_is_still_the_addressee(text: str) -> None:
    assert last_company(COMPANY_RE, text) is None


def test_an_abbreviation_before_a_firm_stays_part_of_it() -> None:
    assert last_company(COMPANY_RE, "Gebr. Müller GmbH") == ("Gebr. Müller GmbH", 0)
    assert last_company(COMPANY_RE, "Dr. Kessler & Vogt GmbH") == ("Dr. Kessler & Vogt GmbH", 0)


# ------------------------------------ a small creditor without a legal form, signed as sender

SMALL_CREDITORS = [
    ("Auto-École Rivage", "Cordialement,\nNathalie Ferrand\nAuto-École Rivage – 14 quai de la Loire, 44000 Nantes"),
    ("Fahrschule Kurvenreich", "Viele Grüße\nTim\nFahrschule Kurvenreich | Hauptstr. 4 | 12345 Talheim"),
    ("Tierarztpraxis Am Deich", "Freundliche Grüße\nTierarztpraxis Am Deich – Dr. Ole Hansen"),
    ("Studio Dentistico Rinaldi", "Cordiali saluti\nStudio Dentistico Rinaldi, Via Roma 3, Modena"),
    ("Gimnasio Olimpo", "Un saludo\nGimnasio Olimpo – Calle Mayor 8, Madrid"),
    ("Harbour Veterinary Practice", "Kind regards\nHarbour Veterinary Practice | 2 Dock Road | Cork"),
]


@pytest.mark.parametrize(("sender", "signature"), SMALL_CREDITORS)
def test_a_small_creditor_signing_with_its_sender_name_is_the_creditor(sender: str, signature: str) -> None:
    email = ExtractionInput(
        reply_text=f"Guten Tag,\noffen sind noch 640,00 € (Rechnung RE-4471).\n\n{signature}",
        subject="Re: Rechnung RE-4471",
        from_email="info@small.example",
        from_name=sender,
    )
    assert RulesExtractor().extract(email).creditor_name == sender


@pytest.mark.parametrize("sender", ["Marco Rinaldi", "Sophie Martin"])
def test_a_persons_display_name_is_no_organisation(sender: str) -> None:
    email = ExtractionInput(
        reply_text=f"Bonjour,\nil reste 640,00 € (facture RE-4471).\n\nCordialement,\n{sender} – 14 quai de la Loire",
        subject="Re: facture RE-4471",
        from_email="x@gmail.example",
        from_name=sender,
    )
    assert RulesExtractor().extract(email).creditor_name is None


def test_a_portal_is_not_the_client() -> None:
    email = ExtractionInput(
        reply_text="Sie haben eine neue Nachricht zu Kundennummer 5520193384. Offen sind 404,47 €.",
        subject="Neue Nachricht in Ihrem Funkwelle Kundencenter",
        from_email="noreply@portal.funkwelle.example",
        from_name="Funkwelle Mobil",
    )
    assert RulesExtractor().extract(email).client_name is None


# ------------------------------------------------ member, patient and pupil numbers are references

MEMBER_NUMBERS = [
    ("Bei Aylin (Mitgl.-Nr. 2231, Abteilung Volleyball) sind", "2231"),
    ("Patienten-Nr. 448812, Behandlung vom 3.4.", "448812"),
    ("Betreffende patiënt (patiëntnummer 7720193, opname 03/04)", "7720193"),
    ("Concernant la patiente (n° patient 7720193, hospitalisation)", "7720193"),
    ("numéro d'élève E-20931 : solde", "E-20931"),
    ("Patient number: PX-44120", "PX-44120"),
    ("lidnummer 88120 – contributie", "88120"),
]


@pytest.mark.parametrize(("text", "ref"), MEMBER_NUMBERS)
def test_member_and_patient_numbers_are_read(text: str, ref: str) -> None:
    assert ref in [r.value for r in find_references(text)]


@pytest.mark.parametrize("text", ["Mitglied seit 2231 Tagen", "patiënt geboren op 17/02/1991", "Patient seit 2019"])
def test_near_misses_name_no_reference(text: str) -> None:
    assert find_references(text) == []


# ------------------------------------------- eval: a labelled claim named by its reference only


def _cand(claim_id: int, file_number: str, ref: str) -> object:
    from creditctl.pipeline.matching_types import ClaimCandidate

    return ClaimCandidate(
        claim_id=claim_id,
        client_id=claim_id,
        client_file_number=file_number,
        client_name="X",
        creditor_name="Y",
        creditor_reference=ref,
    )


def test_a_claim_labelled_by_reference_only_is_completed_from_the_records() -> None:
    from creditctl.services.evaluation import _claim_resolved, score_outcome

    expected = {
        "outcome": "apply",
        "amount": "10.00",
        "claim": {"client_file_number": None, "creditor_reference": "VC-1"},
    }
    cands = [_cand(1, "BÖ-1", "VC-1"), _cand(2, "BÖ-2", "VC-2")]
    got = {"apply": True, "amount": "10.00", "claim": {"client_file_number": "BÖ-1", "creditor_reference": "VC-1"}}
    assert score_outcome(_claim_resolved(expected, cands), got)["correct"]  # type: ignore[arg-type]
    other = {"apply": True, "amount": "10.00", "claim": {"client_file_number": "BÖ-2", "creditor_reference": "VC-2"}}
    assert score_outcome(_claim_resolved(expected, cands), other)["wrong_apply"]  # type: ignore[arg-type]


def test_a_reference_two_claims_carry_identifies_no_claim() -> None:
    from creditctl.services.evaluation import _claim_resolved, score_outcome

    expected = {
        "outcome": "apply",
        "amount": "10.00",
        "claim": {"client_file_number": None, "creditor_reference": "VC-1"},
    }
    cands = [_cand(1, "BÖ-1", "VC-1"), _cand(2, "BÖ-2", "VC-1")]
    got = {"apply": True, "amount": "10.00", "claim": {"client_file_number": "BÖ-1", "creditor_reference": "VC-1"}}
    assert _claim_resolved(expected, cands) is expected  # type: ignore[arg-type]
    assert score_outcome(_claim_resolved(expected, cands), got)["wrong_apply"]  # type: ignore[arg-type]


# ------------------------------------------------- Norwegian and Danish told apart ('kr' alone)

NORDIC_LETTERS = [
    ("God dag, takk for henvendelsen. Saken gjelder et forbrukslån som ble sagt opp. Med hilsen", "no"),
    ("Goddag, takk for henvendelsen. Saken gjelder lånet. Med hilsen Ola", "no"),
    ("Kære rådgiver, tak for henvendelsen. Sagen vedrører et forbrugslån, som blev opsagt. Med venlig hilsen", "da"),
    ("God dag, tak for henvendelsen. Sagen vedrører lånet. Med hilsen Mette", "da"),
]


@pytest.mark.parametrize(("text", "language"), NORDIC_LETTERS)
def test_a_shared_greeting_does_not_decide_norwegian_or_danish(text: str, language: str) -> None:
    from creditctl.pipeline.cleaning_language import detect_language

    assert detect_language(text) == language


# ------------------------------------------------ legal forms of Poland, Czechia, Portugal; e.K.

LEGAL_FORM_LINES = [
    "Szkoła Językowa Lingua Sp. z o.o.",
    "Vistula Debt Solutions sp. z o.o.",
    "Autoškola Rychlík s.r.o.",
    "Mobil Bohemia a.s.",
    "Cobranças Atlântico Lda",
    "Sanitär Krause e.K.",
    "Customer Resolution Team, Kestrel Credit Management Ltd",
]


@pytest.mark.parametrize("line", LEGAL_FORM_LINES)
def test_a_line_ending_in_one_of_these_forms_names_a_firm(line: str) -> None:
    found = company_line(f"Pozdrawiam\n{line}\nul. Długa 5")
    assert found is not None and found[0] == line.split(", ")[-1]


@pytest.mark.parametrize("line", ["wir haben das an die a.s. weitergegeben", "proszę o kontakt sp. z o.o."])
def test_a_sentence_ending_in_such_a_form_is_no_firm(line: str) -> None:
    assert company_line(line) is None


# ------------------------------ the display name with its department, spelt by the sender's domain


@pytest.mark.parametrize(
    ("from_name", "from_email", "signature", "creditor"),
    [
        (
            "Dublin Dental Care – Accounts",
            "accounts@dublindentalcare.example",
            "Orla\nDublin Dental Care | 14 Camden St",
            "Dublin Dental Care",
        ),
        ("Fahrschule Kurvenreich", "info@fahrschule-kurvenreich.example", "Gruß Ralf", "Fahrschule Kurvenreich"),
        ("Praxis Dr. Wendt", "info@praxis-wendt.example", "Ihr Praxisteam", "Praxis Dr. Wendt"),
        (
            "ARD ZDF Deutschlandradio Beitragsservice",
            "noreply@beitragsservice.example",
            "Mit freundlichen Grüßen Ihr Beitragsservice ARD ZDF Deutschlandradio Beitragsservice, 50656 Köln",
            "ARD ZDF Deutschlandradio Beitragsservice",
        ),
    ],
)
def test_a_small_creditors_display_name_is_read(from_name: str, from_email: str, signature: str, creditor: str) -> None:
    email = ExtractionInput(
        reply_text=f"Hallo,\noffen sind noch 1.180,00 € (Vorgang FS-2025-118).\n{signature}",
        subject="Re: FS-2025-118",
        from_email=from_email,
        from_name=from_name,
    )
    assert RulesExtractor().extract(email).creditor_name == creditor


@pytest.mark.parametrize(
    ("from_name", "from_email"),
    [
        ("Fahrschule Kurvenreich", "ralf.k@gmail.example"),  # free mail spells nobody
        ("Fahrschule Kurvenreich", "info@drive-academy.example"),  # the domain spells another name
        ("Horst Lindqvist", "h.lindqvist@lindqvist.example"),  # a person is no organisation
    ],
)
def test_a_display_name_neither_signed_nor_spelt_is_not_taken(from_name: str, from_email: str) -> None:
    email = ExtractionInput(
        reply_text="Hallo,\noffen sind noch 1.180,00 € (Vorgang FS-2025-118).\nGruß Ralf",
        subject="Re: FS-2025-118",
        from_email=from_email,
        from_name=from_name,
    )
    assert RulesExtractor().extract(email).creditor_name is None


# ---------------------------------------------- the client as a pet owner, pupil or child's parent

CLIENT_ROLES = [
    ("Tierhalterin: Jana Maier, geb. 02.11.1990", "Jana Maier"),
    ("für das Kind Emir Karaca (Mutter: Aylin Karaca) sind die Beiträge offen", "Aylin Karaca"),
    ("Pet owner: Niamh Gallagher", "Niamh Gallagher"),
    ("Fahrschüler: Tim Brandt", "Tim Brandt"),
    ("Leerling: Pieter de Vries", "Pieter de Vries"),
    ("Wij vertegenwoordigen mevrouw Sophie Van den Berghe (ons kenmerk X)", "Sophie Van den Berghe"),
    ("Rappresentiamo la Sig.ra Anna De Luca", "Anna De Luca"),
]


@pytest.mark.parametrize(("text", "client"), CLIENT_ROLES)
def test_the_client_in_a_small_creditors_role_words(text: str, client: str) -> None:
    from creditctl.pipeline.extraction.parties import client_name

    found = client_name(text)
    assert found is not None and found[0] == client


@pytest.mark.parametrize("text", ["Mutter: bitte melden Sie sich", "Student: noch offen", "Vater: unbekannt"])
def test_a_role_word_without_a_name_names_no_client(text: str) -> None:
    from creditctl.pipeline.extraction.parties import client_name

    assert client_name(text) is None


# ------------------------------------------------- a private landlord's flat is the reference

RENTAL_UNITS = [
    ("Re: Lindenstr. 14 / Whg. 3", "Lindenstr. 14 / Whg. 3"),
    ("Der Mieter aus der Lindenstr 14 Whg 3 (2.OG rechts)", "Lindenstr 14 Whg 3"),
    ("Mietsache Am Ring 4: Birkenweg 7, Wohnung 12", "Birkenweg 7, Wohnung 12"),
    ("huurachterstand Kerkstraat 12 app. 4", "Kerkstraat 12 app. 4"),
]


@pytest.mark.parametrize(("text", "unit"), RENTAL_UNITS)
def test_a_rented_flat_is_read_as_a_reference(text: str, unit: str) -> None:
    from creditctl.pipeline.extraction.references import find_rental_units

    assert [r.value for r in find_rental_units(text)] == [unit]


@pytest.mark.parametrize("text", ["Hauptstr. 5, 12345 Talheim", "seit 2014 Whg 3", "Lindenstraße 14 im 2. OG"])
def test_an_address_without_a_flat_is_no_reference(text: str) -> None:
    from creditctl.pipeline.extraction.references import find_rental_units

    assert find_rental_units(text) == []


def test_two_flats_of_one_house_are_two_claims() -> None:
    from creditctl.pipeline.names import normalize_reference

    assert normalize_reference("Lindenstr. 14 / Whg. 3") == normalize_reference("Lindenstr 14 Whg 3")
    assert normalize_reference("Lindenstr. 14 / Whg. 3") != normalize_reference("Lindenstr. 14 / Whg. 5")


# ------------------------------------------- what a small creditor bills is no first name in a subject

SUBJECT_FEES = [
    ("Re: Elternbeiträge Karaca – Beitragsnummer KR-0917", None),
    ("WG: Beiträge Meyer-Stahl (Mitgl. RV-118)", None),
    ("Re: Miete Schuster", None),
    ("Re: Mitgliedsbeiträge Aylin Karaca (Mitgl.-Nr. 2231)", "Aylin Karaca"),
    ("RE: contributie Pieter de Vries", "Pieter de Vries"),
    ("AW: Jana Meyer FS-2025-118", "Jana Meyer"),
]


@pytest.mark.parametrize(("subject", "client"), SUBJECT_FEES)
def test_a_fee_word_before_a_surname_is_no_first_name(subject: str, client: str | None) -> None:
    from creditctl.pipeline.extraction.parties import subject_client_name

    found = subject_client_name(subject, subject)
    assert (found[0] if found else None) == client


# ------------------------------------------------------- the client named by date of birth

BIRTH_DATES = [
    ("Betreffende patiënt geboren op 17/02/1991 (patiëntnummer 7720193)", "1991-02-17"),
    ("Concernant la patiente née le 17/02/1991 (n° patient 7720193)", "1991-02-17"),
    ("Tierhalterin: Jana Maier, geb. 02.11.1990", "1990-11-02"),
    ("Date of birth: 25/04/1993", "1993-04-25"),
    ("la paziente nata il 11/07/1986", "1986-07-11"),
    ("född 1977-11-19", "1977-11-19"),
    ("Geburtsdatum: 9.1.1958", "1958-01-09"),
]


@pytest.mark.parametrize(("text", "born"), BIRTH_DATES)
def test_a_date_of_birth_is_read(text: str, born: str) -> None:
    from creditctl.pipeline.extraction.parties import date_of_birth

    found = date_of_birth(text)
    assert found is not None and found[0].isoformat() == born


@pytest.mark.parametrize(
    "text", ["geb. Müller", "DOB 31.02.1990", "Rechnung vom 03.04.2025", "geboren 1991", "Zahlung am 17.02.1991"]
)
def test_no_birth_word_or_no_calendar_date_is_no_date_of_birth(text: str) -> None:
    from creditctl.pipeline.extraction.parties import date_of_birth

    assert date_of_birth(text) is None


def _birth_claims() -> list[object]:
    from datetime import date

    from creditctl.pipeline.matching_types import ClaimCandidate

    def claim(claim_id: int, client_id: int, name: str, born: date, creditor: str, email: str) -> ClaimCandidate:
        return ClaimCandidate(
            claim_id=claim_id,
            client_id=client_id,
            client_file_number=f"BÖ-2026-{client_id:04d}",
            client_name=name,
            client_date_of_birth=born,
            creditor_name=creditor,
            creditor_emails=(email,),
            creditor_reference=f"R-{claim_id}",
        )

    return [
        claim(
            1, 9, "Sophie Van den Berghe", date(1991, 2, 17), "AZ Sint-Lucas Brugge", "facturatie@azsintlucas.example"
        ),
        claim(2, 9, "Sophie Van den Berghe", date(1991, 2, 17), "Leenplein B.V.", "klant@leenplein.example"),
        claim(3, 8, "Marc Peeters", date(1980, 5, 5), "AZ Sint-Lucas Brugge", "facturatie@azsintlucas.example"),
    ]


def _match_born(born: str, sender: str, claims: list[object]) -> object:
    from datetime import date

    from creditctl.pipeline.extraction.model import ExtractionResult
    from creditctl.pipeline.matching import match_claim
    from creditctl.pipeline.matching_types import MatchContext

    ext = ExtractionResult(is_creditor_reply=True, client_date_of_birth=date.fromisoformat(born))
    return match_claim(ext, MatchContext(from_email=sender), claims)  # type: ignore[arg-type]


def test_a_date_of_birth_and_a_known_sender_match_the_one_claim() -> None:
    result = _match_born("1991-02-17", "facturatie@azsintlucas.example", _birth_claims())
    assert result.status.value == "auto_matched" and result.claim_id == 1  # type: ignore[attr-defined]


def test_a_date_of_birth_alone_is_not_enough() -> None:
    result = _match_born("1991-02-17", "someone@unknown.example", _birth_claims())
    assert result.status.value != "auto_matched"  # type: ignore[attr-defined]


def test_two_clients_born_the_same_day_with_one_creditor_go_to_review() -> None:
    from dataclasses import replace

    claims = _birth_claims()
    claims[2] = replace(claims[2], client_date_of_birth=claims[0].client_date_of_birth)  # type: ignore[type-var, attr-defined]
    result = _match_born("1991-02-17", "facturatie@azsintlucas.example", claims)
    assert result.status.value == "needs_review"  # type: ignore[attr-defined]


def test_another_date_of_birth_matches_no_one() -> None:
    result = _match_born("1991-02-18", "facturatie@azsintlucas.example", _birth_claims())
    assert result.status.value == "no_match"  # type: ignore[attr-defined]


def test_the_rules_extractor_reports_the_date_of_birth_with_evidence() -> None:
    email = ExtractionInput(
        reply_text="Betreffende patiënt geboren op 17/02/1991: het openstaand saldo bedraagt € 537,30.",
        subject="Uw brief",
        from_email="facturatie@azsintlucas.example",
        from_name="AZ Sint-Lucas – Patiëntenfacturatie",
    )
    result = RulesExtractor().extract(email)
    assert result.client_date_of_birth is not None and result.client_date_of_birth.isoformat() == "1991-02-17"
    assert any(e.field == "client_date_of_birth" and "17/02/1991" in e.text for e in result.evidence)


# ------------------------------------ the writer's own firm, not a principal or another creditor

OWN_FIRM = [
    (
        "Harbourline Credit Management",
        "collections@harbourline.example",
        "We act for Brightwave Energy Ltd. The balance is £412.00.\n\nHarbourline Credit Management Ltd, 4 Dock St",
        "Harbourline Credit Management Ltd",
    ),
    (
        "Kanzlei Kessler",
        "info@kessler-vogt.example",
        "In der Sache Möbel Hartmann GmbH ./. Meier beträgt die Forderung 1.200,00 €.\nRechtsanwälte Dr. Kessler & Vogt",
        "Rechtsanwälte Dr. Kessler & Vogt",
    ),
]


@pytest.mark.parametrize(("from_name", "from_email", "body", "firm"), OWN_FIRM)
def test_the_firm_the_sender_is_named_or_spelt_as_is_the_creditor(
    from_name: str, from_email: str, body: str, firm: str
) -> None:
    email = ExtractionInput(reply_text=body, subject="Re: ref 4471", from_email=from_email, from_name=from_name)
    assert RulesExtractor().extract(email).creditor_name == firm


def test_a_postcode_before_a_legal_form_is_no_firm() -> None:
    from creditctl.pipeline.extraction.parties import companies_in

    assert "3811 AB" not in companies_in("Woonstichting Eemland\nPostbus 12\n3811 AB Amersfoort")
    assert companies_in("Kronvall Inkasso AB\n")[0] == "Kronvall Inkasso AB"

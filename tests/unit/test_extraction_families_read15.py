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

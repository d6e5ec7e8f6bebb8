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

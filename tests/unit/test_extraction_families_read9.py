"""Families of creditor wording and layout (reading round on ``tests/data/tuning_i``, mail
written by an outside writer, and the held families of the earlier tuning suites): each
table mixes languages and forms beyond the example that showed the gap, and keeps
near-misses that must NOT trip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline import safety
from creditctl.pipeline.extraction.evidence import evidence_sources, verify_evidence
from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE
from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor

# ------------------------------------------ the reply points to its subject for the figure


SUBJECT_TOTALS = [
    (
        "Rückstand EUR 2.790,15 per 01.12.2026 - BKNR 3301774205",
        "Sehr geehrte Frau Böhm,\nsiehe Betreff.\nMfG",
        "2790.15",
    ),
    ("AW: Restforderung 1.204,50 € - Az. 22/118", "Guten Tag, der Stand steht im Betreff. Gruß", "1204.50"),
    ("Balance now £2,242.23 - NGR/448120/SM", "Hi, as requested – see subject.\nDarren", "2242.23"),
    ("RE: outstanding balance EUR 980.00", "Hello, the balance is as per subject line.", "980.00"),
    ("SV: Lån 88120441 – restgjeld kr 24 890,00", "Hei, se emnefeltet. mvh Kari", "24890.00"),
    ("Saldo openstaand € 612,40 - dossier 2024/7781", "Goedemiddag, zie onderwerp. Met vriendelijke groet", "612.40"),
    ("RE: Dossier RX-7781 – solde dû 1 262,90 €", "Bonjour, voir objet. Cordialement", "1262.90"),
    ("R: pratica 4471 - importo dovuto € 1.350,40", "Buongiorno, vedi oggetto. Cordiali saluti", "1350.40"),
    ("RE: expediente 7781 – deuda pendiente 318,60 €", "Buenos días, ver asunto. Saludos", "318.60"),
    ("Sv: Skuld 4 210,00 kr – ärende 55-1234", "Hej, se ämnesraden. Hälsningar", "4210.00"),
]


def _input(subject: str, body: str, quoted: str = "", domain: str = "creditor.example") -> ExtractionInput:
    return ExtractionInput(
        reply_text=body, subject=subject, from_email=f"team@{domain}", from_name="Team", quoted_text=quoted
    )


@pytest.mark.parametrize(("subject", "body", "total"), SUBJECT_TOTALS)
def test_a_reply_that_points_to_its_subject_is_read_from_the_subject(subject: str, body: str, total: str) -> None:
    email = _input(subject, body, domain="creditor.se" if "kr" in subject else "creditor.example")
    result = RulesExtractor().extract(email)
    assert result.amounts.total == Decimal(total)
    assert result.reply_kind is ReplyKind.CLAIM_STATEMENT
    assert not [p for p in verify_evidence(result, evidence_sources(email)) if p.startswith("amounts.")]
    report = safety.check(
        total=result.amounts.total,
        reply_kind=result.reply_kind.value,
        own_texts={"body": body, "subject": subject},
        quoted_text="",
        raw_texts=[body, subject],
        total_evidence=[(e.source, e.text) for e in result.evidence if e.field == "amounts.total"],
    )
    assert report.reasons == ()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # no pointer: a subject figure is the office's wording or a subject edited by nobody knows whom
        ("AW: Forderung 1.204,50 € - Az. 22/118", "Guten Tag, wir prüfen den Vorgang und melden uns."),
        ("RE: your letter – balance GBP 2,410.77", "Hi, thanks, we will come back to you."),
        # a mention of the subject of the office's letter is no pointer to the creditor's subject
        ("AW: Forderung 1.204,50 €", "Wie im Betreff Ihres Schreibens genannt, prüfen wir die Forderung."),
        ("RE: balance GBP 2,410.77", "We refer to the subject of your letter and will reply shortly."),
    ],
)
def test_a_subject_figure_without_a_pointer_is_not_read(subject: str, body: str) -> None:
    result = RulesExtractor().extract(_input(subject, body))
    assert result.amounts.total is None


@pytest.mark.parametrize(
    "text",
    [
        "siehe Betreff",
        "s. Betreff",
        "vgl. Betreffzeile",
        "Der Betrag steht im Betreff.",
        "Betrag laut Betreff",
        "see subject",
        "See the subject line.",
        "as per subject",
        "zie onderwerpregel",
        "voir l'objet",
        "montant indiqué en objet",
        "come da oggetto",
        "véase el asunto",
        "se emnefeltet",
        "se ämnesraden",
        "katso otsikko",
    ],
)
def test_pointers_to_the_subject_in_every_language(text: str) -> None:
    assert SEE_SUBJECT_RE.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Betreff: Ihre Anfrage",
        "im Betreff Ihres Schreibens",
        "wie im Betreff Ihrer Mail",
        "Subject: balance request",
        "see the subject of your letter",
        "the subject matter of the claim",
        "voir avec votre conseiller",
        "Onderwerp: saldo",
        "l'oggetto della pratica",
        "seemed subject to change",
    ],
)
def test_near_misses_are_no_pointer_to_the_subject(text: str) -> None:
    assert not SEE_SUBJECT_RE.search(text)


def test_a_cited_subject_equal_to_the_stored_claim_is_still_held() -> None:
    """The office's own figure in a subject the reply points to proves nothing."""
    subject, body = "AW: Forderung 2.410,77 € - Az. 22/118", "Guten Tag, siehe Betreff. Gruß"
    report = safety.check(
        total=Decimal("2410.77"),
        reply_kind="claim_statement",
        own_texts={"body": body, "subject": subject},
        quoted_text="",
        raw_texts=[body, subject],
        stored_amount=Decimal("2410.77"),
    )
    assert any("quoted history or the office's letter" in r for r in report.reasons)

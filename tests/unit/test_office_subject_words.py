"""The office's own subject words for its debt-settlement letter (a debt procedure named only in the
subject line: Schuldsanering, Privatinsolvenz, IVA, surendettement, sovraindebitamento, segunda
oportunidad, gældssanering …) never override a body that states the current claim
(``reply_kind.classify_reply``); a body that names the procedure itself, or a reply with no figure, is
still held; and a total read beside a "no claim" kind is held naming that contradiction (``gate``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput, ExtractionResult, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.gate import TOTAL_BUT_NO_CLAIM, decide
from tests.unit.test_gate import AUTO, CLEAN, reading
from tests.unit.test_reason_truth import _german

BODIES = {
    "de": "Sehr geehrte Damen und Herren,\n\ndie Forderung gegen Herrn Max Muster beträgt aktuell insgesamt "
    "2.310,45 EUR.\n\nMit freundlichen Grüßen",
    "en": "Dear Sir/Madam,\n\nThe outstanding balance on Mr John Smith's account is £2,310.45.\n\nKind regards",
    "nl": "Geachte heer/mevrouw,\n\nIn antwoord op uw brief bevestigen wij dat de openstaande vordering op uw "
    "cliënt J. de Vries in totaal EUR 2.310,45 bedraagt.\n\nMet vriendelijke groet",
    "fr": "Madame, Monsieur,\n\nLe montant restant dû par M. Dupont s'élève à 2 310,45 EUR.\n\nCordialement",
    "it": "Gentili Signori,\n\nil debito residuo del sig. Mario Rossi ammonta a EUR 2.310,45.\n\nCordiali saluti",
    "es": "Estimados señores:\n\nEl importe pendiente de D. Juan García asciende a 2.310,45 EUR.\n\nAtentamente",
    "da": "Hej,\n\nDen samlede gæld for Jens Hansen udgør 2.310,45 kr.\n\nMed venlig hilsen",
    "sv": "Hej,\n\nDen totala skulden för Sven Svensson uppgår till 2 310,45 kr.\n\nMed vänliga hälsningar",
    "no": "Hei,\n\nSamlet gjeld for Ola Nordmann utgjør kr 2 310,45.\n\nMed vennlig hilsen",
}


def _read(subject: str, body: str, language: str) -> ExtractionResult:
    email = ExtractionInput(reply_text=body, subject=subject, language=language, from_email="team@creditor.example")
    return RulesExtractor().extract(email)


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("nl", "Re: Schuldsanering dhr. J. de Vries"),
        ("nl", "Re: WSNP / collectieve schuldenregeling J. de Vries"),
        ("de", "AW: Außergerichtlicher Einigungsversuch / Privatinsolvenz Max Muster"),
        ("de", "AW: Schuldenbereinigungsplan - Verbraucherinsolvenzverfahren - Restschuldbefreiung"),
        ("en", "RE: Individual voluntary arrangement - John Smith"),
        ("en", "RE: Debt relief order / bankruptcy proceedings - John Smith"),
        ("fr", "RE: Plan de règlement / surendettement - M. Dupont"),
        ("fr", "RE: Règlement collectif de dettes - M. Dupont"),
        ("it", "R: Piano del consumatore / sovraindebitamento - Mario Rossi"),
        ("es", "RE: Plan de pagos / Ley de segunda oportunidad - Juan García"),
        ("da", "SV: Gældssanering - Jens Hansen"),
        ("sv", "SV: Skuldsanering - Sven Svensson"),
        ("no", "SV: Gjeldsordning - Ola Nordmann"),
    ],
)
def test_a_procedure_named_only_in_the_subject_leaves_the_claim_statement(language: str, subject: str) -> None:
    result = _read(subject, BODIES[language], language)
    assert result.reply_kind is ReplyKind.CLAIM_STATEMENT
    assert result.amounts.total == Decimal("2310.45")
    assert not [e for e in result.evidence if e.field == "reply_kind" and e.source == "subject"]


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        # the body names the procedure: the claim is lodged there (held, a person reads it)
        (
            "nl",
            "Re: Vordering J. de Vries",
            "Geachte heer/mevrouw,\n\nUw cliënt bevindt zich in de WSNP (schuldsanering). De vordering van "
            "EUR 2.310,45 hebben wij bij de bewindvoerder ingediend.\n\nMet vriendelijke groet",
        ),
        (
            "de",
            "AW: Forderung Max Muster",
            "Sehr geehrte Damen und Herren,\n\nüber das Vermögen von Herrn Muster wurde das Insolvenzverfahren "
            "eröffnet. Unsere Forderung von 2.310,45 EUR haben wir zur Tabelle angemeldet.\n\nMit freundlichen Grüßen",
        ),
        (
            "en",
            "RE: John Smith",
            "Dear Sir/Madam,\n\nWe note Mr Smith has entered an individual voluntary arrangement. Our claim of "
            "£2,310.45 has been submitted to the supervisor.\n\nKind regards",
        ),
        # no figure: agreeing to the plan states no claim
        ("nl", "Re: Schuldsanering J. de Vries", "Geachte heer/mevrouw,\n\nWij gaan akkoord met het plan.\n\nMvg"),
        ("de", "AW: Schuldenbereinigungsplan / Privatinsolvenz", "Guten Tag,\n\nwir stimmen dem Plan zu.\n\nMfG"),
        ("en", "RE: Individual voluntary arrangement", "Hello,\n\nWe agree to the proposed plan.\n\nRegards"),
    ],
)
def test_a_procedure_in_the_body_or_a_reply_without_figure_is_no_claim_statement(
    language: str, subject: str, body: str
) -> None:
    assert _read(subject, body, language).reply_kind is ReplyKind.OTHER


def test_a_total_beside_a_no_claim_kind_names_the_contradiction() -> None:
    verdict = decide(reading(ReplyKind.OTHER, "2310.45"), AUTO, [], claim_currency="EUR", safety=CLEAN)
    assert not verdict.apply
    expected = TOTAL_BUT_NO_CLAIM.format(total="2310.45")
    assert expected in verdict.reasons, verdict.reasons
    assert not [r for r in verdict.reasons if "states no claim" in r]
    assert _german(expected).startswith("Ein Gesamtbetrag von 2.310,45")
    plain = decide(reading(ReplyKind.OTHER, None), AUTO, [], claim_currency="EUR", safety=CLEAN)
    assert "reply states no claim: a person decides" in plain.reasons

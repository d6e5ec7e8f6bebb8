"""A creditor still checking or looking into the matter is not disputing it (reply kind
``other``, the safety layer's reason "the creditor is still checking the claim"), while a
reply that contests stays a dispute; a credit balance is a statement with a negative total,
never "settled"; the reply kind's evidence is for the kind reported."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.reply_wording import CHECKING_LABEL, contradiction_reasons, is_checking

CHECKING = [
    "Die Forderung zu Herrn Jan de Vries (MS-8812-01) wird derzeit geprüft, wir melden uns.",
    "Thank you for your letter. We are looking into the account and will come back to you.",
    "Het dossier van uw cliënt is in behandeling; wij nemen contact met u op.",
    "Le dossier de votre cliente est en cours d'examen, nous reviendrons vers vous.",
    "La posizione del Suo assistito è in fase di verifica, La ricontatteremo.",
    "El expediente de su cliente está en revisión; le informaremos en breve.",
]
CONTESTING = [
    "Die Reklamation Ihrer Mandantin wird derzeit geprüft; die Forderung bestreiten wir jedoch.",
    "We dispute the balance; the account is being reviewed by our team.",
    "Wij betwisten de vordering. Het dossier is in behandeling.",
    "Nous contestons ce décompte, le dossier est en cours d'examen.",
    "Contestiamo la Vostra ricostruzione; la pratica è in fase di verifica.",
    "Rechazamos su propuesta; el expediente está en revisión.",
]


def _kind(body: str) -> tuple[ReplyKind, list[str]]:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="AW: Forderung"))
    return result.reply_kind, [e.text for e in result.evidence if e.field == "reply_kind"]


@pytest.mark.parametrize("body", CHECKING)
def test_a_creditor_still_checking_is_not_a_dispute_and_says_so(body: str) -> None:
    kind, evidence = _kind(body)
    assert kind is ReplyKind.OTHER, (kind, body)
    assert evidence and all(is_checking(e) for e in evidence), evidence  # the checking words, not "Forderung"
    (reason,) = contradiction_reasons(body)
    assert reason.startswith(CHECKING_LABEL) and "disputes" not in reason, reason


@pytest.mark.parametrize("body", CONTESTING)
def test_a_reply_that_contests_stays_a_dispute_whatever_it_checks(body: str) -> None:
    kind, _ = _kind(body)
    assert kind is ReplyKind.DISPUTE, (kind, body)
    reasons = contradiction_reasons(body)
    assert any(r.startswith("the reply disputes, contests or rejects") for r in reasons), reasons
    assert not any(r.startswith(CHECKING_LABEL) for r in reasons), reasons


def test_a_credit_balance_is_a_statement_with_a_negative_total_never_settled() -> None:
    body = "Ihr Konto weist ein Guthaben zu Gunsten Ihres Mandanten von -42,00 EUR aus."
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="Forderung Marlene Vogt"))
    assert result.amounts.total == Decimal("-42.00"), result.amounts
    assert result.reply_kind is ReplyKind.CLAIM_STATEMENT


def test_other_carries_no_claim_word_as_its_evidence() -> None:
    body = "wir prüfen Ihr Anliegen zu Frau Sophie Martin (EN-551200) und melden uns kurzfristig."
    kind, evidence = _kind(body)
    assert kind is ReplyKind.OTHER
    assert "Forderung" not in evidence, evidence  # the subject's claim word is no evidence for "other"


def test_the_desk_says_checking_in_german_not_widerspruch() -> None:
    from creditctl.desk.i18n import Formatter

    (reason,) = contradiction_reasons(CHECKING[0])
    shown = Formatter("de_DE", "Europe/Berlin").reason(reason)
    assert shown.startswith("Der Gläubiger prüft die Forderung noch; noch kein aktueller Betrag"), shown
    assert "Widerspruch" not in shown


@pytest.mark.parametrize(
    "body",
    [
        "Den Einwand Ihrer Mandantin (Ware retourniert) prüfen wir gerade mit dem Händler.",
        "Wij hebben het bezwaar van mevrouw Kaya doorgestuurd. De vordering is in onderzoek.",
        "We have logged a formal complaint. The account is currently under investigation.",
    ],
)
def test_checking_the_clients_objection_is_still_a_dispute(body: str) -> None:
    kind, _ = _kind(body)
    assert kind is ReplyKind.DISPUTE, (kind, body)
    reasons = contradiction_reasons(body)
    assert any(r.startswith("the reply disputes, contests or rejects") for r in reasons), reasons
    assert not any(r.startswith(CHECKING_LABEL) for r in reasons), reasons


def test_an_agency_handling_the_claim_is_not_checking_it() -> None:
    body = (
        "Wij delen u mee dat wij namens onze opdrachtgever de vordering op uw cliënt in behandeling hebben.\n"
        "Totaal te betalen € 253,12"
    )
    kind, _ = _kind(body)
    assert kind is ReplyKind.CLAIM_STATEMENT
    assert not any(r.startswith(CHECKING_LABEL) for r in contradiction_reasons(body))

"""Reading round 39 (read39): a figure whose final statement is still to come is provisional
(``reply_wording.FINAL_STATEMENT_TO_FOLLOW``, its own reason), and a reply held without a total
says what happened — the creditor is still checking and will come back
(``reply_wording.COME_BACK_PHRASES``), or its only figure is in the subject line (``gate``).
Positives in several languages, near-misses that must still apply or keep their reason."""

# ruff: noqa: F811 - the fixture `judge` is imported, pytest passes it by name

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.gate import STILL_CHECKING, SUBJECT_FIGURE_ONLY
from creditctl.pipeline.reply_wording import (
    FINAL_STATEMENT_REASON,
    come_back_phrases,
    contradiction_reasons,
    final_statement_phrases,
)
from tests.unit.test_reason_truth import FITNESS, _german, judge  # noqa: F401 - judge is a fixture

GENERIC = "reply states no claim: a person decides"

#: the claim's sentence in each language (Ms Schulze's contract FW-10293, stored at 480.00 EUR)
CLAIM = {
    "de": "die Forderung gegen Frau Petra Schulze (Vertrag FW-10293) beträgt derzeit 512,40 EUR.",
    "en": "the outstanding balance on Ms Petra Schulze's contract FW-10293 is EUR 512.40.",
    "nl": "het openstaande saldo van mevrouw Petra Schulze (contract FW-10293) bedraagt € 512,40.",
    "fr": "le solde restant dû de Mme Petra Schulze (contrat FW-10293) s'élève à 512,40 €.",
    "it": "il saldo ancora dovuto dalla signora Petra Schulze (contratto FW-10293) ammonta a € 512,40.",
    "es": "el saldo pendiente de la señora Petra Schulze (contrato FW-10293) asciende a 512,40 €.",
    "da": "den udestående saldo for Petra Schulze (kontrakt FW-10293) udgør 512,40 EUR.",
    "sv": "det utestående saldot för Petra Schulze (avtal FW-10293) uppgår till 512,40 EUR.",
}


def _body(lang: str, extra: str = "") -> str:
    return f"Hallo,\n\n{CLAIM[lang]} {extra}\n\nViele Grüße\nFitnesswelt Rhein GmbH"


@pytest.mark.parametrize(
    ("lang", "sentence", "words"),
    [
        ("de", "Unsere Schlussabrechnung folgt.", "Schlussabrechnung folgt"),
        ("de", "Bitte warten Sie unsere endgültige Aufstellung ab.", "endgültige Aufstellung"),
        ("en", "Please wait for our final statement.", "final statement"),
        ("en", "A final figure will follow.", "final figure will follow"),
        ("nl", "Wij sturen u nog een definitieve afrekening.", "definitieve afrekening"),
        ("fr", "Nous vous adresserons le décompte définitif.", "décompte définitif"),
        ("it", "Vi preghiamo di attendere il conteggio definitivo.", "conteggio definitivo"),
        ("es", "Les rogamos esperen la liquidación definitiva.", "liquidación definitiva"),
        ("da", "Endelig opgørelse følger.", "Endelig opgørelse følger"),
        ("sv", "Slutlig avräkning kommer.", "Slutlig avräkning kommer"),
    ],
)
def test_a_final_statement_to_follow_holds_with_its_own_reason(
    judge: Any, lang: str, sentence: str, words: str
) -> None:
    result, verdict = judge(**FITNESS, body_text=_body(lang, sentence))
    assert not verdict.apply and verdict.amount is None
    mine = [r for r in verdict.reasons if r.startswith(FINAL_STATEMENT_REASON)]
    assert mine and words in mine[0], verdict.reasons
    assert "provisional" in mine[0]  # the hold harness's provisional family recognises it
    assert _german(mine[0]).startswith("Der Betrag des Gläubigers ist vorläufig")


def test_two_figures_with_the_final_statement_to_come_hold_with_the_reason(judge: Any) -> None:
    body = (
        "Hallo,\n\nfür Frau Petra Schulze (Vertrag FW-10293) sind derzeit 512,40 EUR offen, mit den Zinsen bis "
        "Monatsende voraussichtlich 530,10 EUR. Unsere Schlussabrechnung folgt.\n\nViele Grüße\nFitnesswelt Rhein GmbH"
    )
    _result, verdict = judge(**FITNESS, body_text=body)
    assert not verdict.apply
    assert any(r.startswith(FINAL_STATEMENT_REASON) for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("de", "Eine förmliche Aufstellung folgt per Post."),
        ("en", "A formal statement follows by post."),
        ("en", "Interest accrues until payment."),
        ("en", "The statement is attached."),
        ("fr", "Le relevé de compte est joint."),
        ("it", "L'estratto conto segue per posta."),
        ("nl", "Een overzicht sturen wij u per post."),
    ],
)
def test_a_final_figure_with_a_statement_by_post_still_applies(judge: Any, lang: str, sentence: str) -> None:
    result, verdict = judge(**FITNESS, body_text=_body(lang, sentence))
    assert result.amounts.total == Decimal("512.40")
    assert verdict.apply and verdict.amount == Decimal("512.40"), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Die Forderung beträgt 512,40 EUR. Eine Schlussabrechnung folgt nicht.",
        "The balance is EUR 512.40. No final statement will follow.",
        "Unsere Schlussabrechnung vom 12.03.2026 ergibt 512,40 EUR.",
        "Le décompte définitif est joint : 512,40 €.",
        "Our final statement of 1 March shows EUR 512.40.",
    ],
)
def test_a_final_statement_given_or_denied_is_no_final_statement_to_follow(text: str) -> None:
    assert final_statement_phrases(text) == []
    assert not any(r.startswith(FINAL_STATEMENT_REASON) for r in contradiction_reasons(text))


def test_a_wait_phrase_inside_the_final_statement_is_said_once() -> None:
    reasons = contradiction_reasons("The balance is EUR 512.40; please wait for our final statement.")
    assert len(reasons) == 1 and reasons[0].startswith(FINAL_STATEMENT_REASON)
    # another provisional word beside it keeps its own reason
    both = contradiction_reasons("The estimated balance is EUR 512.40; please wait for our final statement.")
    assert len(both) == 2


# the creditor is still checking and will come back -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("wir prüfen den Vorgang zu Frau Petra Schulze (FW-10293) und melden uns.", "melden uns"),
        ("wir kommen in Sachen Petra Schulze (FW-10293) auf Sie zurück.", "zurück"),
        ("regarding Ms Petra Schulze (FW-10293): we will revert shortly.", "revert"),
        ("concernant Mme Petra Schulze (FW-10293), nous revenons vers vous rapidement.", "revenons vers vous"),
        ("per la signora Petra Schulze (FW-10293) vi faremo sapere.", "vi faremo sapere"),
        ("inzake mevrouw Petra Schulze (FW-10293) komen wij bij u terug.", "terug"),
        ("sobre la señora Petra Schulze (FW-10293) nos pondremos en contacto con ustedes.", "pondremos en contacto"),
        ("gällande Petra Schulze (FW-10293) återkommer vi.", "återkommer"),
    ],
)
def test_a_reply_still_checking_says_so(judge: Any, sentence: str, words: str) -> None:
    result, verdict = judge(**FITNESS, body_text=f"Hallo,\n\n{sentence}\n\nViele Grüße\nFitnesswelt Rhein GmbH")
    assert result.amounts.total is None and not verdict.apply
    assert GENERIC not in verdict.reasons, verdict.reasons
    mine = [r for r in verdict.reasons if r.startswith(STILL_CHECKING.split(" ({")[0])]
    assert mine and words in mine[0], verdict.reasons
    assert _german(mine[0]).startswith("Der Gläubiger prüft noch")


@pytest.mark.parametrize(
    "text",
    [
        "Bitte melden Sie sich bei uns.",
        "Please get back to us with the signed form.",
        "Nous attendons votre retour.",
        "Wir melden uns nicht mehr.",
        "Fateci sapere se il cliente accetta.",
    ],
)
def test_asking_the_office_to_come_back_is_no_creditor_checking(text: str) -> None:
    assert come_back_phrases(text) == []


def test_a_bare_acknowledgement_keeps_the_generic_reason(judge: Any) -> None:
    body = "Hallo,\n\nwir bestätigen den Eingang Ihres Schreibens zu Frau Petra Schulze (FW-10293).\n\nViele Grüße"
    _result, verdict = judge(**FITNESS, body_text=body)
    assert not verdict.apply
    assert not any(r.startswith(STILL_CHECKING.split(" ({")[0]) for r in verdict.reasons)


# the only figure in the subject line ----------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        "AW: Forderung Petra Schulze FW-10293 offen 512,40 EUR",
        "RE: Petra Schulze FW-10293 balance EUR 512.40",
        "RE: Petra Schulze FW-10293 solde 512,40 €",
    ],
)
def test_the_only_figure_in_the_subject_says_so(judge: Any, subject: str) -> None:
    body = "Hallo,\n\nvielen Dank für Ihr Schreiben zu Frau Petra Schulze (FW-10293).\n\nViele Grüße"
    result, verdict = judge(**FITNESS, body_text=body, subject=subject)
    assert result.amounts.total is None and not verdict.apply
    assert SUBJECT_FIGURE_ONLY.format(figures="512.40") in verdict.reasons, verdict.reasons
    assert GENERIC not in verdict.reasons
    assert _german(SUBJECT_FIGURE_ONLY.format(figures="512.40")).startswith("Der einzige Betrag der Antwort")


def test_a_subject_figure_beside_a_figure_of_the_text_is_not_the_only_one(judge: Any) -> None:
    body = "Hallo,\n\ndie Rate von 40,00 EUR für Frau Petra Schulze (FW-10293) ist eingegangen.\n\nViele Grüße"
    _result, verdict = judge(**FITNESS, body_text=body, subject="AW: Schulze FW-10293 offen 512,40 EUR")
    assert not verdict.apply
    assert not any("subject line" in r for r in verdict.reasons), verdict.reasons


# today's figure beside a projection to a later date ------------------------------------------


@pytest.mark.parametrize(
    ("now", "later"),
    [
        ("Saldo per 04.12.2026: 512,40 EUR", "voraussichtlicher Saldo per 31.03.2027 (inkl. Zinsen): 530,10 EUR"),
        ("Balance at 4 December 2026: EUR 512.40", "Projected balance at 31 March 2027 (with interest): EUR 530.10"),
        ("Solde au 04/12/2026 : 512,40 €", "Solde prévisionnel au 31/03/2027 (intérêts compris) : 530,10 €"),
        ("Saldo al 04/12/2026: € 512,40", "Saldo previsto al 31/03/2027 (interessi inclusi): € 530,10"),
        ("Saldo per 04-12-2026: € 512,40", "Verwacht saldo per 31-03-2027 (inclusief rente): € 530,10"),
        ("Saldo a 04/12/2026: 512,40 €", "Saldo previsto a 31/03/2027 (con intereses): 530,10 €"),
        ("Saldo per 2026-12-04: 512,40 EUR", "Beräknat saldo per 2027-03-31 (inkl. ränta): 530,10 EUR"),
    ],
)
def test_today_beside_a_projection_applies_today(judge: Any, now: str, later: str) -> None:
    body = f"Hallo,\n\nFrau Petra Schulze, Vertrag FW-10293:\n\n{now}\n{later}\n\nViele Grüße\nFitnesswelt Rhein GmbH"
    result, verdict = judge(**FITNESS, body_text=body)
    assert result.amounts.total == Decimal("512.40"), result.warnings
    assert verdict.apply and verdict.amount == Decimal("512.40"), verdict.reasons


@pytest.mark.parametrize(
    ("now", "later"),
    [
        # both projected, or neither dated: nothing tells today's figure apart
        ("Voraussichtlicher Saldo per 31.12.2026: 512,40 EUR", "voraussichtlicher Saldo per 31.03.2027: 530,10 EUR"),
        ("Saldo: 512,40 EUR", "voraussichtlicher Saldo mit Zinsen: 530,10 EUR"),
        ("Balance: EUR 512.40", "Balance at 31 March 2027: EUR 530.10"),
    ],
)
def test_two_totals_without_one_dated_projection_stay_held(judge: Any, now: str, later: str) -> None:
    body = f"Hallo,\n\nFrau Petra Schulze, Vertrag FW-10293:\n\n{now}\n{later}\n\nViele Grüße\nFitnesswelt Rhein GmbH"
    _result, verdict = judge(**FITNESS, body_text=body)
    assert not verdict.apply, verdict


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Endabrechnung ist noch nicht erstellt; wir melden uns mit der Schlussabrechnung bei Ihnen.",
        "We will be in touch with our final statement.",
        "Wij komen bij u terug met de definitieve afrekening.",
        "Nous reviendrons vers vous avec le décompte définitif.",
        "Vi ricontatteremo con il conteggio definitivo.",
    ],
)
def test_coming_back_with_the_final_statement_is_a_final_statement_to_follow(sentence: str) -> None:
    assert final_statement_phrases(sentence), sentence


# the subject line pointed to in more words ------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "sentence"),
    [
        (
            "AW: Petra Schulze FW-10293 – offener Betrag EUR 512,40",
            "der im Betreff genannte Betrag umfasst alle Kosten.",
        ),
        ("RE: Petra Schulze FW-10293 – openstaand saldo € 512,40", "het actuele saldo vindt u in de onderwerpregel."),
        ("SV: Petra Schulze FW-10293 – saldo 512,40 EUR", "aktuellt saldo framgår av ämnesraden."),
        ("SV: Petra Schulze FW-10293 – saldo 512,40 EUR", "den aktuelle saldo fremgår af emnefeltet."),
    ],
)
def test_a_pointer_to_the_subject_reads_its_figure(judge: Any, subject: str, sentence: str) -> None:
    body = f"Hallo,\n\nFrau Petra Schulze, Vertrag FW-10293: {sentence}\n\nViele Grüße\nFitnesswelt Rhein GmbH"
    result, verdict = judge(**FITNESS, body_text=body, subject=subject)
    assert result.amounts.total == Decimal("512.40")
    assert verdict.apply and verdict.amount == Decimal("512.40"), verdict.reasons


def test_the_subject_of_the_office_letter_is_no_pointer(judge: Any) -> None:
    body = "Hallo,\n\nder im Betreff Ihres Schreibens genannte Betrag ist uns bekannt.\n\nViele Grüße"
    result, verdict = judge(**FITNESS, body_text=body, subject="AW: Petra Schulze FW-10293 Forderung 512,40 EUR")
    assert result.amounts.total is None and not verdict.apply

"""A reply restating the office's figure (the stored claim amount) as the current claim, in
any of the ten languages of ``pipeline.reply_wording``, is not held as an "echo"; an echo
of the office's letter is held in those languages too, and the reason names the figure's
real source (the stored amount, the quoted history, or both) — never a quoted history
that is not there (docs/evaluation.md, "quoted figures")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.safety import check


def _reasons(body: str, *, stored: str | None = "1874.30", quoted: str = "") -> tuple[str, ...]:
    return check(
        total=Decimal("1874.30"),
        reply_kind="claim_statement",
        own_texts={"body": body},
        quoted_text=quoted,
        raw_texts=[body],
        stored_amount=Decimal(stored) if stored else None,
    ).reasons


@pytest.mark.parametrize(
    "body",
    [
        "Bonjour,\n\nPour votre mandante, le montant encore dû s'élève toujours à 1 874,30 EUR.\n\nSalutations",
        "Madame,\nle solde de ce dossier reste inchangé : 1 874,30 €.\nCordialement",
        "Geachte heer,\n\nHet openstaande saldo is ongewijzigd € 1.874,30.\n\nMet vriendelijke groet",
        "Gentili signori,\nil debito residuo ammonta ancora a € 1.874,30.\nDistinti saluti",
        "Estimados señores:\nla deuda pendiente asciende todavía a 1.874,30 €.\nAtentamente",
        "Hej,\nutestående belopp är fortfarande 1 874,30 kr.\nMed vänlig hälsning",
        "Hei,\njäljellä oleva velka on edelleen 1 874,30 euroa.\nTerveisin",
    ],
)
def test_the_office_figure_restated_as_current_in_another_language_is_not_held(body: str) -> None:
    reasons = _reasons(body)
    assert not any("office's letter" in r or "quoted history" in r for r in reasons), reasons


@pytest.mark.parametrize(
    "body",
    [
        "Nous accusons réception de votre courrier relatif à 1 874,30 EUR et revenons vers vous.",
        "Wij hebben uw brief over € 1.874,30 ontvangen en komen erop terug.",
        "Wir haben Ihr Schreiben über 1.874,30 € erhalten und melden uns.",
    ],
)
def test_an_echo_of_the_office_letter_is_still_held_and_names_the_stored_amount(body: str) -> None:
    reasons = _reasons(body)
    echo = [r for r in reasons if "does not restate it as the current claim" in r]
    assert echo, reasons
    assert "the stored claim amount" in echo[0] and "quoted history" not in echo[0], echo


def test_the_reason_names_the_quoted_history_only_when_the_figure_is_quoted() -> None:
    body = "Ihr Schreiben über 1.874,30 € haben wir erhalten."
    quoted = "> Nach unseren Unterlagen besteht eine Forderung von 1.874,30 €."
    only_quoted = [r for r in _reasons(body, stored=None, quoted=quoted) if "restate" in r]
    assert only_quoted and "quoted history" in only_quoted[0] and "stored claim" not in only_quoted[0]
    both = [r for r in _reasons(body, quoted=quoted) if "restate" in r]
    assert both and "quoted history" in both[0] and "stored claim amount" in both[0]

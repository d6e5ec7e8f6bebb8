"""Reading round 33 (read33): the remaining balance after the instalments received under a plan
(docs/evaluation.md, "Reading round 33 (read33)").

Positives in several languages (the balance after the plan's payments is the current claim) and
near-misses that must keep no total or another one (the instalment alone, the sum paid so far, the
plan's figure beside the full claim, a confirmation of instalments with no balance)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels
from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor
from tests.case_judge import case_judge


def _total(body: str) -> Decimal | None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="Re: claim", from_name="Creditor"))
    return result.amounts.total


def _roles(text: str) -> list[tuple[str, str | None]]:
    return [(str(f.amount), amount_role(f)) for f in amounts_with_labels(text)]


# --- the balance after the plan's instalments / payments is the rest ---------------------------------

AFTER_THE_INSTALMENTS = [
    "Die Restforderung nach den bisherigen Raten beträgt zum 30.11.2026: 1.234,56 EUR.",
    "im Rahmen der vereinbarten Ratenzahlung teilen wir mit, dass die Restforderung nach Abzug der bisher "
    "eingegangenen Raten 1.234,56 EUR beträgt.",
    "Die Restforderung nach Verrechnung der Raten beträgt 1.234,56 EUR.",
    "Die Restschuld nach den bisherigen Zahlungen beläuft sich auf 1.234,56 EUR.",
    "Der aushaftende Saldo nach den geleisteten Raten beträgt per 30.11.2026 EUR 1.234,56.",
    "nach Eingang der Novemberrate beträgt der offene Betrag nach Ihren Raten für das Kundenkonto jetzt 1.234,56 €.",
    "Under the agreed payment plan, the residual debt after the instalments received is EUR 1,234.56.",
    "The outstanding balance after the plan payments received to date is €1,234.56.",
    "The residual balance after the arrangement payments is €1,234.56 as of 30 November 2026.",
    "After the November payment the balance left on the account after Mrs Whitfield's plan payments is £1,234.56.",
    "Ingevolge de betalingsregeling bedraagt de resterende schuld na de afbetalingen € 1.234,56.",
    "Dans le cadre de l'échéancier convenu, le solde restant dû après déduction des versements reçus s'élève à 1 234,56 €.",
    "Nell'ambito del piano di rientro concordato, il debito residuo dopo i pagamenti ricevuti è di € 1.234,56.",
    "En el marco del plan de pagos acordado, el saldo pendiente tras los pagos recibidos asciende a 1.234,56 €.",
    "I henhold til afdragsordningen udgør restgælden efter afdragene 1.234,56 kr.",
    "Enligt avbetalningsplanen är restskulden efter inbetalningarna 1 234,56 kr.",
    "I henhold til nedbetalingsavtalen er gjenstående saldo etter innbetalingene kr 1 234,56.",
    "Zgodnie z ugodą ratalną pozostałe zadłużenie po wpłatach wynosi 1 234,56 zł.",
]


@pytest.mark.parametrize("text", AFTER_THE_INSTALMENTS)
def test_the_balance_after_the_plans_instalments_is_the_total(text: str) -> None:
    assert _roles(text) == [("1234.56", "total")]


@pytest.mark.parametrize(
    "text",
    [
        # the instalment alone
        "Die vereinbarte Rate beträgt 50,00 EUR monatlich.",
        "The monthly instalment under the arrangement is £45.00.",
        "La cuota mensual según el plan de pagos es de 60,00 €.",
        "Afdraget efter aftalen udgør 850,00 kr. om måneden.",
        # the sum paid so far alone
        "Bisher sind Zahlungen in Höhe von 600,00 EUR eingegangen.",
        "The sum of the instalments received so far is £600.00.",
        "Die Summe der nach dem Plan geleisteten Raten beträgt 600,00 EUR.",
        "After the plan payments received, your client has paid £600.00 in total.",
        # the instalments confirmed, no balance
        "Nach den bisherigen Raten von je 50,00 EUR ist die Vereinbarung erfüllt.",
        "Na de afbetalingen van € 50,00 per maand is de regeling in orde.",
        # the figure the plan still asks for, named by the plan
        "Gemäß Ratenplan noch zu leisten: 1.234,56 EUR",
        "Secondo il piano di rientro restano da pagare € 1.234,56.",
    ],
)
def test_an_instalment_a_sum_paid_or_the_plans_figure_is_no_total(text: str) -> None:
    assert all(role != "total" for _, role in _roles(text)), _roles(text)
    assert _total(text) is None


# --- the plan's figure beside the full claim: the full claim, unless the rest is waived ----------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Gesamtforderung (ohne Vergleich):   CHF 6'120.00\nGemäss Ratenvergleich noch zu leisten:   CHF 3'150.00",
            "6120.00",
        ),
        (
            "Importo residuo secondo il piano di rateizzazione:   € 380,00\n"
            "Debito complessivo senza il piano (inclusi interessi di mora): € 512,90",
            "512.90",
        ),
        (
            "Still to pay under the plan: £380.00\nFull balance without the arrangement: £512.90",
            "512.90",
        ),
        (
            "Selon l'échéancier restent à payer 380,00 €.\nSolde total hors échéancier : 512,90 €",
            "512.90",
        ),
    ],
)
def test_the_full_claim_without_the_plan_is_the_total_not_the_plans_figure(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


# --- whole mails: applied, or held -------------------------------------------------------------------

_SENDER = ("Leasfix Leasing GmbH", "service@leasfix.example")
RECORDS = [
    {
        "file_number": "R33-0001",
        "name": "Jonas Petersen",
        "date_of_birth": "1980-02-03",
        "claims": [
            {
                "creditor_name": _SENDER[0],
                "agent_name": None,
                "creditor_emails": [_SENDER[1]],
                "creditor_reference": "LV-4410227",
                "amount": "1500.00",
                "currency": "EUR",
                "zendesk_ticket_id": None,
            }
        ],
    }
]
_FRAME = {
    "de": (
        "Sehr geehrte Damen und Herren,\n\nzum Vertrag LV-4410227 von Herrn Jonas Petersen:\n\n",
        "Mit freundlichen Grüßen",
    ),
    "en": ("Dear Sir or Madam,\n\nRe: Jonas Petersen, agreement LV-4410227\n\n", "Kind regards"),
    "nl": ("Geachte heer, mevrouw,\n\nBetreft: Jonas Petersen, contract LV-4410227\n\n", "Met vriendelijke groet"),
    "fr": ("Madame, Monsieur,\n\nConcerne : Jonas Petersen, contrat LV-4410227\n\n", "Cordialement"),
    "it": ("Gentili Signori,\n\nOggetto: Jonas Petersen, contratto LV-4410227\n\n", "Cordiali saluti"),
    "es": ("Estimados señores:\n\nAsunto: Jonas Petersen, contrato LV-4410227\n\n", "Atentamente"),
}


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with case_judge(RECORDS, tmp_path_factory.mktemp("db")) as judge_case:

        def run(lang: str, text: str) -> Any:
            head, foot = _FRAME[lang]
            body = f"{head}{text}\n\n{foot}\n{_SENDER[0]}"
            case = {"subject": "AW: LV-4410227", "from_email": _SENDER[1], "from_name": _SENDER[0], "body_text": body}
            return judge_case(**case)[2]

        yield run


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "die vereinbarten monatlichen Raten von 50,00 EUR sind bislang regelmäßig eingegangen.\n\n"
            "Die Restforderung nach den bisherigen Raten beträgt zum 30.11.2026: 1.234,56 EUR.",
        ),
        ("en", "The residual balance after the arrangement payments is €1,234.56 as of 30 November 2026."),
        ("nl", "De resterende schuld na de afbetalingen bedraagt € 1.234,56."),
        ("fr", "Le solde restant dû après déduction des versements reçus s'élève à 1 234,56 €."),
        ("it", "Il debito residuo dopo i pagamenti ricevuti è di € 1.234,56."),
        ("es", "El saldo pendiente tras los pagos recibidos asciende a 1.234,56 €."),
    ],
)
def test_a_clear_remaining_balance_after_the_instalments_applies(judge: Any, lang: str, text: str) -> None:
    verdict = judge(lang, text)
    assert verdict.apply and verdict.amount == Decimal("1234.56"), verdict.reasons


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die vereinbarte Rate beträgt 50,00 EUR monatlich und ist bisher pünktlich eingegangen."),
        ("de", "Wir bestätigen den Eingang der vereinbarten Raten für Oktober und November zu je 50,00 EUR."),
        (
            "en",
            "We confirm that the payments under the arrangement have been received. The sum paid so far is €600.00.",
        ),
        ("it", "Secondo il piano di rientro restano da pagare € 1.234,56."),
    ],
)
def test_an_instalment_or_payments_confirmed_without_a_balance_is_held(judge: Any, lang: str, text: str) -> None:
    verdict = judge(lang, text)
    assert not verdict.apply, (verdict.amount, verdict.reasons)


def test_the_plans_figure_beside_the_full_claim_never_applies(judge: Any) -> None:
    text = "Gemäß Ratenplan noch zu leisten: 1.234,56 EUR\nGesamtforderung ohne Vergleich: 1.490,00 EUR"
    verdict = judge("de", text)
    assert verdict.amount != Decimal("1234.56") or not verdict.apply, verdict.reasons


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "Nous vous informons que le dernier versement de 28,40 € reçu le 20 novembre 2026 a soldé le dossier. "
            "Plus aucune somme n'est due.",
        ),
        ("it", "L'ultima rata di € 28,40 ricevuta il 20/11/2026 ha saldato il debito."),
        ("en", "The final payment of €28.40 received on 20 November 2026 cleared the balance."),
    ],
)
def test_the_last_instalment_settling_the_file_applies_zero(judge: Any, lang: str, text: str) -> None:
    verdict = judge(lang, text)
    assert verdict.apply and verdict.amount == Decimal("0.00"), verdict.reasons


# --- a condition on the plan's own figure does not hold the full claim beside it ---------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Gesamtforderung (ohne Vergleich):   1.490,00 EUR\nGemäss Ratenvergleich noch zu leisten:   1.234,56 EUR\n\n"
            "Der Vergleichsbetrag gilt nur bei vollständiger und fristgerechter Erfüllung der Vereinbarung.",
        ),
        (
            "it",
            "Importo residuo secondo il piano di rateizzazione: € 1.234,56\n"
            "Debito complessivo senza il piano: € 1.490,00\n\n"
            "L'importo del piano vale solo se le rate vengono pagate puntualmente.",
        ),
    ],
)
def test_a_condition_on_the_plans_figure_leaves_the_full_claim(judge: Any, lang: str, text: str) -> None:
    verdict = judge(lang, text)
    assert verdict.apply and verdict.amount == Decimal("1490.00"), verdict.reasons


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the condition names the figure itself, not the plan's
        (
            "de",
            "Gesamtforderung (ohne Vergleich):   1.490,00 EUR\nGemäss Ratenvergleich noch zu leisten:   1.234,56 EUR\n\n"
            "Dieser Betrag gilt nur bei Zahlung bis zum 31.12.2026.",
        ),
        # the plan's figure named, but no other figure beside the total
        ("de", "Die Restforderung beträgt 1.490,00 EUR.\n\nDer Vergleichsbetrag gilt nur bei fristgerechter Zahlung."),
        ("en", "The balance is €1,490.00.\n\nThe settlement amount is only valid if paid by 31 December 2026."),
    ],
)
def test_a_condition_on_the_figure_itself_still_holds(judge: Any, lang: str, text: str) -> None:
    verdict = judge(lang, text)
    assert not verdict.apply, (verdict.amount, verdict.reasons)

"""One instalment or month paid is not the claim settled: "la rata mensile di novembre di € 250,00 risulta
saldata", "de maandtermijn van november is voldaan", "la cuota de noviembre está saldada", "a prestação de
novembro se encontra liquidada" were read as a settled reply and applied 0.00 (found by the hold harness's
`historical` decoy of tuning_x x009). The reply-kind classifier, the wording table and the safety layer's own
settled check (``labels.settles_only_a_part``) now all read such a sentence as one part paid; the last
instalment settling the claim, and a claim noun between the part and the settled words, still settle it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.extraction.labels import settles_only_a_part
from creditctl.pipeline.reply_wording import find_phrases
from creditctl.pipeline.safety import settled_phrase
from tests.case_judge import case_judge

_SENDER = ("Agos Ducato S.p.A.", "recupero@agos.example")
RECORDS = [
    {
        "file_number": "L14-0001",
        "name": "Francesca Russo",
        "date_of_birth": "1979-05-04",
        "claims": [
            {
                "creditor_name": _SENDER[0],
                "agent_name": None,
                "creditor_emails": [_SENDER[1]],
                "creditor_reference": "AG-0041227781",
                "amount": "4950.00",
                "currency": "EUR",
                "zendesk_ticket_id": None,
            }
        ],
    }
]

#: one instalment paid, in the languages whose settled participles stand alone
PART_PAID = [
    "in riferimento alla Sig.ra Francesca Russo, contratto n. AG-0041227781, confermiamo che la rata mensile di "
    "novembre di € 250,00 risulta saldata.",
    "Inzake mevrouw Francesca Russo, contract AG-0041227781, bevestigen wij dat de maandtermijn van november ad "
    "€ 250,00 is voldaan.",
    "En relación con la Sra. Francesca Russo, contrato AG-0041227781, confirmamos que la cuota mensual de noviembre "
    "de 250,00 € está saldada.",
    "Relativamente à Sra. Francesca Russo, contrato AG-0041227781, confirmamos que a prestação de novembro de "
    "250,00 € se encontra liquidada.",
    "in riferimento alla Sig.ra Francesca Russo, contratto n. AG-0041227781, la rata di novembre è stata pagata e "
    "risulta estinta.",
    "Zu Frau Francesca Russo, Vertrag AG-0041227781: die Monatsrate für November über 250,00 € ist beglichen.",
    "Re Ms Francesca Russo, agreement AG-0041227781: the November instalment of EUR 250.00 has been settled.",
]
#: the claim settled, with a part named beside it
CLAIM_SETTLED = [
    "Zu Frau Francesca Russo, Vertrag AG-0041227781: die letzte Rate ist eingegangen, die Forderung ist damit "
    "vollständig beglichen.",
    "Zu Frau Francesca Russo, Vertrag AG-0041227781: Nach Eingang der Rate vom 15.11. ist die Forderung vollständig "
    "ausgeglichen.",
    "in riferimento alla Sig.ra Francesca Russo, contratto n. AG-0041227781, l'ultima rata ha saldato il debito.",
    "in riferimento alla Sig.ra Francesca Russo, contratto n. AG-0041227781, con il pagamento della rata di novembre "
    "il debito risulta interamente saldato.",
    "Re Ms Francesca Russo, agreement AG-0041227781: the final instalment has been received and the account is now "
    "settled in full.",
    "Inzake mevrouw Francesca Russo, contract AG-0041227781: na de laatste termijn is de vordering volledig voldaan.",
    "En relación con la Sra. Francesca Russo, contrato AG-0041227781, tras el pago de la última cuota la deuda está "
    "saldada.",
]


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with case_judge(RECORDS, tmp_path_factory.mktemp("db")) as judge_case:

        def run(text: str) -> Any:
            body = f"Sehr geehrte Damen und Herren,\n\n{text}\n\nMit freundlichen Grüßen\n{_SENDER[0]}"
            case = {
                "subject": "AW: AG-0041227781",
                "from_email": _SENDER[1],
                "from_name": _SENDER[0],
                "body_text": body,
            }
            return judge_case(**case)[2]

        yield run


@pytest.mark.parametrize("text", PART_PAID)
def test_one_instalment_paid_never_applies_zero(judge: Any, text: str) -> None:
    verdict = judge(text)
    assert not verdict.apply, (verdict.amount, verdict.reasons)


@pytest.mark.parametrize("text", PART_PAID)
def test_one_instalment_paid_beside_a_past_figure_never_applies(judge: Any, text: str) -> None:
    verdict = judge(f"{text}\n\nAl 31/12/2025 il saldo ammontava a 4.329,90 €.")
    assert not verdict.apply, (verdict.amount, verdict.reasons)


@pytest.mark.parametrize("text", CLAIM_SETTLED)
def test_the_claim_settled_beside_a_part_still_applies_zero(judge: Any, text: str) -> None:
    verdict = judge(text)
    assert verdict.apply and verdict.amount == Decimal("0.00"), verdict.reasons


@pytest.mark.parametrize("text", PART_PAID[:4])
def test_the_safety_layer_does_not_take_one_part_paid_for_a_settled_claim(text: str) -> None:
    # the check that does not trust the extractor: a Claude reading of 0.00 needs a settled phrase of its own
    assert settled_phrase(text) is None
    assert find_phrases("settled", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la rata di novembre risulta saldata", True),
        ("de termijn van oktober is voldaan", True),
        ("l'ultima rata risulta saldata", False),  # the last one may settle the claim
        ("dopo la rata di novembre il debito risulta saldato", False),  # the claim noun is what was settled
        ("Il debito risulta saldato", False),
        ("Le rate sono state pagate, il debito risulta saldato", False),  # another clause
        ("Per il contratto AG-1 la rata di novembre risulta saldata", True),  # the contract is the topic
        ("Für den Vertrag AG-1 ist die Rate vom 30.06. beglichen", True),  # a date's full stop ends no clause
        ("Für den Vertrag AG-1 ist die Novemberrate beglichen", False),  # a compound month: the classifier's own
        ("Nach Verrechnung der Abschlagszahlungen ist Ihr Kundenkonto ausgeglichen", False),  # a compound account
        ("Nach Eingang der Raten ist die Restschuld beglichen", False),
        # the part is the means, the contract named before it what was settled
        ("der Stromvertrag SWB-4471-01 ist mit der Rate vom 30.06.2026 vollständig ausgeglichen", False),
        ("the agreement AG-1 has been settled with the instalment of 30 June", False),
        ("the agreement AG-1: the instalment of 30 June has been settled", True),
    ],
)
def test_settles_only_a_part(text: str, expected: bool) -> None:
    start = max(text.rfind(w) for w in ("saldat", "voldaan", "beglichen", "ausgeglichen", "settled"))
    assert settles_only_a_part(text, start) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two clause starts before the settled words: the clause is the one after the last of them, so a part named in
        # an earlier clause is not what "alles ist beglichen" settles
        ("Vielen Dank, die Rate für November ist eingegangen. Damit ist alles beglichen", False),
        ("Thank you, the November instalment has arrived; everything is now settled", False),
        ("Grazie, la rata di novembre è arrivata. Tutto risulta saldato", False),
        ("Bedankt, de termijn van november is ontvangen, alles is voldaan", False),
        # the part in the last clause still reads as one part paid, however many clauses stand before it
        ("Vielen Dank für Ihre Nachricht, wie besprochen: die Rate für November ist beglichen", True),
        ("Thank you, as agreed; the November instalment has been settled", True),
        ("Grazie, come concordato. La rata di novembre risulta saldata", True),
        # a date's full stop between the two starts ends no clause
        ("Danke, am 30.06. ist die Rate für Juni beglichen", True),
    ],
)
def test_the_last_clause_start_before_the_settled_words_counts(text: str, expected: bool) -> None:
    start = max(text.rfind(w) for w in ("saldat", "voldaan", "beglichen", "settled"))
    assert settles_only_a_part(text, start) is expected

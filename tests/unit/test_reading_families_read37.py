"""Reading round 37 (docs/evaluation.md, "Reading round 37 (read37)"): the issue's fault kinds as
families — settled replies in Portuguese and Spanish status wording, letter-spaced PDF labels, column
headings a PDF ran together — each with positives in several languages and near-misses that must not
change."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.safety import settled_phrase


def _read(text: str):
    return RulesExtractor().extract(ExtractionInput(reply_text=text))


# --- settled: "se encontra liquidado", "não existe qualquer valor em dívida", "se encuentra saldada" ------


@pytest.mark.parametrize(
    "text",
    [
        "Exmos. Senhores,\nInformamos que o contrato n.º CFP-99120344 se encontra liquidado.",
        "Exmos. Senhores,\nA conta do vosso cliente encontra-se totalmente regularizada.",
        "Exmos. Senhores,\nNão existe qualquer valor em dívida.",
        "Prezados senhores,\nnão há nenhum montante em aberto em nome do cliente.",
        "Estimados señores:\nla deuda de su clienta se encuentra totalmente saldada.",
        "Estimados señores:\nel contrato se encuentra liquidado desde el 19/11/2026.",
    ],
)
def test_settled_status_wording_is_a_settled_reply(text: str) -> None:
    assert _read(text).reply_kind is ReplyKind.CLAIM_SETTLED
    assert settled_phrase(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Exmos. Senhores,\nO contrato não se encontra liquidado: o valor em dívida é de 1.150,00 €.",
        "Exmos. Senhores,\nO contrato encontra-se parcialmente liquidado; o valor em dívida é de 1.150,00 €.",
        "Exmos. Senhores,\nExiste um valor em dívida de 1.150,00 €.",
        "Estimados señores:\nla deuda no se encuentra saldada; el importe pendiente es de 1.150,00 €.",
    ],
)
def test_near_misses_stay_a_claim_statement(text: str) -> None:
    result = _read(text)
    assert result.reply_kind is ReplyKind.CLAIM_STATEMENT
    assert result.amounts.total == Decimal("1150.00")
    assert settled_phrase(text) is None

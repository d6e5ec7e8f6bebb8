"""Settled wording of the Romance languages: "non risulta più alcun debito", "no se adeuda
nada", "nada mais é devido" are a settled reply (0.00), not a reply stating no claim; a
reply stating a figure in the same languages stays a claim statement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor


def _read(text: str):
    return RulesExtractor().extract(ExtractionInput(reply_text=text))


@pytest.mark.parametrize(
    "text",
    [
        "Gentili Signori,\nil debito del Sig. Hans Brunnermann è stato interamente estinto. Nulla è più dovuto.",
        "Gentili Signori,\nnon risulta più alcun debito a carico della Signora Ferraresi.\nCordiali saluti",
        "Gentili Signori,\nnon c'è più nessun importo dovuto da parte del Vostro assistito.",
        "Estimados señores:\nla deuda está totalmente saldada, no se adeuda nada.",
        "Estimados señores:\nle informamos que no se adeuda nada por parte de su cliente.",
        "Estimados señores:\nnada se adeuda a esta entidad.",
        "Prezados senhores,\ninformamos que nada mais é devido.",
        "Prezados senhores,\nnão existe mais qualquer dívida do vosso cliente.",
    ],
)
def test_settled_wording_is_a_settled_reply(text: str) -> None:
    assert _read(text).reply_kind is ReplyKind.CLAIM_SETTLED


@pytest.mark.parametrize(
    "text",
    [
        "Gentili Signori,\nil saldo dovuto è di 1.150,00 EUR.",
        "Gentili Signori,\nrisulta ancora un debito di 1.150,00 EUR.",
        "Estimados señores:\nsu cliente nos adeuda 1.150,00 EUR.",
        "Prezados senhores,\no valor em dívida é de 1.150,00 EUR.",
    ],
)
def test_a_figure_in_the_same_languages_is_still_a_claim_statement(text: str) -> None:
    result = _read(text)
    assert result.reply_kind is ReplyKind.CLAIM_STATEMENT
    assert result.amounts.total == Decimal("1150.00")

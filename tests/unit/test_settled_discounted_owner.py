"""A settled phrase that states no settled claim — under a condition, or one instalment paid — is one owner's check
(``reply_wording.settled_discounted``), asked by the wording table and the reply-kind classifier alike; the classifier
adds only its own (the figure named was paid). Both readers agree on each sentence below, and clear settled replies
still read as settled."""

from __future__ import annotations

import pytest

from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.reply_wording import find_phrases, settled_discounted

_SETTLED_WORDS = ("beglichen", "ausgeglichen", "settled", "saldat", "saldad", "voldaan", "soldé", "reglerad")

NOT_SETTLED = [
    # under a condition: an offer, not a fact
    "Sobald die Zahlung von 300,00 EUR eingegangen ist, ist die Forderung vollständig beglichen.",
    "Once the payment of EUR 300.00 has been received, the account will be settled.",
    "Si se abonan 300,00 EUR antes del 31/12, se considerará la deuda saldada.",
    "Qualora il pagamento di 300,00 EUR sia ricevuto entro il 31/12, il debito sarà saldato.",
    # "as soon as" / "once" in each language: a promise of what follows a payment
    "Una volta ricevuto il pagamento di 300,00 EUR, il debito sarà saldato.",
    "Non appena riceveremo il pagamento di 300,00 EUR, il debito sarà saldato.",
    "Una vez recibido el pago de 300,00 EUR, la deuda quedará saldada.",
    "Une fois le paiement de 300,00 EUR reçu, la créance sera soldée.",
    "On receipt of EUR 300.00 the account will be settled in full.",
    "Zo gauw wij 300,00 EUR ontvangen hebben, is de vordering voldaan.",
    "Så snart vi mottagit 300,00 kr är skulden reglerad.",
    # one instalment paid, not the claim
    "La rata di novembre risulta saldata.",
    "De maandtermijn van november is voldaan.",
    "La cuota de noviembre está saldada.",
]
SETTLED = [
    "Die Forderung ist vollständig beglichen.",
    "The account has been settled in full.",
    "Il debito risulta saldato.",
    "De vordering is volledig voldaan.",
]


def _start(text: str) -> int:
    return max(text.rfind(w) for w in _SETTLED_WORDS)


@pytest.mark.parametrize("text", NOT_SETTLED)
def test_a_settled_phrase_stating_no_settled_claim_is_discounted_by_both_readers(text: str) -> None:
    assert settled_discounted(text, _start(text))
    assert find_phrases("settled", text) == []
    assert classify_text(text, has_claim_amount=False).kind is not ReplyKind.CLAIM_SETTLED


@pytest.mark.parametrize("text", SETTLED)
def test_a_claim_settled_is_not_discounted(text: str) -> None:
    assert not settled_discounted(text, _start(text))
    assert classify_text(text, has_claim_amount=False).kind is ReplyKind.CLAIM_SETTLED

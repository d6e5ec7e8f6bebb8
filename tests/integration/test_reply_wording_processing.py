"""The reply wording checks behind Claude's reading: Claude (the real anthropic SDK against
the local Messages-API fake) reads an applicable claim statement, and the one decision
function (``services.decide.judge``) still holds what the creditor's own words contradict."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.services.context import AppContext
from creditctl.services.evaluation import judge_case
from creditctl.settings import load_settings
from tests.fakes.messages_api import MessagesAPIServer, Reply

SENDER = "forderungen@nordic-credit.example"
CANDIDATE = ClaimCandidate(
    claim_id=1,
    client_id=1,
    client_file_number="BÖ-2026-0901",
    client_name="Ingrid Berg",
    creditor_name="Nordic Credit AS",
    agent_name=None,
    creditor_emails=(SENDER,),
    creditor_reference="NC-901-4471",
    amount=Decimal("1000.00"),
)


def claude_answer(kind: str, total: str, line: str) -> dict:
    return {
        "is_creditor_reply": True,
        "reply_kind": kind,
        "creditor_name": "Nordic Credit AS",
        "original_creditor": None,
        "client_name": "Ingrid Berg",
        "client_date_of_birth": None,
        "client_file_number": None,
        "creditor_references": ["NC-901-4471"],
        "amounts": {"principal": None, "interest": None, "costs": None, "total": total},
        "currency": "EUR",
        "statement_date": None,
        "confidence": 0.95,
        "evidence": [
            {"field": "amounts.total", "text": line, "source": "body"},
            {"field": "currency", "text": line, "source": "body"},
            {"field": "creditor_name", "text": "Nordic Credit AS", "source": "body"},
            {"field": "client_name", "text": "Ingrid Berg", "source": "body"},
            {"field": "creditor_references", "text": "NC-901-4471", "source": "body"},
        ],
    }


CASES = [
    # (id, reply sentence, Claude's kind, Claude's total, evidence, applies, a word of the reason)
    (
        "unknown_no",
        "Personen Ingrid Berg er ukjent for oss. Under referanse NC-901-4471 står 1.050,00 EUR.",
        "claim_statement",
        "1050.00",
        "1.050,00 EUR",
        False,
        "unknown",
    ),
    (
        "dispute_fr",
        "Nous contestons le plan pour Ingrid Berg (NC-901-4471). Le solde restant dû s'élève à 1 050,00 EUR.",
        "claim_statement",
        "1050.00",
        "1 050,00 EUR",
        False,
        "disputes",
    ),
    (
        "offer_es",
        "Para Ingrid Berg (NC-901-4471) aceptaríamos un importe reducido de 900,00 EUR como pago único.",
        "settlement_proposal",
        "900.00",
        "900,00 EUR",
        False,
        "settlement or reduced-sum offer",
    ),
    (
        "settled_owed_en",
        "The account NC-901-4471 of Ingrid Berg has been settled. Outstanding balance: EUR 1,050.00.",
        "claim_settled",
        "0.00",
        "settled",
        False,
        "owed",
    ),
    (
        "clear_da",
        "Den samlede gæld for Ingrid Berg (NC-901-4471) udgør 1.050,00 EUR.",
        "claim_statement",
        "1050.00",
        "1.050,00 EUR",
        True,
        "",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "kind", "total", "line", "applies", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_claudes_applicable_reading_is_held_when_the_reply_contradicts_it(
    tmp_path, sentence, kind, total, line, applies, reason
):
    from creditctl.adapters.claude import ClaudeExtractor

    body = f"Hei,\n\n{sentence}\n\nMed vennlig hilsen\nNordic Credit AS"
    with MessagesAPIServer() as srv:
        srv.enqueue(Reply.raw_text("```json\n" + json.dumps(claude_answer(kind, total, line)) + "\n```"))
        claude = ClaudeExtractor(model="claude-haiku-4-5", timeout_s=5.0, api_key="test-key", base_url=srv.base_url)
        ctx = AppContext(
            settings=load_settings(home=tmp_path, extractor="claude"), extractor_factory=lambda name: claude
        )
        row = {
            "ticket_id": "T-9",
            "subject": "Re: Ingrid Berg",
            "from_email": SENDER,
            "from_name": "Nordic Credit AS",
            "body_text": body,
            "body_html": None,
            "headers": {},
            "attachments": [],
        }
        result, _match, verdict, _parsed = judge_case(ctx, row, [CANDIDATE], "claude")
    assert result.extractor == "claude" and result.reply_kind.value == kind
    assert verdict.apply is applies, verdict.reasons
    if not applies:
        assert any(reason in r for r in verdict.reasons), verdict.reasons

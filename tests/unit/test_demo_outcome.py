"""``creditctl demo``'s outcome table reads right to a newcomer: a held email waits for a
person (not "completed"), and every email that touched no claim gets its reason line."""

import io

from rich.console import Console

from creditctl import demo

HELD = {
    "processing_status": "completed",
    "match_status": "needs_review",
    "hold_reasons": ["best score 0.77 below 0.80"],
    "match": {"verdict_reasons": ["best score 0.77 below 0.80"]},
}
AUTO_REPLY = {
    "processing_status": "not_creditor_reply",
    "match_status": "no_match",
    "hold_reasons": [],
    "match": {"verdict_reasons": ["not a creditor reply (auto_reply)"]},
}
APPLIED = {
    "processing_status": "completed",
    "match_status": "auto_matched",
    "claim_updates": [
        {
            "client_file_number": "BÖ-1",
            "client_name": "A",
            "creditor_name": "C",
            "creditor_reference": "R",
            "old_amount": "1.00",
            "new_amount": "2.00",
            "currency": "EUR",
        }
    ],
    "amounts": {"total": "2.00"},
    "currency": "EUR",
}


def _printed(docs: dict[int, dict]) -> str:
    buffer = io.StringIO()
    demo._print_outcome(Console(file=buffer, width=400), [(f"{i}.json", i) for i in docs], docs)
    return buffer.getvalue()


def test_a_held_email_reads_as_waiting_for_a_person_and_an_auto_reply_gets_a_reason() -> None:
    text = _printed({1: APPLIED, 4: AUTO_REPLY, 5: HELD})

    row = next(line for line in text.splitlines() if line.startswith("│ 5 "))
    assert "waits for a person: held for review, see `creditctl review`" in row
    assert "completed" not in row and "needs_review" not in row  # states are not words for a newcomer
    assert "claim updated" in next(line for line in text.splitlines() if line.startswith("│ 1 "))
    assert "  email 4 set aside, no claim touched: not a creditor reply (auto_reply)" in text
    assert "  email 5 waits for a person: best score 0.77 below 0.80" in text
    assert "email 1 " not in text  # applied: no reason line

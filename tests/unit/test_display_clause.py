"""``display.clause``: a sentence joined to more text with "; " drops its final full stop."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("check CREDITCTL_ZENDESK_WEBHOOK_SECRET.", "check CREDITCTL_ZENDESK_WEBHOOK_SECRET"),
        ("the body is not JSON; ", "the body is not JSON"),
        ("database unavailable", "database unavailable"),
        ("wait…", "wait…"),
        ("and so on...", "and so on..."),
        ("is it signed?", "is it signed?"),
    ],
)
def test_a_sentence_joins_as_a_clause_without_doubled_punctuation(sentence: str, clause: str) -> None:
    from creditctl.display import clause as as_clause

    assert as_clause(sentence) == clause
    if not clause.endswith("..."):
        assert ".;" not in f"{as_clause(sentence)}; delivery 8f39"

"""``review list``'s line of an email whose figure the safety checks refused: it says why in
words (the desk's "nicht übernehmbar" with its hint), never a bare "refused"."""

from __future__ import annotations

from typing import Any

from creditctl.cli.review import _line


def _item(**extra: Any) -> dict[str, Any]:
    return {
        "id": 7,
        "received_at": None,
        "extracted": {"total": "2214.90", "currency": "EUR"},
        "candidates": [],
        "hold_reasons": ["reply is in the thread of claim 4"],
        "reasons": [],
        "evidence_problems": [],
        "match_status": "needs_review",
        "creditor": "Inkasso AG",
        "client": "Anna Muster",
        **extra,
    }


def test_a_refused_figure_says_why_in_words() -> None:
    withheld = ["the email contains text addressed to an AI system (prompt injection)"]
    line = _line(_item(amount_refused=True, offer={"amount": None, "withheld": withheld}))
    assert "not usable" in line and "refused" not in line and "2214.90" not in line
    assert line.endswith("; amount read not usable: " + withheld[0])


def test_a_usable_figure_is_shown_without_a_reason() -> None:
    line = _line(_item(amount_refused=False, offer={"amount": "2214.90", "withheld": []}))
    assert "2214.90 EUR" in line and "not usable" not in line


def test_a_refusal_the_lines_reason_already_says_is_not_repeated() -> None:
    reason = "reply is a dispute: a person decides"
    withheld = [f"held for dispute ({reason}): a dispute sets no amount; read the email and decide"]
    line = _line(_item(hold_reasons=[reason], amount_refused=True, offer={"amount": None, "withheld": withheld}))
    assert "not usable" in line and line.endswith(f"| {reason}")


def test_the_desk_says_what_is_wrong_with_a_reply_in_another_claims_thread() -> None:
    from creditctl.desk.i18n import Formatter

    german = Formatter("de", "Europe/Berlin").reason("reply is in the thread of claim 4")
    assert "anderen Forderung (4)" in german and "entscheidet eine Person" in german

"""`creditctl review show ID` put every past update of every candidate claim before the reply
(an operator's reply started at line 99 of 107): the holds and the amount offered come first,
then the reply, then each candidate with its newest updates and how many older ones
`--history` prints."""

from __future__ import annotations

from datetime import timedelta

from creditctl.services.context import AppContext
from tests.integration.test_review_cli_faces import cli_ctx, run
from tests.integration.test_review_service import RECEIVED, add_email, claim_id

__all__ = ["cli_ctx"]  # the fixture, used by name


def test_show_prints_the_reply_before_a_bounded_history(cli_ctx: AppContext) -> None:
    target = claim_id(cli_ctx, "TK-1")
    for step in range(5):  # five past updates of the candidate claim
        applied = add_email(cli_ctx, key=f"past{step}", received_at=RECEIVED + timedelta(days=step))
        amount = f"{81 + step},00"
        done = run("review", "approve", str(applied), "--claim", str(target), "--amount", amount)
        assert done.exit_code == 0, done.output
    email_id = add_email(cli_ctx, key="now", received_at=RECEIVED + timedelta(days=9))

    text = run("review", "show", str(email_id)).output
    lines = text.splitlines()
    at = {
        key: next(i for i, line in enumerate(lines) if line.strip().startswith(key))
        for key in ("held:", "amount offered:", "reply:", "candidate claim")
    }
    assert at["held:"] < at["amount offered:"] < at["reply:"] < at["candidate claim"], text
    updates = [line for line in lines if "→" in line and " by " in line]
    assert len(updates) == 3 and "85.00" in updates[-1], text  # the newest three
    assert f"… 2 older update(s): `creditctl review show {email_id} --history`" in text

    full = run("review", "show", str(email_id), "--history").output
    assert len([line for line in full.splitlines() if "→" in line and " by " in line]) == 5, full
    assert "older update(s)" not in full

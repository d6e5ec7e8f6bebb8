"""`review undo` re-reads the emails waiting about the claim of the decision it undoes, as a
decision does (`review._rejudge_held_on`), through the same owner (`operations.enqueue_reprocess`,
one operation; `rejudged` in its JSON), so they are judged again on the claim as the undo restored
it: a reply held because the claim was recorded sold to another holder no longer names a sale that
was undone. On both backend pairs."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from creditctl import db
from creditctl.models import Email, Operation
from creditctl.services import clients, review
from creditctl.services.decide import sold_reason
from tests.helpers import Env
from tests.integration.test_review_service import CLIENTS, RECEIVED, add_email, claim_id


def _hold(env: Env, email_id: int, about: int, reasons: list[str]) -> None:
    with db.session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        email.match = {**(email.match or {}), "about_claim_id": about, "hold_reasons": reasons}


@pytest.mark.parametrize("decision", ["sold", "approve"])
def test_an_undo_re_reads_the_emails_waiting_on_its_claim(env: Env, tmp_path, decision: str) -> None:
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(env.ctx, path=path)
    target = claim_id(env.ctx, "RPI-7712-4408-19")
    elsewhere = claim_id(env.ctx, "TK-1")
    cand = [{"claim_id": target, "score": 0.9, "reasons": ["ref"]}]
    report = add_email(env.ctx, key="report", candidates=cand)
    held = add_email(env.ctx, key="held", candidates=cand, received_at=RECEIVED + timedelta(days=1))
    other = add_email(env.ctx, key="other", received_at=RECEIVED + timedelta(days=2))
    _hold(env, report, target, ["claim sold or assigned to a new holder (Lowell): a person decides"])
    _hold(env, other, elsewhere, ["the creditor is still checking the claim; no current figure yet"])
    if decision == "sold":
        review.sold(env.ctx, email_id=report, holder="Lowell Solutions Ltd", operator="anna")
        # judged after the decision: a reply of the previous holder about the sold claim
        _hold(env, held, target, [sold_reason("Lowell Solutions Ltd", "2025-03-04", "Rheinpfalz Inkasso GmbH")])
    else:
        review.approve(
            env.ctx, email_id=report, claim_id=target, operator="anna", amount_text="1234.56", confirm_change=True
        )
        _hold(env, held, target, ["the change against the stored claim is too large: a person decides"])

    doc = review.undo(env.ctx, email_id=report, operator="anna")

    assert doc["rejudged"] == [held], doc
    with db.session_scope(env.ctx.db_url) as s:
        assert (s.get(Email, held).processing_status, s.get(Email, held).match_status) == ("queued", "pending")
        assert s.get(Email, other).processing_status == "completed"  # about another claim: untouched
        assert s.get(Email, report).match_status == "needs_review"  # the undone decision's email waits again
        op = s.query(Operation).filter(Operation.kind == "reprocess").one()
        assert op.params["after_decision_on"] == report and "undone by anna" in op.label

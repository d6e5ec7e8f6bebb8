"""A claim reported sold or assigned: the caseworker records the new holder (``review.sold``,
``creditctl review sold``, the desk's "Forderung verkauft / abgetreten"). The claim's creditor
becomes the new holder with the history kept; the new holder's replies apply to the claim,
the previous holder's are held ("claim sold to X on DATE"); undo restores the previous
holder. Webhook → worker → gate, both backends."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.exceptions import NeedsConfirmation, Refused
from creditctl.models import Claim, ClaimHolder, ClaimUpdate, Email, ReviewAction
from creditctl.services import review
from creditctl.services.clients import import_clients
from creditctl.web import create_app
from tests.helpers import drain, signed_headers
from tests.integration.test_pending_handover import SENDER, SOLD, _clients, statement

HOLDER = "Lowell Solutions Ltd"
HOLDER_SENDER = "servicing@lowell-solutions.example"


def holder_statement(amount: str) -> str:
    return (
        f"Dear Sir or Madam,\n\nwe now hold the account of your client Gregor Lindqvist, our reference LS-88123. "
        f"The outstanding balance is {amount} EUR.\n\nKind regards,\nCustomer Servicing\n{HOLDER}"
    )


def post(env, comment: str, body: str, *, sender: str = SENDER, ticket: str = "90007") -> int:
    doc = {
        "ticket_id": ticket,
        "comment_id": comment,
        "subject": "RE: account QR-100777",
        "from_email": sender,
        "body_text": body,
    }
    raw = json.dumps(doc).encode()
    with TestClient(create_app(env.ctx)) as client:
        answer = client.post("/webhooks/zendesk", content=raw, headers=signed_headers(raw))
    assert answer.status_code == 200 and answer.json()["status"] == "accepted", answer.text
    drain(env.runtime)
    return int(answer.json()["email_id"])


def state(env, email_id: int) -> tuple[str, list[str], Decimal, str]:
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        claim = s.scalar(select(Claim).where(Claim.client_id.is_not(None)))
        return (
            email.match_status,
            list((email.match or {}).get("hold_reasons") or []),
            claim.amount,
            claim.creditor_name,
        )


def test_recording_the_new_holder_moves_the_claim_to_it_and_holds_the_previous_holder(env, tmp_path):
    import_clients(env.ctx, path=_clients(tmp_path))
    sold = post(env, "1", SOLD)
    assert state(env, sold)[0] == "needs_review"

    doc = review.sold(
        env.ctx,
        email_id=sold,
        holder=f"  {HOLDER} ",
        holder_reference="LS-88123",
        holder_emails=[HOLDER_SENDER],
        operator="anna",
        role="reviewer",
        channel="desk",
    )
    assert (doc["status"], doc["old_holder"], doc["new_holder"]) == ("sold", "Quayside Retail plc", HOLDER)
    assert doc["holder_reference"] == "LS-88123" and doc["known_holder"] is False
    with session_scope(env.ctx.db_url) as s:
        claim = s.get(Claim, doc["claim_id"])
        assert (claim.creditor_name, claim.creditor_reference, claim.amount) == (HOLDER, "LS-88123", Decimal("95.00"))
        assert claim.creditor_emails == [HOLDER_SENDER]
        (row,) = s.scalars(select(ClaimHolder)).all()
        assert (row.old_creditor_name, row.old_creditor_reference, row.old_creditor_emails) == (
            "Quayside Retail plc",
            "QR-100777",
            [SENDER],
        )
        assert row.email_id == sold and row.recorded_by == "anna" and row.undone_at is None
        assert s.scalar(select(ReviewAction.action).where(ReviewAction.email_id == sold)) == "sold"
    shown = review.detail(env.ctx, sold)
    assert shown["waiting"] is False and shown["undoable"] == "sale"
    assert shown["decision"]["action"] == "sold"
    (holders,) = [c["holders"] for c in shown["candidates"] if c["claim_id"] == doc["claim_id"]]
    assert [(h["old"], h["new"]) for h in holders] == [("Quayside Retail plc", HOLDER)]

    # the previous holder writes again: held, naming the sale
    old_reply = post(env, "2", statement("80.00"))
    status, reasons, amount, _ = state(env, old_reply)
    assert status == "needs_review" and amount == Decimal("95.00"), reasons
    day = doc["sold_at"][:10]
    assert reasons[0] == (
        f"claim sold to {HOLDER} on {day}: a reply of the previous holder Quayside Retail plc is not applied, "
        "a person decides"
    ), reasons

    # the new holder's statement applies to the claim
    new_reply = post(env, "3", holder_statement("90.00"), sender=HOLDER_SENDER, ticket="91000")
    status, reasons, amount, _ = state(env, new_reply)
    assert (status, amount) == ("auto_matched", Decimal("90.00")), reasons

    # a second decision on the closed email is refused and names the first
    with pytest.raises(Refused, match="claim sold to Lowell Solutions Ltd"):
        review.sold(env.ctx, email_id=sold, holder="Someone Else", operator="bernd", role="admin")
    # undo (another person: needs the confirmation) restores the previous holder
    with pytest.raises(NeedsConfirmation, match="recorded as sold by anna"):
        review.undo(env.ctx, email_id=sold, operator="bernd", role="admin")
    undone = review.undo(env.ctx, email_id=sold, operator="bernd", role="admin", confirm_other=True)
    assert (undone["undone"], undone["restored_holder"], undone["replaced_holder"]) == (
        "sale",
        "Quayside Retail plc",
        HOLDER,
    )
    with session_scope(env.ctx.db_url) as s:
        claim = s.get(Claim, doc["claim_id"])
        assert (claim.creditor_name, claim.creditor_reference, claim.creditor_emails) == (
            "Quayside Retail plc",
            "QR-100777",
            [SENDER],
        )
        assert s.scalar(select(ClaimHolder.undone_by)) == "bernd"
    assert review.detail(env.ctx, sold)["waiting"] is True


def test_an_existing_creditor_of_the_records_takes_its_addresses_along(env, tmp_path):
    path = _clients(tmp_path)
    records = json.loads(path.read_text("utf-8"))
    records.append(
        {
            "file_number": "CD-2026-002",
            "name": "Other Client",
            "claims": [
                {
                    "creditor_name": HOLDER,
                    "agent_name": None,
                    "creditor_emails": [HOLDER_SENDER],
                    "creditor_reference": "LS-1",
                    "amount": "10.00",
                }
            ],
        }
    )
    path.write_text(json.dumps(records), "utf-8")
    import_clients(env.ctx, path=path)
    sold = post(env, "1", SOLD)
    doc = review.sold(env.ctx, email_id=sold, holder="lowell solutions ltd", operator="anna")
    assert doc["known_holder"] is True and doc["new_holder"] == HOLDER
    assert doc["holder_reference"] == "QR-100777"  # no reference given: the claim keeps its own
    with session_scope(env.ctx.db_url) as s:
        assert s.get(Claim, doc["claim_id"]).creditor_emails == [HOLDER_SENDER]
        # importing the same records again does not bring the sold claim back under its old creditor
    report = import_clients(env.ctx, path=path)
    assert report.claims_created == 0, report
    review.undo(env.ctx, email_id=sold, operator="anna")
    with pytest.raises(Refused, match="not a candidate"):
        review.sold(env.ctx, email_id=sold, holder=HOLDER, claim_id=999, operator="anna")


def _element(mirror, reference_or_ticket: str = "90007") -> dict:
    document = mirror.collection.find_one({"aktenzeichen": "CD-2026-001"})
    (element,) = [e for e in document["final_creditor_list"] if e.get("zendesk_ticket_id") == reference_or_ticket]
    return element


def test_the_mirror_is_told_the_new_holder_and_the_hold_that_made_it_through_its_outbox(env, tmp_path, mongo_mirror):
    """`review sold` changed the claim's holder in SQL only: the portal kept the previous
    holder. The holder change is the mirror's outbox like a claim update: written by
    ``sync_mirror`` (its task kicked after the commit), kept pending through a MongoDB outage
    and taken again by the sweep, and its undo is mirrored the same way."""
    from creditctl.adapters.mirror import MongoMirror
    from creditctl.exceptions import MirrorUnavailable
    from creditctl.models import utcnow
    from creditctl.services import claims, operations
    from tests.ports import free_port

    env.ctx.mirror = mongo_mirror
    try:
        import_clients(env.ctx, path=_clients(tmp_path))
        (client,) = json.loads(_clients(tmp_path).read_text("utf-8"))
        mongo_mirror.upsert_client(client["file_number"], client["name"], client["claims"])  # the portal's document
        assert _element(mongo_mirror)["creditor_name"] == "Quayside Retail plc"
        sold = post(env, "1", SOLD)

        # MongoDB down while the caseworker records the sale: SQL commits, the mirror owes it
        env.ctx.mirror = MongoMirror.from_url(f"mongodb://127.0.0.1:{free_port()}/", "portal", timeout_ms=200)
        review.sold(
            env.ctx,
            email_id=sold,
            holder=HOLDER,
            holder_reference="LS-88123",
            holder_emails=[HOLDER_SENDER],
            operator="anna",
            role="reviewer",
        )
        with pytest.raises(MirrorUnavailable):  # what the mirror task meets
            claims.sync_mirror(env.ctx, sold)
        env.ctx.mirror.close()
        env.ctx.mirror = mongo_mirror
        with session_scope(env.ctx.db_url) as s:
            row = s.scalar(select(ClaimHolder).where(ClaimHolder.email_id == sold))
            assert row.mirror_status == "pending" and s.get(Email, sold).mirror_status == "pending"
        assert _element(mongo_mirror)["creditor_name"] == "Quayside Retail plc"  # not written yet, not lost
        report = operations.SweepReport()
        operations._kick_pending_mirrors(env.ctx, report, before=utcnow() + timedelta(seconds=1))
        assert sold in report.mirror_kicked  # the sweep takes it again

        drain(env.runtime)
        element = _element(mongo_mirror)
        assert (element["creditor_name"], element["creditor_reference"]) == (HOLDER, "LS-88123")
        assert element["creditor_email"] == HOLDER_SENDER
        change = element["creditctl_holder_change"]
        assert change["email_id"] == sold and change["previous_creditor_name"] == "Quayside Retail plc"
        assert change["recorded_by"] == "anna" and change["undone"] is False
        with session_scope(env.ctx.db_url) as s:
            assert s.scalar(select(ClaimHolder.mirror_status).where(ClaimHolder.email_id == sold)) == "mirrored"
            assert s.get(Email, sold).mirror_status == "mirrored"
        assert claims.sync_mirror(env.ctx, sold) == {}  # nothing owed: written once

        review.undo(env.ctx, email_id=sold, operator="anna", role="reviewer")
        drain(env.runtime)
        element = _element(mongo_mirror)
        assert (element["creditor_name"], element["creditor_reference"]) == ("Quayside Retail plc", "QR-100777")
        assert element["creditctl_holder_change"]["undone"] is True
    finally:
        env.ctx.mirror = None


def test_a_holder_change_waiting_for_the_mirror_is_counted_with_the_other_owed_writes(env, tmp_path):
    """A sale recorded while MongoDB is down owes the mirror a write like a claim update: the one
    owner of "pending mirror writes" (``services.mirror_backlog``) counts it, so ``creditctl
    health``, ``/metrics`` and ``status`` show it (both backend pairs: ``env``)."""
    from io import StringIO

    from rich.console import Console

    from creditctl import render
    from creditctl.adapters.mirror import MongoMirror
    from creditctl.exceptions import MirrorUnavailable
    from creditctl.metrics import Metrics
    from creditctl.services import claims, health
    from creditctl.services.overview import system_status
    from tests.ports import free_port

    import_clients(env.ctx, path=_clients(tmp_path))
    sold = post(env, "1", SOLD)
    env.ctx.mirror = MongoMirror.from_url(f"mongodb://127.0.0.1:{free_port()}/", "portal", timeout_ms=200)
    try:
        review.sold(
            env.ctx,
            email_id=sold,
            holder=HOLDER,
            holder_reference="LS-88123",
            holder_emails=[HOLDER_SENDER],
            operator="anna",
            role="reviewer",
        )
        with pytest.raises(MirrorUnavailable):  # what the mirror task meets
            claims.sync_mirror(env.ctx, sold)
        with session_scope(env.ctx.db_url) as s:
            assert s.scalar(select(ClaimHolder.mirror_status).where(ClaimHolder.email_id == sold)) == "pending"
            assert s.scalar(select(func.count()).select_from(ClaimUpdate)) == 0  # only the holder change is owed

        doc = system_status(env.ctx)["mirror_backlog"]
        assert doc["pending"] == 1 and doc["holder_changes"] == 1 and doc["claim_updates"] == 0
        assert doc["oldest"]["email_id"] == sold and "holder_change_id" in doc["oldest"]

        env.ctx.settings = env.ctx.settings.model_copy(update={"health_mirror_seconds": 0.0})
        line = health.health(env.ctx, queue_probe=lambda: {"pending": 0})["checks"]["mirror"]
        assert line.startswith("MongoDB mirror: 1 holder change(s) not written to the mirror"), line
        assert f"(email {sold})" in line

        body = Metrics(env.ctx).render()[0].decode()
        assert "creditctl_mirror_writes_pending 1.0" in body

        shown = StringIO()
        console = Console(file=shown, width=400)
        for item in render.system_renderables(system_status(env.ctx)):
            console.print(item)
        assert "MongoDB mirror: 1 holder change(s) not written to the mirror" in shown.getvalue()
    finally:
        env.ctx.mirror.close()
        env.ctx.mirror = None


def test_a_reply_of_the_previous_holder_from_another_address_is_shown_as_its_own(env, tmp_path):
    """An operator found the previous holder's reply (sent after the sale from an address
    the records did not have) listed under the new holder, who did not write it: the list,
    ``review show`` and the desk take the row's creditor from one place (``review._item``),
    which knows the reply naming the previous holder is the previous holder's."""
    import_clients(env.ctx, path=_clients(tmp_path))
    sold = post(env, "1", SOLD)
    review.sold(env.ctx, email_id=sold, holder=HOLDER, holder_emails=[HOLDER_SENDER], operator="anna", role="reviewer")

    old_reply = post(env, "2", statement("80.00"), sender="collections@quayside-group.example", ticket="90008")
    status, reasons, _, _ = state(env, old_reply)
    assert status == "needs_review" and reasons[0].startswith(f"claim sold to {HOLDER}"), reasons
    listed = {i["id"]: i for i in review.pending(env.ctx)}
    assert (listed[old_reply]["creditor"], listed[old_reply]["new_holder"]) == ("Quayside Retail plc", None)
    assert review.detail(env.ctx, old_reply)["creditor"] == "Quayside Retail plc"

    # the new holder's own reply still shows the new holder
    new_reply = post(env, "3", holder_statement("9000000.00"), sender=HOLDER_SENDER, ticket="91000")
    listed = {i["id"]: i for i in review.pending(env.ctx)}
    assert listed[new_reply]["creditor"] == HOLDER, listed[new_reply]  # held: an implausible figure
    assert review.detail(env.ctx, new_reply)["creditor"] == HOLDER

"""The content key (docs/zendesk-contract.md, "Delivery"): the same sender + subject + body
again on the same ticket (or from a file, which carries no ticket) is a duplicate; on
another ticket it is another email, stored and processed — a form letter naming no client
posted on two clients' tickets is two replies. A copy of a reply on another ticket that
reaches the same claim changes nothing (the claim already stands at its figure) and never
undoes a newer reply (it is as old as its first arrival, ``claims.first_arrival``)."""

from __future__ import annotations

import json
from decimal import Decimal

from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.models import Claim, ClaimUpdate, Email
from creditctl.services.clients import import_clients
from creditctl.services.files import ingest_file
from creditctl.web import create_app
from tests.helpers import drain, signed_headers

FORM_LETTER = (
    "Dear Sir or Madam,\n\nThank you for your letter. We confirm that the account has been settled in full; "
    "the balance is 0.00 EUR and nothing further is owed.\n\nKind regards,\nAccounts Receivable\nQuayside Retail plc"
)


def _clients(tmp_path):
    def client(number, name, reference, ticket):
        claim = {
            "creditor_name": "Quayside Retail plc",
            "creditor_emails": ["accounts@quayside.example"],
            "creditor_reference": reference,
            "amount": "95.00",
            "currency": "EUR",
            "zendesk_ticket_id": ticket,
        }
        return {"file_number": number, "name": name, "date_of_birth": "1970-01-09", "claims": [claim]}

    path = tmp_path / "clients.json"
    path.write_text(
        json.dumps(
            [
                client("CD-2026-001", "Gregor Lindqvist", "QR-100777", "90007"),
                client("CD-2026-002", "Oliver Pembridge", "QR-100293", "90004"),
            ]
        ),
        "utf-8",
    )
    return path


def _mail(ticket, comment, subject, body=FORM_LETTER):
    doc = {
        "ticket_id": ticket,
        "comment_id": comment,
        "subject": subject,
        "from_email": "accounts@quayside.example",
        "body_text": body,
    }
    return json.dumps(doc).encode()


def _post(client, body):
    answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_form_letters_about_two_clients_are_both_stored_and_processed(env, tmp_path):
    import_clients(env.ctx, path=_clients(tmp_path))
    with TestClient(create_app(env.ctx)) as client:
        a = _post(client, _mail("90007", "9101", "RE: Gregor Lindqvist - account QR-100777"))
        b = _post(client, _mail("90004", "9102", "RE: Oliver Pembridge - account QR-100293"))
    assert a["status"] == b["status"] == "accepted", (a, b)
    assert a["email_id"] != b["email_id"]
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as s:
        for answer, reference in ((a, "QR-100777"), (b, "QR-100293")):
            email = s.get(Email, answer["email_id"])
            assert (email.processing_status, email.match_status) == ("completed", "auto_matched")
            assert s.get(Claim, email.matched_claim_id).creditor_reference == reference


def test_one_form_letter_on_two_clients_tickets_is_two_replies(env, tmp_path):
    """The trial's case: the same "AW: Ihre Anfrage" letter naming no client, posted on both
    clients' tickets; each ticket's claim is settled, neither delivery is a duplicate."""
    import_clients(env.ctx, path=_clients(tmp_path))
    letter = (
        "Sehr geehrte Damen und Herren,\n\nwir bestätigen, die Forderung ist vollständig beglichen; "
        "der offene Betrag beträgt 0,00 EUR.\n\nMit freundlichen Grüßen\nForderungsmanagement\nQuayside Retail plc"
    )
    with TestClient(create_app(env.ctx)) as client:
        a = _post(client, _mail("90004", "9201", "AW: Ihre Anfrage", letter))
        b = _post(client, _mail("90007", "9202", "AW: Ihre Anfrage", letter))
    assert a["status"] == b["status"] == "accepted", (a, b)
    assert a["email_id"] != b["email_id"]
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as s:
        for answer, reference in ((a, "QR-100293"), (b, "QR-100777")):
            email = s.get(Email, answer["email_id"])
            assert (email.processing_status, email.match_status) == ("completed", "auto_matched")
            claim = s.get(Claim, email.matched_claim_id)
            assert (claim.creditor_reference, claim.amount) == (reference, Decimal("0.00"))


def test_the_same_content_again_on_the_same_ticket_is_a_duplicate(env, tmp_path):
    import_clients(env.ctx, path=_clients(tmp_path))
    with TestClient(create_app(env.ctx)) as client:
        a = _post(client, _mail("90007", "9101", "RE: Gregor Lindqvist - account QR-100777"))
        # another comment id on the same ticket (the creditor's reply posted twice)
        b = _post(client, _mail("90007", "9105", "AW: RE: Gregor Lindqvist - account QR-100777"))
    assert b == {"status": "duplicate", "email_id": a["email_id"]}
    with session_scope(env.ctx.db_url) as s:
        assert s.scalar(select(func.count()).select_from(Email)) == 1


def test_a_file_carries_no_ticket_its_content_twin_is_a_duplicate(env, tmp_path):
    import_clients(env.ctx, path=_clients(tmp_path))
    with TestClient(create_app(env.ctx)) as client:
        a = _post(client, _mail("90007", "9101", "RE: Gregor Lindqvist - account QR-100777"))
    eml = tmp_path / "reply.eml"
    eml.write_text(
        "From: accounts@quayside.example\nSubject: RE: Gregor Lindqvist - account QR-100777\n"
        "Message-ID: <x1@quayside.example>\nContent-Type: text/plain; charset=utf-8\n\n" + FORM_LETTER + "\n",
        "utf-8",
    )
    result = ingest_file(env.ctx, path=eml)
    assert (result.status, result.email_id) == ("duplicate", a["email_id"])


def test_a_copy_on_another_ticket_reaching_the_same_claim_changes_nothing(env, tmp_path):
    import_clients(env.ctx, path=_clients(tmp_path))
    older = "We confirm that the balance of account QR-100777 is 80.00 EUR.\n\nAccounts Receivable\nQuayside Retail plc"
    newer = (
        "We confirm that the balance of account QR-100777 is now 60.00 EUR.\n\nAccounts Receivable\nQuayside Retail plc"
    )
    with TestClient(create_app(env.ctx)) as client:
        a = _post(client, _mail("90007", "9101", "RE: Gregor Lindqvist - account QR-100777", older))
        drain(env.runtime)
        c = _post(client, _mail("90007", "9102", "RE: Gregor Lindqvist - account QR-100777", newer))
        drain(env.runtime)
        # the first reply forwarded into another ticket after the newer one: stored, but it
        # is as old as its first arrival and does not undo the newer figure
        b = _post(client, _mail("95555", "9999", "WG: AW:  re: Gregor   Lindqvist - account QR-100777", older))
    assert a["status"] == b["status"] == c["status"] == "accepted"
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as s:
        claim = s.scalar(select(Claim).where(Claim.creditor_reference == "QR-100777"))
        assert claim.amount == Decimal("60.00")
        assert claim.updated_by_email_id == c["email_id"]
        assert s.scalar(select(func.count()).select_from(ClaimUpdate).where(ClaimUpdate.email_id == b["email_id"])) == 0

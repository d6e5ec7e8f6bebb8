"""The content key (docs/zendesk-contract.md, "Delivery"): a re-delivery of one email under
another ticket is a duplicate; a form letter about another client (named only in the
subject) is a different email, stored and processed."""

from __future__ import annotations

import json

from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.models import Claim, ClaimUpdate, Email
from creditctl.services.clients import import_clients
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


def _mail(ticket, comment, subject):
    doc = {
        "ticket_id": ticket,
        "comment_id": comment,
        "subject": subject,
        "from_email": "accounts@quayside.example",
        "body_text": FORM_LETTER,
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


def test_the_same_mail_delivered_twice_under_another_ticket_is_one_email(env, tmp_path):
    import_clients(env.ctx, path=_clients(tmp_path))
    with TestClient(create_app(env.ctx)) as client:
        a = _post(client, _mail("90007", "9101", "RE: Gregor Lindqvist - account QR-100777"))
        # the same reply forwarded into another ticket: the subject gains prefixes and spaces
        b = _post(client, _mail("95555", "9999", "WG: AW:  re: Gregor   Lindqvist - account QR-100777"))
    assert a["status"] == "accepted"
    assert b == {"status": "duplicate", "email_id": a["email_id"]}
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as s:
        assert s.scalar(select(func.count()).select_from(Email)) == 1
        assert s.scalar(select(func.count()).select_from(ClaimUpdate)) <= 1

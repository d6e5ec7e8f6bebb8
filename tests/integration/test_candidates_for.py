"""``claims.load_candidates_for`` reads in one statement what ``as_before(load_candidates,
amounts_before)`` reads in two (docs/worker-performance.md, "Round 13"): per claim, the amount
before the email's first standing write — also when a newer write followed, never a reverted
write or a revert, NULL when the claim had no amount — and every other claim as it is."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from creditctl.db import session_scope
from creditctl.models import Claim, ClaimUpdate, Client, Email
from creditctl.services import claims

_keys = count(1)


def _email(session, n: int) -> int:
    email = Email(
        ticket_id=f"T{n}", dedupe_key=f"d{n}", raw_payload=b"{}", processing_status="processing", body_text=""
    )
    session.add(email)
    session.flush()
    return email.id


def _update(session, claim: Claim, email_id: int, old, new, **extra) -> ClaimUpdate:
    row = ClaimUpdate(
        claim_id=claim.id,
        email_id=email_id,
        old_amount=old,
        new_amount=Decimal(new),
        idempotency_key=f"k{next(_keys)}",
        **extra,
    )
    session.add(row)
    session.flush()
    return row


def _previous(session, email_id: int):
    return claims.as_before(
        claims.load_candidates(session), claims.amounts_before(session, [email_id]).get(email_id, {})
    )


def test_the_one_statement_reads_what_the_two_did(env) -> None:
    with session_scope(env.settings.effective_database_url) as session:
        client = Client(file_number="F-1", name="Anna Beispiel", date_of_birth="1980-02-03")
        session.add(client)
        session.flush()
        c = [
            Claim(client_id=client.id, creditor_name=f"Creditor {i}", amount=Decimal(f"{100 * (i + 1)}.00"))
            for i in range(6)
        ]
        c[5].amount = None
        session.add_all(c)
        session.flush()
        first, second, other, never = (_email(session, n) for n in range(4))
        _update(session, c[0], first, Decimal("100.00"), "90.00")  # stands
        _update(session, c[0], first, Decimal("90.00"), "80.00")  # a later write of the same email: not its first
        _update(session, c[0], second, Decimal("80.00"), "70.00")  # a newer email wrote after it
        reverted = _update(session, c[1], first, Decimal("200.00"), "150.00")
        revert = _update(session, c[1], first, Decimal("150.00"), "200.00", reverts_update_id=reverted.id)
        reverted.reverted_by_update_id = revert.id
        _update(session, c[2], other, Decimal("300.00"), "250.00")  # another email's write only
        _update(session, c[5], first, None, "55.00")  # the claim had no amount before
        _update(session, c[3], second, Decimal("400.00"), "410.00")
        session.flush()
        for email_id in (first, second, other, never, 10**9):
            assert claims.load_candidates_for(session, email_id) == _previous(session, email_id)
        mine = {x.claim_id: x.amount for x in claims.load_candidates_for(session, first)}
        assert mine[c[0].id] == Decimal("100.00")  # before its first standing write
        assert mine[c[1].id] == Decimal("200.00")  # reverted: the claim as it is
        assert mine[c[5].id] is None
        assert [x.claim_id for x in claims.load_candidates_for(session, first)] == [x.id for x in c]

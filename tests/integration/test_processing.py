"""The state machine and the claim write, through the real queue (both backends)."""

from __future__ import annotations

import json
from decimal import Decimal

from litestar.testing import TestClient
from sqlalchemy import func, select

from creditctl.db import session_scope
from creditctl.models import Claim, ClaimUpdate, Event
from creditctl.services import operations, processing, status
from creditctl.web import create_app
from tests.helpers import drain, import_sample_clients, sample_payload, signed_headers


def post(env, body: bytes) -> int:
    with TestClient(create_app(env.ctx)) as client:
        answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))
    assert answer.status_code == 200, answer.text
    return answer.json()["email_id"]


def transitions(env, email_id: int) -> list[tuple[str | None, str]]:
    with session_scope(env.ctx.db_url) as s:
        return [
            (e.from_status, e.to_status)
            for e in s.scalars(
                select(Event).where(Event.email_id == email_id, Event.kind == "transition").order_by(Event.id)
            )
        ]


def test_claim_statement_walks_the_state_machine_and_updates_the_claim(env):
    import_sample_clients(env)
    email_id = post(env, sample_payload("01_inkasso_table.json"))
    drain(env.runtime)
    doc = status.email_status(env.ctx, email_id)
    assert doc["processing_status"] == "completed"
    assert doc["match_status"] == "auto_matched"
    assert doc["attempts"] == 1
    assert transitions(env, email_id) == [
        ("received", "queued"),
        ("queued", "processing"),
        ("processing", "parsed"),
        ("parsed", "extracted"),
        ("extracted", "completed"),
    ]
    assert all(doc["times"][k] for k in ("received", "queued", "processing", "parsed", "extracted", "finished"))
    [update] = doc["claim_updates"]
    assert update["client_file_number"] == "BÖ-2024-0173"
    assert update["creditor_name"] == "Modehaus Lindner KG"
    assert (update["old_amount"], update["new_amount"], update["currency"]) == ("540.00", "686.41", "EUR")
    with session_scope(env.ctx.db_url) as s:
        claim = s.scalar(select(Claim).where(Claim.creditor_reference == "RPI-7712-4408-19"))
        assert claim.amount == Decimal("686.41") and claim.updated_by_email_id == email_id


def test_out_of_office_ends_not_creditor_reply(env):
    import_sample_clients(env)
    email_id = post(env, sample_payload("04_out_of_office.json"))
    drain(env.runtime)
    doc = status.email_status(env.ctx, email_id)
    assert (doc["processing_status"], doc["match_status"]) == ("not_creditor_reply", "no_match")
    assert doc["claim_updates"] == []


def test_uncertain_match_waits_for_review_and_changes_nothing(env):
    import_sample_clients(env)
    email_id = post(env, sample_payload("05_name_only_similar_clients.json"))
    drain(env.runtime)
    doc = status.email_status(env.ctx, email_id)
    assert (doc["processing_status"], doc["match_status"]) == ("completed", "needs_review")
    assert doc["claim_updates"] == []
    assert doc["match"]["candidates"], "review needs the candidates"


def test_injection_never_changes_a_claim(env):
    import_sample_clients(env)
    email_id = post(env, sample_payload("07_injection.json"))
    drain(env.runtime)
    doc = status.email_status(env.ctx, email_id)
    assert doc["match_status"] != "auto_matched" and doc["claim_updates"] == []


def test_processing_twice_changes_nothing_the_second_time(env):
    import_sample_clients(env)
    email_id = post(env, sample_payload("06_english_statement.json"))
    drain(env.runtime)
    # a re-run of the whole pipeline, the way `creditctl reprocess` does it (match reset to pending)
    operations.enqueue_reprocess(env.ctx, [email_id], operator="test", label=None, params={})
    outcome = processing.process_email(env.ctx, email_id)
    assert outcome.status == "completed"
    with session_scope(env.ctx.db_url) as s:
        assert s.scalar(select(func.count()).select_from(ClaimUpdate)) == 1
        claim = s.scalar(select(Claim).where(Claim.creditor_reference == "BWF-88213"))
        assert claim.amount == Decimal("2437.15")


def test_same_email_enqueued_three_times_is_processed_once(env):
    import_sample_clients(env)
    email_id = post(env, sample_payload("01_inkasso_table.json"))
    env.runtime.enqueue(email_id)
    env.runtime.enqueue(email_id)
    drain(env.runtime)
    with session_scope(env.ctx.db_url) as s:
        started = s.scalar(
            select(func.count()).select_from(Event).where(Event.email_id == email_id, Event.to_status == "processing")
        )
        assert started == 1
        assert s.scalar(select(func.count()).select_from(ClaimUpdate)) == 1


def test_missing_email_is_permanent(env):
    import pytest

    from creditctl.exceptions import EmailMissing

    with pytest.raises(EmailMissing):
        processing.process_email(env.ctx, 424242)


def test_status_json_contract(env):
    import_sample_clients(env)
    email_id = post(env, sample_payload("02_bank_saldo_thread.json"))
    drain(env.runtime)
    doc = status.email_status(env.ctx, email_id)
    for key in (
        "id",
        "processing_status",
        "match_status",
        "attempts",
        "last_error",
        "events",
        "claim_updates",
        "is_creditor_reply",
        "reply_kind",
        "creditor_name",
        "client_name",
        "creditor_references",
        "amounts",
        "currency",
        "evidence",
        "extractor",
    ):
        assert key in doc, key
    json.dumps(doc)
    overview = status.system_status(env.ctx)
    assert overview["by_status"] and overview["total"] == 1

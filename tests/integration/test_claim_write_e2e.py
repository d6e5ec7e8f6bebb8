"""The claim write end to end through the real queue (both backends): idempotency,
the MongoDB mirror (mongomock at the client boundary) through an outage, and the
Zendesk write-back against a local recording HTTP server."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pymongo.errors
import pytest
from sqlalchemy import func, select

from creditctl.adapters.mirror import MirrorClaimUpdate, MongoMirror, to_decimal, translate
from creditctl.adapters.zendesk import ZendeskClient
from creditctl.db import session_scope
from creditctl.models import Claim, ClaimUpdate, Email, Event, Outbox
from creditctl.services import claims, files, operations, processing
from tests.fakes.http_recorder import HttpRecorder, Reply
from tests.helpers import DATA, Env, drain, import_sample_clients, make_env

INKASSO = "01_inkasso_table.json"  # auto-matches claim RPI-7712-4408-19 of BÖ-2024-0173, 540.00 → 686.41
INKASSO_TICKET = "81234"
SIMILAR = "05_name_only_similar_clients.json"  # needs_review
SIMILAR_TICKET = "81560"


def seed_mirror(mirror: MongoMirror) -> None:
    """One portal document per sample client, amounts as Decimal."""
    for client in json.loads((DATA / "sample_clients.json").read_text(encoding="utf-8")):
        mirror.upsert_client(
            client["file_number"],
            client["name"],
            [{**claim, "amount": Decimal(claim["amount"])} for claim in client["claims"]],
        )


class FlakyMirror:
    """A MongoMirror whose first ``failures`` ``apply_claim_update`` calls raise
    ``AutoReconnect`` (the server is down) as the adapter translates it, then pass through."""

    def __init__(self, inner: MongoMirror, failures: int) -> None:
        self.inner = inner
        self.failures = failures
        self.calls = 0

    def apply_claim_update(self, update: MirrorClaimUpdate) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise translate(pymongo.errors.AutoReconnect("connection refused (test outage)"))
        return self.inner.apply_claim_update(update)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture
def make(tmp_path: Path, backend: str) -> Iterator:
    """Build an Env for ``backend`` with extra context (mirror, zendesk); closed after."""
    made: list[Env] = []

    def _make(**ctx_kwargs: Any) -> Env:
        env = make_env(tmp_path, backend, ctx_kwargs=ctx_kwargs)
        made.append(env)
        import_sample_clients(env)
        return env

    yield _make
    for env in made:
        env.close()


def ingest(env: Env, name: str) -> int:
    result = files.ingest_file(env.ctx, path=DATA / "sample_emails" / name)
    assert result.status == "accepted", result
    return result.email_id


def element(mirror: MongoMirror, file_number: str, reference: str) -> dict[str, Any]:
    doc = mirror.collection.find_one({"aktenzeichen": file_number})
    [found] = [e for e in doc["final_creditor_list"] if e.get("creditor_reference") == reference]
    return found


def claim_update_rows(env: Env) -> list[ClaimUpdate]:
    with session_scope(env.ctx.db_url) as s:
        rows = s.scalars(select(ClaimUpdate)).all()
        s.expunge_all()
        return list(rows)


def email_row(env: Env, email_id: int) -> Email:
    with session_scope(env.ctx.db_url) as s:
        email = s.get(Email, email_id)
        s.expunge(email)
        return email


# 1. idempotency ------------------------------------------------------------------------


def test_same_email_processed_twice_writes_sql_and_mirror_once(make, mongo_mirror):
    mirror = mongo_mirror
    seed_mirror(mirror)
    env = make(mirror=mirror)
    email_id = ingest(env, INKASSO)
    drain(env.runtime)

    # a full second run of the pipeline, the way `creditctl reprocess` does it
    operations.enqueue_reprocess(env.ctx, [email_id], operator="test", label=None, params={})
    assert processing.process_email(env.ctx, email_id).status == "completed"
    drain(env.runtime)
    assert email_row(env, email_id).mirror_status == "mirrored"  # the re-run did not hide the mirror state
    assert claims.sync_mirror(env.ctx, email_id) == {}  # nothing left pending: no second mirror write

    [update] = claim_update_rows(env)
    assert (update.old_amount, update.new_amount, update.mirror_status) == (
        Decimal("540.00"),
        Decimal("686.41"),
        "mirrored",
    )
    assert email_row(env, email_id).mirror_status == "mirrored"
    el = element(mirror, "BÖ-2024-0173", "RPI-7712-4408-19")
    assert el["creditctl_update_keys"] == [update.idempotency_key]
    assert to_decimal(el["current_debt_amount"]) == Decimal("686.41")
    assert el["contact_status"] == "response_received"
    # the other claims of the portal are untouched
    other = element(mirror, "BÖ-2024-0173", "KD-55102-7")
    assert to_decimal(other["current_debt_amount"]) == Decimal("312.40") and not other.get("creditctl_update_keys")


# 2. mirror down, then up --------------------------------------------------------------


def test_mirror_outage_is_retried_without_rewriting_sql(make, mongo_mirror):
    inner = mongo_mirror
    seed_mirror(inner)
    flaky = FlakyMirror(inner, failures=2)
    env = make(mirror=flaky)
    email_id = ingest(env, INKASSO)
    drain(env.runtime)

    assert flaky.calls == 3  # two outages, then the write
    [update] = claim_update_rows(env)
    assert update.mirror_status == "mirrored" and update.mirrored_at is not None
    email = email_row(env, email_id)
    assert (email.processing_status, email.match_status, email.mirror_status) == (
        "completed",
        "auto_matched",
        "mirrored",
    )
    with session_scope(env.ctx.db_url) as s:
        claim = s.scalar(select(Claim).where(Claim.creditor_reference == "RPI-7712-4408-19"))
        assert claim.amount == Decimal("686.41")
        writes = s.scalar(
            select(func.count()).select_from(Event).where(Event.email_id == email_id, Event.kind == "claim_update")
        )
        assert writes == 1  # the SQL write ran once
        failures = s.scalars(
            select(Event.message).where(Event.email_id == email_id, Event.kind == "mirror", Event.level == "warning")
        ).all()
        assert len(failures) == 2 and all("AutoReconnect" in m for m in failures)
    el = element(inner, "BÖ-2024-0173", "RPI-7712-4408-19")
    assert el["creditctl_update_keys"] == [update.idempotency_key]
    assert to_decimal(el["current_debt_amount"]) == Decimal("686.41")


def test_mirror_that_stays_down_is_visible_and_catches_up_later(make, mongo_mirror):
    inner = mongo_mirror
    seed_mirror(inner)
    flaky = FlakyMirror(inner, failures=10**6)
    env = make(mirror=flaky)
    email_id = ingest(env, INKASSO)
    drain(env.runtime)

    [update] = claim_update_rows(env)
    assert update.mirror_status == "pending"
    email = email_row(env, email_id)
    assert email.processing_status == "completed" and email.mirror_status == "pending"
    assert not element(inner, "BÖ-2024-0173", "RPI-7712-4408-19").get("creditctl_update_keys")

    flaky.failures = 0  # the server is back: the mirror alone is redone
    assert claims.sync_mirror(env.ctx, email_id) == {"applied": 1}
    assert email_row(env, email_id).mirror_status == "mirrored"
    assert len(claim_update_rows(env)) == 1
    assert to_decimal(element(inner, "BÖ-2024-0173", "RPI-7712-4408-19")["current_debt_amount"]) == Decimal("686.41")


# 3. Zendesk write-back ----------------------------------------------------------------


@pytest.fixture
def zendesk() -> Iterator[HttpRecorder]:
    with HttpRecorder() as recorder:
        yield recorder


def zendesk_client(recorder: HttpRecorder) -> ZendeskClient:
    return ZendeskClient(base_url=recorder.base_url, email="a@b", api_token="t")


def notes(recorder: HttpRecorder, ticket: str) -> list[dict[str, Any]]:
    return [r.json() for r in recorder.requests_to(f"/api/v2/tickets/{ticket}.json") if r.method == "PUT"]


def tags(recorder: HttpRecorder, ticket: str) -> list[list[str]]:
    return [r.json()["tags"] for r in recorder.requests_to(f"/api/v2/tickets/{ticket}/tags.json")]


def outbox_notes(env: Env, email_id: int) -> list[Outbox]:
    with session_scope(env.ctx.db_url) as s:
        rows = s.scalars(select(Outbox).where(Outbox.email_id == email_id, Outbox.kind == "zendesk_note")).all()
        s.expunge_all()
        return list(rows)


def test_zendesk_note_and_tags_for_auto_match_and_review(make, zendesk):
    env = make(zendesk=zendesk_client(zendesk))
    auto_id = ingest(env, INKASSO)
    review_id = ingest(env, SIMILAR)
    drain(env.runtime)

    [note] = notes(zendesk, INKASSO_TICKET)
    assert note["ticket"]["comment"]["public"] is False
    body = note["ticket"]["comment"]["body"]
    assert f"E-Mail {auto_id}" in body and "686.41" in body and "aktualisiert" in body
    assert tags(zendesk, INKASSO_TICKET) == [["creditctl_auto_matched"]]
    request = zendesk.requests_to(f"/api/v2/tickets/{INKASSO_TICKET}.json")[0]
    assert request.header("Authorization").startswith("Basic ")

    [review_note] = notes(zendesk, SIMILAR_TICKET)
    assert review_note["ticket"]["comment"]["public"] is False
    assert "Wartet auf Prüfung" in review_note["ticket"]["comment"]["body"]
    assert tags(zendesk, SIMILAR_TICKET) == [["creditctl_needs_review"]]
    assert all(r.status == "sent" for r in outbox_notes(env, auto_id) + outbox_notes(env, review_id))
    # no note went to any other ticket
    assert {r.route for r in zendesk.requests} == {
        f"/api/v2/tickets/{t}{suffix}" for t in (INKASSO_TICKET, SIMILAR_TICKET) for suffix in (".json", "/tags.json")
    }


def test_zendesk_outage_never_blocks_the_claim_write_and_is_retried(make, zendesk):
    zendesk.script(f"/api/v2/tickets/{INKASSO_TICKET}/tags.json", Reply(500, body={"error": "boom"}))
    env = make(zendesk=zendesk_client(zendesk))
    email_id = ingest(env, INKASSO)
    drain(env.runtime)

    email = email_row(env, email_id)
    assert (email.processing_status, email.match_status) == ("completed", "auto_matched")
    [update] = claim_update_rows(env)
    assert update.new_amount == Decimal("686.41")
    [row] = outbox_notes(env, email_id)
    assert (row.status, row.attempts) == ("pending", 1)
    assert "500" in (row.last_error or "")
    assert notes(zendesk, INKASSO_TICKET) == []  # tags go first: the note was not sent half-way

    time.sleep(0.2)  # past the millisecond backoff of the test settings
    env.huey.enqueue(env.runtime.deliver_outbox.s())
    drain(env.runtime)
    [row] = outbox_notes(env, email_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)
    [note] = notes(zendesk, INKASSO_TICKET)
    assert note["ticket"]["comment"]["public"] is False
    assert tags(zendesk, INKASSO_TICKET) == [["creditctl_auto_matched"], ["creditctl_auto_matched"]]
    assert len(claim_update_rows(env)) == 1  # the retry never touched the claim write

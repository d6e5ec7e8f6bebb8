"""``creditctl status`` reads the overview on a connection of its own (no SQLAlchemy
imported, creditctl/dbapi.py); serve and the worker read it from their pool. Both give
the same document, on both backends."""

from __future__ import annotations

from creditctl import db as engine_module, dbapi
from creditctl.services import intake, status, workers
from tests.helpers import drain, import_sample_clients, sample_payload


def _without_ages(doc):
    oldest = dict(doc["oldest_unfinished"])
    age = oldest.pop("age_s")
    return {**doc, "oldest_unfinished": oldest}, age


def test_the_overview_on_a_direct_connection_equals_the_pooled_one(env, monkeypatch):
    import_sample_clients(env)
    intake.receive_webhook(
        env.ctx, raw_body=sample_payload("01_inkasso_table.json"), headers={}, verify_signature=False
    )
    drain(env.runtime)  # finished in the last hour
    waiting = intake.receive_webhook(
        env.ctx, raw_body=sample_payload("02_bank_saldo_thread.json"), headers={}, verify_signature=False
    ).email_id  # queued: the oldest unfinished
    workers.heartbeat(env.ctx, 123.4)
    depth = {"pending": 1, "scheduled": 0}

    pooled, pooled_age = _without_ages(status.system_status(env.ctx, queue_depth=depth))

    def no_engine(url):
        raise AssertionError(f"the direct read asked for the engine of {url}")

    monkeypatch.setattr(dbapi, "_pooled", lambda: False)
    monkeypatch.setattr(engine_module, "get_engine", no_engine)
    direct, direct_age = _without_ages(status.system_status(env.ctx, queue_depth=depth))

    assert direct == pooled
    assert pooled["oldest_unfinished"]["id"] == waiting and 0 <= pooled_age <= direct_age < 120
    assert pooled["total"] == 2 and pooled["last_hour"]["received"] == 2 and pooled["last_hour"]["finished"] == 1
    [worker] = pooled["workers"]
    assert worker["rss_mb"] == 123.4 and worker["seen_at"].endswith("+00:00") and worker["name"] == env.ctx.worker_name

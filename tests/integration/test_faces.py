"""Faces run no SQL: `reprocess --wait`'s progress bar polls a service function
(operations.finished_count) and the worker's housekeeping calls services.workers."""

from __future__ import annotations

import io

from rich.console import Console

from creditctl import render
from creditctl.services import intake, operations, status, workers
from tests.helpers import drain, import_sample_clients, sample_payload


def test_reprocess_progress_is_a_service_count(env):
    import_sample_clients(env)
    email_id = intake.receive_webhook(
        env.ctx, raw_body=sample_payload("01_inkasso_table.json"), headers={}, verify_signature=False
    ).email_id
    drain(env.runtime)
    op_id, enqueued = operations.enqueue_reprocess(env.ctx, [email_id], operator="test", label=None, params={})
    assert enqueued == 1 and operations.finished_count(env.ctx, op_id) == 0
    drain(env.runtime)
    assert operations.finished_count(env.ctx, op_id) == 1
    out = io.StringIO()
    render.follow_operation(
        Console(file=out, width=100), lambda: operations.finished_count(env.ctx, op_id), op_id, 1, timeout_s=5
    )
    assert f"operation {op_id}" in out.getvalue() and "100%" in out.getvalue()


def test_worker_rows_are_services(env):
    assert workers.holds_leases(env.ctx) is False
    workers.heartbeat(env.ctx, 123.4)
    workers.heartbeat(env.ctx, 125.0)
    [row] = status.system_status(env.ctx, queue_depth={"pending": 0, "scheduled": 0})["workers"]
    assert row["name"] == env.ctx.worker_name and row["rss_mb"] == 125.0
    workers.forget(env.ctx)
    assert status.system_status(env.ctx, queue_depth={"pending": 0, "scheduled": 0})["workers"] == []

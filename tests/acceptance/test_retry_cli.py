"""`creditctl retry` run as a subprocess against the test's database and queue.

The email fails for real (the anthropic SDK gets a 400 from the local Messages API
server), the CLI re-enqueues it, and this process drains the queue with the same
settings — so the CLI's message is executed by a worker, as in production. Runs on
both backend pairs (``backend``: SQLite + SqliteHuey, PostgreSQL + Redis).

Exit codes (README, "Operator commands"; docs/retry-policy.md): re-enqueued or nothing to do → 0; refused or not re-enqueued → 1;
no terminal to confirm and no ``--yes`` → 2 (usage).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from creditctl.adapters.claude import ClaudeExtractor
from creditctl.db import session_scope
from creditctl.models import Email, Event
from creditctl.services import intake
from tests.fakes.messages_api import MessagesAPIServer, Reply, claim_answer
from tests.helpers import Env, drain, make_env, payload, unique_body

REPO = Path(__file__).resolve().parents[2]
BODY = "Die Gesamtforderung gegen Frau Tamara Reinholz beträgt 1.234,56 EUR."
ANSWER = claim_answer()


@pytest.fixture
def env(tmp_path: Path, backend: str, api: MessagesAPIServer) -> Iterator[Env]:
    environment = make_env(
        tmp_path,
        backend,
        extractor="claude",
        ctx_kwargs={
            "extractor_factory": lambda name: ClaudeExtractor(
                model="claude-haiku-4-5", api_key="test", base_url=api.base_url, timeout_s=0.5
            )
        },
    )
    try:
        yield environment
    finally:
        environment.close()


def cli(env: Env, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m creditctl ARGS`` with CREDITCTL_* pointing at ``env``'s database and queue."""
    variables = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") and k != "ANTHROPIC_API_KEY"}
    variables.update(
        {
            "CREDITCTL_HOME": str(env.settings.home),
            "CREDITCTL_DATABASE_URL": env.settings.effective_database_url,
            "CREDITCTL_QUEUE_URL": env.settings.effective_queue_url,
            "CREDITCTL_EXTRACTOR": "rules",
            "CREDITCTL_LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "creditctl", *args],
        env=variables,
        cwd=env.settings.home,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def receive(env: Env) -> int:
    return intake.receive_webhook(
        env.ctx, raw_body=payload(body_text=unique_body(BODY)), headers={}, verify_signature=False
    ).email_id


def status(env: Env, email_id: int) -> str:
    with session_scope(env.ctx.db_url) as session:
        return session.get(Email, email_id).processing_status


def events(env: Env, email_id: int, kind: str) -> list[dict[str, Any]]:
    with session_scope(env.ctx.db_url) as session:
        rows = session.scalars(select(Event).where(Event.email_id == email_id, Event.kind == kind).order_by(Event.id))
        return [{"error_class": e.error_class, "message": e.message, "data": e.data} for e in rows]


def test_retry_cli_requeues_a_failed_email_and_refuses_a_completed_one(env, api):
    api.enqueue(Reply.bad_request("messages: invalid request"))
    api.auto_payload = ANSWER
    failing = receive(env)
    drain(env.runtime)
    done = receive(env)
    drain(env.runtime)
    assert (status(env, failing), status(env, done)) == ("failed", "completed")

    refused = cli(env, "retry", str(done), "--yes", "--json")
    assert refused.returncode == 1, refused.stderr[-2000:]
    doc = json.loads(refused.stdout)
    assert doc["enqueued"] == []
    [why] = doc["refused"]
    assert why["id"] == done and "completed" in why["reason"] and "reprocess --ids" in why["reason"]
    assert status(env, done) == "completed"

    # without --yes and without a terminal: the preview, then a refusal to guess
    unconfirmed = cli(env, "retry", "--failed")
    assert unconfirmed.returncode == 2, unconfirmed.stderr[-2000:]
    assert "--yes" in unconfirmed.stderr and "BadRequestError" in unconfirmed.stderr
    assert "{" not in unconfirmed.stderr  # the plan reads as words, not a Python dict
    assert status(env, failing) == "failed"

    # named ids are explicit: no question, even without a terminal
    retried = cli(env, "retry", str(failing), "--json")
    assert retried.returncode == 0, retried.stderr[-2000:]
    doc = json.loads(retried.stdout)
    assert doc["enqueued"] == [failing] and doc["failed"] == [] and doc["refused"] == []
    assert status(env, failing) == "queued"

    assert drain(env.runtime) >= 1  # the CLI's message, run by this process's worker
    assert status(env, failing) == "completed"
    history = [e["error_class"] for e in events(env, failing, "attempt")]
    assert history == ["anthropic.BadRequestError", None]  # the attempt history is kept
    operator = events(env, failing, "operator")
    assert len(operator) == 1 and operator[0]["data"]["operation_id"] == doc["operation_id"]

    nothing = cli(env, "retry", "--failed", "--yes", "--json")
    assert nothing.returncode == 0, nothing.stderr[-2000:]
    assert json.loads(nothing.stdout) == {"enqueued": [], "failed": [], "refused": []}

"""A hung PostgreSQL does not hold the webhook: 503 + Retry-After within
CREDITCTL_WEBHOOK_DB_TIMEOUT_SECONDS, nothing half-stored, and Zendesk's retry once the
database answers again stores the email exactly once (docs/zendesk-contract.md, "Answers").
Real servers (scripts/test):

    bash scripts/test tests/integration/test_webhook_db_timeout.py -q -p no:cacheprovider
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import create_engine, func, select, text

from creditctl.db import session_scope
from creditctl.models import Email
from creditctl.web import create_app
from tests import realservices
from tests.helpers import make_env, payload, signed_headers

pytestmark = [pytest.mark.pg]

BOUND_S = 2.0


@pytest.fixture(params=["async", "threaded"])
def bounded_env(request: pytest.FixtureRequest, pg_env: Any, tmp_path: Path) -> Iterator[Any]:
    """PostgreSQL + Redis with a 2 s webhook database bound, on the event-loop intake or the threaded one."""
    environment = make_env(
        tmp_path / "bounded",
        "pg",
        webhook_db_timeout_seconds=BOUND_S,
        async_intake=request.param == "async",
    )
    try:
        yield environment
    finally:
        environment.close()


def _count(env: Any) -> int:
    with session_scope(env.ctx.db_url) as s:
        return int(s.scalar(select(func.count()).select_from(Email)) or 0)


def _post_timed(client: TestClient[Any], body: bytes, invocation: str) -> tuple[Any, float]:
    started = time.monotonic()
    answer = client.post("/webhooks/zendesk", content=body, headers=signed_headers(body, invocation_id=invocation))
    return answer, time.monotonic() - started


def test_a_lock_held_by_another_connection_gives_503_within_the_bound(bounded_env: Any) -> None:
    env = bounded_env
    body = payload()
    locker = create_engine(env.ctx.db_url).connect()
    try:
        with TestClient(create_app(env.ctx)) as client:
            warm = payload()
            assert client.post("/webhooks/zendesk", content=warm, headers=signed_headers(warm)).status_code == 200
            transaction = locker.begin()
            locker.execute(text("LOCK TABLE emails IN ACCESS EXCLUSIVE MODE"))
            answer, took = _post_timed(client, body, "inv-locked")
            print(f"503 after {took:.2f} s (bound {BOUND_S:g} s)")
            assert answer.status_code == 503, answer.text
            assert answer.headers.get("retry-after"), answer.headers
            assert answer.json()["detail"].startswith("database unavailable"), answer.json()
            assert took < BOUND_S + 2.0, took
            transaction.rollback()
            time.sleep(0.5)  # a threaded intake may still commit its row after the answer
            retry, _ = _post_timed(client, body, "inv-locked")  # Zendesk retries the 503
            assert retry.status_code == 200, retry.text
            assert retry.json()["status"] in ("accepted", "duplicate")
    finally:
        locker.close()
    assert _count(env) == 2  # the warm-up and the locked one, once


def _cluster_pids() -> list[int]:
    data = realservices.require_pg_data()  # under CI=true a missing cluster fails the test
    postmaster = int(Path(data, "postmaster.pid").read_text().split()[0])
    pids = [postmaster]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                pids.append(int(entry.name))
    return pids


def test_a_stopped_postgresql_gives_503_within_the_bound(bounded_env: Any) -> None:
    env = bounded_env
    body = payload()
    with TestClient(create_app(env.ctx)) as client:
        warm = payload()
        assert client.post("/webhooks/zendesk", content=warm, headers=signed_headers(warm)).status_code == 200
        stopped = _cluster_pids()
        try:
            for pid in stopped:
                os.kill(pid, signal.SIGSTOP)
            answer, took = _post_timed(client, body, "inv-stopped")
            print(f"503 after {took:.2f} s (bound {BOUND_S:g} s)")
        finally:
            for pid in stopped:
                os.kill(pid, signal.SIGCONT)
        assert answer.status_code == 503, answer.text
        assert answer.headers.get("retry-after")
        assert took < BOUND_S + 2.0, took
        time.sleep(0.5)
        retry, _ = _post_timed(client, body, "inv-stopped")
        assert retry.status_code == 200, retry.text
    assert _count(env) == 2

"""tests/realservices.use_worker_servers: under pytest-xdist each worker reaches only its own
PostgreSQL + Redis pair (scripts/test starts one per worker)."""

from __future__ import annotations

import os

import pytest

from tests import realservices

NAMES = realservices.SERVER_VARS


def _clear(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    for worker in ("", "GW0_", "GW1_"):
        for name in NAMES:
            monkeypatch.delenv(f"CREDITCTL_TEST_{worker}{name}", raising=False)


def test_a_worker_gets_its_own_pair_and_not_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear(monkeypatch)
    monkeypatch.setenv("CREDITCTL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:1000/creditctl_test")
    monkeypatch.setenv("CREDITCTL_TEST_REDIS_URL", "redis://127.0.0.1:1001/0")
    monkeypatch.setenv("CREDITCTL_TEST_PG_DATA", "/tmp/x/pg0")
    for name in NAMES:
        monkeypatch.setenv(f"CREDITCTL_TEST_GW1_{name}", f"gw1-{name}")
    realservices.use_worker_servers("gw1")
    assert realservices.pg_url() == "gw1-PG_URL"
    assert realservices.redis_url() == "gw1-REDIS_URL"
    assert realservices.require_pg_data() == "gw1-PG_DATA"
    assert {name: os.environ[f"CREDITCTL_TEST_{name}"] for name in NAMES} == {name: f"gw1-{name}" for name in NAMES}


def test_a_serial_run_keeps_the_first_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear(monkeypatch)
    monkeypatch.setenv("CREDITCTL_TEST_PG_URL", "pg-first")
    monkeypatch.setenv("CREDITCTL_TEST_GW1_PG_URL", "pg-gw1")
    monkeypatch.setenv("CREDITCTL_TEST_GW1_REDIS_URL", "redis-gw1")
    realservices.use_worker_servers(None)
    assert realservices.pg_url() == "pg-first"


@pytest.mark.parametrize("configured", ["CI", "CREDITCTL_TEST_PG_URL", "CREDITCTL_TEST_REDIS_URL"])
def test_a_worker_without_its_own_pair_refuses_to_share(monkeypatch: pytest.MonkeyPatch, configured: str) -> None:
    _clear(monkeypatch)
    monkeypatch.setenv(configured, "true" if configured == "CI" else "shared")
    monkeypatch.setenv("CREDITCTL_TEST_GW1_PG_URL", "pg-gw1")  # half a pair is none
    with pytest.raises(RuntimeError, match="gw1 has no servers of its own"):
        realservices.use_worker_servers("gw1")


def test_a_worker_without_any_servers_outside_ci_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    _clear(monkeypatch)
    realservices.use_worker_servers("gw3")
    assert realservices.pg_url() is None and realservices.redis_url() is None

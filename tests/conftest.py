"""Shared fixtures: every backend-dependent test runs on both pairs the product
supports — SQLite + SqliteHuey, and PostgreSQL + Redis (real servers started by
scripts/test). Under CI=true the PostgreSQL + Redis pair is mandatory: a missing
server makes the test fail (tests/realservices.py raises), never skip.

Under pytest-xdist (scripts/test runs ``-n N --dist loadfile``) each worker has its own
PostgreSQL cluster and Redis: scripts/test exports worker gw<i>'s pair as
CREDITCTL_TEST_GW<i>_*, and ``realservices.use_worker_servers`` maps them onto
CREDITCTL_TEST_* in that worker before any test runs (the outage tests stop and restart
"the" servers; one shared pair would break the other worker's tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import realservices
from tests.ci import in_ci
from tests.helpers import Env, make_env

os.environ.setdefault("CREDITCTL_LOG_LEVEL", "WARNING")
realservices.use_worker_servers(os.environ.get("PYTEST_XDIST_WORKER"))


def _pairs() -> list[str]:
    pairs = ["sqlite"]
    if in_ci() or (realservices.pg_url() and realservices.redis_url()):
        pairs.append("pg")
    return pairs


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", _pairs(), scope="function")


@pytest.fixture
def env(tmp_path: Path, backend: str) -> Iterator[Env]:
    """A migrated database, a real queue and a runtime (adapters: LogNotifier only)."""
    environment = make_env(tmp_path, backend)
    try:
        yield environment
    finally:
        environment.close()


@pytest.fixture
def pg_env(tmp_path: Path) -> Iterator[Env]:
    """The PostgreSQL + Redis pair only, for what only that pair does (under CI=true a
    missing server fails the test; elsewhere it is skipped)."""
    if "pg" not in _pairs():
        pytest.skip("PostgreSQL + Redis not configured (run through scripts/test)")
    environment = make_env(tmp_path, "pg")
    try:
        yield environment
    finally:
        environment.close()


@pytest.fixture
def sqlite_env(tmp_path: Path) -> Iterator[Env]:
    """The embedded pair only (for tests that are about the product, not the backend)."""
    environment = make_env(tmp_path, "sqlite")
    try:
        yield environment
    finally:
        environment.close()


@pytest.fixture
def api():
    """A local server that speaks the Anthropic Messages API (tests/fakes/messages_api.py)."""
    from tests.fakes.messages_api import MessagesAPIServer

    with MessagesAPIServer() as server:
        yield server


@pytest.fixture
def mongo_mirror():
    """The one MongoDB fixture: the real MongoMirror adapter on an in-memory MongoDB
    (mongomock), database ``portal``, empty."""
    import mongomock

    from creditctl.adapters.mirror import MongoMirror

    mirror = MongoMirror(mongomock.MongoClient(), "portal")
    yield mirror
    mirror.close()

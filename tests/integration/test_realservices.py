"""Tests of tests/realservices.py against the real servers started by scripts/test.

Under CI (CI=true) a missing server makes these tests fail. Outside CI, without
scripts/test, the real-server tests are skipped with a pointer to scripts/test; the
URL-resolution tests run everywhere.
"""

from __future__ import annotations

import pytest
import redis
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from tests import realservices


@pytest.fixture
def pg() -> str:
    return realservices.require_pg()


@pytest.fixture
def redis_conn_url() -> str:
    return realservices.require_redis()


def _select_1(url: str) -> int:
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT 1")).scalar_one()
    finally:
        engine.dispose()


def _ping(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
    try:
        return client.ping()
    finally:
        client.close()


# ------------------------------------------------------------- URL resolution


@pytest.mark.parametrize(
    ("func", "var"),
    [
        (realservices.pg_url, "CREDITCTL_TEST_PG_URL"),
        (realservices.redis_url, "CREDITCTL_TEST_REDIS_URL"),
    ],
)
def test_missing_url_raises_in_ci_and_is_none_outside(monkeypatch, func, var):
    monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(RuntimeError, match=var):
        func()
    monkeypatch.delenv("CI")
    assert func() is None
    monkeypatch.setenv(var, "scheme://somewhere/0")
    monkeypatch.setenv("CI", "true")
    assert func() == "scheme://somewhere/0"


# ----------------------------------------------------------------- PostgreSQL


def test_postgres_answers_select_1(pg):
    assert _select_1(pg) == 1
    engine = sa.create_engine(pg, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT current_database()")).scalar_one() == "creditctl_test"
            version = conn.execute(sa.text("SHOW server_version_num")).scalar_one()
            assert int(version) >= 150000
    finally:
        engine.dispose()


def test_postgres_stop_then_start(pg):
    assert _select_1(pg) == 1
    try:
        realservices.stop_postgres()
        with pytest.raises(sa.exc.OperationalError):
            _select_1(pg)
    finally:
        realservices.start_postgres()
    assert _select_1(pg) == 1


def test_postgres_immediate_stop_then_start_keeps_committed_rows(pg):
    url = realservices.fresh_pg_database("test_crash")
    try:
        engine = sa.create_engine(url, poolclass=NullPool)
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (id int PRIMARY KEY)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1), (2)"))
        try:
            realservices.stop_postgres(mode="immediate")
        finally:
            realservices.start_postgres()
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM t")).scalar_one() == 2
        engine.dispose()
    finally:
        realservices.drop_pg_database(url)


def test_fresh_database_is_empty_separate_and_dropped(pg):
    url = realservices.fresh_pg_database("Test Fresh-DB")
    name = sa.engine.make_url(url).database
    assert name.startswith("test_fresh_db_")
    assert url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            assert conn.execute(sa.text("SELECT current_database()")).scalar_one() == name
            tables = conn.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar_one()
            assert tables == 0
            conn.execute(sa.text("CREATE TABLE t (id int)"))
        # a connection still open must not prevent the drop
        held = engine.connect()
        realservices.drop_pg_database(url)
        held.close()
    finally:
        engine.dispose()
    admin = sa.create_engine(pg, poolclass=NullPool)
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                sa.text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar_one()
        assert exists == 0
    finally:
        admin.dispose()
    realservices.drop_pg_database(url)  # dropping again is no error


def test_drop_refuses_system_databases(pg):
    url = sa.engine.make_url(pg).set(database="postgres").render_as_string(hide_password=False)
    with pytest.raises(ValueError):
        realservices.drop_pg_database(url)


# ---------------------------------------------------------------------- Redis


def test_redis_answers_ping(redis_conn_url):
    assert _ping(redis_conn_url) is True


def test_redis_stop_then_start(redis_conn_url):
    assert _ping(redis_conn_url) is True
    try:
        realservices.stop_redis()
        with pytest.raises(redis.exceptions.ConnectionError):
            _ping(redis_conn_url)
    finally:
        realservices.start_redis()
    assert _ping(redis_conn_url) is True


def test_flush_redis_empties_the_database(redis_conn_url):
    client = redis.Redis.from_url(redis_conn_url)
    try:
        client.set("creditctl-test-key", "1")
        assert client.exists("creditctl-test-key") == 1
        realservices.flush_redis(redis_conn_url)
        assert client.dbsize() == 0
    finally:
        client.close()

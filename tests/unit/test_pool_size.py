"""A worker's pool holds a connection for every thread (creditctl.db.ensure_pool_size)."""

from __future__ import annotations

import pytest

from creditctl import db

PG = "postgresql+psycopg://nobody@127.0.0.1:9/none"  # engines connect lazily: nothing listens here


@pytest.fixture(autouse=True)
def _fresh_pools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "_pool_floor", db.POOL_SIZE)
    yield
    db.dispose_engine(PG)


def test_a_pool_built_before_grows_to_the_thread_count() -> None:
    before = db.get_engine(PG)
    assert before.pool.size() == db.POOL_SIZE

    db.ensure_pool_size(2 * 64 + 1)  # a worker with 64 threads

    after = db.get_engine(PG)
    assert after is not before and after.pool.size() == 129


def test_a_smaller_request_keeps_the_default_pool() -> None:
    engine = db.get_engine(PG)
    db.ensure_pool_size(9)
    assert db.get_engine(PG) is engine and engine.pool.size() == db.POOL_SIZE


def test_sqlite_engines_are_left_alone(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"
    engine = db.get_engine(url)
    try:
        db.ensure_pool_size(500)
        assert db.get_engine(url) is engine
    finally:
        db.dispose_engine(url)

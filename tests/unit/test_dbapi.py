"""The DBAPI reads (creditctl/dbapi.py) see what SQLAlchemy's engine sees: the same
datetimes, the same comparisons, the same wrapped errors (the outage classification)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, Numeric, Table, insert
from sqlalchemy.exc import OperationalError

from creditctl import dbapi
from creditctl.db import dispose_engine, get_engine
from creditctl.dbtypes import UtcDateTime
from creditctl.outages import classify


@pytest.fixture
def sqlite_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    meta = MetaData()
    table = Table(
        "t", meta, Column("id", Integer, primary_key=True), Column("at", UtcDateTime()), Column("mb", Numeric(10, 1))
    )
    meta.create_all(get_engine(url))
    base = datetime(2026, 12, 6, 9, 0, 0, 123456, tzinfo=UTC)
    with get_engine(url).begin() as conn:
        conn.execute(insert(table), [{"id": i, "at": base + timedelta(minutes=i), "mb": 10.5 + i} for i in range(3)])
    yield url, base
    dispose_engine(url)


@pytest.mark.parametrize("pooled", [True, False])
def test_datetimes_and_numbers_come_back_as_the_engine_gives_them(sqlite_url, monkeypatch, pooled):
    url, base = sqlite_url
    monkeypatch.setattr(dbapi, "_pooled", lambda: pooled)
    with dbapi.reading(url) as db:
        rows = db.rows("SELECT id, at, mb FROM t ORDER BY id", utc=("at",), floats=("mb",))
        # the bound aware datetime compares as SQLAlchemy stored it (to the microsecond), in any zone
        later = db.scalar(
            "SELECT count(*) FROM t WHERE at >= :since",
            {"since": (base + timedelta(minutes=1)).astimezone(dbapi_zone())},
        )
    assert rows == [(i, base + timedelta(minutes=i), 10.5 + i) for i in range(3)]
    assert all(r[1].tzinfo is UTC and isinstance(r[2], float) for r in rows)
    assert later == 2


def dbapi_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo("America/New_York")


def test_a_naive_datetime_is_refused(sqlite_url):
    url, _ = sqlite_url
    with pytest.raises(ValueError, match="naive"), dbapi.reading(url) as db:
        db.rows("SELECT id FROM t WHERE at >= :since", {"since": datetime(2026, 1, 1)})  # noqa: DTZ001 - the point


def test_has_table_and_one_connection_for_two_transactions(sqlite_url, monkeypatch):
    url, _ = sqlite_url
    monkeypatch.setattr(dbapi, "_pooled", lambda: False)
    with dbapi.reading(url) as db:
        assert db.has_table("t") and not db.has_table("nope")
        db.commit()
        assert db.scalar("SELECT count(*) FROM t") == 3


def test_placeholders_for_psycopg():
    assert (
        dbapi._pyformat("a = :x AND b::int = :y_2 AND c LIKE 'x%'") == "a = %(x)s AND b::int = %(y_2)s AND c LIKE 'x%%'"
    )


def test_sqlite_urls_read_as_sqlalchemy_reads_them(tmp_path):
    assert dbapi.sqlite_path("sqlite:////srv/x.db").as_posix() == "/srv/x.db"
    assert dbapi.sqlite_path("sqlite:///rel/x.db").as_posix() == "rel/x.db"
    assert dbapi.sqlite_path("sqlite:///rel/x.db?timeout=3").as_posix() == "rel/x.db"
    assert dbapi.sqlite_path("sqlite://") is None and dbapi.sqlite_path("sqlite:///:memory:") is None
    assert dbapi.sqlite_path("postgresql+psycopg://u@h/db") is None
    assert dbapi.backend_name("postgres://u@h/db") == "postgresql" and dbapi.backend_name("sqlite:///x") == "sqlite"


def test_driver_errors_leave_wrapped_as_the_engine_wraps_them(tmp_path, monkeypatch):
    monkeypatch.setattr(dbapi, "_pooled", lambda: False)
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not a SQLite database, not at all" * 100)
    with pytest.raises(Exception) as raised, dbapi.reading(f"sqlite:///{not_a_db}") as db:
        db.scalar("SELECT 1")
    found = classify(raised.value)
    assert found is not None and found.what == "database", raised.value
    with pytest.raises(OperationalError), dbapi.reading("postgresql+psycopg://nobody@127.0.0.1:1/none") as db:
        db.scalar("SELECT 1")


def test_one_direct_connection_serves_consecutive_reads_until_it_is_idle_too_long(sqlite_url, monkeypatch):
    url, _ = sqlite_url
    monkeypatch.setattr(dbapi, "_pooled", lambda: False)
    opened = []
    connect = dbapi._connect_direct
    monkeypatch.setattr(dbapi, "_connect_direct", lambda *a: opened.append(1) or connect(*a))
    dbapi.close_idle(url)
    for _ in range(3):
        with dbapi.reading(url) as db:
            assert db.scalar("SELECT count(*) FROM t") == 3
    assert len(opened) == 1
    monkeypatch.setattr(dbapi, "REUSE_IDLE_S", 0.0)
    with dbapi.reading(url) as db:
        db.scalar("SELECT 1")
    assert len(opened) == 2
    with pytest.raises(RuntimeError), dbapi.reading(url):
        raise RuntimeError("a failed read does not leave its connection for the next")
    assert url not in dbapi._IDLE
    with dbapi.reading(url) as db:
        db.scalar("SELECT 1")
    assert url in dbapi._IDLE
    dbapi.close_idle(url)
    assert url not in dbapi._IDLE

"""Who migrates: only `creditctl db upgrade` and the embedded default's first use.
Models and migrations agree (autogenerate finds no difference) on both databases; the
upgrade holds a PostgreSQL advisory lock, so concurrent upgrades are safe.
Real SQLite files and the real PostgreSQL of scripts/test (under CI=true a missing
server fails these tests, see tests/realservices.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.pool import NullPool

from creditctl.db import dispose_engines
from creditctl.migrate import MIGRATION_LOCK_KEY, SchemaOutOfDate, check_schema, head_revision, upgrade
from creditctl.models import Base
from tests import realservices

REPO = Path(__file__).resolve().parents[2]


def _database(tmp_path: Path, backend: str) -> str:
    if backend == "pg":
        return realservices.fresh_pg_database("mig")
    return f"sqlite:///{tmp_path}/creditctl.db"


def _drop(url: str) -> None:
    dispose_engines()
    if url.startswith("postgresql"):
        realservices.drop_pg_database(url)


def _cli(home: Path, *args: str, database_url: str | None = None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") or k.startswith("CREDITCTL_TEST_")}
    env.update(
        CREDITCTL_HOME=str(home),
        CREDITCTL_LOG_LEVEL="WARNING",
        CREDITCTL_EXTRACTOR="rules",
        CREDITCTL_QUEUE_URL=f"sqlite:///{home}/queue.db",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    if database_url:
        env["CREDITCTL_DATABASE_URL"] = database_url
    return subprocess.Popen(
        [sys.executable, "-m", "creditctl", *args],
        env=env,
        cwd=home,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )


def _run(home: Path, *args: str, database_url: str | None = None) -> tuple[int, str, str]:
    proc = _cli(home, *args, database_url=database_url)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, " ".join(err.split())  # the console may wrap long lines


def test_models_and_migrations_agree(tmp_path, backend):
    url = _database(tmp_path, backend)
    try:
        upgrade(url)
        engine = sa.create_engine(url, poolclass=NullPool)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        engine.dispose()
        assert diff == [], f"models.py and the migrations disagree: {diff}"
    finally:
        _drop(url)


def test_a_configured_database_is_checked_never_migrated(tmp_path):
    url = f"sqlite:///{tmp_path}/configured.db"
    code, _, err = _run(tmp_path, "status", "--json", database_url=url)
    assert code == 1 and f"no database at {tmp_path}/configured.db" in err and "Traceback" not in err
    assert not (tmp_path / "configured.db").exists()  # a mistyped path never becomes an empty database
    sa.create_engine(url, poolclass=NullPool).connect().close()  # an empty file: no tables, no revision
    code, _, err = _run(tmp_path, "status", "--json", database_url=url)
    assert code == 1
    assert "empty database (no migration applied): run `creditctl db upgrade`" in err
    assert "revision none" not in err
    assert "Traceback" not in err
    engine = sa.create_engine(url, poolclass=NullPool)
    assert sa.inspect(engine).get_table_names() == []  # the refused command created nothing
    engine.dispose()
    code, _, err = _run(tmp_path, "db", "upgrade", database_url=url)
    assert code == 0, err
    assert f"at revision {head_revision()}" in err
    code, out, err = _run(tmp_path, "status", "--json", database_url=url)
    assert code == 0, err
    assert '"total": 0' in out


def test_a_database_behind_names_both_revisions(tmp_path):
    url = f"sqlite:///{tmp_path}/old.db"
    upgrade(url)
    engine = sa.create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = 'older'"))
    engine.dispose()
    with pytest.raises(SchemaOutOfDate, match=f"database at revision older, this creditctl needs {head_revision()}"):
        check_schema(url)
    dispose_engines()


def test_the_embedded_default_migrates_itself_on_first_use(tmp_path):
    code, out, err = _run(tmp_path, "status", "--json")
    assert code == 0, err
    assert (tmp_path / "creditctl.db").exists() and '"total": 0' in out


def test_huey_config_does_not_migrate_at_import(tmp_path):
    url = f"sqlite:///{tmp_path}/fresh.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update(
        CREDITCTL_HOME=str(tmp_path),
        CREDITCTL_DATABASE_URL=url,
        CREDITCTL_QUEUE_URL="memory://",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-c", "import huey_config"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0 and "run creditctl db upgrade" in done.stderr
    engine = sa.create_engine(url, poolclass=NullPool)
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()


def _pg_or_fail() -> str:
    return realservices.require_pg()  # raises under CI=true when PostgreSQL is missing


def _waiting_for_an_advisory_lock(conn: sa.Connection) -> bool:
    """Whether some other backend is queued on an advisory lock (pg_locks, not granted)."""
    query = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()"
    return conn.execute(sa.text(query)).scalar_one() > 0


def test_upgrade_waits_for_the_advisory_lock(tmp_path):
    _pg_or_fail()
    url = realservices.fresh_pg_database("miglock")
    holder = sa.create_engine(url, poolclass=NullPool)
    try:
        with holder.connect() as lock:
            lock.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            proc = _cli(tmp_path, "db", "upgrade", database_url=url)
            # wait (not a fixed sleep) until the upgrade's backend queues on the lock we hold
            deadline = time.monotonic() + 60
            while not _waiting_for_an_advisory_lock(lock):
                assert proc.poll() is None, proc.communicate()  # it must wait, not finish or fail
                assert time.monotonic() < deadline, "the upgrade never asked for the migration lock"
                time.sleep(0.05)
            assert proc.poll() is None, proc.communicate()  # still waiting for the lock
            assert "alembic_version" not in sa.inspect(lock).get_table_names()
            lock.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
            lock.commit()
            out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        check_schema(url)
    finally:
        holder.dispose()
        _drop(url)


def test_concurrent_upgrades_from_two_processes_are_safe(tmp_path):
    _pg_or_fail()
    url = realservices.fresh_pg_database("migrace")
    try:
        procs = [_cli(tmp_path, "db", "upgrade", database_url=url) for _ in range(2)]
        results = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
        assert [code for code, _ in results] == [0, 0], results
        check_schema(url)
    finally:
        _drop(url)

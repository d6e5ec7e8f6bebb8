"""Control of the real PostgreSQL and Redis servers that `scripts/test` starts.

`scripts/test` starts a throwaway PostgreSQL cluster and a private Redis, both on
127.0.0.1 and free ports, and exports where they are:

    CREDITCTL_TEST_PG_URL      postgresql+psycopg://postgres@127.0.0.1:PORT/creditctl_test
    CREDITCTL_TEST_REDIS_URL   redis://127.0.0.1:PORT/0
    CREDITCTL_TEST_PG_BIN      directory holding pg_ctl (e.g. /usr/lib/postgresql/15/bin)
    CREDITCTL_TEST_PG_DATA     the cluster's data directory (its settings are in it)
    CREDITCTL_TEST_PG_PORT     the cluster's port
    CREDITCTL_TEST_REDIS_PORT  Redis's port
    CREDITCTL_TEST_REDIS_DIR   directory holding redis.conf, redis.pid, redis.log

Under pytest-xdist each worker gw<i> has its own pair, exported as CREDITCTL_TEST_GW<i>_*
(same suffixes); ``use_worker_servers`` (called by tests/conftest.py) maps them onto the
names above in that worker, so every helper below and every subprocess a test starts
reaches that worker's servers only.

Tests use these helpers to reach the servers and to stop and restart them to simulate
outages. When a server is not configured, `pg_url()` / `redis_url()` return None
(callers then run only the SQLite + SqliteHuey pair), except under CI (CI=true), where
they raise RuntimeError so that the test fails instead of silently covering less.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import uuid
from pathlib import Path

import redis
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from tests.ci import in_ci

WAIT_SECONDS = 20.0
"""Default bound, in seconds, for waiting until a server answers or has gone."""

_POLL_SECONDS = 0.1


# --------------------------------------------------------------------------- URLs


SERVER_VARS = ("PG_URL", "REDIS_URL", "PG_BIN", "PG_DATA", "PG_PORT", "REDIS_PORT", "REDIS_DIR")


def use_worker_servers(worker: str | None) -> None:
    """Points CREDITCTL_TEST_* (in ``os.environ``) at xdist worker ``worker``'s own servers.

    ``worker`` is pytest-xdist's worker id (``PYTEST_XDIST_WORKER``, e.g. "gw1"), or None in
    a serial run (then nothing changes). Copies CREDITCTL_TEST_GW1_<X> onto CREDITCTL_TEST_<X>
    for each server variable. Raises RuntimeError when servers are configured (or CI=true)
    but this worker has none of its own: sharing one pair between workers would let one
    worker's outage test break the other's tests (scripts/test starts a pair per worker).
    """
    if not worker:
        return
    prefix = f"CREDITCTL_TEST_{worker.upper()}_"
    own = {name: os.environ.get(prefix + name) for name in SERVER_VARS}
    if own["PG_URL"] and own["REDIS_URL"]:
        for name, value in own.items():
            if value:
                os.environ["CREDITCTL_TEST_" + name] = value
            else:
                os.environ.pop("CREDITCTL_TEST_" + name, None)
        return
    if in_ci() or os.environ.get("CREDITCTL_TEST_PG_URL") or os.environ.get("CREDITCTL_TEST_REDIS_URL"):
        raise RuntimeError(
            f"pytest-xdist worker {worker} has no servers of its own ({prefix}PG_URL / {prefix}REDIS_URL unset):"
            " run through scripts/test, which starts one pair per worker (CREDITCTL_TEST_WORKERS)"
        )


def _configured(var: str, what: str) -> str | None:
    value = os.environ.get(var)
    if value:
        return value
    if in_ci():
        raise RuntimeError(
            f"{var} is not set but CI=true: the real {what} is required in CI (run the suite through scripts/test)"
        )
    return None


def pg_url() -> str | None:
    """SQLAlchemy URL of the test PostgreSQL database, e.g.
    ``postgresql+psycopg://postgres@127.0.0.1:5433/creditctl_test``.

    Returns None when CREDITCTL_TEST_PG_URL is unset outside CI.
    Raises RuntimeError when it is unset and CI=true.
    """
    return _configured("CREDITCTL_TEST_PG_URL", "PostgreSQL")


def redis_url() -> str | None:
    """URL of the test Redis database, e.g. ``redis://127.0.0.1:6380/0``.

    Returns None when CREDITCTL_TEST_REDIS_URL is unset outside CI.
    Raises RuntimeError when it is unset and CI=true.
    """
    return _configured("CREDITCTL_TEST_REDIS_URL", "Redis")


def require_pg() -> str:
    """``pg_url()``, or — only possible outside CI, where it returns None — the test is
    skipped with a pointer to scripts/test (under CI=true a missing server raises: the test
    fails)."""
    return _require(pg_url(), "PostgreSQL")


def require_redis() -> str:
    """``redis_url()``, or the test is skipped outside CI, as ``require_pg``."""
    return _require(redis_url(), "Redis")


def require_pg_data() -> str:
    """The test cluster's data directory (CREDITCTL_TEST_PG_DATA), for tests that signal the
    postmaster itself; skipped outside CI when unset, as ``require_pg`` (under CI=true it
    raises: the test fails)."""
    return _require(_configured("CREDITCTL_TEST_PG_DATA", "PostgreSQL cluster"), "PostgreSQL cluster")


def require_system_file(path: Path, package: str) -> Path:
    """``path`` when the Debian package that ships it is installed; outside CI a missing file
    skips the test, under CI=true it raises (scripts/test installs ``package``: the test fails)."""
    if path.is_file():
        return path
    if in_ci():
        raise RuntimeError(f"{path} is missing but CI=true: scripts/test installs {package}")
    return Path(_require(None, f"{path} ({package})"))


def _require(url: str | None, what: str) -> str:
    if url is None:
        import pytest

        pytest.skip(f"no test {what} configured outside CI: run `bash scripts/test`")
    return url


def _required_env(var: str) -> str:
    value = os.environ.get(var)
    if not value:
        raise RuntimeError(f"{var} is not set: run the suite through scripts/test")
    return value


# ---------------------------------------------------------------------- PostgreSQL


def _pg_ctl(*args: str, timeout: float) -> None:
    """Runs pg_ctl on the test cluster, as the postgres user when we are root
    (PostgreSQL refuses to run as root). Raises RuntimeError on failure."""
    pg_bin = Path(_required_env("CREDITCTL_TEST_PG_BIN"))
    pg_data = _required_env("CREDITCTL_TEST_PG_DATA")
    cmd = [str(pg_bin / "pg_ctl"), "-D", pg_data, *args, "-w", "-t", str(int(timeout))]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    # stdout/stderr go to files or DEVNULL, never to a pipe: the postmaster inherits
    # them, and a pipe held open by it would block the reader.
    proc = subprocess.run(
        cmd,
        cwd="/",
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=timeout + 10,
        check=False,
    )
    if proc.returncode != 0:
        log = Path(pg_data) / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"pg_ctl {' '.join(args)} failed ({proc.returncode})\n{tail}")


def _pg_answers(url: str) -> bool:
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT 1")).scalar_one() == 1
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def _pg_admin_url() -> str:
    """URL of the maintenance database `postgres` on the test cluster."""
    url = pg_url()
    if url is None:
        raise RuntimeError("CREDITCTL_TEST_PG_URL is not set: run the suite through scripts/test")
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


def stop_postgres(mode: str = "fast", timeout: float = WAIT_SECONDS) -> None:
    """Stops the test cluster and waits (at most `timeout` seconds) until it is down.

    `mode` is pg_ctl's shutdown mode: "fast" (disconnect clients, clean shutdown) or
    "immediate" (like a crash: no checkpoint, recovery on the next start).
    Raises RuntimeError when pg_ctl fails or the variables are unset.
    """
    if mode not in {"smart", "fast", "immediate"}:
        raise ValueError(f"unknown pg_ctl shutdown mode {mode!r}")
    _pg_ctl("-m", mode, "stop", timeout=timeout)


def start_postgres(timeout: float = WAIT_SECONDS) -> None:
    """Starts the test cluster again on the same port and data directory, and waits
    (at most `timeout` seconds) until it answers a SELECT 1.

    Raises RuntimeError when it does not start or does not answer in time.
    """
    pg_data = _required_env("CREDITCTL_TEST_PG_DATA")
    _pg_ctl("-l", str(Path(pg_data) / "server.log"), "start", timeout=timeout)
    admin = _pg_admin_url()
    deadline = time.monotonic() + timeout
    while not _pg_answers(admin):
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL did not answer within {timeout} s")
        time.sleep(_POLL_SECONDS)


def fresh_pg_database(name_prefix: str, *, template: str | None = None) -> str:
    """Creates a new database on the test cluster and returns its SQLAlchemy URL.

    The name is `name_prefix` (lower-cased, non [a-z0-9_] characters replaced by "_")
    plus a random suffix, at most 63 characters (PostgreSQL's limit). The database is
    empty, or a copy of the database named in the URL `template` (which nothing may be
    connected to). Drop it with `drop_pg_database(url)`. Raises RuntimeError when
    PostgreSQL is not configured.
    """
    prefix = re.sub(r"[^a-z0-9_]", "_", name_prefix.lower())[:40] or "t"
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    source = f' TEMPLATE "{make_url(template).database}"' if template else ""
    engine = sa.create_engine(_pg_admin_url(), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{source}'))
    finally:
        engine.dispose()
    base = make_url(pg_url())  # type: ignore[arg-type]  # checked by _pg_admin_url
    return base.set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    """Drops the database named in `url` (closing its open connections first);
    a database that does not exist is no error."""
    parsed = make_url(url)
    name = parsed.database
    if not name or name in {"postgres", "template0", "template1"}:
        raise ValueError(f"refusing to drop database {name!r}")
    admin = parsed.set(database="postgres").render_as_string(hide_password=False)
    engine = sa.create_engine(admin, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- Redis


def _redis_port() -> int:
    return int(_required_env("CREDITCTL_TEST_REDIS_PORT"))


def _redis_answers(port: int) -> bool:
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1, socket_timeout=2)
    try:
        return bool(client.ping())
    except redis.exceptions.RedisError:
        return False
    finally:
        client.close()


def _redis_pid() -> int | None:
    redis_dir = os.environ.get("CREDITCTL_TEST_REDIS_DIR")
    if not redis_dir:
        return None
    try:
        return int((Path(redis_dir) / "redis.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_redis(timeout: float = WAIT_SECONDS) -> None:
    """Stops the test Redis (SIGTERM to the pid in its pid file; without one, the
    SHUTDOWN NOSAVE command) and waits at most `timeout` seconds until it is gone.

    Its data is lost (no persistence), as in a real outage of a cache-only Redis.
    Raises RuntimeError when it is still up after `timeout`.
    """
    port = _redis_port()
    pid = _redis_pid()
    if pid is not None and _pid_alive(pid):
        os.kill(pid, signal.SIGTERM)
    else:
        client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)
        try:
            client.shutdown(nosave=True)
        except redis.exceptions.ConnectionError:
            pass  # the server closes the connection as it goes down
        finally:
            client.close()
    deadline = time.monotonic() + timeout
    while (pid is not None and _pid_alive(pid)) or _redis_answers(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Redis on port {port} still up after {timeout} s")
        time.sleep(_POLL_SECONDS)


def start_redis(timeout: float = WAIT_SECONDS) -> None:
    """Starts the test Redis again on the same port (from its redis.conf when
    CREDITCTL_TEST_REDIS_DIR is set) and waits at most `timeout` seconds until it
    answers PING. Raises RuntimeError when it does not.
    """
    port = _redis_port()
    redis_dir = os.environ.get("CREDITCTL_TEST_REDIS_DIR")
    conf = Path(redis_dir, "redis.conf") if redis_dir else None
    if conf is not None and conf.exists():
        cmd = ["redis-server", str(conf)]
    else:
        cmd = [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
        ]
    subprocess.run(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=timeout,
        check=True,
    )
    deadline = time.monotonic() + timeout
    while not _redis_answers(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Redis on port {port} did not answer within {timeout} s")
        time.sleep(_POLL_SECONDS)


def flush_redis(url: str) -> None:
    """Deletes every key of the Redis database named in `url` (FLUSHDB)."""
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()

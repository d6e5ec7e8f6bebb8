"""Alembic migrations, run programmatically.

Who migrates (one owner): ``creditctl db upgrade`` (``upgrade``), and the embedded
default — the SQLite file in ``CREDITCTL_HOME`` when ``CREDITCTL_DATABASE_URL`` is
unset — on its first use (``prepare_schema``). Every other command and process only
checks the revision (``check_schema``) and refuses with ``SchemaOutOfDate`` (exit 1)
when the database is not at the head of the script directory; nothing else migrates a
configured database, production PostgreSQL included.

On PostgreSQL the upgrade holds a transaction-scoped advisory lock
(``pg_advisory_xact_lock(MIGRATION_LOCK_KEY)``), so concurrent upgrades queue: the
second one finds the schema at head and does nothing.

Checking costs no Alembic import (about 10 MB of a worker's resident memory, for a
comparison of two strings) and no SQLAlchemy import (``creditctl status``'s start-up):
``current_revision`` reads the ``alembic_version`` table with one SELECT on a DBAPI
connection (``creditctl.dbapi.reading``) and ``head_revision`` reads the
``revision``/``down_revision`` lines of the version files
(``tests/unit/test_migrate_heads.py`` pins both to Alembic's own answer). Upgrading
imports Alembic and SQLAlchemy.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from creditctl.dbapi import backend_name, reading, sqlite_path
from creditctl.exceptions import CreditctlError

if TYPE_CHECKING:
    from alembic.config import Config

    from creditctl.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK_KEY = 0x6372_6564_6974  # "credit": one advisory lock key for every upgrade


class SchemaOutOfDate(CreditctlError):
    """The database schema is not the one this creditctl needs; run `creditctl db upgrade`."""


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "heads") -> str:
    """Migrate the database at ``url`` to ``revision`` (default: every head of the script
    directory) under the PostgreSQL advisory lock; returns the revision now in force."""
    from alembic import command
    from sqlalchemy import text

    from creditctl.db import get_engine

    cfg = alembic_config(url)
    with get_engine(url).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
    return current_revision(url) or ""


def current_revision(url: str) -> str | None:
    """The revision(s) the database is at (rows of ``alembic_version``), comma-joined;
    None for an empty database."""
    with reading(url) as db:
        if not db.has_table("alembic_version"):
            return None
        heads = [str(row[0]) for row in db.rows("SELECT version_num FROM alembic_version")]
    return ",".join(sorted(heads)) or None


_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]+)?=\s*(.+?)\s*$", re.MULTILINE)


@lru_cache(maxsize=1)
def _script_heads() -> tuple[str, ...]:
    """Revisions of ``migrations/versions`` that no other revision names as its
    ``down_revision`` (the heads), sorted. Raises ``CreditctlError`` for a version
    file without a literal ``revision``."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = {name: ast.literal_eval(value) for name, value in _ASSIGNMENT.findall(path.read_text(encoding="utf-8"))}
        if not isinstance(found.get("revision"), str):
            raise CreditctlError(f"{path.name}: no literal revision")
        revisions.add(found["revision"])
        down = found.get("down_revision")
        parents.update([down] if isinstance(down, str) else list(down or ()))
    return tuple(sorted(revisions - parents))


def head_revision(url: str = "sqlite://") -> str:  # noqa: ARG001 - kept for callers; the URL never mattered
    """The head revision(s) of the shipped script directory, comma-joined (any number of
    revisions; the database URL does not matter)."""
    return ",".join(_script_heads())


def check_schema(url: str) -> None:
    """Raise ``SchemaOutOfDate`` unless the database at ``url`` is at the head revision;
    a configured SQLite file that does not exist is named (``SchemaOutOfDate``) and not
    created: a mistyped path must not become an empty database."""
    missing = sqlite_path(url)
    if missing is not None and not missing.exists():
        raise SchemaOutOfDate(
            f"no database at {missing}: check CREDITCTL_DATABASE_URL, or run creditctl db upgrade to create it"
        )
    current, head = current_revision(url), head_revision(url)
    if current is None:
        raise SchemaOutOfDate("empty database (no migration applied): run `creditctl db upgrade`")
    if current != head:
        raise SchemaOutOfDate(f"database at revision {current}, this creditctl needs {head}: run creditctl db upgrade")


def ensure_schema(url: str) -> None:
    """Upgrade to head when the database is behind (cheap check when it is not).
    Only for the embedded default and ``db upgrade``: see ``prepare_schema``."""
    if current_revision(url) != head_revision(url):
        upgrade(url)


def prepare_schema(settings: Settings) -> None:
    """What a command does before it touches the database: the embedded default (no
    ``CREDITCTL_DATABASE_URL``, SQLite in ``CREDITCTL_HOME``) migrates itself; any
    configured database is only checked (``SchemaOutOfDate`` when behind or ahead)."""
    url = settings.effective_database_url
    if not settings.database_url and backend_name(url) == "sqlite":
        ensure_schema(url)
    else:
        check_schema(url)

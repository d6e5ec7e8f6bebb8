"""Column types that need SQLAlchemy Core only (not the ORM), so the read paths that
import no models share them with ``creditctl.models``, which re-exports every name here.
``UNFINISHED_SQL`` and ``utcnow`` live in ``creditctl.dbapi`` (the reads that import no
SQLAlchemy at all, ``creditctl/services/overview.py``) and are re-exported here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, TypeDecorator

from creditctl.dbapi import UNFINISHED_SQL as UNFINISHED_SQL, utcnow as utcnow


class UtcDateTime(TypeDecorator[datetime]):
    """A DateTime that always stores and returns timezone-aware UTC values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; creditctl stores timezone-aware UTC only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

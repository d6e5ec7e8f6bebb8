"""Settings: one pydantic model read from the environment (prefix ``CREDITCTL_``) and an
optional ``.env`` file, as pydantic-settings reads a ``BaseSettings`` model configured so.

The names are a contract with operators and tests (README, "Configuration"; docs/architecture.md).
Durations are seconds (floats allowed, so tests can run a retry chain in milliseconds).

The values are collected here (``environment_values``) rather than by pydantic-settings:
every command builds its settings first, and pydantic-settings' import (its sources for the
command line, cloud secret stores, files; asyncio, python-dotenv) cost ~25 ms of CPU, a tenth
of ``creditctl status --json`` (docs/worker-performance.md, "Round 7 — status and webhook").
The reading is the one pydantic-settings does for these fields (every field a plain value:
no nested models, lists or JSON): names without regard to case, the environment over the
``.env`` file of the working directory (parsed by python-dotenv, only when there is one),
keyword arguments over both, other variables ignored, every value handed to the model's
validation as the text it is. tests/unit/test_settings_sources.py holds it to
pydantic-settings itself on the same inputs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

from creditctl.exceptions import ConfigurationError

ENV_PREFIX = "CREDITCTL_"
"""Every setting is read from ``CREDITCTL_<FIELD NAME>`` (any case)."""
ENV_FILE = ".env"
"""The optional file of ``NAME=value`` lines read from the working directory (python-dotenv's
syntax); the environment wins over it."""

DEFAULT_HOME = Path(os.environ.get("CREDITCTL_HOME", ".creditctl"))
#: Desk locales known to parse (``babel.Locale.parse``; tests/unit/test_settings_locale.py
#: parses each): the default and its neighbours are accepted without importing babel, which
#: every command's settings would otherwise pay (docs/worker-performance.md, "Round 6").
PARSED_LOCALES = frozenset({"de_DE", "de_AT", "de_CH", "de", "en_GB", "en_US", "en"})


class Settings(BaseModel):
    """Effective configuration of one creditctl process: ``Settings(**overrides)`` reads
    the environment and ``.env`` (``environment_values``), the keyword arguments winning.

    Raises pydantic's ``ValidationError`` for an invalid value (``load_settings`` turns it
    into a ``ConfigurationError`` naming the variable).
    """

    model_config = ConfigDict(extra="ignore", validate_default=True)

    def __init__(self, **overrides: Any) -> None:
        super().__init__(**{**environment_values(), **overrides})

    home: Path = Field(DEFAULT_HOME, description="Directory of the embedded SQLite files.")
    database_url: str = Field(
        "",
        description="SQLAlchemy URL (postgresql+psycopg://…; postgresql+psycopg2:// "
        "is rewritten); empty = SQLite file in CREDITCTL_HOME.",
    )
    queue_url: str = Field("", description="Path or sqlite:///… (SqliteHuey) or redis://… (PriorityRedisHuey).")
    mongodb_url: SecretStr | None = Field(None, description="MongoDB mirror; off when unset.")
    mongodb_database: str = "creditctl"
    zendesk_webhook_secret: SecretStr | None = None
    zendesk_webhook_previous_secret: SecretStr | None = Field(None, description="Accepted during secret rotation.")
    zendesk_subdomain: str | None = None
    zendesk_email: str | None = None
    zendesk_api_token: SecretStr | None = None
    zendesk_base_url: str | None = Field(None, description="Override of https://{subdomain}.zendesk.com (tests).")
    api_token: SecretStr | None = Field(None, description="Bearer token of the read routes.")
    extractor: Literal["auto", "claude", "rules"] = "auto"
    claude_model: str = "claude-haiku-4-5"
    claude_max_tokens: int = Field(1024, ge=64, le=8192)
    claude_timeout: float = Field(60.0, gt=0)
    smtp_url: SecretStr | None = Field(None, description="smtp://user:pass@host:port; off = log + outbox.")
    alert_email_to: str = ""
    notify_email_to: str = ""
    mail_from: str = "creditctl@localhost"
    lease_seconds: float = Field(120.0, gt=0)
    sweep_interval: float = Field(60.0, gt=0)
    stuck_grace_seconds: float = Field(120.0, ge=0)
    worker_max_rss_mb: int = Field(400, gt=0)
    max_retries: int = Field(5, ge=0, le=50)
    retry_min_delay: float = Field(15.0, ge=0)
    retry_max_delay: float = Field(300.0, ge=0)
    alert_window_seconds: float = Field(60.0, ge=0)
    alert_storm_threshold: int = Field(5, ge=2)
    match_auto_threshold: float = Field(0.80, ge=0, le=1)
    match_review_threshold: float = Field(0.60, ge=0, le=1)
    match_margin: float = Field(0.10, ge=0, le=1)
    plausible_max_drop: float = Field(
        0.5, ge=0, le=1, description="A drop of more than this fraction of the stored claim is held (0.5 = 50 %)."
    )
    plausible_max_rise: float = Field(
        1.0, ge=0, description="A rise of more than this fraction of the stored claim is held (1.0 = 100 %)."
    )
    token_budget: int = Field(3000, ge=200)
    max_body_bytes: int = Field(2 * 1024 * 1024, gt=0)
    async_intake: bool = Field(
        True,
        description="PostgreSQL: the webhook's waits run on the event loop (no worker thread per request; "
        "docs/scaling.md). false: every request in a worker thread, as on SQLite.",
    )
    attachment_max_bytes: int = Field(20 * 1024 * 1024, gt=0)
    office_timezone: str = "Europe/Berlin"
    desk_locale: str = "de_DE"
    """Language and number/date format of the review desk (/desk/): de_DE or en_GB/en_US."""
    log_level: str = "INFO"
    log_redact: bool = True
    operator: str = Field(
        "",
        description="The person at the terminal: CLI decisions and operations are recorded under it "
        "(``cli.common.operator_identity``; ``--by NAME`` wins). Empty: the real login behind sudo, else the OS login.",
    )
    huey_immediate: bool = False
    # the live path and the operator's view
    dedupe_window_days: float = Field(
        7.0,
        ge=0,
        description="Same sender + normalised body within this many "
        "days is a duplicate, under any ticket or comment id.",
    )
    webhook_max_age_seconds: float = Field(172800.0, gt=0, description="Older signature timestamps → 401.")
    webhook_db_timeout_seconds: float = Field(
        5.0,
        gt=0,
        description="The webhook's database work (connect, pool wait, the intake statement) is bounded by this; "
        "beyond it the answer is 503 + Retry-After (Zendesk gives up after ~10 s; docs/zendesk-contract.md).",
    )
    health_waiting_seconds: float = Field(
        300.0, gt=0, description="A received/queued email without a queue message for longer fails `health`."
    )
    health_oldest_unfinished_seconds: float = Field(
        900.0, gt=0, description="The oldest unfinished email older than this fails `health`."
    )
    health_mirror_seconds: float = Field(
        600.0,
        gt=0,
        description="A claim update not written to the MongoDB mirror for longer than this (or one whose "
        "mirror write failed) fails `health`.",
    )

    @field_validator("database_url", mode="after")
    @classmethod
    def _psycopg3(cls, value: str) -> str:
        scheme = value.split(":", 1)[0].split("+", 1)[0].lower() if value else ""
        if value and scheme not in ("sqlite", "postgresql", "postgres"):
            raise ValueError(
                f"unsupported database {scheme!r}: creditctl runs on SQLite (sqlite:///PATH) "
                "or PostgreSQL (postgresql+psycopg://USER:PASSWORD@HOST/DB)"
            )
        return psycopg3_url(value)

    @field_validator("desk_locale", mode="after")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        name = value.replace("-", "_")
        if name in PARSED_LOCALES:  # babel parses these (pinned by a test): no babel import per command
            return name
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            raise ValueError(f"unknown locale {value!r}; use e.g. de_DE or en_GB") from None
        return name

    @field_validator("home", mode="after")
    @classmethod
    def _absolute_home(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        if self.retry_max_delay < self.retry_min_delay:
            raise ValueError("CREDITCTL_RETRY_MAX_DELAY must be >= CREDITCTL_RETRY_MIN_DELAY")
        if self.match_review_threshold > self.match_auto_threshold:
            raise ValueError("CREDITCTL_MATCH_REVIEW_THRESHOLD must be <= CREDITCTL_MATCH_AUTO_THRESHOLD")
        if self.queue_url and not (
            self.queue_url.startswith(("redis://", "rediss://", "sqlite:///", "memory://"))
            or "://" not in self.queue_url
        ):
            raise ValueError("CREDITCTL_QUEUE_URL must be a path, sqlite:///PATH, memory:// or redis://HOST:PORT/DB")
        return self

    # derived values ----------------------------------------------------------------
    @property
    def effective_database_url(self) -> str:
        """The SQLAlchemy URL in force: CREDITCTL_DATABASE_URL or the embedded SQLite file."""
        return self.database_url or f"sqlite:///{self.home / 'creditctl.db'}"

    @property
    def effective_queue_url(self) -> str:
        """The queue URL in force: CREDITCTL_QUEUE_URL or the embedded SqliteHuey file."""
        return self.queue_url or f"sqlite:///{self.home / 'queue.db'}"

    @property
    def webhook_secrets(self) -> list[str]:
        """Current and previous signing secrets, in that order (empty when unset)."""
        return [
            s.get_secret_value()
            for s in (self.zendesk_webhook_secret, self.zendesk_webhook_previous_secret)
            if s is not None and s.get_secret_value()
        ]

    def masked(self) -> dict[str, str]:
        """All settings as ``{ENV_NAME: text}`` with secrets and URL passwords masked."""
        out: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                text = _mask_secret(value.get_secret_value())
            elif value is None:
                text = ""
            elif name in ("database_url", "queue_url"):
                text = _mask_url(str(value))
            else:
                text = str(value)
            out[f"CREDITCTL_{name.upper()}"] = text
        out["CREDITCTL_DATABASE_URL (effective)"] = _mask_url(self.effective_database_url)
        out["CREDITCTL_QUEUE_URL (effective)"] = _mask_url(self.effective_queue_url)
        key = os.environ.get("ANTHROPIC_API_KEY", "")
        out["ANTHROPIC_API_KEY"] = _mask_secret(key) if key else ""
        out["ANTHROPIC_BASE_URL"] = os.environ.get("ANTHROPIC_BASE_URL", "")
        return out


def environment_values(environ: Mapping[str, str] | None = None, env_file: str | Path = ENV_FILE) -> dict[str, str]:
    """The text of every ``Settings`` field set in ``environ`` (default: ``os.environ``) or
    in ``env_file`` (when it is a file or a pipe), keyed by field name: a variable's name
    is ``CREDITCTL_`` + the field's name in any case, the environment wins over the file,
    and among names that differ only in case the last one wins. A line of the file without
    ``=`` sets nothing; other variables are ignored. Raises ``OSError`` when the file
    exists but cannot be read."""
    wanted = {f"{ENV_PREFIX}{name}".lower(): name for name in Settings.model_fields}
    found: dict[str, str] = {}
    path = Path(env_file).expanduser()
    if path.is_file() or path.is_fifo():
        from dotenv import dotenv_values  # only with a file: its parser is not every command's

        for key, value in dotenv_values(path, encoding="utf8").items():
            name = wanted.get(key.lower())
            if name is not None and value is not None:
                found[name] = value
    for key, value in (os.environ if environ is None else environ).items():
        name = wanted.get(key.lower())
        if name is not None:
            found[name] = value
    return found


def operator_setting(environ: Mapping[str, str] | None = None, env_file: str | Path = ENV_FILE) -> str:
    """``CREDITCTL_OPERATOR`` as every setting is read (``environment_values``: the
    environment, else ``.env``), whitespace collapsed; ``""`` when unset or blank. Read
    afresh on each call (not the cached ``get_settings``), so a name set after the settings
    were loaded counts. Raises ``OSError`` when ``.env`` exists but cannot be read."""
    return " ".join(environment_values(environ, env_file).get("operator", "").split())


def _mask_secret(value: str) -> str:
    if not value:
        return ""
    if "://" in value:
        return _mask_url(value)
    return "********"


def _mask_url(url: str) -> str:
    """Replace the password of ``scheme://user:password@host`` with ``***``; a URL
    without a password (``scheme://user@host``) is returned as it is: no ``***`` suggests
    a password that is not there."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    if ":" not in creds:
        return url
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


_OLD_PG_SCHEMES = ("postgresql+psycopg2://", "postgresql://", "postgres://")


def psycopg3_url(url: str) -> str:
    """A PostgreSQL URL on the psycopg 3 driver (``postgresql+psycopg://``): the old
    ``postgresql+psycopg2://`` and the driverless ``postgresql://`` / ``postgres://``
    are still accepted and rewritten; any other URL is returned unchanged."""
    for scheme in _OLD_PG_SCHEMES:
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def load_settings(**overrides: Any) -> Settings:
    """Build and validate settings from the environment (and ``.env``), plus overrides.

    Raises ``ConfigurationError`` whose message names each invalid ``CREDITCTL_*`` variable.
    """
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = "_".join(str(p) for p in err["loc"]) if err["loc"] else ""
            name = f"CREDITCTL_{loc.upper()}" if loc else "settings"
            problems.append(f"{name}: {err['msg']}")
        raise ConfigurationError("; ".join(problems)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings, loaded once (tests call ``get_settings.cache_clear()``)."""
    return load_settings()

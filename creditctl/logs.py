"""structlog, configured once: console rendering on a terminal, JSON lines otherwise.

Every log line — structlog's and the standard library's (uvicorn, huey, litestar) —
passes the same processor chain, so one place decides what may appear in a log:

* ``drop_secrets`` (always on, even with redaction off): values of keys that carry
  secrets (tokens, passwords, the webhook signature, ``Authorization``) are replaced
  by ``[secret]``.
* ``redact`` (on unless ``CREDITCTL_LOG_REDACT=false``): keys that carry bodies,
  names, addresses, IBANs or amounts are masked, and IBANs, e-mail addresses and
  money amounts inside any other string value (also in nested dicts and lists, and in
  formatted exception text) are replaced by ``[iban]``, ``[email]``, ``[amount]``.

Context (request id, route, email id, ticket id, attempt, worker) is bound with
``structlog.contextvars`` by the web layer and the tasks, and merged into every line.
Source of the layout: structlog's "Logging Best Practices" (console on a TTY, JSON
otherwise) and its contextvars chapter.

structlog is imported when something logs, not with this module: importing it costs
about 0.09 s of CPU (its console renderer imports Rich), a third of a one-shot command
that logs nothing (``creditctl status --json``, docs/measurements/status-importtime.txt).
``configure_logging`` configures it at once when it is already imported, else the
moment it is first imported; the standard library's handler builds its formatter at
its first record.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import logging
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, TextIO

SECRET_KEYS = frozenset(
    {
        "secret",
        "token",
        "api_token",
        "password",
        "authorization",
        "signature_header",
        "x-zendesk-webhook-signature",
        "webhook_secret",
        "api_key",
        "cookie",
        "set-cookie",
    }
)
"""Keys whose values are never logged, whatever CREDITCTL_LOG_REDACT says."""

SENSITIVE_KEYS = frozenset(
    {
        "body",
        "body_text",
        "body_html",
        "raw_body",
        "raw_payload",
        "reply",
        "quoted",
        "signature",
        "text",
        "html",
        "name",
        "from_name",
        "client_name",
        "creditor_name",
        "agent_name",
        "from_email",
        "email",
        "to",
        "recipients",
        "address",
        "iban",
        "amount",
        "old_amount",
        "new_amount",
        "total",
        "principal",
        "interest",
        "costs",
        "subject",
        "date_of_birth",
        "creditor_reference",
        "client_file_number",
        "file_number",
        "reference",
        "payload",
        "extraction",
    }
)
"""Keys whose values carry personal data (masked when redaction is on)."""

SENSITIVE_SUFFIXES = ("_name", "_body", "_text", "_html", "_amount", "_iban", "_address", "_email")

IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MONEY = re.compile(
    r"(?:€|EUR|CHF|GBP|£)\s?\d[\d.,' ]*\d"  # EUR 1.234,56
    r"|\d[\d.,' ]*\s?(?:€|EUR|CHF|GBP|Euro)\b"  # 1.234,56 EUR
    r"|\b\d{1,3}(?:[.,' ]\d{3})*[.,]\d{2}\b"  # a bare decimal amount: 1.234,56 / 540.00
)

_MAX_DEPTH = 6


_MAYBE_PERSONAL = re.compile(r"[\d@]")
"""Every IBAN and money amount holds a digit, every e-mail address an ``@``: a string
without either is returned as is, after one scan instead of three (most log values)."""


def redact_text(value: str) -> str:
    """Mask IBANs, e-mail addresses and money amounts in ``value`` (returns a new string)."""
    if not _MAYBE_PERSONAL.search(value):
        return value
    value = IBAN.sub("[iban]", value)
    if "@" in value:
        value = EMAIL.sub("[email]", value)
    return MONEY.sub("[amount]", value)


_PLAIN, _SECRET, _SENSITIVE = 0, 1, 2
_KEY_KINDS: dict[str, int] = {}
_KEY_KINDS_MAX = 4096
"""Memo of ``_key_kind`` by key: the keys of log lines are few (code names them), so the
lower-casing and suffix tests run once per key instead of twice per key per line (the
per-request line of the webhook, docs/scaling.md). Bounded: arbitrary dict keys in
logged data stop being remembered past the limit."""


def _key_kind(key: Any) -> int:
    """``_SECRET``, ``_SENSITIVE`` or ``_PLAIN`` for a dict key of a log line."""
    if not isinstance(key, str):
        key = str(key)
    kind = _KEY_KINDS.get(key)
    if kind is None:
        k = key.lower()
        if k in SECRET_KEYS or k.endswith(("_secret", "_password", "_api_key")):
            kind = _SECRET
        elif k in SENSITIVE_KEYS or k.endswith(SENSITIVE_SUFFIXES):
            kind = _SENSITIVE
        else:
            kind = _PLAIN
        if len(_KEY_KINDS) < _KEY_KINDS_MAX:
            _KEY_KINDS[key] = kind
    return kind


def _scrub(value: Any, *, personal: bool, depth: int = 0) -> Any:
    """Recursively mask secrets (always) and personal data (when ``personal``)."""
    if depth > _MAX_DEPTH:
        return "[nested]"
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            kind = _key_kind(key)
            if kind == _SECRET and item not in (None, ""):
                out[key] = "[secret]"
            elif personal and kind == _SENSITIVE and item not in (None, "", [], {}):
                out[key] = "[redacted]"
            elif item is None or isinstance(item, (bool, int, float)):  # nothing to mask in a number
                out[key] = item
            else:
                out[key] = _scrub(item, personal=personal, depth=depth + 1)
        return out
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_scrub(item, personal=personal, depth=depth + 1) for item in value]
    if personal and isinstance(value, str):
        return redact_text(value)
    return value


def drop_secrets(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    """structlog processor, always on: secret-bearing keys become ``[secret]``."""
    scrubbed: dict[str, Any] = _scrub(event, personal=False)
    return scrubbed


def redact(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: see the module docstring. The event name is scrubbed as
    text (never masked whole), so the line stays searchable."""
    name = event.get("event")
    scrubbed: dict[str, Any] = _scrub({k: v for k, v in event.items() if k != "event"}, personal=True)
    if name is not None:
        scrubbed["event"] = redact_text(name) if isinstance(name, str) else name
    return scrubbed


_CONFIGURED = False


def _drop_traceback(record: logging.LogRecord) -> bool:
    """Huey logs a task's traceback, whose frames and SQL parameters can carry personal
    data; the error class and message are recorded by creditctl's own events instead."""
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        record.msg = f"{record.getMessage()} ({type(exc).__name__})"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
    return True


def processors(*, redact_personal_data: bool = True) -> list[Any]:
    """The shared chain (before rendering): context, exception text, then ``redact``
    (secrets and personal data) or, with redaction disabled, ``drop_secrets`` (secrets
    only); then level and UTC timestamp."""
    import structlog

    chain: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.format_exc_info,
        # ``redact`` masks secrets too (``_scrub`` checks a key for a secret first, whatever
        # ``personal`` says): one pass over a line instead of two (docs/scaling.md)
        redact if redact_personal_data else drop_secrets,
    ]
    # level and timestamp are added after the scrubbing: they are ours, never personal,
    # and not scanning them is a third of the redaction's work on a request line
    chain += [structlog.stdlib.add_log_level, structlog.processors.TimeStamper(fmt="iso", utc=True)]
    return chain


class _ChainHandler(logging.StreamHandler[TextIO]):
    """The root handler ``configure_logging`` installs; a later call replaces it. Its
    formatter (the shared chain) is built at its first record."""

    def __init__(self, stream: TextIO, make_formatter: Callable[[], logging.Formatter]) -> None:
        super().__init__(stream)
        self._make_formatter = make_formatter

    def format(self, record: logging.LogRecord) -> str:
        if self.formatter is None:
            self.setFormatter(self._make_formatter())
        return super().format(record)


class _Configuring(importlib.abc.Loader):
    """structlog's own loader, then ``apply`` (structlog's configuration) once the module
    has run: nothing can log through structlog unconfigured."""

    def __init__(self, loader: importlib.abc.Loader, apply: Callable[[], None]) -> None:
        self._loader = loader
        self._apply = apply

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        self._apply()

    def __getattr__(self, name: str) -> Any:  # resource readers and the like: the real loader's
        return getattr(self._loader, name)


class _ConfigureOnImport(importlib.abc.MetaPathFinder):
    """Finds structlog with the other finders, with ``_Configuring`` around its loader;
    removes itself at that first import."""

    def __init__(self, apply: Callable[[], None]) -> None:
        self.apply = apply

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "structlog":
            return None
        _forget_pending()
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _Configuring(spec.loader, self.apply)
        return spec


_PENDING: _ConfigureOnImport | None = None


def _forget_pending() -> None:
    global _PENDING
    if _PENDING is not None and _PENDING in sys.meta_path:
        sys.meta_path.remove(_PENDING)
    _PENDING = None


def _when_structlog_is_imported(apply: Callable[[], None]) -> None:
    """Run ``apply`` now when structlog is imported, else right after its first import
    (a call before then replaces the pending one)."""
    global _PENDING
    _forget_pending()
    if "structlog" in sys.modules:
        apply()
        return
    _PENDING = _ConfigureOnImport(apply)
    sys.meta_path.insert(0, _PENDING)


def configure_logging(
    level: str = "INFO", *, redact_personal_data: bool = True, json: bool | None = None, stream: TextIO | None = None
) -> None:
    """Configure structlog and the stdlib root logger for this process (lines go to
    ``stream``, default stderr). Calling it again reconfigures (tests do); the stdlib
    handler is replaced, never duplicated. structlog is configured now when it is
    imported, else at its first import (see the module docstring).

    ``json``: None = JSON lines unless ``stream`` is a terminal.
    """
    global _CONFIGURED
    out = stream or sys.stderr
    tty = bool(getattr(out, "isatty", lambda: False)())
    as_json = not tty if json is None else json
    numeric = getattr(logging, level.upper(), logging.INFO)

    def renderer() -> Any:
        import structlog

        return structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer(colors=tty)

    def configure_structlog() -> None:
        import structlog

        structlog.configure(
            processors=[*processors(redact_personal_data=redact_personal_data), renderer()],
            wrapper_class=structlog.make_filtering_bound_logger(numeric),
            logger_factory=structlog.PrintLoggerFactory(file=out),
            cache_logger_on_first_use=False,
        )

    def stdlib_formatter() -> logging.Formatter:
        # the standard library's records (uvicorn, huey, litestar) take the same chain
        import structlog

        return structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[
                structlog.stdlib.add_logger_name,
                *processors(redact_personal_data=redact_personal_data),
            ],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer()],
        )

    _when_structlog_is_imported(configure_structlog)
    handler = _ChainHandler(out, stdlib_formatter)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _ChainHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    huey_log = logging.getLogger("huey")
    huey_log.setLevel(max(numeric, logging.INFO))
    if _drop_traceback not in huey_log.filters:
        huey_log.addFilter(_drop_traceback)
    for noisy in ("httpx", "alembic", "httpcore", "anthropic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _CONFIGURED = True

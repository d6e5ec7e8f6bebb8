"""structlog, configured once: console rendering on a terminal, JSON lines otherwise.

A redaction processor keeps personal data out of logs unless CREDITCTL_LOG_REDACT is
false: keys that carry bodies, names, addresses or amounts are masked, and IBANs,
e-mail addresses and money amounts inside any string value are replaced.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

import structlog

SENSITIVE_KEYS = frozenset({
    "body", "body_text", "body_html", "reply", "quoted", "signature", "text", "name", "from_name", "client_name",
    "creditor_name", "from_email", "email", "address", "iban", "amount", "old_amount", "new_amount", "total",
    "subject", "secret", "token", "signature_header", "authorization", "password",
})
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MONEY = re.compile(r"(?:€|EUR|CHF|GBP|£)\s?\d[\d.,' ]*|\d[\d.,' ]*\s?(?:€|EUR|CHF|GBP)")


def redact_text(value: str) -> str:
    """Mask IBANs, e-mail addresses and money amounts in ``value``."""
    value = IBAN.sub("[iban]", value)
    value = EMAIL.sub("[email]", value)
    return MONEY.sub("[amount]", value)


def redact(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: see the module docstring."""
    for key, value in list(event.items()):
        if key in SENSITIVE_KEYS and value not in (None, ""):
            event[key] = "[redacted]"
        elif isinstance(value, str) and key != "event":
            event[key] = redact_text(value)
    if isinstance(event.get("event"), str):
        event["event"] = redact_text(event["event"])
    return event


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


def configure_logging(level: str = "INFO", *, redact_personal_data: bool = True, json: bool | None = None) -> None:
    """Configure structlog and the stdlib root logger once per process (to stderr)."""
    global _CONFIGURED
    if json is None:
        json = not sys.stderr.isatty()
    processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    if redact_personal_data:
        processors.append(redact)
    processors.append(structlog.processors.format_exc_info)
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    numeric = getattr(logging, level.upper(), logging.INFO)
    structlog.configure(
        processors=[*processors, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    if not _CONFIGURED:
        logging.basicConfig(level=numeric, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("huey").setLevel(max(numeric, logging.INFO))
        logging.getLogger("huey").addFilter(_drop_traceback)
        for noisy in ("httpx", "alembic", "httpcore", "anthropic"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    _CONFIGURED = True

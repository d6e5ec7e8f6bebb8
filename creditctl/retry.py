"""The one retry policy: which errors are retried, and how long to wait.

Retryable (DESIGN.md "Retry policy"): rate limits (429, honour Retry-After),
connection errors, timeouts, 5xx/overloaded from the LLM, operational database
errors, a MongoDB mirror outage. Permanent: bad request (400), auth errors,
validation errors, a missing email row. Unknown exceptions are permanent: retrying
a bug five times only delays the alert.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import anthropic
import pydantic
import sqlalchemy.exc
from pymongo import errors as mongo_errors

from creditctl.exceptions import PermanentError, TransientError

RETRYABLE: tuple[type[BaseException], ...] = (
    TransientError,
    anthropic.RateLimitError,
    anthropic.InternalServerError,  # includes OverloadedError (529), 503, 504
    anthropic.APIConnectionError,  # includes APITimeoutError
    anthropic.RequestTimeoutError if hasattr(anthropic, "RequestTimeoutError") else anthropic.APITimeoutError,
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.DisconnectionError,
    mongo_errors.AutoReconnect,
    mongo_errors.ServerSelectionTimeoutError,
    mongo_errors.NetworkTimeout,
    ConnectionError,
    TimeoutError,
)
PERMANENT: tuple[type[BaseException], ...] = (
    PermanentError,
    anthropic.BadRequestError,
    anthropic.AuthenticationError,
    anthropic.PermissionDeniedError,
    anthropic.NotFoundError,
    pydantic.ValidationError,
    ValueError,
    KeyError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: ``min_delay_s * 2**(attempt-1)`` capped at ``max_delay_s``.

    ``max_retries`` counts retries, so an email gets at most ``1 + max_retries`` attempts.
    """

    max_retries: int = 5
    min_delay_s: float = 15.0
    max_delay_s: float = 300.0
    jitter: float = 0.1  # +/- fraction of the delay, never above max_delay_s

    def is_retryable(self, exc: BaseException) -> bool:
        """True when ``exc`` is a passing failure (see the module docstring).

        Permanent classes win over retryable ones (``ValueError`` subclasses such as
        ``UnicodeDecodeError`` stay permanent). Exceptions chained with ``raise … from``
        are judged by the outermost known class.
        """
        if isinstance(exc, PERMANENT) and not isinstance(exc, TransientError):
            return False
        return isinstance(exc, RETRYABLE)

    def should_retry(self, attempt: int, exc: BaseException) -> bool:
        """True when attempt number ``attempt`` (1-based) failing with ``exc`` gets another try."""
        return self.is_retryable(exc) and attempt <= self.max_retries

    def delay_s(self, attempt: int, exc: BaseException | None = None, *, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed attempt ``attempt`` (1-based) before the next one.

        15, 30, 60, 120, 240 s by default, +/- jitter, never above ``max_delay_s``;
        a longer Retry-After from a 429/503 (RFC 9110 §10.2.3, seconds form) wins,
        still capped at ``max_delay_s``.
        """
        base = min(self.max_delay_s, self.min_delay_s * (2 ** max(0, attempt - 1)))
        r = rng or random
        delay = base * (1 + r.uniform(-self.jitter, self.jitter)) if base > 0 else 0.0
        after = retry_after_s(exc) if exc is not None else None
        if after is not None and after > delay:
            delay = after
        return max(0.0, min(self.max_delay_s, delay))


def retry_after_s(exc: BaseException) -> float | None:
    """The Retry-After of an error in seconds, when it carries one (else None)."""
    explicit = getattr(exc, "retry_after", None)
    if isinstance(explicit, int | float):
        return float(explicit)
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return float(value) / 1000.0
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value:
        try:
            return float(value)
        except ValueError:
            from email.utils import parsedate_to_datetime
            from datetime import UTC, datetime

            try:
                when = parsedate_to_datetime(value)
                return max(0.0, (when - datetime.now(UTC)).total_seconds())
            except (TypeError, ValueError):
                return None
    return None


def error_class_name(exc: BaseException) -> str:
    """``module.Class`` of an exception, as stored in events and ``last_error_class``."""
    cls = type(exc)
    module = cls.__module__.split(".")[0]
    return f"{module}.{cls.__qualname__}" if module != "builtins" else cls.__qualname__


def error_text(exc: BaseException, limit: int = 2000) -> str:
    """``Class: message`` of an error, without SQL statements or their parameters
    (SQLAlchemy puts both in ``str(exc)``; they may hold personal data)."""
    inner = getattr(exc, "orig", None)
    message = str(inner) if isinstance(exc, sqlalchemy.exc.StatementError) and inner is not None else str(exc)
    return f"{error_class_name(exc)}: {message}"[:limit]


def should_retry(attempt: int, exc: BaseException, policy: RetryPolicy | None = None) -> bool:
    """Module-level shortcut of ``RetryPolicy.should_retry`` with the default policy."""
    return (policy or RetryPolicy()).should_retry(attempt, exc)

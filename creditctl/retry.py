"""The one retry policy: which errors are retried, and how long to wait.

Retryable (docs/retry-policy.md): ``TransientError`` — what the adapters translate
rate limits (429, honour Retry-After), overloaded / 5xx answers of the LLM, its
connection errors and timeouts, and a MongoDB mirror outage into (``adapters/``,
where the SDK errors are raised) — operational database errors, connection errors
and timeouts. Permanent: ``PermanentError`` (the adapters' bad request, auth and
permission errors, not found), validation errors, ``ValueError`` / ``KeyError``, a
missing email row. Unknown exceptions are permanent: retrying a bug five times only
delays the alert. This module imports no SDK.

The backoff is exponential from CREDITCTL_RETRY_MIN_DELAY (15 s) doubling per attempt
up to CREDITCTL_RETRY_MAX_DELAY (300 s): 15, 30, 60, 120, 240 s for the default five
retries. The jitter (±10 %) is applied *before* the cap, so consecutive delays never
decrease (each uncapped step is at least ``2 * 0.9 / 1.1 ≈ 1.6`` times the last) and
never exceed the maximum.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import pydantic
import sqlalchemy.exc

from creditctl.exceptions import PermanentError, TransientError

RETRYABLE: tuple[type[BaseException], ...] = (
    TransientError,  # including the adapters' ServiceUnavailable and MirrorUnavailable
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.DisconnectionError,
    sqlalchemy.exc.TimeoutError,  # connection pool exhausted
    ConnectionError,
    TimeoutError,
)
"""Passing failures: another attempt later may succeed."""

PERMANENT: tuple[type[BaseException], ...] = (
    PermanentError,  # including EmailMissing and the adapters' ServiceRejected, MirrorRejected
    pydantic.ValidationError,
    ValueError,
    KeyError,
)
"""Failures that the same input and configuration will repeat: fail at once."""

_MAX_CHAIN = 8


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and the exceptions it was explicitly raised from (``raise … from``)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < _MAX_CHAIN:
        seen.add(id(current))
        yield current
        current = current.__cause__


def is_retryable(exc: BaseException) -> bool:
    """True when ``exc`` is a passing failure (see the module docstring).

    Permanent classes win over retryable ones (``UnicodeDecodeError`` is a ``ValueError``
    and stays permanent), except ``TransientError``, which always means retry. An
    exception of an unknown class is judged by the first known class in its
    ``__cause__`` chain (``StorageUnavailable`` raised from an ``OperationalError`` is
    retried); with none known it is permanent. A SQLAlchemy ``DBAPIError`` whose
    connection was invalidated (the server went away) is retried.
    """
    for link in _chain(exc):
        if isinstance(link, TransientError):
            return True
        if isinstance(link, PERMANENT):
            return False
        if isinstance(link, RETRYABLE):
            return True
        if isinstance(link, sqlalchemy.exc.DBAPIError) and link.connection_invalidated:
            return True
    return False


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with bounded jitter (all durations in seconds).

    ``max_retries`` counts retries, so an email gets at most ``1 + max_retries``
    attempts. ``jitter`` is the ± fraction applied to each uncapped delay; it must be
    below 1/3 so that delays stay non-decreasing (checked on construction,
    ``ValueError`` otherwise).
    """

    max_retries: int = 5
    min_delay_s: float = 15.0
    max_delay_s: float = 300.0
    jitter: float = 0.1

    def __post_init__(self) -> None:
        if not 0 <= self.jitter < 1 / 3:
            raise ValueError("jitter must be in [0, 1/3) to keep the delays non-decreasing")
        if self.max_delay_s < self.min_delay_s or self.min_delay_s < 0 or self.max_retries < 0:
            raise ValueError("need 0 <= min_delay_s <= max_delay_s and max_retries >= 0")

    def is_retryable(self, exc: BaseException) -> bool:
        """``creditctl.retry.is_retryable`` (kept on the policy for callers holding one)."""
        return is_retryable(exc)

    def should_retry(self, attempt: int, exc: BaseException) -> bool:
        """True when attempt number ``attempt`` (1-based) failing with ``exc`` gets another try:
        the error is retryable and fewer than ``max_retries`` retries were used
        (``attempt <= max_retries``)."""
        return attempt <= self.max_retries and is_retryable(exc)

    def base_delay_s(self, attempt: int) -> float:
        """The delay after failed attempt ``attempt`` without jitter or Retry-After:
        ``min_delay_s * 2**(attempt-1)`` capped at ``max_delay_s``."""
        return min(self.max_delay_s, self._uncapped(attempt))

    def _uncapped(self, attempt: int) -> float:
        exponent = min(max(0, attempt - 1), 64)  # 2**64 * anything is far past any cap
        return self.min_delay_s * float(2**exponent)

    def delay_s(self, attempt: int, exc: BaseException | None = None, *, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed attempt ``attempt`` (1-based) before the next one.

        ``min(max_delay_s, min_delay_s * 2**(attempt-1) * (1 ± jitter))``: 15, 30, 60,
        120, 240 s (±10 %) by default, 300 s from then on. A Retry-After carried by
        ``exc`` (a 429's header, RFC 9110 §10.2.3, seconds or HTTP-date; or
        ``TransientError.retry_after``) wins when it is longer, plus up to ``jitter`` of
        itself so that many emails told the same wait do not return at the same
        instant; the result never exceeds ``max_delay_s``.
        """
        r = rng or random
        delay = self._uncapped(attempt) * (1 + r.uniform(-self.jitter, self.jitter))
        after = retry_after_s(exc) if exc is not None else None
        if after is not None and after > delay:
            delay = after * (1 + r.uniform(0, self.jitter))
        return max(0.0, min(self.max_delay_s, delay))


def retry_after_s(exc: BaseException) -> float | None:
    """The wait an error asks for, in seconds, or None.

    Sources, in order: ``exc.retry_after`` (``TransientError``), the response headers
    ``retry-after-ms`` (Anthropic's millisecond form) and ``retry-after`` (RFC 9110
    §10.2.3: delay-seconds or an HTTP-date). Negative or unreadable values give None.
    """
    explicit = getattr(exc, "retry_after", None)
    if isinstance(explicit, int | float) and not isinstance(explicit, bool):
        return float(explicit) if explicit >= 0 else None
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            ms = float(value)
            if ms >= 0:
                return ms / 1000.0
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
        return seconds if seconds >= 0 else None
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def error_class_name(exc: BaseException) -> str:
    """``module.Class`` of an exception (``anthropic.RateLimitError``; builtins bare:
    ``TimeoutError``), as stored in events and ``emails.last_error_class``. An adapter's
    translated error (``names_cause``) is named by the SDK error it was raised from."""
    if getattr(exc, "names_cause", False) and exc.__cause__ is not None:
        exc = exc.__cause__
    cls = type(exc)
    module = cls.__module__.split(".")[0]
    return f"{module}.{cls.__qualname__}" if module != "builtins" else cls.__qualname__


def error_text(exc: BaseException, limit: int = 2000) -> str:
    """``Class: message`` of an error, at most ``limit`` characters, without SQL
    statements or their parameters (SQLAlchemy puts both in ``str(exc)``; they may hold
    personal data)."""
    if getattr(exc, "names_cause", False) and exc.__cause__ is not None:
        exc = exc.__cause__
    inner = getattr(exc, "orig", None)
    message = str(inner) if isinstance(exc, sqlalchemy.exc.StatementError) and inner is not None else str(exc)
    return f"{error_class_name(exc)}: {message}"[:limit]


def should_retry(attempt: int, exc: BaseException, policy: RetryPolicy | None = None) -> bool:
    """Does failed attempt ``attempt`` (1-based) with ``exc`` get another try?

    Uses ``policy`` or the default policy (5 retries): True for a retryable error
    while ``attempt <= max_retries``.
    """
    return (policy or RetryPolicy()).should_retry(attempt, exc)


def next_delay_s(
    attempt: int, exc: BaseException | None, policy: RetryPolicy | None = None, *, rng: random.Random | None = None
) -> float:
    """The backoff hook: seconds before the attempt after failed attempt ``attempt``
    (``RetryPolicy.delay_s`` of ``policy`` or the default policy)."""
    return (policy or RetryPolicy()).delay_s(attempt, exc, rng=rng)

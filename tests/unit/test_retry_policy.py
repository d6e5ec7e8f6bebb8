"""The retry policy (creditctl.retry): the classifier ``should_retry`` and the backoff.

Errors are built the way the anthropic SDK, SQLAlchemy, pymongo and pydantic build
them; SDK errors pass through their adapter's ``translate`` (what the adapters do where
the SDK raises), so the classes tested are the ones the worker sees.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import anthropic
import httpx
import pydantic
import pytest
import sqlalchemy.exc
from pymongo import errors as mongo_errors

from creditctl.adapters.claude import translate as claude
from creditctl.adapters.mirror import translate as mongo
from creditctl.exceptions import EmailMissing, MirrorUnavailable, PermanentError, StorageUnavailable, TransientError
from creditctl.retry import RetryPolicy, error_class_name, error_text, next_delay_s, retry_after_s, should_retry

REQUEST = httpx.Request("POST", "https://api.anthropic.com/v1/messages")


def status_error(cls: type[anthropic.APIStatusError], status: int, headers: dict[str, str] | None = None):
    response = httpx.Response(
        status, headers=headers or {}, request=REQUEST, json={"type": "error", "error": {"type": "x", "message": "m"}}
    )
    return cls(f"Error code: {status}", response=response, body=None)


def validation_error() -> pydantic.ValidationError:
    class M(pydantic.BaseModel):
        n: int

    with pytest.raises(pydantic.ValidationError) as info:
        M(n="not a number")
    return info.value


RETRYABLE = {
    "RateLimitError": claude(status_error(anthropic.RateLimitError, 429, {"retry-after": "3"})),
    "OverloadedError": claude(status_error(anthropic.OverloadedError, 529)),
    "InternalServerError": claude(status_error(anthropic.InternalServerError, 500)),
    "ServiceUnavailableError": claude(status_error(anthropic.ServiceUnavailableError, 503)),
    "APIConnectionError": claude(anthropic.APIConnectionError(request=REQUEST)),
    "APITimeoutError": claude(anthropic.APITimeoutError(request=REQUEST)),
    "sqlalchemy OperationalError": sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("server closed")),
    "pymongo AutoReconnect": mongo(mongo_errors.AutoReconnect("primary stepped down")),
    "pymongo ServerSelectionTimeoutError": mongo(mongo_errors.ServerSelectionTimeoutError("no servers")),
    "ConnectionError": ConnectionError("reset"),
    "ConnectionRefusedError": ConnectionRefusedError(111, "refused"),
    "TimeoutError": TimeoutError("timed out"),
    "TransientError": TransientError("blip"),
    "MirrorUnavailable": MirrorUnavailable("mongo down"),
}

PERMANENT = {
    "BadRequestError": claude(status_error(anthropic.BadRequestError, 400)),
    "AuthenticationError": claude(status_error(anthropic.AuthenticationError, 401)),
    "PermissionDeniedError": claude(status_error(anthropic.PermissionDeniedError, 403)),
    "NotFoundError": claude(status_error(anthropic.NotFoundError, 404)),
    "pydantic ValidationError": validation_error(),
    "ValueError": ValueError("bad amount"),
    "UnicodeDecodeError": UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    "KeyError": KeyError("ticket_id"),
    "pymongo OperationFailure": mongo(mongo_errors.OperationFailure("bad update")),
    "an untranslated SDK error": status_error(anthropic.RateLimitError, 429),  # adapters translate; raw is a bug
    "EmailMissing (missing row)": EmailMissing("email 7 does not exist"),
    "PermanentError": PermanentError("malformed model output"),
    "unknown (a bug)": ZeroDivisionError("division by zero"),
}


@pytest.mark.parametrize("exc", RETRYABLE.values(), ids=RETRYABLE.keys())
def test_passing_failures_are_retried_while_retries_are_left(exc):
    assert should_retry(1, exc) is True
    assert should_retry(5, exc) is True  # the 5th attempt fails: the 5th retry follows
    assert should_retry(6, exc) is False  # 1 + 5 attempts used: give up


@pytest.mark.parametrize("exc", PERMANENT.values(), ids=PERMANENT.keys())
def test_permanent_failures_are_never_retried(exc):
    assert should_retry(1, exc) is False


def test_max_retries_comes_from_the_policy():
    policy = RetryPolicy(max_retries=2)
    assert [should_retry(n, TimeoutError(), policy) for n in (1, 2, 3)] == [True, True, False]
    assert RetryPolicy(max_retries=0).should_retry(1, TimeoutError()) is False


def test_an_unknown_error_is_judged_by_its_cause():
    try:
        try:
            raise sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("gone"))
        except sqlalchemy.exc.OperationalError as inner:
            raise StorageUnavailable("database unavailable") from inner
    except StorageUnavailable as outer:
        assert should_retry(1, outer) is True
    try:
        try:
            raise KeyError("x")
        except KeyError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert should_retry(1, outer) is False


def test_an_invalidated_database_connection_is_retried():
    exc = sqlalchemy.exc.InterfaceError(
        "SELECT 1", {}, Exception("connection already closed"), connection_invalidated=True
    )
    assert should_retry(1, exc) is True
    assert should_retry(1, sqlalchemy.exc.IntegrityError("INSERT", {}, Exception("duplicate key"))) is False


# backoff -------------------------------------------------------------------------------


def test_default_backoff_doubles_from_15_to_240_then_caps_at_300():
    policy = RetryPolicy(jitter=0.0)
    assert [policy.delay_s(n) for n in range(1, 8)] == [15, 30, 60, 120, 240, 300, 300]
    assert policy.delay_s(60) == 300  # no overflow for absurd attempt numbers


@pytest.mark.parametrize("seed", range(50))
def test_jitter_is_bounded_and_delays_never_decrease_nor_pass_the_maximum(seed):
    rng = random.Random(seed)
    policy = RetryPolicy()
    delays = [policy.delay_s(n, rng=rng) for n in range(1, 9)]
    for n, delay in enumerate(delays[:5], start=1):
        nominal = 15 * 2 ** (n - 1)
        assert nominal * 0.9 <= delay <= nominal * 1.1
    assert delays == sorted(delays)
    assert max(delays) <= 300
    assert delays[5:] == [300, 300, 300]
    # the same with millisecond settings (the tests' CREDITCTL_RETRY_* values)
    fast = RetryPolicy(min_delay_s=0.01, max_delay_s=0.05)
    small = [fast.delay_s(n, TimeoutError(), rng=rng) for n in range(1, 6)]
    assert small == sorted(small) and max(small) <= 0.05 and min(small) >= 0.009


def test_jitter_actually_varies_the_delay():
    policy = RetryPolicy()
    assert len({round(policy.delay_s(1, rng=random.Random(seed)), 6) for seed in range(20)}) > 10


def test_retry_after_wins_when_longer_and_is_still_capped():
    policy = RetryPolicy(jitter=0.0)
    assert policy.delay_s(1, status_error(anthropic.RateLimitError, 429, {"retry-after": "40"})) == 40
    assert policy.delay_s(1, status_error(anthropic.RateLimitError, 429, {"retry-after": "2"})) == 15
    assert policy.delay_s(1, status_error(anthropic.RateLimitError, 429, {"retry-after": "3600"})) == 300
    assert policy.delay_s(1, status_error(anthropic.RateLimitError, 429, {"retry-after-ms": "45000"})) == 45
    assert policy.delay_s(2, TransientError("busy", retry_after=50)) == 50
    jittered = RetryPolicy()
    for seed in range(20):
        delay = jittered.delay_s(
            1, status_error(anthropic.RateLimitError, 429, {"retry-after": "40"}), rng=random.Random(seed)
        )
        assert 40 <= delay <= 44  # never earlier than asked, at most +10 %


def test_retry_after_forms():
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)
    assert 55 <= retry_after_s(status_error(anthropic.RateLimitError, 429, {"retry-after": in_a_minute})) <= 60
    assert retry_after_s(status_error(anthropic.RateLimitError, 429, {"retry-after": "soon"})) is None
    assert retry_after_s(status_error(anthropic.RateLimitError, 429, {"retry-after": "-5"})) is None
    assert retry_after_s(status_error(anthropic.RateLimitError, 429)) is None
    assert retry_after_s(TimeoutError()) is None


def test_next_delay_hook_uses_the_policy():
    policy = RetryPolicy(min_delay_s=0.01, max_delay_s=0.05, jitter=0.0)
    assert [next_delay_s(n, TimeoutError(), policy) for n in range(1, 5)] == [0.01, 0.02, 0.04, 0.05]


def test_invalid_policies_are_refused():
    with pytest.raises(ValueError):
        RetryPolicy(jitter=0.5)
    with pytest.raises(ValueError):
        RetryPolicy(min_delay_s=10, max_delay_s=5)


def test_error_names_and_texts():
    assert error_class_name(status_error(anthropic.RateLimitError, 429)) == "anthropic.RateLimitError"
    assert error_class_name(claude(status_error(anthropic.RateLimitError, 429))) == "anthropic.RateLimitError"
    assert error_text(claude(status_error(anthropic.RateLimitError, 429))).startswith("anthropic.RateLimitError: ")
    assert error_class_name(TimeoutError()) == "TimeoutError"
    exc = sqlalchemy.exc.OperationalError(
        "SELECT name FROM clients WHERE name = ?", ("Tamara Reinholz",), Exception("server closed the connection")
    )
    text = error_text(exc)
    assert text == "sqlalchemy.OperationalError: server closed the connection"
    assert "Reinholz" not in text
    assert len(error_text(ValueError("x" * 5000))) == 2000

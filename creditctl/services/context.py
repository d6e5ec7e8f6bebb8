"""What every service function receives: settings, database URL, the enqueue function
and the adapters. Built once per process; tests build their own with local servers."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from creditctl.settings import Settings

if TYPE_CHECKING:  # the retry policy imports SQLAlchemy's errors: not for a process that only reads
    from creditctl.retry import RetryPolicy

Enqueue = Callable[..., None]
"""``enqueue(email_id, *, priority=10, delay_s=0.0)``; raises when the queue is down."""


_HOST = socket.gethostname()
_NAME = f"{_HOST}:{os.getpid()}"


def _rename_after_fork() -> None:
    global _NAME  # noqa: PLW0603 - the process's own name, set again in a forked child
    _NAME = f"{_HOST}:{os.getpid()}"


# a process's pid changes only by a fork (a spawned process imports this module afresh): the
# name is kept instead of asking the kernel per call, several times per webhook request
# (docs/worker-performance.md, "Round 7 — status and webhook")
os.register_at_fork(after_in_child=_rename_after_fork)


def default_worker_name() -> str:
    """``host:pid`` — the name under which this process holds leases and writes events."""
    return _NAME


@dataclass
class AppContext:
    """Dependencies of the service layer (passed in, so tasks → services has no cycle)."""

    settings: Settings
    enqueue: Enqueue | None = None
    enqueue_outbox: Callable[[], None] | None = None
    enqueue_mirror: Callable[[int], None] | None = None
    queue: Any = None
    """The Huey instance (the sweep reads which emails still wait in it)."""
    extractor_factory: Callable[[str | None], Any] | None = None
    notifier: Any = None
    mirror: Any = None
    zendesk: Any = None
    worker_name_override: str | None = None
    after_parse: Callable[[int], None] | None = None
    """A test-only hook called with the email id right after the email is cleaned, in the
    middle of the attempt (the claim is committed: status ``processing``, under the lease;
    docs/state-machine.md, "Transactions of one attempt"). None in production: the
    worker's hot path pays one attribute check. Set by ``tasks.build_runtime`` from
    ``CREDITCTL_TEST_PAUSE_AFTER_PARSE``."""

    @property
    def worker_name(self) -> str:
        """``host:pid`` of the current process (computed per call, so forked worker
        processes hold leases under their own name), unless overridden."""
        return self.worker_name_override or default_worker_name()

    @property
    def db_url(self) -> str:
        return self.settings.effective_database_url

    @property
    def retry_policy(self) -> RetryPolicy:
        from creditctl.retry import RetryPolicy

        s = self.settings
        return RetryPolicy(max_retries=s.max_retries, min_delay_s=s.retry_min_delay, max_delay_s=s.retry_max_delay)

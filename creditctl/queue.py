"""The Huey instance, chosen by ``CREDITCTL_QUEUE_URL``.

- a path or ``sqlite:///PATH``: ``SqliteHuey`` (embedded default, a file; priorities work)
- ``redis://HOST:PORT/DB``: ``PriorityRedisHuey`` (plain ``RedisHuey`` raises on a
  non-zero priority, docs/architecture.md "Workers")
- ``memory://``: ``MemoryHuey`` (tests)
"""

from __future__ import annotations

from pathlib import Path

from huey import Huey, MemoryHuey, PriorityRedisHuey, SqliteHuey

from creditctl.settings import Settings

QUEUE_NAME = "creditctl"


def make_huey(settings: Settings, *, immediate: bool | None = None) -> Huey:
    """Build the Huey instance for ``settings`` (results off: jobs are fire-and-forget,
    and the result store would otherwise keep every error record until read)."""
    url = settings.effective_queue_url
    immediate = settings.huey_immediate if immediate is None else immediate
    common = dict(results=False, utc=True, immediate=immediate)
    if url.startswith(("redis://", "rediss://")):
        return PriorityRedisHuey(QUEUE_NAME, url=url, **common)
    if url.startswith("memory://"):
        return MemoryHuey(QUEUE_NAME, **common)
    path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else url
    Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(Path(path).expanduser()), timeout=30, **common)


def queue_depth(huey: Huey) -> dict[str, int]:
    """``{"pending": N, "scheduled": M}`` (raises when the queue is unreachable)."""
    return {"pending": huey.pending_count(), "scheduled": huey.scheduled_count()}

"""The consumer's entry for ``huey_consumer huey_config.huey``: the one Huey instance of
this process, with the tasks registered and the worker's housekeeping (heartbeat row,
sweep, RSS limit) started from Huey's public ``on_startup`` hook, once per process.

It checks the schema and never migrates (``creditctl db upgrade`` does). What it lacks
compared with ``creditctl worker`` is in README ("Production"): only SIGINT is graceful
(Huey's default; SIGTERM interrupts running jobs, left for the sweep), thread workers
only (``-k thread``), no ``--burst``.
"""

import signal

from creditctl.logs import configure_logging
from creditctl.migrate import check_schema
from creditctl.settings import get_settings
from creditctl.tasks import build_runtime
from creditctl.worker import limit_malloc_arenas

limit_malloc_arenas()  # before the consumer's threads (docs/worker-performance.md, "Memory drift")
settings = get_settings()
configure_logging(settings.log_level, redact_personal_data=settings.log_redact)
check_schema(settings.effective_database_url)  # never migrates: `creditctl db upgrade` does
runtime = build_runtime(settings)
huey = runtime.huey


@huey.on_startup()
def _housekeeping() -> None:
    """Start this process's housekeeping thread (idempotent: runs in every worker thread)."""
    from creditctl.worker import start_housekeeping

    start_housekeeping(runtime, stop_signal=signal.SIGINT)


@huey.on_shutdown()
def _forget() -> None:
    """A clean exit removes this worker's heartbeat row (idempotent)."""
    from creditctl.services import workers

    workers.forget(runtime.ctx)

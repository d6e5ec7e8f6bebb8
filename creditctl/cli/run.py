"""Long-running processes: the HTTP server, the worker, the demo."""

from __future__ import annotations

import socket
from typing import Annotated, Any

import typer

from creditctl import render
from creditctl.cli.common import app, err, open_runtime, out, run_command
from creditctl.exceptions import UsageError

SHUTDOWN_GRACE_S = 10.0
"""Seconds requests still running at SIGTERM get to finish before they are cancelled (uvicorn's
``timeout_graceful_shutdown``; unbounded by default, a held keep-alive connection kept the
server up): with the lifespan shutdown (the queue feeder's 10 s) the stop is bounded."""


def _stop_start_up(signum: int, _frame: Any) -> None:
    """SIGTERM/SIGINT before the server object exists: nothing is served or stored yet, so
    the process ends here and now with one line (exit 0). It raises nothing: an exception
    from a signal handler can be lost in C code (the compiler of a module being imported
    swallowed one, and the server started anyway)."""
    import os
    import signal as signals

    line = f"server stopped: {signals.Signals(signum).name} during start-up, before serving\n"
    os.write(2, line.encode())
    os._exit(0)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port (1-65535).")] = 8000,
    insecure_dev: Annotated[
        bool, typer.Option("--insecure-dev", help="Accept unsigned webhooks (development only).")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, max=64, help="Server processes sharing the port (one per core).")
    ] = 1,
) -> None:
    """Run the HTTP server (webhook, status API, health, metrics). --workers N runs N
    processes on one listening socket (uvicorn's supervisor restarts a dead one); past one
    machine, run several behind a load balancer: no state lives in the process.

    Example: CREDITCTL_ZENDESK_WEBHOOK_SECRET=... creditctl serve --port 8000 --workers 2
    """

    def go() -> int:
        import signal as signals

        # a stop asked for during start-up (imports, the database check of an outage, the
        # app's construction) ends it at once with one line; from the moment the server
        # object exists a signal asks it to stop instead, until uvicorn takes the signals
        # over (a no-op handler here once swallowed a SIGTERM and the server ran on)
        for signum in (signals.SIGTERM, signals.SIGINT):
            signals.signal(signum, _stop_start_up)
        run = start_up()
        if run is None:
            return 1  # said why (start_up)
        run()
        err.print("server stopped")
        return 0

    def start_up() -> Any:
        """Everything before serving; returns the call that serves until a signal, or None
        when the port cannot be bound (said on stderr)."""
        import functools
        import signal as signals

        import uvicorn

        from creditctl.cli.common import Globals

        runtime = _serve_runtime()
        if not runtime.ctx.settings.webhook_secrets and not insecure_dev:
            raise UsageError(
                "CREDITCTL_ZENDESK_WEBHOOK_SECRET is not set; set it (Zendesk webhook → signing secret) "
                "or pass --insecure-dev for local development"
            )
        if insecure_dev:
            err.print("[yellow]warning: --insecure-dev accepts unsigned webhooks[/yellow]")
        # bind first, announce after (``announce``): a busy port is one clear error, never "serving on" then a failure
        try:
            sock = listening_socket(host, port)
        except OSError as exc:
            err.print(
                f"[red]error:[/red] cannot listen on {host}:{port}: {exc.strerror or exc}; "
                "choose another --port or stop what uses it",
                highlight=False,
                soft_wrap=True,
            )
            return None

        def announce() -> None:
            # said only once a signal no longer means "before serving" (the app is built and
            # the stop goes to the server): the two lines an operator reads never disagree
            err.print(
                f"serving on http://{host}:{port} (webhook: POST /webhooks/zendesk)"
                + (f", {workers} processes" if workers > 1 else "")
            )

        options: dict[str, Any] = dict(
            log_level="warning", access_log=False, log_config=None, timeout_graceful_shutdown=SHUTDOWN_GRACE_S
        )
        if workers > 1:
            from uvicorn.supervisors import Multiprocess

            # each process builds its own app (pools, queue client) after the spawn: nothing
            # that holds a connection crosses the process boundary
            config = uvicorn.Config(
                functools.partial(serve_app, insecure_dev, Globals.utc), factory=True, workers=workers, **options
            )
            supervisor = Multiprocess(config, sockets=[sock])  # takes SIGINT/SIGTERM over here
            announce()
            return supervisor.run  # a signal stops every process, then it returns
        server = uvicorn.Server(uvicorn.Config(_app_for(runtime, insecure_dev), **options))

        def stop_soon(_signum: int, _frame: Any) -> None:
            # before uvicorn's own handlers (installed when it starts) and again after them:
            # uvicorn re-raises the signal it shut down for to the handler it found, which
            # must neither kill the process (a clean shutdown exits 0) nor be lost
            server.should_exit = True

        for signum in (signals.SIGTERM, signals.SIGINT):
            signals.signal(signum, stop_soon)
        announce()
        return functools.partial(server.run, sockets=[sock])

    run_command(go)


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening, inheritable TCP socket on ``host:port`` (backlog 2048). Raises
    ``OSError`` when the address is taken or not local.

    Created with proto ``IPPROTO_TCP``, not 0: asyncio sets ``TCP_NODELAY`` on an accepted
    connection only when the listening socket says TCP (``asyncio.base_events._set_nodelay``);
    without it Nagle holds each response's body behind the client's delayed ACK (~40 ms a
    request, docs/scaling.md)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _serve_runtime() -> Any:
    """``open_runtime`` for ``serve``: a database unreachable at start does not stop the
    server. It logs one line and serves: the webhook answers 503 with Retry-After until the
    database answers, so Zendesk retries and nothing is lost (README, "Production"). A schema
    behind or ahead of this creditctl still refuses (exit 1)."""
    from creditctl.migrate import prepare_schema
    from creditctl.outages import classify, describe_url

    runtime = open_runtime(daemon=True, check_schema=False)
    try:
        prepare_schema(runtime.ctx.settings)
    except Exception as exc:
        outage = classify(exc)
        if outage is None or outage.what != "database" or outage.login_refused:
            raise  # not an outage that passes (a schema out of date, a refused login): exit 1
        url = describe_url(runtime.ctx.settings.effective_database_url)
        err.print(
            f"[yellow]warning:[/yellow] the database is unreachable ({url}: {outage.error}); serving anyway: "
            "webhooks answer 503 with Retry-After until it is back, so Zendesk retries",
            highlight=False,
            soft_wrap=True,
        )
    return runtime


def _app_for(runtime: Any, insecure_dev: bool) -> Any:
    from creditctl.queue import queue_depth
    from creditctl.web import create_app

    return create_app(
        runtime.ctx, insecure_dev=insecure_dev, queue_probe=lambda: queue_depth(runtime.huey), freeze_heap=True
    )


def serve_app(insecure_dev: bool, utc: bool) -> Any:
    """The web app of one ``serve --workers N`` process (uvicorn's factory, called in the
    spawned child): settings and logging from the environment, as in the parent."""
    from creditctl.cli.common import Globals

    Globals.utc = utc
    return _app_for(open_runtime(daemon=True, check_schema=False), insecure_dev)


@app.command()
def worker(
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, max=64, help="Worker threads (or processes), 1-64.")
    ] = 4,
    worker_type: Annotated[str, typer.Option("--worker-type", "-k", help="thread or process.")] = "thread",
    burst: Annotated[bool, typer.Option("--burst", help="Drain the queue, then exit.")] = False,
    shutdown_timeout: Annotated[
        float, typer.Option(min=0, help="Seconds running jobs get to finish on SIGTERM/SIGINT.")
    ] = 30.0,
) -> None:
    """Run a Huey consumer that processes emails (SIGTERM and SIGINT are graceful).

    --burst drains the queue and exits 0. A database unreachable at start: exit 1 at once
    with one line. With --burst a queue unreachable at start does the same, and one that
    stops answering while it drains exits 1 with one line after 10 s (nothing is lost); its
    log lines only with --debug. Without --burst (a service) a queue outage, at start or
    later, is ridden out: one queue_outage log line, queue_outage_over when it answers.

    Example: creditctl worker --workers 4      (or: creditctl worker --burst)
    """

    def go() -> int:
        from creditctl.worker import WorkerOptions, limit_malloc_arenas, run_worker

        if worker_type not in ("thread", "process"):
            raise UsageError("--worker-type must be thread or process")
        limit_malloc_arenas()  # before anything starts a thread: glibc fixes its arena limit once
        # --burst is a one-shot command: its stderr is its narration and one line at the end,
        # not the retry loop's log lines (those at --debug or CREDITCTL_LOG_LEVEL=DEBUG)
        runtime = open_runtime(daemon=not burst)
        if burst:  # a queue unreachable at start: one line at once, as for the database (open_runtime)
            from creditctl.queue import queue_depth

            queue_depth(runtime.huey)
        err.print(
            f"worker {runtime.ctx.worker_name}: {workers} {worker_type}(s), queue "
            f"{render.mask_url(runtime.ctx.settings.effective_queue_url)}" + (" (burst)" if burst else "")
        )
        code = run_worker(
            runtime,
            WorkerOptions(workers=workers, worker_type=worker_type, burst=burst, shutdown_timeout_s=shutdown_timeout),
        )
        if code:
            err.print(
                "[red]error:[/red] worker stopped: the queue or database did not answer; nothing was lost "
                "(the emails stay stored) — run it again when it is back",
                highlight=False,
                soft_wrap=True,
            )
        return code

    run_command(go)


@app.command()
def demo(
    keep: Annotated[bool, typer.Option("--keep", help="Keep the temporary directory.")] = False,
    timeout: Annotated[
        float,
        typer.Option(min=1, help="Seconds the server and every email may take in all (a loaded machine is slow)."),
    ] = 600.0,
) -> None:
    """Run the whole main job on the embedded defaults: server, worker, signed webhooks.

    Example: creditctl demo
    """

    def go() -> int:
        from creditctl.demo import run_demo

        return run_demo(out=out, err=err, keep=keep, timeout_s=timeout)

    run_command(go)

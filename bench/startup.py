"""Start-up of the operator's one-shot commands, as processes: ``creditctl status --json``
(target: median <= 0.3 s wall), ``status ID --json`` and ``tail --json``, beside
``python -c pass`` (the interpreter alone) measured in the same rounds.

Each round runs every command once, in turn, so a neighbour's load falls on all of them
alike; ``RUNS`` rounds (10; 2 at tiny size). Printed per command: the median wall time,
the median CPU time (user + system of the child), and both as a ratio to ``python -c
pass``. On the embedded pair (SQLite + SqliteHuey) and, when ``bench/run`` started them,
PostgreSQL + Redis. The database holds one processed email (``status ID``'s subject).
The console script (``creditctl``) is what an operator runs; it is the venv's entry
point of ``creditctl.cli:main``, as ``python -m creditctl`` is.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time

from bench import common
from bench.common import header, verdict

STATUS_WALL_TARGET_S = 0.3


def _run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=common.REPO, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[1:])} exited {done.returncode}: {done.stderr[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _one_email(backend: common.Backend) -> int:
    """Receive and process one sample email on ``backend``; its id."""
    from creditctl.services import intake

    runtime = common.runtime_for(backend, huey_immediate=True)  # the job runs inside the enqueue
    body = (common.REPO / "creditctl" / "data" / "sample_emails" / "01_inkasso_table.json").read_bytes()
    return intake.receive_webhook(runtime.ctx, raw_body=body, headers={}, verify_signature=False).email_id


def _measure(backend: common.Backend, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    env = common.product_env(backend, CREDITCTL_LOG_LEVEL="WARNING")
    email_id = _one_email(backend)
    script = os.path.join(os.path.dirname(sys.executable), "creditctl")
    creditctl = [script] if os.path.exists(script) else [sys.executable, "-m", "creditctl"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "status --json": [*creditctl, "status", "--json"],
        f"status {email_id} --json": [*creditctl, "status", str(email_id), "--json"],
        "tail --json --limit 20": [*creditctl, "tail", "--json", "--limit", "20"],
    }
    _run_once(commands["status --json"], env)  # warm-up: byte code, the page cache
    found: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            wall, cpu = _run_once(argv, env)
            found[name][0].append(wall)
            found[name][1].append(cpu)
    return found


def main(quick: bool = False) -> None:  # noqa: ARG001 - one size: the runs are the measurement
    """Run the start-up section and print it."""
    header("8. Start-up: one-shot commands as processes (bench/startup.py)")
    runs = common.pick(10, 10, 2)
    kinds = ["sqlite"] + (["pg"] if common.pg_available() else [])
    for kind in kinds:
        backend = common.make_backend(kind, "startup")
        try:
            found = _measure(backend, runs)
        finally:
            backend.close()
        base_wall = statistics.median(found["python -c pass"][0])
        base_cpu = statistics.median(found["python -c pass"][1])
        print(f"  {backend.label}, median of {runs} rounds:")
        print(f"    {'command':<24} | {'wall s':>6} | {'ratio':>7} | {'CPU s':>6} | {'ratio':>7} | target")
        for name, (walls, cpus) in found.items():
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            target = ""
            if name == "status --json":
                why = (
                    f"{cpu:.3f} s of it CPU, {wall - cpu:.3f} s waiting (for a core: load average "
                    f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs); python -c pass {base_wall:.3f} s wall"
                )
                target = f"<= {STATUS_WALL_TARGET_S:g} s wall: {verdict(wall <= STATUS_WALL_TARGET_S, why)}"
            print(
                f"    {name:<24} | {wall:6.3f} | {common.ratio(wall, base_wall):>7} | {cpu:6.3f} | "
                f"{common.ratio(cpu, base_cpu):>7} | {target}"
            )
    compiled, modules = _byte_code()
    print(
        f"  (load average {os.getloadavg()[0]:.1f} at the end; the ratios are what carry between machines; "
        f"creditctl's byte code present for {compiled} of {modules} modules: bench/run compiles it as a wheel "
        "install does, else PYTHONDONTWRITEBYTECODE=1 makes every command compile them again)"
    )


def _byte_code() -> tuple[int, int]:
    """How many of creditctl's modules have their byte code beside them, of how many."""
    import importlib.util

    sources = sorted((common.REPO / "creditctl").rglob("*.py"))
    return sum(os.path.exists(importlib.util.cache_from_source(str(p))) for p in sources), len(sources)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)

"""The reasons bench prints beside a missed target are arithmetic on the row's own CPU
accounting (bench/cpu.py, docs/performance-limits.md): checked here on made-up figures."""

from __future__ import annotations

import os

from bench import cpu
from bench.backfill import dry_run_reason
from bench.common import verdict
from bench.webhook import scale_reason
from bench.worker import claude_reason, worker_reason


def _use(wall_s: float, machine_s: float, **cpu_s: float) -> cpu.CpuUse:
    return cpu.CpuUse(wall_s=wall_s, cpu_s=dict(cpu_s), machine_s=machine_s, cores=2, measured=True)


def test_verdict_prints_the_reason_only_beside_a_miss():
    assert verdict(True, "anything") == "target met"
    assert verdict(False, "worker at 98 %") == "TARGET MISSED (why: worker at 98 %)"
    assert verdict(False) == "TARGET MISSED"


def test_a_worker_pinned_at_one_core_is_gil_bound_and_the_cores_needed_follow_from_its_cpu():
    # 10 s, 370 emails: worker 9.8 s of CPU (98 % of a core), 27 ms per email; PG 4 ms, Redis 1 ms
    use = _use(10.0, 15.0, worker=9.99, postgres=1.48, redis=0.37, driver=0.2)
    text = worker_reason(72.6, use, 370)
    assert "worker CPU 100% of one core" in text and "GIL-bound" in text
    assert "32.0 ms CPU per email (worker 27.0 + PostgreSQL 4.0 + Redis 1.0)" in text
    assert "x 100/s = 3.2 cores, 2 here" in text and "2 processes 72.6/s" in text


def test_a_worker_starved_by_other_load_says_so_instead_of_gil_bound():
    use = _use(10.0, 20.0, worker=4.0, postgres=0.5, redis=0.1, driver=0.2)
    text = worker_reason(None, use, 100)
    assert "GIL-bound" not in text and "everything else used 1.52 of 2 cores" in text


def test_the_claude_reason_separates_cpu_bound_from_wall_time_per_job():
    # 32 threads: worker 0.95 cores, 40 ms per job -> 28.8 jobs/s need 1.15 cores: CPU-bound
    busy = _use(10.0, 16.0, worker=9.5, postgres=1.0, redis=0.1, driver=0.5)
    text = claude_reason(32, busy, 237, 21.0)
    assert text.startswith("32 threads: CPU-bound") and "x 28.8 jobs/s = 1.15 cores" in text
    assert "<= 111 ms for 90%" in text and "beyond the 1 s answer 524 ms" in text
    # 8 threads: 0.25 cores, the per-job wall time is what misses
    idle = _use(10.0, 6.0, worker=2.5, postgres=0.3, redis=0.05, driver=0.3)
    text = claude_reason(8, idle, 69, 6.9)
    assert text.startswith("8 threads: not CPU-bound") and "beyond the 1 s answer 159 ms" in text
    # two processes may use two cores before they are CPU-bound
    two = _use(10.0, 16.0, worker=1.2, postgres=1.0, redis=0.1, driver=0.5)
    assert "not CPU-bound" in claude_reason(32, two, 240, 24.0, commands=2)


def test_the_dry_run_reason_scales_its_cpu_per_email_to_the_target():
    one = _use(3.0, 4.0, **{"bench (dry run)": 3.0, "postgres": 0.03})
    two = _use(1.6, 3.2, **{"bench (dry run)": 3.0, "postgres": 0.03})
    text = dry_run_reason(one, 150, two, 150, 1.89)
    assert "20.0 ms CPU per email re-reading + PostgreSQL 0.2" in text and "x 200/s = 4.0 cores" in text
    assert "1.89x one process on 1.88 cores" in text


def test_the_scale_reason_gives_the_ceiling_the_cores_allow_and_the_reference_gain():
    one = _use(6.0, 11.0, serve=5.0, postgres=2.5, redis=0.2, wrk=1.0, bench=0.1)
    two = _use(6.0, 11.9, serve=6.0, postgres=2.8, redis=0.2, wrk=1.2, bench=0.1)
    text = scale_reason(one, 6000, two, 6600, 1000.0, 1.05)
    # (6.0 + 2.8 + 0.2 + 1.2) s / 6600 requests = 1.55 ms -> 2 cores allow 1294 req/s
    assert "1.55 ms CPU per request" in text and "at most 1294 req/s, 1.29x one process's 1000" in text
    assert "the reference app 1 -> 2: 1.05x" in text


def test_the_meter_counts_a_busy_child_and_not_an_idle_one():
    import subprocess
    import sys

    busy = subprocess.Popen(
        [sys.executable, "-c", "import time\nt=time.process_time()\nwhile time.process_time()-t<0.6: pass"]
    )
    idle = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1.0)"])
    try:
        with cpu.CpuMeter({"busy": lambda: [busy.pid], "idle": lambda: [idle.pid], "me": lambda: [os.getpid()]}) as m:
            busy.wait(30)
            idle.wait(30)
    finally:
        busy.kill()
        idle.kill()
    if not m.use.measured:
        return  # no /proc
    assert m.use.cpu_s["busy"] >= 0.3 > m.use.cpu_s["idle"]
    assert m.use.machine_s >= m.use.cpu_s["busy"]

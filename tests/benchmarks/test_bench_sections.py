"""Every bench section runs at a tiny size (``python -m bench --tiny --only SECTION``, a
real process), so bench cannot rot. Nothing is timed or asserted about the figures: a
section passes when it runs to its end. The webhook section needs PostgreSQL + Redis
and wrk (scripts/test); under CI=true their absence fails the test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import realservices
from tests.ci import in_ci

REPO = Path(__file__).resolve().parents[2]

HEADERS = {
    "webhook": "1. Webhook",
    "worker": "2. Worker",
    "memory": "3. Memory",
    "backfill": "4. Backfill",
    "cost": "5. Cost",
    "cleaning": "6. Cleaning",
    "reads": "7. Reads",
    "startup": "8. Start-up",
    "reading": "9. Reading",
    "bookkeeping": "10. Bookkeeping",
}


def _bench(*sections: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CREDITCTL_") or k.startswith("CREDITCTL_TEST_") or k == "CREDITCTL_CORPUS"
    }
    env.pop("ANTHROPIC_API_KEY", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "bench", "--tiny", "--only", *sections],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _ran(done: subprocess.CompletedProcess[str], section: str) -> None:
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-4000:]
    assert HEADERS[section] in out
    assert f"section {section} failed" not in out and "Traceback" not in out, out[-4000:]


def _misses_say_why(out: str) -> None:
    """Every line that prints TARGET MISSED says why, from the run's own figures
    (``bench.common.verdict``'s ``(why: ...)``; docs/performance-limits.md)."""
    for line in out.splitlines():
        if "TARGET MISSED" in line:
            assert line.count("(why: ") >= line.count("TARGET MISSED"), line


def _need_services() -> None:
    """Skip the test unless PostgreSQL + Redis are configured (scripts/test); under CI=true
    their absence raises instead (``tests.realservices``)."""
    realservices.require_pg()
    realservices.require_redis()


@pytest.mark.parametrize("section", ["worker", "cost", "cleaning", "startup", "reading"])
def test_section_runs_at_a_tiny_size(section):
    done = _bench(section)
    _ran(done, section)
    if section in ("worker", "reading"):
        _misses_say_why(done.stdout)


def test_a_missed_worker_target_prints_its_measured_reason():
    """At a tiny size on PostgreSQL + Redis the 100-emails/s row is missed (a few dozen
    emails in a 2-second window): its line carries the worker's share of a core, its CPU per
    email and the cores the target needs, from the row's own CPU accounting."""
    _need_services()
    done = _bench("worker")
    _ran(done, "worker")
    _misses_say_why(done.stdout)
    line = next(x for x in done.stdout.splitlines() if "target: >= 100 emails/s with 4 threads" in x)
    assert "TARGET MISSED (why: worker CPU " in line and "of one core with 4 threads" in line, line
    assert "ms CPU per email (worker " in line and "x 100/s = " in line and " cores" in line, line
    assert "cores used over" in done.stdout and "CPU ms per email" in done.stdout


def test_memory_and_backfill_sections_run_at_a_tiny_size():
    done = _bench("memory", "backfill")  # backfill re-reads the emails the memory section processed
    _ran(done, "memory")
    _ran(done, "backfill")
    assert "dry run over" in done.stdout and "real reprocess" in done.stdout
    _misses_say_why(done.stdout)
    line = next(x for x in done.stdout.splitlines() if "target: dry run >= 200 emails/s" in x)
    assert "target met" in line or ("(why: one process at " in line and "x 200/s = " in line), line


def test_reads_section_runs_at_a_tiny_size():
    _need_services()
    done = _bench("reads")
    _ran(done, "reads")
    assert "skipped" not in done.stdout and "10,000 events" in done.stdout


def test_bookkeeping_section_runs_at_a_tiny_size():
    _need_services()
    done = _bench("bookkeeping")
    _ran(done, "bookkeeping")
    assert "skipped" not in done.stdout and "through Huey + Redis" in done.stdout


def test_webhook_section_runs_at_a_tiny_size():
    _need_services()
    if shutil.which("wrk") is None:
        assert not in_ci(), "CI=true but wrk is not installed"
        pytest.skip("wrk is not installed")
    done = _bench("webhook")
    _ran(done, "webhook")
    assert "skipped" not in done.stdout and "serve --workers 2" in done.stdout
    assert "reference app --workers 2, alternated the same way" in done.stdout
    _misses_say_why(done.stdout)


def test_the_llm_timeline_runs_and_prints_a_round_per_concurrency():
    """``python -m bench.llm_timeline`` (docs/worker-performance.md, "Round 7"): two rounds of
    two jobs against the 1-second stand-in, the steady-state rate and one line per job."""
    _need_services()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") or k.startswith("CREDITCTL_TEST_")}
    env.pop("ANTHROPIC_API_KEY", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "bench.llm_timeline", "--threads", "2", "--rounds", "2"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-4000:]
    assert "steady state (after the first 2 finishes)" in out and "4 jobs" in out, out[-4000:]
    rounds = [line for line in out.splitlines() if line.strip()[:1].isdigit() and "|" in line and ".." in line]
    assert len(rounds) == 2, out[-4000:]

"""The operator's terminal as a newcomer uses it: the installed CLI as a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import typer.main

from creditctl.cli import app
from tests.acceptance.test_cli import DATA, cli

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def all_commands():
    group = typer.main.get_command(app)

    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            path = f"{prefix} {name}".strip()
            if getattr(sub, "commands", None):
                yield path, sub
                yield from walk(sub, path)
            else:
                yield path, sub

    return list(walk(group, ""))


def test_every_command_has_a_docstring_with_an_example_and_a_readme_entry():
    missing = []
    for path, command in all_commands():
        if "Example:" not in (command.help or ""):
            missing.append(f"{path}: no 'Example:' in its help")
        top = path.split()[0]
        if f"creditctl {top}" not in README:
            missing.append(f"{path}: no README entry")
    assert not missing, missing


def test_help_texts_are_plain_wrapped_prose_in_a_narrow_terminal(tmp_path):
    """No "<bool>" after a flag, no reStructuredText markup, prose re-wrapped to the
    terminal (not cut where the docstring's lines end), examples one per line."""
    problems = []
    for path, _command in [("", None), *all_commands()]:
        done = cli([*path.split(), "--help"], tmp_path, COLUMNS="60")
        text = done.stdout
        if done.returncode != 0 or "Usage:" not in text:
            problems.append(f"{path}: exit {done.returncode}")
        if "<bool>" in text or "``" in text:
            problems.append(f"{path}: markup or <bool> in its help")
        prose = [line for line in text.splitlines() if "creditctl " not in line and "Usage:" not in line]
        if any(len(line) > 60 for line in prose):
            problems.append(f"{path}: a prose line wider than the terminal")
    assert not problems, problems
    retry = cli(["retry", "--help"], tmp_path, COLUMNS="60").stdout
    # the docstring's line ends after "held by a": re-wrapped, the sentence goes on on that line
    assert "  neither finished nor held by a live lease" in retry
    status = cli(["status", "--help"], tmp_path, COLUMNS="60").stdout
    assert "  Example: creditctl status 42 --json\n           creditctl status --watch 2\n" in status


def test_tail_follows_events_written_by_another_process(tmp_path):
    assert cli(["clients", "import", str(DATA / "sample_clients.json")], tmp_path).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update({"CREDITCTL_HOME": str(tmp_path), "CREDITCTL_EXTRACTOR": "rules", "CREDITCTL_LOG_LEVEL": "WARNING"})
    follower = subprocess.Popen(
        [sys.executable, "-m", "creditctl", "tail", "-f", "--json"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        time.sleep(3)  # the follower is up and polling
        started = time.monotonic()
        assert cli(["ingest", str(DATA / "sample_emails" / "01_inkasso_table.json")], tmp_path).returncode == 0
        assert cli(["worker", "--burst", "--workers", "1"], tmp_path).returncode == 0
        seen: list[dict] = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = follower.stdout.readline()
            if not line:
                break
            seen.append(json.loads(line))
            if any(e["to_status"] == "completed" for e in seen):
                break
        kinds = [(e["kind"], e["to_status"]) for e in seen]
        assert ("webhook", "received") in kinds and ("transition", "completed") in kinds, kinds
        ids = [e["id"] for e in seen]
        assert ids == sorted(ids), "events arrive in order"
        assert time.monotonic() - started < 60
    finally:
        follower.terminate()
        follower.wait(10)


def test_reprocess_dry_run_retry_refusal_and_stuck(tmp_path):
    cli(["clients", "import", str(DATA / "sample_clients.json")], tmp_path)
    cli(["ingest", str(DATA / "sample_emails" / "06_english_statement.json")], tmp_path)
    cli(["worker", "--burst"], tmp_path)
    dry = cli(["reprocess", "--since", "yesterday", "--dry-run", "--json"], tmp_path)
    doc = json.loads(dry.stdout)
    assert doc["selected"] == 1 and doc["summary"]["unchanged"] == 1
    forked = cli(["reprocess", "--since", "yesterday", "--dry-run", "--workers", "2", "--json"], tmp_path)
    assert json.loads(forked.stdout) == doc  # the same diff, re-read in two processes
    text = cli(["reprocess", "--since", "yesterday", "--dry-run"], tmp_path)
    assert re.search(r"1 selected = 1 unchanged \+ 0 changed \+ 0 errors", text.stdout)
    refused = cli(["retry", "1", "--yes"], tmp_path)
    assert refused.returncode == 1 and "is completed" in refused.stderr and "reprocess --ids 1" in refused.stderr
    assert cli(["retry", "--failed", "--yes"], tmp_path).returncode == 0  # nothing to do is not an error
    assert cli(["reprocess", "--stuck"], tmp_path).returncode == 0
    bad = cli(["reprocess", "--since", "the day after never"], tmp_path)
    assert bad.returncode == 2 and "cannot read time" in bad.stderr
    real = cli(["reprocess", "--ids", "1", "--yes", "--label", "incident-7", "--json"], tmp_path)
    assert json.loads(real.stdout)["enqueued"] == 1, real.stderr
    cli(["worker", "--burst"], tmp_path)
    story = json.loads(cli(["status", "1", "--json"], tmp_path).stdout)
    assert story["processing_status"] == "completed" and len(story["claim_updates"]) == 1  # unchanged: no 2nd write
    assert any("incident-7" in e["message"] for e in story["events"])


def test_health_exit_codes(tmp_path):
    done = cli(["health", "--json"], tmp_path)
    assert done.returncode == 1 and "no live worker" in done.stdout
    broken = cli(["health", "--json"], tmp_path, CREDITCTL_QUEUE_URL="redis://127.0.0.1:1/0")
    assert broken.returncode == 1 and json.loads(broken.stdout)["checks"]["queue"].startswith("unreachable")


def test_worker_burst_gives_up_on_an_unreachable_queue_with_one_line_and_exit_1(tmp_path):
    """``worker --burst`` cannot tell "drained" while the queue does not answer: unreachable
    at start, it stops at once (exit 1, one clear line naming the queue, no log lines of the
    consumer's retry loop, no traceback) instead of waiting for ever; as for the database."""
    from tests.ports import free_port

    assert cli(["db", "upgrade"], tmp_path).returncode == 0
    done = cli(["worker", "--burst"], tmp_path, CREDITCTL_QUEUE_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert done.returncode == 1, done.stderr[-2000:]
    assert done.stderr.startswith("error: the queue is unreachable (redis://127.0.0.1:")
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    down = cli(["worker", "--burst"], tmp_path, CREDITCTL_DATABASE_URL=f"postgresql://u:p@127.0.0.1:{free_port()}/x")
    assert down.returncode == 1 and down.stderr.startswith("error: the database is unreachable")
    assert len(down.stderr.strip().splitlines()) == 1, down.stderr

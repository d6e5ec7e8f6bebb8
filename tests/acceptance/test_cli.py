"""The installed `creditctl` run as a subprocess, output asserted (embedded defaults)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "creditctl" / "data"


def cli(args: list[str], home: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") and k != "ANTHROPIC_API_KEY"}
    env.update(
        {"CREDITCTL_HOME": str(home), "CREDITCTL_EXTRACTOR": "rules", "CREDITCTL_LOG_LEVEL": "WARNING"}, **env_extra
    )
    return subprocess.run(
        [sys.executable, "-m", "creditctl", *args], env=env, cwd=home, capture_output=True, text=True, timeout=300
    )


def test_demo_runs_the_main_job_end_to_end(tmp_path):
    done = cli(["demo", "--timeout", "120"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "every email reached a terminal state" in done.stderr
    assert "duplicate" in done.stderr  # the replayed webhook
    posts = [line for line in done.stderr.splitlines() if line.startswith("  POST ")]
    assert "posting 8 signed webhook requests (the sample emails), then 1 replay of the first" in done.stderr
    assert len(posts) == 9 and "(replay of the first request)" in posts[-1] and "duplicate" in posts[-1]
    assert "686.41 EUR" in done.stdout and "2437.15 EUR" in done.stdout  # the expected claims changed
    assert "not_creditor_reply" in done.stdout.replace("\n", "").replace(" ", "").replace("│", "")
    assert "email 4 set aside, no claim touched: not a creditor reply (auto_reply)" in done.stdout
    assert "waits for a person: held" in done.stdout.replace("\n", "")


def test_ingest_worker_burst_and_status(tmp_path):
    assert cli(["clients", "import", str(DATA / "sample_clients.json")], tmp_path).returncode == 0
    again = cli(["clients", "import", str(DATA / "sample_clients.json"), "--json"], tmp_path)
    assert json.loads(again.stdout)["claims_created"] == 0  # importing twice changes nothing
    for name in ("01_inkasso_table.json", "04_out_of_office.json"):
        assert cli(["ingest", str(DATA / "sample_emails" / name)], tmp_path).returncode == 0
    queued = json.loads(cli(["status", "--json"], tmp_path).stdout)
    assert queued["by_status"] == {"queued": 2} and queued["queue"]["pending"] == 2
    burst = cli(["worker", "--burst", "--workers", "2"], tmp_path)
    assert burst.returncode == 0, burst.stderr[-2000:]
    overview = json.loads(cli(["status", "--json"], tmp_path).stdout)
    assert overview["by_status"] == {"completed": 1, "not_creditor_reply": 1}
    assert overview["oldest_unfinished"] is None
    one = json.loads(cli(["status", "1", "--json"], tmp_path).stdout)
    assert one["processing_status"] == "completed" and one["claim_updates"][0]["new_amount"] == "686.41"
    panel = cli(["status", "1"], tmp_path)
    assert "timeline" in panel.stdout and "completed" in panel.stdout
    missing = cli(["status", "999"], tmp_path)
    assert missing.returncode == 1 and "not found" in missing.stderr


def test_clients_list_shows_the_import_and_health_has_a_header(tmp_path):
    assert cli(["clients", "import", str(DATA / "sample_clients.json")], tmp_path).returncode == 0
    rows = json.loads(cli(["clients", "list", "--json"], tmp_path).stdout)
    records = json.loads((DATA / "sample_clients.json").read_text("utf-8"))
    records = records["clients"] if isinstance(records, dict) else records
    assert len(rows) == len(records) and {"file_number", "name", "claims"} == set(rows[0])
    assert sum(r["claims"] for r in rows) == sum(len(c.get("claims") or []) for c in records)
    text = cli(["clients", "list"], tmp_path)
    assert text.returncode == 0 and text.stdout.split()[:4] == ["file", "number", "name", "claims"]
    assert rows[0]["file_number"] in text.stdout and "client(s)" in text.stderr
    health = cli(["health"], tmp_path).stdout
    assert health.split()[:2] == ["check", "result"], health


def test_config_masks_secrets(tmp_path):
    done = cli(
        ["config", "--json"],
        tmp_path,
        CREDITCTL_ZENDESK_WEBHOOK_SECRET="supersecret",
        CREDITCTL_DATABASE_URL="postgresql+psycopg2://app:pw123@db.example/creditctl",
    )
    doc = json.loads(done.stdout)
    assert "supersecret" not in done.stdout and "pw123" not in done.stdout
    assert doc["CREDITCTL_ZENDESK_WEBHOOK_SECRET"] == "********"
    # the old psycopg2 URL is still accepted, and runs on psycopg 3
    assert doc["CREDITCTL_DATABASE_URL"] == "postgresql+psycopg://app:***@db.example/creditctl"


def test_invalid_setting_names_the_variable(tmp_path):
    done = cli(["config"], tmp_path, CREDITCTL_MAX_RETRIES="lots")
    assert done.returncode == 2 and "CREDITCTL_MAX_RETRIES" in done.stderr


@pytest.mark.parametrize("args", [["--help"], ["status", "--help"], ["--version"]])
def test_help_and_version(tmp_path, args):
    done = cli(args, tmp_path)
    assert done.returncode == 0 and done.stdout


def test_serve_refuses_to_start_without_a_secret(tmp_path):
    done = cli(["serve", "--port", "1"], tmp_path)
    assert done.returncode == 2 and "CREDITCTL_ZENDESK_WEBHOOK_SECRET" in done.stderr


def test_clean_and_extract_files(tmp_path):
    sample = DATA / "sample_emails" / "01_inkasso_table.json"
    cleaned = json.loads(cli(["clean", str(sample), "--json"], tmp_path).stdout)
    assert {"reply", "quoted", "signature", "language", "tokens", "truncated"} <= set(cleaned)
    assert "Gesamtforderung | 686,41 €" in cleaned["reply"]
    assert "Letzter uns bekannter Stand" in cleaned["quoted"]
    extracted = json.loads(cli(["extract", str(sample), "--json", "--extractor", "rules"], tmp_path).stdout)
    assert extracted["amounts"]["total"] == "686.41" and extracted["currency"] == "EUR"
    assert extracted["extractor"] == "rules" and extracted["evidence"]


def test_process_workers_hold_leases_under_their_own_names(tmp_path):
    """Forked Huey process workers must not share the parent's connections or lease name."""
    assert cli(["clients", "import", str(DATA / "sample_clients.json")], tmp_path).returncode == 0
    for path in sorted((DATA / "sample_emails").glob("*.json")):
        assert cli(["ingest", str(path)], tmp_path).returncode == 0
    done = cli(["worker", "--burst", "--worker-type", "process", "--workers", "2"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    overview = json.loads(cli(["status", "--json"], tmp_path).stdout)
    assert set(overview["by_status"]) <= {"completed", "not_creditor_reply"}, overview["by_status"]
    assert sum(overview["by_status"].values()) == 8
    events = [json.loads(line) for line in cli(["tail", "--json", "--limit", "500"], tmp_path).stdout.splitlines()]
    workers = {e["worker"] for e in events if e["kind"] == "attempt"}
    parent = {e["worker"] for e in events if e["kind"] == "webhook"}
    assert workers and not workers & parent  # children, not the ingesting process


@pytest.mark.parametrize(
    "args", [["config"], ["config", "--json"], ["clean", str(DATA / "sample_emails" / "01_inkasso_table.json")]]
)
def test_stdout_closed_by_its_reader_exits_quietly(tmp_path, args):
    """``creditctl tail | head -1``: the reader gone is no error (exit 141, nothing on stderr).

    stdout is a pipe whose read end is closed before the command starts, so every write fails
    with EPIPE, whichever way the command writes (rich console or ``sys.stdout``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") and k != "ANTHROPIC_API_KEY"}
    env.update({"CREDITCTL_HOME": str(tmp_path), "CREDITCTL_EXTRACTOR": "rules"})
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "creditctl", *args],
            env=env,
            cwd=tmp_path,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")

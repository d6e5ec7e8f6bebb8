"""`creditctl review` end to end: the installed CLI as a subprocess on the embedded
defaults (SQLite + SqliteHuey in CREDITCTL_HOME), rules extractor, demo data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "creditctl" / "data"
OPERATOR = "anna"


def cli(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") and k != "ANTHROPIC_API_KEY"}
    env.update(
        {
            "CREDITCTL_HOME": str(home),
            "CREDITCTL_EXTRACTOR": "rules",
            "CREDITCTL_LOG_LEVEL": "WARNING",
            "USER": OPERATOR,
            "LOGNAME": OPERATOR,
            "COLUMNS": "200",
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "creditctl", *args], env=env, cwd=home, capture_output=True, text=True, timeout=300
    )


def ok(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    done = cli(args, home)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    return done


def waiting(home: Path) -> dict[int, dict]:
    return {item["id"]: item for item in json.loads(ok(["review", "--json"], home).stdout)}


def test_review_approve_and_reject_through_the_cli(tmp_path):
    ok(["clients", "import", str(DATA / "sample_clients.json")], tmp_path)
    ids = {}
    for name in ("05_name_only_similar_clients.json", "03_document_request.json"):
        ids[name] = json.loads(ok(["ingest", str(DATA / "sample_emails" / name), "--json"], tmp_path).stdout)[
            "email_id"
        ]
    ok(["worker", "--burst"], tmp_path)

    items = waiting(tmp_path)
    similar, docreq = ids["05_name_only_similar_clients.json"], ids["03_document_request.json"]
    assert set(items) == {similar, docreq}, items
    item = items[similar]
    assert item["match_status"] in ("needs_review", "no_match") and item["reasons"]
    assert len(item["candidates"]) >= 2, "two similar clients: both are offered"
    for cand in item["candidates"]:
        assert cand["client_file_number"] and cand["creditor_name"] and cand["amount"] is not None
        assert 0 <= cand["score"] <= 1 and cand["reasons"]
    assert item["extracted"]["total"] is not None and item["extracted"]["evidence"]

    # the human view shows the same, readable
    header, *human = ok(["review"], tmp_path).stdout.splitlines()
    assert header.split()[:4] == ["id", "age", "creditor", "client"], header  # the columns are named
    assert [int(line.split()[0]) for line in human] == sorted([similar, docreq]), human  # one line per item
    line = next(x for x in human if int(x.split()[0]) == similar)
    assert f"claim {item['candidates'][0]['claim_id']}" in line and item["extracted"]["total"] in line
    assert [int(x.split()[0]) for x in ok(["review", "list", "--limit", "1"], tmp_path).stdout.splitlines()[1:]] == [
        min(similar, docreq)
    ]
    assert ok(["review", "list", "--creditor", "no-such-creditor", "--json"], tmp_path).stdout.strip() == "[]"
    shown = json.loads(ok(["review", "show", str(similar), "--json"], tmp_path).stdout)
    assert shown["waiting"] is True and shown["candidates"][0]["history"] == []
    assert "candidate claim" in ok(["review", "show", str(similar)], tmp_path).stdout

    # a claim that is not a candidate is refused without --override --reason
    outsider = next(i for i in range(1, 50) if i not in {c["claim_id"] for c in item["candidates"]})
    refused = cli(["review", "approve", str(similar), "--claim", str(outsider), "--amount", "1.00"], tmp_path)
    assert refused.returncode == 1 and "not a candidate" in refused.stderr, refused.stderr
    assert (
        cli(
            ["review", "approve", str(similar), "--claim", str(outsider), "--amount", "1.00", "--override"], tmp_path
        ).returncode
        == 2
    )  # an override needs a reason
    assert json.loads(ok(["status", str(similar), "--json"], tmp_path).stdout)["claim_updates"] == []

    # approve the first candidate with the extracted amount
    chosen = item["candidates"][0]
    before = json.loads(ok(["status", str(similar), "--json"], tmp_path).stdout)
    assert before["claim_updates"] == []
    approved = json.loads(
        ok(["review", "approve", str(similar), "--claim", str(chosen["claim_id"]), "--json"], tmp_path).stdout
    )
    assert approved["write_status"] == "applied" and approved["approved_by"] == OPERATOR
    assert approved["new_amount"] == item["extracted"]["total"] and approved["old_amount"] == chosen["amount"]
    after = json.loads(ok(["status", str(similar), "--json"], tmp_path).stdout)
    [update] = after["claim_updates"]
    assert update["applied_by"] == f"review:{OPERATOR}"
    assert (update["old_amount"], update["new_amount"]) == (chosen["amount"], approved["new_amount"])
    assert after["match_status"] == "auto_matched"
    assert similar not in waiting(tmp_path)

    # approving again is refused with the reason, and writes nothing
    again = cli(["review", "approve", str(similar), "--claim", str(chosen["claim_id"]), "--json"], tmp_path)
    assert again.returncode == 1, again
    assert "already reviewed" in again.stderr or "not waiting for review" in again.stderr, again.stderr
    assert len(json.loads(ok(["status", str(similar), "--json"], tmp_path).stdout)["claim_updates"]) == 1

    # undo: a compensating history row restores the old amount; the email is back in the queue
    undone = json.loads(ok(["review", "undo", str(similar), "--reason", "checked again", "--json"], tmp_path).stdout)
    assert undone["restored_amount"] == chosen["amount"] and undone["replaced_amount"] == approved["new_amount"]
    story = json.loads(ok(["status", str(similar), "--json"], tmp_path).stdout)
    assert [(u["old_amount"], u["new_amount"]) for u in story["claim_updates"]] == [
        (chosen["amount"], approved["new_amount"]),
        (approved["new_amount"], chosen["amount"]),
    ]
    assert similar in waiting(tmp_path)
    assert cli(["review", "undo", str(similar)], tmp_path).returncode == 1  # nothing left to undo
    approved = json.loads(
        ok(["review", "approve", str(similar), "--claim", str(chosen["claim_id"]), "--json"], tmp_path).stdout
    )
    assert approved["write_status"] == "applied"
    log = json.loads(ok(["review", "log", "--json"], tmp_path).stdout)
    assert [a["action"] for a in log] == ["approve", "undo", "approve"] and log[0]["person"] == OPERATOR

    # reject the other one: it leaves the list, no claim changes
    rejected = json.loads(
        ok(["review", "reject", str(docreq), "--reason", "letter for another client", "--json"], tmp_path).stdout
    )
    assert rejected == {
        "email_id": docreq,
        "status": "rejected",
        "reason": "letter for another client",
        "by": OPERATOR,
        "claim_kept": None,
        "rejudged": [],  # no other email waited on this one's decision
    }
    assert waiting(tmp_path) == {}
    assert json.loads(ok(["status", str(docreq), "--json"], tmp_path).stdout)["claim_updates"] == []
    assert "nothing waits for review" in ok(["review"], tmp_path).stdout

    # unknown ids and missing reasons are refused
    assert cli(["review", "reject", "999", "--reason", "x"], tmp_path).returncode == 1
    assert cli(["review", "approve", str(docreq), "--claim", "1"], tmp_path).returncode == 1

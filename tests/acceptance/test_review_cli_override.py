"""What an operator's trial of `creditctl review` tripped on, through the installed CLI on
the embedded defaults: `review --reason R` lists (as README writes it); a figure the
safety checks refused is not shown as the amount read; a reply matched by its sender
alone lists the sender's claims as candidates; an override onto a claim that does not fit
the email needs --confirm-mismatch."""

from __future__ import annotations

import json
from pathlib import Path

from tests.acceptance.test_review_cli import DATA, cli, ok
from tests.helpers import REFUSED_FIGURE_REPLY, SENDER_ONLY_REPLY


def _ingest(home: Path, name: str, **fields: str) -> int:
    path = home / f"{name}.json"
    path.write_text(json.dumps({"comment_id": name, **fields}, ensure_ascii=False), encoding="utf-8")
    return int(json.loads(ok(["ingest", str(path), "--json"], home).stdout)["email_id"])


def test_review_filters_refused_figures_sender_candidates_and_a_confirmed_override(tmp_path):
    ok(["clients", "import", str(DATA / "sample_clients.json")], tmp_path)
    unknown = _ingest(tmp_path, "unknown", **REFUSED_FIGURE_REPLY)
    bare = _ingest(tmp_path, "bare", **SENDER_ONLY_REPLY)
    ok(["worker", "--burst"], tmp_path)

    # `review` without a subcommand takes the list's options (README: review [list] [--reason R])
    listed = ok(["review", "--reason", "recognised", "--json"], tmp_path)
    assert [i["id"] for i in json.loads(listed.stdout)] == [bare]
    human = ok(["review", "--limit", "5"], tmp_path).stdout
    # the refused figure (another customer's balance) is not the amount read
    line = next(x for x in human.splitlines()[1:] if int(x.split()[0]) == unknown)
    assert "not usable" in line and "1250.00" not in line, line
    misplaced = cli(["review", "--reason", "x", "show", str(bare)], tmp_path)
    assert misplaced.returncode == 2 and "filter the list" in misplaced.stderr, misplaced.stderr

    # matched by the sender alone: its claim is offered, and the reason says "none recognised"
    shown = json.loads(ok(["review", "show", str(bare), "--json"], tmp_path).stdout)
    assert [c["creditor_name"] for c in shown["candidates"]] == ["Nordbank Kredit AG"], shown["candidates"]
    assert any("recognised in the reply" in r for r in shown["hold_reasons"]), shown["hold_reasons"]

    # an override onto another creditor's claim of another client: said, and refused unless confirmed
    other = next(
        c["claim_id"] for c in json.loads(ok(["review", "show", str(unknown), "--json"], tmp_path).stdout)["candidates"]
    )
    args = ["review", "approve", str(bare), "--claim", str(other), "--amount", "1204.50", "--override"]
    refused = cli([*args, "--reason", "phone call"], tmp_path)
    assert refused.returncode == 1, refused.stderr
    assert "does not fit the sender forderungen@nordbank-kredit.example" in refused.stderr, refused.stderr
    assert "--confirm-mismatch" in refused.stderr
    done = json.loads(ok([*args, "--reason", "phone call", "--confirm-mismatch", "--json"], tmp_path).stdout)
    assert done["applied"] is True or done["write_status"] in ("applied", "unchanged"), done
    log = json.loads(ok(["review", "log", "--json"], tmp_path).stdout)
    assert any("mismatch confirmed" in (a.get("reason") or "") for a in log), log

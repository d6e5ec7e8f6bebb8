"""`creditctl review` presents the review rules plainly (in process, Typer's runner): a
newer email's write wins and the CLI says "not applied" with exit 1, a typed amount
outside the plausibility bounds needs --confirm-change, the log prints no arrow for a
change that did not happen, the one-line reason is the most severe one, and the
messages say where to look next."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from creditctl import db
from creditctl.cli import app
from creditctl.migrate import upgrade
from creditctl.models import Email
from creditctl.services import clients
from creditctl.services.context import AppContext
from creditctl.settings import get_settings, load_settings
from tests.integration.test_review_service import CLIENTS, RECEIVED, add_email, claim_id, two_candidates


@pytest.fixture
def cli_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    url = f"sqlite:///{tmp_path}/t.db"
    for key in [k for k in os.environ if k.startswith("CREDITCTL_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("CREDITCTL_HOME", str(tmp_path))
    monkeypatch.setenv("CREDITCTL_DATABASE_URL", url)
    monkeypatch.setenv("CREDITCTL_QUEUE_URL", f"sqlite:///{tmp_path}/q.db")
    monkeypatch.setenv("CREDITCTL_LOG_LEVEL", "WARNING")
    monkeypatch.setenv("USER", "anna")
    monkeypatch.setenv("LOGNAME", "anna")
    monkeypatch.setenv("COLUMNS", "250")
    upgrade(url)
    ctx = AppContext(settings=load_settings(home=tmp_path, database_url=url, queue_url="memory://"))
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENTS), encoding="utf-8")
    clients.import_clients(ctx, path=path)
    get_settings.cache_clear()
    yield ctx
    get_settings.cache_clear()
    db.dispose_engines()


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_an_approval_a_newer_email_wins_over_says_not_applied_and_exits_1(cli_ctx: AppContext) -> None:
    target = claim_id(cli_ctx, "TK-1")
    older = add_email(cli_ctx, key="old", total="100.00", received_at=RECEIVED)
    newer = add_email(cli_ctx, key="new", total="150.00", received_at=RECEIVED + timedelta(days=3))
    assert run("review", "approve", str(newer), "--claim", str(target)).exit_code == 0

    done = run("review", "approve", str(older), "--claim", str(target), "--amount", "120,00")

    assert done.exit_code == 1, done.output
    assert f"not applied: email {newer} (newer) set 150.00 on 2025-03-07; the claim stays 150.00" in done.output
    assert "--override-newer" in done.output and "→" not in done.output
    log = run("review", "log").output
    line = next(x for x in log.splitlines() if "not_applied" in x)
    assert "→" not in line and f"email {older}" in line and "the claim stays 150.00" in line
    waiting = run("review", "list").output
    assert f"{older:>6}" in waiting  # still waiting for a decision
    assert "last approval by anna: 120.00 EUR not applied: email" in run("review", "show", str(older)).output

    done = run("review", "approve", str(older), "--claim", str(target), "--amount", "120,00", "--override-newer")
    assert done.exit_code == 0 and f"applied: claim {target} 150.00 → 120.00 EUR" in done.output


def test_a_typed_amount_outside_the_bounds_needs_confirm_change(cli_ctx: AppContext) -> None:
    target = claim_id(cli_ctx, "RPI-7712-4408-19")  # 540.00
    email_id = add_email(cli_ctx, key="a", candidates=two_candidates(cli_ctx))

    done = run("review", "approve", str(email_id), "--claim", str(target), "--amount", "1.705,00")
    assert done.exit_code == 1 and "rise of 216%" in done.output and "--confirm-change" in done.output

    done = run("review", "approve", str(email_id), "--claim", str(target), "--amount", "1.705,00", "--confirm-change")
    assert done.exit_code == 0 and "540.00 → 1705.00" in done.output

    done = run("review", "undo", str(email_id))
    assert done.exit_code == 0 and "back in the review queue" in done.output


def test_an_unknown_claim_points_to_review_show(cli_ctx: AppContext) -> None:
    email_id = add_email(cli_ctx, key="a", candidates=two_candidates(cli_ctx))
    done = run("review", "approve", str(email_id), "--claim", "99")
    assert done.exit_code == 1 and f"creditctl review show {email_id}" in done.output


def test_the_one_line_reason_is_the_most_severe(cli_ctx: AppContext) -> None:
    email_id = add_email(cli_ctx, key="a", candidates=two_candidates(cli_ctx))
    injection = "text addresses the system or tries to set an outcome: 'ignore previous instructions'"
    with db.session_scope(cli_ctx.db_url) as s:
        email = s.get(Email, email_id)
        reasons = ["best score 0.60 below 0.80", "total 0.00 is a drop of 100% from the stored 80.00", injection]
        email.match = {**email.match, "verdict_reasons": reasons, "hold_reasons": reasons}
    line = next(x for x in run("review", "list").output.splitlines() if x.strip().startswith(str(email_id)))
    assert line.endswith(f"| {injection}")
    doc = json.loads(run("status", str(email_id), "--json").output)
    assert doc["hold_reasons"][0] == injection and doc["hold_reasons"][-1] == "best score 0.60 below 0.80"


def test_users_unlock_lifts_a_lock_and_says_whether_there_was_one(cli_ctx: AppContext) -> None:
    from creditctl.services import users

    users.add_user(cli_ctx, name="rita", password="rita-password-2026", role="reviewer")
    for _ in range(users.MAX_FAILURES_PER_ACCOUNT):
        with pytest.raises(users.LoginRefused):
            users.sign_in(cli_ctx, name="rita", password="wrong", address="10.0.0.1")
    with pytest.raises(users.TooManyAttempts):
        users.sign_in(cli_ctx, name="rita", password="rita-password-2026", address="10.0.0.2")
    done = CliRunner().invoke(app, ["users", "unlock", "rita"])
    assert done.exit_code == 0 and "user rita unlocked (5 failed sign-ins cleared)" in done.output
    users.sign_in(cli_ctx, name="rita", password="rita-password-2026", address="10.0.0.2")
    again = CliRunner().invoke(app, ["users", "unlock", "rita", "--json"])
    assert again.exit_code == 0 and json.loads(again.output)["was_locked"] is False
    assert CliRunner().invoke(app, ["users", "unlock", "nobody"]).exit_code == 1


def test_show_names_the_client_of_the_matched_claim_when_the_reply_named_none(cli_ctx: AppContext) -> None:
    target = claim_id(cli_ctx, "RPI-7712-4408-19")
    email_id = add_email(cli_ctx, key="noname", candidates=[{"claim_id": target, "score": 0.9, "reasons": ["ref"]}])
    with db.session_scope(cli_ctx.db_url) as s:
        email = s.get(Email, email_id)
        email.extraction = {**email.extraction, "client_name": None}
        email.match = {**email.match, "claim_id": target}
    shown = run("review", "show", str(email_id)).output
    assert f"client: Tamara Reinholz BÖ-2024-0173 (matched claim {target})" in shown, shown
    assert "client —" in shown  # the reading itself found none: said so on the read line

    other = add_email(cli_ctx, key="cand", candidates=[{"claim_id": target, "score": 0.5, "reasons": ["ref"]}])
    with db.session_scope(cli_ctx.db_url) as s:
        email = s.get(Email, other)
        email.extraction = {**email.extraction, "client_name": None}
    assert (
        f"client: Tamara Reinholz BÖ-2024-0173 (top candidate, claim {target})"
        in run("review", "show", str(other)).output
    )


def test_review_sold_records_the_new_holder_and_undo_restores_it(cli_ctx: AppContext) -> None:
    target = claim_id(cli_ctx, "RPI-7712-4408-19")
    email_id = add_email(cli_ctx, key="sold", candidates=[{"claim_id": target, "score": 0.9, "reasons": ["ref"]}])

    done = run("review", "sold", str(email_id), "--holder", "Lowell Solutions Ltd", "--holder-reference", "LS-1")
    assert done.exit_code == 0, done.output
    assert f"claim {target} now held by Lowell Solutions Ltd (a new creditor; was Modehaus Lindner KG" in done.output
    assert "reference LS-1" in done.output
    shown = run("review", "show", str(email_id)).output
    assert "sold Modehaus Lindner KG → Lowell Solutions Ltd" in shown and "recorded by anna" in shown
    assert "sold by anna: claim" in shown
    log = run("review", "log").output
    assert "sold" in log and "claim sold to Lowell Solutions Ltd (was Modehaus Lindner KG)" in log

    again = run("review", "sold", str(email_id), "--holder", "Other GmbH")
    assert again.exit_code == 1 and "already reviewed" in again.output, again.output
    undone = run("review", "undo", str(email_id))
    assert undone.exit_code == 0 and "held by Modehaus Lindner KG again (was Lowell Solutions Ltd)" in undone.output

    ambiguous = add_email(cli_ctx, key="two", candidates=two_candidates(cli_ctx))
    refused = run("review", "sold", str(ambiguous), "--holder", "Lowell Solutions Ltd")
    assert refused.exit_code != 0 and "names no single claim: choose it with --claim" in refused.output


def test_the_claim_is_chosen_by_reference_or_file_number_and_creditor(cli_ctx: AppContext) -> None:
    from creditctl.exceptions import NotFoundError, Refused
    from creditctl.services import review

    telekom, modehaus = claim_id(cli_ctx, "TK-1"), claim_id(cli_ctx, "RPI-7712-4408-19")
    assert review.resolve_claim(cli_ctx, "TK-1") == telekom
    assert review.resolve_claim(cli_ctx, " tk 1 ") == telekom  # spacing, dashes and case ignored
    assert review.resolve_claim(cli_ctx, "rpi 7712 4408 19") == modehaus
    assert review.resolve_claim(cli_ctx, "BÖ-2024-0173 Telekom") == telekom
    assert review.resolve_claim(cli_ctx, "bo-2024-0173 modehaus") == modehaus  # umlauts folded
    assert review.resolve_claim(cli_ctx, "Reinholz Telekom") == telekom  # words: client and creditor
    with pytest.raises(Refused, match=r"'BÖ-2024-0173' fits 2 claims \(claim \d+: BÖ-2024-0173 Tamara Reinholz") as exc:
        review.resolve_claim(cli_ctx, "BÖ-2024-0173")
    assert "nothing was changed" in exc.value.message
    with pytest.raises(NotFoundError, match="no claim fits 'XYZ-404'"):
        review.resolve_claim(cli_ctx, "XYZ-404")

    email_id = add_email(cli_ctx, key="ref", candidates=[{"claim_id": telekom, "score": 0.9, "reasons": ["ref"]}])
    ambiguous = run("review", "approve", str(email_id), "--claim", "Modehaus", "--amount", "80,00")
    assert ambiguous.exit_code == 1 and "fits" in ambiguous.output and "nothing was changed" in ambiguous.output
    assert f"{email_id:>6}" in run("review", "list").output  # still waiting
    done = run("review", "approve", str(email_id), "--claim", "BÖ-2024-0173 Telekom", "--amount", "85,00")
    assert done.exit_code == 0 and f"claim {telekom} 80.00 → 85.00 EUR" in done.output, done.output


def test_a_sale_is_its_own_decision_in_status_status_id_and_metrics(cli_ctx: AppContext) -> None:
    """The fresh operator's `status` said `2 approved, 2 rejected` after one `review sold`
    and `status 3` said `review rejected by …: claim sold to …`."""
    from prometheus_client import CollectorRegistry, generate_latest

    from creditctl.metrics import DatabaseCollector
    from creditctl.services import status

    target = claim_id(cli_ctx, "RPI-7712-4408-19")
    sold_id = add_email(cli_ctx, key="sold", candidates=[{"claim_id": target, "score": 0.9, "reasons": ["ref"]}])
    rejected_id = add_email(cli_ctx, key="rej", candidates=[{"claim_id": target, "score": 0.9, "reasons": ["ref"]}])
    assert run("review", "sold", str(sold_id), "--holder", "Lowell Solutions Ltd").exit_code == 0
    assert run("review", "reject", str(rejected_id), "--reason", "not ours").exit_code == 0

    assert status.system_status(cli_ctx)["decided_by_person"] == {"approved": 0, "sold": 1, "rejected": 1}
    assert "0 approved, 1 recorded as sold, 1 rejected" in run("status").output
    shown = run("status", str(sold_id))
    line = next(x for x in shown.output.splitlines() if x.strip(" │").startswith("review "))
    assert "recorded as sold by anna" in line and "claim sold to Lowell Solutions Ltd" in line, line
    assert "rejected" not in line
    registry = CollectorRegistry()
    registry.register(DatabaseCollector(cli_ctx))
    scraped = generate_latest(registry).decode()
    assert 'creditctl_review_decisions{decision="sold"} 1.0' in scraped
    assert 'creditctl_review_decisions{decision="rejected"} 1.0' in scraped

    assert run("review", "undo", str(sold_id)).exit_code == 0  # the sale undone: no decision stands
    assert status.system_status(cli_ctx)["decided_by_person"] == {"approved": 0, "sold": 0, "rejected": 1}


def _hold(ctx: AppContext, email_id: int, about: int, reasons: list[str]) -> None:
    with db.session_scope(ctx.db_url) as s:
        email = s.get(Email, email_id)
        email.match = {**(email.match or {}), "about_claim_id": about, "hold_reasons": reasons}


@pytest.mark.parametrize("decision", ["sold", "reject", "approve"])
def test_a_decision_re_reads_the_emails_held_on_it(cli_ctx: AppContext, decision: str) -> None:
    """The fresh operator's email 10 kept "claim 2 reported sold or assigned in email 3,
    waiting for review" after email 3 was decided; only `reprocess` refreshed it. Now the
    decision re-queues the emails held on it (the reprocess owner, one operation); an email
    held on another email, or for another reason, is left alone."""
    from creditctl.models import Operation

    target = claim_id(cli_ctx, "RPI-7712-4408-19")
    cand = [{"claim_id": target, "score": 0.9, "reasons": ["ref"]}]
    report = add_email(cli_ctx, key="report", candidates=cand)
    held = add_email(cli_ctx, key="held", candidates=cand, received_at=RECEIVED + timedelta(days=1))
    other = add_email(cli_ctx, key="other", candidates=cand, received_at=RECEIVED + timedelta(days=2))
    _hold(cli_ctx, report, target, ["claim sold or assigned to a new holder (Lowell): a person decides"])
    _hold(
        cli_ctx,
        held,
        target,
        [f"claim {target} reported sold or assigned in email {report}, waiting for review: a person decides"],
    )
    _hold(
        cli_ctx,
        other,
        target,
        [f"claim {target} reported sold or assigned in email 999, waiting for review: a person decides"],
    )
    args = {
        "sold": ["review", "sold", str(report), "--holder", "Lowell Solutions Ltd"],
        "reject": ["review", "reject", str(report), "--reason", "not a sale"],
        "approve": [
            "review",
            "approve",
            str(report),
            "--claim",
            str(target),
            "--amount",
            "1234.56",
            "--confirm-change",
        ],
    }[decision]
    done = run(*args)
    assert done.exit_code == 0, done.output
    assert f"re-reading email(s) {held}:" in done.output, done.output
    with db.session_scope(cli_ctx.db_url) as s:
        assert (s.get(Email, held).processing_status, s.get(Email, held).match_status) == ("queued", "pending")
        assert s.get(Email, other).processing_status == "completed"  # held on another email: untouched
        op = s.query(Operation).one()
        assert op.kind == "reprocess" and op.params["after_decision_on"] == report


def test_the_review_list_shows_a_waiting_emails_own_creditor_after_its_claim_was_sold(cli_ctx: AppContext) -> None:
    """The creditor column showed the new holder for an email of the previous holder's
    agency that the new holder never wrote."""
    from creditctl.services import review

    target = claim_id(cli_ctx, "RPI-7712-4408-19")
    cand = [{"claim_id": target, "score": 0.9, "reasons": ["ref"]}]
    report = add_email(cli_ctx, key="report", candidates=cand)
    waiting = add_email(cli_ctx, key="waiting", candidates=cand, received_at=RECEIVED + timedelta(days=1))
    with db.session_scope(cli_ctx.db_url) as s:
        s.get(Email, waiting).match = {**(s.get(Email, waiting).match or {}), "claim_id": target}
    assert run("review", "sold", str(report), "--holder", "Lowell Solutions Ltd").exit_code == 0
    shown = {item["id"]: item["creditor"] for item in review.pending(cli_ctx)}
    assert shown[waiting] == "Modehaus Lindner KG", shown
    listed = run("review", "list").output
    row = next(line for line in listed.splitlines() if line.strip().startswith(str(waiting)))
    assert row.split("Modehaus Lindner KG")[0].count("Lowell") == 0 and "Modehaus Lindner KG" in row, listed


@pytest.mark.parametrize(
    "reason",
    [
        "the creditor cannot identify the client: a person decides",
        "the reply says the client or the claim is unknown ('Wir kennen diese Person nicht'): a person decides",
        "the reply states a date of birth (1970-01-01) that is not the client's (1985-04-02): it may be about another person",
    ],
)
def test_approving_a_reply_that_disowns_the_client_needs_the_confirmation(cli_ctx: AppContext, reason: str) -> None:
    """`review approve 13 --claim 5 --amount …` was accepted with no question although the
    reply said the creditor does not know that client."""
    target = claim_id(cli_ctx, "RPI-7712-4408-19")
    email_id = add_email(cli_ctx, key="unknown", candidates=[{"claim_id": target, "score": 0.9, "reasons": ["ref"]}])
    _hold(cli_ctx, email_id, target, [reason])
    refused = run("review", "approve", str(email_id), "--claim", str(target), "--amount", "600.00")
    assert refused.exit_code == 1 and "--confirm-mismatch" in refused.output, refused.output
    assert reason.split(":")[0][:40] in " ".join(refused.output.split())
    assert f"{email_id:>6}" in run("review", "list").output  # still waiting, nothing applied
    done = run("review", "approve", str(email_id), "--claim", str(target), "--amount", "600.00", "--confirm-mismatch")
    assert done.exit_code == 0, done.output


def test_a_plain_hold_approves_without_the_confirmation(cli_ctx: AppContext) -> None:
    target = claim_id(cli_ctx, "RPI-7712-4408-19")
    email_id = add_email(cli_ctx, key="plain", candidates=[{"claim_id": target, "score": 0.9, "reasons": ["ref"]}])
    _hold(cli_ctx, email_id, target, ["two candidates are close: a person decides"])
    done = run("review", "approve", str(email_id), "--claim", str(target), "--amount", "600.00")
    assert done.exit_code == 0, done.output


def test_cli_decisions_name_the_person_and_the_log_says_how(
    cli_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CLI decisions were recorded under the OS user (`root` for everyone on a shared
    account). `--by NAME`, then CREDITCTL_OPERATOR, then the real login behind sudo, then
    the login; `review log` says which."""
    ids = [add_email(cli_ctx, key=f"who{i}") for i in range(4)]
    monkeypatch.setenv("USER", "root")
    monkeypatch.setenv("LOGNAME", "root")
    monkeypatch.setenv("SUDO_USER", "dora")
    assert run("review", "reject", str(ids[0]), "--reason", "r", "--by", "Bernd Maier").exit_code == 0
    monkeypatch.setenv("CREDITCTL_OPERATOR", "carla")
    assert run("review", "reject", str(ids[1]), "--reason", "r").exit_code == 0
    monkeypatch.delenv("CREDITCTL_OPERATOR")
    assert run("review", "reject", str(ids[2]), "--reason", "r").exit_code == 0  # root via sudo: dora
    monkeypatch.delenv("SUDO_USER")
    monkeypatch.setenv("USER", "anna")
    monkeypatch.setenv("LOGNAME", "anna")
    assert run("review", "reject", str(ids[3]), "--reason", "r").exit_code == 0
    log = run("review", "log").output
    lines = {
        int(m): line for line in log.splitlines() for m in [line.split("email ")[1].split()[0]] if "email " in line
    }
    assert "Bernd Maier" in lines[ids[0]] and "cli (--by)" in lines[ids[0]], log
    assert "carla" in lines[ids[1]] and "cli (CREDITCTL_OPERATOR)" in lines[ids[1]], log
    assert "dora" in lines[ids[2]] and "cli (SUDO_USER)" in lines[ids[2]], log
    assert "anna" in lines[ids[3]] and "cli (login)" in lines[ids[3]], log
    assert "root" not in log
    entries = json.loads(run("review", "log", "--json").output)
    assert {e["named_by"] for e in entries} == {"--by", "CREDITCTL_OPERATOR", "SUDO_USER", "login"}
    assert {e["channel"] for e in entries} == {"cli"}

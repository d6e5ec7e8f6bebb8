"""`creditctl review` as an operator trial found it (in process, Typer's runner): `show`
gives the quoted history the reply confirms, `undo` names the later change by its email,
`list` with filters that match nothing says so (not "nothing waits"), and the creditor
column shows the matched creditor's name, not the sender's address."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from creditctl import db
from creditctl.models import Email
from creditctl.services.context import AppContext
from tests.integration import test_review_cli_faces as faces
from tests.integration.test_review_service import RECEIVED, add_email, claim_id

cli_ctx = faces.cli_ctx  # the fixture: a configured CLI on SQLite with the sample clients
run = faces.run

QUOTED = "Sehr geehrte Damen und Herren,\nwir fordern [Restbetrag] 1.234,56 EUR.\n> noch älter"


def _set(ctx: AppContext, email_id: int, **values: object) -> None:
    with db.session_scope(ctx.db_url) as s:
        s.execute(update(Email).where(Email.id == email_id).values(**values))


def test_review_show_prints_the_quoted_history_after_the_reply_marked_as_quoted(cli_ctx: AppContext) -> None:
    email_id = add_email(cli_ctx, key="q")
    reply = "wir bestätigen den von Ihnen genannten Betrag."
    _set(cli_ctx, email_id, parsed={"reply": reply, "quoted": QUOTED, "signature": "Inkasso GmbH"})

    text = run("review", "show", str(email_id)).output

    lines = text.splitlines()
    at_reply = lines.index(f"    {reply}")
    head = next(i for i, line in enumerate(lines) if line.startswith("  quoted history"))
    assert at_reply < head, text
    assert lines[head + 1 : head + 4] == [
        "    > Sehr geehrte Damen und Herren,",
        "    > wir fordern [Restbetrag] 1.234,56 EUR.",  # the mail's brackets are text, not markup
        "    > > noch älter",
    ], text
    assert "    Inkasso GmbH" in lines  # the signature, as the desk shows it


def test_review_undo_names_the_email_of_the_later_change(cli_ctx: AppContext) -> None:
    target = claim_id(cli_ctx, "TK-1")
    first = add_email(cli_ctx, key="a", total="100.00")
    second = add_email(cli_ctx, key="b", total="150.00", received_at=RECEIVED + timedelta(days=1))
    assert run("review", "approve", str(first), "--claim", str(target)).exit_code == 0
    assert run("review", "approve", str(second), "--claim", str(target)).exit_code == 0

    done = run("review", "undo", str(first))

    assert done.exit_code == 1
    assert f"changed after this email's update: email {second} set it to 150.00 EUR (update " in done.output
    assert f"undo that one first (`creditctl review undo {second}`)" in done.output
    assert run("review", "undo", str(second)).exit_code == 0
    assert run("review", "undo", str(first)).exit_code == 0


def test_review_list_with_filters_matching_nothing_says_how_many_wait(cli_ctx: AppContext) -> None:
    for key in ("a", "b", "c"):
        add_email(cli_ctx, key=key)

    for args in (("--reason", "bogus"), ("--creditor", "nobody")):
        done = run("review", "list", *args)
        assert done.exit_code == 0
        assert "nothing matches these filters (3 waiting)" in done.output, done.output
        assert "nothing waits" not in done.output
    limited = run("review", "list", "--limit", "1")
    assert "1 shown of 3 waiting" in limited.output
    assert "3 waiting" in run("review", "list", "--reason", "close").output  # a verdict reason matches all three


def test_review_list_shows_the_matched_creditor_not_the_sender_address(cli_ctx: AppContext) -> None:
    email_id = add_email(cli_ctx, key="n")
    with db.session_scope(cli_ctx.db_url) as s:
        row = s.get(Email, email_id)
        assert row is not None
        row.extraction = {**(row.extraction or {}), "creditor_name": None}
        row.from_name = ""

    text = run("review", "list").output

    line = next(x for x in text.splitlines() if x.strip().startswith(str(email_id)))
    assert "Telekom Deutschland GmbH" in line.split("claim ")[0], line  # the top candidate's creditor
    assert "forderungsmanagement@" not in line


def test_review_list_creditor_is_the_matched_claims_else_the_reading_without_its_department(
    cli_ctx: AppContext,
) -> None:
    from creditctl.services.review import without_department

    signed_off = add_email(cli_ctx, key="dept", candidates=[])  # no candidate: the reading is all there is
    matched = add_email(cli_ctx, key="m")
    telekom = claim_id(cli_ctx, "TK-1")
    with db.session_scope(cli_ctx.db_url) as s:
        row = s.get(Email, signed_off)
        assert row is not None
        row.extraction = {**(row.extraction or {}), "creditor_name": "Buchhaltung Fitnessclub Aktiv GmbH & Co. KG"}
        other = s.get(Email, matched)
        assert other is not None
        other.match = {**(other.match or {}), "claim_id": telekom}  # the reply names its agent

    text = run("review", "list").output

    line = next(x for x in text.splitlines() if x.strip().startswith(str(signed_off)))
    assert "Buchhaltung" not in line and "Fitnessclub Aktiv GmbH & Co. KG" in line, line
    line = next(x for x in text.splitlines() if x.strip().startswith(str(matched)))
    assert line.split()[2:5] == ["Telekom", "Deutschland", "GmbH"], line  # the records' name, not the reply's agent
    assert without_department("Forderungsmanagement der Stadtwerke Ulm GmbH") == "Stadtwerke Ulm GmbH"
    assert without_department("Accounts - Northwind Energy Ltd") == "Northwind Energy Ltd"
    assert without_department("Team Buchhaltung") == "Team Buchhaltung"  # nothing else left: kept as read
    assert without_department("Teamwork Consulting GmbH") == "Teamwork Consulting GmbH"


def test_review_list_cuts_a_long_creditor_with_an_ellipsis(cli_ctx: AppContext) -> None:
    email_id = add_email(cli_ctx, key="long", candidates=[])
    with db.session_scope(cli_ctx.db_url) as s:
        row = s.get(Email, email_id)
        assert row is not None
        row.extraction = {
            **(row.extraction or {}),
            "creditor_name": "Fitnessclub Aktiv Gesellschaft mit beschränkter Haftung",
        }

    line = next(x for x in run("review", "list").output.splitlines() if x.strip().startswith(str(email_id)))
    assert "Fitnessclub Aktiv Gesellschaft…" in line, line

"""What a newcomer/operator trial tripped on (the installed CLI as a subprocess): an empty
or backwards --since/--until range, ids that do not exist, a filter that matches nothing,
and a file that is not an email — each said in plain words with README's exit codes
(0 ok / nothing to do, 1 not found, 2 usage error)."""

from __future__ import annotations

from tests.acceptance.test_cli import DATA, cli


def test_reprocess_range_and_ids(tmp_path):
    cli(["clients", "import", str(DATA / "sample_clients.json")], tmp_path)
    cli(["ingest", str(DATA / "sample_emails" / "06_english_statement.json")], tmp_path)
    empty = cli(["reprocess", "--since", "", "--dry-run"], tmp_path)
    assert empty.returncode == 2 and "--since is empty" in empty.stderr, empty.stderr
    backwards = cli(["reprocess", "--since", "today", "--until", "yesterday", "--yes"], tmp_path)
    assert backwards.returncode == 2 and "the range is backwards" in backwards.stderr, backwards.stderr
    same = cli(["reprocess", "--since", "yesterday", "--until", "yesterday", "--yes"], tmp_path)
    assert same.returncode == 2 and "the range is empty" in same.stderr and "swap" not in same.stderr, same.stderr
    missing = cli(["reprocess", "--ids", "9999", "--yes"], tmp_path)
    assert missing.returncode == 1 and "no email with id 9999" in missing.stderr, missing.stderr
    some_missing = cli(["reprocess", "--ids", "1", "9998", "--dry-run"], tmp_path)
    assert some_missing.returncode == 1 and "no email with id 9998" in some_missing.stderr
    fine = cli(["reprocess", "--since", "yesterday", "--until", "tomorrow", "--dry-run"], tmp_path)
    assert fine.returncode == 0, fine.stderr


def test_tail_says_when_nothing_matches(tmp_path):
    cli(["clients", "import", str(DATA / "sample_clients.json")], tmp_path)
    cli(["ingest", str(DATA / "sample_emails" / "06_english_statement.json")], tmp_path)
    nobody = cli(["tail", "--creditor", "Nobody"], tmp_path)
    assert nobody.returncode == 0 and nobody.stdout == ""
    assert "nothing matches these filters" in nobody.stderr
    some = cli(["tail", "--email", "1"], tmp_path)
    assert some.stdout and "nothing matches" not in some.stderr


def test_ingest_refuses_a_file_that_is_not_an_email(tmp_path):
    plain = tmp_path / "hostname"
    plain.write_text("vm-42\n", "utf-8")
    done = cli(["ingest", str(plain)], tmp_path)
    assert done.returncode == 2 and "not an email" in done.stderr, done.stderr
    # a file without a suffix that starts with email headers is an email
    eml = tmp_path / "reply"
    eml.write_text(
        "From: Quayside <accounts@quayside.example>\nSubject: AW: Ihre Anfrage\n\nDie Forderung ist beglichen.\n",
        "utf-8",
    )
    assert cli(["ingest", str(eml)], tmp_path).returncode == 0
    # a body saved as .txt still is one
    body = tmp_path / "reply.txt"
    body.write_text("Die Gesamtforderung beträgt 120,00 EUR.\n", "utf-8")
    assert cli(["ingest", str(body)], tmp_path).returncode == 0

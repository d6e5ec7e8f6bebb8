"""Operator-facing wording: a URL without a password is shown without ``***``, and every
command's usage line names its arguments in capitals (``PATH``, ``[EMAIL_ID]``), not as
typer's ``{path}`` / ``[email_id]``."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from creditctl.cli import load_all
from creditctl.display import mask_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:5432/app", "postgresql+psycopg://postgres@127.0.0.1:5432/app"),
        ("postgresql+psycopg://app:s3cret@db.example/app", "postgresql+psycopg://app:***@db.example/app"),
        ("redis://:s3cret@127.0.0.1:6379/0", "redis://:***@127.0.0.1:6379/0"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
    ],
)
def test_only_a_password_is_masked(url: str, shown: str) -> None:
    assert mask_url(url) == shown


COMMANDS_WITH_ARGUMENTS = [
    (["clients", "import"], "PATH"),
    (["ingest"], "PATH"),
    (["status"], "[EMAIL_ID]"),
    (["retry"], "[IDS]..."),
    (["review", "show"], "EMAIL_ID"),
    (["review", "approve"], "EMAIL_ID"),
    (["quarantine", "show"], "QUARANTINE_ID"),
    (["users", "add"], "NAME"),
]


@pytest.mark.parametrize(("command", "metavar"), COMMANDS_WITH_ARGUMENTS)
def test_usage_lines_name_arguments_in_capitals(command: list[str], metavar: str) -> None:
    done = CliRunner().invoke(load_all(), [*command, "--help"], env={"COLUMNS": "200"})
    assert done.exit_code == 0, done.output
    usage = next(line for line in done.output.splitlines() if line.startswith("Usage:"))
    assert usage.endswith(f"[OPTIONS] {metavar}"), usage
    assert not re.search(r"[{}]|\b[a-z]+_id\b", usage), usage

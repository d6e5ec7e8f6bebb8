"""``clients import`` validates every row before writing anything (README "Client
records"): a CSV row with the wrong number of fields, a currency that is not ISO 4217,
an amount outside the documented format and a missing required field are refused with
file, line (or record) and field named, and the database is left untouched. On both
backend pairs: SQLite stored ``"EURO"`` silently, PostgreSQL failed inside the driver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from creditctl import db
from creditctl.exceptions import ImportFileError
from creditctl.models import Claim, Client
from creditctl.services import clients
from tests.helpers import Env

HEADER = (
    "file_number,client_name,date_of_birth,creditor_name,agent_name,creditor_email,"
    "creditor_reference,amount,currency,zendesk_ticket_id,side_conversation_id\n"
)
GOOD_ROW = "BÖ-2026-0201,Anna Test,1990-01-01,Foo GmbH,,a@foo.example,F-1,540.00,EUR,1,\n"


def _counts(env: Env) -> tuple[int, int]:
    with db.session_scope(env.ctx.db_url) as s:
        return int(s.scalar(select(func.count(Client.id))) or 0), int(s.scalar(select(func.count(Claim.id))) or 0)


def _refused(env: Env, path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        clients.import_clients(env.ctx, path=path)
    assert caught.value.exit_code != 0
    assert _counts(env) == (0, 0), "nothing may be written when any row is refused"
    return str(caught.value)


def test_unquoted_german_amount_in_csv_is_refused_with_the_line(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    # the good row first: it must not be written either
    path.write_text(HEADER + GOOD_ROW + "BÖ-2026-0206,Bert Test,1990-01-01,Bar GmbH,,b@bar.example,B-1,12,34,EUR,2,\n")
    message = _refused(env, path)
    assert "clients.csv line 3" in message and "12 fields" in message and "11" in message


def test_quoted_german_amount_in_csv_is_read_unambiguously(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(HEADER + 'BÖ-2026-0206,Bert Test,1990-01-01,Bar GmbH,,b@bar.example,B-1,"1.234,56",EUR,2,\n')
    clients.import_clients(env.ctx, path=path)
    with db.session_scope(env.ctx.db_url) as s:
        claim = s.scalars(select(Claim)).one()
        assert (claim.amount, claim.currency, claim.zendesk_ticket_id) == (Decimal("1234.56"), "EUR", "2")


@pytest.mark.parametrize(
    ("claim", "field", "words"),
    [
        ({"amount": "10.00", "currency": "EURO"}, "currency", "ISO 4217"),
        ({"amount": "10.00", "currency": "eur"}, "currency", "ISO 4217"),
        ({"amount": "10.00", "currency": "ABC"}, "currency", "ISO 4217"),
        ({"amount": "abc"}, "amount", "plain decimal"),
        ({"amount": "1.234"}, "amount", "plain decimal"),  # 1234 or 1.234? refused, never guessed
        ({"amount": "1,234.56"}, "amount", "plain decimal"),
        ({"amount": "-5.00"}, "amount", "plain decimal"),
        ({"amount": "12.345"}, "amount", "plain decimal"),
        ({"creditor_name": ""}, "creditor_name", "required"),
        ({"creditor_emails": ["not-an-address"]}, "creditor_email", "not an email address"),
    ],
)
def test_json_claim_field_refused_by_name(env: Env, tmp_path: Path, claim: dict, field: str, words: str) -> None:
    record = {"creditor_name": "Baz", "creditor_emails": ["x@baz.example"], "creditor_reference": "Z-1"} | claim
    good = {"file_number": "BÖ-2026-0200", "name": "A Good", "claims": [{"creditor_name": "Ok", "amount": "1.00"}]}
    path = tmp_path / "clients.json"
    path.write_text(json.dumps([good, {"file_number": "BÖ-2026-0207", "name": "C Test", "claims": [record]}]))
    message = _refused(env, path)
    assert f"clients.json record 2, claim 1, field {field}" in message and words in message


def test_every_problem_is_listed_and_missing_client_fields_named(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        HEADER
        + "BÖ-2026-0210,,1990-01-01,Bar GmbH,,b@bar.example,B-1,10.00,EURO,2,\n"
        + ",Otto,1990-01-01,Bar GmbH,,b@bar.example,B-1,10.00,EUR,2,\n"
    )
    message = _refused(env, path)
    assert "clients.csv line 2, field client_name: required" in message
    assert "clients.csv line 2, field currency" in message
    assert "clients.csv line 3, field file_number: required" in message


@pytest.mark.parametrize("amount", ["540", "540.5", "540.00", '"540,00"', '"1.234,56"', '"12.345.678,90"'])
def test_documented_amounts_are_accepted(sqlite_env: Env, tmp_path: Path, amount: str) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(HEADER + f"BÖ-2026-0201,Anna Test,1990-01-01,Foo GmbH,,a@foo.example,F-1,{amount},CHF,1,\n")
    clients.import_clients(sqlite_env.ctx, path=path)
    expected = Decimal(amount.strip('"').replace(".", "").replace(",", ".") if "," in amount else amount)
    with db.session_scope(sqlite_env.ctx.db_url) as s:
        assert s.scalar(select(Claim.amount)) == expected.quantize(Decimal("0.01"))


def _cli_import(env: Env, path: Path) -> subprocess.CompletedProcess[str]:
    """``creditctl clients import PATH`` as a process against ``env``'s database."""
    environ = {**os.environ, "CREDITCTL_DATABASE_URL": env.settings.database_url}
    return subprocess.run(
        [sys.executable, "-m", "creditctl", "clients", "import", str(path)],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )


def test_cli_exits_non_zero_naming_the_line(sqlite_env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(HEADER + "BÖ-2026-0206,Bert Test,1990-01-01,Bar GmbH,,b@bar.example,B-1,12,34,EUR,2,\n")
    done = _cli_import(sqlite_env, path)
    assert done.returncode != 0
    assert "clients.csv line 2: 12 fields" in done.stderr and "nothing imported" in done.stderr
    assert _counts(sqlite_env) == (0, 0)


@pytest.mark.parametrize("dob", ["1980-13-01", "1980-02-30", "2023-02-29"])
def test_an_impossible_date_of_birth_is_refused_with_line_and_field(sqlite_env: Env, tmp_path: Path, dob: str) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(HEADER + GOOD_ROW + f"BÖ-2026-0207,Cora Test,{dob},Bar GmbH,,b@bar.example,B-1,12.00,EUR,2,\n")
    message = _refused(sqlite_env, path)
    assert "clients.csv line 3" in message and "date_of_birth" in message and dob in message, message
    done = _cli_import(sqlite_env, path)
    assert done.returncode == 2, done.stderr
    assert "line 3" in done.stderr and "date_of_birth" in done.stderr
    assert _counts(sqlite_env) == (0, 0)


def test_rows_of_one_file_number_that_contradict_each_other_are_refused_naming_both(env: Env, tmp_path: Path) -> None:
    """The trial's file: "Jana Wolters" 1990-05-06 and "Jana Woltres" 1990-02-30 under one
    file number; the second row's impossible date was never checked and the file imported."""
    path = tmp_path / "clients.csv"
    path.write_text(
        HEADER
        + "AZ-2026-0301,Jana Wolters,1990-05-06,Foo GmbH,,a@foo.example,F-1,10.00,EUR,90004,\n"
        + "AZ-2026-0301,Jana Woltres,1990-02-30,Bar GmbH,,b@bar.example,B-1,20.00,EUR,90010,\n"
    )
    message = _refused(env, path)
    assert "clients.csv line 3, field date_of_birth: '1990-02-30' is not a real date" in message
    assert "clients.csv line 3, field client_name: file number 'AZ-2026-0301' has client_name 'Jana Woltres'" in message
    assert "'Jana Wolters' on line 2" in message
    assert "clients.csv line 3, field date_of_birth: file number 'AZ-2026-0301' has date_of_birth" in message


def test_rows_of_one_file_number_that_agree_are_one_client_with_both_claims(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        HEADER
        + "AZ-2026-0301,Jana Wolters,1990-05-06,Foo GmbH,,a@foo.example,F-1,10.00,EUR,90004,\n"
        + "AZ-2026-0301, Jana Wolters ,1990-05-06,Bar GmbH,,b@bar.example,B-1,20.00,EUR,90010,\n"
    )
    clients.import_clients(env.ctx, path=path)
    assert _counts(env) == (1, 2)


def test_a_wrong_field_count_does_not_hide_the_other_rows_problems(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        HEADER
        + GOOD_ROW
        + "BÖ-2026-0220,Otto Test,1990-01-01,Bar GmbH,,not-an-email,B-1,1.234,eur,2,\n"
        + "BÖ-2026-0221,Ute Test,1990-01-01,Baz GmbH,,c@baz.example,Z-1,12,34,EUR,3,\n"
    )
    message = _refused(env, path)
    assert "clients.csv line 4: 12 fields" in message
    assert "clients.csv line 3, field creditor_email: 'not-an-email'" in message
    assert "clients.csv line 3, field amount: amount '1.234'" in message
    assert "clients.csv line 3, field currency: currency 'eur'" in message
    assert message.index("line 3, field currency") < message.index("line 4: 12 fields"), "problems in file order"


def test_json_records_repeating_a_file_number_with_another_client_are_refused(env: Env, tmp_path: Path) -> None:
    claim = {"creditor_name": "Foo GmbH", "creditor_reference": "F-1", "amount": "10.00"}
    records = [
        {"file_number": "AZ-2026-0301", "name": "Jana Wolters", "date_of_birth": "1990-05-06", "claims": [claim]},
        {"file_number": "AZ-2026-0301", "name": "Jana Woltres", "date_of_birth": "1990-05-06", "claims": [claim]},
    ]
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(records))
    message = _refused(env, path)
    assert "clients.json record 2, field name: file number 'AZ-2026-0301' has name 'Jana Woltres'" in message
    assert "in clients.json record 1" in message


def test_a_row_with_a_wrong_field_count_still_gets_every_other_check(env: Env, tmp_path: Path) -> None:
    """The trial's file: the row with 12 fields was named for its count only; its
    impossible date, unknown currency and bad address were never reported."""
    path = tmp_path / "clients.csv"
    path.write_text(
        HEADER
        + GOOD_ROW
        + "BÖ-2026-0230,Ute Test,1990-02-30,Baz GmbH,,not-an-email,Z-1,12,34,EUX,3,\n"  # one field too many
        + "BÖ-2026-0231,Olaf Test,1990-01-01,Qux GmbH,,q@qux.example,Q-1,1.234\n"  # three too few
        + "BÖ-2026-0232,,1990-01-01,Bar GmbH,,b@bar.example,B-1,10.00,EURO,2,\n"
    )
    message = _refused(env, path)
    lines = message.split("\n  ")[1:]
    assert lines == [
        'clients.csv line 3: 12 fields, the header has 11 (a comma inside a value must be quoted, e.g. "12,34"); '
        "read with the unquoted comma in amount ('12,34'): quote it, e.g. \"12,34\"",
        "clients.csv line 3, field date_of_birth: '1990-02-30' is not a real date (no such day)",
        "clients.csv line 3, field creditor_email: 'not-an-email' is not an email address",
        "clients.csv line 3, field currency: currency 'EUX' is not an ISO 4217 code (three capitals, e.g. EUR)",
        'clients.csv line 4: 8 fields, the header has 11 (a comma inside a value must be quoted, e.g. "12,34"); '
        "the missing last 3 field(s) read as empty",
        "clients.csv line 4, field amount: amount '1.234' is not a plain decimal (write 1234.56, or quoted German \"1.234,56\")",
        "clients.csv line 5, field client_name: required, missing or empty",
        "clients.csv line 5, field currency: currency 'EURO' is not an ISO 4217 code (three capitals, e.g. EUR)",
    ], message


def test_an_unquoted_comma_in_a_name_is_read_there_and_the_rows_problems_reported(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(HEADER + "BÖ-2026-0233,Vera Test,1990-13-01,Müller, Schmidt GmbH,,m@ms.example,M-1,10.00,EUX,4,\n")
    lines = _refused(env, path).split("\n  ")[1:]
    assert lines[0].endswith(
        "read with the unquoted comma in creditor_name ('Müller, Schmidt GmbH'): quote it, e.g. \"Müller, Schmidt GmbH\""
    ), lines
    assert lines[1:] == [
        "clients.csv line 2, field date_of_birth: '1990-13-01' is not a real date (no such day)",
        "clients.csv line 2, field currency: currency 'EUX' is not an ISO 4217 code (three capitals, e.g. EUR)",
    ]


def test_a_shifted_row_is_read_where_the_comma_fits_and_checked_against_its_file_numbers_rows(
    env: Env, tmp_path: Path
) -> None:
    """The fresh operator's file: line 3 has an unquoted ``12,34`` and an empty
    creditor_name. It was read with the comma in creditor_name (``','``), its shifted
    reference checked as an address (``'amz-2'``, lowercased), and its name/birth-date
    mismatch with line 2 never reported."""
    path = tmp_path / "clients.csv"
    path.write_text(
        HEADER
        + "SB-2026-0106,Karl Huber,1965-13-01,Amazon EU,,a@amz.example,AMZ-1,10.00,EUR,1,\n"
        + "SB-2026-0106,Karl Hubr,1965-12-01,,,Not-An-Email,AMZ-2,12,34,EUR,2,\n"
    )
    lines = _refused(env, path).split("\n  ")[1:]
    assert lines[0] == "clients.csv line 2, field date_of_birth: '1965-13-01' is not a real date (no such day)"
    assert lines[1].endswith("read with the unquoted comma in amount ('12,34'): quote it, e.g. \"12,34\""), lines
    assert "clients.csv line 3, field creditor_name: required, missing or empty" in lines
    assert "clients.csv line 3, field creditor_email: 'Not-An-Email' is not an email address" in lines
    assert not any("'amz-2'" in line.lower() for line in lines), lines
    assert any(
        line.startswith("clients.csv line 3, field client_name: file number 'SB-2026-0106' has client_name 'Karl Hubr'")
        for line in lines
    ), lines
    assert any(line.startswith("clients.csv line 3, field date_of_birth: file number 'SB-2026-0106'") for line in lines)


def test_a_row_whose_extra_comma_fits_no_column_checks_only_the_fields_in_place(env: Env, tmp_path: Path) -> None:
    """An extra comma that fits no column (an empty field doubled): the line says the
    fields between cannot be told apart, and only the fields whose place is certain are
    checked — never a shifted value as the column it landed in."""
    path = tmp_path / "clients.csv"
    path.write_text(HEADER + "SB-2026-0107,Eva Test,1970-01-01,,,,,,,EUX,3,\n")
    lines = _refused(env, path).split("\n  ")[1:]
    assert "no column's value fits the extra comma" in lines[0] and "quote the value" in lines[0], lines
    assert lines[1:] == [
        "clients.csv line 2, field currency: currency 'EUX' is not an ISO 4217 code (three capitals, e.g. EUR)"
    ], lines


def test_a_json_record_reports_every_field_problem_of_client_and_claims(env: Env, tmp_path: Path) -> None:
    records = [
        {
            "file_number": "BÖ-2026-0240",
            "name": "Wim Test",
            "date_of_birth": "1990-02-30",
            "claims": [
                {"creditor_name": "Foo GmbH", "amount": "1.234", "currency": "EUX"},
                {"creditor_name": "", "amount": "10.00", "creditor_emails": ["nope"]},
            ],
        }
    ]
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(records))
    message = _refused(env, path)
    for expected in (
        "clients.json record 1, field date_of_birth: '1990-02-30' is not a real date",
        "clients.json record 1, claim 1, field amount: amount '1.234'",
        "clients.json record 1, claim 1, field currency: currency 'EUX'",
        "clients.json record 1, claim 2, field creditor_name: required",
        "clients.json record 1, claim 2, field creditor_email: 'nope'",
    ):
        assert expected in message, message


def test_cli_reports_a_misfit_rows_problems_and_exits_2(sqlite_env: Env, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(HEADER + "BÖ-2026-0206,Bert Test,1990-02-30,Bar GmbH,,b@bar.example,B-1,12,34,EUX,2,\n")
    done = _cli_import(sqlite_env, path)
    assert done.returncode == 2, done.stderr
    assert "line 2: 12 fields" in done.stderr and "'1990-02-30'" in done.stderr and "'EUX'" in done.stderr
    assert _counts(sqlite_env) == (0, 0)

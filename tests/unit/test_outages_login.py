"""A database that refuses the login (no such role, a wrong password) is not "unreachable":
the one-line advice says the login was refused (creditctl/outages.py)."""

import psycopg
import psycopg.errors
import pytest
from sqlalchemy.exc import OperationalError

from creditctl.outages import advice, classify

URL = "postgresql+psycopg://creditctl:secret@127.0.0.1:5432/creditctl"


def _advice(orig: BaseException) -> str:
    outage = classify(OperationalError("SELECT 1", {}, orig))
    assert outage is not None and outage.what == "database"
    return advice(outage, database_url=URL)


@pytest.mark.parametrize(
    "orig",
    [
        # libpq's words at connect time (psycopg gives no SQLSTATE there)
        psycopg.OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            'FATAL:  role "creditctl" does not exist'
        ),
        psycopg.OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            'FATAL:  password authentication failed for user "creditctl"'
        ),
        psycopg.errors.InvalidPassword("password authentication failed"),  # SQLSTATE 28P01
        psycopg.errors.InvalidAuthorizationSpecification("no such role"),  # SQLSTATE 28000
    ],
)
def test_a_refused_login_is_said_so(orig: BaseException) -> None:
    line = _advice(orig)
    assert line.startswith("the database refused the login (postgresql://127.0.0.1:5432/creditctl: "), line
    assert "unreachable" not in line and "secret" not in line


@pytest.mark.parametrize(
    "text",
    [
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused',
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
        'FATAL:  database "creditctl" does not exist',
    ],
)
def test_a_server_that_is_down_is_still_unreachable(text: str) -> None:
    assert _advice(psycopg.OperationalError(text)).startswith("the database is unreachable (")

"""A SQLite file that is not a database is an outage of the database, with SQLite advice."""

import sqlite3

from sqlalchemy.exc import DatabaseError

from creditctl.outages import Outage, advice, classify


def test_a_corrupt_sqlite_file_is_a_database_outage():
    exc = DatabaseError("SELECT 1", {}, sqlite3.DatabaseError("file is not a database"))
    found = classify(exc)
    assert found is not None and found.what == "database" and "file is not a database" in found.error


def test_sqlite_advice_names_the_file_not_a_server():
    line = advice(Outage("database", "DatabaseError: file is not a database"), database_url="sqlite:////srv/x.db")
    assert "SQLite file /srv/x.db" in line and "running" not in line
    line = advice(Outage("queue", "OperationalError: unable to open"), queue_url="/srv/queue.db")
    assert "SqliteHuey" in line and "Redis" not in line

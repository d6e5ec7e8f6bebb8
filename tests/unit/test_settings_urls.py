"""CREDITCTL_DATABASE_URL runs on psycopg 3: the old psycopg2 (and driverless) URLs are
still accepted and rewritten in settings; other URLs are left alone."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from creditctl.settings import load_settings, psycopg3_url


@pytest.mark.parametrize(
    ("given", "effective"),
    [
        ("postgresql+psycopg2://app:pw@db/creditctl", "postgresql+psycopg://app:pw@db/creditctl"),
        ("postgresql://app:pw@db:5432/creditctl", "postgresql+psycopg://app:pw@db:5432/creditctl"),
        ("postgres://app@db/creditctl", "postgresql+psycopg://app@db/creditctl"),
        ("postgresql+psycopg://app:pw@db/creditctl", "postgresql+psycopg://app:pw@db/creditctl"),
        ("sqlite:////var/lib/creditctl.db", "sqlite:////var/lib/creditctl.db"),
    ],
)
def test_database_url_is_rewritten_to_psycopg3(tmp_path, given, effective):
    assert psycopg3_url(given) == effective
    settings = load_settings(home=tmp_path, database_url=given)
    assert settings.effective_database_url == effective


def test_the_psycopg_driver_is_what_sqlalchemy_loads():
    dialect = make_url(psycopg3_url("postgresql+psycopg2://app@db/x")).get_dialect()
    assert dialect.driver == "psycopg"
    import psycopg  # the declared dependency

    assert psycopg.__version__.startswith("3.")

"""A real PostgreSQL that refuses the login (a role that does not exist): ``db upgrade``
says the login was refused, not that the database is unreachable (creditctl/outages.py).

    bash scripts/test tests/integration/test_pg_login_refused.py -q -p no:cacheprovider
"""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy.engine import make_url

from tests import realservices


def test_db_upgrade_with_a_missing_role_says_the_login_was_refused(tmp_path) -> None:
    url = realservices.require_pg()
    wrong = make_url(url).set(username="no_such_role_fixdesk").render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update({"CREDITCTL_HOME": str(tmp_path), "CREDITCTL_DATABASE_URL": wrong, "COLUMNS": "80"})
    done = subprocess.run(
        [sys.executable, "-m", "creditctl", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "the database refused the login (" in done.stderr, done.stderr
    assert 'role "no_such_role_fixdesk" does not exist' in done.stderr and "unreachable" not in done.stderr

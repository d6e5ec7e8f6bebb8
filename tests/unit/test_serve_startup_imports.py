"""`serve` with PostgreSQL down printed "serving anyway" but its port answered only ~6 s
later: building the web app imported the desk's review service, and with it the whole
reading pipeline (thousands of compiled patterns). The app is built without it, so the
port answers once the web layer is loaded; the desk's services are warmed in a thread
once it serves (``web._warm_desk``), and imported by the first desk request otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from creditctl.services.context import AppContext
from creditctl.settings import load_settings
from creditctl.web import create_app
home = sys.argv[1]
ctx = AppContext(settings=load_settings(home=home, database_url="postgresql+psycopg://u:p@127.0.0.1:1/db"))
app = create_app(ctx, insecure_dev=True)
heavy = [m for m in ("creditctl.services.review", "creditctl.pipeline.reply_wording",
                     "creditctl.pipeline.extraction.reply_kind", "creditctl.services.users") if m in sys.modules]
from creditctl.desk import routes
warm = list(routes.WARM_MODULES)
print(json.dumps({"heavy": heavy, "warm": warm}))
"""


def test_building_the_web_app_leaves_the_reading_pipeline_unloaded(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")},
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "CREDITCTL_LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["heavy"] == [], found
    assert "creditctl.services.review" in found["warm"]


def test_the_lazy_desk_services_are_the_real_modules_at_first_use() -> None:
    from creditctl.desk import routes
    from creditctl.services import review

    assert routes.review.approve is review.approve
    assert routes.users.desk_secret.__module__ == "creditctl.services.users"

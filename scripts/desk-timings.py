"""Rough review-desk timings on the demo's emails (SQLite, in-process test client): sign-in
(argon2 verify + session row) and the median of 20 renders of four pages.

Run: python scripts/desk-timings.py   (prints; asserts nothing but 200 answers)
"""

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from litestar.testing import TestClient

from creditctl.services import intake, users
from creditctl.web import create_app
from tests.helpers import DATA, drain, import_sample_clients, make_env, signed_headers

env = make_env(Path(tempfile.mkdtemp()), "sqlite")
import_sample_clients(env)
for p in sorted((DATA / "sample_emails").glob("*.json")):
    b = p.read_bytes()
    intake.receive_webhook(env.ctx, raw_body=b, headers=signed_headers(b), verify_signature=True)
drain(env.runtime)
users.add_user(env.ctx, name="anna", password="anna-password-2026", role="admin")
with TestClient(create_app(env.ctx)) as c:
    tok = re.search(r'name="_csrf_token" value="([^"]+)"', c.get("/desk/login").text).group(1)
    t = time.perf_counter()
    c.post("/desk/login", data={"username": "anna", "password": "anna-password-2026", "_csrf_token": tok})
    print(f"sign-in (argon2 verify + session): {(time.perf_counter() - t) * 1000:.0f} ms")
    for path in ["/desk/review", "/desk/review/5", "/desk/ops", "/desk/ops/events"]:
        c.get(path)
        xs = []
        for _ in range(20):
            t = time.perf_counter()
            r = c.get(path)
            xs.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
        print(f"GET {path}: median {statistics.median(xs):.1f} ms over 20")

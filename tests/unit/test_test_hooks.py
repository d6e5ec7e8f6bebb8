"""The test-only pause hook is read once per process into ``ctx.after_parse`` and is
None — nothing on the worker's hot path — unless CREDITCTL_TEST_PAUSE_AFTER_PARSE holds
a positive number of seconds."""

from __future__ import annotations

from creditctl.services.processing import PAUSE_AFTER_PARSE_ENV, pause_after_parse_hook
from creditctl.settings import load_settings
from creditctl.tasks import build_runtime


def test_the_hook_is_off_unless_set_to_positive_seconds():
    for value in (None, "", "0", "-1", "soon"):
        assert pause_after_parse_hook({} if value is None else {PAUSE_AFTER_PARSE_ENV: value}) is None
    assert callable(pause_after_parse_hook({PAUSE_AFTER_PARSE_ENV: "0.01"}))


def test_a_runtime_carries_no_hook_in_production(tmp_path, monkeypatch):
    monkeypatch.delenv(PAUSE_AFTER_PARSE_ENV, raising=False)
    settings = load_settings(home=tmp_path, database_url=f"sqlite:///{tmp_path}/x.db", queue_url="memory://")
    assert build_runtime(settings, adapters=False).ctx.after_parse is None
    monkeypatch.setenv(PAUSE_AFTER_PARSE_ENV, "0.01")
    assert build_runtime(settings, adapters=False).ctx.after_parse is not None

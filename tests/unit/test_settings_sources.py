"""``creditctl.settings`` reads the environment and ``.env`` without pydantic-settings
(docs/worker-performance.md, "Round 7 — status and webhook"); held here to pydantic-settings
itself: a ``BaseSettings`` model with the same fields and the configuration ``Settings`` had
(prefix ``CREDITCTL_``, ``.env``, extra ignored, defaults validated) must read the same
values from the same environment and file, and refuse the same invalid ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError, create_model
from pydantic_settings import BaseSettings, SettingsConfigDict

from creditctl.settings import ENV_PREFIX, Settings, environment_values, load_settings

REPO = Path(__file__).resolve().parents[2]


class _Reference(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CREDITCTL_", env_file=".env", extra="ignore", validate_default=True)


# the same fields (annotation, default, constraints), none of Settings' validators: what
# pydantic-settings hands to validation, validated as a field alone
Reference: Any = create_model(  # type: ignore[call-overload]
    "Reference",
    __base__=_Reference,
    **{name: (field.annotation, field) for name, field in Settings.model_fields.items()},
)


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for key in list(os.environ):
        if key.lower().startswith(ENV_PREFIX.lower()):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def _both(**overrides: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(Settings, the reference run through Settings' validators), each as a dict."""
    ours = Settings(**overrides).model_dump()
    theirs = Settings.model_validate(Reference(**overrides).model_dump()).model_dump()
    return ours, theirs


CASES: dict[str, tuple[dict[str, str], str, dict[str, Any]]] = {
    "nothing set": ({}, "", {"log_level": "INFO", "api_token": None}),
    "every kind of field from the environment": (
        {
            "CREDITCTL_LEASE_SECONDS": "3.5",
            "CREDITCTL_MAX_RETRIES": "7",
            "CREDITCTL_LOG_REDACT": "false",
            "CREDITCTL_ASYNC_INTAKE": "0",
            "CREDITCTL_HUEY_IMMEDIATE": "yes",
            "CREDITCTL_EXTRACTOR": "rules",
            "CREDITCTL_API_TOKEN": "t0ken",
            "CREDITCTL_ZENDESK_SUBDOMAIN": "",
            "CREDITCTL_MONGODB_URL": "",
            "CREDITCTL_HOME": "/srv/creditctl",
            "CREDITCTL_DATABASE_URL": "postgresql://app:pw@db/creditctl",
            "CREDITCTL_DESK_LOCALE": "en-GB",
            "CREDITCTL_MATCH_MARGIN": "0.25",
        },
        "",
        {
            "lease_seconds": 3.5,
            "max_retries": 7,
            "log_redact": False,
            "async_intake": False,
            "huey_immediate": True,
            "zendesk_subdomain": "",
            "home": Path("/srv/creditctl"),
            "database_url": "postgresql+psycopg://app:pw@db/creditctl",
            "desk_locale": "en_GB",
        },
    ),
    "names in any case; the last of two spellings wins": (
        {
            "creditctl_log_level": "DEBUG",
            "Creditctl_Home": "/x",
            "CREDITCTL_MAIL_FROM": "a@b",
            "creditctl_mail_from": "c@d",
        },
        "",
        {"log_level": "DEBUG", "home": Path("/x"), "mail_from": "c@d"},
    ),
    "the .env file, the environment winning over it": (
        {"CREDITCTL_LOG_LEVEL": "WARNING", "OTHER": "x"},
        "# comment\n"
        "CREDITCTL_LOG_LEVEL=DEBUG\n"
        "export CREDITCTL_CLAUDE_MODEL='claude-sonnet-4-5'\n"
        'creditctl_smtp_url="smtp://u:p@mail:25"\n'
        "CREDITCTL_ALERT_EMAIL_TO=ops@example.org # trailing comment\n"
        "CREDITCTL_NOTIFY_EMAIL_TO=${OTHER}-team@example.org\n"
        "CREDITCTL_ZENDESK_EMAIL\n"
        "CREDITCTL_MAIL_FROM\n"
        "CREDITCTL_ZENDESK_SUBDOMAIN=\n"
        "CREDITCTL_NOT_A_SETTING=1\n"
        "ANTHROPIC_API_KEY=sk-test\n"
        "CREDITCTL_TOKEN_BUDGET=4000\n",
        {
            "log_level": "WARNING",
            "claude_model": "claude-sonnet-4-5",
            "alert_email_to": "ops@example.org",
            "notify_email_to": "x-team@example.org",
            "zendesk_email": None,
            "mail_from": "creditctl@localhost",  # a name without "=" sets nothing
            "zendesk_subdomain": "",
            "token_budget": 4000,
        },
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_reads_what_pydantic_settings_reads(clean_env, tmp_path, case):
    env, dotenv, expected = CASES[case]
    for key, value in env.items():
        clean_env.setenv(key, value)
    if dotenv:
        (tmp_path / ".env").write_text(dotenv, encoding="utf-8")
    ours, theirs = _both()
    assert ours == theirs
    assert {name: ours[name] for name in expected} == expected  # the inputs were read at all


def test_keyword_arguments_win(clean_env, tmp_path):
    clean_env.setenv("CREDITCTL_LOG_LEVEL", "DEBUG")
    (tmp_path / ".env").write_text("CREDITCTL_MAX_RETRIES=9\n", encoding="utf-8")
    ours, theirs = _both(log_level="ERROR", max_retries=2, home=tmp_path)
    assert ours == theirs
    assert (ours["log_level"], ours["max_retries"], ours["home"]) == ("ERROR", 2, tmp_path)


def test_a_directory_named_env_is_not_read(clean_env, tmp_path):
    (tmp_path / ".env").mkdir()
    ours, theirs = _both()
    assert ours == theirs


@pytest.mark.parametrize(
    "env",
    [
        {"CREDITCTL_CLAUDE_MAX_TOKENS": "many"},
        {"CREDITCTL_EXTRACTOR": "gpt", "CREDITCTL_LEASE_SECONDS": "-1"},
        {"CREDITCTL_LOG_REDACT": "perhaps"},
    ],
)
def test_refuses_what_pydantic_settings_refuses(clean_env, env):
    for key, value in env.items():
        clean_env.setenv(key, value)
    with pytest.raises(ValidationError) as ours:
        Settings()
    with pytest.raises(ValidationError) as theirs:
        Reference()
    assert [(e["loc"], e["type"]) for e in ours.value.errors()] == [
        (e["loc"], e["type"]) for e in theirs.value.errors()
    ]
    with pytest.raises(Exception, match="CREDITCTL_"):
        load_settings()


def test_environment_values_names_fields():
    found = environment_values({"CREDITCTL_HOME": "/h", "creditctl_log_level": "INFO", "PATH": "/bin"}, "/nonexistent")
    assert found == {"home": "/h", "log_level": "INFO"}


def test_a_command_without_env_file_imports_neither_pydantic_settings_nor_dotenv(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_")}
    env.update(
        CREDITCTL_HOME=str(tmp_path),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    script = (
        "import sys\n"
        "from creditctl.settings import get_settings\n"
        "assert get_settings().home.name\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic_settings', 'dotenv')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    (tmp_path / ".env").write_text("CREDITCTL_LOG_LEVEL=DEBUG\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert "'dotenv'" in done.stdout  # with a file, python-dotenv parses it


def test_the_operator_name_is_a_setting_read_from_the_environment_or_env_file(clean_env, tmp_path) -> None:
    """``CREDITCTL_OPERATOR`` in ``.env`` was ignored (only ``os.environ`` was read): it is
    a setting, read like every other — the environment, else ``.env`` — and listed by
    ``config``."""
    from creditctl.settings import operator_setting

    assert operator_setting() == ""
    (tmp_path / ".env").write_text("CREDITCTL_OPERATOR=  nc17\n", encoding="utf8")
    assert operator_setting() == "nc17"
    assert Settings().operator == "nc17"
    assert "CREDITCTL_OPERATOR" in Settings().masked()
    clean_env.setenv("creditctl_operator", "Bernd   Maier")  # any case, the environment wins
    assert operator_setting() == "Bernd Maier"
    clean_env.setenv("creditctl_operator", "  ")
    assert operator_setting() == ""  # blank: not given

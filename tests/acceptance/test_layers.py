"""Layering that a change can break without anything else saying so: `creditctl status
--json` imports no SDK (the base layer and the pipeline import none; the adapters own
them) and nothing it does not use (its start-up, docs/scaling.md), and no base or
pipeline module imports an SDK."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SDKS = {"anthropic", "pymongo", "redis", "pytesseract", "bson"}


def test_status_json_imports_neither_anthropic_nor_pymongo(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") and k != "ANTHROPIC_API_KEY"}
    env.update(
        CREDITCTL_HOME=str(tmp_path),
        CREDITCTL_LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    # once to migrate the fresh home (that first use loads Alembic and the models), then measured
    first = subprocess.run(
        [sys.executable, "-m", "creditctl", "status", "--json"], env=env, cwd=tmp_path, capture_output=True, timeout=120
    )
    assert first.returncode == 0, first.stderr[-2000:]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "creditctl", "status", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"total": 0' in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert imported, "no -X importtime output"
    assert "creditctl.services.overview" in imported  # the check sees the command's real imports
    assert not {m for m in imported if m.split(".")[0] in ("anthropic", "pymongo")}
    # the overview and the schema check read plain SQL on a DBAPI connection, the queue depth
    # without Huey / redis-py; the console script loads only the status command's module;
    # Rich and structlog load when something prints a table or logs
    # (docs/measurements/status-importtime.txt, rounds 2 and 3); the settings are read without
    # pydantic-settings, python-dotenv only with a .env file, click not at all: typer runs on its
    # own copy (docs/worker-performance.md, round 7)
    heavy = {"creditctl.models", "creditctl.tasks", "creditctl.render", "creditctl.cli.admin", "creditctl.cli.review"}
    light = (
        "huey",
        "redis",
        "alembic",
        "sqlalchemy",
        "rich",
        "structlog",
        "dateparser",
        "pydantic_settings",
        "dotenv",
        "click",
    )
    assert not {m for m in imported if m in heavy or m.split(".")[0] in light}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_base_or_pipeline_module_imports_an_sdk():
    base = [REPO / "creditctl" / name for name in ("retry.py", "exceptions.py", "settings.py", "models.py", "db.py")]
    modules = base + sorted((REPO / "creditctl" / "pipeline").rglob("*.py"))
    offenders = {str(p.relative_to(REPO)): sorted(_imports(p) & SDKS) for p in modules if _imports(p) & SDKS}
    assert offenders == {}

"""Every direct import of the package is a declared dependency in pyproject.toml, and
the declared PostgreSQL driver is psycopg 3 (psycopg2 is gone)."""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_norm(re.split(r"[\[<>=!~;\s]", dep, maxsplit=1)[0]) for dep in project["dependencies"]}


def _imported_top_levels() -> set[str]:
    found: set[str] = set()
    for path in [*(REPO / "creditctl").rglob("*.py"), REPO / "huey_config.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("creditctl", "__future__")}


def test_every_direct_import_is_declared():
    distributions = md.packages_distributions()
    declared = _declared()
    missing = {}
    for module in sorted(_imported_top_levels()):
        owners = {_norm(d) for d in distributions.get(module, [])}
        assert owners, f"{module} is imported but not installed"
        if not owners & declared:
            missing[module] = sorted(owners)
    assert missing == {}, f"imported but not declared in pyproject.toml: {missing}"


def test_postgresql_runs_on_psycopg3():
    declared = _declared()
    assert "psycopg" in declared and "psycopg2-binary" not in declared and "psycopg2" not in declared

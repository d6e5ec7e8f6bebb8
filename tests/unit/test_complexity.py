"""Size limits where domain changes land: no function in ``creditctl/pipeline`` is longer
than 60 lines or above radon's cyclomatic complexity 15 (the extraction and matching
heuristics are small, table-driven pieces). ``scripts/complexity`` prints the figures for
the whole package."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Function

PIPELINE = Path(__file__).resolve().parents[2] / "creditctl" / "pipeline"
MAX_LINES = 60
MAX_COMPLEXITY = 15


def _long_functions(source: str) -> list[tuple[str, int]]:
    """(name, lines) of every function or method (nested ones too) over ``MAX_LINES``."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_LINES:
                out.append((node.name, lines))
    return out


def _functions(blocks: list) -> Iterator[Function]:
    for block in blocks:
        if isinstance(block, Function):
            yield block
            yield from _functions(block.closures)


def _complex_functions(source: str) -> list[tuple[str, int]]:
    """(name, complexity) of every function, method or closure above ``MAX_COMPLEXITY``."""
    return [(f.fullname, f.complexity) for f in _functions(cc_visit(source)) if f.complexity > MAX_COMPLEXITY]


def _modules() -> list[Path]:
    return sorted(PIPELINE.rglob("*.py"))


def test_the_pipeline_has_modules():
    assert len(_modules()) > 20


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PIPELINE)))
def test_no_pipeline_function_is_over_the_limits(path: Path):
    source = path.read_text(encoding="utf-8")
    assert _long_functions(source) == [], f"functions over {MAX_LINES} lines"
    assert _complex_functions(source) == [], f"functions above complexity {MAX_COMPLEXITY}"


def test_the_checks_see_a_long_and_a_complex_function():
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(MAX_COMPLEXITY))
    source = f"def branchy(x):\n{branches}    return -1\n"
    assert _complex_functions(source) == [("branchy", MAX_COMPLEXITY + 1)]
    assert _long_functions(source) == []
    long_source = "class K:\n    def long(self):\n" + "        x = 1\n" * MAX_LINES
    assert _long_functions(long_source) == [("long", MAX_LINES + 1)]
    nested = (
        "def outer():\n    def inner(x):\n"
        + "".join(f"        if x == {i}:\n            return {i}\n" for i in range(MAX_COMPLEXITY))
        + "    return inner\n"
    )
    assert ("inner", MAX_COMPLEXITY + 1) in _complex_functions(nested)

"""`creditctl eval DIR` named no case per field below 100 % (only `--json` did): under each such
field it names the cases that missed it, bounded, as it lists the held ones."""

from __future__ import annotations

from typing import Any

from creditctl.cli.evaluate import MISSED_SHOWN, missed_lines


def item(case: str, hit: bool | None, expected: Any = "498.20", got: Any = None) -> dict[str, Any]:
    return {"suite": "s", "id": case, "fields": {"total": {"hit": hit, "expected": expected, "got": got}}}


def test_the_missed_cases_are_named_with_what_was_expected_and_got() -> None:
    items = [item("a", True, got="498.20"), item("b", False, got="500.00"), item("c", None)]
    assert missed_lines(items, "total") == ["      missed s/b: expected '498.20', got '500.00'"]
    assert missed_lines(items, "currency") == []  # a field not scored for a case is no miss


def test_the_list_is_bounded_and_counts_the_rest() -> None:
    items = [item(f"c{i}", False) for i in range(MISSED_SHOWN + 3)]
    lines = missed_lines(items, "total")
    assert len(lines) == MISSED_SHOWN + 1
    assert lines[-1] == "      … and 3 more (`--json`: every case)"
    assert missed_lines([item("x", True)], "total") == []


def test_eval_prints_them_under_the_field(monkeypatch: Any, capsys: Any) -> None:
    from creditctl.cli import evaluate

    block = {
        "suite": "s",
        "cases": 2,
        "fields": {"total": {"accuracy": 0.5, "hits": 1, "cases": 2}},
        "outcome_cases": 0,
        "errors": [],
        "held": [],
        "items": [item("a", True, got="498.20"), item("b", False, got="[x]")],
    }
    evaluate._render({"extractor": "rules", "suites": [block], "directory": None})
    text = capsys.readouterr().out
    assert text.index("total") < text.index("missed s/b: expected '498.20', got '[x]'"), text

"""The rules extractor meets its targets on the labelled set (tests/data/labelled).

Targets: is_creditor_reply >= 95 %, total amount exact >= 90 %, references >= 90 %,
wrong amounts auto-applied: 0. The scoring lives in bench/extraction.py only; this test
runs it as a process (``--json``) and reads its report, so the bench and this test
measure the same thing without importing each other.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from creditctl.pipeline.extraction.model import ReplyKind

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "data" / "labelled"


def bench_score(cases_dir: Path = LABELLED) -> dict:
    """``python bench/extraction.py --json --cases-dir DIR``, parsed."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extraction.py"), "--json", "--cases-dir", str(cases_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


REQUIRED_EXPECTED = {
    "is_creditor_reply",
    "reply_kind",
    "creditor_name",
    "client_name",
    "client_file_number",
    "creditor_references",
    "total",
    "currency",
}


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(LABELLED.glob("*.json"))]


@pytest.fixture(scope="module")
def score() -> dict:
    return bench_score()


def test_the_set_is_large_and_varied(cases) -> None:
    assert len(cases) >= 60
    assert len({c["id"] for c in cases}) == len(cases)
    kinds = {c["expected"]["reply_kind"] for c in cases}
    assert kinds == {k.value for k in ReplyKind}
    assert sum("body_html" in c for c in cases) >= 10
    assert sum(not c["expected"]["is_creditor_reply"] for c in cases) >= 10
    assert sum(c["expected"]["currency"] not in (None, "EUR") for c in cases) >= 5
    for c in cases:
        assert REQUIRED_EXPECTED <= set(c["expected"]), c["id"]
        assert ("body_text" in c) != ("body_html" in c), c["id"]
        json.dumps(c)  # stays plain JSON


def test_no_wrong_amount_would_be_auto_applied(score) -> None:
    assert score["wrong_auto_applied"] == []
    assert score["auto_applied"] >= 10  # the check is not vacuous: clean claims do get applied


@pytest.mark.parametrize(("field", "target"), [("is_creditor_reply", 0.95), ("total", 0.90), ("references", 0.90)])
def test_accuracy_targets(score, field: str, target: float) -> None:
    misses = [m for m in score["misses"] if m[1] == field]
    assert score["accuracy"][field] >= target, misses


def _write(directory: Path, cases: list[dict]) -> Path:
    directory.mkdir()
    for case in cases:
        (directory / f"{case['id']}.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    return directory


def test_the_scoring_detects_a_wrong_total(cases, tmp_path) -> None:
    from decimal import Decimal

    case = next(c for c in cases if c["expected"]["total"] and c["expected"]["is_creditor_reply"])
    wrong = dict(case, expected=dict(case["expected"], total=str(Decimal(case["expected"]["total"]) + 1)))
    right = bench_score(_write(tmp_path / "right", [case]))
    assert right["hits"]["total"] == 1
    assert bench_score(_write(tmp_path / "wrong", [wrong]))["hits"]["total"] == 0


def test_original_creditor_is_scored_where_labelled(cases, score, tmp_path) -> None:
    labelled = [c for c in cases if "original_creditor" in c["expected"]]
    assert score["original_cases"] == len(labelled) >= 5
    assert score["original_hits"] == score["original_cases"], [
        m for m in score["misses"] if m[1] == "original_creditor"
    ]
    case = labelled[0]
    wrong_case = dict(case, expected=dict(case["expected"], original_creditor="Somebody Else GmbH"))
    assert bench_score(_write(tmp_path / "wrong", [wrong_case]))["original_hits"] == 0

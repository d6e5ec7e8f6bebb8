"""The second readings read while the extractor's request is in flight (``reading.readings_ahead``,
``processing._read_ahead``; docs/worker-performance.md, "Round 12") against the code before: over
every labelled and tuning case, the readings the safety layer gets — for a Claude answer and for
the rules extractor's own reading — are the ones the previous ``second_readings`` read (copied
here), and the decision (``decide.judge``) is the same with and without them."""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.safety import Reading
from creditctl.services import decide, processing, reading
from creditctl.services.context import AppContext
from creditctl.services.evaluation import case_row
from creditctl.settings import Settings
from tests.case_texts import ALL_SUITES, DATA

SETTINGS = Settings()


def _plain_second_readings(
    settings: Settings, row: dict[str, Any], parsed: dict[str, Any], result: ExtractionResult
) -> list[Reading]:
    """``reading.second_readings`` as it was before the read-ahead (round 11), copied."""
    from creditctl.pipeline.cleaning import parse_parts
    from creditctl.pipeline.safety import join_inline_html, normalise

    rules = RulesExtractor()
    readings = [Reading(f"primary ({result.extractor})", reading._settled_total(result))]
    totals: dict[tuple[Any, ...], Any] = {}
    if result.extractor == "rules":
        totals[reading._reading_key(parsed)] = reading._settled_total(result)

    def read_doc(doc: dict[str, Any]) -> Any:
        key = reading._reading_key(doc)
        if key not in totals:
            doc = {**doc, "attachment_texts": parsed.get("attachment_texts") or []}
            totals[key] = reading._settled_total(rules.extract_total(reading.extraction_input(row, doc)))
        return totals[key]

    def read(html: str | None, text: str | None) -> Any:
        parts, language = parse_parts(html, text, row.get("headers") or {}, sender=row.get("from_email") or "")
        return read_doc(
            {"reply": parts.reply, "quoted": parts.quoted, "signature": parts.signature, "language": language}
        )

    html, text = row.get("body_html") or "", row.get("body_text") or ""
    if result.extractor != "rules":
        readings.append(Reading("rules_second_opinion", read_doc(parsed)))
    if html.strip() and text.strip():
        readings.append(Reading("body_text", read(None, text)))
        readings.append(Reading("body_html", read(html, None)))
    if html.strip():
        joined = join_inline_html(html)
        if joined != html:
            readings.append(Reading("html_inline_joined", read(joined, None)))
    elif text.strip():
        normal = normalise(text)
        if normal != text:
            readings.append(Reading("text_nfkc", read(None, normal)))
    return readings


def _case_rows() -> list[dict[str, Any]]:
    rows = []
    for suite in ALL_SUITES:
        for path in sorted((DATA / suite).rglob("*.json")):
            if path.name != "records.json":
                rows.append(case_row(json.loads(path.read_text(encoding="utf-8"))))
    return rows


def _as_claude(result: ExtractionResult) -> ExtractionResult:
    """The rules extractor's reading, as if Claude had answered it (what the primary reading is
    does not change which second readings are read, only whether the rules one is among them)."""
    return result.model_copy(update={"extractor": "claude"})


def test_every_case_reads_the_same_second_readings_ahead_and_as_before() -> None:
    rows = _case_rows()
    assert len(rows) > 2000  # the labelled set and every tuning suite
    kinds: set[str] = set()
    for row in rows:
        parsed = reading.clean_values(SETTINGS, row)
        rules_result = RulesExtractor().extract(reading.extraction_input(row, parsed))
        claude_result = _as_claude(rules_result)
        ahead = reading.readings_ahead(SETTINGS, row, parsed)
        before_claude = _plain_second_readings(SETTINGS, row, parsed, claude_result)
        assert reading.second_readings(SETTINGS, row, parsed, claude_result, ahead=ahead) == before_claude
        # the rules extractor's own reading is the primary one: the read-ahead is not used for it
        # (and without it, ``second_readings`` reads what ``readings_ahead`` reads: one function)
        before_rules = _plain_second_readings(SETTINGS, row, parsed, rules_result)
        assert reading.second_readings(SETTINGS, row, parsed, rules_result, ahead=ahead) == before_rules
        kinds.update(r.source for r in ahead)
    # every kind of rendering occurs among the cases (the comparison covered each branch)
    assert kinds >= {"rules_second_opinion", "body_text", "body_html", "html_inline_joined", "text_nfkc"}


def test_the_decision_with_the_readings_ahead_is_the_decision_without() -> None:
    """``decide.judge`` of a Claude answer gives the same match and verdict with the readings read
    ahead as without, over the cases whose readings disagree or hold (where they decide) and the
    first of every suite."""
    ctx = AppContext(settings=SETTINGS)
    checked = 0
    for row in _case_rows()[::20]:
        parsed = reading.clean_values(SETTINGS, row)
        result = _as_claude(RulesExtractor().extract(reading.extraction_input(row, parsed)))
        ahead = reading.readings_ahead(SETTINGS, row, parsed)
        assert decide.judge(ctx, row, result, [], [], parsed, ahead=ahead) == decide.judge(
            ctx, row, result, [], [], parsed
        )
        checked += 1
    assert checked > 100


def test_a_wrong_read_ahead_would_change_the_readings() -> None:
    """The comparison above can fail: readings ahead that differ are what the safety layer gets."""
    row = case_row(
        {"body_text": "Die Forderung beträgt 1.234,56 EUR.", "body_html": "<p>Die Forderung beträgt 1.234,56 EUR.</p>"}
    )
    parsed = reading.clean_values(SETTINGS, row)
    result = _as_claude(RulesExtractor().extract(reading.extraction_input(row, parsed)))
    wrong = [Reading("rules_second_opinion", Decimal("1.00"))]
    assert reading.second_readings(SETTINGS, row, parsed, result, ahead=wrong) != _plain_second_readings(
        SETTINGS, row, parsed, result
    )


def test_read_ahead_runs_on_its_own_threads_and_its_failure_is_left_to_the_decision(monkeypatch: Any) -> None:
    ctx = AppContext(settings=SETTINGS)
    row = case_row({"body_text": "Saldo 12,00 EUR"})
    parsed = reading.clean_values(SETTINGS, row)
    future = processing._read_ahead(ctx, row, parsed)
    assert processing._ahead_readings(future) == reading.readings_ahead(SETTINGS, row, parsed)
    assert processing._ahead_readings(None) is None

    seen: list[str] = []

    def boom(*_: Any) -> list[Reading]:
        seen.append(threading.current_thread().name)
        raise ValueError("unreadable")

    monkeypatch.setattr(reading, "readings_ahead", boom)
    # None: the decision reads them itself (second_readings without ``ahead``) and raises there
    assert processing._ahead_readings(processing._read_ahead(ctx, row, parsed)) is None
    assert seen and seen[0].startswith("read-ahead")


def test_a_forked_worker_builds_its_own_read_ahead_threads(monkeypatch: Any) -> None:
    ctx = AppContext(settings=SETTINGS)
    row = case_row({"body_text": "Saldo 12,00 EUR"})
    parsed = reading.clean_values(SETTINGS, row)
    processing._ahead_readings(processing._read_ahead(ctx, row, parsed))
    first = processing._read_ahead_pool
    assert first is not None
    monkeypatch.setattr(processing.os, "getpid", lambda: first[0] + 1)  # as in a forked child
    processing._ahead_readings(processing._read_ahead(ctx, row, parsed))
    second = processing._read_ahead_pool
    assert second is not None and second[1] is not first[1]
    monkeypatch.setattr(processing, "_read_ahead_pool", first)
    second[1].shutdown()


@pytest.mark.parametrize("extractor", ["rules", "claude"])
def test_only_an_answer_not_read_by_the_rules_extractor_uses_the_readings_ahead(extractor: str) -> None:
    row = case_row({"body_text": "Saldo 12,00 EUR", "body_html": "<p>Saldo <b>12,00</b> EUR</p>"})
    parsed = reading.clean_values(SETTINGS, row)
    result = RulesExtractor().extract(reading.extraction_input(row, parsed)).model_copy(update={"extractor": extractor})
    marker = [Reading("marker", None)]
    got = reading.second_readings(SETTINGS, row, parsed, result, ahead=marker)
    assert (got[1:] == marker) is (extractor != "rules")

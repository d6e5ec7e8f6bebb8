"""Accuracy of the rules extractor on the labelled set (tests/data/labelled/*.json).

Run by hand: ``python bench/extraction.py`` (add ``-v`` to list every miss, ``-k TEXT``
to score only the cases whose id starts with TEXT, e.g. ``-k new_``; ``--cases-dir DIR``
for another set; ``--json`` prints the score as JSON and ``--requests`` the rendered
Claude requests — the tests run this file as a process and read those). Prints
per-field accuracy (is_creditor_reply, reply_kind, creditor, client, references,
total amount, currency; original_creditor over the cases that label it) and the
count of wrong amounts that would have been
auto-applied: ``auto_applied`` asks the product's gate (``pipeline.gate.decide`` with
the safety layer's checks), assuming an automatic match to one claim.

Each case is built into an ``ExtractionInput`` by the production cleaner
(``creditctl.pipeline.cleaning.parse_email``) when it imports, else by a small
fallback that splits the quote at the first "Am … schrieb" / "On … wrote" /
"-----Original" / "Von:" line (the fallback lives here, in the test helper, only).
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from creditctl.pipeline.extraction.evidence import evidence_sources, verify_evidence  # noqa: E402
from creditctl.pipeline.extraction.model import AttachmentText, ExtractionInput, ExtractionResult  # noqa: E402
from creditctl.pipeline.extraction.references import normalise_reference  # noqa: E402
from creditctl.pipeline.extraction.rules import RulesExtractor  # noqa: E402

LABELLED_DIR = ROOT / "tests" / "data" / "labelled"
FIELDS = ("is_creditor_reply", "reply_kind", "creditor", "client", "references", "total", "currency")

_QUOTE_START = re.compile(
    r"^\s*(?:Am .+schrieb.*:?|On .+wrote:?|-{3,}\s*(?:Original|Ursprüngliche)[^\n]*|Von:\s.+|From:\s.+)\s*$", re.M
)


def load_cases(directory: Path = LABELLED_DIR) -> list[dict[str, Any]]:
    """Every labelled case (a dict as stored), sorted by file name."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]


def _fallback_split(case: dict[str, Any]) -> tuple[str, str]:
    text = case.get("body_text") or ""
    if not text and case.get("body_html"):
        from inscriptis import get_text

        text = get_text(case["body_html"])
    m = _QUOTE_START.search(text)
    if not m:
        return text, ""
    return text[: m.start()], text[m.start() :]


def build_input(case: dict[str, Any]) -> ExtractionInput:
    """The ``ExtractionInput`` for one labelled case (cleaner if available, else fallback)."""
    headers = dict(case.get("headers") or {})
    try:
        from creditctl.pipeline.cleaning import parse_email
    except ImportError:
        parse_email = None  # type: ignore[assignment]
    if parse_email is not None:
        parsed = parse_email(case.get("body_html"), case.get("body_text"), headers)
        reply, quoted, signature, language = parsed.reply, parsed.quoted, parsed.signature, parsed.language
    else:
        reply, quoted = _fallback_split(case)
        signature, language = "", None
    return ExtractionInput(
        reply_text=reply,
        subject=case.get("subject", ""),
        from_email=case.get("from_email", ""),
        from_name=case.get("from_name", ""),
        headers=headers,
        quoted_text=quoted,
        signature_text=signature,
        language=language,
        attachments=tuple(
            AttachmentText(
                file_name=a.get("file_name", ""),
                text=a.get("text") or "",
                content_type=a.get("content_type", ""),
                problem=a.get("problem"),
            )
            for a in case.get("attachments") or []
        ),
    )


def _fold(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "").replace("’", "'")).strip().casefold()


def auto_applied(
    result: ExtractionResult,
    problems: list[str],
    case: dict[str, Any] | None = None,
    email: ExtractionInput | None = None,
) -> bool:
    """Whether the product's gate would apply this result's total without a human, given
    an automatic match to one claim: ``pipeline.gate.decide`` with the safety layer's
    checks (``pipeline.safety.check``) on the case's texts (no stored claim, so no
    plausibility bound; no second rendering). Only a stated total counts."""
    from creditctl.pipeline import safety
    from creditctl.pipeline.gate import applied_total, decide
    from creditctl.pipeline.matching_types import MatchResult, MatchStatus

    report = None
    if email is not None:
        case = case or {}
        own = {"body": email.reply_text, **{f"attachment:{a.file_name}": a.text for a in email.attachments}}
        raw = [
            case.get("body_text") or "",
            safety.visible_and_hidden_text(case.get("body_html") or ""),
            email.subject,
            email.reply_text,
            email.signature_text,
        ]
        report = safety.check(
            total=applied_total(result),
            reply_kind=result.reply_kind.value,
            own_texts=own,
            quoted_text=email.quoted_text,
            raw_texts=raw,
            total_evidence=[(e.source, e.text) for e in result.evidence if e.field in ("amounts.total", "total")],
        )
    verdict = decide(result, MatchResult(MatchStatus.AUTO_MATCHED, claim_id=0, score=1.0), problems, safety=report)
    return verdict.apply and result.amounts.total is not None


@dataclass
class Score:
    """Per-field hits over ``cases``; ``misses`` holds (case id, field, expected, got)."""

    cases: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    auto_applied: int = 0
    wrong_auto_applied: list[str] = field(default_factory=list)

    original_cases: int = 0  # cases whose expected block labels original_creditor
    original_hits: int = 0

    def accuracy(self, name: str) -> float:
        return self.hits[name] / self.cases if self.cases else 0.0


def compare(expected: dict[str, Any], result: ExtractionResult) -> dict[str, tuple[bool, Any, Any]]:
    """Field name → (hit, expected, got) for the bench's fields."""
    exp_total = Decimal(expected["total"]) if expected.get("total") is not None else None
    exp_refs = {normalise_reference(r) for r in expected.get("creditor_references") or []}
    got_refs = {normalise_reference(r) for r in result.creditor_references}
    return {
        "is_creditor_reply": (
            result.is_creditor_reply == expected["is_creditor_reply"],
            expected["is_creditor_reply"],
            result.is_creditor_reply,
        ),
        "reply_kind": (
            result.reply_kind.value == expected["reply_kind"],
            expected["reply_kind"],
            result.reply_kind.value,
        ),
        "creditor": (
            _fold(result.creditor_name) == _fold(expected.get("creditor_name")),
            expected.get("creditor_name"),
            result.creditor_name,
        ),
        "client": (
            _fold(result.client_name) == _fold(expected.get("client_name")),
            expected.get("client_name"),
            result.client_name,
        ),
        "references": (
            got_refs == exp_refs
            and (result.client_file_number or None) == (expected.get("client_file_number") or None),
            sorted(exp_refs) + [expected.get("client_file_number")],
            sorted(got_refs) + [result.client_file_number],
        ),
        "total": (result.amounts.total == exp_total, exp_total, result.amounts.total),
        "currency": (
            (result.currency or None) == (expected.get("currency") or None),
            expected.get("currency"),
            result.currency,
        ),
    }


def evaluate(cases: list[dict[str, Any]] | None = None) -> Score:
    """Run the rules extractor on every case and score it."""
    cases = load_cases() if cases is None else cases
    extractor = RulesExtractor()
    score = Score()
    for case in cases:
        email = build_input(case)
        result = extractor.extract(email)
        problems = verify_evidence(result, evidence_sources(email))
        score.cases += 1
        for name, (hit, exp, got) in compare(case["expected"], result).items():
            if hit:
                score.hits[name] += 1
            else:
                score.misses.append((case["id"], name, exp, got))
        if "original_creditor" in case["expected"]:
            score.original_cases += 1
            exp_orig = case["expected"]["original_creditor"]
            if _fold(result.original_creditor) == _fold(exp_orig):
                score.original_hits += 1
            else:
                score.misses.append((case["id"], "original_creditor", exp_orig, result.original_creditor))
        if auto_applied(result, problems, case, email):
            score.auto_applied += 1
            exp_total = case["expected"].get("total")
            if (
                exp_total is None
                or Decimal(exp_total) != result.amounts.total
                or not case["expected"]["is_creditor_reply"]
            ):
                score.wrong_auto_applied.append(case["id"])
    return score


def _json_report(score: Score) -> dict[str, Any]:
    """The score as JSON (``--json``): what tests/unit/test_labelled_set.py reads."""
    return {
        "cases": score.cases,
        "accuracy": {name: score.accuracy(name) for name in FIELDS},
        "hits": score.hits,
        "misses": [[case_id, name, str(exp), str(got)] for case_id, name, exp, got in score.misses],
        "auto_applied": score.auto_applied,
        "wrong_auto_applied": score.wrong_auto_applied,
        "original_cases": score.original_cases,
        "original_hits": score.original_hits,
    }


def _requests(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per case: id, labelled total and the rendered Claude user message (``--requests``)."""
    from creditctl.pipeline.extraction.prompt import render_email

    return [{"id": c["id"], "total": c["expected"].get("total"), "text": render_email(build_input(c))} for c in cases]


def main(argv: list[str]) -> int:
    """``[-k PREFIX] [-v] [--cases-dir DIR] [--json | --requests]`` (see the module docstring)."""
    directory = Path(argv[argv.index("--cases-dir") + 1]) if "--cases-dir" in argv else LABELLED_DIR
    cases = load_cases(directory)
    if "-k" in argv:
        needle = argv[argv.index("-k") + 1]
        cases = [c for c in cases if c["id"].startswith(needle)]
    if "--requests" in argv:
        print(json.dumps({"requests": _requests(cases)}, ensure_ascii=False))
        return 0
    score = evaluate(cases)
    if "--json" in argv:
        print(json.dumps(_json_report(score), ensure_ascii=False))
        return 0
    started = time.perf_counter()  # a second, warm pass (dateparser and regex caches loaded)
    evaluate(cases)
    elapsed = time.perf_counter() - started
    print(f"rules extractor on {score.cases} labelled cases ({directory})")
    for name in FIELDS:
        print(f"  {name:<18} {score.accuracy(name):6.1%}  ({score.hits[name]}/{score.cases})")
    if score.original_cases:
        rate = score.original_hits / score.original_cases
        print(f"  {'original_creditor':<18} {rate:6.1%}  ({score.original_hits}/{score.original_cases} labelled)")
    print(f"  auto-applied amounts          {score.auto_applied}")
    print(f"  wrong amounts auto-applied    {len(score.wrong_auto_applied)} {score.wrong_auto_applied or ''}")
    print(f"  speed, warm (clean + extract + verify) {score.cases / elapsed:,.0f} emails/s")
    if "-v" in argv:
        for case_id, name, exp, got in score.misses:
            print(f"  miss {case_id:<40} {name:<18} expected {exp!r} got {got!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

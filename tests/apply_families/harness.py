"""Judge transformed cases through exactly what ``creditctl eval`` runs and classify them.

The suites, their records and candidates come from ``tests.hold_families.harness.Harness``
(``tests/data/tuning*`` only; never ``tests/data/unseen``). A base is an apply case the
current code applies correctly (settled replies, 0.00, included); ``plan`` picks its
transformations deterministically from a seed. Each judged transformation is a ``Result``:

* ``kept`` — applied, the same claim, the same total, and every reference the base found;
* ``refs`` — applied correctly, but a reference the base found is no longer found;
* ``held`` — sent to a person (safe; an automation loss);
* ``wrong`` — applied another total or to another claim (must never happen).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from creditctl.pipeline.extraction.references import normalise_reference
from creditctl.services import evaluation
from tests.apply_families.transform import FAMILIES, Source
from tests.hold_families.harness import Harness


@dataclass(frozen=True)
class Base:
    """A correctly applied case: its suite, the transformation's ``Source`` and the
    references the reader found in it."""

    suite: str
    source: Source
    refs: frozenset[str]

    @property
    def id(self) -> str:
        return f"{self.suite}/{self.source.case['id']}"


@dataclass(frozen=True)
class Result:
    family: str
    variant: str
    base: Base
    status: str
    applied: bool
    amount: Decimal | None
    reasons: tuple[str, ...]
    detail: str = ""


def _judge(harness: Harness, suite: str, case: dict[str, Any]) -> tuple[Any, Any, dict[str, Any], dict[str, Any]]:
    result, _match, verdict, parsed = evaluation.judge_case(
        harness.ctx, evaluation.case_row(case), harness.candidates[suite], "rules"
    )
    got = evaluation.verdict_document(verdict, harness.candidates[suite])
    return result, verdict, parsed, got


def _stored(harness: Harness, suite: str, claim: dict[str, Any] | None) -> Decimal | None:
    if not claim:
        return None
    for cand in harness.candidates[suite]:
        key = {"client_file_number": cand.client_file_number, "creditor_reference": cand.creditor_reference}
        if evaluation._same_claim(claim, key):
            return cand.amount
    return None


def _rank(seed: int, *names: str) -> int:
    """A seeded hash of ``names`` in 0..999: where a case (or a family on a case) falls in the
    stable sample — it depends on nothing but the seed and the names, so adding a suite or a
    case leaves every other case's draw as it was."""
    digest = hashlib.sha256("\x1f".join((str(seed), *names)).encode()).digest()
    return int.from_bytes(digest[:8], "big") % 1000


def load_bases(harness: Harness, *, per_mille: int | None = None, seed: int = 14) -> list[Base]:
    """Every apply case the current code applies correctly; with ``per_mille``, only the
    candidates whose seeded rank (``_rank`` of suite and case id) is below it — a stable
    sample of about that share: a new suite adds its own draws and moves no other."""
    cases = list(harness.apply_cases())
    if per_mille is not None:
        cases = [(suite, case) for suite, case in cases if _rank(seed, suite, str(case["id"])) < per_mille]
    out = []
    for suite, case in cases:
        result, _verdict, parsed, got = _judge(harness, suite, case)
        expected = case["expected"]
        if not evaluation.score_outcome(expected, got)["correct"]:
            continue
        source = Source(
            case=case,
            amount=Decimal(str(expected["amount"])),
            language=parsed.get("language") or "",
            quoted=parsed.get("quoted") or "",
            currency=expected.get("currency") or "EUR",
            stored=_stored(harness, suite, expected.get("claim")),
            client=expected.get("client_name") or "",
        )
        refs = frozenset(normalise_reference(r) for r in result.creditor_references)
        out.append(Base(suite, source, refs))
    return out


def plan(
    bases: list[Base], *, full: bool = False, seed: int = 14, families: Iterable[str] | None = None
) -> Iterator[tuple[str, str, Base, dict[str, Any]]]:
    """(family, variant, base, transformed case): with ``full`` every variant that fits a
    base; else per base and family one variant: the family's variants tried from a seeded
    start that depends only on the family and the base (``_rank``), the first that fits."""
    wanted = set(families) if families is not None else set(FAMILIES)
    for family, variants in FAMILIES.items():
        if family not in wanted:
            continue
        names = list(variants)
        for base in bases:
            start = _rank(seed, family, base.id)
            order = names if full else [names[(start + k) % len(names)] for k in range(len(names))]
            for name in order:
                case = variants[name](base.source)
                if case is None:
                    continue
                yield family, name, base, case
                if not full:
                    break


def judge(harness: Harness, family: str, variant: str, base: Base, case: dict[str, Any]) -> Result:
    result, verdict, _parsed, got = _judge(harness, base.suite, case)
    score = evaluation.score_outcome(case["expected"], got)
    reasons = tuple(str(r) for r in verdict.reasons)
    amount = verdict.amount if verdict.apply else None
    if score["wrong_apply"]:
        return Result(family, variant, base, "wrong", True, amount, reasons, score["wrong_apply"])
    if not verdict.apply:
        return Result(family, variant, base, "held", False, None, reasons)
    found = {normalise_reference(r) for r in result.creditor_references}
    lost = sorted(base.refs - found)
    if lost:
        return Result(family, variant, base, "refs", True, amount, reasons, f"references lost: {lost}")
    return Result(family, variant, base, "kept", True, amount, reasons)


STATUSES = ("kept", "refs", "held", "wrong")


def tabulate(results: list[Result], *, by_variant: bool = False) -> str:
    """Per family (and variant): kept / refs lost / held / wrong / transformed."""
    rows: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in results:
        rows[(r.family, r.variant if by_variant else "")][r.status] += 1
    lines = [f"{'family':<30}{'kept':>7}{'refs':>7}{'held':>7}{'wrong':>7}{'n':>7}{'kept%':>8}"]
    total: Counter[str] = Counter()
    for (family, variant), c in rows.items():
        n = sum(c.values())
        total += c
        label = f"{family}/{variant}" if variant else family
        lines.append(f"{label:<30}" + "".join(f"{c[s]:>7}" for s in STATUSES) + f"{n:>7}{100 * c['kept'] / n:>7.1f}%")
    n = sum(total.values())
    if n:
        lines.append(
            f"{'all':<30}" + "".join(f"{total[s]:>7}" for s in STATUSES) + f"{n:>7}{100 * total['kept'] / n:>7.1f}%"
        )
    return "\n".join(lines)


def held_reasons(results: list[Result], top: int = 25) -> str:
    """The most frequent hold reasons (first 70 characters), with counts."""
    c: Counter[str] = Counter()
    for r in results:
        if r.status == "held":
            for reason in r.reasons[:1] or ("(none)",):
                c[reason[:70]] += 1
    return "\n".join(f"{n:>6}  {reason}" for reason, n in c.most_common(top))


def failures(results: list[Result], statuses: Iterable[str] = ("wrong", "refs", "held")) -> list[str]:
    """One line per result of the given statuses."""
    wanted = set(statuses)
    return [
        f"{r.status:<6}{r.family}/{r.variant} {r.base.id}: {r.detail or '; '.join(r.reasons)[:220]}"
        for r in results
        if r.status in wanted
    ]

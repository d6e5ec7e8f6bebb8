"""Run mutants through exactly what ``creditctl eval`` runs and classify the outcomes.

``Harness`` loads the tuning suites (``tests/data/tuning*``; never ``tests/data/unseen``),
imports each suite's records once, judges the base cases (expected ``apply`` and applied
correctly by the current code) and then judges mutants of them. ``plan`` picks the mutants
deterministically from a seed. Each judged mutant is a ``Result``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.services import evaluation
from creditctl.services.context import AppContext
from creditctl.settings import load_settings
from tests.hold_families import decoys, mutate
from tests.hold_families.tables import HOLD, LANGS, MUST_HOLD_TRAPS, NEAR, REASON_WORDS, TRAPS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def suite_dirs(names: Iterable[str] | None = None) -> list[Path]:
    """The tuning suites with records (``tests/data/tuning``, ``tuning_d`` …; only ``names``
    when given); the frozen ``tests/data/unseen`` set is never read."""
    wanted = set(names) if names is not None else None
    return sorted(
        p
        for p in DATA.glob("tuning*")
        if p.is_dir() and (p / "records.json").exists() and (wanted is None or p.name in wanted)
    )


@dataclass(frozen=True)
class Base:
    """A case the current code applies correctly: its suite, the case, the labelled amount,
    the cleaner's language and quoted history."""

    suite: str
    case: dict[str, Any]
    amount: Decimal
    language: str
    quoted: str
    claim: ClaimCandidate | None = None

    @property
    def id(self) -> str:
        return f"{self.suite}/{self.case['id']}"


@dataclass(frozen=True)
class Mutant:
    """One mutation: ``kind`` (hold | near | trap), ``family``, ``lang``, ``position``, the
    inserted ``text``, the base and the mutated case; ``other`` is a trap's other figure."""

    kind: str
    family: str
    lang: str
    position: str
    text: str
    base: Base
    case: dict[str, Any]
    other: Decimal | None = None


@dataclass(frozen=True)
class Result:
    """A judged mutant: ``status`` is ``ok``; ``wrong`` (a HOLD mutant applied, a near-miss
    applied with another amount, a trap applying the other figure or any other amount);
    ``unnamed`` (a HOLD mutant held, but no reason names its family); ``held`` (a near-miss
    held, or a trap held — safe)."""

    mutant: Mutant
    applied: bool
    amount: Decimal | None
    reasons: tuple[str, ...]
    status: str


def _status(m: Mutant, applied: bool, amount: Decimal | None, reasons: tuple[str, ...]) -> str:
    if m.kind == "hold":
        if applied:
            return "wrong"
        words = REASON_WORDS.get(m.family) or decoys.REASON_WORDS[m.family]
        return "ok" if any(w in r.lower() for r in reasons for w in words) else "unnamed"
    if not applied:
        return "held"
    if m.kind == "trap" and m.family in MUST_HOLD_TRAPS:
        return "wrong"  # the dates contradict the order: no message is surely the newest
    return "ok" if amount == m.base.amount else "wrong"


@dataclass
class Harness:
    """The suites' candidates and base cases, and a ``judge`` for mutants (``close()`` when done)."""

    ctx: AppContext
    stack: ExitStack = field(default_factory=ExitStack)
    candidates: dict[str, list[Any]] = field(default_factory=dict)
    suites: dict[str, evaluation.Suite] = field(default_factory=dict)

    @classmethod
    def open(cls, suites: Iterable[str] | None = None) -> Harness:
        """The harness on every tuning suite (or the named ones)."""
        harness = cls(AppContext(settings=load_settings()))
        for path in suite_dirs(suites):
            for suite in evaluation.load_suites(path):
                key = path.name
                harness.suites[key] = suite
                harness.candidates[key] = harness.stack.enter_context(evaluation.suite_candidates(harness.ctx, suite))
        return harness

    def close(self) -> None:
        self.stack.close()

    def _judge(self, suite: str, case: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        _result, _match, verdict, parsed = evaluation.judge_case(
            self.ctx, evaluation.case_row(case), self.candidates[suite], "rules"
        )
        return verdict, parsed

    def apply_cases(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for name, suite in self.suites.items():
            for case in suite.cases:
                if case["expected"].get("outcome") == "apply":
                    yield name, case

    def base(self, suite: str, case: dict[str, Any]) -> Base | None:
        """The case as a base, when the current code applies it correctly (else None)."""
        verdict, parsed = self._judge(suite, case)
        expected = case["expected"]
        got = evaluation.verdict_document(verdict, self.candidates[suite])
        if not evaluation.score_outcome(expected, got)["correct"]:
            return None
        amount = Decimal(str(expected["amount"]))
        if amount == 0:
            return None  # a settled reply: no figure to mutate around
        claim = next((c for c in self.candidates[suite] if c.claim_id == verdict.claim_id), None)
        return Base(suite, case, amount, parsed.get("language") or "", parsed.get("quoted") or "", claim)

    def judge(self, m: Mutant) -> Result:
        verdict, _parsed = self._judge(m.base.suite, m.case)
        applied = bool(verdict.apply)
        amount = verdict.amount if applied else None
        reasons = tuple(str(r) for r in verdict.reasons)
        return Result(m, applied, amount, reasons, _status(m, applied, amount, reasons))


# the plan -----------------------------------------------------------------------------------


def _entries(table: dict[str, tuple[str, ...]], lang: str, position: str) -> list[str]:
    clause = position == "clause"
    return [e for e in table.get(lang, ()) if e.startswith(", ") == clause]


def _pick(rng: random.Random, bases: list[Base], lang: str) -> Base:
    """A base of the same language when there is one, else any (seeded)."""
    same = [b for b in bases if b.language == lang]
    return rng.choice(same or bases)


def _mutants_of(
    rng: random.Random, bases: list[Base], kind: str, family: str, table: dict[str, tuple[str, ...]], per_cell: int
) -> Iterator[Mutant]:
    """Up to ``per_cell`` mutants per language and position, cycling through its entries."""
    for lang in LANGS:
        for position in mutate.POSITIONS:
            entries = _entries(table, lang, position)
            for k in range(min(per_cell, len(entries)) if entries else 0):
                entry = entries[(k + rng.randrange(len(entries))) % len(entries)]
                for _attempt in range(6):  # a base without that position: try another
                    base = _pick(rng, bases, lang)
                    case = mutate.insert_sentence(base.case, base.quoted, entry, position, base.amount)
                    if case is not None:
                        yield Mutant(kind, family, lang, position, entry, base, case)
                        break


def _traps(rng: random.Random, bases: list[Base], per_kind: int) -> Iterator[Mutant]:
    for position, texts in TRAPS.items():
        for _ in range(per_kind):
            base = rng.choice(bases)
            lang = base.language if base.language in texts else "en"
            dec, group, currency = mutate.amount_style(base.case, base.amount)
            other = mutate.other_figure(base.amount)
            text = texts[lang].format(other=mutate.format_amount(other, dec, group, currency))
            if position in MUST_HOLD_TRAPS:
                case = mutate.insert_on_top(base.case, text)
            else:
                case = mutate.insert_trap(base.case, base.quoted, text)
            yield Mutant("trap", position, lang, position, text, base, case, other)


def plan(
    bases: list[Base],
    *,
    seed: int = 14,
    per_cell: int = 1,
    near_per_cell: int = 1,
    traps_per_kind: int = 6,
    families: Iterable[str] | None = None,
    decoys_per_family: int | None = 8,
) -> list[Mutant]:
    """The mutants to judge, deterministic for ``seed``: per HOLD family, language and
    position ``per_cell`` of its entries; per near-miss kind, language and position
    ``near_per_cell``; ``traps_per_kind`` per trap position; ``decoys_per_family`` decoy
    mutants per decoy family (``decoys``; None: one per base that fits)."""
    rng = random.Random(seed)
    wanted = set(families) if families is not None else set(HOLD)
    out: list[Mutant] = []
    for family, table in HOLD.items():
        if family in wanted:
            out += _mutants_of(rng, bases, "hold", family, table, per_cell)
    for kind, table in NEAR.items():
        out += _mutants_of(rng, bases, "near", kind, table, near_per_cell)
    out += _traps(rng, bases, traps_per_kind)
    out += decoy_mutants(bases, per_family=decoys_per_family)
    return out


def decoy_mutants(bases: list[Base], *, per_family: int | None = None) -> list[Mutant]:
    """The decoy mutants (``decoys``: another account, another person, a settlement or past
    figure instead of the total) of ``bases`` (``per_family`` of each family; None: all)."""
    return [
        Mutant(kind, family, lang, "decoy", "", base, case)
        for kind, family, lang, base, case in decoys.mutants(bases, per_family=per_family)
    ]


def load_bases(harness: Harness, *, limit: int | None = None, seed: int = 14) -> list[Base]:
    """The base cases (every apply case the current code applies correctly; with ``limit``,
    a seeded sample of that many candidates, spread over the suites)."""
    cases = list(harness.apply_cases())
    if limit is not None and limit < len(cases):
        cases = random.Random(seed).sample(cases, limit)
    return [b for b in (harness.base(s, c) for s, c in cases) if b is not None]


# the table ----------------------------------------------------------------------------------


def tabulate(results: list[Result]) -> str:
    """The per-family, per-language table: HOLD families ``wrong/n`` (and ``+k`` held without
    a reason naming the family), near-misses ``held/n``, traps ``wrong/held/n``."""
    lines = []
    header = f"{'family':<15}" + "".join(f"{lang:>8}" for lang in LANGS) + f"{'all':>10}"
    for kind, title in (
        ("hold", "HOLD families: wrongly applied / mutants (+ held without naming the family)"),
        ("near", "APPLY near-misses: wrongly held / mutants"),
    ):
        cells: dict[tuple[str, str], list[Result]] = defaultdict(list)
        for r in results:
            if r.mutant.kind == kind:
                cells[(r.mutant.family, r.mutant.lang)].append(r)
        families = (
            list(HOLD) + list(decoys.HOLD_FAMILIES) if kind == "hold" else list(NEAR) + list(decoys.NEAR_FAMILIES)
        )
        lines += ["", title, header]
        bad = "wrong" if kind == "hold" else "held"
        for family in families:
            row, tot_bad, tot_n, tot_un = f"{family:<15}", 0, 0, 0
            for lang in LANGS:
                rs = cells.get((family, lang), [])
                nb = sum(r.status == bad or (kind == "near" and r.status == "wrong") for r in rs)
                un = sum(r.status == "unnamed" for r in rs)
                tot_bad, tot_n, tot_un = tot_bad + nb, tot_n + len(rs), tot_un + un
                cell = f"{nb}/{len(rs)}" + (f"+{un}" if un else "") if rs else "-"
                row += f"{cell:>8}"
            total = f"{tot_bad}/{tot_n}" + (f"+{tot_un}" if tot_un else "")
            lines.append(row + f"{total:>10}")
    traps = [r for r in results if r.mutant.kind == "trap"]
    lines += ["", "Other-figure traps: applied another figure / held / mutants"]
    for position in TRAPS:
        rs = [r for r in traps if r.mutant.family == position]
        wrong = sum(r.status == "wrong" for r in rs)
        held = sum(r.status == "held" for r in rs)
        lines.append(f"{position:<18}{wrong}/{held}/{len(rs)}")
    return "\n".join(lines)


def failures(results: list[Result], kinds: Iterable[str] = ("hold", "near", "trap")) -> list[str]:
    """One line per bad result (wrong, unnamed, a held near-miss) for the given kinds."""
    out = []
    for r in results:
        if (
            r.mutant.kind in kinds
            and r.status in ("wrong", "unnamed", "held")
            and not (r.mutant.kind == "trap" and r.status == "held")
        ):
            m = r.mutant
            why = "; ".join(r.reasons)[:200] if r.reasons else f"applied {r.amount}"
            out.append(f"{r.status:<8}{m.kind}:{m.family}/{m.lang}/{m.position} {m.base.id}: {m.text!r} -> {why}")
    return out

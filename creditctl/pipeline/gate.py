"""The gate: may this reading of this email change a claim? Values in, a verdict out.

The gate rests on the checks, not on a blanket confidence cut-off. An email is applied
when it is a creditor reply of an applicable kind, matches exactly one claim
automatically, and passes every check:

* applicable kinds: ``claim_statement`` (its total), ``claim_settled`` (0.00, whether
  the total is read as 0.00 or absent), ``document_request`` and ``settlement_proposal``
  (the current total, when one is stated; the request or offer is noted). Never
  ``dispute``, ``client_unknown``, ``claim_assigned`` ("claim sold or assigned to a new
  holder"), ``enforcement`` (court or bailiff), ``auto_reply``, ``other``;
* a total in the claim's currency (a settled reply needs none), within 0 and
  ``MAX_CLAIM_AMOUNT``;
* no evidence problem on the total, the currency, the creditor, the client or the
  references (problems on the components — principal, interest, costs — and the
  statement date do not hold an email whose total checks out: they are noted);
* every check of the safety layer (``pipeline.safety``: whole-number total, readings
  agree, plausibility against the stored claim, credits, quoted figures, injection);
* extractor confidence at least ``CONFIDENCE_FLOOR`` (0.3) — one more reason when very
  low, not the main cut-off.

Anything else waits for a person (``needs_review``) or is closed (``no_match`` /
``not_creditor_reply``). Every hold names its reasons. Court, bailiff and enforcement
mail (reply kind ``enforcement``) is never closed: matched or not, creditor's reply or
not, it waits for a person (``ENFORCEMENT_MAIL``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from creditctl.pipeline.extraction.model import ExtractionResult, ReplyKind
from creditctl.pipeline.matching_types import MatchResult, MatchStatus

if TYPE_CHECKING:
    from creditctl.pipeline.safety import SafetyReport

CONFIDENCE_FLOOR = 0.3
MIN_CONFIDENCE = 0.8
"""Below this an extractor marks a reading it considers uncertain (e.g. a total taken from
an attachment alone). The gate no longer holds on it: the checks decide, and only a
confidence under ``CONFIDENCE_FLOOR`` is one more reason."""
MAX_CLAIM_AMOUNT = Decimal("10000000.00")
SETTLED = Decimal("0.00")

_NEVER_APPLIED = {
    ReplyKind.DISPUTE: "reply is a dispute: a person decides",
    ReplyKind.CLIENT_UNKNOWN: "the creditor cannot identify the client: a person decides",
    ReplyKind.CLAIM_ASSIGNED: "claim sold or assigned to a new holder",
    ReplyKind.ENFORCEMENT: "court or bailiff enforcement: a person decides",
    ReplyKind.AUTO_REPLY: "automatic reply: nothing to apply",
    ReplyKind.OTHER: "reply states no claim: a person decides",
}
ENFORCEMENT_MAIL = "court, bailiff or enforcement mail: it never updates a claim, a person reads it"
"""The reason of every email read as ``enforcement`` that matched no claim, or that is not a
creditor's reply at all: never closed unseen, it waits for a person (docs/state-machine.md,
"Why an email is held")."""
_NOTED_KINDS = {
    ReplyKind.DOCUMENT_REQUEST: "the creditor also requests documents (power of attorney or proof): answer it",
    ReplyKind.SETTLEMENT_PROPOSAL: "the creditor also proposes a settlement or instalments: a person answers it",
}
_COMPONENT_FIELDS = (
    "amounts.principal",
    "amounts.interest",
    "amounts.costs",
    "principal",
    "interest",
    "costs",
    "statement_date",
    "original_creditor",
    "reply_kind",
)


@dataclass(frozen=True)
class Verdict:
    """``processing_status`` and ``match_status`` to set, the claim and amount to apply
    (both None unless ``apply``), the reasons a person reads (on a hold: why it is held),
    ``notes`` (shown, never holding), the ``readings`` of the total (dicts ``source``,
    ``total``), ``injection`` (text addressing the system was found) and ``credit`` (a credit
    or negative balance was stated): with either, review offers no default amount.
    ``judged_amount``: the matched claim's stored amount (Decimal, or None when it had none)
    an applying verdict was judged against — the claim write applies it only while the claim
    still stands there (``services.claims.apply_claim_update``), else the gate judges again."""

    processing_status: str  # completed | not_creditor_reply
    match_status: str  # auto_matched | needs_review | no_match
    apply: bool
    claim_id: int | None
    amount: Decimal | None
    reasons: tuple[str, ...]
    notes: tuple[str, ...] = ()
    readings: tuple[dict[str, str | None], ...] = ()
    injection: bool = False
    credit: bool = False
    judged_amount: Decimal | None = None


HOLD_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "injection",
        (
            "addresses the system",
            "tries to set an outcome",
            "prompt injection",
            "addressed to an ai",
            "addressing an ai",
        ),
    ),
    ("dispute", ("dispute",)),
    ("enforcement", ("enforcement",)),
    ("sale", ("sold or assigned", "sold, assigned", "claim sold to ")),
    ("credit", ("credit or negative balance", "states a credit")),
    ("several_totals", ("several different totals", "two current figures")),
    ("plausibility", ("is a drop of", "is a rise of", "reopens a claim stored as")),
    (
        "matching",
        (
            "best score",
            "of each other",
            "claims within",
            "in the thread of claim",
            "thread match",
            "no client evidence",
            "client name fits",
            "similar client names",
            "another client of ours",
            "'s client is ",  # names.other_person: a relative or namesake of the client
            "no client name, file number or reference",
            "no claim matches",
            "no claims to match",
            "no claim of ours",
            "match is not certain",
            "candidates are close",
        ),
    ),
)
"""Kinds of hold reason, most severe first (docs/state-machine.md, "Why an email is held"):
the safety flags (injection, dispute, enforcement, sale, credit), several totals, then any
other problem of the reading (``reading``: not a whole number, readings disagree,
currency, evidence, unread attachments …), then plausibility against the stored claim,
and last the matching. A reason is of the first kind one of whose markers it contains
(case-insensitive); a reason of no listed kind is ``reading``."""
_SEVERITY = [kind for kind, _ in HOLD_KINDS[:6]] + ["reading"] + [kind for kind, _ in HOLD_KINDS[6:]]
PREFILL_KINDS = frozenset({"plausibility", "matching"})
"""Hold kinds after which a person may be offered the extracted total (pre-filled):
the reading itself is clean, only the claim or its size needs a person's eye."""


def hold_kind(reason: str) -> str:
    """The kind of one hold reason (``HOLD_KINDS``; ``reading`` when none fits)."""
    folded = reason.casefold()
    for kind, markers in HOLD_KINDS:
        if any(marker in folded for marker in markers):
            return kind
    return "reading"


def by_severity(reasons: Iterable[str]) -> list[str]:
    """``reasons`` ordered most severe first (``HOLD_KINDS``), stable within a kind; duplicates dropped."""
    unique = list(dict.fromkeys(reasons))
    return sorted(unique, key=lambda r: _SEVERITY.index(hold_kind(r)))


def applied_total(result: ExtractionResult) -> Decimal | None:
    """The amount a reading would apply: 0.00 for a settled reply without a total, else the total."""
    if result.reply_kind == ReplyKind.CLAIM_SETTLED and result.amounts.total is None:
        return SETTLED
    return result.amounts.total


def is_component_problem(problem: str) -> bool:
    """Whether an evidence problem concerns a component (principal, interest, costs), the
    statement date, the original creditor or the reply kind — noted, never holding."""
    field = problem.split(":", 1)[0].strip()
    return field in _COMPONENT_FIELDS


@dataclass(frozen=True)
class _Case:
    """One email as the gate's rules see it: ``decide``'s arguments plus the reply kind,
    the total it would apply and the stated currency (upper case, "" when none)."""

    result: ExtractionResult
    match: MatchResult
    evidence_problems: list[str]
    claim_currency: str | None
    safety: SafetyReport | None
    min_confidence: float

    @property
    def kind(self) -> ReplyKind:
        return self.result.reply_kind

    @property
    def total(self) -> Decimal | None:
        return applied_total(self.result)

    @property
    def currency(self) -> str:
        return (self.result.currency or "").upper()


def _match_rule(case: _Case) -> list[str]:
    if case.match.status != MatchStatus.AUTO_MATCHED or case.match.claim_id is None:
        return [case.match.reason or "match is not certain"]
    return []


#: The safety layer's reason for a reply that points to the figure of the quoted letter
#: (``reply_wording.QUOTED_FIGURE_REASON``): it says more than "reply states no claim".
_REFERS_TO_QUOTED = "the reply refers to the figure of the quoted letter"


def _kind_rule(case: _Case) -> list[str]:
    if case.kind not in _NEVER_APPLIED:
        return []
    if case.kind == ReplyKind.OTHER:
        return _no_claim_rule(case)
    return [_NEVER_APPLIED[case.kind]]


def _no_claim_rule(case: _Case) -> list[str]:
    """The reason of a reply read as ``other`` (no claim statement): what it gave instead when
    it gave anything, else "reply states no claim"; nothing when the safety layer's
    quoted-figure reason says it."""
    if any(r.startswith(_REFERS_TO_QUOTED) for r in _safety_rule(case)):
        return []
    if malformed := _malformed_total_reason(case):
        return [malformed]  # a figure was there: "states no claim" would mislead
    if case.total is not None:
        return [TOTAL_BUT_NO_CLAIM.format(total=case.total)]  # the two readings disagree: say so
    if (
        case.safety is not None
        and case.safety.instalments
        and {v for v, _ in case.safety.figures} <= set(case.safety.instalments)
    ):
        # what the reply gave instead of a claim (its only figures): "states no claim" would hide it
        return [INSTALMENT_ONLY.format(figures=", ".join(str(v) for v in case.safety.instalments))]
    if seen := _figures_reason(case):
        return [seen]
    return [_said_instead_reason(case) or _NEVER_APPLIED[ReplyKind.OTHER]] if not _checking_said(case) else []


STILL_CHECKING = (
    "the creditor is still checking and will come back ({words}): the reply states no claim yet, a person decides"
)
"""A hold without a total whose reply says the creditor is still checking and will come back
("wir prüfen den Vorgang und melden uns", "we are looking into this and will revert")."""
SUBJECT_FIGURE_ONLY = (
    "the reply's only figure ({figures}) is in its subject line; its text states no claim: a person decides"
)
"""A hold without a total whose only money figures stand in the subject line (the office may have
written them first): the text of the reply states none."""


def _checking_said(case: _Case) -> bool:
    """Whether the safety layer's reasons already say the creditor is still checking (the dispute
    table's checking words, ``reply_wording.CHECKING_LABEL``): "states no claim" would say less."""
    from creditctl.pipeline.reply_wording import CHECKING_LABEL  # the wording tables load on demand

    return case.safety is not None and any(r.startswith(CHECKING_LABEL) for r in case.safety.reasons)


def _said_instead_reason(case: _Case) -> str | None:
    """What a reply without a total or a figure of its own said instead: the creditor is still
    checking (``STILL_CHECKING``), or its only figure is in the subject (``SUBJECT_FIGURE_ONLY``)."""
    if case.safety is None:
        return None
    if case.safety.checking:
        return STILL_CHECKING.format(words=", ".join(repr(w) for w in case.safety.checking))
    if case.safety.subject_figures:
        return SUBJECT_FIGURE_ONLY.format(figures=", ".join(str(v) for v in case.safety.subject_figures))
    return None


FIGURES_NOT_TOTAL = (
    "the reply names {figures} but none as the claim's total (a payment, instalment, offer or fee, or no label): "
    "a person decides"
)
"""A hold without a total whose reply names figures, none labelled as the claim (``_figures_reason``)."""
CLAIM_FIGURES_DISAGREE = "the reply names different claim figures ({figures}), none taken as current: a person decides"
"""A hold without a total whose reply labels several different figures as the claim."""
CLAIM_FIGURE_NOT_TOTAL = (
    "the reply names one claim figure ({figures}) but it was not read as the current total: a person decides"
)
"""A hold without a total whose reply labels one figure as the claim, not read as its current total."""


def _figures_reason(case: _Case) -> str | None:
    """What a reply held without a total named instead (the safety layer's ``figures``: the
    figures of the creditor's own text and their labels), or None when it named none: the
    same hold, saying what was found and why none is the claim's current total."""
    figures = case.safety.figures if case.safety is not None else ()
    if not figures:
        return None
    claim = [v for v, kind in figures if kind == "claim"]
    if len(claim) > 1:
        return CLAIM_FIGURES_DISAGREE.format(figures=", ".join(str(v) for v in claim))
    if claim:
        return CLAIM_FIGURE_NOT_TOTAL.format(figures=claim[0])
    return FIGURES_NOT_TOTAL.format(figures=", ".join(str(v) for v, _ in figures))


INSTALMENT_ONLY = "the reply states an instalment ({figures}), not the claim's total: a person decides"
"""The reason of a reply read as ``other`` without a total whose own text states instalment
figures only ("monatliche Rate von 40,00 EUR", "monthly instalment of £40.00"): held as before,
saying what it found."""


TOTAL_BUT_NO_CLAIM = "total {total} was read, but the reply's wording reads as no claim statement: a person decides"
"""The reason of a reply read as ``other`` whose total was read all the same: the kind and the
figure contradict each other, which "reply states no claim" would hide."""


#: The rules extractor's warning for a total label before a figure that is not one
#: well-formed amount (``extraction.amounts.MALFORMED_TOTAL_WARNING``).
_MALFORMED = re.compile(r"'(?P<figure>[^']+)' after '(?P<label>[^']+)' is not a well-formed amount")


def _malformed_total_reason(case: _Case) -> str | None:
    """The hold reason for a reply with no total whose total label stands before a figure
    that is not a well-formed amount, or None."""
    if case.total is not None:
        return None
    for warning in case.result.warnings:
        if _MALFORMED.fullmatch(warning):
            return f"{warning}: a person reads it"
    return None


def _total_rule(case: _Case) -> list[str]:
    kind, total = case.kind, case.total
    if kind in _NEVER_APPLIED:
        return []
    if total is None:
        return [_no_total_reason(case)]
    if total < 0 and case.safety is not None and case.safety.credit:
        return []  # a credit: the safety layer's credit reason says it, once
    if total < 0 or total > MAX_CLAIM_AMOUNT:
        return [f"implausible total {total}"]
    if kind == ReplyKind.CLAIM_SETTLED and total != SETTLED:
        return [f"reads as settled but states a total of {total}"]
    return []


#: The rules extractor's warnings when it read several figures as totals and took none
#: (``extraction.amounts.several_totals_warning``).
_OFFER_BESIDE = re.compile(r"a settlement offer \((?P<offers>[^()]+)\) beside the total (?P<total>[-\d.]+); none taken")
_SEVERAL = re.compile(r"several different totals stated: (?P<totals>[-\d., ]+); none taken")
_EQUAL = re.compile(
    r"two current figures of equal standing stated: (?P<first>[-\d.]+), (?P<second>[-\d.]+); none taken"
)


def _no_total_reason(case: _Case) -> str:
    """Why no total is applied: the figures read when the extractor found several and took
    none (a settlement offer beside the current total, or several totals), else that the
    reply states none."""
    for warning in case.result.warnings:
        if m := _OFFER_BESIDE.fullmatch(warning):
            return (
                f"a settlement proposal ({m['offers']}) beside the current total {m['total']}: neither figure is "
                "applied automatically, a person confirms the total and answers the offer"
            )
        if m := _SEVERAL.fullmatch(warning):
            return f"the reply states several different totals ({m['totals']}): a person decides which is current"
        if m := _EQUAL.fullmatch(warning):
            from creditctl.pipeline.equal_figures import EQUAL_FIGURES_REASON  # the wording tables load on demand

            return EQUAL_FIGURES_REASON.format(first=m["first"], second=m["second"])
    if malformed := _malformed_total_reason(case):
        return malformed
    if case.kind == ReplyKind.CLAIM_STATEMENT:
        return _figures_reason(case) or _said_instead_reason(case) or "no claim total found"
    return f"reply is {case.kind.value.replace('_', ' ')} and states no current total"


def _evidence_rule(case: _Case) -> list[str]:
    return [f"evidence: {p}" for p in case.evidence_problems if not is_component_problem(p)]


def _safety_rule(case: _Case) -> list[str]:
    return list(case.safety.reasons) if case.safety else []


def _confidence_rule(case: _Case) -> list[str]:
    confidence, floor = case.result.confidence, case.min_confidence
    if confidence < floor:
        return [f"extractor confidence {confidence:.2f} is below the floor {floor:.2f}"]
    return []


def _currency_differs_rule(case: _Case) -> list[str]:
    claim_currency = (case.claim_currency or "").upper()
    if case.total is not None and claim_currency and case.currency and case.currency != claim_currency:
        return [f"currency {case.currency} differs from the claim's {claim_currency}"]
    return []


def _currency_missing_rule(case: _Case) -> list[str]:
    total = case.total
    settled_zero = case.kind == ReplyKind.CLAIM_SETTLED and total == SETTLED
    if total is not None and not case.currency and not settled_zero:
        return ["currency not stated"]
    return []


_HOLD_RULES = (
    _match_rule,
    _kind_rule,
    _total_rule,
    _evidence_rule,
    _safety_rule,
    _confidence_rule,
    _currency_differs_rule,
    _currency_missing_rule,
)
"""The gate's rules for a matched creditor reply, run in this order (the reasons are then
listed most severe first, ``by_severity``);
each takes the ``_Case`` and returns the reasons it holds the email for (empty: passes)."""


def _notes(case: _Case) -> list[str]:
    """Shown, never holding: the safety layer's notes, a noted kind's request, and the
    evidence problems on components (``is_component_problem``)."""
    notes = list(case.safety.notes) if case.safety else []
    if case.kind not in _NEVER_APPLIED and case.kind in _NOTED_KINDS:
        notes.append(_NOTED_KINDS[case.kind])
    notes.extend(f"evidence: {p}" for p in case.evidence_problems if is_component_problem(p))
    return notes


def decide(
    result: ExtractionResult,
    match: MatchResult | None,
    evidence_problems: list[str],
    *,
    claim_currency: str | None = None,
    safety: SafetyReport | None = None,
    min_confidence: float = CONFIDENCE_FLOOR,
) -> Verdict:
    """Decide the outcome of one email (see the module docstring for the rule; the holds
    of a matched creditor reply are the ``_HOLD_RULES`` table, run in order).

    ``safety``: the safety layer's report (``pipeline.safety.check``); None only in
    callers that ran no check (its absence holds nothing by itself).
    """
    shown = _shown(safety)
    if result.reply_kind == ReplyKind.ENFORCEMENT and (
        not result.is_creditor_reply or match is None or match.status == MatchStatus.NO_MATCH
    ):
        return _enforcement_mail(match, safety, shown)
    if not result.is_creditor_reply:
        return Verdict(
            "not_creditor_reply",
            MatchStatus.NO_MATCH,
            False,
            None,
            None,
            (f"not a creditor reply ({result.reply_kind.value})",),
            **shown,
        )
    if match is None or match.status == MatchStatus.NO_MATCH:
        return _no_match(match, safety, shown)
    case = _Case(result, match, evidence_problems, claim_currency, safety, min_confidence)
    reasons = by_severity(reason for rule in _HOLD_RULES for reason in rule(case))
    notes = tuple(_notes(case))
    if reasons:
        return Verdict("completed", MatchStatus.NEEDS_REVIEW, False, None, None, tuple(reasons), notes, **shown)
    return Verdict(
        "completed",
        MatchStatus.AUTO_MATCHED,
        True,
        match.claim_id,
        case.total,
        (match.reason or "matched",),
        notes,
        **shown,
    )


class _Shown(TypedDict):
    readings: tuple[dict[str, str | None], ...]
    injection: bool
    credit: bool


def _shown(safety: SafetyReport | None) -> _Shown:
    """The safety report's parts every verdict carries (the readings, the injection and credit flags)."""
    if safety is None:
        return {"readings": (), "injection": False, "credit": False}
    return {
        "readings": tuple(r.as_dict() for r in safety.readings),
        "injection": bool(safety.injection),
        "credit": bool(safety.credit),
    }


def _enforcement_mail(match: MatchResult | None, safety: SafetyReport | None, shown: _Shown) -> Verdict:
    """Court, bailiff or enforcement mail that matched no claim (or is no creditor's reply):
    it waits for a person with that reason, and the matcher's and safety layer's reasons after it."""
    rest = ([match.reason] if match and match.reason else []) + (list(safety.reasons) if safety else [])
    reasons = [ENFORCEMENT_MAIL] + [r for r in by_severity(rest) if r != ENFORCEMENT_MAIL]
    notes = tuple(safety.notes) if safety else ()
    return Verdict("completed", MatchStatus.NEEDS_REVIEW, False, None, None, tuple(reasons), notes, **shown)


def _no_match(match: MatchResult | None, safety: SafetyReport | None, shown: _Shown) -> Verdict:
    """A creditor reply that matches no claim of ours: closed, with the matcher's and the safety layer's reasons."""
    why = match.reason if match and match.reason else "no claim of ours matches"
    reasons = by_severity([why] + (list(safety.reasons) if safety else []))
    notes = tuple(safety.notes) if safety else ()
    return Verdict("completed", MatchStatus.NO_MATCH, False, None, None, tuple(reasons), notes, **shown)

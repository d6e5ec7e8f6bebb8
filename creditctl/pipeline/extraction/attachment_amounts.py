"""Body versus attachments: the claim total read from each source on its own.

The rules extractor reads amounts from the reply and the attachments together. This
step, run on its result, reads each source separately (the reply, then every
attachment, labelled ``body`` / ``attachment:<file name>``) and:

* when two sources state **different** totals — typically the body says 640,00 € and
  the attached Forderungsaufstellung 686,41 € — no total is taken, the warning
  ``"body total X differs from attachment <name> total Y"`` is added, both amounts are
  kept as evidence (fields ``amounts.total.body`` and ``amounts.total.attachment``, each
  with its source) and confidence drops below the gate's 0.8: a person decides. The
  office's rule: an attachment that contradicts the body is never silently outvoted.
* when the joint reading found no total but exactly one attachment states one, and the
  body states none, that total is used (evidence from the attachment) — with
  confidence below 0.8, because the joint reading could not confirm it;
* when an attachment could not be read, or only in part (``AttachmentText.problem``:
  encrypted, broken, needs OCR, not fetched …), the claim statement may be in the part
  nobody read: a warning names it and confidence drops below 0.8.

Values in, values out; never raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from creditctl.pipeline.extraction.amounts import AmountChoice, amounts_with_labels, choose_amounts
from creditctl.pipeline.extraction.model import Evidence, ExtractionInput, ExtractionResult
from creditctl.pipeline.extraction.reply_kind import strip_injections

__all__ = ["reconcile_attachment_amounts", "totals_by_source", "REVIEW_CONFIDENCE"]

REVIEW_CONFIDENCE = 0.5
"""Confidence given to a result a person must check (below ``gate.MIN_CONFIDENCE`` 0.8)."""
TAKEN_CONFIDENCE = 0.75
UNREAD_CONFIDENCE = 0.7


def _choice(text: str, source: str) -> AmountChoice:
    return choose_amounts([(found, source) for found in amounts_with_labels(text)], texts={source: text})


def totals_by_source(email: ExtractionInput) -> list[tuple[str, Decimal, str, AmountChoice]]:
    """``(source, total, evidence line, choice)`` for every source that states one total:
    the reply (``body``) first, then each attachment (``attachment:<file name>``)."""
    body, _ = strip_injections(email.reply_text)
    sources = [("body", body)] + [(f"attachment:{a.file_name}", a.text) for a in email.attachments if a.text]
    out = []
    for source, text in sources:
        choice = _choice(text, source)
        total = choice.amounts.total
        if total is None:
            continue
        line = next((e.text for e in choice.evidence if e.field == "amounts.total"), "")
        if line:
            out.append((source, total, line, choice))
    return out


def _name(source: str) -> str:
    return "body" if source == "body" else "attachment " + source.split(":", 1)[1]


@dataclass
class _Draft:
    """What reconciliation changes on a result: warnings, evidence, confidence and other fields."""

    warnings: list[str]
    evidence: list[Evidence]
    confidence: float
    update: dict[str, object] = field(default_factory=dict)


_Total = tuple[str, Decimal, str, AmountChoice]


def _hold_conflict(draft: _Draft, result: ExtractionResult, totals: list[_Total]) -> None:
    """Sources state different totals: every total line becomes evidence, the total is dropped."""
    first_source, first_total, first_line, _ = totals[0]
    conflict_evidence = [Evidence(field=_field(first_source), text=first_line, source=first_source)]
    for source, total, line, _ in totals[1:]:
        conflict_evidence.append(Evidence(field=_field(source), text=line, source=source))
        if total != first_total:
            draft.warnings.append(
                f"{_name(first_source)} total {first_total} differs from {_name(source)} total {total}"
            )
    draft.evidence = conflict_evidence + [e for e in draft.evidence if e.field != "amounts.total"]
    draft.update["amounts"] = result.amounts.model_copy(update={"total": None})
    draft.confidence = min(draft.confidence, REVIEW_CONFIDENCE)


def _take_from_attachment(draft: _Draft, result: ExtractionResult, totals: list[_Total]) -> None:
    """No total in the reply, one attachment states one certain total: taken, at a lower confidence."""
    source, total, _, choice = totals[0]
    if len({src for src, *_ in totals}) != 1 or not choice.certain:
        return
    draft.update["amounts"] = choice.amounts
    draft.update["currency"] = result.currency or choice.currency
    draft.evidence = [e for e in draft.evidence if not e.field.startswith("amounts.")] + list(choice.evidence)
    draft.warnings.append(f"total {total} taken from {_name(source)} alone")
    draft.confidence = min(max(draft.confidence, TAKEN_CONFIDENCE), TAKEN_CONFIDENCE)


def _note_unread(draft: _Draft, email: ExtractionInput) -> None:
    """An attachment read not at all or only in part: a warning, and a lower confidence."""
    for att in email.attachments:
        if att.problem:
            state = "could not be read" if not att.text else "was read only in part"
            draft.warnings.append(f"attachment {att.file_name} {state} ({att.problem}); a person checks it")
            draft.confidence = min(draft.confidence, UNREAD_CONFIDENCE)


def reconcile_attachment_amounts(email: ExtractionInput, result: ExtractionResult) -> ExtractionResult:
    """``result`` checked against the total of each source (see the module docstring).

    Returns ``result`` itself when there are no attachments or it is no creditor reply.
    """
    if not email.attachments or not result.is_creditor_reply:
        return result
    draft = _Draft(list(result.warnings), list(result.evidence), result.confidence)
    totals = totals_by_source(email)
    if len({total for _, total, _, _ in totals}) > 1:
        _hold_conflict(draft, result, totals)
    elif result.amounts.total is None and totals and all(src != "body" for src, *_ in totals):
        _take_from_attachment(draft, result, totals)
    _note_unread(draft, email)
    if draft.confidence == result.confidence and not draft.update and draft.warnings == result.warnings:
        return result
    return result.model_copy(
        update={**draft.update, "warnings": draft.warnings, "evidence": draft.evidence, "confidence": draft.confidence}
    )


def _field(source: str) -> str:
    return "amounts.total.body" if source == "body" else "amounts.total.attachment"

"""Checks of a reading against the office's claims: is the figure the matched claim's?

The safety layer (``pipeline.safety``) checks a reading against the email; these checks
compare it with the office's records once the matcher has chosen a claim
(docs/evaluation.md, "Decoys: other claims, look-alike accounts"). A creditor that writes
about a claim of ours may still state a figure that is not that claim's:

* **another claim of ours is named too** — the reply's references include the creditor
  reference of a claim other than the matched one held by the same creditor or agent (one
  mail about two clients of the office, or about both claims of one client): whichever
  figure the reader took, a person assigns the figures (a number of another creditor's
  claim that only happens to be written is no such mention);
* **a look-alike account** — the creditor's own text names an identifier of the matched
  reference's shape that differs from it in one digit, or by two swapped digits
  ("TK-88120457" beside the claim's "TK-88120455"; "512 334 898" beside "512334889"; one
  digit only: two differing digits are as often a coincidence — a register number in the
  signature),
  and that is no claim of ours: the creditor holds another account (of a namesake, or a
  second account of the client) and its figure is that account's;
* **another person** — the creditor's own text states a date of birth that is not the
  matched client's ("Jana Meyer, geb. 21.03.1986"): it writes about a namesake.

Pure: values in, reasons out. Every reason holds the email (the gate lists it with the
safety layer's); none offers the figure as a default in review.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from creditctl.pipeline.extraction.parties import dates_of_birth
from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.pipeline.names import normalize_reference, reference_key

__all__ = ["claim_problems", "lookalike_references"]

MIN_DIGITS = 6
"""A reference with fewer digits is too short to tell a look-alike from a coincidence."""

#: Runs of letters and digits joined by one separator: where an identifier can be written.
_RUN = re.compile(r"(?<![\w,])[A-Za-z0-9]+(?:(?:[ ./-]|/ )[A-Za-z0-9]+)*")
_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$|^\d{4}-\d{2}-\d{2}$")


def _digit_differences(a: str, b: str) -> int | None:
    """How ``b`` differs from ``a`` (keys of equal length): the number of differing
    positions when only digits differ (two adjacent swapped digits count as one), None when
    a letter differs."""
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if any(not (a[i].isdigit() and b[i].isdigit()) for i in diff):
        return None
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return 1
    return len(diff)


def _windows(run: str, size: int) -> Iterator[tuple[str, str]]:
    """(written, key) of every stretch of whole parts of ``run`` whose key is ``size``
    characters long (an identifier may stand between words: "Akte TK-88120457 für")."""
    parts = list(re.finditer(r"[A-Za-z0-9]+", run))
    for i in range(len(parts)):
        length = 0
        for j in range(i, len(parts)):
            length += parts[j].end() - parts[j].start()
            if length > size:
                break
            if length == size:
                written = run[parts[i].start() : parts[j].end()]
                yield written, "".join(p.group(0) for p in parts[i : j + 1]).upper()


def lookalike_references(text: str, reference: str, ours: frozenset[str] = frozenset()) -> list[str]:
    """The identifiers ``text`` writes that look like ``reference`` but are not it: the
    same key length and letters, one digit different (or two adjacent digits swapped); keys in ``ours`` (the office's own references) and dates are left out.
    Returns the identifiers as written, in order, without repeats; [] for a reference with
    fewer than ``MIN_DIGITS`` digits."""
    key = normalize_reference(reference)
    if sum(ch.isdigit() for ch in key) < MIN_DIGITS or not text:
        return []
    found: list[str] = []
    for m in _RUN.finditer(text):
        if not any(ch.isdigit() for ch in m.group(0)):
            continue
        for written, cand in _windows(m.group(0), len(key)):
            if cand == key or cand in ours or _DATE.match(written):
                continue
            diff = _digit_differences(key, cand)
            if diff == 1 and written not in found:
                found.append(written)
    return found


def _same_writer(a: ClaimCandidate, b: ClaimCandidate) -> bool:
    """Whether two claims are held by one creditor or one agent (a name or an address in
    common): only then can one mail of the sender be about both."""
    names = {n.casefold().strip() for n in (a.creditor_name, a.agent_name) if n}
    if names & {n.casefold().strip() for n in (b.creditor_name, b.agent_name) if n}:
        return True
    return bool({e.casefold() for e in a.creditor_emails} & {e.casefold() for e in b.creditor_emails})


def _other_claims_named(
    matched: ClaimCandidate, candidates: Sequence[ClaimCandidate], references: Sequence[str]
) -> list[str]:
    keys = {reference_key(r) for r in references if r}
    own = normalize_reference(matched.creditor_reference or "")
    out = []
    for c in candidates:
        ref = normalize_reference(c.creditor_reference or "")
        if c.claim_id != matched.claim_id and ref and ref != own and ref in keys and _same_writer(c, matched):
            out.append(
                f"the reply also names another claim of ours ({c.creditor_reference} of {c.creditor_name}, "
                f"client {c.client_name}): a mail about several claims, a person assigns its figures"
            )
    return out


def _other_births(text: str, client_birth: date | None) -> list[str]:
    if client_birth is None:
        return []
    other = sorted({d for d in dates_of_birth(text) if d != client_birth})
    if not other:
        return []
    return [
        f"the reply states a date of birth ({other[0].isoformat()}) that is not the client's "
        f"({client_birth.isoformat()}): it may be about another person"
    ]


def claim_problems(
    *,
    own_text: str,
    matched: ClaimCandidate,
    candidates: Sequence[ClaimCandidate],
    references: Sequence[str],
) -> list[str]:
    """Why the reading must not change ``matched`` although it matched it (module docstring).

    ``own_text``: the creditor's own latest text (reply and attachments, no quoted history);
    ``candidates``: the office's claims; ``references``: the references the extractor read.
    Returns hold reasons ([] when none). Never raises.
    """
    reasons = _other_claims_named(matched, candidates, references)
    ours = frozenset(normalize_reference(c.creditor_reference) for c in candidates if c.creditor_reference)
    lookalikes = lookalike_references(own_text, matched.creditor_reference or "", ours)
    if lookalikes:
        shown = ", ".join(f"'{w}'" for w in lookalikes[:3])
        reasons.append(
            f"the reply names {shown}, which resembles but is not the claim's reference "
            f"{matched.creditor_reference}: another account, or another person's"
        )
    return reasons + _other_births(own_text, matched.client_date_of_birth)
